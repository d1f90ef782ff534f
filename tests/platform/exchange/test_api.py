"""``/api/v1/exchange``: list, get, send, download; problem details on bad input, never a 5xx."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from heldigital.apps.exchange.models import Document

from .conftest import broken, invoice, order

pytestmark = pytest.mark.django_db

API = "/api/v1/exchange/documents"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(token: str, data: bytes, receiver: str, **params: str):
    query = "&".join(f"{k}={v}" for k, v in {"receiver": receiver, **params}.items())
    return Client().post(
        f"{API}?{query}", data=data, content_type="application/xml", **bearer(token)
    )


def test_send_then_list_get_and_download(on_platform, supplier_token, buyer_token):
    municipality, _ = on_platform
    response = post(supplier_token, invoice(), municipality.peppol_id)
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["direction"] == "out" and sent["state"] == "delivered"
    assert sent["family"] == "invoice" and sent["number"] == "Snippet1"
    assert sent["report"]["valid"] is True and sent["report"]["rule_set"]
    assert [e["state"] for e in sent["history"]] == ["delivered"]
    # the receiver's inbox
    inbox = Client().get(f"{API}?direction=in", **bearer(buyer_token)).json()
    assert [d["number"] for d in inbox] == ["Snippet1"]
    assert inbox[0]["sender"] == "iso6523-actorid-upis::0192:920000029"
    one = Client().get(f"{API}/{inbox[0]['id']}", **bearer(buyer_token))
    assert one.status_code == 200 and one.json()["state"] == "received"
    payload = Client().get(f"{API}/{inbox[0]['id']}/payload", **bearer(buyer_token))
    assert payload.status_code == 200 and payload.content == invoice()
    assert payload["Content-Type"] == "application/xml"
    envelope = Client().get(f"{API}/{inbox[0]['id']}/envelope", **bearer(buyer_token))
    assert b"StandardBusinessDocumentHeader" in envelope.content
    # filters
    assert Client().get(f"{API}?direction=in", **bearer(supplier_token)).json() == []
    assert len(Client().get(f"{API}?kind=order", **bearer(buyer_token)).json()) == 0
    assert len(Client().get(f"{API}?q=snippet", **bearer(buyer_token)).json()) == 1


def test_another_organisations_document_is_404(on_platform, supplier_token, buyer_token):
    municipality, _ = on_platform
    sent = post(supplier_token, order(), municipality.peppol_id).json()
    for path in ("", "/payload", "/envelope"):
        response = Client().get(f"{API}/{sent['id']}{path}", **bearer(buyer_token))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert Client().get(f"{API}/{uuid.uuid4()}", **bearer(buyer_token)).status_code == 404
    assert Client().get(f"{API}/not-a-uuid", **bearer(buyer_token)).status_code == 422


def test_an_invalid_document_is_422_with_the_findings_and_nothing_stored(
    on_platform, supplier_token
):
    municipality, _ = on_platform
    response = post(supplier_token, broken(invoice()), municipality.peppol_id)
    assert response.status_code == 422
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["status"] == 422 and body["detail"]
    assert "PEPPOL-EN16931-F001" in {e["type"] for e in body["errors"]}
    assert Document.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "content_type", "receiver", "status"),
    [
        (b"", "application/xml", "0192:920000002", 415),  # no body: no content type
        (b"<a>", "application/xml", "0192:920000002", 422),
        (b"\xff\xfe\x00", "application/xml", "0192:920000002", 422),
        (b"{}", "application/json", "0192:920000002", 415),
        (None, "application/xml", "0192:123", 422),
        (None, "application/xml", "x" * 300, 422),
        (None, "application/xml", "%00", 400),
    ],
)
def test_bad_input_is_a_problem_not_a_crash(
    on_platform, supplier_token, data, content_type, receiver, status
):
    response = Client().post(
        f"{API}?receiver={receiver}",
        data=invoice() if data is None else data,
        content_type=content_type,
        **bearer(supplier_token),
    )
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert Document.objects.count() == 0


def test_roles(on_platform, auditor, now, supplier_token):
    from heldigital.apps.accounts.models import ApiToken

    municipality, _ = on_platform
    _, raw = ApiToken.issue(user=auditor, organisation=municipality, name="a", now=now)
    assert Client().get(API, **bearer(raw)).status_code == 200
    assert post(raw, invoice(), "0192:920000029").status_code == 403
    assert Client().get(API).status_code == 401
    assert Document.objects.count() == 0


def test_corrects_must_be_my_outbox(on_platform, supplier_token, buyer_token):
    municipality, supplier = on_platform
    first = post(supplier_token, invoice(), municipality.peppol_id).json()
    second = post(supplier_token, invoice(), municipality.peppol_id, corrects=first["id"])
    assert second.status_code == 201 and second.json()["corrects"] == first["id"]
    # the buyer cannot name the supplier's document
    other = post(buyer_token, order(), supplier.peppol_id, corrects=first["id"])
    assert other.status_code == 404
