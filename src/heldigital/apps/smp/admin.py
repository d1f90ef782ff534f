"""Admin pages of the address register: participants with their capabilities and business card.

The admin's forms go through the same checks as the API
(:mod:`heldigital.apps.smp.services`): identifiers by the Peppol Policy,
the access point certificate with ``cryptography``, https endpoints.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heldigital.apps.smp import services
from heldigital.apps.smp.models import BusinessCard, Capability, Participant


class CapabilityForm(forms.ModelForm):
    document_type = forms.CharField(
        label=_("document type"), max_length=600, widget=forms.TextInput(attrs={"size": 100})
    )
    process = forms.CharField(label=_("process"), max_length=250)

    class Meta:
        model = Capability
        fields = [
            "document_type",
            "process",
            "transport_profile",
            "endpoint_url",
            "certificate",
            "activation",
            "expiration",
            "description",
            "technical_contact",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        checked = services.check_capability(
            services.CapabilityInput(
                document_type=data["document_type"],
                process=data["process"],
                endpoint_url=data["endpoint_url"],
                certificate=data["certificate"],
                technical_contact=data["technical_contact"],
                transport_profile=data["transport_profile"],
                activation=data.get("activation"),
                expiration=data.get("expiration"),
                description=data.get("description") or "",
            ),
            now=timezone.now(),
        )
        for key, value in checked.values.items():
            setattr(self.instance, key, value)
        data.update(checked.values)
        return data

    def save(self, commit: bool = True) -> Any:
        now = timezone.now()
        if self.instance.created_at is None:
            self.instance.created_at = now
        self.instance.updated_at = now
        return super().save(commit)


class CapabilityInline(admin.StackedInline):
    model = Capability
    form = CapabilityForm
    extra = 0


class BusinessCardInline(admin.StackedInline):
    model = BusinessCard
    extra = 0
    max_num = 1


class ParticipantForm(forms.ModelForm):
    identifier = forms.CharField(
        label=_("participant identifier"),
        max_length=200,
        help_text=_("iso6523-actorid-upis::0192:974760673 or 0192:974760673"),
    )

    class Meta:
        model = Participant
        fields = ["identifier", "organisation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["identifier"].initial = str(self.instance)
            self.fields["identifier"].disabled = True

    def clean_identifier(self) -> str:
        if self.instance.pk:
            return str(self.instance)
        try:
            participant = services.parse_participant(self.cleaned_data["identifier"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
        if services.find(participant) is not None:
            raise ValidationError(_("%s is already registered.") % participant)
        self.instance.scheme = participant.scheme
        self.instance.value = participant.value
        return str(participant)

    def save(self, commit: bool = True) -> Any:
        now = timezone.now()
        if self.instance.created_at is None:
            self.instance.created_at = now
        self.instance.updated_at = now
        return super().save(commit)


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    form = ParticipantForm
    list_display = ["__str__", "organisation", "updated_at"]
    search_fields = ["value", "organisation__name", "organisation__orgnr"]
    autocomplete_fields = ["organisation"]
    inlines = [BusinessCardInline, CapabilityInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["created_at", "updated_at"] if obj else []
