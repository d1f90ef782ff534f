"""A cache of the public, anonymous pages and API reads of notices.

The notice board, a notice page, ``notice.xml``, the Atom feed and
``GET /api/v1/notices[/{reference}]`` are the same for every anonymous
visitor in a language, and are read far more often than they change. For
anonymous ``GET`` requests without a session, the whole response is kept in
the process's cache (``default``, local memory) and answered from there.

**Invalidation.** The key includes the *public generation*, a token in
``DATA_DIR/public-generation`` shared by every process on the machine: any
save or delete of a tendering model (procurement, notice, document,
question, correction, ...) or a new protocol event (every status change -
publication, opening, award - records one, including the few changes made
with ``QuerySet.update``) writes a new token when its transaction commits,
so the next request of every process misses and renders afresh. Entries
also expire after ``HELDIGITAL_PUBLIC_CACHE_SECONDS`` (default 10 s): what
depends on the clock alone (a deadline passing) is never older than that.

**CSRF.** Every page carries a CSRF token (the language form, htmx's
header). A cached page stores a placeholder in its place, and each visitor
gets their own token (and cookie) when the page is served.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

#: The cached routes (path only; the query string is part of the key).
CACHED = re.compile(
    r"^/(?:notices/(?:|feed\.atom|[^/]+/|[^/]+/notice\.xml)"
    r"|api/v1/notices(?:/[^/]+)?)$"
)
_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
_PLACEHOLDER = b"\x00csrf-token\x00"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary", "ETag")


def _generation_file() -> Path:
    return Path(settings.DATA_DIR) / "public-generation"


def generation() -> str:
    try:
        return _generation_file().read_text()
    except FileNotFoundError:
        return ""


def bump() -> None:
    """Start a new public generation (atomically: write, then rename)."""
    path = _generation_file()
    temporary = path.with_name(f".public-generation-{os.getpid()}-{secrets.token_hex(4)}")
    temporary.write_text(secrets.token_hex(8))
    temporary.replace(path)


def bump_on_commit(**_: Any) -> None:
    transaction.on_commit(bump, robust=True)


def connect_signals() -> None:
    """Bump the generation whenever public data may have changed (called in app ready())."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    from heldigital.apps.protocol.models import ProtocolEvent

    private = {"Notification", "Interest"}
    for model in apps.get_app_config("tendering").get_models():
        if model.__name__ in private:
            continue
        post_save.connect(bump_on_commit, sender=model, dispatch_uid=f"public-{model.__name__}")
        post_delete.connect(bump_on_commit, sender=model, dispatch_uid=f"public-d-{model.__name__}")
    post_save.connect(bump_on_commit, sender=ProtocolEvent, dispatch_uid="public-protocol")


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or not CACHED.match(request.path_info):
        return False
    if request.META.get("HTTP_AUTHORIZATION"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PublicCacheMiddleware:
    """Serves the public notice routes from the cache for anonymous visitors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timeout = float(getattr(settings, "HELDIGITAL_PUBLIC_CACHE_SECONDS", 10))
        if timeout <= 0 or not _cacheable(request):
            return self.get_response(request)
        key = f"public:{generation()}:{get_language()}:{request.get_full_path()}"
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if (
                response.status_code != 200
                or response.streaming
                or response.cookies.keys() - {settings.CSRF_COOKIE_NAME}
            ):
                return response
            body = response.content
            found = _TOKEN.search(body)
            has_token = found is not None
            if found is not None:
                body = body.replace(found.group(1), _PLACEHOLDER)
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (body, headers, has_token), timeout)
            return response
        body, headers, has_token = entry
        if has_token:
            body = body.replace(_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(body, status=200)
        for name, value in headers.items():
            response[name] = value
        return response
