"""Generate :mod:`heldigital.espd._taxonomy` from the official ESPD-EDM criterion file.

Usage::

    python -m heldigital.espd._generate \
        ../shared/corpus/espd-edm/v4.1.0/xml-examples/ESPD-criterion.xml \
        > src/heldigital/espd/_taxonomy.py

Example values the taxonomy carries in REQUIREMENT properties (``MinimumAmount
500000`` …) are dropped: in a request they come from the buyer's thresholds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from heldigital import xml

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"cac": CAC, "cbc": CBC}


def _text(element: etree._Element, name: str) -> str:
    return " ".join((element.findtext(f"cbc:{name}", namespaces=NS) or "").split())


def _group(element: etree._Element, indent: str) -> str:
    lines = [f"{indent}G({_text(element, 'ID')!r}, {_text(element, 'PropertyGroupTypeCode')!r}, ("]
    for child in element:
        if child.tag == f"{{{CAC}}}TenderingCriterionProperty":
            names = ("ID", "TypeCode", "ValueDataTypeCode", "Description")
            fields = [_text(child, n) for n in names]
            lines.append(f"{indent}    P({', '.join(repr(f) for f in fields)}),")
        elif child.tag == f"{{{CAC}}}SubsidiaryTenderingCriterionPropertyGroup":
            lines.append(_group(child, indent + "    ") + ",")
    lines.append(f"{indent}))")
    return "\n".join(lines)


def generate(path: Path) -> str:
    root = xml.parse_file(path).getroot()
    out = [
        '"""ESPD-EDM v4.1.0 criterion taxonomy.',
        "",
        "Generated from xml-examples/ESPD-criterion.xml of OP-TED/ESPD-EDM v4.1.0 by",
        "heldigital.espd._generate - do not edit.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "from .taxonomy import Entry as E",
        "from .taxonomy import Group as G",
        "from .taxonomy import Prop as P",
        "",
        "ENTRIES = (",
    ]
    for criterion in root.findall("cac:TenderingCriterion", NS):
        head = [_text(criterion, n) for n in ("ID", "CriterionTypeCode", "Name", "Description")]
        out.append(f"    E({', '.join(repr(h) for h in head)}, (")
        for group in criterion.findall("cac:TenderingCriterionPropertyGroup", NS):
            out.append(_group(group, "        ") + ",")
        out.append("    )),")
    out.append(")")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - a developer tool
    sys.stdout.write(generate(Path(sys.argv[1])))
