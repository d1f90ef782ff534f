"""Round trip of ApplicationResponse examples outside T58/T71/T111, and the dispatcher.

The T58, T71 and T111 examples have their own test modules; here the
remaining ApplicationResponse examples (the PEPPOL logistics application
response of the EHF corpus) are read as plain :class:`ApplicationResponse`,
and :func:`read_application_response` is checked to pick the class that the
customization id names. See :mod:`tests.lib.ehf.postaward_support` for the
round-trip checks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf import catalogue_response, invoice_response, message_level_response
from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.documents import read_application_response
from heldigital.xml import DocumentError
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

ALL = examples("ApplicationResponse")
SPECIALISED = (
    *catalogue_response.CatalogueResponse.CUSTOMIZATION_IDS,
    *invoice_response.InvoiceResponse.CUSTOMIZATION_IDS,
    *message_level_response.MessageLevelResponse.CUSTOMIZATION_IDS,
)
OTHERS = [p for p in ALL if p not in examples("ApplicationResponse", SPECIALISED)]


@pytest.fixture(scope="session")
def application_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("ApplicationResponse")


def test_corpus_has_application_response_examples() -> None:
    kinds = Counter(type(read_application_response(p.read_bytes())).__name__ for p in ALL)
    print(
        f"\nApplicationResponse examples by class: {dict(kinds)}; {len(OTHERS)} round-tripped here"
    )
    assert kinds["InvoiceResponse"] >= 14
    assert kinds["CatalogueResponse"] >= 2
    assert kinds["MessageLevelResponse"] >= 1
    assert kinds["ApplicationResponse"] == len(OTHERS) >= 1


@pytest.mark.parametrize("path", OTHERS, ids=ids(OTHERS))
def test_round_trip(path: Path, application_response_schema: etree.XMLSchema) -> None:
    response = round_trip(path, ApplicationResponse, application_response_schema)
    assert type(read_application_response(path.read_bytes())) is ApplicationResponse
    assert response.response_code is not None
    assert response.validate() == []


def test_a_specialised_class_refuses_another_transaction() -> None:
    mlr = next(iter(examples("ApplicationResponse", (message_level_response.CUSTOMIZATION_ID,))))
    with pytest.raises(DocumentError, match=r"customization id .* is not one of"):
        invoice_response.InvoiceResponse.from_xml(mlr.read_bytes())
    # The generic class reads it.
    assert ApplicationResponse.from_xml(mlr.read_bytes()).response_code == "RE"
