from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heldigital.decisions.scoring import (
    AbnormallyLowRule,
    Candidate,
    Criterion,
    EvaluationError,
    RequestLine,
    abnormally_low,
    abnormally_low_rule_on,
    evaluate,
    price_points,
    price_tender,
)

D = Decimal
T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

BPQ = [
    Criterion("price", "price", D(40), D(10)),
    Criterion("quality", "quality", D(40), D(10)),
    Criterion("environment", "quality", D(20), D(5)),
]

prices = st.decimals(min_value=D("0.01"), max_value=D("100000000"), places=2)


def test_price_per_line_and_lot_rounded_half_up():
    lines = [
        RequestLine("1", D("400"), lot=1),
        RequestLine("2", D("120.5"), lot=1),
        RequestLine("3", D("3"), lot=2),
    ]
    result = price_tender(lines, {"1": D("850"), "2": D("0.125"), "3": D("10.005"), "9": D("1")})
    assert result.lots[1].total == D("340015.06")  # 340000 + 15.0625 -> 15.06
    assert [p.amount for p in result.lots[1].lines] == [D("340000.00"), D("15.06")]
    assert result.lots[2].total == D("30.02")  # 30.015 -> 30.02 (half up)
    assert result.unknown_lines == ("9",)
    assert result.compliant


def test_missing_or_negative_lines_make_the_lot_non_compliant():
    lines = [RequestLine("1", D(1), lot=1), RequestLine("2", D(1), lot=1), RequestLine("3", D(1))]
    result = price_tender(lines, {"1": D(5), "2": None, "3": D(-1)})
    assert result.lots[1].missing == ("2",)
    assert not result.lots[1].compliant
    assert result.lots[None].problems == ("line 3: the price is negative",)
    assert not result.compliant
    with pytest.raises(EvaluationError):
        RequestLine("x", D(0))
    with pytest.raises(EvaluationError):
        price_tender([RequestLine("1", D(1)), RequestLine("1", D(2))], {})


@pytest.mark.parametrize(
    ("formula", "price", "expected"),
    [
        ("proportional", "100", "10.00"),
        ("proportional", "300", "3.33"),
        ("proportional", "120", "8.33"),
        ("linear", "120", "8.00"),
        ("linear", "199.99", "0.00"),  # 0.0010 -> 0.00
        ("linear", "250", "0.00"),
        ("linear", "100.05", "10.00"),  # 10 × (1 − 0.0005) = 9.995 -> 10.00 (half up)
    ],
)
def test_price_formulas(formula, price, expected):
    assert price_points(D(price), D("100"), D(10), formula) == D(expected)


def test_free_offer_and_bad_input():
    assert price_points(D(0), D(0), D(10), "linear") == D("10.00")
    assert price_points(D(5), D(0), D(10), "proportional") == D("0.00")
    with pytest.raises(EvaluationError):
        price_points(D(50), D(100), D(10), "linear")
    with pytest.raises(ValueError):
        price_points(D(100), D(100), D(10), "cubic")


def test_weighted_total_and_tie_rule():
    a = Candidate("a", D(100), T0, {"quality": D(5), "environment": D(5)})
    b = Candidate("b", D(200), T0, {"quality": D(10), "environment": D(5)})
    result = evaluate([a, b], method="best_price_quality", criteria=BPQ)
    # a: 40 + 20 + 20 = 80; b: 20 + 40 + 20 = 80 -> tie on total; b has more quality.
    assert [(s.tender_id, s.total, s.quality_total, s.rank) for s in result] == [
        ("b", D("80.00"), D("60.00"), 1),
        ("a", D("80.00"), D("40.00"), 2),
    ]
    assert result[1].price_points == D("10.00")
    assert result[0].weighted == {
        "price": D("20.00"),
        "quality": D("40.00"),
        "environment": D("20.00"),
    }


def test_equal_everything_earlier_receipt_wins():
    q = {"quality": D(7), "environment": D(3)}
    late = Candidate("a-late", D(100), T0 + timedelta(seconds=1), q)
    early = Candidate("z-early", D(100), T0, q)
    result = evaluate([late, early], method="best_price_quality", criteria=BPQ)
    assert [s.tender_id for s in result] == ["z-early", "a-late"]
    low = evaluate([late, early], method="lowest_price")
    assert [s.tender_id for s in low] == ["z-early", "a-late"]


def test_criteria_are_checked():
    c = [Candidate("a", D(1), T0)]
    with pytest.raises(EvaluationError, match="add up to 90"):
        evaluate(
            c,
            method="best_price_quality",
            criteria=[*BPQ[:1], Criterion("q", "quality", D(50), D(10))],
        )
    with pytest.raises(EvaluationError, match="exactly one price"):
        evaluate(
            c, method="best_price_quality", criteria=[Criterion("q", "quality", D(100), D(10))]
        )
    with pytest.raises(EvaluationError, match="outside"):
        evaluate(
            [Candidate("a", D(1), T0, {"quality": D(11)})],
            method="best_price_quality",
            criteria=BPQ,
        )
    with pytest.raises(EvaluationError, match="twice"):
        evaluate([c[0], c[0]], method="lowest_price")
    assert evaluate([], method="lowest_price") == []


def test_abnormally_low():
    rule = abnormally_low_rule_on(datetime(2026, 1, 1).date())
    assert abnormally_low(D(79), [D(100), D(100)], None, rule)
    assert not abnormally_low(D(80), [D(100), D(100)], None, rule)
    assert abnormally_low(D(49), [], D(100), rule) == (
        "price 49 is below 50 % of the estimated value 100",
    )
    strict = AbnormallyLowRule(datetime(2026, 1, 1).date(), below_average=D("0.05"))
    assert abnormally_low(D(94), [D(100)], None, strict)
    flagged = evaluate(
        [Candidate("a", D(50), T0), Candidate("b", D(100), T0), Candidate("c", D(110), T0)],
        method="lowest_price",
    )
    assert [bool(s.abnormally_low) for s in flagged] == [True, False, False]


candidate_lists = st.lists(
    st.tuples(prices, st.integers(0, 10), st.integers(0, 5), st.integers(0, 3600)),
    min_size=1,
    max_size=8,
)


def _candidates(raw):
    return [
        Candidate(
            f"t{i}",
            price,
            T0 + timedelta(seconds=sec),
            {"quality": D(q), "environment": D(e)},
        )
        for i, (price, q, e, sec) in enumerate(raw)
    ]


@given(candidate_lists, st.sampled_from(["proportional", "linear"]))
def test_properties_of_evaluation(raw, formula):
    cands = _candidates(raw)
    result = evaluate(cands, method="best_price_quality", criteria=BPQ, formula=formula)
    by_key = {c.key: c for c in BPQ}
    lowest = min(c.price for c in cands)
    for s in result:
        for key, pts in s.points.items():
            assert D(0) <= pts <= by_key[key].max_points
        assert D(0) <= s.total <= D(100)
        if s.price == lowest:
            assert s.price_points == D(10)
    # total order: ranks 1..n, each tender once, non-increasing totals
    assert [s.rank for s in result] == list(range(1, len(cands) + 1))
    assert sorted(s.tender_id for s in result) == sorted(c.tender_id for c in cands)
    assert all(x.total >= y.total for x, y in itertools.pairwise(result))
    # deterministic: any input order gives the same ranking
    shuffled = list(cands)
    random.Random(len(raw)).shuffle(shuffled)
    again = evaluate(shuffled, method="best_price_quality", criteria=BPQ, formula=formula)
    assert [s.tender_id for s in again] == [s.tender_id for s in result]


@given(st.lists(prices, min_size=1, max_size=8), st.sampled_from(["proportional", "linear"]))
def test_lowest_price_ranking_is_by_price(raw, formula):
    cands = [Candidate(f"t{i}", p, T0) for i, p in enumerate(raw)]
    result = evaluate(cands, method="lowest_price", formula=formula)
    assert [s.price for s in result] == sorted(raw)
    assert result[0].price_points == D(100)
    assert all(D(0) <= s.total <= D(100) for s in result)


@given(prices, prices, st.sampled_from(["proportional", "linear"]))
def test_cheaper_never_scores_less(p1, p2, formula):
    lowest = min(p1, p2)
    cheap, dear = sorted([p1, p2])
    assert price_points(cheap, lowest, D(10), formula) >= price_points(dear, lowest, D(10), formula)
