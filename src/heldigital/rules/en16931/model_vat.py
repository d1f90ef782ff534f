"""EN 16931 VAT category rules in the UBL binding.

EN 16931-1:2017 clause 6.4.5 ff.: one group of rules per VAT category code
(UNCL 5305) - ``S`` standard rated (BR-S), ``Z`` zero rated (BR-Z), ``E``
exempt (BR-E), ``AE`` reverse charge (BR-AE), ``K`` intra-community supply
(BR-IC), ``G`` export outside the EU (BR-G), ``O`` not subject to VAT
(BR-O), ``L`` Canary Islands IGIC (BR-AF), ``M`` Ceuta and Melilla IPSI
(BR-AG) and ``B`` Italian split payment (BR-B) - as bound to UBL 2.1 by
CEN/TS 16931-3-2. The tests follow the official assertions in
ConnectingEurope/eInvoicing-EN16931 ``ubl/schematron/UBL/EN16931-UBL-model.sch``
with their differences between categories (which ones filter on the VAT
tax scheme, compare codes with or without ``normalize-space``, count or
test for existence); the helpers below name each variant.

``[VAT]`` in the docstrings abbreviates the predicate
``[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal

from lxml import etree

from heldigital.rules.core import Document, Hit
from heldigital.rules.en16931._registry import REGISTRY, rule
from heldigital.rules.en16931.model_base import CAC, CBC, Index, TaxCat, first_rule, index
from heldigital.rules.en16931.model_core import document_root
from heldigital.rules.xpath import number, round2, string_value, xs_decimal

__all__: list[str] = []

_INVOICE_LINE = CAC + "InvoiceLine"
_CREDIT_NOTE_LINE = CAC + "CreditNoteLine"


# -- what the document uses ------------------------------------------------------------------
def _line_uses(ix: Index, code: str, *, vat: bool = True) -> bool:
    """``exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = code][VAT])``
    (without ``[VAT]`` when ``vat`` is false)."""
    return any(t.code == code and (t.vat or not vat) for t in ix.classified)


def _allowance_uses(
    ix: Index,
    code: str,
    charge: bool,
    *,
    vat: bool = True,
    exact: bool = False,
    document_level: bool = False,
) -> bool:
    """``exists(//cac:AllowanceCharge[cbc:ChargeIndicator=charge]/cac:TaxCategory[
    normalize-space(cbc:ID) = code][VAT])``; ``exact`` compares ``cbc:ID = code`` without
    normalising, ``document_level`` reads ``(/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge``.
    """
    for t in ix.allowance_categories:
        if charge not in t.charges or (vat and not t.vat) or (document_level and not t.doc_level):
            continue
        if (code in t.raw_codes) if exact else (t.code == code):
            return True
    return False


def _absent(doc: Document, code: str) -> bool:
    """No tax category of the document carries ``code``: the rules of that category, whose
    tests all start from such a category, cannot fail."""
    return code not in index(doc).category_codes


_FACT = "@en16931:vat:"


@REGISTRY.facts
def _category_facts(doc: Document) -> Iterator[str]:
    """``@en16931:vat:CODE`` for every category code in the document (see :func:`_absent`)."""
    return (_FACT + code for code in index(doc).category_codes)


def _used(code: str) -> list[str]:
    """The rule context of a rule that begins with ``if _absent(doc, code): return``: such a
    rule is not called for a document without the code (:class:`heldigital.rules.core.Rule`)."""
    return [_FACT + code]


def _root_unless(doc: Document, ok: bool) -> Iterator[Hit]:
    root = document_root(doc)
    if root is not None and not ok:
        yield root


def _requires(
    doc: Document, used: bool, condition: bool, guard: bool | None = None
) -> Iterator[Hit]:
    """The official shape ``(exists(USE) and CONDITION) or not(exists(GUARD))``.

    ``guard`` is the existence test of the second branch; it is the same as ``used`` except
    where the official expression words the two differently.
    """
    yield from _root_unless(doc, (used and condition) or not (used if guard is None else guard))


# -- contexts ---------------------------------------------------------------------------------
def _line_categories(doc: Document, code: str) -> list[TaxCat]:
    """``cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = code][VAT]``
    (and the credit-note line)."""
    ix = index(doc)
    return [t for t in ix.classified if t.in_line and t.code == code and t.vat]


def _allowance_categories(doc: Document, code: str, charge: bool) -> list[TaxCat]:
    """``cac:AllowanceCharge[cbc:ChargeIndicator=charge]/cac:TaxCategory[normalize-space(cbc:ID)
    = code][VAT]``."""
    ix = index(doc)
    return [
        t
        for t in ix.allowance_categories
        if first_rule(t.charges, charge) and t.code == code and t.vat
    ]


def _breakdown_categories(doc: Document, code: str) -> list[TaxCat]:
    """``/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID) = code][VAT]``."""
    ix = index(doc)
    return [t for t in ix.breakdown if t.code == code and t.vat]


# -- rates -----------------------------------------------------------------------------------
def _rate_zero(categories: Iterable[TaxCat]) -> Iterator[Hit]:
    """``xs:decimal(cbc:Percent) = 0`` (a missing rate fails)."""
    for t in categories:
        if xs_decimal(t.percent) != 0:
            yield t.el


def _rate_positive(categories: Iterable[TaxCat]) -> Iterator[Hit]:
    """``(cbc:Percent) > 0``."""
    for t in categories:
        if not any(p is not None and p > 0 for p in t.numbers):
            yield t.el


def _rate_not_negative(categories: Iterable[TaxCat]) -> Iterator[Hit]:
    """``(cbc:Percent) >= 0``."""
    for t in categories:
        if not any(p is not None and p >= 0 for p in t.numbers):
            yield t.el


def _rate_absent(categories: Iterable[TaxCat]) -> Iterator[Hit]:
    """``not(cbc:Percent)``."""
    for t in categories:
        if t.numbers:
            yield t.el


# -- VAT breakdown arithmetic -----------------------------------------------------------------
class _Sums:
    """The breakdown sums of one document, gathered in one pass over lines and allowances.

    Keys are ``(kind, code)`` and ``(kind, code, rate)`` where kind is the line tag,
    ``"charge"`` or ``"allowance"``; only document-level lines and allowances/charges count
    (``../../../cac:InvoiceLine`` from the breakdown category). The predicates are
    existential, as in XPath: a line counts for every code and every rate among its
    categories.
    """

    def __init__(self, ix: Index) -> None:
        self.by_code: dict[tuple[str, str], Decimal] = {}
        self.by_rate: dict[tuple[str, str, Decimal | None], Decimal] = {}
        #: ``(line tag, code, rate)`` of every line, any level (``//cac:InvoiceLine[...]``)
        self.line_uses: set[tuple[str, str, Decimal | None]] = set()
        #: ``(code, rate)`` of every allowance/charge, any level (``//cac:AllowanceCharge[...]``)
        self.allowance_uses: set[tuple[str, Decimal | None]] = set()
        category = ix.category
        line_uses = self.line_uses
        for line in ix.line_facts():
            if len(line.categories) == 1:
                # the usual line, one category: one code and one rate (no sets to build)
                t = category[line.categories[0]]
                code, rate = t.code, xs_decimal(t.percent)
                line_uses.add((line.tag, code, rate))
                if line.top:
                    self._add(line.tag, (code,), (rate,), line.amounts)
                continue
            cats = [category[c] for c in line.categories]
            codes = {t.code for t in cats}
            rates = {xs_decimal(t.percent) for t in cats}
            line_uses.update((line.tag, c, r) for c in codes for r in rates)
            if line.top:
                self._add(line.tag, codes, rates, line.amounts)
        groups: dict[etree._Element, list[TaxCat]] = {}
        for t in ix.allowance_categories:
            parent = t.el.getparent()
            if parent is not None:
                groups.setdefault(parent, []).append(t)
        for allowance_charge, cats in groups.items():
            codes = {t.code for t in cats}
            rates = {xs_decimal(t.percent) for t in cats}
            self.allowance_uses.update((c, r) for c in codes for r in rates)
            facts = ix.allowance[allowance_charge]
            if facts.top:
                for charge in sorted(facts.charges):
                    self._add("charge" if charge else "allowance", codes, rates, facts.amounts)

    def _add(
        self,
        kind: str,
        codes: Collection[str],
        rates: Collection[Decimal | None],
        amounts: list[str],
    ) -> None:
        """Add the line's or allowance's amounts to the sums of each of its distinct codes and
        rates (``codes`` and ``rates`` hold no duplicates)."""
        values = [v for v in map(xs_decimal, amounts) if v is not None]
        if not values:
            return
        amount = sum(values, Decimal(0))
        for code in codes:
            self.by_code[kind, code] = self.by_code.get((kind, code), Decimal(0)) + amount
            for rate in rates:
                key = (kind, code, rate)
                self.by_rate[key] = self.by_rate.get(key, Decimal(0)) + amount

    def expected(self, line_tag: str, code: str, rate: Decimal | None = None) -> Decimal:
        """``sum(../../../LINE[code]/xs:decimal(cbc:LineExtensionAmount)) +
        sum(../../../cac:AllowanceCharge[cbc:ChargeIndicator=true()][code]/xs:decimal(cbc:Amount))
        - sum(../../../cac:AllowanceCharge[cbc:ChargeIndicator=false()][code]/xs:decimal(
        cbc:Amount))`` where ``[code]`` is ``[cac:.../normalize-space(cbc:ID) = code]`` and,
        with a ``rate``, also ``[cac:.../xs:decimal(cbc:Percent) = rate]``."""
        zero = Decimal(0)
        if rate is None:
            get = self.by_code.get
            return (get((line_tag, code), zero) + get(("charge", code), zero)) - get(
                ("allowance", code), zero
            )
        get_rate = self.by_rate.get
        return (
            get_rate((line_tag, code, rate), zero) + get_rate(("charge", code, rate), zero)
        ) - get_rate(("allowance", code, rate), zero)


def _sums(ix: Index) -> _Sums:
    return ix.memo("vat.sums", lambda: _Sums(ix))


def _taxable_exact(doc: Document, code: str) -> Iterator[Hit]:
    """``(exists(//cac:InvoiceLine) and (xs:decimal(../cbc:TaxableAmount) = EXPECTED)) or
    (exists(//cac:CreditNoteLine) and (...))`` with EXPECTED as in :meth:`_Sums.expected`."""
    ix = index(doc)
    kinds = [tag for tag in (_INVOICE_LINE, _CREDIT_NOTE_LINE) if ix.all(tag)]
    for t in _breakdown_categories(doc, code):
        stated = xs_decimal(ix.text(t.el.getparent(), CBC + "TaxableAmount"))
        sums = _sums(ix)
        if not any(stated == sums.expected(tag, code) for tag in kinds):
            yield t.el


def _plus_minus_one(text: str | None) -> tuple[Decimal, Decimal] | None:
    """``xs:decimal(cbc:TaxableAmount - 1)`` and ``xs:decimal(cbc:TaxableAmount + 1)``: the
    untyped amount minus/plus the integer 1 is ``xs:double`` arithmetic, cast back to
    ``xs:decimal`` exactly (``46.37 - 1`` is 45.36999999999999744…, below 45.37). None
    when the amount is no number (the comparison is then false)."""
    double = number(text)
    if not math.isfinite(double):
        return None  # NaN, or an infinite amount the cast back to xs:decimal refuses
    return Decimal(double - 1), Decimal(double + 1)


def _taxable_by_rate(doc: Document, code: str, *, require_use: bool) -> Iterator[Hit]:
    """``every $rate in xs:decimal(cbc:Percent) satisfies (USE and
    ../xs:decimal(cbc:TaxableAmount - 1) < EXPECTED and ../xs:decimal(cbc:TaxableAmount + 1) >
    EXPECTED)`` for the invoice and the credit note line, with EXPECTED per rate as in
    :meth:`_Sums.expected` - a tolerance of one unit.

    USE is, with ``require_use`` (BR-S-08), ``exists(//LINE[code][rate]) or
    exists(//cac:AllowanceCharge[code][rate])``; without it (BR-AF-08, BR-AG-08) it is
    ``exists(//LINE)``.
    """
    ix = index(doc)
    sums = _sums(ix)
    for t in _breakdown_categories(doc, code):
        if not ix.has(t.el, CBC + "Percent"):
            continue  # every ... in (): true
        rate = xs_decimal(t.percent)
        if rate is None:
            continue  # the cast fails: a dynamic error, no assertion reported
        bounds = _plus_minus_one(ix.text(t.el.getparent(), CBC + "TaxableAmount"))
        ok = False
        for tag in (_INVOICE_LINE, _CREDIT_NOTE_LINE):
            if require_use:
                used = (tag, code, rate) in sums.line_uses or (code, rate) in sums.allowance_uses
            else:
                used = bool(ix.all(tag))
            if used and bounds is not None:
                expected = sums.expected(tag, code, rate)
                if bounds[0] < expected < bounds[1]:
                    ok = True
                    break
        if not ok:
            yield t.el


def _tax_zero(doc: Document, code: str) -> Iterator[Hit]:
    """``xs:decimal(../cbc:TaxAmount) = 0``."""
    ix = index(doc)
    for t in _breakdown_categories(doc, code):
        if xs_decimal(ix.text(t.el.getparent(), CBC + "TaxAmount")) != 0:
            yield t.el


def _tax_by_rate(doc: Document, code: str) -> Iterator[Hit]:
    """``abs(xs:decimal(../cbc:TaxAmount)) - 1 < round((abs(xs:decimal(../cbc:TaxableAmount)) *
    (xs:decimal(cbc:Percent) div 100)) * 10 * 10) div 100`` and the same ``+ 1 >``."""
    ix = index(doc)
    for t in _breakdown_categories(doc, code):
        subtotal = t.el.getparent()
        tax = xs_decimal(ix.text(subtotal, CBC + "TaxAmount"))
        taxable = xs_decimal(ix.text(subtotal, CBC + "TaxableAmount"))
        rate = xs_decimal(t.percent)
        if tax is None or taxable is None or rate is None:
            yield t.el
            continue
        expected = round2(abs(taxable) * (rate / 100))
        if not abs(tax) - 1 < expected < abs(tax) + 1:
            yield t.el


def _no_exemption(doc: Document, code: str) -> Iterator[Hit]:
    """``not(cbc:TaxExemptionReason) and not(cbc:TaxExemptionReasonCode)``."""
    for t in _breakdown_categories(doc, code):
        if t.exempt:
            yield t.el


def _exemption(doc: Document, code: str) -> Iterator[Hit]:
    """``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``."""
    for t in _breakdown_categories(doc, code):
        if not t.exempt:
            yield t.el


def _exactly_one_in_breakdown(doc: Document, code: str) -> Iterator[Hit]:
    """``((exists(//cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = code]) or
    exists(//cac:ClassifiedTaxCategory[VAT]/cbc:ID[normalize-space(.) = code])) and
    (count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) = code])
    = 1)) or (not(...) and not(...))`` - ``//cac:TaxCategory`` includes the breakdown itself."""
    ix = index(doc)
    used = any(t.vat and code in t.codes for t in ix.tax_categories) or any(
        t.vat and code in t.codes for t in ix.classified
    )
    count = sum(t.codes.count(code) for t in ix.breakdown if t.vat)
    yield from _root_unless(doc, not used or count == 1)


@rule(
    "BR-S-02",
    context=_used("S"),
)
def br_s_02(doc: Document) -> Iterator[Hit]:
    """BR-S-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Standard rated" shall contain the Seller VAT Identifier
    (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'S'][VAT]``, the
    seller has any tax identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier. The second branch of the official test,
    ``not(exists(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'S']))``, has no
    tax-scheme filter.
    """
    if _absent(doc, "S"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _line_uses(ix, "S"),
        ix.seller_tax_id or ix.tax_representative_vat_id,
        guard=_line_uses(ix, "S", vat=False),
    )


@rule(
    "BR-S-03",
    context=_used("S"),
)
def br_s_03(doc: Document) -> Iterator[Hit]:
    """BR-S-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Standard rated" shall contain the Seller
    VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller
    tax representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'S'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "S"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "S", False), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-S-04",
    context=_used("S"),
)
def br_s_04(doc: Document) -> Iterator[Hit]:
    """BR-S-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Standard rated" shall contain the Seller VAT
    Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'S'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "S"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "S", True), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-S-05",
    context=_used("S"),
)
def br_s_05(doc: Document) -> Iterator[Hit]:
    """BR-S-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Standard rated" the Invoiced item VAT rate (BT-152) shall be greater than zero.

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``S`` and the VAT
    scheme; official test: ``(cbc:Percent) > 0``.
    """
    if _absent(doc, "S"):
        return
    yield from _rate_positive(_line_categories(doc, "S"))


@rule(
    "BR-S-06",
    context=_used("S"),
)
def br_s_06(doc: Document) -> Iterator[Hit]:
    """BR-S-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Standard rated" the Document level allowance VAT rate (BT-96)
    shall be greater than zero.

    Context: allowance ``cac:TaxCategory`` with code ``S`` and the VAT scheme; official
    test: ``(cbc:Percent) > 0``.
    """
    if _absent(doc, "S"):
        return
    yield from _rate_positive(_allowance_categories(doc, "S", charge=False))


@rule(
    "BR-S-07",
    context=_used("S"),
)
def br_s_07(doc: Document) -> Iterator[Hit]:
    """BR-S-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Standard rated" the Document level charge VAT rate (BT-103) shall be
    greater than zero.

    Context: charge ``cac:TaxCategory`` with code ``S`` and the VAT scheme; official
    test: ``(cbc:Percent) > 0``.
    """
    if _absent(doc, "S"):
        return
    yield from _rate_positive(_allowance_categories(doc, "S", charge=True))


@rule(
    "BR-S-08",
    context=_used("S"),
)
def br_s_08(doc: Document) -> Iterator[Hit]:
    """BR-S-08: For each different value of VAT category rate (BT-119) where the VAT category code
    (BT-118) is "Standard rated", the VAT category taxable amount (BT-116) in a VAT
    breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum
    of document level charge amounts (BT-99) minus the sum of document level allowance
    amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is "Standard rated"
    and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``S`` and the VAT scheme;
    official test: see :func:`_taxable_by_rate` (``require_use``).
    """
    if _absent(doc, "S"):
        return
    yield from _taxable_by_rate(doc, "S", require_use=True)


@rule(
    "BR-S-09",
    context=_used("S"),
)
def br_s_09(doc: Document) -> Iterator[Hit]:
    """BR-S-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category
    code (BT-118) is "Standard rated" shall equal the VAT category taxable amount (BT-116)
    multiplied by the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``S`` and the VAT scheme;
    official test: see :func:`_tax_by_rate`.
    """
    if _absent(doc, "S"):
        return
    yield from _tax_by_rate(doc, "S")


@rule(
    "BR-S-10",
    context=_used("S"),
)
def br_s_10(doc: Document) -> Iterator[Hit]:
    """BR-S-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "Standard rate" shall not
    have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``S`` and the VAT scheme;
    official test: ``not(cbc:TaxExemptionReason) and not(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "S"):
        return
    yield from _no_exemption(doc, "S")


@rule(
    "BR-Z-01",
    context=_used("Z"),
)
def br_z_01(doc: Document) -> Iterator[Hit]:
    """BR-Z-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Zero rated" shall contain in the VAT breakdown (BG-23) exactly one VAT
    category code (BT-118) equal with "Zero rated".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``Z``.
    """
    if _absent(doc, "Z"):
        return
    yield from _exactly_one_in_breakdown(doc, "Z")


@rule(
    "BR-Z-02",
    context=_used("Z"),
)
def br_z_02(doc: Document) -> Iterator[Hit]:
    """BR-Z-02: An Invoice that contains an Invoice line where the Invoiced item VAT category code
    (BT-151) is "Zero rated" shall contain the Seller VAT Identifier (BT-31), the Seller tax
    registration identifier (BT-32) and/or the Seller tax representative VAT identifier
    (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'Z'][VAT]``, the
    seller has any tax identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "Z"):
        return
    ix = index(doc)
    yield from _requires(doc, _line_uses(ix, "Z"), ix.seller_tax_id or ix.tax_representative_vat_id)


@rule(
    "BR-Z-03",
    context=_used("Z"),
)
def br_z_03(doc: Document) -> Iterator[Hit]:
    """BR-Z-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Zero rated" shall contain the Seller VAT
    Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'Z'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "Z"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "Z", False), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-Z-04",
    context=_used("Z"),
)
def br_z_04(doc: Document) -> Iterator[Hit]:
    """BR-Z-04: An Invoice that contains a Document level charge where the Document level charge
    VAT category code (BT-102) is "Zero rated" shall contain the Seller VAT Identifier
    (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'Z'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "Z"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "Z", True), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-Z-05",
    context=_used("Z"),
)
def br_z_05(doc: Document) -> Iterator[Hit]:
    """BR-Z-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Zero rated" the Invoiced item VAT rate (BT-152) shall be 0 (zero).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``Z`` and the VAT
    scheme; official test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "Z"):
        return
    yield from _rate_zero(_line_categories(doc, "Z"))


@rule(
    "BR-Z-06",
    context=_used("Z"),
)
def br_z_06(doc: Document) -> Iterator[Hit]:
    """BR-Z-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Zero rated" the Document level allowance VAT rate (BT-96)
    shall be 0 (zero).

    Context: allowance ``cac:TaxCategory`` with code ``Z`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "Z"):
        return
    yield from _rate_zero(_allowance_categories(doc, "Z", charge=False))


@rule(
    "BR-Z-07",
    context=_used("Z"),
)
def br_z_07(doc: Document) -> Iterator[Hit]:
    """BR-Z-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Zero rated" the Document level charge VAT rate (BT-103) shall be 0
    (zero).

    Context: charge ``cac:TaxCategory`` with code ``Z`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "Z"):
        return
    yield from _rate_zero(_allowance_categories(doc, "Z", charge=True))


@rule(
    "BR-Z-08",
    context=_used("Z"),
)
def br_z_08(doc: Document) -> Iterator[Hit]:
    """BR-Z-08: In a VAT breakdown (BG-23) where VAT category code (BT-118) is "Zero rated" the VAT
    category taxable amount (BT-116) shall equal the sum of Invoice line net amount (BT-131)
    minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level
    charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are "Zero
    rated".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``Z`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "Z"):
        return
    yield from _taxable_exact(doc, "Z")


@rule(
    "BR-Z-09",
    context=_used("Z"),
)
def br_z_09(doc: Document) -> Iterator[Hit]:
    """BR-Z-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category
    code (BT-118) is "Zero rated" shall equal 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``Z`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "Z"):
        return
    yield from _tax_zero(doc, "Z")


@rule(
    "BR-Z-10",
    context=_used("Z"),
)
def br_z_10(doc: Document) -> Iterator[Hit]:
    """BR-Z-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "Zero rated" shall not have
    a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``Z`` and the VAT scheme;
    official test: ``not(cbc:TaxExemptionReason) and not(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "Z"):
        return
    yield from _no_exemption(doc, "Z")


@rule(
    "BR-E-01",
    context=_used("E"),
)
def br_e_01(doc: Document) -> Iterator[Hit]:
    """BR-E-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Exempt from VAT" shall contain exactly one VAT breakdown (BG-23) with the
    VAT category code (BT-118) equal to "Exempt from VAT".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``E``.
    """
    if _absent(doc, "E"):
        return
    yield from _exactly_one_in_breakdown(doc, "E")


@rule(
    "BR-E-02",
    context=_used("E"),
)
def br_e_02(doc: Document) -> Iterator[Hit]:
    """BR-E-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Exempt from VAT" shall contain the Seller VAT Identifier
    (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'E'][VAT]``, the
    seller has any tax identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "E"):
        return
    ix = index(doc)
    yield from _requires(doc, _line_uses(ix, "E"), ix.seller_tax_id or ix.tax_representative_vat_id)


@rule(
    "BR-E-03",
    context=_used("E"),
)
def br_e_03(doc: Document) -> Iterator[Hit]:
    """BR-E-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Exempt from VAT" shall contain the Seller
    VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller
    tax representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'E'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "E"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "E", False), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-E-04",
    context=_used("E"),
)
def br_e_04(doc: Document) -> Iterator[Hit]:
    """BR-E-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Exempt from VAT" shall contain the Seller VAT
    Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'E'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "E"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "E", True), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-E-05",
    context=_used("E"),
)
def br_e_05(doc: Document) -> Iterator[Hit]:
    """BR-E-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Exempt from VAT", the Invoiced item VAT rate (BT-152) shall be 0 (zero).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``E`` and the VAT
    scheme; official test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "E"):
        return
    yield from _rate_zero(_line_categories(doc, "E"))


@rule(
    "BR-E-06",
    context=_used("E"),
)
def br_e_06(doc: Document) -> Iterator[Hit]:
    """BR-E-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Exempt from VAT", the Document level allowance VAT rate
    (BT-96) shall be 0 (zero).

    Context: allowance ``cac:TaxCategory`` with code ``E`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "E"):
        return
    yield from _rate_zero(_allowance_categories(doc, "E", charge=False))


@rule(
    "BR-E-07",
    context=_used("E"),
)
def br_e_07(doc: Document) -> Iterator[Hit]:
    """BR-E-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Exempt from VAT", the Document level charge VAT rate (BT-103) shall be
    0 (zero).

    Context: charge ``cac:TaxCategory`` with code ``E`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "E"):
        return
    yield from _rate_zero(_allowance_categories(doc, "E", charge=True))


@rule(
    "BR-E-08",
    context=_used("E"),
)
def br_e_08(doc: Document) -> Iterator[Hit]:
    """BR-E-08: In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Exempt from
    VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net
    amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum
    of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95,
    BT-102) are "Exempt from VAT".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``E`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "E"):
        return
    yield from _taxable_exact(doc, "E")


@rule(
    "BR-E-09",
    context=_used("E"),
)
def br_e_09(doc: Document) -> Iterator[Hit]:
    """BR-E-09: The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where the VAT
    category code (BT-118) equals "Exempt from VAT" shall equal 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``E`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "E"):
        return
    yield from _tax_zero(doc, "E")


@rule(
    "BR-E-10",
    context=_used("E"),
)
def br_e_10(doc: Document) -> Iterator[Hit]:
    """BR-E-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "Exempt from VAT" shall
    have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``E`` and the VAT scheme;
    official test: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "E"):
        return
    yield from _exemption(doc, "E")


@rule(
    "BR-AE-01",
    context=_used("AE"),
)
def br_ae_01(doc: Document) -> Iterator[Hit]:
    """BR-AE-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Reverse charge" shall contain in the VAT Breakdown (BG-23) exactly one VAT
    category code (BT-118) equal with "VAT reverse charge".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``AE``.
    """
    if _absent(doc, "AE"):
        return
    yield from _exactly_one_in_breakdown(doc, "AE")


@rule(
    "BR-AE-02",
    context=_used("AE"),
)
def br_ae_02(doc: Document) -> Iterator[Hit]:
    """BR-AE-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Reverse charge" shall contain the Seller VAT Identifier
    (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the
    Buyer legal registration identifier (BT-47).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'AE'][VAT]``,
    the seller has any tax identifier or the tax representative a VAT identifier, and the
    buyer has a VAT identifier or a legal registration identifier
    (``cac:PartyLegalEntity/cbc:CompanyID``).
    """
    if _absent(doc, "AE"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _line_uses(ix, "AE"),
        (ix.seller_tax_id or ix.tax_representative_vat_id)
        and (ix.buyer_vat_id or ix.buyer_legal_id),
    )


@rule(
    "BR-AE-03",
    context=_used("AE"),
)
def br_ae_03(doc: Document) -> Iterator[Hit]:
    """BR-AE-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Reverse charge" shall contain the Seller
    VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller
    tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or
    the Buyer legal registration identifier (BT-47).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'AE'][VAT]``, the seller has any tax
    identifier or the tax representative a VAT identifier, and the buyer has a VAT
    identifier or a legal registration identifier (``cac:PartyLegalEntity/cbc:CompanyID``).
    """
    if _absent(doc, "AE"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "AE", False),
        (ix.seller_tax_id or ix.tax_representative_vat_id)
        and (ix.buyer_vat_id or ix.buyer_legal_id),
    )


@rule(
    "BR-AE-04",
    context=_used("AE"),
)
def br_ae_04(doc: Document) -> Iterator[Hit]:
    """BR-AE-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Reverse charge" shall contain the Seller VAT
    Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the
    Buyer legal registration identifier (BT-47).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'AE'][VAT]``, the seller has any tax
    identifier or the tax representative a VAT identifier, and the buyer has a VAT
    identifier or a legal registration identifier (``cac:PartyLegalEntity/cbc:CompanyID``).
    """
    if _absent(doc, "AE"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "AE", True),
        (ix.seller_tax_id or ix.tax_representative_vat_id)
        and (ix.buyer_vat_id or ix.buyer_legal_id),
    )


@rule(
    "BR-AE-05",
    context=_used("AE"),
)
def br_ae_05(doc: Document) -> Iterator[Hit]:
    """BR-AE-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Reverse charge" the Invoiced item VAT rate (BT-152) shall be 0 (zero).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``AE`` and the VAT
    scheme; official test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "AE"):
        return
    yield from _rate_zero(_line_categories(doc, "AE"))


@rule(
    "BR-AE-06",
    context=_used("AE"),
)
def br_ae_06(doc: Document) -> Iterator[Hit]:
    """BR-AE-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Reverse charge" the Document level allowance VAT rate (BT-96)
    shall be 0 (zero).

    Context: allowance ``cac:TaxCategory`` with code ``AE`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "AE"):
        return
    yield from _rate_zero(_allowance_categories(doc, "AE", charge=False))


@rule(
    "BR-AE-07",
    context=_used("AE"),
)
def br_ae_07(doc: Document) -> Iterator[Hit]:
    """BR-AE-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Reverse charge" the Document level charge VAT rate (BT-103) shall be 0
    (zero).

    Context: charge ``cac:TaxCategory`` with code ``AE`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "AE"):
        return
    yield from _rate_zero(_allowance_categories(doc, "AE", charge=True))


@rule(
    "BR-AE-08",
    context=_used("AE"),
)
def br_ae_08(doc: Document) -> Iterator[Hit]:
    """BR-AE-08: In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Reverse
    charge" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net
    amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum
    of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95,
    BT-102) are "Reverse charge".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``AE`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "AE"):
        return
    yield from _taxable_exact(doc, "AE")


@rule(
    "BR-AE-09",
    context=_used("AE"),
)
def br_ae_09(doc: Document) -> Iterator[Hit]:
    """BR-AE-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT
    category code (BT-118) is "Reverse charge" shall be 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``AE`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "AE"):
        return
    yield from _tax_zero(doc, "AE")


@rule(
    "BR-AE-10",
    context=_used("AE"),
)
def br_ae_10(doc: Document) -> Iterator[Hit]:
    """BR-AE-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "Reverse charge" shall
    have a VAT exemption reason code (BT-121), meaning "Reverse charge" or the VAT exemption
    reason text (BT-120) "Reverse charge" (or the equivalent standard text in another
    language).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``AE`` and the VAT scheme;
    official test: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "AE"):
        return
    yield from _exemption(doc, "AE")


@rule(
    "BR-IC-01",
    context=_used("K"),
)
def br_ic_01(doc: Document) -> Iterator[Hit]:
    """BR-IC-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Intra-community supply" shall contain in the VAT breakdown (BG-23) exactly
    one VAT category code (BT-118) equal with "Intra-community supply".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``K``.
    """
    if _absent(doc, "K"):
        return
    yield from _exactly_one_in_breakdown(doc, "K")


@rule(
    "BR-IC-02",
    context=_used("K"),
)
def br_ic_02(doc: Document) -> Iterator[Hit]:
    """BR-IC-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Intra-community supply" shall contain the Seller VAT
    Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer
    VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'K'][VAT]``, the
    seller or the tax representative has a VAT identifier
    (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``) and so has the buyer.
    """
    if _absent(doc, "K"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _line_uses(ix, "K"),
        (ix.seller_vat_id or ix.tax_representative_vat_id) and ix.buyer_vat_id,
    )


@rule(
    "BR-IC-03",
    context=_used("K"),
)
def br_ic_03(doc: Document) -> Iterator[Hit]:
    """BR-IC-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Intra-community supply" shall contain the
    Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63)
    and the Buyer VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'K'][VAT]``, the seller or the tax
    representative has a VAT identifier (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``) and so
    has the buyer.
    """
    if _absent(doc, "K"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "K", False),
        (ix.seller_vat_id or ix.tax_representative_vat_id) and ix.buyer_vat_id,
    )


@rule(
    "BR-IC-04",
    context=_used("K"),
)
def br_ic_04(doc: Document) -> Iterator[Hit]:
    """BR-IC-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Intra-community supply" shall contain the Seller
    VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the
    Buyer VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'K'][VAT]``, the seller or the tax
    representative has a VAT identifier (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``) and so
    has the buyer.
    """
    if _absent(doc, "K"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "K", True),
        (ix.seller_vat_id or ix.tax_representative_vat_id) and ix.buyer_vat_id,
    )


@rule(
    "BR-IC-05",
    context=_used("K"),
)
def br_ic_05(doc: Document) -> Iterator[Hit]:
    """BR-IC-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Intracommunity supply" the Invoiced item VAT rate (BT-152) shall be 0 (zero).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``K`` and the VAT
    scheme; official test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "K"):
        return
    yield from _rate_zero(_line_categories(doc, "K"))


@rule(
    "BR-IC-06",
    context=_used("K"),
)
def br_ic_06(doc: Document) -> Iterator[Hit]:
    """BR-IC-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Intra-community supply" the Document level allowance VAT rate
    (BT-96) shall be 0 (zero).

    Context: allowance ``cac:TaxCategory`` with code ``K`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "K"):
        return
    yield from _rate_zero(_allowance_categories(doc, "K", charge=False))


@rule(
    "BR-IC-07",
    context=_used("K"),
)
def br_ic_07(doc: Document) -> Iterator[Hit]:
    """BR-IC-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Intra-community supply" the Document level charge VAT rate (BT-103)
    shall be 0 (zero).

    Context: charge ``cac:TaxCategory`` with code ``K`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "K"):
        return
    yield from _rate_zero(_allowance_categories(doc, "K", charge=True))


@rule(
    "BR-IC-08",
    context=_used("K"),
)
def br_ic_08(doc: Document) -> Iterator[Hit]:
    """BR-IC-08: In a VAT breakdown (BG-23) where the VAT category code (BT-118) is
    "Intra-community supply" the VAT category taxable amount (BT-116) shall equal the sum of
    Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts
    (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category
    codes (BT-151, BT-95, BT-102) are "Intra-community supply".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``K`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "K"):
        return
    yield from _taxable_exact(doc, "K")


@rule(
    "BR-IC-09",
    context=_used("K"),
)
def br_ic_09(doc: Document) -> Iterator[Hit]:
    """BR-IC-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT
    category code (BT-118) is "Intra-community supply" shall be 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``K`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "K"):
        return
    yield from _tax_zero(doc, "K")


@rule(
    "BR-IC-10",
    context=_used("K"),
)
def br_ic_10(doc: Document) -> Iterator[Hit]:
    """BR-IC-10: A VAT breakdown (BG-23) with the VAT Category code (BT-118) "Intra-community
    supply" shall have a VAT exemption reason code (BT-121), meaning "Intra-community
    supply" or the VAT exemption reason text (BT-120) "Intra-community supply" (or the
    equivalent standard text in another language).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``K`` and the VAT scheme;
    official test: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "K"):
        return
    yield from _exemption(doc, "K")


@rule(
    "BR-G-01",
    context=_used("G"),
)
def br_g_01(doc: Document) -> Iterator[Hit]:
    """BR-G-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Export outside the EU" shall contain in the VAT breakdown (BG-23) exactly
    one VAT category code (BT-118) equal with "Export outside the EU".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``G``.
    """
    if _absent(doc, "G"):
        return
    yield from _exactly_one_in_breakdown(doc, "G")


@rule(
    "BR-G-02",
    context=_used("G"),
)
def br_g_02(doc: Document) -> Iterator[Hit]:
    """BR-G-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Export outside the EU" shall contain the Seller VAT
    Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'G'][VAT]``, the
    seller or the tax representative has a VAT identifier
    (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``).
    """
    if _absent(doc, "G"):
        return
    ix = index(doc)
    yield from _requires(doc, _line_uses(ix, "G"), ix.seller_vat_id or ix.tax_representative_vat_id)


@rule(
    "BR-G-03",
    context=_used("G"),
)
def br_g_03(doc: Document) -> Iterator[Hit]:
    """BR-G-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Export outside the EU" shall contain the
    Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'G'][VAT]``, the seller or the tax
    representative has a VAT identifier (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``). The
    official first branch has no tax-scheme filter on the allowance/charge category, the
    second branch has one.
    """
    if _absent(doc, "G"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "G", False, vat=False),
        ix.seller_vat_id or ix.tax_representative_vat_id,
        guard=_allowance_uses(ix, "G", False),
    )


@rule(
    "BR-G-04",
    context=_used("G"),
)
def br_g_04(doc: Document) -> Iterator[Hit]:
    """BR-G-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Export outside the EU" shall contain the Seller
    VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'G'][VAT]``, the seller or the tax
    representative has a VAT identifier (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``). The
    official first branch has no tax-scheme filter on the allowance/charge category, the
    second branch has one.
    """
    if _absent(doc, "G"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "G", True, vat=False),
        ix.seller_vat_id or ix.tax_representative_vat_id,
        guard=_allowance_uses(ix, "G", True),
    )


@rule(
    "BR-G-05",
    context=_used("G"),
)
def br_g_05(doc: Document) -> Iterator[Hit]:
    """BR-G-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "Export outside the EU" the Invoiced item VAT rate (BT-152) shall be 0 (zero).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``G`` and the VAT
    scheme; official test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "G"):
        return
    yield from _rate_zero(_line_categories(doc, "G"))


@rule(
    "BR-G-06",
    context=_used("G"),
)
def br_g_06(doc: Document) -> Iterator[Hit]:
    """BR-G-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "Export outside the EU" the Document level allowance VAT rate
    (BT-96) shall be 0 (zero).

    Context: allowance ``cac:TaxCategory`` with code ``G`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "G"):
        return
    yield from _rate_zero(_allowance_categories(doc, "G", charge=False))


@rule(
    "BR-G-07",
    context=_used("G"),
)
def br_g_07(doc: Document) -> Iterator[Hit]:
    """BR-G-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "Export outside the EU" the Document level charge VAT rate (BT-103)
    shall be 0 (zero).

    Context: charge ``cac:TaxCategory`` with code ``G`` and the VAT scheme; official
    test: ``xs:decimal(cbc:Percent) = 0``.
    """
    if _absent(doc, "G"):
        return
    yield from _rate_zero(_allowance_categories(doc, "G", charge=True))


@rule(
    "BR-G-08",
    context=_used("G"),
)
def br_g_08(doc: Document) -> Iterator[Hit]:
    """BR-G-08: In a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Export outside
    the EU" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net
    amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum
    of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95,
    BT-102) are "Export outside the EU".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``G`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "G"):
        return
    yield from _taxable_exact(doc, "G")


@rule(
    "BR-G-09",
    context=_used("G"),
)
def br_g_09(doc: Document) -> Iterator[Hit]:
    """BR-G-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT
    category code (BT-118) is "Export outside the EU" shall be 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``G`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "G"):
        return
    yield from _tax_zero(doc, "G")


@rule(
    "BR-G-10",
    context=_used("G"),
)
def br_g_10(doc: Document) -> Iterator[Hit]:
    """BR-G-10: A VAT breakdown (BG-23) with the VAT Category code (BT-118) "Export outside the EU"
    shall have a VAT exemption reason code (BT-121), meaning "Export outside the EU" or the
    VAT exemption reason text (BT-120) "Export outside the EU" (or the equivalent standard
    text in another language).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``G`` and the VAT scheme;
    official test: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "G"):
        return
    yield from _exemption(doc, "G")


@rule(
    "BR-O-01",
    context=_used("O"),
)
def br_o_01(doc: Document) -> Iterator[Hit]:
    """BR-O-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Not subject to VAT" shall contain exactly one VAT breakdown group (BG-23)
    with the VAT category code (BT-118) equal to "Not subject to VAT".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: see
    :func:`_exactly_one_in_breakdown` with code ``O``.
    """
    if _absent(doc, "O"):
        return
    yield from _exactly_one_in_breakdown(doc, "O")


@rule(
    "BR-O-02",
    context=_used("O"),
)
def br_o_02(doc: Document) -> Iterator[Hit]:
    """BR-O-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "Not subject to VAT" shall not contain the Seller VAT
    identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer
    VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'O'][VAT]``,
    neither the seller, the tax representative nor the buyer has a VAT identifier
    (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``).
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _line_uses(ix, "O"),
        not (ix.seller_vat_id or ix.tax_representative_vat_id or ix.buyer_vat_id),
    )


@rule(
    "BR-O-03",
    context=_used("O"),
)
def br_o_03(doc: Document) -> Iterator[Hit]:
    """BR-O-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "Not subject to VAT" shall not contain the
    Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or
    the Buyer VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, document level:
    ``(/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge``) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'O'][VAT]``, neither the seller, the tax
    representative nor the buyer has a VAT identifier
    (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``).
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "O", False, document_level=True),
        not (ix.seller_vat_id or ix.tax_representative_vat_id or ix.buyer_vat_id),
    )


@rule(
    "BR-O-04",
    context=_used("O"),
)
def br_o_04(doc: Document) -> Iterator[Hit]:
    """BR-O-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "Not subject to VAT" shall not contain the Seller
    VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the
    Buyer VAT identifier (BT-48).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, document level:
    ``(/ubl:Invoice|/cn:CreditNote)/cac:AllowanceCharge``) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'O'][VAT]``, neither the seller, the tax
    representative nor the buyer has a VAT identifier
    (``cac:PartyTaxScheme[VAT]/cbc:CompanyID``).
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "O", True, document_level=True),
        not (ix.seller_vat_id or ix.tax_representative_vat_id or ix.buyer_vat_id),
    )


@rule(
    "BR-O-05",
    context=_used("O"),
)
def br_o_05(doc: Document) -> Iterator[Hit]:
    """BR-O-05: An Invoice line (BG-25) where the VAT category code (BT-151) is "Not subject to
    VAT" shall not contain an Invoiced item VAT rate (BT-152).

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``O`` and the VAT
    scheme; official test: ``not(cbc:Percent)``.
    """
    if _absent(doc, "O"):
        return
    yield from _rate_absent(_line_categories(doc, "O"))


@rule(
    "BR-O-06",
    context=_used("O"),
)
def br_o_06(doc: Document) -> Iterator[Hit]:
    """BR-O-06: A Document level allowance (BG-20) where VAT category code (BT-95) is "Not subject
    to VAT" shall not contain a Document level allowance VAT rate (BT-96).

    Context: allowance ``cac:TaxCategory`` with code ``O`` and the VAT scheme; official
    test: ``not(cbc:Percent)``.
    """
    if _absent(doc, "O"):
        return
    yield from _rate_absent(_allowance_categories(doc, "O", charge=False))


@rule(
    "BR-O-07",
    context=_used("O"),
)
def br_o_07(doc: Document) -> Iterator[Hit]:
    """BR-O-07: A Document level charge (BG-21) where the VAT category code (BT-102) is "Not
    subject to VAT" shall not contain a Document level charge VAT rate (BT-103).

    Context: charge ``cac:TaxCategory`` with code ``O`` and the VAT scheme; official
    test: ``not(cbc:Percent)``.
    """
    if _absent(doc, "O"):
        return
    yield from _rate_absent(_allowance_categories(doc, "O", charge=True))


@rule(
    "BR-O-08",
    context=_used("O"),
)
def br_o_08(doc: Document) -> Iterator[Hit]:
    """BR-O-08: In a VAT breakdown (BG-23) where the VAT category code (BT-118) is " Not subject to
    VAT" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net
    amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum
    of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95,
    BT-102) are "Not subject to VAT".

    Context: VAT breakdown ``cac:TaxCategory`` with code ``O`` and the VAT scheme;
    official test: see :func:`_taxable_exact`.
    """
    if _absent(doc, "O"):
        return
    yield from _taxable_exact(doc, "O")


@rule(
    "BR-O-09",
    context=_used("O"),
)
def br_o_09(doc: Document) -> Iterator[Hit]:
    """BR-O-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT
    category code (BT-118) is "Not subject to VAT" shall be 0 (zero).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``O`` and the VAT scheme;
    official test: ``xs:decimal(../cbc:TaxAmount) = 0``.
    """
    if _absent(doc, "O"):
        return
    yield from _tax_zero(doc, "O")


@rule(
    "BR-O-10",
    context=_used("O"),
)
def br_o_10(doc: Document) -> Iterator[Hit]:
    """BR-O-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) " Not subject to VAT" shall
    have a VAT exemption reason code (BT-121), meaning " Not subject to VAT" or a VAT
    exemption reason text (BT-120) " Not subject to VAT" (or the equivalent standard text in
    another language).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``O`` and the VAT scheme;
    official test: ``exists(cbc:TaxExemptionReason) or exists(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "O"):
        return
    yield from _exemption(doc, "O")


@rule(
    "BR-AF-02",
    context=_used("L"),
)
def br_af_02(doc: Document) -> Iterator[Hit]:
    """BR-AF-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "IGIC" shall contain the Seller VAT Identifier (BT-31), the
    Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT
    identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'L'][VAT]``, the
    seller has any tax identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "L"):
        return
    ix = index(doc)
    yield from _requires(doc, _line_uses(ix, "L"), ix.seller_tax_id or ix.tax_representative_vat_id)


@rule(
    "BR-AF-03",
    context=_used("L"),
)
def br_af_03(doc: Document) -> Iterator[Hit]:
    """BR-AF-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "IGIC" shall contain the Seller VAT
    Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'L'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "L"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "L", False), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-AF-04",
    context=_used("L"),
)
def br_af_04(doc: Document) -> Iterator[Hit]:
    """BR-AF-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "IGIC" shall contain the Seller VAT Identifier
    (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'L'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier. The second branch of the official test compares
    ``cbc:ID='L'`` without normalising.
    """
    if _absent(doc, "L"):
        return
    ix = index(doc)
    yield from _requires(
        doc,
        _allowance_uses(ix, "L", True),
        ix.seller_tax_id or ix.tax_representative_vat_id,
        guard=_allowance_uses(ix, "L", True, exact=True),
    )


@rule(
    "BR-AF-05",
    context=_used("L"),
)
def br_af_05(doc: Document) -> Iterator[Hit]:
    """BR-AF-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "IGIC" the invoiced item VAT rate (BT-152) shall be 0 (zero) or greater than zero.

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``L`` and the VAT
    scheme; official test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "L"):
        return
    yield from _rate_not_negative(_line_categories(doc, "L"))


@rule(
    "BR-AF-06",
    context=_used("L"),
)
def br_af_06(doc: Document) -> Iterator[Hit]:
    """BR-AF-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "IGIC" the Document level allowance VAT rate (BT-96) shall be 0
    (zero) or greater than zero.

    Context: allowance ``cac:TaxCategory`` with code ``L`` and the VAT scheme; official
    test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "L"):
        return
    yield from _rate_not_negative(_allowance_categories(doc, "L", charge=False))


@rule(
    "BR-AF-07",
    context=_used("L"),
)
def br_af_07(doc: Document) -> Iterator[Hit]:
    """BR-AF-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "IGIC" the Document level charge VAT rate (BT-103) shall be 0 (zero) or
    greater than zero.

    Context: charge ``cac:TaxCategory`` with code ``L`` and the VAT scheme; official
    test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "L"):
        return
    yield from _rate_not_negative(_allowance_categories(doc, "L", charge=True))


@rule(
    "BR-AF-08",
    context=_used("L"),
)
def br_af_08(doc: Document) -> Iterator[Hit]:
    """BR-AF-08: For each different value of VAT category rate (BT-119) where the VAT category code
    (BT-118) is "IGIC", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23)
    shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level
    charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where
    the VAT category code (BT-151, BT-102, BT-95) is "IGIC" and the VAT rate (BT-152,
    BT-103, BT-96) equals the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``L`` and the VAT scheme;
    official test: see :func:`_taxable_by_rate`.
    """
    if _absent(doc, "L"):
        return
    yield from _taxable_by_rate(doc, "L", require_use=False)


@rule(
    "BR-AF-09",
    context=_used("L"),
)
def br_af_09(doc: Document) -> Iterator[Hit]:
    """BR-AF-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category
    code (BT-118) is "IGIC" shall equal the VAT category taxable amount (BT-116) multiplied
    by the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``L`` and the VAT scheme;
    official test: see :func:`_tax_by_rate`.
    """
    if _absent(doc, "L"):
        return
    yield from _tax_by_rate(doc, "L")


@rule(
    "BR-AF-10",
    context=_used("L"),
)
def br_af_10(doc: Document) -> Iterator[Hit]:
    """BR-AF-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "IGIC" shall not have a
    VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``L`` and the VAT scheme;
    official test: ``not(cbc:TaxExemptionReason) and not(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "L"):
        return
    yield from _no_exemption(doc, "L")


@rule(
    "BR-AG-02",
    context=_used("M"),
)
def br_ag_02(doc: Document) -> Iterator[Hit]:
    """BR-AG-02: An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT
    category code (BT-151) is "IPSI" shall contain the Seller VAT Identifier (BT-31), the
    Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT
    identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    invoice line with ``cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'M'][VAT]``, the
    seller has any tax identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "M"):
        return
    ix = index(doc)
    yield from _requires(doc, _line_uses(ix, "M"), ix.seller_tax_id or ix.tax_representative_vat_id)


@rule(
    "BR-AG-03",
    context=_used("M"),
)
def br_ag_03(doc: Document) -> Iterator[Hit]:
    """BR-AG-03: An Invoice that contains a Document level allowance (BG-20) where the Document
    level allowance VAT category code (BT-95) is "IPSI" shall contain the Seller VAT
    Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has an
    allowance (``cac:AllowanceCharge[cbc:ChargeIndicator=false()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'M'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "M"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "M", False), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-AG-04",
    context=_used("M"),
)
def br_ag_04(doc: Document) -> Iterator[Hit]:
    """BR-AG-04: An Invoice that contains a Document level charge (BG-21) where the Document level
    charge VAT category code (BT-102) is "IPSI" shall contain the Seller VAT Identifier
    (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax
    representative VAT identifier (BT-63).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: when the invoice has a charge
    (``cac:AllowanceCharge[cbc:ChargeIndicator=true()]``, at any level) with
    ``cac:TaxCategory[normalize-space(cbc:ID) = 'M'][VAT]``, the seller has any tax
    identifier
    (``//cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID``) or the
    tax representative a VAT identifier.
    """
    if _absent(doc, "M"):
        return
    ix = index(doc)
    yield from _requires(
        doc, _allowance_uses(ix, "M", True), ix.seller_tax_id or ix.tax_representative_vat_id
    )


@rule(
    "BR-AG-05",
    context=_used("M"),
)
def br_ag_05(doc: Document) -> Iterator[Hit]:
    """BR-AG-05: In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is
    "IPSI" the Invoiced item VAT rate (BT-152) shall be 0 (zero) or greater than zero.

    Context: line ``cac:Item/cac:ClassifiedTaxCategory`` with code ``M`` and the VAT
    scheme; official test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "M"):
        return
    yield from _rate_not_negative(_line_categories(doc, "M"))


@rule(
    "BR-AG-06",
    context=_used("M"),
)
def br_ag_06(doc: Document) -> Iterator[Hit]:
    """BR-AG-06: In a Document level allowance (BG-20) where the Document level allowance VAT
    category code (BT-95) is "IPSI" the Document level allowance VAT rate (BT-96) shall be 0
    (zero) or greater than zero.

    Context: allowance ``cac:TaxCategory`` with code ``M`` and the VAT scheme; official
    test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "M"):
        return
    yield from _rate_not_negative(_allowance_categories(doc, "M", charge=False))


@rule(
    "BR-AG-07",
    context=_used("M"),
)
def br_ag_07(doc: Document) -> Iterator[Hit]:
    """BR-AG-07: In a Document level charge (BG-21) where the Document level charge VAT category
    code (BT-102) is "IPSI" the Document level charge VAT rate (BT-103) shall be 0 (zero) or
    greater than zero.

    Context: charge ``cac:TaxCategory`` with code ``M`` and the VAT scheme; official
    test: ``(cbc:Percent) >= 0``.
    """
    if _absent(doc, "M"):
        return
    yield from _rate_not_negative(_allowance_categories(doc, "M", charge=True))


@rule(
    "BR-AG-08",
    context=_used("M"),
)
def br_ag_08(doc: Document) -> Iterator[Hit]:
    """BR-AG-08: For each different value of VAT category rate (BT-119) where the VAT category code
    (BT-118) is "IPSI", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23)
    shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level
    charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where
    the VAT category code (BT-151, BT-102, BT-95) is "IPSI" and the VAT rate (BT-152,
    BT-103, BT-96) equals the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``M`` and the VAT scheme;
    official test: see :func:`_taxable_by_rate`.
    """
    if _absent(doc, "M"):
        return
    yield from _taxable_by_rate(doc, "M", require_use=False)


@rule(
    "BR-AG-09",
    context=_used("M"),
)
def br_ag_09(doc: Document) -> Iterator[Hit]:
    """BR-AG-09: The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category
    code (BT-118) is "IPSI" shall equal the VAT category taxable amount (BT-116) multiplied
    by the VAT category rate (BT-119).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``M`` and the VAT scheme;
    official test: see :func:`_tax_by_rate`.
    """
    if _absent(doc, "M"):
        return
    yield from _tax_by_rate(doc, "M")


@rule(
    "BR-AG-10",
    context=_used("M"),
)
def br_ag_10(doc: Document) -> Iterator[Hit]:
    """BR-AG-10: A VAT breakdown (BG-23) with VAT Category code (BT-118) "IPSI" shall not have a
    VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).

    Context: VAT breakdown ``cac:TaxCategory`` with code ``M`` and the VAT scheme;
    official test: ``not(cbc:TaxExemptionReason) and not(cbc:TaxExemptionReasonCode)``.
    """
    if _absent(doc, "M"):
        return
    yield from _no_exemption(doc, "M")


# -- rules whose official test has a shape of its own -------------------------------------------
@rule(
    "BR-S-01",
    context=_used("S"),
)
def br_s_01(doc: Document) -> Iterator[Hit]:
    """BR-S-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "Standard rated" shall contain in the VAT breakdown (BG-23) at least one VAT
    category code (BT-118) equal with "Standard rated".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test, without tax-scheme filter:
    ``((count(//cac:AllowanceCharge/cac:TaxCategory[normalize-space(cbc:ID) = 'S']) +
    count(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) = 'S'])) > 0 and
    count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID) = 'S']) > 0) or
    (both counts = 0)``.
    """
    if _absent(doc, "S"):
        return
    ix = index(doc)
    used = any(t.code == "S" for t in ix.allowance_categories) or any(
        t.code == "S" for t in ix.classified
    )
    in_breakdown = any(t.code == "S" for t in ix.breakdown)
    yield from _root_unless(doc, used == in_breakdown)


@rule(
    "BR-AF-01",
    context=_used("L"),
)
def br_af_01(doc: Document) -> Iterator[Hit]:
    """BR-AF-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "IGIC" shall contain in the VAT breakdown (BG-23) at least one VAT category
    code (BT-118) equal with "IGIC".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: ``((count(//cac:AllowanceCharge/
    cac:TaxCategory[normalize-space(cbc:ID) = 'L'][VAT]) + count(//cac:ClassifiedTaxCategory[
    normalize-space(cbc:ID) = 'L'][VAT])) > 0 and count(cac:TaxTotal/cac:TaxSubtotal/
    cac:TaxCategory[cbc:ID = 'L']) > 0) or ((...) = 0 and count(cac:TaxTotal/cac:TaxSubtotal/
    cac:TaxCategory[normalize-space(cbc:ID) = 'L'][VAT]) = 0)``.
    """
    if _absent(doc, "L"):
        return
    ix = index(doc)
    used = any(t.vat and t.code == "L" for t in ix.allowance_categories) or any(
        t.vat and t.code == "L" for t in ix.classified
    )
    if used:
        ok = any("L" in t.raw_codes for t in ix.breakdown)
    else:
        ok = not any(t.vat and t.code == "L" for t in ix.breakdown)
    yield from _root_unless(doc, ok)


@rule(
    "BR-AG-01",
    context=_used("M"),
)
def br_ag_01(doc: Document) -> Iterator[Hit]:
    """BR-AG-01: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or
    BT-102) is "IPSI" shall contain in the VAT breakdown (BG-23) at least one VAT category
    code (BT-118) equal with "IPSI".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test as BR-AF-01 with code ``M``, the
    first breakdown count reading ``cac:TaxCategory[cbc:ID = 'M'][VAT]``.
    """
    if _absent(doc, "M"):
        return
    ix = index(doc)
    used = any(t.vat and t.code == "M" for t in ix.allowance_categories) or any(
        t.vat and t.code == "M" for t in ix.classified
    )
    if used:
        ok = any(t.vat and "M" in t.raw_codes for t in ix.breakdown)
    else:
        ok = not any(t.vat and t.code == "M" for t in ix.breakdown)
    yield from _root_unless(doc, ok)


def _breakdown_has(doc: Document, code: str) -> bool:
    """``exists(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT]/cbc:ID[normalize-space(.) =
    code])``."""
    ix = index(doc)
    return any(t.vat and code in t.codes for t in ix.breakdown)


@rule(
    "BR-IC-11",
    context=_used("K"),
)
def br_ic_11(doc: Document) -> Iterator[Hit]:
    """BR-IC-11: In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is
    "Intra-community supply" the Actual delivery date (BT-72) or the Invoicing period
    (BG-14) shall not be blank.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with a ``K`` breakdown,
    ``string-length(cac:Delivery/cbc:ActualDeliveryDate) > 1 or (cac:InvoicePeriod/*)``.
    """
    if _absent(doc, "K"):
        return
    ix = index(doc)
    root = doc.root
    if not _breakdown_has(doc, "K"):
        return
    delivery_date = ix.text(root, CAC + "Delivery", CBC + "ActualDeliveryDate") or ""
    period = any(
        isinstance(c.tag, str) for p in ix.children(root, CAC + "InvoicePeriod") for c in p
    )
    yield from _root_unless(doc, len(delivery_date) > 1 or period)


@rule(
    "BR-IC-12",
    context=_used("K"),
)
def br_ic_12(doc: Document) -> Iterator[Hit]:
    """BR-IC-12: In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is
    "Intra-community supply" the Deliver to country code (BT-80) shall not be blank.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with a ``K`` breakdown,
    ``string-length(cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/
    cbc:IdentificationCode) > 1``.
    """
    if _absent(doc, "K"):
        return
    ix = index(doc)
    if not _breakdown_has(doc, "K"):
        return
    country = ix.text(
        doc.root,
        CAC + "Delivery",
        CAC + "DeliveryLocation",
        CAC + "Address",
        CAC + "Country",
        CBC + "IdentificationCode",
    )
    yield from _root_unless(doc, len(country or "") > 1)


@rule(
    "BR-O-11",
    context=_used("O"),
)
def br_o_11(doc: Document) -> Iterator[Hit]:
    """BR-O-11: An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code
    (BT-118) "Not subject to VAT" shall not contain other VAT breakdown groups (BG-23).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with an ``O`` breakdown,
    ``count(cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[normalize-space(cbc:ID) != 'O'][VAT])
    = 0``.
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    if _breakdown_has(doc, "O"):
        others = any(t.vat and t.code != "O" for t in ix.breakdown)
        yield from _root_unless(doc, not others)


@rule(
    "BR-O-12",
    context=_used("O"),
)
def br_o_12(doc: Document) -> Iterator[Hit]:
    """BR-O-12: An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code
    (BT-118) "Not subject to VAT" shall not contain an Invoice line (BG-25) where the
    Invoiced item VAT category code (BT-151) is not "Not subject to VAT".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with an ``O`` breakdown,
    ``count(//cac:ClassifiedTaxCategory[normalize-space(cbc:ID) != 'O'][VAT]) = 0``.
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    if _breakdown_has(doc, "O"):
        others = any(t.vat and t.code != "O" for t in ix.classified)
        yield from _root_unless(doc, not others)


@rule(
    "BR-O-13",
    context=_used("O"),
)
def br_o_13(doc: Document) -> Iterator[Hit]:
    """BR-O-13: An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code
    (BT-118) "Not subject to VAT" shall not contain Document level allowances (BG-20) where
    Document level allowance VAT category code (BT-95) is not "Not subject to VAT".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with an ``O`` breakdown,
    ``count(//cac:AllowanceCharge[cbc:ChargeIndicator=false()]/cac:TaxCategory[
    normalize-space(cbc:ID) != 'O'][VAT]) = 0``.
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    if _breakdown_has(doc, "O"):
        others = any(
            t.vat and False in t.charges and t.code != "O" for t in ix.allowance_categories
        )
        yield from _root_unless(doc, not others)


@rule(
    "BR-O-14",
    context=_used("O"),
)
def br_o_14(doc: Document) -> Iterator[Hit]:
    """BR-O-14: An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code
    (BT-118) "Not subject to VAT" shall not contain Document level charges (BG-21) where
    Document level charge VAT category code (BT-102) is not "Not subject to VAT".

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: with an ``O`` breakdown,
    ``count(//cac:AllowanceCharge[cbc:ChargeIndicator=true()]/cac:TaxCategory[
    normalize-space(cbc:ID) != 'O'][VAT]) = 0``.
    """
    if _absent(doc, "O"):
        return
    ix = index(doc)
    if _breakdown_has(doc, "O"):
        others = any(t.vat and True in t.charges and t.code != "O" for t in ix.allowance_categories)
        yield from _root_unless(doc, not others)


def _split_payment_used(ix: Index) -> bool:
    """``//cac:TaxCategory/cbc:ID = 'B' or //cac:ClassifiedTaxCategory/cbc:ID = 'B'``."""
    return any("B" in t.raw_codes for t in ix.tax_categories) or any(
        "B" in t.raw_codes for t in ix.classified
    )


@rule(
    "BR-B-01",
    context=_used("B"),
)
def br_b_01(doc: Document) -> Iterator[Hit]:
    """BR-B-01: An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment”
    shall be a domestic Italian invoice.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: ``(not(//cbc:IdentificationCode
    != 'IT') and (//cac:TaxCategory/cbc:ID ='B' or //cac:ClassifiedTaxCategory/cbc:ID = 'B'))
    or (not(//cac:TaxCategory/cbc:ID ='B' or //cac:ClassifiedTaxCategory/cbc:ID = 'B'))``:
    with split payment every country code in the invoice is ``IT``.
    """
    if _absent(doc, "B"):
        return
    ix = index(doc)
    if _split_payment_used(ix):
        foreign = any(string_value(c) != "IT" for c in ix.all(CBC + "IdentificationCode"))
        yield from _root_unless(doc, not foreign)


@rule(
    "BR-B-02",
    context=_used("B"),
)
def br_b_02(doc: Document) -> Iterator[Hit]:
    """BR-B-02: An Invoice that contains an Invoice line (BG-25), a Document level allowance
    (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95,
    BT-118 or BT-102) is “Split payment" shall not contain an invoice line (BG-25), a
    Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT
    category code (BT-151, BT-95, BT-118 or BT-102) is “Standard rated”.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: ``((cac:TaxTotal/cac:TaxSubtotal/
    cac:TaxCategory/cbc:ID ='B' or cac:AllowanceCharge/cac:TaxCategory/cbc:ID ='B' or
    //cac:ClassifiedTaxCategory/cbc:ID = 'B') and (not(cac:TaxTotal/cac:TaxSubtotal/cbc:ID ='S'
    or cac:AllowanceCharge/cac:TaxCategory/cbc:ID ='S' or //cac:ClassifiedTaxCategory/cbc:ID =
    'S'))) or (not(...B...))``. The official ``cac:TaxTotal/cac:TaxSubtotal/cbc:ID`` names no
    UBL element (a subtotal has no ``cbc:ID``), so standard-rated breakdowns are not looked
    at - as officially.
    """
    if _absent(doc, "B"):
        return
    ix = index(doc)
    document_level = [t for t in ix.allowance_categories if t.doc_level]
    split = (
        any("B" in t.raw_codes for t in ix.breakdown)
        or any("B" in t.raw_codes for t in document_level)
        or any("B" in t.raw_codes for t in ix.classified)
    )
    if split:
        subtotal_ids = any(
            string_value(i) == "S"
            for total in ix.children(doc.root, CAC + "TaxTotal")
            for subtotal in ix.children(total, CAC + "TaxSubtotal")
            for i in ix.children(subtotal, CBC + "ID")
        )
        standard = (
            subtotal_ids
            or any("S" in t.raw_codes for t in document_level)
            or any("S" in t.raw_codes for t in ix.classified)
        )
        yield from _root_unless(doc, not standard)
