"""Norwegian public holidays, working days and time-limit arithmetic.

Public holidays (``helligdager`` by lov om helligdager og helligdagsfred
§ 2, and ``høytidsdager`` 1 and 17 May by lov om 1. og 17. mai som
høgtidsdagar): New Year's Day, Maundy Thursday, Good Friday, Easter Sunday,
Easter Monday, 1 May, 17 May, Ascension Day, Whit Sunday, Whit Monday,
Christmas Day and Boxing Day. Saturdays and Sundays are not working days.

Time limits follow Council Regulation (EEC, Euratom) No 1182/71, which
anskaffelsesforskriften applies to its time limits: a period expressed in
days starts at the beginning of the day after the event, and a period that
would end on a Saturday, Sunday or public holiday ends at the end of the
following working day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

__all__ = [
    "OSLO",
    "add_days_1182",
    "add_working_days",
    "easter_sunday",
    "end_of_day",
    "is_working_day",
    "public_holidays",
]

OSLO = ZoneInfo("Europe/Oslo")


def easter_sunday(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian computus, anonymous algorithm).

    >>> easter_sunday(2026)
    datetime.date(2026, 4, 5)
    """
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """Norway's public holidays in ``year``, with their Norwegian names.

    >>> sorted(public_holidays(2026))[:3]
    [datetime.date(2026, 1, 1), datetime.date(2026, 4, 2), datetime.date(2026, 4, 3)]
    """
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Første nyttårsdag",
        easter - timedelta(days=3): "Skjærtorsdag",
        easter - timedelta(days=2): "Langfredag",
        easter: "Første påskedag",
        easter + timedelta(days=1): "Andre påskedag",
        date(year, 5, 1): "Offentlig høytidsdag",
        date(year, 5, 17): "Grunnlovsdag",
        easter + timedelta(days=39): "Kristi himmelfartsdag",
        easter + timedelta(days=49): "Første pinsedag",
        easter + timedelta(days=50): "Andre pinsedag",
        date(year, 12, 25): "Første juledag",
        date(year, 12, 26): "Andre juledag",
    }


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Norwegian public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The day that is ``days`` working days after ``start`` (``start`` not counted).

    >>> add_working_days(date(2026, 3, 31), 3)  # across Easter 2026
    datetime.date(2026, 4, 8)
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def add_days_1182(event: date, days: int) -> date:
    """Last day of a period of ``days`` days after ``event`` (Regulation 1182/71).

    The period starts the day after the event; if its last day is not a
    working day, the period ends on the next working day.

    >>> add_days_1182(date(2026, 12, 16), 10)  # would end on Saturday 26 Dec
    datetime.date(2026, 12, 28)
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    return next_working_day(event + timedelta(days=days))


def end_of_day(day: date, tz: ZoneInfo = OSLO) -> datetime:
    """The last instant of ``day`` in Norway (23:59:59.999999 local time), as aware UTC.

    Daylight-saving changes are handled by the time-zone database.
    """
    local = datetime.combine(day, time.max, tzinfo=tz)
    return local.astimezone(ZoneInfo("UTC"))
