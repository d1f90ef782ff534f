"""Competing changes of one procurement's status at the same moment (PostgreSQL).

Officers publish and cancel the same draft at once, each request holding the
procurement as it loaded it (a draft). Exactly one change wins; every other is
refused with :class:`lifecycle.TransitionRefused` (409) naming the status the
winner left; the protocol holds exactly the winner's event and its chain
verifies. Real connections per thread, released together at a barrier.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.models import Procurement, ProcurementStatus
from tests.platform.conftest import acting

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

EVENTS = {
    ProcurementStatus.PUBLISHED: "procurement.published",
    ProcurementStatus.CANCELLED: "procurement.cancelled",
}


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transitions are tested on PostgreSQL (SQLite serialises writers)")


def at_once(targets: list[str], pk: int, principal, now) -> list[object]:
    barrier = threading.Barrier(len(targets))
    results: list[object] = [None] * len(targets)

    def run(n: int) -> None:
        try:
            procurement = Procurement.objects.get(pk=pk)  # each request loads its own copy
            barrier.wait()
            results[n] = lifecycle.transition(
                procurement,
                targets[n],
                principal=principal,
                now=now + timedelta(seconds=n),
                payload={"request": n},
            )
        except Exception as exc:
            results[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("rounds", range(3))
def test_publish_and_cancel_at_once_one_wins(rounds, draft, buyer, municipality, now):
    targets = [ProcurementStatus.PUBLISHED, ProcurementStatus.CANCELLED] * 4
    before = ProtocolEvent.objects.filter(procurement_id=draft.reference).count()
    results = at_once(targets, draft.pk, acting(buyer, municipality), now + timedelta(hours=1))

    won = [(n, r) for n, r in enumerate(results) if isinstance(r, ProtocolEvent)]
    refused = [r for r in results if isinstance(r, lifecycle.TransitionRefused)]
    assert len(won) == 1, results
    assert len(refused) == len(targets) - 1, results
    n, event = won[0]
    winner = targets[n]
    stored = Procurement.objects.get(pk=draft.pk)
    assert stored.status == winner
    assert event.type == EVENTS[winner] and event.data == {"request": n}
    for refusal in refused:
        # the loser is told the status the winner left, not the stale draft it loaded
        assert refusal.source == winner
        assert ProcurementStatus(winner).label.lower() in str(refusal)
    events = ProtocolEvent.objects.filter(procurement_id=draft.reference)
    assert events.count() == before + 1
    assert events.order_by("-sequence").first().type == EVENTS[winner]
    assert protocol.verify_procurement(draft.reference).ok
