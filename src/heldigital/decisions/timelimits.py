"""Minimum time limits per procedure (anskaffelsesforskriften Part III, §§ 20-1 to 20-3).

* Open procedure (§ 20-1): tenders at least 35 days from the day the notice
  was sent, shortened by 5 days when tenders can be submitted
  electronically - always the case in Heldigital - so 30 days.
* Restricted procedure and competition with negotiation (§§ 20-2, 20-3):
  requests to participate at least 30 days from the notice; tenders at
  least 30 days from the invitation, 25 with electronic submission.
* National competition (Part II, "rimelige frister"): the law sets no
  number of days, only that time limits are reasonable; the platform
  applies its own policy minimum (``national_policy_days``) so a buyer
  cannot publish an unreasonable limit by accident.

Rules carry an effective date so that a later change of the regulation is a
new row, not an edit.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from heldigital.decisions.thresholds import Regime

__all__ = [
    "TIME_LIMIT_RULES",
    "Procedure",
    "TimeLimitProblem",
    "TimeLimitRules",
    "allowed_procedures",
    "check_time_limits",
]


class Procedure(enum.StrEnum):
    OPEN = "open"  # åpen anbudskonkurranse
    RESTRICTED = "restricted"  # begrenset anbudskonkurranse
    NEGOTIATION = "negotiation"  # konkurranse med forhandling
    NATIONAL = "national"  # konkurranse etter del II (under EØS-terskel)


@dataclass(frozen=True)
class TimeLimitRules:
    effective_from: date
    open_tender_days: int
    request_days: int
    two_stage_tender_days: int
    national_policy_days: int


TIME_LIMIT_RULES: tuple[TimeLimitRules, ...] = (
    TimeLimitRules(
        effective_from=date(2017, 1, 1),
        open_tender_days=30,
        request_days=30,
        two_stage_tender_days=25,
        national_policy_days=10,
    ),
)


def rules_on(day: date, table: Sequence[TimeLimitRules] = TIME_LIMIT_RULES) -> TimeLimitRules:
    in_force = [r for r in table if r.effective_from <= day]
    if not in_force:
        raise LookupError(f"no time-limit rules in force on {day.isoformat()}")
    return max(in_force, key=lambda r: r.effective_from)


def allowed_procedures(regime: Regime) -> tuple[Procedure, ...]:
    """Procedures the platform offers for a regime.

    Above the EEA threshold: open, restricted, and competition with
    negotiation (the latter only on the conditions of § 13-2, which the
    officer must state). Below it: the national competition of Part II.
    Below the national threshold the national competition may still be used.
    """
    if regime is Regime.EEA:
        return (Procedure.OPEN, Procedure.RESTRICTED, Procedure.NEGOTIATION)
    return (Procedure.NATIONAL, Procedure.OPEN)


@dataclass(frozen=True)
class TimeLimitProblem:
    field: str
    minimum_days: int
    actual_days: float
    message: str


def check_time_limits(
    *,
    procedure: Procedure,
    regime: Regime,
    notice_sent: datetime,
    tender_deadline: datetime,
    request_deadline: datetime | None = None,
    questions_deadline: datetime | None = None,
    table: Sequence[TimeLimitRules] = TIME_LIMIT_RULES,
) -> list[TimeLimitProblem]:
    """Problems with the time limits of a procurement (empty when lawful).

    All instants are timezone-aware. Days are counted as full periods of 24
    hours from the moment the notice is sent, which is never shorter than
    the calendar count of the regulation.
    """
    for name, value in (("notice_sent", notice_sent), ("tender_deadline", tender_deadline)):
        if value.tzinfo is None:
            raise ValueError(f"{name} must be timezone-aware")
    rules = rules_on(notice_sent.date(), table)
    problems: list[TimeLimitProblem] = []

    def need(field: str, start: datetime, end: datetime, days: int, why: str) -> None:
        actual = (end - start) / timedelta(days=1)
        if actual < days:
            problems.append(
                TimeLimitProblem(field, days, round(actual, 2), f"{why}: at least {days} days")
            )

    if procedure is Procedure.OPEN and regime is Regime.EEA:
        need(
            "tender_deadline",
            notice_sent,
            tender_deadline,
            rules.open_tender_days,
            "open procedure above the EEA threshold (§ 20-1)",
        )
    elif procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATION) and regime is Regime.EEA:
        if request_deadline is None:
            problems.append(
                TimeLimitProblem(
                    "request_deadline",
                    rules.request_days,
                    0,
                    "a two-stage procedure needs a request deadline",
                )
            )
        else:
            need(
                "request_deadline",
                notice_sent,
                request_deadline,
                rules.request_days,
                "requests to participate (§§ 20-2, 20-3)",
            )
            need(
                "tender_deadline",
                request_deadline,
                tender_deadline,
                rules.two_stage_tender_days,
                "tenders after the invitation (§§ 20-2, 20-3)",
            )
    else:
        need(
            "tender_deadline",
            notice_sent,
            tender_deadline,
            rules.national_policy_days,
            "reasonable time limit (platform policy for Part II)",
        )
    if questions_deadline is not None and questions_deadline >= tender_deadline:
        problems.append(
            TimeLimitProblem(
                "questions_deadline",
                0,
                0,
                "the questions deadline must be before the tender deadline",
            )
        )
    if tender_deadline <= notice_sent:
        problems.append(
            TimeLimitProblem(
                "tender_deadline", 0, 0, "the tender deadline must be after publication"
            )
        )
    return problems
