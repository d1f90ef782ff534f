"""Invoice Response (PEPPOL BIS T111): round trip of every official example, and building one.

See :mod:`tests.lib.ehf.postaward_support` for the round-trip checks.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity
from heldigital.ehf.invoice_response import (
    CUSTOMIZATION_ID,
    STATUS_CODES,
    Clarification,
    InvoiceResponse,
)
from heldigital.ehf.mapping import ModelError
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("ApplicationResponse", (CUSTOMIZATION_ID,))


@pytest.fixture(scope="session")
def application_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("ApplicationResponse")


def test_corpus_has_invoice_response_examples() -> None:
    statuses = sorted({InvoiceResponse.from_xml(p.read_bytes()).status for p in EXAMPLES})
    print(f"\nround-tripping {len(EXAMPLES)} InvoiceResponse examples, statuses {statuses}")
    assert len(EXAMPLES) >= 14
    # The use cases cover every status but the bare acknowledgement AB.
    assert set(statuses) == set(STATUS_CODES) - {"AB"}


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, application_response_schema: etree.XMLSchema) -> None:
    response = round_trip(path, InvoiceResponse, application_response_schema)
    assert isinstance(response, InvoiceResponse)
    assert response.status in STATUS_CODES
    assert response.invoice_id
    assert response.validate() == []
    # Every status element of the official examples is a reason or an action.
    statuses = response.document_response[0].response.status
    coded = [s for s in statuses if s.status_reason_code is not None]
    assert len(response.clarifications) == len(coded)


def test_rejection_with_reason_and_action_from_the_use_cases() -> None:
    path = next(p for p in EXAMPLES if "uc004a" in p.name)
    response = InvoiceResponse.from_xml(path.read_bytes())
    assert response.status == "RE"
    kinds = {c.kind for c in response.clarifications}
    assert kinds <= {"reason", "action"} and "reason" in kinds


def _party(name: str, orgnr: str) -> Party:
    return Party(
        endpoint_id=Identifier(orgnr, scheme_id="0192"),
        party_legal_entity=[PartyLegalEntity(registration_name=name)],
    )


def test_build_writes_a_valid_invoice_response(
    application_response_schema: etree.XMLSchema,
) -> None:
    response = InvoiceResponse.build(
        id="IR-1",
        issue_date=date(2026, 11, 25),
        sender=_party("Oslo kommune", "974760673"),
        receiver=_party("Leverandør AS", "910667831"),
        invoice_id="INV-77",
        invoice_issue_date=date(2026, 11, 20),
        status="UQ",
        clarifications=[
            Clarification(
                kind="reason",
                code="REF",
                text="Order reference missing",
                conditions=[("BT-13", None)],
            ),
            Clarification(kind="action", code="PIN"),
        ],
    )
    written = response.to_xml()
    assert application_response_schema.validate(xml.parse(written))
    again = InvoiceResponse.from_xml(written)
    assert again == response
    assert again.status == "UQ" and again.invoice_id == "INV-77"
    assert [(c.kind, c.code) for c in again.clarifications] == [
        ("reason", "REF"),
        ("action", "PIN"),
    ]
    assert again.clarifications[0].conditions == (("BT-13", None),)
    assert b'listID="OPStatusReason"' in written and b'listID="OPStatusAction"' in written


def test_build_refuses_unknown_status() -> None:
    with pytest.raises(ModelError, match="'OK' is not a code of UNCL4343"):
        InvoiceResponse.build(
            id="IR-1",
            issue_date=date(2026, 11, 25),
            sender=_party("A", "974760673"),
            receiver=_party("B", "910667831"),
            invoice_id="INV-1",
            status="OK",
        )


def test_an_invoice_response_answers_one_invoice() -> None:
    built = InvoiceResponse.build(
        id="IR-1",
        issue_date=date(2026, 11, 25),
        sender=_party("A", "974760673"),
        receiver=_party("B", "910667831"),
        invoice_id="INV-1",
        status="AP",
    )
    with pytest.raises(ModelError, match="exactly one invoice"):
        dataclasses.replace(built, document_response=built.document_response * 2)


def test_clarification_codes_are_checked() -> None:
    with pytest.raises(ModelError, match="not an invoice response reason code"):
        Clarification(kind="reason", code="NIN")  # an action code used as a reason
    with pytest.raises(ModelError, match="'reason' or 'action'"):
        Clarification(kind="comment", code="OTH")
