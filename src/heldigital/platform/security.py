"""Response headers every page and API answer carries (docs/operations.md).

* ``Content-Security-Policy`` always: scripts, styles, fonts and images only
  from this origin (the pages load htmx and Designsystemet from ``/static/``
  and use no inline script), no framing, forms post only here.
* ``Cache-Control: no-store`` on every response to an authenticated request
  (a session user or an API token) and on everything about tenders,
  receipts, uploads, letters and contracts, whoever asks: such a response
  must never stay in a shared cache or the browser's history cache.

The HTTPS settings (secure cookies, HSTS, redirect) are Django's own and are
switched on by ``HELDIGITAL_HTTPS=1`` in :mod:`heldigital.platform.settings`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

#: Paths whose answers are private whoever asks (tenders, receipts, uploads,
#: opening, letters, contracts, protocol, the buyer's and supplier's pages).
PRIVATE_PATHS = re.compile(
    r"^/(?:api/v1/(?:tenders|uploads|receipts|procurements|contracts|letters"
    r"|evidence-requests|notifications|organisations|me)"
    r"|supplier/|buyer/|contracts/|procurements/|home/|organisations/|notifications/|admin/)"
)


def _authenticated(request: HttpRequest) -> bool:
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Adds CSP to every response and ``no-store`` to private ones."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if _authenticated(request) or PRIVATE_PATHS.match(request.path_info):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private, max-age=0"
        return response
