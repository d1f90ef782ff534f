"""API endpoints for reading and verifying a procurement's protocol.

The protocol is the hash-chained event log of a procurement (Directive
2014/24/EU Art. 84 procurement report; Annex IV: any breach is detectable).
Who may read it is decided by
:func:`heldigital.apps.accounts.access.can_read_protocol`. Its sealed part
(the events that derive from the tenders) is left out until the tenders are
opened (:func:`heldigital.apps.submissions.services.sealed_part_visible`); each
event names its ``chain`` (the procurement id, or ``<id>/sealed``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from heldigital.apps.accounts.access import Principal, can_read_protocol
from heldigital.apps.protocol import services as protocol_services
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions.services import sealed_part_visible

router = Router(tags=["protocol"])


class ProtocolEventOut(Schema):
    chain: str
    sequence: int
    type: str
    actor: str
    occurred_at: datetime
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class ProtocolOut(Schema):
    procurement_id: str
    events: list[ProtocolEventOut]


class VerificationProblemOut(Schema):
    reason: str
    procurement_id: str | None
    sequence: int | None
    event_type: str | None
    day: date | None


class VerificationOut(Schema):
    procurement_id: str
    ok: bool
    events: int
    problems: list[VerificationProblemOut]


def _authorise(request: HttpRequest, procurement_id: str) -> None:
    principal = request.auth  # type: ignore[attr-defined]
    assert isinstance(principal, Principal)
    if not can_read_protocol(principal, procurement_id):
        raise PermissionDenied(_("You may not read the protocol of this procurement."))


def _events(procurement_id: str) -> list[ProtocolEvent]:
    events = protocol_services.readable_events(
        procurement_id, sealed=sealed_part_visible(procurement_id)
    )
    if not events:
        raise Http404(_("There is no protocol for procurement %(id)s.") % {"id": procurement_id})
    return events


@router.get(
    "/{procurement_id}/protocol", response=ProtocolOut, summary="The procurement's protocol"
)
def get_protocol(request: HttpRequest, procurement_id: str) -> ProtocolOut:
    """The procurement's protocol, oldest first; its sealed part only after opening."""
    events = _events(procurement_id)
    _authorise(request, procurement_id)
    return ProtocolOut(
        procurement_id=procurement_id,
        events=[
            ProtocolEventOut(
                chain=event.procurement_id,
                sequence=event.sequence,
                type=event.type,
                actor=event.actor,
                occurred_at=event.occurred_at,
                payload=event.data,
                prev_hash=event.prev_hash,
                hash=event.hash,
            )
            for event in events
        ],
    )


@router.get(
    "/{procurement_id}/protocol/verification",
    response=VerificationOut,
    summary="Verify the protocol's hash chain",
)
def verify_protocol(request: HttpRequest, procurement_id: str) -> VerificationOut:
    """Recompute the hash chain; ``ok`` is false and ``problems`` lists each break."""
    _events(procurement_id)
    _authorise(request, procurement_id)
    result = protocol_services.verify_readable(
        procurement_id, sealed=sealed_part_visible(procurement_id)
    )
    return VerificationOut(
        procurement_id=procurement_id,
        ok=result.ok,
        events=result.events,
        problems=[
            VerificationProblemOut(
                reason=problem.reason,
                procurement_id=problem.procurement_id,
                sequence=problem.sequence,
                event_type=problem.event_type,
                day=problem.day,
            )
            for problem in result.problems
        ],
    )
