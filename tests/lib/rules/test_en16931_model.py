"""EN 16931 model rules that the official unit tests do not exercise, and their XPath semantics.

The official suite (ConnectingEurope/eInvoicing-EN16931 ``test/*-unit-UBL``)
has no test for the decimal rules ``BR-DEC-*``, for split payment
``BR-B-01``/``BR-B-02``, for ``BR-IC-10`` and for ``BR-CO-05`` ... ``BR-CO-08``.
These tests feed small invoices to those rules and check the helpers that
reproduce XPath 2.0 value semantics (rounding, casts, ``normalize-space``).
"""

from __future__ import annotations

import pytest

from heldigital import xml
from heldigital.rules.core import Document
from heldigital.rules.en16931 import REGISTRY
from heldigital.rules.en16931.model_base import decimal_places_ok

NSDECL = (
    'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def _doc(body: str) -> Document:
    return Document(xml.parse(f"<Invoice {NSDECL}>{body}</Invoice>".encode()).getroot())


def _fired(rule_id: str, doc: Document) -> list[str]:
    return [f.location for f in REGISTRY[rule_id].run(doc)]


# -- values (the XPath 2.0 ones: tests/lib/rules/test_xpath.py) ---------------------------------
def test_decimal_places_counts_every_character_after_the_first_full_stop():
    assert decimal_places_ok("10.25")
    assert decimal_places_ok("10")
    assert decimal_places_ok(None)
    assert not decimal_places_ok("10.255")
    assert not decimal_places_ok("10.25 ")  # the string value, white space included


# -- BR-DEC ---------------------------------------------------------------------------------------
def test_decimals_of_document_totals():
    doc = _doc(
        "<cac:LegalMonetaryTotal>"
        '<cbc:LineExtensionAmount currencyID="EUR">100.001</cbc:LineExtensionAmount>'
        '<cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>'
        '<cbc:PayableAmount currencyID="EUR">125.5</cbc:PayableAmount>'
        "</cac:LegalMonetaryTotal>"
    )
    assert _fired("BR-DEC-09", doc) == ["/Invoice/cac:LegalMonetaryTotal"]
    assert _fired("BR-DEC-12", doc) == []
    assert _fired("BR-DEC-18", doc) == []
    assert _fired("BR-DEC-16", doc) == []  # absent: nothing to count


def test_decimals_of_allowances_charges_lines_and_breakdown():
    doc = _doc(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="EUR">1.000</cbc:Amount></cac:AllowanceCharge>'
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="EUR">1.00</cbc:Amount>'
        '<cbc:BaseAmount currencyID="EUR">3.125</cbc:BaseAmount></cac:AllowanceCharge>'
        "<cac:TaxTotal><cac:TaxSubtotal>"
        '<cbc:TaxableAmount currencyID="EUR">10.1</cbc:TaxableAmount>'
        '<cbc:TaxAmount currencyID="EUR">2.525</cbc:TaxAmount>'
        "</cac:TaxSubtotal></cac:TaxTotal>"
        "<cac:InvoiceLine><cbc:ID>1</cbc:ID>"
        '<cbc:LineExtensionAmount currencyID="EUR">5.555</cbc:LineExtensionAmount>'
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="EUR">0.125</cbc:Amount></cac:AllowanceCharge>'
        "</cac:InvoiceLine>"
    )
    assert _fired("BR-DEC-01", doc) == ["/Invoice/cac:AllowanceCharge[1]"]
    assert _fired("BR-DEC-02", doc) == []
    assert _fired("BR-DEC-05", doc) == []
    assert _fired("BR-DEC-06", doc) == ["/Invoice/cac:AllowanceCharge[2]"]
    assert _fired("BR-DEC-19", doc) == []
    assert _fired("BR-DEC-20", doc) == ["/Invoice/cac:TaxTotal/cac:TaxSubtotal"]
    assert _fired("BR-DEC-23", doc) == ["/Invoice/cac:InvoiceLine"]
    assert _fired("BR-DEC-24", doc) == []
    assert _fired("BR-DEC-27", doc) == ["/Invoice/cac:InvoiceLine/cac:AllowanceCharge"]


def test_br_dec_13_and_15_follow_the_official_expression():
    # The official predicate [@currencyID = cbc:DocumentCurrencyCode] is evaluated on the
    # TaxAmount itself, which has no such child in UBL: the assertion cannot fail there.
    doc = _doc(
        "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
        "<cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>"
        '<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">25.125</cbc:TaxAmount></cac:TaxTotal>'
        '<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">250.125</cbc:TaxAmount></cac:TaxTotal>'
    )
    assert _fired("BR-DEC-13", doc) == []
    assert _fired("BR-DEC-15", doc) == []


# -- BR-CO-05 ... BR-CO-08 ------------------------------------------------------------------------
@pytest.mark.parametrize("rule_id", ["BR-CO-05", "BR-CO-06", "BR-CO-07", "BR-CO-08"])
def test_reason_code_and_text_agreement_is_not_machine_checked(rule_id):
    doc = _doc(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>"
        "<cbc:AllowanceChargeReason>Freight</cbc:AllowanceChargeReason></cac:AllowanceCharge>"
    )
    assert _fired(rule_id, doc) == []


# -- split payment (BR-B) and BR-IC-10 ------------------------------------------------------------
def _category(element: str, code: str, extra: str = "") -> str:
    return (
        f"<cac:{element}><cbc:ID>{code}</cbc:ID>{extra}"
        "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
        f"</cac:{element}>"
    )


def _line(code: str) -> str:
    return (
        "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item>"
        + _category("ClassifiedTaxCategory", code)
        + "</cac:Item></cac:InvoiceLine>"
    )


def _address(country: str) -> str:
    return (
        "<cac:Party><cac:PostalAddress><cac:Country>"
        f"<cbc:IdentificationCode>{country}</cbc:IdentificationCode>"
        "</cac:Country></cac:PostalAddress></cac:Party>"
    )


def test_split_payment_is_for_domestic_italian_invoices():
    italian = (
        f"<cac:AccountingSupplierParty>{_address('IT')}</cac:AccountingSupplierParty>"
        f"<cac:AccountingCustomerParty>{_address('IT')}</cac:AccountingCustomerParty>"
    )
    cross_border = (
        f"<cac:AccountingSupplierParty>{_address('IT')}</cac:AccountingSupplierParty>"
        f"<cac:AccountingCustomerParty>{_address('DE')}</cac:AccountingCustomerParty>"
    )
    assert _fired("BR-B-01", _doc(italian + _line("B"))) == []
    assert _fired("BR-B-01", _doc(cross_border + _line("B"))) == ["/Invoice"]
    assert _fired("BR-B-01", _doc(cross_border + _line("S"))) == []


def test_split_payment_excludes_standard_rated_lines_and_allowances():
    assert _fired("BR-B-02", _doc(_line("B") + _line("B"))) == []
    assert _fired("BR-B-02", _doc(_line("B") + _line("S"))) == ["/Invoice"]
    allowance = (
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        + _category("TaxCategory", "S")
        + "</cac:AllowanceCharge>"
    )
    assert _fired("BR-B-02", _doc(_line("B") + allowance)) == ["/Invoice"]
    assert _fired("BR-B-02", _doc(_line("S") + allowance)) == []


def test_intra_community_breakdown_needs_an_exemption_reason():
    reason = "<cbc:TaxExemptionReasonCode>VATEX-EU-IC</cbc:TaxExemptionReasonCode>"
    with_reason = _doc(
        "<cac:TaxTotal><cac:TaxSubtotal>"
        + _category("TaxCategory", "K", reason)
        + "</cac:TaxSubtotal></cac:TaxTotal>"
    )
    without = _doc(
        "<cac:TaxTotal><cac:TaxSubtotal>"
        + _category("TaxCategory", "K")
        + "</cac:TaxSubtotal></cac:TaxTotal>"
    )
    assert _fired("BR-IC-10", with_reason) == []
    assert _fired("BR-IC-10", without) == ["/Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory"]


def test_charge_indicator_is_cast_to_boolean_not_tested_for_existence():
    # XPath 2.0: cbc:ChargeIndicator = false() compares the cast value; "0" is false.
    doc = _doc(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>0</cbc:ChargeIndicator></cac:AllowanceCharge>"
    )
    assert _fired("BR-31", doc) == ["/Invoice/cac:AllowanceCharge"]
    assert _fired("BR-36", doc) == []


def test_an_invoicing_period_with_only_a_comment_is_blank():
    # BR-IC-11 reads cac:InvoicePeriod/* - element children; a comment is not one.
    breakdown = (
        "<cac:TaxTotal><cac:TaxSubtotal>"
        + _category("TaxCategory", "K")
        + "</cac:TaxSubtotal></cac:TaxTotal>"
    )
    blank = _doc("<cac:InvoicePeriod><!-- none --></cac:InvoicePeriod>" + breakdown)
    filled = _doc(
        "<cac:InvoicePeriod><cbc:StartDate>2026-01-01</cbc:StartDate></cac:InvoicePeriod>"
        + breakdown
    )
    assert _fired("BR-IC-11", blank) == ["/Invoice"]
    assert _fired("BR-IC-11", filled) == []
