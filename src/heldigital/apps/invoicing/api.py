"""API for received invoices (``/api/v1/invoices``): upload, list, read, decide.

The buyer's users upload an EHF / PEPPOL BIS Billing 3 invoice or credit note
as the request body (``application/xml``); it is stored as received,
validated, matched and either approved by the rules, marked a duplicate,
refused as invalid or put in the approval inbox (docs/payments.md).

No ``from __future__ import annotations`` here: django-ninja reads the
annotations at import time.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from heldigital.apps.accounts.access import api_principal
from heldigital.apps.accounts.models import BUYER_ROLES, Role
from heldigital.apps.inputs import Text
from heldigital.apps.invoicing import posting, services
from heldigital.apps.invoicing.models import InvoiceState, ReceivedInvoice, ToleranceRule
from heldigital.platform.problems import problem_response
from heldigital.platform.validation import InputRefused, documents_from_request

router = Router(tags=["invoicing"])

#: Who may read the buyer's received invoices.
READERS = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER, Role.APPROVER, Role.AUDITOR})

_XML_BODY = {
    "required": True,
    "description": "One invoice or credit note (UBL 2.1, PEPPOL BIS Billing 3) as the body.",
    "content": {
        "application/xml": {"schema": {"type": "string", "format": "binary"}},
        "text/xml": {"schema": {"type": "string", "format": "binary"}},
    },
}


class InvoiceFindingOut(Schema):
    rule: str
    severity: str
    location: str
    message: str


#: A clarification reason (OpenPeppol code list ``OPStatusReason``).
ReasonCode = Literal[
    "NON", "REF", "LEG", "REC", "QUA", "DEL", "PRI", "QTY", "ITM", "PAY", "UNR", "FIN", "PPD", "OTH"
]


class InvoiceResponseOut(Schema):
    status: str
    sent_at: datetime
    receiver: str
    exchange_document_id: str | None
    error: str


class InvoiceOut(Schema):
    id: str
    channel: str
    received_at: datetime
    kind: str
    supplier: str
    supplier_name: str
    number: str
    issue_date: date | None
    currency: str
    payable_amount: Decimal | None
    order_reference: str
    valid: bool
    findings: list[InvoiceFindingOut]
    match_status: str
    decided_by_rules: list[str]
    reasons: list[str]
    state: str
    decided_at: datetime | None
    decision_note: str
    responses: list[InvoiceResponseOut]


class InvoiceDecisionIn(Schema):
    approve: bool
    note: Text() = ""
    reason: ReasonCode = "OTH"


class QueryReasonIn(Schema):
    code: ReasonCode
    text: Text(1000) = ""


class InvoiceQueryIn(Schema):
    reasons: list[QueryReasonIn] = Field(min_length=1, max_length=20)


def _out(row: ReceivedInvoice) -> InvoiceOut:
    outcome: dict[str, Any] = row.match_outcome or {}
    return InvoiceOut(
        id=str(row.pk),
        channel=row.channel,
        received_at=row.received_at,
        kind=row.kind,
        supplier=row.supplier_key,
        supplier_name=row.supplier_name,
        number=row.number,
        issue_date=row.issue_date,
        currency=row.currency,
        payable_amount=row.payable_amount,
        order_reference=row.order_reference,
        valid=row.valid,
        findings=[InvoiceFindingOut(**f) for f in row.findings],
        match_status=row.match_status,
        decided_by_rules=list(outcome.get("decided_by", [])),
        reasons=list(outcome.get("reasons", [])),
        state=row.state,
        decided_at=row.decided_at,
        decision_note=row.decision_note,
        responses=[
            InvoiceResponseOut(
                status=r.status,
                sent_at=r.sent_at,
                receiver=r.receiver,
                exchange_document_id=str(r.document_id) if r.document_id else None,
                error=r.error,
            )
            for r in row.responses.all()
        ],
    )


def _buyer(request: HttpRequest, roles: frozenset[str]) -> Any:
    principal = api_principal(request)
    organisation = principal.organisation
    if organisation is None or not principal.has_role(organisation, roles):
        raise PermissionDenied(_("Only the buyer's users work with its received invoices."))
    return principal, organisation


def _row(request: HttpRequest, invoice_id: uuid.UUID) -> ReceivedInvoice:
    _principal, organisation = _buyer(request, READERS | services.DECIDERS)
    row = ReceivedInvoice.objects.filter(pk=invoice_id, buyer=organisation).first()
    if row is None:
        raise Http404(_("There is no such invoice."))
    return row


@router.post(
    "/invoices",
    response={201: InvoiceOut},
    summary="Upload a received invoice or credit note (buyer)",
    openapi_extra={"requestBody": _XML_BODY},
)
def upload(request: HttpRequest) -> Any:
    principal, organisation = _buyer(request, frozenset(BUYER_ROLES))
    try:
        documents = documents_from_request(request)
    except InputRefused as exc:
        return problem_response(request, exc.status, exc.message, **exc.extra)
    if len(documents) != 1:
        return problem_response(request, 422, _("Send exactly one document."))
    row = services.receive(
        organisation, documents[0][1], channel="upload", now=timezone.now(), user=principal.user
    )
    return Status(201, _out(row))


@router.get(
    "/invoices",
    response=list[InvoiceOut],
    summary="My organisation's received invoices (buyer), optionally in one state",
)
def invoices(request: HttpRequest, state: InvoiceState | None = None) -> list[InvoiceOut]:
    _principal, organisation = _buyer(request, READERS | services.DECIDERS)
    rows = ReceivedInvoice.objects.filter(buyer=organisation)
    if state is not None:
        rows = rows.filter(state=state)
    return [_out(r) for r in rows.prefetch_related("responses").order_by("received_at", "id")]


@router.get("/invoices/{invoice_id}", response=InvoiceOut, summary="One received invoice")
def invoice(request: HttpRequest, invoice_id: uuid.UUID) -> InvoiceOut:
    return _out(_row(request, invoice_id))


@router.post(
    "/invoices/{invoice_id}/decision",
    response=InvoiceOut,
    summary="Approve or reject an invoice in the inbox (approver)",
)
def decision(request: HttpRequest, invoice_id: uuid.UUID, body: InvoiceDecisionIn) -> InvoiceOut:
    row = _row(request, invoice_id)
    try:
        decided = services.decide(
            row,
            principal=api_principal(request),
            approve=body.approve,
            now=timezone.now(),
            note=body.note,
            reason=body.reason,
        )
    except services.InvoicingError as exc:
        raise HttpError(409, str(exc)) from exc
    return _out(decided)


@router.post(
    "/invoices/{invoice_id}/query",
    response=InvoiceOut,
    summary="Ask the supplier about an invoice in the inbox: invoice response UQ (approver)",
)
def query(request: HttpRequest, invoice_id: uuid.UUID, body: InvoiceQueryIn) -> InvoiceOut:
    row = _row(request, invoice_id)
    try:
        queried = services.query(
            row,
            principal=api_principal(request),
            reasons=[(r.code, r.text) for r in body.reasons],
            now=timezone.now(),
        )
    except services.InvoicingError as exc:
        raise HttpError(409, str(exc)) from exc
    return _out(queried)


class ToleranceRuleOut(Schema):
    name: str
    kind: str
    limit: Decimal
    effective_from: date
    standard: bool


@router.get(
    "/invoicing/tolerance-rules",
    response=list[ToleranceRuleOut],
    summary="My organisation's tolerance rules for invoice matching, with the standard set",
)
def tolerance_rules(request: HttpRequest) -> list[ToleranceRuleOut]:
    _principal, organisation = _buyer(request, READERS | services.DECIDERS)
    own = {r.name for r in ToleranceRule.objects.filter(buyer=organisation)}
    return [
        ToleranceRuleOut(
            name=rule.name,
            kind=rule.kind.value,
            limit=rule.limit,
            effective_from=rule.effective_from,
            standard=rule.name not in own,
        )
        for rule in sorted(
            services.rules_for(organisation).rules, key=lambda r: (r.kind.value, r.effective_from)
        )
    ]


class PostingOut(Schema):
    invoice_id: str
    invoice_number: str
    kind: str
    issue_date: str
    approved_at: str
    supplier: str
    supplier_name: str
    currency: str
    line: str
    account: str
    cost_centre: str
    project: str
    vat_code: str
    vat_rate: str
    amount: str


class PostingFilters(Schema):
    approved_from: date | None = None
    approved_to: date | None = None


def _postings(request: HttpRequest, filters: PostingFilters) -> list[posting.PostingLine]:
    principal, organisation = _buyer(request, posting.EXPORTERS)
    return posting.postings(
        organisation,
        principal=principal,
        approved_from=filters.approved_from,
        approved_to=filters.approved_to,
    )


@router.get(
    "/invoicing/postings",
    response=list[PostingOut],
    summary="Posting export of my organisation's approved invoices (JSON)",
)
def postings_json(request: HttpRequest, filters: Query[PostingFilters]) -> list[dict[str, str]]:
    return posting.as_json(_postings(request, filters))


@router.get(
    "/invoicing/postings.csv",
    response={200: None},
    summary="Posting export of my organisation's approved invoices (CSV)",
    openapi_extra={
        "responses": {
            200: {
                "description": "RFC 4180 CSV with a header row (docs/payments.md)",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def postings_csv(request: HttpRequest, filters: Query[PostingFilters]) -> HttpResponse:
    response = HttpResponse(
        posting.as_csv(_postings(request, filters)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="postings.csv"'
    return response
