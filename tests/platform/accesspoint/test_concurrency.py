"""A retry arriving together with its original, on PostgreSQL (row locks, real threads).

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
from django.db import connection

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import InboundMessage, Transmission
from tests.platform.ops.conftest import on_postgres

from .conftest import package, sbdh_bytes

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
