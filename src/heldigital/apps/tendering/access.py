"""Who may do what with a procurement, for a :class:`~heldigital.apps.accounts.access.Principal`.

* Buyer side: a buyer administrator or procurement officer of the buying
  public body prepares, publishes, answers, corrects and cancels
  (:data:`heldigital.apps.tendering.services.MANAGER_ROLES`); every buyer
  role and the auditor of that body may read the buyer's view.
* Supplier side: a supplier user acts for the supplier organisation. Each
  supplier sees only its own interest, questions and notifications; other
  suppliers' questions only once published anonymised.
* A drafted procurement is invisible to everyone outside the buyer.

With an API token the principal acts only within the token's organisation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import PROTOCOL_READER_ROLES, Principal
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.tendering.models import Notification, Procurement
from heldigital.apps.tendering.services import MANAGER_ROLES


def managed_organisations(principal: Principal) -> list[Organisation]:
    """Public bodies in which the principal may prepare and run procurements."""
    return _organisations(principal, MANAGER_ROLES, OrganisationKind.PUBLIC_BODY)


def buyer_reader_organisations(principal: Principal) -> list[Organisation]:
    """Public bodies whose procurements the principal may read on the buyer side."""
    return _organisations(principal, PROTOCOL_READER_ROLES, OrganisationKind.PUBLIC_BODY)


def supplier_organisations(principal: Principal) -> list[Organisation]:
    """Suppliers the principal acts for as a supplier user."""
    return _organisations(principal, {Role.SUPPLIER_USER}, OrganisationKind.SUPPLIER)


def _organisations(principal: Principal, roles: object, kind: str) -> list[Organisation]:
    seen: dict[int, Organisation] = {}
    for membership in principal.memberships().filter(role__in=roles, organisation__kind=kind):
        seen.setdefault(membership.organisation_id, membership.organisation)
    return sorted(seen.values(), key=lambda org: org.name)


def can_manage(principal: Principal, procurement: Procurement) -> bool:
    return any(org.pk == procurement.buyer_id for org in managed_organisations(principal))


def can_read_buyer_side(principal: Principal, procurement: Procurement) -> bool:
    return any(org.pk == procurement.buyer_id for org in buyer_reader_organisations(principal))


def buyer_procurement(principal: Principal, reference: str, *, manage: bool) -> Procurement:
    """The procurement for a buyer-side action; 404 if the principal may not even see it."""
    procurement = Procurement.objects.select_related("buyer").filter(reference=reference).first()
    if procurement is None or not can_read_buyer_side(principal, procurement):
        if procurement is not None and procurement.is_public:
            raise PermissionDenied(_("Only the buyer's procurement officers may do this."))
        raise Http404(_("There is no procurement %(ref)s.") % {"ref": reference})
    if manage and not can_manage(principal, procurement):
        raise PermissionDenied(
            _("Only a procurement officer or buyer administrator of the buyer may do this.")
        )
    return procurement


def acting_supplier(principal: Principal, orgnr: str | None = None) -> Organisation:
    """The supplier organisation the principal acts for.

    With several, ``orgnr`` chooses; a principal that is no supplier user
    gets 403.
    """
    suppliers = supplier_organisations(principal)
    if orgnr:
        suppliers = [org for org in suppliers if org.orgnr == orgnr]
    if not suppliers:
        raise PermissionDenied(_("Only a supplier user may do this."))
    if len(suppliers) > 1:
        raise PermissionDenied(
            _("You act for several suppliers; say which one (organisation number).")
        )
    return suppliers[0]


def public_procurements() -> QuerySet[Procurement]:
    """Procurements on the public notice board: everything ever published."""
    return Procurement.objects.filter(published_at__isnull=False).select_related("buyer")


def public_procurement(reference: str) -> Procurement:
    procurement = public_procurements().filter(reference=reference).first()
    if procurement is None:
        raise Http404(_("There is no published notice %(ref)s.") % {"ref": reference})
    return procurement


def notifications_for(principal: Principal) -> QuerySet[Notification]:
    """Notifications to the principal's user or to organisations it acts for."""
    organisations = [m.organisation_id for m in principal.memberships()]
    return Notification.objects.filter(
        Q(user=principal.user) | Q(organisation_id__in=organisations)
    ).select_related("procurement")
