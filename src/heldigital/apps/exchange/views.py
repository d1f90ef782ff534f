"""The inbox, the outbox, a document's page and the upload of a document to send.

Every page acts for the organisation chosen in the session: the lists need
one of :data:`~heldigital.apps.exchange.services.READ_ROLES` there (else
403), a document of another organisation is 404, sending needs one of
:data:`~heldigital.apps.exchange.services.SEND_ROLES`. The lists filter by
state, kind of document and text; with htmx only the table is replaced.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from heldigital.apps.accounts.access import session_principal
from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import FAMILY_LABELS, Direction, Document, State

#: The states each list can be filtered by.
_STATES = {
    Direction.INBOUND: (State.RECEIVED,),
    Direction.OUTBOUND: (State.DELIVERED, State.QUEUED, State.NO_ACCESS_POINT, State.FAILED),
}
#: Rows shown at most in one list.
LIST_LIMIT = 200


def _require_reader(request: HttpRequest) -> Any:
    principal = session_principal(request)
    if not services.can_read(principal):
        raise PermissionDenied(
            _("The document exchange needs an administrator, officer, supplier user or auditor.")
        )
    return principal


def _mailbox(request: HttpRequest, direction: str) -> HttpResponse:
    principal = _require_reader(request)
    states = _STATES[direction]
    state = request.GET.get("state", "")
    family = request.GET.get("kind", "")
    text = request.GET.get("q", "")[:200]
    filters = services.Filters(
        state=state if state in states else "",
        family=family if family in FAMILY_LABELS else "",
        text=text,
    )
    documents = list(services.visible(principal, direction, filters)[:LIST_LIMIT])
    context = {
        "direction": direction,
        "documents": documents,
        "limit": LIST_LIMIT,
        "filters": filters,
        "states": [(s.value, s.label) for s in states],
        "families": [(key, str(label)) for key, label in FAMILY_LABELS.items()],
        "can_send": services.can_send(principal),
    }
    template = (
        "exchange/_list.html"
        if request.headers.get("HX-Request") == "true"
        else "exchange/mailbox.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return _mailbox(request, Direction.INBOUND)


@login_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    return _mailbox(request, Direction.OUTBOUND)


def _document(request: HttpRequest, document_id: str) -> tuple[Any, Document]:
    principal = _require_reader(request)
    try:
        return principal, services.get_visible(principal, document_id)
    except Document.DoesNotExist:
        raise Http404(_("There is no such document.")) from None


@login_required
@require_GET
def document(request: HttpRequest, document_id: str) -> HttpResponse:
    principal, found = _document(request, document_id)
    report = found.report or {}
    errors = report.get("errors") or []
    context = {
        "document": found,
        "state": found.tracking,
        "events": services.history(found),
        "report": report,
        "fatal": [e for e in errors if e.get("severity") == "fatal"],
        "warnings": [e for e in errors if e.get("severity") != "fatal"],
        "corrections": list(services.visible(principal).filter(corrects=found)),
        "can_correct": found.direction == Direction.OUTBOUND and services.can_send(principal),
        "can_send": services.can_send(principal),
    }
    return render(request, "exchange/document.html", context)


@login_required
@require_GET
def download(request: HttpRequest, document_id: str, part: str = "payload") -> HttpResponse:
    _, found = _document(request, document_id)
    data = bytes(found.envelope if part == "sbdh" else found.payload)
    name = f"{found.family}-{found.number or found.pk}".replace('"', "")[:80]
    suffix = "-sbdh.xml" if part == "sbdh" else ".xml"
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}{suffix}"'
    return response


def _ascii(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)


@login_required
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    principal = session_principal(request)
    if not services.can_send(principal):
        raise PermissionDenied(
            _("Sending documents needs an administrator, officer or supplier user.")
        )
    corrects: Document | None = None
    corrects_id = request.POST.get("corrects") or request.GET.get("corrects") or ""
    if corrects_id:
        try:
            corrects = services.get_visible(principal, corrects_id)
        except Document.DoesNotExist:
            raise Http404(_("There is no such document.")) from None
    context: dict[str, Any] = {
        "corrects": corrects,
        "receiver": request.POST.get("receiver", "")[:200]
        or (corrects.receiver if corrects is not None else ""),
        "max_mb": services.MAX_PAYLOAD // (1024 * 1024),
    }
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("document")
        if getattr(request, "upload_refused", False) or (
            upload is not None and upload.size is not None and upload.size > services.MAX_PAYLOAD
        ):
            context["error"] = _("The document is larger than 10 MiB.")
            status = 400
        elif upload is None:
            context["error"] = _("Choose the document (an XML file) to send.")
            status = 400
        else:
            try:
                sent = services.send_as(
                    principal,
                    payload=upload.read(),
                    receiver=context["receiver"],
                    now=timezone.now(),
                    corrects=corrects,
                )
            except services.DocumentRefused as exc:
                context["error"] = exc.message
                context["findings"] = exc.findings
                status = 400
            else:
                messages.success(request, _message(sent))
                return redirect("exchange:document", sent.pk)
    return render(request, "exchange/send.html", context, status=status)


def _message(sent: Document) -> str:
    state = sent.tracking.state
    if state == State.DELIVERED:
        return _("The document was delivered.")
    if state == State.QUEUED:
        return _("The document was handed to the access point.")
    return _(
        "The document is in the outbox. The receiver is not on this platform and no "
        "access point is configured, so it waits."
    )
