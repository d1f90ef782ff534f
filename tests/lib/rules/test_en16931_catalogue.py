"""The EN 16931 registry against the official rule catalogue (strict).

``rule-catalogues/en16931-ubl.csv`` lists every assertion of the CEN/TC 434
UBL artefacts (ConnectingEurope/eInvoicing-EN16931) with its flag and
message. Every one must be registered with the same flag and message,
nothing else may be registered, each function is named after its rule id
and cites the rule in its docstring, and the ``tc434-ubl`` rule set holds
the whole registry.
"""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from heldigital.rules import rulesets
from heldigital.rules.core import Severity
from heldigital.rules.en16931 import REGISTRY, TC434_UBL
from tests.conftest import corpus


def _catalogue() -> dict[str, dict[str, str]]:
    path = corpus("rule-catalogues", "en16931-ubl.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["rule"]: row for row in csv.DictReader(handle)}


CATALOGUE = _catalogue()

#: The groups of the family and their size in the catalogue.
GROUPS = {
    "model (BR, BR-CO, BR-DEC, VAT categories)": (
        re.compile(r"BR-(\d+|CO-\d+|DEC-\d+|(S|Z|E|AE|IC|G|O|AF|AG|B)-\d+)"),
        200,
    ),
    "code lists (BR-CL)": (re.compile(r"BR-CL-\d+"), 23),
    "syntax (UBL-CR, UBL-SR, UBL-DT)": (re.compile(r"UBL-(CR|SR|DT)-\d+"), 756),
}


def test_catalogue_is_the_official_one():
    assert len(CATALOGUE) == 979
    for name, (pattern, size) in GROUPS.items():
        assert sum(1 for rule_id in CATALOGUE if pattern.fullmatch(rule_id)) == size, name
    assert sum(size for _, size in GROUPS.values()) == len(CATALOGUE)


def test_every_catalogue_rule_is_registered_and_nothing_else():
    registered = set(REGISTRY.ids())
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


def test_rule_set_is_the_registry():
    assert TC434_UBL.missing() == []
    assert set(TC434_UBL.rule_ids) == set(REGISTRY.ids())
    assert len(TC434_UBL.rule_ids) == len(set(TC434_UBL.rule_ids))
    assert rulesets.get("tc434-ubl", on=date(2026, 8, 23)) is TC434_UBL


def test_release_2026_5_overrides_only_the_rules_that_changed():
    """The 2026.5 set has the same ids; the changed rules come from the 2026.5 registry."""
    from heldigital.rules import validate
    from heldigital.rules.en16931 import TC434_UBL_2026_5, release_2026_5

    assert rulesets.get("tc434-ubl") is TC434_UBL_2026_5
    assert TC434_UBL_2026_5.rule_ids == TC434_UBL.rule_ids
    assert TC434_UBL_2026_5.missing() == []
    changed = {r.id for r in TC434_UBL_2026_5.rules() if r.id in release_2026_5.REGISTRY}
    assert changed == set(release_2026_5.REGISTRY.ids())
    for rule_id in changed:
        new = release_2026_5.REGISTRY[rule_id]
        assert (new.severity, new.message) == (
            REGISTRY[rule_id].severity,
            REGISTRY[rule_id].message,
        )
    # 503 is a credit note type code from 2026.5 on, no longer an invoice type code
    example = corpus("eInvoicing-EN16931/ubl/examples/ubl-tc434-example1.xml").read_bytes()
    invoice = example.replace(b">380</cbc:InvoiceTypeCode>", b">503</cbc:InvoiceTypeCode>")
    assert invoice != example
    old = validate(invoice, on=date(2026, 8, 23))
    new = validate(invoice, on=date(2026, 8, 24))
    assert "BR-CL-01" not in {f.rule for f in old.errors}
    assert "BR-CL-01" in {f.rule for f in new.errors}
