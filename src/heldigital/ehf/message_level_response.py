"""PEPPOL BIS Message Level Response (transaction T71), a UBL 2.1 ``ApplicationResponse``.

Specification: PEPPOL BIS Message Level Response 3
(``docs.peppol.eu/poacc/upgrade-3/syntax/MLR/tree/``). The receiver of any
business document tells its sender whether the message as such was
acknowledged (``AB``), accepted (``AP``) or rejected (``RE``); for a rejection
each issue is a line response whose ``cbc:LineID`` is the XPath of the error
(or ``NA``), with a description and a status reason code: ``BV`` business rule
violation (fatal), ``BW`` business rule violation (warning), ``SV`` syntax
violation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.common import (
    DocumentReference,
    LineReference,
    LineResponse,
    Party,
    Response,
    Status,
)
from heldigital.ehf.mapping import (
    Code,
    Identifier,
    ModelError,
)

__all__ = [
    "CUSTOMIZATION_ID",
    "ISSUE_CODES",
    "PROFILE_ID",
    "RESPONSE_CODES",
    "Issue",
    "MessageLevelResponse",
]

#: tir71-006: PEPPOL BIS Message Level Response transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:mlr:3"
#: tir71-005: PEPPOL BIS Message Level Response 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:mlr:3"
#: tir71-014: message response codes (UNCL4343 subset).
RESPONSE_CODES = {"AB": "Message acknowledgement", "AP": "Accepted", "RE": "Rejected"}
#: tir71-016: issue (status reason) codes.
ISSUE_CODES = {
    "BV": "Business rule violation, fatal",
    "BW": "Business rule violation, warning",
    "SV": "Syntax violation",
}


@dataclass(frozen=True, kw_only=True)
class Issue:
    """One issue found in the message (tir71-013 .. tir71-017).

    ``location`` is the XPath of the faulty element, or ``NA`` (tir71-013);
    ``description`` the text, e.g. the rule id and message (tir71-015);
    ``code`` one of :data:`ISSUE_CODES` (tir71-016); the line response code
    (tir71-017) is ``RE``.
    """

    location: str
    description: str
    code: str = "BV"

    def __post_init__(self) -> None:
        if self.code not in ISSUE_CODES:
            raise ModelError(f"{self.code!r} is not a message level response issue code")

    def to_line_response(self) -> LineResponse:
        """The UBL ``cac:LineResponse`` for this issue."""
        return LineResponse(
            line_reference=LineReference(line_id=self.location),
            response=(
                Response(
                    response_code="RE",
                    description=(self.description,),
                    status=(Status(status_reason_code=Code(self.code)),),
                ),
            ),
        )


@dataclass(frozen=True, kw_only=True)
class MessageLevelResponse(ApplicationResponse):
    """A message level response (PEPPOL BIS T71).

    One ``document_response`` with the response code (tir71-014), the
    referenced message (tir71-018: its document id, not the transport id)
    and the issues as line responses (tir71-013 .. tir71-017).
    """

    CUSTOMIZATION_IDS: ClassVar[tuple[str, ...]] = (CUSTOMIZATION_ID,)
    RESPONSE_CODES: ClassVar[Mapping[str, str]] = RESPONSE_CODES
    ANSWERS: ClassVar[str] = "message"

    @classmethod
    def build(
        cls,
        *,
        id: str,
        issue_date: date,
        sender: Party,
        receiver: Party,
        message_id: str,
        response_code: str,
        issues: Iterable[Issue] = (),
        issue_time: time | None = None,
        description: str | None = None,
    ) -> MessageLevelResponse:
        """Build a response to the message whose document id is ``message_id``."""
        lines = tuple(issue.to_line_response() for issue in issues)
        if lines and response_code != "RE":
            raise ModelError("issues are reported only with response code RE")
        return cls.answer(
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=None,
            sender=sender,
            receiver=receiver,
            profile_id=PROFILE_ID,
            response=Response(
                response_code=response_code, description=(description,) if description else ()
            ),
            reference=DocumentReference(id=Identifier(message_id)),
            line_response=lines,
        )

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues reported (one per line response status)."""
        result = []
        for line in self.document_response[0].line_response:
            for response in line.response:
                text = response.description[0] if response.description else ""
                for status in response.status or (Status(),):
                    code = status.status_reason_code
                    result.append(
                        Issue(
                            location=line.line_reference.line_id,
                            description=text,
                            code=code.value if code is not None else "BV",
                        )
                    )
        return tuple(result)
