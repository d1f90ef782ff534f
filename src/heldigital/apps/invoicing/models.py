"""Received invoices and credit notes (issue 12, deliver 4: the first slice).

A :class:`ReceivedInvoice` is one received document, exactly as it came (the
XML bytes and their SHA-256), with what the platform made of it: the
validation findings of :mod:`heldigital.rules`, the fields matching needs, the
outcome of :mod:`heldigital.matching` (status, the rules that decided it, the
checks line by line) and the state of the approval: ``invalid`` and
``duplicate`` documents are never payable; a matched one is approved by the
rules; every other waits in the approval ``inbox`` until a person approves or
rejects it.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation


class Channel(models.TextChoices):
    UPLOAD = "upload", _("Uploaded")
    EXCHANGE = "exchange", _("Received through the exchange")


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")
    UNKNOWN = "unknown", _("Not an invoice")


class InvoiceState(models.TextChoices):
    INVALID = "invalid", _("Invalid (rules broken)")
    DUPLICATE = "duplicate", _("Duplicate (never paid)")
    INBOX = "inbox", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


#: States in which matching may still change the document's state.
UNDECIDED = (InvoiceState.INBOX, InvoiceState.DUPLICATE)


class ReceivedInvoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("received"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    xml = models.BinaryField(_("document as received"))
    sha256 = models.CharField(_("SHA-256 of the document"), max_length=64)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    supplier_key = models.CharField(_("supplier"), max_length=200, blank=True)
    supplier_name = models.CharField(_("supplier name"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=200, blank=True)
    number_key = models.CharField(_("number (compared)"), max_length=200, blank=True)
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    payable_amount = models.DecimalField(
        _("amount due"), max_digits=19, decimal_places=2, null=True, blank=True
    )
    order_reference = models.CharField(_("order reference"), max_length=200, blank=True)
    valid = models.BooleanField(_("valid"))
    findings = models.JSONField(_("validation findings"), default=list)
    lines = models.JSONField(_("lines as matched"), default=list)
    credited_numbers = models.JSONField(_("credited invoices"), default=list)
    match_status = models.CharField(_("match"), max_length=20, blank=True)
    match_outcome = models.JSONField(_("match outcome"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=InvoiceState.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    #: The exchange inbox document it came as (``channel`` exchange): at most one
    #: received invoice per exchange document.
    exchange_document = models.OneToOneField(
        "exchange.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exchange document"),
    )
    #: The Peppol participant that sent it (the envelope's sender), answered with
    #: invoice responses; empty for an uploaded document.
    reply_to = models.CharField(_("answered to"), max_length=170, blank=True)

    class Meta:
        verbose_name = _("received invoice")
        verbose_name_plural = _("received invoices")
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["buyer", "state"], name="invoicing_buyer_state"),
            # what matching on receipt looks up: the same number, the same order
            models.Index(
                fields=["buyer", "supplier_key", "number_key"], name="invoicing_buyer_number"
            ),
            models.Index(fields=["buyer", "order_reference"], name="invoicing_buyer_order"),
        ]
        constraints = [
            # never paid twice: one approved document per supplier, number and kind
            models.UniqueConstraint(
                fields=["buyer", "supplier_key", "number_key", "kind"],
                condition=models.Q(state="approved"),
                name="invoicing_one_approved_per_number",
            )
        ]

    def __str__(self) -> str:
        return f"{self.supplier_name or self.supplier_key} {self.number}".strip()

    @property
    def payable(self) -> bool:
        """Only an approved invoice is ever paid."""
        return self.state == InvoiceState.APPROVED and self.kind == DocumentKind.INVOICE


class PaymentOrder(models.Model):
    """A ``pain.001.001.09`` payment order sent to the bank (see
    :mod:`heldigital.iso20022.pain001`), stored as written."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    message_id = models.CharField(_("message id"), max_length=35, unique=True)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    execution_date = models.DateField(_("execution date"))
    xml = models.BinaryField(_("payment order (pain.001)"))

    class Meta:
        verbose_name = _("payment order")
        verbose_name_plural = _("payment orders")
        ordering = ["created_at"]


class PaymentOrderItem(models.Model):
    """One invoice in a payment order: an invoice is in at most one
    (``invoice`` is unique); ``booked_on`` is set from the bank's ``camt.054``."""

    payment_order = models.ForeignKey(PaymentOrder, on_delete=models.PROTECT, related_name="items")
    invoice = models.OneToOneField(
        ReceivedInvoice, on_delete=models.PROTECT, related_name="payment_item"
    )
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=19, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    booked_on = models.DateField(_("booked by the bank"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=35, blank=True)

    class Meta:
        verbose_name = _("payment order item")
        verbose_name_plural = _("payment order items")


class ResponseStatus(models.TextChoices):
    """The invoice statuses this platform answers with (PEPPOL BIS Invoice Response 3,
    code list UNCL4343-T111)."""

    RECEIVED = "AB", _("Received (message acknowledgement)")
    UNDER_QUERY = "UQ", _("Under query")
    ACCEPTED = "AP", _("Accepted")
    REJECTED = "RE", _("Rejected")
    PAID = "PD", _("Paid")


class InvoiceResponse(models.Model):
    """One Invoice Response (T111) to the supplier: at most one per invoice and status.

    ``document`` is the exchange outbox document that carries it; when the exchange
    refused it, ``error`` says why and nothing left (it is not tried again).
    """

    invoice = models.ForeignKey(ReceivedInvoice, on_delete=models.PROTECT, related_name="responses")
    status = models.CharField(_("status"), max_length=2, choices=ResponseStatus.choices)
    sent_at = models.DateTimeField(_("sent"))
    receiver = models.CharField(_("receiver"), max_length=170)
    clarifications = models.JSONField(_("reasons and actions"), default=list)
    document = models.OneToOneField(
        "exchange.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("exchange document"),
    )
    error = models.TextField(_("not sent because"), blank=True)

    class Meta:
        verbose_name = _("invoice response")
        verbose_name_plural = _("invoice responses")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "status"], name="invoicing_one_response_per_status"
            )
        ]


class ToleranceKind(models.TextChoices):
    """The kinds of :class:`heldigital.matching.RuleKind`."""

    UNIT_PRICE_PERCENT = "unit-price-percent", _("Unit price above the order's (per cent)")
    QUANTITY = "quantity", _("Quantity above what is left to invoice (units)")
    TOTAL_ABSOLUTE = "total-absolute", _("Total above the expected total (amount)")


#: The buyer's own rules take effect after the standard set's date.
STANDARD_FROM = date(2000, 1, 1)


def validate_rule_name(value: str) -> None:
    if value.startswith("standard-") or value == "no-tolerance":
        raise ValidationError(_("Names starting with “standard-” are the platform's own."))


def validate_after_standard(value: date) -> None:
    if value <= STANDARD_FROM:
        raise ValidationError(_("The date must be after 1 January 2000."))


class ToleranceRule(models.Model):
    """One of a buyer's tolerance rules for invoice matching: a name, a kind, a limit
    and the date it takes effect. Of each kind the rule with the latest date on or
    before the invoice's issue date decides; the platform's standard set
    (``services.STANDARD_RULES``, in force from 2000-01-01) applies where the buyer
    has none in force."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100, validators=[validate_rule_name])
    kind = models.CharField(_("kind"), max_length=20, choices=ToleranceKind.choices)
    limit = models.DecimalField(
        _("limit"), max_digits=19, decimal_places=4, validators=[MinValueValidator(0)]
    )
    effective_from = models.DateField(_("in force from"), validators=[validate_after_standard])

    class Meta:
        verbose_name = _("tolerance rule")
        verbose_name_plural = _("tolerance rules")
        ordering = ["buyer", "kind", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "name"], name="invoicing_rule_name_once"),
            models.UniqueConstraint(
                fields=["buyer", "kind", "effective_from"], name="invoicing_rule_kind_day_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind} {self.limit}, {self.effective_from.isoformat()})"
