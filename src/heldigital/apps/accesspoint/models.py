"""The access point's durable state: the outbox, the inbox and the transmission log.

An :class:`OutboundMessage` is one SBDH to send. Its AS4 MessageId is fixed when
the row is created and reused on every attempt, so the receiving access point's
duplicate elimination makes a retry after a lost receipt harmless. Its state
moves ``queued`` -> ``sending`` -> ``receipted`` or ``failed`` (with the reason);
a temporary failure puts it back to ``queued`` with a later ``next_attempt_at``.
While ``sending``, ``next_attempt_at`` is the end of the attempt's lease: a
worker killed in the middle leaves a row that is picked up again after it.

An :class:`InboundMessage` is one received user message, unique by its AS4
MessageId: the row, the receipt we answered and the delivery to the
organisation's inbox are one transaction, committed before the receipt leaves.

A :class:`Transmission` is one exchange as the Peppol reporting counts it
(:mod:`heldigital.peppol.reporting`): written with the receipt, in the same
transaction.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundState(models.TextChoices):
    QUEUED = "queued", "queued"
    SENDING = "sending", "sending"
    RECEIPTED = "receipted", "receipted"
    FAILED = "failed", "failed"


class Direction(models.TextChoices):
    OUTGOING = "outgoing", "outgoing"
    INCOMING = "incoming", "incoming"


class OutboundMessage(models.Model):
    message_id = models.CharField(max_length=255, unique=True)
    sbdh = models.BinaryField()
    sender = models.CharField(max_length=200)
    receiver = models.CharField(max_length=200)
    document_type = models.CharField(max_length=500)
    process = models.CharField(max_length=300)
    country_c1 = models.CharField(max_length=2)
    instance_identifier = models.CharField(max_length=200)
    state = models.CharField(
        max_length=12, choices=OutboundState.choices, default=OutboundState.QUEUED
    )
    reason = models.TextField(blank=True, default="")
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True, default="")
    #: where it was sent (the endpoint from the SMP) and to which access point (its CN)
    endpoint_url = models.CharField(max_length=500, blank=True, default="")
    receiver_ap = models.CharField(max_length=200, blank=True, default="")
    #: the packaged message as first sent, re-sent byte for byte on every retry (so the
    #: receipt of the first copy also verifies against a retry), and what it signed
    packaged = models.BinaryField(null=True, blank=True)
    content_type = models.CharField(max_length=300, blank=True, default="")
    signed_references = models.JSONField(default=list, blank=True)
    receipt = models.BinaryField(null=True, blank=True)
    receipted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbound Peppol message")
        verbose_name_plural = _("outbound Peppol messages")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="ap_out_due")]

    def __str__(self) -> str:
        return f"{self.message_id} -> {self.receiver} ({self.state})"


class InboundMessage(models.Model):
    message_id = models.CharField(max_length=255, unique=True)
    sbdh = models.BinaryField()
    sender = models.CharField(max_length=200)
    receiver = models.CharField(max_length=200)
    document_type = models.CharField(max_length=500)
    process = models.CharField(max_length=300)
    country_c1 = models.CharField(max_length=2)
    instance_identifier = models.CharField(max_length=200)
    #: the sending access point (the CN of its signing certificate)
    sender_ap = models.CharField(max_length=200)
    metadata = models.JSONField(default=dict)
    report = models.JSONField(default=dict)
    received_at = models.DateTimeField()
    receipt = models.BinaryField()

    class Meta:
        verbose_name = _("inbound Peppol message")
        verbose_name_plural = _("inbound Peppol messages")

    def __str__(self) -> str:
        return f"{self.message_id} <- {self.sender}"


class Transmission(models.Model):
    """One receipted exchange, with what the TSR and EUSR count."""

    message_id = models.CharField(max_length=255)
    direction = models.CharField(max_length=8, choices=Direction.choices)
    timestamp = models.DateTimeField()
    #: the access point on the other side (the Peppol Seat ID, its certificate's CN)
    other_service_provider = models.CharField(max_length=200)
    sender = models.CharField(max_length=200)
    receiver = models.CharField(max_length=200)
    document_type_scheme = models.CharField(max_length=100)
    document_type = models.CharField(max_length=500)
    process_scheme = models.CharField(max_length=100)
    process = models.CharField(max_length=300)
    #: C1's country (SBDH COUNTRY_C1) and C4's, when known
    sender_country = models.CharField(max_length=2, blank=True, default="")
    receiver_country = models.CharField(max_length=2, blank=True, default="")
    #: the platform's own end user in the exchange (C1 sending, C4 receiving) and its country
    end_user = models.CharField(max_length=200)
    end_user_country = models.CharField(max_length=2)
    transport_profile = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("Peppol transmission")
        verbose_name_plural = _("Peppol transmissions")
        constraints = [
            models.UniqueConstraint(fields=["message_id", "direction"], name="ap_transmission_once")
        ]
        indexes = [models.Index(fields=["timestamp"], name="ap_transmission_time")]

    def __str__(self) -> str:
        return f"{self.direction} {self.message_id}"
