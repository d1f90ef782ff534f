"""Invoice Responses (PEPPOL BIS Invoice Response 3, T111) to the supplier (issue 12, deliver 4).

The buyer tells the supplier, through the exchange
(:func:`heldigital.apps.exchange.services.send`, validated there with
:mod:`heldigital.rules`), how a received invoice or credit note is handled:

====  =======================================================================
AB    received and readable (every valid document, on receipt)
UQ    under query: an approver asks the supplier, with reasons (:func:`respond`
      from ``services.query``)
AP    accepted: approved for payment, by the matching rules or by an approver
RE    rejected: by an approver (the reason given), or on receipt when the
      document breaks rules (one reason per rule broken: rule id and text,
      and the action "issue a new invoice")
PD    paid: the bank's notification booked the payment (``camt.054``)
====  =======================================================================

Only documents received through the exchange are answered, to the participant
that sent them (``ReceivedInvoice.reply_to``); an uploaded document has no one to
answer on the network. At most one response per invoice and status (a database
constraint): answering again with the same status returns the first record. A
response the exchange refuses never undoes the receipt or decision that caused it:
the record keeps the reason (``error``) and nothing leaves.

The callers hold the buyer's row lock (receipt, decisions), or the payment item's
(payments), so two responses with one status are not written at once; the
constraint is the backstop.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime

from django.db import IntegrityError, transaction

from heldigital.apps.common import local_day
from heldigital.apps.exchange import services as exchange
from heldigital.apps.invoicing.models import (
    DocumentKind,
    InvoiceResponse,
    ReceivedInvoice,
    ResponseStatus,
)
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity
from heldigital.ehf.invoice_response import Clarification
from heldigital.ehf.invoice_response import InvoiceResponse as T111
from heldigital.peppol.identifiers import InvalidIdentifier, ParticipantIdentifier

logger = logging.getLogger(__name__)

__all__ = ["MAX_RULE_REASONS", "rejection_for_findings", "respond"]

#: At most this many broken rules are listed in one rejection (the rest are counted).
MAX_RULE_REASONS = 50
_PLATFORM = "platform"


def _party(name: str, participant: str) -> Party:
    """A T111 party: the electronic address (``ICD:value`` of the participant) and name."""
    try:
        parsed = ParticipantIdentifier.parse(participant)
        icd, _, value = parsed.value.partition(":")
    except InvalidIdentifier:
        icd, value = "", participant
    if not value:
        icd, value = "", participant
    return Party(
        endpoint_id=Identifier(value, scheme_id=icd or None),
        party_legal_entity=[PartyLegalEntity(registration_name=(name or value)[:200])],
    )


def _clarifications_json(items: Iterable[Clarification]) -> list[dict[str, str]]:
    return [{"kind": c.kind, "code": c.code, "text": c.text or ""} for c in items]


def rejection_for_findings(findings: list[dict[str, str]]) -> list[Clarification]:
    """The reasons of a rejection on receipt: one per fatal finding (rule id and text),
    and the action "issue a new invoice"."""
    fatal = [f for f in findings if f.get("severity", "fatal") == "fatal"] or findings
    reasons = [
        Clarification(kind="reason", code="OTH", text=f"{f['rule']}: {f['message']}"[:1000])
        for f in fatal[:MAX_RULE_REASONS]
    ]
    if len(fatal) > MAX_RULE_REASONS:
        reasons.append(
            Clarification(
                kind="reason",
                code="OTH",
                text=f"... and {len(fatal) - MAX_RULE_REASONS} more rules broken",
            )
        )
    if not reasons:
        reasons.append(Clarification(kind="reason", code="UNR", text="The document is not valid."))
    return [*reasons, Clarification(kind="action", code="NIN")]


def _document_type_code(row: ReceivedInvoice) -> str:
    if row.kind == DocumentKind.CREDIT_NOTE:
        return "381"
    if row.kind == DocumentKind.UNKNOWN and row.exchange_document is not None:
        return "381" if row.exchange_document.family == "credit_note" else "380"
    return "380"


def respond(
    row: ReceivedInvoice,
    status: str,
    *,
    now: datetime,
    clarifications: Iterable[Clarification] = (),
    actor: str = _PLATFORM,
    effective_date: date | None = None,
) -> InvoiceResponse | None:
    """Send the invoice response ``status`` for ``row`` to its supplier, once.

    None for a document that was not received through the exchange; the existing
    record when this status was answered already.
    """
    if status not in ResponseStatus.values:
        raise ValueError(f"{status!r} is not an invoice response status of this platform")
    if not row.reply_to:
        return None
    existing = InvoiceResponse.objects.filter(invoice=row, status=status).first()
    if existing is not None:
        return existing
    clarifications = list(clarifications)
    buyer = row.buyer
    number = row.number or (row.exchange_document.number if row.exchange_document else "")
    message = T111.build(
        id=f"{status}-{row.pk}",
        issue_date=local_day(now),
        sender=_party(buyer.name, buyer.peppol_participant),
        receiver=_party(row.supplier_name, row.reply_to),
        invoice_id=number or str(row.pk),
        invoice_issue_date=row.issue_date,
        invoice_type_code=_document_type_code(row),
        status=status,
        effective_date=effective_date,
        clarifications=clarifications,
    )
    # claim the status first (the constraint decides a race), then send
    try:
        with transaction.atomic():
            record = InvoiceResponse.objects.create(
                invoice=row,
                status=status,
                sent_at=now,
                receiver=row.reply_to,
                clarifications=_clarifications_json(clarifications),
            )
    except IntegrityError:
        return InvoiceResponse.objects.get(invoice=row, status=status)
    try:
        with transaction.atomic():
            record.document = exchange.send(
                organisation=buyer,
                payload=message.to_xml(pretty=False),
                receiver=row.reply_to,
                now=now,
                actor=actor,
                reference=f"invoice:{row.pk}",
            )
    except exchange.DocumentRefused as exc:
        error = "; ".join(f"{f.get('rule')}: {f.get('message')}" for f in exc.findings)
        record.error = (error or exc.message)[:2000]
        logger.warning("invoice response %s for %s not sent: %s", status, row.pk, record.error)
    record.save(update_fields=["document", "error"])
    return record
