"""EN 16931 conditional rules ``BR-CO-*`` in the UBL binding.

EN 16931-1:2017 clause 6.4.3 (conditions and calculations: the document
totals, VAT breakdown arithmetic, mutually exclusive fields) as bound to
UBL 2.1 by CEN/TS 16931-3-2, following the official assertions in
ConnectingEurope/eInvoicing-EN16931 ``ubl/schematron/UBL/EN16931-UBL-model.sch``.
Amount arithmetic uses :class:`decimal.Decimal` and the official rounding
``round(x * 10 * 10) div 100`` (:func:`heldigital.rules.xpath.round2`, half towards
positive infinity).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lxml import etree

from heldigital.rules.core import Document, Hit
from heldigital.rules.en16931._registry import rule
from heldigital.rules.en16931.model_base import CAC, CBC, Index, index
from heldigital.rules.en16931.model_core import document_periods, document_root, line_periods
from heldigital.rules.xpath import round2, string_value, xround, xs_decimal

__all__ = ["VAT_IDENTIFIER_PREFIXES"]

#: BR-CO-09: the country prefixes a VAT identifier may carry - ISO 3166-1 alpha-2 codes
#: with ``EL`` (Greece), ``XI`` (Northern Ireland) and ``1A`` (Kosovo) as used in VIES.
_PREFIXES = """
    1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ
    GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI
    KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
    MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK
    PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS
    ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE
    VG VI VN VU WF WS XI YE YT ZA ZM ZW
"""
VAT_IDENTIFIER_PREFIXES = frozenset(_PREFIXES.split())
# The official test is ``contains(' 1A AD ... ZW ', substring(cbc:CompanyID, 1, 2))``: a
# substring test on the space-separated list, which this string reproduces exactly.
_PREFIX_LIST = " " + " ".join(sorted(VAT_IDENTIFIER_PREFIXES)) + " "


@rule("BR-CO-03")
def br_co_03(doc: Document) -> Iterator[Hit]:
    """BR-CO-03: Value added tax point date (BT-7) and Value added tax point date code (BT-8) are
    mutually exclusive.

    Context ``/ubl:Invoice | /cn:CreditNote``: the assertion fails exactly when both
    ``cbc:TaxPointDate`` and ``cac:InvoicePeriod/cbc:DescriptionCode`` exist.
    """
    ix = index(doc)
    root = document_root(doc)
    if (
        root is not None
        and ix.has(root, CBC + "TaxPointDate")
        and ix.has(root, CAC + "InvoicePeriod", CBC + "DescriptionCode")
    ):
        yield root


@rule("BR-CO-04")
def br_co_04(doc: Document) -> Iterator[Hit]:
    """BR-CO-04: Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category
    code (BT-151).

    Context ``cac:InvoiceLine | cac:CreditNoteLine``; official test:
    ``cac:Item/cac:ClassifiedTaxCategory[cac:TaxScheme/(normalize-space(upper-case(cbc:ID))=
    'VAT')]/cbc:ID`` (exists).
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not any(ix.category[ctc].vat and ix.category[ctc].raw_codes for ctc in line.categories):
            yield line.el


# BR-CO-05 ... BR-CO-08 compare the meaning of a reason code with a free-text reason. That
# cannot be decided by a machine; the official assertion is ``true()`` and so never fails.
# The rules are registered (they belong to the official set) and report nothing.
@rule("BR-CO-05")
def br_co_05(doc: Document) -> Iterator[Hit]:
    """BR-CO-05: Document level allowance reason code (BT-98) and Document level allowance reason
    (BT-97) shall indicate the same type of allowance.

    Context: document level allowances; official test: ``true()`` (not machine-checkable).
    """
    return iter(())


@rule("BR-CO-06")
def br_co_06(doc: Document) -> Iterator[Hit]:
    """BR-CO-06: Document level charge reason code (BT-105) and Document level charge reason
    (BT-104) shall indicate the same type of charge.

    Context: document level charges; official test: ``true()`` (not machine-checkable).
    """
    return iter(())


@rule("BR-CO-07")
def br_co_07(doc: Document) -> Iterator[Hit]:
    """BR-CO-07: Invoice line allowance reason code (BT-140) and Invoice line allowance reason
    (BT-139) shall indicate the same type of allowance reason.

    Context: invoice line allowances; official test: ``true()`` (not machine-checkable).
    """
    return iter(())


@rule("BR-CO-08")
def br_co_08(doc: Document) -> Iterator[Hit]:
    """BR-CO-08: Invoice line charge reason code (BT-145) and Invoice line charge reason (BT-144)
    shall indicate the same type of charge reason.

    Context: invoice line charges; official test: ``true()`` (not machine-checkable).
    """
    return iter(())


@rule(
    "BR-CO-09",
    context=[CAC + "PartyTaxScheme"],
)
def br_co_09(doc: Document) -> Iterator[Hit]:
    """BR-CO-09: The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier
    (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO
    code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless,
    Greece may use the prefix ‘EL’.

    Context ``//cac:PartyTaxScheme[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']``;
    official test: ``contains(' 1A AD ... ZW ', substring(cbc:CompanyID, 1, 2))`` - see
    :data:`VAT_IDENTIFIER_PREFIXES`.
    """
    ix = index(doc)
    for scheme in ix.all(CAC + "PartyTaxScheme"):
        if ix.vat(scheme):
            prefix = (ix.text(scheme, CBC + "CompanyID") or "")[:2]
            if prefix not in _PREFIX_LIST:
                yield scheme


@rule(
    "BR-CO-10",
    context=[CAC + "LegalMonetaryTotal"],
)
def br_co_10(doc: Document) -> Iterator[Hit]:
    """BR-CO-10: Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).

    Context ``cac:LegalMonetaryTotal``; official test: ``xs:decimal(cbc:LineExtensionAmount) =
    xs:decimal(round(sum(//(cac:InvoiceLine|cac:CreditNoteLine)/xs:decimal(cbc:LineExtensionAmount))
    * 10 * 10) div 100)``.
    """
    ix = index(doc)
    amounts = (xs_decimal(a) for line in ix.line_facts() for a in line.amounts)
    lines = round2(sum((a for a in amounts if a is not None), Decimal(0)))
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        if ix.decimal(totals, CBC + "LineExtensionAmount") != lines:
            yield totals


def _sum_allowances(ix: Index, totals: etree._Element, charge: bool) -> tuple[Decimal, bool]:
    """Rounded ``sum(../cac:AllowanceCharge[cbc:ChargeIndicator=charge]/xs:decimal(cbc:Amount))``
    and whether there is any such allowance/charge."""
    parent = totals.getparent()
    found = (
        []
        if parent is None
        else [
            ac
            for ac in ix.children(parent, CAC + "AllowanceCharge")
            if charge in ix.allowance[ac].charges
        ]
    )
    return round2(ix.decimals_sum(found, CBC + "Amount")), bool(found)


@rule(
    "BR-CO-11",
    context=[CAC + "LegalMonetaryTotal"],
)
def br_co_11(doc: Document) -> Iterator[Hit]:
    """BR-CO-11: Sum of allowances on document level (BT-107) = Σ Document level allowance amount
    (BT-92).

    Context ``cac:LegalMonetaryTotal``; official test: ``xs:decimal(cbc:AllowanceTotalAmount) =
    (round(sum(../cac:AllowanceCharge[cbc:ChargeIndicator=false()]/xs:decimal(cbc:Amount)) * 10 *
    10) div 100) or (not(cbc:AllowanceTotalAmount) and
    not(../cac:AllowanceCharge[cbc:ChargeIndicator=false()]))``.
    """
    ix = index(doc)
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        expected, present = _sum_allowances(ix, totals, charge=False)
        stated = ix.child(totals, CBC + "AllowanceTotalAmount")
        if stated is None:
            if present:
                yield totals
        elif ix.decimal(totals, CBC + "AllowanceTotalAmount") != expected:
            yield totals


@rule(
    "BR-CO-12",
    context=[CAC + "LegalMonetaryTotal"],
)
def br_co_12(doc: Document) -> Iterator[Hit]:
    """BR-CO-12: Sum of charges on document level (BT-108) = Σ Document level charge amount
    (BT-99).

    Context ``cac:LegalMonetaryTotal``; official test: ``xs:decimal(cbc:ChargeTotalAmount) =
    (round(sum(../cac:AllowanceCharge[cbc:ChargeIndicator=true()]/xs:decimal(cbc:Amount)) * 10 *
    10) div 100) or (not(cbc:ChargeTotalAmount) and
    not(../cac:AllowanceCharge[cbc:ChargeIndicator=true()]))``.
    """
    ix = index(doc)
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        expected, present = _sum_allowances(ix, totals, charge=True)
        stated = ix.child(totals, CBC + "ChargeTotalAmount")
        if stated is None:
            if present:
                yield totals
        elif ix.decimal(totals, CBC + "ChargeTotalAmount") != expected:
            yield totals


@rule(
    "BR-CO-13",
    context=[CAC + "LegalMonetaryTotal"],
)
def br_co_13(doc: Document) -> Iterator[Hit]:
    """BR-CO-13: Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) -
    Sum of allowances on document level (BT-107) + Sum of charges on document level
    (BT-108).

    Context ``cac:LegalMonetaryTotal``; official test: with both sums present
    ``xs:decimal(cbc:TaxExclusiveAmount) = round((LineExtensionAmount + ChargeTotalAmount -
    AllowanceTotalAmount) * 10 * 10) div 100``, with one of them the same without the other,
    with neither ``TaxExclusiveAmount = LineExtensionAmount``.
    """
    ix = index(doc)
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        has_charges = ix.has(totals, CBC + "ChargeTotalAmount")
        has_allowances = ix.has(totals, CBC + "AllowanceTotalAmount")
        stated = ix.decimal(totals, CBC + "TaxExclusiveAmount")
        lines = ix.decimal(totals, CBC + "LineExtensionAmount")
        charges = ix.decimal(totals, CBC + "ChargeTotalAmount")
        allowances = ix.decimal(totals, CBC + "AllowanceTotalAmount")
        if stated is None or lines is None:
            ok = False
        elif has_charges and has_allowances:
            ok = (
                charges is not None
                and allowances is not None
                and stated == round2(lines + charges - allowances)
            )
        elif has_allowances:
            ok = allowances is not None and stated == round2(lines - allowances)
        elif has_charges:
            ok = charges is not None and stated == round2(lines + charges)
        else:
            ok = stated == lines
        if not ok:
            yield totals


@rule("BR-CO-14")
def br_co_14(doc: Document) -> Iterator[Hit]:
    """BR-CO-14: Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).

    Context ``/ubl:Invoice/cac:TaxTotal | /cn:CreditNote/cac:TaxTotal``; official test:
    ``(xs:decimal(child::cbc:TaxAmount) = round((sum(cac:TaxSubtotal/xs:decimal(cbc:TaxAmount))
    * 10 * 10)) div 100) or not(cac:TaxSubtotal)``.
    """
    ix = index(doc)
    root = document_root(doc)
    if root is None:
        return
    for total in ix.children(root, CAC + "TaxTotal"):
        subtotals = ix.children(total, CAC + "TaxSubtotal")
        if subtotals:
            expected = round2(ix.decimals_sum(subtotals, CBC + "TaxAmount"))
            if ix.decimal(total, CBC + "TaxAmount") != expected:
                yield total


@rule("BR-CO-15")
def br_co_15(doc: Document) -> Iterator[Hit]:
    """BR-CO-15: Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109)
    + Invoice total VAT amount (BT-110).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test: ``every $Currency in
    cbc:DocumentCurrencyCode satisfies (count(cac:TaxTotal/xs:decimal(cbc:TaxAmount[@currencyID=
    $Currency])) eq 1) and (cac:LegalMonetaryTotal/xs:decimal(cbc:TaxInclusiveAmount) = round(
    (cac:LegalMonetaryTotal/xs:decimal(cbc:TaxExclusiveAmount) +
    cac:TaxTotal/xs:decimal(cbc:TaxAmount[@currencyID=$Currency])) * 10 * 10) div 100)``: the
    invoice total VAT amount (BT-110) is the one TaxTotal amount in the invoice currency.
    """
    ix = index(doc)
    root = document_root(doc)
    if root is None:
        return
    totals = ix.child(root, CAC + "LegalMonetaryTotal")
    inclusive = ix.decimal(totals, CBC + "TaxInclusiveAmount")
    exclusive = ix.decimal(totals, CBC + "TaxExclusiveAmount")
    for currency_el in ix.children(root, CBC + "DocumentCurrencyCode"):
        currency = string_value(currency_el)
        amounts = [
            xs_decimal(string_value(amount))
            for total in ix.children(root, CAC + "TaxTotal")
            for amount in ix.children(total, CBC + "TaxAmount")
            if amount.get("currencyID") == currency
        ]
        ok = (
            len(amounts) == 1
            and amounts[0] is not None
            and inclusive is not None
            and exclusive is not None
            and inclusive == round2(exclusive + amounts[0])
        )
        if not ok:
            yield root
            return


@rule(
    "BR-CO-16",
    context=[CAC + "LegalMonetaryTotal"],
)
def br_co_16(doc: Document) -> Iterator[Hit]:
    """BR-CO-16: Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid
    amount (BT-113) +Rounding amount (BT-114).

    Context ``cac:LegalMonetaryTotal``; official test, by presence of ``cbc:PrepaidAmount`` and
    ``cbc:PayableRoundingAmount``: ``PayableAmount = round2(TaxInclusiveAmount -
    PrepaidAmount)``, ``PayableAmount = TaxInclusiveAmount``, ``round2(PayableAmount -
    PayableRoundingAmount) = round2(TaxInclusiveAmount - PrepaidAmount)`` or
    ``round2(PayableAmount - PayableRoundingAmount) = TaxInclusiveAmount``.
    """
    ix = index(doc)
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        has_prepaid = ix.has(totals, CBC + "PrepaidAmount")
        has_rounding = ix.has(totals, CBC + "PayableRoundingAmount")
        payable = ix.decimal(totals, CBC + "PayableAmount")
        inclusive = ix.decimal(totals, CBC + "TaxInclusiveAmount")
        prepaid = ix.decimal(totals, CBC + "PrepaidAmount")
        rounding = ix.decimal(totals, CBC + "PayableRoundingAmount")
        if (
            payable is None
            or inclusive is None
            or (has_rounding and rounding is None)
            or (has_prepaid and prepaid is None)
        ):
            ok = False
        else:
            due = inclusive if prepaid is None else round2(inclusive - prepaid)
            if has_rounding:
                assert rounding is not None
                ok = round2(payable - rounding) == due
            else:
                ok = payable == due
        if not ok:
            yield totals


@rule("BR-CO-17")
def br_co_17(doc: Document) -> Iterator[Hit]:
    """BR-CO-17: VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT
    category rate (BT-119) / 100), rounded to two decimals.

    Context ``cac:TaxTotal/cac:TaxSubtotal``; official test: with a rate that rounds to 0 the
    tax amount rounds to 0; with another rate ``abs(TaxAmount) - 1 < round2(abs(TaxableAmount) *
    Percent div 100) < abs(TaxAmount) + 1``; without a rate the tax amount rounds to 0 (rate
    of the ``cac:TaxCategory`` with the VAT tax scheme).
    """
    ix = index(doc)
    for subtotal in ix.under(CAC + "TaxSubtotal", CAC + "TaxTotal"):
        percents = [
            p
            for tc in ix.children(subtotal, CAC + "TaxCategory")
            if ix.vat(tc)
            for p in ix.children(tc, CBC + "Percent")
        ]
        tax = ix.decimal(subtotal, CBC + "TaxAmount")
        taxable = ix.decimal(subtotal, CBC + "TaxableAmount")
        if not percents:
            ok = tax is not None and xround(tax) == 0
        else:
            rate = xs_decimal(string_value(percents[0]))
            if rate is None or tax is None:
                ok = False
            elif xround(rate) == 0:
                ok = xround(tax) == 0
            elif taxable is None:
                ok = False
            else:
                expected = round2(abs(taxable) * (rate / 100))
                ok = abs(tax) - 1 < expected < abs(tax) + 1
        if not ok:
            yield subtotal


@rule("BR-CO-18")
def br_co_18(doc: Document) -> Iterator[Hit]:
    """BR-CO-18: An Invoice shall at least have one VAT breakdown group (BG-23).

    Context ``/ubl:Invoice | /cn:CreditNote``; official test:
    ``exists(cac:TaxTotal/cac:TaxSubtotal)``.
    """
    ix = index(doc)
    root = document_root(doc)
    if root is not None and not ix.has(root, CAC + "TaxTotal", CAC + "TaxSubtotal"):
        yield root


@rule("BR-CO-19")
def br_co_19(doc: Document) -> Iterator[Hit]:
    """BR-CO-19: If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or
    the Invoicing period end date (BT-74) shall be filled, or both.

    Context ``cac:InvoicePeriod`` (not in a line); official test: ``exists(cbc:StartDate) or
    exists(cbc:EndDate) or (exists(cbc:DescriptionCode) and not(exists(cbc:StartDate)) and
    not(exists(cbc:EndDate)))``.
    """
    for period in document_periods(doc):
        if period.start is None and period.end is None and not period.description:
            yield period.el


@rule("BR-CO-20")
def br_co_20(doc: Document) -> Iterator[Hit]:
    """BR-CO-20: If Invoice line period (BG-26) is used, the Invoice line period start date
    (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.

    Context ``cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod``;
    official test: ``exists(cbc:StartDate) or exists(cbc:EndDate)``.
    """
    for period in line_periods(doc):
        if period.start is None and period.end is None:
            yield period.el


def _without_reason(ix: Index, allowances: list[etree._Element]) -> Iterator[etree._Element]:
    for ac in allowances:
        if not ix.allowance[ac].has_reason:
            yield ac


@rule("BR-CO-21")
def br_co_21(doc: Document) -> Iterator[Hit]:
    """BR-CO-21: Each Document level allowance (BG-20) shall contain a Document level allowance
    reason (BT-97) or a Document level allowance reason code (BT-98), or both.

    Context: document level allowances; official test: ``exists(cbc:AllowanceChargeReason) or
    exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    yield from _without_reason(ix, ix.document_allowances(False))


@rule("BR-CO-22")
def br_co_22(doc: Document) -> Iterator[Hit]:
    """BR-CO-22: Each Document level charge (BG-21) shall contain a Document level charge reason
    (BT-104) or a Document level charge reason code (BT-105), or both.

    Context: document level charges; official test: ``exists(cbc:AllowanceChargeReason) or
    exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    yield from _without_reason(ix, ix.document_allowances(True))


@rule("BR-CO-23")
def br_co_23(doc: Document) -> Iterator[Hit]:
    """BR-CO-23: Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason
    (BT-139) or an Invoice line allowance reason code (BT-140), or both.

    Context: invoice line allowances; official test: ``exists(cbc:AllowanceChargeReason) or
    exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    yield from _without_reason(ix, ix.line_allowances(False))


@rule("BR-CO-24")
def br_co_24(doc: Document) -> Iterator[Hit]:
    """BR-CO-24: Each Invoice line charge (BG-28) shall contain an Invoice line charge reason
    (BT-144) or an Invoice line charge reason code (BT-145), or both.

    Context: invoice line charges; official test: ``exists(cbc:AllowanceChargeReason) or
    exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    yield from _without_reason(ix, ix.line_allowances(True))


@rule(
    "BR-CO-26",
    context=[CAC + "AccountingSupplierParty"],
)
def br_co_26(doc: Document) -> Iterator[Hit]:
    """BR-CO-26: In order for the buyer to automatically identify a supplier, the Seller identifier
    (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT
    identifier (BT-31) shall be present.

    Context ``cac:AccountingSupplierParty``; official test:
    ``exists(cac:Party/cac:PartyTaxScheme[VAT]/cbc:CompanyID) or
    exists(cac:Party/cac:PartyIdentification/cbc:ID) or
    exists(cac:Party/cac:PartyLegalEntity/cbc:CompanyID)``.
    """
    ix = index(doc)
    for supplier in ix.all(CAC + "AccountingSupplierParty"):
        ok = False
        for party in ix.children(supplier, CAC + "Party"):
            if (
                any(
                    ix.vat(pts) and ix.has(pts, CBC + "CompanyID")
                    for pts in ix.children(party, CAC + "PartyTaxScheme")
                )
                or ix.has(party, CAC + "PartyIdentification", CBC + "ID")
                or ix.has(party, CAC + "PartyLegalEntity", CBC + "CompanyID")
            ):
                ok = True
                break
        if not ok:
            yield supplier
