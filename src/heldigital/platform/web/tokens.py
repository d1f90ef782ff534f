"""Self-service API tokens: a user issues, lists and revokes their own tokens.

The rules are those of :class:`heldigital.apps.accounts.models.ApiToken`
(roles a subset of those held in the organisation, an expiry after now, only
the hash stored); these views only orchestrate. A token is issued for the
organisation the session acts for, shown once on the answer to the POST
that issued it (never stored, never in a URL, ``Cache-Control: no-store``),
and can be revoked by its owner only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from heldigital.apps.accounts.access import session_principal
from heldigital.apps.accounts.models import ApiToken, Role, default_token_lifetime

OSLO = ZoneInfo("Europe/Oslo")
#: The longest a token issued in the browser may live.
MAX_DAYS = 365


def expiry_from_day(day: date) -> datetime:
    """A token chosen to expire on ``day`` works until the end of that day, Oslo time (UTC)."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=OSLO).astimezone(UTC)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the system that will use it."),
    )
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The token can do only what these roles may do."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("The token stops working at the end of this day (Norwegian time)."),
    )

    def __init__(self, *args, held: list[str], today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["roles"].choices = [(role, labels.get(role, role)) for role in held]
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.today = today
        self.fields["expires_on"].widget.attrs.update(
            min=today.isoformat(), max=(today + timedelta(days=MAX_DAYS)).isoformat()
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name or "\x00" in name:
            raise ValidationError(_("Give the token a name."))
        return name

    def clean_expires_on(self) -> date:
        day: date = self.cleaned_data["expires_on"]
        if day < self.today:
            raise ValidationError(_("The expiry date cannot be in the past."))
        if day > self.today + timedelta(days=MAX_DAYS):
            raise ValidationError(_("A token can live at most %(days)d days.") % {"days": MAX_DAYS})
        return day


def _page(request: HttpRequest, form: TokenForm, *, status: int = 200, **extra) -> HttpResponse:
    principal = session_principal(request)
    now = timezone.now()
    tokens = [
        (token, token.state(now))
        for token in ApiToken.objects.filter(user=request.user).select_related("organisation")
    ]
    context = {
        "form": form,
        "acting": principal.organisation,
        "tokens": tokens,
        "role_labels": dict(Role.choices),
        **extra,
    }
    response = render(request, "web/tokens.html", context, status=status)
    add_never_cache_headers(response)  # the page may show a secret once
    return response


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; on POST issue one for the acting organisation and show it once."""
    principal = session_principal(request)
    now = timezone.now()
    today = timezone.localtime(now, OSLO).date()
    held = sorted(principal.roles)
    initial = {
        "roles": held,
        "expires_on": (timezone.localtime(now + default_token_lifetime(), OSLO)).date(),
    }
    if request.method == "GET" or principal.organisation is None:
        return _page(request, TokenForm(initial=initial, held=held, today=today))
    form = TokenForm(request.POST, held=held, today=today)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, raw = ApiToken.issue(
            user=request.user,  # type: ignore[arg-type]
            organisation=principal.organisation,
            name=form.cleaned_data["name"],
            roles=form.cleaned_data["roles"],
            expires_at=expiry_from_day(form.cleaned_data["expires_on"]),
            now=now,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form, status=400)
    return _page(
        request,
        TokenForm(initial=initial, held=held, today=today),
        issued=token,
        secret=raw,
        example_base=request.build_absolute_uri("/api/v1/"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's own tokens, after a confirmation page (GET).

    Another user's token is not found (404), whatever its id.
    """
    token = ApiToken.objects.filter(user=request.user, pk=token_id).first()
    if token is None:
        raise Http404(_("No such token."))
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        return render(request, "web/token_revoke.html", {"token": token})
    token.revoke(timezone.now())
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("web:tokens")
