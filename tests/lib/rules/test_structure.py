"""The structural check agrees with real UBL 2.1 XSD validation (libxml2).

The oracle is lxml's XML Schema validator on the OASIS UBL 2.1 schemas in
the official corpus: on every UBL example of the corpus, and on systematic
mutations of them (reordered, missing, repeated and unknown elements, bad
dates and decimals, missing required attributes, text in element-only
content), the verdict (valid or not) must be the same and the first error
must be reported at the same element.
"""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import structure, validate
from heldigital.rules.core import Document
from tests.conftest import corpus

MAINDOC = "ubl-2.1/xsd/maindoc"
FOLDERS = [
    "peppol-bis-invoice-3/rules/examples",
    "peppol-bis-invoice-3/rules/national-examples",
    "eInvoicing-EN16931/ubl/examples",
    "poacc-upgrade-3/rules/examples",
    "poacc-upgrade-3/rules/use-case-examples",
    "ehf-postaward-g3",
]
_schemas: dict[str, etree.XMLSchema] = {}


def schema_for(root: etree._Element) -> etree.XMLSchema | None:
    local = etree.QName(root).localname
    path = corpus(MAINDOC) / f"UBL-{local}-2.1.xsd"
    if not path.exists():
        return None
    if local not in _schemas:
        _schemas[local] = xml.load_schema(path)
    return _schemas[local]


def ubl_examples() -> list[Path]:
    paths = []
    for folder in FOLDERS:
        for path in sorted(corpus(folder).rglob("*.xml")):
            try:
                root = xml.parse_file(path).getroot()
            except xml.DocumentError:
                continue
            if structure.is_ubl(Document(root)):
                paths.append(path)
    return paths


EXAMPLES = ubl_examples()


def reparse(root: etree._Element) -> etree._Element:
    return xml.parse(etree.tostring(root)).getroot()


def compare(root: etree._Element) -> tuple[bool, bool]:
    """Assert agreement on ``root``; return (xsd_valid, ours_valid)."""
    root = reparse(root)  # fresh line numbers
    schema = schema_for(root)
    assert schema is not None
    xsd_valid = schema.validate(root)
    findings = structure.check(Document(root))
    assert xsd_valid == (not findings), (
        f"XSD says valid={xsd_valid}; structural check says {[f.message for f in findings]}; "
        f"XSD log: {[e.message for e in schema.error_log][:3]}"
    )
    if not xsd_valid:
        first_line = schema.error_log[0].line
        located = [
            el.sourceline
            for el in root.iter()
            if isinstance(el.tag, str) and Document(root).location(el) == findings[0].location
        ]
        assert first_line in located, (
            f"first XSD error at line {first_line} ({schema.error_log[0].message}); "
            f"ours at {findings[0].location} line {located}: {findings[0].message}"
        )
    return xsd_valid, not findings


def test_corpus_has_examples():
    assert len(EXAMPLES) > 100


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_examples_agree_with_xsd(path):
    root = xml.parse_file(path).getroot()
    if schema_for(root) is None:
        pytest.fail(f"no UBL 2.1 schema for {etree.QName(root).localname}")
    compare(root)


CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


def _elements(root):
    return [el for el in root.iter() if isinstance(el.tag, str)]


def mutations(root: etree._Element):
    """Deterministic single-point mutations that a schema validator must judge."""
    els = _elements(root)
    # swap the first pair of adjacent siblings with different names
    for el in els:
        kids = [k for k in el if isinstance(k.tag, str)]
        for a, b in itertools.pairwise(kids):
            if a.tag != b.tag:
                m = copy.deepcopy(root)
                ma = [x for x in _elements(m)][els.index(a)]
                ma.getparent().remove(ma)
                mb = [x for x in _elements(m)][els.index(b) - 1]
                mb.addnext(ma)
                yield "swap", m
                break
        else:
            continue
        break
    # delete, duplicate each direct child of the root; unknown element at several depths
    for i, child in enumerate(k for k in root if isinstance(k.tag, str)):
        if i % 3:
            continue
        m = copy.deepcopy(root)
        target = [k for k in m if isinstance(k.tag, str)][i]
        m.remove(target)
        yield f"delete-{etree.QName(child).localname}", m
        m = copy.deepcopy(root)
        target = [k for k in m if isinstance(k.tag, str)][i]
        target.addnext(copy.deepcopy(target))
        yield f"duplicate-{etree.QName(child).localname}", m
    for index in (1, len(els) // 2, len(els) - 1):
        m = copy.deepcopy(root)
        _elements(m)[index].append(etree.Element(f"{{{CBC}}}NoSuchElement"))
        yield "unknown-element", m
    # data types and attributes
    for tag, bad in (
        ("IssueDate", "2017-02-30"),
        ("IssueDate", "13.11.2017"),
        ("Amount", "12,50"),
        ("PayableAmount", "1e3"),
        ("ChargeIndicator", "yes"),
        ("IssueTime", "25:00:00"),
    ):
        m = copy.deepcopy(root)
        hit = m.find(f".//{{{CBC}}}{tag}")
        if hit is not None:
            hit.text = bad
            yield f"bad-{tag}", m
    m = copy.deepcopy(root)
    for hit in m.iter(f"{{{CBC}}}PayableAmount", f"{{{CBC}}}LineExtensionAmount"):
        hit.attrib.pop("currencyID", None)
        yield "missing-currencyID", m
        break
    m = copy.deepcopy(root)
    hit = next(iter(m.iter(f"{{{CAC}}}*")), None)
    if hit is not None:
        hit.text = "stray text"
        yield "text-in-aggregate", m
    m = copy.deepcopy(root)
    hit = next(iter(m.iter(f"{{{CBC}}}*")), None)
    if hit is not None:
        hit.set("bogus", "1")
        yield "unknown-attribute", m


def _schema_valid(path: Path) -> bool:
    root = xml.parse_file(path).getroot()
    return bool(schema_for(root).validate(root))


MUTATED = [
    p for p in EXAMPLES if p.parent.name in ("examples", "national-examples") and _schema_valid(p)
][:40]


@pytest.mark.parametrize("path", MUTATED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_mutations_agree_with_xsd(path):
    root = xml.parse_file(path).getroot()
    seen_invalid = 0
    for label, mutated in mutations(root):
        try:
            xsd_valid, _ = compare(mutated)
        except AssertionError as exc:
            raise AssertionError(f"{label}: {exc}") from None
        seen_invalid += not xsd_valid
    assert seen_invalid >= 3


# Unicode white space that is not XML white space (XML 1.0 production S: space, tab, CR,
# LF only): in element-only content it is character content, which the schema refuses.
NOT_XML_SPACE = ["\u00a0", "\u2003", "\u0085", "\u3000", " \u00a0\n"]


@pytest.mark.parametrize("space", NOT_XML_SPACE, ids=lambda s: s.encode("unicode_escape").decode())
@pytest.mark.parametrize("path", MUTATED[:8], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_unicode_space_in_element_only_content_agrees_with_xsd(path, space):
    root = xml.parse_file(path).getroot()
    placed = 0
    for where in ("tail", "text", "after-comment"):
        m = copy.deepcopy(root)
        aggregate = next((e for e in m.iter(f"{{{CAC}}}*") if len(e)), None)
        assert aggregate is not None
        if where == "tail":
            aggregate[0].tail = space
        elif where == "text":
            aggregate.text = space
        else:
            comment = etree.Comment("c")
            aggregate.insert(0, comment)
            comment.tail = space
        xsd_valid, ours_valid = compare(m)
        assert not xsd_valid and not ours_valid, where
        placed += 1
    assert placed == 3


def test_validate_reports_structure_first():
    path = corpus("peppol-bis-invoice-3/rules/examples/base-example.xml")
    data = path.read_bytes().replace(b"<cbc:IssueDate>2017-11-13", b"<cbc:IssueDate>2017-11-31")
    report = validate(data)
    assert not report.valid
    xsd = [f for f in report.errors if f.rule == "XSD"]
    assert len(xsd) == 1
    assert xsd[0].location == "/Invoice/cbc:IssueDate"
    assert "xs:date" in xsd[0].message


EFORMS = "eforms-sdk/1.16.0-SNAPSHOT"


def _eforms_notices() -> list[Path]:
    return sorted(corpus(EFORMS, "examples", "notices").glob("*.xml"))


@pytest.mark.parametrize("path", _eforms_notices(), ids=lambda p: p.name)
def test_ubl23_model_agrees_with_eforms_xsd(path):
    """The UBL 2.3 model (from the eForms SDK schemas) on the eForms example notices."""
    root = xml.parse_file(path).getroot()
    local = etree.QName(root).localname
    maindoc = corpus(EFORMS, "schemas", "maindoc")
    candidates = list(maindoc.glob(f"*{local}*.xsd"))
    assert candidates, local
    key = f"eforms:{local}"
    if key not in _schemas:
        _schemas[key] = xml.load_schema(candidates[0])
    xsd_valid = _schemas[key].validate(root)
    findings = structure.check(Document(root), "ubl-2.3")
    # Extension content is not entered by the structural check (xs:any in UBL),
    # so only a document valid by the XSD must be valid for the check too.
    if xsd_valid:
        assert findings == [], [f.message for f in findings]
    else:
        errors = [e for e in _schemas[key].error_log if "efext" not in e.message]
        assert bool(errors) == bool(findings), (errors[:2], findings[:2])


def test_ubl23_order_change_root_children_and_types():
    path = corpus("poacc-upgrade-3/rules/examples/OrderResponseAdvanced_Example.xml")
    assert validate(path.read_bytes()).rule_set == "peppolbis-t116-base-3.0"
    assert [f for f in validate(path.read_bytes()).errors if f.rule == "XSD"] == []
    data = path.read_bytes()
    bad_date = data.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)
    xsd = [f for f in validate(bad_date).errors if f.rule == "XSD"]
    assert len(xsd) == 1 and xsd[0].location == "/OrderResponse/cbc:IssueDate"
    unknown = data.replace(
        b"<cbc:IssueDate>", b"<cbc:NoSuchThing>1</cbc:NoSuchThing><cbc:IssueDate>", 1
    )
    xsd = [f for f in validate(unknown).errors if f.rule == "XSD"]
    assert [f.location for f in xsd] == ["/OrderResponse/cbc:NoSuchThing"]


@pytest.mark.parametrize(
    "value",
    ["2017-11-13", " 2017-11-13", "2017-11-13 ", "\n2017-11-13\n", "2017-11-13Z", "2017-11-13Z "],
)
def test_whitespace_around_dates_and_times_as_libxml2(value):
    """libxml2 refuses whitespace around an xs:date, and after (not before) an xs:time."""
    path = corpus("peppol-bis-invoice-3/rules/examples/base-example.xml")
    root = xml.parse_file(path).getroot()
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    root.find("cbc:IssueDate", ns).text = value
    time = etree.Element(f"{{{ns['cbc']}}}IssueTime")
    time.text = value.replace("2017-11-13", "12:00:00")
    root.find("cbc:IssueDate", ns).addnext(time)
    compare(root)


def _base64_reference(raw: str) -> bool:
    """What ``_base64_ok`` promises: the decoder's verdict on the text without spaces."""
    import base64
    import binascii

    compact = "".join(raw.split())
    if len(compact) % 4:
        return False
    try:
        base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "QUJD",
        "QUI=",
        "QQ==",
        "Q===",
        "QUJD\nREVG\n",
        "QUJD\r\nREVG\r\n",
        "QUJD REVG",
        "QUJD\tREVG",
        "QUJD\u00a0REVG",
        "QU=D",
        "QUJ",
        "QUJD\nRE",
        "ÆUJD",
        "QUJD====",
        "QU-_",
        "  QUJD  ",
    ],
)
def test_base64_fast_path_is_the_decoders_verdict(raw):
    assert structure._base64_ok(raw) is _base64_reference(raw)
