"""Contract follow-up: contract catalogues, orders with approval, responses, deliveries.

Issue 12, deliver 1-3 (docs/ordering.md). Records of what was issued or received
are frozen (:mod:`heldigital.apps.frozen`); the state of a catalogue version or an
order is kept in the row and changed only by :mod:`heldigital.apps.ordering.services`
with a conditional update.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.apps.frozen import Frozen


class ContractTerms(models.Model):
    """The follow-up terms of a contract: its price indexation clause and termination."""

    contract = models.OneToOneField(
        "contracts.Contract", on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    indexation_percent = models.DecimalField(
        _("indexation allowed (per cent)"), max_digits=7, decimal_places=3, default=0
    )
    terminated_on = models.DateField(_("terminated with effect from"), null=True, blank=True)
    termination_reason = models.CharField(_("reason for termination"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.CharField(_("changed by"), max_length=200)

    class Meta:
        verbose_name = _("contract terms")
        verbose_name_plural = _("contract terms")


class CatalogueSource(models.TextChoices):
    CONTRACT = "contract", _("Made from the contract")
    SUPPLIER = "supplier", _("Received from the supplier")


class CatalogueStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for the buyer's decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class CatalogueVersion(models.Model):
    """One version of a contract's catalogue; its lines and document never change."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contract = models.ForeignKey(
        "contracts.Contract", on_delete=models.PROTECT, related_name="catalogue_versions"
    )
    version = models.PositiveIntegerField(_("version"))
    source = models.CharField(_("source"), max_length=10, choices=CatalogueSource.choices)
    catalogue_id = models.CharField(_("catalogue id"), max_length=200)
    issue_date = models.DateField(_("issue date"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    payload = models.BinaryField(_("catalogue (T19)"))
    document = models.ForeignKey(
        "exchange.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    problems = models.JSONField(_("problems with the catalogue as a whole"), default=list)
    created_at = models.DateTimeField(_("created"))
    status = models.CharField(_("status"), max_length=10, choices=CatalogueStatus.choices)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    response = models.ForeignKey(
        "exchange.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["contract", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "version"], name="ordering_one_catalogue_version_number"
            )
        ]

    @property
    def complies(self) -> bool:
        return not self.problems and all(line.complies for line in self.lines.all())


class CatalogueLine(Frozen):
    """An item of a catalogue version, with its check against the contract."""

    version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="lines")
    line_id = models.CharField(_("line id"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit_code = models.CharField(_("unit"), max_length=3, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    price = models.DecimalField(_("price"), max_digits=19, decimal_places=6, null=True, blank=True)
    contract_price = models.DecimalField(
        _("contract price"), max_digits=19, decimal_places=6, null=True, blank=True
    )
    standard_id = models.CharField(_("standard item id (e.g. GTIN)"), max_length=100, blank=True)
    classification = models.CharField(
        _("classification (e.g. CPV, UNSPSC)"), max_length=100, blank=True
    )
    complies = models.BooleanField(_("keeps to the contract"))
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("catalogue line")
        verbose_name_plural = _("catalogue lines")
        ordering = ["version", "id"]


class ThresholdRule(Frozen):
    """Approval thresholds of a buyer (heldigital.decisions.ordering.ThresholdRule)."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(_("effective from"))
    no_approval_up_to = models.DecimalField(_("no approval up to"), max_digits=15, decimal_places=2)
    second_level_above = models.DecimalField(
        _("second approval above"), max_digits=15, decimal_places=2
    )
    created_at = models.DateTimeField(_("created"))
    created_by = models.CharField(_("created by"), max_length=200)

    class Meta:
        verbose_name = _("approval threshold rule")
        verbose_name_plural = _("approval threshold rules")
        ordering = ["buyer", "effective_from", "name"]


class AuthorityRule(Frozen):
    """A person's budget authority (heldigital.decisions.ordering.AuthorityRule)."""

    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(_("effective from"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cost_centre = models.CharField(_("cost centre"), max_length=60)
    limit = models.DecimalField(_("limit"), max_digits=15, decimal_places=2)
    created_at = models.DateTimeField(_("created"))
    created_by = models.CharField(_("created by"), max_length=200)

    class Meta:
        verbose_name = _("budget authority rule")
        verbose_name_plural = _("budget authority rules")
        ordering = ["buyer", "effective_from", "name"]


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Basket (not submitted)")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    SENT = "sent", _("Sent to the supplier")
    ACCEPTED = "accepted", _("Accepted by the supplier")
    CHANGED = "changed", _("Accepted with changes by the supplier")
    REJECTED = "rejected", _("Rejected by the supplier")
    CANCELLED = "cancelled", _("Cancelled")


class PurchaseOrder(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="+")
    catalogue = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("order number"), max_length=60)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cost_centre = models.CharField(_("cost centre"), max_length=60)
    note = models.CharField(_("note"), max_length=500, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    total = models.DecimalField(_("total (excl. VAT)"), max_digits=17, decimal_places=2)
    three_way = models.BooleanField(_("paid for what is received (goods receipt)"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=OrderStatus.choices)
    created_at = models.DateTimeField(_("created"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approval_rules = models.JSONField(_("rules that decided the approval"), default=list)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    payload = models.BinaryField(_("order (T01)"), null=True, blank=True)
    document = models.ForeignKey(
        "exchange.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_code = models.CharField(_("response code"), max_length=2, blank=True)
    cancellation_reason = models.CharField(_("reason for cancellation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["buyer", "created_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "number"], name="ordering_one_order_number")
        ]


class PurchaseOrderLine(models.Model):
    """An order line: what was ordered, and what the supplier's response agreed."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="lines")
    line_id = models.CharField(_("line id"), max_length=10)
    catalogue_line = models.ForeignKey(CatalogueLine, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    unit_code = models.CharField(_("unit"), max_length=3)
    quantity = models.DecimalField(_("quantity"), max_digits=15, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=19, decimal_places=6)
    amount = models.DecimalField(_("amount"), max_digits=17, decimal_places=2)
    response_status = models.CharField(_("supplier's answer"), max_length=2, blank=True)
    agreed_quantity = models.DecimalField(
        _("agreed quantity"), max_digits=15, decimal_places=3, null=True, blank=True
    )
    agreed_price = models.DecimalField(
        _("agreed unit price"), max_digits=19, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "id"]


class OrderApproval(Frozen):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="approvals")
    level = models.PositiveSmallIntegerField(_("level"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField(_("budget authority rule"), max_length=100)
    approved_at = models.DateTimeField(_("approved"))

    class Meta:
        verbose_name = _("order approval")
        verbose_name_plural = _("order approvals")
        ordering = ["order", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "level"], name="ordering_one_approval_per_level"
            ),
            models.UniqueConstraint(
                fields=["order", "approver"], name="ordering_one_approval_per_person"
            ),
        ]


class OrderResponseRecord(Frozen):
    """A supplier's Order Response (T76) to an order, as received."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="responses")
    document = models.OneToOneField("exchange.Document", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("response number"), max_length=200)
    code = models.CharField(_("response code"), max_length=2)
    note = models.TextField(_("note"), blank=True)
    lines = models.JSONField(_("line answers"), default=list)
    received_at = models.DateTimeField(_("received"))

    class Meta:
        verbose_name = _("order response")
        verbose_name_plural = _("order responses")
        ordering = ["order", "received_at", "id"]


class OrderChangeRecord(Frozen):
    """An Order Change (T114) the buyer sent: the new quantity of each changed line."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="changes")
    sequence = models.PositiveIntegerField(_("change number"))
    document = models.OneToOneField("exchange.Document", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    lines = models.JSONField(_("new quantity per order line"), default=list)
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.CharField(_("sent by"), max_length=200)

    class Meta:
        verbose_name = _("order change")
        verbose_name_plural = _("order changes")
        ordering = ["order", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["order", "sequence"], name="ordering_one_change_number")
        ]


class DespatchRecord(Frozen):
    """A supplier's Despatch Advice (T16) for an order, as received."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="despatches")
    document = models.OneToOneField("exchange.Document", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("despatch advice number"), max_length=200)
    lines = models.JSONField(_("despatched quantity per order line"), default=list)
    received_at = models.DateTimeField(_("received"))

    class Meta:
        verbose_name = _("despatch advice")
        verbose_name_plural = _("despatch advices")
        ordering = ["order", "received_at", "id"]


class GoodsReceipt(Frozen):
    """What the buyer received of an order: by hand, or confirming a despatch advice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    number = models.CharField(_("receipt number"), max_length=80)
    despatch = models.OneToOneField(
        DespatchRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="receipt"
    )
    received_on = models.DateField(_("received on"))
    registered_at = models.DateTimeField(_("registered"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lines = models.JSONField(_("received quantity per order line"), default=list)

    class Meta:
        verbose_name = _("goods receipt")
        verbose_name_plural = _("goods receipts")
        ordering = ["order", "registered_at", "number"]
