"""Italian national rules of PEPPOL BIS Billing 3.0 (``IT-R-*``).

Gated on ``$supplierCountry = 'IT'`` as in the official Schematron.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import CAC, CBC, child, elements, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, string_value

Element = etree._Element


def _italian_suppliers(doc: Document) -> Iterator[Element]:
    """Context ``cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'IT']``."""
    if variables(doc).supplier_country != "IT":
        return
    for holder in elements(doc, CAC + "AccountingSupplierParty"):
        yield from holder.iterchildren(CAC + "Party")


def _gate(doc: Document) -> bool:
    """``$supplierCountry = 'IT'``: every rule here starts from it."""
    return variables(doc).supplier_country == "IT"


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("IT", _gate)


@rule("IT-R-001")
def it_r_001(doc: Document) -> Iterator[Element]:
    """Seller tax registration identifier (BT-32) of Italian sellers: 11-16 of A-Z, 0-9."""
    for party in _italian_suppliers(doc):
        for scheme in party.iterchildren(CAC + "PartyTaxScheme"):
            scheme_ids = path(scheme, CAC + "TaxScheme", CBC + "ID")
            if normalize_space(string_value(scheme_ids[0]) if scheme_ids else "") == "VAT":
                continue
            value = normalize_space(string_value(child(scheme, CBC + "CompanyID")))
            if not re.fullmatch("[A-Z0-9]{11,16}", value):
                yield scheme


def _address_rule(element: str):
    def check(doc: Document) -> Iterator[Element]:
        for party in _italian_suppliers(doc):
            if not path(party, CAC + "PostalAddress", CBC + element):
                yield party

    return check


@rule("IT-R-002")
def it_r_002(doc: Document) -> Iterator[Element]:
    """Italian sellers MUST provide seller address line 1 (BT-35)."""
    return _address_rule("StreetName")(doc)


@rule("IT-R-003")
def it_r_003(doc: Document) -> Iterator[Element]:
    """Italian sellers MUST provide the seller city (BT-37)."""
    return _address_rule("CityName")(doc)


@rule("IT-R-004")
def it_r_004(doc: Document) -> Iterator[Element]:
    """Italian sellers MUST provide the seller post code (BT-38).

    The official message starts with ``">`` (a slip in the Schematron source,
    kept because the message is the official one).
    """
    return _address_rule("PostalZone")(doc)
