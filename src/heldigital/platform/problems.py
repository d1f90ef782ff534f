"""RFC 9457 problem details: the one shape of every API error.

``type`` is ``about:blank`` and ``title`` the HTTP status phrase (RFC 9457
section 4.2.1) until problem types of our own are defined; extension members
carry details such as the deadline and the server time.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, JsonResponse

__all__ = ["PROBLEM_CONTENT_TYPE", "UNPROCESSABLE_CONTENT", "problem_response"]

PROBLEM_CONTENT_TYPE = "application/problem+json"
UNPROCESSABLE_CONTENT = 422
# RFC 9110 section 15.5.21 renamed 422; Python < 3.13 still has the old phrase.
_PHRASES = {UNPROCESSABLE_CONTENT: "Unprocessable Content"}


def problem_response(
    request: HttpRequest, status: int, detail: str, **extensions: Any
) -> JsonResponse:
    """An RFC 9457 problem details response for ``status``."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": _PHRASES.get(status) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extensions,
    }
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    if status == HTTPStatus.UNAUTHORIZED:
        # RFC 9110 section 11.6.1: a 401 names the schemes the client may use.
        response["WWW-Authenticate"] = 'Bearer realm="heldigital"'
    return response
