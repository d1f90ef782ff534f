"""Differential run of the native reporting rules against the official Schematron.

    python -m tests.lib.peppol.reporting_differential --sch DIR [--seed 1] [--mutants 2000]

``DIR`` holds the official Schematron sources ``peppol-transaction-statistics-reporting-*.sch``
and ``peppol-end-user-statistics-reporting-*.sch`` (OpenPEPPOL/edec-reporting,
phax/peppol-reporting). They are not in ``../shared/corpus`` (the corpus has the XSDs and
the examples only), so this is not a pytest module: CI cannot run it until the corpus
carries them. The sources are compiled with the project's ISO Schematron pipeline
(:mod:`tests.differential.schematron`) and run in Saxon-HE (saxonche).

For every corpus example (good and bad), the documents of the schunit test, and ``--mutants``
seeded mutants of the good examples that are valid against the XSD (the official rules run
on those only), the native findings and the official SVRL are compared as the number of
failures of each rule id. Prints the figures and every disagreement; exits 1 on any.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from lxml import etree

from heldigital import xml
from heldigital.peppol import reporting
from tests.differential.oracle import SVRL, official
from tests.differential.schematron import compiled
from tests.lib.peppol import reporting_corpus as rc

REPO = Path(__file__).resolve().parents[3]


def _stylesheets(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for kind, pattern in (
        ("TSR", "peppol-transaction-statistics-reporting-*.sch"),
        ("EUSR", "peppol-end-user-statistics-reporting-*.sch"),
    ):
        sources = sorted(folder.glob(pattern))
        if not sources:
            raise SystemExit(f"no {pattern} in {folder}")
        found[kind] = compiled(sources[-1], official(), generated={})
    return found


def _official(data: bytes, stylesheet: Path) -> Counter[str]:
    (report,) = official().svrl(data, [stylesheet])
    if isinstance(report, Exception):
        raise report
    root = xml.parse(report.encode("utf-8"), source="SVRL").getroot()
    return Counter(
        el.get("id") or ""
        for el in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
    )


def _native(data: bytes) -> Counter[str]:
    return Counter(f.rule for f in reporting.validate(data).findings)


def _documents(seed: int, count: int) -> list[tuple[str, bytes]]:
    documents = [(p.name, p.read_bytes()) for p in rc.good() + rc.bad()]
    for path in rc.schunit():
        root = xml.parse(path.read_bytes()).getroot()
        for i, test in enumerate(root.iter("{urn:fdc:schunit.com:2020:v1}Test")):
            for child in test:
                if isinstance(child.tag, str) and "schunit" not in (
                    etree.QName(child).namespace or ""
                ):
                    documents.append((f"{path.name}#{i}", etree.tostring(child)))
    documents.extend(rc.mutants(seed, count))
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sch", type=Path, default=REPO / "var" / "cache" / "reporting-sch")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutants", type=int, default=2000)
    args = parser.parse_args(argv)
    stylesheets = _stylesheets(args.sch)
    compared = agreed = skipped = 0
    fired: Counter[str] = Counter()
    by_origin: Counter[str] = Counter()
    disagreements: list[str] = []
    for name, data in _documents(args.seed, args.mutants):
        root = xml.parse(data).getroot()
        kind = rc.kind_of(root)
        if not rc.xsd(kind).validate(root):
            skipped += 1  # the official validation stops at the XSD; so does the native one
            assert "XSD" in _native(data), name
            continue
        native = _native(data)
        theirs = _official(data, stylesheets[kind])
        compared += 1
        origin = "mutant" if name[:1].isdigit() else "corpus"
        by_origin[origin] += 1
        fired.update(theirs.keys())
        if native == theirs:
            agreed += 1
            by_origin[origin + "-agreed"] += 1
        else:
            disagreements.append(
                f"{name}: native {sorted(native.items())} official {sorted(theirs.items())}"
            )
    for line in disagreements:
        print("DISAGREE", line)
    all_ids = {r.id for r in (*reporting.TSR_RULES, *reporting.EUSR_RULES)}
    print(f"official Schematron: {', '.join(p.name for p in stylesheets.values())}")
    print(
        f"compared {compared} documents ({by_origin['corpus']} corpus, "
        f"{by_origin['mutant']} mutants; {skipped} mutants invalid against the XSD not compared)"
    )
    print(
        f"agreed on {agreed} (corpus {by_origin['corpus-agreed']}/{by_origin['corpus']}, "
        f"mutants {by_origin['mutant-agreed']}/{by_origin['mutant']}); "
        f"rule ids that fired: {len(fired.keys() & all_ids)}/{len(all_ids)}"
    )
    never = sorted(all_ids - fired.keys())
    if never:
        print("never fired:", " ".join(never))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
