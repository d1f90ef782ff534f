"""Round trip of every official Order Cancellation example (PEPPOL BIS T115).

See :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import CUSTOMIZATION_ID, OrderCancellation
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("OrderCancellation")


@pytest.fixture(scope="session")
def order_cancellation_schema() -> etree.XMLSchema:
    return load_ubl_schema("OrderCancellation")


def test_corpus_has_order_cancellation_examples() -> None:
    print(f"\nround-tripping {len(EXAMPLES)} OrderCancellation examples")
    assert len(EXAMPLES) >= 9


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, order_cancellation_schema: etree.XMLSchema) -> None:
    cancellation = round_trip(path, OrderCancellation, order_cancellation_schema)
    assert isinstance(cancellation, OrderCancellation)
    assert cancellation.customization_id == CUSTOMIZATION_ID
    assert cancellation.order_reference
    assert cancellation.validate() == []


def test_cancel_an_order(order_cancellation_schema: etree.XMLSchema) -> None:
    path = corpus("poacc-upgrade-3", "rules", "examples", "Order_Example.xml")
    order = Order.from_xml(path.read_bytes())
    cancellation = OrderCancellation.for_order(
        order, id="CX-1", issue_date=date(2026, 11, 25), reason="Budget withdrawn"
    )
    written = cancellation.to_xml()
    assert order_cancellation_schema.validate(xml.parse(written))
    again = OrderCancellation.from_xml(written)
    assert again == cancellation
    assert again.order_reference[0].id.value == order.id
    assert again.cancellation_note == ("Budget withdrawn",)
    assert again.buyer_customer_party == order.buyer_customer_party
    with pytest.raises(ModelError, match="needs a reason"):
        OrderCancellation.for_order(order, id="CX-2", issue_date=date(2026, 11, 25), reason=" ")
