"""The standstill period (karensperiode) after an award decision.

Remedies Directive 89/665/EEC Art. 2a(2) (as amended by 2007/66/EC): the
contract may not be concluded before at least 10 calendar days have passed
from the day after the award decision was sent to the tenderers by
electronic means; anskaffelsesforskriften § 25-2 (Part III) sets the same
karensperiode of at least ten days "fra dagen etter at meldingen er sendt".
The period is computed like every other time limit under Regulation (EEC,
Euratom) No 1182/71 (:func:`heldigital.decisions.calendar.add_days_1182`):
it starts the day after the notification is sent (counted in Norway's
calendar, Europe/Oslo), and a period that would end on a Saturday, Sunday or
Norwegian public holiday ends at the end of the next working day. The end is
the last instant of that day in Oslo, as an aware UTC instant.

Rules carry an effective date so that a change of the regulation is a new
row, never an edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from heldigital.decisions.calendar import OSLO, add_days_1182, end_of_day

__all__ = ["STANDSTILL_RULES", "Standstill", "StandstillRule", "rule_on", "standstill"]


@dataclass(frozen=True)
class StandstillRule:
    effective_from: date
    days: int
    source: str


STANDSTILL_RULES: tuple[StandstillRule, ...] = (
    StandstillRule(
        effective_from=date(2017, 1, 1),
        days=10,
        source="anskaffelsesforskriften § 25-2; Directive 89/665/EEC Art. 2a(2)",
    ),
)


@dataclass(frozen=True)
class Standstill:
    """The computed period: sent at, last day (Oslo calendar), end instant (aware UTC)."""

    sent_at: datetime
    last_day: date
    ends_at: datetime
    rule: StandstillRule

    def has_ended(self, now: datetime) -> bool:
        """Whether the period is over at ``now`` (strictly after its last instant)."""
        _aware(now)
        return now > self.ends_at


def _aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("times must be timezone-aware")


def rule_on(day: date, rules: Sequence[StandstillRule] = STANDSTILL_RULES) -> StandstillRule:
    """The standstill rule in force on ``day``."""
    in_force = [r for r in rules if r.effective_from <= day]
    if not in_force:
        raise LookupError(f"no standstill rule in force on {day.isoformat()}")
    return max(in_force, key=lambda r: r.effective_from)


def standstill(sent_at: datetime, rules: Sequence[StandstillRule] = STANDSTILL_RULES) -> Standstill:
    """The standstill period for an award notification sent at ``sent_at`` (aware).

    >>> from datetime import UTC
    >>> s = standstill(datetime(2026, 12, 16, 9, 0, tzinfo=UTC))
    >>> s.last_day  # 26 Dec is a Saturday and Boxing Day; 27 Dec a Sunday
    datetime.date(2026, 12, 28)
    >>> s.ends_at.isoformat()
    '2026-12-28T22:59:59.999999+00:00'
    """
    _aware(sent_at)
    day = sent_at.astimezone(OSLO).date()
    rule = rule_on(day, rules)
    last = add_days_1182(day, rule.days)
    return Standstill(sent_at=sent_at, last_day=last, ends_at=end_of_day(last), rule=rule)
