"""Round trip of every official Despatch Advice example.

PEPPOL BIS Despatch Advice (T16), EHF Despatch Advice 3.0 and the PEPPOL
logistics Advanced Despatch Advice 1 (EHF logistics example); see
:mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.common import Quantity
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.order import Order
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("DespatchAdvice")


@pytest.fixture(scope="session")
def despatch_advice_schema() -> etree.XMLSchema:
    return load_ubl_schema("DespatchAdvice")


def test_corpus_has_despatch_advice_examples() -> None:
    kinds = Counter(
        "logistics"
        if "logistics" in (DespatchAdvice.from_xml(p.read_bytes()).customization_id or "")
        else "poacc"
        for p in EXAMPLES
    )
    print(f"\nround-tripping {len(EXAMPLES)} DespatchAdvice examples: {dict(kinds)}")
    assert len(EXAMPLES) >= 8
    assert kinds["logistics"] >= 1


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, despatch_advice_schema: etree.XMLSchema) -> None:
    advice = round_trip(path, DespatchAdvice, despatch_advice_schema)
    assert isinstance(advice, DespatchAdvice)
    assert advice.despatch_line


def test_code_list_problems_are_reported_not_refused() -> None:
    """The logistics example writes the United Kingdom as ``UK`` (ISO 3166-1 says ``GB``).

    Reading keeps the value (the document must stay answerable);
    :meth:`validate` reports it; ``strict=True`` refuses it.
    """
    from heldigital.xml import DocumentError

    path = next(p for p in EXAMPLES if "advanced-despatch-advice" in p.name)
    advice = DespatchAdvice.from_xml(path.read_bytes())
    problems = advice.validate()
    assert problems
    assert all("'UK' is not a code of ISO3166" in p.message for p in problems)
    assert any("registration_address.country.identification_code" in p.where for p in problems)
    with pytest.raises(DocumentError, match="'UK' is not a code of ISO3166"):
        DespatchAdvice.from_xml(path.read_bytes(), strict=True)


# --- Despatch advice for an order ----------------------------------------------------------


def _order() -> Order:
    path = corpus("poacc-upgrade-3", "rules", "examples", "Order_Example.xml")
    return Order.from_xml(path.read_bytes())


def test_despatch_advice_from_an_order(despatch_advice_schema: etree.XMLSchema) -> None:
    order = _order()
    first, second = (line.line_item for line in order.order_line)
    assert first.quantity is not None and second.quantity is not None
    part = first.quantity.value - 1
    advice = DespatchAdvice.from_order(
        order,
        {first.id: part, second.id: second.quantity.value},
        id="DA-1",
        issue_date=date(2026, 11, 25),
        despatch_date=date(2026, 11, 26),
        outstanding_reason="Back order, ships next week",
    )
    written = advice.to_xml()
    assert despatch_advice_schema.validate(xml.parse(written)), despatch_advice_schema.error_log
    again = DespatchAdvice.from_xml(written)
    assert again == advice
    assert again.validate() == []
    assert again.order_reference[0].id.value == order.id
    one, two = again.despatch_line
    assert one.delivered_quantity == Quantity(part, unit_code=first.quantity.unit_code)
    assert one.outstanding_quantity == Quantity(Decimal(1), unit_code=first.quantity.unit_code)
    assert one.outstanding_reason == ("Back order, ships next week",)
    assert two.outstanding_quantity is None and two.outstanding_reason == ()
    assert one.order_line_reference[0].line_id == first.id
    assert again.shipment is not None and again.shipment.delivery is not None
    assert again.shipment.delivery.despatch is not None
    assert again.shipment.delivery.despatch.actual_despatch_date == date(2026, 11, 26)
    assert again.despatch_supplier_party.party == order.seller_supplier_party.party


@pytest.mark.parametrize(
    ("delivered", "message"),
    [
        ({}, "at least one despatched line"),
        ({"99": Decimal(1)}, "has no line '99'"),
        ({"1": Decimal(-1)}, "Decimal >= 0"),
        ({"1": Decimal(10_000)}, "despatched, but"),
    ],
)
def test_despatch_advice_from_an_order_refuses(delivered: dict[str, Decimal], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        DespatchAdvice.from_order(_order(), delivered, id="DA-1", issue_date=date(2026, 11, 25))
