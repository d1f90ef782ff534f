"""Icelandic national rules of PEPPOL BIS Billing 3.0 (``IS-R-*``).

Gated on the raw address country codes (``$SupplierCountry`` /
``$CustomerCountry`` of the official Iceland pattern, no normalisation).
Icelandic invoices carry the kennitala (scheme 0196) as legal identifier,
12-digit bank accounts for claims (code 9) and transfers (code 42), and the
final due date ("eindagi") as a supporting document described ``EINDAGI``
whose identifier is the date.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import CAC, CBC, DOCUMENTS, child, elements, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import castable_date, normalize_space, string_value

Element = etree._Element


def _documents(doc: Document) -> Iterator[Element]:
    """Context ``ubl-creditnote:CreditNote[$SupplierCountry = 'IS'] | ubl-invoice:Invoice[...]``."""
    if variables(doc).raw_supplier_country != "IS":
        return
    yield from elements(doc, *DOCUMENTS)


def _eindagi(document: Element) -> list[Element]:
    """``cac:AdditionalDocumentReference[cbc:DocumentDescription = 'EINDAGI']``."""
    return [
        ref
        for ref in document.iterchildren(CAC + "AdditionalDocumentReference")
        if any(string_value(d) == "EINDAGI" for d in ref.iterchildren(CBC + "DocumentDescription"))
    ]


def _gate(doc: Document) -> bool:
    """``$SupplierCountry = 'IS'``: every rule here starts from it."""
    return variables(doc).raw_supplier_country == "IS"


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("IS", _gate)


@rule("IS-R-001")
def is_r_001(doc: Document) -> Iterator[Element]:
    """Icelandic sellers should use invoice type (BT-3) 380 or credit note type 381."""
    for document in _documents(doc):
        codes = [
            normalize_space(string_value(child(document, CBC + tag)))
            for tag in ("InvoiceTypeCode", "CreditNoteTypeCode")
        ]
        if not any(code in ("380", "381") for code in codes):
            yield document


@rule("IS-R-002")
def is_r_002(doc: Document) -> Iterator[Element]:
    """Icelandic sellers give their kennitala as legal registration identifier (BT-30, 0196)."""
    for document in _documents(doc):
        ids = path(
            document,
            CAC + "AccountingSupplierParty",
            CAC + "Party",
            CAC + "PartyLegalEntity",
            CBC + "CompanyID",
        )
        if not any(i.get("schemeID") == "0196" for i in ids):
            yield document


@rule("IS-R-003")
def is_r_003(doc: Document) -> Iterator[Element]:
    """Icelandic sellers give street (BT-35) and post code (BT-38)."""
    for document in _documents(doc):
        address = (CAC + "AccountingSupplierParty", CAC + "Party", CAC + "PostalAddress")
        if not (
            path(document, *address, CBC + "StreetName")
            and path(document, *address, CBC + "PostalZone")
        ):
            yield document


def _account_rule(code: str):
    def check(doc: Document) -> Iterator[Element]:
        for document in _documents(doc):
            means = [
                m
                for m in document.iterchildren(CAC + "PaymentMeans")
                if any(string_value(c) == code for c in m.iterchildren(CBC + "PaymentMeansCode"))
            ]
            if not means:
                continue
            accounts = [
                a for m in means for a in path(m, CAC + "PayeeFinancialAccount", CBC + "ID")
            ]
            if not (accounts and len(normalize_space(string_value(accounts[0]))) == 12):
                yield document

    return check


@rule("IS-R-006")
def is_r_006(doc: Document) -> Iterator[Element]:
    """Payment means 9 (claim): a 12-character payment account (BT-84)."""
    return _account_rule("9")(doc)


@rule("IS-R-007")
def is_r_007(doc: Document) -> Iterator[Element]:
    """Payment means 42 (transfer): a 12-character payment account (BT-84)."""
    return _account_rule("42")(doc)


@rule("IS-R-008")
def is_r_008(doc: Document) -> Iterator[Element]:
    """The EINDAGI document's identifier (BT-122) is a date ``YYYY-MM-DD``."""
    for document in _documents(doc):
        refs = _eindagi(document)
        if not refs:
            continue
        ids = [i for r in refs for i in r.iterchildren(CBC + "ID")]
        value = string_value(ids[0]) if ids else ""
        if not (len(value) == 10 and castable_date(value)):
            yield document


@rule("IS-R-009")
def is_r_009(doc: Document) -> Iterator[Element]:
    """With an EINDAGI document, the payment due date (BT-9) is given."""
    for document in _documents(doc):
        if _eindagi(document) and child(document, CBC + "DueDate") is None:
            yield document


@rule("IS-R-010")
def is_r_010(doc: Document) -> Iterator[Element]:
    """The EINDAGI date is not before the payment due date (BT-9), compared as text."""
    for document in _documents(doc):
        refs = _eindagi(document)
        if not refs:
            continue
        due = [string_value(d) for d in document.iterchildren(CBC + "DueDate")]
        final = [string_value(i) for r in refs for i in r.iterchildren(CBC + "ID")]
        if not any(d <= f for d in due for f in final):
            yield document


def _icelandic_buyers(doc: Document) -> Iterator[Element]:
    """``...[$SupplierCountry = 'IS' and $CustomerCountry = 'IS']/cac:AccountingCustomerParty``."""
    found = variables(doc)
    if found.raw_supplier_country != "IS" or found.raw_customer_country != "IS":
        return
    for document in elements(doc, *DOCUMENTS):
        yield from document.iterchildren(CAC + "AccountingCustomerParty")


@rule("IS-R-004")
def is_r_004(doc: Document) -> Iterator[Element]:
    """Between Icelandic parties the buyer's kennitala is given (BT-47, scheme 0196)."""
    for holder in _icelandic_buyers(doc):
        ids = path(holder, CAC + "Party", CAC + "PartyLegalEntity", CBC + "CompanyID")
        if not any(i.get("schemeID") == "0196" for i in ids):
            yield holder


@rule("IS-R-005")
def is_r_005(doc: Document) -> Iterator[Element]:
    """Between Icelandic parties the buyer's street (BT-50) and post code (BT-53) are given."""
    for holder in _icelandic_buyers(doc):
        address = (CAC + "Party", CAC + "PostalAddress")
        if not (
            path(holder, *address, CBC + "StreetName")
            and path(holder, *address, CBC + "PostalZone")
        ):
            yield holder
