"""Norwegian national rules of PEPPOL BIS Billing 3.0 (``NO-R-*``), binding for EHF Billing 3.0.

Gated, as in the official Schematron, on ``$supplierCountry = 'NO'``: the
seller's VAT identifier prefix, else the tax representative's, else the
seller's address country (see :mod:`heldigital.rules.billing._vars`).

Legal background: merverdiavgiftsloven § 15-7 / bokføringsforskriften § 5-1-1
(VAT number "NO ... MVA" on sales documents) and foretaksregisterloven
§ 10-2 ("Foretaksregisteret" for companies registered there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing import identifiers
from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import CAC, CBC, children, elements, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, string_value, substring

Element = etree._Element


def _norwegian_suppliers(doc: Document) -> Iterator[Element]:
    """Context ``cac:AccountingSupplierParty/cac:Party[$supplierCountry = 'NO']``."""
    if variables(doc).supplier_country != "NO":
        return
    for holder in elements(doc, CAC + "AccountingSupplierParty"):
        yield from holder.iterchildren(CAC + "Party")


def _schemes(party: Element, scheme_id: str) -> list[Element]:
    """``cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = <scheme_id>]``."""
    return [
        scheme
        for scheme in children(party, CAC + "PartyTaxScheme")
        if normalize_space(
            string_value(next(iter(path(scheme, CAC + "TaxScheme", CBC + "ID")), None))
        )
        == scheme_id
    ]


def _gate(doc: Document) -> bool:
    """``$supplierCountry = 'NO'``: every rule here starts from it."""
    return variables(doc).supplier_country == "NO"


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("NO", _gate)


@rule("NO-R-002")
def no_r_002(doc: Document) -> Iterator[Element]:
    """Seller tax registration (BT-32, scheme TAX) should read ``Foretaksregisteret``."""
    for party in _norwegian_suppliers(doc):
        companies = [c for s in _schemes(party, "TAX") for c in children(s, CBC + "CompanyID")]
        if normalize_space(string_value(companies[0]) if companies else "") != "Foretaksregisteret":
            yield party


@rule("NO-R-001")
def no_r_001(doc: Document) -> Iterator[Element]:
    """A seller VAT identifier (BT-31) starting with ``NO`` MUST be ``NO`` + orgnr + ``MVA``.

    The organisation number is checked with the official mod-11 function.
    """
    for party in _norwegian_suppliers(doc):
        values = []
        for scheme in _schemes(party, "VAT"):
            company = children(scheme, CBC + "CompanyID")
            values.append(string_value(company[0]) if company else "")
        if not any(substring(v, 1, 2) == "NO" for v in values):
            continue
        first = values[0]
        if not (
            re.fullmatch("[0-9]{9}MVA", substring(first, 3))
            and identifiers.mod11(substring(first, 3, 9))
        ):
            yield party
