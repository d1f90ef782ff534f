"""Generate the PEPPOL post-award "basic" rules (``PEPPOL-Tnn-Bnnnnn``) from the syntax files.

The official build of OpenPEPPOL/poacc-upgrade-3 turns each transaction's syntax description
(``structure/syntax/*.xml``, the vefa structure-1 format) and the code lists
(``structure/codelist/*.xml``) into a Schematron pattern ``Tnn-basic``. That pattern is in the
published XSLTs but not in the Schematron sources. This script does the same translation into
data that :mod:`heldigital.rules.poacc.basic` evaluates:

    python scripts/gen_poacc_basic.py ../shared/corpus/poacc-upgrade-3/structure

writes ``src/heldigital/rules/poacc/basic_model.py`` (committed; rerun when the syntax files
change). The translation, as the official generator does it:

* the document element and every ``Element`` of the syntax tree (depth first, document order)
  get a number ``n`` (document = 1); the assertions of node ``n`` are ``Bnnnkk`` with ``kk``
  counting from 01 in this order: per child element with a minimum cardinality of 1, "Element
  'x' MUST be provided."; on the document, "Document MUST not contain schema location."; per
  attribute, "Attribute 'a' MUST be present." when it is mandatory and then its code list; the
  element's ``FIXED`` value; the element's code list(s) (several are alternatives); and, last,
  for a node with child elements, "Document MUST NOT contain elements not part of the data
  model." on any child element not described (the ``path/*`` rule);
* every rule is ``fatal``; its context is the absolute path of the node.

``tests/lib/rules/test_poacc_basic.py`` checks the result against the ``Tnn-basic`` patterns of
the official XSLTs rule by rule (id, flag, context, test and message).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from heldigital import xml

S = "{urn:fdc:difi.no:2017:vefa:structure-1}"
C = "{urn:fdc:difi.no:2017:vefa:structure:CodeList-1}"
OUT_DIR = Path(__file__).resolve().parent.parent / "src/heldigital/rules/poacc"


def _text(el, tag: str, ns: str = S) -> str | None:
    found = el.find(ns + tag)
    return None if found is None or found.text is None else found.text.strip()


def _code_lists(folder: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    """identifier -> (title, codes)."""
    lists: dict[str, tuple[str, tuple[str, ...]]] = {}
    for path in sorted(folder.glob("*.xml")):
        root = xml.parse_file(path).getroot()
        ident = (root.findtext(C + "Identifier") or "").strip()
        title = (root.findtext(C + "Title") or "").strip()
        codes = tuple((c.text or "").strip() for c in root.iter(C + "Id"))
        lists[ident] = (title, codes)
    return lists


def _min_one(el) -> bool:
    return el.get("cardinality", "1..1").split("..")[0] != "0"


def _lists_of(el, known: dict, ns: str = S) -> list[str]:
    refs = [
        r.text.strip()
        for r in el.findall(ns + "Reference")
        if r.get("type") == "CODE_LIST" and r.text
    ]
    return [r for r in refs if r in known]


def _transaction(path: Path, known: dict, ns: str = S, *, ehf: bool = False) -> tuple[str, dict]:
    """(transaction, spec) from one syntax file (``ns``: the namespace of its format, the
    vefa ``structure-1`` of PEPPOL or the ``structure:Syntax-1`` of EHF).

    ``ehf``: as the EHF build generates (checked against its published reminder XSLT): an
    element with a ``tag`` (``tag="x"``: not part of this format) is left out before
    numbering, and every element, not only those with children, gets the rule against
    elements outside the data model.
    """
    S = ns  # the module's name for the namespace, here the file's own
    root = xml.parse_file(path).getroot()
    props = {p.get("key"): (p.text or "").strip() for p in root.findall(S + "Property")}
    namespaces = {n.get("prefix"): (n.text or "").strip() for n in root.findall(S + "Namespace")}
    prefix = props["sch:prefix"]
    nodes: list = []
    counter = [0]

    def visit(el, parent: int, is_document: bool) -> None:
        counter[0] += 1
        number = counter[0]
        term = _text(el, "Term", S) or ""
        asserts: list[tuple] = []

        def add(kind: str, *args: object) -> None:
            asserts.append((f"{prefix}-B{number:03d}{len(asserts) + 1:02d}", kind, *args))

        children = [c for c in el.findall(S + "Element") if not (ehf and c.get("tag"))]
        for child in children:
            if _min_one(child):
                add("child", _text(child, "Term", S))
        if is_document:
            add("schemaLocation")
        for attr in el.findall(S + "Attribute"):
            counter[0] += 1  # attributes are numbered like elements but have no rules of their own
            name = _text(attr, "Term", S)
            if attr.get("usage", "Mandatory").lower() == "mandatory":
                add("attr", name)
            lists = _lists_of(attr, known, S)
            if lists:
                add("attr_code", name, tuple(lists))
        value = el.find(S + "Value")
        if value is not None and value.get("type") == "FIXED":
            add("value", (value.text or "").strip())
        lists = _lists_of(el, known, S)
        if lists:
            add("code", tuple(lists))
        index = len(nodes)
        nodes.append([parent, term, tuple(asserts), None])
        for child in children:
            visit(child, index, False)
        if children or ehf:
            nodes[index][3] = f"{prefix}-B{number:03d}{len(asserts) + 1:02d}"

    visit(root.find(S + "Document"), -1, True)
    return prefix.removeprefix("PEPPOL-"), {
        "namespaces": namespaces,
        "nodes": tuple(tuple(n) for n in nodes),
    }


def from_syntax(base: Path) -> tuple[dict, dict]:
    """(code lists, transactions) from a structure folder (``syntax/`` and ``codelist/``)."""
    known = _code_lists(base / "codelist")
    transactions = {}
    for path in sorted((base / "syntax").glob("*.xml")):
        name, spec = _transaction(path, known)
        transactions[name] = spec
    used: set[str] = set()
    for spec in transactions.values():
        for _parent, _term, asserts, _wildcard in spec["nodes"]:
            for _id, kind, *args in asserts:
                if kind in ("code", "attr_code"):
                    used.update(args[-1])
    code_lists = {name: (known[name][0], " ".join(known[name][1])) for name in sorted(used)}
    return code_lists, transactions


XSL = "{http://www.w3.org/1999/XSL/Transform}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_BASIC_ID = re.compile(r"^PEPPOL-(T\d+)-B\d{5}$")
_CL_ELEMENT = re.compile(
    r"\(some \$code in \$cl([\w-]+) satisfies \$code = normalize-space\(text\(\)\)\)"
)
_CL_ATTRIBUTE = re.compile(r"\(some \$code in \$cl([\w-]+) satisfies \$code = @([\w-]+)\)")
_TITLES = re.compile(r"'([^']*)'")


def _alternatives(test: str, pattern: re.Pattern[str]) -> list[re.Match[str]] | None:
    parts = test.split(" or ")
    found = [pattern.fullmatch(p) for p in parts]
    return None if not all(found) else found  # type: ignore[return-value]


def from_xslt(folder: Path) -> tuple[dict, dict]:
    """(code lists, transactions) from the ``Tnn-basic`` patterns of published XSLTs."""
    code_lists: dict[str, tuple[str, str]] = {}
    transactions = {}
    for path in sorted(folder.glob("PEPPOLBIS-T*.xslt")):
        root = xml.parse_file(path).getroot()
        values = {}
        for var in root.iter(XSL + "variable"):
            m = re.fullmatch(r"tokenize\('([^']*)', '\\s'\)", var.get("select", ""))
            if m and (var.get("name") or "").startswith("cl"):
                values[var.get("name")[2:]] = " ".join(m.group(1).split())
        namespaces = {p: root.nsmap[p] for p in ("ubl", "cac", "cbc") if p in root.nsmap}
        nodes: list = []
        where: dict[str, int] = {}
        transaction = None
        modes = {
            t.get("mode")
            for t in root.iter(XSL + "template")
            for a in t.iter(XSL + "attribute")
            if a.get("name") == "id" and _BASIC_ID.match(a.text or "")
        }
        if len(modes) != 1:
            raise SystemExit(f"{path.name}: basic rules in modes {modes}")
        mode = modes.pop()
        for template in root.iter(XSL + "template"):
            match = template.get("match") or ""
            if template.get("mode") != mode or not match.startswith("/ubl:"):
                continue
            failed = list(template.iter(SVRL + "failed-assert"))
            asserts: list[tuple] = []
            for fa in failed:
                attrs = {a.get("name"): a.text for a in fa.iter(XSL + "attribute")}
                rid = attrs.get("id") or ""
                m = _BASIC_ID.match(rid)
                if not m:
                    raise SystemExit(f"{path.name}: {rid} in the basic pattern")
                transaction = m.group(1)
                if attrs.get("flag") != "fatal":
                    raise SystemExit(f"{path.name}: {rid} is not fatal")
                text = "".join(fa.find(SVRL + "text").itertext())
                test = fa.get("test") or ""
                if test == "false()" and match.endswith("/*"):
                    asserts.append((rid, "wildcard"))
                elif test == "not(@*:schemaLocation)":
                    asserts.append((rid, "schemaLocation"))
                elif re.fullmatch(r"(cac|cbc):\w+", test):
                    asserts.append((rid, "child", test))
                elif re.fullmatch(r"@[\w-]+", test):
                    asserts.append((rid, "attr", test[1:]))
                elif m2 := re.fullmatch(r"normalize-space\(text\(\)\) = '([^']*)'", test):
                    asserts.append((rid, "value", m2.group(1)))
                elif m3 := re.fullmatch(r"not\(@([\w-]+)\) or (.*)", test):
                    alts = _alternatives(m3.group(2), _CL_ATTRIBUTE)
                    if alts is None or {a.group(2) for a in alts} != {m3.group(1)}:
                        raise SystemExit(f"{path.name}: {rid}: unknown test {test!r}")
                    lists = tuple(a.group(1) for a in alts)
                    asserts.append((rid, "attr_code", m3.group(1), lists))
                    _note_lists(code_lists, values, lists, text, rid)
                elif (alts := _alternatives(test, _CL_ELEMENT)) is not None:
                    lists = tuple(a.group(1) for a in alts)
                    asserts.append((rid, "code", lists))
                    _note_lists(code_lists, values, lists, text, rid)
                else:
                    raise SystemExit(f"{path.name}: {rid}: unknown test {test!r}")
                if message(asserts[-1], match, code_lists) != text:
                    raise SystemExit(f"{path.name}: {rid}: message {text!r} not as generated")
            if match.endswith("/*"):
                parent = where[match[:-2]]
                if nodes[parent][3] is not None or [a[1] for a in asserts] != ["wildcard"]:
                    raise SystemExit(f"{path.name}: unexpected rule on {match}")
                nodes[parent][3] = asserts[0][0]
                continue
            if match in where:
                raise SystemExit(f"{path.name}: two rules for {match}")
            head, _, term = match.rpartition("/")
            parent = where[head] if head else -1
            where[match] = len(nodes)
            nodes.append([parent, term, tuple(asserts), None])
        if transaction is None:
            raise SystemExit(f"{path.name}: no basic rules")
        transactions[transaction] = {
            "namespaces": namespaces,
            "nodes": tuple(tuple(n) for n in nodes),
        }
    return dict(sorted(code_lists.items())), transactions


def _note_lists(code_lists: dict, values: dict, lists: tuple, text: str, rid: str) -> None:
    titles = _TITLES.findall(text)
    if len(titles) != len(lists):
        raise SystemExit(f"{rid}: {len(lists)} code lists, message names {len(titles)}")
    for name, title in zip(lists, titles, strict=True):
        entry = (title, values[name])
        if code_lists.setdefault(name, entry) != entry:
            raise SystemExit(f"{rid}: code list {name} differs between transactions")


def message(rule: tuple, context: str, code_lists: dict) -> str:
    """The official assertion text of a basic rule (as ``basic.message`` builds it)."""
    kind = rule[1]
    if kind == "child":
        return f"Element '{rule[2]}' MUST be provided."
    if kind == "schemaLocation":
        return "Document MUST not contain schema location."
    if kind == "attr":
        return f"Attribute '{rule[2]}' MUST be present."
    if kind == "value":
        return f"Element '{context.rpartition('/')[2]}' MUST contain value '{rule[2]}'."
    if kind in ("code", "attr_code"):
        names = " or ".join(f"'{code_lists[name][0]}'" for name in rule[-1])
        return f"Value MUST be part of code list {names}."
    return "Document MUST NOT contain elements not part of the data model."


def official_order(nodes: tuple) -> list[str]:
    """The rule ids in the order of the official pattern: a node's assertions, its
    descendants, then its rule on elements outside the model."""
    order: list[str] = []
    open_: list[int] = []
    for index, (parent, _term, assertions, _wildcard) in enumerate(nodes):
        while open_ and open_[-1] != parent:
            closed = nodes[open_.pop()][3]
            if closed is not None:
                order.append(closed)
        order.extend(a[0] for a in assertions)
        open_.append(index)
    while open_:
        closed = nodes[open_.pop()][3]
        if closed is not None:
            order.append(closed)
    return order


def _write_index(release: str, transactions: dict) -> None:
    """Add the release's rule ids to ``basic_index.py`` (kept for the other releases)."""
    path = OUT_DIR / "basic_index.py"
    ids: dict[str, dict[str, str]] = {}
    if path.exists():
        text = path.read_text(encoding="utf-8")
        ids = ast.literal_eval(text[text.index("IDS = ") + len("IDS = ") :])
    ids[release] = {
        name: " ".join(rid.rpartition("-B")[2] for rid in official_order(spec["nodes"]))
        for name, spec in transactions.items()
    }
    ids = dict(sorted(ids.items(), key=lambda kv: [int(p) for p in kv[0].split(".")]))
    lines = [
        '"""The ids of the generated post-award basic rules per release and transaction',
        "(``PEPPOL-<transaction>-B<number>``, numbers in official order), written by",
        "``scripts/gen_poacc_basic.py`` with the release modules. Small on purpose: importing",
        'the rule families reads only this; the rules themselves load on first use."""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "",
        "IDS = {",
    ]
    for name, per in ids.items():
        lines.append(f"    {name!r}: {{")
        lines.extend(f"        {t!r}: {numbers!r}," for t, numbers in per.items())
        lines.append("    },")
    lines += ["}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("--syntax", "--xslt"):
        raise SystemExit(
            "usage: gen_poacc_basic.py --syntax STRUCTURE_DIR RELEASE | --xslt XSLT_DIR RELEASE"
        )
    mode, folder, release = argv
    source = Path(folder)
    code_lists, transactions = (from_syntax if mode == "--syntax" else from_xslt)(source)
    out = OUT_DIR / f"basic_{release.replace('.', '_')}.py"
    origin = (
        "OpenPEPPOL/poacc-upgrade-3 ``structure/syntax`` and ``structure/codelist``"
        if mode == "--syntax"
        else f"the ``Tnn-basic`` patterns of the published XSLTs ({source.name})"
    )
    body = [
        f'"""PEPPOL post-award basic rules of release {release}, generated by',
        "``scripts/gen_poacc_basic.py``.",
        "",
        f"Derived from {origin}. Do not edit by hand: regenerate. Read by",
        ":mod:`heldigital.rules.poacc.basic`, which documents the format.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "# fmt: off",
        "",
        f"RELEASE = {release!r}",
        "",
        "CODE_LISTS = {",
        *(f"    {name!r}: {entry!r}," for name, entry in code_lists.items()),
        "}",
        "",
        "TRANSACTIONS = {",
    ]
    for name, spec in transactions.items():
        body.append(f"    {name!r}: {{")
        body.append(f"        'namespaces': {spec['namespaces']!r},")
        body.append("        'nodes': (")
        body.extend(f"            {node!r}," for node in spec["nodes"])
        body.append("        ),")
        body.append("    },")
    body += ["}", ""]
    out.write_text("\n".join(body), encoding="utf-8")
    _write_index(release, transactions)
    count = sum(len(n[2]) + (n[3] is not None) for t in transactions.values() for n in t["nodes"])
    print(f"wrote {out} ({len(transactions)} transactions, {count} rules)")


if __name__ == "__main__":
    main(sys.argv[1:])
