"""API of contract follow-up (``/api/v1/ordering/...``): catalogues, orders, receipts.

The caller acts for one contracting authority (token or session); every
contract, catalogue version, order and despatch advice of another organisation
is 404. Roles: ``services.CATALOGUE_DECIDERS`` decide catalogues and set contract
terms, ``services.ORDERERS`` fill baskets and order, ``services.APPROVERS``
approve within their budget authority, ``services.RECEIVERS`` register goods
receipts, ``services.RULE_SETTERS`` set the approval rules; ``services.READERS``
read. A step the state does not allow is 409 with the reason (e.g. an order under a
terminated contract); invalid input 422. See docs/ordering.md.

No ``from __future__ import annotations`` here: django-ninja reads the
annotations at import time.
"""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import wraps
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from heldigital.apps.accounts.access import Principal, api_principal
from heldigital.apps.accounts.models import Organisation, User
from heldigital.apps.common import local_day
from heldigital.apps.contracts.models import Contract
from heldigital.apps.exchange.models import Document as ExchangeDocument
from heldigital.apps.exchange.services import DocumentRefused
from heldigital.apps.inputs import PositiveInt64, Text
from heldigital.apps.ordering import services
from heldigital.apps.ordering.models import (
    AuthorityRule,
    CatalogueVersion,
    DespatchRecord,
    OrderStatus,
    PurchaseOrder,
    ThresholdRule,
)
from heldigital.ehf.mapping import ModelError
from heldigital.ehf.order_response import LineAnswer
from heldigital.platform.problems import problem_response
from heldigital.platform.validation import InputRefused, documents_from_request

router = Router(tags=["ordering"])

#: Where the operations read the time (tests replace it; services take ``now``).
clock = timezone.now

Quantity = Annotated[Decimal, Field(gt=0, max_digits=15, decimal_places=3)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=2)]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=7, decimal_places=3)]
Key = Text(60)

_XML_BODY = {
    "required": True,
    "description": "One PEPPOL BIS Catalogue (T19) of the contract's supplier as the body.",
    "content": {
        "application/xml": {"schema": {"type": "string", "format": "binary"}},
        "text/xml": {"schema": {"type": "string", "format": "binary"}},
    },
}


def _errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"loc": ["body", field], "msg": message, "type": "value_error"}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in exc.messages]


def _service_errors(view: Callable[..., Any]) -> Callable[..., Any]:
    """Service errors as problem details: OrderingError 409, ValidationError 422."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except services.OrderingError as exc:
            raise HttpError(409, str(exc)) from exc
        except DocumentRefused as exc:
            raise HttpError(409, exc.message) from exc
        except DjangoValidationError as exc:
            raise ValidationError(_errors(exc)) from exc

    return wrapped


# ----------------------------------------------------------------- schemas


class OrderingCatalogueLineOut(Schema):
    line_id: str
    name: str
    description: str
    unit_code: str
    quantity: Decimal | None
    price: Decimal | None
    contract_price: Decimal | None
    standard_id: str
    classification: str
    complies: bool
    reason: str


class OrderingCatalogueOut(Schema):
    id: uuid.UUID
    contract_id: uuid.UUID
    contract_number: str
    version: int
    source: str
    catalogue_id: str
    issue_date: date
    valid_from: date | None
    valid_to: date | None
    currency: str
    status: str
    problems: list[str]
    decided_at: datetime | None
    decided_by: str
    decision_reason: str
    document_id: uuid.UUID | None
    response_document_id: uuid.UUID | None
    lines: list[OrderingCatalogueLineOut]


class OrderingDecisionIn(Schema):
    accept: bool
    reason: Text(1000) = ""


class OrderingTermsIn(Schema):
    indexation_percent: Percent | None = None
    terminated_on: date | None = None
    termination_reason: Text(500) = ""


class OrderingContractOut(Schema):
    id: uuid.UUID
    number: str
    supplier_orgnr: str
    supplier_name: str
    starts_on: date
    ends_on: date
    signed: bool
    indexation_percent: Decimal
    terminated_on: date | None
    termination_reason: str
    order_refused: str | None
    catalogue_version: int | None


class OrderingThresholdIn(Schema):
    name: Text(100)
    effective_from: date
    no_approval_up_to: Amount
    second_level_above: Amount


class OrderingAuthorityIn(Schema):
    name: Text(100)
    effective_from: date
    approver: Text(150) = Field(description="The approver's user name.")
    cost_centre: Key
    limit: Amount


class OrderingThresholdOut(Schema):
    name: str
    effective_from: date
    no_approval_up_to: Decimal
    second_level_above: Decimal


class OrderingAuthorityOut(Schema):
    name: str
    effective_from: date
    approver: str
    cost_centre: str
    limit: Decimal


class OrderingRulesOut(Schema):
    thresholds: list[OrderingThresholdOut]
    authorities: list[OrderingAuthorityOut]


class OrderingBasketLineIn(Schema):
    catalogue_line: Key
    quantity: Quantity


class OrderingOrderIn(Schema):
    contract_id: uuid.UUID
    cost_centre: Key
    note: Text(500) = ""
    three_way: bool = True
    lines: list[OrderingBasketLineIn] = Field(min_length=1, max_length=1000)


class OrderingBasketIn(Schema):
    lines: list[OrderingBasketLineIn] = Field(min_length=1, max_length=1000)


class OrderingReasonIn(Schema):
    reason: Text(500)


class OrderingReceiptLineIn(Schema):
    line_id: Key
    quantity: Quantity


class OrderingReceiptIn(Schema):
    received_on: date | None = None
    lines: list[OrderingReceiptLineIn] = Field(min_length=1, max_length=1000)


class OrderingChangeLineIn(Schema):
    line_id: Key
    quantity: Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=3)]


class OrderingChangeIn(Schema):
    reason: Text(500)
    lines: list[OrderingChangeLineIn] = Field(min_length=1, max_length=1000)


class OrderingLineAnswerIn(Schema):
    line_id: Key
    status: Literal["3", "5", "7"]
    quantity: Annotated[Decimal, Field(ge=0, max_digits=15, decimal_places=3)] | None = None
    price: Annotated[Decimal, Field(ge=0, max_digits=19, decimal_places=6)] | None = None
    note: Text(500) | None = None


class OrderingAnswerIn(Schema):
    code: Literal["AP", "RE", "CA", "AB"]
    note: Text(1000) | None = None
    lines: list[OrderingLineAnswerIn] = Field(default=[], max_length=1000)


class OrderingDespatchIn(Schema):
    despatched_on: date | None = None
    lines: list[OrderingChangeLineIn] = Field(min_length=1, max_length=1000)


class OrderingSentOut(Schema):
    document_id: uuid.UUID
    family: str
    number: str
    receiver: str


class OrderingDespatchReceiptIn(Schema):
    received_on: date | None = None


class OrderingOrderLineOut(Schema):
    line_id: str
    catalogue_line: str
    name: str
    unit_code: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    response_status: str
    agreed_quantity: Decimal | None
    agreed_price: Decimal | None
    despatched: Decimal
    received: Decimal
    receipt: str


class OrderingApprovalOut(Schema):
    level: int
    approver: str
    rule: str
    approved_at: datetime


class OrderingQuantityOut(Schema):
    order_line_id: str
    quantity: Decimal


class OrderingChangeOut(Schema):
    sequence: int
    reason: str
    sent_at: datetime
    sent_by: str
    document_id: uuid.UUID
    lines: list[OrderingQuantityOut]


class OrderingResponseOut(Schema):
    number: str
    code: str
    note: str
    received_at: datetime
    document_id: uuid.UUID


class OrderingDespatchOut(Schema):
    id: int
    number: str
    received_at: datetime
    document_id: uuid.UUID
    lines: list[OrderingQuantityOut]
    received: bool


class OrderingReceiptOut(Schema):
    number: str
    received_on: date
    registered_at: datetime
    registered_by: str
    despatch: str | None
    lines: list[OrderingQuantityOut]


class OrderingOrderOut(Schema):
    id: uuid.UUID
    number: str
    contract_id: uuid.UUID
    contract_number: str
    catalogue_version: int
    requester: str
    cost_centre: str
    note: str
    currency: str
    total: Decimal
    three_way: bool
    status: str
    created_at: datetime
    submitted_at: datetime | None
    sent_at: datetime | None
    approval_rules: list[str]
    response_code: str
    cancellation_reason: str
    document_id: uuid.UUID | None
    lines: list[OrderingOrderLineOut]
    approvals: list[OrderingApprovalOut]
    responses: list[OrderingResponseOut]
    changes: list[OrderingChangeOut]
    despatches: list[OrderingDespatchOut]
    receipts: list[OrderingReceiptOut]


# ----------------------------------------------------------------- helpers


def _buyer(request: HttpRequest, roles: frozenset[str]) -> tuple[Principal, Organisation]:
    principal = api_principal(request)
    organisation = principal.organisation
    if organisation is None or not principal.has_role(organisation, roles):
        raise PermissionDenied(_("Only the buyer's users work with its orders and catalogues."))
    return principal, organisation


def _contract(request: HttpRequest, contract_id: uuid.UUID) -> Contract:
    _principal, organisation = _buyer(request, services.READERS)
    contract = Contract.objects.filter(pk=contract_id, buyer=organisation).first()
    if contract is None:
        raise Http404(_("There is no such contract."))
    return contract


def _version(request: HttpRequest, version_id: uuid.UUID) -> CatalogueVersion:
    _principal, organisation = _buyer(request, services.READERS)
    version = (
        CatalogueVersion.objects.filter(pk=version_id, contract__buyer=organisation)
        .select_related("contract")
        .first()
    )
    if version is None:
        raise Http404(_("There is no such catalogue version."))
    return version


def _order(request: HttpRequest, order_id: uuid.UUID) -> PurchaseOrder:
    _principal, organisation = _buyer(request, services.READERS)
    order = PurchaseOrder.objects.filter(pk=order_id, buyer=organisation).first()
    if order is None:
        raise Http404(_("There is no such order."))
    return order


def _catalogue_out(version: CatalogueVersion) -> OrderingCatalogueOut:
    return OrderingCatalogueOut(
        id=version.pk,
        contract_id=version.contract_id,
        contract_number=version.contract.number,
        version=version.version,
        source=version.source,
        catalogue_id=version.catalogue_id,
        issue_date=version.issue_date,
        valid_from=version.valid_from,
        valid_to=version.valid_to,
        currency=version.currency,
        status=version.status,
        problems=list(version.problems),
        decided_at=version.decided_at,
        decided_by=version.decided_by,
        decision_reason=version.decision_reason,
        document_id=version.document_id,
        response_document_id=version.response_id,
        lines=[_line_out(line) for line in version.lines.order_by("id")],
    )


def _line_out(line: Any) -> OrderingCatalogueLineOut:
    return OrderingCatalogueLineOut(
        line_id=line.line_id,
        name=line.name,
        description=line.description,
        unit_code=line.unit_code,
        quantity=line.quantity,
        price=line.price,
        contract_price=line.contract_price,
        standard_id=line.standard_id,
        classification=line.classification,
        complies=line.complies,
        reason=line.reason,
    )


def _contract_out(contract: Contract, now: datetime) -> OrderingContractOut:
    terms = services.terms_of(contract)
    current = services.current_catalogue(contract)
    return OrderingContractOut(
        id=contract.pk,
        number=contract.number,
        supplier_orgnr=contract.supplier.orgnr,
        supplier_name=contract.supplier.name,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        signed=contract.signed_at is not None,
        indexation_percent=terms.indexation_percent if terms is not None else Decimal(0),
        terminated_on=terms.terminated_on if terms is not None else None,
        termination_reason=terms.termination_reason if terms is not None else "",
        order_refused=services.order_refusal(contract, local_day(now)),
        catalogue_version=current.version if current is not None else None,
    )


def _user_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _quantities(lines: list[dict[str, str]]) -> list[OrderingQuantityOut]:
    return [
        OrderingQuantityOut(order_line_id=line["order_line_id"], quantity=Decimal(line["quantity"]))
        for line in lines
    ]


def _order_out(order: PurchaseOrder) -> OrderingOrderOut:
    status = {line.line_id: line for line in services.receipt_status(order)}
    return OrderingOrderOut(
        id=order.pk,
        number=order.number,
        contract_id=order.contract_id,
        contract_number=order.contract.number,
        catalogue_version=order.catalogue.version,
        requester=_user_name(order.requester),
        cost_centre=order.cost_centre,
        note=order.note,
        currency=order.currency,
        total=order.total,
        three_way=order.three_way,
        status=order.status,
        created_at=order.created_at,
        submitted_at=order.submitted_at,
        sent_at=order.sent_at,
        approval_rules=list(order.approval_rules),
        response_code=order.response_code,
        cancellation_reason=order.cancellation_reason,
        document_id=order.document_id,
        lines=[
            OrderingOrderLineOut(
                line_id=line.line_id,
                catalogue_line=line.catalogue_line.line_id,
                name=line.name,
                unit_code=line.unit_code,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
                response_status=line.response_status,
                agreed_quantity=line.agreed_quantity,
                agreed_price=line.agreed_price,
                despatched=status[line.line_id].despatched,
                received=status[line.line_id].received,
                receipt=status[line.line_id].status,
            )
            for line in order.lines.select_related("catalogue_line").order_by("id")
        ],
        approvals=[
            OrderingApprovalOut(
                level=a.level,
                approver=_user_name(a.approver),
                rule=a.rule,
                approved_at=a.approved_at,
            )
            for a in order.approvals.select_related("approver").order_by("level")
        ],
        responses=[
            OrderingResponseOut(
                number=r.number,
                code=r.code,
                note=r.note,
                received_at=r.received_at,
                document_id=r.document_id,
            )
            for r in order.responses.order_by("received_at", "id")
        ],
        changes=[
            OrderingChangeOut(
                sequence=c.sequence,
                reason=c.reason,
                sent_at=c.sent_at,
                sent_by=c.sent_by,
                document_id=c.document_id,
                lines=_quantities(c.lines),
            )
            for c in order.changes.order_by("sequence")
        ],
        despatches=[
            OrderingDespatchOut(
                id=d.pk,
                number=d.number,
                received_at=d.received_at,
                document_id=d.document_id,
                lines=_quantities(d.lines),
                received=hasattr(d, "receipt"),
            )
            for d in order.despatches.order_by("received_at", "id")
        ],
        receipts=[
            OrderingReceiptOut(
                number=r.number,
                received_on=r.received_on,
                registered_at=r.registered_at,
                registered_by=_user_name(r.registered_by),
                despatch=r.despatch.number if r.despatch is not None else None,
                lines=_quantities(r.lines),
            )
            for r in order.receipts.select_related("despatch", "registered_by").order_by(
                "registered_at", "number"
            )
        ],
    )


# ----------------------------------------------------------------- contracts and catalogues


@router.get(
    "/ordering/contracts",
    response=list[OrderingContractOut],
    summary="My organisation's contracts to order under, and whether it may now",
)
def contracts(request: HttpRequest) -> list[OrderingContractOut]:
    _principal, organisation = _buyer(request, services.READERS)
    now = clock()
    return [
        _contract_out(c, now)
        for c in Contract.objects.filter(buyer=organisation).select_related("supplier")
    ]


@router.get(
    "/ordering/contracts/{contract_id}",
    response=OrderingContractOut,
    summary="One contract's follow-up terms",
)
def contract(request: HttpRequest, contract_id: uuid.UUID) -> OrderingContractOut:
    return _contract_out(_contract(request, contract_id), clock())


@router.put(
    "/ordering/contracts/{contract_id}/terms",
    response=OrderingContractOut,
    summary="Set the indexation allowed, or terminate the contract (officers)",
)
@_service_errors
def terms(request: HttpRequest, contract_id: uuid.UUID, body: OrderingTermsIn) -> Any:
    row = _contract(request, contract_id)
    now = clock()
    services.set_terms(
        row,
        principal=api_principal(request),
        now=now,
        indexation_percent=body.indexation_percent,
        terminated_on=body.terminated_on,
        termination_reason=body.termination_reason,
    )
    return _contract_out(row, now)


@router.post(
    "/ordering/contracts/{contract_id}/catalogue",
    response={201: OrderingCatalogueOut},
    summary="Make the contract catalogue from the contract's lines (officers; once)",
)
@_service_errors
def make_catalogue(request: HttpRequest, contract_id: uuid.UUID) -> Any:
    row = _contract(request, contract_id)
    version = services.make_contract_catalogue(row, principal=api_principal(request), now=clock())
    return Status(201, _catalogue_out(version))


@router.get(
    "/ordering/contracts/{contract_id}/catalogues",
    response=list[OrderingCatalogueOut],
    summary="The versions of a contract's catalogue",
)
def catalogues(request: HttpRequest, contract_id: uuid.UUID) -> list[OrderingCatalogueOut]:
    row = _contract(request, contract_id)
    return [_catalogue_out(v) for v in row.catalogue_versions.order_by("version")]


@router.post(
    "/ordering/contracts/{contract_id}/catalogues",
    response={201: OrderingCatalogueOut},
    summary="Import the supplier's catalogue (T19) as a price update (officers)",
    openapi_extra={"requestBody": _XML_BODY},
)
@_service_errors
def import_catalogue(request: HttpRequest, contract_id: uuid.UUID) -> Any:
    row = _contract(request, contract_id)
    try:
        documents = documents_from_request(request)
    except InputRefused as exc:
        return problem_response(request, exc.status, exc.message, **exc.extra)
    if len(documents) != 1:
        return problem_response(request, 422, _("Send exactly one document."))
    version = services.import_catalogue(
        row, documents[0][1], now=clock(), principal=api_principal(request)
    )
    return Status(201, _catalogue_out(version))


@router.get(
    "/ordering/contracts/{contract_id}/items",
    response=list[OrderingCatalogueLineOut],
    summary="Search the contract's current catalogue",
)
def items(request: HttpRequest, contract_id: uuid.UUID, q: Text(200) = "") -> Any:
    return [
        _line_out(line) for line in services.search_catalogue(_contract(request, contract_id), q)
    ]


@router.get(
    "/ordering/catalogues/{version_id}",
    response=OrderingCatalogueOut,
    summary="One catalogue version with each line's check against the contract",
)
def catalogue(request: HttpRequest, version_id: uuid.UUID) -> OrderingCatalogueOut:
    return _catalogue_out(_version(request, version_id))


@router.post(
    "/ordering/catalogues/{version_id}/decision",
    response=OrderingCatalogueOut,
    summary="Accept or reject a proposed catalogue; a Catalogue Response (T58) is sent",
)
@_service_errors
def decide(request: HttpRequest, version_id: uuid.UUID, body: OrderingDecisionIn) -> Any:
    version = services.decide_catalogue(
        _version(request, version_id),
        principal=api_principal(request),
        accept=body.accept,
        now=clock(),
        reason=body.reason,
    )
    return _catalogue_out(version)


# ----------------------------------------------------------------- approval rules


def _rules_out(organisation: Organisation) -> OrderingRulesOut:
    return OrderingRulesOut(
        thresholds=[
            OrderingThresholdOut(
                name=r.name,
                effective_from=r.effective_from,
                no_approval_up_to=r.no_approval_up_to,
                second_level_above=r.second_level_above,
            )
            for r in ThresholdRule.objects.filter(buyer=organisation)
        ],
        authorities=[
            OrderingAuthorityOut(
                name=r.name,
                effective_from=r.effective_from,
                approver=r.approver.get_username(),
                cost_centre=r.cost_centre,
                limit=r.limit,
            )
            for r in AuthorityRule.objects.filter(buyer=organisation).select_related("approver")
        ],
    )


@router.get("/ordering/rules", response=OrderingRulesOut, summary="The approval rules")
def approval_rules(request: HttpRequest) -> OrderingRulesOut:
    _principal, organisation = _buyer(request, services.READERS)
    return _rules_out(organisation)


@router.post(
    "/ordering/rules/thresholds",
    response={201: OrderingRulesOut},
    summary="Add an approval threshold rule (buyer administrators)",
)
@_service_errors
def add_threshold(request: HttpRequest, body: OrderingThresholdIn) -> Any:
    principal, organisation = _buyer(request, services.READERS)
    services.add_threshold_rule(
        organisation,
        principal=principal,
        name=body.name,
        effective_from=body.effective_from,
        no_approval_up_to=body.no_approval_up_to,
        second_level_above=body.second_level_above,
        now=clock(),
    )
    return Status(201, _rules_out(organisation))


@router.post(
    "/ordering/rules/authorities",
    response={201: OrderingRulesOut},
    summary="Give a person budget authority (buyer administrators)",
)
@_service_errors
def add_authority(request: HttpRequest, body: OrderingAuthorityIn) -> Any:
    principal, organisation = _buyer(request, services.READERS)
    if not principal.has_role(organisation, services.RULE_SETTERS):
        raise PermissionDenied(_("Only the buyer's administrators set the approval rules."))
    approver = User.objects.filter(
        username=body.approver, memberships__organisation=organisation
    ).first()
    if approver is None:
        raise ValidationError(
            [{"loc": ["body", "approver"], "msg": _("No such user here."), "type": "value_error"}]
        )
    services.add_authority_rule(
        organisation,
        principal=principal,
        name=body.name,
        effective_from=body.effective_from,
        approver=approver,
        cost_centre=body.cost_centre,
        limit=body.limit,
        now=clock(),
    )
    return Status(201, _rules_out(organisation))


# ----------------------------------------------------------------- orders


def _lines(lines: list[OrderingBasketLineIn]) -> dict[str, Decimal]:
    quantities: dict[str, Decimal] = {}
    for line in lines:
        if line.catalogue_line in quantities:
            raise ValidationError(
                [
                    {
                        "loc": ["body", "lines"],
                        "msg": _("Each catalogue line once."),
                        "type": "value_error",
                    }
                ]
            )
        quantities[line.catalogue_line] = line.quantity
    return quantities


@router.post(
    "/ordering/orders",
    response={201: OrderingOrderOut},
    summary="Put a basket together (a draft order under a contract; requesters)",
)
@_service_errors
def create(request: HttpRequest, body: OrderingOrderIn) -> Any:
    row = _contract(request, body.contract_id)
    order = services.create_order(
        row,
        principal=api_principal(request),
        lines=_lines(body.lines),
        cost_centre=body.cost_centre,
        now=clock(),
        note=body.note,
        three_way=body.three_way,
    )
    return Status(201, _order_out(order))


@router.get(
    "/ordering/orders",
    response=list[OrderingOrderOut],
    summary="My organisation's orders, optionally in one status",
)
def orders(request: HttpRequest, status: OrderStatus | None = None) -> list[OrderingOrderOut]:
    _principal, organisation = _buyer(request, services.READERS)
    rows = PurchaseOrder.objects.filter(buyer=organisation).select_related(
        "contract", "catalogue", "requester"
    )
    if status is not None:
        rows = rows.filter(status=status)
    return [_order_out(o) for o in rows.order_by("created_at", "number")[:500]]


@router.get("/ordering/orders/{order_id}", response=OrderingOrderOut, summary="One order")
def order(request: HttpRequest, order_id: uuid.UUID) -> OrderingOrderOut:
    return _order_out(_order(request, order_id))


@router.get(
    "/ordering/orders/{order_id}/document",
    summary="The order as sent (PEPPOL BIS Order T01, application/xml)",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "The order",
                "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def order_document(request: HttpRequest, order_id: uuid.UUID) -> HttpResponse:
    row = _order(request, order_id)
    if row.payload is None:
        raise Http404(_("The order is not sent yet."))
    response = HttpResponse(bytes(row.payload), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{row.number}.xml"'
    return response


@router.put(
    "/ordering/orders/{order_id}/lines",
    response=OrderingOrderOut,
    summary="Replace the lines of my basket (not yet submitted)",
)
@_service_errors
def basket(request: HttpRequest, order_id: uuid.UUID, body: OrderingBasketIn) -> Any:
    row = services.set_basket(
        _order(request, order_id),
        principal=api_principal(request),
        lines=_lines(body.lines),
        now=clock(),
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/submit",
    response=OrderingOrderOut,
    summary="Submit my basket: sent at once or waiting for approval by the rules",
)
@_service_errors
def submit(request: HttpRequest, order_id: uuid.UUID) -> Any:
    row = services.submit_order(
        _order(request, order_id), principal=api_principal(request), now=clock()
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/approve",
    response=OrderingOrderOut,
    summary="Approve an order within my budget authority; sent when approved enough",
)
@_service_errors
def approve(request: HttpRequest, order_id: uuid.UUID) -> Any:
    row = services.approve_order(
        _order(request, order_id), principal=api_principal(request), now=clock()
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/decline",
    response=OrderingOrderOut,
    summary="Decline an order awaiting approval (approvers; with a reason)",
)
@_service_errors
def decline(request: HttpRequest, order_id: uuid.UUID, body: OrderingReasonIn) -> Any:
    row = services.decline_order(
        _order(request, order_id),
        principal=api_principal(request),
        now=clock(),
        reason=body.reason,
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/cancel",
    response=OrderingOrderOut,
    summary="Cancel an order (an Order Cancellation T115 when it was sent)",
)
@_service_errors
def cancel(request: HttpRequest, order_id: uuid.UUID, body: OrderingReasonIn) -> Any:
    row = services.cancel_order(
        _order(request, order_id),
        principal=api_principal(request),
        now=clock(),
        reason=body.reason,
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/change",
    response=OrderingOrderOut,
    summary="Reduce line quantities of a sent order (an Order Change T114 is sent)",
)
@_service_errors
def change(request: HttpRequest, order_id: uuid.UUID, body: OrderingChangeIn) -> Any:
    quantities: dict[str, Decimal] = {}
    for line in body.lines:
        if line.line_id in quantities:
            raise ValidationError(
                [{"loc": ["body", "lines"], "msg": _("Each line once."), "type": "value_error"}]
            )
        quantities[line.line_id] = line.quantity
    row = services.change_order(
        _order(request, order_id),
        principal=api_principal(request),
        lines=quantities,
        now=clock(),
        reason=body.reason,
    )
    return _order_out(row)


@router.post(
    "/ordering/orders/{order_id}/receipts",
    response={201: OrderingOrderOut},
    summary="Register goods received, per order line (full or partial; receivers)",
)
@_service_errors
def receipt(request: HttpRequest, order_id: uuid.UUID, body: OrderingReceiptIn) -> Any:
    row = _order(request, order_id)
    quantities: dict[str, Decimal] = {}
    for line in body.lines:
        quantities[line.line_id] = quantities.get(line.line_id, Decimal(0)) + line.quantity
    services.register_receipt(
        row,
        principal=api_principal(request),
        lines=quantities,
        now=clock(),
        received_on=body.received_on,
    )
    return Status(201, _order_out(row))


@router.post(
    "/ordering/despatches/{despatch_id}/receipt",
    response={201: OrderingOrderOut},
    summary="Confirm that what a despatch advice (T16) says was sent is received",
)
@_service_errors
def despatch_receipt(
    request: HttpRequest, despatch_id: PositiveInt64, body: OrderingDespatchReceiptIn
) -> Any:
    _principal, organisation = _buyer(request, services.READERS)
    despatch = (
        DespatchRecord.objects.filter(pk=despatch_id, order__buyer=organisation)
        .select_related("order")
        .first()
    )
    if despatch is None:
        raise Http404(_("There is no such despatch advice."))
    services.receive_despatch(
        despatch, principal=api_principal(request), now=clock(), received_on=body.received_on
    )
    return Status(201, _order_out(despatch.order))


# ----------------------------------------------------------------- the supplier's side


def _received(request: HttpRequest, exchange_id: uuid.UUID) -> Any:
    principal = api_principal(request)
    if not principal.is_supplier_user(principal.organisation):
        raise PermissionDenied(_("Only the supplier's users answer the orders it received."))
    document = ExchangeDocument.objects.filter(
        pk=exchange_id, organisation=principal.organisation, direction="in", family="order"
    ).first()
    if document is None:
        raise Http404(_("There is no such order."))
    return principal, document


def _sent_out(document: Any) -> OrderingSentOut:
    return OrderingSentOut(
        document_id=document.pk,
        family=document.family,
        number=document.number,
        receiver=document.receiver,
    )


@router.post(
    "/ordering/received-orders/{exchange_id}/response",
    response={201: OrderingSentOut},
    summary="Answer an order received with an Order Response (T76; supplier users)",
)
@_service_errors
def answer_order(request: HttpRequest, exchange_id: uuid.UUID, body: OrderingAnswerIn) -> Any:
    principal, document = _received(request, exchange_id)
    try:
        answers = [
            LineAnswer(
                line_id=line.line_id,
                status=line.status,
                quantity=line.quantity,
                price=line.price,
                note=line.note,
            )
            for line in body.lines
        ]
    except ModelError as exc:
        raise ValidationError(
            [{"loc": ["body", "lines"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    sent = services.answer_order(
        document, principal=principal, code=body.code, lines=answers, note=body.note, now=clock()
    )
    return Status(201, _sent_out(sent))


@router.post(
    "/ordering/received-orders/{exchange_id}/despatch",
    response={201: OrderingSentOut},
    summary="Send a Despatch Advice (T16) for an order received (supplier users)",
)
@_service_errors
def despatch_order(request: HttpRequest, exchange_id: uuid.UUID, body: OrderingDespatchIn) -> Any:
    principal, document = _received(request, exchange_id)
    quantities: dict[str, Decimal] = {}
    for line in body.lines:
        quantities[line.line_id] = quantities.get(line.line_id, Decimal(0)) + line.quantity
    sent = services.despatch_order(
        document,
        principal=principal,
        quantities=quantities,
        now=clock(),
        despatched_on=body.despatched_on,
    )
    return Status(201, _sent_out(sent))
