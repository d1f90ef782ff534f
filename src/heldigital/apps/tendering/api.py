"""Tendering API (``/api/v1``): buyers' and suppliers' own systems.

Buyer side (``/procurements``; buyer administrator or procurement officer
of the buying organisation): create and change a draft, add lots, request
catalogue lines, qualification requirements, award criteria and documents,
publish, read and answer questions, correct, cancel, list.

Supplier side and public (``/notices``): the notice board with search, each
notice with its published answers and corrections, the eForms XML, the
documents and the complete tender package (no authentication needed);
registering interest and asking questions (supplier user); the caller's own
questions and notifications (``/notifications``).

Errors are RFC 9457 problem details: 401/403/404 as usual, 409 when the
procurement's state does not allow the action (e.g. a question after the
deadline: the message states the deadline and the server time), 422 with
``errors`` for invalid input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from functools import wraps
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile
from pydantic import Field

from heldigital.apps.accounts.access import api_principal as _principal
from heldigital.apps.inputs import PositiveInt16, PositiveInt32, Text
from heldigital.apps.tendering import access, artefacts, board, services
from heldigital.apps.tendering.files import MAX_DOCUMENT_BYTES
from heldigital.apps.tendering.models import (
    MAX_CONTRACT_DURATION_MONTHS,
    DocumentVersion,
    Procurement,
    ProcurementStatus,
    Question,
)

router = Router(tags=["tendering"])


# ---------------------------------------------------------------- plumbing


def problems(view: Callable[..., Any]) -> Callable[..., Any]:
    """Turn service errors into problem details: ValidationError 422, StateError 409."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except services.StateError as exc:
            raise HttpError(409, str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError(_errors(exc)) from exc

    return wrapped


def _errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in exc.messages]


# ----------------------------------------------------------------- schemas


class OrganisationRef(Schema):
    orgnr: str
    name: str


class LotOut(Schema):
    number: int
    eforms_id: str
    title: str
    description: str
    estimated_value: Decimal | None


class RequestItemOut(Schema):
    line_id: str
    lot: int | None
    name: str
    description: str
    unit_code: str
    estimated_quantity: Decimal
    cpv_code: str
    properties: list[dict[str, Any]]


class RequirementOut(Schema):
    id: int
    lot: int | None
    criterion_code: str
    kind: str
    description: str
    threshold: Decimal | None
    threshold_unit: str
    years: int | None


class AwardCriterionOut(Schema):
    id: int
    lot: int | None
    name: str
    kind: str
    weight: Decimal
    max_points: Decimal
    description: str


class DocumentVersionOut(Schema):
    number: int
    filename: str
    sha256: str
    size: int
    content_type: str
    uploaded_at: datetime
    procurement_version: int
    url: str


class ProcurementDocumentOut(Schema):
    id: int
    title: str
    versions: list[DocumentVersionOut]


class ProcurementOut(Schema):
    id: str
    reference: str
    title: str
    description: str
    buyer: OrganisationRef
    cpv_codes: list[str]
    estimated_value: Decimal
    currency: str
    contract_kind: str
    authority_kind: str
    regime: str
    procedure: str
    procedure_justification: str
    place_of_performance: str
    contract_duration_months: int | None
    review_body_name: str
    review_body_orgnr: str
    review_body_town: str
    review_body_postal_code: str
    review_body_nuts: str
    buyer_nuts: str
    contact_telephone: str
    notice_language: str
    translations: dict[str, str]
    minimum_candidates: int | None
    successive_reduction: bool
    award_without_negotiation: bool
    questions_deadline: datetime | None
    request_deadline: datetime | None
    tender_deadline: datetime | None
    tender_validity_until: datetime | None
    award_method: str
    price_formula: str
    status: str
    version: int
    created_at: datetime
    published_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str
    lots: list[LotOut]
    request_items: list[RequestItemOut]
    requirements: list[RequirementOut]
    award_criteria: list[AwardCriterionOut]
    documents: list[ProcurementDocumentOut]


class ProcurementSummary(Schema):
    reference: str
    title: str
    buyer: OrganisationRef
    cpv_codes: list[str]
    procedure: str
    status: str
    tender_deadline: datetime | None
    published_at: datetime | None


class ProcurementIn(Schema):
    """Fields of a draft; on update give only what changes. Times need a UTC offset."""

    title: Text(300) | None = None
    description: Text() | None = None
    cpv_codes: list[Text(20)] | None = Field(None, max_length=100)
    estimated_value: Decimal | None = None
    contract_kind: Literal["goods", "services", "works"] | None = None
    authority_kind: Literal["state", "other"] | None = None
    procedure: Literal["open", "restricted", "negotiation", "national"] | None = None
    procedure_justification: Text() | None = None
    place_of_performance: Text(5) | None = None
    contract_duration_months: int | None = Field(None, ge=1, le=MAX_CONTRACT_DURATION_MONTHS)
    review_body_name: Text(200) | None = None
    review_body_orgnr: Text(20) | None = None
    review_body_town: Text(100) | None = None
    review_body_postal_code: Text(10) | None = None
    review_body_nuts: Text(5) | None = None
    buyer_nuts: Text(5) | None = None
    contact_telephone: Text(30) | None = None
    notice_language: Literal["nb", "en", "both"] | None = None
    #: With ``notice_language`` "both": each Norwegian text of the procurement (title,
    #: description, lots, criteria, requirements) -> its English; replaces the whole table.
    translations: dict[Text(), Text()] | None = Field(None, max_length=500)
    minimum_candidates: int | None = Field(None, ge=1, le=1000)
    successive_reduction: bool | None = None
    award_without_negotiation: bool | None = None
    questions_deadline: datetime | None = None
    request_deadline: datetime | None = None
    tender_deadline: datetime | None = None
    tender_validity_until: datetime | None = None
    award_method: Literal["lowest_price", "lowest_cost", "best_price_quality"] | None = None
    price_formula: Literal["proportional", "linear"] | None = None


class LotIn(Schema):
    title: Text(300)
    description: Text() = ""
    estimated_value: Decimal | None = None


class PropertyIn(Schema):
    name: Text(200)
    value: Text(1000) = ""
    required: bool = True


class RequestItemIn(Schema):
    line_id: Text(35)
    name: Text(200)
    unit_code: Text(3)
    estimated_quantity: Decimal
    description: Text() = ""
    lot: PositiveInt32 | None = None
    cpv_code: Text(10) = ""
    properties: list[PropertyIn] = Field([], max_length=100)


class RequirementIn(Schema):
    """An ESPD criterion by its code (``gen-year-to``, ``crime-org`` ...); the kind
    follows from the criterion. Turnover thresholds apply over ``years`` (default 3)."""

    criterion_code: Text(200)
    kind: (
        Literal["exclusion", "suitability", "economic_financial", "technical_professional"] | None
    ) = None
    description: Text() = ""
    threshold: Decimal | None = None
    threshold_unit: Text(10) = ""
    years: PositiveInt16 | None = None
    lot: PositiveInt32 | None = None


class AwardCriterionIn(Schema):
    name: Text(200)
    kind: Literal["price", "cost", "quality", "environment"]
    weight: Decimal
    max_points: Decimal = Decimal("10")
    description: Text() = ""
    lot: PositiveInt32 | None = None


class NoticeOut(Schema):
    kind: str
    subtype: str
    notice_id: str
    notice_version: str
    procurement_version: int
    published_at: datetime
    has_xml: bool


class CorrectionOut(Schema):
    version: int
    summary: str
    changes: dict[str, Any]
    created_at: datetime


class PublishedQuestionOut(Schema):
    number: int
    question: str
    answer: str
    answered_at: datetime | None


class PublicNoticeOut(ProcurementOut):
    notices: list[NoticeOut]
    corrections: list[CorrectionOut]
    questions: list[PublishedQuestionOut]
    package_url: str


class QuestionOut(Schema):
    """A question as its asker or the buyer sees it."""

    number: int
    text: str
    asked_at: datetime
    published: bool
    published_question: str
    answer: str
    answered_at: datetime | None


class BuyerQuestionOut(QuestionOut):
    supplier: OrganisationRef


class QuestionIn(Schema):
    text: Text()
    supplier_orgnr: Text(20) | None = None


class AnswerIn(Schema):
    answer: Text()
    published_question: Text() | None = None


class CorrectionIn(Schema):
    summary: Text()
    questions_deadline: datetime | None = None
    request_deadline: datetime | None = None
    tender_deadline: datetime | None = None
    tender_validity_until: datetime | None = None
    description: Text() | None = None
    contact_telephone: Text(30) | None = None
    buyer_nuts: Text(5) | None = None
    review_body_postal_code: Text(10) | None = None
    review_body_nuts: Text(5) | None = None


class CancelIn(Schema):
    reason: Text()


class InterestIn(Schema):
    supplier_orgnr: Text(20) | None = None


class InterestOut(Schema):
    procurement: str
    supplier: OrganisationRef
    registered_at: datetime


class NotificationOut(Schema):
    id: int
    procurement: str | None
    kind: str
    subject: str
    body: str
    created_at: datetime
    read_at: datetime | None


# ------------------------------------------------------------- converters


def _org(org: Any) -> OrganisationRef:
    return OrganisationRef(orgnr=org.orgnr, name=org.name)


def _version_url(version: DocumentVersion, public: bool) -> str:
    procurement = version.document.procurement
    base = (
        f"/api/v1/notices/{procurement.reference}"
        if public
        else f"/api/v1/procurements/{procurement.reference}"
    )
    return f"{base}/documents/{version.document_id}/versions/{version.number}"


def _procurement_fields(procurement: Procurement, *, public: bool) -> dict[str, Any]:
    now = timezone.now()
    return {
        "id": str(procurement.id),
        "reference": procurement.reference,
        "title": procurement.title,
        "description": procurement.description,
        "buyer": _org(procurement.buyer),
        "cpv_codes": procurement.cpv_codes,
        "estimated_value": procurement.estimated_value,
        "currency": procurement.currency,
        "contract_kind": procurement.contract_kind,
        "authority_kind": procurement.authority_kind,
        "regime": procurement.regime,
        "procedure": procurement.procedure,
        "procedure_justification": procurement.procedure_justification,
        "place_of_performance": procurement.place_of_performance,
        "contract_duration_months": procurement.contract_duration_months,
        "review_body_name": procurement.review_body_name,
        "review_body_orgnr": procurement.review_body_orgnr,
        "review_body_town": procurement.review_body_town,
        **{name: getattr(procurement, name) for name in services.NOTICE_FIELDS},
        "questions_deadline": procurement.questions_deadline,
        "request_deadline": procurement.request_deadline,
        "tender_deadline": procurement.tender_deadline,
        "tender_validity_until": procurement.tender_validity_until,
        "award_method": procurement.award_method,
        "price_formula": procurement.price_formula,
        "status": procurement.effective_status(now),
        "version": procurement.version,
        "created_at": procurement.created_at,
        "published_at": procurement.published_at,
        "cancelled_at": procurement.cancelled_at,
        "cancel_reason": procurement.cancel_reason,
        "lots": [
            LotOut(
                number=lot.number,
                eforms_id=lot.eforms_id,
                title=lot.title,
                description=lot.description,
                estimated_value=lot.estimated_value,
            )
            for lot in procurement.lots.all()
        ],
        "request_items": [
            RequestItemOut(
                line_id=item.line_id,
                lot=item.lot.number if item.lot else None,
                name=item.name,
                description=item.description,
                unit_code=item.unit_code,
                estimated_quantity=item.estimated_quantity,
                cpv_code=item.cpv_code,
                properties=item.properties,
            )
            for item in procurement.request_items.select_related("lot")
        ],
        "requirements": [
            RequirementOut(
                id=req.pk,
                lot=req.lot.number if req.lot else None,
                criterion_code=req.criterion_code,
                kind=req.kind,
                description=req.description,
                threshold=req.threshold,
                threshold_unit=req.threshold_unit,
                years=req.years,
            )
            for req in procurement.requirements.select_related("lot")
        ],
        "award_criteria": [
            AwardCriterionOut(
                id=c.pk,
                lot=c.lot.number if c.lot else None,
                name=c.name,
                kind=c.kind,
                weight=c.weight,
                max_points=c.max_points,
                description=c.description,
            )
            for c in procurement.award_criteria.select_related("lot")
        ],
        "documents": [
            ProcurementDocumentOut(
                id=doc.pk,
                title=doc.title,
                versions=[
                    DocumentVersionOut(
                        number=v.number,
                        filename=v.filename,
                        sha256=v.sha256,
                        size=v.size,
                        content_type=v.content_type,
                        uploaded_at=v.uploaded_at,
                        procurement_version=v.procurement_version,
                        url=_version_url(v, public),
                    )
                    for v in doc.versions.order_by("number")
                ],
            )
            for doc in procurement.documents.all()
        ],
    }


def _procurement_out(procurement: Procurement) -> ProcurementOut:
    return ProcurementOut(**_procurement_fields(procurement, public=False))


def _summary(procurement: Procurement) -> ProcurementSummary:
    return ProcurementSummary(
        reference=procurement.reference,
        title=procurement.title,
        buyer=_org(procurement.buyer),
        cpv_codes=procurement.cpv_codes,
        procedure=procurement.procedure,
        status=procurement.effective_status(timezone.now()),
        tender_deadline=procurement.tender_deadline,
        published_at=procurement.published_at,
    )


def _question_out(question: Question) -> QuestionOut:
    return QuestionOut(
        number=question.number,
        text=question.text,
        asked_at=question.asked_at,
        published=question.published,
        published_question=question.published_question,
        answer=question.answer,
        answered_at=question.answered_at,
    )


def _file_response(version: DocumentVersion) -> FileResponse:
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )
    response["X-Content-SHA256"] = version.sha256
    return response


def _version(procurement: Procurement, document_id: int, number: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(document__procurement=procurement, document_id=document_id, number=number)
        .first()
    )
    if version is None:
        raise Http404(_("There is no such document version."))
    return version


# ----------------------------------------------------------- buyer side


@router.get("/procurements", response=list[ProcurementSummary], summary="The buyer's procurements")
def list_procurements(request: HttpRequest) -> list[ProcurementSummary]:
    """Procurements of the public bodies in which the caller holds a buyer or auditor role."""
    organisations = access.buyer_reader_organisations(_principal(request))
    queryset = Procurement.objects.filter(buyer__in=organisations).select_related("buyer")
    return [_summary(p) for p in queryset.order_by("-created_at")]


@router.post(
    "/procurements",
    response={201: ProcurementOut},
    summary="Create a draft procurement",
)
@problems
def create_procurement(
    request: HttpRequest, payload: ProcurementIn, buyer_orgnr: str | None = None
) -> Status[ProcurementOut]:
    """Create a draft for the caller's public body (``buyer_orgnr`` when it has several).

    The regime (thresholds in force today) is computed; procedures not
    allowed for it and time limits shorter than the law allows are refused
    with one error per problem.
    """
    principal = _principal(request)
    organisations = access.managed_organisations(principal)
    if buyer_orgnr:
        organisations = [org for org in organisations if org.orgnr == buyer_orgnr]
    if len(organisations) != 1:
        raise HttpError(
            403,
            _("Only a procurement officer or buyer administrator may create a procurement")
            + (_("; name the buyer with buyer_orgnr.") if len(organisations) > 1 else "."),
        )
    procurement = services.create_draft(
        principal=principal, data=payload.model_dump(exclude_unset=True), now=timezone.now()
    )
    return Status(201, _procurement_out(procurement))


@router.get("/procurements/{reference}", response=ProcurementOut, summary="One procurement (buyer)")
def get_procurement(request: HttpRequest, reference: str) -> ProcurementOut:
    return _procurement_out(access.buyer_procurement(_principal(request), reference, manage=False))


@router.patch("/procurements/{reference}", response=ProcurementOut, summary="Change a draft")
@problems
def update_procurement(
    request: HttpRequest, reference: str, payload: ProcurementIn
) -> ProcurementOut:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    procurement = services.update_draft(
        procurement,
        principal=principal,
        data=payload.model_dump(exclude_unset=True),
        now=timezone.now,
    )
    return _procurement_out(procurement)


@router.post("/procurements/{reference}/lots", response={201: LotOut}, summary="Add a lot")
@problems
def add_lot(request: HttpRequest, reference: str, payload: LotIn) -> Status[LotOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    lot = services.add_lot(
        procurement, principal=principal, now=timezone.now, **payload.model_dump()
    )
    return Status(
        201,
        LotOut(
            number=lot.number,
            eforms_id=lot.eforms_id,
            title=lot.title,
            description=lot.description,
            estimated_value=lot.estimated_value,
        ),
    )


@router.post(
    "/procurements/{reference}/request-items",
    response={201: RequestItemOut},
    summary="Add a request catalogue line",
)
@problems
def add_request_item(
    request: HttpRequest, reference: str, payload: RequestItemIn
) -> Status[RequestItemOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    data = payload.model_dump()
    item = services.add_request_item(procurement, principal=principal, now=timezone.now, **data)
    return Status(
        201,
        RequestItemOut(
            line_id=item.line_id,
            lot=item.lot.number if item.lot else None,
            name=item.name,
            description=item.description,
            unit_code=item.unit_code,
            estimated_quantity=item.estimated_quantity,
            cpv_code=item.cpv_code,
            properties=item.properties,
        ),
    )


@router.post(
    "/procurements/{reference}/requirements",
    response={201: RequirementOut},
    summary="Add a qualification requirement (ESPD criterion)",
)
@problems
def add_requirement(
    request: HttpRequest, reference: str, payload: RequirementIn
) -> Status[RequirementOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    req = services.add_requirement(
        procurement, principal=principal, now=timezone.now, **payload.model_dump()
    )
    return Status(
        201,
        RequirementOut(
            id=req.pk,
            lot=req.lot.number if req.lot else None,
            criterion_code=req.criterion_code,
            kind=req.kind,
            description=req.description,
            threshold=req.threshold,
            threshold_unit=req.threshold_unit,
            years=req.years,
        ),
    )


@router.post(
    "/procurements/{reference}/award-criteria",
    response={201: AwardCriterionOut},
    summary="Add an award criterion",
)
@problems
def add_award_criterion(
    request: HttpRequest, reference: str, payload: AwardCriterionIn
) -> Status[AwardCriterionOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    c = services.add_award_criterion(
        procurement, principal=principal, now=timezone.now, **payload.model_dump()
    )
    return Status(
        201,
        AwardCriterionOut(
            id=c.pk,
            lot=c.lot.number if c.lot else None,
            name=c.name,
            kind=c.kind,
            weight=c.weight,
            max_points=c.max_points,
            description=c.description,
        ),
    )


def _remove(request: HttpRequest, reference: str, find: Callable[[Procurement], Any]) -> None:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    part = find(procurement)
    if part is None:
        raise Http404(_("There is no such part of the procurement."))
    principal = _principal(request)
    services.remove_part(procurement, principal=principal, part=part, now=timezone.now)


@router.delete(
    "/procurements/{reference}/lots/{number}", response={204: None}, summary="Remove a lot"
)
@problems
def remove_lot(request: HttpRequest, reference: str, number: int) -> Status[None]:
    _remove(request, reference, lambda p: p.lots.filter(number=number).first())
    return Status(204, None)


@router.delete(
    "/procurements/{reference}/request-items/{line_id}",
    response={204: None},
    summary="Remove a request catalogue line",
)
@problems
def remove_request_item(request: HttpRequest, reference: str, line_id: str) -> Status[None]:
    _remove(request, reference, lambda p: p.request_items.filter(line_id=line_id).first())
    return Status(204, None)


@router.delete(
    "/procurements/{reference}/requirements/{requirement_id}",
    response={204: None},
    summary="Remove a qualification requirement",
)
@problems
def remove_requirement(request: HttpRequest, reference: str, requirement_id: int) -> Status[None]:
    _remove(request, reference, lambda p: p.requirements.filter(pk=requirement_id).first())
    return Status(204, None)


@router.delete(
    "/procurements/{reference}/award-criteria/{criterion_id}",
    response={204: None},
    summary="Remove an award criterion",
)
@problems
def remove_award_criterion(request: HttpRequest, reference: str, criterion_id: int) -> Status[None]:
    _remove(request, reference, lambda p: p.award_criteria.filter(pk=criterion_id).first())
    return Status(204, None)


@router.post(
    "/procurements/{reference}/documents",
    response={201: DocumentVersionOut},
    summary="Upload a document or a new version of one",
)
@problems
def upload_document(
    request: HttpRequest,
    reference: str,
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja's parameter declaration
    title: Text(300) = Form(""),  # noqa: B008
    document_id: PositiveInt32 | None = Form(None),  # noqa: B008
    summary: Text() = Form(""),  # noqa: B008
) -> Status[DocumentVersionOut]:
    """Multipart upload. On a draft: a new document (``title``) or a new version
    (``document_id``). After publication the upload is a correction and needs a
    ``summary``; every registered supplier is notified."""
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            [
                {
                    "loc": ["body", "file"],
                    "msg": _("The file is larger than %(max)s MB.")
                    % {"max": MAX_DOCUMENT_BYTES // (1024 * 1024)},
                    "type": "too_large",
                }
            ]
        )
    content = file.read()
    document = None
    if document_id is not None:
        document = procurement.documents.filter(pk=document_id).first()
        if document is None:
            raise Http404(_("There is no such document."))
    now = timezone.now()
    if procurement.status == ProcurementStatus.DRAFT:
        if document is None:
            version = services.add_document(
                procurement,
                principal=principal,
                title=title,
                filename=file.name or "document",
                content=content,
                now=now,
            )
        else:
            version = services.replace_document(
                procurement,
                document,
                principal=principal,
                filename=file.name or "document",
                content=content,
                now=now,
            )
    else:
        services.correct(
            procurement,
            principal=principal,
            summary=summary,
            documents=[
                services.NewDocument(
                    filename=file.name or "document",
                    content=content,
                    document=document,
                    title=title,
                )
            ],
            now=now,
        )
        version = (
            DocumentVersion.objects.filter(document__procurement=procurement)
            .order_by("-uploaded_at", "-id")
            .first()
        )
        assert version is not None
    return Status(
        201,
        DocumentVersionOut(
            number=version.number,
            filename=version.filename,
            sha256=version.sha256,
            size=version.size,
            content_type=version.content_type,
            uploaded_at=version.uploaded_at,
            procurement_version=version.procurement_version,
            url=_version_url(version, public=False),
        ),
    )


@router.get(
    "/procurements/{reference}/documents/{document_id}/versions/{number}",
    summary="Download a document version (buyer)",
)
def buyer_document(
    request: HttpRequest, reference: str, document_id: int, number: int
) -> FileResponse:
    procurement = access.buyer_procurement(_principal(request), reference, manage=False)
    return _file_response(_version(procurement, document_id, number))


@router.post(
    "/procurements/{reference}/publish", response=PublicNoticeOut, summary="Publish a draft"
)
@problems
def publish(request: HttpRequest, reference: str) -> PublicNoticeOut:
    """Validate everything, freeze the draft and issue the contract notice."""
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    services.publish(procurement, principal=principal, now=timezone.now)
    return _public_out(access.public_procurement(reference))


@router.get(
    "/procurements/{reference}/questions",
    response=list[BuyerQuestionOut],
    summary="All questions (buyer inbox)",
)
def buyer_questions(request: HttpRequest, reference: str) -> list[BuyerQuestionOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=False)
    return [
        BuyerQuestionOut(**_question_out(q).model_dump(), supplier=_org(q.supplier))
        for q in procurement.questions.select_related("supplier")
    ]


@router.post(
    "/procurements/{reference}/questions/{number}/answer",
    response=QuestionOut,
    summary="Answer a question and publish it anonymised",
)
@problems
def answer_question(
    request: HttpRequest, reference: str, number: int, payload: AnswerIn
) -> QuestionOut:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    question = procurement.questions.filter(number=number).first()
    if question is None:
        raise Http404(_("There is no question %(n)s.") % {"n": number})
    principal = _principal(request)
    question = services.answer_question(
        question,
        principal=principal,
        answer=payload.answer,
        published_question=payload.published_question,
        now=timezone.now,
    )
    return _question_out(question)


@router.get(
    "/procurements/{reference}/interests",
    response=list[InterestOut],
    summary="Suppliers that registered interest (buyer)",
)
def buyer_interests(request: HttpRequest, reference: str) -> list[InterestOut]:
    procurement = access.buyer_procurement(_principal(request), reference, manage=False)
    return [
        InterestOut(
            procurement=procurement.reference,
            supplier=_org(i.supplier),
            registered_at=i.registered_at,
        )
        for i in procurement.interests.select_related("supplier")
    ]


@router.post(
    "/procurements/{reference}/corrections",
    response={201: CorrectionOut},
    summary="Correct time limits or the description",
)
@problems
def correct(request: HttpRequest, reference: str, payload: CorrectionIn) -> Status[CorrectionOut]:
    """New version and change notice; every registered supplier is told by e-mail and here."""
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    changes = payload.model_dump(exclude_unset=True)
    summary = changes.pop("summary")
    correction = services.correct(
        procurement, principal=principal, summary=summary, changes=changes, now=timezone.now
    )
    return Status(
        201,
        CorrectionOut(
            version=correction.version,
            summary=correction.summary,
            changes=correction.changes,
            created_at=correction.created_at,
        ),
    )


@router.post(
    "/procurements/{reference}/cancel", response=ProcurementOut, summary="Cancel with a reason"
)
@problems
def cancel(request: HttpRequest, reference: str, payload: CancelIn) -> ProcurementOut:
    procurement = access.buyer_procurement(_principal(request), reference, manage=True)
    principal = _principal(request)
    procurement = services.cancel(
        procurement, principal=principal, reason=payload.reason, now=timezone.now
    )
    return _procurement_out(procurement)


# ------------------------------------------------------ public notice board


def _public_out(procurement: Procurement) -> PublicNoticeOut:
    return PublicNoticeOut(
        **_procurement_fields(procurement, public=True),
        notices=[
            NoticeOut(
                kind=n.kind,
                subtype=n.subtype,
                notice_id=str(n.notice_id),
                notice_version=n.notice_version,
                procurement_version=n.procurement_version,
                published_at=n.published_at,
                has_xml=n.xml is not None,
            )
            for n in procurement.notices.all()
        ],
        corrections=[
            CorrectionOut(
                version=c.version, summary=c.summary, changes=c.changes, created_at=c.created_at
            )
            for c in procurement.corrections.all()
        ],
        questions=[
            PublishedQuestionOut(
                number=q.number,
                question=q.published_question,
                answer=q.answer,
                answered_at=q.answered_at,
            )
            for q in procurement.questions.filter(published=True)
        ],
        package_url=f"/api/v1/notices/{procurement.reference}/package.zip",
    )


@router.get(
    "/notices",
    response=list[ProcurementSummary],
    auth=None,
    summary="Search published notices (no login)",
)
def list_notices(
    request: HttpRequest,
    q: str = "",
    cpv: str = "",
    buyer: str = "",
    deadline: Literal["", "open", "closed"] = "",
) -> list[ProcurementSummary]:
    """Published procurements; ``q`` text, ``cpv`` code prefix, ``buyer`` orgnr or name,
    ``deadline`` open/closed."""
    found = board.search(
        board.Search(text=q, cpv=cpv, buyer=buyer, deadline=deadline), now=timezone.now()
    )
    return [_summary(p) for p in found]


@router.get(
    "/notices/{reference}", response=PublicNoticeOut, auth=None, summary="One published notice"
)
def get_notice(request: HttpRequest, reference: str) -> PublicNoticeOut:
    return _public_out(access.public_procurement(reference))


@router.get(
    "/notices/{reference}/package.zip", auth=None, summary="The complete tender package (zip)"
)
def package(request: HttpRequest, reference: str) -> HttpResponse:
    """Documents (latest versions), request catalogue (UBL Catalogue), ESPD request,
    the eForms notice and ``manifest.json`` with the SHA-256 of each entry."""
    procurement = access.public_procurement(reference)
    response = HttpResponse(artefacts.tender_package(procurement), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{procurement.reference}.zip"'
    return response


@router.get("/notices/{reference}/notice.xml", auth=None, summary="The eForms notice XML (latest)")
def notice_xml(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    notice = procurement.notices.exclude(xml=None).order_by("-published_at", "-id").first()
    if notice is None:
        raise Http404(_("No eForms XML has been issued for this notice."))
    response = HttpResponse(bytes(notice.xml), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{procurement.reference}-{notice.notice_version}.xml"'
    )
    return response


@router.get(
    "/notices/{reference}/espd-request.xml",
    auth=None,
    summary="The ESPD request (ESPD-EDM v4.1.0, latest version)",
)
def espd_request(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    return _espd_response(procurement)


def _espd_response(procurement: Procurement) -> HttpResponse:
    data = artefacts.latest_espd_request(procurement)
    if data is None:
        raise Http404(_("No ESPD request has been issued for this procurement."))
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{procurement.reference}-espd-request.xml"'
    )
    return response


@router.get(
    "/notices/{reference}/request-catalogue.xml",
    auth=None,
    summary="The request catalogue (UBL Catalogue, PEPPOL T19)",
)
def request_catalogue(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = access.public_procurement(reference)
    data = artefacts.request_catalogue(procurement)
    if data is None:
        raise Http404(_("This procurement has no request catalogue."))
    return HttpResponse(data, content_type="application/xml")


@router.get(
    "/notices/{reference}/documents/{document_id}/versions/{number}",
    auth=None,
    summary="Download a published document version",
)
def public_document(
    request: HttpRequest, reference: str, document_id: int, number: int
) -> FileResponse:
    procurement = access.public_procurement(reference)
    return _file_response(_version(procurement, document_id, number))


@router.post(
    "/notices/{reference}/interest",
    response={201: InterestOut, 200: InterestOut},
    summary="Register interest (supplier)",
)
@problems
def register_interest(
    request: HttpRequest, reference: str, payload: InterestIn | None = None
) -> Status[InterestOut]:
    principal = _principal(request)
    supplier = access.acting_supplier(principal, payload.supplier_orgnr if payload else None)
    procurement = access.public_procurement(reference)
    existed = procurement.interests.filter(supplier=supplier).exists()
    interest = services.register_interest(procurement, principal=principal, now=timezone.now)
    return Status(
        200 if existed else 201,
        InterestOut(
            procurement=procurement.reference,
            supplier=_org(supplier),
            registered_at=interest.registered_at,
        ),
    )


@router.get(
    "/notices/{reference}/interest",
    response=InterestOut,
    summary="The caller's own registration (supplier)",
)
def my_interest(
    request: HttpRequest, reference: str, supplier_orgnr: str | None = None
) -> InterestOut:
    supplier = access.acting_supplier(_principal(request), supplier_orgnr)
    procurement = access.public_procurement(reference)
    interest = procurement.interests.filter(supplier=supplier).first()
    if interest is None:
        raise Http404(_("You have not registered interest in this procurement."))
    return InterestOut(
        procurement=procurement.reference,
        supplier=_org(supplier),
        registered_at=interest.registered_at,
    )


@router.get(
    "/notices/{reference}/questions",
    response=list[PublishedQuestionOut],
    auth=None,
    summary="Published questions and answers (anonymised)",
)
def published_questions(request: HttpRequest, reference: str) -> list[PublishedQuestionOut]:
    procurement = access.public_procurement(reference)
    return [
        PublishedQuestionOut(
            number=q.number,
            question=q.published_question,
            answer=q.answer,
            answered_at=q.answered_at,
        )
        for q in procurement.questions.filter(published=True)
    ]


@router.post(
    "/notices/{reference}/questions",
    response={201: QuestionOut},
    summary="Ask a question (supplier, until the questions deadline)",
)
@problems
def ask_question(request: HttpRequest, reference: str, payload: QuestionIn) -> Status[QuestionOut]:
    principal = _principal(request)
    access.acting_supplier(principal, payload.supplier_orgnr)
    procurement = access.public_procurement(reference)
    question = services.ask_question(
        procurement, principal=principal, text=payload.text, now=timezone.now
    )
    return Status(201, _question_out(question))


@router.get(
    "/notices/{reference}/my-questions",
    response=list[QuestionOut],
    summary="The caller's own questions, answered or not (supplier)",
)
def my_questions(
    request: HttpRequest, reference: str, supplier_orgnr: str | None = None
) -> list[QuestionOut]:
    supplier = access.acting_supplier(_principal(request), supplier_orgnr)
    procurement = access.public_procurement(reference)
    return [_question_out(q) for q in procurement.questions.filter(supplier=supplier)]


# ----------------------------------------------------------- notifications


@router.get("/notifications", response=list[NotificationOut], summary="The caller's notifications")
def notifications(request: HttpRequest, unread: bool = False) -> list[NotificationOut]:
    queryset = access.notifications_for(_principal(request))
    if unread:
        queryset = queryset.filter(read_at__isnull=True)
    return [
        NotificationOut(
            id=n.pk,
            procurement=n.procurement.reference if n.procurement else None,
            kind=n.kind,
            subject=n.subject,
            body=n.body,
            created_at=n.created_at,
            read_at=n.read_at,
        )
        for n in queryset[:200]
    ]


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    summary="Mark a notification read",
)
def read_notification(request: HttpRequest, notification_id: int) -> NotificationOut:
    n = access.notifications_for(_principal(request)).filter(pk=notification_id).first()
    if n is None:
        raise Http404(_("There is no such notification."))
    services.mark_read(n, now=timezone.now())
    return NotificationOut(
        id=n.pk,
        procurement=n.procurement.reference if n.procurement else None,
        kind=n.kind,
        subject=n.subject,
        body=n.body,
        created_at=n.created_at,
        read_at=n.read_at,
    )


__all__ = ["router"]
