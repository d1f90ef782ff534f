"""Rule skipping by context (``Rule.context``) and the shared element index.

:meth:`RuleSet.run` does not call a rule none of whose context elements the
document has. A wrong context would silently hide findings, so every
official unit-test document and every official example is validated with
and without the skipping, with every rule of its rule set, and the findings
must be identical (same rules, places, messages, order).
"""

from __future__ import annotations

import copy
import datetime
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import rulesets
from heldigital.rules.core import NS, Document, Registry, RuleSet, Severity
from heldigital.rules.testset import read_tests
from tests.conftest import corpus
from tests.lib.rules.parity import UNIT_TESTS_RELEASE
from tests.lib.rules.test_official import SUITES

EXAMPLES = (
    "peppol-bis-invoice-3/rules/examples",
    "peppol-bis-invoice-3/rules/national-examples",
    "eInvoicing-EN16931/ubl/examples",
    "poacc-upgrade-3/rules/examples",
    "poacc-upgrade-3/rules/use-case-examples",
)


def _both_ways(rule_set: RuleSet, root: etree._Element) -> tuple[list, list]:
    skipped = rule_set.run(Document(root))
    everything = rule_set.run(Document(root), skip=False)
    return skipped, everything


@pytest.mark.parametrize("suite", list(SUITES))
def test_skipping_never_hides_a_finding_in_the_official_tests(suite):
    base, pattern, _ = SUITES[suite]
    folders = sorted(p for p in corpus(base).glob(pattern) if p.is_dir())
    compared = fired = 0
    for test in read_tests(folders):
        rule_set = rulesets.get(test.configuration, release=UNIT_TESTS_RELEASE)
        skipped, everything = _both_ways(rule_set, test.document)
        assert skipped == everything, test.name
        compared += 1
        fired += bool(everything)
    assert compared > 500
    assert fired > compared // 2  # the comparison is not between empty reports


def test_skipping_never_hides_a_finding_in_the_official_examples():
    compared = 0
    for folder in EXAMPLES:
        for path in sorted(corpus(folder).rglob("*.xml")):
            doc = Document(xml.parse_file(path).getroot())
            rule_set = rulesets.detect(doc)
            if rule_set is None:
                continue
            skipped, everything = _both_ways(rule_set, doc.root)
            assert skipped == everything, path.name
            compared += 1
    assert compared > 50


def test_skipping_leaves_out_rules_whose_context_is_absent():
    registry = Registry("test")
    calls: list[str] = []
    cbc = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"

    def make(rule_id: str):
        def check(doc: Document):
            calls.append(rule_id)
            return (doc.root,)

        return check

    registry.rule("T-1", "fatal", "always")(make("T-1"))
    registry.rule("T-2", "fatal", "needs a note", context=[cbc + "Note"])(make("T-2"))
    registry.rule("T-3", "warning", "needs an ID", context=[cbc + "ID"])(make("T-3"))
    rule_set = RuleSet(
        "test",
        "test",
        "1",
        datetime.date(2020, 1, 1),
        frozenset({"Invoice"}),
        ("T-1", "T-2", "T-3"),
        (registry,),
    )
    root = etree.fromstring(f'<Invoice xmlns:cbc="{cbc[1:-1]}"><cbc:ID>1</cbc:ID></Invoice>')
    findings = rule_set.run(Document(root))
    assert [f.rule for f in findings] == ["T-1", "T-3"]
    assert calls == ["T-1", "T-3"]
    assert findings[1].severity is Severity.WARNING
    calls.clear()
    assert [f.rule for f in rule_set.run(Document(root), skip=False)] == ["T-1", "T-2", "T-3"]
    assert calls == ["T-1", "T-2", "T-3"]


def test_shared_index_lists_every_element_by_tag_in_document_order():
    data = Path(corpus("peppol-bis-invoice-3/rules/examples") / "base-example.xml").read_bytes()
    root = xml.parse(data).getroot()
    doc = Document(root)
    index = doc.by_tag()
    assert doc.by_tag() is index  # built once
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    assert sum(len(v) for v in index.values()) == len(elements)
    for tag, found in index.items():
        assert found == [el for el in elements if el.tag == tag]
    assert doc.all("{nowhere}nothing") == []


def test_path_upwards_and_downwards_agree():
    """Document.path takes few candidates from the index and checks their ancestors; with
    many it walks down. Every child path of every example gives what lxml's own
    ElementPath finds, whichever way is taken."""
    from heldigital.rules import core

    for name in ("base-example.xml", "Allowance-example.xml"):
        data = (corpus("peppol-bis-invoice-3/rules/examples") / name).read_bytes()
        root = xml.parse(data).getroot()
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        paths = set()
        for el in elements:
            steps = []
            node = el
            while node is not None and node is not root and len(steps) < 4:
                steps.append(node.tag)
                node = node.getparent()
                paths.add((node, tuple(reversed(steps))))
        assert len(paths) > 200
        for limit in (0, 16, 10_000):
            original = core._UPWARD_LIMIT
            core._UPWARD_LIMIT = limit
            try:
                doc = Document(root)
                for anchor, tags in paths:
                    expected = anchor.findall("/".join(tags))
                    assert doc.path(anchor, *tags) == expected, (tags, limit)
                assert doc.path(root, "{nowhere}x") == []
            finally:
                core._UPWARD_LIMIT = original


def test_locations_number_same_named_siblings():
    """Locations count same-named siblings once per parent (linear in findings)."""
    root = etree.fromstring(b'<r xmlns:a="urn:a"><x/><a:x/><x/><!--c--><x><y/><y/></x></r>')
    doc = Document(root)
    assert [doc.location(c) for c in root.iter() if isinstance(c.tag, str)] == [
        "/r",
        "/r/x[1]",
        "/r/x",
        "/r/x[2]",
        "/r/x[3]",
        "/r/x[3]/y[1]",
        "/r/x[3]/y[2]",
    ]
    many = etree.fromstring(b"<r>" + b"<line/>" * 3000 + b"</r>")
    doc = Document(many)
    assert [doc.location(c) for c in many][-2:] == ["/r/line[2999]", "/r/line[3000]"]


def test_facts_select_rules_like_elements_do():
    registry = Registry("facts")
    calls: list[str] = []

    @registry.facts
    def notes(doc: Document):
        return ("@test:" + (el.text or "") for el in doc.root)

    def make(rule_id: str):
        def check(doc: Document):
            calls.append(rule_id)
            return ()

        return check

    registry.rule("F-1", "fatal", "a", context=["@test:a"])(make("F-1"))
    registry.rule("F-2", "fatal", "b", context=["@test:b"])(make("F-2"))
    registry.rule("F-3", "fatal", "always")(make("F-3"))
    rule_set = RuleSet(
        "facts",
        "facts",
        "1",
        datetime.date(2020, 1, 1),
        frozenset({"r"}),
        ("F-1", "F-2", "F-3"),
        (registry,),
    )
    rule_set.run(Document(etree.fromstring(b"<r><n>a</n><n>c</n></r>")))
    assert calls == ["F-1", "F-3"]
    calls.clear()
    rule_set.run(Document(etree.fromstring(b"<r><n>b</n></r>")))
    assert calls == ["F-2", "F-3"]


def test_structure_pass_counts_every_attribute_name():
    """The structure check's one pass over a valid document leaves the number of attributes of
    each name in the document (``core.ATTRIBUTE_COUNTS``), which the UBL-CR and UBL-DT
    attribute rules read instead of an XPath ``//@*`` scan: it must be exactly what that scan
    finds, also for attributes below extension content the pass does not check."""
    from collections import Counter

    from heldigital.rules import structure
    from heldigital.rules.core import ATTRIBUTE_COUNTS

    compared = 0
    documents = [
        xml.parse_file(path).getroot()
        for folder in EXAMPLES
        for path in sorted(corpus(folder).rglob("*.xml"))
    ]
    extension = copy.deepcopy(documents[0])  # the same with attributes in extension content
    extension.insert(
        0,
        etree.fromstring(
            b'<ext:UBLExtensions xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:'
            b'CommonExtensionComponents-2" xmlns:x="urn:x"><ext:UBLExtension>'
            b'<ext:ExtensionContent><x:a x:b="1" schemeName="n"><x:c listAgencyID="2"/></x:a>'
            b"</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>"
        ),
    )
    for root in [*documents, extension]:
        checked_extension = root is extension
        doc = Document(root)
        rule_set = rulesets.detect(doc)
        structure.check(doc, rule_set.syntax if rule_set is not None else "ubl-2.1")
        names = doc.cache.get(ATTRIBUTE_COUNTS)
        if names is None:
            continue  # not valid: the exact walk ran and the rules scan for themselves
        assert names == Counter(a.attrname for a in root.xpath("//@*")), root.base
        compared += 1
    assert compared > 50
    assert checked_extension and {"{urn:x}b", "schemeName", "listAgencyID"} <= names.keys()


def test_findings_equal_with_the_structure_pass_counts():
    """The attribute rules (UBL-DT-08..28, UBL-CR-663) read the structure pass's counts when
    it ran (as in :func:`heldigital.rules.validate`) and scan otherwise: every official
    example, and the base example with attributes that make them fire, gives the same
    findings both ways (the official unit tests are mostly not schema-valid fragments, for
    which the pass gives up)."""
    from heldigital.rules import structure
    from heldigital.rules.core import ATTRIBUTE_COUNTS

    documents = [
        xml.parse_file(path).getroot()
        for folder in EXAMPLES
        for path in sorted(corpus(folder).rglob("*.xml"))
    ]
    base = xml.parse_file(corpus(EXAMPLES[0]) / "base-example.xml").getroot()
    cbc = "{" + NS["cbc"] + "}"
    variants = []
    for tag, attribute in (
        ("InvoiceTypeCode", "name"),  # UBL-DT-18: a name outside cbc:PaymentMeansCode
        ("PaymentMeansCode", "name"),  # only there: no finding
        ("EndpointID", "schemeName"),  # UBL-DT-08
        ("InvoiceTypeCode", "listAgencyID"),  # UBL-DT-28
    ):
        variant = copy.deepcopy(base)
        variant.find(f".//{cbc}{tag}").set(attribute, "x")
        variants.append(variant)
    counted = 0
    fired: set[str] = set()
    for root in [*documents, *variants]:
        doc = Document(root)
        rule_set = rulesets.detect(doc)
        if rule_set is None:
            continue
        structure.check(doc, rule_set.syntax)
        if ATTRIBUTE_COUNTS not in doc.cache:
            continue
        counted += 1
        findings = rule_set.run(doc)
        assert findings == rule_set.run(Document(root)), root.base
        fired.update(f.rule for f in findings)
    assert counted > 50
    assert {"UBL-DT-18", "UBL-DT-08", "UBL-DT-28"} <= fired
