"""The Peppol AS4 profile (2.x) as a pure library: package, open, receipt, error.

The sending side::

    out = package(sbdh_bytes, from_party="POP000001", to_party="POP000002",
                  key=our_key, certificate=our_cert,
                  receiver_certificate=their_cert, now=now)
    # POST out.body with Content-Type out.content_type; keep out.references
    signal = verify_receipt(response_body, response_type, out, trust_anchors=[root], at=now)

The receiving side::

    try:
        delivered = open_message(body, content_type, key=our_key, trust_anchors=[root],
                                 at=now, revocation=CRLChecker(), duplicates=store)
        # store delivered.payloads durably, then answer:
        answer = receipt(delivered, key=our_key, certificate=our_cert, now=now)
    except DuplicateMessage as duplicate:  # our receipt was lost: the same answer again
        answer = receipt(duplicate.delivered, key=our_key, certificate=our_cert, now=now)
    except AS4Failure as failure:
        answer = error_signal(failure, now=now)

Every XML parse goes through :mod:`heldigital.xml` (no DTD, no entities,
libxml2's depth and size limits); every failure is an :class:`AS4Failure`
with the ebMS error code to answer (:mod:`heldigital.peppol.as4.errors`).
The modules: :mod:`~.mime` (multipart/related), :mod:`~.security`
(WS-Security signature and encryption), :mod:`~.message` (the ebMS user
message and signals), :mod:`~.revocation` (CRLs), :mod:`~.duplicates`.
"""

from __future__ import annotations

import gzip
import io
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from heldigital import xml as hxml
from heldigital.peppol import sbdh as sbdh_module
from heldigital.peppol.as4 import mime, ns
from heldigital.peppol.as4.duplicates import DuplicateStore, MemoryDuplicateStore
from heldigital.peppol.as4.errors import AS4Failure, EbmsCode
from heldigital.peppol.as4.message import (
    PartInfo,
    SignalMessage,
    UserMessage,
    build_error_envelope,
    build_receipt_envelope,
    build_user_message_envelope,
    new_message_id,
    read_messaging,
)
from heldigital.peppol.as4.revocation import CRLChecker, OCSPChecker
from heldigital.peppol.as4.security import (
    Reference,
    RevocationCheck,
    VerifiedSignature,
    decrypt_attachments,
    encrypt_attachments,
    encrypted_cids,
    sign,
    verify,
)

__all__ = [
    "SOAP_CONTENT_TYPE",
    "AS4Failure",
    "CRLChecker",
    "Delivered",
    "DuplicateMessage",
    "DuplicateStore",
    "EbmsCode",
    "MemoryDuplicateStore",
    "OCSPChecker",
    "OutgoingMessage",
    "Received",
    "SignalMessage",
    "UserMessage",
    "check_receipt",
    "error_signal",
    "open_message",
    "package",
    "read",
    "receipt",
    "verify_receipt",
]

SOAP_CONTENT_TYPE = "application/soap+xml; charset=UTF-8"
#: The largest payload accepted after decompression (a bound against gzip bombs).
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class OutgoingMessage:
    """A packaged user message: what to POST, and what was signed (to check the receipt)."""

    message_id: str
    body: bytes
    content_type: str
    user_message: UserMessage
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Received:
    """A message as read off the wire: the SOAP envelope and the attachments by content id."""

    envelope: etree._Element
    attachments: dict[str, mime.Part] = field(default_factory=dict)


@dataclass(frozen=True)
class Delivered:
    """A user message that passed every check, with its payloads decompressed."""

    user_message: UserMessage
    signature: VerifiedSignature
    payloads: tuple[bytes, ...]
    #: the first payload read as the Peppol envelope (``check_sbdh``)
    sbdh: sbdh_module.StandardBusinessDocument | None = None


class DuplicateMessage(AS4Failure):
    """A message whose MessageId was received before; it verified like the first copy.

    The sender retries with the same MessageId until it has a receipt, so a
    duplicate usually means our receipt was lost: answer with
    ``receipt(failure.delivered, ...)`` again and do not deliver it twice (AS4
    reception awareness with duplicate elimination). Answering with the error
    signal (``EBMS:0004``, as phase4 does) is the other choice.
    """

    def __init__(self, delivered: Delivered) -> None:
        message_id = delivered.user_message.message_id
        super().__init__(
            EbmsCode.OTHER,
            f"the message {message_id} was received before (duplicate eliminated)",
            message_id=message_id,
        )
        self.delivered = delivered


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def package(
    sbdh: bytes,
    *,
    from_party: str,
    to_party: str,
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    receiver_certificate: x509.Certificate | None,
    now: datetime,
    message_id: str | None = None,
    conversation_id: str | None = None,
    tracking_identifier: str | None = None,
) -> OutgoingMessage:
    """Package an SBDH (+ payload) as a signed and encrypted Peppol AS4 user message.

    Service, action, originalSender and finalRecipient come from the SBDH
    (which is checked with :func:`heldigital.peppol.sbdh.read`). The SBDH is
    gzip-compressed into one attachment, signed, then encrypted for
    ``receiver_certificate`` (``None``: not encrypted, for tests of the
    receiving side only). The same ``message_id`` on every retry makes the
    receiver's duplicate detection work.
    """
    header = sbdh_module.read(sbdh).header
    cid = f"{uuid.uuid4()}@heldigital"
    extra = (("trackingIdentifier", tracking_identifier, None),) if tracking_identifier else ()
    user = UserMessage(
        message_id=message_id or new_message_id(),
        timestamp=now,
        from_party=from_party,
        to_party=to_party,
        service=header.process.value,
        service_type=header.process.scheme,
        action=str(header.document_type),
        original_sender=header.sender.value,
        original_sender_type=header.sender.scheme,
        final_recipient=header.receiver.value,
        final_recipient_type=header.receiver.scheme,
        parts=(PartInfo(f"cid:{cid}", "application/xml", "application/gzip"),),
        conversation_id=conversation_id or str(uuid.uuid4()),
        extra_properties=extra,
    )
    root = build_user_message_envelope(user)
    compressed = gzip.compress(sbdh, mtime=0)
    sign(root, {cid: compressed}, key, certificate)
    parts: list[tuple[str, str, bytes]] = [(cid, "application/gzip", compressed)]
    if receiver_certificate is not None:
        parts = [
            (e.cid, e.content_type, e.content)
            for e in encrypt_attachments(root, parts, receiver_certificate)
        ]
    signature_check = _own_references(root)
    body, content_type = mime.build(_serialize(root), parts)
    return OutgoingMessage(user.message_id, body, content_type, user, signature_check)


def _own_references(root: etree._Element) -> tuple[Reference, ...]:
    import base64

    references = []
    for element in root.iter(ns.q(ns.DS, "Reference")):
        digest = element.find(ns.q(ns.DS, "DigestValue"))
        transforms = tuple(
            t.get("Algorithm") or "" for t in element.iterfind(f".//{ns.q(ns.DS, 'Transform')}")
        )
        references.append(
            Reference(
                element.get("URI") or "",
                base64.b64decode(digest.text or "") if digest is not None else b"",
                transforms,
            )
        )
    return tuple(references)


def read(body: bytes, content_type: str | None = None) -> Received:
    """Read an AS4 HTTP body: a SOAP envelope, or ``multipart/related`` with attachments.

    Without a content type, a body that begins with ``--`` is MIME (its
    boundary read from the first line), anything else a bare envelope.
    Raises :class:`AS4Failure`: ``EBMS:0007`` for MIME, ``EBMS:0009`` for the
    envelope's XML (not well-formed, a DOCTYPE or entities, too deep or large).
    """
    media = mime.content_type_parameters(content_type)[0] if content_type else ""
    is_mime = media.startswith("multipart/") or (
        not media and body.lstrip(b"\r\n\t ").startswith(b"--")
    )
    attachments: dict[str, mime.Part] = {}
    if is_mime:
        try:
            multipart = mime.parse(body, content_type if media else None)
        except mime.MimeError as exc:
            raise AS4Failure(EbmsCode.MIME_INCONSISTENCY, str(exc)) from None
        envelope_bytes = multipart.root.content
        root_media = mime.content_type_parameters(multipart.root.content_type)[0]
        if root_media not in ("application/soap+xml", "text/xml", "application/xml"):
            raise AS4Failure(
                EbmsCode.MIME_INCONSISTENCY, f"the root part is {root_media!r}, not a SOAP envelope"
            )
        for part in multipart.attachments:
            assert part.content_id is not None  # mime.parse checks it
            attachments[part.content_id] = part
    elif media and media not in ("application/soap+xml", "text/xml", "application/xml"):
        raise AS4Failure(EbmsCode.MIME_INCONSISTENCY, f"content type {media!r} is not AS4")
    else:
        envelope_bytes = body
    try:
        tree = hxml.parse(envelope_bytes, max_bytes=16 * 1024 * 1024, source="SOAP envelope")
    except hxml.DocumentError as exc:
        raise AS4Failure(EbmsCode.INVALID_HEADER, str(exc)) from None
    return Received(tree.getroot(), attachments)


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise AS4Failure(
            EbmsCode.DECOMPRESSION_FAILURE, f"the payload does not gunzip: {exc}"
        ) from None
    if len(out) > limit:
        raise AS4Failure(
            EbmsCode.DECOMPRESSION_FAILURE, f"the payload is over {limit:,} bytes uncompressed"
        )
    return out


def open_message(
    body: bytes,
    content_type: str | None,
    *,
    key: rsa.RSAPrivateKey,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    revocation: RevocationCheck | None = None,
    duplicates: DuplicateStore | None = None,
    require_encryption: bool = True,
    max_payload_bytes: int = MAX_PAYLOAD_BYTES,
    our_party: str | None = None,
    check_sender_party: bool = True,
    check_sbdh: bool = True,
) -> Delivered:
    """Read, decrypt, verify and decompress a received user message.

    Checks, in order: MIME and envelope (``EBMS:0007``/``0009``), the ebMS
    header (``0009``/``0001``/``0003``), encryption of every attachment
    (``0103``) and its decryption (``0102``), the signature, what it covers
    and the certificate (``0103``/``0101``), the PayloadInfo against the
    attachments (``0003``), decompression (``0303``) and, last, after the
    sender is authenticated, duplicates (``0004``). The failure carries the
    MessageId once it is known.

    The Peppol profile names the access points by their certificates' CN:
    ``From/PartyId`` must be the CN of the signing certificate
    (``check_sender_party``) and, when ``our_party`` is given, ``To/PartyId``
    must be it; otherwise ``EBMS:0003 ValueInconsistent``.

    With ``check_sbdh`` the first payload must be a Peppol envelope
    (:func:`heldigital.peppol.sbdh.read`) that agrees with the ebMS header:
    originalSender = the SBDH sender, finalRecipient = the receiver, Action =
    the document type, Service = the process (``EBMS:0003`` otherwise, with the
    SBDH's own error code in the detail when it does not read).
    """
    received = read(body, content_type)
    unit = read_messaging(received.envelope)
    if not isinstance(unit, UserMessage):
        raise AS4Failure(
            EbmsCode.VALUE_INCONSISTENT,
            "a signal where a user message was expected",
            message_id=unit.message_id,
        )
    try:
        raw = {cid: part.content for cid, part in received.attachments.items()}
        encrypted = encrypted_cids(received.envelope)
        if require_encryption and set(raw) - encrypted:
            raise AS4Failure(
                EbmsCode.POLICY_NONCOMPLIANCE,
                f"attachments not encrypted: {sorted(set(raw) - encrypted)}",
            )
        plain: dict[str, bytes] = dict(raw)
        content_types = {cid: part.content_type for cid, part in received.attachments.items()}
        if encrypted:
            for cid, (media, data) in decrypt_attachments(received.envelope, raw, key).items():
                plain[cid] = data
                content_types[cid] = media
        signature = verify(
            received.envelope,
            {cid: plain[cid] for cid in plain},
            trust_anchors=trust_anchors,
            at=at,
            intermediates=intermediates,
            revocation=revocation,
        )
        if check_sender_party:
            names = signature.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
            common_name = str(names[0].value) if names else None
            if unit.from_party != common_name:
                raise AS4Failure(
                    EbmsCode.VALUE_INCONSISTENT,
                    f"From/PartyId {unit.from_party!r} is not the CN of the signing "
                    f"certificate ({common_name!r})",
                )
        if our_party is not None and unit.to_party != our_party:
            raise AS4Failure(
                EbmsCode.VALUE_INCONSISTENT,
                f"To/PartyId {unit.to_party!r} is not this access point ({our_party!r})",
            )
        hrefs = [p.href[4:] for p in unit.parts]
        if sorted(hrefs) != sorted(plain):
            raise AS4Failure(
                EbmsCode.VALUE_INCONSISTENT,
                f"PayloadInfo names {sorted(hrefs)}, the message carries {sorted(plain)}",
            )
        payloads: list[bytes] = []
        for part in unit.parts:
            data = plain[part.href[4:]]
            if part.compression_type == "application/gzip":
                data = _gunzip(data, max_payload_bytes)
            elif part.compression_type is not None:
                raise AS4Failure(
                    EbmsCode.VALUE_NOT_RECOGNIZED,
                    f"CompressionType {part.compression_type!r} is not application/gzip",
                )
            payloads.append(data)
        envelope = _check_sbdh(unit, payloads[0]) if check_sbdh and payloads else None
        delivered = Delivered(unit, signature, tuple(payloads), envelope)
        if duplicates is not None and not duplicates.add(unit.message_id, at):
            raise DuplicateMessage(delivered)
    except AS4Failure as failure:
        failure.message_id = unit.message_id
        raise
    return delivered


def _check_sbdh(unit: UserMessage, payload: bytes) -> sbdh_module.StandardBusinessDocument:
    if len(payload) > hxml.DEFAULT_MAX_BYTES:
        raise AS4Failure(
            EbmsCode.OTHER,
            f"the payload is {len(payload):,} bytes uncompressed, over the "
            f"{hxml.DEFAULT_MAX_BYTES:,} bytes of an SBDH this access point reads",
        )
    try:
        document = sbdh_module.read(payload, source="payload")
    except sbdh_module.SBDHError as exc:
        raise AS4Failure(
            EbmsCode.VALUE_INCONSISTENT, f"the payload is not a valid Peppol SBDH: {exc}"
        ) from None
    header = document.header
    # Participant identifier values are case-insensitive (Policy for use of Identifiers).
    pairs = (
        (
            "originalSender",
            (unit.original_sender_type, unit.original_sender.lower()),
            (header.sender.scheme, header.sender.value.lower()),
        ),
        (
            "finalRecipient",
            (unit.final_recipient_type, unit.final_recipient.lower()),
            (header.receiver.scheme, header.receiver.value.lower()),
        ),
        ("Action", unit.action, str(header.document_type)),
        (
            "Service",
            (unit.service_type, unit.service),
            (header.process.scheme, header.process.value),
        ),
    )
    for name, in_ebms, in_sbdh in pairs:
        if in_ebms != in_sbdh:
            raise AS4Failure(
                EbmsCode.VALUE_INCONSISTENT,
                f"{name} in the ebMS header ({in_ebms!r}) is not the SBDH's ({in_sbdh!r})",
            )
    return document


def receipt(
    delivered: Delivered,
    *,
    key: rsa.RSAPrivateKey,
    certificate: x509.Certificate,
    now: datetime,
) -> bytes:
    """The signed receipt (``application/soap+xml``) for a delivered user message."""
    root = build_receipt_envelope(
        delivered.user_message.message_id, delivered.signature.reference_elements, now=now
    )
    sign(root, {}, key, certificate)
    return _serialize(root)


def error_signal(
    failure: AS4Failure,
    *,
    now: datetime,
    key: rsa.RSAPrivateKey | None = None,
    certificate: x509.Certificate | None = None,
) -> bytes:
    """The ebMS error signal (``application/soap+xml``) answering ``failure``.

    Signed when ``key`` and ``certificate`` are given.
    """
    root = build_error_envelope(failure, now=now)
    if key is not None and certificate is not None:
        sign(root, {}, key, certificate)
    return _serialize(root)


def verify_receipt(
    body: bytes,
    content_type: str | None,
    sent: OutgoingMessage,
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    revocation: RevocationCheck | None = None,
) -> SignalMessage:
    """Check the answer to ``sent``: a signed receipt for it whose NRI matches what was signed.

    Raises :class:`AS4Failure` (``EBMS:0302 InvalidReceipt``, or the code of a
    signature failure); an error signal raises too, with its codes in the detail.
    """
    unit, _ = check_receipt(
        body,
        content_type,
        sent,
        trust_anchors=trust_anchors,
        at=at,
        intermediates=intermediates,
        revocation=revocation,
    )
    return unit


def check_receipt(
    body: bytes,
    content_type: str | None,
    sent: OutgoingMessage,
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    revocation: RevocationCheck | None = None,
) -> tuple[SignalMessage, x509.Certificate]:
    """:func:`verify_receipt`, and the certificate that signed the receipt (one pass)."""
    received = read(body, content_type)
    unit = read_messaging(received.envelope)
    if not isinstance(unit, SignalMessage):
        raise AS4Failure(EbmsCode.INVALID_RECEIPT, "the answer is a user message, not a signal")
    if unit.errors:
        codes = ", ".join(f"{e.code} {e.short_description}: {e.detail or ''}" for e in unit.errors)
        raise AS4Failure(EbmsCode.INVALID_RECEIPT, f"the receiver answered with errors: {codes}")
    verified = verify(
        received.envelope,
        {},
        trust_anchors=trust_anchors,
        at=at,
        intermediates=intermediates,
        revocation=revocation,
    )
    if unit.ref_to_message_id != sent.message_id:
        raise AS4Failure(
            EbmsCode.INVALID_RECEIPT,
            f"the receipt refers to {unit.ref_to_message_id!r}, not to {sent.message_id!r}",
        )
    assert unit.receipt is not None
    for reference in sent.references:
        if not any(reference.same_digest(r) for r in unit.receipt):
            raise AS4Failure(
                EbmsCode.INVALID_RECEIPT,
                f"the receipt's non-repudiation information lacks {reference.uri} with our digest",
            )
    return unit, verified.certificate
