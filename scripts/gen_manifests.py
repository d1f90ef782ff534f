"""Generate the rule manifest of each release from the official rule sources.

A release's manifest lists, per official Schematron file (``CEN-EN16931-UBL``,
``PEPPOL-EN16931-UBL``, ``PEPPOLBIS-T01`` ...), every assertion in official order with its
id, flag, rule context and message. It is what :mod:`heldigital.rules.releases` reads: the
ids a release's rule sets run, and the flag and text of each finding; the Python functions
carry only the logic.

    python scripts/gen_manifests.py ../shared/corpus

writes ``src/heldigital/rules/data/manifests/<release>/<source>.json``, one file per official
Schematron file so that a document reads only the files of its rule set (committed; rerun
when a source changes). The sources:

* ``2025.5`` (the release of the official unit tests: PEPPOL BIS Billing 3.0.19 of May
  2025, EN 16931 1.3.15, post-award of November 2025): the CEN published XSLT
  (``official-rules/billing/EN16931-UBL-validation.xslt``), ``PEPPOL-EN16931-UBL.sch``, and
  the post-award ``poacc-sch/PEPPOLBIS-Tnn.sch`` with their included parts; the generated
  basic rules ``PEPPOL-Tnn-Bnnnnn``, which the official build writes from the syntax files
  before compiling, are generated here the same way (:mod:`gen_poacc_basic`);
* ``2026.5``: the published OpenPEPPOL 2026.5 XSLTs (``official-rules/peppol-2026.5-xslt``),
  generated basic rules included.

Messages are the assertion text with white space collapsed. The OpenPEPPOL build prefixes
its messages with ``[id]-`` when it compiles the XSLTs; that prefix is removed from the
PEPPOL files so that both releases carry the text of the Schematron source (the CEN files
have the prefix in their source and keep it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_poacc_basic

from heldigital import xml

OUT_DIR = Path(__file__).resolve().parent.parent / "src/heldigital/rules/data/manifests"
SCH = "{http://purl.oclc.org/dsdl/schematron}"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
TRANSACTIONS = ("T01", "T16", "T19", "T58", "T71", "T76", "T77", "T110", "T111", "T114",
                "T115", "T116")  # fmt: skip
_PREFIX = re.compile(r"^\[[^\]]*\]-")


def _text(el, *, strip_prefix: bool) -> str:
    text = "".join(el.itertext()).strip()
    if strip_prefix:
        text = _PREFIX.sub("", text)
    return " ".join(text.split())


def from_xslt(path: Path, *, strip_prefix: bool) -> list[list[str]]:
    """[id, flag, context, message] of every assertion of a compiled Schematron XSLT."""
    rules = []
    root = xml.parse_file(path).getroot()
    for template in root.iter(XSL + "template"):
        fired = template.find(SVRL + "fired-rule")
        if fired is None:
            continue
        context = fired.get("context", "")
        for failed in template.iter(SVRL + "failed-assert", SVRL + "successful-report"):
            attrs = {a.get("name"): (a.text or "").strip() for a in failed.iter(XSL + "attribute")}
            text = _text(failed.find(SVRL + "text"), strip_prefix=strip_prefix)
            rules.append([attrs["id"], attrs["flag"], context, text])
    return rules


def _sch_includes(path: Path) -> list[Path | str]:
    """The Schematron files ``path`` includes, in order (a generated file as its name)."""
    out: list[Path | str] = []
    for inc in xml.parse_file(path).getroot().iter(SCH + "include"):
        href = inc.get("href", "")
        if "target/generated" in href:
            out.append(Path(href).stem)  # e.g. "T01-basic"
        else:
            out.append(path.parent / href)
    return out


def from_sch(path: Path) -> list[list[str]]:
    """[id, flag, context, message] of every assertion and report of a Schematron file."""
    rules = []
    root = xml.parse_file(path).getroot()
    for rule in root.iter(SCH + "rule"):
        context = rule.get("context", "")
        for check in rule:
            if check.tag in (SCH + "assert", SCH + "report") and check.get("id"):
                text = _text(check, strip_prefix=False)
                rules.append([check.get("id"), check.get("flag", "fatal"), context, text])
    return rules


def _basic_from_syntax(structure: Path) -> dict[str, list[list[str]]]:
    """The generated basic rules of each transaction, from the syntax files."""
    code_lists, transactions = gen_poacc_basic.from_syntax(structure)
    out = {}
    for name, spec in transactions.items():
        nodes = spec["nodes"]
        paths: list[str] = []
        for parent, term, _asserts, _wildcard in nodes:
            paths.append((paths[parent] if parent >= 0 else "") + "/" + term)
        by_id: dict[str, list[str]] = {}
        for index, (_parent, _term, asserts, wildcard) in enumerate(nodes):
            context = paths[index]
            for rule in asserts:
                by_id[rule[0]] = [
                    "fatal",
                    context,
                    gen_poacc_basic.message(rule, context, code_lists),
                ]
            if wildcard is not None:
                by_id[wildcard] = [
                    "fatal",
                    context + "/*",
                    gen_poacc_basic.message((wildcard, "other"), context, code_lists),
                ]
        out[name] = [[rid, *by_id[rid]] for rid in gen_poacc_basic.official_order(nodes)]
    return out


def origins_2025_5() -> dict[str, str]:
    """Where each source of release 2025.5 is read from (relative to the corpus)."""
    found = {
        "CEN-EN16931-UBL": "official-rules/billing/EN16931-UBL-validation.xslt",
        "PEPPOL-EN16931-UBL": "official-rules/billing/PEPPOL-EN16931-UBL.sch",
    }
    for t in TRANSACTIONS:
        found[f"PEPPOLBIS-{t}"] = (
            f"official-rules/poacc-sch/PEPPOLBIS-{t}.sch + basic rules generated from "
            "poacc-upgrade-3/structure"
        )
    return found


def origins_2026_5() -> dict[str, str]:
    names = ["CEN-EN16931-UBL", "PEPPOL-EN16931-UBL", "PEPPOL-EN16931-UBL-SB"]
    names += [f"PEPPOLBIS-{t}" for t in TRANSACTIONS]
    return {n: f"official-rules/peppol-2026.5-xslt/{n}.xslt" for n in names}


def release_2025_5(corpus: Path) -> dict[str, list[list[str]]]:
    rules = corpus / "official-rules"
    sources = {
        "CEN-EN16931-UBL": from_xslt(
            rules / "billing/EN16931-UBL-validation.xslt", strip_prefix=False
        ),
        "PEPPOL-EN16931-UBL": from_sch(rules / "billing/PEPPOL-EN16931-UBL.sch"),
    }
    basic = _basic_from_syntax(corpus / "poacc-upgrade-3/structure")
    for transaction in TRANSACTIONS:
        found: list[list[str]] = []
        for part in _sch_includes(rules / f"poacc-sch/PEPPOLBIS-{transaction}.sch"):
            if isinstance(part, str):
                found.extend(basic[part.removesuffix("-basic")])
            else:
                found.extend(from_sch(part))
        sources[f"PEPPOLBIS-{transaction}"] = found
    return sources


def release_2026_5(corpus: Path) -> dict[str, list[list[str]]]:
    folder = corpus / "official-rules/peppol-2026.5-xslt"
    names = ["CEN-EN16931-UBL", "PEPPOL-EN16931-UBL", "PEPPOL-EN16931-UBL-SB"]
    names += [f"PEPPOLBIS-{t}" for t in TRANSACTIONS]
    return {
        name: from_xslt(folder / f"{name}.xslt", strip_prefix=name.startswith("PEPPOL"))
        for name in names
    }


def write(name: str, sources: dict[str, list[list[str]]], origins: dict[str, str]) -> Path:
    """Write the manifest of release ``name``: one JSON file per source, one rule per line."""
    folder = OUT_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for source, rules in sources.items():
        ids = [r[0] for r in rules]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise SystemExit(f"{name} {source}: ids twice: {duplicates}")
        head = {
            "release": name,
            "source": source,
            "from": origins[source],
            "generated_by": "scripts/gen_manifests.py",
        }
        lines = ["{"]
        lines += [
            f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()
        ]
        lines.append('  "rules": [')
        lines += [
            "    " + json.dumps(r, ensure_ascii=False) + ("," if j < len(rules) - 1 else "")
            for j, r in enumerate(rules)
        ]
        lines += ["  ]", "}", ""]
        (folder / f"{source}.json").write_text("\n".join(lines), encoding="utf-8")
    count = sum(len(r) for r in sources.values())
    print(f"wrote {folder} ({len(sources)} sources, {count} rules)")
    return folder


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: gen_manifests.py CORPUS_DIR (../shared/corpus)")
    corpus = Path(argv[0])
    write("2025.5", release_2025_5(corpus), origins_2025_5())
    write("2026.5", release_2026_5(corpus), origins_2026_5())


if __name__ == "__main__":
    main(sys.argv[1:])
