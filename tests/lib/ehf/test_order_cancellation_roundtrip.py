"""Round trip of every official Order Cancellation example (PEPPOL BIS T115).

See :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.order_cancellation import CUSTOMIZATION_ID, OrderCancellation
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
