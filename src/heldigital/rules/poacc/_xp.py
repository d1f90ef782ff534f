"""XPath 2.0 / Schematron semantics the post-award rules rely on, in plain Python.

The official rules (OpenPEPPOL/poacc-upgrade-3, ``rules/sch``) are ISO
Schematron with the XSLT 2 query binding. Two things of that model matter
for a faithful translation and are provided here:

* **Patterns.** A Schematron *pattern* is a list of rules; a node is checked
  by the *first* rule of the pattern whose context matches it (the skeleton
  gives rules falling priorities in document order), never by a later one.
  :class:`Pattern` computes, once per document, which nodes each rule of a
  pattern owns (cached in ``Document.cache``).
* **Values.** ``xs:decimal`` casts, ``number()``, ``round()`` (half towards
  positive infinity), ``normalize-space()`` and the string value of a node,
  where an absent value is the empty sequence (``None`` here): arithmetic
  with it is empty and every comparison with it is false.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

from heldigital.rules.core import NS, Document, Element

__all__ = [
    "Pattern",
    "contains",
    "dec",
    "dec_or",
    "nspace",
    "num",
    "round2",
    "slack",
    "sv",
    "xround",
]

_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")


def sv(node: Element | None) -> str:
    """The XPath string value of an element (its descendant text, comments excluded)."""
    if node is None:
        return ""
    if len(node) == 0:
        return node.text or ""
    return "".join(node.itertext())


def nspace(value: str | Element | None) -> str:
    """``normalize-space()``: XML whitespace (space, tab, CR, LF) collapsed and trimmed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = sv(value)
    return _XML_SPACE.sub(" ", value).strip(" \t\r\n")


def contains(haystack: str, needle: str) -> bool:
    """XPath ``contains()``: a substring test (the empty string is in every string)."""
    return needle in haystack


def dec(value: str | Element | None) -> Decimal | None:
    """``xs:decimal(.)``: the decimal, or None for an absent or non-decimal value.

    The cast trims XML whitespace and accepts no exponent. The official rule
    would stop with a dynamic error on a non-decimal value; here the value is
    simply absent, so the assertion that needs it fails.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        value = sv(value)
    value = value.strip(" \t\r\n")
    if not _DECIMAL_RE.fullmatch(value):
        return None
    return Decimal(value)


def dec_or(node: Element | None, default: Decimal | int) -> Decimal | None:
    """``if (x) then xs:decimal(x) else default``."""
    if node is None:
        return Decimal(default)
    return dec(node)


def num(value: str | Element | None) -> Decimal | None:
    """``number(.)`` (an ``xs:double`` cast): None stands for NaN, which compares false."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = sv(value)
    value = value.strip(" \t\r\n")
    if not _DOUBLE_RE.fullmatch(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def xround(value: Decimal | None) -> Decimal | None:
    """XPath 2.0 ``round()``: to the nearest integer, halves towards positive infinity."""
    if value is None:
        return None
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


def round2(value: Decimal | None) -> Decimal | None:
    """``round(x * 10 * 10) div 100``: two decimals, halves towards positive infinity."""
    rounded = xround(None if value is None else value * _HUNDRED)
    return None if rounded is None else rounded / _HUNDRED


def dsum(values: Iterable[Decimal | None]) -> Decimal | None:
    """``sum(x/xs:decimal(.))``: None when any item is not a decimal."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def slack(expected: Decimal | None, value: Decimal | None, tolerance: Decimal) -> bool:
    """``u:slack($exp, $val, $slack)`` of the official functions (``parts/function/slack.xml``)."""
    if expected is None or value is None:
        return False
    return expected + tolerance >= value and expected - tolerance <= value


class Pattern:
    """One Schematron pattern: ordered rule contexts, first match wins.

    ``rules`` pairs a key with the rule's context as an XPath 1.0 location
    path (relative match patterns written with a leading ``//``). ``ubl`` is
    the namespace the official schema binds to the ``ubl`` prefix for the
    transaction (the document element's namespace).
    """

    def __init__(self, name: str, ubl: str, rules: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self._cache_key = f"poacc:{name}"
        namespaces = {**NS, "ubl": ubl}
        self._rules = [
            (key, etree.XPath(expr, namespaces=namespaces, smart_strings=False))
            for key, expr in rules
        ]
        self.keys = frozenset(key for key, _ in rules)

    def _assign(self, doc: Document) -> dict[str, list[Element]]:
        claimed: set[Element] = set()
        owned: dict[str, list[Element]] = {}
        for key, xpath in self._rules:
            nodes = [n for n in xpath(doc.root) if n not in claimed]
            claimed.update(nodes)
            owned[key] = nodes
        return owned

    def nodes(self, doc: Document, key: str) -> list[Element]:
        """The nodes whose first matching rule in this pattern is ``key``."""
        owned = doc.cache.get(self._cache_key)
        if owned is None:
            owned = doc.cache[self._cache_key] = self._assign(doc)
        return owned[key]


def line_id_counts(doc: Document) -> dict[str, int]:
    """``xsl:key name="k_lineId" match="cac:LineItem" use="cbc:ID"``: line ids and their counts."""
    counts = doc.cache.get("poacc:k_lineId")
    if counts is None:
        counts = {}
        tag = f"{{{NS['cbc']}}}ID"
        for item in doc.root.iter(f"{{{NS['cac']}}}LineItem"):
            for child in item:
                if child.tag == tag:
                    key = sv(child)
                    counts[key] = counts.get(key, 0) + 1
        doc.cache["poacc:k_lineId"] = counts
    return counts


def line_id_unique(doc: Document, item: Element) -> bool:
    """``count(key('k_lineId', cbc:ID)) = 1`` for a ``cac:LineItem``."""
    ids = item.findall("cbc:ID", NS)
    counts = line_id_counts(doc)
    return sum(counts.get(sv(i), 0) for i in ids) == 1
