"""PEPPOL BIS Invoice Response (transaction T111), a UBL 2.1 ``ApplicationResponse``.

Specification: PEPPOL BIS Invoice Response 3
(``docs.peppol.eu/poacc/upgrade-3/syntax/InvoiceResponse/tree/`` and the
profile document ``.../profiles/63-invoiceresponse/``). The buyer tells the
seller how an invoice (or credit note) is being handled:

========  =====================================================================
``AB``    message acknowledgement: received and readable
``IP``    in process
``UQ``    under query: the buyer needs more information (with reasons/actions)
``CA``    conditionally accepted (with reasons/actions)
``RE``    rejected (with reasons/actions)
``AP``    accepted: approved for payment
``PD``    paid (fully or partially)
========  =====================================================================

Clarifications (tir111-015 .. tir111-018) are ``cac:Status`` elements whose
``cbc:StatusReasonCode`` carries ``listID="OPStatusReason"`` (what is wrong:
``REF`` references incorrect, ``PRI`` prices incorrect ...) or
``listID="OPStatusAction"`` (what the seller should do: ``NIN`` issue new
invoice, ``CNF`` credit fully ...), with optional text and, for reasons,
``cac:Condition`` naming the affected business term and its value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.common import (
    Condition,
    DocumentReference,
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
    "PROFILE_ID",
    "STATUS_ACTIONS",
    "STATUS_CODES",
    "STATUS_REASONS",
    "Clarification",
    "InvoiceResponse",
]

#: tir111-006: PEPPOL BIS Invoice Response transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:invoice_response:3"
#: tir111-005: PEPPOL BIS Invoice Response 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:invoice_response:3"

#: tir111-013: invoice status codes (UNCL4343 subset "UNCL4343-T111").
STATUS_CODES = {
    "AB": "Message acknowledgement",
    "IP": "In process",
    "UQ": "Under query",
    "CA": "Conditionally accepted",
    "RE": "Rejected",
    "AP": "Accepted",
    "PD": "Paid",
}
#: tir111-015 with ``listID="OPStatusReason"``: clarification reason codes.
STATUS_REASONS = {
    "NON": "No issue",
    "REF": "References incorrect",
    "LEG": "Legal information incorrect",
    "REC": "Receiver unknown",
    "QUA": "Item quality insufficient",
    "DEL": "Delivery issues",
    "PRI": "Prices incorrect",
    "QTY": "Quantity incorrect",
    "ITM": "Items incorrect",
    "PAY": "Payment terms incorrect",
    "UNR": "Not recognized",
    "FIN": "Finance incorrect",
    "PPD": "Partially paid",
    "OTH": "Other",
}
#: tir111-015 with ``listID="OPStatusAction"``: clarification action codes.
STATUS_ACTIONS = {
    "NOA": "No action required",
    "PIN": "Provide information",
    "NIN": "Issue new invoice",
    "CNF": "Credit fully",
    "CNP": "Credit partially",
    "CNA": "Credit the amount",
    "OTH": "Other",
}
_REASON_LIST = "OPStatusReason"
_ACTION_LIST = "OPStatusAction"


@dataclass(frozen=True, kw_only=True)
class Clarification:
    """One clarification of an invoice response (tir111-015): a reason or an action.

    ``kind`` is ``"reason"`` (code from :data:`STATUS_REASONS`) or
    ``"action"`` (code from :data:`STATUS_ACTIONS`); ``text`` is the free
    text (tir111-016); ``conditions`` are (business term, value) pairs that
    name what is wrong (tir111-017, tir111-018), e.g. ``("BT-48", "NO999999999")``.
    """

    kind: str
    code: str
    text: str | None = None
    conditions: tuple[tuple[str, str | None], ...] = ()

    def __post_init__(self) -> None:
        codes = {"reason": STATUS_REASONS, "action": STATUS_ACTIONS}.get(self.kind)
        if codes is None:
            raise ModelError(f"clarification kind must be 'reason' or 'action', not {self.kind!r}")
        if self.code not in codes:
            raise ModelError(f"{self.code!r} is not an invoice response {self.kind} code")
        object.__setattr__(self, "conditions", tuple(self.conditions))

    def to_status(self) -> Status:
        """The UBL ``cac:Status`` element for this clarification."""
        return Status(
            status_reason_code=Code(
                self.code, list_id=_REASON_LIST if self.kind == "reason" else _ACTION_LIST
            ),
            status_reason=(self.text,) if self.text else (),
            condition=tuple(
                Condition(attribute_id=term, description=(value,) if value else ())
                for term, value in self.conditions
            ),
        )

    @classmethod
    def from_status(cls, status: Status) -> Clarification:
        """Read a clarification from a ``cac:Status``; refuses one without a known list id."""
        code = status.status_reason_code
        if code is None:
            raise ModelError("status without a status reason code is no clarification")
        kinds = {_REASON_LIST: "reason", _ACTION_LIST: "action"}
        kind = kinds.get(code.list_id or "")
        if kind is None:
            raise ModelError(
                f"status reason code list {code.list_id!r} is not {' or '.join(kinds)}"
            )
        return cls(
            kind=kind,
            code=code.value,
            text=status.status_reason[0] if status.status_reason else None,
            conditions=tuple(
                (c.attribute_id, c.description[0] if c.description else None)
                for c in status.condition
            ),
        )


@dataclass(frozen=True, kw_only=True)
class InvoiceResponse(ApplicationResponse):
    """An invoice response (PEPPOL BIS T111).

    Exactly one ``document_response`` whose ``response`` carries the status
    code (tir111-013) and whose ``document_reference`` names the invoice
    (tir111-020, issue date tir111-019, document type code 380 / 381
    tir111-021).
    """

    CUSTOMIZATION_IDS: ClassVar[tuple[str, ...]] = (CUSTOMIZATION_ID,)
    RESPONSE_CODES: ClassVar[Mapping[str, str]] = STATUS_CODES
    ANSWERS: ClassVar[str] = "invoice"

    @classmethod
    def build(
        cls,
        *,
        id: str,
        issue_date: date,
        sender: Party,
        receiver: Party,
        invoice_id: str,
        status: str,
        invoice_issue_date: date | None = None,
        invoice_type_code: str = "380",
        issue_time: time | None = None,
        note: str | None = None,
        effective_date: date | None = None,
        clarifications: Iterable[Clarification] = (),
    ) -> InvoiceResponse:
        """Build an invoice response for invoice ``invoice_id`` with ``status``.

        ``sender`` is the buyer (tir111-007), ``receiver`` the seller
        (tir111-010); ``effective_date`` is when the status applies
        (tir111-014), e.g. the payment date for ``PD``.
        """
        return cls.answer(
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=note,
            sender=sender,
            receiver=receiver,
            profile_id=PROFILE_ID,
            response=Response(
                response_code=status,
                effective_date=effective_date,
                status=tuple(c.to_status() for c in clarifications),
            ),
            reference=DocumentReference(
                id=Identifier(invoice_id),
                issue_date=invoice_issue_date,
                document_type_code=Code(invoice_type_code) if invoice_type_code else None,
            ),
        )

    @property
    def status(self) -> str:
        """The invoice status code (tir111-013)."""
        return self.document_response[0].response.response_code or ""

    @property
    def invoice_id(self) -> str:
        """The id of the invoice answered (tir111-020)."""
        return self.document_response[0].document_reference[0].id.value

    @property
    def clarifications(self) -> tuple[Clarification, ...]:
        """The reasons and actions (tir111-015); statuses with another list id are skipped."""
        result = []
        for status in self.document_response[0].response.status:
            code = status.status_reason_code
            if code is not None and code.list_id in (_REASON_LIST, _ACTION_LIST):
                result.append(Clarification.from_status(status))
        return tuple(result)
