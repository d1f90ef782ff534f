"""Tenders, sealed until the tender deadline, their receipts and their opening.

What is stored about a tender before opening is metadata only: who (the
supplier organisation), when (the exact server time of receipt), the
declared and sniffed content types, sizes and SHA-256 digests of the files
(the receipt must state them). Every byte of tender *content* is stored as
ciphertext under ``MEDIA_ROOT/sealed/`` (:class:`SealedChunk`), with its
data key wrapped for the procurement's opening public key
(:class:`OpeningKey`); the database holds no key that can unwrap it. See
docs/sealing.md for the design and the threat model.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.apps.frozen import Frozen


class TenderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPLACED = "replaced", _("Replaced")
    DISCARDED = "discarded", _("Discarded")


class FileKind(models.TextChoices):
    ESPD_RESPONSE = "espd-response", _("ESPD response")
    TENDER_CATALOGUE = "tender-catalogue", _("Tender catalogue")
    ATTACHMENT = "attachment", _("Attachment")


class UploadStatus(models.TextChoices):
    RECEIVING = "receiving", _("Receiving")
    COMPLETE = "complete", _("Complete")
    ABANDONED = "abandoned", _("Abandoned")


class OpeningKey(models.Model):
    """A procurement's opening key pair: public key in the clear, private key sealed.

    ``wrapped_private_key`` is encrypted by the key custodian
    (:mod:`heldigital.sealing.custody`) and bound to ``sealed_deadline`` and
    ``required_openers``: changing either here makes it useless.
    """

    procurement = models.OneToOneField(
        "tendering.Procurement",
        on_delete=models.PROTECT,
        related_name="opening_key",
        verbose_name=_("procurement"),
    )
    public_key = models.BinaryField(_("public key"))
    wrapped_private_key = models.BinaryField(_("sealed private key"))
    custodian_id = models.CharField(_("key custodian"), max_length=100)
    sealed_deadline = models.DateTimeField(_("deadline the key is sealed until"))
    required_openers = models.PositiveSmallIntegerField(_("openers required"))
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("opening key")
        verbose_name_plural = _("opening keys")


class Tender(models.Model):
    """One supplier's tender in one procurement."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    procurement = models.ForeignKey(
        "tendering.Procurement",
        on_delete=models.PROTECT,
        related_name="tenders",
        verbose_name=_("procurement"),
    )
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="tenders",
        verbose_name=_("supplier"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=TenderStatus.choices, default=TenderStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"))
    submitted_at = models.DateTimeField(_("time of receipt"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["created_at"]
        constraints = [
            # At most one tender counts per supplier and procurement, and one
            # draft at a time (a replacement is prepared as the draft).
            models.UniqueConstraint(
                fields=["procurement", "supplier"],
                condition=Q(status="submitted"),
                name="submissions_one_submitted_tender",
            ),
            models.UniqueConstraint(
                fields=["procurement", "supplier"],
                condition=Q(status="draft"),
                name="submissions_one_draft_tender",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"


class Upload(models.Model):
    """One file of a tender arriving in resumable chunks (in order, by offset)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tender = models.ForeignKey(
        Tender, on_delete=models.CASCADE, related_name="uploads", verbose_name=_("tender")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    name = models.CharField(_("file name"), max_length=160)
    content_type = models.CharField(_("declared content type"), max_length=100)
    sniffed_type = models.CharField(_("sniffed content type"), max_length=100, blank=True)
    declared_size = models.PositiveBigIntegerField(_("declared size"))
    declared_sha256 = models.CharField(_("declared SHA-256"), max_length=64)
    received = models.PositiveBigIntegerField(_("bytes received"), default=0)
    #: The SHA-256 state so far, encrypted with the custodian's working key
    #: (it holds up to 63 bytes of plaintext); cleared when complete.
    hash_state = models.BinaryField(_("hash state"), null=True, blank=True)
    storage_token = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=UploadStatus.choices, default=UploadStatus.RECEIVING
    )
    created_at = models.DateTimeField(_("created"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")
        ordering = ["created_at"]


class SealedChunk(models.Model):
    """One received chunk: ciphertext on disk, its data key wrapped for the opening key."""

    upload = models.ForeignKey(
        Upload, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("upload")
    )
    index = models.PositiveIntegerField(_("index"))
    offset = models.PositiveBigIntegerField(_("offset"))
    length = models.PositiveBigIntegerField(_("plaintext length"))
    path = models.CharField(_("ciphertext path"), max_length=200, unique=True)
    ciphertext_size = models.PositiveBigIntegerField(_("ciphertext size"))
    wrapped_key = models.BinaryField(_("wrapped data key"))

    class Meta:
        verbose_name = _("sealed chunk")
        verbose_name_plural = _("sealed chunks")
        ordering = ["upload", "index"]
        constraints = [
            models.UniqueConstraint(fields=["upload", "index"], name="submissions_chunk_index"),
            models.UniqueConstraint(fields=["upload", "offset"], name="submissions_chunk_offset"),
        ]


class TenderFile(models.Model):
    """A complete, verified file of a tender (a part: ESPD response, catalogue, attachment).

    A change of a submitted tender starts with the submitted tender's files:
    the new draft gets its own rows pointing to the *same* sealed upload
    (whose chunks stay bound to the tender they were uploaded for), so one
    upload may be a file of several tenders of the same supplier.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    tender = models.ForeignKey(
        Tender, on_delete=models.CASCADE, related_name="files", verbose_name=_("tender")
    )
    upload = models.ForeignKey(
        Upload, on_delete=models.PROTECT, related_name="files", verbose_name=_("upload")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    name = models.CharField(_("file name"), max_length=160)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("tender file")
        verbose_name_plural = _("tender files")
        ordering = ["created_at"]


class Receipt(Frozen):
    """The signed receipt of a submitted tender (frozen; the PDF is made from ``xml``)."""

    tender = models.OneToOneField(
        Tender, on_delete=models.PROTECT, related_name="receipt", verbose_name=_("tender")
    )
    issued_at = models.DateTimeField(_("issued"))
    xml = models.BinaryField(_("XML"))
    signature = models.BinaryField(_("signature"))
    key_fingerprint = models.CharField(_("platform key fingerprint"), max_length=80)
    # The receipt's own tender.submitted event (also inside the signed XML);
    # empty on receipts issued before receipts carried it.
    ledger_id = models.CharField(_("protocol chain"), max_length=200, blank=True, default="")
    ledger_sequence = models.PositiveBigIntegerField(_("protocol sequence"), null=True)
    ledger_hash = models.CharField(_("protocol event hash"), max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")


class OpeningAct(Frozen):
    """One opener acting to open a procurement's tenders."""

    procurement = models.ForeignKey(
        "tendering.Procurement",
        on_delete=models.PROTECT,
        related_name="opening_acts",
        verbose_name=_("procurement"),
    )
    opener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opener"),
    )
    actor = models.CharField(_("actor"), max_length=200)
    acted_at = models.DateTimeField(_("acted"))

    class Meta:
        verbose_name = _("opening act")
        verbose_name_plural = _("opening acts")
        ordering = ["acted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "opener"], name="submissions_one_act_per_opener"
            )
        ]


class OpeningRecord(Frozen):
    """The opening record (åpningsprotokoll): every tender, its time of receipt, its digests."""

    procurement = models.OneToOneField(
        "tendering.Procurement",
        on_delete=models.PROTECT,
        related_name="opening_record",
        verbose_name=_("procurement"),
    )
    opened_at = models.DateTimeField(_("opened"))
    content = models.JSONField(_("content"))
    signature = models.BinaryField(_("signature"))
    key_fingerprint = models.CharField(_("platform key fingerprint"), max_length=80)

    class Meta:
        verbose_name = _("opening record")
        verbose_name_plural = _("opening records")
