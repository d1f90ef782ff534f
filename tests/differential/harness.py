"""Run the differential comparison: seeded documents, both validators, a table per type.

``documents(seed, n)`` yields the official examples themselves, then seeded mutants, up
to ``n`` documents in total, spread evenly over the document types (rows of the table).
``compare(document)`` validates one document natively and officially and returns the
:class:`Outcome`. ``run(seed, n)`` does it for all and returns the outcomes.
"""

from __future__ import annotations

import dataclasses
import random
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from heldigital import xml
from heldigital.rules import validate
from heldigital.rules.core import Severity
from tests.differential import configurations as cfg
from tests.differential.mutate import Pool, mutate
from tests.differential.oracle import Verdict, official, xsd_verdict

HERE = Path(__file__).resolve().parent
DEFECTS_FILE = HERE / "official_defects.toml"
#: the native findings that are the XSD step, not a rule
_STRUCTURE = frozenset({"XSD"})


@dataclass(frozen=True)
class Source:
    """An official example: where it is, its bytes, its table row."""

    path: str
    data: bytes
    row: str


@dataclass(frozen=True)
class Document:
    key: str
    source: Source
    mutations: tuple[str, ...]
    data: bytes


@dataclass
class Outcome:
    document: Document
    configuration: cfg.Configuration | None
    official: Verdict | None
    native: Verdict
    excused: list[str] = field(default_factory=list)

    def differences(self) -> list[str]:
        """What the two sides disagree on (empty: they agree), excused ones left out."""
        if self.configuration is None or self.official is None:
            return [f"no official configuration for this document; native: {self.native}"]
        o, n = self.official, self.native
        found: list[str] = []
        if o.errors:
            # a stylesheet stopped on this document: the official validation rejects it, so
            # must we; the rules of that stylesheet cannot be compared, the others can
            if not (n.fatal or not n.xsd_valid):
                found.append(f"official stylesheet error {o.errors}; native accepts")
            n = Verdict(n.fatal - o.unknown, n.warning - o.unknown, n.xsd_valid, n.rule_set)
        name = self.configuration.name
        text = self.document.data.decode("utf-8", "replace")
        self.excused = []
        for label, ours, theirs in (
            ("fatal", n.fatal, o.fatal),
            ("warning", n.warning, o.warning),
        ):
            for side, rules in (("official", theirs - ours), ("native", ours - theirs)):
                for rule in sorted(rules):
                    reason = defect_reason(name, rule, side, text)
                    if reason:
                        self.excused.append(f"{rule}: {reason}")
                    else:
                        found.append(f"{label} {rule}: {side} only")
        if n.xsd_valid != o.xsd_valid:
            found.append(f"XSD: official valid={o.xsd_valid}, native valid={n.xsd_valid}")
        if n.rule_set != name:
            found.append(f"rule set: official configuration {name}, native {n.rule_set}")
        return found

    @property
    def agrees(self) -> bool:
        return not self.differences()

    def describe(self) -> str:
        d = self.document
        lines = [
            f"document {d.key} from {d.source.path}",
            *(f"  mutation: {m}" for m in d.mutations),
            *(f"  DIFF {x}" for x in self.differences()),
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class Defect:
    """One entry of the reviewed list: which disagreement it excuses, and why."""

    rule: str
    reason: str
    configuration: str = "*"
    #: "official" (only the official rules report it) or "native" (only we do); "*": both
    side: str = "*"
    #: a regular expression the document text must contain (None: any document)
    when: re.Pattern[str] | None = None


@cache
def official_defects() -> tuple[Defect, ...]:
    """The reviewed list of official defects (``official_defects.toml``)."""
    data = tomllib.loads(DEFECTS_FILE.read_text(encoding="utf-8"))
    found = []
    for entry in data.get("defect", []):
        reason = " ".join(entry["reason"].split())
        if not reason:
            raise ValueError(f"official defect {entry['rule']} has no reason")
        when = entry.get("when")
        found.append(
            Defect(
                entry["rule"],
                reason,
                entry.get("configuration", "*"),
                entry.get("side", "*"),
                re.compile(when) if when else None,
            )
        )
    return tuple(found)


def defect_reason(configuration: str, rule: str, side: str, text: str) -> str | None:
    """The reason of the listed official defect excusing this disagreement, if any."""
    for d in official_defects():
        if (
            d.rule == rule
            and d.configuration in ("*", configuration)
            and d.side in ("*", side)
            and (d.when is None or d.when.search(text))
        ):
            return d.reason
    return None


def _row(root: etree._Element, path: str) -> str:
    config = cfg.route(root)
    title = config.title if config is not None else "no configuration"
    return f"{etree.QName(root).localname} · {title}"


@cache
def sources() -> tuple[Source, ...]:
    """Every official example of the configured folders (sorted, parseable, routed)."""
    found: list[Source] = []
    for folder in cfg.SOURCES:
        base = cfg.CORPUS / folder
        if not base.is_dir():
            raise FileNotFoundError(f"official corpus folder missing: {base}")
        for path in sorted(p for p in base.rglob("*") if p.suffix.lower() == ".xml"):
            data = path.read_bytes()
            try:
                root = xml.parse(data, source=str(path)).getroot()
            except xml.DocumentError:
                continue
            if cfg.route(root) is None:
                continue
            relative = str(path.relative_to(cfg.CORPUS))
            found.append(Source(relative, data, _row(root, relative)))
    for folder, prefix, customization, profile in cfg.DERIVED:
        for path in sorted((cfg.CORPUS / folder).rglob(f"{prefix}*.xml")):
            root = xml.parse(path.read_bytes(), source=str(path)).getroot()
            for name, value in (("CustomizationID", customization), ("ProfileID", profile)):
                el = next(root.iterchildren(f"{{{cfg.CBC}}}{name}"), None)
                if el is not None:
                    el.text = value
            data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
            relative = f"{path.relative_to(cfg.CORPUS)} (with {customization})"
            found.append(Source(relative, data, _row(root, relative)))
    return tuple(found)


@cache
def pool() -> Pool:
    return Pool(xml.parse(s.data).getroot() for s in sources())


def documents(seed: int, n: int, only: set[int] | None = None) -> Iterator[Document]:
    """The originals, then mutants, ``n`` documents in all (types in turn for the mutants)."""
    every = sources()
    by_row: dict[str, list[Source]] = defaultdict(list)
    for s in every:
        by_row[s.row].append(s)
    rows = sorted(by_row)
    for index in range(n):
        if only is not None and index not in only:
            continue
        key = f"{seed}/{index}"
        if index < len(every):
            source = every[index]
            yield Document(key, source, (), source.data)
            continue
        rng = random.Random(f"{seed}/{index}")
        source = rng.choice(by_row[rows[index % len(rows)]])
        root = xml.parse(source.data).getroot()
        mutations = mutate(root, pool(), rng)
        data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
        yield Document(key, source, tuple(mutations), data)


#: The rule release the official side runs (the published OpenPEPPOL 2026.5 XSLTs): the native
#: side is asked for the same release by name, whatever the date.
RELEASE = "2026.5"


def native_verdict(data: bytes) -> Verdict:
    report = validate(data, release=RELEASE)
    fatal = {f.rule for f in report.errors if f.severity is Severity.FATAL}
    warning = {f.rule for f in report.errors if f.severity is Severity.WARNING}
    return Verdict(
        frozenset(fatal - _STRUCTURE),
        frozenset(warning - _STRUCTURE),
        not (fatal | warning) & _STRUCTURE,
        report.rule_set,
    )


def compare(document: Document) -> Outcome:
    root = xml.parse(document.data).getroot()
    config = cfg.route(root)
    native = native_verdict(document.data)
    if config is None:
        return Outcome(document, None, None, native)
    schema = config.schema_for(etree.QName(root).localname)
    verdict = official().verdict(document.data, config.stylesheets, None)
    if config.xsd is not None and schema is None:
        # the schema of this configuration is not in the corpus (UBL 2.3 order change,
        # cancellation, advanced response): the XSD step is not compared
        xsd_valid = native.xsd_valid
    else:
        xsd_valid = xsd_verdict(document.data, schema)
    # keep the stylesheet errors and their rule ids: they decide what is comparable
    verdict = dataclasses.replace(
        verdict,
        xsd_valid=xsd_valid,
        fatal=verdict.fatal - config.excluded,
        warning=verdict.warning - config.excluded,
    )
    return Outcome(document, config, verdict, native)


def run(seed: int, n: int, only: set[int] | None = None) -> list[Outcome]:
    return [compare(d) for d in documents(seed, n, only)]


def table(outcomes: list[Outcome]) -> str:
    """documents / agreeing / disagreeing (/ excused) per document type."""
    heads = ["documents", "agreeing", "disagreeing", "official defect", "official error"]
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(heads))
    for o in outcomes:
        row = counts[o.document.source.row]
        row[0] += 1
        row[1 if o.agrees else 2] += 1
        if o.agrees and o.excused:
            row[3] += 1
        if o.official is not None and o.official.errors:
            row[4] += 1
    width = max([len(r) for r in counts] + [13])
    lines = [f"{'document type':<{width}}" + "".join(f"  {h:>{len(h)}}" for h in heads)]
    total = [0] * len(heads)
    for label in [*sorted(counts), "total"]:
        c = total if label == "total" else counts[label]
        if label != "total":
            total = [a + b for a, b in zip(total, c, strict=True)]
        lines.append(
            f"{label:<{width}}" + "".join(f"  {v:>{len(h)}}" for v, h in zip(c, heads, strict=True))
        )
    return "\n".join(lines)
