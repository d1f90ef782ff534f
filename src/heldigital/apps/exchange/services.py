"""Sending and receiving business documents: the exchange's rules (docs/exchange.md).

Plain functions; the pages, the API and other apps only call them. Time is
passed in (``now``), never read here.

* :func:`send` validates a business document (:mod:`heldigital.rules`), wraps
  it in a Peppol SBDH (:mod:`heldigital.peppol.sbdh`) and puts it in the
  sender's outbox; when the receiver is an organisation on this platform (the
  address register, :func:`heldigital.apps.smp.services.organisation_for`) it
  is delivered into that organisation's inbox in the same transaction,
  otherwise it is handed to the access point (``accesspoint.services.enqueue``)
  in the same transaction, or kept waiting while the access point is not
  configured; :func:`refresh_outbound` (the worker, every minute) follows it.
  An invalid document is refused (:class:`DocumentRefused`, with the findings)
  and nothing is stored.
* :func:`receive` is the access point's inbound handler: it puts a document
  received from the network into the receiver's inbox exactly once (keyed by
  the message id; the database's unique constraint decides a race).
* :func:`visible` / :func:`get_visible` are what a principal may see: only
  its own organisation's documents, with one of :data:`READ_ROLES`.

States change only through :func:`_change` as :data:`TRANSITIONS` allows,
each change recorded in the document's history with its time and actor.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from lxml import etree

from heldigital import xml as hxml
from heldigital.apps.accesspoint import services as accesspoint
from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation, Role
from heldigital.apps.common import local_day, require_aware
from heldigital.apps.exchange.models import (
    Direction,
    Document,
    DocumentEvent,
    State,
    Tracking,
)
from heldigital.apps.smp import services as register
from heldigital.peppol import sbdh as sbdh_lib
from heldigital.peppol.identifiers import (
    SCHEME_ISO6523_ACTORID_UPIS,
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.rules import api as rules

logger = logging.getLogger(__name__)

__all__ = [
    "MAX_PAYLOAD",
    "READ_ROLES",
    "SEND_ROLES",
    "TRANSITIONS",
    "DocumentRefused",
    "Filters",
    "UnknownReceiver",
    "access_point_available",
    "can_read",
    "can_send",
    "describe",
    "get_visible",
    "history",
    "on_received",
    "receive",
    "refresh_outbound",
    "register_inbound_handler",
    "send",
    "send_as",
    "visible",
]

#: Who sees the organisation's inbox and outbox.
READ_ROLES: frozenset[str] = frozenset(
    {Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER, Role.SUPPLIER_USER, Role.AUDITOR}
)
#: Who sends documents in the organisation's name.
SEND_ROLES: frozenset[str] = frozenset(
    {Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER, Role.SUPPLIER_USER}
)
#: Largest business document accepted (bytes).
MAX_PAYLOAD = 10 * 1024 * 1024
#: The sender's country (SBDH COUNTRY_C1) of the platform's organisations.
COUNTRY = "NO"
#: The actor of changes the platform makes by itself.
PLATFORM = "platform"

#: Allowed changes of state: from (None: a new document) to.
TRANSITIONS: dict[str | None, frozenset[str]] = {
    None: frozenset({State.DELIVERED, State.QUEUED, State.NO_ACCESS_POINT, State.RECEIVED}),
    State.NO_ACCESS_POINT: frozenset({State.QUEUED}),
    State.QUEUED: frozenset({State.DELIVERED, State.FAILED}),
    State.DELIVERED: frozenset(),
    State.FAILED: frozenset(),
    State.RECEIVED: frozenset(),
}

_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#: The UBL version of every EHF / Peppol BIS 3 document type identifier.
_UBL_VERSION = "2.1"


class DocumentRefused(Exception):
    """The document cannot be sent; ``findings`` say why (the validator's, or ours)."""

    def __init__(self, message: str, findings: list[dict[str, str]], report: dict[str, Any]):
        super().__init__(message)
        self.message = message
        self.findings = findings
        self.report = report


class UnknownReceiver(accesspoint.Rejected):
    """An inbound message for a participant that is no organisation on this platform.

    The access point answers it with an ebMS error and stores nothing.
    """


# --- Who may ----------------------------------------------------------------------------


def can_read(principal: Principal) -> bool:
    return principal.has_role(principal.organisation, READ_ROLES)


def can_send(principal: Principal) -> bool:
    return principal.has_role(principal.organisation, SEND_ROLES)


@dataclass(frozen=True)
class Filters:
    """What the inbox and outbox lists can be narrowed by."""

    state: str = ""
    family: str = ""
    #: part of the counterpart's participant identifier or the document number
    text: str = ""


def visible(
    principal: Principal, direction: str | None = None, filters: Filters | None = None
) -> QuerySet[Document]:
    """The documents ``principal`` may see (its organisation's, with a read role)."""
    if not can_read(principal):
        return Document.objects.none()
    queryset = Document.objects.filter(organisation=principal.organisation).select_related(
        "tracking"
    )
    if direction is not None:
        queryset = queryset.filter(direction=direction)
    if filters is not None:
        if filters.state:
            queryset = queryset.filter(tracking__state=filters.state)
        if filters.family:
            queryset = queryset.filter(family=filters.family)
        text = filters.text.strip()[:200]
        if text:
            queryset = queryset.filter(
                Q(sender__icontains=text) | Q(receiver__icontains=text) | Q(number__icontains=text)
            )
    return queryset.order_by("-created_at", "id")


def get_visible(principal: Principal, document_id: uuid.UUID | str) -> Document:
    """One document ``principal`` may see; :class:`Document.DoesNotExist` otherwise."""
    try:
        key = uuid.UUID(str(document_id))
    except ValueError:
        raise Document.DoesNotExist from None
    return visible(principal).get(pk=key)


def history(document: Document) -> list[DocumentEvent]:
    return list(document.events.order_by("at", "id"))


# --- Who is told of a new inbox document ------------------------------------------------

_received_handlers: list[Callable[[Document], None]] = []


def on_received(handler: Callable[[Document], None]) -> None:
    """Call ``handler(document)`` for every document that lands in an inbox (once each).

    For other apps that act on what an organisation receives (the invoicing app on
    invoices and credit notes): called inside the transaction that stores the inbox
    document, for a delivery on the platform and for one from the network alike, never
    again for a repeated delivery of the same message. An exception rolls the delivery
    back (on the platform the sender's ``send`` fails; from the network the access point
    asks the sender to try again). Registering the same handler twice registers it once.
    """
    if handler not in _received_handlers:
        _received_handlers.append(handler)


def _received(document: Document) -> None:
    for handler in list(_received_handlers):
        handler(document)


# --- What a document is -----------------------------------------------------------------


@dataclass(frozen=True)
class Described:
    """What the envelope and the lists need to know of a business document."""

    root: etree._Element
    document_type: DocumentTypeIdentifier
    process: ProcessIdentifier
    family: str
    number: str
    report: dict[str, Any]


def _finding(rule: str, message: str, location: str = "") -> dict[str, str]:
    return {"rule": rule, "severity": "fatal", "location": location, "message": message}


def _child_text(root: etree._Element, name: str) -> str:
    element = root.find(f"{{{_CBC}}}{name}")
    return (element.text or "").strip() if element is not None else ""


def describe(payload: bytes, *, now: datetime) -> Described:
    """Validate ``payload`` and read its document type and process; refuse what cannot go.

    The report is the validator's (:func:`heldigital.rules.api.validate`, the
    rule release in force on ``now``'s day in Norway); a fatal finding refuses
    the document. So does a document without the CustomizationID and ProfileID
    that its Peppol document type and process identifiers are made of.
    """
    if len(payload) > MAX_PAYLOAD:
        finding = _finding("SIZE", _("The document is larger than 10 MiB."))
        raise DocumentRefused(finding["message"], [finding], {"valid": False, "errors": [finding]})
    report = rules.validate(payload, on=local_day(now), max_bytes=MAX_PAYLOAD).as_dict()
    report.pop("path", None)
    fatal = [f for f in report["errors"] if f["severity"] == "fatal"]
    if fatal:
        raise DocumentRefused(
            _("The document is not valid: %(count)d errors.") % {"count": len(fatal)},
            fatal,
            report,
        )
    root = hxml.parse(payload, max_bytes=MAX_PAYLOAD).getroot()
    qname = etree.QName(root)
    customization = _child_text(root, "CustomizationID")
    profile = _child_text(root, "ProfileID")
    try:
        if not customization or not profile:
            raise InvalidIdentifier("CustomizationID and ProfileID are needed")
        document_type = DocumentTypeIdentifier.from_parts(
            qname.namespace or "", qname.localname, customization, _UBL_VERSION
        )
        process = ProcessIdentifier.create(profile)
    except InvalidIdentifier as exc:
        finding = _finding(
            "PEPPOL-ENVELOPE",
            _("No Peppol document type or process can be made of the document: %s") % exc,
            f"/{qname.localname}",
        )
        raise DocumentRefused(finding["message"], [finding], report) from None
    return Described(
        root=root,
        document_type=document_type,
        process=process,
        family=register.family(document_type),
        number=_child_text(root, "ID")[:200],
        report=report,
    )


def _receiver(text: str) -> ParticipantIdentifier:
    try:
        return register.parse_participant(text, "receiver")
    except ValidationError as exc:
        messages = [str(m) for m in exc.messages]
        finding = _finding("RECEIVER", "; ".join(messages))
        raise DocumentRefused(finding["message"], [finding], {"valid": False}) from None


# --- States -----------------------------------------------------------------------------


def _start(document: Document, state: str, *, at: datetime, actor: str, note: str = "") -> None:
    assert state in TRANSITIONS[None]
    Tracking.objects.create(document=document, state=state, changed_at=at)
    DocumentEvent.objects.create(
        document=document, at=at, actor=actor, from_state="", state=state, note=note[:500]
    )


def _change(document: Document, to: str, *, at: datetime, actor: str, note: str = "") -> bool:
    """Move ``document`` to ``to`` if :data:`TRANSITIONS` allows it from its state now.

    The update is conditional on the state read (a change made meanwhile wins,
    never overwritten); returns whether this call changed it.
    """
    current = Tracking.objects.get(document=document).state
    if to not in TRANSITIONS.get(current, frozenset()):
        return False
    changed = Tracking.objects.filter(document=document, state=current).update(
        state=to, changed_at=at
    )
    if not changed:
        return False
    DocumentEvent.objects.create(
        document=document, at=at, actor=actor, from_state=current, state=to, note=note[:500]
    )
    return True


# --- The access point -------------------------------------------------------------------


def _access_point() -> Any | None:
    """The access point's services when it is configured (its key and certificate), else None."""
    try:
        accesspoint.identity()
    except accesspoint.NotConfigured as exc:
        logger.info("no access point configured: %s", exc)
        return None
    return accesspoint


def access_point_available() -> bool:
    """Whether documents for receivers outside the platform can leave now."""
    return _access_point() is not None


def register_inbound_handler() -> None:
    """Register :func:`receive` with the access point (from ``ExchangeConfig.ready``)."""
    accesspoint.on_inbound(receive)


# --- Sending ----------------------------------------------------------------------------


def send(
    *,
    organisation: Organisation,
    payload: bytes,
    receiver: str,
    now: datetime,
    actor: str = PLATFORM,
    reference: str = "",
    corrects: Document | None = None,
) -> Document:
    """Send ``payload`` from ``organisation`` to the participant ``receiver``; the outbox document.

    Refused with :class:`DocumentRefused` (nothing stored) when the document is
    not valid, the receiver is no valid participant identifier, or ``corrects``
    is not a document of the same organisation's outbox.
    """
    require_aware(now)
    described = describe(payload, now=now)
    to = _receiver(receiver)
    if corrects is not None and (
        corrects.organisation_id != organisation.pk or corrects.direction != Direction.OUTBOUND
    ):
        finding = _finding("CORRECTS", _("Only a document of your own outbox can be corrected."))
        raise DocumentRefused(finding["message"], [finding], described.report)
    sender = ParticipantIdentifier.create(organisation.peppol_id, SCHEME_ISO6523_ACTORID_UPIS)
    header = sbdh_lib.Header.for_message(
        described.root,
        sender=sender,
        receiver=to,
        document_type=described.document_type,
        process=described.process,
        country_c1=COUNTRY,
        now=now,
    )
    envelope = sbdh_lib.write(header, described.root)
    sbdh_lib.read(envelope)  # what we write, we can read (a broken header never leaves)
    fields: dict[str, Any] = {
        "sender": str(sender),
        "receiver": str(to),
        "document_type": str(described.document_type),
        "process": str(described.process),
        "instance_identifier": header.instance_identifier,
        "country_c1": COUNTRY,
        "family": described.family,
        "number": described.number,
        "payload": payload,
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "envelope": envelope,
        "report": described.report,
        "valid": bool(described.report["valid"]),
        "created_at": now,
        "created_by": actor[:200],
        "reference": reference[:100],
    }
    local = register.organisation_for(to)
    with transaction.atomic():
        if local is not None:
            message_id = f"local-{uuid.uuid4()}"
            outbound = Document.objects.create(
                organisation=organisation,
                direction=Direction.OUTBOUND,
                message_id=message_id,
                corrects=corrects,
                **fields,
            )
            inbound = Document.objects.create(
                organisation=local,
                direction=Direction.INBOUND,
                message_id=message_id,
                counterpart=outbound,
                **fields,
            )
            _start(
                outbound, State.DELIVERED, at=now, actor=actor, note=_("Delivered on the platform.")
            )
            _start(
                inbound, State.RECEIVED, at=now, actor=actor, note=_("Received on the platform.")
            )
            _received(inbound)
            return outbound
        access_point = _access_point()
        if access_point is None:
            outbound = Document.objects.create(
                organisation=organisation,
                direction=Direction.OUTBOUND,
                message_id=None,
                corrects=corrects,
                **fields,
            )
            _start(
                outbound,
                State.NO_ACCESS_POINT,
                at=now,
                actor=actor,
                note=_("The receiver is not on this platform and no access point is configured."),
            )
            return outbound
        message_id = access_point.enqueue(sbdh=envelope, now=now)
        outbound = Document.objects.create(
            organisation=organisation,
            direction=Direction.OUTBOUND,
            message_id=str(message_id),
            corrects=corrects,
            **fields,
        )
        _start(outbound, State.QUEUED, at=now, actor=actor, note=_("Handed to the access point."))
        return outbound


def send_as(
    principal: Principal,
    *,
    payload: bytes,
    receiver: str,
    now: datetime,
    corrects: Document | None = None,
) -> Document:
    """:func:`send` in the name of the principal's organisation, if its roles allow it."""
    if not can_send(principal) or principal.organisation is None:
        raise PermissionDenied(
            _("Sending documents needs an administrator, officer or supplier user.")
        )
    return send(
        organisation=principal.organisation,
        payload=payload,
        receiver=receiver,
        now=now,
        actor=principal.actor,
        corrects=corrects,
    )


#: What the access point's outbound states (``outbound_status(...)["state"]``) mean here;
#: ``queued`` and ``sending`` are still queued.
_OUTBOUND_STATES = {"receipted": State.DELIVERED, "failed": State.FAILED}


def refresh_outbound(*, now: datetime, limit: int = 500) -> int:
    """Ask the access point about queued documents; record delivered and failed ones.

    Also hands documents that waited for an access point to it once there is one.
    Returns how many documents changed state.
    """
    access_point = _access_point()
    if access_point is None:
        return 0
    changed = 0
    waiting = Document.objects.filter(
        direction=Direction.OUTBOUND, tracking__state=State.NO_ACCESS_POINT
    ).order_by("created_at")[:limit]
    for document in waiting:
        with transaction.atomic():
            # one worker hands it over: the row lock, then the state read again
            tracking = Tracking.objects.select_for_update().get(document=document)
            if tracking.state != State.NO_ACCESS_POINT:
                continue
            message_id = access_point.enqueue(sbdh=bytes(document.envelope), now=now)
            document.set_once(message_id=str(message_id))
            changed += _change(
                document,
                State.QUEUED,
                at=now,
                actor=PLATFORM,
                note=_("Handed to the access point."),
            )
    queued = Document.objects.filter(
        direction=Direction.OUTBOUND, tracking__state=State.QUEUED
    ).order_by("created_at")[:limit]
    for document in queued:
        try:
            status = access_point.outbound_status(document.message_id)
        except accesspoint.UnknownMessage:
            logger.error("the access point does not know outbound message %s", document.message_id)
            continue
        to = _OUTBOUND_STATES.get(str(status.get("state", "")))
        reason = str(status.get("reason") or "")
        if to is None:
            continue
        with transaction.atomic():
            note = reason or (
                _("Receipted by the receiver's access point.")
                if to == State.DELIVERED
                else _("The access point gave up.")
            )
            changed += _change(document, to, at=now, actor="accesspoint", note=note)
    return changed


# --- Receiving --------------------------------------------------------------------------


def _report_dict(report: Any, payload: bytes, now: datetime) -> dict[str, Any]:
    if report is None:
        result = rules.validate(payload, on=local_day(now), max_bytes=MAX_PAYLOAD).as_dict()
    elif isinstance(report, Mapping):
        result = dict(report)
    elif hasattr(report, "as_dict"):
        result = report.as_dict()
    else:
        raise TypeError(f"cannot read a validation report of type {type(report).__name__}")
    result.pop("path", None)
    return result


def receive(
    *,
    message_id: str,
    sbdh: bytes,
    metadata: Any = None,
    report: Any = None,
    now: datetime,
) -> Document:
    """Put a message from the network into its receiver's inbox, exactly once.

    Called by the access point inside the transaction that stores the inbound
    message. A second call with the same ``message_id`` (a retry, or a race with
    another worker) returns the document the first one stored. ``report`` is the
    access point's validation report of the payload (validated here if None).
    Raises :class:`UnknownReceiver` when the SBDH's receiver is no organisation
    here, :class:`heldigital.peppol.sbdh.SBDHError` on a broken envelope.
    """
    require_aware(now)
    existing = Document.objects.filter(direction=Direction.INBOUND, message_id=message_id).first()
    if existing is not None:
        return existing
    document = sbdh_lib.read(sbdh)
    header = document.header
    organisation = register.organisation_for(header.receiver)
    if organisation is None:
        raise UnknownReceiver(f"{header.receiver} is no organisation on this platform")
    message = document.business_message
    payload = etree.tostring(message, xml_declaration=True, encoding="UTF-8")
    report_data = _report_dict(report, payload, now)
    document_type = header.document_type
    try:
        family = register.family(document_type)
    except InvalidIdentifier:
        family = "other"
    number_element = message.find(f"{{{_CBC}}}ID")
    number = (number_element.text or "").strip()[:200] if number_element is not None else ""
    try:
        with transaction.atomic():
            inbound = Document.objects.create(
                organisation=organisation,
                direction=Direction.INBOUND,
                message_id=message_id,
                sender=str(header.sender),
                receiver=str(header.receiver),
                document_type=str(document_type),
                process=str(header.process),
                instance_identifier=header.instance_identifier,
                country_c1=header.country_c1,
                family=family,
                number=number,
                payload=payload,
                payload_sha256=hashlib.sha256(payload).hexdigest(),
                envelope=sbdh,
                report=report_data,
                valid=bool(report_data.get("valid")),
                created_at=now,
                created_by="accesspoint",
            )
            _start(
                inbound,
                State.RECEIVED,
                at=now,
                actor="accesspoint",
                note=_("Received through the access point (message %s).") % message_id,
            )
    except IntegrityError:
        # Another delivery of the same message committed first: it is the one.
        return Document.objects.get(direction=Direction.INBOUND, message_id=message_id)
    _received(inbound)
    return inbound
