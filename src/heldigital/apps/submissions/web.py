"""Supplier web pages for a tender: prepare (upload files), submit, withdraw and
download the signed receipt (PDF, XML).

A thin layer over :mod:`heldigital.apps.submissions.services`, as the REST API is:
the same sealing, checks and protocol events. A browser sends each file in one
request; the page stores it through the same chunked, encrypting upload path
(large files and resumable uploads are for the API, ``/api/v1/uploads``).
"""

from __future__ import annotations

import hashlib
import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.submissions import services
from heldigital.apps.submissions.models import (
    FileKind,
    Receipt,
    Tender,
    TenderStatus,
    Upload,
    UploadStatus,
)
from heldigital.apps.submissions.receipts import receipt_pdf
from heldigital.apps.tendering import access
from heldigital.apps.tendering.models import Procurement
from heldigital.platform import uploads

#: Bytes per stored chunk when a browser upload is sealed.
CHUNK = 4 << 20


def _supplier(request: HttpRequest) -> Organisation:
    principal = Principal(user=request.user, via="session")  # type: ignore[arg-type]
    return access.acting_supplier(principal, request.POST.get("supplier") or None)


def _current(procurement: Procurement, supplier: Organisation) -> Tender | None:
    """The draft being prepared, else the latest tender of the supplier."""
    tenders = Tender.objects.filter(procurement=procurement, supplier=supplier)
    return (
        tenders.filter(status=TenderStatus.DRAFT).first() or tenders.order_by("-created_at").first()
    )


def _draft(procurement: Procurement, supplier: Organisation, request: HttpRequest) -> Tender:
    tender = _current(procurement, supplier)
    if tender is not None and tender.status == TenderStatus.DRAFT:
        return tender
    return services.start_tender(
        procurement, supplier=supplier, user=request.user, now=timezone.now()
    )


def _fail(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, services.SubmissionError):
        messages.error(request, exc.message)
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc))


@login_required
@require_GET
def tender(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    current = _current(procurement, supplier)
    deadline = procurement.tender_deadline
    context = {
        "procurement": procurement,
        "supplier": supplier,
        "tender": current,
        "files": current.files.order_by("created_at", "id") if current else [],
        "receipt": Receipt.objects.filter(tender=current).first() if current else None,
        "kinds": FileKind.choices,
        "open": deadline is not None and timezone.now() < deadline,
    }
    return render(request, "submissions/tender.html", context)


@login_required
@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    uploaded = request.FILES.get("file")
    kind = request.POST.get("kind", FileKind.ATTACHMENT)
    if getattr(request, "upload_refused", False):
        messages.error(
            request,
            _(
                "Files over %(size)s MB cannot be sent from the browser; use the resumable "
                "upload of the API (/api/v1)."
            )
            % {"size": uploads.max_bytes() // (1024 * 1024)},
        )
        return redirect("submissions:tender", reference)
    if uploaded is None or not uploaded.size:
        messages.error(request, _("Choose a file to upload."))
        return redirect("submissions:tender", reference)
    digest = hashlib.sha256()
    for piece in uploaded.chunks(CHUNK):
        digest.update(piece)
    started = None
    try:
        draft = _draft(procurement, supplier, request)
        now = timezone.now()
        started = services.begin_upload(
            draft,
            user=request.user,
            kind=kind,
            name=uploaded.name or "file",
            size=uploaded.size,
            sha256=digest.hexdigest(),
            content_type=uploaded.content_type or "application/octet-stream",
            now=now,
        )
        offset = 0
        uploaded.seek(0)
        # ESPD responses and tender catalogues are checked whole before sealing.
        size = CHUNK if kind == FileKind.ATTACHMENT else max(uploaded.size, 1)
        for piece in uploaded.chunks(size):
            services.upload_chunk(
                Upload.objects.get(pk=started.pk),
                user=request.user,
                offset=offset,
                length=len(piece),
                stream=io.BytesIO(piece),
                now=timezone.now(),
            )
            offset += len(piece)
        services.complete_upload(
            Upload.objects.get(pk=started.pk), user=request.user, now=timezone.now()
        )
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
        if started is not None:  # nothing half-stored stays in the draft
            upload = Upload.objects.filter(pk=started.pk, status=UploadStatus.RECEIVING).first()
            if upload is not None:
                services.abandon_upload(upload, user=request.user, now=timezone.now())
    else:
        messages.success(
            request, _("%(name)s is stored encrypted in your tender.") % {"name": uploaded.name}
        )
    return redirect("submissions:tender", reference)


@login_required
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    current = _current(procurement, supplier)
    if current is None or current.status != TenderStatus.DRAFT:
        messages.error(request, _("There is no draft tender to submit."))
        return redirect("submissions:tender", reference)
    try:
        services.submit(current, user=request.user, now=timezone.now())
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your tender is submitted. Download the receipt below."))
    return redirect("submissions:tender", reference)


@login_required
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    current = _current(procurement, supplier)
    if current is None:
        raise Http404(_("There is no such tender."))
    try:
        services.withdraw(current, user=request.user, now=timezone.now())
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Your tender is withdrawn."))
    return redirect("submissions:tender", reference)


def _own_receipt(request: HttpRequest, tender_id: uuid.UUID) -> Receipt:
    supplier = _supplier(request)
    receipt = (
        Receipt.objects.select_related("tender")
        .filter(tender_id=tender_id, tender__supplier=supplier)
        .first()
    )
    if receipt is None:
        raise Http404(_("There is no such receipt."))
    return receipt


@login_required
@require_GET
def receipt_download(request: HttpRequest, tender_id: uuid.UUID, fmt: str) -> HttpResponse:
    receipt = _own_receipt(request, tender_id)
    if fmt == "pdf":
        response = HttpResponse(receipt_pdf(bytes(receipt.xml)), content_type="application/pdf")
    else:
        response = HttpResponse(bytes(receipt.xml), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="receipt-{tender_id}.{fmt}"'
    return response
