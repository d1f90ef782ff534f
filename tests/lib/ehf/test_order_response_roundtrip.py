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
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.order_response import OrderResponse
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
