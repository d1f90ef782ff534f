"""EN 16931 core business rules ``BR-01`` ... ``BR-65`` in the UBL binding.

EN 16931-1:2017 clause 6.4.2 (integrity constraints of the semantic model)
as bound to UBL 2.1 Invoice and CreditNote by CEN/TS 16931-3-2; the
assertions follow the official validation artefacts
(ConnectingEurope/eInvoicing-EN16931, ``ubl/schematron/UBL/EN16931-UBL-model.sch``).
Each function repeats the official context and test; its official unit tests
are ``test/Invoice-unit-UBL/BR-nn.xml`` and ``test/CreditNote-unit-UBL/BR-nn.xml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml import etree

from heldigital.rules.core import Document, Hit
from heldigital.rules.en16931._registry import rule
from heldigital.rules.en16931.model_base import CAC, CBC, Index, PeriodFacts, index
from heldigital.rules.xpath import normalize_space, string_value

__all__: list[str] = []

_LINE_TAGS = (CAC + "InvoiceLine", CAC + "CreditNoteLine")
_XS_DATE = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)(?:Z|[+-]\d\d:\d\d)?")


def document_root(doc: Document) -> etree._Element | None:
    """The context ``/ubl:Invoice | /cn:CreditNote``: the root when it is one of them."""
    tag = doc.root.tag
    if tag in (
        "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice",
        "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote",
    ):
        return doc.root
    return None


def _xs_date(text: str | None) -> date | None:
    """``xs:date(text)`` (time zone ignored); None when it is not a date."""
    if text is None:
        return None
    match = _XS_DATE.fullmatch(text.strip(" \t\n\r"))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _root_requires(doc: Document, ok: bool) -> Iterator[Hit]:
    root = document_root(doc)
    if root is not None and not ok:
        yield root


# -- the invoice as a whole (context /ubl:Invoice | /cn:CreditNote) ------------------------------
@rule("BR-01")
def br_01(doc: Document) -> Iterator[Hit]:
    """BR-01: An Invoice shall have a Specification identifier (BT-24).

    Official test: ``normalize-space(cbc:CustomizationID) != ''``.
    """
    ix = index(doc)
    yield from _root_requires(doc, ix.nonblank(doc.root, CBC + "CustomizationID"))


@rule("BR-02")
def br_02(doc: Document) -> Iterator[Hit]:
    """BR-02: An Invoice shall have an Invoice number (BT-1).

    Official test: ``normalize-space(cbc:ID) != ''``.
    """
    ix = index(doc)
    yield from _root_requires(doc, ix.nonblank(doc.root, CBC + "ID"))


@rule("BR-03")
def br_03(doc: Document) -> Iterator[Hit]:
    """BR-03: An Invoice shall have an Invoice issue date (BT-2).

    Official test: ``normalize-space(cbc:IssueDate) != ''``.
    """
    ix = index(doc)
    yield from _root_requires(doc, ix.nonblank(doc.root, CBC + "IssueDate"))


@rule("BR-04")
def br_04(doc: Document) -> Iterator[Hit]:
    """BR-04: An Invoice shall have an Invoice type code (BT-3).

    Official test: ``normalize-space(cbc:InvoiceTypeCode) != '' or
    normalize-space(cbc:CreditNoteTypeCode) != ''``.
    """
    ix = index(doc)
    ok = ix.nonblank(doc.root, CBC + "InvoiceTypeCode") or ix.nonblank(
        doc.root, CBC + "CreditNoteTypeCode"
    )
    yield from _root_requires(doc, ok)


@rule("BR-05")
def br_05(doc: Document) -> Iterator[Hit]:
    """BR-05: An Invoice shall have an Invoice currency code (BT-5).

    Official test: ``normalize-space(cbc:DocumentCurrencyCode) != ''``.
    """
    ix = index(doc)
    yield from _root_requires(doc, ix.nonblank(doc.root, CBC + "DocumentCurrencyCode"))


@rule("BR-06")
def br_06(doc: Document) -> Iterator[Hit]:
    """BR-06: An Invoice shall contain the Seller name (BT-27).

    Official test: ``normalize-space(cac:AccountingSupplierParty/cac:Party/
    cac:PartyLegalEntity/cbc:RegistrationName) != ''``.
    """
    ix = index(doc)
    ok = ix.nonblank(
        doc.root,
        CAC + "AccountingSupplierParty",
        CAC + "Party",
        CAC + "PartyLegalEntity",
        CBC + "RegistrationName",
    )
    yield from _root_requires(doc, ok)


@rule("BR-07")
def br_07(doc: Document) -> Iterator[Hit]:
    """BR-07: An Invoice shall contain the Buyer name (BT-44).

    Official test: ``normalize-space(cac:AccountingCustomerParty/cac:Party/
    cac:PartyLegalEntity/cbc:RegistrationName) != ''``.
    """
    ix = index(doc)
    ok = ix.nonblank(
        doc.root,
        CAC + "AccountingCustomerParty",
        CAC + "Party",
        CAC + "PartyLegalEntity",
        CBC + "RegistrationName",
    )
    yield from _root_requires(doc, ok)


@rule("BR-08")
def br_08(doc: Document) -> Iterator[Hit]:
    """BR-08: An Invoice shall contain the Seller postal address.

    Official test: ``exists(cac:AccountingSupplierParty/cac:Party/cac:PostalAddress)``.
    """
    ix = index(doc)
    ok = ix.has(doc.root, CAC + "AccountingSupplierParty", CAC + "Party", CAC + "PostalAddress")
    yield from _root_requires(doc, ok)


@rule("BR-10")
def br_10(doc: Document) -> Iterator[Hit]:
    """BR-10: An Invoice shall contain the Buyer postal address (BG-8).

    Official test: ``exists(cac:AccountingCustomerParty/cac:Party/cac:PostalAddress)``.
    """
    ix = index(doc)
    ok = ix.has(doc.root, CAC + "AccountingCustomerParty", CAC + "Party", CAC + "PostalAddress")
    yield from _root_requires(doc, ok)


@rule("BR-16")
def br_16(doc: Document) -> Iterator[Hit]:
    """BR-16: An Invoice shall have at least one Invoice line (BG-25)

    Official test: ``exists(cac:InvoiceLine) or exists(cac:CreditNoteLine)``.
    """
    ix = index(doc)
    ok = ix.has(doc.root, _LINE_TAGS[0]) or ix.has(doc.root, _LINE_TAGS[1])
    yield from _root_requires(doc, ok)


@rule("BR-53")
def br_53(doc: Document) -> Iterator[Hit]:
    """BR-53: If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT
    amount in accounting currency (BT-111) shall be provided.

    Official test: ``every $taxcurrency in cbc:TaxCurrencyCode satisfies
    exists(//cac:TaxTotal/cbc:TaxAmount[@currencyID=$taxcurrency])`` (string equality).
    """
    ix = index(doc)
    present = {
        amount.get("currencyID")
        for total in ix.all(CAC + "TaxTotal")
        for amount in ix.children(total, CBC + "TaxAmount")
    }
    codes = [string_value(c) for c in ix.children(doc.root, CBC + "TaxCurrencyCode")]
    yield from _root_requires(doc, all(code in present for code in codes))


# -- parties and addresses ---------------------------------------------------------------------
@rule("BR-09")
def br_09(doc: Document) -> Iterator[Hit]:
    """BR-09: The Seller postal address (BG-5) shall contain a Seller country code (BT-40).

    Context ``cac:AccountingSupplierParty/cac:Party/cac:PostalAddress``; official test:
    ``normalize-space(cac:Country/cbc:IdentificationCode) != ''``.
    """
    ix = index(doc)
    for address in ix.under(CAC + "PostalAddress", CAC + "Party", CAC + "AccountingSupplierParty"):
        if not ix.nonblank(address, CAC + "Country", CBC + "IdentificationCode"):
            yield address


@rule("BR-11")
def br_11(doc: Document) -> Iterator[Hit]:
    """BR-11: The Buyer postal address shall contain a Buyer country code (BT-55).

    Context ``cac:AccountingCustomerParty/cac:Party/cac:PostalAddress``; official test:
    ``normalize-space(cac:Country/cbc:IdentificationCode) != ''``.
    """
    ix = index(doc)
    for address in ix.under(CAC + "PostalAddress", CAC + "Party", CAC + "AccountingCustomerParty"):
        if not ix.nonblank(address, CAC + "Country", CBC + "IdentificationCode"):
            yield address


@rule("BR-17")
def br_17(doc: Document) -> Iterator[Hit]:
    """BR-17: The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is
    different from the Seller (BG-4)

    Context ``cac:PayeeParty``; official test: ``exists(cac:PartyName/cbc:Name) and
    (not(cac:PartyName/cbc:Name = ../cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name)
    and not(cac:PartyIdentification/cbc:ID =
    ../cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID))``: a payee
    that carries the seller's name or identifier is the seller, not a distinct payee.
    """

    ix = index(doc)

    def values(node: etree._Element, *path: str) -> set[str]:
        return {string_value(v) for v in ix.path(node, *path)}

    for payee in ix.all(CAC + "PayeeParty"):
        parent = payee.getparent()
        seller_parties = (
            []
            if parent is None
            else ix.path(parent, CAC + "AccountingSupplierParty", CAC + "Party")
        )
        names = values(payee, CAC + "PartyName", CBC + "Name")
        ids = values(payee, CAC + "PartyIdentification", CBC + "ID")
        seller_names: set[str] = set()
        seller_ids: set[str] = set()
        for party in seller_parties:
            seller_names |= values(party, CAC + "PartyName", CBC + "Name")
            seller_ids |= values(party, CAC + "PartyIdentification", CBC + "ID")
        if not names or names & seller_names or ids & seller_ids:
            yield payee


@rule(
    "BR-18",
    context=[CAC + "TaxRepresentativeParty"],
)
def br_18(doc: Document) -> Iterator[Hit]:
    """BR-18: The Seller tax representative name (BT-62) shall be provided in the Invoice, if the
    Seller (BG-4) has a Seller tax representative party (BG-11)

    Context ``cac:TaxRepresentativeParty``; official test:
    ``normalize-space(cac:PartyName/cbc:Name) != ''``.
    """
    ix = index(doc)
    for party in ix.all(CAC + "TaxRepresentativeParty"):
        if not ix.nonblank(party, CAC + "PartyName", CBC + "Name"):
            yield party


@rule(
    "BR-19",
    context=[CAC + "TaxRepresentativeParty"],
)
def br_19(doc: Document) -> Iterator[Hit]:
    """BR-19: The Seller tax representative postal address (BG-12) shall be provided in the
    Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).

    Context ``cac:TaxRepresentativeParty``; official test: ``exists(cac:PostalAddress)``.
    """
    ix = index(doc)
    for party in ix.all(CAC + "TaxRepresentativeParty"):
        if not ix.has(party, CAC + "PostalAddress"):
            yield party


@rule("BR-20")
def br_20(doc: Document) -> Iterator[Hit]:
    """BR-20: The Seller tax representative postal address (BG-12) shall contain a Tax
    representative country code (BT-69), if the Seller (BG-4) has a Seller tax
    representative party (BG-11).

    Context ``cac:TaxRepresentativeParty/cac:PostalAddress``; official test:
    ``normalize-space(cac:Country/cbc:IdentificationCode) != ''``.
    """
    ix = index(doc)
    for address in ix.under(CAC + "PostalAddress", CAC + "TaxRepresentativeParty"):
        if not ix.nonblank(address, CAC + "Country", CBC + "IdentificationCode"):
            yield address


@rule(
    "BR-56",
    context=[CAC + "TaxRepresentativeParty"],
)
def br_56(doc: Document) -> Iterator[Hit]:
    """BR-56: Each Seller tax representative party (BG-11) shall have a Seller tax representative
    VAT identifier (BT-63).

    Context ``cac:TaxRepresentativeParty``; official test:
    ``exists(cac:PartyTaxScheme[cac:TaxScheme/(normalize-space(upper-case(cbc:ID)) =
    'VAT')]/cbc:CompanyID)``.
    """
    ix = index(doc)
    for party in ix.all(CAC + "TaxRepresentativeParty"):
        if not any(
            ix.vat(pts) and ix.has(pts, CBC + "CompanyID")
            for pts in ix.children(party, CAC + "PartyTaxScheme")
        ):
            yield party


@rule("BR-57")
def br_57(doc: Document) -> Iterator[Hit]:
    """BR-57: Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).

    Context ``cac:Delivery/cac:DeliveryLocation/cac:Address``; official test:
    ``exists(cac:Country/cbc:IdentificationCode)``.
    """
    ix = index(doc)
    for address in ix.under(CAC + "Address", CAC + "DeliveryLocation", CAC + "Delivery"):
        if not ix.has(address, CAC + "Country", CBC + "IdentificationCode"):
            yield address


@rule(
    "BR-62",
    context=[CAC + "AccountingSupplierParty"],
)
def br_62(doc: Document) -> Iterator[Hit]:
    """BR-62: The Seller electronic address (BT-34) shall have a Scheme identifier.

    Context ``cac:AccountingSupplierParty/cac:Party/cbc:EndpointID``; official test:
    ``exists(@schemeID)``.
    """
    ix = index(doc)
    for party in ix.all(CAC + "AccountingSupplierParty"):
        for endpoint in ix.path(party, CAC + "Party", CBC + "EndpointID"):
            if endpoint.get("schemeID") is None:
                yield endpoint


@rule(
    "BR-63",
    context=[CAC + "AccountingCustomerParty"],
)
def br_63(doc: Document) -> Iterator[Hit]:
    """BR-63: The Buyer electronic address (BT-49) shall have a Scheme identifier.

    Context ``cac:AccountingCustomerParty/cac:Party/cbc:EndpointID``; official test:
    ``exists(@schemeID)``.
    """
    ix = index(doc)
    for party in ix.all(CAC + "AccountingCustomerParty"):
        for endpoint in ix.path(party, CAC + "Party", CBC + "EndpointID"):
            if endpoint.get("schemeID") is None:
                yield endpoint


# -- document totals (context cac:LegalMonetaryTotal) -------------------------------------------
def _totals_require(doc: Document, tag: str) -> Iterator[Hit]:
    ix = index(doc)
    for totals in ix.all(CAC + "LegalMonetaryTotal"):
        if not ix.has(totals, CBC + tag):
            yield totals


@rule("BR-12")
def br_12(doc: Document) -> Iterator[Hit]:
    """BR-12: An Invoice shall have the Sum of Invoice line net amount (BT-106).

    Official test: ``exists(cbc:LineExtensionAmount)``.
    """
    yield from _totals_require(doc, "LineExtensionAmount")


@rule("BR-13")
def br_13(doc: Document) -> Iterator[Hit]:
    """BR-13: An Invoice shall have the Invoice total amount without VAT (BT-109).

    Official test: ``exists(cbc:TaxExclusiveAmount)``.
    """
    yield from _totals_require(doc, "TaxExclusiveAmount")


@rule("BR-14")
def br_14(doc: Document) -> Iterator[Hit]:
    """BR-14: An Invoice shall have the Invoice total amount with VAT (BT-112).

    Official test: ``exists(cbc:TaxInclusiveAmount)``.
    """
    yield from _totals_require(doc, "TaxInclusiveAmount")


@rule("BR-15")
def br_15(doc: Document) -> Iterator[Hit]:
    """BR-15: An Invoice shall have the Amount due for payment (BT-115).

    Official test: ``exists(cbc:PayableAmount)``.
    """
    yield from _totals_require(doc, "PayableAmount")


# -- invoice lines (context cac:InvoiceLine | cac:CreditNoteLine) -------------------------------
@rule("BR-21")
def br_21(doc: Document) -> Iterator[Hit]:
    """BR-21: Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).

    Official test: ``normalize-space(cbc:ID) != ''``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if normalize_space(line.first_id) == "":
            yield line.el


@rule("BR-22")
def br_22(doc: Document) -> Iterator[Hit]:
    """BR-22: Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).

    Official test: ``exists(cbc:InvoicedQuantity) or exists(cbc:CreditedQuantity)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not line.quantity:
            yield line.el


@rule("BR-23")
def br_23(doc: Document) -> Iterator[Hit]:
    """BR-23: An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code
    (BT-130).

    Official test: ``exists(cbc:InvoicedQuantity/@unitCode) or
    exists(cbc:CreditedQuantity/@unitCode)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not line.unit:
            yield line.el


@rule("BR-24")
def br_24(doc: Document) -> Iterator[Hit]:
    """BR-24: Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).

    Official test: ``exists(cbc:LineExtensionAmount)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not line.amounts:
            yield line.el


@rule("BR-25")
def br_25(doc: Document) -> Iterator[Hit]:
    """BR-25: Each Invoice line (BG-25) shall contain the Item name (BT-153).

    Official test: ``normalize-space(cac:Item/cbc:Name) != ''``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if normalize_space(line.item_name) == "":
            yield line.el


@rule("BR-26")
def br_26(doc: Document) -> Iterator[Hit]:
    """BR-26: Each Invoice line (BG-25) shall contain the Item net price (BT-146).

    Official test: ``exists(cac:Price/cbc:PriceAmount)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not line.prices:
            yield line.el


@rule("BR-27")
def br_27(doc: Document) -> Iterator[Hit]:
    """BR-27: The Item net price (BT-146) shall NOT be negative.

    Official test: ``(cac:Price/cbc:PriceAmount) >= 0`` - a general comparison, so a line
    without a price amount fails it too (as BR-26 does).
    """
    ix = index(doc)
    for line in ix.line_facts():
        if not any(v is not None and v >= 0 for v in line.prices):
            yield line.el


@rule("BR-28")
def br_28(doc: Document) -> Iterator[Hit]:
    """BR-28: The Item gross price (BT-148) shall NOT be negative.

    Official test: ``(cac:Price/cac:AllowanceCharge/cbc:BaseAmount) >= 0 or
    not(exists(cac:Price/cac:AllowanceCharge/cbc:BaseAmount))``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if line.bases and not any(v is not None and v >= 0 for v in line.bases):
            yield line.el


# -- periods ------------------------------------------------------------------------------------
def _period_order_ok(period: PeriodFacts) -> bool:
    """``(exists(cbc:EndDate) and exists(cbc:StartDate) and xs:date(cbc:EndDate) >=
    xs:date(cbc:StartDate)) or not(exists(cbc:StartDate)) or not(exists(cbc:EndDate))``."""
    start, end = period.start, period.end
    if start is None or end is None:
        return True
    start_date, end_date = _xs_date(start), _xs_date(end)
    if start_date is None or end_date is None:
        # xs:date() raises a dynamic error: the official validator reports no assertion
        # (UBL-DT/XSD checks report the malformed date).
        return True
    return end_date >= start_date


def document_periods(doc: Document) -> Iterator[PeriodFacts]:
    """Context ``cac:InvoicePeriod`` minus the line periods, which the official pattern
    matches first with the line-period rule (a node fires only its first matching rule)."""
    return (p for p in index(doc).periods() if not p.in_line)


def line_periods(doc: Document) -> Iterator[PeriodFacts]:
    """Context ``cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod``."""
    return (p for p in index(doc).periods() if p.in_line)


@rule("BR-29")
def br_29(doc: Document) -> Iterator[Hit]:
    """BR-29: If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) are
    given then the Invoicing period end date (BT-74) shall be later or equal to the
    Invoicing period start date (BT-73).

    Context ``cac:InvoicePeriod`` (not in a line).
    """
    for period in document_periods(doc):
        if not _period_order_ok(period):
            yield period.el


@rule("BR-30")
def br_30(doc: Document) -> Iterator[Hit]:
    """BR-30: If both Invoice line period start date (BT-134) and Invoice line period end date
    (BT-135) are given then the Invoice line period end date (BT-135) shall be later or
    equal to the Invoice line period start date (BT-134).

    Context ``cac:InvoiceLine/cac:InvoicePeriod | cac:CreditNoteLine/cac:InvoicePeriod``.
    """
    for period in line_periods(doc):
        if not _period_order_ok(period):
            yield period.el


# -- allowances and charges ---------------------------------------------------------------------
def _has_reason(ix: Index, allowance_charge: etree._Element) -> bool:
    """``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``."""
    return ix.allowance[allowance_charge].has_reason


def _has_vat_category(ix: Index, allowance_charge: etree._Element) -> bool:
    """``exists(cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']/cbc:ID)``."""
    return any(
        ix.category[tc].vat and ix.category[tc].raw_codes
        for tc in ix.children(allowance_charge, CAC + "TaxCategory")
    )


@rule("BR-31")
def br_31(doc: Document) -> Iterator[Hit]:
    """BR-31: Each Document level allowance (BG-20) shall have a Document level allowance amount
    (BT-92).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = false()]``; official test:
    ``exists(cbc:Amount)``.
    """
    ix = index(doc)
    for allowance in ix.document_allowances(False):
        if not ix.allowance[allowance].amounts:
            yield allowance


@rule("BR-32")
def br_32(doc: Document) -> Iterator[Hit]:
    """BR-32: Each Document level allowance (BG-20) shall have a Document level allowance VAT
    category code (BT-95).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = false()]``; official test:
    ``exists(cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']/cbc:ID)``.
    """
    ix = index(doc)
    for allowance in ix.document_allowances(False):
        if not _has_vat_category(ix, allowance):
            yield allowance


@rule("BR-33")
def br_33(doc: Document) -> Iterator[Hit]:
    """BR-33: Each Document level allowance (BG-20) shall have a Document level allowance reason
    (BT-97) or a Document level allowance reason code (BT-98).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = false()]``; official test:
    ``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    for allowance in ix.document_allowances(False):
        if not _has_reason(ix, allowance):
            yield allowance


@rule("BR-36")
def br_36(doc: Document) -> Iterator[Hit]:
    """BR-36: Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = true()]``; official test:
    ``exists(cbc:Amount)``.
    """
    ix = index(doc)
    for charge in ix.document_allowances(True):
        if not ix.allowance[charge].amounts:
            yield charge


@rule("BR-37")
def br_37(doc: Document) -> Iterator[Hit]:
    """BR-37: Each Document level charge (BG-21) shall have a Document level charge VAT category
    code (BT-102).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = true()]``; official test:
    ``exists(cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT']/cbc:ID)``.
    """
    ix = index(doc)
    for charge in ix.document_allowances(True):
        if not _has_vat_category(ix, charge):
            yield charge


@rule("BR-38")
def br_38(doc: Document) -> Iterator[Hit]:
    """BR-38: Each Document level charge (BG-21) shall have a Document level charge reason (BT-104)
    or a Document level charge reason code (BT-105).

    Context ``/*/cac:AllowanceCharge[cbc:ChargeIndicator = true()]``; official test:
    ``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    for charge in ix.document_allowances(True):
        if not _has_reason(ix, charge):
            yield charge


@rule("BR-41")
def br_41(doc: Document) -> Iterator[Hit]:
    """BR-41: Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount
    (BT-136).

    Context ``//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = false()]`` (and the
    credit-note line); official test: ``exists(cbc:Amount)``.
    """
    ix = index(doc)
    for allowance in ix.line_allowances(False):
        if not ix.allowance[allowance].amounts:
            yield allowance


@rule("BR-42")
def br_42(doc: Document) -> Iterator[Hit]:
    """BR-42: Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason
    (BT-139) or an Invoice line allowance reason code (BT-140).

    Context ``//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = false()]``; official
    test: ``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    for allowance in ix.line_allowances(False):
        if not _has_reason(ix, allowance):
            yield allowance


@rule("BR-43")
def br_43(doc: Document) -> Iterator[Hit]:
    """BR-43: Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).

    Context ``//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = true()]``; official
    test: ``exists(cbc:Amount)``.
    """
    ix = index(doc)
    for charge in ix.line_allowances(True):
        if not ix.allowance[charge].amounts:
            yield charge


@rule("BR-44")
def br_44(doc: Document) -> Iterator[Hit]:
    """BR-44: Each Invoice line charge shall have an Invoice line charge reason or an invoice line
    allowance reason code.

    Context ``//cac:InvoiceLine/cac:AllowanceCharge[cbc:ChargeIndicator = true()]``; official
    test: ``exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)``.
    """
    ix = index(doc)
    for charge in ix.line_allowances(True):
        if not _has_reason(ix, charge):
            yield charge


# -- VAT breakdown (context cac:TaxTotal/cac:TaxSubtotal) ---------------------------------------
def _subtotals(doc: Document) -> Iterator[etree._Element]:
    ix = index(doc)
    return ix.under(CAC + "TaxSubtotal", CAC + "TaxTotal")


@rule("BR-45")
def br_45(doc: Document) -> Iterator[Hit]:
    """BR-45: Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).

    Official test: ``exists(cbc:TaxableAmount)``.
    """
    ix = index(doc)
    for subtotal in _subtotals(doc):
        if not ix.has(subtotal, CBC + "TaxableAmount"):
            yield subtotal


@rule("BR-46")
def br_46(doc: Document) -> Iterator[Hit]:
    """BR-46: Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).

    Official test: ``exists(cbc:TaxAmount)``.
    """
    ix = index(doc)
    for subtotal in _subtotals(doc):
        if not ix.has(subtotal, CBC + "TaxAmount"):
            yield subtotal


@rule("BR-47")
def br_47(doc: Document) -> Iterator[Hit]:
    """BR-47: Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).

    Official test: ``exists(cac:TaxCategory[cac:TaxScheme/normalize-space(upper-case(cbc:ID))=
    'VAT']/cbc:ID)``.
    """
    ix = index(doc)
    for subtotal in _subtotals(doc):
        if not _has_vat_category(ix, subtotal):
            yield subtotal


@rule("BR-48")
def br_48(doc: Document) -> Iterator[Hit]:
    """BR-48: Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the
    Invoice is not subject to VAT.

    Official test: ``exists(cac:TaxCategory[VAT]/cbc:Percent) or
    (cac:TaxCategory[VAT]/normalize-space(cbc:ID)='O')`` (``[VAT]`` abbreviates the
    tax-scheme predicate).
    """
    ix = index(doc)
    for subtotal in _subtotals(doc):
        categories = [tc for tc in ix.children(subtotal, CAC + "TaxCategory") if ix.vat(tc)]
        if not any(ix.has(tc, CBC + "Percent") for tc in categories) and not any(
            normalize_space(ix.text(tc, CBC + "ID")) == "O" for tc in categories
        ):
            yield subtotal


# -- payment instructions -------------------------------------------------------------------------
@rule(
    "BR-49",
    context=[CAC + "PaymentMeans"],
)
def br_49(doc: Document) -> Iterator[Hit]:
    """BR-49: A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).

    Context ``cac:PaymentMeans``; official test: ``exists(cbc:PaymentMeansCode)``.
    """
    ix = index(doc)
    for means in ix.all(CAC + "PaymentMeans"):
        if not ix.has(means, CBC + "PaymentMeansCode"):
            yield means


@rule(
    "BR-50",
    context=[CAC + "PaymentMeans"],
)
def br_50(doc: Document) -> Iterator[Hit]:
    """BR-50: A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17)
    information is provided in the Invoice.

    Context ``cac:PaymentMeans[cbc:PaymentMeansCode='30' or cbc:PaymentMeansCode='58']/
    cac:PayeeFinancialAccount``; official test: ``normalize-space(cbc:ID) != ''``.
    """
    ix = index(doc)
    for means in ix.all(CAC + "PaymentMeans"):
        codes = {string_value(c) for c in ix.children(means, CBC + "PaymentMeansCode")}
        if codes & {"30", "58"}:
            for account in ix.children(means, CAC + "PayeeFinancialAccount"):
                if not ix.nonblank(account, CBC + "ID"):
                    yield account


@rule(
    "BR-51",
    context=[CAC + "PaymentMeans"],
)
def br_51(doc: Document) -> Iterator[Hit]:
    """BR-51: In accordance with card payments security standards an invoice should never include a
    full card primary account number (BT-87). At the moment PCI Security Standards Council
    has defined that the first 6 digits and last 4 digits are the maximum number of digits
    to be shown.

    Context ``cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID``; official test:
    ``string-length(normalize-space(.)) <= 10`` (a warning).
    """
    ix = index(doc)
    for means in ix.all(CAC + "PaymentMeans"):
        for pan in ix.path(means, CAC + "CardAccount", CBC + "PrimaryAccountNumberID"):
            if len(normalize_space(string_value(pan))) > 10:
                yield pan


@rule(
    "BR-61",
    context=[CAC + "PaymentMeans"],
)
def br_61(doc: Document) -> Iterator[Hit]:
    """BR-61: If the Payment means type code (BT-81) means SEPA credit transfer, Local credit
    transfer or Non-SEPA international credit transfer, the Payment account identifier
    (BT-84) shall be present.

    Context ``cac:PaymentMeans``; official test: ``(exists(cac:PayeeFinancialAccount/cbc:ID) and
    ((normalize-space(cbc:PaymentMeansCode) = '30') or (normalize-space(cbc:PaymentMeansCode) =
    '58'))) or ((normalize-space(cbc:PaymentMeansCode) != '30') and
    (normalize-space(cbc:PaymentMeansCode) != '58'))``.
    """
    ix = index(doc)
    for means in ix.all(CAC + "PaymentMeans"):
        code = normalize_space(ix.text(means, CBC + "PaymentMeansCode"))
        if code in ("30", "58") and not ix.has(means, CAC + "PayeeFinancialAccount", CBC + "ID"):
            yield means


# -- references, item attributes and identifiers ------------------------------------------
@rule(
    "BR-52",
    context=[CAC + "AdditionalDocumentReference"],
)
def br_52(doc: Document) -> Iterator[Hit]:
    """BR-52: Each Additional supporting document (BG-24) shall contain a Supporting document
    reference (BT-122).

    Context ``cac:AdditionalDocumentReference``; official test: ``normalize-space(cbc:ID) != ''``.
    """
    ix = index(doc)
    for reference in ix.all(CAC + "AdditionalDocumentReference"):
        if not ix.nonblank(reference, CBC + "ID"):
            yield reference


@rule(
    "BR-54",
    context=[CAC + "AdditionalItemProperty"],
)
def br_54(doc: Document) -> Iterator[Hit]:
    """BR-54: Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item
    attribute value (BT-161).

    Context ``//cac:AdditionalItemProperty``; official test: ``exists(cbc:Name) and
    exists(cbc:Value)``.
    """
    ix = index(doc)
    for prop in ix.all(CAC + "AdditionalItemProperty"):
        tags = {c.tag for c in prop}
        if CBC + "Name" not in tags or CBC + "Value" not in tags:
            yield prop


@rule(
    "BR-55",
    context=[CAC + "BillingReference"],
)
def br_55(doc: Document) -> Iterator[Hit]:
    """BR-55: Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference
    (BT-25).

    Context ``cac:BillingReference``; official test:
    ``exists(cac:InvoiceDocumentReference/cbc:ID)``.
    """
    ix = index(doc)
    for reference in ix.all(CAC + "BillingReference"):
        if not ix.has(reference, CAC + "InvoiceDocumentReference", CBC + "ID"):
            yield reference


@rule("BR-64")
def br_64(doc: Document) -> Iterator[Hit]:
    """BR-64: The Item standard identifier (BT-157) shall have a Scheme identifier.

    Context ``cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID`` (and the
    credit-note line); official test: ``exists(@schemeID)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        for ident in line.standard_ids:
            if ident.get("schemeID") is None:
                yield ident


@rule("BR-65")
def br_65(doc: Document) -> Iterator[Hit]:
    """BR-65: The Item classification identifier (BT-158) shall have a Scheme identifier.

    Context ``cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode``
    (and the credit-note line); official test: ``exists(@listID)``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        for code in line.classification_codes:
            if code.get("listID") is None:
                yield code
