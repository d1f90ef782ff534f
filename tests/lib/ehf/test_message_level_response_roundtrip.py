"""Message Level Response (PEPPOL BIS T71): round trip of every official example, and building one.

See :mod:`tests.lib.ehf.postaward_support` for the round-trip checks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.message_level_response import CUSTOMIZATION_ID, Issue, MessageLevelResponse
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("ApplicationResponse", (CUSTOMIZATION_ID,))


@pytest.fixture(scope="session")
def application_response_schema() -> etree.XMLSchema:
    return load_ubl_schema("ApplicationResponse")


def test_corpus_has_mlr_examples() -> None:
    print(f"\nround-tripping {len(EXAMPLES)} MessageLevelResponse examples")
    assert len(EXAMPLES) >= 1


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, application_response_schema: etree.XMLSchema) -> None:
    response = round_trip(path, MessageLevelResponse, application_response_schema)
    assert isinstance(response, MessageLevelResponse)
    assert response.response_code == "RE"
    assert response.issues
    assert {issue.code for issue in response.issues} <= {"BV", "BW", "SV"}


def _party(orgnr: str) -> Party:
    return Party(
        endpoint_id=Identifier(orgnr, scheme_id="0192"),
        party_legal_entity=[PartyLegalEntity(registration_name="X")],
    )


def test_build_a_rejection_with_issues(application_response_schema: etree.XMLSchema) -> None:
    issues = [
        Issue(location="/Invoice/cbc:IssueDate", description="[BR-03] issue date missing"),
        Issue(location="NA", description="not well-formed", code="SV"),
    ]
    response = MessageLevelResponse.build(
        id="MLR-1",
        issue_date=date(2026, 11, 25),
        sender=_party("974760673"),
        receiver=_party("910667831"),
        message_id="INV-77",
        response_code="RE",
        issues=issues,
    )
    written = response.to_xml()
    assert application_response_schema.validate(xml.parse(written))
    again = MessageLevelResponse.from_xml(written)
    assert again == response
    assert again.issues == tuple(issues)


def test_issues_need_a_rejection() -> None:
    with pytest.raises(ModelError, match="only with response code RE"):
        MessageLevelResponse.build(
            id="MLR-1",
            issue_date=date(2026, 11, 25),
            sender=_party("974760673"),
            receiver=_party("910667831"),
            message_id="INV-77",
            response_code="AP",
            issues=[Issue(location="NA", description="x")],
        )
    with pytest.raises(ModelError, match="not a message level response issue code"):
        Issue(location="NA", description="x", code="XX")
