"""Admin pages of the invoicing app: the buyers' tolerance rules for invoice matching."""

from __future__ import annotations

from django.contrib import admin

from heldigital.apps.invoicing.models import ToleranceRule


@admin.register(ToleranceRule)
class ToleranceRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("buyer", "name", "kind", "limit", "effective_from")
    list_filter = ("kind",)
    search_fields = ("name", "buyer__name", "buyer__orgnr")
    autocomplete_fields = ("buyer",)
