"""The ordering API: catalogue, basket, approval, order response, goods receipt; roles and
other organisations (404)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from heldigital.apps.accounts.models import ApiToken, Role
from heldigital.apps.ordering import api as ordering_api
from tests.platform.conftest import LONG_LIVED, make_user
from tests.platform.ordering.conftest import DAY
from tests.platform.ordering.helpers import LineAnswer, answer, despatch, price_update, valid


@pytest.fixture(autouse=True)
def _day(monkeypatch):
    monkeypatch.setattr(ordering_api, "clock", lambda: DAY)


def bearer(user, organisation):
    now = timezone.now()
    _, raw = ApiToken.issue(
        user=user, organisation=organisation, name="t", now=now, expires_at=now + LONG_LIVED
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_order_to_goods_receipt_through_the_api(client, follow_up):
    f = follow_up
    officer, admin = bearer(f.officer, f.buyer), bearer(f.admin, f.buyer)
    requester, receiver = bearer(f.requester, f.buyer), bearer(f.receiver, f.buyer)
    approver = bearer(f.approvers[0], f.buyer)
    contract = f"/api/v1/ordering/contracts/{f.contract.pk}"

    listed = client.get("/api/v1/ordering/contracts", **requester).json()
    assert [(c["number"], c["order_refused"]) for c in listed] == [(f.contract.number, None)]
    assert client.post(f"{contract}/catalogue", **requester).status_code == 403
    made = client.post(f"{contract}/catalogue", **officer)
    assert made.status_code == 201, made.content
    lines = made.json()["lines"]
    first = lines[0]["line_id"]
    found = client.get(f"{contract}/items", {"q": lines[0]["name"][:4]}, **requester).json()
    assert first in [x["line_id"] for x in found]

    # a price update from the supplier, imported by the officer and rejected with reasons
    too_high = Decimal(lines[0]["price"]) + 1
    imported = client.post(
        f"{contract}/catalogues",
        data=price_update(f, {first: too_high}),
        content_type="application/xml",
        **officer,
    )
    assert imported.status_code == 201, imported.content
    version = imported.json()
    assert not next(x for x in version["lines"] if x["line_id"] == first)["complies"]
    decision = f"/api/v1/ordering/catalogues/{version['id']}/decision"
    refused = client.post(decision, {"accept": True}, content_type="application/json", **officer)
    assert refused.status_code == 409 and f"line {first}" in refused.json()["detail"]
    rejected = client.post(decision, {"accept": False}, content_type="application/json", **officer)
    assert rejected.json()["status"] == "rejected"

    # rules, basket, submit, approve: sent
    threshold = {
        "name": "Terskler 2027",
        "effective_from": "2027-01-01",
        "no_approval_up_to": "0",
        "second_level_above": "1000000",
    }
    post = client.post
    assert (
        post(
            "/api/v1/ordering/rules/thresholds",
            threshold,
            content_type="application/json",
            **officer,
        ).status_code
        == 403
    )
    assert (
        post(
            "/api/v1/ordering/rules/thresholds", threshold, content_type="application/json", **admin
        ).status_code
        == 201
    )
    authority = {
        "name": "Fullmakt A",
        "effective_from": "2027-01-01",
        "approver": f.approvers[0].username,
        "cost_centre": "*",
        "limit": "1000000",
    }
    added = post(
        "/api/v1/ordering/rules/authorities", authority, content_type="application/json", **admin
    )
    assert added.status_code == 201, added.content
    basket = {
        "contract_id": str(f.contract.pk),
        "cost_centre": "1200",
        "lines": [{"catalogue_line": first, "quantity": "5"}],
    }
    created = post("/api/v1/ordering/orders", basket, content_type="application/json", **requester)
    assert created.status_code == 201, created.content
    order = created.json()
    base = f"/api/v1/ordering/orders/{order['id']}"
    assert post(f"{base}/submit", **requester).json()["status"] == "awaiting_approval"
    assert post(f"{base}/approve", **requester).status_code == 403
    sent = post(f"{base}/approve", **approver).json()
    assert sent["status"] == "sent" and sent["approval_rules"] == ["Terskler 2027", "Fullmakt A"]
    document = client.get(f"{base}/document", **receiver)
    assert document.status_code == 200 and document["Content-Type"] == "application/xml"
    valid(document.content)

    # the supplier answers (changed quantity) and despatches; goods received in two steps
    answer(
        f, order["number"], DAY, "CA", [LineAnswer(line_id="1", status="3", quantity=Decimal("4"))]
    )
    shown = client.get(base, **requester).json()
    assert shown["status"] == "changed"
    assert shown["lines"][0]["agreed_quantity"] == "4.000"
    assert shown["responses"][0]["code"] == "CA"
    despatch(f, order["number"], DAY, {"1": Decimal("3")})
    receipt = {"lines": [{"line_id": "1", "quantity": "1"}]}
    assert (
        post(f"{base}/receipts", receipt, content_type="application/json", **requester).status_code
        == 403
    )
    by_hand = post(f"{base}/receipts", receipt, content_type="application/json", **receiver)
    assert by_hand.status_code == 201 and by_hand.json()["lines"][0]["receipt"] == "partial"
    despatch_id = by_hand.json()["despatches"][0]["id"]
    confirmed = post(
        f"/api/v1/ordering/despatches/{despatch_id}/receipt",
        {},
        content_type="application/json",
        **receiver,
    )
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["lines"][0]["receipt"] == "full"
    again = post(
        f"/api/v1/ordering/despatches/{despatch_id}/receipt",
        {},
        content_type="application/json",
        **receiver,
    )
    assert again.status_code == 409
    over = post(f"{base}/receipts", receipt, content_type="application/json", **receiver)
    assert over.status_code == 422, over.content
    change = {"reason": "Mindre", "lines": [{"line_id": "1", "quantity": "3"}]}
    refused = post(f"{base}/change", change, content_type="application/json", **requester)
    assert refused.status_code == 422 and "already received" in refused.content.decode()


def test_refusals_with_the_reason_and_other_organisations(client, follow_up, agency):
    f = follow_up
    officer, requester = bearer(f.officer, f.buyer), bearer(f.requester, f.buyer)
    contract = f"/api/v1/ordering/contracts/{f.contract.pk}"
    first = client.post(f"{contract}/catalogue", **officer).json()["lines"][0]["line_id"]
    terminated = client.put(
        f"{contract}/terms",
        {"terminated_on": DAY.date().isoformat(), "termination_reason": "Mislighold"},
        content_type="application/json",
        **officer,
    )
    assert terminated.status_code == 200
    assert "terminated" in terminated.json()["order_refused"]
    basket = {
        "contract_id": str(f.contract.pk),
        "cost_centre": "1200",
        "lines": [{"catalogue_line": first, "quantity": "1"}],
    }
    refused = client.post(
        "/api/v1/ordering/orders", basket, content_type="application/json", **requester
    )
    assert refused.status_code == 409
    assert "terminated with effect from 2027-01-04" in refused.json()["detail"]
    bad = dict(basket, lines=[{"catalogue_line": first, "quantity": "-1"}])
    assert (
        client.post(
            "/api/v1/ordering/orders", bad, content_type="application/json", **requester
        ).status_code
        == 422
    )

    # another buyer and the supplier see nothing of it
    other = agency
    stranger = bearer(make_user("stranger", (other, Role.BUYER_ADMIN)), other)
    assert client.get(contract, **stranger).status_code == 404
    assert client.get("/api/v1/ordering/contracts", **stranger).json() == []
    supplier = bearer(f.supplier_user, f.supplier)
    assert client.get(contract, **supplier).status_code == 403
    auditor = bearer(f.auditor, f.buyer)
    assert client.get(contract, **auditor).status_code == 200
    assert client.post(f"{contract}/catalogue", **auditor).status_code == 403
    assert date(2027, 1, 4) == DAY.date()


def test_the_supplier_answers_and_despatches_through_the_api(client, follow_up):
    from heldigital.apps.exchange.models import Document
    from heldigital.apps.ordering import services
    from tests.platform.conftest import acting
    from tests.platform.ordering.test_orders import _sent

    f = follow_up
    services.make_contract_catalogue(f.contract, principal=acting(f.officer, f.buyer), now=DAY)
    first = services.search_catalogue(f.contract)[0].line_id
    order = _sent(f, {first: "2"})
    received = Document.objects.get(organisation=f.supplier, direction="in", family="order")
    supplier = bearer(f.supplier_user, f.supplier)
    base = f"/api/v1/ordering/received-orders/{received.pk}"
    officer = bearer(f.officer, f.buyer)
    assert (
        client.post(
            f"{base}/response", {"code": "AP"}, content_type="application/json", **officer
        ).status_code
        == 403
    )
    wrong = {"code": "CA", "lines": [{"line_id": "1", "status": "5", "quantity": "1"}]}
    assert (
        client.post(
            f"{base}/response", wrong, content_type="application/json", **supplier
        ).status_code
        == 422
    )
    answer = {"code": "CA", "lines": [{"line_id": "1", "status": "3", "quantity": "1"}]}
    sent = client.post(f"{base}/response", answer, content_type="application/json", **supplier)
    assert sent.status_code == 201, sent.content
    assert sent.json()["family"] == "order_response"
    order.refresh_from_db()
    assert order.status == "changed" and order.lines.get().agreed_quantity == 1
    despatched = client.post(
        f"{base}/despatch",
        {"lines": [{"line_id": "1", "quantity": "1"}]},
        content_type="application/json",
        **supplier,
    )
    assert despatched.status_code == 201, despatched.content
    assert order.despatches.get().lines == [{"order_line_id": "1", "quantity": "1"}]
    outbox_copy = f"/api/v1/ordering/received-orders/{order.document_id}/response"
    assert (
        client.post(
            outbox_copy, {"code": "AP"}, content_type="application/json", **supplier
        ).status_code
        == 404
    )
