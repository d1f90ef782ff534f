"""Award: the decision per lot, the award and rejection letters, standstill.

Directive 2014/24/EU Art. 55(2); anskaffelsesforskriften §§ 25-1, 25-2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    User,
)
from heldigital.apps.common import format_local, money_text, require_aware
from heldigital.apps.evaluation import documents
from heldigital.apps.evaluation.models import (
    AwardDecision,
    Letter,
)
from heldigital.apps.evaluation.services.base import (
    OFFICER_ROLES,
    _require_evaluating,
    require_buyer_role,
)
from heldigital.apps.evaluation.services.evaluation import (
    _lots,
    latest_results,
)
from heldigital.apps.evaluation.services.letters import (
    _letter_head,
    _make_letter,
    send_letter,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    AwardMethod,
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services import record_event
from heldigital.decisions import standstill as standstill_rules
from heldigital.ledger import format_time


def _score_table(content: Mapping[str, Any]) -> list[list[str]]:
    criteria = [c["name"] for c in content["criteria"]] or [_("Price")]
    header = [_("Rank"), _("Tenderer"), _("Price (NOK excl. VAT)"), *criteria, _("Total")]
    rows = [header]
    for r in content["ranking"]:
        points = [r["weighted"].get(name, r["weighted"].get("price", "")) for name in criteria]
        rows.append([str(r["rank"]), r["supplier"], r["price"], *points, r["total"]])
    return rows


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def decide_award(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
    reasons: str = "",
    abnormally_low_explanation: str = "",
) -> list[AwardDecision]:
    """Award each lot to the first-ranked tender of its latest evaluation; draft the letters.

    The award letter goes to the winner, a rejection letter to every other
    tenderer in the lot, each with the scores of all ranked tenders, the
    winner's characteristics and relative advantages and the standstill
    period (Art. 55(2)(c); anskaffelsesforskriften § 25-1). If the winning
    tender is flagged as possibly abnormally low, the explanation obtained
    from the tenderer (Art. 69(1)) must be given. Letters are sent with
    :func:`send_letters`.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("decide the award"))
    _require_evaluating(procurement)
    if AwardDecision.objects.filter(procurement=procurement).exists():
        raise StateError(_("The award is already decided."))
    results = latest_results(procurement)
    if len(results) != len(_lots(procurement)):
        raise StateError(_("Compute the evaluation of every lot first."))
    decisions = []
    for index, result in enumerate(results):
        ranking = result.content["ranking"]
        if not ranking:
            raise StateError(_("No tender can be awarded: no compliant tender in the evaluation."))
        first = ranking[0]
        if first["abnormally_low"] and not abnormally_low_explanation.strip():
            raise ValidationError(
                {
                    "abnormally_low_explanation": _(
                        "The winning tender may be abnormally low (%(why)s); give the "
                        "tenderer's explanation and why it is accepted (Art. 69)."
                    )
                    % {"why": "; ".join(first["abnormally_low"])}
                }
            )
        winner = Tender.objects.select_related("supplier").get(pk=first["tender"])
        method_label = AwardMethod(result.content["method"]).label
        why = reasons.strip() or _(
            "The tender of %(supplier)s is ranked first by the award criteria (%(method)s) "
            "with %(total)s points and the price %(price)s."
        ) % {
            "supplier": winner.supplier.name,
            "method": method_label,
            "total": first["total"],
            "price": money_text(first["price"]),
        }
        if abnormally_low_explanation.strip() and first["abnormally_low"]:
            why += "\n" + _("Abnormally low price examined: %(text)s") % {
                "text": abnormally_low_explanation.strip()
            }
        decision = AwardDecision(
            procurement=procurement,
            lot=result.lot,
            evaluation=result,
            winner=winner,
            reasons=why,
            decided_at=now,
            decided_by=principal.user,
        )
        decision.save()
        decisions.append(decision)
        _draft_award_letters(procurement, decision, user=principal.user, now=now)
        payload = {
            "lot": result.content["lot"],
            "evaluation": result.pk,
            "winner": str(winner.id),
            "winner_orgnr": winner.supplier.orgnr,
            "price": first["price"],
            "total": first["total"],
            "reasons": why,
        }
        if index == len(results) - 1:  # the last lot's award makes the procurement awarded
            lifecycle.transition(
                procurement,
                ProcurementStatus.AWARDED,
                principal=principal,
                now=now,
                payload=payload,
            )
        else:
            record_event(procurement, "award.decided", principal, payload, now)
    return decisions


def _lot_label(decision: AwardDecision) -> str:
    if decision.lot is None:
        return ""
    return _(" (lot %(n)s: %(title)s)") % {"n": decision.lot.number, "title": decision.lot.title}


def _standstill_text(now: datetime, period: standstill_rules.Standstill | None) -> str:
    if period is None:
        return _(
            "Draft. When this letter is sent, the standstill period of %(days)s days starts the "
            "day after (anskaffelsesforskriften § 25-2); the letter as sent states its exact end."
        ) % {"days": standstill_rules.rule_on(now.date()).days}
    return _(
        "The contract will not be concluded before the standstill period has ended: "
        "%(days)s days from the day after this letter was sent, ending %(end)s "
        "(anskaffelsesforskriften § 25-2; Directive 89/665/EEC Art. 2a(2))."
    ) % {"days": period.rule.days, "end": format_local(period.ends_at)}


def _draft_award_letters(
    procurement: Procurement,
    decision: AwardDecision,
    *,
    user: User,
    now: datetime,
    period: standstill_rules.Standstill | None = None,
) -> list[Letter]:
    """The award and rejection letters of a decision: drafts, or (with ``period``) as sent."""
    content = decision.evaluation.content
    table = _score_table(content)
    lot = _lot_label(decision)
    made = []
    with translation.override(settings.LANGUAGE_CODE):
        standstill_text = _standstill_text(now, period)
        for row in content["ranking"]:
            tender = Tender.objects.select_related("supplier").get(pk=row["tender"])
            won = row["tender"] == str(decision.winner_id)
            if won:
                title = _("Award of the contract in %(ref)s%(lot)s") % {
                    "ref": procurement.reference,
                    "lot": lot,
                }
                decision_text = _(
                    "We intend to award the contract to %(supplier)s. Your tender is ranked first."
                ) % {"supplier": tender.supplier.name}
            else:
                title = _("Your tender in %(ref)s%(lot)s was not successful") % {
                    "ref": procurement.reference,
                    "lot": lot,
                }
                decision_text = _(
                    "We intend to award the contract to %(winner)s. Your tender is ranked %(rank)s."
                ) % {"winner": decision.winner.supplier.name, "rank": row["rank"]}
            sections = [
                documents.Section("", _letter_head(procurement, tender.supplier, now)),
                documents.Section(_("Decision"), [decision_text]),
                documents.Section(
                    _("Reasons"),
                    [decision.reasons, _("Scores of the tenders (weighted points):")],
                    table,
                ),
                documents.Section(_("Standstill period"), [standstill_text]),
            ]
            made.append(
                _make_letter(
                    procurement,
                    kind=Letter.Kind.AWARD if won else Letter.Kind.REJECTION,
                    supplier=tender.supplier,
                    tender=tender,
                    title=title,
                    sections=sections,
                    user=user,
                    now=now,
                )
            )
        for entry in content["non_compliant"]:
            tender = Tender.objects.select_related("supplier").get(pk=entry["tender"])
            title = _("Your tender in %(ref)s%(lot)s was rejected") % {
                "ref": procurement.reference,
                "lot": lot,
            }
            problems = [*entry["problems"]]
            if entry["missing_lines"]:
                problems.append(
                    _("Request catalogue lines without a price: %(lines)s")
                    % {"lines": ", ".join(entry["missing_lines"])}
                )
            sections = [
                documents.Section("", _letter_head(procurement, tender.supplier, now)),
                documents.Section(
                    _("Decision"),
                    [
                        _(
                            "Your tender does not price every line of the request catalogue as "
                            "required and cannot be evaluated. We intend to award the contract "
                            "to %(winner)s."
                        )
                        % {"winner": decision.winner.supplier.name},
                        *problems,
                    ],
                ),
                documents.Section(_("Reasons"), [decision.reasons], table),
                documents.Section(_("Standstill period"), [standstill_text]),
            ]
            made.append(
                _make_letter(
                    procurement,
                    kind=Letter.Kind.REJECTION,
                    supplier=tender.supplier,
                    tender=tender,
                    title=title,
                    sections=sections,
                    user=user,
                    now=now,
                )
            )
    return made


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def send_letters(
    procurement: Procurement, *, principal: Principal, now: datetime
) -> list[AwardDecision]:
    """Send the award and rejection letters; the standstill period starts now.

    The letters as sent are made now from the award decision, so they state
    the exact end of the standstill period (Directive 89/665/EEC Art. 2a(2):
    "a precise statement of the exact standstill period"); each draft shown
    before is kept, unsent, and points to the letter that replaced it.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("send letters"))
    decisions = list(AwardDecision.objects.filter(procurement=procurement))
    if not decisions:
        raise StateError(_("The award is not decided."))
    if any(d.notified_at is not None for d in decisions):
        raise StateError(_("The award letters were already sent."))
    period = standstill_rules.standstill(now)
    for decision in decisions:
        drafts = {
            (str(d.tender_id), d.kind): d
            for d in Letter.objects.filter(
                procurement=procurement,
                tender__in=[
                    r["tender"]
                    for r in (
                        decision.evaluation.content["ranking"]
                        + decision.evaluation.content["non_compliant"]
                    )
                ],
                kind__in=[Letter.Kind.AWARD, Letter.Kind.REJECTION],
                sent_at__isnull=True,
                replaced_by__isnull=True,
                created_at=decision.decided_at,
            )
        }
        for final in _draft_award_letters(
            procurement, decision, user=principal.user, now=now, period=period
        ):
            draft = drafts.get((str(final.tender_id), final.kind))
            if draft is not None:
                draft.set_once(replaced_by=final)
            send_letter(final, principal=principal, now=now)
    for decision in decisions:
        decision.set_once(
            notified_at=now,
            standstill_last_day=period.last_day,
            standstill_ends_at=period.ends_at,
        )
    lifecycle.transition(
        procurement,
        ProcurementStatus.STANDSTILL,
        principal=principal,
        now=now,
        payload={
            "standstill_last_day": period.last_day.isoformat(),
            "standstill_ends_at": format_time(period.ends_at),
            "rule": period.rule.source,
            "days": period.rule.days,
        },
    )
    return decisions


@dataclass(frozen=True)
class StandstillStatus:
    notified_at: datetime | None
    last_day: Any
    ends_at: datetime | None
    ended: bool


def standstill_status(procurement: Procurement, now: datetime) -> StandstillStatus:
    """Whether the standstill period has ended at ``now`` (not started: not ended)."""
    require_aware(now)
    decision = (
        AwardDecision.objects.filter(procurement=procurement, notified_at__isnull=False)
        .order_by("-standstill_ends_at")
        .first()
    )
    if decision is None or decision.standstill_ends_at is None:
        return StandstillStatus(None, None, None, False)
    return StandstillStatus(
        decision.notified_at,
        decision.standstill_last_day,
        decision.standstill_ends_at,
        now > decision.standstill_ends_at,
    )
