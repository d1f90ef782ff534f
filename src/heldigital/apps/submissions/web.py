"""Supplier web pages for a tender: prepare (upload files), submit, change, withdraw
and download the signed receipt (PDF, XML).

A thin layer over :mod:`heldigital.apps.submissions.services`, as the REST API is:
the same states and transitions (:mod:`heldigital.apps.submissions.lifecycle`),
sealing, checks and protocol events. Every form names the tender it acts on,
so an action is never carried out on another tender than the one the page
showed (a page left open in another tab gets "reload the page"). A browser sends each file in one
request; the page stores it through the same chunked, encrypting upload path
(large files and resumable uploads are for the API, ``/api/v1/uploads``).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.accounts.models import Organisation
from heldigital.apps.submissions import lifecycle, services
from heldigital.apps.submissions.models import (
    FileKind,
    Receipt,
    Tender,
    TenderFile,
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
    return access.acting_supplier(_principal(request), request.POST.get("supplier") or None)


def _named(request: HttpRequest, procurement: Procurement, supplier: Organisation) -> Tender | None:
    """The tender a form names, if it is one of the supplier's in the procurement."""
    try:
        wanted = uuid.UUID(request.POST.get("tender", ""))
    except ValueError:
        return None
    return Tender.objects.filter(pk=wanted, procurement=procurement, supplier=supplier).first()


def _fail(request: HttpRequest, exc: Exception, field: str = "") -> None:
    """The refusal as error messages (the error summary on top of the next page); ``field``:
    the id of the field the summary links to."""
    if isinstance(exc, services.SubmissionError):
        messages.error(request, exc.message, extra_tags=field)
    elif isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message, extra_tags=field)
    else:
        messages.error(request, str(exc), extra_tags=field)


@login_required
@require_GET
def tender(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    position = services.supplier_tender(procurement, supplier)
    deadline = procurement.tender_deadline
    is_open = deadline is not None and timezone.now() < deadline
    allowed = {a.value for a in position.allowed()} if is_open else set()
    shown = position.submitted or position.withdrawn
    context = {
        "procurement": procurement,
        "supplier": supplier,
        "state": position.state.value,
        "submitted": shown,
        "submitted_files": shown.files.order_by("created_at", "id") if shown else [],
        "receipt": Receipt.objects.filter(tender=shown).first() if shown else None,
        "draft": position.draft,
        "draft_files": position.draft.files.order_by("created_at", "id") if position.draft else [],
        "kinds": FileKind.choices,
        "open": is_open,
        "allowed": allowed,
        "can_upload": is_open and position.state != lifecycle.State.SUBMITTED,
    }
    return render(request, "submissions/tender.html", context)


@login_required
@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    """Add a file to the draft; with nothing yet (or a withdrawn tender) a first draft
    is started. After submitting, files are added only through "Change my tender"."""
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
            extra_tags="id_file",
        )
        return redirect("submissions:tender", reference)
    if uploaded is None or not uploaded.size:
        messages.error(request, _("Choose a file to upload."), extra_tags="id_file")
        return redirect("submissions:tender", reference)
    digest = hashlib.sha256()
    for piece in uploaded.chunks(CHUNK):
        digest.update(piece)
    started = None
    try:
        position = services.supplier_tender(procurement, supplier)
        draft = position.draft
        if draft is None:
            # NONE: a first draft. SUBMITTED: refused ("Change my tender").
            draft = services.start_tender(
                procurement, principal=_principal(request), now=timezone.now()
            )
        now = timezone.now()
        started = services.begin_upload(
            draft,
            principal=_principal(request),
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
                principal=_principal(request),
                offset=offset,
                length=len(piece),
                stream=io.BytesIO(piece),
                now=timezone.now(),
            )
            offset += len(piece)
        services.complete_upload(
            Upload.objects.get(pk=started.pk), principal=_principal(request), now=timezone.now()
        )
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc, "id_file")
        if started is not None:  # nothing half-stored stays in the draft
            upload = Upload.objects.filter(pk=started.pk, status=UploadStatus.RECEIVING).first()
            if upload is not None:
                services.abandon_upload(upload, principal=_principal(request), now=timezone.now())
    else:
        messages.success(
            request, _("%(name)s is stored encrypted in your tender.") % {"name": uploaded.name}
        )
    return redirect("submissions:tender", reference)


def _act(
    request: HttpRequest, reference: str, action: Callable[..., object], done: str
) -> HttpResponse:
    """Carry out one transition on the tender the form names; say what happened."""
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    target = _named(request, procurement, supplier)
    if target is None:
        messages.error(request, _("This tender is not yours or no longer exists; reload the page."))
        return redirect("submissions:tender", reference)
    try:
        # Submit and withdraw read the clock under the chain's lock (the time of
        # receipt); the other transitions take the time the request arrived.
        ordered = action in (services.submit, services.withdraw)
        action(
            target, principal=_principal(request), now=timezone.now if ordered else timezone.now()
        )
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, done)
    return redirect("submissions:tender", reference)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    """GET: ask for confirmation, with the files and the deadline (works without script);
    POST: submit."""
    if request.method == "GET":
        procurement = access.public_procurement(reference)
        supplier = access.acting_supplier(_principal(request))
        try:
            wanted = uuid.UUID(request.GET.get("tender", ""))
        except ValueError:
            wanted = None
        target = Tender.objects.filter(
            pk=wanted, procurement=procurement, supplier=supplier
        ).first()
        if target is None:
            messages.error(
                request, _("This tender is not yours or no longer exists; reload the page.")
            )
            return redirect("submissions:tender", reference)
        position = services.supplier_tender(procurement, supplier)
        return render(
            request,
            "submissions/confirm_submit.html",
            {
                "procurement": procurement,
                "tender": target,
                "files": target.files.order_by("created_at", "id"),
                "replaces": position.submitted,
            },
        )
    return _act(
        request,
        reference,
        services.submit,
        _("Your tender is submitted. Download the receipt below."),
    )


@login_required
@require_POST
def change(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        services.change_tender,
        _(
            "A change of your tender has started with its files. Your submitted tender stays "
            "valid until you submit the changed one."
        ),
    )


@login_required
@require_POST
def discard(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(request, reference, services.discard_draft, _("The draft is discarded."))


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    """GET: ask for confirmation (works without script); POST: withdraw."""
    if request.method == "POST":
        return _act(request, reference, services.withdraw, _("Your tender is withdrawn."))
    procurement = access.public_procurement(reference)
    supplier = access.acting_supplier(_principal(request))
    try:
        wanted = uuid.UUID(request.GET.get("tender", ""))
    except ValueError:
        wanted = None
    target = Tender.objects.filter(pk=wanted, procurement=procurement, supplier=supplier).first()
    if target is None:
        messages.error(request, _("This tender is not yours or no longer exists; reload the page."))
        return redirect("submissions:tender", reference)
    position = services.supplier_tender(procurement, supplier)
    return render(
        request,
        "submissions/confirm_withdraw.html",
        {"procurement": procurement, "tender": target, "draft": position.draft},
    )


@login_required
@require_POST
def remove_file(request: HttpRequest, reference: str, file_id: uuid.UUID) -> HttpResponse:
    procurement = access.public_procurement(reference)
    supplier = _supplier(request)
    tender_file = TenderFile.objects.filter(
        pk=file_id, tender__procurement=procurement, tender__supplier=supplier
    ).first()
    if tender_file is None:
        raise Http404(_("There is no such file."))
    try:
        services.remove_file(tender_file, principal=_principal(request), now=timezone.now())
    except (services.SubmissionError, ValidationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(
            request, _("%(name)s is removed from the draft.") % {"name": tender_file.name}
        )
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
