"""SMP client: where and how a participant receives a document type.

Three REST flavours of the Service Metadata Publisher are read, detected by
the namespace of the response:

* **Peppol SMP 1.x** (Peppol "Service Metadata Publishing" 1.2, the BusDox
  namespaces ``http://busdox.org/serviceMetadata/publishing/1.0/`` and
  ``http://busdox.org/transport/identifiers/1.0/``): ``GET
  {smp}/{participant}`` is the ``ServiceGroup`` (references to the
  participant's service metadata); ``GET
  {smp}/{participant}/services/{document type}`` is the
  ``SignedServiceMetadata``: processes with their endpoints
  (``wsa:EndpointReference/wsa:Address``, transport profile, the access
  point's certificate, activation and expiration), or a ``Redirect``
  (``href`` and the ``CertificateUID`` of the SMP redirected to);
* **OASIS BDXR SMP 1.0** (namespace
  ``http://docs.oasis-open.org/bdxr/ns/SMP/2016/05``): the same paths and
  structure, endpoints with ``EndpointURI``;
* **OASIS BDXR SMP 2.0** (namespaces ``http://docs.oasis-open.org/bdxr/ns/SMP/2/…``):
  paths under ``{smp}/bdxr-smp-2/``; ``ServiceMetadata`` with
  ``ProcessMetadata`` (processes, endpoints with ``AddressURI`` and
  certificates) or a ``Redirect`` (``PublisherURI`` and the certificates of
  the SMP redirected to); the signature sits in ``ext:SMPExtensions``.

Identifiers go into the path percent-encoded (``scheme::value``, see
:attr:`ParticipantIdentifier.uri`). Service metadata must be signed: the
enveloped signature is verified (:mod:`heldigital.peppol.xmldsig`) against
the SMP trust anchors, at the time given by the caller. At most one
redirect is followed (SMP 1.0: "a client MUST NOT follow a redirect to a
redirect"), and the metadata found there must be signed by the certificate
the redirect named. Every request has a timeout and a size limit; every
response is parsed by :mod:`heldigital.xml`.
"""

from __future__ import annotations

import base64
import binascii
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from http.client import HTTPMessage
from typing import IO, Literal

import dns.resolver
from cryptography import x509
from cryptography.x509.oid import NameOID
from lxml import etree

from heldigital import xml as hxml
from heldigital.peppol import sml, xmldsig
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)

__all__ = [
    "BDXR1",
    "BDXR2",
    "PEPPOL",
    "Endpoint",
    "Flavour",
    "NotFound",
    "Process",
    "Redirect",
    "SMPClient",
    "SMPError",
    "ServiceGroup",
    "ServiceMetadata",
    "discover",
    "parse_service_group",
    "parse_service_metadata",
]

Flavour = Literal["peppol", "bdxr1", "bdxr2"]
PEPPOL: Flavour = "peppol"
BDXR1: Flavour = "bdxr1"
BDXR2: Flavour = "bdxr2"

NS_PEPPOL = "http://busdox.org/serviceMetadata/publishing/1.0/"
NS_PEPPOL_IDS = "http://busdox.org/transport/identifiers/1.0/"
NS_WSA = "http://www.w3.org/2005/08/addressing"
NS_BDXR1 = "http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"
NS_BDXR2_SG = "http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceGroup"
NS_BDXR2_SM = "http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceMetadata"
NS_BDXR2_CBC = "http://docs.oasis-open.org/bdxr/ns/SMP/2/BasicComponents"
NS_BDXR2_CAC = "http://docs.oasis-open.org/bdxr/ns/SMP/2/AggregateComponents"

#: Limit of one SMP response (a service group of a large participant is a few hundred KB).
MAX_RESPONSE_BYTES = 8 * 1024 * 1024


class SMPError(Exception):
    """The SMP could not be asked, or its answer is not acceptable."""


class NotFound(SMPError):
    """The SMP does not know the participant or the document type (HTTP 404)."""


@dataclass(frozen=True)
class Endpoint:
    """An access point that receives the document type for a process."""

    transport_profile: str
    address: str
    certificate: x509.Certificate | None
    activation: datetime | None = None
    expiration: datetime | None = None
    description: str | None = None
    technical_contact: str | None = None

    def active_at(self, at: datetime) -> bool:
        """Whether ``at`` lies within the endpoint's activation and expiration."""
        return (self.activation is None or self.activation <= at) and (
            self.expiration is None or at <= self.expiration
        )


@dataclass(frozen=True)
class Process:
    """One or more processes served by the same endpoints."""

    identifiers: tuple[ProcessIdentifier, ...]
    endpoints: tuple[Endpoint, ...]


@dataclass(frozen=True)
class Redirect:
    """The metadata is published by another SMP."""

    url: str
    certificate_uid: str | None = None
    certificates: tuple[x509.Certificate, ...] = ()

    def accepts(self, certificate: x509.Certificate) -> bool:
        """Whether ``certificate`` is the one this redirect names."""
        if certificate in self.certificates:
            return True
        if self.certificate_uid is None:
            return False
        uid = self.certificate_uid.strip()
        names = {certificate.subject.rfc4514_string()}
        names.update(
            str(a.value) for a in certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        )
        names.update(
            str(a.value) for a in certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
        )
        return uid in names


@dataclass(frozen=True)
class ServiceGroup:
    participant: ParticipantIdentifier
    document_types: tuple[DocumentTypeIdentifier, ...]
    references: tuple[str, ...]
    flavour: Flavour


@dataclass(frozen=True)
class ServiceMetadata:
    participant: ParticipantIdentifier | None
    document_type: DocumentTypeIdentifier | None
    processes: tuple[Process, ...]
    redirect: Redirect | None
    flavour: Flavour
    signer: x509.Certificate | None = None

    def endpoint(
        self, process: ProcessIdentifier, transport_profile: str, *, at: datetime
    ) -> Endpoint | None:
        """The endpoint for ``process`` and ``transport_profile`` active at ``at``."""
        for entry in self.processes:
            if process in entry.identifiers:
                for endpoint in entry.endpoints:
                    if endpoint.transport_profile == transport_profile and endpoint.active_at(at):
                        return endpoint
        return None


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _child(parent: etree._Element, ns: str, name: str) -> etree._Element | None:
    return parent.find(_q(ns, name))


def _text(parent: etree._Element, ns: str, name: str) -> str | None:
    element = _child(parent, ns, name)
    if element is None or element.text is None:
        return None
    return element.text.strip()


def _required(parent: etree._Element, ns: str, name: str) -> str:
    value = _text(parent, ns, name)
    if not value:
        raise SMPError(f"{etree.QName(parent).localname} has no {name}")
    return value


def _certificate(text: str | None) -> x509.Certificate | None:
    if not text or not text.strip():
        return None
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
        return x509.load_der_x509_certificate(raw)
    except (binascii.Error, ValueError) as exc:
        raise SMPError(f"an endpoint certificate is not a base64 DER certificate: {exc}") from None


def _instant(text: str | None) -> datetime | None:
    """xs:dateTime or xs:date; no time zone means UTC, a date means its start."""
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    try:
        if "T" in value:
            parsed = datetime.fromisoformat(value)
        else:
            parsed = datetime.combine(date.fromisoformat(value[:10]), time())
    except ValueError:
        raise SMPError(f"{text!r} is not a date or date-time") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _identifier(element: etree._Element | None, attribute: str, what: str) -> tuple[str, str]:
    if element is None:
        raise SMPError(f"the response has no {what}")
    return element.get(attribute) or "", (element.text or "").strip()


def _participant(element: etree._Element | None, attribute: str) -> ParticipantIdentifier:
    scheme, value = _identifier(element, attribute, "participant identifier")
    try:
        return ParticipantIdentifier.create(value, scheme)
    except InvalidIdentifier as exc:
        raise SMPError(f"the participant identifier is not valid: {exc}") from None


def _document_type(element: etree._Element | None, attribute: str) -> DocumentTypeIdentifier:
    scheme, value = _identifier(element, attribute, "document type identifier")
    try:
        return DocumentTypeIdentifier.create(value, scheme)
    except InvalidIdentifier as exc:
        raise SMPError(f"the document type identifier is not valid: {exc}") from None


def _process(element: etree._Element | None, attribute: str) -> ProcessIdentifier:
    scheme, value = _identifier(element, attribute, "process identifier")
    try:
        return ProcessIdentifier.create(value, scheme)
    except InvalidIdentifier as exc:
        raise SMPError(f"the process identifier is not valid: {exc}") from None


def _parse(data: bytes, source: str | None) -> etree._Element:
    try:
        return hxml.parse(data, max_bytes=MAX_RESPONSE_BYTES, source=source).getroot()
    except hxml.DocumentError as exc:
        raise SMPError(f"the SMP response is not XML: {exc}") from None


def _document_type_from_href(href: str) -> DocumentTypeIdentifier | None:
    _, separator, last = href.rstrip("/").rpartition("/services/")
    if not separator:
        return None
    try:
        return DocumentTypeIdentifier.from_uri(last)
    except InvalidIdentifier:
        return None


def parse_service_group(data: bytes, *, source: str | None = None) -> ServiceGroup:
    """Read a ``ServiceGroup`` of any of the three flavours."""
    root = _parse(data, source)
    tag = etree.QName(root)
    if tag.namespace in (NS_PEPPOL, NS_BDXR1) and tag.localname == "ServiceGroup":
        flavour: Flavour = PEPPOL if tag.namespace == NS_PEPPOL else BDXR1
        ids = NS_PEPPOL_IDS if flavour == PEPPOL else NS_BDXR1
        participant = _participant(_child(root, ids, "ParticipantIdentifier"), "scheme")
        references = tuple(
            element.get("href") or ""
            for element in root.iterfind(
                f"{_q(tag.namespace, 'ServiceMetadataReferenceCollection')}/"
                f"{_q(tag.namespace, 'ServiceMetadataReference')}"
            )
        )
        document_types = tuple(d for d in map(_document_type_from_href, references) if d)
        return ServiceGroup(participant, document_types, references, flavour)
    if tag.namespace == NS_BDXR2_SG and tag.localname == "ServiceGroup":
        participant = _participant(_child(root, NS_BDXR2_CBC, "ParticipantID"), "schemeID")
        document_types = tuple(
            _document_type(reference.find(_q(NS_BDXR2_CBC, "ID")), "schemeID")
            for reference in root.iterfind(_q(NS_BDXR2_CAC, "ServiceReference"))
        )
        return ServiceGroup(participant, document_types, (), BDXR2)
    raise SMPError(f"the response is not a service group but {root.tag!r}")


def _endpoints_1x(process: etree._Element, ns: str, flavour: Flavour) -> tuple[Endpoint, ...]:
    endpoints = []
    for element in process.iterfind(f"{_q(ns, 'ServiceEndpointList')}/{_q(ns, 'Endpoint')}"):
        if flavour == PEPPOL:
            reference = _child(element, NS_WSA, "EndpointReference")
            address = _text(reference, NS_WSA, "Address") if reference is not None else None
        else:
            address = _text(element, ns, "EndpointURI")
        if not address:
            raise SMPError("an endpoint has no address")
        endpoints.append(
            Endpoint(
                transport_profile=element.get("transportProfile") or "",
                address=address,
                certificate=_certificate(_text(element, ns, "Certificate")),
                activation=_instant(_text(element, ns, "ServiceActivationDate")),
                expiration=_instant(_text(element, ns, "ServiceExpirationDate")),
                description=_text(element, ns, "ServiceDescription"),
                technical_contact=_text(element, ns, "TechnicalContactUrl"),
            )
        )
    return tuple(endpoints)


def _metadata_1x(root: etree._Element, ns: str, flavour: Flavour) -> ServiceMetadata:
    ids = NS_PEPPOL_IDS if flavour == PEPPOL else NS_BDXR1
    metadata = _child(root, ns, "ServiceMetadata")
    if metadata is None:
        raise SMPError("SignedServiceMetadata has no ServiceMetadata")
    redirect = _child(metadata, ns, "Redirect")
    if redirect is not None:
        href = redirect.get("href") or ""
        if not href:
            raise SMPError("the Redirect has no href")
        return ServiceMetadata(
            None, None, (), Redirect(href, _text(redirect, ns, "CertificateUID")), flavour
        )
    information = _child(metadata, ns, "ServiceInformation")
    if information is None:
        raise SMPError("ServiceMetadata has neither ServiceInformation nor Redirect")
    processes = tuple(
        Process(
            (_process(_child(element, ids, "ProcessIdentifier"), "scheme"),),
            _endpoints_1x(element, ns, flavour),
        )
        for element in information.iterfind(f"{_q(ns, 'ProcessList')}/{_q(ns, 'Process')}")
    )
    return ServiceMetadata(
        _participant(_child(information, ids, "ParticipantIdentifier"), "scheme"),
        _document_type(_child(information, ids, "DocumentIdentifier"), "scheme"),
        processes,
        None,
        flavour,
    )


def _certificates_2(parent: etree._Element) -> tuple[x509.Certificate, ...]:
    found = []
    for element in parent.iterfind(_q(NS_BDXR2_CAC, "Certificate")):
        certificate = _certificate(_text(element, NS_BDXR2_CBC, "ContentBinaryObject"))
        if certificate is not None:
            found.append(certificate)
    return tuple(found)


def _metadata_2(root: etree._Element) -> ServiceMetadata:
    cbc, cac = NS_BDXR2_CBC, NS_BDXR2_CAC
    processes = []
    redirect = None
    for element in root.iterfind(_q(cac, "ProcessMetadata")):
        target = _child(element, cac, "Redirect")
        if target is not None:
            redirect = Redirect(
                _required(target, cbc, "PublisherURI"), None, _certificates_2(target)
            )
            continue
        endpoints = tuple(
            Endpoint(
                transport_profile=_required(endpoint, cbc, "TransportProfileID"),
                address=_required(endpoint, cbc, "AddressURI"),
                certificate=next(iter(_certificates_2(endpoint)), None),
                activation=_instant(_text(endpoint, cbc, "ActivationDate")),
                expiration=_instant(_text(endpoint, cbc, "ExpirationDate")),
                description=_text(endpoint, cbc, "Description"),
                technical_contact=_text(endpoint, cbc, "Contact"),
            )
            for endpoint in element.iterfind(_q(cac, "Endpoint"))
        )
        identifiers = tuple(
            _process(process.find(_q(cbc, "ID")), "schemeID")
            for process in element.iterfind(_q(cac, "Process"))
        )
        processes.append(Process(identifiers, endpoints))
    return ServiceMetadata(
        _participant(_child(root, cbc, "ParticipantID"), "schemeID"),
        _document_type(_child(root, cbc, "ID"), "schemeID"),
        tuple(processes),
        redirect,
        BDXR2,
    )


def parse_service_metadata(
    data: bytes,
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    verify: bool = True,
    allow_sha1: bool = False,
    source: str | None = None,
) -> ServiceMetadata:
    """Read signed service metadata of any flavour and verify its signature.

    With ``verify=False`` (only for metadata from a trusted store, never
    from the network) the signature is not checked and ``signer`` is None.
    """
    root = _parse(data, source)
    tag = etree.QName(root)
    if tag.namespace in (NS_PEPPOL, NS_BDXR1) and tag.localname == "SignedServiceMetadata":
        metadata = _metadata_1x(
            root, tag.namespace, PEPPOL if tag.namespace == NS_PEPPOL else BDXR1
        )
    elif tag.namespace == NS_BDXR2_SM and tag.localname == "ServiceMetadata":
        metadata = _metadata_2(root)
    else:
        raise SMPError(f"the response is not signed service metadata but {root.tag!r}")
    if not verify:
        return metadata
    try:
        verified = xmldsig.verify_enveloped(
            root, trust_anchors=trust_anchors, at=at, allow_sha1=allow_sha1
        )
    except xmldsig.SignatureError as exc:
        raise SMPError(f"the service metadata signature is not valid: {exc}") from None
    return ServiceMetadata(
        metadata.participant,
        metadata.document_type,
        metadata.processes,
        metadata.redirect,
        metadata.flavour,
        verified.certificate,
    )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """HTTP redirects (a load balancer's http -> https) only to http(s) URLs."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.startswith(("http://", "https://")):
            raise urllib.error.URLError(f"redirect to {newurl!r} refused: not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


class SMPClient:
    """Reads one SMP over HTTP(S).

    ``base_url`` is the SMP's base (from :func:`heldigital.peppol.sml.lookup`);
    ``trust_anchors`` are the CA certificates SMP signatures must chain to
    (for Peppol: the Peppol SMP root CA). ``timeout`` bounds every request.
    """

    def __init__(
        self,
        base_url: str,
        *,
        trust_anchors: Sequence[x509.Certificate],
        flavour: Flavour = PEPPOL,
        timeout: float = 10.0,
        allow_sha1: bool = False,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"SMP URL {base_url!r} is not http(s)")
        self.base_url = base_url.rstrip("/") + "/"
        self.trust_anchors = tuple(trust_anchors)
        self.flavour = flavour
        self.timeout = timeout
        self.allow_sha1 = allow_sha1

    def _path(self, participant: ParticipantIdentifier) -> str:
        prefix = "bdxr-smp-2/" if self.flavour == BDXR2 else ""
        return f"{self.base_url}{prefix}{participant.uri}"

    def _get(self, url: str) -> bytes:
        if not url.startswith(("http://", "https://")):
            raise SMPError(f"refusing to fetch {url!r}: not http(s)")
        request = urllib.request.Request(url, headers={"Accept": "application/xml, text/xml"})  # noqa: S310 - scheme checked above
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                data: bytes = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise NotFound(f"{url}: not found (HTTP 404)") from None
            raise SMPError(f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SMPError(f"{url}: {getattr(exc, 'reason', exc)}") from None
        if len(data) > MAX_RESPONSE_BYTES:
            raise SMPError(f"{url}: response over {MAX_RESPONSE_BYTES:,} bytes")
        return data

    def service_group(self, participant: ParticipantIdentifier) -> ServiceGroup:
        url = self._path(participant)
        group = parse_service_group(self._get(url), source=url)
        if group.participant != participant:
            raise SMPError(f"{url}: the service group is of {group.participant}, not {participant}")
        return group

    def service_metadata(
        self,
        participant: ParticipantIdentifier,
        document_type: DocumentTypeIdentifier,
        *,
        at: datetime,
    ) -> ServiceMetadata:
        """The verified metadata, following at most one redirect."""
        url = f"{self._path(participant)}/services/{document_type.uri}"
        metadata = self._metadata(url, at)
        if metadata.redirect is not None:
            redirect = metadata.redirect
            target = self._metadata(redirect.url, at)
            if target.redirect is not None:
                raise SMPError(f"{redirect.url}: a redirect to a redirect is not followed")
            if target.signer is None or not redirect.accepts(target.signer):
                raise SMPError(
                    f"{redirect.url}: signed by a certificate the redirect from {url} does not name"
                )
            metadata = target
        if metadata.participant != participant or metadata.document_type != document_type:
            raise SMPError(
                f"{url}: the metadata is of {metadata.participant} / {metadata.document_type}, "
                "not what was asked for"
            )
        return metadata

    def _metadata(self, url: str, at: datetime) -> ServiceMetadata:
        return parse_service_metadata(
            self._get(url),
            trust_anchors=self.trust_anchors,
            at=at,
            allow_sha1=self.allow_sha1,
            source=url,
        )

    def endpoint(
        self,
        participant: ParticipantIdentifier,
        document_type: DocumentTypeIdentifier,
        process: ProcessIdentifier,
        transport_profile: str,
        *,
        at: datetime,
    ) -> Endpoint:
        """The access point to send to, or :class:`NotFound`."""
        metadata = self.service_metadata(participant, document_type, at=at)
        endpoint = metadata.endpoint(process, transport_profile, at=at)
        if endpoint is None:
            raise NotFound(
                f"{participant} has no active {transport_profile} endpoint for {document_type} "
                f"and {process}"
            )
        return endpoint


def discover(
    participant: ParticipantIdentifier,
    document_type: DocumentTypeIdentifier,
    process: ProcessIdentifier,
    transport_profile: str,
    *,
    zone: str,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    flavour: Flavour = PEPPOL,
    resolver: dns.resolver.Resolver | None = None,
    timeout: float = 10.0,
) -> tuple[sml.SMPLocation, Endpoint]:
    """The whole Peppol discovery: SML (U-NAPTR) -> SMP -> the verified endpoint.

    Raises :class:`heldigital.peppol.sml.NotRegistered` when the SML does
    not know the participant, :class:`NotFound` when the SMP has no active
    endpoint for the document type, process and transport profile.
    """
    location = sml.lookup(participant, zone, resolver=resolver, timeout=timeout)
    client = SMPClient(location.url, trust_anchors=trust_anchors, flavour=flavour, timeout=timeout)
    endpoint = client.endpoint(participant, document_type, process, transport_profile, at=at)
    return location, endpoint
