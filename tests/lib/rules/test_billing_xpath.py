"""The XPath 2.0 semantics the PEPPOL BIS Billing rules rely on (F&O 2.0 sections cited).

Each case is checked against the XPath 1.0 engine of libxml2 where both
languages agree (``substring``, ``normalize-space``, ``round``), so the
expected values come from a real XPath implementation, not from this code.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules.billing import _xp

_ROOT = etree.Element("x")


def xpath1(expr: str):
    return etree.XPath(expr)(_ROOT)


@pytest.mark.parametrize(
    ("value", "start", "length"),
    [
        ("NO974760673MVA", 1, 2),
        ("NO974760673MVA", 3, 9),
        ("NO974760673MVA", 3, None),
        ("abc", 0, 2),
        ("abc", -1, 3),
        ("abc", 1.5, 2.6),
        ("abc", 5, 2),
        ("", 1, 2),
    ],
)
def test_substring_is_fn_substring(value, start, length):
    args = f"'{value}', {start}" + ("" if length is None else f", {length}")
    assert _xp.substring(value, start, length) == xpath1(f"substring({args})")


@pytest.mark.parametrize("value", ["  a \r\n\t b  ", "", " ", "a\u00a0 b"])
def test_normalize_is_normalize_space(value):
    assert _xp.normalize(value) == xpath1(f'normalize-space("{value}")')


@pytest.mark.parametrize("value", ["2.5", "-2.5", "0.5", "-0.5", "1.49", "-1.51", "12345.5"])
def test_round_half_up_is_fn_round(value):
    assert _xp.round_half_up(Decimal(value)) == Decimal(str(int(xpath1(f"round({value})"))))


def test_number_is_a_double_cast():
    assert _xp.number(" 12 ") == 12
    assert _xp.number("1e3") == 1000  # XPath 2.0 casts to xs:double (1.0 would give NaN)
    assert _xp.number("-INF") == -math.inf
    for value in ("", "12a", "0x10", "1_000", "infinity", None):
        assert math.isnan(_xp.number(value))


def test_castable():
    assert _xp.castable_integer(" -12 ")
    assert not _xp.castable_integer("1.0")
    assert _xp.parse_date("2024-02-29") == date(2024, 2, 29)
    assert _xp.parse_date("2024-02-29Z") == date(2024, 2, 29)
    assert _xp.parse_date("2023-02-29") is None
    assert _xp.parse_date("24-02-01") is None


def test_tokenize_gives_no_token_for_the_empty_string():
    assert _xp.tokenize("", r"\|") == []
    assert _xp.tokenize("a||b|", r"\|") == ["a", "", "b", ""]


def test_slack():
    assert _xp.slack(Decimal("10.00"), Decimal("10.02"), Decimal("0.02"))
    assert not _xp.slack(Decimal("10.00"), Decimal("10.03"), Decimal("0.02"))


def test_string_value_skips_comments_and_keeps_tails():
    el = xml.parse(b"<a>x<!--c-->y<b>z</b>w</a>").getroot()
    assert _xp.string(el) == "xyzw" == el.xpath("string()")
