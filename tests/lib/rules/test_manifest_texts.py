"""Rule texts come from the manifest: the functions of the PEPPOL and EN 16931 families carry
only logic (issue 8, deliver 2).

Three checks: no registration in those families types a flag or a message (read from the
source, so a newly typed text fails); every rule a rule set runs has the flag and message of
its release's manifest; and a rule looked up in a registry outside any rule set (the EHF
formats reuse PEPPOL rules that way) has those of the registry's own release.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from heldigital.rules import billing, en16931, poacc, releases, rulesets
from heldigital.rules.billing import release_2026_5 as billing_2026_5
from heldigital.rules.billing import selfbilling
from heldigital.rules.core import Registry, RuleSet
from heldigital.rules.en16931 import release_2026_5 as en16931_2026_5
from heldigital.rules.poacc import release_2026_5 as poacc_2026_5

PACKAGES = [Path(m.__file__).parent for m in (en16931, billing, poacc)]

#: The registries whose rules are all in the manifests (the generated post-award "basic"
#: rules build their text from the official syntax files; the EHF rules have no manifest).
REGISTRIES: list[Registry] = [
    en16931.REGISTRY,
    en16931_2026_5.REGISTRY,
    billing.REGISTRY,
    billing_2026_5.REGISTRY,
    selfbilling.REGISTRY,
    poacc.REGISTRY,
    poacc_2026_5.REGISTRY,
]


def _sources() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted(package.glob("*.py"))
        if not path.name.startswith("basic")
    ]


def test_no_rule_function_of_the_manifest_families_types_its_flag_or_message():
    typed = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "rule" and (
                len(node.args) > 1 or {"severity", "message"} & {k.arg for k in node.keywords}
            ):
                typed.append(f"{path.parent.name}/{path.name}:{node.lineno}")
            if name == "Rule":  # a Rule built by hand carries its own text
                typed.append(f"{path.parent.name}/{path.name}:{node.lineno}")
    assert typed == []
    assert len(_sources()) > 30


def _manifest_sets() -> list[RuleSet]:
    found = []
    for rule_set in rulesets.all_rule_sets():
        for part in rule_set.parts or (rule_set,):
            if part.manifest:
                found.append(part)
    return found


@pytest.mark.parametrize("rule_set", _manifest_sets(), ids=lambda s: f"{s.name}@{s.release}")
def test_every_rule_a_set_runs_has_the_flag_and_message_of_its_release_manifest(rule_set):
    assert rule_set.release is not None
    entries = releases.get(rule_set.release).entries(*rule_set.manifest)
    rules = rule_set.rules()
    assert rules and {r.id for r in rules} <= entries.keys()
    for rule_ in rules:
        entry = entries[rule_.id]
        assert (rule_.severity.value, rule_.message) == (entry.flag, entry.message), rule_.id


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.name)
def test_a_registry_lookup_gives_the_text_of_the_registry_release(registry):
    assert registry.release is not None
    texts = releases.texts(registry.release, registry.sources)
    assert len(registry) > 0
    for rule_ in registry:
        entry = texts[rule_.id]
        assert (rule_.severity.value, rule_.message) == (entry.flag, entry.message), rule_.id
        assert rule_.message  # never the placeholder


def test_a_registry_without_a_release_refuses_a_rule_without_text():
    registry = Registry("test")
    with pytest.raises(ValueError, match="no manifest"):
        registry.rule("X-1")(lambda doc: ())


def test_a_rule_id_missing_from_the_manifest_is_an_error_not_an_empty_message():
    registry = Registry("test", release="2026.5", sources=("CEN-EN16931-UBL",))
    registry.rule("NOT-AN-OFFICIAL-ID")(lambda doc: ())
    with pytest.raises(LookupError, match="NOT-AN-OFFICIAL-ID"):
        registry["NOT-AN-OFFICIAL-ID"]
