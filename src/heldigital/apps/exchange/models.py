"""Every organisation's inbox and outbox of business documents (EHF / Peppol BIS UBL).

A :class:`Document` is one business document as it was sent or received:
its direction (``in``: in the organisation's inbox, ``out``: in its
outbox), the Peppol envelope data of its SBDH (sender, receiver, document
type, process, instance identifier), the payload exactly as sent, the whole
envelope, and the validation report of :mod:`heldigital.rules` at the time.
It is frozen (:mod:`heldigital.apps.frozen`): a correction is a new document
(``corrects``), never an edit.

What changes is the document's state (queued, delivered, failed ...): the
current one in :class:`Tracking`, every change with its time and actor in
:class:`DocumentEvent` (append-only, frozen). Only
:mod:`heldigital.apps.exchange.services` changes states, as
:data:`heldigital.apps.exchange.services.TRANSITIONS` allows.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.apps.frozen import Frozen

#: The kinds of document (heldigital.apps.smp.services.family), one of each.
FAMILY_LABELS = {
    "invoice": _("Invoice"),
    "credit_note": _("Credit note"),
    "order": _("Order"),
    "order_response": _("Order response"),
    "order_change": _("Order change or cancellation"),
    "despatch_advice": _("Despatch advice"),
    "catalogue": _("Catalogue"),
    "catalogue_response": _("Catalogue response"),
    "invoice_response": _("Invoice response"),
    "message_level_response": _("Message level response"),
    "other": _("Other document"),
}


class Direction(models.TextChoices):
    INBOUND = "in", _("Received")
    OUTBOUND = "out", _("Sent")


class State(models.TextChoices):
    #: outbox: delivered to the receiver's inbox on this platform, or receipted by its access point
    DELIVERED = "delivered", _("Delivered")
    #: outbox: handed to the access point, waiting for its receipt
    QUEUED = "queued", _("Queued at the access point")
    #: outbox: the access point gave up (the reason in the history)
    FAILED = "failed", _("Failed")
    #: outbox: the receiver is not on this platform and no access point is configured
    NO_ACCESS_POINT = "no_access_point", _("Waiting: no access point configured")
    #: inbox: received
    RECEIVED = "received", _("Received")


class Document(Frozen):
    """One business document in one organisation's inbox or outbox (frozen)."""

    #: The access point's message id is filled in once when a waiting document is handed over.
    SET_ONCE = ("message_id",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="exchange_documents",
        verbose_name=_("organisation"),
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    #: The Peppol message id: the access point's (AS4 MessageId) for the network, our own
    #: ``local-<uuid>`` for a delivery on the platform. Inbound documents are unique by it.
    message_id = models.CharField(_("message id"), max_length=255, null=True, blank=True)
    sender = models.CharField(_("sender"), max_length=170)
    receiver = models.CharField(_("receiver"), max_length=170)
    document_type = models.CharField(_("document type"), max_length=550)
    process = models.CharField(_("process"), max_length=230)
    instance_identifier = models.CharField(_("instance identifier"), max_length=255)
    country_c1 = models.CharField(_("sender's country"), max_length=2)
    #: invoice, credit_note, order ... (heldigital.apps.smp.services.FAMILIES)
    family = models.CharField(_("kind of document"), max_length=30)
    #: the business document's own identifier (cbc:ID)
    number = models.CharField(_("document number"), max_length=200, blank=True)
    payload = models.BinaryField(_("business document"))
    payload_sha256 = models.CharField(_("SHA-256 of the business document"), max_length=64)
    envelope = models.BinaryField(_("SBDH envelope"))
    #: the validator's report, as ``heldigital validate --format json`` prints one document
    report = models.JSONField(_("validation report"))
    valid = models.BooleanField(_("valid"))
    created_at = models.DateTimeField(_("created"))
    created_by = models.CharField(_("created by"), max_length=200)
    #: the outbound document this inbound one is the local delivery of (and back)
    counterpart = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counterpart"),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    #: what on the platform the document comes from (``contract:<number>`` ...), if anything
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("business document")
        verbose_name_plural = _("business documents")
        ordering = ["-created_at", "id"]
        constraints = [
            # exactly once: one inbox document per inbound message
            models.UniqueConstraint(
                fields=["message_id"],
                condition=models.Q(direction="in"),
                name="exchange_inbound_once",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "direction", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.family} {self.number}".strip()

    @property
    def family_label(self) -> str:
        """The kind of document as people read it (Invoices, Orders ...)."""
        return str(FAMILY_LABELS.get(self.family, self.family))


class Tracking(models.Model):
    """The current state of a document (changed only by the exchange services)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, primary_key=True, related_name="tracking"
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("document state")
        verbose_name_plural = _("document states")


class DocumentEvent(Frozen):
    """One change of a document's state: when, who, from what to what (frozen)."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="events", verbose_name=_("document")
    )
    at = models.DateTimeField(_("time"))
    actor = models.CharField(_("actor"), max_length=200)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["at", "id"]
