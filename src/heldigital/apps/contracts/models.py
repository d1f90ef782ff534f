"""Contracts concluded after the standstill period (issue 4 part 7).

A :class:`Contract` is the structured record contract follow-up uses: the
parties, the awarded lots, the items and prices taken from the winning
tender catalogue (:class:`ContractLine`, no re-keying), the period, options
and the value. Its contract document (PDF) is generated once and frozen; the
platform signs the document's SHA-256 digest with its Ed25519 key
(:mod:`heldigital.sealing.signing`, RFC 8032) and each party confirms the
digest (:class:`ContractConfirmation`); when both have confirmed the
contract is signed. Every step is in the procurement protocol.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.apps.frozen import Frozen


class ContractStatus(models.TextChoices):
    AWAITING = "awaiting_confirmation", _("Awaiting confirmation by the parties")
    SIGNED = "signed", _("Signed")


class Party(models.TextChoices):
    BUYER = "buyer", _("Contracting authority")
    SUPPLIER = "supplier", _("Supplier")


class Contract(Frozen):
    """One contract between the buyer and one winning supplier (all its awarded lots)."""

    SET_ONCE = ("signed_at",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(_("contract number"), max_length=60, unique=True)
    procurement = models.ForeignKey(
        "tendering.Procurement", on_delete=models.PROTECT, related_name="contracts"
    )
    buyer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    tender = models.ForeignKey("submissions.Tender", on_delete=models.PROTECT, related_name="+")
    awards = models.ManyToManyField("evaluation.AwardDecision", related_name="contracts")
    lots = models.JSONField(_("lots"), default=list, help_text=_("Lot numbers; [] without lots."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    options = models.TextField(_("options and extensions"), blank=True)
    value = models.DecimalField(_("value (excl. VAT)"), max_digits=15, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    created_at = models.DateTimeField(_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    document_text = models.TextField(_("contract document (text)"))
    document_pdf = models.BinaryField(_("contract document (PDF)"))
    document_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    signature = models.BinaryField(_("platform signature over the digest"))
    public_key = models.BinaryField(_("platform public key"))
    key_fingerprint = models.CharField(_("platform key fingerprint"), max_length=80)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["created_at", "number"]

    def __str__(self) -> str:
        return self.number

    @property
    def status(self) -> str:
        return ContractStatus.SIGNED if self.signed_at else ContractStatus.AWAITING


class ContractLine(Frozen):
    """An item of the contract: from the request catalogue, priced by the winning tender."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="lines")
    lot = models.PositiveIntegerField(_("lot"), null=True, blank=True)
    line_id = models.CharField(_("line id"), max_length=35)
    name = models.CharField(_("name"), max_length=200)
    unit_code = models.CharField(_("unit"), max_length=3)
    quantity = models.DecimalField(_("estimated quantity"), max_digits=15, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=19, decimal_places=6)
    amount = models.DecimalField(_("amount"), max_digits=17, decimal_places=2)

    class Meta:
        verbose_name = _("contract line")
        verbose_name_plural = _("contract lines")
        ordering = ["contract", "lot", "id"]


class ContractConfirmation(Frozen):
    """A party's confirmation of the contract document (by its digest)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="confirmations")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"))
    document_sha256 = models.CharField(_("SHA-256 confirmed"), max_length=64)

    class Meta:
        verbose_name = _("contract confirmation")
        verbose_name_plural = _("contract confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "party"], name="contracts_one_per_party")
        ]
