"""EHF formats (anskaffelser/ehf-postaward-g3) with their own rule sets.

Each example of the billing-based EHF formats is detected by its CustomizationID as the EHF
build configuration declares it and validated by that format's rule set with the findings
the EHF build's rules give (the differential suite checks the same examples and their
mutants against the compiled EHF Schematron). The EHF rules themselves are checked on small
edits of the examples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heldigital.rules import rulesets, validate
from heldigital.rules.core import Severity
from heldigital.rules.ehf import RULE_SETS, basic_ids
from tests.conftest import corpus

EHF = "ehf-postaward-g3/src"

#: format folder -> the rule set of its configuration (``buildconfig.xml``)
FORMATS = {
    "payment-request-3.0": "ehf-payment-request-07-3.0",
    "reminder-3.0": "ehf-reminder-06-3.0",
    "forward-billing-3.0": "ehf-forward-billing-08-3.0",
    "self-billing-3.0": "peppolbis-en16931-sbbase-3.0-ubl",
    "despatch-advice-3.0": "ehf-despatch-advice-05-3.0",
    "catalogue-3.0": "ehf-catalogue-01-3.0",
    "punch-out-3.0": "ehf-punch-out-04-3.0",
    "order-agreement-3.0": "ehf-order-agreement-03-3.0",
}
#: examples named by their own format inside a shared folder
BY_NAME = {
    "ordering-3.0/rules/example/Order_Example.xml": "ehf-order-02-3.0",
    "ordering-3.0/rules/example/OrderResponse_Example.xml": "ehf-order-response-02-3.0",
    "advanced-ordering-3.0/rules/example/Advanced_Order_Example.xml": "ehf-09-3.0-initiation",
    "advanced-ordering-3.0/rules/example/Advanced_OrderResponse_Example.xml": "ehf-09-3.0-response",
}
#: examples of another format in a format's folder
OTHER = {
    "catalogue-3.0/rules/example/CatalogueResponse_Example.xml": "ehf-catalogue-response-01-3.0"
}
#: Fatal findings the EHF build's own rules give on an example (the official Schematron
#: agrees: tests/differential). The reminder's charge reason code REM is allowed by the EHF
#: build's exclusion of PEPPOL-EN16931-CL003 but not by EN 16931's BR-CL-20 (UNCL 7161).
FATAL = {"reminder-3.0/rules/example/Reminder-Example-with-REM.xml": {"BR-CL-20"}}


def _examples() -> list[Path]:
    base = corpus(EHF)
    return sorted(
        p
        for folder in (*FORMATS, "ordering-3.0", "advanced-ordering-3.0")
        for kind in ("example", "usecase")
        for p in (base / folder / "rules" / kind).glob("*.xml")
    )


@pytest.mark.parametrize("path", _examples(), ids=lambda p: str(p).split(EHF + "/")[-1])
def test_example_validates_with_its_own_rule_set(path: Path) -> None:
    relative = str(path).split(EHF + "/")[-1]
    report = validate(path.read_bytes())
    expected = BY_NAME.get(relative) or OTHER.get(relative) or FORMATS[relative.split("/")[0]]
    assert report.rule_set == expected
    assert {f.rule for f in report.fatal} == FATAL.get(relative, set())


def test_every_rule_of_the_ehf_sets_is_implemented() -> None:
    for rule_set in RULE_SETS:
        assert rule_set.missing() == [], rule_set.name
        assert len(rule_set.rules()) == len(rule_set.rule_ids)
    catalogue = rulesets.get("ehf-catalogue-01-3.0")
    assert "PEPPOL-T19-R017" not in catalogue.rule_ids and "PEPPOL-T19-R016" in catalogue.rule_ids
    assert sum(rid.startswith("EHF-QII-G1-") for rid in catalogue.rule_ids) == 4130
    assert catalogue.rule_ids[-1] == "EHF-QII-G1-R004130"


def test_detection_by_customization_id_and_releases() -> None:
    names = set(rulesets.names())
    assert {
        "ehf-payment-request-07-3.0",
        "ehf-reminder-06-3.0",
        "ehf-forward-billing-08-3.0",
    } <= names
    reminder = rulesets.get("ehf-reminder-base-3.0")
    assert reminder.name == "ehf-reminder-06-3.0" and reminder.version == "2026.5"
    from datetime import date

    older = rulesets.get("ehf-reminder-06-3.0", date(2026, 5, 1))
    assert older.version == "3.0.19"
    # the reminder runs the EHF file, then EN 16931 and PEPPOL without the excluded rules
    ids = reminder.rule_ids
    assert "BR-04" not in ids and "PEPPOL-EN16931-R007" not in ids
    assert "PEPPOL-EN16931-CL003" not in ids and "BR-05" in ids
    assert ids[: len(basic_ids("EHF-REMINDER")) + 2][2:] == basic_ids("EHF-REMINDER")
    # the EHF copy of PEPPOL-COMMON-R040 and the billing one both run
    assert ids.count("PEPPOL-COMMON-R040") == 2
    forward = rulesets.get("ehf-forward-billing-08-3.0")
    assert "BR-07" not in forward.rule_ids and "BR-06" in forward.rule_ids


def _edit(relative: str, old: str, new: str, count: int = 1) -> bytes:
    text = corpus(EHF, relative).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, count).encode("utf-8")


def _rules(data: bytes) -> dict[str, Severity]:
    return {f.rule: f.severity for f in validate(data).errors}


PR = "payment-request-3.0/rules/example/PaymentRequest-example-1.xml"
REMINDER = "reminder-3.0/rules/example/Reminder-Example.xml"
FORWARD = "forward-billing-3.0/rules/example/forward-billing-nettleie-consumer.xml"


def test_payment_request_totals() -> None:
    text = corpus(EHF, PR).read_text(encoding="utf-8")
    payable = re.search(r"<cbc:PayableAmount[^>]*>([^<]*)<", text)
    assert payable is not None
    wrong = text.replace(payable.group(0), payable.group(0).replace(payable.group(1), "1.00"))
    assert _rules(wrong.encode())["EHF-PR-R001"] is Severity.FATAL
    assert "EHF-PR-R001" not in _rules(text.encode())


def test_payment_request_prepaid_must_not_be_negative() -> None:
    text = corpus(EHF, PR).read_text(encoding="utf-8")
    total = re.search(r"(<cbc:LineExtensionAmount currencyID=\"NOK\">)([^<]*)(<)", text)
    assert total is not None
    amount = total.group(2)
    # prepaid -10 and payable = line total + 10: R001 holds, R002 fires
    edited = re.sub(
        r"<cbc:PayableAmount currencyID=\"NOK\">[^<]*<",
        f'<cbc:PayableAmount currencyID="NOK">{float(amount) + 10:.2f}<',
        text.replace(
            "<cbc:PayableAmount",
            '<cbc:PrepaidAmount currencyID="NOK">-10.00</cbc:PrepaidAmount><cbc:PayableAmount',
            1,
        ),
    )
    found = _rules(edited.encode())
    assert found.get("EHF-PR-R002") is Severity.FATAL


def test_empty_elements_and_norwegian_organisation_numbers() -> None:
    text = corpus(EHF, PR).read_text(encoding="utf-8")
    empty = re.sub(r"<cbc:BuyerReference>[^<]*</cbc:BuyerReference>", "<cbc:BuyerReference/>", text)
    assert _rules(empty.encode()).get("EHF-COMMON-R001") is Severity.FATAL
    number = re.search(r'schemeID="0192">([0-9]{9})<', text)
    assert number is not None
    bad = text.replace(number.group(0), 'schemeID="0192">123456789<')
    assert _rules(bad.encode()).get("EHF-COMMON-R003") is Severity.FATAL


def test_generated_basic_rules_of_the_format() -> None:
    # an element the payment request leaves out of its data model (tag="x" in the syntax)
    text = corpus(EHF, PR).read_text(encoding="utf-8")
    edited = text.replace(
        "<cbc:DocumentCurrencyCode",
        "<cbc:TaxCurrencyCode>NOK</cbc:TaxCurrencyCode><cbc:DocumentCurrencyCode",
        1,
    )
    assert _rules(edited.encode()).get("EHF-PR-B00111") is Severity.FATAL
    # the fixed ProfileID
    wrong = _edit(REMINDER, "g3:06:1.0", "g3:99:1.0")
    assert "EHF-REMINDER-B00301" in _rules(wrong)


def test_forward_billing_excludes_buyer_name_and_profile_rules() -> None:
    found = _rules(corpus(EHF, FORWARD).read_bytes())
    assert "BR-07" not in found and "PEPPOL-EN16931-R007" not in found
    # the same document as PEPPOL BIS Billing reports both
    billing = validate(corpus(EHF, FORWARD).read_bytes(), rule_set="peppolbis-en16931-base-3.0-ubl")
    assert {"BR-07", "PEPPOL-EN16931-R007"} <= {f.rule for f in billing.fatal}


def test_qii_item_rules() -> None:
    """An item classified with a QII code must have its properties right; a code that only
    looks like a QII code is refused (EHF-QII-G1-R004130)."""
    relative = "catalogue-3.0/rules/example/Catalogue_Example.xml"
    text = corpus(EHF, relative).read_text(encoding="utf-8")
    code = (
        '<cac:CommodityClassification><cbc:ItemClassificationCode listID="ZZZ">{}'
        "</cbc:ItemClassificationCode></cac:CommodityClassification><cac:ClassifiedTaxCategory>"
    )
    good = text.replace(
        "<cac:ClassifiedTaxCategory>", code.format("urn:fdc:anskaffelser.no:2022:ehf:qii:item"), 1
    )
    assert not any(r.startswith("EHF-QII") for r in _rules(good.encode()))
    mimic = text.replace(
        "<cac:ClassifiedTaxCategory>", code.format("urn:fdc:anskaffelser.no:2022:ehf:qii:x"), 1
    )
    assert _rules(mimic.encode()).get("EHF-QII-G1-R004130") is Severity.FATAL
    used = good.replace(
        "</cac:ClassifiedTaxCategory>",
        "</cac:ClassifiedTaxCategory><cac:AdditionalItemProperty><cbc:Name>Brukt</cbc:Name>"
        '<cbc:NameCode listID="urn:fdc:anskaffelser.no:2022:ehf:qii:property">#used'
        "</cbc:NameCode></cac:AdditionalItemProperty>",
        1,
    )
    found = _rules(used.encode())
    # wrong name (R000019) and no value (R000021)
    assert {"EHF-QII-G1-R000019", "EHF-QII-G1-R000021"} <= set(found)


def test_order_and_advanced_order_differ_by_profile() -> None:
    """EHF Order (profile 02) and Advanced Ordering (09) share a CustomizationID: the ProfileID
    picks the rule set; another ProfileID falls back to the PEPPOL order (T01)."""
    relative = "ordering-3.0/rules/example/Order_Example.xml"
    assert validate(_edit(relative, "g3:02:1.0", "g3:09:1.0")).rule_set == "ehf-09-3.0-initiation"
    other = validate(_edit(relative, "g3:02:1.0", "g3:77:1.0"))
    assert other.rule_set == "peppolbis-t01-base-3.0"
    assert "PEPPOL-T01-R031" in {f.rule for f in other.fatal}
    # the EHF order runs the EHF copy of PEPPOL-M-T01: no R031 and R034, VAT wording
    order = rulesets.get("ehf-order-02-3.0")
    assert "PEPPOL-T01-R031" not in order.rule_ids and "PEPPOL-T01-R034" not in order.rule_ids
    r029 = next(r for r in order.rules() if r.id == "PEPPOL-T01-R029")
    assert "VAT category rate" in r029.message


def test_advanced_order_cancellation() -> None:
    """EHF has no example of the advanced order cancellation: a PEPPOL order cancellation with
    the EHF identifiers is one (the differential suite uses the same seeds)."""
    path = corpus("poacc-upgrade-3/rules/examples/OrderCancellation_Example.xml")
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r"<cbc:CustomizationID>[^<]*<",
        "<cbc:CustomizationID>urn:fdc:anskaffelser.no:2019:ehf:spec:adv-order-cancellation:3.0<",
        text,
    )
    ehf = re.sub(
        r"<cbc:ProfileID>[^<]*<",
        "<cbc:ProfileID>urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:09:1.0<",
        text,
    )
    report = validate(ehf.encode())
    assert report.rule_set == "ehf-09-3.0-cancellation" and report.errors == []
    wrong = validate(ehf.replace("<cbc:IssueDate>", "<cbc:IssueDate>x", 1).encode())
    assert "PEPPOL-COMMON-R030" in {f.rule for f in wrong.fatal}
