"""Run the official unit tests (vefa testSet format) against the native validator.

One suite per official repository. Every official test must pass, except:

* ``wrong.txt`` - official tests that are themselves wrong for the rule
  release we implement, each with the reviewed reason;
* ``gaps/<suite>.txt`` - tests that do not pass *yet*: unfinished work,
  listed so that it is visible, counted and reported (never silent).

A test listed in either file that now passes fails the run too, so the lists
only shrink. ``HELDIGITAL_PARITY_UPDATE=1`` rewrites the gap file of a suite
from the current failures (review the diff before committing).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from heldigital.rules import rulesets
from heldigital.rules.core import Document
from heldigital.rules.testset import UnitTest, check, read_tests

HERE = Path(__file__).resolve().parent
#: The official unit tests are of one rule release, ``2025.5`` (PEPPOL BIS Billing 3.0.19 of
#: May 2025, EN 16931 1.3.15, post-award of November 2025): they run against its rule sets,
#: not those of PEPPOL release 2026.5 (the release of the differential suite).
UNIT_TESTS_RELEASE = "2025.5"
#: A day on which that release is the newest in force.
UNIT_TESTS_ON = date(2026, 5, 1)


@dataclass
class SuiteResult:
    name: str
    total: int = 0
    passed: int = 0
    failures: dict[str, list[str]] = field(default_factory=dict)


#: Filled by the parity tests, printed by conftest's terminal summary.
RESULTS: dict[str, SuiteResult] = {}


def _read_list(path: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                entries[name] = reason.strip()
    return entries


def run_test(test: UnitTest) -> list[str]:
    rule_set = rulesets.get(test.configuration, release=UNIT_TESTS_RELEASE)
    findings = rule_set.run(Document(test.document), only=test.expectation.rules)
    problems = check(test.expectation, findings)
    missing = sorted(r for r in test.expectation.rules if r in rule_set.missing())
    if missing and problems:
        problems.append(f"not implemented: {', '.join(missing)}")
    return problems


def run_suite(name: str, folders: list[Path]) -> tuple[SuiteResult, list[str]]:
    """Run a suite; return its result and the list of unexpected outcomes."""
    result = SuiteResult(name)
    for test in read_tests(folders):
        result.total += 1
        try:
            problems = run_test(test)
        except Exception as exc:  # a crashing rule is a failing test, reported with its cause
            problems = [f"crashed: {type(exc).__name__}: {exc}"]
        if problems:
            result.failures[test.name] = problems
        else:
            result.passed += 1
    RESULTS[name] = result

    slug = name.split()[0]
    wrong = _read_list(HERE / "wrong.txt")
    gaps_path = HERE / "gaps" / f"{slug}.txt"
    if os.environ.get("HELDIGITAL_PARITY_UPDATE") == "1":
        lines = [
            f"# {name}: official tests that do not pass yet (unfinished work, not excuses).",
            "# Regenerate with HELDIGITAL_PARITY_UPDATE=1; this list may only shrink.",
        ]
        lines += [
            f"{test_name} {'; '.join(problems)[:300]}"
            for test_name, problems in sorted(result.failures.items())
            if test_name not in wrong
        ]
        gaps_path.write_text("\n".join(lines) + "\n")
    gaps = _read_list(gaps_path)
    unexpected = [
        f"{test_name}: {'; '.join(problems)}"
        for test_name, problems in sorted(result.failures.items())
        if test_name not in wrong and test_name not in gaps
    ]
    unexpected += [
        f"{test_name}: listed as failing but passes now - remove it from the list"
        for test_name in sorted({**wrong, **gaps})
        if test_name.split("/")[0] in {f.name for f in folders} and test_name not in result.failures
    ]
    return result, unexpected
