"""The native validator agrees with the official rules on seeded mutants of the examples.

CI runs seed :data:`SEED` over :data:`DOCUMENTS` documents (the official examples, then
mutants spread evenly over the document types); ``make difftest SEED=… N=…`` runs any
seed. For every document the native fatal ids, warning ids and XSD verdict must equal
the official ones (official Schematron XSLTs in Saxon-HE, UBL 2.1 XSD in libxml2), and
the report must name the rule set of the official configuration.

``gaps.toml`` counts the disagreeing documents per type that are still unfixed at this
seed: visible, counted, and may only shrink (a count that went down must be lowered in
the file, one that went up fails). The target is an empty file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules.core import NS
from tests.differential import harness
from tests.differential.conftest import TABLES
from tests.differential.mutate import KINDS
from tests.differential.oracle import official

SEED = 20261205
DOCUMENTS = 2000
GAPS = Path(__file__).resolve().parent / "gaps.toml"


@pytest.fixture(scope="module")
def outcomes() -> list[harness.Outcome]:
    found = harness.run(SEED, DOCUMENTS)
    TABLES.append(harness.table(found) + f"\nseed {SEED}, {len(found)} documents")
    return found


def _gaps() -> dict[str, int]:
    return dict(tomllib.loads(GAPS.read_text(encoding="utf-8")).get("gaps", {}))


def test_native_agrees_with_official(outcomes):
    counts: dict[str, int] = {}
    failing: dict[str, list[str]] = {}
    for o in outcomes:
        if not o.agrees:
            row = o.document.source.row
            counts[row] = counts.get(row, 0) + 1
            failing.setdefault(row, []).append(o.describe())
    if os.environ.get("HELDIGITAL_DIFF_UPDATE") == "1":
        lines = [
            "# Disagreeing documents per type at the CI seed, still to fix (see",
            "# test_differential.py). May only shrink; the target is no entries.",
            "[gaps]",
            *(f'"{row}" = {n}' for row, n in sorted(counts.items())),
        ]
        GAPS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gaps = _gaps()
    problems = []
    for row in sorted(set(counts) | set(gaps)):
        now, allowed = counts.get(row, 0), gaps.get(row, 0)
        if now > allowed:
            sample = "\n".join(failing[row][:10])
            problems.append(f"{row}: {now} disagreeing (allowed {allowed}):\n{sample}")
        elif now < allowed:
            problems.append(f"{row}: {now} disagreeing, gaps.toml allows {allowed}: lower it")
    assert not problems, "\n\n".join(problems)


def test_every_document_type_and_mutation_kind_is_exercised(outcomes):
    rows = {s.row for s in harness.sources()}
    seen_rows = {o.document.source.row for o in outcomes if o.document.mutations}
    assert seen_rows == rows
    per_row = DOCUMENTS // len(rows)
    for row in rows:
        mutants = sum(1 for o in outcomes if o.document.source.row == row)
        assert mutants >= per_row // 2, (row, mutants)
    kinds = {m[1 : m.index("]")] for o in outcomes for m in o.document.mutations}
    assert kinds == set(KINDS)


def test_mutants_exercise_rules_not_only_the_schema(outcomes):
    """Most mutants stay schema-valid or fire business rules: the rules are what is tested."""
    official_rules = [
        o for o in outcomes if o.official and (o.official.fatal or o.official.warning)
    ]
    assert len(official_rules) > len(outcomes) // 3
    fired = {rule for o in outcomes if o.official for rule in o.official.fatal | o.official.warning}
    assert len(fired) > 100


def test_mutants_are_reproducible():
    first = list(harness.documents(7, 300, only={250, 299}))
    again = list(harness.documents(7, 300, only={299, 250}))
    assert [d.data for d in first] == [d.data for d in again]
    assert [d.mutations for d in first] == [d.mutations for d in again]
    assert all(d.mutations for d in first)


def test_the_oracle_reports_official_rules():
    """The oracle is not silent: a base example without its buyer reference and order
    reference breaks PEPPOL-EN16931-R003 in the official XSLT."""
    source = next(s for s in harness.sources() if s.path.endswith("examples/base-example.xml"))
    root = xml.parse(source.data).getroot()
    for path in ("cbc:BuyerReference", "cac:OrderReference"):
        for el in root.findall(path, NS):
            root.remove(el)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    outcome = harness.compare(harness.Document("manual", source, ("no references",), data))
    assert "PEPPOL-EN16931-R003" in outcome.official.fatal
    assert outcome.official.xsd_valid
    assert "PEPPOL-EN16931-R003" in outcome.native.fatal
    assert outcome.agrees, outcome.describe()
    assert official().version.startswith("SaxonC-HE")


def test_schematron_sources_compile_to_the_official_verdict():
    """The ISO Schematron pipeline compiles an official source (PEPPOL BIS Billing, the
    release of the unit tests) into an XSLT that reports what the source says."""
    from tests.differential.configurations import CORPUS
    from tests.differential.oracle import rule_ids
    from tests.differential.schematron import compiled

    sch = CORPUS / "official-rules" / "billing" / "PEPPOL-EN16931-UBL.sch"
    assert compiled(sch, official()).suffix == ".xslt"
    assert {"PEPPOL-EN16931-R003", "NO-R-001", "PEPPOL-COMMON-R040"} <= rule_ids(sch)
    source = next(s for s in harness.sources() if s.path.endswith("examples/base-example.xml"))
    assert official().verdict(source.data, [sch], None).fatal == frozenset()
    root = xml.parse(source.data).getroot()
    for path in ("cbc:BuyerReference", "cac:OrderReference"):
        for el in root.findall(path, NS):
            root.remove(el)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert official().verdict(data, [sch], None).fatal == {"PEPPOL-EN16931-R003"}
