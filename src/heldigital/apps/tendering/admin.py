"""Admin views of tendering: for support staff to look things up. Issued records
(notices, ESPD requests, document versions) are read-only here as everywhere."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from heldigital.apps.tendering.models import (
    Correction,
    DocumentVersion,
    EspdRequest,
    Interest,
    Notice,
    Notification,
    Procurement,
    Question,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Procurement)
class ProcurementAdmin(ReadOnly):
    list_display = ["reference", "title", "buyer", "status", "regime", "procedure", "version"]
    list_filter = ["status", "regime", "procedure"]
    search_fields = ["reference", "title", "buyer__name", "buyer__orgnr"]


@admin.register(Notice)
class NoticeAdmin(ReadOnly):
    list_display = ["procurement", "kind", "subtype", "notice_id", "notice_version", "published_at"]
    exclude = ["xml"]


@admin.register(EspdRequest)
class EspdRequestAdmin(ReadOnly):
    list_display = ["procurement", "procurement_version", "created_at"]
    exclude = ["xml"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnly):
    list_display = ["document", "number", "filename", "size", "sha256", "uploaded_at"]


@admin.register(Interest)
class InterestAdmin(ReadOnly):
    list_display = ["procurement", "supplier", "registered_at"]


@admin.register(Question)
class QuestionAdmin(ReadOnly):
    list_display = ["procurement", "number", "supplier", "asked_at", "published"]


@admin.register(Correction)
class CorrectionAdmin(ReadOnly):
    list_display = ["procurement", "version", "created_at"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly):
    list_display = ["subject", "organisation", "user", "created_at", "read_at"]
