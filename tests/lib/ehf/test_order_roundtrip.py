"""Round trip of every official Order example (PEPPOL BIS T01, EHF Order 3.0).

See :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.order import Order
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
