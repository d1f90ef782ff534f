"""The post-award chain end to end: tender catalogue -> order -> response -> despatch -> invoice.

Each document is written and read back as its receiver would see it, and
each written document must be valid UBL 2.1; the invoice is made by the
billing builder (:func:`heldigital.ehf.builders.invoice_from_order`) from
the received order and the catalogue's prices, so its line amounts must
equal the order's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.builders import invoice_from_order, norwegian_party
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import (
    Identifier,
    Item,
    LineItem,
    OrderLine,
    Party,
    PartyIdentification,
    PartyLegalEntity,
    Period,
)
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.invoice import Invoice
from heldigital.ehf.invoice_response import InvoiceResponse
from heldigital.ehf.mapping import (
    Document,
    ModelError,
)
from heldigital.ehf.order import Order
from heldigital.ehf.order_response import OrderResponse
from tests.lib.ehf.postaward_support import load_ubl_schema

BUYER_ORGNR, SUPPLIER_ORGNR = "974760673", "910667831"
D = TypeVar("D", bound=Document)


def _party(name: str, orgnr: str) -> Party:
    return Party(
        endpoint_id=Identifier(orgnr, scheme_id="0192"),
        party_identification=[PartyIdentification(id=Identifier(orgnr, scheme_id="0192"))],
        party_legal_entity=[
            PartyLegalEntity(registration_name=name, company_id=Identifier(orgnr, scheme_id="0192"))
        ],
    )


def _received(document: D, schema: etree.XMLSchema) -> D:
    written = document.to_xml()
    assert schema.validate(xml.parse(written)), schema.error_log
    received = type(document).from_xml(written)
    assert received == document
    assert received.validate() == []
    return received


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    roots = ("Catalogue", "Order", "OrderResponse", "DespatchAdvice", "Invoice")
    return {root: load_ubl_schema(root) for root in (*roots, "ApplicationResponse")}


def test_tender_catalogue_to_paid_invoice(schemas: dict[str, etree.XMLSchema]) -> None:
    buyer, supplier = _party("Oslo kommune", BUYER_ORGNR), _party("Leverandør AS", SUPPLIER_ORGNR)
    catalogue = _received(
        Catalogue.from_items(
            id="TENDER-17",
            issue_date=date(2026, 11, 1),
            provider=supplier,
            receiver=buyer,
            currency="NOK",
            validity=Period(start_date=date(2026, 11, 1), end_date=date(2028, 10, 31)),
            contract_id="2026/1234",
            items=[
                CatalogueItem(
                    id="P-1",
                    description="Copy paper A4, 500 sheets",
                    unit="XPK",
                    price=Decimal("42.50"),
                    vat_category="S",
                    vat_rate=Decimal("25"),
                ),
                CatalogueItem(
                    id="C-1",
                    description="Consulting hour",
                    unit="HUR",
                    price=Decimal("1150.00"),
                    vat_category="S",
                    vat_rate=Decimal("25"),
                ),
            ],
        ),
        schemas["Catalogue"],
    )

    order = _received(
        Order.from_catalogue(
            catalogue,
            {"P-1": Decimal("12"), "C-1": Decimal("7.5")},
            id="PO-2026-991",
            issue_date=date(2026, 11, 20),
            customer_reference="Kari Nordmann",
        ),
        schemas["Order"],
    )
    amounts = [line.line_item.line_extension_amount for line in order.order_line]
    assert [a.value for a in amounts if a is not None] == [Decimal("510.00"), Decimal("8625.00")]

    response = _received(
        OrderResponse.answer(order, id="OR-1", issue_date=date(2026, 11, 21), code="AP"),
        schemas["OrderResponse"],
    )
    assert response.order_response_code == "AP"

    advice = _received(
        DespatchAdvice.from_order(
            order,
            {"1": Decimal("12")},
            id="DA-1",
            issue_date=date(2026, 11, 22),
            despatch_date=date(2026, 11, 22),
        ),
        schemas["DespatchAdvice"],
    )
    assert advice.despatch_line[0].outstanding_quantity is None

    invoice = invoice_from_order(
        order.invoice_input(),
        catalogue.price_list(date(2026, 11, 20)),
        seller=norwegian_party(SUPPLIER_ORGNR, "Leverandør AS"),
        buyer=norwegian_party(BUYER_ORGNR, "Oslo kommune", vat_registered=False),
        invoice_number="INV-5001",
        issue_date=date(2026, 11, 30),
        due_date=date(2026, 12, 30),
    )
    written = invoice.to_xml()
    assert schemas["Invoice"].validate(xml.parse(written)), schemas["Invoice"].error_log
    received = Invoice.from_xml(written)
    line_amounts = [line.line_extension_amount.value for line in received.lines]
    assert line_amounts == [Decimal("510.00"), Decimal("8625.00")]
    total = received.legal_monetary_total
    assert total.tax_inclusive_amount is not None
    assert total.tax_inclusive_amount.value == Decimal("11418.75")  # 9135.00 + 25 % VAT

    paid = _received(
        InvoiceResponse.build(
            id="IR-1",
            issue_date=date(2027, 1, 2),
            sender=buyer,
            receiver=supplier,
            invoice_id="INV-5001",
            invoice_issue_date=date(2026, 11, 30),
            status="PD",
            effective_date=date(2027, 1, 2),
        ),
        schemas["ApplicationResponse"],
    )
    assert paid.status == "PD"


def test_price_list_needs_vat_and_one_currency() -> None:
    catalogue = Catalogue.from_items(
        id="C",
        issue_date=date(2026, 11, 1),
        provider=_party("A", SUPPLIER_ORGNR),
        receiver=_party("B", BUYER_ORGNR),
        currency="NOK",
        items=[CatalogueItem(id="1", description="Paper", unit="XPK", price=Decimal("1.00"))],
    )
    with pytest.raises(ModelError, match="no VAT category"):
        catalogue.price_list(date(2026, 11, 1))
    entries = catalogue.price_list(
        date(2026, 11, 1), default_vat_category="S", default_vat_rate=Decimal("25")
    ).entries
    assert [(e.item_id, e.price, e.unit_code, e.vat_category) for e in entries] == [
        ("1", Decimal("1.00"), "XPK", "S")
    ]


def test_invoice_input_needs_what_an_invoice_line_needs() -> None:
    order = Order.from_catalogue(
        Catalogue.from_items(
            id="C",
            issue_date=date(2026, 11, 1),
            provider=_party("A", SUPPLIER_ORGNR),
            receiver=_party("B", BUYER_ORGNR),
            currency="NOK",
            items=[CatalogueItem(id="1", description="Paper", unit="XPK", price=Decimal("1"))],
        ),
        {"1": Decimal("2")},
        id="PO-1",
        issue_date=date(2026, 11, 2),
    )
    assert order.invoice_input().lines[0].item_id == "1"
    anonymous = Order(
        id=order.id,
        issue_date=order.issue_date,
        buyer_customer_party=order.buyer_customer_party,
        seller_supplier_party=order.seller_supplier_party,
        order_line=[OrderLine(line_item=LineItem(id="1", item=Item(description=("Paper",))))],
    )
    with pytest.raises(ModelError, match="has no seller's item identifier"):
        anonymous.invoice_input()
