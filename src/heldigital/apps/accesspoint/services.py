"""The access point: the public functions other apps call, sending, receiving, reporting.

Other apps use only these:

* :func:`enqueue` - put an SBDH in the outbox; returns its AS4 MessageId at once (the
  row is written in the caller's transaction; the first attempt is made by the worker
  when that transaction commits);
* :func:`outbound_status` - where a sent message is (queued/sending/receipted/failed);
* :func:`on_inbound` - register the handler that delivers received documents (the
  exchange app, in its ``AppConfig.ready()``). The handler runs inside the transaction
  that stores the inbound message, before the receipt is answered; raising
  :class:`Rejected` refuses the message with an ebMS error, any other exception rolls
  everything back and asks the sender to try again later.

Sending (:func:`attempt`): SML lookup -> SMP lookup (endpoint and AP certificate for the
document type and process; kept per process for ``HELDIGITAL_AP_LOOKUP_SECONDS``, forgotten
when an attempt fails, and done afresh by every retry) ->
:func:`heldigital.peppol.as4.package` -> HTTPS POST (kept-alive connections) ->
:func:`heldigital.peppol.as4.check_receipt` -> state. The packaged bytes are kept and
re-sent unchanged on every retry to the same access point, so the receiver's duplicate
elimination answers a retry with the receipt of the first copy and that receipt still
verifies. Temporary failures
(DNS, network, HTTP 5xx, an SMP that cannot be read) are retried with exponential
back-off (``HELDIGITAL_AP_RETRY_SECONDS``, doubling, at most six hours between attempts,
``HELDIGITAL_AP_ATTEMPTS`` attempts); permanent ones (not in the SML, no SMP entry, an
ebMS error, a receipt that does not verify) end ``failed`` with the reason.

Receiving (:func:`receive`): :func:`heldigital.peppol.as4.open_message` (decrypt, verify,
the SBDH against the ebMS header), the business document validated with
:mod:`heldigital.rules`, then one transaction: the :class:`InboundMessage` row (its
unique MessageId is the duplicate store), the transmission log row and the handlers.
Only after it commits is the signed receipt answered. A MessageId seen before answers the
receipt stored with the first copy, and the handlers are not called again.
"""

from __future__ import annotations

import base64
import http.client
import logging
import os
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from heldigital.apps.accesspoint.models import (
    Direction,
    InboundMessage,
    OutboundMessage,
    OutboundState,
    Transmission,
)
from heldigital.peppol import as4, reporting, sml, smp
from heldigital.peppol import sbdh as sbdh_module
from heldigital.peppol.as4.message import SignalMessage, UserMessage, new_message_id, read_messaging
from heldigital.peppol.as4.security import Reference
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.peppol.xmldsig import validate_chain
from heldigital.rules import validate_tree

logger = logging.getLogger(__name__)

__all__ = [
    "TRANSPORT_PROFILE",
    "Answer",
    "InboundHandler",
    "NotConfigured",
    "Rejected",
    "UnknownMessage",
    "attempt",
    "close_connections",
    "due",
    "end_user_statistics",
    "enqueue",
    "envelope",
    "forget_lookups",
    "on_inbound",
    "outbound_status",
    "receive",
    "send_due",
    "transaction_statistics",
    "transactions",
]

#: The Peppol AS4 transport profile (Peppol AS4 profile 2.0).
TRANSPORT_PROFILE = "peppol-transport-as4-v2_0"
#: The largest answer read from a receiving access point.
MAX_ANSWER_BYTES = 16 * 1024 * 1024
ACTIVE = (OutboundState.QUEUED, OutboundState.SENDING)


class NotConfigured(Exception):
    """The access point's key, certificate or trust anchors are not set or cannot be read."""


class UnknownMessage(LookupError):
    """No outbound message has this MessageId."""


class Rejected(Exception):
    """Raised by an inbound handler to refuse a message (answered with ``EBMS:0004``)."""


class InboundHandler(Protocol):
    def __call__(
        self,
        *,
        message_id: str,
        sbdh: bytes,
        metadata: dict[str, Any],
        report: dict[str, Any],
        now: datetime,
    ) -> None: ...


# --- Configuration ------------------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """This access point: its key, certificate (and chain) and party id (the certificate's CN)."""

    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    party: str
    chain: tuple[x509.Certificate, ...] = ()


@dataclass(frozen=True)
class Trust:
    anchors: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...]


def _common_name(certificate: x509.Certificate) -> str:
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def _stamp(*paths: str) -> tuple[float, ...]:
    return tuple(Path(p).stat().st_mtime for p in paths)


@lru_cache(maxsize=4)
def _load_identity(key_path: str, certificate_path: str, stamp: tuple[float, ...]) -> Identity:
    password = os.environ.get("HELDIGITAL_AP_KEY_PASSWORD")
    key = load_pem_private_key(
        Path(key_path).read_bytes(), password=password.encode() if password else None
    )
    if not isinstance(key, rsa.RSAPrivateKey):
        raise NotConfigured("the access point key is not an RSA key (the Peppol AS4 profile)")
    certificates = x509.load_pem_x509_certificates(Path(certificate_path).read_bytes())
    if not certificates or certificates[0].public_key() != key.public_key():
        raise NotConfigured("the first access point certificate is not the key's")
    return Identity(key, certificates[0], _common_name(certificates[0]), tuple(certificates[1:]))


def identity() -> Identity:
    """``HELDIGITAL_AP_KEY`` and ``HELDIGITAL_AP_CERTIFICATE`` (PEM files)."""
    key_path = settings.HELDIGITAL_AP_KEY
    certificate_path = settings.HELDIGITAL_AP_CERTIFICATE
    if not key_path or not certificate_path:
        raise NotConfigured("HELDIGITAL_AP_KEY and HELDIGITAL_AP_CERTIFICATE are not set")
    try:
        own = _load_identity(key_path, certificate_path, _stamp(key_path, certificate_path))
    except (OSError, ValueError, TypeError) as exc:
        raise NotConfigured(f"the access point key or certificate cannot be read: {exc}") from None
    seat = settings.HELDIGITAL_AP_SEAT_ID
    return own if not seat or seat == own.party else replace(own, party=seat)


@lru_cache(maxsize=8)
def _load_trust(path: str, stamp: tuple[float, ...]) -> Trust:
    certificates = x509.load_pem_x509_certificates(Path(path).read_bytes())
    anchors = tuple(c for c in certificates if c.subject == c.issuer)
    return Trust(anchors, tuple(c for c in certificates if c.subject != c.issuer))


def _trust(setting: str) -> Trust:
    path = getattr(settings, setting)
    if not path:
        raise NotConfigured(f"{setting} is not set")
    try:
        trust = _load_trust(path, _stamp(path))
    except (OSError, ValueError) as exc:
        raise NotConfigured(f"{setting} cannot be read: {exc}") from None
    if not trust.anchors:
        raise NotConfigured(f"{setting} holds no self-signed root certificate")
    return trust


def ap_trust() -> Trust:
    """``HELDIGITAL_AP_TRUST``: the Peppol AP roots (self-signed) and intermediate CAs.

    The chain of our own certificate counts as intermediates too (in Peppol, the peers'
    certificates are issued by the same AP CA).
    """
    trust = _trust("HELDIGITAL_AP_TRUST")
    try:
        chain = identity().chain
    except NotConfigured:
        chain = ()
    extra = tuple(c for c in chain if c not in trust.intermediates and c not in trust.anchors)
    return Trust(trust.anchors, trust.intermediates + extra)


def smp_trust() -> Trust:
    """``HELDIGITAL_SMP_TRUST`` (default: the AP trust file): the SMP roots."""
    return _trust(
        "HELDIGITAL_SMP_TRUST" if settings.HELDIGITAL_SMP_TRUST else "HELDIGITAL_AP_TRUST"
    )


def revocation() -> as4.CRLChecker | as4.OCSPChecker | None:
    """``HELDIGITAL_AP_REVOCATION``: off (``""``), ``crl``, ``ocsp`` (then CRL); fails closed.

    One checker per process and setting, so that fetched CRLs are cached until their
    next update.
    """
    return _revocation(settings.HELDIGITAL_AP_REVOCATION, float(settings.HELDIGITAL_AP_TIMEOUT))


@lru_cache(maxsize=4)
def _revocation(mode: str, timeout: float) -> as4.CRLChecker | as4.OCSPChecker | None:
    if mode == "crl":
        return as4.CRLChecker(timeout=timeout)
    if mode == "ocsp":
        return as4.OCSPChecker(timeout=timeout, fallback=as4.CRLChecker(timeout=timeout))
    if mode:
        raise NotConfigured(f"HELDIGITAL_AP_REVOCATION is {mode!r}, not '', 'crl' or 'ocsp'")
    return None


# --- The public functions -----------------------------------------------------------

_handlers: list[Callable[..., None]] = []


def on_inbound(handler: Callable[..., None]) -> None:
    """Deliver every newly received message to ``handler`` (once per MessageId).

    ``handler(*, message_id, sbdh, metadata, report, now)`` is called inside the
    transaction that stores the message, before the receipt is answered. Registering the
    same handler twice registers it once.
    """
    if handler not in _handlers:
        _handlers.append(handler)


def _header_fields(header: sbdh_module.Header) -> dict[str, str]:
    return {
        "sender": str(header.sender),
        "receiver": str(header.receiver),
        "document_type": str(header.document_type),
        "process": str(header.process),
        "country_c1": header.country_c1,
        "instance_identifier": header.instance_identifier,
    }


def enqueue(*, sbdh: bytes, now: datetime) -> str:
    """Put ``sbdh`` (a Peppol SBDH with its business document) in the outbox; its MessageId.

    The sender, receiver, document type and process are read from the SBDH, which must be
    valid (:func:`heldigital.peppol.sbdh.read`; raises its ``SBDHError``, a ``ValueError``).
    The row is written in the current transaction; when it commits, the worker is asked to
    send it (and the minute sweep picks it up in any case).
    """
    header = sbdh_module.read(sbdh, source="outbound SBDH").header
    message_id = new_message_id()
    OutboundMessage.objects.create(
        message_id=message_id,
        sbdh=sbdh,
        created_at=now,
        next_attempt_at=now,
        **_header_fields(header),
    )

    def schedule() -> None:
        from heldigital.apps.accesspoint import tasks

        tasks.send_outbound.enqueue(message_id)

    transaction.on_commit(schedule, robust=True)
    return message_id


def outbound_status(message_id: str) -> dict[str, Any]:
    """``state``, ``reason``, ``attempts``, ``receipted_at`` (and more) of an outbound message."""
    row = OutboundMessage.objects.filter(message_id=message_id).first()
    if row is None:
        raise UnknownMessage(message_id)
    return {
        "message_id": row.message_id,
        "state": row.state,
        "reason": row.reason,
        "attempts": row.attempts,
        "receipted_at": row.receipted_at,
        "last_error": row.last_error,
        "next_attempt_at": row.next_attempt_at if row.state in ACTIVE else None,
        "receiver": row.receiver,
        "document_type": row.document_type,
    }


_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


def envelope(
    payload: bytes,
    *,
    receiver: str,
    now: datetime,
    sender: str | None = None,
    document_type: str | None = None,
    process: str | None = None,
    country: str | None = None,
) -> bytes:
    """``payload`` (a UBL document) in a Peppol SBDH; raises ``ValueError`` with the reason.

    Unless given, the document type is made of the root element and ``cbc:CustomizationID``
    (version 2.1), the process is ``cbc:ProfileID``, the sender the seller's (or else the
    buyer's) ``cbc:EndpointID`` and the country ``HELDIGITAL_AP_COUNTRY``.
    """
    from heldigital import xml as hxml

    root = hxml.parse(payload, source="payload").getroot()

    def text(path: str) -> str | None:
        found = root.find(path, {"cbc": _CBC, "cac": _CAC})
        return found.text.strip() if found is not None and found.text else None

    if document_type is None:
        customization = text("cbc:CustomizationID")
        if not customization:
            raise ValueError("the payload has no cbc:CustomizationID: give --document-type")
        qname = root.tag[1:].split("}", 1) if root.tag.startswith("{") else ["", root.tag]
        doctype = DocumentTypeIdentifier.from_parts(qname[0], qname[1], customization, "2.1")
    elif document_type.startswith(("busdox-docid-qns::", "peppol-doctype-wildcard::")):
        doctype = DocumentTypeIdentifier.parse(document_type)
    else:
        doctype = DocumentTypeIdentifier.create(document_type)
    profile = process or text("cbc:ProfileID")
    if not profile:
        raise ValueError("the payload has no cbc:ProfileID: give --process")
    if sender is None:
        for party in ("AccountingSupplierParty", "SellerSupplierParty", "BuyerCustomerParty"):
            found = root.find(f"cac:{party}/cac:Party/cbc:EndpointID", {"cbc": _CBC, "cac": _CAC})
            if found is not None and found.text and found.get("schemeID"):
                sender = f"{found.get('schemeID')}:{found.text.strip()}"
                break
        else:
            raise ValueError("the payload names no sender endpoint: give --from")
    header = sbdh_module.Header.for_message(
        root,
        sender=_participant(sender),
        receiver=_participant(receiver),
        document_type=doctype,
        process=ProcessIdentifier.parse(profile)
        if profile.startswith("cenbii-procid-ubl::")
        else ProcessIdentifier.create(profile),
        country_c1=country or settings.HELDIGITAL_AP_COUNTRY,
        now=now,
    )
    return sbdh_module.write(header, root)


def _participant(text: str) -> ParticipantIdentifier:
    if "::" in text:
        return ParticipantIdentifier.parse(text)
    return ParticipantIdentifier.create(text)


# --- Receiving ----------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What the AS4 endpoint answers: HTTP status, body, content type; ``stored`` when new."""

    status: int
    body: bytes
    content_type: str = as4.SOAP_CONTENT_TYPE
    stored: bool = False
    duplicate: bool = False


def _error(
    failure: as4.AS4Failure, now: datetime, own: Identity | None, status: int = 200
) -> Answer:
    key = own.key if own else None
    certificate = own.certificate if own else None
    return Answer(status, as4.error_signal(failure, now=now, key=key, certificate=certificate))


def metadata_of(delivered: as4.Delivered) -> dict[str, Any]:
    """The SBDH and ebMS metadata of a delivered message (JSON-safe)."""
    assert delivered.sbdh is not None
    header = delivered.sbdh.header
    unit = delivered.user_message
    return {
        **_header_fields(header),
        "creation": header.creation.isoformat(),
        "standard": header.standard,
        "type": header.type,
        "type_version": header.type_version,
        "sender_ap": _common_name(delivered.signature.certificate),
        "receiver_ap": unit.to_party,
        "conversation_id": unit.conversation_id,
        "ebms_timestamp": unit.timestamp.isoformat(),
    }


def validation_report(document: sbdh_module.StandardBusinessDocument) -> dict[str, Any]:
    """The business document checked with :mod:`heldigital.rules` (as a dict)."""
    try:
        return validate_tree(document.business_message).as_dict()
    except Exception as exc:  # a validator fault must not lose the document
        logger.exception("validating a received document failed")
        return {"valid": False, "errors": [], "error": f"the validator failed: {exc}"}


def too_large(limit: int, *, now: datetime) -> Answer:
    """HTTP 413 with a signed ebMS error (``EBMS:0004``): the request is over ``limit``.

    The body is not read, so the error names no MessageId; the sender ends the message
    ``failed`` with this reason rather than retrying it (docs/accesspoint.md, "What is not done").
    """
    failure = as4.AS4Failure(
        as4.EbmsCode.OTHER,
        f"the message is over {limit:,} bytes, the largest this access point accepts",
    )
    try:
        own: Identity | None = identity()
    except NotConfigured:
        own = None
    return _error(failure, now, own, status=413)


def receive(body: bytes, content_type: str | None, *, now: datetime) -> Answer:
    """Handle one POST to the AS4 endpoint: verify, store, deliver, then the receipt.

    Every failure of the message itself is answered with the ebMS error signal (HTTP 200,
    signed), nothing stored; an access point without its key answers 503, and so does a
    failure of our own (the database, a handler's bug), after rolling back, so that the
    sender tries again later.
    """
    try:
        own = identity()
        trust = ap_trust()
        checker = revocation()
    except NotConfigured as exc:
        logger.error("the AS4 endpoint is not configured: %s", exc)
        failure = as4.AS4Failure(as4.EbmsCode.OTHER, "the access point is not configured")
        return _error(failure, now, None, status=503)
    try:
        delivered = as4.open_message(
            body,
            content_type,
            key=own.key,
            trust_anchors=trust.anchors,
            intermediates=trust.intermediates,
            at=now,
            revocation=checker,
            our_party=own.party,
        )
    except as4.AS4Failure as refused:
        return _error(refused, now, own)
    except Exception:  # a bug in reading hostile input must not become a 500
        logger.exception("reading an AS4 message failed unexpectedly")
        unreadable = as4.AS4Failure(as4.EbmsCode.OTHER, "the message could not be processed")
        return _error(unreadable, now, own)
    message_id = delivered.user_message.message_id
    assert delivered.sbdh is not None  # open_message(check_sbdh=True)
    sbdh = delivered.payloads[0]
    metadata = metadata_of(delivered)
    report = validation_report(delivered.sbdh)
    answer = as4.receipt(delivered, key=own.key, certificate=own.certificate, now=now)
    try:
        return _store(delivered, sbdh, metadata, report, answer, now)
    except Rejected as exc:
        rejected = as4.AS4Failure(as4.EbmsCode.OTHER, str(exc), message_id=message_id)
        return _error(rejected, now, own)
    except Exception:
        logger.exception("storing the inbound message %s failed; the sender will retry", message_id)
        later = as4.AS4Failure(
            as4.EbmsCode.OTHER, "temporarily unable to store the message", message_id=message_id
        )
        return _error(later, now, own, status=503)


def _store(
    delivered: as4.Delivered,
    sbdh: bytes,
    metadata: dict[str, Any],
    report: dict[str, Any],
    answer: bytes,
    now: datetime,
) -> Answer:
    message_id = delivered.user_message.message_id
    assert delivered.sbdh is not None
    header = delivered.sbdh.header
    # One transaction, no savepoint: the unique MessageId is the duplicate store. A copy
    # already stored (or being stored by a concurrent request, which the insert waits
    # for) makes the insert fail; then the whole transaction is rolled back and the
    # first copy's receipt answered.
    try:
        with transaction.atomic():
            InboundMessage.objects.create(
                message_id=message_id,
                sbdh=sbdh,
                sender=metadata["sender"],
                receiver=metadata["receiver"],
                document_type=metadata["document_type"],
                process=metadata["process"],
                country_c1=metadata["country_c1"],
                instance_identifier=metadata["instance_identifier"],
                sender_ap=metadata["sender_ap"],
                metadata=metadata,
                report=report,
                received_at=now,
                receipt=answer,
            )
            Transmission.objects.create(
                message_id=message_id,
                direction=Direction.INCOMING,
                timestamp=now,
                other_service_provider=metadata["sender_ap"],
                sender=header.sender.value,
                receiver=header.receiver.value,
                document_type_scheme=header.document_type.scheme,
                document_type=header.document_type.value,
                process_scheme=header.process.scheme,
                process=header.process.value,
                sender_country=header.country_c1,
                receiver_country="",
                end_user=header.receiver.value.lower(),
                end_user_country=settings.HELDIGITAL_AP_COUNTRY,
                transport_profile=TRANSPORT_PROFILE,
            )
            for handler in list(_handlers):
                handler(message_id=message_id, sbdh=sbdh, metadata=metadata, report=report, now=now)
    except IntegrityError:
        first = InboundMessage.objects.filter(message_id=message_id).first()
        if first is None:  # not a duplicate: a handler's own conflict
            raise
        return Answer(200, bytes(first.receipt), duplicate=True)
    return Answer(200, answer, stored=True)


# --- Sending ------------------------------------------------------------------------


class _Temporary(Exception):
    pass


class _Permanent(Exception):
    pass


def retry_delay(attempts: int) -> timedelta:
    """The wait after attempt ``attempts``: base × 2^(attempts-1), at most six hours."""
    base = float(settings.HELDIGITAL_AP_RETRY_SECONDS)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def _lease() -> timedelta:
    # an attempt takes at most: DNS + SMP + connect + send + answer, each bounded
    return timedelta(seconds=6 * float(settings.HELDIGITAL_AP_TIMEOUT) + 60)


def _claim(message_id: str, now: datetime) -> OutboundMessage | None:
    """Take the message for one attempt, or None when it is not due or another worker has it.

    One conditional UPDATE is the claim, on every database: PostgreSQL locks the row for
    the statement and re-checks the condition after a concurrent claim commits (READ
    COMMITTED), SQLite writes one statement at a time; either way exactly one of two
    workers sees one row updated. The lease (``next_attempt_at``) keeps others away
    until the attempt ends or the worker is presumed dead.
    """
    claimed = OutboundMessage.objects.filter(
        message_id=message_id, state__in=ACTIVE, next_attempt_at__lte=now
    ).update(
        state=OutboundState.SENDING,
        attempts=F("attempts") + 1,
        next_attempt_at=now + _lease(),
    )
    if not claimed:
        return None
    return OutboundMessage.objects.get(message_id=message_id)


def _resolver() -> Any:
    server = settings.HELDIGITAL_SML_NAMESERVER
    if not server:
        return None
    host, _, port = server.rpartition(":") if server.count(":") == 1 else (server, "", "53")
    return sml.resolver_for(host, int(port or 53), timeout=float(settings.HELDIGITAL_AP_TIMEOUT))


# The lookups of this process: (receiver, document type, process) -> (the endpoint, when
# it was looked up). Kept HELDIGITAL_AP_LOOKUP_SECONDS; forgotten when an attempt with it
# fails, and not used by a retry (which looks up again and refreshes it).
_lookups: dict[tuple[str, str, str], tuple[smp.Endpoint, datetime]] = {}
_lookups_lock = threading.Lock()


def _lookup_key(row: OutboundMessage) -> tuple[str, str, str]:
    return (row.receiver.lower(), row.document_type, row.process)


def forget_lookups() -> None:
    """Forget every cached SML/SMP lookup of this process (tests, operators)."""
    with _lookups_lock:
        _lookups.clear()


def _discover(row: OutboundMessage, now: datetime, *, fresh: bool = False) -> smp.Endpoint:
    """The receiver's endpoint: from this process's cache, or SML -> SMP (then cached)."""
    key = _lookup_key(row)
    keep = timedelta(seconds=float(settings.HELDIGITAL_AP_LOOKUP_SECONDS))
    with _lookups_lock:
        cached = None if fresh else _lookups.get(key)
    if cached is not None:
        endpoint, looked_up = cached
        if looked_up <= now < looked_up + keep and endpoint.active_at(now):
            return endpoint
    receiver = ParticipantIdentifier.parse(row.receiver)
    document_type = DocumentTypeIdentifier.parse(row.document_type)
    process = ProcessIdentifier.parse(row.process)
    timeout = float(settings.HELDIGITAL_AP_TIMEOUT)
    try:
        trust = smp_trust()
        _, endpoint = smp.discover(
            receiver,
            document_type,
            process,
            TRANSPORT_PROFILE,
            zone=settings.HELDIGITAL_SML_ZONE,
            trust_anchors=trust.anchors,
            at=now,
            resolver=_resolver(),
            timeout=timeout,
        )
    except sml.NotRegistered as exc:
        raise _Permanent(f"the receiver is not in the SML: {exc}") from None
    except smp.NotFound as exc:
        raise _Permanent(f"the receiver's SMP has no entry for it: {exc}") from None
    except (sml.SMLError, smp.SMPError) as exc:
        raise _Temporary(f"looking up the receiver failed: {exc}") from None
    if endpoint.certificate is None:
        raise _Permanent("the receiver's SMP entry has no access point certificate")
    if keep:
        with _lookups_lock:
            _lookups[key] = (endpoint, now)
    return endpoint


def _forget_lookup(row: OutboundMessage) -> None:
    with _lookups_lock:
        _lookups.pop(_lookup_key(row), None)


@lru_cache(maxsize=4)
def _load_ssl_context(bundle: str, stamp: tuple[float, ...]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=bundle or None)


def _ssl_context() -> ssl.SSLContext:
    """One client context per CA bundle (reloaded when the file changes)."""
    bundle = settings.HELDIGITAL_AP_CA_BUNDLE
    try:
        stamp = _stamp(bundle) if bundle else ()
    except OSError:
        stamp = ()
    return _load_ssl_context(bundle, stamp)


#: An idle kept-alive connection older than this is closed instead of used again.
IDLE_SECONDS = 30.0
#: Idle connections kept per receiving access point (one per sending thread is enough).
IDLE_PER_ENDPOINT = 4


class _Connections:
    """Kept-alive HTTP(S) connections to receiving access points, per (scheme, host, port).

    A connection goes back to the pool after a complete answer that does not close it,
    so consecutive messages to one access point share one TCP connection and TLS
    session instead of a handshake each. Thread-safe: a connection is used by one
    request at a time.
    """

    def __init__(self) -> None:
        self._idle: dict[tuple[Any, ...], list[tuple[http.client.HTTPConnection, float]]] = {}
        self._lock = threading.Lock()

    def take(self, key: tuple[Any, ...]) -> http.client.HTTPConnection | None:
        stale: list[http.client.HTTPConnection] = []
        found = None
        with self._lock:
            idle = self._idle.get(key, [])
            while idle:
                connection, since = idle.pop()
                if time.monotonic() - since < IDLE_SECONDS:
                    found = connection
                    break
                stale.append(connection)
        for connection in stale:
            connection.close()
        return found

    def give_back(self, key: tuple[Any, ...], connection: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < IDLE_PER_ENDPOINT:
                idle.append((connection, time.monotonic()))
                return
        connection.close()

    def close_all(self) -> None:
        with self._lock:
            idle = [c for connections in self._idle.values() for c, _ in connections]
            self._idle.clear()
        for connection in idle:
            connection.close()


_connections = _Connections()


def close_connections() -> None:
    """Close this process's idle kept-alive connections to receiving access points."""
    _connections.close_all()


def _connect(
    scheme: str, host: str, port: int | None, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=_ssl_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


def post(url: str, body: bytes, content_type: str, *, timeout: float) -> tuple[int, str, bytes]:
    """POST ``body`` to ``url`` (HTTPS; plain HTTP only when ``HELDIGITAL_AP_ALLOW_HTTP``).

    On a kept-alive connection when one to the same host is idle (:class:`_Connections`).
    When a reused connection turns out to have been closed by the server before it
    answered, the request is made once more on a new one (harmless for AS4: the
    receiver's duplicate elimination answers a second copy with the first receipt).
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" and not (
        parts.scheme == "http" and settings.HELDIGITAL_AP_ALLOW_HTTP
    ):
        raise _Permanent(f"the endpoint {url!r} is not HTTPS")
    host = parts.hostname or ""
    key = (parts.scheme, host, parts.port, settings.HELDIGITAL_AP_CA_BUNDLE)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"Content-Type": content_type, "MIME-Version": "1.0"}
    reused = _connections.take(key)
    connection = reused or _connect(parts.scheme, host, parts.port, timeout)
    try:
        try:
            if reused is not None and connection.sock is not None:
                connection.sock.settimeout(timeout)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if reused is None:
                raise
            connection.close()  # the server had closed the idle connection: a new one
            connection = _connect(parts.scheme, host, parts.port, timeout)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
        answer = response.read(MAX_ANSWER_BYTES + 1)
        complete = response.isclosed() and not response.will_close
        status, answer_type = response.status, response.getheader("Content-Type") or ""
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        raise _Temporary(f"POST to {url} failed: {exc}") from None
    if complete:
        _connections.give_back(key, connection)
    else:
        connection.close()
    return status, answer_type, answer


def _check_receiver(endpoint: smp.Endpoint, now: datetime) -> x509.Certificate:
    assert endpoint.certificate is not None
    trust = ap_trust()
    try:
        validate_chain(
            endpoint.certificate,
            trust_anchors=trust.anchors,
            intermediates=trust.intermediates,
            at=now,
        )
    except ValueError as exc:  # SignatureError
        raise _Permanent(f"the receiver's access point certificate is not trusted: {exc}") from None
    return endpoint.certificate


def _prepare(row: OutboundMessage, own: Identity, now: datetime) -> as4.OutgoingMessage:
    """The message to POST: packaged now, or the stored bytes of an earlier attempt.

    A retry (``attempts`` > 1) looks the receiver up again. When the SMP still names the
    same access point (the CN of its certificate), the stored bytes go again, to the
    endpoint URL the SMP names now; when it names another access point, the message is
    packaged anew for it, with the same MessageId.
    """
    endpoint = _discover(row, now, fresh=row.attempts > 1)
    certificate = _check_receiver(endpoint, now)
    receiver_ap = _common_name(certificate)
    if row.packaged and receiver_ap == row.receiver_ap:
        if endpoint.address != row.endpoint_url:
            row.endpoint_url = endpoint.address
            row.save(update_fields=["endpoint_url"])
        return _outgoing(row)
    out = as4.package(
        bytes(row.sbdh),
        from_party=own.party,
        to_party=receiver_ap,
        key=own.key,
        certificate=own.certificate,
        receiver_certificate=certificate,
        now=now,
        message_id=row.message_id,
    )
    row.endpoint_url = endpoint.address
    row.receiver_ap = receiver_ap
    row.packaged = out.body
    row.content_type = out.content_type
    row.signed_references = [
        {
            "uri": r.uri,
            "digest": base64.b64encode(r.digest_value).decode(),
            "transforms": list(r.transforms),
            "method": r.digest_method,
        }
        for r in out.references
    ]
    # stored before it leaves: every retry re-sends these bytes (see the module docstring)
    row.save(
        update_fields=[
            "endpoint_url",
            "receiver_ap",
            "packaged",
            "content_type",
            "signed_references",
        ]
    )
    return out


def _outgoing(row: OutboundMessage) -> as4.OutgoingMessage:
    body = bytes(row.packaged or b"")
    unit = read_messaging(as4.read(body, row.content_type).envelope)
    assert isinstance(unit, UserMessage)
    references = tuple(
        Reference(r["uri"], base64.b64decode(r["digest"]), tuple(r["transforms"]), r["method"])
        for r in row.signed_references
    )
    return as4.OutgoingMessage(row.message_id, body, row.content_type, unit, references)


#: ebMS errors worth trying again (the receiver's own trouble, not the message's)
RETRYABLE_ERRORS = frozenset({"EBMS:0005", "EBMS:0006"})


def _exchange(row: OutboundMessage, sent: as4.OutgoingMessage, now: datetime) -> bytes:
    """POST the packaged message; the receipt (verified), or why not."""
    timeout = float(settings.HELDIGITAL_AP_TIMEOUT)
    status, content_type, body = post(
        row.endpoint_url, sent.body, sent.content_type, timeout=timeout
    )
    if len(body) > MAX_ANSWER_BYTES:
        raise _Temporary(f"the answer is over {MAX_ANSWER_BYTES:,} bytes")
    signal: SignalMessage | None = None
    try:
        unit = read_messaging(as4.read(body, content_type or None).envelope)
        signal = unit if isinstance(unit, SignalMessage) else None
    except as4.AS4Failure:
        signal = None
    if status >= 500 or status in (408, 429):
        codes = ", ".join(e.code for e in signal.errors) if signal else ""
        raise _Temporary(f"HTTP {status} from {row.endpoint_url} {codes}".strip())
    if signal is not None and signal.errors:
        text = "; ".join(
            f"{e.code} {e.short_description}: {e.detail or e.description or ''}".strip()
            for e in signal.errors
        )
        if all(e.code in RETRYABLE_ERRORS for e in signal.errors):
            raise _Temporary(f"the receiver answered {text}")
        raise _Permanent(f"the receiver answered {text}")
    if status >= 300:
        raise _Temporary(f"HTTP {status} from {row.endpoint_url} without an ebMS signal")
    trust = ap_trust()
    try:
        _, signer = as4.check_receipt(
            body,
            content_type or None,
            sent,
            trust_anchors=trust.anchors,
            intermediates=trust.intermediates,
            at=now,
            revocation=revocation(),
        )
    except as4.AS4Failure as exc:
        raise _Permanent(f"the receipt does not verify: {exc.code.code} {exc.detail}") from None
    # the receipt must come from the access point the SMP named (its Seat ID)
    if _common_name(signer) != row.receiver_ap:
        raise _Permanent(
            f"the receipt is signed by {_common_name(signer)!r}, not by the receiving "
            f"access point {row.receiver_ap!r}"
        )
    return body


def _receipted(row: OutboundMessage, body: bytes, now: datetime) -> None:
    """The receipt and the transmission log row, in one transaction (two statements)."""
    sender = ParticipantIdentifier.parse(row.sender)
    document_type = DocumentTypeIdentifier.parse(row.document_type)
    process = ProcessIdentifier.parse(row.process)
    with transaction.atomic():
        row.state = OutboundState.RECEIPTED
        row.receipt = body
        row.receipted_at = now
        row.reason = ""
        row.save(update_fields=["state", "receipt", "receipted_at", "reason"])
        # a lapsed lease may have let another worker log it first: then nothing more
        Transmission.objects.bulk_create(
            [
                Transmission(
                    message_id=row.message_id,
                    direction=Direction.OUTGOING,
                    timestamp=now,
                    other_service_provider=row.receiver_ap,
                    sender=sender.value,
                    receiver=ParticipantIdentifier.parse(row.receiver).value,
                    document_type_scheme=document_type.scheme,
                    document_type=document_type.value,
                    process_scheme=process.scheme,
                    process=process.value,
                    sender_country=row.country_c1,
                    receiver_country="",
                    end_user=sender.value.lower(),
                    end_user_country=row.country_c1,
                    transport_profile=TRANSPORT_PROFILE,
                )
            ],
            ignore_conflicts=True,
        )


def attempt(message_id: str, *, now: datetime) -> str:
    """One attempt to send an outbound message that is due; its state afterwards.

    A message that is not due (receipted, failed, waiting for its next attempt, or being
    sent by another worker) is left alone and its state returned.
    """
    row = _claim(message_id, now)
    if row is None:
        current = OutboundMessage.objects.filter(message_id=message_id).first()
        if current is None:
            raise UnknownMessage(message_id)
        return current.state
    try:
        own = identity()
        _receipted(row, _exchange(row, _prepare(row, own, now), now), now)
    except (_Temporary, NotConfigured) as exc:
        _forget_lookup(row)
        _retry_or_fail(row, str(exc), now)
    except _Permanent as exc:
        _forget_lookup(row)
        _fail(row, str(exc), now)
    except Exception as exc:  # a bug: retried like a temporary failure, and logged
        _forget_lookup(row)
        logger.exception("sending %s failed unexpectedly", message_id)
        _retry_or_fail(row, f"unexpected error: {exc}", now)
    return row.state


def _retry_or_fail(row: OutboundMessage, error: str, now: datetime) -> None:
    if row.attempts >= int(settings.HELDIGITAL_AP_ATTEMPTS):
        _fail(row, f"gave up after {row.attempts} attempts: {error}", now)
        return
    row.state = OutboundState.QUEUED
    row.last_error = error
    row.next_attempt_at = now + retry_delay(row.attempts)
    row.save(update_fields=["state", "last_error", "next_attempt_at"])
    logger.warning(
        "sending %s failed (attempt %d), retrying: %s", row.message_id, row.attempts, error
    )


def _fail(row: OutboundMessage, reason: str, now: datetime) -> None:
    row.state = OutboundState.FAILED
    row.reason = reason
    row.last_error = reason
    row.save(update_fields=["state", "reason", "last_error"])
    logger.error("sending %s failed for good: %s", row.message_id, reason)


def due(now: datetime, limit: int = 100) -> list[str]:
    """MessageIds the worker should attempt now (queued and due, or a lapsed lease)."""
    return list(
        OutboundMessage.objects.filter(state__in=ACTIVE, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("message_id", flat=True)[:limit]
    )


def send_due(*, now: Callable[[], datetime]) -> int:
    """One :func:`attempt` for each due message; how many were looked at."""
    ids = due(now())
    for message_id in ids:
        try:
            attempt(message_id, now=now())
        except Exception:  # one bad row must not stop the others
            logger.exception("sending %s failed", message_id)
    return len(ids)


# --- Reporting ----------------------------------------------------------------------


def transactions(month: reporting.Month) -> list[reporting.Transaction]:
    """The transmission log of ``month`` as :class:`heldigital.peppol.reporting.Transaction`."""
    from datetime import UTC, time

    start = datetime.combine(month.first_day, time(0), tzinfo=UTC)
    end = datetime.combine(month.last_day, time(0), tzinfo=UTC) + timedelta(days=1)
    rows = Transmission.objects.filter(timestamp__gte=start, timestamp__lt=end).order_by("pk")
    return [
        reporting.Transaction(
            timestamp=row.timestamp,
            direction=reporting.Direction(row.direction),
            other_service_provider=row.other_service_provider,
            sender=row.sender,
            receiver=row.receiver,
            document_type=row.document_type,
            process=row.process,
            end_user=row.end_user,
            end_user_country=row.end_user_country,
            sender_country=row.sender_country or None,
            receiver_country=row.receiver_country or None,
            transport_protocol=row.transport_profile,
            document_type_scheme=row.document_type_scheme,
            process_scheme=row.process_scheme,
        )
        for row in rows
    ]


def reporter() -> str:
    """This access point's Seat ID: the CN of its certificate."""
    return identity().party


def transaction_statistics(month: reporting.Month) -> reporting.TransactionStatistics:
    return reporting.build_tsr(transactions(month), month, reporter())


def end_user_statistics(month: reporting.Month) -> reporting.EndUserStatistics:
    return reporting.build_eusr(transactions(month), month, reporter())
