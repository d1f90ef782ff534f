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
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

from heldigital.rules.core import NS, Document

__all__ = [
    "CAC",
    "CBC",
    "Index",
    "TaxCat",
    "decimal_places_ok",
    "index",
    "norm",
    "number",
    "numbers",
    "round2",
    "string_value",
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


# -- navigation -------------------------------------------------------------------------------
def string_value(el: etree._Element) -> str:
    """The XPath string value of an element (its text for the usual leaf ``cbc`` element)."""
    if len(el) == 0:
        return el.text or ""
    return "".join(el.itertext())


_EMPTY: list[etree._Element] = []


class TaxCat:
    """A ``cac:TaxCategory`` or ``cac:ClassifiedTaxCategory`` with the facts the rules test."""

    __slots__ = (
        "charge",
        "code",
        "codes",
        "doc_level",
        "el",
        "exempt",
        "in_allowance",
        "in_breakdown",
        "in_line",
        "numbers",
        "percent",
        "raw_codes",
        "vat",
    )

    def __init__(self, el: etree._Element, ix: Index) -> None:
        root = ix.root
        self.el = el
        self.raw_codes = [string_value(i) for i in ix.children(el, CBC + "ID")]
        #: ``cbc:ID[normalize-space(.) = X]`` counts each ID element.
        self.codes = [norm(r) for r in self.raw_codes]
        #: ``normalize-space(cbc:ID)`` of the (first) ID.
        self.code = self.codes[0] if self.codes else ""
        self.vat = ix.vat(el)
        self.percent = ix.text(el, CBC + "Percent")
        #: every ``cbc:Percent`` cast for a numeric general comparison (``(cbc:Percent) > 0``)
        self.numbers = [number(string_value(p)) for p in ix.children(el, CBC + "Percent")]
        #: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``
        self.exempt = ix.has(el, CBC + "TaxExemptionReason") or ix.has(
            el, CBC + "TaxExemptionReasonCode"
        )
        parent = el.getparent()
        grand = parent.getparent() if parent is not None else None
        ptag = parent.tag if parent is not None else None
        self.in_allowance = ptag == CAC + "AllowanceCharge"
        self.charge = ix.indicator(parent) if self.in_allowance else None
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
    """Per-document lookup tables shared by the model rules.

    One walk collects the elements by tag (:meth:`all`); the children of an element are
    grouped by tag on first use (:meth:`kids`) and kept, so the many rules that look into the
    same line, totals or party pay for the walk over its children once.
    """

    def __init__(self, doc: Document) -> None:
        root = doc.root
        self.root = root
        by_tag: dict[str, list[etree._Element]] = {}
        for el in root.iter(etree.Element):
            tag = el.tag
            found = by_tag.get(tag)
            if found is None:
                by_tag[tag] = [el]
            else:
                found.append(el)
        self.by_tag = by_tag
        self._kids: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self._vat: dict[etree._Element, bool] = {}
        self._indicator: dict[etree._Element, bool | None] = {}
        self._memo: dict[str, object] = {}
        #: every ``cac:TaxCategory`` (document, line, breakdown level)
        self.tax_categories = [TaxCat(e, self) for e in by_tag.get(CAC + "TaxCategory", ())]
        #: every ``cac:ClassifiedTaxCategory``
        self.classified = [TaxCat(e, self) for e in by_tag.get(CAC + "ClassifiedTaxCategory", ())]
        self.breakdown = [t for t in self.tax_categories if t.in_breakdown]
        self.allowance_categories = [t for t in self.tax_categories if t.in_allowance]

    # -- children ---------------------------------------------------------------------------------
    def kids(self, el: etree._Element) -> dict[str, list[etree._Element]]:
        """The child elements of ``el`` by tag."""
        found = self._kids.get(el)
        if found is None:
            found = {}
            for c in el:
                tag = c.tag
                same = found.get(tag)
                if same is None:
                    found[tag] = [c]
                else:
                    same.append(c)
            self._kids[el] = found
        return found

    def children(self, el: etree._Element, tag: str) -> list[etree._Element]:
        """``el/tag``."""
        return self.kids(el).get(tag, _EMPTY)

    def path(self, el: etree._Element | None, *tags: str) -> list[etree._Element]:
        """``el/t1/t2/...``: every element at the end of the path."""
        if el is None:
            return _EMPTY
        found = self.kids(el).get(tags[0], _EMPTY)
        for tag in tags[1:]:
            if not found:
                return _EMPTY
            if len(found) == 1:
                found = self.kids(found[0]).get(tag, _EMPTY)
            else:
                found = [c for f in found for c in self.kids(f).get(tag, _EMPTY)]
        return found

    def has(self, el: etree._Element | None, *tags: str) -> bool:
        """``exists(el/t1/t2/...)``."""
        return bool(self.path(el, *tags))

    def child(self, el: etree._Element | None, *tags: str) -> etree._Element | None:
        """The first element of ``el/t1/t2/...``, or None."""
        found = self.path(el, *tags)
        return found[0] if found else None

    def text(self, el: etree._Element | None, *tags: str) -> str | None:
        """String value of the first element of ``el/t1/...``; None when there is none."""
        found = self.path(el, *tags)
        return string_value(found[0]) if found else None

    def nonblank(self, el: etree._Element | None, *tags: str) -> bool:
        """``normalize-space(el/t1/...) != ''``."""
        return norm(self.text(el, *tags)) != ""

    def vat(self, category: etree._Element) -> bool:
        """``[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`` on a category or
        ``cac:PartyTaxScheme``."""
        found = self._vat.get(category)
        if found is None:
            found = any(
                norm(self.text(scheme, CBC + "ID")).upper() == "VAT"
                for scheme in self.children(category, CAC + "TaxScheme")
            )
            self._vat[category] = found
        return found

    def indicator(self, allowance_charge: etree._Element) -> bool | None:
        """``cbc:ChargeIndicator`` cast to ``xs:boolean``; None when absent or not a boolean."""
        if allowance_charge in self._indicator:
            return self._indicator[allowance_charge]
        value = (self.text(allowance_charge, CBC + "ChargeIndicator") or "").strip(" \t\n\r")
        found = True if value in ("true", "1") else False if value in ("false", "0") else None
        self._indicator[allowance_charge] = found
        return found

    # -- contexts ---------------------------------------------------------------------------------
    def all(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark tag, anywhere, in document order."""
        return self.by_tag.get(tag, _EMPTY)

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
        return self.children(self.root, tag)

    def lines(self) -> list[etree._Element]:
        """``//(cac:InvoiceLine | cac:CreditNoteLine)`` in document order."""
        memo = self._memo.get("lines")
        if memo is None:
            invoice = self.all(CAC + "InvoiceLine")
            credit = self.all(CAC + "CreditNoteLine")
            if invoice and credit:
                memo = list(self.root.iter(CAC + "InvoiceLine", CAC + "CreditNoteLine"))
            else:
                memo = invoice or credit
            self._memo["lines"] = memo
        return memo  # type: ignore[return-value]

    def document_allowances(self, charge: bool) -> list[etree._Element]:
        """``/*/cac:AllowanceCharge[cbc:ChargeIndicator = charge]`` (BG-20 / BG-21)."""
        return [ac for ac in self.top(CAC + "AllowanceCharge") if self.indicator(ac) is charge]

    def line_allowances(self, charge: bool) -> list[etree._Element]:
        """``//cac:InvoiceLine/cac:AllowanceCharge[...]`` and the credit-note twin (BG-27/28)."""
        key = f"line_allowances.{charge}"
        memo = self._memo.get(key)
        if memo is None:
            memo = self._memo[key] = [
                ac
                for line in self.lines()
                for ac in self.children(line, CAC + "AllowanceCharge")
                if self.indicator(ac) is charge
            ]
        return memo  # type: ignore[return-value]

    def flag(self, name: str, compute: Callable[[], bool]) -> bool:
        """A memoised per-document boolean."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]  # type: ignore[return-value]

    # -- party identifiers used by the VAT category rules -------------------------------------
    def _party_tax_ids(self, party_tag: str, vat_only: bool, via_party: bool) -> bool:
        path = (CAC + "Party", party_tag) if via_party else (party_tag,)
        return any(
            self.has(pts, CBC + "CompanyID")
            for pts in self.under(CAC + "PartyTaxScheme", *path)
            if not vat_only or self.vat(pts)
        )

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

    # -- values -----------------------------------------------------------------------------------
    def decimal(self, el: etree._Element | None, *tags: str) -> Decimal | None:
        """``xs:decimal(el/t1/...)`` of the first such element."""
        return xs_decimal(self.text(el, *tags))

    def decimals_sum(self, elements: Iterable[etree._Element], tag: str) -> Decimal:
        """``sum(elements/xs:decimal(tag))`` (absent or malformed values add nothing)."""
        total = Decimal(0)
        for el in elements:
            for amount in self.children(el, tag):
                value = xs_decimal(string_value(amount))
                if value is not None:
                    total += value
        return total


def index(doc: Document) -> Index:
    """The model-rule index of ``doc`` (built on first use, kept in ``doc.cache``)."""
    found = doc.cache.get(_CACHE_KEY)
    if found is None:
        found = doc.cache[_CACHE_KEY] = Index(doc)
    return found


def numbers(elements: Iterable[etree._Element]) -> list[Decimal | None]:
    """Untyped values of ``elements`` cast for a numeric general comparison."""
    return [number(string_value(e)) for e in elements]
