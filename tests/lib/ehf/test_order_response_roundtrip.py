"""Round trip of every official Order Response example: T76, T110 and T116.

PEPPOL BIS Order Response (T76), Order Agreement (T110) and Advanced Order
Response (T116), and their EHF 3.0 extensions; see
:mod:`tests.lib.ehf.postaward_support` for the checks.

T116 takes ``cac:OrderChangeDocumentReference`` from UBL 2.3; the official
T116 examples that carry it are not valid UBL 2.1 themselves. For them the
schema check runs on the written document without that one element, so the
rest must still be valid UBL 2.1 in schema order.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.common import CAC, Period
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import LineAnswer, OrderResponse
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("OrderResponse")
UBL23 = "cac:OrderChangeDocumentReference"


@pytest.fixture(scope="session")
def order_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("OrderResponse")


def test_corpus_has_order_response_examples() -> None:
    kinds = Counter(OrderResponse.from_xml(p.read_bytes()).transaction for p in EXAMPLES)
    print(f"\nround-tripping {len(EXAMPLES)} OrderResponse examples: {dict(kinds)}")
    assert len(EXAMPLES) >= 26
    assert kinds["T76"] >= 13 and kinds["T110"] >= 2 and kinds["T116"] >= 11


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, order_response_schema: etree.XMLSchema) -> None:
    response = round_trip(path, OrderResponse, order_response_schema, not_in_ubl21=(UBL23,))
    assert isinstance(response, OrderResponse)
    assert response.transaction in ("T76", "T110", "T116")
    if response.transaction != "T110":
        assert response.order_response_code in ("AB", "AP", "RE", "CA")
    assert response.validate() == []


def test_order_change_reference_is_written_after_the_order_reference() -> None:
    """T116: the UBL 2.3 element keeps the place PEPPOL BIS gives it."""
    carriers = [p for p in EXAMPLES if b"OrderChangeDocumentReference" in p.read_bytes()]
    assert len(carriers) >= 3
    for path in carriers:
        response = OrderResponse.from_xml(path.read_bytes())
        assert response.order_change_document_reference is not None
        names = [etree.QName(el).localname for el in xml.parse(response.to_xml()).getroot()]
        position = names.index("OrderChangeDocumentReference")
        assert names[position - 1] == "OrderReference"


# --- Answering an order (T76) ------------------------------------------------------------------


def _official_order() -> Order:
    return Order.from_xml(
        corpus("poacc-upgrade-3", "rules", "examples", "Order_Example.xml").read_bytes()
    )


def test_answer_an_order_with_changes(order_response_schema: etree.XMLSchema) -> None:
    order = _official_order()
    first, second = (line.line_item for line in order.order_line)
    promised = Period(start_date=date(2026, 12, 1), end_date=date(2026, 12, 3))
    response = OrderResponse.answer(
        order,
        id="OR-1",
        issue_date=date(2026, 11, 25),
        code="CA",
        note="One line changed",
        lines=[
            LineAnswer(
                line_id=first.id,
                status="3",
                quantity=Decimal("90"),
                price=Decimal("49.90"),
                promised=promised,
                note="Only 90 in stock",
            ),
            LineAnswer(line_id=second.id, status="5"),
        ],
    )
    written = response.to_xml()
    assert order_response_schema.validate(xml.parse(written)), order_response_schema.error_log
    again = OrderResponse.from_xml(written)
    assert again == response
    assert again.transaction == "T76"
    assert again.validate() == []
    assert again.order_reference[0].id.value == order.id
    assert again.document_currency_code == order.document_currency_code
    changed = again.order_line[0].line_item
    assert changed.line_status_code == "3"
    assert changed.quantity is not None and changed.quantity.value == Decimal("90")
    assert first.quantity is not None and changed.quantity.unit_code == first.quantity.unit_code
    assert changed.price is not None and str(changed.price.price_amount.value) == "49.90"
    assert changed.delivery[0].promised_delivery_period == promised
    assert again.order_line[0].order_line_reference[0].line_id == first.id
    assert again.order_line[1].line_item.line_status_code == "5"
    seller = again.seller_supplier_party.party
    assert seller is not None and order.seller_supplier_party.party is not None
    assert seller.endpoint_id == order.seller_supplier_party.party.endpoint_id


def test_accept_a_whole_order() -> None:
    order = _official_order()
    response = OrderResponse.answer(order, id="OR-2", issue_date=date(2026, 11, 25), code="AP")
    assert response.order_line == ()
    assert OrderResponse.from_xml(response.to_xml()) == response


@pytest.mark.parametrize(
    ("code", "lines", "message"),
    [
        ("OK", [], "not an order response code"),
        ("CA", [], "at least one line"),
        ("AP", [LineAnswer(line_id="1", status="5")], "only with response code CA"),
        ("CA", [LineAnswer(line_id="99", status="5")], "has no line '99'"),
    ],
)
def test_answer_refuses_inconsistent_input(
    code: str, lines: list[LineAnswer], message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        OrderResponse.answer(
            _official_order(), id="OR-3", issue_date=date(2026, 11, 25), code=code, lines=lines
        )


def test_line_answer_is_checked() -> None:
    with pytest.raises(ModelError, match="not a line response code"):
        LineAnswer(line_id="1", status="1")
    with pytest.raises(ModelError, match="only a changed line"):
        LineAnswer(line_id="1", status="5", quantity=Decimal("3"))


# --- Advanced ordering (T116): answering an order, an order change, a cancellation ---------

SCENARIOS = ("poacc-upgrade-3", "rules", "examples", "Advanced Ordering scenarios")


def test_answer_an_order_change(order_response_schema: etree.XMLSchema) -> None:
    path = corpus(*SCENARIOS, "advanced_ordering_sc2", "OrderChange_sc2.xml")
    change = OrderChange.from_xml(path.read_bytes())
    response = OrderResponse.answer_change(
        change, id="R-2", issue_date=date(2022, 2, 2), code="AP", note="Change is accepted"
    )
    assert response.transaction == "T116"
    assert response.order_reference[0].id == change.order_reference.id
    assert response.order_change_document_reference is not None
    assert response.order_change_document_reference.id.value == change.id
    written = response.to_xml()
    root = xml.parse(written).getroot()
    for el in root.findall(f"{{{CAC}}}OrderChangeDocumentReference"):
        root.remove(el)  # UBL 2.3 (see the module docstring)
    assert order_response_schema.validate(root), order_response_schema.error_log
    again = OrderResponse.from_xml(written)
    assert again == response and again.validate() == []
    # Compare with the official answer to that change.
    official = OrderResponse.from_xml(
        corpus(*SCENARIOS, "advanced_ordering_sc2", "OrderResponse_sc2.xml").read_bytes()
    )
    assert official.order_change_document_reference is not None
    assert official.order_change_document_reference.id.value == change.id
    assert response.customization_id == official.customization_id
    assert response.profile_id == official.profile_id


@pytest.mark.parametrize(("scenario", "accept"), [("sc4", True), ("sc5", False)])
def test_answer_an_order_cancellation(
    scenario: str, accept: bool, order_response_schema: etree.XMLSchema
) -> None:
    folder = f"advanced_ordering_{scenario}"
    cancellation = OrderCancellation.from_xml(
        corpus(*SCENARIOS, folder, f"OrderCancellation_{scenario}.xml").read_bytes()
    )
    official = OrderResponse.from_xml(
        corpus(*SCENARIOS, folder, f"OrderResponse_{scenario}.xml").read_bytes()
    )
    response = OrderResponse.answer_cancellation(
        cancellation, id="R-4", issue_date=date(2022, 2, 2), accept=accept
    )
    assert order_response_schema.validate(xml.parse(response.to_xml()))
    assert response.order_response_code == official.order_response_code
    assert response.order_reference == official.order_reference
    assert response.customization_id == official.customization_id
    assert OrderResponse.from_xml(response.to_xml()) == response


def test_advanced_answer_to_an_order() -> None:
    order = Order.from_xml(
        corpus(*SCENARIOS, "advanced_ordering_sc1", "Order_sc1.xml").read_bytes()
    )
    line = order.order_line[0].line_item
    response = OrderResponse.answer(
        order,
        id="R-1",
        issue_date=date(2022, 2, 1),
        code="CA",
        advanced=True,
        lines=[LineAnswer(line_id=line.id, status="3", quantity=Decimal("5"))],
    )
    official = OrderResponse.from_xml(
        corpus(*SCENARIOS, "advanced_ordering_sc1", "OrderResponse_sc1.xml").read_bytes()
    )
    assert response.transaction == official.transaction == "T116"
    assert response.profile_id == official.profile_id
    changed = response.order_line[0].line_item
    official_line = official.order_line[0].line_item
    assert changed.line_status_code == official_line.line_status_code == "3"
    assert changed.quantity == official_line.quantity
