"""Declarations of conflicts of interest (Art. 24)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    BUYER_ROLES,
)
from heldigital.apps.common import require_aware
from heldigital.apps.evaluation.models import (
    ConflictOfInterestDeclaration,
)
from heldigital.apps.evaluation.services.base import (
    require_buyer_role,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering.models import (
    Procurement,
)
from heldigital.apps.tendering.services import record_event


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def declare_conflict_of_interest(
    procurement: Procurement,
    *,
    has_conflict: bool,
    text: str,
    principal: Principal,
    now: datetime,
    measures: str = "",
) -> ConflictOfInterestDeclaration:
    """A person of the buyer declares a conflict of interest, or that there is none (Art. 24)."""
    require_aware(now)
    require_buyer_role(procurement, principal, BUYER_ROLES, _("declare conflicts of interest"))
    text = (text or "").strip()
    if has_conflict and not text:
        raise ValidationError({"text": _("Describe the conflict of interest.")})
    declaration = ConflictOfInterestDeclaration(
        procurement=procurement,
        user=principal.user,
        organisation=procurement.buyer,
        declared_at=now,
        has_conflict=has_conflict,
        text=text,
        measures=(measures or "").strip(),
    )
    declaration.save()
    record_event(
        procurement,
        "conflict_of_interest.declared",
        principal,
        {"has_conflict": has_conflict, "text": text, "measures": declaration.measures},
        now,
    )
    return declaration
