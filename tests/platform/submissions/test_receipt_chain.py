"""Every receipt carries the chain head it extends; ``ledger verify --receipts`` proves deletions.

The hash chain alone cannot see the *last* events of a chain removed (what
is left is still a valid chain) until a daily root covering them is
sealed. A receipt names its own ``tender.submitted`` event (ledger id,
sequence, hash) inside what the platform signed, so every supplier holds
proof of the chain up to its tender: ``heldigital ledger verify --receipts
DIR`` exits 1 and names the event when it is missing or changed.
"""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from typer.testing import CliRunner

from heldigital.apps.protocol import guards
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.protocol.services import sealed_chain
from heldigital.apps.submissions.receipts import read_receipt, receipt_pdf
from heldigital.cli.main import app

from .conftest import bearer, xml_document
from .test_api import API, pdf_text, start, upload_via_api

runner = CliRunner()


@pytest.fixture
def auth(supplier, supplier_user, supplier_b, supplier_b_user):
    return {"a": bearer(supplier_user, supplier), "b": bearer(supplier_b_user, supplier_b)}


def submit(client, headers, marker: str) -> dict:
    tender = start(client, headers)
    upload_via_api(client, headers, tender, xml_document(marker), chunk=1 << 16)
    response = client.post(f"{API}/tenders/{tender}/submit", **headers)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_receipts_name_their_event_and_prove_the_deletion_of_the_last_one(
    client, procurement, auth, clock, tmp_path
):
    folder = tmp_path / "receipts"
    folder.mkdir()
    receipts = []
    for name in ("a", "b"):
        clock.advance(minutes=1)
        body = submit(client, auth[name], f"tender {name}")
        receipts.append(body)
        xml = client.get(body["xml"], **auth[name]).content
        (folder / f"receipt-{name}.xml").write_bytes(xml)

        # The receipt's own tender.submitted event, in the signed XML, the PDF and the JSON.
        head = read_receipt(xml)[1].chain_head
        event = ProtocolEvent.objects.filter(
            procurement_id=sealed_chain(procurement.reference), type="tender.submitted"
        ).latest("sequence")
        assert head is not None
        assert (head.ledger_id, head.sequence, head.hash) == (
            sealed_chain(procurement.reference),
            event.sequence,
            event.hash,
        )
        assert body["protocol_event"] == {
            "ledger_id": sealed_chain(procurement.reference),
            "sequence": event.sequence,
            "hash": event.hash,
        }
        text = pdf_text(receipt_pdf(xml))
        assert f"{sealed_chain(procurement.reference)} #{event.sequence}".encode() in text
        assert event.hash[:32].encode() in text and event.hash[32:].encode() in text
    last = ProtocolEvent.objects.filter(
        procurement_id=sealed_chain(procurement.reference)
    ).order_by("-sequence")[0]
    assert last.type == "tender.submitted"
    assert receipts[1]["protocol_event"]["sequence"] == last.sequence

    intact = runner.invoke(app, ["ledger", "verify", "--receipts", str(folder)])
    assert intact.exit_code == 0, intact.output
    assert "2 receipt(s)" in intact.output

    # A database administrator removes the last event (the last tender) with raw SQL.
    guards.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM protocol_protocolevent WHERE id = %s", [last.pk])

    # The chain alone still verifies: what is left is a valid, shorter chain.
    blind = runner.invoke(app, ["ledger", "verify"])
    assert blind.exit_code == 0, blind.output

    # The receipts see it.
    proved = runner.invoke(app, ["ledger", "verify", "--receipts", str(folder)])
    assert proved.exit_code == 1, proved.output
    assert (
        f"BROKEN procurement {sealed_chain(procurement.reference)}, sequence {last.sequence}, "
        "type tender.submitted: receipt receipt-b.xml: missing from the protocol"
    ) in " ".join(proved.output.split())
    assert "receipt-a.xml" not in proved.output


@pytest.mark.django_db
def test_a_changed_event_and_a_forged_receipt_are_named(client, procurement, auth, clock, tmp_path):
    clock.advance(minutes=1)
    body = submit(client, auth["a"], "tender a")
    xml = client.get(body["xml"], **auth["a"]).content
    folder = tmp_path / "receipts"
    folder.mkdir()
    (folder / "good.xml").write_bytes(xml)
    # A forged receipt: the time of receipt moved by a second; the signature breaks.
    forged = xml.replace(
        b"<TimeOfReceipt>2026-11-28T11:01:00", b"<TimeOfReceipt>2026-11-28T11:00:59"
    )
    assert forged != xml
    (folder / "forged.xml").write_bytes(forged)
    (folder / "notes.txt").write_text("not a receipt")
    result = runner.invoke(app, ["ledger", "verify", "--receipts", str(folder)])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "BROKEN receipt forged.xml: the signature is not the platform's" in text
    assert "BROKEN receipt notes.txt" not in text  # only XML files are receipts
    assert "good.xml" not in text

    (folder / "forged.xml").unlink()
    event = ProtocolEvent.objects.get(
        procurement_id=sealed_chain(procurement.reference),
        sequence=body["protocol_event"]["sequence"],
    )
    guards.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE protocol_protocolevent SET hash = %s WHERE id = %s",
            [hashlib.sha256(b"other").hexdigest(), event.pk],
        )
    changed = runner.invoke(app, ["ledger", "verify", "--receipts", str(folder)])
    assert changed.exit_code == 1
    text = " ".join(changed.output.split())
    assert (
        f"procurement {sealed_chain(procurement.reference)}, sequence {event.sequence}, "
        "type tender.submitted: "
        "receipt good.xml: changed"
    ) in text
