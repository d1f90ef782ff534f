"""XPath 2.0 values as the official Schematron XSLTs compute them in Saxon: the one module.

Every official rule set (EN 16931, PEPPOL BIS Billing, PEPPOL post-award, EHF) is ISO
Schematron with ``queryBinding="xslt2"``, published as XSLT and run in Saxon. Where the
outcome of an assertion depends on a detail of the language, the rule functions of every
family use the helpers here, so that one detail has one answer everywhere:

* the **string value** of a node is the concatenation of its descendant text
  (:func:`string_value`); an absent node (the empty sequence) is ``None`` here;
* ``normalize-space()`` collapses and trims the four XML white-space characters only
  (space, tab, CR, LF), not other Unicode spaces (:func:`normalize_space`);
* ``xs:decimal(.)`` accepts, after trimming XML white space, an optionally signed decimal
  of ASCII digits without exponent (:func:`xs_decimal`, a :class:`~decimal.Decimal`;
  ``None`` for the empty sequence and for a failed cast, which makes every comparison
  false);
* ``number(.)`` and the comparison of an untyped value with a number cast to
  ``xs:double``: an IEEE double, ``NaN`` for anything that is not a double literal
  (exponents, ``INF``, ``-INF``, ``+INF`` and ``NaN`` allowed, as Saxon's XSD 1.1 casting
  does) - :func:`number` returns a Python ``float`` with the same rounding, overflow and
  underflow (``1e-400`` is 0, ``0.1 + 0.2`` is not ``0.3``), and NaN compares false;
* ``round()`` rounds halves towards positive infinity (:func:`xround`, :func:`round2` for
  the official ``round(x * 10 * 10) div 100``);
* ``substring``, ``tokenize``, ``translate`` and ``castable as`` as in the Functions and
  Operators 2.0 recommendation.

References: XPath and XQuery Functions and Operators 2.0 (W3C), sections 2.3
(``fn:string``), 6.4.4 (``fn:round``), 7.4 (string functions), 7.6 (``matches``,
``tokenize``), 14.2 (``fn:number``), 17.1 (casting from strings); XML Schema 1.1 Part 2,
3.3.3 (``xs:decimal``) and 3.3.5 (``xs:double``).

Nothing here imports the rule families; navigation over the document (element indexes,
Schematron patterns) stays with them.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any, overload

from lxml import etree

__all__ = [
    "castable_date",
    "castable_integer",
    "contains",
    "decimal_sum",
    "normalize_space",
    "number",
    "round2",
    "slack",
    "string_value",
    "substring",
    "tokenize",
    "translate_removes_all",
    "xround",
    "xs_date",
    "xs_decimal",
]

Element = etree._Element

_XML_SPACE = re.compile(r"[ \t\r\n]+")
_XML_SPACE_CHARS = " \t\r\n"
# XSD lexical spaces (after white-space collapse), ASCII digits only.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?")
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)


# -- strings ------------------------------------------------------------------------------------
def string_value(node: Element | str | None) -> str:
    """``string(.)``: an element's descendant text (comments and processing instructions
    excluded), a string (an attribute value) as it is, ``''`` for the empty sequence."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if len(node) == 0:  # no children: the text is the string value
        return node.text or ""
    return "".join(node.itertext())


def normalize_space(value: Element | str | None) -> str:
    """``normalize-space()``: XML white space (space, tab, CR, LF) collapsed and trimmed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = string_value(value)
    if not value or value.isalnum():
        return value  # no white space at all (codes such as S, VAT, 380): nothing to do
    return _XML_SPACE.sub(" ", value).strip(" ")


def contains(haystack: str, needle: str) -> bool:
    """``contains()``: a substring test (the empty string is in every string)."""
    return needle in haystack


def substring(value: str, start: float, length: float | None = None) -> str:
    """``fn:substring`` with XPath's 1-based, rounded positions (NaN gives ``''``)."""
    if math.isnan(start):
        return ""
    first = _round_double(start)
    if length is None:
        return value[max(first, 1) - 1 :]
    if math.isnan(length):
        return ""
    last = first + _round_double(length)  # exclusive, 1-based
    begin = max(first, 1)
    if last <= begin:
        return ""
    return value[begin - 1 : last - 1]


def _round_double(value: float) -> int:
    return math.floor(value + 0.5)


def tokenize(value: str, pattern: str) -> list[str]:
    """``fn:tokenize``: the empty string gives the empty sequence."""
    if value == "":
        return []
    return re.split(pattern, value)


def translate_removes_all(value: str, allowed: str) -> bool:
    """``string-length(translate($value, $allowed, '')) = 0``."""
    return all(ch in allowed for ch in value)


# -- numbers ------------------------------------------------------------------------------------
#: The casts of the strings seen lately: amounts, quantities and rates repeat within a document
#: and across documents (``100.00``, ``1``, ``25``), and a ``Decimal`` or ``float`` is immutable,
#: so one parsed value serves every occurrence. Bounded: cleared when full; long strings are
#: not kept.
_DECIMALS: dict[str, Decimal | None] = {}
_NUMBERS: dict[str, float] = {}
_UNKNOWN = object()
_MEMO_SIZE = 4096
_MEMO_KEY_LENGTH = 64


def _remember(memo: dict[str, Any], value: str, result: Any) -> None:
    if len(value) <= _MEMO_KEY_LENGTH:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[value] = result


def xs_decimal(value: Element | str | None) -> Decimal | None:
    """``xs:decimal(.)``: the decimal, or None for the empty sequence or a failed cast.

    The cast trims XML white space and accepts no exponent and no digits but ASCII ones.
    The official rule would stop with a dynamic error on a value that is not a decimal;
    here the value is simply absent, so an assertion that needs it fails.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        value = string_value(value)
    found = _DECIMALS.get(value, _UNKNOWN)
    if found is not _UNKNOWN:
        return found  # type: ignore[return-value]
    text = value.strip(_XML_SPACE_CHARS)
    result = Decimal(text) if _DECIMAL.fullmatch(text) else None
    _remember(_DECIMALS, value, result)
    return result


def number(value: Element | str | None) -> float:
    """``number(.)``: cast to ``xs:double``; NaN for the empty sequence or a failed cast."""
    if value is None:
        return math.nan
    if not isinstance(value, str):
        value = string_value(value)
    found = _NUMBERS.get(value)
    if found is not None:
        return found
    text = value.strip(_XML_SPACE_CHARS)
    result = float(text.replace("INF", "inf")) if _DOUBLE.fullmatch(text) else math.nan
    _remember(_NUMBERS, value, result)
    return result


def castable_integer(value: str | None) -> bool:
    """``$value castable as xs:integer``."""
    return value is not None and bool(_INTEGER.fullmatch(value.strip(_XML_SPACE_CHARS)))


def xs_date(value: str | None) -> date | None:
    """``xs:date(.)`` (the timezone ignored); None when not castable."""
    if value is None:
        return None
    match = _DATE.fullmatch(value.strip(_XML_SPACE_CHARS))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def castable_date(value: str | None) -> bool:
    """``$value castable as xs:date``."""
    return xs_date(value) is not None


@overload
def xround(value: Decimal) -> Decimal: ...
@overload
def xround(value: None) -> None: ...
@overload
def xround(value: Decimal | None) -> Decimal | None: ...
def xround(value: Decimal | None) -> Decimal | None:
    """``round()``: the nearest integer, halves towards positive infinity (empty: empty)."""
    if value is None:
        return None
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


@overload
def round2(value: Decimal) -> Decimal: ...
@overload
def round2(value: None) -> None: ...
@overload
def round2(value: Decimal | None) -> Decimal | None: ...
def round2(value: Decimal | None) -> Decimal | None:
    """The official ``round(x * 10 * 10) div 100``: two decimals, halves towards +∞."""
    if value is None:
        return None
    return (value * _HUNDRED + _HALF).to_integral_value(rounding=ROUND_FLOOR) / _HUNDRED


def decimal_sum(values: list[Decimal | None]) -> Decimal | None:
    """``sum(x/xs:decimal(.))``: None when any item is not a decimal (the cast fails)."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def slack(expected: Decimal | None, value: Decimal | None, tolerance: Decimal) -> bool:
    """The official ``u:slack($exp, $val, $slack)``: ``value`` within ``expected`` ±
    ``tolerance`` (false when either is the empty sequence)."""
    if expected is None or value is None:
        return False
    return expected + tolerance >= value and expected - tolerance <= value
