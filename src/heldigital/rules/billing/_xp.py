"""XPath 2.0 semantics the PEPPOL BIS Billing Schematron relies on, over lxml elements.

The official rules (``PEPPOL-EN16931-UBL.sch``, ``queryBinding="xslt2"``) are
XPath 2.0 expressions. Where their outcome depends on a detail of the
language - ``number()`` giving NaN, ``xs:decimal`` casts, ``round()``
rounding half towards positive infinity, ``tokenize`` dropping nothing but
returning an empty sequence for an empty string, ``.`` in regular
expressions not matching carriage returns - the helpers here reproduce it,
so each rule function can be read side by side with its assertion.

References: XPath and XQuery Functions and Operators 2.0 (W3C), sections
6.4.4 (``fn:round``), 7.4 (string functions), 7.6 (``matches``,
``tokenize``), 17.1 (casting from strings).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from lxml import etree

from heldigital.rules.core import BY_TAG, NS, Document

__all__ = [
    "AMOUNTS",
    "CAC",
    "CBC",
    "CREDIT_NOTE",
    "DATES",
    "DOCUMENTS",
    "IDENTIFIER_HOLDERS",
    "INVOICE",
    "LINES",
    "TAX_CATEGORIES",
    "castable_date",
    "castable_integer",
    "child",
    "children",
    "decimal",
    "elements",
    "first_text",
    "normalize",
    "number",
    "parse_date",
    "path",
    "round_half_up",
    "slack",
    "string",
    "substring",
    "text_of",
    "tokenize",
    "translate_removes_all",
]

CAC = "{" + NS["cac"] + "}"
CBC = "{" + NS["cbc"] + "}"
INVOICE = "{" + NS["ubl"] + "}Invoice"
CREDIT_NOTE = "{" + NS["cn"] + "}CreditNote"

Element = etree._Element

# XSD xs:double lexical space (after whitespace collapse): what number() accepts.
_DOUBLE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?")
_WS = re.compile(r"[ \t\r\n]+")


def normalize(value: str | None) -> str:
    """``normalize-space()``: collapse XML whitespace, trim; the empty sequence gives ''."""
    if not value:
        return ""
    if value.isalnum():
        return value  # no white space at all (codes such as S, VAT, 380): nothing to do
    return _WS.sub(" ", value).strip(" ")


def string(el: Element | str | None) -> str:
    """``string()`` of an element (all descendant text), an attribute value, or ''."""
    if el is None:
        return ""
    if isinstance(el, str):
        return el
    if len(el) == 0:  # no children: the text is the string value
        return el.text or ""
    return "".join(el.itertext())


def first_text(el: Element | None) -> str:
    """``text()`` of an element as the rules use it: its first text node, or ''."""
    if el is None:
        return ""
    return el.text or ""


def number(value: str | None) -> float:
    """``number()`` (XPath 2.0: cast to ``xs:double``); NaN when not a number."""
    if value is None:
        return math.nan
    value = value.strip(" \t\r\n")
    if not _DOUBLE.fullmatch(value):
        return math.nan
    return float(value.replace("INF", "inf"))


def decimal(value: str | None) -> Decimal | None:
    """``xs:decimal()`` cast: None for the empty sequence or a failing cast."""
    return Document.decimal(value)


def castable_integer(value: str | None) -> bool:
    """``$value castable as xs:integer``."""
    return value is not None and bool(_INTEGER.fullmatch(value.strip(" \t\r\n")))


def parse_date(value: str | None) -> date | None:
    """``xs:date()`` cast (timezone ignored); None when not castable."""
    if value is None:
        return None
    match = _DATE.fullmatch(value.strip(" \t\r\n"))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def castable_date(value: str | None) -> bool:
    """``$value castable as xs:date``."""
    return parse_date(value) is not None


def round_half_up(value: Decimal) -> Decimal:
    """``fn:round``: nearest integer, halves rounded towards positive infinity."""
    return (value + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR)


def slack(expected: Decimal, value: Decimal, tolerance: Decimal) -> bool:
    """The official ``u:slack`` function: ``value`` within ``expected`` ± ``tolerance``."""
    return expected + tolerance >= value and expected - tolerance <= value


def substring(value: str, start: float, length: float | None = None) -> str:
    """``fn:substring`` with XPath's 1-based, rounded positions."""
    if math.isnan(start):
        return ""
    first = _xround(start)
    if length is None:
        return value[max(first, 1) - 1 :]
    if math.isnan(length):
        return ""
    last = first + _xround(length)  # exclusive, 1-based
    begin = max(first, 1)
    if last <= begin:
        return ""
    return value[begin - 1 : last - 1]


def _xround(value: float) -> int:
    return math.floor(value + 0.5)


def tokenize(value: str, pattern: str) -> list[str]:
    """``fn:tokenize``: the empty string gives the empty sequence."""
    if value == "":
        return []
    return re.split(pattern, value)


def translate_removes_all(value: str, allowed: str) -> bool:
    """``string-length(translate($value, $allowed, '')) = 0``."""
    return all(ch in allowed for ch in value)


# -- navigation -------------------------------------------------------------


def children(el: Element | None, tag: str) -> list[Element]:
    """Child elements with Clark-notation ``tag``."""
    if el is None:
        return []
    return list(el.iterchildren(tag))


def child(el: Element | None, tag: str) -> Element | None:
    """The first child element with ``tag`` (None when absent)."""
    if el is None:
        return None
    return next(el.iterchildren(tag), None)


def path(el: Element | None, *tags: str) -> list[Element]:
    """All elements reached by the relative path ``tags[0]/tags[1]/...`` from ``el``."""
    current: list[Element] = [] if el is None else [el]
    for tag in tags:
        current = [c for node in current for c in node.iterchildren(tag)]
        if not current:
            break
    return current


def text_of(el: Element | None, *tags: str) -> str | None:
    """String value of the first element at the relative path (None when absent)."""
    found = path(el, *tags)
    return string(found[0]) if found else None


def any_equal(values: Iterable[str], targets: Iterable[str]) -> bool:
    """XPath general comparison ``$values = $targets`` on strings."""
    wanted = set(targets)
    return any(v in wanted for v in values)


# -- per-document element index ---------------------------------------------------------
#
# Most rule contexts are "every element named X, anywhere" (``cbc:EndpointID``,
# ``cac:AllowanceCharge`` ...). Walking the tree once per rule would cost one
# full walk each; instead the document's shared element index (one walk,
# every element by tag, in document order) serves every rule.


def _tags(ns: str, *names: str) -> tuple[str, ...]:
    return tuple(ns + name for name in names)


DOCUMENTS = (INVOICE, CREDIT_NOTE)
LINES = _tags(CAC, "InvoiceLine", "CreditNoteLine")
#: Every amount element of the UBL Invoice/CreditNote (``PEPPOL-EN16931-CL007`` context).
AMOUNTS = _tags(
    CBC,
    "Amount",
    "BaseAmount",
    "PriceAmount",
    "TaxAmount",
    "TaxableAmount",
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
)
#: The date elements of ``PEPPOL-EN16931-F001``.
DATES = _tags(
    CBC, "IssueDate", "DueDate", "TaxPointDate", "StartDate", "EndDate", "ActualDeliveryDate"
)
TAX_CATEGORIES = _tags(CAC, "TaxCategory", "ClassifiedTaxCategory")
#: Where ICD/EAS identifiers occur (``cac:PartyIdentification`` stands for its ``cbc:ID``).
IDENTIFIER_HOLDERS = (CBC + "EndpointID", CAC + "PartyIdentification", CBC + "CompanyID")


def elements(doc: Document, *tags: str) -> list[Element]:
    """Elements named ``tags`` anywhere in ``doc`` (``//a | //b``), in document order.

    Served by the document's shared element index (:meth:`Document.by_tag`, one
    walk for every rule family). A group of tags is the one member list that
    is not empty, or - when several are - one more walk over the group, so
    that document order is kept (kept per document).
    """
    index = doc.cache.get(BY_TAG)
    if index is None:
        index = doc.by_tag()
    if len(tags) == 1:
        return index.get(tags[0]) or _EMPTY
    groups: dict[tuple[str, ...], list[Element]] | None = doc.cache.get("billing.groups")
    if groups is None:
        groups = doc.cache["billing.groups"] = {}
    found = groups.get(tags)
    if found is None:
        present = [m for m in (index.get(tag) for tag in tags) if m]
        found = present[0] if len(present) == 1 else list(doc.root.iter(*tags)) if present else []
        groups[tags] = found
    return found


_EMPTY: list[Element] = []
