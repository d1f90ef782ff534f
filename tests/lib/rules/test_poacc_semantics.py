"""Schematron and XPath 2.0 semantics the post-award rules depend on, beyond the official tests.

The official unit tests check each rule alone; these check what the
translation must preserve between rules (first matching rule of a pattern
wins), the value semantics of the helpers (``round``, ``number``,
``xs:decimal``, ``normalize-space``) and the official identifier functions
where they differ from a plain library check.
"""

from __future__ import annotations

import re

import pytest

from heldigital import xml
from heldigital.rules.core import Document
from heldigital.rules.poacc import RULE_SETS
from heldigital.rules.poacc._xp import Pattern, every, first
from heldigital.rules.poacc.common import (
    check_abn,
    check_cf,
    check_codice_ipa,
    check_piva_se_it,
    check_se_orgnr,
    gln,
    mod11,
    mod97_0208,
)

SETS = {rs.name: rs for rs in RULE_SETS}
_BASIC = re.compile(r"PEPPOL-T\d+-B\d{5}$")
NAMESPACES = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def _run(rule_set: str, root: str, namespace: str, body: str) -> list[str]:
    text = f'<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{namespace}" {NAMESPACES}>'
    document = xml.parse(f"{text}{body}</{root}>".encode()).getroot()
    # fragments: the generated basic rules (missing mandatory elements ...) are not the
    # subject here (tests/lib/rules/test_poacc_basic.py)
    return sorted(
        f.rule for f in SETS[rule_set].run(Document(document)) if not _BASIC.match(f.rule)
    )


def _order(body: str) -> list[str]:
    return _run("peppolbis-t01-base-3.0", "Order", "Order-2", body)


# -- first matching rule of a pattern -----------------------------------------------------------


def test_allowance_with_percentage_and_no_base_is_checked_by_r020_only():
    # No reason, negative amount: R023 and R032 would fire, but the node belongs to R020.
    found = _order(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
        '<cbc:Amount currencyID="NOK">-5</cbc:Amount></cac:AllowanceCharge>'
    )
    assert "PEPPOL-T01-R020" in found
    assert "PEPPOL-T01-R023" not in found
    assert "PEPPOL-T01-R032" not in found


def test_the_same_allowance_with_a_base_amount_is_checked_by_the_allowance_rule():
    found = _order(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
        '<cbc:Amount currencyID="NOK">-5</cbc:Amount>'
        '<cbc:BaseAmount currencyID="NOK">100</cbc:BaseAmount></cac:AllowanceCharge>'
    )
    assert "PEPPOL-T01-R020" not in found
    assert {"PEPPOL-T01-R022", "PEPPOL-T01-R023", "PEPPOL-T01-R032"} <= set(found)


def test_price_allowance_with_percentage_and_no_base_is_not_checked_by_r019():
    # cac:Price/cac:AllowanceCharge comes after the R020 context in PEPPOL-M-T01.sch.
    line = (
        "<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:Quantity>1</cbc:Quantity>"
        '<cac:Price><cbc:PriceAmount currencyID="NOK">10</cbc:PriceAmount>'
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
        '<cbc:Amount currencyID="NOK">1</cbc:Amount>{base}</cac:AllowanceCharge>'
        "</cac:Price></cac:LineItem></cac:OrderLine>"
    )
    without_base = _order(line.format(base=""))
    assert without_base.count("PEPPOL-T01-R020") == 1
    assert "PEPPOL-T01-R019" not in without_base
    with_wrong_base = _order(
        line.format(base='<cbc:BaseAmount currencyID="NOK">50</cbc:BaseAmount>')
    )
    assert "PEPPOL-T01-R019" in with_wrong_base


def test_order_response_transactions_share_the_root_and_keep_their_rules_apart():
    body = (
        "<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order_agreement:3</cbc:CustomizationID>"
    )
    found_t76 = _run("peppolbis-t76-base-3.0", "OrderResponse", "OrderResponse-2", body)
    found_t110 = _run("peppolbis-t110-base-3.0", "OrderResponse", "OrderResponse-2", body)
    assert found_t76 == ["PEPPOL-T76-R006"]
    assert found_t110 == []


def test_invoice_response_r005_never_fires_as_published():
    body = (
        "<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:invoice_response:3</cbc:CustomizationID>"
        "<cac:DocumentResponse><cac:Response><cbc:ResponseCode>AP</cbc:ResponseCode>"
        "<cac:Status><cbc:StatusReasonCode>PPD</cbc:StatusReasonCode></cac:Status>"
        "</cac:Response></cac:DocumentResponse>"
    )
    found = _run("peppolbis-t111-base-3.0", "ApplicationResponse", "ApplicationResponse-2", body)
    assert found == ["PEPPOL-T111-R004"]


def test_empty_elements_and_schema_location():
    found = _order("<cbc:Note> </cbc:Note><cac:Delivery><!-- nothing --></cac:Delivery>")
    assert found.count("PEPPOL-COMMON-R001") == 2
    located = xml.parse(
        b'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="a b"/>'
    ).getroot()
    rules = [f.rule for f in SETS["peppolbis-t01-base-3.0"].run(Document(located))]
    assert "PEPPOL-COMMON-R003" in rules


# -- child paths (the XPath 2.0 values: tests/lib/rules/test_xpath.py) ------------------------


def test_child_paths():
    root = xml.parse(
        f"<r {NAMESPACES}><cac:A><cbc:B>1</cbc:B><cbc:B>2</cbc:B></cac:A><cac:A><cbc:B>3</cbc:B>"
        "</cac:A></r>".encode()
    ).getroot()
    assert [b.text for b in every(root, "cac:A/cbc:B")] == ["1", "2", "3"]
    assert first(root, "cac:A/cbc:B").text == "1"
    assert first(root, "cbc:B") is None and first(None, "cbc:B") is None


def test_pattern_rejects_paths_it_cannot_match():
    with pytest.raises(ValueError):
        Pattern("x", "urn:x", [("a", "//cac:A//cbc:B")])
    with pytest.raises(ValueError):
        Pattern("x", "urn:x", [("a", "//cbc:*")])


# -- the official identifier functions ------------------------------------------------------


def test_gln_uses_the_gs1_check_digit_for_any_length():
    assert gln("5790000435951") and not gln("5790000435954")
    assert gln("7080000374205") and gln("0")
    assert not gln("57900004359a1")


def test_norwegian_organisation_number():
    assert mod11("974760673")
    assert not mod11("974760674")
    assert not mod11("000000000")  # number($val) > 0
    assert not mod11("97476067")


def test_belgian_enterprise_number_follows_the_official_function():
    assert mod97_0208("0000009797")
    assert not mod97_0208("0000009700")  # python-stdnum's be.vat would accept this one


def test_swedish_australian_and_italian_identifiers():
    assert check_se_orgnr("5560125790") and not check_se_orgnr("5560125791")
    assert check_abn("51824753556") and not check_abn("51824753557")
    assert check_cf("RSSMRA85T10A562S") and check_cf("12345678901")
    assert not check_cf("RSSMRA85T10A562")
    assert check_piva_se_it("IT00743110157") and not check_piva_se_it("IT00743110158")
    assert check_piva_se_it("DE123")  # only IT-prefixed values are checked
    assert check_codice_ipa("UFABC1") and not check_codice_ipa("UF-BC1")


# -- order agreement rules without official unit tests ------------------------------------------


def _agreement(body: str) -> list[str]:
    return _run("peppolbis-t110-base-3.0", "OrderResponse", "OrderResponse-2", body)


def test_order_agreement_allowances_and_charges():
    found = _agreement(
        "<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>"
        # percentage without base amount: R015 (and nothing else of the allowance rules)
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
        '<cbc:Amount currencyID="NOK">5</cbc:Amount></cac:AllowanceCharge>'
        # base amount without percentage: R016
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        '<cbc:Amount currencyID="NOK">5</cbc:Amount>'
        '<cbc:BaseAmount currencyID="NOK">50</cbc:BaseAmount></cac:AllowanceCharge>'
        # 10 % of 100 is not 5, and no reason: R017 and R018
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        "<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>"
        '<cbc:Amount currencyID="NOK">5</cbc:Amount>'
        '<cbc:BaseAmount currencyID="NOK">100</cbc:BaseAmount>'
        # standard rate without percent: R019 and R020
        "<cac:TaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>"
        "</cac:TaxCategory></cac:AllowanceCharge>"
    )
    assert found == [
        "PEPPOL-T110-R015",
        "PEPPOL-T110-R016",
        "PEPPOL-T110-R017",
        "PEPPOL-T110-R018",
        "PEPPOL-T110-R019",
        "PEPPOL-T110-R020",
    ]


def test_order_agreement_totals_need_a_line_amount_on_every_line():
    line = (
        "<cac:OrderLine><cac:LineItem><cbc:ID>{n}</cbc:ID>{amount}"
        "<cac:Item><cac:SellersItemIdentification><cbc:ID>A</cbc:ID>"
        "</cac:SellersItemIdentification></cac:Item></cac:LineItem></cac:OrderLine>"
    )
    totals = (
        "<cac:LegalMonetaryTotal>"
        '<cbc:LineExtensionAmount currencyID="NOK">10</cbc:LineExtensionAmount>'
        '<cbc:TaxInclusiveAmount currencyID="NOK">0</cbc:TaxInclusiveAmount>'
        "</cac:LegalMonetaryTotal>"
    )
    amount = '<cbc:LineExtensionAmount currencyID="NOK">10</cbc:LineExtensionAmount>'
    head = "<cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>"
    complete = _agreement(head + totals + line.format(n=1, amount=amount))
    assert complete == []
    missing = _agreement(
        head + totals + line.format(n=1, amount=amount) + line.format(n=2, amount="")
    )
    assert missing == ["PEPPOL-T110-R014"]


# -- xsl:key returns distinct nodes --------------------------------------------------------------


def _order_response(lines: str) -> list[str]:
    return _run("peppolbis-t76-base-3.0", "OrderResponse", "OrderResponse-2", lines)


def test_a_line_item_with_its_id_twice_is_one_line_for_r003():
    # key('k_lineId', cbc:ID) is the set of line items under any of the ids: this one item.
    found = _order_response(
        "<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID><cbc:ID>1</cbc:ID></cac:LineItem>"
        "</cac:OrderLine>"
    )
    assert "PEPPOL-T76-R003" not in found


def test_two_line_items_with_one_id_both_break_r003():
    doc = xml.parse(
        b'<OrderResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2" '
        + NAMESPACES.encode()
        + b"><cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID></cac:LineItem></cac:OrderLine>"
        b"<cac:OrderLine><cac:LineItem><cbc:ID>1</cbc:ID></cac:LineItem></cac:OrderLine>"
        b"<cac:OrderLine><cac:LineItem><cbc:ID>2</cbc:ID></cac:LineItem></cac:OrderLine>"
        b"</OrderResponse>"
    ).getroot()
    findings = SETS["peppolbis-t76-base-3.0"].run(Document(doc), frozenset({"PEPPOL-T76-R003"}))
    assert [f.location for f in findings] == [
        "/OrderResponse/cac:OrderLine[1]/cac:LineItem",
        "/OrderResponse/cac:OrderLine[2]/cac:LineItem",
    ]
