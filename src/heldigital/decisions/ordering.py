"""Ordering under a contract: prices against the contract, contract validity, approval.

Pure functions (issue 12, deliver 1 and 2); the ``ordering`` app stores the
rules and the data and calls them with ``now`` (or the day) passed in.

* :func:`check_price` - a price in a supplier's catalogue update against the
  contract price: it may not exceed the contract price raised by the
  contract's indexation percentage (``contract × (1 + p/100)``, rounded to
  the price's precision with :data:`PRICE_ROUNDING`); the reason is stated.
* :func:`contract_refusal` - why no order can be placed under a contract on a
  day (not signed, terminated, before it starts, after it ends), or None.
* Approval by budget authority: :class:`ThresholdRule` (orders up to
  ``no_approval_up_to`` need no approval; above ``second_level_above`` two
  approvers) and :class:`AuthorityRule` (a person may approve orders of a cost
  centre, or of every cost centre, up to a limit). Each rule has a name and the
  day it takes effect; of the rules for the same thing, the one with the latest
  date on or before the day decides. :func:`approval_state` says what an order
  needs and which rules decided; :func:`approver_refusal` why a person may not
  give the next approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

__all__ = [
    "ANY_COST_CENTRE",
    "NO_RULE",
    "PRICE_ROUNDING",
    "Approval",
    "ApprovalState",
    "AuthorityRule",
    "OrderFacts",
    "PriceCheck",
    "ThresholdRule",
    "approval_state",
    "approver_refusal",
    "authority_of",
    "check_price",
    "contract_refusal",
    "threshold_on",
]

#: Rounding of an indexed price (to the precision of the contract price).
PRICE_ROUNDING = ROUND_HALF_UP
#: The cost centre of an authority rule that covers every cost centre.
ANY_COST_CENTRE = "*"


@dataclass(frozen=True)
class PriceCheck:
    ok: bool
    allowed: Decimal | None
    reason: str


def check_price(
    price: Decimal | None, contract_price: Decimal | None, indexation_percent: Decimal
) -> PriceCheck:
    """Whether ``price`` keeps to the contract price (raised by the indexation allowed)."""
    if contract_price is None:
        return PriceCheck(False, None, "the item is not in the contract")
    if price is None:
        return PriceCheck(False, contract_price, "the line has no price")
    if price < 0:
        return PriceCheck(False, contract_price, "the price is negative")
    exponent = contract_price.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    allowed = (contract_price * (1 + indexation_percent / Decimal(100))).quantize(
        Decimal(1).scaleb(-places), rounding=PRICE_ROUNDING
    )
    if price <= contract_price:
        return PriceCheck(True, allowed, "at or below the contract price")
    if price <= allowed:
        return PriceCheck(
            True, allowed, f"within the indexation of {indexation_percent} % (at most {allowed})"
        )
    if indexation_percent:
        return PriceCheck(
            False,
            allowed,
            f"above the contract price {contract_price} with indexation of "
            f"{indexation_percent} % (at most {allowed})",
        )
    return PriceCheck(False, allowed, f"above the contract price {contract_price}")


def contract_refusal(
    day: date,
    *,
    starts_on: date,
    ends_on: date,
    signed: bool,
    terminated_on: date | None,
) -> str | None:
    """Why no order may be placed under the contract on ``day``; None when it may."""
    if not signed:
        return "the contract is not signed"
    if terminated_on is not None and day >= terminated_on:
        return f"the contract was terminated with effect from {terminated_on.isoformat()}"
    if day < starts_on:
        return f"the contract period starts {starts_on.isoformat()}"
    if day > ends_on:
        return f"the contract period ended {ends_on.isoformat()}"
    return None


# --- Approval by budget authority --------------------------------------------------------

#: The name that decides when no threshold rule is in force: every order needs one approval.
NO_RULE = "no-threshold-rule"


@dataclass(frozen=True)
class ThresholdRule:
    """Orders with a total up to ``no_approval_up_to`` need no approval; above
    ``second_level_above`` they need two approvers; in between one."""

    name: str
    effective_from: date
    no_approval_up_to: Decimal
    second_level_above: Decimal


@dataclass(frozen=True)
class AuthorityRule:
    """``approver`` may approve orders of ``cost_centre`` (``*``: any) up to ``limit``.

    A later rule for the same approver and cost centre replaces the earlier one (a
    limit of 0 withdraws the authority)."""

    name: str
    effective_from: date
    approver: str
    cost_centre: str
    limit: Decimal


@dataclass(frozen=True)
class OrderFacts:
    total: Decimal
    cost_centre: str
    requester: str


@dataclass(frozen=True)
class Approval:
    approver: str
    rule: str


@dataclass(frozen=True)
class ApprovalState:
    """``needed`` approvals (0, 1 or 2), ``given`` so far; ``approved`` when enough;
    ``decided_by`` the rules that decided (the threshold rule, then each approval's)."""

    needed: int
    given: int
    decided_by: tuple[str, ...]

    @property
    def approved(self) -> bool:
        return self.given >= self.needed


_R = TypeVar("_R", ThresholdRule, AuthorityRule)


def _in_force(rules: Iterable[_R], day: date) -> list[_R]:
    return sorted(
        (r for r in rules if r.effective_from <= day), key=lambda r: (r.effective_from, r.name)
    )


def threshold_on(day: date, rules: Iterable[ThresholdRule]) -> ThresholdRule | None:
    """The threshold rule in force on ``day`` (latest effective date), or None."""
    candidates = _in_force(rules, day)
    return candidates[-1] if candidates else None


def authority_of(
    day: date, rules: Iterable[AuthorityRule], approver: str, cost_centre: str
) -> AuthorityRule | None:
    """The rule giving ``approver`` the highest limit for ``cost_centre`` on ``day``.

    For each of the cost centre's own rules and the ``*`` rules the latest in force
    counts; of those two the higher limit."""
    latest: dict[str, AuthorityRule] = {}
    for rule in _in_force(rules, day):
        if rule.approver == approver and rule.cost_centre in (cost_centre, ANY_COST_CENTRE):
            latest[rule.cost_centre] = rule
    if not latest:
        return None
    return max(latest.values(), key=lambda r: (r.limit, r.cost_centre != ANY_COST_CENTRE))


def _needed(day: date, thresholds: Iterable[ThresholdRule], total: Decimal) -> tuple[int, str]:
    rule = threshold_on(day, thresholds)
    if rule is None:
        return 1, NO_RULE
    if total <= rule.no_approval_up_to:
        return 0, rule.name
    if total > rule.second_level_above:
        return 2, rule.name
    return 1, rule.name


def approval_state(
    day: date,
    thresholds: Iterable[ThresholdRule],
    order: OrderFacts,
    approvals: Sequence[Approval],
) -> ApprovalState:
    """How many approvals ``order`` needs on ``day`` and how many it has."""
    needed, rule = _needed(day, thresholds, order.total)
    return ApprovalState(
        needed=needed,
        given=len(approvals),
        decided_by=(rule, *(a.rule for a in approvals)),
    )


def approver_refusal(
    day: date,
    thresholds: Iterable[ThresholdRule],
    authorities: Iterable[AuthorityRule],
    order: OrderFacts,
    approvals: Sequence[Approval],
    approver: str,
) -> tuple[str | None, AuthorityRule | None]:
    """Why ``approver`` may not give the next approval of ``order`` (None: may), and
    the authority rule that allows it."""
    state = approval_state(day, thresholds, order, approvals)
    if state.approved:
        return "the order needs no further approval", None
    if approver == order.requester:
        return "the requester cannot approve the own order", None
    if any(a.approver == approver for a in approvals):
        return "the second approval must be given by another person", None
    rule = authority_of(day, authorities, approver, order.cost_centre)
    if rule is None or rule.limit <= 0:
        return f"no budget authority for cost centre {order.cost_centre}", None
    if order.total > rule.limit:
        return (
            f"the order total {order.total} is above the budget authority of "
            f"{rule.limit} (rule {rule.name})",
            rule,
        )
    return None, rule
