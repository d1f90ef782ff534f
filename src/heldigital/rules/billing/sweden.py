"""Swedish national rules of PEPPOL BIS Billing 3.0 (``SE-R-*``).

Gated, as in the official Schematron, on the seller's address country
``SE`` (some rules also on a Swedish VAT identifier of the seller, one on a
Swedish buyer). Swedish VAT numbers are ``SE`` + 10-digit organisation
number + ``01``; organisation numbers carry a Luhn check digit; Bankgiro and
Plusgiro accounts are given with payment means code 30 and the branch
identifiers ``SE:BANKGIRO`` / ``SE:PLUSGIRO``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing import identifiers
from heldigital.rules.billing._registry import national
from heldigital.rules.billing._xp import CAC, CBC, TAX_CATEGORIES, child, children, elements, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, number, string_value, substring

Element = etree._Element

_COUNTRY = (CAC + "PostalAddress", CAC + "Country", CBC + "IdentificationCode")


def _supplier_parties(doc: Document) -> list[Element]:
    """``//cac:AccountingSupplierParty/cac:Party``."""
    return [
        p
        for h in elements(doc, CAC + "AccountingSupplierParty")
        for p in children(h, CAC + "Party")
    ]


def _in_sweden(party: Element) -> bool:
    """``cac:PostalAddress/cac:Country/cbc:IdentificationCode = 'SE'``."""
    return any(string_value(c) == "SE" for c in path(party, *_COUNTRY))


def _vat_ids(party: Element) -> list[Element]:
    """``cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID``."""
    return [
        company
        for scheme in children(party, CAC + "PartyTaxScheme")
        if any(string_value(i) == "VAT" for i in path(scheme, CAC + "TaxScheme", CBC + "ID"))
        for company in children(scheme, CBC + "CompanyID")
    ]


def _swedish_vat_prefix(party: Element) -> bool:
    """``cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID,1,2) = 'SE'``.

    This is a predicate of the rules' context pattern: a VAT scheme with two identifiers
    makes ``substring()`` a type error, and an error in a pattern is a non-match (XSLT),
    so the party is then no context at all.
    """
    found = False
    for scheme in children(party, CAC + "PartyTaxScheme"):
        is_vat = any(string_value(i) == "VAT" for i in path(scheme, CAC + "TaxScheme", CBC + "ID"))
        if not is_vat:
            continue
        companies = children(scheme, CBC + "CompanyID")
        if len(companies) > 1:
            return False
        if substring(string_value(companies[0] if companies else None), 1, 2) == "SE":
            found = True
    return found


def _swedish_parties(doc: Document) -> list[Element]:
    """The supplier parties in Sweden (the gate of every rule here; once per document)."""
    found: list[Element] | None = doc.cache.get("billing.se")
    if found is None:
        found = doc.cache["billing.se"] = [
            party
            for holder in elements(doc, CAC + "AccountingSupplierParty")
            for party in doc.path(holder, CAC + "Party")
            if any(string_value(c) == "SE" for c in doc.path(party, *_COUNTRY))
        ]
    return found


def _swedish_vat_sellers(doc: Document) -> Iterator[Element]:
    for party in _swedish_parties(doc):
        if _swedish_vat_prefix(party):
            yield party


def _gate(doc: Document) -> bool:
    """Some seller is in Sweden: every rule here starts from such a seller."""
    return bool(_swedish_parties(doc))


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("SE", _gate)


@rule("SE-R-001")
def se_r_001(doc: Document) -> Iterator[Element]:
    """A Swedish seller's VAT identifier (BT-31) has 14 characters."""
    for party in _swedish_vat_sellers(doc):
        ids = _vat_ids(party)
        if len(normalize_space(string_value(ids[0]) if ids else "")) != 14:
            yield party


@rule("SE-R-002")
def se_r_002(doc: Document) -> Iterator[Element]:
    """A Swedish seller's VAT identifier (BT-31): characters 3-14 are numeric."""
    for party in _swedish_vat_sellers(doc):
        ids = _vat_ids(party)
        if math.isnan(number(substring(string_value(ids[0]) if ids else "", 3, 12))):
            yield party


def _swedish_legal_entities(doc: Document) -> Iterator[Element]:
    """Seller legal entities (BT-30) with a company identifier, of sellers in Sweden."""
    for party in _swedish_parties(doc):
        for entity in party.iterchildren(CAC + "PartyLegalEntity"):
            if child(entity, CBC + "CompanyID") is not None:
                yield entity


@rule("SE-R-003")
def se_r_003(doc: Document) -> Iterator[Element]:
    """A Swedish seller's legal registration identifier (BT-30) is numeric."""
    for entity in _swedish_legal_entities(doc):
        if math.isnan(number(string_value(child(entity, CBC + "CompanyID")))):
            yield entity


@rule("SE-R-004")
def se_r_004(doc: Document) -> Iterator[Element]:
    """A Swedish seller's legal registration identifier (BT-30) has 10 characters."""
    for entity in _swedish_legal_entities(doc):
        if len(normalize_space(string_value(child(entity, CBC + "CompanyID")))) != 10:
            yield entity


@rule("SE-R-013")
def se_r_013(doc: Document) -> Iterator[Element]:
    """A Swedish seller's organisation number (BT-30) has a valid Luhn check digit."""
    for entity in _swedish_legal_entities(doc):
        if not identifiers.swedish_orgnr(
            normalize_space(string_value(child(entity, CBC + "CompanyID")))
        ):
            yield entity


@rule("SE-R-005")
def se_r_005(doc: Document) -> Iterator[Element]:
    """A Swedish seller's tax registration (BT-32) reads ``Godkänd för F-skatt``."""
    for party in _swedish_parties(doc):
        if not path(party, CAC + "PartyLegalEntity", CBC + "CompanyID"):
            continue
        for scheme in party.iterchildren(CAC + "PartyTaxScheme"):
            scheme_ids = path(scheme, CAC + "TaxScheme", CBC + "ID")
            if normalize_space(string_value(scheme_ids[0]).upper() if scheme_ids else "") == "VAT":
                continue
            for company in scheme.iterchildren(CBC + "CompanyID"):
                if normalize_space(string_value(company).upper()) != "GODKÄND FÖR F-SKATT":
                    yield company


@rule("SE-R-006")
def se_r_006(doc: Document) -> Iterator[Element]:
    """Standard-rated VAT (category S) of Swedish sellers is 25, 12 or 6 percent."""
    if not any(True for _ in _swedish_vat_sellers(doc)):
        return
    for category in elements(doc, *TAX_CATEGORIES):
        if not any(string_value(i) == "S" for i in category.iterchildren(CBC + "ID")):
            continue
        if number(string_value(child(category, CBC + "Percent"))) not in (25, 12, 6):
            yield category


def _swedish_seller(doc: Document) -> bool:
    return bool(_swedish_parties(doc))


def _giro_accounts(doc: Document, branch: str) -> Iterator[Element]:
    """Payment accounts (BT-84) of code-30 payment means with branch ``<branch>``."""
    if not _swedish_seller(doc):
        return
    for means in elements(doc, CAC + "PaymentMeans"):
        if normalize_space(string_value(child(means, CBC + "PaymentMeansCode"))) != "30":
            continue
        branches = path(
            means, CAC + "PayeeFinancialAccount", CAC + "FinancialInstitutionBranch", CBC + "ID"
        )
        if normalize_space(string_value(branches[0]) if branches else "") != branch:
            continue
        yield from path(means, CAC + "PayeeFinancialAccount", CBC + "ID")


@rule("SE-R-007")
def se_r_007(doc: Document) -> Iterator[Element]:
    """A Plusgiro account (BT-84) is numeric."""
    for account in _giro_accounts(doc, "SE:PLUSGIRO"):
        if math.isnan(number(normalize_space(string_value(account)))):
            yield account


@rule("SE-R-010")
def se_r_010(doc: Document) -> Iterator[Element]:
    """A Plusgiro account (BT-84) has 2 to 8 characters."""
    for account in _giro_accounts(doc, "SE:PLUSGIRO"):
        if not 2 <= len(normalize_space(string_value(account))) <= 8:
            yield account


@rule("SE-R-008")
def se_r_008(doc: Document) -> Iterator[Element]:
    """A Bankgiro account (BT-84) is numeric."""
    for account in _giro_accounts(doc, "SE:BANKGIRO"):
        if math.isnan(number(normalize_space(string_value(account)))):
            yield account


@rule("SE-R-009")
def se_r_009(doc: Document) -> Iterator[Element]:
    """A Bankgiro account (BT-84) has 7 or 8 characters."""
    for account in _giro_accounts(doc, "SE:BANKGIRO"):
        if len(normalize_space(string_value(account))) not in (7, 8):
            yield account


@rule("SE-R-011")
def se_r_011(doc: Document) -> Iterator[Element]:
    """Swedish sellers should not use payment means codes 50 and 56 for Bankgiro/Plusgiro."""
    if not _swedish_seller(doc):
        return
    for means in elements(doc, CAC + "PaymentMeans"):
        if any(
            string_value(c) in ("50", "56") for c in means.iterchildren(CBC + "PaymentMeansCode")
        ):
            yield means


@rule("SE-R-012")
def se_r_012(doc: Document) -> Iterator[Element]:
    """Between Swedish parties, credit transfer should be code 30, not 31."""
    if not _swedish_seller(doc):
        return
    buyers = [
        p
        for h in elements(doc, CAC + "AccountingCustomerParty")
        for p in children(h, CAC + "Party")
    ]
    if not any(_in_sweden(p) for p in buyers):
        return
    for means in elements(doc, CAC + "PaymentMeans"):
        if any(string_value(c) == "31" for c in means.iterchildren(CBC + "PaymentMeansCode")):
            yield means
