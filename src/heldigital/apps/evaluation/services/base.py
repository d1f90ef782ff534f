"""Shared by the evaluation use cases: roles, state checks, tenders, notifications, input."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    Organisation,
    OrganisationKind,
    Role,
)
from heldigital.apps.common import parse_decimal
from heldigital.apps.notifications import compose
from heldigital.apps.submissions import services as submissions
from heldigital.apps.submissions.models import OpeningRecord, Tender, TenderStatus
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    Notification,
    Procurement,
    ProcurementStatus,
)

#: Roles that run qualification, exclusion, award and contract (the buyer's officers).
OFFICER_ROLES: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})
#: Roles that may score quality and override qualification decisions.
EVALUATOR_ROLES: frozenset[str] = OFFICER_ROLES | {Role.EVALUATOR}

#: Procurement states in which qualification and evaluation may happen.
_EVALUATING = (ProcurementStatus.OPENED, ProcurementStatus.EVALUATION)


def require_buyer_role(
    procurement: Procurement,
    principal: Principal,
    roles: frozenset[str],
    what: str,
) -> None:
    """The principal acts for the procurement's buyer and holds one of ``roles`` there."""
    buyer = procurement.buyer
    if buyer.kind != OrganisationKind.PUBLIC_BODY or not principal.acts_for(buyer):
        raise PermissionDenied(_("This procurement belongs to another organisation."))
    principal.require(
        buyer,
        roles,
        _("You lack the role needed to %(what)s in %(org)s.") % {"what": what, "org": buyer.name},
    )


def _require_opened(procurement: Procurement) -> None:
    if not OpeningRecord.objects.filter(procurement=procurement).exists():
        raise StateError(
            _("The tenders of %(ref)s are not opened.") % {"ref": procurement.reference}
        )


def _require_evaluating(procurement: Procurement) -> None:
    _require_opened(procurement)
    if procurement.status not in _EVALUATING:
        raise StateError(
            _("The procurement %(ref)s is not in evaluation (status: %(status)s).")
            % {"ref": procurement.reference, "status": procurement.get_status_display()}
        )


def submitted_tenders(procurement: Procurement) -> list[Tender]:
    return list(
        Tender.objects.filter(procurement=procurement, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
        .order_by("submitted_at", "id")
    )


def _tender_of(procurement: Procurement, tender: Tender) -> None:
    if tender.procurement_id != procurement.pk or tender.status != TenderStatus.SUBMITTED:
        raise ValidationError(_("The tender is not a submitted tender of this procurement."))


def read_part(tender: Tender, kind: str, *, principal: Principal, now: datetime) -> bytes | None:
    """The decrypted content of a tender's part (the first file of ``kind``), if any.

    Goes through :func:`heldigital.apps.submissions.services.read_tender_file`, which
    refuses (and records) any read before opening or by anyone but the buyer.
    """
    tender_file = tender.files.filter(kind=kind).order_by("created_at", "id").first()
    if tender_file is None:
        return None
    return b"".join(submissions.read_tender_file(tender_file, principal=principal, now=now))


def _notify_supplier(
    procurement: Procurement,
    supplier: Organisation,
    *,
    kind: str,
    build: compose.Build,
    now: datetime,
    template: str = "message",
    attachment: tuple[str, bytes, str] | None = None,
) -> list[EmailMessage]:
    """A platform notification to the supplier now; the e-mails to send after commit
    (one per language, see :func:`heldigital.apps.notifications.compose.for_organisation`)."""
    subject, body = compose.plain(build, template)
    Notification.objects.create(
        organisation=supplier,
        procurement=procurement,
        kind=kind,
        subject=subject,
        body=body,
        created_at=now,
    )
    return list(
        compose.for_organisation(
            supplier,
            build,
            template=template,
            attachments=[attachment] if attachment is not None else [],
        )
    )


def _decimal(value: Any, field: str) -> Decimal:
    return parse_decimal(value, field, _("Give a number."))


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This is required.")})
    return value
