"""Qualification: the ESPD responses checked against the requirements; overrides.

Directive 2014/24/EU Art. 57-59; anskaffelsesforskriften §§ 24-2, 24-5.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import require_aware
from heldigital.apps.evaluation import qualifying
from heldigital.apps.evaluation.models import (
    Outcome,
    QualificationDecision,
)
from heldigital.apps.evaluation.services.base import (
    EVALUATOR_ROLES,
    OFFICER_ROLES,
    _require_evaluating,
    _text,
    read_part,
    require_buyer_role,
    submitted_tenders,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import FileKind
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.models import (
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services import record_event


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def run_qualification(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
) -> list[QualificationDecision]:
    """Check every submitted tender's ESPD response against every requirement.

    Existing automatic decisions are replaced by the new check; an
    evaluator's override stays (and stays visible next to the new automatic
    decision). The procurement moves to ``evaluation``.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("run the qualification"))
    _require_evaluating(procurement)
    items = qualifying.criteria(procurement, now=now)
    decided = []
    summary = []
    for tender in submitted_tenders(procurement):
        espd = read_part(tender, FileKind.ESPD_RESPONSE, principal=principal, now=now)
        outcomes = qualifying.check(items, espd, now=now)
        for item, (outcome, reason) in zip(items, outcomes, strict=True):
            decision, _created = QualificationDecision.objects.update_or_create(
                tender=tender,
                criterion=item.code,
                lot=item.lot,
                defaults={
                    "requirement": item.row,
                    "criterion_name": item.name[:300],
                    "automatic_outcome": outcome,
                    "automatic_reason": reason,
                    "decided_at": now,
                },
            )
            decided.append(decision)
        summary.append(
            {
                "tender": str(tender.id),
                "supplier_orgnr": tender.supplier.orgnr,
                "outcomes": [
                    {"criterion": item.code, "lot": item.lot, "outcome": o[0]}
                    for item, o in zip(items, outcomes, strict=True)
                ],
            }
        )
    if procurement.status == ProcurementStatus.OPENED:  # the first check starts the evaluation
        lifecycle.transition(
            procurement,
            ProcurementStatus.EVALUATION,
            principal=principal,
            now=now,
            payload={"tenders": summary},
        )
    else:
        record_event(procurement, "qualification.checked", principal, {"tenders": summary}, now)
    return decided


@transaction.atomic
@protocol.appends(lambda decision: decision.tender.procurement.reference)
def override_decision(
    decision: QualificationDecision,
    *,
    outcome: str,
    reason: str,
    principal: Principal,
    now: datetime,
) -> QualificationDecision:
    """An evaluator decides differently from the automatic check, with a recorded reason."""
    require_aware(now)
    procurement = decision.tender.procurement
    require_buyer_role(procurement, principal, EVALUATOR_ROLES, _("override qualification"))
    _require_evaluating(procurement)
    if outcome not in (Outcome.PASS, Outcome.FAIL):
        raise ValidationError({"outcome": _("Decide 'pass' or 'fail'.")})
    reason = _text(reason, "reason")
    decision.override_outcome = outcome
    decision.override_reason = reason
    decision.overridden_by = principal.user
    decision.overridden_at = now
    decision.save()
    record_event(
        procurement,
        "qualification.overridden",
        principal,
        {
            "tender": str(decision.tender_id),
            "supplier_orgnr": decision.tender.supplier.orgnr,
            "criterion": decision.criterion,
            "lot": decision.lot,
            "automatic": decision.automatic_outcome,
            "outcome": outcome,
            "reason": reason,
        },
        now,
    )
    return decision
