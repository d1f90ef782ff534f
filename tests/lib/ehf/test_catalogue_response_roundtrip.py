"""Catalogue Response (PEPPOL BIS T58, EHF 3.0): round trip of the official examples, building one.

See :mod:`tests.lib.ehf.postaward_support` for the round-trip checks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.catalogue_response import CUSTOMIZATION_ID, CatalogueResponse
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity
from heldigital.ehf.mapping import ModelError
from heldigital.xml import DocumentError
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("ApplicationResponse", (CUSTOMIZATION_ID,))


@pytest.fixture(scope="session")
def application_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("ApplicationResponse")


def test_corpus_has_catalogue_response_examples() -> None:
    print(f"\nround-tripping {len(EXAMPLES)} CatalogueResponse examples (PEPPOL and EHF)")
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, application_response_schema: etree.XMLSchema) -> None:
    response = round_trip(path, CatalogueResponse, application_response_schema)
    assert isinstance(response, CatalogueResponse)
    assert response.response_code in ("AB", "AP", "RE")
    assert response.catalogue_id


def _party(name: str) -> Party:
    return Party(
        endpoint_id=Identifier("974760673", scheme_id="0192"),
        party_legal_entity=[PartyLegalEntity(registration_name=name)],
    )


def test_build_a_rejection(application_response_schema: etree.XMLSchema) -> None:
    response = CatalogueResponse.build(
        id="CR-1",
        issue_date=date(2026, 11, 25),
        sender=_party("Buyer"),
        receiver=_party("Supplier"),
        catalogue_id="CAT-9",
        response_code="RE",
        reason="Prices are missing on lines 4 and 7",
    )
    written = response.to_xml()
    assert application_response_schema.validate(xml.parse(written))
    again = CatalogueResponse.from_xml(written)
    assert again == response
    assert again.catalogue_id == "CAT-9"
    assert again.document_response[0].response.description == (
        "Prices are missing on lines 4 and 7",
    )


def test_build_refuses_an_invoice_status() -> None:
    # PD (paid) is an invoice response status: a UNCL4343 code, but not for catalogues.
    with pytest.raises(ModelError, match="not a catalogue response code"):
        CatalogueResponse.build(
            id="CR-1",
            issue_date=date(2026, 11, 25),
            sender=_party("Buyer"),
            receiver=_party("Supplier"),
            catalogue_id="CAT-9",
            response_code="PD",
        )


def test_a_read_response_with_another_transactions_code_is_reported() -> None:
    path = corpus("poacc-upgrade-3", "rules", "examples", "CatalogueResponse_Example.xml")
    data = path.read_bytes()
    code = CatalogueResponse.from_xml(data).response_code
    assert code is not None
    tampered = data.replace(
        f"<cbc:ResponseCode>{code}</cbc:ResponseCode>".encode(),
        b"<cbc:ResponseCode>PD</cbc:ResponseCode>",
    )
    response = CatalogueResponse.from_xml(tampered)  # PD is UNCL4343 (T111), kept when read
    assert response.response_code == "PD"
    problems = response.validate()
    assert [p.where for p in problems] == [
        "document_response[0].response.response_code (cbc:ResponseCode)"
    ]
    assert "not a CatalogueResponse response code (AB, AP, RE)" in problems[0].message
    with pytest.raises(DocumentError, match="not a catalogue response code"):
        CatalogueResponse.from_xml(tampered, strict=True)
