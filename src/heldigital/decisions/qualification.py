"""Automatic qualification: the ESPD response checked against the requirements.

Directive 2014/24/EU Art. 56(1)(b), 57-59 and anskaffelsesforskriften (FOA)
§§ 24-2, 24-4 (exclusion, self-cleaning) and §§ 16-2 to 16-7 (qualification
requirements); the ESPD is the supplier's self-declaration (Art. 59, FOA
§ 17-1). Each requirement yields one :class:`Decision`:

Exclusion grounds
    *no* → passed. *yes* → failed (excluded), unless the answer itself gives
    the buyer something to assess: self-cleaning measures (Art. 57(6),
    FOA § 24-4), for insolvency-like situations the reasons why the operator
    can still perform (Art. 57(4)(b)), or a conviction declared older than
    five years (Art. 57(7)) - those are *needs review*. No answer → failed:
    the ESPD is incomplete (the buyer may ask for completion, Art. 56(3)).

Selection criteria with a threshold
    turnover per year (each of the last *n* financial years at least the
    minimum) or on average, declared average turnover, financial ratio,
    insurance cover (a commitment to obtain it → review), number of
    references. Fewer financial years than asked → review when the operator
    gave its set-up date (Annex XII part I: "depending on the date on which
    the undertaking was set up"), else failed. Amounts in another currency
    than the threshold's → review (no conversion here).

Other selection criteria
    yes/no (registers, certificates): yes → passed, no with an explanation
    of other means of proof → review (Art. 62), no → failed; descriptive
    criteria (qualifications, equipment …) → review when answered.

Nothing here reads the clock: ``now`` is the moment of the decision.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from heldigital.espd.criteria import AVERAGED, Category, Criterion, Section, Threshold, get
from heldigital.espd.documents import CriterionResponse, EspdResponse
from heldigital.espd.model import Requirement, YearAmount

__all__ = ["Decision", "Outcome", "overall", "qualify"]


class Outcome(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NEEDS_REVIEW = "needs-review"


@dataclass(frozen=True)
class Decision:
    """The automatic decision on one requirement, with the reason a person can read."""

    criterion: str  # ESPD criterion code
    name: str
    section: Section
    outcome: Outcome
    reason: str
    legal_basis: str
    lot: str | None = None  # selection criteria apply to one lot; exclusion grounds to all


def overall(decisions: Sequence[Decision], *, lot: str | None = None) -> Outcome:
    """Failed if any requirement failed, else needs review if any does, else passed.

    With ``lot``, only the decisions that concern that lot count: every
    exclusion ground, and the selection criteria set for that lot.
    """
    if lot is not None:
        decisions = [d for d in decisions if d.lot is None or d.lot == lot]
    outcomes = {d.outcome for d in decisions}
    if Outcome.FAILED in outcomes:
        return Outcome.FAILED
    if Outcome.NEEDS_REVIEW in outcomes:
        return Outcome.NEEDS_REVIEW
    return Outcome.PASSED


def _money(value: Decimal, currency: str | None) -> str:
    amount = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return f"{currency or ''} {amount:,.2f}".strip().replace(",", " ")


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _exclusion(
    criterion: Criterion, answer: CriterionResponse | None, now: datetime
) -> tuple[Outcome, str]:
    kind = "mandatory" if criterion.mandatory_exclusion else "discretionary"
    indicator = answer.indicator if answer is not None else None
    if indicator is None:
        return Outcome.FAILED, "no answer to this exclusion ground: the ESPD is incomplete"
    if indicator is False:
        return Outcome.PASSED, "the operator declares that this exclusion ground does not apply"
    if answer.self_cleaning:
        measures = answer.self_cleaning_description or "(not described)"
        return (
            Outcome.NEEDS_REVIEW,
            f"the ground applies, but self-cleaning measures are declared: {measures}",
        )
    if criterion.category is Category.INSOLVENCY and answer.continuation:
        return (
            Outcome.NEEDS_REVIEW,
            "the ground applies; the operator states it can still perform the contract: "
            + answer.continuation,
        )
    old = answer.date is not None and answer.date < _years_before(now.date(), 5)
    if criterion.category is Category.CONVICTIONS and old:
        return (
            Outcome.NEEDS_REVIEW,
            f"conviction declared on {answer.date.isoformat()}, more than five years ago: "
            "check whether an exclusion period set in the judgment still applies",
        )
    details = f" ({answer.description})" if answer.description else ""
    return (
        Outcome.FAILED,
        f"the operator declares that this {kind} exclusion ground applies{details}",
    )


def _latest(yearly: list[YearAmount], count: int) -> list[YearAmount]:
    return sorted(yearly, key=lambda y: y.period.end, reverse=True)[:count]


def _turnover(
    criterion: Criterion, requirement: Requirement, answer: CriterionResponse, now: datetime
) -> tuple[Outcome, str]:
    minimum, currency, years = (
        requirement.minimum_amount,
        requirement.currency,
        requirement.years or 1,
    )
    yearly = answer.yearly
    if not yearly:
        return Outcome.FAILED, "no turnover declared"
    future = [y for y in yearly if y.period.end > now.date()]
    if future:
        return (
            Outcome.FAILED,
            f"turnover declared for a financial year not yet ended ({future[0].period.end})",
        )
    foreign = [y for y in yearly if y.currency != currency]
    if foreign:
        return (
            Outcome.NEEDS_REVIEW,
            f"turnover declared in {foreign[0].currency}, the minimum is in {currency}",
        )
    latest = _latest(yearly, years)
    if len(latest) < years:
        if answer.date is None:
            return (
                Outcome.FAILED,
                f"turnover declared for {len(latest)} of the {years} financial years asked",
            )
        set_up = answer.date.isoformat()
        shortfall = f"turnover for {len(latest)} of {years} years; operator set up on {set_up}"
        return Outcome.NEEDS_REVIEW, shortfall
    if requirement.per_year and criterion.code not in AVERAGED:
        low = [y for y in latest if y.amount < minimum]
        if low:
            worst = min(low, key=lambda y: y.amount)
            return (
                Outcome.FAILED,
                f"turnover {_money(worst.amount, currency)} in the year ending "
                f"{worst.period.end.isoformat()} is below the minimum "
                f"{_money(minimum, currency)} per year",
            )
        return (
            Outcome.PASSED,
            f"turnover at least {_money(minimum, currency)} in each of the last {years} years "
            f"(lowest {_money(min(y.amount for y in latest), currency)})",
        )
    average = sum((y.amount for y in latest), Decimal(0)) / len(latest)
    if average < minimum:
        return (
            Outcome.FAILED,
            f"average turnover {_money(average, currency)} over {years} years "
            f"is below {_money(minimum, currency)}",
        )
    return (
        Outcome.PASSED,
        f"average turnover {_money(average, currency)} over {years} years "
        f"meets {_money(minimum, currency)}",
    )


def _threshold(
    criterion: Criterion, requirement: Requirement, answer: CriterionResponse, now: datetime
) -> tuple[Outcome, str]:
    kind = criterion.threshold
    if kind is Threshold.YEARLY_TURNOVER:
        return _turnover(criterion, requirement, answer, now)
    if kind in (Threshold.AVERAGE_TURNOVER, Threshold.AMOUNT):
        minimum, currency = requirement.minimum_amount, requirement.currency
        amounts = answer.amounts
        what = "average turnover" if kind is Threshold.AVERAGE_TURNOVER else "amount"
        if not amounts:
            if kind is Threshold.AMOUNT and answer.commitment:
                return (
                    Outcome.NEEDS_REVIEW,
                    "no current cover; the operator commits to obtain it if awarded",
                )
            return Outcome.FAILED, f"no {what} declared"
        value, declared = amounts[0]
        if (declared or currency) != currency:
            return (
                Outcome.NEEDS_REVIEW,
                f"{what} declared in {declared}, the minimum is in {currency}",
            )
        if value >= minimum:
            return (
                Outcome.PASSED,
                f"{what} {_money(value, currency)} meets the minimum {_money(minimum, currency)}",
            )
        if kind is Threshold.AMOUNT and answer.commitment:
            return (
                Outcome.NEEDS_REVIEW,
                f"cover {_money(value, currency)} is below {_money(minimum, currency)}, "
                "but the operator commits to obtain the minimum if awarded",
            )
        return (
            Outcome.FAILED,
            f"{what} {_money(value, currency)} is below the minimum {_money(minimum, currency)}",
        )
    if kind is Threshold.RATIO:
        ratio, minimum = answer.ratio, requirement.minimum_ratio
        label = f" ({requirement.ratio_type})" if requirement.ratio_type else ""
        if ratio is None:
            return Outcome.FAILED, f"no financial ratio{label} declared"
        if ratio >= minimum:
            return Outcome.PASSED, f"financial ratio{label} {ratio} meets the minimum {minimum}"
        return Outcome.FAILED, f"financial ratio{label} {ratio} is below the minimum {minimum}"
    if kind is Threshold.REFERENCES:
        count, minimum = answer.references, requirement.minimum_count
        if count >= minimum:
            return (
                Outcome.PASSED,
                f"{count} references declared (minimum {minimum}); their relevance is assessed",
            )
        return Outcome.FAILED, f"{count} references declared, at least {minimum} required"
    raise AssertionError(f"unhandled threshold {kind}")  # pragma: no cover - Threshold is closed


def _selection(
    criterion: Criterion, requirement: Requirement, answer: CriterionResponse | None, now: datetime
) -> tuple[Outcome, str]:
    if answer is None or not answer.values:
        return Outcome.FAILED, "no answer to this selection criterion: the ESPD is incomplete"
    if requirement.threshold is not None:
        return _threshold(criterion, requirement, answer, now)
    if criterion.roles.answer:
        if answer.indicator is True:
            return Outcome.PASSED, "the operator declares that it meets the criterion"
        if answer.indicator is False and answer.description:
            return (
                Outcome.NEEDS_REVIEW,
                f"not met as asked; other means of proof offered: {answer.description}",
            )
        if answer.indicator is False:
            return Outcome.FAILED, "the operator declares that it does not meet the criterion"
        return Outcome.FAILED, "the yes/no question of the criterion is not answered"
    return Outcome.NEEDS_REVIEW, "answered; the content is for the evaluators to assess"


def qualify(
    requirements: Sequence[Requirement], espd_response: EspdResponse, *, now: datetime
) -> list[Decision]:
    """One decision per requirement, in the order given.

    ``requirements`` are the buyer's (e.g. ``espd.parse_request(...).requirements``),
    ``espd_response`` the supplier's parsed ESPD (``espd.parse_response``), ``now``
    the timezone-aware moment of the decision.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    decisions = []
    for requirement in requirements:
        criterion = get(requirement.criterion)
        answer = espd_response.answer(criterion.code)
        if criterion.section is Section.EXCLUSION:
            outcome, why = _exclusion(criterion, answer, now)
        else:
            outcome, why = _selection(criterion, requirement, answer, now)
        decisions.append(
            Decision(
                criterion=criterion.code,
                name=criterion.name,
                section=criterion.section,
                outcome=outcome,
                reason=f"{criterion.name}: {why} ({criterion.legal_basis})",
                legal_basis=criterion.legal_basis,
                lot=requirement.lot if criterion.section is Section.SELECTION else None,
            )
        )
    return decisions
