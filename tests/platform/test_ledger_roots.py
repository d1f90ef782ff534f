"""The published daily roots: ``/ledger/roots.json`` and ``/ledger/roots.atom``, no login."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from heldigital import ledger
from heldigital import xml as hxml
from heldigital.apps.protocol import services
from heldigital.apps.protocol.models import DailyRoot

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def record(pid: str, hours: int) -> None:
    services.record(
        procurement_id=pid, type="step", actor="user:1", payload={}, now=T0 + timedelta(hours=hours)
    )


def test_the_roots_are_published_as_json_to_anyone(client):
    empty = client.get("/ledger/roots.json")
    assert empty.status_code == 200 and empty.json()["roots"] == []
    record("A", 0)
    record("B", 30)
    services.seal_due(T0 + timedelta(days=2))
    response = client.get("/ledger/roots.json")  # anonymous
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]
    body = response.json()
    rows = list(DailyRoot.objects.order_by("day"))
    assert body["roots"] == [
        {
            "day": row.day.isoformat(),
            "root": row.root,
            "merkle_root": row.merkle_root,
            "previous_root": row.previous_root,
            "chains": row.chains,
            "sealed_at": ledger.format_time(row.sealed_at),
        }
        for row in rows
    ]
    assert body["roots"][0]["previous_root"] == ledger.GENESIS
    assert body["roots"][1]["previous_root"] == body["roots"][0]["root"]
    # Anyone can recompute the chain of roots from what is published.
    for item in body["roots"]:
        assert (
            ledger.day_root_hash(
                date.fromisoformat(item["day"]),
                item["previous_root"],
                item["merkle_root"],
                item["chains"],
            )
            == item["root"]
        )


def test_the_atom_feed_parses_and_its_ids_are_stable(client):
    record("A", 0)
    services.seal_due(T0 + timedelta(days=1, hours=1))
    first = client.get("/ledger/roots.atom")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("application/atom+xml")
    feed = hxml.parse(first.content, source="roots.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    root = DailyRoot.objects.get()
    entry = entries[0]
    ident = entry.findtext(f"{ATOM}id")
    assert entry.findtext(f"{ATOM}title") == f"Protocol root {root.day.isoformat()}"
    assert root.root in entry.findtext(f"{ATOM}content")
    assert entry.findtext(f"{ATOM}updated") == ledger.format_time(root.sealed_at)
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}link[@rel='self']") is not None

    record("B", 40)
    services.seal_due(T0 + timedelta(days=3))
    again = hxml.parse(client.get("/ledger/roots.atom").content, source="roots.atom").getroot()
    ids = [e.findtext(f"{ATOM}id") for e in again.findall(f"{ATOM}entry")]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert ids[-1] == ident  # newest first; the old entry keeps its id
    assert client.get("/ledger/roots.atom").content == client.get("/ledger/roots.atom").content
