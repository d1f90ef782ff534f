"""The invoicing API: upload, list, read and decide, with the roles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from heldigital.apps.accounts.models import ApiToken, Role
from tests.conftest import corpus
from tests.platform.conftest import LONG_LIVED, make_user

T = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def bearer(user, organisation):
    _, raw = ApiToken.issue(
        user=user, organisation=organisation, name="t", now=T, expires_at=T + LONG_LIVED
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def example(name: str) -> bytes:
    return corpus("peppol-bis-invoice-3", "rules", "examples", name).read_bytes()


@pytest.fixture
def approver(municipality):
    return make_user("approver", (municipality, Role.APPROVER))


def upload(client, auth, data: bytes):
    return client.post("/api/v1/invoices", data=data, content_type="application/xml", **auth)


def test_upload_inbox_and_decision(client, municipality, buyer, approver):
    officer = bearer(buyer, municipality)
    answer = upload(client, officer, example("base-example.xml"))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["state"], body["match_status"], body["valid"]) == ("inbox", "no-order", True)
    assert body["decided_by_rules"] == ["order-reference"]
    copy = upload(client, officer, example("sales-order-example.xml")).json()
    assert copy["state"] == "duplicate"  # the first received stays the original
    listed = client.get("/api/v1/invoices?state=inbox", **officer).json()
    assert [i["id"] for i in listed] == [body["id"]]
    inbox_id = body["id"]

    # an officer may read but not decide; an approver decides
    refused = client.post(
        f"/api/v1/invoices/{inbox_id}/decision",
        data={"approve": True},
        content_type="application/json",
        **officer,
    )
    assert refused.status_code == 403
    decided = client.post(
        f"/api/v1/invoices/{inbox_id}/decision",
        data={"approve": True, "note": "OK"},
        content_type="application/json",
        **bearer(approver, municipality),
    )
    assert decided.status_code == 200 and decided.json()["state"] == "approved"
    again = client.post(
        f"/api/v1/invoices/{inbox_id}/decision",
        data={"approve": True},
        content_type="application/json",
        **bearer(approver, municipality),
    )
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")


def test_invalid_upload_is_stored_and_answered_with_the_rules_broken(client, municipality, buyer):
    data = example("base-example.xml").replace(
        b'<cbc:PayableAmount currencyID="EUR">1656.25',
        b'<cbc:PayableAmount currencyID="EUR">1656.26',
    )
    answer = upload(client, bearer(buyer, municipality), data)
    assert answer.status_code == 201
    body = answer.json()
    assert body["state"] == "invalid" and not body["valid"]
    assert [f["rule"] for f in body["findings"]] == ["BR-CO-16"]


def test_other_organisations_see_nothing(client, municipality, agency, supplier, buyer):
    row = upload(client, bearer(buyer, municipality), example("base-example.xml")).json()
    seller = make_user("seller", (supplier, Role.SUPPLIER_USER))
    assert upload(client, bearer(seller, supplier), example("base-example.xml")).status_code == 403
    assert client.get("/api/v1/invoices", **bearer(seller, supplier)).status_code == 403
    other = make_user("other", (agency, Role.PROCUREMENT_OFFICER))
    assert client.get(f"/api/v1/invoices/{row['id']}", **bearer(other, agency)).status_code == 404
    assert client.get("/api/v1/invoices", **bearer(other, agency)).json() == []
    assert client.get(f"/api/v1/invoices/{row['id']}").status_code == 401


def test_only_xml_is_accepted(client, municipality, buyer):
    answer = client.post(
        "/api/v1/invoices",
        data={"x": "1"},
        content_type="application/json",
        **bearer(buyer, municipality),
    )
    assert answer.status_code == 415


def test_query_and_rejection_answer_the_supplier(client, on_platform, approver):
    from heldigital.apps.exchange import services as exchange
    from heldigital.apps.invoicing.models import ReceivedInvoice

    municipality, supplier = on_platform
    sent = exchange.send(
        organisation=supplier,
        payload=example("base-example.xml"),
        receiver=municipality.peppol_id,
        now=T,
    )
    row = ReceivedInvoice.objects.get(exchange_document__counterpart=sent)
    auth = bearer(approver, municipality)
    url = f"/api/v1/invoices/{row.pk}"
    assert [r["status"] for r in client.get(url, **auth).json()["responses"]] == ["AB"]
    for bad in ({"reasons": []}, {"reasons": [{"code": "XXX"}]}, {"reasons": "REF"}, {}):
        answer = client.post(f"{url}/query", data=bad, content_type="application/json", **auth)
        assert answer.status_code == 422, (bad, answer.content)
    asked = client.post(
        f"{url}/query",
        data={"reasons": [{"code": "REF", "text": "Mangler ordrenummer"}]},
        content_type="application/json",
        **auth,
    )
    assert asked.status_code == 200, asked.content
    assert sorted(r["status"] for r in asked.json()["responses"]) == ["AB", "UQ"]
    again = client.post(
        f"{url}/query",
        data={"reasons": [{"code": "REF"}]},
        content_type="application/json",
        **auth,
    )
    assert again.status_code == 409
    bad_reason = client.post(
        f"{url}/decision",
        data={"approve": False, "note": "x", "reason": "NOPE"},
        content_type="application/json",
        **auth,
    )
    assert bad_reason.status_code == 422
    rejected = client.post(
        f"{url}/decision",
        data={"approve": False, "note": "Feil pris", "reason": "PRI"},
        content_type="application/json",
        **auth,
    )
    assert rejected.status_code == 200
    body = rejected.json()
    assert body["state"] == "rejected"
    assert sorted(r["status"] for r in body["responses"]) == ["AB", "RE", "UQ"]
    assert all(r["exchange_document_id"] and not r["error"] for r in body["responses"])
