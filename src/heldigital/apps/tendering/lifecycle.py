"""The procurement lifecycle: the allowed changes of a procurement's status, in one table.

Every change of :attr:`Procurement.status <heldigital.apps.tendering.models.Procurement.status>`
in the platform goes through :func:`transition`; no service writes the
status itself (``tests/lib/test_architecture.py`` checks that no module but
this one assigns it). Each row of :data:`TRANSITIONS` says from which status
to which, who may make the change, and the protocol event that records it::

    draft ──publish──▶ published ──(openers)──▶ opened ──qualify──▶ evaluation
                                                  │                     │
                                                  └──────award──────────┴─▶ awarded
    awarded ──letters──▶ standstill ──(last contract signed)──▶ concluded
    every status but concluded ──cancel──▶ cancelled

``closed`` is never stored: it is ``published`` after the tender deadline
(:meth:`Procurement.effective_status`).

Who may: the roles, in the buying organisation, of the principal who makes
the change; or :data:`SYSTEM` for a change that follows from other acts
(the tenders open once enough openers acted; the procurement is concluded
when the last of its contracts is signed), recorded with the actor
``system``.

The event: :func:`transition` records exactly one protocol event, of the
row's type, on the procurement's chain, in the same unit of work
(:func:`heldigital.apps.protocol.services.appending`) as the change of the
row, with the unit's time. The same event type may also be recorded where no
status changes (the award of a second lot, a repeated qualification check, a
contract signed while another is not yet): those are recorded by the
services with :func:`heldigital.apps.protocol.services.record` as before.

The per-supplier lifecycle of a tender (draft, submitted, changing,
withdrawn) is a second table: :mod:`heldigital.apps.submissions.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import OrganisationKind, Role
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering.models import Procurement, ProcurementStatus

__all__ = [
    "MANAGERS",
    "SYSTEM",
    "TRANSITIONS",
    "StateError",
    "Transition",
    "TransitionRefused",
    "allowed",
    "find",
    "transition",
]

Status = ProcurementStatus

#: Who may make a change that follows from other acts: nobody directly; the platform.
SYSTEM: frozenset[str] = frozenset()
#: The buyer's officers: they prepare, publish, evaluate, award and cancel.
MANAGERS: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})


class StateError(Exception):
    """The procurement's state does not allow the action (HTTP 409)."""


class TransitionRefused(StateError):
    """The table has no transition from the procurement's status to the one asked for."""

    def __init__(self, procurement: Procurement, source: str, target: str) -> None:
        super().__init__(
            _("The procurement %(ref)s is %(source)s; it cannot become %(target)s.")
            % {
                "ref": procurement.reference,
                "source": Status(source).label.lower(),
                "target": Status(target).label.lower(),
            }
        )
        self.source = source
        self.target = target


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    #: The roles in the buying organisation that may make the change; :data:`SYSTEM`: none.
    who: frozenset[str]
    #: The protocol event the change records.
    event: str


_CANCELLABLE = (
    Status.DRAFT,
    Status.PUBLISHED,
    Status.OPENED,
    Status.EVALUATION,
    Status.AWARDED,
    Status.STANDSTILL,
)

#: The procurement lifecycle: every allowed change of status, with who and what is recorded.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Status.PUBLISHED, MANAGERS, "procurement.published"),
    Transition(Status.PUBLISHED, Status.OPENED, SYSTEM, "tenders.opened"),
    Transition(Status.OPENED, Status.EVALUATION, MANAGERS, "qualification.checked"),
    Transition(Status.OPENED, Status.AWARDED, MANAGERS, "award.decided"),
    Transition(Status.EVALUATION, Status.AWARDED, MANAGERS, "award.decided"),
    Transition(Status.AWARDED, Status.STANDSTILL, MANAGERS, "award.notified"),
    Transition(Status.STANDSTILL, Status.CONCLUDED, SYSTEM, "contract.signed"),
    *(
        Transition(source, Status.CANCELLED, MANAGERS, "procurement.cancelled")
        for source in _CANCELLABLE
    ),
)

_TABLE: dict[tuple[str, str], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    """The transition from ``source`` to ``target``, or ``None`` if the table has none."""
    return _TABLE.get((str(source), str(target)))


def allowed(procurement: Procurement, target: str) -> bool:
    """Whether the table allows ``procurement`` (as loaded) to become ``target``."""
    return find(procurement.status, target) is not None


def _require_who(procurement: Procurement, step: Transition, principal: Principal | None) -> str:
    """The protocol actor of the change; refuses a principal the row does not allow."""
    if step.who == SYSTEM:
        if principal is not None:
            raise PermissionDenied(
                _("Nobody changes %(ref)s to %(target)s directly; it follows from other acts.")
                % {"ref": procurement.reference, "target": Status(step.target).label.lower()}
            )
        return "system"
    buyer = procurement.buyer
    if (
        principal is None
        or buyer.kind != OrganisationKind.PUBLIC_BODY
        or not principal.acts_for(buyer)
    ):
        raise PermissionDenied(_("This procurement belongs to another organisation."))
    principal.require(
        buyer,
        step.who,
        _("You lack the role needed to change %(ref)s to %(target)s in %(org)s.")
        % {
            "ref": procurement.reference,
            "target": Status(step.target).label.lower(),
            "org": buyer.name,
        },
    )
    return principal.actor


def transition(
    procurement: Procurement,
    to: str,
    *,
    principal: Principal | None,
    now: protocol.When,
    payload: Mapping[str, object],
    fields: Mapping[str, Any] | None = None,
) -> ProtocolEvent:
    """Change ``procurement`` to status ``to`` and record the transition's event.

    Checks the table (:class:`TransitionRefused`, a :class:`StateError`, if
    there is no row from the procurement's status to ``to``) and who may
    (:class:`~django.core.exceptions.PermissionDenied`); then, in one unit of
    work on the procurement's chain, changes the row with a conditional
    ``UPDATE ... WHERE status = <from>`` (so a change made meanwhile by
    another request is refused, never overwritten), together with
    ``fields`` (e.g. ``published_at``) and ``updated_at`` (the unit's time),
    and records the row's event with ``payload``. ``procurement`` is updated
    in memory too. Returns the recorded event.
    """
    source = str(procurement.status)
    step = find(source, to)
    if step is None:
        raise TransitionRefused(procurement, source, str(to))
    actor = _require_who(procurement, step, principal)
    extra = dict(fields or {})
    if "status" in extra:
        raise ValueError("the status is given as `to`, not in `fields`")
    with protocol.appending(procurement.reference, clock=now) as at:
        changed = Procurement.objects.filter(pk=procurement.pk, status=source).update(
            status=step.target, updated_at=at, **extra
        )
        if changed != 1:
            current = (
                Procurement.objects.filter(pk=procurement.pk)
                .values_list("status", flat=True)
                .first()
            )
            raise TransitionRefused(procurement, str(current or source), step.target)
        event = protocol.record(
            procurement_id=procurement.reference,
            type=step.event,
            actor=actor,
            payload=dict(payload),
            now=at,
        )
    procurement.status = step.target
    procurement.updated_at = at
    for name, value in extra.items():
        setattr(procurement, name, value)
    return event
