"""A form sent after the session ended is kept for one resubmission (issue 10).

Without this, ``login_required`` sends a POST of an anonymous user to the
login page with ``next=`` the POST-only URL: after logging in the browser
GETs that URL (405) and what was typed is lost.

:class:`ResumeFormMiddleware` notices that redirect and instead

* keeps the form's fields (not its files, not the CSRF token) in the
  session, with the URL the form posted to and the page that held it (the
  same-origin ``Referer``; the home page when there is none);
* sends the user to log in with ``next=`` that page, which is a GET page.

The session survives the login (Django cycles its key but keeps its data).
When the page that held the form is shown again, :func:`pending_form` (a
context processor) takes the kept form out of the session, once: the page
shows a notice with a button that sends the form again as it was (with a
fresh CSRF token; works without script), and ``web/heldigital.js`` fills the
page's own form with it so the text can be edited first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_KEY = "heldigital.pending_form"
#: More typed text than this is not kept in the session (the notice still explains).
MAX_KEPT_CHARACTERS = 100_000


def _page_that_held_the_form(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        page = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path != request.path:
            return page
    return reverse("web:home")


def _sent_to_login(request: HttpRequest, response: HttpResponse) -> bool:
    if request.method != "POST" or response.status_code != 302:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    location = urlsplit(response.get("Location", ""))
    return location.path == resolve_url(settings.LOGIN_URL)


class ResumeFormMiddleware:
    """Turns "log in, then 405" into "log in, then the form's page with the form kept"."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _sent_to_login(request, response):
            return response
        page = _page_that_held_the_form(request)
        data = {
            name: request.POST.getlist(name)
            for name in request.POST
            if name != "csrfmiddlewaretoken"
        }
        size = sum(len(value) for values in data.values() for value in values)
        kept = size <= MAX_KEPT_CHARACTERS
        request.session[SESSION_KEY] = {
            "action": request.path,
            "page": urlsplit(page).path,
            "data": data if kept else {},
            "kept": kept,
            "files": bool(request.FILES),
        }
        messages.info(
            request,
            _(
                "Your session had ended, so the form was not sent. "
                "Log in again: what you typed is kept."
            )
            if kept
            else _("Your session had ended, so the form was not sent. Log in again."),
        )
        return redirect_to_login(page)


def pending_form(request: HttpRequest) -> dict[str, Any]:
    """The kept form, on the page that held it, once (after the login)."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if (
        session is None
        or request.method != "GET"
        or user is None
        or not user.is_authenticated
        or SESSION_KEY not in session
    ):
        return {}
    kept = session[SESSION_KEY]
    if kept.get("page") != request.path:
        return {}
    del session[SESSION_KEY]
    fields = [(name, value) for name, values in kept["data"].items() for value in values]
    return {
        "pending_form": {
            "action": kept["action"],
            "fields": fields,
            "data": kept["data"],
            "kept": kept["kept"],
            "files": kept["files"],
        }
    }
