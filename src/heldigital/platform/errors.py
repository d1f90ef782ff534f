"""Error responses for bad input: the project's pages, never Django's English defaults.

Django answers a request it cannot read (a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``, too many form fields, a malformed
multipart body) with its 400 handler, whatever the URL. These handlers
(wired in :mod:`heldigital.platform.urls`) answer

* under ``/api/``: RFC 9457 problem details (:mod:`heldigital.platform.problems`);
* elsewhere: a page of the web UI in the user's language.

A body that is too large is a 413 (RFC 9110 section 15.5.14), not a 400.

:class:`RefuseNulMiddleware` refuses a NUL character in the path or the
query string before any view runs: PostgreSQL cannot store NUL in text
(SQLite can), so without it the same request would be a 500 on one database
and stored on the other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import unquote_to_bytes

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

from heldigital.platform.problems import problem_response

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def too_large_detail() -> str:
    return _(
        "The request is too large. Send files through the resumable upload "
        "and keep other requests under the size limit."
    )


def _page(
    request: HttpRequest, status: int, template: str, context: dict[str, object]
) -> HttpResponse:
    try:
        body = loader.render_to_string(template, context, request)
    except Exception:  # the error page itself must never fail
        logger.exception("Could not render the error page %s", template)
        body = (
            f"<!DOCTYPE html><title>{status}</title><h1>{status} {HTTPStatus(status).phrase}</h1>"
        )
    return HttpResponse(body, status=status)


def respond(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    """Problem details for the API, the error page for the web."""
    if is_api(request):
        return problem_response(request, status, detail)
    return _page(request, status, f"{status}.html", {"detail": detail})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: 413 for an oversized body, otherwise 400."""
    if isinstance(exception, RequestDataTooBig):
        return respond(request, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large_detail())
    return respond(
        request, HTTPStatus.BAD_REQUEST, _("The request could not be read. Check what you sent.")
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler403``."""
    detail = str(exception or "") or _("You do not have access to this page.")
    if is_api(request):
        return problem_response(request, HTTPStatus.FORBIDDEN, detail)
    return _page(request, HTTPStatus.FORBIDDEN, "403.html", {"exception": str(exception or "")})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``."""
    if is_api(request):
        return problem_response(request, HTTPStatus.NOT_FOUND, _("There is no such API endpoint."))
    return _page(request, HTTPStatus.NOT_FOUND, "404.html", {})


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a page without the database or the session (either may be the cause)."""
    if is_api(request):
        return problem_response(
            request,
            HTTPStatus.INTERNAL_SERVER_ERROR,
            _("An internal error occurred. It has been logged."),
        )
    try:
        body = loader.render_to_string("500.html")
    except Exception:
        logger.exception("Could not render the 500 page")
        body = "<!DOCTYPE html><title>500</title><h1>500 Internal Server Error</h1>"
    return HttpResponse(body, status=HTTPStatus.INTERNAL_SERVER_ERROR)


def _has_nul(raw: str) -> bool:
    return "\x00" in raw or b"\x00" in unquote_to_bytes(raw)


class RefuseNulMiddleware:
    """400 for a NUL character (``%00``) in the path or the query string."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or _has_nul(request.META.get("QUERY_STRING", "")):
            return respond(
                request,
                HTTPStatus.BAD_REQUEST,
                _("The address contains a NUL character (U+0000), which is not allowed."),
            )
        return self.get_response(request)
