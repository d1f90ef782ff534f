"""Read-only admin views of the procurement protocol.

The protocol is append-only: the admin shows events and sealed days but
offers no way to add, change or delete them (events are recorded by
:func:`heldigital.apps.protocol.services.record`, days sealed by
``heldigital ledger seal``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from heldigital.apps.protocol.models import DailyRoot, ProtocolEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ProtocolEvent)
class ProtocolEventAdmin(ReadOnlyAdmin):
    list_display = ["procurement_id", "sequence", "type", "actor", "occurred_at"]
    list_filter = ["type"]
    search_fields = ["procurement_id", "type", "actor", "hash"]
    ordering = ["procurement_id", "sequence"]


@admin.register(DailyRoot)
class DailyRootAdmin(ReadOnlyAdmin):
    list_display = ["day", "root", "chains", "sealed_at"]
    ordering = ["-day"]
