"""The one XPath 2.0 helper module agrees with Saxon, the engine the official XSLTs run in.

Every expected value comes from Saxon-HE (saxonche, the differential tests' oracle)
evaluating the XPath expression the helper stands for, not from this code.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
import saxonche
from lxml import etree

from heldigital import xml
from heldigital.rules import xpath


@pytest.fixture(scope="module")
def saxon():
    with saxonche.PySaxonProcessor(license=False) as proc:
        xp = proc.new_xpath_processor()

        def evaluate(expr: str) -> str:
            value = xp.evaluate(expr)
            return "" if value is None else str(value)

        yield evaluate


def lit(value: str) -> str:
    """An XPath string literal."""
    return "'" + value.replace("'", "''") + "'"


NUMBERS = [
    " 12 ", "12", "-0", "+1.5", "1.", ".5", "1e3", "1E-3", "-2.5e+2", "1e-400", "1e400",
    "0.1", "123456789012345678901234567890", "INF", "-INF", "+INF", "NaN", "nan", "inf",
    "", " ", "12a", "0x10", "1_000", "1,5", "1 000", "\u0663", "\u00a012", "\t7\n", "--1", "+",
    ".", "e3", "1e", "1.5.2",
]  # fmt: skip


@pytest.mark.parametrize("value", NUMBERS)
def test_number_is_the_xs_double_cast(saxon, value):
    ours = xpath.number(value)
    if math.isnan(ours):
        assert saxon(f"string(number({lit(value)}))") == "NaN"
    else:
        literal = {math.inf: "INF", -math.inf: "-INF"}.get(ours, repr(ours))
        assert saxon(f"number({lit(value)}) eq xs:double('{literal}')") == "true"


def test_number_arithmetic_is_in_doubles(saxon):
    assert (xpath.number("0.1") + xpath.number("0.2") == 0.3) is (
        saxon("number('0.1') + number('0.2') = 0.3") == "true"
    )
    assert math.isnan(xpath.number(None))


@pytest.mark.parametrize("value", NUMBERS)
def test_xs_decimal_is_the_cast(saxon, value):
    ours = xpath.xs_decimal(value)
    castable = saxon(f"{lit(value)} castable as xs:decimal") == "true"
    assert (ours is not None) is castable
    if ours is not None:
        assert saxon(f"xs:decimal({lit(value)}) eq xs:decimal('{ours}')") == "true"


def test_xs_decimal_of_an_element_and_of_nothing():
    el = xml.parse(b"<a> 1<!-- c -->2.5<b>0</b> </a>").getroot()
    assert xpath.xs_decimal(el) == Decimal("12.50")
    assert xpath.xs_decimal(None) is None


@pytest.mark.parametrize(
    "value", ["  a \r\n\t b  ", "", " ", "a\u00a0 b", "\u2003x\u2003", "abc", "Æ Ø  Å"]
)
def test_normalize_space(saxon, value):
    assert xpath.normalize_space(value) == saxon(f"normalize-space({lit(value)})")


def test_normalize_space_of_an_element_and_of_nothing():
    el = xml.parse(b"<a> x <b> y </b>\n</a>").getroot()
    assert xpath.normalize_space(el) == "x y"
    assert xpath.normalize_space(None) == ""


@pytest.mark.parametrize(
    "value", ["2.5", "-2.5", "0.5", "-0.5", "1.49", "-1.51", "12345.5", "0", "-0.005", "10.005"]
)
def test_round_and_round2(saxon, value):
    assert xpath.xround(Decimal(value)) == Decimal(saxon(f"round(xs:decimal('{value}'))"))
    official = saxon(f"round(xs:decimal('{value}') * 10 * 10) div 100")
    assert xpath.round2(Decimal(value)) == Decimal(official)
    assert xpath.xround(None) is None and xpath.round2(None) is None


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
        ("abc", math.nan, 2),
        ("abc", 1, math.nan),
    ],
)
def test_substring(saxon, value, start, length):
    def num(x: float) -> str:
        return "number('NaN')" if math.isnan(x) else repr(x)

    args = f"{lit(value)}, {num(start)}" + ("" if length is None else f", {num(length)}")
    assert xpath.substring(value, start, length) == saxon(f"substring({args})")


@pytest.mark.parametrize(("value", "pattern"), [("", r"\|"), ("a||b|", r"\|"), ("a b", " ")])
def test_tokenize(saxon, value, pattern):
    joined = saxon(
        f"string-join(for $t in tokenize({lit(value)}, {lit(pattern)}) return "
        "concat('[', $t, ']'), '')"
    )
    assert "".join(f"[{t}]" for t in xpath.tokenize(value, pattern)) == joined


@pytest.mark.parametrize("value", [" -12 ", "+1", "1.0", "", "1e2", "\u0663", "007", "12 3"])
def test_castable_integer(saxon, value):
    expected = saxon(f"{lit(value)} castable as xs:integer") == "true"
    assert xpath.castable_integer(value) is expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-02-29",
        "2024-02-29Z",
        "2024-02-29+14:00",
        " 2024-02-29 ",
        "2023-02-29",
        "24-02-01",
        "2024-2-01",
        "2024-02-01T00:00:00",
        "2024-13-01",
        "\u0662024-01-01",
    ],
)
def test_xs_date(saxon, value):
    castable = saxon(f"{lit(value)} castable as xs:date") == "true"
    ours = xpath.xs_date(value)
    assert (ours is not None) is castable
    assert xpath.castable_date(value) is castable
    if ours is not None:
        parts = saxon(
            f"string-join((for $f in (year-from-date#1, month-from-date#1, day-from-date#1) "
            f"return string($f(xs:date({lit(value)})))), '-')"
        )
        assert parts == f"{ours.year}-{ours.month}-{ours.day}"


def test_string_value_is_fn_string(saxon):
    source = "<a>x<!--c-->y<?p q?><b>z</b>w<c/></a>"
    el = xml.parse(source.encode()).getroot()
    with saxonche.PySaxonProcessor(license=False) as proc:
        node = proc.parse_xml(xml_text=source)
        xp = proc.new_xpath_processor()
        xp.set_context(xdm_item=node)
        expected = str(xp.evaluate("string(/*)"))
    assert xpath.string_value(el) == expected == "xyzw"
    assert xpath.string_value(etree.Element("e")) == ""
    assert xpath.string_value("attr") == "attr"
    assert xpath.string_value(None) == ""


def test_slack_sum_and_translate():
    assert xpath.slack(Decimal("10.00"), Decimal("10.02"), Decimal("0.02"))
    assert not xpath.slack(Decimal("10.00"), Decimal("10.03"), Decimal("0.02"))
    assert not xpath.slack(None, Decimal(1), Decimal(1))
    assert xpath.decimal_sum([Decimal(1), Decimal("2.5")]) == Decimal("3.5")
    assert xpath.decimal_sum([Decimal(1), None]) is None
    assert xpath.translate_removes_all("0123", "0123456789")
    assert not xpath.translate_removes_all("01a", "0123456789")
    assert xpath.contains("abc", "") and not xpath.contains("abc", "d")
