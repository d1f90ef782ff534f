from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heldigital.decisions.calendar import (
    add_days_1182,
    add_working_days,
    easter_sunday,
    end_of_day,
    is_working_day,
    public_holidays,
)

# Easter Sundays from the Norwegian almanac (Universitetet i Oslo).
EASTER = {
    2019: date(2019, 4, 21),
    2024: date(2024, 3, 31),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
    2027: date(2027, 3, 28),
    2038: date(2038, 4, 25),
}


@pytest.mark.parametrize(("year", "expected"), EASTER.items())
def test_easter(year, expected):
    assert easter_sunday(year) == expected


def test_holidays_2026():
    days = public_holidays(2026)
    assert len(days) == 12
    assert date(2026, 5, 14) in days  # Kristi himmelfartsdag
    assert date(2026, 5, 25) in days  # Andre pinsedag
    assert date(2026, 5, 17) in days
    assert date(2026, 12, 24) not in days  # julaften is not a public holiday


def test_working_days():
    assert not is_working_day(date(2026, 4, 2))  # Maundy Thursday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 25))
    assert add_working_days(date(2026, 3, 31), 3) == date(2026, 4, 8)
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 28)


def test_period_ending_on_holiday_moves_to_next_working_day():
    assert add_days_1182(date(2026, 12, 16), 10) == date(2026, 12, 28)
    assert add_days_1182(date(2026, 11, 25), 10) == date(2026, 12, 7)  # Sat 5 Dec -> Mon 7 Dec
    with pytest.raises(ValueError):
        add_days_1182(date(2026, 1, 1), 0)


def test_end_of_day_across_dst():
    # 29 March 2026: clocks go forward in Norway; end of day is 23:59:59 CEST = 21:59:59 UTC
    assert end_of_day(date(2026, 3, 29)).astimezone(UTC).hour == 21
    assert end_of_day(date(2026, 3, 28)).astimezone(UTC).hour == 22
    assert end_of_day(date(2026, 10, 25)).astimezone(UTC).hour == 22


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(1, 40))
def test_1182_result_is_working_day_and_not_early(start, days):
    end = add_days_1182(start, days)
    assert is_working_day(end)
    assert (end - start).days >= days


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_easter_is_sunday_in_spring(day):
    easter = easter_sunday(day.year)
    assert easter.weekday() == 6
    assert date(day.year, 3, 22) <= easter <= date(day.year, 4, 25)


def test_end_of_day_is_aware_utc():
    assert end_of_day(date(2026, 6, 1)) == datetime(2026, 6, 1, 21, 59, 59, 999999, tzinfo=UTC)
