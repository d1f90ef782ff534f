"""The generated "basic" post-award rules ``PEPPOL-Tnn-Bnnnnn``: one table-driven family.

The official build of PEPPOL post-award generates, per transaction, a Schematron pattern
``Tnn-basic`` from the transaction's syntax description: elements that must be present,
mandatory attributes, fixed values (CustomizationID, ProfileID ...), code lists, and "no
element outside the data model". ``scripts/gen_poacc_basic.py`` performs that generation into
one data module per release (``basic_3_0.py`` from the syntax files of the unit-test release,
``basic_2026_5.py`` from the published 2026.5 XSLTs); this module evaluates it.

Format of ``TRANSACTIONS[tnn]["nodes"]``: the nodes of the data model in document order, each
``(parent index or -1, "prefix:Name", assertions, wildcard rule id or None)``; an assertion is
``(rule id, kind, *arguments)`` with kind

* ``child`` (name): the node has a child element ``name``;
* ``schemaLocation``: the document element has no ``schemaLocation`` attribute (any namespace);
* ``attr`` (name): the node has attribute ``name``;
* ``attr_code`` (name, lists): the attribute, when present, is a code of one of the lists;
* ``value`` (text): ``normalize-space(text())`` is that text;
* ``code`` (lists): ``normalize-space(text())`` is a code of one of the lists;

and the wildcard rule fires on every child element of the node that is not a node of the
model. The Schematron contexts are absolute paths, so an element is judged by the node with
its path, or, if there is none, by its parent's wildcard rule; nothing below an element
outside the model is judged. Every basic rule is fatal.

One walk over the document evaluates every basic rule of a transaction (cached in
``Document.cache``); each registered rule returns its own hits from it. The data module is
imported on first use, so importing the rule families stays cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from typing import Any

from lxml import etree

from heldigital.rules.core import Document, Element, Registry, Rule, Severity
from heldigital.rules.poacc.basic_index import IDS
from heldigital.rules.xpath import normalize_space

__all__ = ["IDS", "RELEASES", "BasicRegistry", "ids", "message"]

#: The releases with generated basic rules, oldest first (data module suffix).
RELEASES = tuple(IDS)

_OUTSIDE = "Document MUST NOT contain elements not part of the data model."


def ids(release: str, transaction: str) -> tuple[str, ...]:
    """The basic rule ids of a transaction in a release, in official order."""
    prefix = f"PEPPOL-{transaction}-B"
    return tuple(prefix + number for number in IDS[release][transaction].split())


#: Data modules of other families generated in the same format, by release name (the EHF
#: basic rules: ``"ehf-3.0"`` -> :mod:`heldigital.rules.ehf.basic_3_0`); a PEPPOL release
#: ``R`` is ``heldigital.rules.poacc.basic_R``.
DATA_MODULES: dict[str, str] = {"ehf-3.0": "heldigital.rules.ehf.basic_3_0"}


@cache
def _data(release: str) -> Any:
    module = DATA_MODULES.get(release, f"heldigital.rules.poacc.basic_{release.replace('.', '_')}")
    return importlib.import_module(module)


def message(assertion: tuple[Any, ...], term: str, code_lists: dict[str, tuple[str, str]]) -> str:
    """The official text of a basic assertion on node ``term`` (wildcard: ``kind`` only)."""
    kind = assertion[1]
    if kind == "child":
        return f"Element '{assertion[2]}' MUST be provided."
    if kind == "schemaLocation":
        return "Document MUST not contain schema location."
    if kind == "attr":
        return f"Attribute '{assertion[2]}' MUST be present."
    if kind == "value":
        return f"Element '{term}' MUST contain value '{assertion[2]}'."
    if kind in ("code", "attr_code"):
        names = " or ".join(f"'{code_lists[name][0]}'" for name in assertion[-1])
        return f"Value MUST be part of code list {names}."
    return _OUTSIDE


class _Node:
    __slots__ = ("checks", "children", "wildcard")

    def __init__(self) -> None:
        #: (rule id, kind, argument, code set) per assertion
        self.checks: list[tuple[str, str, str, frozenset[str]]] = []
        #: Clark tag -> node
        self.children: dict[str, _Node] = {}
        self.wildcard: str | None = None


@cache
def _model(release: str, transaction: str) -> tuple[str, _Node]:
    """(Clark tag of the document element, its node) of a transaction."""
    data = _data(release)
    spec = data.TRANSACTIONS[transaction]
    namespaces: dict[str, str] = spec["namespaces"]
    lists = {name: frozenset(codes.split()) for name, (_title, codes) in data.CODE_LISTS.items()}

    def clark(term: str) -> str:
        prefix, _, local = term.partition(":")
        return "{" + namespaces[prefix] + "}" + local

    built: list[_Node] = []
    root_tag = ""
    root_node: _Node | None = None
    for parent, term, assertions, wildcard in spec["nodes"]:
        node = _Node()
        node.wildcard = wildcard
        for rid, kind, *args in assertions:
            if kind == "child":
                node.checks.append((rid, kind, clark(args[0]), frozenset()))
            elif kind in ("attr", "schemaLocation"):
                node.checks.append((rid, kind, args[0] if args else "", frozenset()))
            elif kind == "attr_code":
                codes = frozenset().union(*(lists[name] for name in args[1]))
                node.checks.append((rid, kind, args[0], codes))
            elif kind == "value":
                node.checks.append((rid, kind, args[0], frozenset()))
            elif kind == "code":
                codes = frozenset().union(*(lists[name] for name in args[0]))
                node.checks.append((rid, kind, "", codes))
            else:  # pragma: no cover - the generator writes no other kind
                raise ValueError(f"unknown basic rule kind {kind!r}")
        if parent < 0:
            root_tag, root_node = clark(term), node
        else:
            # the first node of a path wins, as the first Schematron rule of a context does
            built[parent].children.setdefault(clark(term), node)
        built.append(node)
    assert root_node is not None
    return root_tag, root_node


def _text(el: Element) -> str:
    """``normalize-space(text())``: the element's own first text node, normalised."""
    text = el.text
    if text is None:
        # text() is the element's text node children: the tails of its child nodes
        for child in el:
            if child.tail is not None:
                text = child.tail
                break
    return normalize_space(text) if text else ""


def _has_schema_location(el: Element) -> bool:
    return any(name.rpartition("}")[2] == "schemaLocation" for name in el.attrib)


def hits(doc: Document, release: str, transaction: str) -> dict[str, list[Element]]:
    """Every basic rule of the transaction broken in ``doc``: rule id -> elements, in
    document order (one walk, cached per document)."""
    key = f"poacc.basic:{release}:{transaction}"
    found: dict[str, list[Element]] | None = doc.cache.get(key)
    if found is not None:
        return found
    found = {}
    root_tag, root_node = _model(release, transaction)
    root = doc.root
    if root.tag == root_tag:
        stack: list[tuple[Element, _Node]] = [(root, root_node)]
        while stack:
            el, node = stack.pop()
            for rid, kind, arg, codes in node.checks:
                if kind == "child":
                    ok = next(el.iterchildren(arg), None) is not None
                elif kind == "attr":
                    ok = arg in el.attrib
                elif kind == "attr_code":
                    value = el.get(arg)
                    ok = value is None or value in codes
                elif kind == "code":
                    ok = _text(el) in codes
                elif kind == "value":
                    ok = _text(el) == arg
                else:  # schemaLocation
                    ok = not _has_schema_location(el)
                if not ok:
                    found.setdefault(rid, []).append(el)
            children = node.children
            wildcard = node.wildcard
            below: list[tuple[Element, _Node]] = []
            for child in el.iterchildren(etree.Element):
                inner = children.get(child.tag)
                if inner is not None:
                    below.append((child, inner))
                elif wildcard is not None:
                    found.setdefault(wildcard, []).append(child)
            stack.extend(reversed(below))
    # findings of one rule in document order (the walk is depth first, in order)
    doc.cache[key] = found
    return found


class BasicRegistry(Registry):
    """The basic rules of one release, as a registry whose rules are built on first use.

    The ids are known from the small :mod:`.basic_index`; the data module with paths and
    code lists is imported only when a rule is looked up, that is when a post-award document
    is validated.
    """

    def __init__(self, release: str) -> None:
        super().__init__(f"peppol-poacc-basic-{release}")
        self.release = release
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        data = _data(self.release)
        for transaction, spec in data.TRANSACTIONS.items():
            for _parent, term, assertions, wildcard in spec["nodes"]:
                for assertion in assertions:
                    self.add(
                        self._rule(
                            transaction, assertion[0], message(assertion, term, data.CODE_LISTS)
                        )
                    )
                if wildcard is not None:
                    self.add(self._rule(transaction, wildcard, _OUTSIDE))

    def _rule(self, transaction: str, rule_id: str, text: str) -> Rule:
        release = self.release

        def check(doc: Document) -> Iterator[Element]:
            yield from hits(doc, release, transaction).get(rule_id, ())

        return Rule(rule_id, Severity.FATAL, text, check)

    def __getitem__(self, rule_id: str) -> Rule:
        self._load()
        return super().__getitem__(rule_id)

    def logic(self, rule_id: str) -> Rule | None:
        self._load()
        return super().logic(rule_id)

    def __contains__(self, rule_id: object) -> bool:
        self._load()
        return super().__contains__(rule_id)

    def __iter__(self) -> Iterator[Rule]:
        self._load()
        return super().__iter__()

    def __len__(self) -> int:
        self._load()
        return super().__len__()

    def ids(self, prefix: str = "") -> list[str]:
        self._load()
        return super().ids(prefix)
