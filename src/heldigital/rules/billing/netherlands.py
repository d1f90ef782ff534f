"""Dutch national rules of PEPPOL BIS Billing 3.0 (``NL-R-*``), from the NLCIUS (``BR-NL-*``).

Gated on ``$supplierCountryIsNL`` (seller address country, normalised and
upper-cased), some also on the buyer's or the tax representative's address
country. Dutch legal entities are identified by a KVK number (scheme 0106)
or an OIN (scheme 0190).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import CAC, CBC, CREDIT_NOTE, INVOICE, child, elements, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, string_value, xs_decimal

Element = etree._Element

_ADDRESS = ("StreetName", "CityName", "PostalZone")


def _complete(address: Element) -> bool:
    """``cbc:StreetName and cbc:CityName and cbc:PostalZone``."""
    return all(child(address, CBC + name) is not None for name in _ADDRESS)


def _addresses(doc: Document, role: str) -> Iterator[Element]:
    """``cac:<role>/cac:Party/cac:PostalAddress`` anywhere."""
    for holder in elements(doc, CAC + role):
        yield from path(holder, CAC + "Party", CAC + "PostalAddress")


def _kvk_or_oin(company: Element) -> bool:
    scheme = company.get("schemeID")
    padded = f" {scheme if scheme is not None else ''} "
    return (" 0106 " in padded or " 0190 " in padded) and normalize_space(
        string_value(company)
    ) != ""


def _gate(doc: Document) -> bool:
    """``$supplierCountryIsNL``: every rule here starts from it."""
    return variables(doc).supplier_nl


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("NL", _gate)


@rule("NL-R-001")
def nl_r_001(doc: Document) -> Iterator[Element]:
    """A Dutch seller's credit note refers to the invoice it credits (BT-25)."""
    if not variables(doc).supplier_nl:
        return
    has_reference = bool(
        path(doc.root, CAC + "BillingReference", CAC + "InvoiceDocumentReference", CBC + "ID")
    )
    for code in elements(doc, CBC + "CreditNoteTypeCode"):
        if not has_reference:
            yield code


@rule("NL-R-002")
def nl_r_002(doc: Document) -> Iterator[Element]:
    """A Dutch seller's address has street (BT-35), city (BT-37) and post code (BT-38)."""
    if not variables(doc).supplier_nl:
        return
    for address in _addresses(doc, "AccountingSupplierParty"):
        if not _complete(address):
            yield address


@rule("NL-R-003")
def nl_r_003(doc: Document) -> Iterator[Element]:
    """A Dutch seller's legal registration identifier (BT-30) is a KVK (0106) or OIN (0190)."""
    if not variables(doc).supplier_nl:
        return
    for holder in elements(doc, CAC + "AccountingSupplierParty"):
        for company in path(holder, CAC + "Party", CAC + "PartyLegalEntity", CBC + "CompanyID"):
            if not _kvk_or_oin(company):
                yield company


@rule("NL-R-004")
def nl_r_004(doc: Document) -> Iterator[Element]:
    """A Dutch buyer's address (of a Dutch seller) has street, city and post code (BG-8)."""
    found = variables(doc)
    if not (found.supplier_nl and found.customer_nl):
        return
    for address in _addresses(doc, "AccountingCustomerParty"):
        if not _complete(address):
            yield address


@rule("NL-R-005")
def nl_r_005(doc: Document) -> Iterator[Element]:
    """A Dutch buyer's legal registration identifier (BT-47) is a KVK (0106) or OIN (0190)."""
    found = variables(doc)
    if not (found.supplier_nl and found.customer_nl):
        return
    for holder in elements(doc, CAC + "AccountingCustomerParty"):
        for company in path(holder, CAC + "Party", CAC + "PartyLegalEntity", CBC + "CompanyID"):
            if not _kvk_or_oin(company):
                yield company


@rule("NL-R-006")
def nl_r_006(doc: Document) -> Iterator[Element]:
    """A Dutch tax representative's address (BG-12) has street, city and post code."""
    found = variables(doc)
    if not (found.supplier_nl and found.tax_representative_nl):
        return
    for party in elements(doc, CAC + "TaxRepresentativeParty"):
        for address in party.iterchildren(CAC + "PostalAddress"):
            if not _complete(address):
                yield address


@rule("NL-R-007")
def nl_r_007(doc: Document) -> Iterator[Element]:
    """A Dutch seller gives payment instructions (BG-16) when the buyer has to pay."""
    if not variables(doc).supplier_nl:
        return
    has_means = bool(elements(doc, CAC + "PaymentMeans"))
    for total in elements(doc, CAC + "LegalMonetaryTotal"):
        payable = xs_decimal(string_value(child(total, CBC + "PayableAmount")))
        nothing_to_pay = payable is not None and (
            (doc.root.tag == INVOICE and payable <= 0)
            or (doc.root.tag == CREDIT_NOTE and payable >= 0)
        )
        if not (nothing_to_pay or has_means):
            yield total


@rule("NL-R-008")
def nl_r_008(doc: Document) -> Iterator[Element]:
    """Between Dutch parties the payment means code (BT-81) is 30, 48, 49, 57, 58 or 59."""
    found = variables(doc)
    if not (found.supplier_nl and found.customer_nl):
        return
    for means in elements(doc, CAC + "PaymentMeans"):
        code = normalize_space(string_value(child(means, CBC + "PaymentMeansCode")))
        if code not in ("30", "48", "49", "57", "58", "59"):
            yield means


@rule("NL-R-009")
def nl_r_009(doc: Document) -> Iterator[Element]:
    """A Dutch seller's order line reference (BT-132) needs a purchase order reference (BT-13)."""
    if not variables(doc).supplier_nl:
        return
    if path(doc.root, CAC + "OrderReference", CBC + "ID"):
        return
    for ref in elements(doc, CAC + "OrderLineReference"):
        yield from ref.iterchildren(CBC + "LineID")
