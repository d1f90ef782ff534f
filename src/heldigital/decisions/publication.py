"""What a draft must contain before its contract notice is published.

The field checks (time limits, regime, notice data) are elsewhere; this rule
is about the draft's contents, so that no supplier finds a notice it cannot
answer:

* **procurement documents** - Directive 2014/24/EU Art. 53(1): from the date
  the notice is published the contracting authority offers unrestricted and
  full direct access to the procurement documents by electronic means. A
  notice with no document to download breaks that promise.
* **request lines** - the platform's rule: a tender prices the request
  catalogue line by line (an EHF catalogue, matched by line id in the
  evaluation); with no line there is nothing to price.
* **qualification requirements** - the platform's rule: the ESPD request and
  the qualification are built from them; a procurement without any would
  qualify every tenderer on the exclusion grounds alone, which is lawful but
  never what a buyer forgets on purpose - the buyer adds at least one.
* **award criteria** - Directive 2014/24/EU Art. 67(2) (anskaffelsesforskriften
  § 18-1): the best price-quality ratio is assessed on weighted criteria, so
  that method needs criteria; lowest price or lowest cost *is* the criterion
  and needs none.

Rules carry an effective date: a change is a new row, chosen by the day the
draft is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from heldigital.decisions.calendar import OSLO

__all__ = [
    "PUBLICATION_RULES",
    "DraftContents",
    "Missing",
    "PublicationRule",
    "missing_contents",
    "rule_on",
]


class Missing(StrEnum):
    """What a draft lacks; the value names the part of the draft to add it to."""

    DOCUMENTS = "documents"
    REQUEST_LINES = "request_items"
    REQUIREMENTS = "requirements"
    AWARD_CRITERIA = "award_criteria"


@dataclass(frozen=True)
class PublicationRule:
    effective_from: date
    #: Award methods that need weighted award criteria.
    criteria_needed_for: frozenset[str]
    needs_documents: bool = True
    needs_request_lines: bool = True
    needs_requirements: bool = True


PUBLICATION_RULES: tuple[PublicationRule, ...] = (
    PublicationRule(
        effective_from=date(2017, 1, 1),
        criteria_needed_for=frozenset({"best_price_quality"}),
    ),
)


@dataclass(frozen=True)
class DraftContents:
    """Counts of what a draft holds, and its award method."""

    documents: int
    request_lines: int
    requirements: int
    award_criteria: int
    award_method: str


def rule_on(day: date, rules: Sequence[PublicationRule] = PUBLICATION_RULES) -> PublicationRule:
    """The rule in force on ``day`` (the latest one whose effective date has come)."""
    in_force = [rule for rule in rules if rule.effective_from <= day]
    if not in_force:
        raise ValueError(f"no publication rule is in force on {day.isoformat()}")
    return max(in_force, key=lambda rule: rule.effective_from)


def missing_contents(
    contents: DraftContents,
    *,
    now: datetime,
    rules: Sequence[PublicationRule] = PUBLICATION_RULES,
) -> list[Missing]:
    """What the draft lacks for publication at ``now`` (empty: nothing).

    >>> from datetime import UTC
    >>> empty = DraftContents(0, 0, 0, 0, "best_price_quality")
    >>> [m.value for m in missing_contents(empty, now=datetime(2026, 12, 1, tzinfo=UTC))]
    ['documents', 'request_items', 'requirements', 'award_criteria']
    >>> cheapest = DraftContents(1, 2, 1, 0, "lowest_price")
    >>> missing_contents(cheapest, now=datetime(2026, 12, 1, tzinfo=UTC))
    []
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    rule = rule_on(now.astimezone(OSLO).date(), rules)
    missing: list[Missing] = []
    if rule.needs_documents and contents.documents < 1:
        missing.append(Missing.DOCUMENTS)
    if rule.needs_request_lines and contents.request_lines < 1:
        missing.append(Missing.REQUEST_LINES)
    if rule.needs_requirements and contents.requirements < 1:
        missing.append(Missing.REQUIREMENTS)
    if contents.award_method in rule.criteria_needed_for and contents.award_criteria < 1:
        missing.append(Missing.AWARD_CRITERIA)
    return missing
