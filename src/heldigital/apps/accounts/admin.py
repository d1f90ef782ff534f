"""Admin registrations for organisations, users, memberships and API tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from heldigital.apps.accounts.models import ApiToken, Membership, Organisation, Role, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "orgnr", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "orgnr"]
    readonly_fields = ["peppol_participant"]
    inlines = [MembershipInline]

    @admin.display(description=_("PEPPOL participant identifier"))
    def peppol_participant(self, obj: Organisation) -> str:
        return obj.peppol_participant if obj.pk else "–"


class UserMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class HeldigitalUserAdmin(UserAdmin):
    inlines = [UserMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "organisation__name", "organisation__orgnr"]
    autocomplete_fields = ["user", "organisation"]


class ApiTokenAdminForm(forms.ModelForm):
    """Issue a token: user, organisation, the roles it acts with and when it expires."""

    roles = forms.MultipleChoiceField(
        label=_("roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every role the user holds in the organisation."),
    )
    expires_at = forms.DateTimeField(
        label=_("expires"),
        required=False,
        help_text=_("Leave empty for the default lifetime (HELDIGITAL_API_TOKEN_DAYS)."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "organisation", "name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        user, organisation = data.get("user"), data.get("organisation")
        if self.instance.pk is None and user is not None and organisation is not None:
            try:
                data["roles"], data["expires_at"] = ApiToken.check_grant(
                    user=user,
                    organisation=organisation,
                    roles=data.get("roles") or None,
                    expires_at=data.get("expires_at"),
                    now=timezone.now(),
                )
            except ValidationError as exc:
                raise forms.ValidationError(exc.messages, code=exc.code) from exc
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API tokens: the secret is generated on save and shown once in a message."""

    form = ApiTokenAdminForm
    list_display = [
        "name",
        "token_prefix",
        "user",
        "organisation",
        "roles",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "token_prefix", "user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["token_prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens"]

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        if obj is None:
            return ["user", "organisation", "name", "roles", "expires_at"]
        return ["user", "organisation", "name", "roles", "expires_at", *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return []
        # A token's owner, roles and expiry cannot change after issue: revoke and issue another.
        return ["user", "organisation", "roles", "expires_at", *self.readonly_fields]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        obj.roles = form.cleaned_data["roles"]
        obj.expires_at = form.cleaned_data["expires_at"]
        raw = obj.assign_new_secret(timezone.now())
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            _("New API token (copy it now, it is not shown again): %(token)s") % {"token": raw},
        )

    @admin.action(description=_("Revoke selected API tokens"))
    def revoke_tokens(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        now = timezone.now()
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke(now)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
        )
