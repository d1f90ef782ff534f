"""Reader and checker for official unit tests in the vefa-validator *testSet* format.

The PEPPOL and CEN rule repositories ship their unit tests as XML files in
the namespace ``http://difi.no/xsd/vefa/validator/1.0``::

    <testSet configuration="tc434-ubl">
      <assert><scope>BR-01</scope></assert>           <!-- optional, for all tests -->
      <test>
        <assert>
          <description>...</description>
          <scope>BR-01</scope>                         <!-- optional -->
          <success>BR-01</success>                     <!-- must not fire -->
          <error number="2">BR-01</error>              <!-- fires exactly twice, fatal -->
          <warning>UBL-CR-001</warning>                <!-- fires once, as warning -->
        </assert>
        <Invoice xmlns="...">...</Invoice>             <!-- the document, often a fragment -->
      </test>
    </testSet>

Only rules in scope count. A test passes when every rule in scope fires
exactly as often as the expectation says (zero for ``success`` and for
rules in scope that the expectation does not name). This module is pure
and is also the base of the conformance suite for other vendors.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from heldigital import xml
from heldigital.rules.core import Finding, Severity

__all__ = ["Expectation", "UnitTest", "check", "read_tests", "read_testset"]

VEFA = "http://difi.no/xsd/vefa/validator/1.0"
_V = "{" + VEFA + "}"


@dataclass(frozen=True)
class Expectation:
    """What one official unit test expects."""

    scope: frozenset[str]
    success: frozenset[str]
    errors: dict[str, int]
    warnings: dict[str, int]
    description: str = ""

    @property
    def rules(self) -> frozenset[str]:
        """Every rule id the expectation is about (scope and named rules)."""
        return self.scope | self.success | frozenset(self.errors) | frozenset(self.warnings)


@dataclass(frozen=True)
class UnitTest:
    """One ``<test>`` of a testSet file: its expectation and its document."""

    path: Path
    index: int  # 1-based position within the file
    configuration: str
    expectation: Expectation
    document: etree._Element

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}#{self.index}"


def _ids(assert_el: etree._Element | None, tag: str) -> list[etree._Element]:
    return [] if assert_el is None else assert_el.findall(_V + tag)


def _expectation(
    set_assert: etree._Element | None, test_assert: etree._Element | None
) -> Expectation:
    scope = {(e.text or "").strip() for e in _ids(test_assert, "scope")}
    if not scope:
        scope = {(e.text or "").strip() for e in _ids(set_assert, "scope")}
    success = {(e.text or "").strip() for e in _ids(test_assert, "success")}
    errors: Counter[str] = Counter()
    warnings: Counter[str] = Counter()
    for tag, target in (("error", errors), ("warning", warnings)):
        for e in _ids(test_assert, tag):
            target[(e.text or "").strip()] += int(e.get("number", "1"))
    description = ""
    if test_assert is not None:
        desc = test_assert.find(_V + "description")
        description = " ".join((desc.text or "").split()) if desc is not None else ""
    return Expectation(
        scope=frozenset(scope),
        success=frozenset(success),
        errors=dict(errors),
        warnings=dict(warnings),
        description=description,
    )


def read_testset(path: str | Path) -> list[UnitTest]:
    """Read every unit test of one testSet file (parsed by the hardened parser)."""
    path = Path(path)
    root = xml.parse_file(path).getroot()
    if root.tag != _V + "testSet":
        raise xml.DocumentError(f"not a vefa testSet: root is {root.tag}", source=str(path))
    configuration = root.get("configuration", "")
    set_assert = root.find(_V + "assert")
    tests: list[UnitTest] = []
    for index, test in enumerate(root.findall(_V + "test"), start=1):
        test_assert = test.find(_V + "assert")
        docs = [
            child for child in test if isinstance(child.tag, str) and not child.tag.startswith(_V)
        ]
        if len(docs) != 1:
            raise xml.DocumentError(
                f"test {index} holds {len(docs)} documents, expected one",
                line=test.sourceline,
                source=str(path),
            )
        # A copy becomes the root of its own tree, so absolute paths work.
        document = copy.deepcopy(docs[0])
        tests.append(
            UnitTest(path, index, configuration, _expectation(set_assert, test_assert), document)
        )
    return tests


def read_tests(folders: Iterable[str | Path]) -> Iterator[UnitTest]:
    """All unit tests of all testSet files in ``folders``, in file-name order."""
    for folder in folders:
        for path in sorted(Path(folder).glob("*.xml")):
            yield from read_testset(path)


def check(expectation: Expectation, findings: Iterable[Finding]) -> list[str]:
    """Compare findings with the expectation; return what differs (empty = pass)."""
    scope = expectation.rules
    fatal: Counter[str] = Counter()
    warning: Counter[str] = Counter()
    for finding in findings:
        if finding.rule in scope:
            (fatal if finding.severity is Severity.FATAL else warning)[finding.rule] += 1
    problems: list[str] = []
    for rule_id in sorted(scope):
        want_fatal = expectation.errors.get(rule_id, 0)
        want_warning = expectation.warnings.get(rule_id, 0)
        if fatal[rule_id] != want_fatal:
            problems.append(f"{rule_id}: fired {fatal[rule_id]}x as error, expected {want_fatal}")
        if warning[rule_id] != want_warning:
            problems.append(
                f"{rule_id}: fired {warning[rule_id]}x as warning, expected {want_warning}"
            )
    return problems
