"""Paying approved invoices: payment orders to the bank and its notifications back
(issue 12, deliver 5).

:func:`order_payments` puts every approved, not yet ordered invoice of the
buyer into one ``pain.001.001.09`` payment order
(:mod:`heldigital.iso20022.pain001`): the payee's account (BT-84) and the
payment id (BT-83: a KID for NOK when its check digit holds, an ISO 11649
``RF`` reference, else sent as text with the invoice number) are taken from
the invoice's credit-transfer payment means (UNCL4461 ``30``/``58``). An
invoice is in at most one payment order: the database allows one payment
order item per invoice, and the end-to-end id is derived from the invoice.
Invoices the bank could not be paid for (no account, an account or KID that
fails its check, a currency other than NOK/EUR) and invoices with credit
notes matched against them are left out and named with the reason, for a
person to handle.

:func:`book_notification` reads a ``camt.054.001.08`` notification
(:mod:`heldigital.iso20022.camt054`) and marks the items whose end-to-end id
and amount it books as paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation, Role
from heldigital.apps.invoicing import responses
from heldigital.apps.invoicing.models import (
    DocumentKind,
    InvoiceState,
    PaymentOrder,
    PaymentOrderItem,
    ReceivedInvoice,
    ResponseStatus,
)
from heldigital.apps.invoicing.services import InvoicingError
from heldigital.ehf import Invoice as EhfInvoice
from heldigital.iso20022 import (
    CreditTransfer,
    Debtor,
    PaymentError,
    build_payment_order,
    read_notification,
    validate_kid,
)

__all__ = ["PAYERS", "Booked", "book_notification", "order_payments"]

#: Who may send payment orders for the buyer.
PAYERS = frozenset({Role.BUYER_ADMIN})
_CREDIT_TRANSFER = ("30", "58")


def _transfer(row: ReceivedInvoice, debtor: Debtor, execution_date: date) -> CreditTransfer:
    invoice = EhfInvoice.from_xml(bytes(row.xml))
    means = next(
        (
            m
            for m in invoice.payment_means
            if m.payment_means_code.value in _CREDIT_TRANSFER
            and m.payee_financial_account is not None
            and m.payee_financial_account.id is not None
        ),
        None,
    )
    if means is None or means.payee_financial_account is None:
        raise PaymentError("the invoice gives no account to pay to (BG-17)")
    account = means.payee_financial_account.id
    assert account is not None
    payee = invoice.payee or invoice.seller
    reference = means.payment_id[0] if means.payment_id else None
    kid = creditor_reference = None
    message = f"{row.number}"
    if reference and reference.upper().startswith("RF"):
        creditor_reference = reference
    elif reference and row.currency == "NOK":
        try:
            kid = validate_kid(reference)
        except PaymentError:
            message = f"{row.number} {reference}"
    elif reference:
        message = f"{row.number} {reference}"
    assert row.payable_amount is not None
    return CreditTransfer(
        invoice_key=str(row.pk),
        debtor=debtor,
        creditor_name=payee.name or payee.registration_name or row.supplier_name or "-",
        creditor_account=account.value,
        amount=row.payable_amount,
        currency=row.currency,
        execution_date=execution_date,
        kid=kid,
        creditor_reference=creditor_reference,
        message=message,
    )


def order_payments(
    buyer: Organisation,
    *,
    principal: Principal,
    debtor_account: str,
    execution_date: date,
    now: datetime,
) -> tuple[PaymentOrder, dict[str, str]]:
    """One payment order of the buyer's approved, unordered invoices, and the
    invoices left out (id to reason)."""
    if not principal.has_role(buyer, PAYERS):
        raise PermissionDenied("only the buyer's administrators send payment orders")
    try:
        debtor = Debtor(buyer.name, debtor_account)
    except PaymentError as exc:
        raise InvoicingError(str(exc)) from None
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=buyer.pk)
        rows = ReceivedInvoice.objects.filter(
            buyer=buyer,
            state=InvoiceState.APPROVED,
            kind=DocumentKind.INVOICE,
            payment_item__isnull=True,
        ).order_by("received_at", "id")
        transfers, left_out = [], {}
        for row in rows:
            if row.match_outcome.get("credited_by"):
                left_out[str(row.pk)] = "credit notes are matched against it: pay by hand"
                continue
            try:
                transfers.append(_transfer(row, debtor, execution_date))
            except (PaymentError, ValueError) as exc:
                left_out[str(row.pk)] = str(exc)
        if not transfers:
            raise InvoicingError("no approved invoice can be paid now")
        ordered = PaymentOrderItem.objects.filter(invoice__buyer=buyer).values_list(
            "invoice_id", flat=True
        )
        written = build_payment_order(
            buyer.name,
            transfers,
            created=now,
            already_ordered={str(pk) for pk in ordered},
        )
        order = PaymentOrder.objects.create(
            buyer=buyer,
            message_id=written.message_id,
            created_at=now,
            created_by=principal.user,
            execution_date=execution_date,
            xml=written.xml,
        )
        PaymentOrderItem.objects.bulk_create(
            PaymentOrderItem(
                payment_order=order,
                invoice_id=transfer.invoice_key,
                end_to_end_id=transfer.end_to_end_id,
                amount=transfer.amount,
                currency=transfer.currency,
            )
            for transfer in transfers
        )
    return order, left_out


@dataclass(frozen=True)
class Booked:
    """What a notification did: items marked paid, and booked transactions that
    matched no item (end-to-end id unknown, or the amount differs)."""

    paid: tuple[PaymentOrderItem, ...]
    unmatched: tuple[str, ...]


def book_notification(
    buyer: Organisation, data: bytes, *, principal: Principal, now: datetime | None = None
) -> Booked:
    """Mark the buyer's ordered invoices paid from a ``camt.054.001.08`` notification.

    The supplier of each invoice paid is told (invoice response ``PD``, effective on
    the booking date), dated ``now`` or else the notification's creation time."""
    if not principal.has_role(buyer, PAYERS):
        raise PermissionDenied("only the buyer's administrators read bank notifications")
    try:
        notification = read_notification(data)
    except (PaymentError, ValueError) as exc:
        raise InvoicingError(f"not a notification this platform reads: {exc}") from None
    paid, unmatched = [], []
    with transaction.atomic():
        for tx in notification.transactions:
            if not tx.is_debit or tx.end_to_end_id is None:
                continue
            item = (
                PaymentOrderItem.objects.select_for_update()
                .filter(end_to_end_id=tx.end_to_end_id, payment_order__buyer=buyer)
                .first()
            )
            if item is None or (item.amount, item.currency) != (tx.amount, tx.currency):
                unmatched.append(f"{tx.end_to_end_id} {tx.amount} {tx.currency}")
                continue
            if item.booked_on is None:
                item.booked_on = tx.booking_date
                item.bank_reference = (tx.account_servicer_reference or "")[:35]
                item.save(update_fields=["booked_on", "bank_reference"])
                paid.append(item)
                responses.respond(
                    item.invoice,
                    ResponseStatus.PAID,
                    now=now or notification.created,
                    effective_date=tx.booking_date,
                )
    return Booked(tuple(paid), tuple(unmatched))
