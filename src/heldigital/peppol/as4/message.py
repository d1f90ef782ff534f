"""ebMS 3 messages of the Peppol AS4 profile: the user message and the signals.

The user message (ebMS 3 Core 5.2.2, One-Way/Push; Peppol AS4 profile 2.x):

* ``MessageInfo``: ``Timestamp`` (UTC) and ``MessageId`` (``<uuid>@<host>``);
* ``PartyInfo``: ``From``/``To`` each one ``PartyId`` of type
  ``urn:fdc:peppol.eu:2017:identifiers:ap`` (the access points' certificate
  CNs, ``POP000123``) and the ebMS ``initiator``/``responder`` roles;
* ``CollaborationInfo``: ``AgreementRef``
  ``urn:fdc:peppol.eu:2017:agreements:tia:ap_provider``; ``Service`` = the
  process identifier value with its scheme as ``type``; ``Action`` = the
  document type identifier as ``scheme::value``; a ``ConversationId``;
* ``MessageProperties``: ``originalSender`` and ``finalRecipient``, the
  participant identifier values with their scheme as ``type``; further
  properties (such as a ``trackingIdentifier``) are kept when given;
* ``PayloadInfo``: one ``PartInfo href="cid:..."`` per attachment with the
  part properties ``MimeType`` and ``CompressionType`` (``application/gzip``).

Signals: a ``Receipt`` carrying ``ebbp:NonRepudiationInformation`` (one
``MessagePartNRInformation`` per ``ds:Reference`` of the received message's
signature), and ``Error`` signals (ebMS 3 Core 6.2).
"""

from __future__ import annotations

import base64
import binascii
import copy
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from heldigital.peppol.as4 import ns
from heldigital.peppol.as4.errors import AS4Failure, EbmsCode
from heldigital.peppol.as4.ns import q
from heldigital.peppol.as4.security import Reference, envelope_parts

__all__ = [
    "ErrorDetail",
    "PartInfo",
    "SignalMessage",
    "UserMessage",
    "build_error_envelope",
    "build_receipt_envelope",
    "build_user_message_envelope",
    "new_message_id",
    "read_messaging",
]

_NSMAP = {"S12": ns.S12, "eb": ns.EB, "wsu": ns.WSU}


def new_message_id(host: str = "heldigital") -> str:
    """A new globally unique MessageId (RFC 2822 ``id-left@id-right`` form)."""
    return f"{uuid.uuid4()}@{host}"


def _timestamp(value: datetime) -> str:
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def _parse_timestamp(text: str | None) -> datetime:
    if not text:
        raise AS4Failure(EbmsCode.INVALID_HEADER, "MessageInfo has no Timestamp")
    raw = text.strip()
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"Timestamp {raw!r} is not xs:dateTime") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # ebMS 3: Timestamp is UTC
    return value.astimezone(UTC)


@dataclass(frozen=True)
class PartInfo:
    """One payload part: ``cid:`` reference and its part properties."""

    href: str
    mime_type: str = "application/xml"
    compression_type: str | None = "application/gzip"
    properties: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class UserMessage:
    """The ebMS header of a Peppol AS4 user message."""

    message_id: str
    timestamp: datetime
    from_party: str
    to_party: str
    service: str
    service_type: str | None
    action: str
    original_sender: str
    original_sender_type: str
    final_recipient: str
    final_recipient_type: str
    parts: tuple[PartInfo, ...]
    conversation_id: str = "1"
    agreement: str = ns.PEPPOL_AGREEMENT
    party_type: str = ns.PEPPOL_PARTY_TYPE
    mpc: str | None = None
    ref_to_message_id: str | None = None
    extra_properties: tuple[tuple[str, str, str | None], ...] = field(default=())

    @property
    def tracking_identifier(self) -> str | None:
        for name, value, _ in self.extra_properties:
            if name == "trackingIdentifier":
                return value
        return None


@dataclass(frozen=True)
class ErrorDetail:
    """One ``eb:Error`` of an error signal."""

    code: str
    short_description: str
    severity: str
    category: str
    origin: str | None
    ref_to_message_in_error: str | None
    description: str | None
    detail: str | None


@dataclass(frozen=True)
class SignalMessage:
    """A receipt or an error signal."""

    message_id: str
    timestamp: datetime
    ref_to_message_id: str | None
    receipt: tuple[Reference, ...] | None = None
    errors: tuple[ErrorDetail, ...] = field(default=())


def _envelope(messaging_id: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(q(ns.S12, "Envelope"), nsmap=_NSMAP)
    header = etree.SubElement(root, q(ns.S12, "Header"))
    messaging = etree.SubElement(header, q(ns.EB, "Messaging"))
    messaging.set(q(ns.S12, "mustUnderstand"), "true")
    messaging.set(q(ns.WSU, "Id"), messaging_id)
    body = etree.SubElement(root, q(ns.S12, "Body"))
    body.set(q(ns.WSU, "Id"), f"body-{uuid.uuid4()}")
    return root, messaging


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, q(ns.EB, tag))
    for key, value in attrs.items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _message_info(parent: etree._Element, message_id: str, when: datetime, ref: str | None) -> None:
    info = _sub(parent, "MessageInfo")
    _sub(info, "Timestamp", _timestamp(when))
    _sub(info, "MessageId", message_id)
    if ref is not None:
        _sub(info, "RefToMessageId", ref)


def build_user_message_envelope(message: UserMessage) -> etree._Element:
    """The SOAP 1.2 envelope (unsigned) with ``message`` as its ebMS header; the Body is empty."""
    root, messaging = _envelope(f"msg-{uuid.uuid4()}")
    user = _sub(messaging, "UserMessage", **({"mpc": message.mpc} if message.mpc else {}))
    _message_info(user, message.message_id, message.timestamp, message.ref_to_message_id)
    party_info = _sub(user, "PartyInfo")
    for role_tag, party, role in (
        ("From", message.from_party, ns.ROLE_INITIATOR),
        ("To", message.to_party, ns.ROLE_RESPONDER),
    ):
        element = _sub(party_info, role_tag)
        _sub(element, "PartyId", party, type=message.party_type)
        _sub(element, "Role", role)
    collaboration = _sub(user, "CollaborationInfo")
    _sub(collaboration, "AgreementRef", message.agreement)
    _sub(
        collaboration,
        "Service",
        message.service,
        **({"type": message.service_type} if message.service_type else {}),
    )
    _sub(collaboration, "Action", message.action)
    _sub(collaboration, "ConversationId", message.conversation_id)
    properties = _sub(user, "MessageProperties")
    _sub(
        properties,
        "Property",
        message.original_sender,
        name="originalSender",
        type=message.original_sender_type,
    )
    _sub(
        properties,
        "Property",
        message.final_recipient,
        name="finalRecipient",
        type=message.final_recipient_type,
    )
    for name, value, kind in message.extra_properties:
        _sub(properties, "Property", value, name=name, **({"type": kind} if kind else {}))
    payload_info = _sub(user, "PayloadInfo")
    for part in message.parts:
        part_info = _sub(payload_info, "PartInfo", href=part.href)
        part_properties = _sub(part_info, "PartProperties")
        _sub(part_properties, "Property", part.mime_type, name="MimeType")
        if part.compression_type:
            _sub(part_properties, "Property", part.compression_type, name="CompressionType")
        for name, value in part.properties:
            _sub(part_properties, "Property", value, name=name)
    return root


def build_receipt_envelope(
    ref_to_message_id: str,
    signed_references: list[etree._Element] | tuple[etree._Element, ...],
    *,
    now: datetime,
    message_id: str | None = None,
) -> etree._Element:
    """A receipt signal (unsigned) with the non-repudiation information of ``signed_references``.

    ``signed_references`` are the ``ds:Reference`` elements of the received
    message's signature, copied as they were signed (AS4 profile 5.1.8).
    """
    root, messaging = _envelope(f"msg-{uuid.uuid4()}")
    signal = _sub(messaging, "SignalMessage")
    _message_info(signal, message_id or new_message_id(), now, ref_to_message_id)
    receipt = _sub(signal, "Receipt")
    nri = etree.SubElement(
        receipt, q(ns.EBBP, "NonRepudiationInformation"), nsmap={"ebbp": ns.EBBP}
    )
    for reference in signed_references:
        part = etree.SubElement(nri, q(ns.EBBP, "MessagePartNRInformation"))
        part.append(copy.deepcopy(reference))
    return root


def build_error_envelope(
    failure: AS4Failure,
    *,
    now: datetime,
    ref_to_message_id: str | None = None,
    message_id: str | None = None,
) -> etree._Element:
    """The ebMS error signal that answers ``failure`` (ebMS 3 Core 6.2, 6.7)."""
    ref = ref_to_message_id if ref_to_message_id is not None else failure.message_id
    root, messaging = _envelope(f"msg-{uuid.uuid4()}")
    signal = _sub(messaging, "SignalMessage")
    _message_info(signal, message_id or new_message_id(), now, ref)
    attrs = {
        "category": failure.code.category,
        "errorCode": failure.code.code,
        "origin": "ebMS",
        "severity": failure.code.severity,
        "shortDescription": failure.code.short_description,
    }
    if ref is not None:
        attrs["refToMessageInError"] = ref
    error = _sub(signal, "Error", **attrs)
    description = _sub(error, "Description", failure.detail)
    description.set(q(ns.XML, "lang"), "en")
    _sub(error, "ErrorDetail", failure.detail)
    return root


# -- reading -----------------------------------------------------------------------


def _text(parent: etree._Element, name: str, what: str) -> str:
    found = [c for c in parent if c.tag == q(ns.EB, name)]
    if len(found) != 1 or not (found[0].text or "").strip():
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"{what} must have exactly one non-empty {name}")
    return (found[0].text or "").strip()


def _one(parent: etree._Element, name: str, what: str) -> etree._Element:
    found = [c for c in parent if c.tag == q(ns.EB, name)]
    if len(found) != 1:
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"{what} must have exactly one {name}")
    return found[0]


def _optional_text(parent: etree._Element, name: str) -> str | None:
    found = [c for c in parent if c.tag == q(ns.EB, name)]
    if len(found) > 1:
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"more than one {name}")
    return (found[0].text or "").strip() if found else None


def _party(party_info: etree._Element, role: str) -> tuple[str, str]:
    element = _one(party_info, role, "PartyInfo")
    ids = [c for c in element if c.tag == q(ns.EB, "PartyId")]
    if len(ids) != 1 or not (ids[0].text or "").strip():
        raise AS4Failure(EbmsCode.INVALID_HEADER, f"{role} must have exactly one PartyId")
    return (ids[0].text or "").strip(), ids[0].get("type") or ""


def _read_user(user: etree._Element) -> UserMessage:
    info = _one(user, "MessageInfo", "UserMessage")
    message_id = _text(info, "MessageId", "MessageInfo")
    try:
        timestamp = _parse_timestamp(_optional_text(info, "Timestamp"))
        party_info = _one(user, "PartyInfo", "UserMessage")
        from_party, from_type = _party(party_info, "From")
        to_party, to_type = _party(party_info, "To")
        if from_type != ns.PEPPOL_PARTY_TYPE or to_type != ns.PEPPOL_PARTY_TYPE:
            raise AS4Failure(
                EbmsCode.VALUE_NOT_RECOGNIZED,
                f"PartyId type {from_type or to_type!r} is not {ns.PEPPOL_PARTY_TYPE}",
            )
        collaboration = _one(user, "CollaborationInfo", "UserMessage")
        agreement = _text(collaboration, "AgreementRef", "CollaborationInfo")
        if agreement != ns.PEPPOL_AGREEMENT:
            raise AS4Failure(
                EbmsCode.VALUE_NOT_RECOGNIZED, f"AgreementRef {agreement!r} is not the Peppol one"
            )
        service_element = _one(collaboration, "Service", "CollaborationInfo")
        service = (service_element.text or "").strip()
        action = _text(collaboration, "Action", "CollaborationInfo")
        conversation = _optional_text(collaboration, "ConversationId") or ""
        properties: dict[str, tuple[str, str | None]] = {}
        extra: list[tuple[str, str, str | None]] = []
        message_properties = [c for c in user if c.tag == q(ns.EB, "MessageProperties")]
        for prop in message_properties[0] if message_properties else []:
            if prop.tag != q(ns.EB, "Property"):
                continue
            name = prop.get("name") or ""
            value = (prop.text or "").strip()
            if name in properties:
                raise AS4Failure(EbmsCode.INVALID_HEADER, f"the property {name} occurs twice")
            properties[name] = (value, prop.get("type"))
            if name not in ("originalSender", "finalRecipient"):
                extra.append((name, value, prop.get("type")))
        for required in ("originalSender", "finalRecipient"):
            if required not in properties or not properties[required][0]:
                raise AS4Failure(
                    EbmsCode.VALUE_INCONSISTENT, f"the message property {required} is missing"
                )
        parts: list[PartInfo] = []
        payload_info = [c for c in user if c.tag == q(ns.EB, "PayloadInfo")]
        for part in payload_info[0] if payload_info else []:
            if part.tag != q(ns.EB, "PartInfo"):
                continue
            href = part.get("href") or ""
            if not href.startswith("cid:"):
                raise AS4Failure(
                    EbmsCode.VALUE_INCONSISTENT,
                    f"PartInfo href {href!r}: Peppol payloads are cid: attachments",
                )
            part_props: dict[str, str] = {}
            for holder in part:
                if holder.tag == q(ns.EB, "PartProperties"):
                    for prop in holder:
                        if prop.tag == q(ns.EB, "Property"):  # not comments
                            part_props[prop.get("name") or ""] = (prop.text or "").strip()
            parts.append(
                PartInfo(
                    href,
                    part_props.pop("MimeType", "application/octet-stream"),
                    part_props.pop("CompressionType", None),
                    tuple(sorted(part_props.items())),
                )
            )
        if not parts:
            raise AS4Failure(EbmsCode.VALUE_INCONSISTENT, "the user message has no payload")
    except AS4Failure as failure:
        failure.message_id = message_id
        raise
    return UserMessage(
        message_id=message_id,
        timestamp=timestamp,
        from_party=from_party,
        to_party=to_party,
        service=service,
        service_type=service_element.get("type"),
        action=action,
        original_sender=properties["originalSender"][0],
        original_sender_type=properties["originalSender"][1] or "",
        final_recipient=properties["finalRecipient"][0],
        final_recipient_type=properties["finalRecipient"][1] or "",
        parts=tuple(parts),
        conversation_id=conversation,
        agreement=agreement,
        mpc=user.get("mpc"),
        ref_to_message_id=_optional_text(info, "RefToMessageId"),
        extra_properties=tuple(extra),
    )


def _read_signal(signal: etree._Element) -> SignalMessage:
    info = _one(signal, "MessageInfo", "SignalMessage")
    message_id = _text(info, "MessageId", "MessageInfo")
    timestamp = _parse_timestamp(_optional_text(info, "Timestamp"))
    ref = _optional_text(info, "RefToMessageId")
    receipts = [c for c in signal if c.tag == q(ns.EB, "Receipt")]
    errors: list[ErrorDetail] = []
    for error in signal:
        if error.tag != q(ns.EB, "Error"):
            continue
        description = error.find(q(ns.EB, "Description"))
        detail = error.find(q(ns.EB, "ErrorDetail"))
        errors.append(
            ErrorDetail(
                code=error.get("errorCode") or "",
                short_description=error.get("shortDescription") or "",
                severity=error.get("severity") or "",
                category=error.get("category") or "",
                origin=error.get("origin"),
                ref_to_message_in_error=error.get("refToMessageInError"),
                description=(description.text or "").strip() if description is not None else None,
                detail=(detail.text or "").strip() if detail is not None else None,
            )
        )
    receipt: tuple[Reference, ...] | None = None
    if len(receipts) > 1:
        raise AS4Failure(EbmsCode.INVALID_HEADER, "more than one Receipt")
    if receipts:
        references: list[Reference] = []
        for element in receipts[0].iter(q(ns.DS, "Reference")):
            digest = element.find(q(ns.DS, "DigestValue"))
            method = element.find(q(ns.DS, "DigestMethod"))
            transforms = tuple(
                t.get("Algorithm") or "" for t in element.iterfind(f".//{q(ns.DS, 'Transform')}")
            )
            try:
                value = (
                    base64.b64decode("".join((digest.text or "").split()), validate=True)
                    if (digest is not None)
                    else b""
                )
            except (binascii.Error, ValueError):  # ValueError: non-ASCII text
                raise AS4Failure(
                    EbmsCode.INVALID_RECEIPT, "a receipt digest is not base64"
                ) from None
            references.append(
                Reference(
                    element.get("URI") or "",
                    value,
                    transforms,
                    (method.get("Algorithm") or "") if method is not None else "",
                )
            )
        receipt = tuple(references)
    if receipt is None and not errors:
        raise AS4Failure(EbmsCode.INVALID_HEADER, "a SignalMessage with neither Receipt nor Error")
    return SignalMessage(message_id, timestamp, ref, receipt, tuple(errors))


def read_messaging(root: etree._Element) -> UserMessage | SignalMessage:
    """The one user message or signal in the envelope's ``eb:Messaging`` header."""
    _, messaging, _ = envelope_parts(root)
    units = [c for c in messaging if c.tag in (q(ns.EB, "UserMessage"), q(ns.EB, "SignalMessage"))]
    if len(units) != 1:
        raise AS4Failure(
            EbmsCode.INVALID_HEADER,
            f"eb:Messaging must carry exactly one UserMessage or SignalMessage, not {len(units)}",
        )
    unit = units[0]
    if unit.tag == q(ns.EB, "UserMessage"):
        return _read_user(unit)
    return _read_signal(unit)
