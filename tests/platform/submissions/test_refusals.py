"""Refused actions: rate-limited and aggregated in the protocol; refusals by people
with no role in the procurement are not written to its protocol at all."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent, RefusalTally
from heldigital.apps.submissions import services
from tests.platform.conftest import acting

from .conftest import BEFORE, DEADLINE, bearer, upload_file, xml_document
from .test_api import API

pytestmark = pytest.mark.django_db

REF = "HD-2026-0100"


def refused(type_: str, chain: str = REF) -> list[ProtocolEvent]:
    return list(ProtocolEvent.objects.filter(procurement_id=chain, type=type_).order_by("sequence"))


def test_one_event_per_actor_reason_and_window_then_one_aggregate():
    at = BEFORE.replace(minute=0, second=0)
    for k in range(5):
        protocol.record_refusal(
            procurement_id="R-1",
            type="opening.refused",
            actor="user:a",
            reason="before-deadline",
            payload={"n": k},
            now=at + timedelta(seconds=k),
        )
    protocol.record_refusal(
        procurement_id="R-1",
        type="opening.refused",
        actor="user:b",
        reason="before-deadline",
        payload={},
        now=at + timedelta(seconds=6),
    )
    events = refused("opening.refused", "R-1")
    assert [(e.actor, e.data["attempts"], e.data.get("n")) for e in events] == [
        ("user:a", 1, 0),
        ("user:b", 1, None),
    ]
    # The next window: its first refusal writes the previous window's remainder first.
    later = at + protocol.REFUSAL_WINDOW + timedelta(seconds=1)
    protocol.record_refusal(
        procurement_id="R-1",
        type="opening.refused",
        actor="user:a",
        reason="before-deadline",
        payload={},
        now=later,
    )
    events = refused("opening.refused", "R-1")
    assert [(e.actor, e.data["attempts"], e.data.get("aggregated", False)) for e in events] == [
        ("user:a", 1, False),
        ("user:b", 1, False),
        ("user:a", 4, True),
        ("user:a", 1, False),
    ]
    assert events[2].data["last_at"] == "2026-11-28T11:00:04.000000Z"
    assert protocol.flush_refusals(now=later) == 0  # nothing left uncounted
    assert protocol.verify_procurement("R-1").ok


@pytest.fixture
def tender(procurement, supplier, supplier_user):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("x"), now=BEFORE)
    services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    return tender


def test_refused_openings_through_the_api(
    client,
    tender,
    supplier,
    supplier_user,
    supplier_b,
    supplier_b_user,
    municipality,
    buyer,
    opener,
    opener2,
    clock,
    caplog,
):
    caplog.set_level(logging.WARNING, logger="heldigital.refusals")
    clock.now = BEFORE + timedelta(hours=1)
    url = f"{API}/procurements/{REF}/opening"
    outsider = bearer(supplier_b_user, supplier_b)
    officer = bearer(buyer, municipality)
    early = bearer(opener, municipality)
    for _ in range(20):
        # Another organisation's people do not even see the buyer's procurement (404).
        assert client.post(url, **outsider).status_code == 404
        assert client.post(url, **officer).status_code == 403
        assert client.post(url, **early).status_code == 403
    # The outsider wrote nothing to the protocol; the buyer's people once each.
    events = refused("opening.refused")
    assert sorted((e.actor.split("@")[0], e.data["reason"]) for e in events) == [
        ("user:buyer", "not-an-opener"),
        ("user:opener1", "before-deadline"),
    ]
    assert RefusalTally.objects.get(actor__startswith="user:opener1").count == 20

    # A refused early read of a tender file: in the sealed part, once; an outsider's
    # (another supplier's) read is refused without a trace in the protocol.
    tender_file = tender.files.get()
    path = f"{API}/procurements/{REF}/tenders/{tender.id}/files/{tender_file.id}"
    for _ in range(3):
        assert client.get(path, **officer).status_code == 403
        assert client.get(path, **outsider).status_code == 404
    sealed = protocol.sealed_chain(REF)
    reads = refused("tender.read.refused", sealed)
    assert [(e.actor.split("@")[0], e.data["attempts"]) for e in reads] == [("user:buyer", 1)]
    assert not ProtocolEvent.objects.filter(actor__contains="supplierb").exists()

    # At opening every counted attempt goes into the protocol first, as aggregates.
    clock.now = DEADLINE + timedelta(minutes=1)
    assert client.post(url, **early).json()["status"] == "waiting"
    clock.advance(minutes=1)
    assert client.post(url, **bearer(opener2, municipality)).json()["status"] == "opened"
    aggregates = [
        (e.type, e.actor.split("@")[0], e.data["attempts"])
        for e in protocol.readable_events(REF, sealed=True)
        if e.data.get("aggregated")
    ]
    assert sorted(aggregates) == [
        ("opening.refused", "user:buyer", 19),
        ("opening.refused", "user:opener1", 19),
        ("tender.read.refused", "user:buyer", 2),
    ]
    types = [e.type for e in protocol.readable_events(REF, sealed=True)]
    last_refusal = max(i for i, t in enumerate(types) if t.endswith(".refused"))
    assert last_refusal < types.index("tenders.opened")
    assert protocol.verify_procurement(REF).ok


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_refusals_make_one_event_and_one_aggregate():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent appends are tested on PostgreSQL (SQLite serialises writers)")
    threads, rounds, errors = 12, 3, []
    barrier = threading.Barrier(threads)
    at = BEFORE.replace(minute=0, second=0)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for k in range(rounds):
                protocol.record_refusal(
                    procurement_id="R-PG",
                    type="opening.refused",
                    actor="user:flood",
                    reason="before-deadline",
                    payload={},
                    now=at + timedelta(seconds=1),
                )
                # Another chain's refusals at the same time do not interfere.
                protocol.record_refusal(
                    procurement_id=f"R-PG-{n % 2}",
                    type="opening.refused",
                    actor=f"user:{n}",
                    reason="before-deadline",
                    payload={"k": k},
                    now=at + timedelta(seconds=1),
                )
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    (first,) = refused("opening.refused", "R-PG")
    assert first.data["attempts"] == 1
    assert RefusalTally.objects.get(chain="R-PG").count == threads * rounds
    assert protocol.flush_refusals(now=at + timedelta(seconds=2)) == 1 + threads
    events = refused("opening.refused", "R-PG")
    assert [e.data["attempts"] for e in events] == [1, threads * rounds - 1]
    for chain in ("R-PG", "R-PG-0", "R-PG-1"):
        total = sum(e.data["attempts"] for e in refused("opening.refused", chain))
        expected = threads * rounds if chain == "R-PG" else threads // 2 * rounds
        assert total == expected, chain
        assert protocol.verify_procurement(chain).ok
