"""Views of the web UI. They orchestrate only: access rules live in
:mod:`heldigital.apps.accounts.access`, the protocol in
:mod:`heldigital.apps.protocol`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from heldigital.apps.accounts import access, login_limits
from heldigital.apps.accounts.access import can_read_protocol, is_member
from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.accounts.actors import describe_actors
from heldigital.apps.accounts.models import Organisation, normalise_orgnr
from heldigital.apps.protocol import services as protocol_services
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions.services import sealed_part_visible
from heldigital.apps.tendering.views import my_procurements


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "web/landing.html")


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


def login_locked(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The page shown instead of a login while the user name is locked from this address.

    ``AXES_LOCKOUT_CALLABLE``; the policy is in
    :mod:`heldigital.apps.accounts.login_limits`. 429 Too Many Requests.
    """
    context = {"cooloff_minutes": login_limits.cool_off_minutes()}
    return render(request, "web/locked_out.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    """Logs out on POST only (Django 5)."""


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    principal = _principal(request)
    return render(
        request,
        "web/home.html",
        {
            "organisations": access.user_memberships(request.user),  # type: ignore[arg-type]
            "acting": principal.organisation,
        },
    )


@login_required
@require_POST
def choose_organisation(request: HttpRequest) -> HttpResponse:
    """The organisation switcher: the session acts for the chosen organisation from now on.

    Kept in the session only; the choice grants nothing by itself (every
    check asks the roles held in the chosen organisation).
    """
    organisation = access.choose_organisation(request, request.POST.get("orgnr", ""))
    messages.success(request, _("You now act for %(name)s.") % {"name": organisation.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("web:home")
    return redirect(target)


@login_required
@require_GET
def organisation(request: HttpRequest, orgnr: str) -> HttpResponse:
    """An organisation: identifiers for everyone logged in; members for its members."""
    try:
        compact = normalise_orgnr(orgnr)
    except DjangoValidationError as exc:
        raise Http404(_("No such organisation.")) from exc
    org = get_object_or_404(Organisation, orgnr=compact)
    member = is_member(_principal(request), org)
    members = org.members_with_roles() if member else []
    return render(
        request,
        "web/organisation.html",
        {"organisation": org, "is_member": member, "members": members},
    )


@login_required
@require_GET
def procurements(request: HttpRequest) -> HttpResponse:
    """The user's procurements: its public bodies' own, and those its suppliers follow."""
    return render(request, "web/procurements.html", my_procurements(_principal(request)))


def _readable_events(request: HttpRequest, procurement_id: str) -> list[ProtocolEvent]:
    # The sealed part (what derives from the tenders) only after opening.
    events = protocol_services.readable_events(
        procurement_id, sealed=sealed_part_visible(procurement_id)
    )
    if not events:
        raise Http404(_("There is no protocol for this procurement."))
    if not can_read_protocol(_principal(request), procurement_id):
        raise PermissionDenied(_("You may not read the protocol of this procurement."))
    return events


@login_required
@require_GET
def protocol(request: HttpRequest, procurement_id: str) -> HttpResponse:
    """The protocol's events and whether the hash chain verifies."""
    events = _readable_events(request, procurement_id)
    names = describe_actors(event.actor for event in events)
    return render(
        request,
        "web/protocol.html",
        {
            "procurement_id": procurement_id,
            "rows": [(event, names[event.actor]) for event in events],
            "verification": protocol_services.verify_readable(
                procurement_id, sealed=sealed_part_visible(procurement_id)
            ),
        },
    )


@login_required
@require_GET
def protocol_verification(request: HttpRequest, procurement_id: str) -> HttpResponse:
    """The verdict alone (htmx fragment for the re-verify button, or a full page)."""
    _readable_events(request, procurement_id)
    verification = protocol_services.verify_readable(
        procurement_id, sealed=sealed_part_visible(procurement_id)
    )
    template = (
        "web/_verification.html"
        if request.headers.get("HX-Request") == "true"
        else "web/verification.html"
    )
    return render(
        request, template, {"procurement_id": procurement_id, "verification": verification}
    )
