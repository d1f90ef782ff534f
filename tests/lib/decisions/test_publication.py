"""The contents a draft needs before publication (heldigital.decisions.publication)."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime

import pytest

from heldigital.decisions import publication
from heldigital.decisions.publication import (
    DraftContents,
    Missing,
    PublicationRule,
    missing_contents,
)

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def test_the_doctests():
    assert doctest.testmod(publication).failed == 0


def test_an_empty_draft_lacks_everything_it_needs():
    empty = DraftContents(0, 0, 0, 0, "best_price_quality")
    assert missing_contents(empty, now=NOW) == [
        Missing.DOCUMENTS,
        Missing.REQUEST_LINES,
        Missing.REQUIREMENTS,
        Missing.AWARD_CRITERIA,
    ]


@pytest.mark.parametrize("method", ["lowest_price", "lowest_cost"])
def test_price_or_cost_alone_needs_no_criteria(method):
    assert missing_contents(DraftContents(1, 1, 1, 0, method), now=NOW) == []


def test_each_part_is_reported_alone():
    assert missing_contents(DraftContents(0, 3, 2, 2, "best_price_quality"), now=NOW) == [
        Missing.DOCUMENTS
    ]
    assert missing_contents(DraftContents(2, 0, 2, 2, "lowest_price"), now=NOW) == [
        Missing.REQUEST_LINES
    ]
    assert missing_contents(DraftContents(2, 3, 0, 2, "lowest_price"), now=NOW) == [
        Missing.REQUIREMENTS
    ]


def test_the_rule_in_force_on_the_day_decides():
    rules = (
        PublicationRule(date(2017, 1, 1), frozenset({"best_price_quality"})),
        PublicationRule(
            date(2027, 1, 1), frozenset({"best_price_quality"}), needs_requirements=False
        ),
    )
    draft = DraftContents(1, 1, 0, 0, "lowest_price")
    assert missing_contents(draft, now=NOW, rules=rules) == [Missing.REQUIREMENTS]
    # 1 January 2027 00:30 in Oslo is still 31 December 2026 in UTC: Oslo's day counts.
    new_year = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert missing_contents(draft, now=new_year, rules=rules) == []


def test_naive_time_and_a_day_before_every_rule_are_refused():
    draft = DraftContents(1, 1, 1, 0, "lowest_price")
    with pytest.raises(ValueError, match="aware"):
        missing_contents(draft, now=datetime(2026, 12, 5))
    with pytest.raises(ValueError, match="no publication rule"):
        missing_contents(draft, now=datetime(2010, 1, 1, tzinfo=UTC))
