"""The adapters on official PEPPOL examples (poacc-upgrade-3, peppol-bis-invoice-3),
and an order -> order response -> invoice flow made of them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from heldigital.ehf import Invoice as EhfInvoice
from heldigital.ehf import parse_credit_note, parse_invoice
from heldigital.ehf.builders import (
    OrderInput,
    OrderLineInput,
    PriceList,
    PriceListEntry,
    invoice_from_order,
)
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.order import Order as EhfOrder
from heldigital.ehf.order_response import OrderResponse
from heldigital.matching import (
    RULE_CREDITED_INVOICE,
    RULE_DUPLICATE,
    MatchBook,
    Order,
    OrderLine,
    RuleKind,
    RuleSet,
    Status,
    ToleranceRule,
    match,
)
from heldigital.matching.ehf import (
    AdapterError,
    apply_order_response,
    credit_note_from_ehf,
    despatch_from_ehf,
    invoice_from_ehf,
    order_from_ehf,
    receipt_from_despatch,
)
from tests.conftest import corpus

ORDERING = ("poacc-upgrade-3", "rules", "examples")
BILLING = ("peppol-bis-invoice-3", "rules", "examples")
RULES = RuleSet.of(
    [
        ToleranceRule("price-2pct", RuleKind.UNIT_PRICE_PERCENT, Decimal(2), date(2010, 1, 1)),
        ToleranceRule("total-10", RuleKind.TOTAL_ABSOLUTE, Decimal(10), date(2010, 1, 1)),
    ]
)


def ehf_order(*path: str) -> EhfOrder:
    return EhfOrder.from_xml(corpus(*ORDERING, *path).read_bytes())


def test_order_and_conditional_response_uc1() -> None:
    order = order_from_ehf(ehf_order("Order use cases", "UC1_Order.xml"))
    assert (order.order_id, order.currency, order.supplier) == ("1", "EUR", "0192:987654325")
    assert [(x.line_id, x.quantity, x.unit_price) for x in order.lines] == [
        ("1", Decimal(10), Decimal(4)),
        ("2", Decimal(5), Decimal(6)),
        ("3", Decimal(15), Decimal(3)),
    ]
    assert order.lines[0].item_ids[0] == "SN-33"
    response = OrderResponse.from_xml(
        corpus(*ORDERING, "Order-response use cases", "UC1_Order_response.xml").read_bytes()
    )
    agreed = apply_order_response(order, response)
    # line 2 not accepted (7), line 3 changed (3) to a substituted item SN-36
    assert [x.line_id for x in agreed.lines] == ["1", "3"]
    assert "SN-36" in agreed.lines[1].item_ids and "SN-35" in agreed.lines[1].item_ids


def test_rejected_order_uc3_has_nothing_left_to_invoice() -> None:
    order = order_from_ehf(ehf_order("Order use cases", "UC3_Order.xml"))
    response = OrderResponse.from_xml(
        corpus(*ORDERING, "Order-response use cases", "UC3_Order_response.xml").read_bytes()
    )
    assert apply_order_response(order, response).lines == ()
    with pytest.raises(AdapterError, match="does not answer"):
        apply_order_response(order_from_ehf(ehf_order("Order_Example.xml")), response)


def test_order_example_prices_per_base_quantity() -> None:
    order = order_from_ehf(ehf_order("Order_Example.xml"), three_way=True)
    assert order.order_id == "34" and order.currency == "NOK" and order.three_way
    assert [(x.quantity, x.unit_price) for x in order.lines] == [
        (Decimal(120), Decimal(50)),
        (Decimal(15), Decimal(15)),
    ]


def _invoice_for(order_xml: EhfOrder, agreed: Order, *, markup: Decimal, number: str) -> EhfInvoice:
    """The supplier's invoice for the agreed lines, made by heldigital.ehf.builders."""
    lines = {line.line_item.id: line.line_item for line in order_xml.order_line}
    inputs = []
    entries = []
    for line in agreed.lines:
        item = lines[line.line_id]
        item_id = line.item_ids[-2] if len(line.item_ids) > 2 else line.item_ids[0]
        inputs.append(
            OrderLineInput(
                line_id=line.line_id,
                item_id=item_id,
                item_name=item.item.name or item_id,
                quantity=line.quantity,
                unit_code=line.unit_code or "EA",
            )
        )
        entries.append(
            PriceListEntry(
                item_id=item_id, price=line.unit_price * markup, unit_code=line.unit_code or "EA"
            )
        )
    seller = order_xml.seller_supplier_party.party
    buyer = order_xml.buyer_customer_party.party
    assert seller is not None and buyer is not None
    made = invoice_from_order(
        OrderInput(order_reference=agreed.order_id, lines=tuple(inputs)),
        PriceList(currency=agreed.currency, entries=tuple(entries)),
        seller=seller,
        buyer=buyer,
        invoice_number=number,
        issue_date=date(2026, 11, 2),
        due_date=date(2026, 12, 2),
    )
    return parse_invoice(made.to_xml())  # as received: through the XML


@pytest.mark.parametrize(
    ("markup", "status", "decided"),
    [
        (Decimal("1.02"), Status.MATCHED, "price-2pct"),
        (Decimal("1.03"), Status.MISMATCH, "price-2pct"),
    ],
)
def test_order_response_invoice_flow(markup: Decimal, status: Status, decided: str) -> None:
    order_xml = ehf_order("Order use cases", "UC1_Order.xml")
    response = OrderResponse.from_xml(
        corpus(*ORDERING, "Order-response use cases", "UC1_Order_response.xml").read_bytes()
    )
    agreed = apply_order_response(order_from_ehf(order_xml), response)
    received = _invoice_for(order_xml, agreed, markup=markup, number="INV-1")
    invoice = invoice_from_ehf(received, document_id="doc-1")
    assert invoice.order_id == "1" and invoice.supplier == agreed.supplier
    assert [x.order_line_id for x in invoice.lines] == ["1", "3"]
    outcome = match(orders=[agreed], invoices=[invoice], rules=RULES)["doc-1"]
    assert outcome.status is status
    assert decided in outcome.decided_by


def test_despatch_example_and_three_way_receipt() -> None:
    despatch = despatch_from_ehf(
        DespatchAdvice.from_xml(corpus(*ORDERING, "DespatchAdvice_Example.xml").read_bytes())
    )
    assert (despatch.despatch_id, despatch.order_id) == ("565899", "AEG012345")
    assert [(x.order_line_id, x.quantity) for x in despatch.lines] == [("1", Decimal(10))]
    order = Order(
        "AEG012345", "S", "NOK", (OrderLine("1", Decimal(12), Decimal(50)),), three_way=True
    )
    from heldigital.matching import Invoice, InvoiceLine

    invoice = Invoice(
        "doc-1",
        "S",
        "F-1",
        date(2026, 11, 2),
        "NOK",
        Decimal(625),
        (InvoiceLine("1", Decimal(10), Decimal(50), Decimal(500), order_line_id="1"),),
        order_id="AEG012345",
    )
    book = MatchBook(RULES)
    for document in (despatch, invoice, order):
        book.add(document)
    assert book.outcomes()["doc-1"].status is Status.PENDING
    book.add(receipt_from_despatch(despatch, receipt_id="GR-1", received_on=date(2026, 11, 3)))
    assert book.outcomes()["doc-1"].status is Status.MATCHED


def test_official_billing_examples_duplicate_and_credit() -> None:
    base = parse_invoice(corpus(*BILLING, "base-example.xml").read_bytes())
    again = parse_invoice(corpus(*BILLING, "sales-order-example.xml").read_bytes())
    correction = parse_credit_note(corpus(*BILLING, "base-creditnote-correction.xml").read_bytes())
    original = invoice_from_ehf(base, document_id="base")
    assert (original.number, original.payable_amount, original.currency) == (
        "Snippet1",
        Decimal("1656.25"),
        "EUR",
    )
    assert original.order_id is None
    assert [(x.quantity, x.unit_price, x.line_amount) for x in original.lines] == [
        (Decimal(7), Decimal(400), Decimal(2800)),
        (Decimal(-3), Decimal(500), Decimal(-1500)),
    ]
    copy = invoice_from_ehf(again, document_id="sales-order")
    assert copy.order_id is None  # its BT-13 is "NA"
    credit = credit_note_from_ehf(correction, document_id="credit")
    assert credit.credit_note and credit.credited_numbers == ("Snippet1",)
    outcomes = match(orders=[], invoices=[copy, credit, original], rules=RULES)
    assert outcomes["base"].status is Status.NO_ORDER
    assert (outcomes["sales-order"].status, outcomes["sales-order"].decided_by) == (
        Status.DUPLICATE,
        (RULE_DUPLICATE,),
    )
    assert (outcomes["credit"].status, outcomes["credit"].decided_by) == (
        Status.CREDIT_MATCHED,
        (RULE_CREDITED_INVOICE,),
    )
    assert outcomes["credit"].related == ("base",)
