"""Round trip of every official Order example (PEPPOL BIS T01, EHF Order 3.0).

See :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.catalogue import Catalogue
from heldigital.ehf.common import Amount, Quantity
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.order import Order
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("Order")


@pytest.fixture(scope="session")
def order_schema() -> etree.XMLSchema:
    return load_ubl_schema("Order")


def test_corpus_has_order_examples() -> None:
    kinds = Counter(
        "EHF" if "anskaffelser" in str(p) or "ehf-" in str(p) else "PEPPOL" for p in EXAMPLES
    )
    print(f"\nround-tripping {len(EXAMPLES)} Order examples: {dict(kinds)}")
    # 14 PEPPOL (examples and use-case examples) and 2 EHF examples.
    assert len(EXAMPLES) >= 16
    assert kinds["EHF"] >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, order_schema: etree.XMLSchema) -> None:
    order = round_trip(path, Order, order_schema)
    assert isinstance(order, Order)
    assert order.order_line, "an order has lines"
    assert order.validate() == []


# --- Ordering from a catalogue ---------------------------------------------------------------


def _catalogue() -> Catalogue:
    path = corpus("poacc-upgrade-3", "rules", "examples", "Catalogue_Example.xml")
    return Catalogue.from_xml(path.read_bytes())


def test_order_from_a_catalogue(order_schema: etree.XMLSchema) -> None:
    catalogue = _catalogue()
    line = catalogue.catalogue_line[0]
    order = Order.from_catalogue(
        catalogue,
        {line.id: Decimal("3")},
        id="PO-1",
        issue_date=date(2018, 11, 15),  # inside the catalogue, line and price validity
        customer_reference="Per Hansen",
    )
    written = order.to_xml()
    assert order_schema.validate(xml.parse(written)), order_schema.error_log
    again = Order.from_xml(written)
    assert again == order
    assert again.validate() == []
    assert again.catalogue_reference is not None and again.catalogue_reference.id == catalogue.id
    assert again.contract[0].id == catalogue.referenced_contract[0].id
    assert again.buyer_customer_party.party == catalogue.receiver_party
    assert again.seller_supplier_party.party == catalogue.provider_party
    item = again.order_line[0].line_item
    assert item.quantity == Quantity(Decimal("3"), unit_code="LBR")
    # 3 x 10.00 EUR per base quantity 1
    assert item.line_extension_amount == Amount(Decimal("30.00"), "EUR")
    assert again.document_currency_code is not None
    assert again.document_currency_code.value == "EUR"
    assert item.item.name == line.item.name


@pytest.mark.parametrize(
    ("quantities", "day", "message"),
    [
        ({"1": Decimal("3")}, date(2020, 1, 1), "catalogue 1387 is valid"),
        ({"1": Decimal("3")}, date(2019, 3, 1), "no price valid on 2019-03-01"),
        ({"99": Decimal("3")}, date(2018, 11, 15), "has no line '99'"),
        ({"1": Decimal("0")}, date(2018, 11, 15), "positive Decimal"),
        ({"1": Decimal("101")}, date(2018, 11, 15), "at most 100 may be ordered"),
        ({"1": Decimal("2.5")}, date(2018, 11, 15), "multiple of 1"),
        ({}, date(2018, 11, 15), "at least one catalogue line"),
        ({"2": Decimal("1")}, date(2018, 11, 15), "no orderable unit"),
    ],
)
def test_order_from_a_catalogue_refuses(
    quantities: dict[str, Decimal], day: date, message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        Order.from_catalogue(_catalogue(), quantities, id="PO-1", issue_date=day)
