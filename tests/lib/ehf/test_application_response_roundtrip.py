"""Round trip of every official ApplicationResponse example: T58, T71, T111 and logistics.

Each example is read as the class its customization id names
(:func:`heldigital.ehf.application_response.read_application_response`):
Catalogue Response (T58, PEPPOL and EHF), Message Level Response (T71),
Invoice Response (T111) and, as a plain ApplicationResponse, the PEPPOL
logistics application response. See :mod:`tests.lib.ehf.postaward_support`
for the checks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.application_response import read_application_response
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("ApplicationResponse")


@pytest.fixture(scope="session")
def application_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("ApplicationResponse")


def test_corpus_has_application_response_examples() -> None:
    kinds = Counter(type(read_application_response(p.read_bytes())).__name__ for p in EXAMPLES)
    print(f"\nround-tripping {len(EXAMPLES)} ApplicationResponse examples: {dict(kinds)}")
    assert kinds["InvoiceResponse"] >= 14
    assert kinds["CatalogueResponse"] >= 2
    assert kinds["MessageLevelResponse"] >= 1
    assert kinds["ApplicationResponse"] >= 1  # logistics


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, application_response_schema: etree.XMLSchema) -> None:
    model = type(read_application_response(path.read_bytes()))
    response = round_trip(path, model, application_response_schema)
    assert response.response_code in ("AB", "AP", "RE", "IP", "UQ", "CA", "PD")
    assert response.validate() == []
