"""Generate the table of the EHF Qualified Item Information rules (``EHF-QII-G1-R000001`` …).

The EHF catalogue, punch-out, order agreement and order response include a generated pattern
``_common/rules/qii/<format>_3x_pattern.sch`` (4,130 assertions): for items classified with
an EHF QII code (``cac:CommodityClassification/cbc:ItemClassificationCode[@listID = 'ZZZ']``)
the properties that are mandatory, their lengths, code values, units and ranges. The four
files are the same apart from the path of the item; this script reads one of them into data
that :mod:`heldigital.rules.ehf.qii` evaluates:

    python scripts/gen_ehf_qii.py \
        ../shared/corpus/official-rules/ehf-sch/_common/rules/qii/catalogue_3x_pattern.sch

writes ``src/heldigital/rules/ehf/qii_g1.py``. Every rule context and assertion test must be
one of the forms below, or the script stops.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from heldigital import xml

# ruff: noqa: E501 - the forms of the official tests, one per line

OUT = Path(__file__).resolve().parent.parent / "src/heldigital/rules/ehf/qii_g1.py"
SCH = "{http://purl.oclc.org/dsdl/schematron}"

_ITEM = re.compile(
    r"ubl:\w+(?:/cac:\w+)+/cac:Item\[cac:CommodityClassification/cbc:ItemClassificationCode"
    r"\[@listID = 'ZZZ'\]\[(?:normalize-space\(\) = '(?P<eq>[^']*)'"
    r"|starts-with\(normalize-space\(\), '(?P<starts>[^']*)'\))\]\](?P<rest>.*)"
)
_STEP = re.compile(r"/((?:cac|cbc):\w+)((?:\[(?:[^\[\]]|\[[^\[\]]*\])*\])*)")
_CODE = re.compile(r"\[@listID = '([^']*)'\]\[normalize-space\(\) = '([^']*)'\]")
_NAMECODE = re.compile(
    r"\[cbc:NameCode\[@listID = '([^']*)'\]\[normalize-space\(\) = '([^']*)'\]\]"
)
_CHILD = r"((?:cac|cbc):\w+)"
_STRINGS = r"\(('[^']*'(?:, '[^']*')*)\)"
_NUMBER = r"(-?[0-9.]+)"
TESTS = [
    ("child", re.compile(rf"{_CHILD}")),
    ("self_nonempty", re.compile(r"normalize-space\(\)")),
    ("self_maxlen", re.compile(rf"not\(normalize-space\(\)\) or string-length\(normalize-space\(\)\) <= {_NUMBER}")),
    ("self_date", re.compile(r"not\(normalize-space\(\)\) or \(normalize-space\(\) castable as xs:date\)")),
    ("child_eq", re.compile(rf"normalize-space\({_CHILD}\) = '([^']*)'")),
    ("child_nonempty", re.compile(rf"normalize-space\({_CHILD}\)")),
    ("only", re.compile(rf"count\(\*\) = count\({_CHILD}\[1\](?: \| {_CHILD}\[1\])*\)")),
    ("child_decimal", re.compile(rf"not\(normalize-space\({_CHILD}\)\) or \(normalize-space\(\1\) castable as xs:decimal\)")),
    ("child_attr_in", re.compile(rf"{_CHILD}/@(\w+) = {_STRINGS}")),
    ("child_maxlen", re.compile(rf"not\(normalize-space\({_CHILD}\)\) or string-length\(normalize-space\(\1\)\) <= {_NUMBER}")),
    ("child_in", re.compile(rf"not\(normalize-space\({_CHILD}\)\) or normalize-space\(\1\) = {_STRINGS}")),
    ("child_le", re.compile(rf"not\(normalize-space\({_CHILD}\)\) or xs:decimal\(normalize-space\(\1\)\) <= {_NUMBER}")),
    ("child_ge", re.compile(rf"not\(normalize-space\({_CHILD}\)\) or xs:decimal\(normalize-space\(\1\)\) >= {_NUMBER}")),
    ("false", re.compile(r"false\(\)")),
]  # fmt: skip


def _assertion(test: str) -> tuple:
    for kind, pattern in TESTS:
        m = pattern.fullmatch(test)
        if m is None:
            continue
        if kind == "only":
            return (kind, tuple(re.findall(_CHILD + r"\[1\]", test)))
        if kind in ("child_attr_in", "child_in"):
            *head, strings = m.groups()
            return (kind, *head, tuple(re.findall(r"'([^']*)'", strings)))
        if kind in ("child_decimal", "child_maxlen", "child_le", "child_ge"):
            groups = [g for g in m.groups()]
            return (kind, *groups)
        return (kind, *m.groups())
    raise SystemExit(f"unknown test {test!r}")


def read(path: Path) -> list[tuple]:
    """The rules in pattern order: (group kind, code, steps, assertions)."""
    root = xml.parse_file(path).getroot()
    rules: list[tuple] = []
    for rule in root.iter(SCH + "rule"):
        context = rule.get("context") or ""
        m = _ITEM.fullmatch(context)
        if m is None:
            raise SystemExit(f"unknown context {context!r}")
        group = ("eq", m["eq"]) if m["eq"] is not None else ("starts", m["starts"])
        steps: list[tuple] = []
        rest = m["rest"]
        position = 0
        for step in _STEP.finditer(rest):
            if step.start() != position:
                raise SystemExit(f"unknown step in {context!r}")
            position = step.end()
            predicate = step.group(2)
            if not predicate:
                steps.append((step.group(1), None))
            elif c := _CODE.fullmatch(predicate):
                steps.append((step.group(1), ("code", c.group(1), c.group(2))))
            elif n := _NAMECODE.fullmatch(predicate):
                steps.append((step.group(1), ("namecode", n.group(1), n.group(2))))
            else:
                raise SystemExit(f"unknown predicate {predicate!r}")
        if position != len(rest):
            raise SystemExit(f"unknown context tail {rest[position:]!r}")
        assertions = []
        for a in rule.iterchildren(SCH + "assert"):
            if a.get("flag") != "fatal":
                raise SystemExit(f"{a.get('id')} is not fatal")
            text = " ".join("".join(a.itertext()).split())
            assertions.append((a.get("id"), *_assertion(a.get("test") or ""), text))
        rules.append((*group, tuple(steps), tuple(assertions)))
    return rules


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: gen_ehf_qii.py QII_PATTERN.sch")
    rules = read(Path(argv[0]))
    ids = [a[0] for r in rules for a in r[3]]
    expected = [f"EHF-QII-G1-R{n:06d}" for n in range(1, len(ids) + 1)]
    if ids != expected:
        raise SystemExit("the rule ids are not EHF-QII-G1-R000001 … in order")
    lines = [
        '"""EHF Qualified Item Information G1 rules, generated by ``scripts/gen_ehf_qii.py`` from',
        "anskaffelser/ehf-postaward-g3 ``_common/rules/qii/catalogue_3x_pattern.sch`` (the same",
        "rules for every format; only the item path differs). Do not edit by hand: regenerate.",
        'Read by :mod:`heldigital.rules.ehf.qii`, which documents the format."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "",
        "RULES = (",
        *(f"    {rule!r}," for rule in rules),
        ")",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {OUT} ({len(rules)} rules, {len(ids)} assertions)")


if __name__ == "__main__":
    main(sys.argv[1:])
