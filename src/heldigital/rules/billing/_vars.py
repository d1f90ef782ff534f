"""The global variables of ``PEPPOL-EN16931-UBL.sch``, computed once per document.

The Schematron gates most national rules on variables such as
``$supplierCountry`` (first of: seller VAT identifier prefix, tax
representative VAT identifier prefix, seller address country) or
``$supplierCountryIsDE`` (seller address country only). Each is computed
here exactly as declared in the official file and kept in ``doc.cache`` so
that every rule of the family reads the same value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heldigital.rules.billing._xp import CAC, CBC, INVOICE, children, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, string_value, substring

__all__ = ["Vars", "variables"]

# Unanchored, with unescaped dots, exactly as the official ``matches()`` call.
_PROFILE = re.compile(r"urn:fdc:peppol.eu:2017:poacc:billing:([0-9]{2}):1.0")


@dataclass(frozen=True, slots=True)
class Vars:
    """The document-level variables of the official Schematron."""

    #: ``$profile``: the two-digit process number, or ``'Unknown'``.
    profile: str
    #: ``$supplierCountry`` / ``$customerCountry`` (``'XX'`` when unknown).
    supplier_country: str
    customer_country: str
    #: ``$accountingSupplierCountry`` (Greek rules: no tax representative).
    accounting_supplier_country: str
    #: ``$supplierCountryIsDE and $customerCountryIsDE``.
    de_domestic: bool
    #: ``$supplierCountryIsNL``, ``$customerCountryIsNL``, ``$taxRepresentativeCountryIsNL``.
    supplier_nl: bool
    customer_nl: bool
    tax_representative_nl: bool
    #: ``$DKSupplierCountry`` / ``$DKCustomerCountry`` (also Iceland's
    #: ``$SupplierCountry`` / ``$CustomerCountry``): the raw address country codes.
    raw_supplier_country: str
    raw_customer_country: str
    #: ``/ubl-invoice:Invoice`` exists.
    is_invoice: bool

    @property
    def greek_sender(self) -> bool:
        """``$isGreekSender``."""
        return self.supplier_country in ("GR", "EL")

    @property
    def greek_receiver(self) -> bool:
        """``$isGreekReceiver``."""
        return self.customer_country in ("GR", "EL")


#: The value of a variable whose official evaluation is a dynamic error (a sequence of two
#: items where the XPath takes one). It equals no country code: a rule context testing the
#: variable does not match (an error in an XSLT pattern is a non-match), and an assertion
#: testing it stops the official stylesheet (the document is refused either way).
ERROR = "#error"


def _vat_prefixes(doc: Document, party_holder: list) -> list[str] | None:
    """``.../cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 1, 2)``;
    None when a VAT scheme has two identifiers (``substring()`` of two items: an error)."""
    prefixes: list[str] = []
    for holder in party_holder:
        for scheme in doc.path(holder, CAC + "PartyTaxScheme"):
            if any(
                string_value(i) == "VAT" for i in doc.path(scheme, CAC + "TaxScheme", CBC + "ID")
            ):
                company = children(scheme, CBC + "CompanyID")
                if len(company) > 1:
                    return None
                prefixes.append(substring(string_value(company[0]) if company else "", 1, 2))
    return prefixes


def _country(root, *tags: str) -> list[str]:
    return [string_value(e) for e in path(root, *tags)]


def _first_country(
    prefixes: list[str] | None,
    countries: list[str],
    fallback: list[str] | None = None,
    *,
    with_fallback: bool = False,
) -> str:
    """``if (prefixes) then upper-case(normalize-space(prefixes)) else if (fallback) … else if
    (countries) then upper-case(normalize-space(countries)) else 'XX'``.

    The effective boolean value of one string is its non-emptiness, of two strings an
    error, as is ``normalize-space()`` of two items: :data:`ERROR` then.
    """
    branches = [prefixes, fallback] if with_fallback else [prefixes]
    for values in branches:
        if values is None:
            return ERROR
        if len(values) > 1:
            return ERROR
        if values and values[0]:
            return normalize_space(values[0]).upper()
    if len(countries) > 1:
        return ERROR
    if countries:
        return normalize_space(countries[0]).upper()
    return "XX"


def _is(countries: list[str], code: str) -> bool:
    """``upper-case(normalize-space(countries)) = code``; two countries: an error (False)."""
    return len(countries) == 1 and normalize_space(countries[0]).upper() == code


def _raw(countries: list[str]) -> str:
    """``concat(…/cbc:IdentificationCode)``: the code, '' for none, an error for two."""
    if len(countries) > 1:
        return ERROR
    return countries[0] if countries else ""


def _compute(doc: Document) -> Vars:
    root = doc.root
    supplier = doc.path(root, CAC + "AccountingSupplierParty", CAC + "Party")
    customer = doc.path(root, CAC + "AccountingCustomerParty", CAC + "Party")
    representative = doc.path(root, CAC + "TaxRepresentativeParty")
    address_country = (CAC + "PostalAddress", CAC + "Country", CBC + "IdentificationCode")
    supplier_countries = [string_value(e) for p in supplier for e in doc.path(p, *address_country)]
    customer_countries = [string_value(e) for p in customer for e in doc.path(p, *address_country)]
    representative_countries = [
        string_value(e) for p in representative for e in doc.path(p, *address_country)
    ]
    supplier_vat = _vat_prefixes(doc, supplier)
    supplier_country = _first_country(
        supplier_vat, supplier_countries, _vat_prefixes(doc, representative), with_fallback=True
    )
    customer_country = _first_country(_vat_prefixes(doc, customer), customer_countries)
    accounting_supplier_country = _first_country(supplier_vat, supplier_countries)

    profile = "Unknown"
    profile_ids = doc.path(root, CBC + "ProfileID")
    if profile_ids:
        value = normalize_space(string_value(profile_ids[0]))
        if _PROFILE.search(value):
            tokens = value.split(":")
            profile = tokens[6] if len(tokens) > 6 else ""

    return Vars(
        profile=profile,
        supplier_country=supplier_country,
        customer_country=customer_country,
        accounting_supplier_country=accounting_supplier_country,
        de_domestic=_is(supplier_countries, "DE") and _is(customer_countries, "DE"),
        supplier_nl=_is(supplier_countries, "NL"),
        customer_nl=_is(customer_countries, "NL"),
        tax_representative_nl=_is(representative_countries, "NL"),
        raw_supplier_country=_raw(supplier_countries),
        raw_customer_country=_raw(customer_countries),
        is_invoice=root.tag == INVOICE,
    )


def variables(doc: Document) -> Vars:
    """The official global variables for ``doc`` (computed once, cached)."""
    found = doc.cache.get("billing.vars")
    if found is None:
        found = doc.cache["billing.vars"] = _compute(doc)
    return found
