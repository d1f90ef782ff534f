"""PEPPOL Order Agreement transaction 3.0 (T110): the rules ``PEPPOL-T110-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T110.sch``, one
Schematron pattern over ``ubl:OrderResponse`` (OrderResponse-2; the order
agreement shares its root with the order responses T76/T116 and is told
apart by its CustomizationID). A node is checked only by the first rule of
the pattern whose context it matches.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from heldigital.rules.core import NS, Document, Element
from heldigital.rules.poacc import codes
from heldigital.rules.poacc._order import (
    amount_decimals_ok,
    gross_price_ok,
    price_ac_ok,
    price_amount_ok,
    standard_rate_positive,
    tax_rate_present,
)
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern, every, first, has
from heldigital.rules.xpath import (
    decimal_sum,
    normalize_space,
    number,
    round2,
    slack,
    string_value,
    xround,
    xs_decimal,
)

ORDER_RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"
#: The specification identifier (CustomizationID) every T110 order agreement starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_agreement:3"

_R = "/ubl:OrderResponse"
PATTERN = Pattern(
    "T110",
    ORDER_RESPONSE_NS,
    [
        ("customization", "//cbc:CustomizationID"),
        ("item", "//cac:Item"),
        (
            "amount",
            "//cbc:Amount | //cbc:TaxAmount | //cbc:TaxableAmount | //cbc:LineExtensionAmount"
            " | //cbc:PriceAmount | //cbc:BaseAmount | //cac:LegalMonetaryTotal/cbc:*",
        ),
        ("subtotal", "//cac:TaxTotal/cac:TaxSubtotal"),
        ("tax-total", f"{_R}/cac:TaxTotal[cac:TaxSubtotal]"),
        ("breakdown-no-reason", "//cac:TaxSubtotal/cac:TaxCategory[not(cbc:TaxExemptionReason)]"),
        ("breakdown-reason", "//cac:TaxSubtotal/cac:TaxCategory[cbc:TaxExemptionReason]"),
        (
            "category",
            "//cac:AllowanceCharge/cac:TaxCategory | //cac:Item/cac:ClassifiedTaxCategory",
        ),
        ("totals", "//cac:LegalMonetaryTotal"),
        (
            "ac-no-base",
            f"{_R}/cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)]",
        ),
        (
            "ac-no-factor",
            f"{_R}/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and cbc:BaseAmount]",
        ),
        ("ac", f"{_R}/cac:AllowanceCharge"),
        ("price", "//cac:Price"),
        (
            "allowance-code",
            "//cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode",
        ),
        (
            "charge-code",
            "//cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode",
        ),
    ],
)

_ZERO = Decimal(0)
_TOLERANCE = Decimal("0.02")


def _document(doc: Document) -> Element | None:
    """``/ubl:OrderResponse`` (absent when the document element is another)."""
    if doc.local_name == "OrderResponse" and doc.namespace == ORDER_RESPONSE_NS:
        return doc.root
    return None


def cat2str(category: Element) -> str:
    """``u:cat2str``: ``normalize-space(cbc:ID)-round(xs:decimal(cbc:Percent) * 1000000)``."""
    percent = xs_decimal(first(category, "cbc:Percent")) if has(category, "cbc:Percent") else None
    rate = xround(percent * 1000000) if percent is not None else None
    return f"{normalize_space(first(category, 'cbc:ID'))}-{'' if rate is None else int(rate)}"


def _document_categories(doc: Document) -> tuple[list[str], list[str]]:
    """``$taxCategoryPercents`` and ``$taxCategories`` of the pattern."""
    cached = doc.cache.get("poacc:T110:categories")
    if cached is None:
        root = _document(doc)
        found = [] if root is None else every(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory")
        cached = ([cat2str(c) for c in found], [normalize_space(first(c, "cbc:ID")) for c in found])
        doc.cache["poacc:T110:categories"] = cached
    return cached


def _each(doc: Document, key: str, test) -> Iterator[Element]:
    for node in PATTERN.nodes(doc, key):
        if not test(node):
            yield node


@rule("PEPPOL-T110-R030")
def peppol_t110_r030(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T110 value."""
    return _each(doc, "customization", lambda n: normalize_space(n).startswith(CUSTOMIZATION_ID))


@rule("PEPPOL-T110-R002")
def peppol_t110_r002(doc: Document):
    """Each item SHALL have a sellers identifier or a standard identifier (context cac:Item)."""
    return _each(
        doc,
        "item",
        lambda n: (
            has(n, "cac:StandardItemIdentification/cbc:ID")
            or has(n, "cac:SellersItemIdentification/cbc:ID")
        ),
    )


@rule("PEPPOL-T110-R004")
def peppol_t110_r004(doc: Document):
    """All amounts SHALL have the document currency (``@currencyID = DocumentCurrencyCode``)."""
    root = _document(doc)
    currency = (
        [] if root is None else [string_value(c) for c in every(root, "cbc:DocumentCurrencyCode")]
    )
    return _each(
        doc, "amount", lambda n: n.get("currencyID") is None or n.get("currencyID") in currency
    )


@rule("PEPPOL-T110-R013")
def peppol_t110_r013(doc: Document):
    """Amounts outside cac:Price cannot have more than 2 decimals."""
    return _each(doc, "amount", amount_decimals_ok)


@rule("PEPPOL-T110-R024")
def peppol_t110_r024(doc: Document):
    """TAX category tax amount = taxable amount x (rate / 100), rounded to two decimals.

    Context ``cac:TaxTotal/cac:TaxSubtotal``; a zero (rounded) rate or no rate
    needs a zero (rounded) tax amount.
    """

    def test(node: Element) -> bool:
        percents = [xs_decimal(p) for p in every(node, "cac:TaxCategory/cbc:Percent")]
        percent = percents[0] if percents else None
        rate = xround(percent)
        tax = xs_decimal(first(node, "cbc:TaxAmount"))
        taxable = xs_decimal(first(node, "cbc:TaxableAmount"))
        if rate is not None and rate == 0 and tax is not None and xround(tax) == 0:
            return True
        if (
            rate is not None
            and rate != 0
            and tax is not None
            and taxable is not None
            and tax == round2(taxable * (percent / 100))
        ):
            return True
        return not percents and tax is not None and xround(tax) == 0

    return _each(doc, "subtotal", test)


@rule("PEPPOL-T110-R025")
def peppol_t110_r025(doc: Document):
    """The TAX total amount = the sum of the TAX category tax amounts (rounded to 2 decimals)."""

    def test(node: Element) -> bool:
        total = xs_decimal(first(node, "cbc:TaxAmount"))
        parts = decimal_sum(xs_decimal(t) for t in every(node, "cac:TaxSubtotal/cbc:TaxAmount"))
        return total is not None and parts is not None and total == round2(parts)

    return _each(doc, "tax-total", test)


@rule("PEPPOL-T110-R028")
def peppol_t110_r028(doc: Document):
    """A TAX breakdown without exemption reason text SHALL have category S, Z, L or M."""
    return _each(
        doc,
        "breakdown-no-reason",
        lambda n: f" {normalize_space(first(n, 'cbc:ID'))} " in " S Z L M ",
    )


@rule("PEPPOL-T110-R029")
def peppol_t110_r029(doc: Document):
    """A TAX breakdown with exemption reason text SHALL have category E, AE, O, K or G."""
    return _each(
        doc,
        "breakdown-reason",
        lambda n: f" {normalize_space(first(n, 'cbc:ID'))} " in " E AE O K G ",
    )


@rule("PEPPOL-T110-R026")
def peppol_t110_r026(doc: Document):
    """Line and allowance tax category rates MUST be among the document's TAX breakdown."""
    has_total = doc.root.find(".//cac:TaxTotal", NS) is not None
    percents, _ = _document_categories(doc)
    return _each(
        doc,
        "category",
        lambda n: not has(n, "cbc:Percent") or not has_total or cat2str(n) in percents,
    )


@rule("PEPPOL-T110-R027")
def peppol_t110_r027(doc: Document):
    """Line and allowance tax categories MUST be among the document's TAX breakdown."""
    has_total = doc.root.find(".//cac:TaxTotal", NS) is not None
    _, categories = _document_categories(doc)
    return _each(
        doc,
        "category",
        lambda n: not has_total or any(string_value(i) in categories for i in every(n, "cbc:ID")),
    )


@rule("PEPPOL-T110-R019")
def peppol_t110_r019(doc: Document):
    """Each tax category SHALL have a rate unless its code is O (not subject to TAX)."""
    return _each(doc, "category", tax_rate_present)


@rule("PEPPOL-T110-R020")
def peppol_t110_r020(doc: Document):
    """Standard rated (S) categories SHALL have a rate greater than zero."""
    return _each(doc, "category", standard_rate_positive)


# -- document totals (context cac:LegalMonetaryTotal) ----------------------------------------


def _totals(doc: Document, node: Element) -> dict[str, Decimal | None]:
    def value(name: str) -> Decimal | None:
        child = first(node, f"cbc:{name}")
        return _ZERO if child is None else xs_decimal(child)

    root = _document(doc)
    tax = None if root is None else first(root, "cac:TaxTotal/cbc:TaxAmount")
    charges = [] if root is None else every(root, "cac:AllowanceCharge")

    def charge_sum(indicator: str) -> Decimal | None:
        amounts = [
            xs_decimal(a)
            for ac in charges
            if any(string_value(ci) == indicator for ci in every(ac, "cbc:ChargeIndicator"))
            for a in every(ac, "cbc:Amount")
        ]
        return round2(decimal_sum(amounts))

    lines = doc.root.findall(".//cac:OrderLine/cac:LineItem/cbc:LineExtensionAmount", NS)
    return {
        "line": value("LineExtensionAmount"),
        "allowance": value("AllowanceTotalAmount"),
        "charge": value("ChargeTotalAmount"),
        "tax_exclusive": value("TaxExclusiveAmount"),
        "tax_inclusive": value("TaxInclusiveAmount"),
        "rounding": value("PayableRoundingAmount"),
        "payable": value("PayableAmount"),
        "prepaid": value("PrepaidAmount"),
        "tax_total": _ZERO if tax is None else xs_decimal(tax),
        "allowance_sum": charge_sum("false"),
        "charge_sum": charge_sum("true"),
        "line_sum": round2(decimal_sum(xs_decimal(a) for a in lines)),
    }


def _each_total(doc: Document, test) -> Iterator[Element]:
    totals = doc.cache.get("poacc:T110:totals")
    if totals is None:  # the <let>s of the rule, once per document for its nine asserts
        totals = doc.cache["poacc:T110:totals"] = [
            (node, _totals(doc, node)) for node in PATTERN.nodes(doc, "totals")
        ]
    for node, values in totals:
        try:
            ok = test(node, values)
        except TypeError:  # arithmetic with an absent (non-decimal) value
            ok = False
        if not ok:
            yield node


@rule("PEPPOL-T110-R014")
def peppol_t110_r014(doc: Document):
    """With document totals, every order agreement line SHALL have a line extension amount."""
    lines = len(doc.root.findall(".//cac:OrderLine", NS))
    amounts = len(doc.root.findall(".//cac:LineItem/cbc:LineExtensionAmount", NS))
    return _each_total(doc, lambda n, t: lines == amounts)


@rule("PEPPOL-T110-R005")
def peppol_t110_r005(doc: Document):
    """The amount for payment (cbc:PayableAmount), when given, SHALL NOT be negative."""

    def test(node: Element, t) -> bool:
        payable = first(node, "cbc:PayableAmount")
        return payable is None or number(payable) >= 0

    return _each_total(doc, test)


@rule("PEPPOL-T110-R006")
def peppol_t110_r006(doc: Document):
    """The sum of line amounts (cbc:LineExtensionAmount, default 0) SHALL NOT be negative."""
    return _each_total(doc, lambda n, t: t["line"] >= 0)


@rule("PEPPOL-T110-R007")
def peppol_t110_r007(doc: Document):
    """The sum of line amounts, when given, SHALL equal the sum of the line amounts."""
    return _each_total(
        doc,
        lambda n, t: not has(n, "cbc:LineExtensionAmount") or t["line"] == t["line_sum"],
    )


@rule("PEPPOL-T110-R008")
def peppol_t110_r008(doc: Document):
    """The charge total, when given, SHALL equal the sum of document level charges."""
    return _each_total(
        doc,
        lambda n, t: not has(n, "cbc:ChargeTotalAmount") or t["charge"] == t["charge_sum"],
    )


@rule("PEPPOL-T110-R009")
def peppol_t110_r009(doc: Document):
    """The allowance total, when given, SHALL equal the sum of document level allowances."""
    return _each_total(
        doc,
        lambda n, t: not has(n, "cbc:AllowanceTotalAmount") or t["allowance"] == t["allowance_sum"],
    )


@rule("PEPPOL-T110-R010")
def peppol_t110_r010(doc: Document):
    """Tax exclusive amount, when given, = line amounts + charges - allowances."""
    return _each_total(
        doc,
        lambda n, t: (
            not has(n, "cbc:TaxExclusiveAmount")
            or t["tax_exclusive"] == t["line"] + t["charge"] - t["allowance"]
        ),
    )


@rule("PEPPOL-T110-R011")
def peppol_t110_r011(doc: Document):
    """Tax inclusive amount = tax exclusive amount + TAX total amount (absent amounts are 0)."""
    return _each_total(doc, lambda n, t: t["tax_inclusive"] == t["tax_exclusive"] + t["tax_total"])


@rule("PEPPOL-T110-R012")
def peppol_t110_r012(doc: Document):
    """Amount for payment, when given, = tax inclusive amount - prepaid amount + rounding amount."""
    return _each_total(
        doc,
        lambda n, t: (
            not has(n, "cbc:PayableAmount")
            or t["payable"] == t["tax_inclusive"] - t["prepaid"] + t["rounding"]
        ),
    )


# -- document level allowances and charges ---------------------------------------------------


@rule("PEPPOL-T110-R015")
def peppol_t110_r015(doc: Document):
    """A document level allowance/charge with a percentage SHALL have a base amount."""
    yield from PATTERN.nodes(doc, "ac-no-base")


@rule("PEPPOL-T110-R016")
def peppol_t110_r016(doc: Document):
    """A document level allowance/charge with a base amount SHALL have a percentage."""
    yield from PATTERN.nodes(doc, "ac-no-factor")


@rule("PEPPOL-T110-R017")
def peppol_t110_r017(doc: Document):
    """Allowance/charge amount = base amount x percentage / 100 (tolerance 0.02)."""

    def test(node: Element) -> bool:
        factor = first(node, "cbc:MultiplierFactorNumeric")
        base = first(node, "cbc:BaseAmount")
        if factor is None or base is None:
            return True
        amount = first(node, "cbc:Amount")
        actual = xs_decimal(amount) if amount is not None else _ZERO
        b, f = xs_decimal(base), xs_decimal(factor)
        return slack(actual, None if b is None or f is None else b * f / 100, _TOLERANCE)

    return _each(doc, "ac", test)


@rule("PEPPOL-T110-R018")
def peppol_t110_r018(doc: Document):
    """Each document level allowance/charge SHALL have a reason text or a reason code."""
    return _each(
        doc,
        "ac",
        lambda n: has(n, "cbc:AllowanceChargeReason") or has(n, "cbc:AllowanceChargeReasonCode"),
    )


@rule("PEPPOL-T110-R021")
def peppol_t110_r021(doc: Document):
    """Document level allowance or charge amounts SHALL NOT be negative (``number() >= 0``)."""
    return _each(doc, "ac", lambda n: number(first(n, "cbc:Amount")) >= 0)


# -- prices -----------------------------------------------------------------------------------


@rule("PEPPOL-T110-R001")
def peppol_t110_r001(doc: Document):
    """Each item net price (cac:Price/cbc:PriceAmount) SHALL not be negative."""
    return _each(doc, "price", price_amount_ok)


@rule("PEPPOL-T110-R022")
def peppol_t110_r022(doc: Document):
    """The item gross price (price allowance base amount) SHALL NOT be negative."""
    return _each(doc, "price", gross_price_ok)


@rule("PEPPOL-T110-R023")
def peppol_t110_r023(doc: Document):
    """The price allowance amount SHALL NOT be negative."""
    return _each(doc, "price", price_ac_ok)


# -- code lists -------------------------------------------------------------------------------


@rule("PEPPOL-T110-CL001")
def peppol_t110_cl001(doc: Document):
    """Allowance reason codes MUST be in the OpenPeppol subset of UNCL 5189 D.16B."""
    return _each(doc, "allowance-code", lambda n: normalize_space(n.text) in codes.UNCL5189_SUBSET)


@rule("PEPPOL-T110-CL002")
def peppol_t110_cl002(doc: Document):
    """Charge reason codes MUST be in UNCL 7161 D.16B."""
    return _each(doc, "charge-code", lambda n: normalize_space(n.text) in codes.UNCL7161)
