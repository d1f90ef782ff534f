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

from heldigital.apps.accounts.models import (
    BUYER_ROLES,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)


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


def can_read_protocol(principal: Principal, procurement_id: object) -> bool:
    """Whether ``principal`` may read the protocol of ``procurement_id``.

    Rule for now (procurements as records do not exist yet): the principal
    holds a buyer role or the auditor role in a *public body*. Suppliers
    never read a buyer's protocol, and neither do supplier-side auditors.

    When procurements get an owning organisation, this rule narrows to
    members of that organisation (and appointed external auditors); the
    signature already takes ``procurement_id`` for that reason, and callers
    must keep going through this function.
    """
    return (
        principal.memberships()
        .filter(
            organisation__kind=OrganisationKind.PUBLIC_BODY,
            role__in=PROTOCOL_READER_ROLES,
        )
        .exists()
    )


def is_member(principal: Principal, organisation: Organisation) -> bool:
    """Whether the principal acts for ``organisation`` in any role."""
    return principal.memberships().filter(organisation=organisation).exists()
