"""The address register's API (``/api/v1/smp``).

Participants and their capabilities, for the register's operators (staff)
and for each organisation's administrators (its own ``0192:<orgnr>`` entry);
the statistics of capabilities are public. See docs/smp.md.
"""

from __future__ import annotations

from datetime import date, datetime
from http import HTTPStatus

from cryptography import x509
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError

from heldigital.apps.accounts.access import api_principal
from heldigital.apps.inputs import Text
from heldigital.apps.smp import services
from heldigital.apps.smp.models import TRANSPORT_AS4, Capability, Participant
from heldigital.peppol.identifiers import InvalidIdentifier, ParticipantIdentifier

router = Router(tags=["address register (SMP)"])


class IdentifierIn(Schema):
    scheme: Text(50)
    value: Text(200)


class BusinessCardIn(Schema):
    name: Text(200)
    country: Text(2) = "NO"
    geographical_information: Text(500) = ""
    identifiers: list[IdentifierIn] = Field(default_factory=list, max_length=20)
    website: Text(500) = ""
    registration_date: date | None = None


class ParticipantIn(Schema):
    #: ``iso6523-actorid-upis::0192:974760673`` or ``0192:974760673``
    identifier: Text(200)
    #: organisation number to link to (operators only; ``0192`` identifiers link themselves)
    organisation: Text(20) | None = None
    business_card: BusinessCardIn | None = None


class ParticipantUpdate(Schema):
    business_card: BusinessCardIn | None = None


class CapabilityIn(Schema):
    document_type: Text(600)
    process: Text(250)
    transport_profile: Text(100) = TRANSPORT_AS4
    endpoint_url: Text(500)
    certificate: Text(services.MAX_CERTIFICATE_PEM)
    activation: datetime | None = None
    expiration: datetime | None = None
    description: Text(200) = ""
    technical_contact: Text(256)


class BusinessCardOut(Schema):
    name: str
    country: str
    geographical_information: str
    identifiers: list[IdentifierIn]
    website: str
    registration_date: date | None


class CapabilityOut(Schema):
    id: int
    document_type: str
    process: str
    family: str
    transport_profile: str
    endpoint_url: str
    certificate: str
    certificate_subject: str
    certificate_not_after: datetime
    activation: datetime | None
    expiration: datetime | None
    description: str
    technical_contact: str


class ParticipantOut(Schema):
    identifier: str
    scheme: str
    value: str
    organisation: str | None
    service_group_url: str
    business_card: BusinessCardOut | None
    capabilities: list[CapabilityOut]
    updated_at: datetime


class FamilyOut(Schema):
    family: str
    label: str
    participants: int
    public_bodies: int


class StatisticsOut(Schema):
    at: datetime
    participants: int
    receiving: int
    public_bodies: int
    families: list[FamilyOut]


def _unprocessable(exc: DjangoValidationError, prefix: str = "body") -> ValidationError:
    errors = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            errors.append({"loc": [prefix, name], "msg": message, "type": "value_error"})
    return ValidationError(errors)


def _capability_out(capability: Capability) -> CapabilityOut:
    certificate = x509.load_pem_x509_certificate(capability.certificate.encode())
    document_type = capability.document_type_identifier
    return CapabilityOut(
        id=capability.pk,
        document_type=str(document_type),
        process=str(capability.process_identifier),
        family=services.family(document_type),
        transport_profile=capability.transport_profile,
        endpoint_url=capability.endpoint_url,
        certificate=capability.certificate,
        certificate_subject=certificate.subject.rfc4514_string(),
        certificate_not_after=certificate.not_valid_after_utc,
        activation=capability.activation,
        expiration=capability.expiration,
        description=capability.description,
        technical_contact=capability.technical_contact,
    )


def _participant_out(request: HttpRequest, participant: Participant) -> ParticipantOut:
    card = getattr(participant, "business_card", None)
    identifier = participant.identifier
    return ParticipantOut(
        identifier=str(identifier),
        scheme=identifier.scheme,
        value=identifier.value,
        organisation=participant.organisation.orgnr if participant.organisation else None,
        service_group_url=request.build_absolute_uri("/" + identifier.uri),
        business_card=(
            BusinessCardOut(
                name=card.name,
                country=card.country,
                geographical_information=card.geographical_information,
                identifiers=[IdentifierIn(**i) for i in card.identifiers],
                website=card.website,
                registration_date=card.registration_date,
            )
            if card is not None
            else None
        ),
        capabilities=[_capability_out(c) for c in participant.capabilities.all()],
        updated_at=participant.updated_at,
    )


def _card(data: BusinessCardIn | None) -> services.CardInput | None:
    if data is None:
        return None
    return services.CardInput(
        name=data.name,
        country=data.country,
        geographical_information=data.geographical_information,
        identifiers=[(i.scheme, i.value) for i in data.identifiers],
        website=data.website,
        registration_date=data.registration_date,
    )


def _capability_input(data: CapabilityIn) -> services.CapabilityInput:
    return services.CapabilityInput(**data.dict())


def _participant(request: HttpRequest, identifier: str) -> Participant:
    """The participant ``identifier`` if the caller may manage it, else 404."""
    try:
        text = identifier.strip()
        parsed = (
            ParticipantIdentifier.parse(text)
            if "::" in text
            else ParticipantIdentifier.create(text)
        )
    except InvalidIdentifier:
        raise Http404(_("No such participant in the register.")) from None
    found = (
        services.manageable(api_principal(request))
        .filter(scheme=parsed.scheme, value=parsed.value)
        .first()
    )
    if found is None:
        raise Http404(_("No such participant in the register."))
    return found


@router.get(
    "/smp/participants",
    response=list[ParticipantOut],
    summary="Register entries the caller may manage",
)
def list_participants(request: HttpRequest) -> list[ParticipantOut]:
    """All entries for an operator; the own organisation's for its administrators."""
    queryset = services.manageable(api_principal(request)).prefetch_related("capabilities")
    return [_participant_out(request, p) for p in queryset]


@router.post(
    "/smp/participants",
    response={201: ParticipantOut},
    summary="Register a participant",
)
def create_participant(request: HttpRequest, data: ParticipantIn) -> Status:
    principal = api_principal(request)
    try:
        participant = services.register(
            principal,
            services.ParticipantInput(
                identifier=data.identifier,
                organisation=data.organisation,
                business_card=_card(data.business_card),
            ),
            now=timezone.now(),
        )
    except DjangoValidationError as exc:
        raise _unprocessable(exc) from None
    except services.Conflict as exc:
        raise HttpError(HTTPStatus.CONFLICT, str(exc)) from None
    return Status(201, _participant_out(request, participant))


@router.get("/smp/participants/{identifier}", response=ParticipantOut, summary="One register entry")
def get_participant(request: HttpRequest, identifier: str) -> ParticipantOut:
    return _participant_out(request, _participant(request, identifier))


@router.put(
    "/smp/participants/{identifier}",
    response=ParticipantOut,
    summary="Replace a participant's business card",
)
def update_participant(
    request: HttpRequest, identifier: str, data: ParticipantUpdate
) -> ParticipantOut:
    participant = _participant(request, identifier)
    try:
        participant = services.update_card(
            api_principal(request), participant, _card(data.business_card), now=timezone.now()
        )
    except DjangoValidationError as exc:
        raise _unprocessable(exc, "business_card") from None
    return _participant_out(request, participant)


@router.delete(
    "/smp/participants/{identifier}", response={204: None}, summary="Remove a participant"
)
def delete_participant(request: HttpRequest, identifier: str) -> Status:
    services.unregister(api_principal(request), _participant(request, identifier))
    return Status(204, None)


@router.post(
    "/smp/participants/{identifier}/capabilities",
    response={201: CapabilityOut},
    summary="Add a capability (document type, process, endpoint)",
)
def create_capability(request: HttpRequest, identifier: str, data: CapabilityIn) -> Status:
    participant = _participant(request, identifier)
    try:
        capability = services.add_capability(
            api_principal(request), participant, _capability_input(data), now=timezone.now()
        )
    except DjangoValidationError as exc:
        raise _unprocessable(exc) from None
    except services.Conflict as exc:
        raise HttpError(HTTPStatus.CONFLICT, str(exc)) from None
    return Status(201, _capability_out(capability))


def _capability(request: HttpRequest, identifier: str, capability_id: int) -> Capability:
    participant = _participant(request, identifier)
    return get_object_or_404(Capability, pk=capability_id, participant=participant)


@router.put(
    "/smp/participants/{identifier}/capabilities/{capability_id}",
    response=CapabilityOut,
    summary="Replace a capability",
)
def update_capability(
    request: HttpRequest, identifier: str, capability_id: int, data: CapabilityIn
) -> CapabilityOut:
    capability = _capability(request, identifier, capability_id)
    try:
        capability = services.change_capability(
            api_principal(request), capability, _capability_input(data), now=timezone.now()
        )
    except DjangoValidationError as exc:
        raise _unprocessable(exc) from None
    except services.Conflict as exc:
        raise HttpError(HTTPStatus.CONFLICT, str(exc)) from None
    return _capability_out(capability)


@router.delete(
    "/smp/participants/{identifier}/capabilities/{capability_id}",
    response={204: None},
    summary="Remove a capability",
)
def delete_capability(request: HttpRequest, identifier: str, capability_id: int) -> Status:
    services.remove_capability(
        api_principal(request), _capability(request, identifier, capability_id)
    )
    return Status(204, None)


@router.get(
    "/smp/statistics",
    response=StatisticsOut,
    auth=None,
    summary="How many participants can receive each kind of document (public)",
)
def statistics(request: HttpRequest) -> StatisticsOut:
    figures = services.statistics(now=timezone.now())
    return StatisticsOut(
        at=figures.at,
        participants=figures.participants,
        receiving=figures.receiving,
        public_bodies=figures.public_bodies,
        families=[FamilyOut(**vars(f)) for f in figures.families],
    )
