"""Shared machinery of the EN 16931 model rules (UBL binding): the per-document index.

The official artefacts (ConnectingEurope/eInvoicing-EN16931,
``ubl/schematron/UBL/EN16931-UBL-model.sch`` bound to the abstract pattern
``ubl/schematron/abstract/EN16931-model.sch``) are XSLT 2 Schematron. The XPath 2.0
values the assertions rely on (``normalize-space``, ``xs:decimal`` casts, ``number()`` and
the ``xs:double`` comparisons of untyped values, ``round()`` half towards positive
infinity) are those of :mod:`heldigital.rules.xpath`, shared by every rule family. One
detail is the model rules' own: ``cbc:ChargeIndicator = false()`` casts the indicator to
``xs:boolean`` (``true``/``false``/``1``/``0``), unlike XPath 1.0 which would test whether
the element exists.

Rule contexts are Schematron *patterns*: ``cac:InvoiceLine`` matches an
``InvoiceLine`` element anywhere in the document. :class:`Index` walks the
tree once per document (in C, for the context tags only) and keeps the
elements by tag, so every rule finds its contexts without another walk; it
lives in ``Document.cache``. What many rules read of one line, allowance,
tax category or period is gathered in one pass over its children
(:class:`LineFacts`, :class:`AllowanceFacts`, :class:`TaxCat`,
:class:`PeriodFacts`); other elements get their children grouped by tag
on first use (:meth:`Index.kids`). Python element proxies are the main
cost on large invoices, so each element is visited as few times as
possible and no rule walks the tree again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

from lxml import etree

from heldigital.rules.core import NS, Document
from heldigital.rules.xpath import normalize_space, number, string_value, xs_decimal

__all__ = [
    "CAC",
    "CBC",
    "AllowanceFacts",
    "Index",
    "LineFacts",
    "PeriodFacts",
    "TaxCat",
    "decimal_places_ok",
    "index",
]

CAC = "{" + NS["cac"] + "}"
CBC = "{" + NS["cbc"] + "}"


_CACHE_KEY = "en16931.model.index"
_T = TypeVar("_T")


# -- values (XPath 2.0 semantics: heldigital.rules.xpath) -------------------------------------
def decimal_places_ok(text: str | None) -> bool:
    """The BR-DEC test ``string-length(substring-after(value, '.')) <= 2`` on a string value."""
    if not text:
        return True
    _, dot, after = text.partition(".")
    return not dot or len(after) <= 2


# -- navigation -------------------------------------------------------------------------------
_EMPTY: list[etree._Element] = []
_ID = CBC + "ID"
_PERCENT = CBC + "Percent"
_TAX_SCHEME = CAC + "TaxScheme"
_ALLOWANCE_CHARGE = CAC + "AllowanceCharge"
_START = CBC + "StartDate"
_END = CBC + "EndDate"
_DESCRIPTION = CBC + "DescriptionCode"
_EXEMPTION = frozenset((CBC + "TaxExemptionReason", CBC + "TaxExemptionReasonCode"))
_TAX_SUBTOTAL = CAC + "TaxSubtotal"
_TAX_TOTAL = CAC + "TaxTotal"
_CLASSIFIED = CAC + "ClassifiedTaxCategory"
_ITEM = CAC + "Item"
_LINE_TAGS = (CAC + "InvoiceLine", CAC + "CreditNoteLine")


def first_rule(charges: frozenset[bool], charge: bool) -> bool:
    """Whether an allowance/charge with indicator values ``charges`` is the context of the
    rule ``[cbc:ChargeIndicator = charge]``: in one Schematron pattern a node is the context
    of the first rule whose context matches it, and the allowance rules come before the
    charge rules, so one with both values (two indicators) is an allowance only."""
    return (False in charges) if not charge else (True in charges and False not in charges)


class TaxCat:
    """A ``cac:TaxCategory`` or ``cac:ClassifiedTaxCategory`` with the facts the rules test."""

    __slots__ = (
        "charge",
        "charges",
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
        raw: list[str] = []
        percents: list[etree._Element] = []
        vat = exempt = False
        for c in el:
            tag = c.tag
            if tag == _ID:
                raw.append(string_value(c))
            elif tag == _PERCENT:
                percents.append(c)
            elif tag == _TAX_SCHEME:
                if not vat:
                    for i in c:
                        if i.tag == _ID:
                            vat = normalize_space(string_value(i)).upper() == "VAT"
                            break
            elif tag in _EXEMPTION:
                exempt = True
        ix._vat[el] = vat
        self.raw_codes = raw
        #: ``cbc:ID[normalize-space(.) = X]`` counts each ID element.
        self.codes = [normalize_space(r) for r in raw]
        #: ``normalize-space(cbc:ID)`` of the (first) ID.
        self.code = self.codes[0] if self.codes else ""
        self.vat = vat
        #: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``
        self.exempt = exempt
        self.percent = string_value(percents[0]) if percents else None
        #: every ``cbc:Percent`` cast for a numeric general comparison (``(cbc:Percent) > 0``)
        self.numbers = [number(string_value(p)) for p in percents]
        parent = el.getparent()
        grand = parent.getparent() if parent is not None else None
        ptag = parent.tag if parent is not None else None
        self.in_allowance = ptag == _ALLOWANCE_CHARGE
        self.charge = (
            ix.allowance[parent].charge if parent is not None and self.in_allowance else None
        )
        #: the indicator values of the enclosing allowance/charge (see AllowanceFacts.charges)
        self.charges = (
            ix.allowance[parent].charges
            if parent is not None and self.in_allowance
            else frozenset()
        )
        self.doc_level = self.in_allowance and grand is root
        self.in_breakdown = (
            ptag == _TAX_SUBTOTAL
            and grand is not None
            and grand.tag == _TAX_TOTAL
            and grand.getparent() is root
        )
        self.in_line = (
            el.tag == _CLASSIFIED
            and ptag == _ITEM
            and grand is not None
            and grand.tag in _LINE_TAGS
        )


#: the tags the fact classes compare children with (module constants: no lookup per child)
_G_ALLOWANCE_CHARGE = CAC + "AllowanceCharge"
_G_CLASSIFIED_TAX_CATEGORY = CAC + "ClassifiedTaxCategory"
_G_COMMODITY_CLASSIFICATION = CAC + "CommodityClassification"
_G_ITEM = CAC + "Item"
_G_PRICE = CAC + "Price"
_G_STANDARD_ITEM_IDENTIFICATION = CAC + "StandardItemIdentification"
_G_TAX_CATEGORY = CAC + "TaxCategory"
_B_ALLOWANCE_CHARGE_REASON = CBC + "AllowanceChargeReason"
_B_ALLOWANCE_CHARGE_REASON_CODE = CBC + "AllowanceChargeReasonCode"
_B_AMOUNT = CBC + "Amount"
_B_BASE_AMOUNT = CBC + "BaseAmount"
_B_CHARGE_INDICATOR = CBC + "ChargeIndicator"
_B_CREDITED_QUANTITY = CBC + "CreditedQuantity"
_B_INVOICED_QUANTITY = CBC + "InvoicedQuantity"
_B_ITEM_CLASSIFICATION_CODE = CBC + "ItemClassificationCode"
_B_LINE_EXTENSION_AMOUNT = CBC + "LineExtensionAmount"
_B_NAME = CBC + "Name"
_B_PRICE_AMOUNT = CBC + "PriceAmount"
_REASONS = (_B_ALLOWANCE_CHARGE_REASON, _B_ALLOWANCE_CHARGE_REASON_CODE)
_QUANTITIES = (_B_INVOICED_QUANTITY, _B_CREDITED_QUANTITY)


class AllowanceFacts:
    """What the rules read of one ``cac:AllowanceCharge`` (any level), from one pass."""

    __slots__ = (
        "amounts",
        "base",
        "categories",
        "charge",
        "charges",
        "el",
        "has_reason",
        "top",
    )

    def __init__(self, el: etree._Element, ix: Index) -> None:
        self.el = el
        self.top = el.getparent() is ix.root
        indicator: str | None = None
        amounts: list[str] = []
        base: str | None = None
        reason = False
        categories: list[etree._Element] = []
        indicators: list[str] = []
        for c in el:
            tag = c.tag
            if tag == _B_CHARGE_INDICATOR:
                indicators.append(string_value(c).strip(" \t\n\r"))
                if indicator is None:
                    indicator = indicators[0]
            elif tag == _B_AMOUNT:
                amounts.append(string_value(c))
            elif tag == _B_BASE_AMOUNT:
                if base is None:
                    base = string_value(c)
            elif tag in _REASONS:
                reason = True
            elif tag == _G_TAX_CATEGORY:
                categories.append(c)
        #: ``cbc:ChargeIndicator`` cast to ``xs:boolean``; None when absent or not a boolean
        self.charge = (
            True if indicator in ("true", "1") else False if indicator in ("false", "0") else None
        )
        #: every ``cbc:ChargeIndicator`` cast to ``xs:boolean``: the predicate
        #: ``[cbc:ChargeIndicator = false()]`` is a general comparison, true when any of them
        #: is false (an allowance/charge with both values is an allowance and a charge)
        self.charges = frozenset(
            {"true": True, "1": True, "false": False, "0": False}[value]
            for value in indicators
            if value in ("true", "1", "false", "0")
        )
        #: string values of every ``cbc:Amount`` (the first is BT-92/99/136/141)
        self.amounts = amounts
        #: string value of the first ``cbc:BaseAmount``, None without one
        self.base = base
        #: ``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``
        self.has_reason = reason
        self.categories = categories


class PeriodFacts:
    """One ``cac:InvoicePeriod``: its dates and whether it is a line period (BG-26)."""

    __slots__ = ("description", "el", "end", "in_line", "start")

    def __init__(self, el: etree._Element) -> None:
        self.el = el
        parent = el.getparent()
        self.in_line = parent is not None and parent.tag in (
            CAC + "InvoiceLine",
            CAC + "CreditNoteLine",
        )
        start: str | None = None
        end: str | None = None
        description = False
        for c in el:
            tag = c.tag
            if tag == _START and start is None:
                start = string_value(c)
            elif tag == _END and end is None:
                end = string_value(c)
            elif tag == _DESCRIPTION:
                description = True
        #: string value of the first ``cbc:StartDate`` / ``cbc:EndDate``, None without one
        self.start = start
        self.end = end
        #: ``exists(cbc:DescriptionCode)``
        self.description = description


class LineFacts:
    """What the rules read of one ``cac:InvoiceLine`` / ``cac:CreditNoteLine``, from one pass
    over its children (and those of its ``cac:Item`` and ``cac:Price``)."""

    __slots__ = (
        "allowances",
        "amounts",
        "bases",
        "categories",
        "classification_codes",
        "el",
        "first_id",
        "item_name",
        "prices",
        "quantity",
        "standard_ids",
        "tag",
        "top",
        "unit",
    )

    def __init__(self, el: etree._Element, ix: Index) -> None:
        self.el = el
        self.tag = el.tag
        self.top = el.getparent() is ix.root
        first_id: str | None = None
        quantity = unit = False
        amounts: list[str] = []
        names: list[str] = []
        prices: list[float] = []
        bases: list[float] = []
        allowances: list[etree._Element] = []
        categories: list[etree._Element] = []
        standard_ids: list[etree._Element] = []
        codes: list[etree._Element] = []
        for c in el:
            tag = c.tag
            if tag == _ID:
                if first_id is None:
                    first_id = string_value(c)
            elif tag in _QUANTITIES:
                quantity = True
                if c.get("unitCode") is not None:
                    unit = True
            elif tag == _B_LINE_EXTENSION_AMOUNT:
                amounts.append(string_value(c))
            elif tag == _G_ITEM:
                for i in c:
                    itag = i.tag
                    if itag == _B_NAME:
                        names.append(string_value(i))
                    elif itag == _G_CLASSIFIED_TAX_CATEGORY:
                        categories.append(i)
                    elif itag == _G_STANDARD_ITEM_IDENTIFICATION:
                        standard_ids.extend(x for x in i if x.tag == _ID)
                    elif itag == _G_COMMODITY_CLASSIFICATION:
                        codes.extend(x for x in i if x.tag == _B_ITEM_CLASSIFICATION_CODE)
            elif tag == _G_PRICE:
                for i in c:
                    itag = i.tag
                    if itag == _B_PRICE_AMOUNT:
                        prices.append(number(string_value(i)))
                    elif itag == _G_ALLOWANCE_CHARGE:
                        bases.extend(number(string_value(x)) for x in i if x.tag == _B_BASE_AMOUNT)
            elif tag == _G_ALLOWANCE_CHARGE:
                allowances.append(c)
        #: string value of the first ``cbc:ID`` (BT-126), None without one
        self.first_id = first_id
        #: ``exists(cbc:InvoicedQuantity) or exists(cbc:CreditedQuantity)``
        self.quantity = quantity
        #: one of them has ``@unitCode``
        self.unit = unit
        #: string values of every ``cbc:LineExtensionAmount`` (BT-131)
        self.amounts = amounts
        #: string value of the first ``cac:Item/cbc:Name`` (BT-153), None without one
        self.item_name = names[0] if names else None
        #: every ``cac:Price/cbc:PriceAmount`` (BT-146) cast for a numeric comparison
        self.prices = prices
        #: every ``cac:Price/cac:AllowanceCharge/cbc:BaseAmount`` (BT-148), cast likewise
        self.bases = bases
        #: the line's own ``cac:AllowanceCharge`` elements (BG-27, BG-28)
        self.allowances = allowances
        #: ``cac:Item/cac:ClassifiedTaxCategory`` elements
        self.categories = categories
        #: ``cac:Item/cac:StandardItemIdentification/cbc:ID`` elements (BT-157)
        self.standard_ids = standard_ids
        #: ``cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode`` elements (BT-158)
        self.classification_codes = codes


class _AllowanceMap(dict[etree._Element, AllowanceFacts]):
    """Allowance facts by element, computed when first asked for."""

    def __init__(self, ix: Index) -> None:
        super().__init__()
        # a weak reference: the index holds this map, and a cycle would keep the whole
        # index (every element proxy of the document) alive until the cyclic collector runs
        self.ix = weakref.ref(ix)

    def __missing__(self, el: etree._Element) -> AllowanceFacts:
        ix = self.ix()
        assert ix is not None  # the index holds this map
        facts = self[el] = AllowanceFacts(el, ix)
        return facts


class Index:
    """Per-document lookup tables shared by the model rules.

    One walk collects the elements by tag (:meth:`all`); the children of an element are
    grouped by tag on first use (:meth:`kids`) and kept, so the many rules that look into the
    same line, totals or party pay for the walk over its children once.
    """

    def __init__(self, doc: Document) -> None:
        root = doc.root
        self.root = root
        #: the document's shared element index (one walk for every rule family)
        by_tag: dict[str, list[etree._Element]] = doc.by_tag()
        self.by_tag = by_tag
        self._kids: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self._vat: dict[etree._Element, bool] = {}
        self._memo: dict[str, object] = {}
        #: :class:`AllowanceFacts` by ``cac:AllowanceCharge`` element, made on first use
        self.allowance = _AllowanceMap(self)
        #: every ``cac:TaxCategory`` (document, line, breakdown level)
        self.tax_categories = [TaxCat(e, self) for e in by_tag.get(CAC + "TaxCategory", _EMPTY)]
        #: every ``cac:ClassifiedTaxCategory``
        self.classified = [
            TaxCat(e, self) for e in by_tag.get(CAC + "ClassifiedTaxCategory", _EMPTY)
        ]
        #: the category facts by element
        self.category = {t.el: t for t in self.tax_categories}
        self.category.update((t.el, t) for t in self.classified)
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
        found = self._kids.get(el)
        if found is None:
            found = self.kids(el)
        return found.get(tag, _EMPTY)

    def path(self, el: etree._Element | None, *tags: str) -> list[etree._Element]:
        """``el/t1/t2/...``: every element at the end of the path."""
        if el is None:
            return _EMPTY
        kids = self._kids
        found = (kids.get(el) or self.kids(el)).get(tags[0], _EMPTY)
        for tag in tags[1:]:
            if not found:
                return _EMPTY
            if len(found) == 1:
                one = found[0]
                found = (kids.get(one) or self.kids(one)).get(tag, _EMPTY)
            else:
                found = [c for f in found for c in (kids.get(f) or self.kids(f)).get(tag, _EMPTY)]
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
        return normalize_space(self.text(el, *tags)) != ""

    def vat(self, category: etree._Element) -> bool:
        """``[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']`` on a category or
        ``cac:PartyTaxScheme``."""
        found = self._vat.get(category)
        if found is None:
            found = any(
                normalize_space(self.text(scheme, CBC + "ID")).upper() == "VAT"
                for scheme in self.children(category, CAC + "TaxScheme")
            )
            self._vat[category] = found
        return found

    def indicator(self, allowance_charge: etree._Element) -> bool | None:
        """``cbc:ChargeIndicator`` cast to ``xs:boolean``; None when absent or not a boolean."""
        return self.allowance[allowance_charge].charge

    # -- contexts ---------------------------------------------------------------------------------
    def all(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark tag, anywhere, in document order."""
        return self.by_tag.get(tag, _EMPTY)

    def under(self, tag: str, *parents: str) -> Iterator[etree._Element]:
        """Elements ``tag`` whose ancestors, nearest first, are ``parents`` (``p2/p1/tag``)."""
        for el in self.all(tag):
            node: etree._Element | None = el
            for parent_tag in parents:
                assert node is not None
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

    def line_facts(self) -> list[LineFacts]:
        """:class:`LineFacts` of every line, in document order."""
        memo = self._memo.get("line_facts")
        if memo is None:
            memo = self._memo["line_facts"] = [LineFacts(line, self) for line in self.lines()]
        return memo  # type: ignore[return-value]

    def periods(self) -> list[PeriodFacts]:
        """:class:`PeriodFacts` of every ``cac:InvoicePeriod``, in document order."""
        memo = self._memo.get("periods")
        if memo is None:
            memo = self._memo["periods"] = [PeriodFacts(p) for p in self.all(CAC + "InvoicePeriod")]
        return memo  # type: ignore[return-value]

    def document_allowances(self, charge: bool) -> list[etree._Element]:
        """``/*/cac:AllowanceCharge[cbc:ChargeIndicator = charge]`` (BG-20 / BG-21)."""
        return [
            ac
            for ac in self.top(CAC + "AllowanceCharge")
            if first_rule(self.allowance[ac].charges, charge)
        ]

    def line_allowances(self, charge: bool) -> list[etree._Element]:
        """``//cac:InvoiceLine/cac:AllowanceCharge[...]`` and the credit-note twin (BG-27/28)."""
        key = f"line_allowances.{charge}"
        memo = self._memo.get(key)
        if memo is None:
            memo = self._memo[key] = [
                ac
                for line in self.line_facts()
                for ac in line.allowances
                if first_rule(self.allowance[ac].charges, charge)
            ]
        return memo  # type: ignore[return-value]

    def flag(self, name: str, compute: Callable[[], bool]) -> bool:
        """A memoised per-document boolean."""
        return self.memo(name, compute)

    def memo(self, name: str, compute: Callable[[], _T]) -> _T:
        """A per-document value computed once (``compute`` takes no argument)."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]  # type: ignore[return-value]

    @property
    def category_codes(self) -> frozenset[str]:
        """Every VAT category code in the document, as written and normalised, in any
        ``cac:TaxCategory`` or ``cac:ClassifiedTaxCategory``."""
        return self.memo(
            "category_codes",
            lambda: frozenset(
                code
                for t in (*self.tax_categories, *self.classified)
                for code in (*t.codes, *t.raw_codes)
            ),
        )

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
                self.has(party, CAC + "Party", CAC + "PartyLegalEntity", CBC + "CompanyID")
                for party in self.all(CAC + "AccountingCustomerParty")
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
