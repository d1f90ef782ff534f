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

from heldigital.rules import en16931, rulesets
from heldigital.rules.billing import CUSTOMIZATION_ID, PEPPOL_BIS_BILLING_UBL, REGISTRY
from heldigital.rules.core import Severity
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
    assert rule_set.rule_ids == tuple(en16931.REGISTRY.ids()) + tuple(REGISTRY.ids())
    assert len(rule_set.rule_ids) == len(set(rule_set.rule_ids))
    assert rule_set.missing() == []
    assert rule_set.registries == (REGISTRY, en16931.REGISTRY)
    assert rule_set.version == "3.0.19"
    assert rule_set.effective_from == date(2025, 8, 25)
    assert rule_set.document_types == frozenset({"Invoice", "CreditNote"})
    assert rule_set.customization_ids == (CUSTOMIZATION_ID,)


def test_rule_set_is_found_by_name_and_alias():
    assert rulesets.get("peppolbis-en16931-base-3.0-ubl") is PEPPOL_BIS_BILLING_UBL
    assert rulesets.get("peppolbis-en16931-01-3.0-ubl-invoice") is PEPPOL_BIS_BILLING_UBL
    with pytest.raises(rulesets.UnknownRuleSet):
        rulesets.get("peppolbis-en16931-base-3.0-ubl", on=date(2025, 8, 24))
