"""Round trip of every official Order Change example (PEPPOL BIS T114).

See :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.order_change import CUSTOMIZATION_ID, OrderChange
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("OrderChange")


@pytest.fixture(scope="session")
def order_change_schema() -> etree.XMLSchema:
    return load_ubl_schema("OrderChange")


def test_corpus_has_order_change_examples() -> None:
    print(f"\nround-tripping {len(EXAMPLES)} OrderChange examples")
    assert len(EXAMPLES) >= 7


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, order_change_schema: etree.XMLSchema) -> None:
    change = round_trip(path, OrderChange, order_change_schema)
    assert isinstance(change, OrderChange)
    assert change.customization_id == CUSTOMIZATION_ID
    assert change.order_reference is not None
    assert change.validate() == []
