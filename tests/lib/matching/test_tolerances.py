"""Every tolerance rule with a case that just passes and one that just fails."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from heldigital.matching import (
    NO_TOLERANCE,
    RULE_GOODS_RECEIPT,
    RULE_ORDER_REFERENCE,
    RuleKind,
    RuleSet,
    Status,
    ToleranceRule,
    match,
)

from .helpers import D, invoice, order, receipt

JAN = date(2026, 1, 1)
RULES = RuleSet.of(
    [
        ToleranceRule("price-2pct", RuleKind.UNIT_PRICE_PERCENT, D("2"), JAN),
        ToleranceRule("quantity-1", RuleKind.QUANTITY, D("1"), JAN),
        ToleranceRule("total-5nok", RuleKind.TOTAL_ABSOLUTE, D("5"), JAN),
    ]
)


def outcome_of(inv, *, orders=None, receipts=(), rules=RULES):  # type: ignore[no-untyped-def]
    return match(
        orders=orders or [order(("1", "10", "100.00"))],
        invoices=[inv],
        rules=rules,
        receipts=receipts,
    )[inv.document_id]


@pytest.mark.parametrize(
    ("price", "status"), [("102.00", Status.MATCHED), ("102.01", Status.MISMATCH)]
)
def test_unit_price_percent(price: str, status: Status) -> None:
    result = outcome_of(invoice("I", ("1", "10", price), amounts={"1": "1000.00"}))
    assert result.status is status
    assert "price-2pct" in result.decided_by
    check = result.lines[0].checks[0]
    assert (check.rule, check.limit, check.passed) == (
        "price-2pct",
        D("2"),
        status is Status.MATCHED,
    )
    if status is Status.MISMATCH:
        assert result.decided_by == ("price-2pct",)


@pytest.mark.parametrize(
    ("quantity", "status"), [("11", Status.MATCHED), ("11.001", Status.MISMATCH)]
)
def test_quantity_units(quantity: str, status: Status) -> None:
    result = outcome_of(invoice("I", ("1", quantity, "100.00"), amounts={"1": "1000.00"}))
    assert result.status is status
    if status is Status.MISMATCH:
        assert result.decided_by == ("quantity-1",)
    else:
        assert result.decided_by == (RULE_ORDER_REFERENCE, "price-2pct", "quantity-1", "total-5nok")


@pytest.mark.parametrize(
    ("amount", "status"), [("1005.00", Status.MATCHED), ("1005.01", Status.MISMATCH)]
)
def test_total_absolute(amount: str, status: Status) -> None:
    result = outcome_of(invoice("I", ("1", "10", "100.00"), amounts={"1": amount}))
    assert result.status is status
    assert result.total is not None and result.total.rule == "total-5nok"
    if status is Status.MISMATCH:
        assert result.decided_by == ("total-5nok",)
        assert result.lines[0].status is Status.MATCHED  # the lines match; the total does not


def test_in_favour_of_the_buyer_never_blocks() -> None:
    strict = RuleSet()
    result = outcome_of(invoice("I", ("1", "4", "90.00")), rules=strict)
    assert result.status is Status.MATCHED
    assert result.decided_by == (RULE_ORDER_REFERENCE, NO_TOLERANCE)


@pytest.mark.parametrize(
    ("issued", "status", "rule"),
    [
        (date(2026, 6, 30), Status.MATCHED, "price-2pct-2026"),
        (date(2026, 7, 1), Status.MISMATCH, "price-exact-from-july"),
    ],
)
def test_the_rule_in_force_on_the_issue_date_decides(
    issued: date, status: Status, rule: str
) -> None:
    rules = RuleSet.of(
        [
            ToleranceRule("price-2pct-2026", RuleKind.UNIT_PRICE_PERCENT, D("2"), JAN),
            ToleranceRule(
                "price-exact-from-july", RuleKind.UNIT_PRICE_PERCENT, D("0"), date(2026, 7, 1)
            ),
            ToleranceRule("total-100", RuleKind.TOTAL_ABSOLUTE, D("100"), JAN),
        ]
    )
    result = outcome_of(invoice("I", ("1", "10", "102.00"), issued=issued), rules=rules)
    assert result.status is status
    assert result.lines[0].checks[0].rule == rule
    assert rule in result.decided_by


def test_the_total_caps_what_the_lines_allow() -> None:
    # 10 x 102.00 is within 2 % on the price, but 20.00 over the expected total of 1000.00
    rules = RuleSet.of(
        [
            ToleranceRule("price-2pct", RuleKind.UNIT_PRICE_PERCENT, D("2"), JAN),
            ToleranceRule("total-19.99", RuleKind.TOTAL_ABSOLUTE, D("19.99"), JAN),
        ]
    )
    result = outcome_of(invoice("I", ("1", "10", "102.00")), rules=rules)
    assert result.status is Status.MISMATCH
    assert result.decided_by == ("total-19.99",)


def test_no_rule_in_force_means_no_tolerance() -> None:
    rules = RuleSet.of([ToleranceRule("later", RuleKind.QUANTITY, D("5"), date(2027, 1, 1))])
    result = outcome_of(invoice("I", ("1", "10.01", "100.00")), rules=rules)
    assert result.status is Status.MISMATCH
    assert result.decided_by == (NO_TOLERANCE,)


def test_rule_sets_refuse_ambiguity() -> None:
    with pytest.raises(ValueError, match="take effect"):
        RuleSet.of(
            [
                ToleranceRule("a", RuleKind.QUANTITY, D(1), JAN),
                ToleranceRule("b", RuleKind.QUANTITY, D(2), JAN),
            ]
        )
    with pytest.raises(ValueError, match="twice"):
        RuleSet.of(
            [
                ToleranceRule("a", RuleKind.QUANTITY, D(1), JAN),
                ToleranceRule("a", RuleKind.UNIT_PRICE_PERCENT, D(2), JAN),
            ]
        )
    with pytest.raises(ValueError, match=">= 0"):
        ToleranceRule("neg", RuleKind.QUANTITY, D(-1), JAN)


@pytest.mark.parametrize(
    ("received", "status", "decided"),
    [
        ("9", Status.MATCHED, "quantity-1"),  # 10 invoiced, 9 received: within one unit
        ("8.999", Status.PENDING, RULE_GOODS_RECEIPT),  # just outside: wait for the goods
    ],
)
def test_three_way_quantity_against_the_receipt(
    received: str, status: Status, decided: str
) -> None:
    result = outcome_of(
        invoice("I", ("1", "10", "100.00")),
        orders=[order(("1", "10", "100.00"), three_way=True)],
        receipts=[receipt("R1", ("1", received))],
    )
    assert result.status is status
    assert result.mode == "3-way"
    assert decided in result.decided_by


def test_three_way_beyond_the_order_is_a_mismatch_not_a_wait() -> None:
    result = outcome_of(
        invoice("I", ("1", "11.001", "100.00"), amounts={"1": "1000.00"}),
        orders=[order(("1", "10", "100.00"), three_way=True)],
        receipts=[receipt("R1", ("1", "10"))],
    )
    assert result.status is Status.MISMATCH
    assert result.decided_by == ("quantity-1",)


def test_percent_of_a_zero_price() -> None:
    rule = ToleranceRule("p", RuleKind.UNIT_PRICE_PERCENT, D(50), JAN)
    assert not rule.check(Decimal(0), Decimal("0.01")).passed
    assert rule.check(Decimal(0), Decimal(0)).passed
