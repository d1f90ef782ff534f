"""SMP writer: the Peppol SMP 1.x responses and the Peppol Directory business card.

The other side of :mod:`heldigital.peppol.smp` (the client): what an SMP
serves, as bytes.

* :func:`service_group` - the ``ServiceGroup`` of Peppol SMP 1.x (BusDox
  namespaces ``http://busdox.org/serviceMetadata/publishing/1.0/`` and
  ``http://busdox.org/transport/identifiers/1.0/``): the participant and one
  ``ServiceMetadataReference`` per document type, whose ``href`` is
  ``{base}/{participant}/services/{document type}`` with both identifiers
  percent-encoded in their ``scheme::value`` form (Peppol SMP 1.x, 3.2;
  Policy for use of Identifiers 4.x).
* :func:`signed_service_metadata` - the ``SignedServiceMetadata``: the
  processes with their endpoints (``wsa:EndpointReference/wsa:Address``,
  transport profile, ``RequireBusinessLevelSignature``, activation and
  expiration, the access point's certificate in base64 DER, description and
  technical contact - the last three are mandatory in the SMP 1.0 schema),
  signed with an enveloped XML signature
  (:func:`heldigital.peppol.xmldsig.sign_enveloped`: Exclusive C14N,
  RSA-SHA256 or ECDSA-SHA256, the signer's certificate and chain in
  ``KeyInfo``) as the last child of ``SignedServiceMetadata``.
* :func:`business_card` - the Peppol Directory business card, version 3
  (namespace ``http://www.peppol.eu/schema/pd/businesscard/20180621/``):
  participant, and per business entity the names, country, geographical
  information, identifiers, websites, additional information and
  registration date.

Everything written here is read back by :func:`heldigital.peppol.smp.parse_service_group`
and :func:`heldigital.peppol.smp.parse_service_metadata` (tested).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from heldigital.peppol import xmldsig
from heldigital.peppol.identifiers import DocumentTypeIdentifier, ParticipantIdentifier
from heldigital.peppol.smp import NS_PEPPOL, NS_PEPPOL_IDS, NS_WSA, Process

__all__ = [
    "NS_BUSINESS_CARD",
    "BusinessCard",
    "BusinessEntity",
    "business_card",
    "service_group",
    "service_metadata_url",
    "signed_service_metadata",
]

#: Namespace of the Peppol Directory business card, version 3.
NS_BUSINESS_CARD = "http://www.peppol.eu/schema/pd/businesscard/20180621/"

_NSMAP = {"smp": NS_PEPPOL, "id": NS_PEPPOL_IDS, "wsa": NS_WSA}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _text(parent: etree._Element, ns: str, name: str, text: str, **attributes: str) -> None:
    element = etree.SubElement(parent, _q(ns, name))
    for attribute, value in attributes.items():
        element.set(attribute, value)
    element.text = text


def _instant(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("activation and expiration must be aware datetimes")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bytes(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def service_metadata_url(
    base_url: str, participant: ParticipantIdentifier, document_type: DocumentTypeIdentifier
) -> str:
    """``{base}/{participant}/services/{document type}``, both percent-encoded."""
    return f"{base_url.rstrip('/')}/{participant.uri}/services/{document_type.uri}"


def service_group(
    participant: ParticipantIdentifier,
    document_types: Sequence[DocumentTypeIdentifier],
    *,
    base_url: str,
) -> bytes:
    """The Peppol SMP 1.x ``ServiceGroup`` of ``participant``."""
    root = etree.Element(_q(NS_PEPPOL, "ServiceGroup"), nsmap=_NSMAP)
    _text(
        root, NS_PEPPOL_IDS, "ParticipantIdentifier", participant.value, scheme=participant.scheme
    )
    collection = etree.SubElement(root, _q(NS_PEPPOL, "ServiceMetadataReferenceCollection"))
    for document_type in document_types:
        etree.SubElement(
            collection,
            _q(NS_PEPPOL, "ServiceMetadataReference"),
            href=service_metadata_url(base_url, participant, document_type),
        )
    return _bytes(root)


def signed_service_metadata(
    participant: ParticipantIdentifier,
    document_type: DocumentTypeIdentifier,
    processes: Sequence[Process],
    *,
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
    certificates: Sequence[x509.Certificate],
) -> bytes:
    """The Peppol SMP 1.x ``SignedServiceMetadata``, signed with ``key``.

    ``certificates`` is the SMP's signing certificate first, then its chain.
    Every endpoint must have its certificate, a description and a technical
    contact (the SMP 1.0 schema requires them).
    """
    if not processes:
        raise ValueError("service metadata needs at least one process")
    root = etree.Element(_q(NS_PEPPOL, "SignedServiceMetadata"), nsmap=_NSMAP)
    metadata = etree.SubElement(root, _q(NS_PEPPOL, "ServiceMetadata"))
    information = etree.SubElement(metadata, _q(NS_PEPPOL, "ServiceInformation"))
    _text(
        information,
        NS_PEPPOL_IDS,
        "ParticipantIdentifier",
        participant.value,
        scheme=participant.scheme,
    )
    _text(
        information,
        NS_PEPPOL_IDS,
        "DocumentIdentifier",
        document_type.value,
        scheme=document_type.scheme,
    )
    process_list = etree.SubElement(information, _q(NS_PEPPOL, "ProcessList"))
    for process in processes:
        for identifier in process.identifiers:
            element = etree.SubElement(process_list, _q(NS_PEPPOL, "Process"))
            _text(
                element,
                NS_PEPPOL_IDS,
                "ProcessIdentifier",
                identifier.value,
                scheme=identifier.scheme,
            )
            endpoints = etree.SubElement(element, _q(NS_PEPPOL, "ServiceEndpointList"))
            if not process.endpoints:
                raise ValueError(f"process {identifier} has no endpoint")
            for endpoint in process.endpoints:
                if endpoint.certificate is None:
                    raise ValueError(f"the endpoint {endpoint.address} has no certificate")
                item = etree.SubElement(
                    endpoints,
                    _q(NS_PEPPOL, "Endpoint"),
                    transportProfile=endpoint.transport_profile,
                )
                reference = etree.SubElement(item, _q(NS_WSA, "EndpointReference"))
                _text(reference, NS_WSA, "Address", endpoint.address)
                _text(item, NS_PEPPOL, "RequireBusinessLevelSignature", "false")
                if endpoint.activation is not None:
                    _text(item, NS_PEPPOL, "ServiceActivationDate", _instant(endpoint.activation))
                if endpoint.expiration is not None:
                    _text(item, NS_PEPPOL, "ServiceExpirationDate", _instant(endpoint.expiration))
                _text(
                    item,
                    NS_PEPPOL,
                    "Certificate",
                    base64.b64encode(endpoint.certificate.public_bytes(Encoding.DER)).decode(
                        "ascii"
                    ),
                )
                _text(item, NS_PEPPOL, "ServiceDescription", endpoint.description or "")
                _text(item, NS_PEPPOL, "TechnicalContactUrl", endpoint.technical_contact or "")
    xmldsig.sign_enveloped(root, key, certificates)
    return _bytes(root)


@dataclass(frozen=True)
class BusinessEntity:
    """One entity on a business card (Peppol Directory business card v3)."""

    name: str
    country: str
    language: str | None = None
    geographical_information: str = ""
    #: (scheme, value) pairs, e.g. ("orgnr", "974760673")
    identifiers: tuple[tuple[str, str], ...] = ()
    websites: tuple[str, ...] = ()
    additional_information: str = ""
    registration_date: date | None = None


@dataclass(frozen=True)
class BusinessCard:
    participant: ParticipantIdentifier
    entities: tuple[BusinessEntity, ...] = field(default_factory=tuple)


def business_card(card: BusinessCard) -> bytes:
    """The Peppol Directory business card v3 of ``card``."""
    ns = NS_BUSINESS_CARD
    root = etree.Element(_q(ns, "BusinessCard"), nsmap={None: ns})  # type: ignore[dict-item]
    _text(
        root,
        ns,
        "ParticipantIdentifier",
        card.participant.value,
        scheme=card.participant.scheme,
    )
    for entity in card.entities:
        if len(entity.country) != 2 or not entity.country.isalpha():
            raise ValueError(f"{entity.country!r} is not an ISO 3166-1 alpha-2 country code")
        element = etree.SubElement(root, _q(ns, "BusinessEntity"))
        name_attributes = {"language": entity.language} if entity.language else {}
        _text(element, ns, "Name", entity.name, **name_attributes)
        _text(element, ns, "CountryCode", entity.country.upper())
        if entity.geographical_information:
            _text(element, ns, "GeographicalInformation", entity.geographical_information)
        for scheme, value in entity.identifiers:
            _text(element, ns, "Identifier", value, scheme=scheme)
        for website in entity.websites:
            _text(element, ns, "WebsiteURI", website)
        if entity.additional_information:
            _text(element, ns, "AdditionalInformation", entity.additional_information)
        if entity.registration_date is not None:
            _text(element, ns, "RegistrationDate", entity.registration_date.isoformat())
    return _bytes(root)
