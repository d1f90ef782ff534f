"""Receiving, validating, matching and approving invoices (issue 12, deliver 4).

:func:`receive` stores every document as it came - valid or not - with the
findings of :mod:`heldigital.rules` (the rule release in force on the day of
receipt). A valid invoice or credit note is then matched with
:mod:`heldigital.matching` against the buyer's other received documents:
a duplicate (same supplier, number and amount) is marked and never paid, a
matched document is approved by the rules, and every other waits in the
approval inbox (:func:`inbox`) until an approver decides (:func:`decide`).

Orders and goods receipts are not yet on the platform (the ``ordering`` app
comes next), so for now matching finds no order for an invoice
(``no-order``) and every invoice goes to the inbox; duplicates and credit
notes are matched already. The buyer's tolerance rules will come with the
orders; until then no tolerance applies.

Receipt is serialised per buyer (the buyer's row is locked), and a database
constraint allows one approved document per buyer, supplier, number and
kind: the same invoice is never approved - and so never paid - twice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation, Role, User
from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Direction, Document
from heldigital.apps.invoicing import responses
from heldigital.apps.invoicing.models import (
    STANDARD_FROM,
    Channel,
    DocumentKind,
    InvoiceState,
    ReceivedInvoice,
    ResponseStatus,
)
from heldigital.apps.invoicing.models import ToleranceRule as StoredRule
from heldigital.ehf import CreditNote
from heldigital.ehf import Invoice as EhfInvoice
from heldigital.ehf.documents import read_document
from heldigital.ehf.invoice_response import STATUS_REASONS, Clarification
from heldigital.matching import (
    Invoice,
    InvoiceLine,
    Order,
    Receipt,
    RuleKind,
    RuleSet,
    Status,
    ToleranceRule,
    match,
)
from heldigital.matching.ehf import AdapterError, credit_note_from_ehf, invoice_from_ehf
from heldigital.rules import validate

__all__ = [
    "DECIDERS",
    "EXCHANGE_FAMILIES",
    "STANDARD_RULES",
    "InvoicingError",
    "OrderSource",
    "decide",
    "inbox",
    "query",
    "receive",
    "receive_from_exchange",
    "register_exchange_handler",
    "rematch",
    "rules_for",
    "set_order_source",
]

#: The platform's standard tolerance rules, in force from 2000-01-01 for every buyer
#: until a rule of the buyer's own of the same kind takes effect (docs/payments.md).
STANDARD_RULES: tuple[ToleranceRule, ...] = (
    ToleranceRule(
        "standard-unit-price-2-percent", RuleKind.UNIT_PRICE_PERCENT, Decimal(2), STANDARD_FROM
    ),
    ToleranceRule("standard-quantity-0", RuleKind.QUANTITY, Decimal(0), STANDARD_FROM),
    ToleranceRule("standard-total-100", RuleKind.TOTAL_ABSOLUTE, Decimal(100), STANDARD_FROM),
)

#: What an order source gives: the buyer's orders and goods receipts for the order ids
#: asked (``heldigital.matching`` documents; an order's ``supplier`` in the same key as
#: the invoices': the seller's electronic address ``scheme:value``, as
#: :func:`heldigital.matching.ehf.invoice_from_ehf` makes it).
OrderSource = Callable[[Organisation, frozenset[str]], tuple[Iterable[Order], Iterable[Receipt]]]

_order_source: OrderSource | None = None


def set_order_source(source: OrderSource | None) -> OrderSource | None:
    """Plug in where orders and goods receipts come from (the ``ordering`` app, from its
    ``ready()``); None unplugs it. Returns the source it replaces.

    Without one, every invoice that names an order is ``no-order``; with one, matching
    asks ``source(buyer, order_ids)`` for the orders the documents name and the goods
    receipts against them. When an order or receipt arrives later, the source's app
    calls :func:`rematch`.
    """
    global _order_source
    previous, _order_source = _order_source, source
    return previous


def _plain(value: Decimal) -> Decimal:
    """``5.0000`` as ``5``, ``2.5000`` as ``2.5`` (the stored scale is not the rule's)."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def rules_for(buyer: Organisation) -> RuleSet:
    """The buyer's tolerance rules: the standard set and the buyer's own (stored)."""
    own = [
        ToleranceRule(r.name, RuleKind(r.kind), _plain(Decimal(r.limit)), r.effective_from)
        for r in StoredRule.objects.filter(buyer=buyer).order_by("kind", "effective_from")
    ]
    return RuleSet.of([*STANDARD_RULES, *own])


#: The kinds of exchange document (``exchange.Document.family``) received here.
EXCHANGE_FAMILIES = frozenset({"invoice", "credit_note"})

#: Who may approve or reject an invoice of the buyer.
DECIDERS = frozenset({Role.APPROVER, Role.BUYER_ADMIN})


class InvoicingError(ValueError):
    """The requested step is not possible in the document's state."""


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _read(data: bytes, document_id: str) -> tuple[str, Invoice | None, str, str]:
    """Kind, the matching document, supplier name and a reason when unreadable."""
    try:
        document = read_document(data)
        if isinstance(document, EhfInvoice):
            made = invoice_from_ehf(document, document_id=document_id)
            return DocumentKind.INVOICE, made, document.seller.name or "", ""
        if isinstance(document, CreditNote):
            made = credit_note_from_ehf(document, document_id=document_id)
            return DocumentKind.CREDIT_NOTE, made, document.seller.name or "", ""
        return DocumentKind.UNKNOWN, None, "", f"a {type(document).__name__} is not an invoice"
    except (ValueError, AdapterError) as exc:  # DocumentError and ModelError are ValueErrors
        return DocumentKind.UNKNOWN, None, "", str(exc)


def receive(
    buyer: Organisation,
    data: bytes,
    *,
    channel: str,
    now: datetime,
    user: User | None = None,
    exchange_document: Document | None = None,
) -> ReceivedInvoice:
    """Store ``data`` as received for ``buyer``, validate it and match it.

    With ``exchange_document`` (the inbox document it came as) it is received at
    most once: a second call for the same document - a retry, or a call at the
    same time - returns the first one's row.
    """
    if channel not in Channel.values:
        raise InvoicingError(f"unknown channel {channel!r}")
    if exchange_document is not None:
        existing = ReceivedInvoice.objects.filter(exchange_document=exchange_document).first()
        if existing is not None:
            return existing
    document_id = uuid.uuid4()
    report = validate(data, on=now.date())
    findings = [
        {
            "rule": f.rule,
            "severity": str(f.severity.value if isinstance(f.severity, Enum) else f.severity),
            "location": f.location,
            "message": f.message,
        }
        for f in report.errors
    ]
    kind, made, supplier_name, unreadable = _read(data, str(document_id))
    if unreadable:
        findings.append(
            {"rule": "DOCUMENT", "severity": "fatal", "location": "", "message": unreadable}
        )
    valid = report.valid and made is not None
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=buyer.pk)
        if exchange_document is not None:
            # read again under the buyer's lock: a call that held it first has committed
            existing = ReceivedInvoice.objects.filter(exchange_document=exchange_document).first()
            if existing is not None:
                return existing
        row = ReceivedInvoice.objects.create(
            id=document_id,
            buyer=buyer,
            channel=channel,
            received_at=now,
            received_by=user,
            xml=data,
            sha256=hashlib.sha256(data).hexdigest(),
            kind=kind,
            supplier_key=made.supplier if made else "",
            supplier_name=supplier_name[:200],
            number=made.number[:200] if made else "",
            number_key=made.identity[1][:200] if made else "",
            issue_date=made.issue_date if made else None,
            currency=made.currency if made else "",
            payable_amount=made.payable_amount if made else None,
            order_reference=(made.order_id or "") if made else "",
            lines=_jsonable([dataclasses.asdict(line) for line in made.lines]) if made else [],
            credited_numbers=list(made.credited_numbers) if made else [],
            valid=valid,
            findings=findings,
            state=InvoiceState.INBOX if valid else InvoiceState.INVALID,
            exchange_document=exchange_document,
            reply_to=exchange_document.sender if exchange_document is not None else "",
        )
        if valid:
            responses.respond(row, ResponseStatus.RECEIVED, now=now)
            for approved in _rematch(buyer, now, [row]):
                responses.respond(approved, ResponseStatus.ACCEPTED, now=now)
        else:
            responses.respond(
                row,
                ResponseStatus.REJECTED,
                now=now,
                clarifications=responses.rejection_for_findings(findings),
            )
        row.refresh_from_db()
    return row


def receive_from_exchange(document: Document) -> ReceivedInvoice | None:
    """The exchange's handler: an invoice or credit note in an organisation's inbox is
    received for that organisation (channel ``exchange``), exactly once per document.

    Called by :func:`heldigital.apps.exchange.services.on_received` inside the
    transaction that stores the inbox document; other documents are not ours (None).
    """
    if document.direction != Direction.INBOUND or document.family not in EXCHANGE_FAMILIES:
        return None
    return receive(
        document.organisation,
        bytes(document.payload),
        channel=Channel.EXCHANGE,
        now=document.created_at,
        exchange_document=document,
    )


def register_exchange_handler() -> None:
    """Register :func:`receive_from_exchange` with the exchange (``InvoicingConfig.ready``)."""
    exchange.on_received(receive_from_exchange)


def _matching_id(row: ReceivedInvoice) -> str:
    """The id matching knows the row by: the time of receipt first, so that of two
    copies dated the same day the one received first is the original."""
    return f"{row.received_at.astimezone(UTC):%Y%m%dT%H%M%S.%f}-{row.pk}"


def _as_matching(row: ReceivedInvoice) -> Invoice:
    assert row.issue_date is not None and row.payable_amount is not None
    return Invoice(
        document_id=_matching_id(row),
        supplier=row.supplier_key,
        number=row.number,
        issue_date=row.issue_date,
        currency=row.currency,
        payable_amount=Decimal(row.payable_amount),
        lines=tuple(
            InvoiceLine(
                line_id=line["line_id"],
                quantity=Decimal(line["quantity"]),
                unit_price=Decimal(line["unit_price"]),
                line_amount=Decimal(line["line_amount"]),
                order_line_id=line["order_line_id"],
                item_ids=tuple(line["item_ids"]),
            )
            for line in row.lines
        ),
        order_id=row.order_reference or None,
        credit_note=row.kind == DocumentKind.CREDIT_NOTE,
        credited_numbers=tuple(row.credited_numbers),
    )


def _linked(a: ReceivedInvoice, b: ReceivedInvoice) -> bool:
    """Whether matching one can change the other's outcome: the same supplier and
    number (duplicates, a number reused), the same order (its quantities), or a credit
    note and an invoice it credits."""
    if a.supplier_key == b.supplier_key and a.number_key == b.number_key:
        return True
    if a.order_reference and a.order_reference == b.order_reference:
        return True
    for note, invoice in ((a, b), (b, a)):
        if (
            note.kind == DocumentKind.CREDIT_NOTE
            and invoice.kind == DocumentKind.INVOICE
            and note.supplier_key == invoice.supplier_key
            and invoice.number_key in {_number_key(n) for n in note.credited_numbers}
        ):
            return True
    return False


def _number_key(number: str) -> str:
    """A number as matching compares it (:attr:`heldigital.matching.Invoice.identity`)."""
    return number.strip().casefold()[:200]


def _related(buyer: Organisation, start: list[ReceivedInvoice]) -> list[ReceivedInvoice]:
    """``start`` and every valid document of the buyer linked to them (:func:`_linked`),
    transitively: all that matching needs to decide them, one query per step."""
    found = {row.pk: row for row in start}
    frontier = list(start)
    while frontier:
        query = Q()
        for row in frontier:
            query |= Q(supplier_key=row.supplier_key, number_key=row.number_key)
            if row.order_reference:
                query |= Q(order_reference=row.order_reference)
            if row.kind == DocumentKind.CREDIT_NOTE and row.credited_numbers:
                keys = [_number_key(n) for n in row.credited_numbers]
                query |= Q(
                    supplier_key=row.supplier_key, kind=DocumentKind.INVOICE, number_key__in=keys
                )
            elif row.kind == DocumentKind.INVOICE:
                query |= Q(supplier_key=row.supplier_key, kind=DocumentKind.CREDIT_NOTE)
        candidates = (
            ReceivedInvoice.objects.filter(buyer=buyer, valid=True)
            .filter(query)
            .exclude(pk__in=list(found))
        )
        step = [c for c in candidates if any(_linked(c, row) for row in frontier)]
        found.update((c.pk, c) for c in step)
        frontier = step
    return list(found.values())


def _rematch(
    buyer: Organisation, now: datetime, start: list[ReceivedInvoice] | None = None
) -> list[ReceivedInvoice]:
    """Match the buyer's valid documents again - ``start`` and the documents linked to
    them (:func:`_related`), or all - and store what changed; only undecided ones change
    state.

    Decided documents (approved, rejected) keep their state; an undecided
    document whose twin (same supplier, number, kind) is approved is a
    duplicate whatever the canonical order says. Returns the documents this
    call approved."""
    newly_approved: list[ReceivedInvoice] = []
    if start is None:
        rows = list(ReceivedInvoice.objects.filter(buyer=buyer, valid=True))
    else:
        rows = _related(buyer, start)
    orders: Iterable[Order] = ()
    receipts: Iterable[Receipt] = ()
    order_ids = frozenset(r.order_reference for r in rows if r.order_reference)
    if _order_source is not None and order_ids:
        orders, receipts = _order_source(buyer, order_ids)
    outcomes = match(
        orders=orders,
        invoices=[_as_matching(r) for r in rows],
        rules=rules_for(buyer),
        receipts=receipts,
    )
    approved = {
        (r.supplier_key, r.number_key, r.kind): r for r in rows if r.state == InvoiceState.APPROVED
    }
    for row in rows:
        before = (row.match_status, row.match_outcome, row.state)
        outcome = outcomes[_matching_id(row)]
        row.match_status = outcome.status.value
        row.match_outcome = _jsonable(dataclasses.asdict(outcome))
        fields = ["match_status", "match_outcome"]
        if row.state in (InvoiceState.INBOX, InvoiceState.DUPLICATE):
            twin = approved.get((row.supplier_key, row.number_key, row.kind))
            if outcome.status is Status.DUPLICATE or (twin is not None and twin.pk != row.pk):
                row.state = InvoiceState.DUPLICATE
            elif outcome.approvable:
                row.state = InvoiceState.APPROVED
                row.decided_at = now
                row.decision_note = "approved by the matching rules: " + ", ".join(
                    outcome.decided_by
                )
                approved[(row.supplier_key, row.number_key, row.kind)] = row
                newly_approved.append(row)
                fields += ["decided_at", "decision_note"]
            else:
                row.state = InvoiceState.INBOX
            fields.append("state")
        if (row.match_status, row.match_outcome, row.state) != before:
            row.save(update_fields=fields)
    return newly_approved


def rematch(
    buyer: Organisation, *, now: datetime, order_ids: Iterable[str] | None = None
) -> list[ReceivedInvoice]:
    """Match the buyer's documents again (an order or goods receipt arrived: the order
    source's app calls this) - those naming ``order_ids`` and the documents linked to
    them, or all; the ones now approved are answered ``AP``."""
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=buyer.pk)
        start = None
        if order_ids is not None:
            start = list(
                ReceivedInvoice.objects.filter(
                    buyer=buyer, valid=True, order_reference__in=list(order_ids)
                )
            )
        approved = _rematch(buyer, now, start)
        for row in approved:
            responses.respond(row, ResponseStatus.ACCEPTED, now=now)
    return approved


def inbox(buyer: Organisation, principal: Principal) -> QuerySet[ReceivedInvoice]:
    """The buyer's documents waiting for a person's decision."""
    if not principal.has_role(buyer, DECIDERS | {Role.PROCUREMENT_OFFICER}):
        raise PermissionDenied("only the buyer's approvers see its invoice inbox")
    return ReceivedInvoice.objects.filter(buyer=buyer, state=InvoiceState.INBOX).order_by(
        "received_at", "id"
    )


def decide(
    invoice: ReceivedInvoice,
    *,
    principal: Principal,
    approve: bool,
    now: datetime,
    note: str = "",
    reason: str = "OTH",
) -> ReceivedInvoice:
    """An approver approves or rejects a document in the inbox.

    The supplier is told (invoice response ``AP`` or ``RE``; a rejection with
    the clarification ``reason``, a code of the OpenPeppol list ``OPStatusReason``,
    and the note as its text)."""
    if not approve and reason not in STATUS_REASONS:
        raise InvoicingError(
            _("%(code)s is not a reason code of the list OPStatusReason.") % {"code": reason}
        )
    if not principal.has_role(invoice.buyer, DECIDERS):
        raise PermissionDenied("only the buyer's approvers decide on its invoices")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=invoice.buyer_id)
        row = ReceivedInvoice.objects.get(pk=invoice.pk)
        if row.state != InvoiceState.INBOX:
            raise InvoicingError(f"the document is {row.state}, not in the inbox")
        if approve and (
            ReceivedInvoice.objects.filter(
                buyer_id=row.buyer_id,
                supplier_key=row.supplier_key,
                number_key=row.number_key,
                kind=row.kind,
                state=InvoiceState.APPROVED,
            )
            .exclude(pk=row.pk)
            .exists()
        ):
            raise InvoicingError(f"number {row.number} of this supplier is already approved")
        if not approve and not note.strip():
            raise InvoicingError("a rejection needs a reason")
        row.state = InvoiceState.APPROVED if approve else InvoiceState.REJECTED
        row.decided_by = principal.user
        row.decided_at = now
        row.decision_note = note
        row.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        if approve:
            responses.respond(row, ResponseStatus.ACCEPTED, now=now, actor=principal.actor)
        else:
            responses.respond(
                row,
                ResponseStatus.REJECTED,
                now=now,
                actor=principal.actor,
                clarifications=[Clarification(kind="reason", code=reason, text=note.strip())],
            )
    return row


def query(
    invoice: ReceivedInvoice,
    *,
    principal: Principal,
    reasons: list[tuple[str, str]],
    now: datetime,
) -> ReceivedInvoice:
    """An approver asks the supplier about a document in the inbox: the invoice
    response ``UQ`` with ``reasons`` (code of ``OPStatusReason``, text) and the
    action "provide information". The document stays in the inbox; it is asked
    once (one response per status)."""
    if not principal.has_role(invoice.buyer, DECIDERS):
        raise PermissionDenied("only the buyer's approvers query its invoices")
    if not reasons:
        raise InvoicingError(_("A query needs at least one reason."))
    for code, _text in reasons:
        if code not in STATUS_REASONS:
            raise InvoicingError(
                _("%(code)s is not a reason code of the list OPStatusReason.") % {"code": code}
            )
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=invoice.buyer_id)
        row = ReceivedInvoice.objects.get(pk=invoice.pk)
        if row.state != InvoiceState.INBOX:
            raise InvoicingError(f"the document is {row.state}, not in the inbox")
        if not row.reply_to:
            raise InvoicingError(
                _("The document was uploaded: there is no supplier to ask on the network.")
            )
        if row.responses.filter(status=ResponseStatus.UNDER_QUERY).exists():
            raise InvoicingError(_("The supplier has been asked about this document already."))
        responses.respond(
            row,
            ResponseStatus.UNDER_QUERY,
            now=now,
            actor=principal.actor,
            clarifications=[
                *(Clarification(kind="reason", code=c, text=t.strip() or None) for c, t in reasons),
                Clarification(kind="action", code="PIN"),
            ],
        )
    return row
