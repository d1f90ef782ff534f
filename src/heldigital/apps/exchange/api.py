"""The document exchange API (``/api/v1/exchange``): list, get, send, download.

The caller acts for one organisation (token or session) and sees only its
inbox and outbox, with one of ``services.READ_ROLES``; sending needs one of
``services.SEND_ROLES``. A document of another organisation is 404. A
document that is not valid is refused with 422 and the validator's findings
in ``errors`` (``loc`` is ``["body", <location>]``, ``type`` the rule id);
nothing is stored. See docs/exchange.md.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from http import HTTPStatus
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from heldigital.apps.accounts.access import Principal, api_principal
from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import Document
from heldigital.apps.inputs import Text
from heldigital.platform.problems import UNPROCESSABLE_CONTENT, problem_response

router = Router(tags=["document exchange"])

_XML_TYPES = ("application/xml", "text/xml")


class FindingOut(Schema):
    rule: str
    severity: str
    location: str
    message: str


class ReportOut(Schema):
    document_type: str | None = None
    rule_set: str | None = None
    release: str | None = None
    valid: bool
    errors: list[FindingOut] = []


class EventOut(Schema):
    at: datetime
    actor: str
    from_state: str
    state: str
    note: str


class DocumentOut(Schema):
    id: uuid.UUID
    direction: Literal["in", "out"]
    state: str
    family: str
    number: str
    sender: str
    receiver: str
    document_type: str
    process: str
    instance_identifier: str
    message_id: str | None
    country_c1: str
    payload_sha256: str
    valid: bool
    created_at: datetime
    created_by: str
    corrects: uuid.UUID | None
    reference: str


class DocumentDetailOut(DocumentOut):
    report: ReportOut
    history: list[EventOut]


class Filters(Schema):
    direction: Literal["in", "out"] | None = None
    state: Text(20) = ""
    kind: Text(30) = ""
    q: Text(200) = ""
    limit: int = Field(100, ge=1, le=500)


def _principal(request: HttpRequest) -> Principal:
    principal = api_principal(request)
    if not services.can_read(principal):
        raise PermissionDenied(
            _("The document exchange needs an administrator, officer, supplier user or auditor.")
        )
    return principal


def _out(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "direction": document.direction,
        "state": document.tracking.state,
        "family": document.family,
        "number": document.number,
        "sender": document.sender,
        "receiver": document.receiver,
        "document_type": document.document_type,
        "process": document.process,
        "instance_identifier": document.instance_identifier,
        "message_id": document.message_id,
        "country_c1": document.country_c1,
        "payload_sha256": document.payload_sha256,
        "valid": document.valid,
        "created_at": document.created_at,
        "created_by": document.created_by,
        "corrects": document.corrects_id,
        "reference": document.reference,
    }


def _detail(document: Document) -> dict[str, Any]:
    report = document.report or {}
    return {
        **_out(document),
        "report": {
            "document_type": report.get("document_type"),
            "rule_set": report.get("rule_set"),
            "release": report.get("release"),
            "valid": bool(report.get("valid")),
            "errors": report.get("errors") or [],
        },
        "history": [
            {
                "at": e.at,
                "actor": e.actor,
                "from_state": e.from_state,
                "state": e.state,
                "note": e.note,
            }
            for e in services.history(document)
        ],
    }


def _document(request: HttpRequest, exchange_id: uuid.UUID) -> Document:
    try:
        return services.get_visible(_principal(request), exchange_id)
    except Document.DoesNotExist:
        raise Http404(_("There is no such document.")) from None


@router.get(
    "/exchange/documents",
    response=list[DocumentOut],
    summary="My organisation's inbox and outbox",
)
def documents(request: HttpRequest, filters: Query[Filters]) -> list[dict[str, Any]]:
    """Newest first; ``direction`` ``in`` is the inbox, ``out`` the outbox. ``kind`` is the
    kind of document (``invoice``, ``order`` ...), ``q`` part of a participant identifier
    or of the document number."""
    chosen = services.Filters(state=filters.state, family=filters.kind, text=filters.q)
    rows = services.visible(_principal(request), filters.direction, chosen)[: filters.limit]
    return [_out(d) for d in rows]


@router.get(
    "/exchange/documents/{exchange_id}",
    response=DocumentDetailOut,
    summary="One document: envelope data, validation report, history",
)
def document(request: HttpRequest, exchange_id: uuid.UUID) -> dict[str, Any]:
    return _detail(_document(request, exchange_id))


@router.get(
    "/exchange/documents/{exchange_id}/payload",
    response={200: None},
    summary="The business document as sent or received (XML)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The document",
                "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def payload(request: HttpRequest, exchange_id: uuid.UUID) -> HttpResponse:
    found = _document(request, exchange_id)
    response = HttpResponse(bytes(found.payload), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{found.pk}.xml"'
    return response


@router.get(
    "/exchange/documents/{exchange_id}/envelope",
    response={200: None},
    summary="The document in its Peppol envelope (SBDH, XML)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The envelope",
                "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def envelope(request: HttpRequest, exchange_id: uuid.UUID) -> HttpResponse:
    found = _document(request, exchange_id)
    response = HttpResponse(bytes(found.envelope), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{found.pk}-sbdh.xml"'
    return response


_SEND_BODY = {
    "required": True,
    "description": "The business document (EHF / Peppol BIS UBL) as the body.",
    "content": {
        "application/xml": {"schema": {"type": "string", "format": "binary"}},
        "text/xml": {"schema": {"type": "string", "format": "binary"}},
    },
}


@router.post(
    "/exchange/documents",
    response={201: DocumentDetailOut},
    summary="Send a business document",
    openapi_extra={
        "requestBody": _SEND_BODY,
        "responses": {
            413: {"description": "The document is larger than 10 MiB"},
            415: {"description": "The body is not XML"},
            422: {"description": "Not valid (errors: the findings) or a bad receiver"},
        },
    },
)
def send(request: HttpRequest, receiver: Text(200), corrects: uuid.UUID | None = None) -> Any:
    """Validate the document and send it from my organisation to ``receiver`` (a Peppol
    participant identifier, e.g. ``0192:974760673``). A receiver on this platform gets it
    in its inbox at once (state ``delivered``); others through the access point
    (``queued``, or ``no_access_point`` while none is configured). ``corrects`` names an
    earlier document of my outbox that this one corrects."""
    principal = _principal(request)
    if not services.can_send(principal):
        raise PermissionDenied(
            _("Sending documents needs an administrator, officer or supplier user.")
        )
    if (request.content_type or "").lower() not in _XML_TYPES:
        raise HttpError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, _("Send the document as application/xml.")
        )
    data = request.read(services.MAX_PAYLOAD + 1)
    if len(data) > services.MAX_PAYLOAD:
        raise HttpError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _("The document is larger than 10 MiB.")
        )
    earlier = _document(request, corrects) if corrects is not None else None
    try:
        sent = services.send_as(
            principal, payload=data, receiver=receiver, now=timezone.now(), corrects=earlier
        )
    except services.DocumentRefused as exc:
        return problem_response(
            request,
            UNPROCESSABLE_CONTENT,
            exc.message,
            errors=[
                {
                    "loc": ["query", "receiver"]
                    if f["rule"] == "RECEIVER"
                    else ["body", f.get("location") or ""],
                    "msg": f["message"],
                    "type": f["rule"],
                }
                for f in exc.findings
            ],
        )
    return Status(201, _detail(sent))
