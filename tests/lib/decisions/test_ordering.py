"""The pure rules of ordering: prices against the contract, contract validity, approval."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from heldigital.decisions.ordering import (
    NO_RULE,
    Approval,
    AuthorityRule,
    OrderFacts,
    ThresholdRule,
    approval_state,
    approver_refusal,
    authority_of,
    check_price,
    contract_refusal,
)

DAY = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("price", "contract", "percent", "ok"),
    [
        (D("100.00"), D("100.00"), D("0"), True),  # at the contract price
        (D("100.01"), D("100.00"), D("0"), False),  # just above, no indexation
        (D("103.00"), D("100.00"), D("3"), True),  # just within the indexation
        (D("103.01"), D("100.00"), D("3"), False),  # just above it
        (D("10.1235"), D("10.1234"), D("0.001"), True),  # 10.1234 x 1.00001 = 10.12350 (4 places)
        (D("10.1236"), D("10.1234"), D("0.001"), False),
        (D("1"), None, D("0"), False),  # not in the contract
        (None, D("1"), D("0"), False),  # no price
    ],
)
def test_price_against_the_contract(price, contract, percent, ok):
    check = check_price(price, contract, percent)
    assert check.ok is ok, check
    assert check.reason


def test_contract_validity_reasons():
    kw = {"starts_on": date(2027, 1, 1), "ends_on": date(2028, 12, 31)}
    assert contract_refusal(DAY, signed=True, terminated_on=None, **kw) is None
    assert contract_refusal(DAY, signed=False, terminated_on=None, **kw) == (
        "the contract is not signed"
    )
    assert "terminated" in contract_refusal(DAY, signed=True, terminated_on=DAY, **kw)
    assert contract_refusal(DAY, signed=True, terminated_on=date(2027, 3, 2), **kw) is None
    assert "starts 2027-01-01" in contract_refusal(
        date(2026, 12, 31), signed=True, terminated_on=None, **kw
    )
    assert "ended 2028-12-31" in contract_refusal(
        date(2029, 1, 1), signed=True, terminated_on=None, **kw
    )
    assert contract_refusal(date(2028, 12, 31), signed=True, terminated_on=None, **kw) is None


THRESHOLDS = [
    ThresholdRule("T-2026", date(2026, 1, 1), D("1000"), D("50000")),
    ThresholdRule("T-2027", date(2027, 2, 1), D("500"), D("20000")),
    ThresholdRule("T-future", date(2027, 6, 1), D("0"), D("0")),
]


@pytest.mark.parametrize(
    ("total", "needed"),
    [(D("500"), 0), (D("500.01"), 1), (D("20000"), 1), (D("20000.01"), 2)],
)
def test_thresholds_of_the_rule_in_force(total, needed):
    state = approval_state(DAY, THRESHOLDS, OrderFacts(total, "1200", "req"), [])
    assert (state.needed, state.decided_by) == (needed, ("T-2027",))
    assert state.approved is (needed == 0)


def test_without_a_threshold_rule_one_approval():
    state = approval_state(DAY, [], OrderFacts(D("1"), "1200", "req"), [])
    assert (state.needed, state.decided_by) == (1, (NO_RULE,))


AUTHORITIES = [
    AuthorityRule("A-all", date(2027, 1, 1), "ann", "*", D("10000")),
    AuthorityRule("A-1200", date(2027, 1, 1), "ann", "1200", D("30000")),
    AuthorityRule("A-1200-cut", date(2027, 2, 15), "ann", "1200", D("0")),
    AuthorityRule("B-1200", date(2027, 1, 1), "bob", "1200", D("25000")),
]


def test_the_latest_authority_rule_per_cost_centre_and_the_higher_limit():
    assert authority_of(date(2027, 2, 1), AUTHORITIES, "ann", "1200").name == "A-1200"
    assert authority_of(DAY, AUTHORITIES, "ann", "1200").name == "A-all"  # 1200 cut to 0
    assert authority_of(DAY, AUTHORITIES, "bob", "3400") is None


def test_who_may_approve():
    order = OrderFacts(D("20000.01"), "1200", "req")
    refusal, rule = approver_refusal(DAY, THRESHOLDS, AUTHORITIES, order, [], "bob")
    assert refusal is None and rule.name == "B-1200"
    refusal, _ = approver_refusal(DAY, THRESHOLDS, AUTHORITIES, order, [], "ann")
    assert "above the budget authority of 10000" in refusal
    refusal, _ = approver_refusal(DAY, THRESHOLDS, AUTHORITIES, order, [], "req")
    assert refusal == "the requester cannot approve the own order"
    first = [Approval("bob", "B-1200")]
    refusal, _ = approver_refusal(DAY, THRESHOLDS, AUTHORITIES, order, first, "bob")
    assert "another person" in refusal
    state = approval_state(DAY, THRESHOLDS, order, first)
    assert (state.needed, state.given, state.approved) == (2, 1, False)
    small = OrderFacts(D("100"), "1200", "req")
    refusal, _ = approver_refusal(DAY, THRESHOLDS, AUTHORITIES, small, [], "bob")
    assert refusal == "the order needs no further approval"
