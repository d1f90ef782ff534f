"""The official PEPPOL BIS Billing 3.0 examples pass the PEPPOL rules and the whole rule set.

Every full invoice or credit note in OpenPEPPOL/peppol-bis-invoice-3
``rules/examples``, ``rules/national-examples`` and ``rules/snippets`` must
get no fatal finding from the PEPPOL BIS Billing rules, and validating it
with :func:`heldigital.rules.validate` (detection, XSD, EN 16931 and PEPPOL
rules) must select ``peppolbis-en16931-base-3.0-ubl`` and find nothing
fatal - except the two Greek national examples, whose official files are
themselves defective (listed with the reviewed findings they must give).
A tampered example shows that the rules run on whole documents.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import validate, validate_tree
from heldigital.rules.billing import PEPPOL_BIS_BILLING_UBL, REGISTRY
from heldigital.rules.core import NS, Document, Severity
from tests.conftest import corpus

BILLING_RULES = frozenset(REGISTRY.ids())

#: Official examples that are not valid documents, with the fatal findings they must give.
KNOWN_DEFECTS: dict[str, tuple[set[str], str]] = {
    "national-examples/GR/GR-base-example-correct.xml": (
        {"XSD"},
        "cac:AdditionalDocumentReference is placed after cac:AccountingCustomerParty, "
        "against the UBL 2.1 Invoice schema's element order",
    ),
    "national-examples/GR/GR-base-example-TaxRepresentative.xml": (
        {"XSD", "BR-06"},
        "same element-order error; and the seller has no cac:PartyLegalEntity/"
        "cbc:RegistrationName, so BR-06 (Seller name BT-27 mandatory) fires",
    ),
}


def _examples() -> list[Path]:
    base = corpus("peppol-bis-invoice-3", "rules")
    files = sorted((base / "examples").glob("*.xml"))
    files += sorted((base / "national-examples").rglob("*.xml"))
    files += sorted((base / "snippets").glob("*.xml"))
    return files


def _name(path: Path) -> str:
    return path.relative_to(corpus("peppol-bis-invoice-3", "rules")).as_posix()


EXAMPLES = _examples()


def test_the_examples_are_full_documents():
    assert len(EXAMPLES) == 27
    for path in EXAMPLES:
        root = xml.parse_file(path).getroot()
        assert etree.QName(root).localname in ("Invoice", "CreditNote"), path


@pytest.mark.parametrize("path", EXAMPLES, ids=_name)
def test_no_fatal_finding_from_the_billing_rules(path):
    doc = Document(xml.parse_file(path).getroot())
    fatal = [
        f"{f.rule} at {f.location}"
        for f in PEPPOL_BIS_BILLING_UBL.run(doc, only=BILLING_RULES)
        if f.severity is Severity.FATAL
    ]
    assert fatal == []


@pytest.mark.parametrize("path", EXAMPLES, ids=_name)
def test_whole_rule_set(path):
    report = validate(path.read_bytes(), path=str(path))
    assert report.rule_set == PEPPOL_BIS_BILLING_UBL.name
    fatal = {f.rule for f in report.fatal}
    expected, _reason = KNOWN_DEFECTS.get(_name(path), (set(), ""))
    assert fatal == expected, [f"{f.rule} at {f.location}: {f.message}" for f in report.fatal]
    assert report.valid is (not expected)


def test_a_tampered_example_is_caught():
    path = corpus(
        "peppol-bis-invoice-3", "rules", "national-examples", "NO", "Norwegian-example-1.xml"
    )
    root = copy.deepcopy(xml.parse_file(path).getroot())
    # PEPPOL-EN16931-R004: a foreign specification identifier;
    # PEPPOL-COMMON-R041: a Norwegian organisation number with a wrong check digit;
    # PEPPOL-EN16931-R008: an empty element.
    root.find("cbc:CustomizationID", NS).text = "urn:cen.eu:en16931:2017"
    endpoint = root.find("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID", NS)
    assert endpoint.get("schemeID") == "0192"
    endpoint.text = endpoint.text[:-1] + str((int(endpoint.text[-1]) + 1) % 10)
    etree.SubElement(root.find("cac:AccountingSupplierParty/cac:Party", NS), f"{{{NS['cbc']}}}Note")
    report = validate_tree(root, rule_set=PEPPOL_BIS_BILLING_UBL.name)
    fired = {f.rule for f in report.fatal}
    assert {"PEPPOL-EN16931-R004", "PEPPOL-COMMON-R041", "PEPPOL-EN16931-R008"} <= fired
    assert not report.valid
