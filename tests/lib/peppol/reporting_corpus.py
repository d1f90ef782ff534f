"""The Peppol Reporting corpus and seeded mutants of it (shared by the tests and the
differential run against the official Schematron, ``reporting_differential``).

A mutant is a corpus example with one to three mutations drawn from ``random.Random``
seeded with ``(seed, index)``: the same document on every machine. The mutations are the
mistakes a report writer makes and the ones that reach the rules: counts changed, subtotals
or subsets deleted, duplicated or retyped, keys deleted, duplicated, given another value,
scheme or meta scheme, dates and identifiers changed, stray whitespace. Most keep the
document valid against the XSD (the rules only run on such documents); a few (a negative or
non-numeric count, a bad date, a removed attribute) do not, to test the structure check.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

from lxml import etree

from heldigital import xml
from tests.conftest import corpus

TSR_NS = "urn:fdc:peppol:transaction-statistics-report:1.0"
EUSR_NS = "urn:fdc:peppol:end-user-statistics-report:1.1"


def good() -> list[Path]:
    return sorted(
        [
            *corpus("edec-reporting", "src", "tsr", "trn-transaction_statistics", "example").glob(
                "*.xml"
            ),
            *corpus("edec-reporting", "src", "eusr", "trn-end_user_statistics", "example").glob(
                "*.xml"
            ),
            *corpus(
                "peppol-reporting", "peppol-reporting-testfiles", "src", "main", "resources"
            ).glob("external/*/good/*.xml"),
        ]
    )


def bad() -> list[Path]:
    return sorted(
        [
            *corpus(
                "edec-reporting", "src", "eusr", "trn-end_user_statistics", "bad-examples"
            ).glob("*.xml"),
            *corpus(
                "edec-reporting", "src", "tsr", "trn-transaction_statistics", "bad-examples"
            ).glob("*.xml"),
            *corpus(
                "peppol-reporting", "peppol-reporting-testfiles", "src", "main", "resources"
            ).glob("external/*/bad/*.xml"),
        ]
    )


def schunit() -> list[Path]:
    """The edec schunit tests (a ``Tests`` document with one ``Trigger`` per ``Test``)."""
    return sorted(
        corpus("edec-reporting", "src", "tsr", "trn-transaction_statistics", "schematron").glob(
            "unit-test/*/*.xml"
        )
    )


def xsd(kind: str) -> etree.XMLSchema:
    folder = corpus(
        "peppol-reporting",
        "peppol-reporting-datatypes",
        "src",
        "main",
        "resources",
        "external",
        "schemas",
    )
    name = {
        "TSR": "peppol-transaction-statistics-reporting-1.0.1.xsd",
        "EUSR": "peppol-end-user-statistics-reporting-1.1.xsd",
    }[kind]
    return xml.load_schema(folder / name)


def kind_of(root: etree._Element) -> str:
    return "TSR" if etree.QName(root).namespace == TSR_NS else "EUSR"


# -- mutations ---------------------------------------------------------------------------

_COUNTS = {
    "Incoming",
    "Outgoing",
    "SendingEndUsers",
    "ReceivingEndUsers",
    "SendingOrReceivingEndUsers",
}
_TYPES = [
    "PerTP",
    "PerSP-DT-PR",
    "PerSP-DT-PR-CC",
    "PerDT-PR",
    "PerDT-PR-EUC",
    "PerDT-EUC",
    "PerEUC",
    "PerSP",
    " PerTP ",
    "perTP",
]
_META = ["TP", "SP", "DT", "PR", "CC", "XX", " CC ", ""]
_SCHEMES = [
    "Peppol",
    "CertSubjectCN",
    "busdox-docid-qns",
    "cenbii-procid-ubl",
    "SenderCountry",
    "ReceiverCountry",
    "EndUserCountry",
    "CertSubjectCn",
    "",
]
_VALUES = [
    "POP000001",
    "POP000002",
    "PNO000123",
    "POP00001",
    "pop000001",
    "NO",
    "DE",
    "ZZ",
    "EL",
    "XK",
    "1A",
    "UK",
    "no",
    "N O",
    "peppol-transport-as4-v2_0",
    "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
    "",
]
_DATES = ["2022-01-01", "2022-01-31", "2021-12-31", "2022-02-01", "2022-01-15Z", "2022-01-15+01:00"]


def _elements(root: etree._Element, local: str) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == local]


def _mutate(root: etree._Element, rng: random.Random, structural: bool) -> str:
    groups = _elements(root, "Subtotal") + _elements(root, "Subset")
    keys = _elements(root, "Key")
    counts = [e for name in _COUNTS for e in _elements(root, name)]
    choices = ["count", "count", "count", "key-value", "key-meta", "key-scheme", "date", "reporter"]
    if groups:
        choices += ["drop-group", "dup-group", "retype", "drop-key", "dup-key", "move-key"]
    choices += ["customization", "profile", "whitespace"]
    if structural:
        choices += ["negative", "bad-date", "drop-attribute"]
    what = rng.choice(choices)
    if what == "count" and counts:
        el = rng.choice(counts)
        text = (el.text or "0").strip()
        old = int(text) if text.isdigit() else 0
        el.text = str(max(0, rng.choice([0, 1, old + 1, old - 1, old * 2, old + 5])))
    elif what in ("key-value", "key-meta", "key-scheme") and keys:
        el = rng.choice(keys)
        if what == "key-value":
            el.text = rng.choice(_VALUES + [k.text or "" for k in keys])
        elif what == "key-meta":
            el.set("metaSchemeID", rng.choice(_META))
        else:
            el.set("schemeID", rng.choice(_SCHEMES))
    elif what == "date":
        el = rng.choice(_elements(root, "StartDate") + _elements(root, "EndDate"))
        el.text = rng.choice(_DATES)
    elif what == "reporter":
        el = _elements(root, "ReporterID")[0]
        if rng.random() < 0.5:
            el.text = rng.choice(["POP000360", "POP00036", "", " PNO000001 ", "XYZ"])
        else:
            el.set("schemeID", rng.choice(["CertSubjectCN", "SeatID", "", " CertSubjectCN"]))
    elif what == "drop-group":
        el = rng.choice(groups)
        el.getparent().remove(el)  # type: ignore[union-attr]
    elif what == "dup-group":
        el = rng.choice(groups)
        el.addnext(copy.deepcopy(el))
    elif what == "retype":
        rng.choice(groups).set("type", rng.choice(_TYPES))
    elif what == "drop-key":
        group = rng.choice(groups)
        own = _elements(group, "Key")
        if len(own) > 1:  # the XSD wants one Key at least
            group.remove(rng.choice(own))
    elif what == "dup-key":
        el = rng.choice(keys)
        el.addnext(copy.deepcopy(el))
    elif what == "move-key" and len(groups) > 1:
        source, target = rng.sample(groups, 2)
        key = rng.choice(_elements(source, "Key"))
        if len(_elements(source, "Key")) > 1:
            _elements(target, "Key")[0].addprevious(key)
    elif what in ("customization", "profile"):
        el = _elements(root, "CustomizationID" if what == "customization" else "ProfileID")[0]
        el.text = rng.choice(
            [
                "urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0",
                "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1",
                "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.0",
                "urn:fdc:peppol.eu:edec:bis:reporting:1.0",
                " urn:fdc:peppol.eu:edec:bis:reporting:1.0\n",
                "",
            ]
        )
    elif what == "whitespace":
        el = rng.choice(keys or counts)
        el.text = f"  {el.text or ''}\n "
    elif what == "negative" and counts:
        rng.choice(counts).text = rng.choice(["-1", "x", "1.5"])
    elif what == "bad-date":
        rng.choice(_elements(root, "StartDate")).text = rng.choice(["2022-13-01", "01.01.2022"])
    elif what == "drop-attribute" and (groups or keys):
        el = rng.choice(groups + keys)
        name = rng.choice(list(el.attrib) or ["type"])
        if name in el.attrib:
            del el.attrib[name]
    return what


def mutants(seed: int, count: int, *, structural: bool = False) -> list[tuple[str, bytes]]:
    """``count`` mutants of the good examples: (name, document bytes), reproducible."""
    sources = [(p.stem, p.read_bytes()) for p in good()]
    found: list[tuple[str, bytes]] = []
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        stem, data = rng.choice(sources)
        root = xml.parse(data).getroot()
        done = [_mutate(root, rng, structural) for _ in range(rng.randint(1, 3))]
        name = f"{seed}:{index}:{stem}:{'+'.join(done)}"
        found.append((name, etree.tostring(root, xml_declaration=True, encoding="UTF-8")))
    return found
