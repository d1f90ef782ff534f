"""Quality scores given by the evaluators."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import require_aware
from heldigital.apps.evaluation.models import (
    QualityScore,
)
from heldigital.apps.evaluation.services.base import (
    EVALUATOR_ROLES,
    _decimal,
    _require_evaluating,
    _tender_of,
    _text,
    require_buyer_role,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.models import (
    AwardCriterion,
    CriterionKind,
)
from heldigital.apps.tendering.services import record_event

#: Award criteria scored by evaluators: quality, and climate and environment (a quality
#: criterion, anskaffelsesforskriften § 7-9; eForms publishes it as quality above the
#: EEA threshold).
SCORED_KINDS = (CriterionKind.QUALITY, CriterionKind.ENVIRONMENT)


@transaction.atomic
@protocol.appends(lambda tender: tender.procurement.reference)
def score_quality(
    tender: Tender,
    criterion: AwardCriterion,
    *,
    score: Any,
    comment: str,
    principal: Principal,
    now: datetime,
) -> QualityScore:
    """An evaluator's points on a quality criterion (changeable until the award)."""
    require_aware(now)
    procurement = tender.procurement
    require_buyer_role(procurement, principal, EVALUATOR_ROLES, _("score tenders"))
    _require_evaluating(procurement)
    _tender_of(procurement, tender)
    if criterion.procurement_id != procurement.pk or criterion.kind not in SCORED_KINDS:
        raise ValidationError({"criterion": _("Not a quality criterion of this procurement.")})
    value = _decimal(score, "score")
    if not Decimal(0) <= value <= criterion.max_points:
        raise ValidationError(
            {"score": _("Give between 0 and %(max)s points.") % {"max": criterion.max_points}}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({"score": _("Give at most two decimals.")})
    comment = _text(comment, "comment")
    row, _created = QualityScore.objects.update_or_create(
        tender=tender,
        criterion=criterion,
        evaluator=principal.user,
        defaults={"score": value, "comment": comment, "scored_at": now},
    )
    record_event(
        procurement,
        "quality.scored",
        principal,
        {
            "tender": str(tender.id),
            "criterion": criterion.name,
            "score": str(value),
            "comment": comment,
        },
        now,
    )
    return row
