"""Round trip of every official Catalogue example.

PEPPOL BIS Catalogue (T19), Punch Out (T77) and their EHF 3.0 extensions;
see :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.catalogue import Catalogue
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("Catalogue")


@pytest.fixture(scope="session")
def catalogue_schema() -> etree.XMLSchema:
    return load_ubl_schema("Catalogue")


def test_corpus_has_catalogue_examples() -> None:
    kinds = Counter(
        "punch_out"
        if "punch_out" in (Catalogue.from_xml(p.read_bytes()).customization_id or "")
        else "catalogue"
        for p in EXAMPLES
    )
    print(f"\nround-tripping {len(EXAMPLES)} Catalogue examples: {dict(kinds)}")
    assert len(EXAMPLES) >= 13
    assert kinds["punch_out"] >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, catalogue_schema: etree.XMLSchema) -> None:
    catalogue = round_trip(path, Catalogue, catalogue_schema)
    assert isinstance(catalogue, Catalogue)
    assert catalogue.catalogue_line
    assert catalogue.validate() == []
    # Every official line can be seen as a plain item record.
    assert [item.id for item in catalogue.items()] == [line.id for line in catalogue.catalogue_line]
