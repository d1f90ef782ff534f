"""Concurrency of the access point on PostgreSQL (row locks, real threads).

Sending: two senders at once on one outbox row send it exactly once (the claim).

Receiving: a retry arriving together with its original.

The same AS4 message POSTed twice at the same moment (a sender that timed out and
retried while the first copy was still being stored): it is stored once, the inbox
handler is called once, and both requests get the same signed receipt.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import InboundMessage, OutboundMessage, Transmission
from tests.platform.concurrency import at_once
from tests.platform.ops.conftest import on_postgres

from .conftest import package, sbdh_bytes
from .test_sending import receiver, sender  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not on_postgres(), reason="needs PostgreSQL (concurrent transactions)"),
]


@pytest.mark.django_db(transaction=True)
def test_the_same_message_twice_at_once_is_stored_and_delivered_once(
    receiver_settings, ap_pki, handlers
):
    calls: list[str] = []
    lock = threading.Lock()

    def slow_inbox(*, message_id, **kwargs):
        with lock:
            calls.append(message_id)
        time.sleep(0.5)  # the other copy arrives while this one is not committed

    services.on_inbound(slow_inbox)
    out = package(ap_pki, sbdh_bytes(), now=dt.datetime.now(dt.UTC))
    copies = 4
    barrier = threading.Barrier(copies)

    def post(_):
        try:
            barrier.wait()
            return services.receive(out.body, out.content_type, now=dt.datetime.now(dt.UTC))
        finally:
            connection.close()

    with ThreadPoolExecutor(copies) as pool:
        answers = list(pool.map(post, range(copies)))
    assert [a.status for a in answers] == [200] * copies
    assert sum(a.stored for a in answers) == 1
    assert sum(a.duplicate for a in answers) == copies - 1
    assert len({a.body for a in answers}) == 1  # the same receipt for every copy
    assert calls == [out.message_id]
    assert InboundMessage.objects.filter(message_id=out.message_id).count() == 1
    assert Transmission.objects.filter(message_id=out.message_id).count() == 1
    services_receipt = bytes(InboundMessage.objects.get(message_id=out.message_id).receipt)
    assert answers[0].body == services_receipt


def _while_locked(ids: list[str], work) -> list[object]:
    """``at_once(2, work)`` started while a third transaction holds the rows' locks: both
    senders have read the rows as due and wait at their claim when the lock goes, the
    moment a claim that is not one atomic statement would let both through."""
    done: list[list[object]] = []
    runner = threading.Thread(target=lambda: done.append(at_once(2, work)))
    with transaction.atomic():
        list(OutboundMessage.objects.select_for_update().filter(message_id__in=ids))
        runner.start()
        time.sleep(1.5)
    runner.join()
    return done[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["attempt", "send_due"])
def test_two_senders_at_once_send_each_outbox_row_exactly_once(receiver, how, settings):  # noqa: F811
    """Two workers on the same due rows (the task of a commit and the minute sweep, or two
    sweeps): one conditional UPDATE claims a row, the other leaves it alone."""
    # enqueued only: the first attempt is this test's, not the task run at commit
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    now = dt.datetime.now(dt.UTC)
    ids = [services.enqueue(sbdh=sbdh_bytes(), now=now) for _ in range(ROWS)]
    if how == "attempt":
        results = _while_locked(ids[:1], lambda _: services.attempt(ids[0], now=now))
        assert len(receiver.bodies) == 1, results
        results += at_once(2, lambda _: services.send_due(now=lambda: now))
    else:
        results = _while_locked(ids, lambda _: services.send_due(now=lambda: now))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len(receiver.bodies) == ROWS  # each POSTed once
    assert sorted(receiver.delivered) == sorted(ids)
    rows = OutboundMessage.objects.filter(message_id__in=ids)
    assert {(row.state, row.attempts) for row in rows} == {("receipted", 1)}
    assert Transmission.objects.filter(message_id__in=ids).count() == ROWS


ROWS = 3
