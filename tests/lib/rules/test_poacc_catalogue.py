"""The post-award registry against the official rule catalogue (strict).

``rule-catalogues/peppol-poacc-3.csv`` lists every assertion of
OpenPEPPOL/poacc-upgrade-3 with its flag and message. Every one must be
registered with the same flag and message, nothing else may be registered,
and each must belong to the rule set(s) of its transaction.
"""

from __future__ import annotations

import csv
import re

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import rulesets
from heldigital.rules.core import Document, Severity
from heldigital.rules.poacc import REGISTRY, RULE_SETS, VERSION
from heldigital.rules.poacc.basic import ids as basic_ids
from tests.conftest import corpus
from tests.lib.rules.parity import UNIT_TESTS_ON


def _catalogue() -> dict[str, dict[str, str]]:
    path = corpus("rule-catalogues", "peppol-poacc-3.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["rule"]: row for row in csv.DictReader(handle)}


CATALOGUE = _catalogue()
BASIC_ID = re.compile(r"^PEPPOL-T\d+-B\d{5}$")

#: Transaction of each rule set, as in the official buildconfig.xml.
TRANSACTIONS = {
    "peppolbis-t01-base-3.0": ("T01", "Order", "urn:fdc:peppol.eu:poacc:trns:order:3"),
    "peppolbis-t16-base-3.0": (
        "T16",
        "DespatchAdvice",
        "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3",
    ),
    "peppolbis-t19-base-3.0": ("T19", "Catalogue", "urn:fdc:peppol.eu:poacc:trns:catalogue:3"),
    "peppolbis-t58-base-3.0": (
        "T58",
        "ApplicationResponse",
        "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3",
    ),
    "peppolbis-t71-base-3.0": ("T71", "ApplicationResponse", "urn:fdc:peppol.eu:poacc:trns:mlr:3"),
    "peppolbis-t76-base-3.0": (
        "T76",
        "OrderResponse",
        "urn:fdc:peppol.eu:poacc:trns:order_response:3",
    ),
    "peppolbis-t77-base-3.0": ("T77", "Catalogue", "urn:fdc:peppol.eu:poacc:trns:punch_out:3"),
    "peppolbis-t110-base-3.0": (
        "T110",
        "OrderResponse",
        "urn:fdc:peppol.eu:poacc:trns:order_agreement:3",
    ),
    "peppolbis-t111-base-3.0": (
        "T111",
        "ApplicationResponse",
        "urn:fdc:peppol.eu:poacc:trns:invoice_response:3",
    ),
    "peppolbis-t114-base-3.0": (
        "T114",
        "OrderChange",
        "urn:fdc:peppol.eu:poacc:trns:order_change:3",
    ),
    "peppolbis-t115-base-3.0": (
        "T115",
        "OrderCancellation",
        "urn:fdc:peppol.eu:poacc:trns:order_cancellation:3",
    ),
    "peppolbis-t116-base-3.0": (
        "T116",
        "OrderResponse",
        "urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3",
    ),
}


def test_catalogue_is_the_official_one():
    assert len(CATALOGUE) == 176
    assert all(rule_id.startswith("PEPPOL-") for rule_id in CATALOGUE)


def test_every_catalogue_rule_is_registered_and_nothing_else():
    registered = {r.id for r in REGISTRY}
    assert sorted(set(CATALOGUE) - registered) == [], "catalogue rules not registered"
    assert sorted(registered - set(CATALOGUE)) == [], "registered rules not in the catalogue"


@pytest.mark.parametrize("rule_id", sorted(CATALOGUE))
def test_flag_and_message_match_the_catalogue(rule_id):
    official = CATALOGUE[rule_id]
    registered = REGISTRY[rule_id]
    assert registered.severity is Severity(official["flag"])
    assert registered.message == official["message"]
    assert registered.check.__name__ == rule_id.lower().replace("-", "_")
    assert registered.check.__doc__, "the rule function cites the rule in its docstring"


UNIT_TEST_SETS = [rs for rs in RULE_SETS if rs.version == VERSION]
SETS_2026_5 = [rs for rs in RULE_SETS if rs.version == "2026.5"]


def test_rule_sets_are_the_official_configurations():
    assert {rs.name for rs in UNIT_TEST_SETS} == set(TRANSACTIONS)
    assert {rs.name for rs in SETS_2026_5} == set(TRANSACTIONS)
    for rs in UNIT_TEST_SETS:
        transaction, root, spec = TRANSACTIONS[rs.name]
        assert rs.document_types == frozenset({root})
        assert rs.customization_ids == (spec,)
        assert rs.missing() == []
        common = {r for r in CATALOGUE if r.startswith("PEPPOL-COMMON-")}
        own = {r for r in CATALOGUE if r.startswith(f"PEPPOL-{transaction}-")}
        # the generated basic rules are checked against the official XSLTs in test_poacc_basic
        basic = set(basic_ids(VERSION, transaction))
        assert set(rs.rule_ids) == common | own | basic, rs.name
        assert len(rs.rule_ids) == len(set(rs.rule_ids))
        assert rulesets.get(rs.name, on=UNIT_TESTS_ON) is rs


@pytest.mark.parametrize("rs", SETS_2026_5, ids=lambda rs: rs.name)
def test_2026_5_sets_are_the_official_xslts(rs):
    """Every assertion of the published 2026.5 XSLT is in the set, with its flag and
    message, and nothing else."""
    transaction = TRANSACTIONS[rs.name][0]
    official = _xslt_rules(transaction)
    assert set(rs.rule_ids) == set(official)
    assert len(rs.rule_ids) == len(set(rs.rule_ids))
    assert rs.missing() == []
    for found in rs.rules():
        flag, message = official[found.id]
        assert found.severity.value == flag, found.id
        assert " ".join(found.message.split()) == message, found.id
    assert rulesets.get(rs.name) is rs


def _xslt_rules(transaction: str) -> dict[str, tuple[str, str]]:
    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    svrl = "{http://purl.oclc.org/dsdl/svrl}"
    path = corpus("official-rules", "peppol-2026.5-xslt", f"PEPPOLBIS-{transaction}.xslt")
    found = {}
    for failed in xml.parse_file(path).getroot().iter(svrl + "failed-assert"):
        attrs = {a.get("name"): a.text for a in failed.iter(xsl + "attribute")}
        text = "".join(failed.find(svrl + "text").itertext())
        text = re.sub(r"^\[[^\]]*\]-", "", " ".join(text.split()))
        found[attrs["id"]] = (attrs["flag"], text)
    return found


def test_every_catalogue_rule_is_in_a_rule_set():
    covered = {rid for rs in UNIT_TEST_SETS for rid in rs.rule_ids if not BASIC_ID.match(rid)}
    assert covered == set(CATALOGUE)


@pytest.mark.parametrize("name", sorted(TRANSACTIONS))
def test_detection_by_root_and_customization_id(name):
    _, root, spec = TRANSACTIONS[name]
    ns = {
        "Order": "Order-2",
        "DespatchAdvice": "DespatchAdvice-2",
        "Catalogue": "Catalogue-2",
        "ApplicationResponse": "ApplicationResponse-2",
        "OrderResponse": "OrderResponse-2",
        "OrderChange": "OrderChange-2",
        "OrderCancellation": "OrderCancellation-2",
    }[root]
    cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    element = etree.Element(f"{{urn:oasis:names:specification:ubl:schema:xsd:{ns}}}{root}")
    etree.SubElement(element, f"{{{cbc}}}CustomizationID").text = spec + ":extended:urn:x:y"
    detected = rulesets.detect(Document(element))
    assert detected is not None and detected.name == name
