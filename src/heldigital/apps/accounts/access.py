"""Who is acting, for which organisation, with which roles.

A :class:`Principal` is the authenticated party behind a request: one user
acting for **one** organisation with the roles it holds there. Every
permission check in the platform - web pages, API endpoints and the
services behind both - asks the principal, and the principal only knows
the roles of its own organisation. A role held in another organisation
never counts (issue 7: a supplier at A who is an opener at B, holding a
token for A, cannot open B's tenders).

* A browser session acts for the organisation chosen with the organisation
  switcher (:func:`choose_organisation`, stored in the session); by default
  the user's first organisation by name.
* An API token acts for the token's organisation with the token's roles,
  intersected at every use with the roles the user holds there now
  (:func:`token_principal`).

Access rules are small plain functions over a principal so that views and
API endpoints stay thin and later issues can extend the rules in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from heldigital.apps.accounts.actors import actor_id, parse_actor
from heldigital.apps.accounts.models import (
    BUYER_ROLES,
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.protocol.models import ProtocolEvent

#: Session key holding the organisation number the browser session acts for.
SESSION_ORGANISATION_KEY = "heldigital.organisation"


@dataclass(frozen=True)
class Principal:
    """A user acting for one organisation with a set of roles held there.

    ``organisation`` is ``None`` (and ``roles`` empty) only for a logged-in
    user without any membership, who may read public pages only.
    """

    user: User
    organisation: Organisation | None
    roles: frozenset[str]
    via: Literal["session", "token"] = "session"

    def acts_for(self, organisation: Organisation | None) -> bool:
        """Whether the principal acts for ``organisation`` (in any role)."""
        return (
            organisation is not None
            and self.organisation is not None
            and organisation.pk == self.organisation.pk
            and bool(self.roles)
        )

    def roles_at(self, organisation: Organisation | None) -> frozenset[str]:
        """The principal's roles in ``organisation``: its roles, or none elsewhere."""
        return self.roles if self.acts_for(organisation) else frozenset()

    def has_role(self, organisation: Organisation | None, roles: Iterable[str]) -> bool:
        """Whether the principal holds one of ``roles`` in ``organisation``."""
        return bool(self.roles_at(organisation) & frozenset(roles))

    def is_supplier_user(self, organisation: Organisation | None) -> bool:
        return (
            organisation is not None
            and organisation.kind == OrganisationKind.SUPPLIER
            and self.has_role(organisation, {Role.SUPPLIER_USER})
        )

    def require(
        self, organisation: Organisation | None, roles: Iterable[str], message: str
    ) -> None:
        """Raise :class:`PermissionDenied` with ``message`` unless :meth:`has_role`."""
        if not self.has_role(organisation, roles):
            raise PermissionDenied(message)

    @property
    def actor(self) -> str:
        """The protocol actor (``user:<username>@0192:<orgnr>``)."""
        if self.organisation is None:
            return f"user:{self.user.get_username()}"
        return actor_id(self.user, self.organisation)

    def organisations_with_roles(self) -> list[tuple[Organisation, list[str]]]:
        """The organisation the principal acts for with its roles (sorted), if any."""
        if self.organisation is None or not self.roles:
            return []
        return [(self.organisation, sorted(self.roles))]


def member_principal(
    user: User,
    organisation: Organisation | None,
    *,
    via: Literal["session", "token"] = "session",
    limit: Iterable[str] | None = None,
) -> Principal:
    """The principal of ``user`` acting for ``organisation`` with the roles held there now.

    ``limit`` narrows the roles (a token's named roles). An inactive user or
    a non-member gets no roles.
    """
    roles: set[str] = set()
    if organisation is not None and user.is_active:
        roles = set(
            Membership.objects.filter(user=user, organisation=organisation).values_list(
                "role", flat=True
            )
        )
        if limit is not None:
            roles &= set(limit)
    return Principal(user=user, organisation=organisation, roles=frozenset(roles), via=via)


def token_principal(token: ApiToken) -> Principal:
    """The principal of an API token: its roles that the user still holds in its organisation."""
    return member_principal(token.user, token.organisation, via="token", limit=token.roles)


def user_memberships(user: User) -> list[tuple[Organisation, list[str]]]:
    """Every organisation ``user`` is a member of, by name, with the roles held there."""
    grouped: dict[int, tuple[Organisation, list[str]]] = {}
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    for membership in memberships.order_by("organisation__name", "role"):
        entry = grouped.setdefault(membership.organisation_id, (membership.organisation, []))
        entry[1].append(membership.role)
    return list(grouped.values())


def user_organisations(user: User) -> list[Organisation]:
    """The organisations ``user`` is a member of, by name."""
    return list(Organisation.objects.filter(memberships__user=user).distinct().order_by("name"))


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
    procurement (:func:`protocol_owner`), acting for that body. Suppliers, other public bodies and
    supplier-side auditors never read it; a protocol without a known owner
    is readable by nobody through this rule.

    Later issues may add readers (appointed external auditors, complaint boards); callers
    must keep going through this function.
    """
    owner = protocol_owner(procurement_id)
    if owner is None:
        return False
    organisation = principal.organisation
    return (
        organisation is not None
        and organisation.orgnr == owner
        and organisation.kind == OrganisationKind.PUBLIC_BODY
        and principal.has_role(organisation, PROTOCOL_READER_ROLES)
    )


def is_member(principal: Principal, organisation: Organisation) -> bool:
    """Whether the principal acts for ``organisation`` in any role."""
    return principal.acts_for(organisation)


def api_principal(request: HttpRequest) -> Principal:
    """The principal the API's authentication put on ``request.auth``."""
    principal = request.auth  # type: ignore[attr-defined]
    assert isinstance(principal, Principal)
    return principal


_CACHE_ATTRIBUTE = "_heldigital_principal"


def session_principal(request: HttpRequest) -> Principal:
    """The principal of a logged-in browser session, for the organisation chosen in it.

    The choice (:func:`choose_organisation`) is kept in the session; when it
    is missing or the user is no longer a member there, the first
    organisation by name is used. Computed once per request.
    """
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if isinstance(cached, Principal):
        return cached
    user: User = request.user  # type: ignore[assignment]
    organisations = user_organisations(user) if user.is_authenticated else []
    chosen = request.session.get(SESSION_ORGANISATION_KEY)
    organisation = next((o for o in organisations if o.orgnr == chosen), None)
    if organisation is None and organisations:
        organisation = organisations[0]
    principal = member_principal(user, organisation)
    setattr(request, _CACHE_ATTRIBUTE, principal)
    return principal


def choose_organisation(request: HttpRequest, orgnr: str) -> Organisation:
    """Make the session act for the organisation ``orgnr`` (the user must be a member)."""
    user: User = request.user  # type: ignore[assignment]
    organisation = next((o for o in user_organisations(user) if o.orgnr == orgnr), None)
    if organisation is None:
        raise PermissionDenied(_("You are not a member of that organisation."))
    request.session[SESSION_ORGANISATION_KEY] = organisation.orgnr
    if hasattr(request, _CACHE_ATTRIBUTE):
        delattr(request, _CACHE_ATTRIBUTE)
    return organisation
