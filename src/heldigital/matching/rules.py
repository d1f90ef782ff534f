"""Tolerance rules: named, dated limits on how far an invoice may exceed what
was ordered or received and still be approved without a person.

Three kinds (issue 12):

* ``unit-price-percent`` - the invoiced unit price may exceed the order's by
  at most ``limit`` per cent of the order's price;
* ``quantity`` - the invoiced quantity may exceed what is left to invoice
  (ordered, or in three-way matching received, less what earlier invoices
  took) by at most ``limit`` units;
* ``total-absolute`` - the sum of the line net amounts (BT-131) of the
  lines matched to order lines may exceed the expected total (their invoiced
  quantities at the order's prices) by at most ``limit`` in the invoice
  currency (a line matched to no order line is a mismatch of its own).

The total rule caps the sum of what the line rules allow: with a price
tolerance, give a total tolerance too, or the total (with no rule in force,
``no-tolerance``) refuses what the price rule let through.

A deviation in the buyer's favour (a lower price, a smaller quantity, a lower
total) never blocks: partial invoicing is normal. A limit is inclusive: a
deviation equal to the limit passes.

A rule is in force from its ``effective_from`` date; for an invoice, the
rule of each kind with the latest ``effective_from`` on or before the
invoice's issue date decides. Where no rule of a kind is in force, the
built-in ``no-tolerance`` rule (limit 0) decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = ["NO_TOLERANCE", "Check", "RuleKind", "RuleSet", "ToleranceRule"]

NO_TOLERANCE = "no-tolerance"


class RuleKind(StrEnum):
    UNIT_PRICE_PERCENT = "unit-price-percent"
    QUANTITY = "quantity"
    TOTAL_ABSOLUTE = "total-absolute"


@dataclass(frozen=True)
class Check:
    """One tolerance check: which rule, what was expected and found, the
    deviation (in the rule's measure) against the limit, and whether it passed."""

    rule: str
    kind: RuleKind
    expected: Decimal
    actual: Decimal
    deviation: Decimal
    limit: Decimal
    passed: bool


@dataclass(frozen=True)
class ToleranceRule:
    """A named tolerance of one ``kind``, ``limit`` (>= 0), in force from ``effective_from``."""

    name: str
    kind: RuleKind
    limit: Decimal
    effective_from: date

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a tolerance rule needs a name")
        if not isinstance(self.limit, Decimal) or not self.limit.is_finite() or self.limit < 0:
            raise ValueError(f"rule {self.name}: the limit must be a Decimal >= 0")

    def deviation(self, expected: Decimal, actual: Decimal) -> Decimal:
        """How far ``actual`` exceeds ``expected`` in this rule's measure (<= 0: not at all)."""
        excess = actual - expected
        if self.kind is RuleKind.UNIT_PRICE_PERCENT:
            if expected == 0:
                return Decimal("Infinity") if excess > 0 else Decimal(0)
            return excess * 100 / expected
        return excess

    def check(self, expected: Decimal, actual: Decimal) -> Check:
        deviation = self.deviation(expected, actual)
        return Check(
            rule=self.name,
            kind=self.kind,
            expected=expected,
            actual=actual,
            deviation=deviation,
            limit=self.limit,
            passed=deviation <= self.limit,
        )


@dataclass(frozen=True)
class RuleSet:
    """The tolerance rules of a buyer (any number per kind, at most one per
    kind and date)."""

    rules: tuple[ToleranceRule, ...] = ()

    def __post_init__(self) -> None:
        seen: set[tuple[RuleKind, date]] = set()
        names: set[str] = set()
        for rule in self.rules:
            if (rule.kind, rule.effective_from) in seen:
                raise ValueError(
                    f"two {rule.kind} rules take effect on {rule.effective_from.isoformat()}"
                )
            if rule.name in names or rule.name == NO_TOLERANCE:
                raise ValueError(f"rule name {rule.name!r} is used twice")
            seen.add((rule.kind, rule.effective_from))
            names.add(rule.name)

    @classmethod
    def of(cls, rules: Iterable[ToleranceRule]) -> RuleSet:
        return cls(tuple(rules))

    def in_force(self, kind: RuleKind, on: date) -> ToleranceRule:
        """The rule of ``kind`` that decides for a document dated ``on``."""
        candidates = [r for r in self.rules if r.kind is kind and r.effective_from <= on]
        if not candidates:
            return ToleranceRule(NO_TOLERANCE, kind, Decimal(0), date.min)
        return max(candidates, key=lambda r: r.effective_from)
