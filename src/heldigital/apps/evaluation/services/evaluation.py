"""Evaluation: prices from the tender catalogues, points and ranking (Art. 67, 69)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import require_aware
from heldigital.apps.evaluation.models import (
    AwardDecision,
    EvaluationResult,
    Exclusion,
    Outcome,
    QualityScore,
)
from heldigital.apps.evaluation.services.base import (
    OFFICER_ROLES,
    _require_evaluating,
    read_part,
    require_buyer_role,
    submitted_tenders,
)
from heldigital.apps.evaluation.services.quality import (
    SCORED_KINDS,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import FileKind, Tender
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    AwardCriterion,
    Lot,
    Procurement,
)
from heldigital.apps.tendering.services import record_event
from heldigital.decisions import scoring
from heldigital.ehf.catalogue import Catalogue
from heldigital.ledger import format_time


def _lots(procurement: Procurement) -> list[Lot | None]:
    lots = list(procurement.lots.order_by("number"))
    return lots or [None]  # type: ignore[list-item]


def _criteria(procurement: Procurement, lot: Lot | None) -> list[AwardCriterion]:
    rows = list(procurement.award_criteria.filter(lot=lot).order_by("position", "id"))
    if not rows and lot is not None:
        rows = list(procurement.award_criteria.filter(lot__isnull=True).order_by("position", "id"))
    return rows


def parse_tender_catalogue(
    content: bytes, request_units: Mapping[str, str]
) -> tuple[dict[str, Decimal | None], list[str]]:
    """Unit prices by request line id from a tender catalogue, and problems found.

    The catalogue price is the net price of one orderable unit (tir19-051);
    a line whose unit differs from the request line's unit is not priced.
    """
    try:
        catalogue = Catalogue.from_xml(content, source="tender catalogue")
        items = catalogue.items()
    except ValueError as exc:
        return {}, [_("The tender catalogue cannot be read: %(error)s") % {"error": exc}]
    prices: dict[str, Decimal | None] = {}
    problems = []
    for item in items:
        unit = request_units.get(item.id)
        if unit is not None and item.unit is not None and item.unit != unit:
            problems.append(
                _("line %(id)s: priced per %(unit)s, the request asks for %(asked)s")
                % {"id": item.id, "unit": item.unit, "asked": unit}
            )
            prices[item.id] = None
            continue
        prices[item.id] = item.price
    return prices, problems


def _eligible(procurement: Procurement) -> list[Tender]:
    """Submitted tenders not rejected, whose qualification is resolved as passed."""
    eligible = []
    unresolved = []
    for tender in submitted_tenders(procurement):
        if Exclusion.objects.filter(tender=tender).exists():
            continue
        decisions = list(tender.qualification_decisions.all())
        if not decisions or any(d.outcome != Outcome.PASS for d in decisions):
            unresolved.append(tender.supplier.name)
            continue
        eligible.append(tender)
    if unresolved:
        raise StateError(
            _(
                "Qualification is not resolved for: %(names)s. Run the qualification, and "
                "override or reject where a requirement is not met or needs assessment."
            )
            % {"names": ", ".join(unresolved)}
        )
    return eligible


def _money(value: Decimal) -> str:
    return str(value.quantize(scoring.CENT, rounding=scoring.ROUNDING))


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def compute_evaluation(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
) -> list[EvaluationResult]:
    """Compute prices, points and ranking per lot from the opened tenders (new frozen rows)."""
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("compute the evaluation"))
    if AwardDecision.objects.filter(procurement=procurement).exists():
        raise StateError(_("The award is decided; the evaluation is frozen."))
    _require_evaluating(procurement)
    tenders = _eligible(procurement)
    items = list(procurement.request_items.select_related("lot"))
    if not items:
        raise StateError(_("The procurement has no request catalogue to price."))
    request_lines = [
        scoring.RequestLine(i.line_id, i.estimated_quantity, i.lot.number if i.lot else None)
        for i in items
    ]
    units = {i.line_id: i.unit_code for i in items}
    priced: dict[str, tuple[scoring.TenderPrice, list[str]]] = {}
    for tender in tenders:
        content = read_part(tender, FileKind.TENDER_CATALOGUE, principal=principal, now=now)
        if content is None:
            priced[str(tender.id)] = (
                scoring.price_tender(request_lines, {}),
                [_("The tender has no tender catalogue.")],
            )
            continue
        offered, problems = parse_tender_catalogue(content, units)
        priced[str(tender.id)] = (scoring.price_tender(request_lines, offered), problems)
    rule = scoring.abnormally_low_rule_on(now.date())
    results = []
    for lot in _lots(procurement):
        number = lot.number if lot is not None else None
        criteria_rows = _criteria(procurement, lot)
        method = scoring.AwardMethod(procurement.award_method)
        criteria = [
            scoring.Criterion(
                str(c.pk),
                scoring.CriterionKind.QUALITY if c.kind in SCORED_KINDS else c.kind,
                c.weight,
                c.max_points,
            )
            for c in criteria_rows
        ]
        candidates = []
        non_compliant = []
        by_id = {str(t.id): t for t in tenders}
        for tender_id, (price, problems) in priced.items():
            lot_price = price.lots.get(number)
            if lot_price is None:
                continue
            bids = bool(lot_price.lines or lot_price.problems or problems)
            if number is not None and not bids:
                continue  # with lots, a tender that prices no line of a lot does not bid for it
            tender = by_id[tender_id]
            if not lot_price.compliant or problems:
                non_compliant.append(
                    {
                        "tender": tender_id,
                        "supplier": tender.supplier.name,
                        "supplier_orgnr": tender.supplier.orgnr,
                        "missing_lines": list(lot_price.missing),
                        "problems": [*lot_price.problems, *problems],
                    }
                )
                continue
            quality: dict[str, Decimal] = {}
            for c in criteria_rows:
                if c.kind not in SCORED_KINDS:
                    continue
                scores = [s.score for s in QualityScore.objects.filter(tender=tender, criterion=c)]
                if not scores:
                    raise StateError(
                        _("%(supplier)s has no score on %(criterion)s yet.")
                        % {"supplier": tender.supplier.name, "criterion": c.name}
                    )
                quality[str(c.pk)] = sum(scores, Decimal(0)) / len(scores)
            assert tender.submitted_at is not None
            candidates.append(
                scoring.Candidate(tender_id, lot_price.total, tender.submitted_at, quality)
            )
        estimate = (lot.estimated_value if lot is not None else None) or (
            procurement.estimated_value if lot is None or len(_lots(procurement)) == 1 else None
        )
        try:
            ranking = scoring.evaluate(
                candidates,
                method=method,
                criteria=criteria,
                formula=procurement.price_formula,
                estimate=estimate,
                rule=rule,
            )
        except scoring.EvaluationError as exc:
            raise StateError(str(exc)) from exc
        names = {str(c.pk): c.name for c in criteria_rows}
        content_json = {
            "lot": number,
            "method": method.value,
            "formula": procurement.price_formula,
            "tie_rule": list(scoring.TIE_RULE),
            "abnormally_low_rule": {
                "below_average": str(rule.below_average),
                "of_estimate": str(rule.of_estimate),
                "effective_from": rule.effective_from.isoformat(),
            },
            "criteria": [
                {
                    "key": str(c.pk),
                    "name": c.name,
                    "kind": c.kind,
                    "weight": str(c.weight),
                    "max_points": str(c.max_points),
                }
                for c in criteria_rows
            ],
            "ranking": [
                {
                    "rank": s.rank,
                    "tender": s.tender_id,
                    "supplier": by_id[s.tender_id].supplier.name,
                    "supplier_orgnr": by_id[s.tender_id].supplier.orgnr,
                    "price": _money(s.price),
                    "received_at": format_time(s.received_at),
                    "points": {names.get(k, k): str(v) for k, v in s.points.items()},
                    "weighted": {names.get(k, k): str(v) for k, v in s.weighted.items()},
                    "price_points": str(s.price_points),
                    "quality_total": str(s.quality_total),
                    "total": str(s.total),
                    "abnormally_low": list(s.abnormally_low),
                }
                for s in ranking
            ],
            "non_compliant": non_compliant,
        }
        result = EvaluationResult(
            procurement=procurement,
            lot=lot,
            computed_at=now,
            computed_by=principal.user,
            content=content_json,
        )
        result.save()
        results.append(result)
        record_event(
            procurement,
            "evaluation.computed",
            principal,
            {
                "lot": number,
                "result": result.pk,
                "ranking": [
                    {
                        "rank": r["rank"],
                        "supplier_orgnr": r["supplier_orgnr"],
                        "price": r["price"],
                        "total": r["total"],
                        "abnormally_low": bool(r["abnormally_low"]),
                    }
                    for r in content_json["ranking"]
                ],
                "non_compliant": [n["supplier_orgnr"] for n in non_compliant],
            },
            now,
        )
    return results


def latest_results(procurement: Procurement) -> list[EvaluationResult]:
    """The latest evaluation result of each lot (or the decided one, once awarded)."""
    out = []
    for lot in _lots(procurement):
        award = AwardDecision.objects.filter(procurement=procurement, lot=lot).first()
        if award is not None:
            out.append(award.evaluation)
            continue
        row = (
            EvaluationResult.objects.filter(procurement=procurement, lot=lot)
            .order_by("-computed_at", "-id")
            .first()
        )
        if row is not None:
            out.append(row)
    return out
