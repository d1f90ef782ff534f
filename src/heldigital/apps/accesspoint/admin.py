"""Read-only admin pages of the access point: the outbox, the inbox and the log.

Nothing is edited here: the rows are the access point's durable state and its
evidence (the receipts); states change only through :mod:`.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from heldigital.apps.accesspoint.models import InboundMessage, OutboundMessage, Transmission


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboundMessage)
class OutboundAdmin(ReadOnly):
    list_display = ("message_id", "receiver", "state", "attempts", "created_at", "receipted_at")
    list_filter = ("state",)
    search_fields = ("message_id", "receiver", "sender", "instance_identifier")
    exclude = ("sbdh", "packaged", "receipt")
    date_hierarchy = "created_at"


@admin.register(InboundMessage)
class InboundAdmin(ReadOnly):
    list_display = ("message_id", "sender", "receiver", "sender_ap", "received_at")
    search_fields = ("message_id", "sender", "receiver", "instance_identifier")
    exclude = ("sbdh", "receipt")
    date_hierarchy = "received_at"


@admin.register(Transmission)
class TransmissionAdmin(ReadOnly):
    list_display = ("timestamp", "direction", "other_service_provider", "sender", "receiver")
    list_filter = ("direction",)
    search_fields = ("message_id", "sender", "receiver")
    date_hierarchy = "timestamp"
