"""The EHF build's generated files, for the oracle's Schematron compilation.

The EHF Schematron sources (``official-rules/ehf-sch``) include the basic rules their build
generates from the syntax files (``target/generated/p07-request-basic.sch`` …, by
``difi/vefa-structure``). The generation is reproduced by ``scripts/gen_ehf_basic.py`` into
:mod:`heldigital.rules.ehf.basic_3_0`; this module writes that data back as the Schematron
pattern the EHF build writes (one rule per element of the data model with an absolute
context, its assertions, then its descendants, then the rule ``path/*`` against elements
outside the model), so that the official sources compile as in the EHF build. The layout
and texts follow the published EHF reminder XSLT.

The generated pattern is therefore not an independent oracle of the generator: it checks
the native evaluation of the basic rules and lets the official rest of each file (empty
elements, identifiers, the format's own rules) run as published.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from heldigital import xml
from heldigital.rules.ehf import basic_3_0 as data
from heldigital.rules.ehf.basic_index import SCH_IDENTIFIERS
from heldigital.rules.poacc.basic import message

__all__ = ["basic_pattern", "generated", "peppol_part"]

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _test(assertion: tuple) -> str:
    kind = assertion[1]
    if kind == "child":
        return str(assertion[2])
    if kind == "schemaLocation":
        return "not(@*:schemaLocation)"
    if kind == "attr":
        return f"@{assertion[2]}"
    if kind == "value":
        literal = str(assertion[2]).replace("'", "''")
        return f"normalize-space(text()) = '{literal}'"
    if kind == "code":
        return " or ".join(
            f"(some $code in $cl{name} satisfies $code = normalize-space(text()))"
            for name in assertion[2]
        )
    if kind == "attr_code":
        attribute = assertion[2]
        alternatives = " or ".join(
            f"(some $code in $cl{name} satisfies $code = @{attribute})" for name in assertion[3]
        )
        return f"not(@{attribute}) or {alternatives}"
    raise ValueError(f"unknown kind {kind!r}")


def _lists(assertions: tuple) -> list[str]:
    names: list[str] = []
    for assertion in assertions:
        if assertion[1] in ("code", "attr_code"):
            names.extend(n for n in assertion[-1] if n not in names)
    return names


@cache
def basic_pattern(prefix: str) -> str:
    """The generated Schematron pattern of the EHF format with rule prefix ``prefix``."""
    nodes = data.TRANSACTIONS[prefix]["nodes"]
    paths: list[str] = []
    for parent, term, _assertions, _wildcard in nodes:
        paths.append(f"{paths[parent]}/{term}" if parent >= 0 else f"/{term}")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<pattern xmlns="http://purl.oclc.org/dsdl/schematron" id="{SCH_IDENTIFIERS[prefix]}">',
    ]
    # the code lists as pattern variables (global in the compiled stylesheet, as in the EHF
    # build, whose PEPPOL parts use them too: PEPPOL-M-T110 reads $clUNCL5189)
    for name in _lists(tuple(a for node in nodes for a in node[2])):
        codes = data.CODE_LISTS[name][1]
        out.append(f"  <let name=\"cl{name}\" value=\"tokenize('{codes}', '\\s')\"/>")

    def rule(context: str, assertions: list[tuple[str, str, str]], lists: list[str]) -> None:
        out.append(f"  <rule context={quoteattr(context)}>")
        for rid, test, text in assertions:
            test_attribute = quoteattr(test)
            out.append(
                f'    <assert id="{rid}" flag="fatal" test={test_attribute}>{escape(text)}</assert>'
            )
        out.append("  </rule>")

    open_: list[int] = []

    def close(index: int) -> None:
        wildcard = nodes[index][3]
        if wildcard is not None:
            rule(
                paths[index] + "/*",
                [(wildcard, "false()", message((wildcard, "wildcard"), "", {}))],
                [],
            )

    for index, (parent, term, assertions, _wildcard) in enumerate(nodes):
        while open_ and open_[-1] != parent:
            close(open_.pop())
        rule(
            paths[index],
            [(a[0], _test(a), message(a, term, data.CODE_LISTS)) for a in assertions],
            _lists(assertions),
        )
        open_.append(index)
    while open_:
        close(open_.pop())
    out.append("</pattern>")
    return "\n".join(out) + "\n"


#: The PEPPOL post-award parts the EHF build copies into ``target/schematron-peppol``
#: (``.build/project-pre-scripts/01-copy-peppol-sch.sh``), with the rules it excludes
#: (``schutil exclude``); the source is ``_source/poacc-upgrade/rules/sch/parts``, here the
#: post-award Schematron of the release the native rules implement (``poacc-sch/parts``).
PEPPOL_PARTS: dict[str, frozenset[str]] = {
    "T01": frozenset({"PEPPOL-T01-R031"}),
    "T16": frozenset(),
    "T19": frozenset({"PEPPOL-T19-R017"}),
    "T76": frozenset(),
    "T77": frozenset(),
    "T110": frozenset(),
}
POACC_PARTS = CORPUS / "official-rules" / "poacc-sch" / "parts"
SCH = "{http://purl.oclc.org/dsdl/schematron}"


#: The EHF build's own copy of PEPPOL-M-T01 (without R031 it is what EHF Order and Advanced
#: Ordering include)
EHF_T01 = CORPUS / "official-rules" / "ehf-sch" / "ordering-3.0" / "rules" / "patch"


def peppol_part(transaction: str) -> str:
    """``PEPPOL-M-<transaction>.sch`` as the EHF build copies it (excluded asserts removed)."""
    folder = EHF_T01 if transaction == "T01" else POACC_PARTS
    tree = xml.parse_file(folder / f"PEPPOL-M-{transaction}.sch")
    for assertion in list(tree.getroot().iter(SCH + "assert", SCH + "report")):
        if assertion.get("id") in PEPPOL_PARTS[transaction]:
            parent = assertion.getparent()
            assert parent is not None
            parent.remove(assertion)
    return etree.tostring(tree, encoding="unicode")


def generated() -> dict[str, str]:
    """Every file the EHF build generates before compiling, by its path relative to the corpus
    folder (the EHF sources include ``../../../../target/generated/<identifier>.sch`` and
    ``../../../../target/schematron-peppol/PEPPOL-M-Tnn.sch`` from ``ehf-sch/<format>/rules/
    sch``, that is ``official-rules/target/...``)."""
    files = {
        f"official-rules/target/generated/{ident}.sch": basic_pattern(prefix)
        for prefix, ident in SCH_IDENTIFIERS.items()
    }
    for transaction in PEPPOL_PARTS:
        files[f"official-rules/target/schematron-peppol/PEPPOL-M-{transaction}.sch"] = peppol_part(
            transaction
        )
    return files
