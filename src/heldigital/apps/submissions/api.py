"""The tender API (``/api/v1``): sealed submission for suppliers, opening for buyers.

Suppliers::

    GET    /procurements/{reference}/my-tender       your state there and the tenders behind it
    POST   /procurements/{reference}/tenders         start a first (draft) tender
    GET    /tenders                                  own tenders;  GET /tenders/{id}
    POST   /tenders/{id}/change                      change a submitted tender: a new draft with
                                                     its files; the submitted one stays valid
                                                     until the changed one is submitted
    POST   /tenders/{id}/discard                     discard a draft (a first draft or a change)
    DELETE /tenders/{id}/files/{file id}             remove a file from a draft
    POST   /tenders/{id}/files                       announce a file (name, size, sha256, type)
    GET    /uploads/{id}                             how much has arrived: the next offset
    PUT    /uploads/{id}?offset=N                    one chunk, raw bytes (PATCH works too)
    POST   /uploads/{id}/complete                    check size and SHA-256
    DELETE /uploads/{id}                             discard a file of a draft
    POST   /tenders/{id}/submit                      submit; answers with the receipt
    POST   /tenders/{id}/withdraw                    withdraw the submitted tender (and any
                                                     change being prepared) before the deadline
    GET    /tenders/{id}/receipt(.xml|.pdf)          the signed receipt

Buyers (the procurement's organisation)::

    GET    /procurements/{reference}/tenders         after opening; before it nothing at all
    POST   /procurements/{reference}/opening         an opener acts (two above the EEA threshold)
    GET    /procurements/{reference}/opening-record  the opening record
    GET    /procurements/{reference}/tenders/{id}/files/{file id}   content, after opening

The states and transitions of a supplier's tender are those of
:mod:`heldigital.apps.submissions.lifecycle`, as on the web page; an action the
state does not allow answers 409 with the ``state``.

Errors are RFC 9457 problem details; a wrong chunk offset answers 409 with
an ``offset`` member, a late request 409 with ``deadline`` and
``server_time``. Supplier A never learns anything of supplier B's tenders:
other suppliers' tenders answer 404 exactly as non-existent ones do.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from heldigital.apps.accounts.access import PROTOCOL_READER_ROLES, Principal
from heldigital.apps.accounts.access import api_principal as _principal
from heldigital.apps.accounts.models import Organisation, Role
from heldigital.apps.inputs import PositiveInt64, Text
from heldigital.apps.submissions import conf, services
from heldigital.apps.submissions.models import (
    OpeningRecord,
    Receipt,
    Tender,
    TenderFile,
    TenderStatus,
    Upload,
)
from heldigital.apps.submissions.receipts import opening_record_pdf, receipt_pdf
from heldigital.apps.tendering import access
from heldigital.apps.tendering.models import Procurement
from heldigital.ledger import format_time
from heldigital.platform.problems import problem_response

router = Router(tags=["tenders"])

#: The clock of the API (tests set the time here). Services that append to the
#: protocol get the clock itself and read it under the chain's lock; the others
#: get the time read when the request arrived.
clock = timezone.now


def _error(request: HttpRequest, exc: services.SubmissionError) -> JsonResponse:
    extensions = {
        k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in exc.details.items()
    }
    return problem_response(request, exc.status, exc.message, **extensions)


# --- schemas ----------------------------------------------------------------------------


class FileIn(Schema):
    kind: Literal["espd-response", "tender-catalogue", "attachment"]
    name: Text(160)
    size: PositiveInt64
    sha256: Text(64)
    content_type: Text(100)


class UploadOut(Schema):
    id: uuid.UUID
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str
    offset: int
    status: str


class FileOut(Schema):
    id: uuid.UUID
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str


class TenderOut(Schema):
    id: uuid.UUID
    procurement: str
    supplier_orgnr: str
    status: str
    created_at: datetime
    submitted_at: datetime | None
    withdrawn_at: datetime | None
    replaces: uuid.UUID | None
    files: list[FileOut]
    uploads: list[UploadOut]
    receipt: str | None


class MyTenderOut(Schema):
    procurement: str
    state: Literal["none", "draft", "submitted", "changing"]
    allowed: list[str]
    submitted: TenderOut | None
    draft: TenderOut | None
    withdrawn: TenderOut | None


class ProtocolEventRef(Schema):
    """The receipt's own ``tender.submitted`` event: the protocol chain head it extends."""

    ledger_id: str
    sequence: int
    hash: str


class ReceiptOut(Schema):
    tender: uuid.UUID
    issued_at: datetime
    #: Exactly as on the signed receipt and in the protocol (UTC, microseconds);
    #: the JSON encoder would cut datetimes to milliseconds.
    time_of_receipt: str = Field(json_schema_extra={"format": "date-time"})
    key_fingerprint: str
    signature: str
    xml: str
    pdf: str
    #: As inside the signed XML; ``null`` on receipts issued before receipts carried it.
    protocol_event: ProtocolEventRef | None


class OverviewTender(Schema):
    tender: uuid.UUID
    received_at: datetime
    supplier: str | None = None
    supplier_orgnr: str | None = None
    files: list[FileOut] | None = None


class OverviewOut(Schema):
    """Before opening ``count`` is null and the lists are empty: nothing about the
    tenders - not even how many there are - is shown before they are opened."""

    procurement: str
    deadline: datetime | None
    opened: bool
    count: int | None
    received_at: list[datetime]
    tenders: list[OverviewTender]


class OpeningOut(Schema):
    status: Literal["waiting", "opened"]
    openers: int
    required_openers: int
    opening_record: str | None


class PlatformKeyOut(Schema):
    algorithm: str
    public_key: str
    fingerprint: str


# --- lookups ----------------------------------------------------------------------------


def _supplier_for(principal: Principal, orgnr: str | None) -> Organisation:
    """The supplier the principal acts for (``orgnr``, if given, must name it)."""
    return access.acting_supplier(principal, orgnr.replace(" ", "") if orgnr else None)


def _tender(principal: Principal, tender_id: uuid.UUID) -> Tender:
    """A tender of the supplier the principal acts for as a supplier user; else 404."""
    tender = (
        Tender.objects.select_related("procurement", "procurement__buyer", "supplier")
        .filter(pk=tender_id)
        .first()
    )
    if tender is None or not principal.is_supplier_user(tender.supplier):
        raise Http404(_("There is no such tender."))
    return tender


def _upload(principal: Principal, upload_id: uuid.UUID, *, chunks: bool = False) -> Upload:
    """An upload of a tender of the supplier the principal acts for; else 404.

    One query, with what the services need (with ``chunks``, the number of
    chunks received so far, as ``chunk_count``).
    """
    rows = Upload.objects.select_related(
        "tender",
        "tender__procurement",
        "tender__procurement__buyer",
        "tender__procurement__opening_key",
        "tender__supplier",
    )
    if chunks:
        rows = rows.annotate(chunk_count=services.chunk_count())
    upload = rows.filter(pk=upload_id).first()
    if upload is None:
        raise Http404(_("There is no such upload."))
    if not principal.is_supplier_user(upload.tender.supplier):
        raise Http404(_("There is no such tender."))
    return upload


def _procurement(reference: str) -> Procurement:
    procurement = Procurement.objects.select_related("buyer").filter(reference=reference).first()
    if procurement is None:
        raise Http404(_("There is no procurement %(ref)s.") % {"ref": reference})
    return procurement


def _acts_for_buyer(principal: Principal, procurement: Procurement) -> bool:
    """Whether the principal acts for the buyer in a buyer role (or as its auditor)."""
    return principal.has_role(procurement.buyer, PROTOCOL_READER_ROLES)


def _upload_out(upload: Upload) -> UploadOut:
    return UploadOut(
        id=upload.id,
        kind=upload.kind,
        name=upload.name,
        content_type=upload.sniffed_type or upload.content_type,
        size=upload.declared_size,
        sha256=upload.declared_sha256,
        offset=upload.received,
        status=upload.status,
    )


def _file_out(tender_file: TenderFile) -> FileOut:
    return FileOut(
        id=tender_file.id,
        kind=tender_file.kind,
        name=tender_file.name,
        content_type=tender_file.content_type,
        size=tender_file.size,
        sha256=tender_file.sha256,
    )


def _tender_out(tender: Tender, *, new: bool = False) -> TenderOut:
    """The tender as the API shows it (``new``: just created, so it has no files,
    uploads or receipt yet - three queries fewer)."""
    if new:
        return TenderOut(
            id=tender.id,
            procurement=tender.procurement.reference,
            supplier_orgnr=tender.supplier.orgnr,
            status=tender.status,
            created_at=tender.created_at,
            submitted_at=tender.submitted_at,
            withdrawn_at=tender.withdrawn_at,
            replaces=tender.replaces_id,
            files=[],
            uploads=[],
            receipt=None,
        )
    has_receipt = Receipt.objects.filter(tender=tender).exists()
    return TenderOut(
        id=tender.id,
        procurement=tender.procurement.reference,
        supplier_orgnr=tender.supplier.orgnr,
        status=tender.status,
        created_at=tender.created_at,
        submitted_at=tender.submitted_at,
        withdrawn_at=tender.withdrawn_at,
        replaces=tender.replaces_id,
        files=[_file_out(f) for f in tender.files.order_by("created_at", "id")],
        uploads=[_upload_out(u) for u in tender.uploads.order_by("created_at", "id")],
        receipt=f"/api/v1/tenders/{tender.id}/receipt" if has_receipt else None,
    )


def _receipt_out(receipt: Receipt) -> ReceiptOut:
    import base64

    tender = receipt.tender
    assert tender.submitted_at is not None
    return ReceiptOut(
        tender=tender.id,
        issued_at=receipt.issued_at,
        time_of_receipt=format_time(tender.submitted_at),
        key_fingerprint=receipt.key_fingerprint,
        signature=base64.b64encode(bytes(receipt.signature)).decode("ascii"),
        xml=f"/api/v1/tenders/{tender.id}/receipt.xml",
        pdf=f"/api/v1/tenders/{tender.id}/receipt.pdf",
        protocol_event=(
            ProtocolEventRef(
                ledger_id=receipt.ledger_id,
                sequence=receipt.ledger_sequence,
                hash=receipt.ledger_hash,
            )
            if receipt.ledger_sequence is not None
            else None
        ),
    )


# --- supplier endpoints -----------------------------------------------------------------


@router.post(
    "/procurements/{reference}/tenders",
    response={201: TenderOut},
    summary="Start a tender (draft)",
)
def start_tender(request: HttpRequest, reference: str, supplier_orgnr: str | None = None) -> Any:
    """A new draft for your supplier (``supplier_orgnr`` if you act for several)."""
    principal = _principal(request)
    procurement = _procurement(reference)
    if procurement.published_at is None:
        raise Http404(_("There is no procurement %(ref)s.") % {"ref": reference})
    _supplier_for(principal, supplier_orgnr)
    try:
        tender = services.start_tender(procurement, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return Status(201, _tender_out(tender, new=True))


@router.get(
    "/procurements/{reference}/my-tender",
    response=MyTenderOut,
    summary="Your tender's state in a procurement",
)
def my_tender(request: HttpRequest, reference: str, supplier_orgnr: str | None = None) -> Any:
    """The state (none, draft, submitted, changing), the actions it allows before the
    deadline, and the tenders behind it (``withdrawn``: the last withdrawn tender, when
    nothing else counts)."""
    principal = _principal(request)
    procurement = _procurement(reference)
    if procurement.published_at is None:
        raise Http404(_("There is no procurement %(ref)s.") % {"ref": reference})
    supplier = _supplier_for(principal, supplier_orgnr)
    position = services.supplier_tender(procurement, supplier)
    return MyTenderOut(
        procurement=procurement.reference,
        state=position.state.value,
        allowed=[a.value for a in position.allowed()],
        submitted=_tender_out(position.submitted) if position.submitted else None,
        draft=_tender_out(position.draft) if position.draft else None,
        withdrawn=_tender_out(position.withdrawn) if position.withdrawn else None,
    )


@router.post(
    "/tenders/{tender_id}/change",
    response={201: TenderOut},
    summary="Change a submitted tender (a new draft with its files)",
)
def change_tender(request: HttpRequest, tender_id: uuid.UUID) -> Any:
    """A new draft that starts with the submitted tender's files. The submitted
    tender stays valid - and is the one opened - until the draft is submitted."""
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    try:
        draft = services.change_tender(tender, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return Status(201, _tender_out(draft))


@router.post("/tenders/{tender_id}/discard", response=TenderOut, summary="Discard a draft")
def discard_draft(request: HttpRequest, tender_id: uuid.UUID) -> Any:
    """Discard a first draft, or a change (the submitted tender stays as it was)."""
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    try:
        tender = services.discard_draft(tender, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return _tender_out(tender)


@router.delete(
    "/tenders/{tender_id}/files/{file_id}",
    response={204: None},
    summary="Remove a file from a draft",
)
def remove_file(request: HttpRequest, tender_id: uuid.UUID, file_id: uuid.UUID) -> Any:
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    tender_file = TenderFile.objects.filter(pk=file_id, tender=tender).first()
    if tender_file is None:
        raise Http404(_("There is no such file."))
    try:
        services.remove_file(tender_file, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return Status(204, None)


@router.get("/tenders", response=list[TenderOut], summary="Your organisation's tenders")
def list_tenders(request: HttpRequest) -> list[TenderOut]:
    principal = _principal(request)
    orgs = [
        org.pk for org, roles in principal.organisations_with_roles() if Role.SUPPLIER_USER in roles
    ]
    tenders = Tender.objects.filter(supplier_id__in=orgs).select_related("procurement", "supplier")
    return [_tender_out(t) for t in tenders.order_by("created_at")]


@router.get("/tenders/{tender_id}", response=TenderOut, summary="One of your tenders")
def get_tender(request: HttpRequest, tender_id: uuid.UUID) -> TenderOut:
    return _tender_out(_tender(_principal(request), tender_id))


@router.post(
    "/tenders/{tender_id}/files", response={201: UploadOut}, summary="Announce a file to upload"
)
def begin_upload(request: HttpRequest, tender_id: uuid.UUID, body: FileIn) -> Any:
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    try:
        upload = services.begin_upload(
            tender,
            principal=principal,
            kind=body.kind,
            name=body.name,
            size=body.size,
            sha256=body.sha256,
            content_type=body.content_type,
            now=clock(),
        )
    except services.SubmissionError as exc:
        return _error(request, exc)
    return Status(201, _upload_out(upload))


@router.get("/uploads/{upload_id}", response=UploadOut, summary="Upload status and next offset")
def upload_status(request: HttpRequest, upload_id: uuid.UUID) -> UploadOut:
    return _upload_out(_upload(_principal(request), upload_id))


def _chunk(request: HttpRequest, upload_id: uuid.UUID, offset: int) -> Any:
    principal = _principal(request)
    upload = _upload(principal, upload_id, chunks=True)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length <= 0:
        return problem_response(request, 411, _("Send the chunk with a Content-Length."))
    try:
        upload = services.upload_chunk(
            upload, principal=principal, offset=offset, length=length, stream=request, now=clock()
        )
    except services.SubmissionError as exc:
        return _error(request, exc)
    return _upload_out(upload)


@router.put(
    "/uploads/{upload_id}",
    response=UploadOut,
    summary="Upload one chunk (raw bytes) at an offset",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            }
        }
    },
)
def put_chunk(request: HttpRequest, upload_id: uuid.UUID, offset: int) -> Any:
    """The request body is the chunk; ``offset`` must be the upload's current offset."""
    return _chunk(request, upload_id, offset)


@router.patch(
    "/uploads/{upload_id}",
    response=UploadOut,
    summary="Upload one chunk (PATCH)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            }
        }
    },
)
def patch_chunk(request: HttpRequest, upload_id: uuid.UUID, offset: int) -> Any:
    return _chunk(request, upload_id, offset)


@router.post(
    "/uploads/{upload_id}/complete", response=FileOut, summary="Finish an upload (checks SHA-256)"
)
def complete_upload(request: HttpRequest, upload_id: uuid.UUID) -> Any:
    principal = _principal(request)
    upload = _upload(principal, upload_id)
    try:
        tender_file = services.complete_upload(upload, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return _file_out(tender_file)


@router.delete("/uploads/{upload_id}", response={204: None}, summary="Discard an upload")
def discard_upload(request: HttpRequest, upload_id: uuid.UUID) -> Any:
    principal = _principal(request)
    upload = _upload(principal, upload_id)
    try:
        services.abandon_upload(upload, principal=principal, now=clock())
    except services.SubmissionError as exc:
        return _error(request, exc)
    return Status(204, None)


@router.post("/tenders/{tender_id}/submit", response=ReceiptOut, summary="Submit the tender")
def submit(request: HttpRequest, tender_id: uuid.UUID) -> Any:
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    try:
        receipt = services.submit(tender, principal=principal, now=clock)
    except services.SubmissionError as exc:
        return _error(request, exc)
    return _receipt_out(receipt)


@router.post("/tenders/{tender_id}/withdraw", response=TenderOut, summary="Withdraw the tender")
def withdraw(request: HttpRequest, tender_id: uuid.UUID) -> Any:
    principal = _principal(request)
    tender = _tender(principal, tender_id)
    try:
        tender = services.withdraw(tender, principal=principal, now=clock)
    except services.SubmissionError as exc:
        return _error(request, exc)
    return _tender_out(tender)


def _receipt(principal: Principal, tender_id: uuid.UUID) -> Receipt:
    tender = _tender(principal, tender_id)
    receipt = Receipt.objects.select_related("tender").filter(tender=tender).first()
    if receipt is None:
        raise Http404(_("The tender has no receipt (it was not submitted)."))
    return receipt


@router.get("/tenders/{tender_id}/receipt", response=ReceiptOut, summary="The receipt")
def get_receipt(request: HttpRequest, tender_id: uuid.UUID) -> ReceiptOut:
    return _receipt_out(_receipt(_principal(request), tender_id))


@router.get("/tenders/{tender_id}/receipt.xml", summary="The signed receipt (XML)")
def get_receipt_xml(request: HttpRequest, tender_id: uuid.UUID) -> HttpResponse:
    receipt = _receipt(_principal(request), tender_id)
    response = HttpResponse(bytes(receipt.xml), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="receipt-{tender_id}.xml"'
    return response


@router.get("/tenders/{tender_id}/receipt.pdf", summary="The receipt (PDF)")
def get_receipt_pdf(request: HttpRequest, tender_id: uuid.UUID) -> HttpResponse:
    receipt = _receipt(_principal(request), tender_id)
    response = HttpResponse(receipt_pdf(bytes(receipt.xml)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{tender_id}.pdf"'
    return response


@router.get(
    "/receipts/platform-key", response=PlatformKeyOut, summary="The key that signs receipts"
)
def platform_key(request: HttpRequest) -> PlatformKeyOut:
    import base64

    signer = conf.signer()
    return PlatformKeyOut(
        algorithm="Ed25519",
        public_key=base64.b64encode(signer.public_key).decode("ascii"),
        fingerprint=signer.fingerprint,
    )


# --- buyer endpoints --------------------------------------------------------------------


def _buyer_procurement(principal: Principal, reference: str) -> tuple[Procurement, Organisation]:
    """The procurement, for a principal acting for its buyer; 404 for everybody else.

    A role held in another organisation never counts: nothing is recorded
    in the buyer's protocol for callers who do not act for the buyer.
    """
    procurement = _procurement(reference)
    if not _acts_for_buyer(principal, procurement):
        raise Http404(_("There is no procurement %(ref)s.") % {"ref": reference})
    return procurement, procurement.buyer


@router.get(
    "/procurements/{reference}/tenders",
    response=OverviewOut,
    summary="Tenders received (after opening; before it nothing)",
)
def tender_overview(request: HttpRequest, reference: str) -> OverviewOut:
    procurement, _org = _buyer_procurement(_principal(request), reference)
    if not services.is_opened(procurement):
        # Sealed: not the number of tenders, their times or anything derived from them.
        return OverviewOut(
            procurement=procurement.reference,
            deadline=procurement.tender_deadline,
            opened=False,
            count=None,
            received_at=[],
            tenders=[],
        )
    tenders = list(
        Tender.objects.filter(procurement=procurement, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
        .order_by("submitted_at")
    )
    items = []
    for tender in tenders:
        assert tender.submitted_at is not None
        items.append(
            OverviewTender(
                tender=tender.id,
                received_at=tender.submitted_at,
                supplier=tender.supplier.name,
                supplier_orgnr=tender.supplier.orgnr,
                files=[_file_out(f) for f in tender.files.order_by("created_at", "id")],
            )
        )
    return OverviewOut(
        procurement=procurement.reference,
        deadline=procurement.tender_deadline,
        opened=True,
        count=len(tenders),
        received_at=sorted(t.submitted_at for t in tenders if t.submitted_at is not None),
        tenders=items,
    )


@router.post("/procurements/{reference}/opening", response=OpeningOut, summary="Open the tenders")
def open_tenders(request: HttpRequest, reference: str) -> Any:
    principal = _principal(request)
    procurement, _org = _buyer_procurement(principal, reference)
    try:
        outcome = services.open_tenders(procurement, principal=principal, now=clock)
    except services.SubmissionError as exc:
        return _error(request, exc)
    return OpeningOut(
        status=outcome.status,
        openers=outcome.openers,
        required_openers=outcome.required,
        opening_record=(
            f"/api/v1/procurements/{reference}/opening-record" if outcome.record else None
        ),
    )


@router.get("/procurements/{reference}/opening-record", summary="The opening record")
def opening_record(request: HttpRequest, reference: str) -> Any:
    import base64

    procurement, _org = _buyer_procurement(_principal(request), reference)
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    if record is None:
        raise Http404(_("The tenders have not been opened."))
    return {
        **record.content,
        "signature": base64.b64encode(bytes(record.signature)).decode("ascii"),
        "key_fingerprint": record.key_fingerprint,
    }


@router.get("/procurements/{reference}/opening-record.pdf", summary="The opening record (PDF)")
def opening_record_as_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    procurement, _org = _buyer_procurement(_principal(request), reference)
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    if record is None:
        raise Http404(_("The tenders have not been opened."))
    response = HttpResponse(
        opening_record_pdf(record.content, record.key_fingerprint), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"opening-record-{procurement.reference}.pdf"
    )
    return response


@router.get(
    "/procurements/{reference}/tenders/{tender_id}/files/{file_id}",
    summary="A tender file's content (after opening)",
)
def tender_file_content(
    request: HttpRequest, reference: str, tender_id: uuid.UUID, file_id: uuid.UUID
) -> HttpResponse:
    principal = _principal(request)
    procurement, _org = _buyer_procurement(principal, reference)
    tender_file = (
        TenderFile.objects.select_related("tender", "tender__procurement", "upload")
        .filter(pk=file_id, tender_id=tender_id, tender__procurement=procurement)
        .first()
    )
    if tender_file is None:
        raise Http404(_("There is no such file."))
    content = services.read_tender_file(tender_file, principal=principal, now=clock)
    response = StreamingHttpResponse(content, content_type=tender_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, tender_file.name)
    response["Content-Length"] = str(tender_file.size)
    return response
