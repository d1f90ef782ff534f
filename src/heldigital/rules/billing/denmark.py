"""Danish national rules of PEPPOL BIS Billing 3.0 (``DK-R-*``).

Gated on the raw address country codes (``$DKSupplierCountry`` and
``$DKCustomerCountry`` in the official Schematron: no normalisation, no
upper-casing); most rules apply only when both seller and buyer are in
Denmark. The rules cover the Danish payment means (giro, FIK), the CVR
number as legal entity identifier and non-VAT taxes ("afgifter").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import (
    CAC,
    CBC,
    CREDIT_NOTE,
    DOCUMENTS,
    INVOICE,
    child,
    children,
    elements,
    first_text,
    path,
)
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, number, string_value, substring

Element = etree._Element


def _supplier_dk(doc: Document) -> bool:
    return variables(doc).raw_supplier_country == "DK"


def _domestic(doc: Document) -> bool:
    found = variables(doc)
    return found.raw_supplier_country == "DK" and found.raw_customer_country == "DK"


def _documents(doc: Document) -> Iterator[Element]:
    """``ubl-creditnote:CreditNote[...] | ubl-invoice:Invoice[...]``."""
    return elements(doc, *DOCUMENTS)


def _supplier_company_ids(document: Element) -> list[Element]:
    return path(
        document,
        CAC + "AccountingSupplierParty",
        CAC + "Party",
        CAC + "PartyLegalEntity",
        CBC + "CompanyID",
    )


#: every rule here is gated on ``_supplier_dk`` (skipped for documents where it is false)
rule = national("DK", _supplier_dk)


@rule("DK-R-002")
def dk_r_002(doc: Document) -> Iterator[Element]:
    """Danish sellers MUST provide the seller legal registration identifier (BT-30)."""
    if not _supplier_dk(doc):
        return
    for document in _documents(doc):
        ids = _supplier_company_ids(document)
        if normalize_space(first_text(ids[0]) if ids else "") == "":
            yield document


@rule("DK-R-014")
def dk_r_014(doc: Document) -> Iterator[Element]:
    """A Danish seller's legal registration identifier (BT-30) uses scheme 0184 (CVR)."""
    if not _supplier_dk(doc):
        return
    for document in _documents(doc):
        ids = _supplier_company_ids(document)
        if ids and normalize_space(ids[0].get("schemeID")) != "0184":
            yield document


@rule("DK-R-016")
def dk_r_016(doc: Document) -> Iterator[Element]:
    """A Danish seller's credit note to a Danish buyer has no negative amount due (BT-115)."""
    if not _supplier_dk(doc) or doc.root.tag != CREDIT_NOTE:
        return
    if variables(doc).raw_customer_country != "DK":
        return
    for document in _documents(doc):
        payable = path(document, CAC + "LegalMonetaryTotal", CBC + "PayableAmount")
        if payable and number(first_text(payable[0])) < 0:
            yield document


@rule("DK-R-013")
def dk_r_013(doc: Document) -> Iterator[Element]:
    """Seller and buyer identifiers (BT-29, BT-46) between Danish parties carry a scheme."""
    if not _domestic(doc):
        return
    for document in _documents(doc):
        for role in ("AccountingSupplierParty", "AccountingCustomerParty"):
            for ident in path(document, CAC + role, CAC + "Party", CAC + "PartyIdentification"):
                ids = children(ident, CBC + "ID")
                if ids and normalize_space(ids[0].get("schemeID")) == "":
                    yield ident


def _payment_means(doc: Document) -> Iterator[Element]:
    """Context ``ubl-invoice:Invoice[$DKSupplierCountry = 'DK' and ...]/cac:PaymentMeans``."""
    if not _domestic(doc):
        return
    for document in elements(doc, INVOICE):
        yield from document.iterchildren(CAC + "PaymentMeans")


def _codes(means: Element) -> list[str]:
    return [string_value(c) for c in means.iterchildren(CBC + "PaymentMeansCode")]


def _payment_id_prefixes(means: Element) -> list[str]:
    return [substring(string_value(p), 1, 3) for p in means.iterchildren(CBC + "PaymentID")]


@rule("DK-R-005")
def dk_r_005(doc: Document) -> Iterator[Element]:
    """Payment means code (BT-81) between Danish parties: 1, 10, 31, 42, 48-50, 58, 59, 93, 97."""
    for means in _payment_means(doc):
        codes = _codes(means)
        if f" {codes[0] if codes else ''} " not in " 1 10 31 42 48 49 50 58 59 93 97 ":
            yield means


@rule("DK-R-006")
def dk_r_006(doc: Document) -> Iterator[Element]:
    """Payment means 31/42: payment account (BT-84) and bank (BT-86) MUST be given."""
    for means in _payment_means(doc):
        if not ({"31", "42"} & set(_codes(means))):
            continue
        account = path(means, CAC + "PayeeFinancialAccount", CBC + "ID")
        branch = path(
            means, CAC + "PayeeFinancialAccount", CAC + "FinancialInstitutionBranch", CBC + "ID"
        )
        if not (
            normalize_space(first_text(account[0]) if account else "")
            and normalize_space(first_text(branch[0]) if branch else "")
        ):
            yield means


@rule("DK-R-007")
def dk_r_007(doc: Document) -> Iterator[Element]:
    """Payment means 49: mandate reference (BT-89) and debited account (BT-91) MUST be given."""
    for means in _payment_means(doc):
        if "49" not in _codes(means):
            continue
        mandate = path(means, CAC + "PaymentMandate", CBC + "ID")
        payer = path(means, CAC + "PaymentMandate", CAC + "PayerFinancialAccount", CBC + "ID")
        if not (
            normalize_space(first_text(mandate[0]) if mandate else "")
            and normalize_space(first_text(payer[0]) if payer else "")
        ):
            yield means


@rule("DK-R-008")
def dk_r_008(doc: Document) -> Iterator[Element]:
    """Payment means 50 (giro): remittance (BT-83) starts 01#/04#/15#, account of 7-8 digits."""
    for means in _payment_means(doc):
        if "50" not in _codes(means):
            continue
        prefix_ok = bool({"01#", "04#", "15#"} & set(_payment_id_prefixes(means)[:1]))
        account = path(means, CAC + "PayeeFinancialAccount", CBC + "ID")
        account_ok = bool(account) and bool(re.fullmatch("[0-9]{7,8}", string_value(account[0])))
        if not (prefix_ok and account_ok):
            yield means


@rule("DK-R-009")
def dk_r_009(doc: Document) -> Iterator[Element]:
    """Payment means 50 with 04#/15#: the remittance (BT-83) is 19 characters long."""
    for means in _payment_means(doc):
        if "50" not in _codes(means):
            continue
        ids = [string_value(p) for p in means.iterchildren(CBC + "PaymentID")]
        if {"04#", "15#"} & {substring(i, 1, 3) for i in ids[:1]} and len(ids[0]) != 19:
            yield means


@rule("DK-R-010")
def dk_r_010(doc: Document) -> Iterator[Element]:
    """Payment means 93 (FIK): remittance (BT-83) starts 71#/73#/75#, creditor number 8 long.

    The creditor number is read from ``cac:PayeeFinancialAccount/cbc:ID`` as
    in the official test of release 3.0.19 (the message names
    ``CreditAccount/AccountID``).
    """
    for means in _payment_means(doc):
        if "93" not in _codes(means):
            continue
        prefix_ok = bool({"71#", "73#", "75#"} & set(_payment_id_prefixes(means)[:1]))
        account = path(means, CAC + "PayeeFinancialAccount", CBC + "ID")
        if not (prefix_ok and len(first_text(account[0]) if account else "") == 8):
            yield means


@rule("DK-R-011")
def dk_r_011(doc: Document) -> Iterator[Element]:
    """Payment means 93 with 71#/75#: the remittance (BT-83) is 18 or 19 characters long."""
    for means in _payment_means(doc):
        if "93" not in _codes(means):
            continue
        ids = [string_value(p) for p in means.iterchildren(CBC + "PaymentID")]
        if {"71#", "75#"} & {substring(i, 1, 3) for i in ids[:1]} and len(ids[0]) not in (18, 19):
            yield means


@rule("DK-R-003")
def dk_r_003(doc: Document) -> Iterator[Element]:
    """UNSPSC item classification (BT-158, list ``TST``) should be version 19.05.01 or 26.08.01."""
    if not _domestic(doc):
        return
    line_of = ((INVOICE, CAC + "InvoiceLine"), (CREDIT_NOTE, CAC + "CreditNoteLine"))
    versions = {"19.05.01", "19.0501", "26.08.01", "26.0801"}
    for document_tag, line_tag in line_of:
        for document in elements(doc, document_tag):
            for line in document.iterchildren(line_tag):
                codes = path(
                    line,
                    CAC + "Item",
                    CAC + "CommodityClassification",
                    CBC + "ItemClassificationCode",
                )
                unspsc = any(c.get("listID") == "TST" for c in codes)
                if unspsc and not any(c.get("listVersionID") in versions for c in codes):
                    yield line


@rule("DK-R-004")
def dk_r_004(doc: Document) -> Iterator[Element]:
    """Non-VAT taxes (reason code ZZZ): the reason (BT-97/BT-104) is a 4-digit tax category
    or contains an inner ``#``."""
    if not _domestic(doc):
        return
    for charge in elements(doc, CAC + "AllowanceCharge"):
        if not any(
            string_value(c) == "ZZZ" for c in charge.iterchildren(CBC + "AllowanceChargeReasonCode")
        ):
            continue
        reason_el = child(charge, CBC + "AllowanceChargeReason")
        reason = string_value(reason_el)
        value = number(reason) if reason_el is not None else float("nan")
        tax_category = len(normalize_space(first_text(reason_el))) == 4 and 0 <= value <= 9999
        hashed = (
            reason_el is not None
            and "#" in reason
            and not reason.startswith("#")
            and not reason.endswith("#")
        )
        if not (tax_category or hashed):
            yield charge
