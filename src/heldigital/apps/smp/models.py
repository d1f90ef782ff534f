"""The address register: participants, their capabilities and business cards.

A :class:`Participant` is one Peppol participant identifier
(``iso6523-actorid-upis::0192:974760673``), stored in its canonical form
(:mod:`heldigital.peppol.identifiers`: participant values are
case-insensitive, kept in lower case). It is linked to an
:class:`~heldigital.apps.accounts.models.Organisation` when the identifier
is one of ours (``0192:<orgnr>`` of an organisation on the platform).

A :class:`Capability` says that the participant receives one document type
in one process over one transport profile at one access point (endpoint URL
and the access point's certificate), from its activation to its expiration.
The :class:`BusinessCard` is what the Peppol Directory shows of the
participant.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.models import Organisation
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)

#: The Peppol AS4 transport profile (Peppol AS4 profile 2.0).
TRANSPORT_AS4 = "peppol-transport-as4-v2_0"


class Participant(models.Model):
    scheme = models.CharField(_("identifier scheme"), max_length=25)
    value = models.CharField(
        _("identifier"), max_length=135, help_text=_("E.g. 0192:974760673 (ICD:identifier).")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peppol_participants",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("Peppol participant")
        verbose_name_plural = _("Peppol participants")
        ordering = ["scheme", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="smp_participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scheme}::{self.value}"

    @property
    def identifier(self) -> ParticipantIdentifier:
        return ParticipantIdentifier.create(self.value, self.scheme)


class Capability(models.Model):
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="capabilities",
        verbose_name=_("participant"),
    )
    document_type_scheme = models.CharField(
        _("document type scheme"), max_length=25, default="busdox-docid-qns"
    )
    document_type = models.CharField(_("document type"), max_length=500)
    process_scheme = models.CharField(
        _("process scheme"), max_length=25, default="cenbii-procid-ubl"
    )
    process = models.CharField(_("process"), max_length=200)
    transport_profile = models.CharField(
        _("transport profile"), max_length=100, default=TRANSPORT_AS4
    )
    endpoint_url = models.CharField(_("endpoint URL"), max_length=500)
    certificate = models.TextField(
        _("access point certificate (PEM)"),
        help_text=_("The access point's X.509 certificate in PEM."),
    )
    activation = models.DateTimeField(_("service activation"), null=True, blank=True)
    expiration = models.DateTimeField(_("service expiration"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    technical_contact = models.CharField(
        _("technical contact"),
        max_length=256,
        help_text=_("An e-mail address or URL of the access point's technical support."),
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("capability")
        verbose_name_plural = _("capabilities")
        ordering = ["participant", "document_type", "process", "transport_profile"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "participant",
                    "document_type_scheme",
                    "document_type",
                    "process_scheme",
                    "process",
                    "transport_profile",
                ],
                name="smp_capability_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.document_type} / {self.process}"

    @property
    def document_type_identifier(self) -> DocumentTypeIdentifier:
        return DocumentTypeIdentifier.create(self.document_type, self.document_type_scheme)

    @property
    def process_identifier(self) -> ProcessIdentifier:
        return ProcessIdentifier.create(self.process, self.process_scheme)


class BusinessCard(models.Model):
    """The participant's entry in the Peppol Directory (business card v3, one entity)."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="business_card",
        verbose_name=_("participant"),
    )
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, default="NO")
    geographical_information = models.CharField(
        _("geographical information"), max_length=500, blank=True
    )
    #: [{"scheme": "orgnr", "value": "974760673"}, ...]
    identifiers = models.JSONField(_("identifiers"), default=list, blank=True)
    website = models.CharField(_("website"), max_length=500, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)

    class Meta:
        verbose_name = _("business card")
        verbose_name_plural = _("business cards")

    def __str__(self) -> str:
        return self.name
