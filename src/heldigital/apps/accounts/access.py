"""Who is acting, and what they may see.

A :class:`Principal` is the authenticated party behind a request: a user
logged in through the browser (session), acting with all their memberships,
or a system holding an API token, acting for one user within the token's
organisation only.

Access rules are small plain functions over a principal so that views and
API endpoints stay thin and later issues can extend the rules in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest

from heldigital.apps.accounts.actors import parse_actor
from heldigital.apps.accounts.models import (
    BUYER_ROLES,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.protocol.models import ProtocolEvent


@dataclass(frozen=True)
class Principal:
    """The party behind a request.

    ``organisation`` is set for API tokens: the token acts only through the
    user's memberships in that organisation.
    """

    user: User
    via: Literal["session", "token"]
    organisation: Organisation | None = None

    def memberships(self) -> QuerySet[Membership]:
        qs = Membership.objects.filter(user=self.user).select_related("organisation")
        if self.organisation is not None:
            qs = qs.filter(organisation=self.organisation)
        return qs

    def organisations_with_roles(self) -> list[tuple[Organisation, list[str]]]:
        """The organisations the principal acts for, each with its roles (sorted)."""
        grouped: dict[int, tuple[Organisation, list[str]]] = {}
        for membership in self.memberships().order_by("organisation__name", "role"):
            entry = grouped.setdefault(membership.organisation_id, (membership.organisation, []))
            entry[1].append(membership.role)
        return list(grouped.values())


#: Roles that may read a procurement protocol (Directive 2014/24/EU Art. 84:
#: the report is kept by the contracting authority; auditors review it).
PROTOCOL_READER_ROLES: frozenset[str] = BUYER_ROLES | {Role.AUDITOR}


def protocol_owner(procurement_id: str) -> str | None:
    """The organisation number of the organisation that owns a procurement's protocol.

    When a procurement with that reference exists
    (:class:`heldigital.apps.tendering.models.Procurement`), the owner is its
    buyer. Otherwise (protocols recorded before or outside the tendering
    app) the owner is the organisation named by the actor of the
    protocol's *first* event (see :mod:`heldigital.apps.accounts.actors`):
    whoever opened the procurement did so for their organisation, and that
    fact is fixed in the hash chain. ``None`` when there is no protocol or
    its first actor names no organisation.
    """
    # Imported here: the tendering app builds on accounts, not the other way round.
    from heldigital.apps.tendering.models import Procurement

    buyer = (
        Procurement.objects.filter(reference=procurement_id)
        .values_list("buyer__orgnr", flat=True)
        .first()
    )
    if buyer is not None:
        return str(buyer)
    first = (
        ProtocolEvent.objects.filter(procurement_id=procurement_id)
        .order_by("sequence")
        .values_list("actor", flat=True)
        .first()
    )
    actor = parse_actor(first) if first is not None else None
    return actor.orgnr if actor is not None else None


def can_read_protocol(principal: Principal, procurement_id: str) -> bool:
    """Whether ``principal`` may read the protocol of ``procurement_id``.

    The rule (Directive 2014/24/EU Art. 84: the contracting authority keeps
    the procurement report; its auditors review it): the principal holds a
    buyer role or the auditor role in the public body that owns the
    procurement (:func:`protocol_owner`). Suppliers, other public bodies and
    supplier-side auditors never read it; a protocol without a known owner
    is readable by nobody through this rule.

    Later issues may add readers (appointed external auditors, complaint boards); callers
    must keep going through this function.
    """
    owner = protocol_owner(procurement_id)
    if owner is None:
        return False
    return (
        principal.memberships()
        .filter(
            organisation__orgnr=owner,
            organisation__kind=OrganisationKind.PUBLIC_BODY,
            role__in=PROTOCOL_READER_ROLES,
        )
        .exists()
    )


def is_member(principal: Principal, organisation: Organisation) -> bool:
    """Whether the principal acts for ``organisation`` in any role."""
    return principal.memberships().filter(organisation=organisation).exists()


def api_principal(request: HttpRequest) -> Principal:
    """The principal the API's authentication put on ``request.auth``."""
    principal = request.auth  # type: ignore[attr-defined]
    assert isinstance(principal, Principal)
    return principal


def session_principal(request: HttpRequest) -> Principal:
    """The principal of a logged-in browser session (all the user's memberships)."""
    return Principal(user=request.user, via="session")  # type: ignore[arg-type]
