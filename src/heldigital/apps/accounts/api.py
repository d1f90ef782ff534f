"""API endpoints for the current principal and organisations (``/api/v1``)."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import ValidationError

from heldigital.apps.accounts.access import api_principal as _principal
from heldigital.apps.accounts.models import Organisation, normalise_orgnr

router = Router(tags=["accounts"])


class OrganisationOut(Schema):
    orgnr: str
    name: str
    kind: Literal["public_body", "supplier"]
    peppol_scheme: str
    peppol_id: str
    address: str
    email: str


class MyOrganisationOut(Schema):
    orgnr: str
    name: str
    kind: Literal["public_body", "supplier"]
    peppol_id: str
    roles: list[str]


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    authenticated_via: Literal["session", "token"]
    organisations: list[MyOrganisationOut]


def _organisation_out(organisation: Organisation) -> OrganisationOut:
    return OrganisationOut(
        orgnr=organisation.orgnr,
        name=organisation.name,
        kind=organisation.kind,  # type: ignore[arg-type]
        peppol_scheme=organisation.peppol_scheme,
        peppol_id=organisation.peppol_id,
        address=organisation.address,
        email=organisation.email,
    )


@router.get("/me", response=MeOut, summary="The authenticated user, organisations and roles")
def me(request: HttpRequest) -> MeOut:
    """The caller. With an API token, only the token's organisation is listed."""
    principal = _principal(request)
    user = principal.user
    return MeOut(
        username=user.get_username(),
        full_name=user.get_full_name(),
        email=user.email,
        authenticated_via=principal.via,
        organisations=[
            MyOrganisationOut(
                orgnr=organisation.orgnr,
                name=organisation.name,
                kind=organisation.kind,  # type: ignore[arg-type]
                peppol_id=organisation.peppol_id,
                roles=roles,
            )
            for organisation, roles in principal.organisations_with_roles()
        ],
    )


@router.get(
    "/organisations", response=list[OrganisationOut], summary="Organisations on the platform"
)
def list_organisations(
    request: HttpRequest, kind: Literal["public_body", "supplier"] | None = None
) -> list[OrganisationOut]:
    """All registered organisations (public register data), optionally of one kind."""
    queryset = Organisation.objects.all()
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    return [_organisation_out(organisation) for organisation in queryset]


@router.get("/organisations/{orgnr}", response=OrganisationOut, summary="One organisation by orgnr")
def get_organisation(request: HttpRequest, orgnr: str) -> OrganisationOut:
    """One organisation by its Norwegian organisation number (spaces allowed)."""
    try:
        compact = normalise_orgnr(orgnr)
    except DjangoValidationError as exc:
        raise ValidationError(
            [{"loc": ["path", "orgnr"], "msg": " ".join(exc.messages), "type": exc.code}]
        ) from exc
    organisation = Organisation.objects.filter(orgnr=compact).first()
    if organisation is None:
        raise Http404(_("No organisation with organisation number %(orgnr)s.") % {"orgnr": compact})
    return _organisation_out(organisation)
