"""The address register's rules: checks, who may change what, SMP answers, SML zone, statistics.

Plain functions; views, the API and the admin only call them. Time is
passed in (``now``), never read here.

**Who may change the register** (docs/smp.md): the platform's staff users
(the register's operator; Django ``is_staff``) may register and change any
participant. Anyone else may only register and change the participant of the
organisation they act for, as that organisation's administrator - a buyer
administrator of a public body, a supplier user of a supplier - and only
under its own organisation number (``0192:<orgnr>``): an identifier whose
ownership the platform cannot check (a GLN, another country's number) is
left to staff.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import exceptions as stdnum_exceptions

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import ORGNR_ICD, Organisation, OrganisationKind, Role
from heldigital.apps.smp.models import TRANSPORT_AS4, BusinessCard, Capability, Participant
from heldigital.peppol import sml, smp_write
from heldigital.peppol import smp as smp_client
from heldigital.peppol.identifiers import (
    DOCUMENT_TYPE_SCHEMES,
    SCHEME_CENBII_PROCID_UBL,
    SCHEME_ISO6523_ACTORID_UPIS,
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)

#: Roles that administer their own organisation's register entry.
REGISTER_ROLES: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.SUPPLIER_USER})
#: Largest PEM accepted for an access point certificate.
MAX_CERTIFICATE_PEM = 16 * 1024
#: At most this many identifiers on a business card.
MAX_CARD_IDENTIFIERS = 20

_PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----")


# --- Validation ---------------------------------------------------------------


def _invalid(field_name: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field_name: [ValidationError(message, code=code)]})


def _xml_text(value: str, field_name: str) -> str:
    """Text that can go into XML 1.0 (no control characters, no non-characters)."""
    for character in value:
        code = ord(character)
        if (code < 0x20 and character not in "\t\n\r") or code in (0xFFFE, 0xFFFF):
            raise _invalid(field_name, _("The text contains control characters."))
        if unicodedata.category(character) == "Cs":
            raise _invalid(field_name, _("The text contains control characters."))
    return value


def _is_xml_text(value: str) -> bool:
    try:
        _xml_text(value, "text")
    except ValidationError:
        return False
    return True


def parse_participant(text: str, field_name: str = "identifier") -> ParticipantIdentifier:
    """A participant identifier from ``scheme::value`` or ``ICD:identifier``, checked.

    For ``iso6523-actorid-upis`` the ICD must be in the Peppol code list and
    the identifier behind it must pass its register's check (python-stdnum:
    the check digit of an organisation number or a GLN ...).
    """
    text = text.strip()
    try:
        participant = (
            ParticipantIdentifier.parse(text)
            if "::" in text
            else ParticipantIdentifier.create(text)
        )
        if participant.scheme == SCHEME_ISO6523_ACTORID_UPIS:
            participant.validate_icd()
    except InvalidIdentifier as exc:
        raise _invalid(field_name, _("Not a valid participant identifier: %s") % exc) from None
    except stdnum_exceptions.ValidationError as exc:
        raise _invalid(
            field_name,
            _("The identifier behind ICD %(icd)s is not valid: %(reason)s")
            % {"icd": participant.icd, "reason": exc},
            code="invalid_icd",
        ) from None
    return participant


def parse_document_type(text: str, field_name: str = "document_type") -> DocumentTypeIdentifier:
    """``busdox-docid-qns::<value>`` or the bare value (scheme ``busdox-docid-qns``)."""
    text = _xml_text(text.strip(), field_name)
    try:
        for scheme in DOCUMENT_TYPE_SCHEMES:
            if text.startswith(scheme + "::"):
                return DocumentTypeIdentifier.parse(text)
        return DocumentTypeIdentifier.create(text)
    except InvalidIdentifier as exc:
        raise _invalid(field_name, _("Not a valid document type identifier: %s") % exc) from None


def parse_process(text: str, field_name: str = "process") -> ProcessIdentifier:
    """``cenbii-procid-ubl::<value>`` or the bare value (scheme ``cenbii-procid-ubl``)."""
    text = _xml_text(text.strip(), field_name)
    try:
        if re.match(r"^[a-z0-9]+-[a-z0-9]+-[a-z0-9]+::", text) or text.startswith(
            SCHEME_CENBII_PROCID_UBL + "::"
        ):
            return ProcessIdentifier.parse(text)
        return ProcessIdentifier.create(text)
    except InvalidIdentifier as exc:
        raise _invalid(field_name, _("Not a valid process identifier: %s") % exc) from None


def parse_certificate(
    pem: str, *, now: datetime, field_name: str = "certificate"
) -> x509.Certificate:
    """One X.509 certificate in PEM, not a CA, with an RSA or EC key, valid now or later."""
    if len(pem) > MAX_CERTIFICATE_PEM:
        raise _invalid(field_name, _("The certificate is larger than 16 KiB."), code="too_long")
    blocks = _PEM_BLOCK.findall(pem)
    if blocks != ["CERTIFICATE"]:
        raise _invalid(
            field_name, _("Give exactly one certificate in PEM (-----BEGIN CERTIFICATE-----).")
        )
    try:
        certificate = x509.load_pem_x509_certificate(pem.strip().encode("ascii"))
        key = certificate.public_key()
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = False
    except (ValueError, UnicodeEncodeError) as exc:
        raise _invalid(field_name, _("The certificate cannot be read: %s") % exc) from None
    if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise _invalid(field_name, _("The certificate's key is neither RSA nor elliptic curve."))
    if is_ca:
        raise _invalid(field_name, _("This is a CA certificate, not an access point's."))
    if certificate.not_valid_after_utc < now:
        raise _invalid(
            field_name,
            _("The certificate expired on %s.") % certificate.not_valid_after_utc.isoformat(),
            code="expired",
        )
    return certificate


def check_endpoint_url(url: str, field_name: str = "endpoint_url") -> str:
    url = _xml_text(url.strip(), field_name)
    parts = urlsplit(url)
    if (
        parts.scheme != "https"
        or not parts.hostname
        or any(c.isspace() or ord(c) < 0x20 for c in url)
        or len(url) > 500
    ):
        raise _invalid(field_name, _("The endpoint must be an https:// URL (Peppol AS4)."))
    return url


def _aware(value: datetime | None, field_name: str) -> datetime | None:
    if value is not None and value.tzinfo is None:
        raise _invalid(field_name, _("Give the time with a time zone offset, e.g. Z."))
    return value


# --- Inputs -------------------------------------------------------------------


@dataclass(frozen=True)
class CardInput:
    name: str
    country: str = "NO"
    geographical_information: str = ""
    identifiers: Sequence[tuple[str, str]] = ()
    website: str = ""
    registration_date: date | None = None


@dataclass(frozen=True)
class ParticipantInput:
    identifier: str
    organisation: str | None = None
    business_card: CardInput | None = None


@dataclass(frozen=True)
class CapabilityInput:
    document_type: str
    process: str
    endpoint_url: str
    certificate: str
    technical_contact: str
    transport_profile: str = TRANSPORT_AS4
    activation: datetime | None = None
    expiration: datetime | None = None
    description: str = ""


@dataclass
class CheckedCapability:
    document_type: DocumentTypeIdentifier
    process: ProcessIdentifier
    values: dict[str, Any] = field(default_factory=dict)


def check_capability(data: CapabilityInput, *, now: datetime) -> CheckedCapability:
    """Every field of a capability checked; :class:`ValidationError` names each bad one."""
    errors: dict[str, list[ValidationError]] = {}
    checked: dict[str, Any] = {}

    def attempt(name: str, check: Any) -> Any:
        try:
            return check()
        except ValidationError as exc:
            for key, messages in exc.error_dict.items():
                errors.setdefault(key, []).extend(messages)
            return None

    document_type = attempt("document_type", lambda: parse_document_type(data.document_type))
    process = attempt("process", lambda: parse_process(data.process))
    checked["endpoint_url"] = attempt("endpoint_url", lambda: check_endpoint_url(data.endpoint_url))
    certificate = attempt("certificate", lambda: parse_certificate(data.certificate, now=now))
    profile = data.transport_profile.strip()
    if not re.fullmatch(r"[A-Za-z0-9._:-]{1,100}", profile):
        errors.setdefault("transport_profile", []).append(
            ValidationError(_("Not a transport profile identifier."), code="invalid")
        )
    contact = data.technical_contact.strip()
    if not contact or len(contact) > 256:
        errors.setdefault("technical_contact", []).append(
            ValidationError(_("Give an e-mail address or URL (at most 256 characters)."))
        )
    attempt("technical_contact", lambda: _xml_text(contact, "technical_contact"))
    attempt("description", lambda: _xml_text(data.description, "description"))
    if len(data.description) > 200:
        errors.setdefault("description", []).append(
            ValidationError(_("At most 200 characters."), code="too_long")
        )
    activation = attempt("activation", lambda: _aware(data.activation, "activation"))
    expiration = attempt("expiration", lambda: _aware(data.expiration, "expiration"))
    if activation and expiration and expiration <= activation:
        errors.setdefault("expiration", []).append(
            ValidationError(_("The expiration must come after the activation."))
        )
    if errors:
        raise ValidationError(errors)
    assert document_type is not None and process is not None and certificate is not None
    checked.update(
        document_type_scheme=document_type.scheme,
        document_type=document_type.value,
        process_scheme=process.scheme,
        process=process.value,
        transport_profile=profile,
        certificate=data.certificate.strip() + "\n",
        activation=activation,
        expiration=expiration,
        description=data.description.strip(),
        technical_contact=contact,
    )
    return CheckedCapability(document_type, process, checked)


def check_card(data: CardInput) -> dict[str, Any]:
    errors: dict[str, list[ValidationError]] = {}
    for name, value, limit in (
        ("name", data.name, 200),
        ("geographical_information", data.geographical_information, 500),
        ("website", data.website, 500),
    ):
        try:
            _xml_text(value, name)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.error_dict[name])
        if len(value) > limit:
            errors.setdefault(name, []).append(
                ValidationError(_("At most %d characters.") % limit, code="too_long")
            )
    if not data.name.strip():
        errors.setdefault("name", []).append(ValidationError(_("The name is required.")))
    if not re.fullmatch(r"[A-Za-z]{2}", data.country):
        errors.setdefault("country", []).append(
            ValidationError(_("Give an ISO 3166-1 alpha-2 country code, e.g. NO."))
        )
    if len(data.identifiers) > MAX_CARD_IDENTIFIERS:
        errors.setdefault("identifiers", []).append(
            ValidationError(_("At most %d identifiers.") % MAX_CARD_IDENTIFIERS)
        )
    for scheme, value in data.identifiers:
        if (
            not scheme.strip()
            or not value.strip()
            or len(scheme) > 50
            or len(value) > 200
            or not _is_xml_text(scheme + value)
        ):
            errors.setdefault("identifiers", []).append(
                ValidationError(
                    _("Each identifier needs a scheme and a value, without control characters.")
                )
            )
            break
    if errors:
        raise ValidationError(errors)
    return {
        "name": data.name.strip(),
        "country": data.country.upper(),
        "geographical_information": data.geographical_information.strip(),
        "identifiers": [{"scheme": s.strip(), "value": v.strip()} for s, v in data.identifiers],
        "website": data.website.strip(),
        "registration_date": data.registration_date,
    }


# --- Who may change what ------------------------------------------------------


def is_operator(principal: Principal) -> bool:
    """The register's operator: a staff user (session or token)."""
    return bool(principal.user.is_active and principal.user.is_staff)


def can_manage(principal: Principal, participant: Participant) -> bool:
    if is_operator(principal):
        return True
    organisation = participant.organisation
    return organisation is not None and principal.has_role(organisation, REGISTER_ROLES)


def manageable(principal: Principal) -> QuerySet[Participant]:
    """The participants ``principal`` may see and change in the API."""
    queryset = Participant.objects.select_related("organisation", "business_card")
    if is_operator(principal):
        return queryset.all()
    organisation = principal.organisation
    if organisation is None or not principal.has_role(organisation, REGISTER_ROLES):
        return queryset.none()
    return queryset.filter(organisation=organisation)


def _own_organisation(participant: ParticipantIdentifier) -> Organisation | None:
    if participant.scheme == SCHEME_ISO6523_ACTORID_UPIS and participant.icd == ORGNR_ICD:
        return Organisation.objects.filter(orgnr=participant.identifier).first()
    return None


def on_organisation_saved(sender: object, instance: Organisation, **kwargs: object) -> None:
    """Link ``0192:<orgnr>`` entries registered before their organisation came to the platform."""
    Participant.objects.filter(
        scheme=SCHEME_ISO6523_ACTORID_UPIS,
        value=f"{ORGNR_ICD}:{instance.orgnr}",
        organisation__isnull=True,
    ).update(organisation=instance)


def find(participant: ParticipantIdentifier) -> Participant | None:
    """The register entry of ``participant`` (its canonical form), or None."""
    return (
        Participant.objects.filter(scheme=participant.scheme, value=participant.value)
        .select_related("organisation")
        .first()
    )


def organisation_for(participant: ParticipantIdentifier) -> Organisation | None:
    """The organisation on this platform that ``participant`` belongs to, or None.

    Only the register decides: a participant registered here and linked to an
    organisation (the exchange app delivers its documents straight into that
    organisation's inbox instead of through the access point).
    """
    entry = find(participant)
    return entry.organisation if entry is not None else None


# --- Changes ------------------------------------------------------------------


class Conflict(Exception):
    """The register already holds this (participant or capability)."""


def _duplicate_capability() -> Conflict:
    return Conflict(
        _("The participant already has this document type, process and transport profile.")
    )


def _save_card(participant: Participant, card: CardInput | None) -> None:
    if card is None:
        BusinessCard.objects.filter(participant=participant).delete()
        return
    values = check_card(card)
    BusinessCard.objects.update_or_create(participant=participant, defaults=values)


def register(principal: Principal, data: ParticipantInput, *, now: datetime) -> Participant:
    """Register a participant (with its business card)."""
    identifier = parse_participant(data.identifier)
    linked = _own_organisation(identifier)
    if is_operator(principal):
        if data.organisation:
            linked = Organisation.objects.filter(orgnr=data.organisation.replace(" ", "")).first()
            if linked is None:
                raise _invalid(
                    "organisation", _("No organisation with number %s.") % data.organisation
                )
    else:
        acting = principal.organisation
        if acting is None or not principal.has_role(acting, REGISTER_ROLES):
            raise PermissionDenied(
                _("This needs the organisation's administrator or the register's operator.")
            )
        if linked is None or linked.pk != acting.pk:
            raise PermissionDenied(
                _(
                    "You may register only your own organisation, as "
                    "iso6523-actorid-upis::0192:%(orgnr)s."
                )
                % {"orgnr": acting.orgnr}
            )
    if data.business_card is not None:
        check_card(data.business_card)
    try:
        with transaction.atomic():
            if find(identifier) is not None:
                raise Conflict(_("%s is already registered.") % identifier)
            participant = Participant.objects.create(
                scheme=identifier.scheme,
                value=identifier.value,
                organisation=linked,
                created_at=now,
                updated_at=now,
            )
            _save_card(participant, data.business_card)
    except IntegrityError as exc:  # registered by another request since find()
        raise Conflict(_("%s is already registered.") % identifier) from exc
    return participant


def _require(principal: Principal, participant: Participant) -> None:
    if not can_manage(principal, participant):
        raise PermissionDenied(_("You may not change this participant."))


def update_card(
    principal: Principal, participant: Participant, card: CardInput | None, *, now: datetime
) -> Participant:
    _require(principal, participant)
    with transaction.atomic():
        _save_card(participant, card)
        Participant.objects.filter(pk=participant.pk).update(updated_at=now)
    participant.refresh_from_db()
    return participant


def unregister(principal: Principal, participant: Participant) -> None:
    _require(principal, participant)
    participant.delete()


def _duplicate(participant: Participant, values: dict[str, Any], exclude: int | None) -> bool:
    keys = (
        "document_type_scheme",
        "document_type",
        "process_scheme",
        "process",
        "transport_profile",
    )
    queryset = Capability.objects.filter(participant=participant, **{k: values[k] for k in keys})
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.exists()


def add_capability(
    principal: Principal, participant: Participant, data: CapabilityInput, *, now: datetime
) -> Capability:
    _require(principal, participant)
    checked = check_capability(data, now=now)
    try:
        with transaction.atomic():
            if _duplicate(participant, checked.values, None):
                raise _duplicate_capability()
            capability = Capability.objects.create(
                participant=participant, created_at=now, updated_at=now, **checked.values
            )
            Participant.objects.filter(pk=participant.pk).update(updated_at=now)
    except IntegrityError as exc:  # added by another request since _duplicate()
        raise _duplicate_capability() from exc
    return capability


def change_capability(
    principal: Principal, capability: Capability, data: CapabilityInput, *, now: datetime
) -> Capability:
    _require(principal, capability.participant)
    checked = check_capability(data, now=now)
    try:
        with transaction.atomic():
            if _duplicate(capability.participant, checked.values, capability.pk):
                raise _duplicate_capability()
            for key, value in checked.values.items():
                setattr(capability, key, value)
            capability.updated_at = now
            capability.save()
    except IntegrityError as exc:  # the same capability added by another request meanwhile
        raise _duplicate_capability() from exc
    return capability


def remove_capability(principal: Principal, capability: Capability) -> None:
    _require(principal, capability.participant)
    capability.delete()


# --- The SMP answers ----------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificates: tuple[x509.Certificate, ...]


class NotConfigured(Exception):
    """The SMP signing key or certificate is not configured or cannot be read."""


@lru_cache(maxsize=4)
def _load_signer(key_path: str, certificate_path: str, stamp: tuple[float, float]) -> Signer:
    password = os.environ.get("HELDIGITAL_SMP_KEY_PASSWORD")
    key = load_pem_private_key(
        Path(key_path).read_bytes(), password=password.encode() if password else None
    )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise NotConfigured("the SMP key is neither RSA nor elliptic curve")
    certificates = tuple(x509.load_pem_x509_certificates(Path(certificate_path).read_bytes()))
    if not certificates or certificates[0].public_key() != key.public_key():
        raise NotConfigured("the first SMP certificate is not the SMP key's")
    return Signer(key, certificates)


def signer() -> Signer:
    """The SMP's signing key and certificate chain (``HELDIGITAL_SMP_KEY``/``..._CERTIFICATE``)."""
    key_path = settings.HELDIGITAL_SMP_KEY
    certificate_path = settings.HELDIGITAL_SMP_CERTIFICATE
    if not key_path or not certificate_path:
        raise NotConfigured("HELDIGITAL_SMP_KEY and HELDIGITAL_SMP_CERTIFICATE are not set")
    try:
        stamp = (Path(key_path).stat().st_mtime, Path(certificate_path).stat().st_mtime)
        return _load_signer(key_path, certificate_path, stamp)
    except (OSError, ValueError, TypeError) as exc:
        raise NotConfigured(f"the SMP key or certificate cannot be read: {exc}") from None


def _document_types(participant: Participant) -> list[DocumentTypeIdentifier]:
    pairs = (
        participant.capabilities.order_by("document_type_scheme", "document_type")
        .values_list("document_type_scheme", "document_type")
        .distinct()
    )
    return [DocumentTypeIdentifier.create(value, scheme) for scheme, value in pairs]


def service_group_xml(participant: Participant, *, base_url: str) -> bytes:
    return smp_write.service_group(
        participant.identifier, _document_types(participant), base_url=base_url
    )


def service_metadata_xml(
    participant: Participant, document_type: DocumentTypeIdentifier, *, signing: Signer
) -> bytes | None:
    """The signed service metadata, or None when the participant lacks the document type."""
    capabilities = list(
        participant.capabilities.filter(
            document_type_scheme=document_type.scheme, document_type=document_type.value
        ).order_by("process_scheme", "process", "transport_profile", "pk")
    )
    if not capabilities:
        return None
    by_process: dict[ProcessIdentifier, list[smp_client.Endpoint]] = {}
    for capability in capabilities:
        by_process.setdefault(capability.process_identifier, []).append(
            smp_client.Endpoint(
                transport_profile=capability.transport_profile,
                address=capability.endpoint_url,
                certificate=x509.load_pem_x509_certificate(capability.certificate.encode()),
                activation=capability.activation,
                expiration=capability.expiration,
                description=capability.description,
                technical_contact=capability.technical_contact,
            )
        )
    processes = [
        smp_client.Process((process,), tuple(endpoints))
        for process, endpoints in by_process.items()
    ]
    return smp_write.signed_service_metadata(
        participant.identifier,
        document_type,
        processes,
        key=signing.key,
        certificates=signing.certificates,
    )


def business_card_xml(participant: Participant) -> bytes | None:
    card = BusinessCard.objects.filter(participant=participant).first()
    if card is None:
        return None
    entity = smp_write.BusinessEntity(
        name=card.name,
        country=card.country,
        geographical_information=card.geographical_information,
        identifiers=tuple((i["scheme"], i["value"]) for i in card.identifiers),
        websites=(card.website,) if card.website else (),
        registration_date=card.registration_date,
    )
    return smp_write.business_card(smp_write.BusinessCard(participant.identifier, (entity,)))


# --- The SML zone -------------------------------------------------------------


def zone_text(
    *,
    zone: str,
    smp_url: str,
    now: datetime,
    ttl: int = 60,
    nameserver: str | None = None,
    hostmaster: str | None = None,
) -> str:
    """A DNS zone file (master-file syntax) with both SML records of every participant.

    ``$ORIGIN``, an SOA (serial: the Unix time of ``now``) and an NS record,
    then for each registered participant, in identifier order, the legacy
    CNAME (``B-<md5>``) to the SMP's host and the BDXL U-NAPTR whose regexp
    gives ``smp_url`` (:func:`heldigital.peppol.sml.zone_records`).
    """
    origin = zone.strip().rstrip(".")
    host = urlsplit(smp_url).hostname
    if not origin or not host:
        raise ValueError("a zone and an http(s) SMP URL are needed")
    nameserver = (nameserver or f"ns.{origin}").rstrip(".") + "."
    hostmaster = (hostmaster or f"hostmaster.{origin}").rstrip(".") + "."
    serial = int(now.timestamp())
    lines = [
        f"; SML zone of the Heldigital address register, {now.isoformat()}",
        f"$ORIGIN {origin}.",
        f"$TTL {ttl}",
        f"@ {ttl} IN SOA {nameserver} {hostmaster} {serial} 3600 600 86400 {ttl}",
        f"@ {ttl} IN NS {nameserver}",
    ]
    for participant in Participant.objects.order_by("scheme", "value").iterator():
        lines += sml.zone_records(
            participant.identifier, zone=origin, smp_url=smp_url, smp_host=host, ttl=ttl
        )
    return "\n".join(lines) + "\n"


# --- Statistics ---------------------------------------------------------------


#: Document type families, by the root element of the document (and, for
#: ApplicationResponse, the customization), in the order they are shown.
FAMILIES: tuple[tuple[str, Any], ...] = (
    ("invoice", gettext_lazy("Invoices")),
    ("credit_note", gettext_lazy("Credit notes")),
    ("order", gettext_lazy("Orders")),
    ("order_response", gettext_lazy("Order responses")),
    ("order_change", gettext_lazy("Order changes and cancellations")),
    ("despatch_advice", gettext_lazy("Despatch advice")),
    ("catalogue", gettext_lazy("Catalogues")),
    ("catalogue_response", gettext_lazy("Catalogue responses")),
    ("invoice_response", gettext_lazy("Invoice responses")),
    ("message_level_response", gettext_lazy("Message level responses")),
    ("other", gettext_lazy("Other documents")),
)
_BY_ROOT = {
    "Invoice": "invoice",
    "CreditNote": "credit_note",
    "Order": "order",
    "OrderResponse": "order_response",
    "OrderChange": "order_change",
    "OrderCancellation": "order_change",
    "DespatchAdvice": "despatch_advice",
    "Catalogue": "catalogue",
}


def family(document_type: DocumentTypeIdentifier) -> str:
    """The family of a document type (``invoice``, ``order``, ``catalogue`` ...)."""
    local = document_type.local_name
    if local in _BY_ROOT:
        return _BY_ROOT[local]
    if local == "ApplicationResponse":
        customization = document_type.customization_id
        if "invoice_response" in customization:
            return "invoice_response"
        if "catalogue_response" in customization:
            return "catalogue_response"
        if ":mlr:" in customization or customization.endswith(":mlr"):
            return "message_level_response"
    return "other"


@dataclass(frozen=True)
class FamilyCount:
    family: str
    label: str
    participants: int
    public_bodies: int


@dataclass(frozen=True)
class Statistics:
    at: datetime
    participants: int
    receiving: int
    public_bodies: int
    families: tuple[FamilyCount, ...]


def _active(now: datetime) -> QuerySet[Capability]:
    from django.db.models import Q

    return Capability.objects.filter(
        Q(activation__isnull=True) | Q(activation__lte=now),
        Q(expiration__isnull=True) | Q(expiration__gte=now),
    )


def statistics(*, now: datetime) -> Statistics:
    """How many participants can receive each family of documents at ``now``.

    A participant counts for a family when it has at least one capability of
    a document type of that family that is active at ``now``; ``public_bodies``
    counts those linked to a public body on the platform.
    """
    rows: Iterable[tuple[int, str, str, str | None]] = (
        _active(now)
        .values_list(
            "participant_id",
            "document_type_scheme",
            "document_type",
            "participant__organisation__kind",
        )
        .distinct()
    )
    families: dict[str, set[int]] = {}
    public: dict[str, set[int]] = {}
    receiving: set[int] = set()
    receiving_public: set[int] = set()
    cache: dict[tuple[str, str], str] = {}
    for participant_id, scheme, value, kind in rows:
        key = (scheme, value)
        if key not in cache:
            try:
                cache[key] = family(DocumentTypeIdentifier.create(value, scheme))
            except InvalidIdentifier:
                cache[key] = "other"
        name = cache[key]
        families.setdefault(name, set()).add(participant_id)
        receiving.add(participant_id)
        if kind == OrganisationKind.PUBLIC_BODY:
            public.setdefault(name, set()).add(participant_id)
            receiving_public.add(participant_id)
    return Statistics(
        at=now,
        participants=Participant.objects.count(),
        receiving=len(receiving),
        public_bodies=len(receiving_public),
        families=tuple(
            FamilyCount(name, str(label), len(families.get(name, ())), len(public.get(name, ())))
            for name, label in FAMILIES
        ),
    )


# --- Public look-up (what ELMA's search answers) --------------------------------


@dataclass(frozen=True)
class RegisterEntry:
    identifier: str
    name: str
    #: labels of the document families the participant can receive at ``now``
    receives: tuple[str, ...]


#: Most entries one search shows.
SEARCH_LIMIT = 50


def search(query: str, *, now: datetime) -> list[RegisterEntry]:
    """Entries matching ``query``: a participant identifier, an organisation number or a name.

    An identifier (``scheme::value`` or ``ICD:identifier``) or nine digits (an
    organisation number, ``0192``) match exactly; other text matches the
    business card's or the organisation's name. At most :data:`SEARCH_LIMIT`.
    """
    from django.db.models import Q

    text = query.strip()[:200]
    if not text or any(ord(c) < 0x20 for c in text):
        return []
    queryset = Participant.objects.select_related("organisation", "business_card")
    compact = text.replace(" ", "")
    if re.fullmatch(r"[0-9]{9}", compact):
        queryset = queryset.filter(scheme=SCHEME_ISO6523_ACTORID_UPIS, value=f"0192:{compact}")
    elif ":" in text:
        try:
            identifier = (
                ParticipantIdentifier.parse(text)
                if "::" in text
                else ParticipantIdentifier.create(text)
            )
        except InvalidIdentifier:
            return []
        queryset = queryset.filter(scheme=identifier.scheme, value=identifier.value)
    else:
        queryset = queryset.filter(
            Q(business_card__name__icontains=text) | Q(organisation__name__icontains=text)
        )
    participants = list(queryset.order_by("scheme", "value")[:SEARCH_LIMIT])
    active: dict[int, set[str]] = {}
    rows = (
        _active(now)
        .filter(participant__in=participants)
        .values_list("participant_id", "document_type_scheme", "document_type")
        .distinct()
    )
    for participant_id, scheme, value in rows:
        try:
            name = family(DocumentTypeIdentifier.create(value, scheme))
        except InvalidIdentifier:
            name = "other"
        active.setdefault(participant_id, set()).add(name)
    entries = []
    for participant in participants:
        card = getattr(participant, "business_card", None)
        name = (
            card.name if card else participant.organisation.name if participant.organisation else ""
        )
        families = active.get(participant.pk, set())
        entries.append(
            RegisterEntry(
                identifier=str(participant),
                name=name,
                receives=tuple(str(label) for key, label in FAMILIES if key in families),
            )
        )
    return entries
