"""Shared by the tendering use cases: roles, state checks, the protocol, field lists."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from heldigital import ledger
from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    Organisation,
    OrganisationKind,
    Role,
)
from heldigital.apps.common import (
    parse_decimal,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    Procurement,
    ProcurementStatus,
)

#: Roles that prepare, publish, correct and cancel a procurement.
MANAGER_ROLES: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})


#: Fields a buyer sets on a draft (create and update).
#: Fields the eForms rules require of a notice (issue 9), beside the procurement's own.
NOTICE_FIELDS: tuple[str, ...] = (
    "review_body_postal_code",
    "review_body_nuts",
    "buyer_nuts",
    "contact_telephone",
    "notice_language",
    "translations",
    "minimum_candidates",
    "successive_reduction",
    "award_without_negotiation",
)


DRAFT_FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "cpv_codes",
    "estimated_value",
    "contract_kind",
    "authority_kind",
    "procedure",
    "procedure_justification",
    "place_of_performance",
    "contract_duration_months",
    "review_body_name",
    "review_body_orgnr",
    "review_body_town",
    *NOTICE_FIELDS,
    "questions_deadline",
    "request_deadline",
    "tender_deadline",
    "tender_validity_until",
    "award_method",
    "price_formula",
)


#: Deadline fields a correction may change after publication.
#: Contact and address data the notice needs that a correction may supply or fix
#: (a procurement published before the eForms rules were enforced may lack them).
CORRECTABLE_NOTICE_FIELDS: tuple[str, ...] = (
    "contact_telephone",
    "buyer_nuts",
    "review_body_postal_code",
    "review_body_nuts",
)


CORRECTABLE_FIELDS: tuple[str, ...] = (
    "questions_deadline",
    "request_deadline",
    "tender_deadline",
    "tender_validity_until",
    "description",
    *CORRECTABLE_NOTICE_FIELDS,
)


_OPTIONAL_NUMBERS = ("contract_duration_months", "minimum_candidates")


_DEADLINES = ("questions_deadline", "request_deadline", "tender_deadline", "tender_validity_until")


#: States in which the procurement is still open to suppliers' questions and interest.
_LIVE = (ProcurementStatus.PUBLISHED,)


def record_event(
    procurement: Procurement,
    type: str,
    principal: Principal | None,
    payload: Mapping[str, object],
    now: datetime,
) -> None:
    """Write a protocol event for ``procurement`` by ``principal`` (``None``: the system)."""
    actor = principal.actor if principal is not None else "system"
    protocol.record(
        procurement_id=procurement.reference,
        type=type,
        actor=actor,
        payload=dict(payload),
        now=now,
    )


def _time(value: datetime | None) -> str | None:
    return ledger.format_time(value) if value is not None else None


def require_manager(principal: Principal) -> Organisation:
    """The principal's organisation, a public body in which it is buyer admin or officer."""
    organisation = principal.organisation
    if (
        organisation is None
        or organisation.kind != OrganisationKind.PUBLIC_BODY
        or not principal.has_role(organisation, MANAGER_ROLES)
    ):
        raise PermissionDenied(
            _("Only a procurement officer or buyer administrator of %(org)s may do this.")
            % {"org": organisation.name if organisation is not None else "-"}
        )
    return organisation


def _require_buyer(procurement: Procurement, principal: Principal) -> None:
    """The principal acts for the procurement's buyer as one of its managers."""
    if not principal.acts_for(procurement.buyer):
        raise PermissionDenied(_("This procurement belongs to another organisation."))
    require_manager(principal)


def _require_supplier(principal: Principal) -> Organisation:
    """The supplier organisation the principal acts for as a supplier user."""
    supplier = principal.organisation
    if supplier is None or not principal.is_supplier_user(supplier):
        raise PermissionDenied(
            _("Only a supplier user of %(org)s may do this.")
            % {"org": supplier.name if supplier is not None else "-"}
        )
    return supplier


def _require_draft(procurement: Procurement) -> None:
    if procurement.status != ProcurementStatus.DRAFT:
        raise StateError(
            _("The procurement %(ref)s is no longer a draft; change it with a correction.")
            % {"ref": procurement.reference}
        )


def _require_live(procurement: Procurement, now: datetime) -> None:
    if procurement.status not in _LIVE:
        raise StateError(
            _("The procurement %(ref)s is not open (status: %(status)s).")
            % {"ref": procurement.reference, "status": procurement.get_status_display()}
        )


def _decimal(value: Any, field: str) -> Decimal:
    return parse_decimal(value, field)
