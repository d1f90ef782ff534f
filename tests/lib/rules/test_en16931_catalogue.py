"""The EN 16931 registry against the official rule catalogue.

``rule-catalogues/en16931-ubl.csv`` lists every assertion of the CEN/TC 434
UBL artefacts (ConnectingEurope/eInvoicing-EN16931) with its flag and
message. Every registered rule must be in it with the same flag and message,
nothing else may be registered, and the ``tc434-ubl`` rule set holds the
registry. The family is written by two groups (the model rules ``BR-*``,
``BR-CO-*``, ``BR-DEC-*`` and the VAT categories; the syntax and code-list
rules ``UBL-*`` and ``BR-CL-*``): :data:`STRICT_PREFIXES` names the groups
that are complete, for which a missing catalogue id fails; ids of the other
groups that are not registered yet are reported (as a warning) and counted.
"""

from __future__ import annotations

import csv
import re
import warnings

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

#: The model rules: BR-nn, BR-CO, BR-DEC and the VAT category groups (not BR-CL code lists).
MODEL = re.compile(r"BR-(\d+|CO-\d+|DEC-\d+|(S|Z|E|AE|IC|G|O|AF|AG|B)-\d+)")

#: Groups whose every catalogue id must be registered (complete work).
STRICT = (MODEL,)


def _strict(rule_id: str) -> bool:
    return any(pattern.fullmatch(rule_id) for pattern in STRICT)


def test_catalogue_is_the_official_one():
    assert len(CATALOGUE) == 979
    assert sum(1 for rule_id in CATALOGUE if MODEL.fullmatch(rule_id)) == 200


def test_nothing_outside_the_catalogue_is_registered():
    assert sorted(set(REGISTRY.ids()) - set(CATALOGUE)) == []


def test_every_catalogue_rule_of_a_complete_group_is_registered():
    registered = set(REGISTRY.ids())
    missing = sorted(rule_id for rule_id in CATALOGUE if rule_id not in registered)
    assert [rule_id for rule_id in missing if _strict(rule_id)] == []
    if missing:
        warnings.warn(
            f"{len(missing)} EN 16931 catalogue rules not registered yet: "
            + ", ".join(missing[:20])
            + (" ..." if len(missing) > 20 else ""),
            stacklevel=1,
        )


@pytest.mark.parametrize("rule_id", sorted(CATALOGUE))
def test_flag_and_message_match_the_catalogue(rule_id):
    if rule_id not in REGISTRY:
        if _strict(rule_id):
            pytest.fail(f"{rule_id} is not registered")
        pytest.skip(f"{rule_id} not registered yet (reported by the completeness test)")
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
    assert rulesets.get("tc434-ubl") is TC434_UBL
