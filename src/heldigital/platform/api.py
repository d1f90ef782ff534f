"""The REST API under ``/api/v1`` (django-ninja).

Authentication: ``Authorization: Bearer <token>`` with an :class:`ApiToken`
for system-to-system use, or the Django session for the browser. Either way
``request.auth`` is a :class:`~heldigital.apps.accounts.access.Principal`.

Every error is an RFC 9457 problem details object
(``application/problem+json``) with the members ``type``, ``title``,
``status``, ``detail`` and ``instance``. No problem types of our own are
defined yet, so ``type`` is ``about:blank`` and ``title`` is the HTTP status
phrase (RFC 9457 section 4.2.1); validation errors (422) add an ``errors``
extension member listing each invalid input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from heldigital.apps.accounts.access import Principal, session_principal, token_principal
from heldigital.apps.accounts.api import router as accounts_router
from heldigital.apps.accounts.models import ApiToken, TokenState
from heldigital.apps.inputs import NO_NUL_PATTERN
from heldigital.apps.tendering.api import router as tendering_router
from heldigital.platform.errors import too_large_detail
from heldigital.platform.problems import (
    PROBLEM_CONTENT_TYPE,
    UNPROCESSABLE_CONTENT,
    problem_response,
)
from heldigital.platform.protocol_api import router as protocol_router

logger = logging.getLogger(__name__)


class BearerTokenAuth(HttpBearer):
    """``Authorization: Bearer hd_...`` with an :class:`ApiToken`.

    The principal acts for the token's organisation with the token's roles
    that the user still holds there (:func:`token_principal`). An unknown,
    revoked or expired token, a deactivated user and a token whose roles
    were all taken away get 401 at once, never a fall-through to the session.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Principal:
        now = timezone.now()
        api_token = ApiToken.find(token)
        if api_token is None:
            raise AuthenticationError(message=_("The API token is not valid."))
        state = api_token.state(now)
        if state == TokenState.REVOKED:
            raise AuthenticationError(message=_("The API token has been revoked."))
        if state == TokenState.EXPIRED:
            raise AuthenticationError(message=_("The API token has expired."))
        if not api_token.user.is_active:
            raise AuthenticationError(message=_("The API token's user has been deactivated."))
        principal = token_principal(api_token)
        if not principal.roles:
            raise AuthenticationError(
                message=_(
                    "The API token's user no longer holds any of its roles in its organisation."
                )
            )
        api_token.mark_used(now)
        return principal


class BrowserSessionAuth(SessionAuth):
    """The Django session of a logged-in browser (CSRF checked on unsafe methods).

    The principal acts for the organisation chosen in the session.
    """

    def authenticate(self, request: HttpRequest, key: str | None) -> Principal | None:
        if request.user.is_authenticated:
            return session_principal(request)
        return None


#: The problem details object (RFC 9457 section 3) as an OpenAPI component.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details; extension members carry further details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array"},
                    "msg": {"type": "string"},
                    "type": {"type": ["string", "null"]},
                },
            },
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
    "additionalProperties": True,
}

#: Error statuses any operation may answer, and when (docs/tendering.md "Errors").
_ERRORS: dict[int, str] = {
    400: "The request cannot be read (malformed body, NUL in the address)",
    403: "The caller's organisation and roles do not allow this",
    404: "No such resource (or one the caller may not see)",
    409: "The state does not allow this now (deadline and server time given)",
    422: "Invalid input; ``errors`` lists each problem",
    429: "Too many requests",
}
_AUTH_ERROR = {401: "No valid API token or session"}
_BODY_ERRORS = {
    411: "A chunk without Content-Length",
    413: "The body is larger than the limit",
    415: "The body's media type is not accepted",
}


def _refuse_nul_in(schema: dict[str, Any]) -> None:
    """Declare that text in the path and query has no NUL (``RefuseNulMiddleware`` answers 400)."""
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "string" and "pattern" not in option and "enum" not in option:
            option["pattern"] = NO_NUL_PATTERN


class HeldigitalAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema declares the problem details every operation may answer."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                errors = dict(_ERRORS)
                if operation.get("security"):
                    errors.update(_AUTH_ERROR)
                if "requestBody" in operation:
                    errors.update(_BODY_ERRORS)
                # django-ninja keys responses by int; the JSON output makes them strings.
                responses = {int(k): v for k, v in operation.get("responses", {}).items()}
                for status, description in errors.items():
                    responses.setdefault(status, {"description": description})
                for status, entry in responses.items():
                    if status >= 400:
                        entry.setdefault("content", problem)
                operation["responses"] = dict(sorted(responses.items()))
                for parameter in operation.get("parameters", []):
                    _refuse_nul_in(parameter.get("schema", {}))
        return schema


api = HeldigitalAPI(
    title="Heldigital API",
    version="1",
    description=(
        "Fully digital public procurement on EHF and PEPPOL. Errors are RFC 9457 problem "
        "details (application/problem+json).\n\n"
        "**Getting a token**: log in, choose the organisation to act for, and issue a token "
        "on the page *API tokens* (`/tokens/`): name it, pick the roles it acts with and its "
        "expiry; it is shown once. Operators can also run `heldigital token issue`. Send it "
        "as `Authorization: Bearer <token>`, e.g. "
        "`curl -H 'Authorization: Bearer hd_1_…' https://HOST/api/v1/notices`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[BearerTokenAuth(), BrowserSessionAuth()],
)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = exc.message if exc.message != "Unauthorized" else _("Authentication is required.")
    return problem_response(request, HTTPStatus.UNAUTHORIZED, str(detail))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or _("You do not have access to this resource.")
    return problem_response(request, HTTPStatus.FORBIDDEN, detail)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    detail = str(exc) or _("The resource does not exist.")
    return problem_response(request, HTTPStatus.NOT_FOUND, detail)


@api.exception_handler(ValidationError)
def _unprocessable(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": list(error.get("loc", [])), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in exc.errors
    ]
    return problem_response(
        request,
        UNPROCESSABLE_CONTENT,
        _("The request has invalid input; see errors."),
        errors=errors,
    )


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem_response(request, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, too_large_detail())


@api.exception_handler(MultiPartParserError)
def _unreadable_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # E.g. Content-Type: multipart/form-data without a boundary (found by Schemathesis).
    return problem_response(
        request, HTTPStatus.BAD_REQUEST, _("The multipart body cannot be read: %s") % exc
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unhandled error in API request %s %s", request.method, request.path)
    return problem_response(
        request,
        HTTPStatus.INTERNAL_SERVER_ERROR,
        _("An internal error occurred. It has been logged."),
    )


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """404 problem details for paths under ``/api/v1/`` that match no endpoint."""
    return problem_response(request, HTTPStatus.NOT_FOUND, _("There is no such API endpoint."))


api.add_router("/", accounts_router)
api.add_router("/procurements", protocol_router)
api.add_router("/", tendering_router)
api.add_router("/", "heldigital.apps.submissions.api.router")
api.add_router("/", "heldigital.apps.evaluation.api.router")
api.add_router("/", "heldigital.apps.contracts.api.router")
api.add_router("/", "heldigital.apps.invoicing.api.router")
api.add_router("/", "heldigital.platform.validation.router")
api.add_router("/", "heldigital.apps.publication.api.router")
api.add_router("/", "heldigital.apps.smp.api.router")
api.add_router("/", "heldigital.apps.exchange.api.router")
api.add_router("/", "heldigital.apps.ordering.api.router")


def _problem_on_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn django-ninja's plain 405 response into problem details (keeps ``Allow``)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != HTTPStatus.METHOD_NOT_ALLOWED or response.get(
            "Content-Type", ""
        ).startswith(PROBLEM_CONTENT_TYPE):
            return response
        problem = problem_response(
            request,
            HTTPStatus.METHOD_NOT_ALLOWED,
            _("The method %(method)s is not allowed here.") % {"method": request.method},
        )
        if "Allow" in response:
            problem["Allow"] = response["Allow"]
        return problem

    return wrapped


def api_urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URL configuration (for ``include``), with 405s as problem details."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _problem_on_405(pattern.callback)
    return patterns, app_name, namespace
