from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heldigital.decisions.calendar import OSLO, is_working_day
from heldigital.decisions.standstill import StandstillRule, rule_on, standstill


def test_plain_ten_days():
    # Sent Wednesday 4 Nov 2026: day 1 is 5 Nov, day 10 is Saturday 14 Nov -> Monday 16 Nov.
    s = standstill(datetime(2026, 11, 4, 10, 0, tzinfo=UTC))
    assert s.last_day == date(2026, 11, 16)
    assert s.ends_at == datetime(2026, 11, 16, 22, 59, 59, 999999, tzinfo=UTC)
    assert s.rule.days == 10


def test_over_christmas():
    # Sent 16 Dec 2026: 26 Dec (Boxing Day, Saturday), 27 Dec (Sunday) -> Monday 28 Dec.
    assert standstill(datetime(2026, 12, 16, 8, tzinfo=UTC)).last_day == date(2026, 12, 28)
    # Sent 15 Dec 2025: ends Thursday 25 Dec (Christmas) -> 26 Dec (Boxing Day) -> Monday 29 Dec.
    assert standstill(datetime(2025, 12, 15, 8, tzinfo=UTC)).last_day == date(2025, 12, 29)


def test_over_easter():
    # Easter 2026: Maundy Thursday 2 Apr, Good Friday 3 Apr, Easter Monday 6 Apr.
    # Sent 23 Mar 2026: day 10 is Thursday 2 Apr -> next working day Tuesday 7 Apr.
    s = standstill(datetime(2026, 3, 23, 9, tzinfo=UTC))
    assert s.last_day == date(2026, 4, 7)
    # Summer time in Oslo on 7 Apr: the end is 21:59:59.999999 UTC.
    assert s.ends_at == datetime(2026, 4, 7, 21, 59, 59, 999999, tzinfo=UTC)


def test_the_day_sent_is_the_day_in_oslo():
    # 23:30 UTC on 3 Nov is already 4 Nov in Oslo.
    assert standstill(datetime(2026, 11, 3, 23, 30, tzinfo=UTC)).last_day == date(2026, 11, 16)
    assert standstill(datetime(2026, 11, 3, 22, 30, tzinfo=UTC)).last_day == date(2026, 11, 13)


def test_has_ended():
    s = standstill(datetime(2026, 11, 4, 10, 0, tzinfo=UTC))
    assert not s.has_ended(s.ends_at)
    assert s.has_ended(s.ends_at + timedelta(microseconds=1))
    with pytest.raises(ValueError):
        s.has_ended(datetime(2026, 12, 1))


def test_effective_dated_rules():
    rules = (
        StandstillRule(date(2017, 1, 1), 10, "old"),
        StandstillRule(date(2027, 1, 1), 15, "new"),
    )
    assert rule_on(date(2026, 12, 31), rules).days == 10
    assert standstill(datetime(2027, 3, 1, 9, tzinfo=UTC), rules).rule.source == "new"
    with pytest.raises(LookupError):
        rule_on(date(2000, 1, 1), rules)
    with pytest.raises(ValueError):
        standstill(datetime(2026, 1, 1))


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)))
def test_properties(naive):
    sent = naive.replace(tzinfo=UTC)
    s = standstill(sent)
    sent_day = sent.astimezone(OSLO).date()
    assert is_working_day(s.last_day)
    assert (s.last_day - sent_day).days >= 10
    # Never more than the ten days plus the longest run of non-working days (Easter: 5).
    assert (s.last_day - sent_day).days <= 16
    assert s.ends_at.astimezone(OSLO).date() == s.last_day
    assert s.ends_at.tzinfo is not None
