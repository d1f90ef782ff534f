"""ASGI entry point of the production server (``heldigital serve`` runs it under Granian).

Why ASGI for a synchronous Django application: the server must not be
exhausted by clients that send a request body slowly (a supplier's upload on
a bad line, or an attacker holding half-sent uploads open). Under WSGI every
such request holds a worker thread while its body trickles in; measured on
this project, 40 half-sent uploads blocked every thread of both gunicorn
(gthread) and Granian's WSGI mode. Here the body is received by the event
loop - a waiting upload costs a buffer, not a thread - and only a complete
request is handed to a thread that runs the (synchronous) view.

The handler adds what Django's own ``ASGIHandler`` leaves out:

* the body is kept in memory, never spooled to a temporary file (a tender
  chunk is plaintext until the view encrypts it; see
  :mod:`heldigital.platform.uploads`), and is limited to
  ``HELDIGITAL_REQUEST_MAX_BYTES`` (413 before anything is read when the
  declared length is larger);
* a read timeout: each piece of the body must arrive within
  ``HELDIGITAL_READ_TIMEOUT`` seconds (default 30) and the whole body within
  ``HELDIGITAL_BODY_TIMEOUT`` seconds (default 600), else 408;
* at most ``HELDIGITAL_THREADS`` requests per worker process run views at
  once (default 8); others wait on the event loop, holding no thread.

Header reading has its own timeout in the server (Granian's HTTP/1 header
read timeout, set by ``heldigital serve``).
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import time
from typing import Any

import django
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heldigital.platform.settings")


class BodyRefused(Exception):
    """The request body was refused before the view ran (413 or 408)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _setting(name: str, default: float) -> float:
    """A Django setting, else the environment variable of the same name, else ``default``."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name) or default
    return float(value)


class HeldigitalASGIHandler(ASGIHandler):
    """Django's ASGI handler with an in-memory, bounded, timed body read."""

    def __init__(self) -> None:
        super().__init__()
        self._slots: asyncio.Semaphore | None = None

    @property
    def max_body(self) -> int:
        return int(_setting("HELDIGITAL_REQUEST_MAX_BYTES", 65 << 20))

    async def handle(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _refuse(send, BodyRefused(413, _too_large(self.max_body)))
            return
        try:
            await super().handle(scope, receive, send)
        except BodyRefused as refused:
            await _refuse(send, refused)

    async def read_body(self, receive: Any) -> io.BytesIO:  # type: ignore[override]
        idle = _setting("HELDIGITAL_READ_TIMEOUT", 30)
        deadline = time.monotonic() + _setting("HELDIGITAL_BODY_TIMEOUT", 600)
        limit = self.max_body
        body = io.BytesIO()
        size = 0
        while True:
            wait = min(idle, deadline - time.monotonic())
            if wait <= 0:
                raise BodyRefused(408, "The request body was not received in time.")
            try:
                message = await asyncio.wait_for(receive(), timeout=wait)
            except TimeoutError:
                raise BodyRefused(408, "The request body was not received in time.") from None
            if message["type"] == "http.disconnect":
                raise RequestAborted()
            piece = message.get("body", b"")
            size += len(piece)
            if size > limit:
                raise BodyRefused(413, _too_large(limit))
            body.write(piece)
            if not message.get("more_body", False):
                break
        body.seek(0)
        return body

    async def run_get_response(self, request: Any) -> Any:
        if self._slots is None:
            self._slots = asyncio.Semaphore(int(_setting("HELDIGITAL_THREADS", 8)))
        async with self._slots:
            return await super().run_get_response(request)


def _content_length(scope: dict[str, Any]) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large(limit: int) -> str:
    return f"The request body is larger than {limit} bytes."


async def _refuse(send: Any, refused: BodyRefused) -> None:
    title = "Payload Too Large" if refused.status == 413 else "Request Timeout"
    body = json.dumps(
        {"type": "about:blank", "title": title, "status": refused.status, "detail": refused.detail}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": refused.status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def get_application() -> HeldigitalASGIHandler:
    django.setup(set_prefix=False)
    return HeldigitalASGIHandler()


application = get_application()
