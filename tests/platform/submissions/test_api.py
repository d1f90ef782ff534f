"""The tender API: resumable chunked upload, receipts, isolation, opening."""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from datetime import timedelta

import pytest

from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions.receipts import verify_receipt

from .conftest import DEADLINE, bearer, xml_document

API = "/api/v1"


@pytest.fixture
def auth(
    supplier, supplier_user, supplier_b, supplier_b_user, municipality, buyer, opener, opener2
):
    return {
        "a": bearer(supplier_user, supplier),
        "b": bearer(supplier_b_user, supplier_b),
        "buyer": bearer(buyer, municipality),
        "opener1": bearer(opener, municipality),
        "opener2": bearer(opener2, municipality),
    }


def pdf_text(pdf: bytes) -> bytes:
    """The decoded content streams of a reportlab PDF (ASCII85, then Flate)."""
    text = b""
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = b"".join(match.group(1).split()).removesuffix(b"~>")
        try:
            text += zlib.decompress(base64.a85decode(data))
        except (ValueError, zlib.error):
            continue
    return text


def upload_via_api(client, headers, tender_id, content, *, chunk, kind="attachment", name="a.xml"):
    response = client.post(
        f"{API}/tenders/{tender_id}/files",
        {
            "kind": kind,
            "name": name,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "content_type": "application/xml",
        },
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201, response.content
    upload = response.json()
    for offset in range(0, len(content), chunk):
        response = client.put(
            f"{API}/uploads/{upload['id']}?offset={offset}",
            content[offset : offset + chunk],
            content_type="application/octet-stream",
            **headers,
        )
        assert response.status_code == 200, response.content
    response = client.post(f"{API}/uploads/{upload['id']}/complete", **headers)
    assert response.status_code == 200, response.content
    return upload["id"], response.json()


def start(client, headers, reference="HD-2026-0100"):
    response = client.post(f"{API}/procurements/{reference}/tenders", **headers)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_a_supplier_submits_through_the_api_and_verifies_its_receipt(
    client, procurement, auth, clock
):
    content = xml_document("api", size=100_000)
    tender_id = start(client, auth["a"])
    response = client.post(
        f"{API}/tenders/{tender_id}/files",
        {
            "kind": "attachment",
            "name": "beskrivelse.xml",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "content_type": "application/xml",
        },
        content_type="application/json",
        **auth["a"],
    )
    assert response.status_code == 201
    upload = response.json()["id"]
    status = client.get(f"{API}/uploads/{upload}", **auth["a"]).json()
    assert status["offset"] == 0 and status["status"] == "receiving"
    chunk = 30_000
    put = client.put(
        f"{API}/uploads/{upload}?offset=0",
        content[:chunk],
        content_type="application/octet-stream",
        **auth["a"],
    )
    assert put.status_code == 200 and put.json()["offset"] == chunk
    # A repeated or skipped chunk: 409 problem details naming the right offset.
    wrong = client.put(
        f"{API}/uploads/{upload}?offset=0",
        content[:chunk],
        content_type="application/octet-stream",
        **auth["a"],
    )
    assert wrong.status_code == 409
    assert wrong["Content-Type"] == "application/problem+json"
    assert wrong.json()["offset"] == chunk
    # The client asks where to go on, then sends the rest (PATCH works as PUT).
    offset = client.get(f"{API}/uploads/{upload}", **auth["a"]).json()["offset"]
    while offset < len(content):
        response = client.patch(
            f"{API}/uploads/{upload}?offset={offset}",
            content[offset : offset + chunk],
            content_type="application/octet-stream",
            **auth["a"],
        )
        assert response.status_code == 200
        offset = response.json()["offset"]
    done = client.post(f"{API}/uploads/{upload}/complete", **auth["a"])
    assert done.status_code == 200
    assert done.json()["sha256"] == hashlib.sha256(content).hexdigest()
    clock.advance(minutes=5)
    receipt = client.post(f"{API}/tenders/{tender_id}/submit", **auth["a"])
    assert receipt.status_code == 200, receipt.content
    body = receipt.json()
    assert body["time_of_receipt"].startswith("2026-11-28T11:05:00")
    xml = client.get(body["xml"], **auth["a"])
    assert xml["Content-Type"] == "application/xml"
    key = client.get(f"{API}/receipts/platform-key", **auth["a"]).json()
    check = verify_receipt(xml.content, base64.b64decode(key["public_key"]))
    assert check.valid and check.fingerprint == key["fingerprint"] == body["key_fingerprint"]
    assert check.data.files[0].sha256 == hashlib.sha256(content).hexdigest()
    pdf = client.get(body["pdf"], **auth["a"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    assert hashlib.sha256(content).hexdigest().encode() in text
    assert b"28.11.2026 kl. 12:05:00 CET" in text and body["key_fingerprint"].encode() in text
    mine = client.get(f"{API}/tenders", **auth["a"]).json()
    assert [t["id"] for t in mine] == [tender_id] and mine[0]["status"] == "submitted"


def test_supplier_b_never_sees_supplier_as_tender(client, procurement, auth, clock):
    tender_id = start(client, auth["a"])
    upload_id, _ = upload_via_api(client, auth["a"], tender_id, xml_document("a"), chunk=4096)
    client.post(f"{API}/tenders/{tender_id}/submit", **auth["a"])
    for path in (
        f"/tenders/{tender_id}",
        f"/tenders/{tender_id}/receipt",
        f"/tenders/{tender_id}/receipt.xml",
        f"/tenders/{tender_id}/receipt.pdf",
        f"/uploads/{upload_id}",
    ):
        response = client.get(API + path, **auth["b"])
        assert response.status_code == 404, path
    for path in (f"/tenders/{tender_id}/withdraw", f"/tenders/{tender_id}/submit"):
        assert client.post(API + path, **auth["b"]).status_code == 404
    assert (
        client.put(
            f"{API}/uploads/{upload_id}?offset=0",
            b"x",
            content_type="application/octet-stream",
            **auth["b"],
        ).status_code
        == 404
    )
    assert client.get(f"{API}/tenders", **auth["b"]).json() == []
    # Nor does a supplier see the buyer's overview of who has tendered.
    assert client.get(f"{API}/procurements/HD-2026-0100/tenders", **auth["b"]).status_code == 404


def test_buyers_see_nothing_of_the_tenders_until_opening(client, procurement, auth, clock):
    ids = []
    for who in ("a", "b"):
        tender_id = start(client, auth[who])
        ids.append(tender_id)
        upload_via_api(client, auth[who], tender_id, xml_document(who), chunk=4096)
        clock.advance(minutes=1)
        assert client.post(f"{API}/tenders/{tender_id}/submit", **auth[who]).status_code == 200
    overview = client.get(f"{API}/procurements/HD-2026-0100/tenders", **auth["buyer"]).json()
    # Not the number, not the times, not the ids.
    assert overview["opened"] is False and overview["count"] is None
    assert overview["received_at"] == [] and overview["tenders"] == []
    tender_id = ids[0]

    # Early opening: refused with deadline and server time, and recorded.
    early = client.post(f"{API}/procurements/HD-2026-0100/opening", **auth["opener1"])
    assert early.status_code == 403
    assert "01.12.2026 kl. 12:00:00 CET" in early.json()["detail"]
    assert ProtocolEvent.objects.filter(type="opening.refused").count() == 1
    assert (
        client.get(f"{API}/procurements/HD-2026-0100/opening-record", **auth["buyer"]).status_code
        == 404
    )

    clock.now = DEADLINE + timedelta(minutes=2)
    first = client.post(f"{API}/procurements/HD-2026-0100/opening", **auth["opener1"]).json()
    assert first == {
        "status": "waiting",
        "openers": 1,
        "required_openers": 2,
        "opening_record": None,
    }
    assert (
        client.post(f"{API}/procurements/HD-2026-0100/opening", **auth["buyer"]).status_code == 403
    )
    clock.advance(minutes=1)
    second = client.post(f"{API}/procurements/HD-2026-0100/opening", **auth["opener2"]).json()
    assert second["status"] == "opened"
    record = client.get(second["opening_record"], **auth["buyer"]).json()
    assert len(record["tenders"]) == 2 and record["key_fingerprint"].startswith("SHA256:")
    pdf = client.get(second["opening_record"] + ".pdf", **auth["buyer"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    text = pdf_text(pdf.content)
    assert b"920000029" in text and b"920000037" in text and b"kl. 12:00:00 CET" in text
    assert client.get(second["opening_record"] + ".pdf", **auth["a"]).status_code == 404
    overview = client.get(f"{API}/procurements/HD-2026-0100/tenders", **auth["buyer"]).json()
    assert overview["opened"] is True
    opened = {t["tender"]: t for t in overview["tenders"]}
    assert opened[tender_id]["supplier_orgnr"] == "920000029"
    file_id = opened[tender_id]["files"][0]["id"]
    content = client.get(
        f"{API}/procurements/HD-2026-0100/tenders/{tender_id}/files/{file_id}", **auth["buyer"]
    )
    assert content.status_code == 200
    assert b"".join(content.streaming_content) == xml_document("a")
    # The supplier cannot read even its own tender back through the buyer's route:
    # it does not act for the buyer, so the route does not exist for it.
    assert (
        client.get(
            f"{API}/procurements/HD-2026-0100/tenders/{tender_id}/files/{file_id}", **auth["a"]
        ).status_code
        == 404
    )


def test_late_submission_is_refused_with_the_deadline_and_the_server_time(
    client, procurement, auth, clock
):
    tender_id = start(client, auth["a"])
    upload_via_api(client, auth["a"], tender_id, xml_document("late"), chunk=1000)
    clock.now = DEADLINE + timedelta(minutes=30)
    response = client.post(f"{API}/tenders/{tender_id}/submit", **auth["a"])
    assert response.status_code == 409
    problem = response.json()
    assert problem["deadline"] == "2026-12-01T11:00:00+00:00"
    assert problem["server_time"] == "2026-12-01T11:30:00+00:00"
    assert "01.12.2026 kl. 12:00:00 CET" in problem["detail"]
    assert "01.12.2026 kl. 12:30:00 CET" in problem["detail"]
    assert client.get(f"{API}/tenders/{tender_id}", **auth["a"]).json()["status"] == "draft"


def test_a_chunk_without_length_or_over_the_limit_is_refused(
    client, procurement, auth, clock, settings
):
    settings.HELDIGITAL_CHUNK_MAX_BYTES = 100
    tender_id = start(client, auth["a"])
    content = xml_document("limit", size=500)
    response = client.post(
        f"{API}/tenders/{tender_id}/files",
        {
            "kind": "attachment",
            "name": "x.xml",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "content_type": "application/xml",
        },
        content_type="application/json",
        **auth["a"],
    )
    upload = response.json()["id"]
    big = client.put(
        f"{API}/uploads/{upload}?offset=0",
        content[:101],
        content_type="application/octet-stream",
        **auth["a"],
    )
    assert big.status_code == 400 and "1 to 100 bytes" in big.json()["detail"]
    empty = client.put(
        f"{API}/uploads/{upload}?offset=0",
        b"",
        content_type="application/octet-stream",
        **auth["a"],
    )
    assert empty.status_code == 411


def test_the_refusal_is_in_norwegian_by_default(client, procurement, auth, clock):
    tender_id = start(client, auth["a"])
    upload_via_api(client, auth["a"], tender_id, xml_document("sent"), chunk=1000)
    clock.now = DEADLINE
    headers = {**auth["a"], "HTTP_ACCEPT_LANGUAGE": "nb"}
    detail = client.post(f"{API}/tenders/{tender_id}/submit", **headers).json()["detail"]
    assert detail == (
        "Tilbudsfristen for HD-2026-0100 var 01.12.2026 kl. 12:00:00 CET; servertiden er nå "
        "01.12.2026 kl. 12:00:00 CET (Europe/Oslo). Tilbud kan ikke lenger leveres, endres "
        "eller trekkes."
    )


def test_the_openapi_document_describes_the_chunk_upload(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    upload = response.json()["paths"]["/api/v1/uploads/{upload_id}"]
    for method in ("put", "patch"):
        body = upload[method]["requestBody"]["content"]
        assert body == {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
        }
        assert any(p["name"] == "offset" for p in upload[method]["parameters"])
