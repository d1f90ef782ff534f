"""Matching against orders through the app: the order source hook, and every tolerance rule
(the standard set and a buyer's own, stored, with an effective date) with a case that just
passes and one that just fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from heldigital.apps.accounts.models import ApiToken, Role
from heldigital.apps.invoicing import services
from heldigital.apps.invoicing.models import InvoiceState, ToleranceRule
from heldigital.ehf.builders import (
    OrderInput,
    OrderLineInput,
    PriceList,
    PriceListEntry,
    invoice_from_order,
)
from heldigital.matching import Order, OrderLine, Receipt, ReceiptLine
from tests.lib.ehf.test_builders import BUYER, PAYMENT, SELLER
from tests.platform.conftest import LONG_LIVED, make_user

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
SUPPLIER = "0192:974760673"  # the builder's seller's electronic address


class Orders:
    """An order source: what the ordering app will give."""

    def __init__(self) -> None:
        self.orders: dict[str, Order] = {}
        self.receipts: list[Receipt] = []
        self.asked: list[frozenset[str]] = []

    def __call__(self, buyer, order_ids):
        self.asked.append(order_ids)
        orders = [self.orders[i] for i in order_ids if i in self.orders]
        return orders, [r for r in self.receipts if r.order_id in order_ids]


@pytest.fixture
def orders():
    source = Orders()
    previous = services.set_order_source(source)
    yield source
    services.set_order_source(previous)


def order(order_id: str, quantity: str, price: str, *, three_way: bool = False) -> Order:
    return Order(
        order_id=order_id,
        supplier=SUPPLIER,
        currency="NOK",
        lines=(OrderLine("1", D(quantity), D(price)),),
        three_way=three_way,
    )


def invoice(
    number: str, order_id: str, quantity: str, price: str, *, issued=dt.date(2026, 11, 25)
) -> bytes:
    made = invoice_from_order(
        OrderInput(
            order_reference=order_id,
            lines=(
                OrderLineInput(
                    line_id="1", item_id="V", item_name="Vare", quantity=D(quantity), unit_code="EA"
                ),
            ),
        ),
        PriceList(
            currency="NOK", entries=(PriceListEntry(item_id="V", price=D(price), unit_code="EA"),)
        ),
        seller=SELLER,
        buyer=BUYER,
        invoice_number=number,
        issue_date=issued,
        payment_means=(PAYMENT,),
        payment_terms="30 dager netto",
    )
    return made.to_xml()


def receive(buyer, data: bytes):
    row = services.receive(buyer, data, channel="upload", now=NOW)
    assert row.valid, row.findings
    return row


def test_without_an_order_source_an_invoice_naming_an_order_waits(municipality):
    row = receive(municipality, invoice("F-1", "PO-1", "10", "100"))
    assert (row.match_status, row.state) == ("no-order", InvoiceState.INBOX)


def test_the_source_is_asked_for_the_orders_the_invoices_name(municipality, orders):
    orders.orders["PO-1"] = order("PO-1", "10", "100")
    row = receive(municipality, invoice("F-1", "PO-1", "10", "100"))
    assert orders.asked[-1] == frozenset({"PO-1"})
    assert (row.match_status, row.state) == ("matched", InvoiceState.APPROVED)
    assert row.match_outcome["decided_by"] == [
        "order-reference",
        "standard-unit-price-2-percent",
        "standard-quantity-0",
        "standard-total-100",
    ]
    assert row.decision_note.startswith("approved by the matching rules: ")


@pytest.mark.parametrize(
    ("price", "state"),
    [("102.00", InvoiceState.APPROVED), ("102.01", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_standard_unit_price_rule(municipality, orders, price, state):
    orders.orders["PO-1"] = order("PO-1", "1", "100")
    row = receive(municipality, invoice("F-1", "PO-1", "1", price))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_status == "mismatch"
        assert row.match_outcome["decided_by"] == ["standard-unit-price-2-percent"]


@pytest.mark.parametrize(
    ("quantity", "state"),
    [("10", InvoiceState.APPROVED), ("11", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_standard_quantity_rule(municipality, orders, quantity, state):
    orders.orders["PO-1"] = order("PO-1", "10", "1")
    row = receive(municipality, invoice("F-1", "PO-1", quantity, "1"))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_outcome["decided_by"] == ["standard-quantity-0"]


@pytest.mark.parametrize(
    ("price", "state"),
    [("101.00", InvoiceState.APPROVED), ("101.01", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_standard_total_rule(municipality, orders, price, state):
    # 100 units: 1 % over per unit passes the price rule; the total is 100.00 / 101.00 over
    orders.orders["PO-1"] = order("PO-1", "100", "100")
    row = receive(municipality, invoice("F-1", "PO-1", "100", price))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_outcome["decided_by"] == ["standard-total-100"]


def own_rule(buyer, name: str, kind: str, limit: str, effective_from: dt.date) -> ToleranceRule:
    rule = ToleranceRule(
        buyer=buyer, name=name, kind=kind, limit=D(limit), effective_from=effective_from
    )
    rule.full_clean()
    rule.save()
    return rule


@pytest.mark.parametrize(
    ("price", "state"),
    [("105.00", InvoiceState.APPROVED), ("105.01", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_a_buyers_own_unit_price_rule(municipality, orders, price, state):
    own_rule(municipality, "pris-5", "unit-price-percent", "5", dt.date(2026, 1, 1))
    own_rule(municipality, "sum-1000", "total-absolute", "1000", dt.date(2026, 1, 1))
    orders.orders["PO-1"] = order("PO-1", "1", "100")
    row = receive(municipality, invoice("F-1", "PO-1", "1", price))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_outcome["decided_by"] == ["pris-5"]


@pytest.mark.parametrize(
    ("quantity", "state"),
    [("12", InvoiceState.APPROVED), ("13", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_a_buyers_own_quantity_rule(municipality, orders, quantity, state):
    own_rule(municipality, "antall-2", "quantity", "2", dt.date(2026, 1, 1))
    own_rule(municipality, "sum-1000", "total-absolute", "1000", dt.date(2026, 1, 1))
    orders.orders["PO-1"] = order("PO-1", "10", "1")
    row = receive(municipality, invoice("F-1", "PO-1", quantity, "1"))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_outcome["decided_by"] == ["antall-2"]


@pytest.mark.parametrize(
    ("price", "state"),
    [("100.50", InvoiceState.APPROVED), ("100.51", InvoiceState.INBOX)],
    ids=["just-passes", "just-fails"],
)
def test_a_buyers_own_total_rule(municipality, orders, price, state):
    own_rule(municipality, "sum-50", "total-absolute", "50", dt.date(2026, 1, 1))
    orders.orders["PO-1"] = order("PO-1", "100", "100")
    row = receive(municipality, invoice("F-1", "PO-1", "100", price))
    assert row.state == state
    if state == InvoiceState.INBOX:
        assert row.match_outcome["decided_by"] == ["sum-50"]


def test_a_rule_decides_from_its_effective_date(municipality, orders):
    own_rule(municipality, "streng-pris", "unit-price-percent", "0", dt.date(2026, 6, 1))
    orders.orders["PO-1"] = order("PO-1", "1", "100")
    orders.orders["PO-2"] = order("PO-2", "1", "100")
    before = receive(municipality, invoice("F-1", "PO-1", "1", "101", issued=dt.date(2026, 5, 31)))
    after = receive(municipality, invoice("F-2", "PO-2", "1", "101", issued=dt.date(2026, 6, 1)))
    assert before.state == InvoiceState.APPROVED  # the standard 2 % still in force
    assert after.state == InvoiceState.INBOX
    assert after.match_outcome["decided_by"] == ["streng-pris"]


def test_three_way_waits_for_the_goods_receipt_and_rematch_approves(municipality, orders):
    orders.orders["PO-3"] = order("PO-3", "5", "10", three_way=True)
    row = receive(municipality, invoice("F-3", "PO-3", "5", "10"))
    assert (row.match_status, row.state) == ("pending", InvoiceState.INBOX)
    orders.receipts.append(Receipt("R-1", "PO-3", (ReceiptLine("1", D(5)),)))
    [approved] = services.rematch(municipality, now=NOW)
    assert approved.pk == row.pk
    row.refresh_from_db()
    assert (row.match_status, row.state) == ("matched", InvoiceState.APPROVED)


def test_own_rules_are_checked_before_they_are_stored(municipality):
    from django.core.exceptions import ValidationError

    for name, limit, day in (
        ("standard-x", "1", dt.date(2026, 1, 1)),
        ("ok", "-1", dt.date(2026, 1, 1)),
        ("ok", "1", dt.date(1999, 1, 1)),
    ):
        with pytest.raises(ValidationError):
            own_rule(municipality, name, "quantity", limit, day)


def test_the_rules_are_read_in_the_api(client, municipality):
    own_rule(municipality, "pris-5", "unit-price-percent", "5", dt.date(2026, 1, 1))
    officer = make_user("officer", (municipality, Role.PROCUREMENT_OFFICER))
    _, raw = ApiToken.issue(
        user=officer, organisation=municipality, name="t", now=NOW, expires_at=NOW + LONG_LIVED
    )
    answer = client.get("/api/v1/invoicing/tolerance-rules", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert answer.status_code == 200
    rules = {(r["name"], r["standard"]): (r["limit"], r["effective_from"]) for r in answer.json()}
    assert (
        rules[("pris-5", False)] == ("5.0000", "2026-01-01")
        or rules[("pris-5", False)][1] == "2026-01-01"
    )
    assert ("standard-quantity-0", True) in rules and ("standard-total-100", True) in rules
    assert client.get("/api/v1/invoicing/tolerance-rules").status_code == 401
