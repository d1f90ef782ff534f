"""Shared machinery of the EN 16931 model rules (UBL binding): values, XPath 2.0 semantics, index.

The official artefacts (ConnectingEurope/eInvoicing-EN16931,
``ubl/schematron/UBL/EN16931-UBL-model.sch`` bound to the abstract pattern
``ubl/schematron/abstract/EN16931-model.sch``) are XSLT 2 Schematron. The
helpers here reproduce the parts of XPath 2.0 the assertions rely on:

* ``normalize-space`` strips only the XML white space characters;
* ``xs:decimal(...)`` accepts an optionally signed decimal without exponent
  (no value: the empty sequence, which makes every comparison false);
* general comparisons of untyped values with numbers go through
  ``xs:double`` and are existential over sequences;
* ``round()`` rounds half towards positive infinity, so the official
  ``round(x * 10 * 10) div 100`` is a two-decimal half-up-towards-+inf
  rounding (:func:`round2`);
* ``cbc:ChargeIndicator = false()`` casts the indicator to ``xs:boolean``
  (``true``/``false``/``1``/``0``), unlike XPath 1.0 which would test
  whether the element exists.

Rule contexts are Schematron *patterns*: ``cac:InvoiceLine`` matches an
``InvoiceLine`` element anywhere in the document. :class:`Index` walks the
tree once per document and keeps the elements by tag, so every rule finds
its contexts without another walk; it lives in ``Document.cache``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

from heldigital.rules.core import NS, Document

__all__ = [
    "CAC",
    "CBC",
    "Index",
    "TaxCat",
    "charge_indicator",
    "child",
    "children",
    "decimal_places_ok",
    "first_text",
    "index",
    "nonblank",
    "norm",
    "number",
    "round2",
    "xround",
    "xs_decimal",
]

CAC = "{" + NS["cac"] + "}"
CBC = "{" + NS["cbc"] + "}"

_XML_WS = re.compile(r"[ \t\n\r]+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF")
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)

_CACHE_KEY = "en16931.model.index"


# -- values ---------------------------------------------------------------------------------
def norm(value: str | None) -> str:
    """XPath ``normalize-space``: collapse and trim XML white space (not other Unicode spaces)."""
    if not value:
        return ""
    return _XML_WS.sub(" ", value).strip(" ")


def xs_decimal(value: str | None) -> Decimal | None:
    """XPath 2.0 ``xs:decimal(value)``; None stands for the empty sequence / a failed cast."""
    if value is None:
        return None
    value = value.strip(" \t\n\r")
    if not _DECIMAL.fullmatch(value):
        return None
    return Decimal(value)


def number(value: str | None) -> Decimal | None:
    """An untyped value compared with a number: cast to ``xs:double`` (exponents allowed).

    ``NaN`` and failed casts give None: every comparison with them is false.
    """
    if value is None:
        return None
    value = value.strip(" \t\n\r")
    if not _DOUBLE.fullmatch(value):
        return None
    if value.endswith("INF"):
        return Decimal("-Infinity") if value.startswith("-") else Decimal("Infinity")
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid literals
        return None


def xround(value: Decimal) -> Decimal:
    """XPath 2.0 ``round()``: the nearest integer, halves towards positive infinity."""
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


def round2(value: Decimal) -> Decimal:
    """The official ``round(value * 10 * 10) div 100``."""
    return xround(value * _HUNDRED) / _HUNDRED


def decimal_places_ok(text: str | None) -> bool:
    """The BR-DEC test ``string-length(substring-after(value, '.')) <= 2`` on a string value."""
    if not text:
        return True
    _, dot, after = text.partition(".")
    return not dot or len(after) <= 2


def charge_indicator(allowance_charge: etree._Element) -> bool | None:
    """``cbc:ChargeIndicator`` cast to ``xs:boolean``; None when absent or not a boolean."""
    el = allowance_charge.find(CBC + "ChargeIndicator")
    if el is None:
        return None
    value = (el.text or "").strip(" \t\n\r")
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    return None


# -- navigation -------------------------------------------------------------------------------
def child(el: etree._Element | None, *tags: str) -> etree._Element | None:
    """The first element down the path of Clark tags, or None."""
    for tag in tags:
        if el is None:
            return None
        el = el.find(tag)
    return el


def children(el: etree._Element, tag: str) -> list[etree._Element]:
    return el.findall(tag)


def first_text(el: etree._Element | None, *tags: str) -> str | None:
    """String value of the first element down the path, None when there is none."""
    found = child(el, *tags)
    if found is None:
        return None
    return "".join(found.itertext())


def nonblank(el: etree._Element | None, *tags: str) -> bool:
    """``normalize-space(path) != ''``."""
    return norm(first_text(el, *tags)) != ""


def _path_exists(el: etree._Element, tags: tuple[str, ...]) -> bool:
    """``exists(a/b/c)`` from ``el``: any element at the end of the path."""
    if not tags:
        return True
    return any(_path_exists(c, tags[1:]) for c in el.iterchildren(tags[0]))


def exists(el: etree._Element | None, *tags: str) -> bool:
    return el is not None and _path_exists(el, tags)


def is_vat_scheme(tax_category: etree._Element) -> bool:
    """``[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']``."""
    for scheme in tax_category.iterchildren(CAC + "TaxScheme"):
        if norm(first_text(scheme, CBC + "ID")).upper() == "VAT":
            return True
    return False


class TaxCat:
    """A ``cac:TaxCategory`` or ``cac:ClassifiedTaxCategory`` with the facts the rules test."""

    __slots__ = (
        "charge",
        "code",
        "codes",
        "doc_level",
        "el",
        "in_allowance",
        "in_breakdown",
        "in_line",
        "percent",
        "raw_codes",
        "vat",
    )

    def __init__(self, el: etree._Element, root: etree._Element) -> None:
        self.el = el
        ids = el.findall(CBC + "ID")
        self.raw_codes = ["".join(i.itertext()) for i in ids]
        #: ``cbc:ID[normalize-space(.) = X]`` counts each ID element.
        self.codes = [norm(r) for r in self.raw_codes]
        #: ``normalize-space(cbc:ID)`` of the (first) ID.
        self.code = self.codes[0] if self.codes else ""
        self.vat = is_vat_scheme(el)
        self.percent = first_text(el, CBC + "Percent")
        parent = el.getparent()
        grand = parent.getparent() if parent is not None else None
        ptag = parent.tag if parent is not None else None
        self.in_allowance = ptag == CAC + "AllowanceCharge"
        self.charge = charge_indicator(parent) if self.in_allowance else None
        self.doc_level = self.in_allowance and grand is root
        self.in_breakdown = (
            ptag == CAC + "TaxSubtotal"
            and grand is not None
            and grand.tag == CAC + "TaxTotal"
            and grand.getparent() is root
        )
        self.in_line = (
            el.tag == CAC + "ClassifiedTaxCategory"
            and ptag == CAC + "Item"
            and grand is not None
            and grand.tag in (CAC + "InvoiceLine", CAC + "CreditNoteLine")
        )


class Index:
    """Per-document lookup tables shared by the model rules (built once, in one walk)."""

    def __init__(self, doc: Document) -> None:
        root = doc.root
        self.root = root
        by_tag: dict[str, list[etree._Element]] = {}
        for el in root.iter(etree.Element):
            by_tag.setdefault(el.tag, []).append(el)
        self.by_tag = by_tag
        #: every ``cac:TaxCategory`` (document, line, breakdown level)
        self.tax_categories = [TaxCat(e, root) for e in by_tag.get(CAC + "TaxCategory", ())]
        #: every ``cac:ClassifiedTaxCategory``
        self.classified = [TaxCat(e, root) for e in by_tag.get(CAC + "ClassifiedTaxCategory", ())]
        self.breakdown = [t for t in self.tax_categories if t.in_breakdown]
        self.allowance_categories = [t for t in self.tax_categories if t.in_allowance]
        self._memo: dict[str, object] = {}

    def all(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark tag, anywhere, in document order."""
        return self.by_tag.get(tag, [])

    def under(self, tag: str, *parents: str) -> Iterator[etree._Element]:
        """Elements ``tag`` whose ancestors, nearest first, are ``parents`` (``p2/p1/tag``)."""
        for el in self.by_tag.get(tag, ()):
            node = el
            for parent_tag in parents:
                node = node.getparent()
                if node is None or node.tag != parent_tag:
                    break
            else:
                yield el

    def top(self, tag: str) -> list[etree._Element]:
        """Children of the root with this tag (``/*/tag``)."""
        return self.root.findall(tag)

    def lines(self) -> list[etree._Element]:
        """``//(cac:InvoiceLine | cac:CreditNoteLine)`` in document order."""
        memo = self._memo.get("lines")
        if memo is None:
            memo = self._memo["lines"] = list(
                self.root.iter(CAC + "InvoiceLine", CAC + "CreditNoteLine")
            )
        return memo  # type: ignore[return-value]

    def document_allowances(self, charge: bool) -> list[etree._Element]:
        """``/*/cac:AllowanceCharge[cbc:ChargeIndicator = charge]`` (BG-20 / BG-21)."""
        return [ac for ac in self.top(CAC + "AllowanceCharge") if charge_indicator(ac) is charge]

    def line_allowances(self, charge: bool) -> list[etree._Element]:
        """``//cac:InvoiceLine/cac:AllowanceCharge[...]`` and the credit-note twin (BG-27/28)."""
        return [
            ac
            for ac in self.all(CAC + "AllowanceCharge")
            if ac.getparent().tag in (CAC + "InvoiceLine", CAC + "CreditNoteLine")
            and charge_indicator(ac) is charge
        ]

    def flag(self, name: str, compute: object) -> bool:
        """A memoised per-document boolean (``compute`` is a zero-argument callable)."""
        if name not in self._memo:
            self._memo[name] = compute()  # type: ignore[operator]
        return self._memo[name]  # type: ignore[return-value]

    # -- party identifiers used by the VAT category rules -------------------------------------
    def _party_tax_ids(self, party_tag: str, vat_only: bool, via_party: bool) -> bool:
        path = (CAC + "Party", party_tag) if via_party else (party_tag,)
        for pts in self.under(CAC + "PartyTaxScheme", *path):
            if vat_only and not is_vat_scheme(pts):
                continue
            if pts.find(CBC + "CompanyID") is not None:
                return True
        return False

    @property
    def seller_tax_id(self) -> bool:
        """``exists(//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID)``."""
        return self.flag(
            "seller_tax_id",
            lambda: self._party_tax_ids(CAC + "AccountingSupplierParty", False, True),
        )

    @property
    def seller_vat_id(self) -> bool:
        """The same with ``[cac:TaxScheme/(normalize-space(upper-case(cbc:ID)) = 'VAT')]``."""
        return self.flag(
            "seller_vat_id",
            lambda: self._party_tax_ids(CAC + "AccountingSupplierParty", True, True),
        )

    @property
    def tax_representative_vat_id(self) -> bool:
        """``exists(//cac:TaxRepresentativeParty/cac:PartyTaxScheme[VAT]/cbc:CompanyID)``."""
        return self.flag(
            "taxrep_vat_id",
            lambda: self._party_tax_ids(CAC + "TaxRepresentativeParty", True, False),
        )

    @property
    def buyer_vat_id(self) -> bool:
        """``exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID)``."""
        return self.flag(
            "buyer_vat_id",
            lambda: self._party_tax_ids(CAC + "AccountingCustomerParty", True, True),
        )

    @property
    def buyer_legal_id(self) -> bool:
        """``exists(//cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID)``."""
        return self.flag(
            "buyer_legal_id",
            lambda: any(
                True
                for _ in self.under(
                    CBC + "CompanyID",
                    CAC + "PartyLegalEntity",
                    CAC + "Party",
                    CAC + "AccountingCustomerParty",
                )
            ),
        )


def index(doc: Document) -> Index:
    """The model-rule index of ``doc`` (built on first use, kept in ``doc.cache``)."""
    found = doc.cache.get(_CACHE_KEY)
    if found is None:
        found = doc.cache[_CACHE_KEY] = Index(doc)
    return found


def numbers(elements: Iterable[etree._Element]) -> list[Decimal | None]:
    """Untyped values of ``elements`` cast for a numeric general comparison."""
    return [number("".join(e.itertext())) for e in elements]


def decimals_sum(elements: Iterable[etree._Element | None]) -> Decimal:
    """``sum(.../xs:decimal(x))`` over the elements present (absent ones add nothing)."""
    total = Decimal(0)
    for e in elements:
        if e is not None:
            value = xs_decimal("".join(e.itertext()))
            if value is not None:
                total += value
    return total
