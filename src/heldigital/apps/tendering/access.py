"""Who may do what with a procurement, for a :class:`~heldigital.apps.accounts.access.Principal`.

* Buyer side: a buyer administrator or procurement officer of the buying
  public body prepares, publishes, answers, corrects and cancels
  (:data:`heldigital.apps.tendering.services.MANAGER_ROLES`); every buyer
  role and the auditor of that body may read the buyer's view.
* Supplier side: a supplier user acts for the supplier organisation. Each
  supplier sees only its own interest, questions and notifications; other
  suppliers' questions only once published anonymised.
* A drafted procurement is invisible to everyone outside the buyer.

The principal acts for one organisation only (the token's, or the one chosen
in the browser session): roles held elsewhere never count.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def _organisations(principal: Principal, roles: Iterable[str], kind: str) -> list[Organisation]:
    """The principal's organisation if it is of ``kind`` and it holds one of ``roles`` there."""
    organisation = principal.organisation
    if (
        organisation is None
        or organisation.kind != kind
        or not principal.has_role(organisation, roles)
    ):
        return []
    return [organisation]


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

    A principal that is no supplier user of its organisation gets 403;
    ``orgnr``, when given, must name that organisation (a principal never
    acts for another one).
    """
    suppliers = supplier_organisations(principal)
    if not suppliers:
        raise PermissionDenied(_("Only a supplier user may do this."))
    if orgnr and suppliers[0].orgnr != orgnr:
        raise PermissionDenied(
            _("You act for %(org)s, not for organisation number %(orgnr)s.")
            % {"org": suppliers[0].name, "orgnr": orgnr}
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
    """Notifications to the principal's user or to the organisation it acts for."""
    organisations = [org.pk for org, _roles in principal.organisations_with_roles()]
    return Notification.objects.filter(
        Q(user=principal.user) | Q(organisation_id__in=organisations)
    ).select_related("procurement")
