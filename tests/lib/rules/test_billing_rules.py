"""Rules of PEPPOL BIS Billing 3.0 that the official unit tests do not exercise.

The official suite has no UBL tests for the Icelandic rules (``IS-R-*``),
for ``PEPPOL-COMMON-R041`` (Norwegian organisation numbers) or for
``PEPPOL-EN16931-R008`` (empty elements); these tests build small documents
from the rule texts. They also pin down Schematron behaviour the official
tests touch only indirectly: the first matching rule of a pattern wins
(``R041`` before ``R040``/``R043``), and national gating by the seller's
country.
"""

from __future__ import annotations

from collections import Counter

import pytest

from heldigital import xml
from heldigital.rules.billing import PEPPOL_BIS_BILLING_UBL, REGISTRY
from heldigital.rules.core import Document

UBL = (
    'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def fired(body: str, root: str = "Invoice") -> Counter[str]:
    """Rule ids (with counts) of the billing rules that fire on ``<root>body</root>``."""
    ns = UBL if root == "Invoice" else UBL.replace("Invoice-2", "CreditNote-2")
    doc = Document(xml.parse(f"<{root} {ns}>{body}</{root}>".encode()).getroot())
    return Counter(f.rule for f in PEPPOL_BIS_BILLING_UBL.run(doc, only=frozenset(REGISTRY.ids())))


def party(role: str, country: str, extra: str = "") -> str:
    return (
        f"<cac:{role}><cac:Party>{extra}<cac:PostalAddress><cac:Country>"
        f"<cbc:IdentificationCode>{country}</cbc:IdentificationCode>"
        f"</cac:Country></cac:PostalAddress></cac:Party></cac:{role}>"
    )


# -- PEPPOL-EN16931-R008 -----------------------------------------------------------------


def test_r008_every_empty_element_fires_once():
    body = '<cbc:Note/><cbc:ID>  </cbc:ID><cbc:EndpointID schemeID="0192"/><cbc:UUID>x</cbc:UUID>'
    assert fired(body)["PEPPOL-EN16931-R008"] == 3


def test_r008_elements_with_children_or_text_pass():
    assert (
        fired("<cac:OrderReference><cbc:ID>1</cbc:ID></cac:OrderReference>")["PEPPOL-EN16931-R008"]
        == 0
    )


# -- PEPPOL-COMMON-R041 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "count"),
    [("974760673", 0), (" 974760673 ", 0), ("974760674", 1), ("000000000", 1), ("97476067", 1)],
)
def test_common_r041_norwegian_organisation_numbers(value, count):
    body = (
        f'<cac:PartyIdentification><cbc:ID schemeID="0192">{value}</cbc:ID>'
        "</cac:PartyIdentification>"
    )
    assert fired(body)["PEPPOL-COMMON-R041"] == count


def test_common_r041_checks_endpoints_party_and_company_identifiers():
    body = (
        '<cbc:EndpointID schemeID="0192">1</cbc:EndpointID>'
        '<cac:PartyIdentification><cbc:ID schemeID="0192">2</cbc:ID></cac:PartyIdentification>'
        '<cac:PartyLegalEntity><cbc:CompanyID schemeID="0192">3</cbc:CompanyID>'
        "</cac:PartyLegalEntity>"
        '<cac:Other><cbc:ID schemeID="0192">4</cbc:ID></cac:Other>'
    )
    assert fired(body)["PEPPOL-COMMON-R041"] == 3


# -- first matching rule of a pattern ---------------------------------------------------------


def test_r041_context_shadows_r043():
    body = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric></cac:AllowanceCharge>"
    )
    found = fired(body)
    assert found["PEPPOL-EN16931-R041"] == 1
    assert found["PEPPOL-EN16931-R043"] == 0


def test_r043_without_percentage():
    body = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator></cac:AllowanceCharge>"
    )
    assert fired(body)["PEPPOL-EN16931-R043"] == 1


# -- Iceland -------------------------------------------------------------------------------

SELLER_IS = party(
    "AccountingSupplierParty",
    "IS",
    '<cac:PartyLegalEntity><cbc:CompanyID schemeID="0196">4710080280</cbc:CompanyID>'
    "</cac:PartyLegalEntity>",
).replace(
    "<cac:PostalAddress>",
    "<cac:PostalAddress><cbc:StreetName>Laugavegur 1</cbc:StreetName>"
    "<cbc:PostalZone>101</cbc:PostalZone>",
)


def test_icelandic_rules_pass_a_complete_invoice():
    body = (
        "<cbc:DueDate>2025-09-01</cbc:DueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
        "<cac:AdditionalDocumentReference><cbc:ID>2025-09-15</cbc:ID>"
        "<cbc:DocumentDescription>EINDAGI</cbc:DocumentDescription></cac:AdditionalDocumentReference>"
        + SELLER_IS
        + "<cac:PaymentMeans><cbc:PaymentMeansCode>42</cbc:PaymentMeansCode>"
        "<cac:PayeeFinancialAccount><cbc:ID>012326012345</cbc:ID></cac:PayeeFinancialAccount>"
        "</cac:PaymentMeans>"
    )
    assert not [r for r in fired(body) if r.startswith("IS-R")]


def test_icelandic_seller_without_legal_id_address_and_type():
    found = fired(
        "<cbc:InvoiceTypeCode>393</cbc:InvoiceTypeCode>" + party("AccountingSupplierParty", "IS")
    )
    assert found["IS-R-001"] == 1
    assert found["IS-R-002"] == 1
    assert found["IS-R-003"] == 1


def test_icelandic_rules_are_gated_on_the_raw_address_country():
    found = fired(
        "<cbc:InvoiceTypeCode>393</cbc:InvoiceTypeCode>" + party("AccountingSupplierParty", "is")
    )
    assert not [r for r in found if r.startswith("IS-R")]


def test_icelandic_accounts_of_twelve_characters():
    means = (
        "<cac:PaymentMeans><cbc:PaymentMeansCode>{code}</cbc:PaymentMeansCode>"
        "<cac:PayeeFinancialAccount><cbc:ID>{account}</cbc:ID></cac:PayeeFinancialAccount>"
        "</cac:PaymentMeans>"
    )
    found = fired(
        SELLER_IS + means.format(code="9", account="0123") + means.format(code="42", account="1")
    )
    assert found["IS-R-006"] == 1
    assert found["IS-R-007"] == 1


def test_icelandic_eindagi():
    eindagi = (
        "<cac:AdditionalDocumentReference><cbc:ID>{value}</cbc:ID>"
        "<cbc:DocumentDescription>EINDAGI</cbc:DocumentDescription></cac:AdditionalDocumentReference>"
    )
    found = fired(eindagi.format(value="15.09.2025") + SELLER_IS)
    assert found["IS-R-008"] == 1
    assert found["IS-R-009"] == 1
    assert found["IS-R-010"] == 1
    found = fired(
        "<cbc:DueDate>2025-09-30</cbc:DueDate>" + eindagi.format(value="2025-09-15") + SELLER_IS
    )
    assert (found["IS-R-008"], found["IS-R-009"], found["IS-R-010"]) == (0, 0, 1)


def test_icelandic_buyer_of_icelandic_seller():
    found = fired(SELLER_IS + party("AccountingCustomerParty", "IS"))
    assert found["IS-R-004"] == 1
    assert found["IS-R-005"] == 1
    found = fired(SELLER_IS + party("AccountingCustomerParty", "NO"))
    assert found["IS-R-004"] == found["IS-R-005"] == 0


# -- Norway: EHF Billing 3.0 ---------------------------------------------------------------------


def test_norwegian_vat_number_and_foretaksregisteret():
    vat = (
        "<cac:PartyTaxScheme><cbc:CompanyID>{value}</cbc:CompanyID>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    )
    tax = (
        "<cac:PartyTaxScheme><cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>"
        "<cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    )
    good = fired(party("AccountingSupplierParty", "NO", vat.format(value="NO974760673MVA") + tax))
    assert good["NO-R-001"] == good["NO-R-002"] == 0
    bad = fired(party("AccountingSupplierParty", "NO", vat.format(value="NO974760674MVA")))
    assert bad["NO-R-001"] == 1
    assert bad["NO-R-002"] == 1


# -- PEPPOL-EN16931-R110 / R111: empty line period dates ------------------------------------


def test_r110_r111_an_empty_line_date_is_outside_the_invoice_period():
    """``xs:date(text())`` of an empty element is the empty sequence: the comparison is false
    and the rule fires (found by the differential suite)."""
    period = (
        "<cac:InvoicePeriod><cbc:StartDate>2026-01-01</cbc:StartDate>"
        "<cbc:EndDate>2026-01-31</cbc:EndDate></cac:InvoicePeriod>"
    )
    line = (
        "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:InvoicePeriod><cbc:StartDate>{}</cbc:StartDate>"
        "<cbc:EndDate>{}</cbc:EndDate></cac:InvoicePeriod></cac:InvoiceLine>"
    )
    empty = fired(period + line.format("", ""))
    assert empty["PEPPOL-EN16931-R110"] == 1
    assert empty["PEPPOL-EN16931-R111"] == 1
    inside = fired(period + line.format("2026-01-02", "2026-01-30"))
    assert inside["PEPPOL-EN16931-R110"] == inside["PEPPOL-EN16931-R111"] == 0


# -- country variables in error ---------------------------------------------------------------


def test_a_buyer_with_two_vat_identifiers_is_no_context_of_the_greek_rules():
    """``$customerCountry`` of two VAT identifier prefixes is an XPath error; in the context
    pattern ``cac:AccountingCustomerParty[$isGreekSenderandReceiver]`` that is a non-match,
    so GR-R-006 does not fire (once per duplicated tax scheme, as it did)."""
    scheme = (
        "<cac:PartyTaxScheme><cbc:CompanyID>EL{}</cbc:CompanyID>"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    )
    seller = party("AccountingSupplierParty", "GR", scheme.format("000000000"))
    one = fired(seller + party("AccountingCustomerParty", "GR", scheme.format("123")))
    assert one["GR-R-006"] == 1
    two = scheme.format("123") + scheme.format("123")
    assert fired(seller + party("AccountingCustomerParty", "GR", two))["GR-R-006"] == 0
