"""The Standard Business Document Header (SBDH) as Peppol uses it.

Every business document travels the Peppol network wrapped in a UN/CEFACT
Standard Business Document (SBDH 1.3 schema, namespace
``http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader``),
profiled by the *Peppol Business Message Envelope (SBDH)* specification
2.0 (OpenPeppol, 2023):

* ``HeaderVersion`` is ``1.0``;
* exactly one ``Sender`` and one ``Receiver``, each an ``Identifier`` with
  ``Authority="iso6523-actorid-upis"`` and a participant identifier value
  (:mod:`heldigital.peppol.identifiers`);
* ``DocumentIdentification``: ``Standard`` (the namespace URI of the
  business message's root element), ``TypeVersion`` (the version of the
  document type, ``2.1`` for UBL 2.1 - we require it to be the version
  part of the document type identifier), ``InstanceIdentifier`` (unique per
  message), ``Type`` (the local name of the root element) and
  ``CreationDateAndTime`` (``xs:dateTime``; we require a time zone, since an
  instant without one is ambiguous);
* ``BusinessScope`` with at least the three mandatory scopes
  ``DOCUMENTID`` (document type identifier; scheme in ``Identifier``,
  default ``busdox-docid-qns``), ``PROCESSID`` (process identifier, default
  scheme ``cenbii-procid-ubl``) and ``COUNTRY_C1`` (ISO 3166-1 alpha-2 code
  of the sender's country, mandatory since 2023); optional ``MLS_TO`` (the
  participant that receives the Message Level Status, scheme
  ``iso6523-actorid-upis``) and ``MLS_TYPE`` (``ALWAYS_SEND`` or
  ``FAILURE_ONLY``, Peppol MLS 1.0); other scopes are kept as they are;
* after the header, exactly one element: the business message. Non-XML
  payloads travel inside the Peppol envelope elements ``BinaryContent`` or
  ``TextContent`` (namespace ``http://peppol.eu/xsd/ticc/envelope/1.0``);
  then ``Standard`` names the wrapped document type, not the wrapper.

:func:`read` checks all of this and raises :class:`SBDHError` at the first
problem; its ``code`` names the problem (``invalid-sender-authority``,
``no-country-c1`` ...). :func:`write` produces an envelope that
:func:`read` accepts. Every parse goes through :mod:`heldigital.xml`.
"""

from __future__ import annotations

import copy
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import pycountry
from lxml import etree

from heldigital import xml as hxml
from heldigital.peppol.identifiers import (
    SCHEME_BUSDOX_DOCID_QNS,
    SCHEME_CENBII_PROCID_UBL,
    SCHEME_ISO6523_ACTORID_UPIS,
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)

__all__ = [
    "ENVELOPE_NS",
    "MLS_TYPES",
    "NS",
    "Header",
    "SBDHError",
    "Scope",
    "StandardBusinessDocument",
    "read",
    "write",
]

NS = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
#: The Peppol envelope for non-XML payloads (BinaryContent / TextContent).
ENVELOPE_NS = "http://peppol.eu/xsd/ticc/envelope/1.0"
#: The values of the MLS_TYPE scope (Peppol Message Level Status 1.0).
MLS_TYPES = ("ALWAYS_SEND", "FAILURE_ONLY")
# Country codes of the Peppol code list that are not in ISO 3166-1: Kosovo
# ("1A") and Northern Ireland ("XI").
_EXTRA_COUNTRIES = frozenset({"1A", "XI"})

_KNOWN_SCOPES = frozenset({"DOCUMENTID", "PROCESSID", "COUNTRY_C1", "MLS_TO", "MLS_TYPE"})

_DATETIME = re.compile(
    r"(?P<y>-?[0-9]{4,})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})T(?P<h>[0-9]{2}):(?P<mi>[0-9]{2})"
    r":(?P<s>[0-9]{2})(?:\.(?P<f>[0-9]+))?(?P<tz>Z|[+-][0-9]{2}:[0-9]{2})"
)


class SBDHError(ValueError):
    """An envelope that a Peppol access point must reject.

    ``code`` is a short stable name of the problem (as in the file names of
    the Peppol test corpus: ``too-many-senders``, ``invalid-type`` ...);
    ``message`` says it in words.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} [{code}]")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Scope:
    """A ``BusinessScope/Scope``: its ``Type``, ``InstanceIdentifier`` and ``Identifier``."""

    type: str
    instance_identifier: str | None = None
    identifier: str | None = None


@dataclass(frozen=True)
class Header:
    """The Peppol data of one envelope."""

    sender: ParticipantIdentifier
    receiver: ParticipantIdentifier
    document_type: DocumentTypeIdentifier
    process: ProcessIdentifier
    country_c1: str
    standard: str
    type_version: str
    type: str
    instance_identifier: str
    creation: datetime
    mls_to: ParticipantIdentifier | None = None
    mls_type: str | None = None
    additional_scopes: tuple[Scope, ...] = field(default=())

    @classmethod
    def for_message(
        cls,
        business_message: etree._Element,
        *,
        sender: ParticipantIdentifier,
        receiver: ParticipantIdentifier,
        document_type: DocumentTypeIdentifier,
        process: ProcessIdentifier,
        country_c1: str,
        now: datetime,
        instance_identifier: str | None = None,
    ) -> Header:
        """The header for ``business_message``: Standard and Type from its root element."""
        qname = etree.QName(business_message)
        return cls(
            sender=sender,
            receiver=receiver,
            document_type=document_type,
            process=process,
            country_c1=country_c1,
            standard=qname.namespace or "",
            type_version=document_type.version,
            type=qname.localname,
            instance_identifier=instance_identifier or str(uuid.uuid4()),
            creation=now,
        )


@dataclass(frozen=True)
class StandardBusinessDocument:
    """A read envelope: its header and the business message element."""

    header: Header
    business_message: etree._Element


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in parent if child.tag == _q(name)]


def _text(parent: etree._Element, name: str) -> str | None:
    found = _children(parent, name)
    if not found:
        return None
    return (found[0].text or "").strip()


def _parse_datetime(text: str) -> datetime | None:
    match = _DATETIME.fullmatch(text)
    if match is None:
        return None
    tz = match["tz"]
    if tz == "Z":
        zone = UTC
    else:
        sign = 1 if tz[0] == "+" else -1
        hours, minutes = int(tz[1:3]), int(tz[4:6])
        if hours > 14 or minutes > 59:
            return None
        zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    micro = int((match["f"] or "0")[:6].ljust(6, "0"))
    try:
        return datetime(
            int(match["y"]),
            int(match["mo"]),
            int(match["d"]),
            int(match["h"]),
            int(match["mi"]),
            int(match["s"]),
            micro,
            tzinfo=zone,
        ).astimezone(UTC)
    except ValueError:
        return None


def _is_country(code: str) -> bool:
    if code in _EXTRA_COUNTRIES:
        return True
    return (
        len(code) == 2
        and code.isascii()
        and code.isupper()
        and pycountry.countries.get(alpha_2=code) is not None
    )


def _party(header: etree._Element, role: str) -> ParticipantIdentifier:
    key = role.lower()
    parties = _children(header, role)
    if not parties:
        raise SBDHError(f"too-few-{key}s", f"the header has no {role}")
    if len(parties) > 1:
        raise SBDHError(f"too-many-{key}s", f"the header has {len(parties)} {role}s, not one")
    identifiers = _children(parties[0], "Identifier")
    if len(identifiers) != 1:
        raise SBDHError(f"invalid-{key}-value", f"the {role} must have exactly one Identifier")
    authority = identifiers[0].get("Authority")
    if authority != SCHEME_ISO6523_ACTORID_UPIS:
        raise SBDHError(
            f"invalid-{key}-authority",
            f"the {role} Identifier Authority is {authority!r}, "
            f"not {SCHEME_ISO6523_ACTORID_UPIS!r}",
        )
    try:
        return ParticipantIdentifier.create((identifiers[0].text or "").strip(), authority)
    except InvalidIdentifier as exc:
        raise SBDHError(f"invalid-{key}-value", f"the {role} is not valid: {exc}") from None


def _scopes(header: etree._Element) -> dict[str, object]:
    business_scopes = _children(header, "BusinessScope")
    if not business_scopes:
        raise SBDHError("no-business-scope", "the header has no BusinessScope")
    scopes = _children(business_scopes[0], "Scope")
    if len(scopes) < 3:
        raise SBDHError(
            "too-few-scopes",
            f"the BusinessScope has {len(scopes)} Scope elements; DOCUMENTID, PROCESSID and "
            "COUNTRY_C1 are mandatory",
        )
    found: dict[str, object] = {}
    extra: list[Scope] = []
    for element in scopes:
        scope = Scope(
            type=_text(element, "Type") or "",
            instance_identifier=_text(element, "InstanceIdentifier"),
            identifier=_text(element, "Identifier"),
        )
        value = scope.instance_identifier or ""
        if scope.type in _KNOWN_SCOPES and scope.type in found:
            raise SBDHError(
                f"duplicate-{scope.type.lower().replace('_', '-')}",
                f"the BusinessScope has more than one {scope.type} scope",
            )
        if scope.type == "DOCUMENTID":
            try:
                found[scope.type] = DocumentTypeIdentifier.create(
                    value, scope.identifier or SCHEME_BUSDOX_DOCID_QNS
                )
            except InvalidIdentifier as exc:
                raise SBDHError(
                    "invalid-document-type-identifier", f"the DOCUMENTID scope: {exc}"
                ) from None
        elif scope.type == "PROCESSID":
            try:
                found[scope.type] = ProcessIdentifier.create(
                    value, scope.identifier or SCHEME_CENBII_PROCID_UBL
                )
            except InvalidIdentifier as exc:
                raise SBDHError(
                    "invalid-process-identifier", f"the PROCESSID scope: {exc}"
                ) from None
        elif scope.type == "COUNTRY_C1":
            if not _is_country(value):
                raise SBDHError(
                    "invalid-country-c1",
                    f"the COUNTRY_C1 scope {value!r} is not an ISO 3166-1 alpha-2 country code",
                )
            found[scope.type] = value
        elif scope.type == "MLS_TO":
            found[scope.type] = _mls_to(scope)
        elif scope.type == "MLS_TYPE":
            if not value:
                raise SBDHError("mls-type-empty", "the MLS_TYPE scope has no value")
            if value not in MLS_TYPES:
                raise SBDHError(
                    "mls-type-invalid-value",
                    f"the MLS_TYPE scope {value!r} is not one of {', '.join(MLS_TYPES)}",
                )
            found[scope.type] = value
        else:
            extra.append(scope)
    for kind, code in (
        ("DOCUMENTID", "no-document-type-identifier"),
        ("PROCESSID", "no-process-identifier"),
        ("COUNTRY_C1", "no-country-c1"),
    ):
        if kind not in found:
            raise SBDHError(code, f"the BusinessScope has no {kind} scope")
    found["extra"] = tuple(extra)
    return found


def _mls_to(scope: Scope) -> ParticipantIdentifier:
    if not scope.instance_identifier and not scope.identifier:
        raise SBDHError("mls-to-empty", "the MLS_TO scope has neither a value nor a scheme")
    if not scope.instance_identifier:
        raise SBDHError("mls-to-no-value", "the MLS_TO scope has no InstanceIdentifier")
    if not scope.identifier:
        raise SBDHError("mls-to-no-scheme", "the MLS_TO scope has no Identifier (scheme)")
    if scope.identifier != SCHEME_ISO6523_ACTORID_UPIS:
        raise SBDHError(
            "mls-to-invalid-value",
            f"the MLS_TO scheme is {scope.identifier!r}, not {SCHEME_ISO6523_ACTORID_UPIS!r}",
        )
    try:
        return ParticipantIdentifier.create(scope.instance_identifier, scope.identifier)
    except InvalidIdentifier as exc:
        raise SBDHError("mls-to-invalid-value", f"the MLS_TO scope: {exc}") from None


def _business_message(root: etree._Element, header: etree._Element) -> etree._Element:
    after = False
    elements: list[etree._Element] = []
    text = (root.text or "").strip()
    for child in root:
        if child is header:
            after = True
        elif after and isinstance(child.tag, str):
            elements.append(child)
        text += (child.tail or "").strip()
    if not elements:
        if text:
            raise SBDHError(
                "no-business-message",
                "there is text after the header where the business message element must be",
            )
        raise SBDHError(
            "invalid-business-message",
            "the document ends after the header: the SBDH schema requires the business "
            "message element there",
        )
    if len(elements) > 1:
        raise SBDHError(
            "invalid-business-message",
            f"there are {len(elements)} elements after the header, not one business message",
        )
    return elements[0]


def read(data: bytes, *, source: str | None = None) -> StandardBusinessDocument:
    """Read and check an envelope; raise :class:`SBDHError` at the first problem."""
    try:
        tree = hxml.parse(data, source=source)
    except hxml.DocumentError as exc:
        raise SBDHError("no-xml", f"the envelope is not XML: {exc}") from None
    root = tree.getroot()
    if root.tag != _q("StandardBusinessDocument"):
        raise SBDHError(
            "no-sbdh", f"the root element is {root.tag!r}, not a StandardBusinessDocument"
        )
    headers = [child for child in root if isinstance(child.tag, str)][:1]
    if not headers or headers[0].tag != _q("StandardBusinessDocumentHeader"):
        raise SBDHError("no-sbdh", "the StandardBusinessDocument does not begin with its header")
    header = headers[0]

    version = _text(header, "HeaderVersion")
    if version != "1.0":
        raise SBDHError("invalid-header-version", f"HeaderVersion is {version!r}, not '1.0'")
    sender = _party(header, "Sender")
    receiver = _party(header, "Receiver")

    identifications = _children(header, "DocumentIdentification")
    if not identifications:
        raise SBDHError("no-document-identification", "the header has no DocumentIdentification")
    ident = identifications[0]
    standard = _text(ident, "Standard") or ""
    type_version = _text(ident, "TypeVersion") or ""
    instance = _text(ident, "InstanceIdentifier") or ""
    doc_type = _text(ident, "Type") or ""
    created_text = _text(ident, "CreationDateAndTime") or ""
    if not instance:
        raise SBDHError("invalid-instance-identifier", "InstanceIdentifier is empty")
    creation = _parse_datetime(created_text)
    if creation is None:
        raise SBDHError(
            "invalid-creation-date-and-time",
            f"CreationDateAndTime {created_text!r} is not an xs:dateTime with a time zone",
        )

    scopes = _scopes(header)
    document_type = scopes["DOCUMENTID"]
    process = scopes["PROCESSID"]
    assert isinstance(document_type, DocumentTypeIdentifier)
    assert isinstance(process, ProcessIdentifier)

    message = _business_message(root, header)
    qname = etree.QName(message)
    if qname.namespace == ENVELOPE_NS and qname.localname in ("BinaryContent", "TextContent"):
        # Non-XML payload: Standard names the wrapped document type.
        if standard != document_type.root_namespace:
            raise SBDHError(
                "invalid-standard",
                f"Standard {standard!r} is not the document type {document_type.root_namespace!r}",
            )
        if not doc_type:
            raise SBDHError("invalid-type", "Type is empty")
        if not type_version:
            raise SBDHError("invalid-type-version", "TypeVersion is empty")
    else:
        if standard != (qname.namespace or ""):
            raise SBDHError(
                "invalid-standard",
                f"Standard {standard!r} is not the namespace of the business message "
                f"{qname.namespace!r}",
            )
        if doc_type != qname.localname:
            raise SBDHError(
                "invalid-type",
                f"Type {doc_type!r} is not the business message element {qname.localname!r}",
            )
        if type_version != document_type.version:
            raise SBDHError(
                "invalid-type-version",
                f"TypeVersion {type_version!r} is not the version of the document type "
                f"{document_type.version!r}",
            )

    mls_to = scopes.get("MLS_TO")
    mls_type = scopes.get("MLS_TYPE")
    extra = scopes["extra"]
    country = scopes["COUNTRY_C1"]
    assert mls_to is None or isinstance(mls_to, ParticipantIdentifier)
    assert mls_type is None or isinstance(mls_type, str)
    assert isinstance(extra, tuple) and isinstance(country, str)
    return StandardBusinessDocument(
        header=Header(
            sender=sender,
            receiver=receiver,
            document_type=document_type,
            process=process,
            country_c1=country,
            standard=standard,
            type_version=type_version,
            type=doc_type,
            instance_identifier=instance,
            creation=creation,
            mls_to=mls_to,
            mls_type=mls_type,
            additional_scopes=extra,
        ),
        business_message=message,
    )


def _format_datetime(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("CreationDateAndTime must be timezone-aware")
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + "Z"


def write(header: Header, business_message: etree._Element | bytes) -> bytes:
    """The envelope of ``business_message`` (an element, or the bytes of an XML document).

    The result is UTF-8 XML that :func:`read` accepts with the same header
    (the creation time is written in UTC).
    """
    if isinstance(business_message, bytes):
        business_message = hxml.parse(business_message).getroot()
    root = etree.Element(_q("StandardBusinessDocument"), nsmap={None: NS})  # type: ignore[dict-item]
    sbdh = etree.SubElement(root, _q("StandardBusinessDocumentHeader"))

    def sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
        element = etree.SubElement(parent, _q(name))
        if text is not None:
            element.text = text
        return element

    sub(sbdh, "HeaderVersion", "1.0")
    for role, party in (("Sender", header.sender), ("Receiver", header.receiver)):
        identifier = sub(sub(sbdh, role), "Identifier", party.value)
        identifier.set("Authority", party.scheme)
    ident = sub(sbdh, "DocumentIdentification")
    sub(ident, "Standard", header.standard)
    sub(ident, "TypeVersion", header.type_version)
    sub(ident, "InstanceIdentifier", header.instance_identifier)
    sub(ident, "Type", header.type)
    sub(ident, "CreationDateAndTime", _format_datetime(header.creation))
    business_scope = sub(sbdh, "BusinessScope")
    scopes = [
        Scope("DOCUMENTID", header.document_type.value, header.document_type.scheme),
        Scope("PROCESSID", header.process.value, header.process.scheme),
        Scope("COUNTRY_C1", header.country_c1),
    ]
    if header.mls_to is not None:
        scopes.append(Scope("MLS_TO", header.mls_to.value, header.mls_to.scheme))
    if header.mls_type is not None:
        scopes.append(Scope("MLS_TYPE", header.mls_type))
    scopes.extend(header.additional_scopes)
    for scope in scopes:
        element = sub(business_scope, "Scope")
        sub(element, "Type", scope.type)
        if scope.instance_identifier is not None:
            sub(element, "InstanceIdentifier", scope.instance_identifier)
        if scope.identifier is not None:
            sub(element, "Identifier", scope.identifier)
    # A copy: the caller's tree stays where it is.
    message = copy.deepcopy(business_message)
    message.tail = None
    root.append(message)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
