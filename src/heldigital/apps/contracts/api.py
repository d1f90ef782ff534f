"""API for contracts (``/api/v1``): conclude (buyer), read and confirm (both parties).

No ``from __future__ import annotations`` here: the shared ``problems`` decorator
wraps the endpoints, and django-ninja would resolve string annotations in the
decorator's module.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.access import api_principal as _principal
from heldigital.apps.contracts import services
from heldigital.apps.contracts.models import Contract
from heldigital.apps.evaluation import api as evaluation_api
from heldigital.apps.inputs import Text
from heldigital.apps.tendering.access import buyer_procurement
from heldigital.apps.tendering.api import problems

router = Router(tags=["contracts"])


class ContractIn(Schema):
    starts_on: date
    ends_on: date
    options: Text() = ""


class LineOut(Schema):
    lot: int | None
    line_id: str
    name: str
    unit_code: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


class ConfirmationOut(Schema):
    party: str
    organisation: str
    user: str
    confirmed_at: datetime
    document_sha256: str


class ContractOut(Schema):
    id: str
    number: str
    procurement: str
    buyer: str
    buyer_orgnr: str
    supplier: str
    supplier_orgnr: str
    lots: list[int]
    starts_on: date
    ends_on: date
    options: str
    value: Decimal
    currency: str
    status: str
    document_sha256: str
    key_fingerprint: str
    signature_base64: str
    signature_valid: bool
    signed_at: datetime | None
    lines: list[LineOut]
    confirmations: list[ConfirmationOut]


def _out(c: Contract) -> ContractOut:
    import base64

    return ContractOut(
        id=str(c.pk),
        number=c.number,
        procurement=c.procurement.reference,
        buyer=c.buyer.name,
        buyer_orgnr=c.buyer.orgnr,
        supplier=c.supplier.name,
        supplier_orgnr=c.supplier.orgnr,
        lots=list(c.lots),
        starts_on=c.starts_on,
        ends_on=c.ends_on,
        options=c.options,
        value=c.value,
        currency=c.currency,
        status=str(c.status),
        document_sha256=c.document_sha256,
        key_fingerprint=c.key_fingerprint,
        signature_base64=base64.b64encode(bytes(c.signature)).decode(),
        signature_valid=services.verify_contract(c),
        signed_at=c.signed_at,
        lines=[
            LineOut(
                lot=x.lot,
                line_id=x.line_id,
                name=x.name,
                unit_code=x.unit_code,
                quantity=x.quantity,
                unit_price=x.unit_price,
                amount=x.amount,
            )
            for x in c.lines.all()
        ],
        confirmations=[
            ConfirmationOut(
                party=k.party,
                organisation=k.organisation.name,
                user=k.user.get_username(),
                confirmed_at=k.confirmed_at,
                document_sha256=k.document_sha256,
            )
            for k in c.confirmations.select_related("organisation", "user")
        ],
    )


@router.post(
    "/procurements/{reference}/contracts",
    response={201: list[ContractOut]},
    summary="Conclude the contracts (only after the standstill period)",
)
@problems
def conclude(request: HttpRequest, reference: str, body: ContractIn) -> Status[list[ContractOut]]:
    procurement = buyer_procurement(_principal(request), reference, manage=False)
    rows = services.conclude_contract(
        procurement,
        principal=_principal(request),
        now=evaluation_api.clock,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        options=body.options,
    )
    return Status(201, [_out(c) for c in rows])


@router.get(
    "/procurements/{reference}/contracts",
    response=list[ContractOut],
    summary="The contracts of a procurement (buyer)",
)
def procurement_contracts(request: HttpRequest, reference: str) -> list[ContractOut]:
    procurement = buyer_procurement(_principal(request), reference, manage=False)
    return [_out(c) for c in Contract.objects.filter(procurement=procurement)]


def _visible(principal: Principal) -> Q:
    """Contracts of the organisation the principal acts for (either party)."""
    organisations = [org.pk for org, _roles in principal.organisations_with_roles()]
    return Q(buyer_id__in=organisations) | Q(supplier_id__in=organisations)


def _contract(request: HttpRequest, contract_id: uuid.UUID) -> Contract:
    principal = _principal(request)
    contract = (
        Contract.objects.filter(_visible(principal), pk=contract_id)
        .select_related("procurement", "buyer", "supplier")
        .first()
    )
    if contract is None:
        raise Http404(_("There is no such contract."))
    return contract


@router.get(
    "/contracts", response=list[ContractOut], summary="Contracts my organisation is party to"
)
def my_contracts(request: HttpRequest) -> list[ContractOut]:
    rows = Contract.objects.filter(_visible(_principal(request))).select_related(
        "procurement", "buyer", "supplier"
    )
    return [_out(c) for c in rows]


@router.get("/contracts/{contract_id}", response=ContractOut, summary="One contract")
def contract(request: HttpRequest, contract_id: uuid.UUID) -> ContractOut:
    return _out(_contract(request, contract_id))


@router.get(
    "/contracts/{contract_id}/document.pdf",
    summary="The contract document (PDF)",
    response={200: None},
)
def document(request: HttpRequest, contract_id: uuid.UUID) -> HttpResponse:
    c = _contract(request, contract_id)
    response = HttpResponse(bytes(c.document_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{c.number}.pdf"'
    return response


@router.post(
    "/contracts/{contract_id}/confirm",
    response=ContractOut,
    summary="Confirm (sign) the contract for my organisation",
)
@problems
def confirm(request: HttpRequest, contract_id: uuid.UUID) -> ContractOut:
    principal = _principal(request)
    c = _contract(request, contract_id)
    services.confirm_contract(c, principal=principal, now=evaluation_api.clock)
    c.refresh_from_db()
    return _out(c)
