"""The PEPPOL BIS Billing 3.0 registry against the official rule catalogue (strict).

``rule-catalogues/peppol-bis-billing-3.csv`` lists every assertion of
``PEPPOL-EN16931-UBL.sch`` (OpenPEPPOL/peppol-bis-invoice-3) with its flag
and message. Every catalogue id is registered with the same flag and
message, nothing else is registered, each rule function is named after its
id and documented, and the rule set ``peppolbis-en16931-base-3.0-ubl`` is
the EN 16931 registry followed by this one.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import en16931, releases, rulesets, validate
from heldigital.rules.billing import (
    CUSTOMIZATION_ID,
    PEPPOL_BIS_BILLING_UBL,
    PEPPOL_BIS_BILLING_UBL_2026_5,
    PEPPOL_BIS_SELF_BILLING_UBL,
    REGISTRY,
)
from heldigital.rules.core import NS, Severity
from tests.conftest import corpus


def _catalogue() -> dict[str, dict[str, str]]:
    path = corpus("rule-catalogues", "peppol-bis-billing-3.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["rule"]: row for row in csv.DictReader(handle)}


CATALOGUE = _catalogue()


def test_catalogue_is_the_official_one():
    assert len(CATALOGUE) == 156
    assert {row["source"] for row in CATALOGUE.values()} == {"PEPPOL-EN16931-UBL.sch"}


def test_registry_holds_exactly_the_catalogue():
    assert sorted(set(CATALOGUE) - set(REGISTRY.ids())) == []
    assert sorted(set(REGISTRY.ids()) - set(CATALOGUE)) == []


@pytest.mark.parametrize("rule_id", sorted(CATALOGUE))
def test_flag_and_message_match_the_catalogue(rule_id):
    official = CATALOGUE[rule_id]
    registered = REGISTRY[rule_id]
    assert registered.severity is Severity(official["flag"])
    assert registered.message == official["message"]
    assert registered.check.__name__ == rule_id.lower().replace("-", "_")
    assert registered.check.__doc__, "the rule function cites the rule in its docstring"


def test_rule_set_is_en16931_then_billing():
    rule_set = PEPPOL_BIS_BILLING_UBL
    # the ids of the release's manifest, in the official order of the two Schematron files
    assert set(rule_set.rule_ids) == set(en16931.REGISTRY.ids()) | set(REGISTRY.ids())
    assert rule_set.release == "2025.5"
    assert rule_set.rule_ids == releases.get("2025.5").ids("CEN-EN16931-UBL", "PEPPOL-EN16931-UBL")
    assert len(rule_set.rule_ids) == len(set(rule_set.rule_ids))
    assert rule_set.missing() == []
    assert rule_set.registries == (REGISTRY, en16931.REGISTRY)
    assert rule_set.version == "3.0.19"
    assert rule_set.effective_from == date(2025, 8, 25)
    assert rule_set.document_types == frozenset({"Invoice", "CreditNote"})
    assert rule_set.customization_ids == (CUSTOMIZATION_ID,)


def test_rule_set_is_found_by_name_and_alias():
    before_2026_5 = date(2026, 8, 23)
    assert (
        rulesets.get("peppolbis-en16931-base-3.0-ubl", on=before_2026_5) is PEPPOL_BIS_BILLING_UBL
    )
    assert (
        rulesets.get("peppolbis-en16931-01-3.0-ubl-invoice", on=before_2026_5)
        is PEPPOL_BIS_BILLING_UBL
    )
    with pytest.raises(rulesets.UnknownRuleSet):
        rulesets.get("peppolbis-en16931-base-3.0-ubl", on=date(2025, 8, 24))


def test_release_2026_5_is_in_force_from_24_august_2026():
    new = PEPPOL_BIS_BILLING_UBL_2026_5
    assert rulesets.get("peppolbis-en16931-base-3.0-ubl", on=date(2026, 8, 24)) is new
    assert rulesets.get("peppolbis-en16931-base-3.0-ubl") is new
    assert new.missing() == [] and PEPPOL_BIS_SELF_BILLING_UBL.missing() == []
    assert len(new.rule_ids) == len(set(new.rule_ids))
    # the new rules exist only in 2026.5; a changed rule has its 2026.5 function there
    assert "PEPPOL-COMMON-R052" in new.rule_ids
    assert "PEPPOL-COMMON-R052" not in PEPPOL_BIS_BILLING_UBL.rule_ids
    changed = {r.id: r for r in new.rules()}["DK-R-003"]
    assert changed.severity.value == "fatal"
    assert {r.id: r for r in PEPPOL_BIS_BILLING_UBL.rules()}["DK-R-003"].severity == "warning"


def _invoice(
    customization: str | None, profile: str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
):
    base = corpus("peppol-bis-invoice-3/rules/examples/base-example.xml").read_bytes()
    root = xml.parse(base).getroot()
    cid = root.find("cbc:CustomizationID", NS)
    if customization is None:
        root.remove(cid)
    else:
        cid.text = customization
    root.find("cbc:ProfileID", NS).text = profile
    return etree.tostring(root)


def test_an_unknown_customization_id_is_judged_by_the_rule_set_of_the_root_element():
    """Mistyped, unknown or missing CustomizationID: the BIS Billing rules run, and the
    identifier rules report the wrong identifier with every other finding."""
    for customization in (
        "urn:cen.eu:en16931:2071#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
        "urn:example",
        None,
    ):
        report = validate(_invoice(customization), on=date(2026, 9, 1))
        assert report.rule_set == "peppolbis-en16931-base-3.0-ubl"
        rules = {f.rule for f in report.fatal}
        assert "PEPPOL-EN16931-R004" in rules
        assert "DOCUMENT-TYPE" not in rules
        if customization is None:
            assert "BR-01" in rules
    report = validate(_invoice("urn:example", "urn:example:profile"), on=date(2026, 9, 1))
    assert {"PEPPOL-EN16931-R004", "PEPPOL-EN16931-R007"} <= {f.rule for f in report.fatal}


def test_self_billing_is_judged_by_en16931_and_the_self_billing_rules():
    data = corpus(
        "ehf-postaward-g3/src/self-billing-3.0/rules/example/SB-base-example.xml"
    ).read_bytes()
    report = validate(data, on=date(2026, 9, 1))
    assert report.rule_set == "peppolbis-en16931-sbbase-3.0-ubl"
    assert report.valid, [f.rule for f in report.errors]
    # a billing invoice type code is not a self-billing one (P0100), and a billing
    # CustomizationID is reported by the billing rule set, not refused
    wrong = data.replace(b">389<", b">380<")
    assert "PEPPOL-EN16931-P0100" in {f.rule for f in validate(wrong, on=date(2026, 9, 1)).fatal}
