"""Schematron semantics the post-award rules rely on, in plain Python.

The official rules (OpenPEPPOL/poacc-upgrade-3, ``rules/sch``) are ISO
Schematron with the XSLT 2 query binding. Their XPath 2.0 values (``xs:decimal``
casts, ``number()``, ``round()``, ``normalize-space()``, the string value of a node) are
those of :mod:`heldigital.rules.xpath`, shared by every rule family. Here:

* **Patterns.** A Schematron *pattern* is a list of rules; a node is checked
  by the *first* rule of the pattern whose context matches it (the skeleton
  gives rules falling priorities in document order), never by a later one.
  :class:`Pattern` computes, once per document, which nodes each rule of a
  pattern owns (cached in ``Document.cache``).
* **Child paths** (:func:`first`, :func:`every`, :func:`has`) and the official
  ``k_lineId`` key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from lxml import etree

from heldigital.rules.core import NS, Document, Element
from heldigital.rules.xpath import string_value, xs_decimal

__all__ = ["Pattern", "dec_or", "every", "first", "has", "line_id_items", "line_id_unique"]


def dec_or(node: Element | None, default: Decimal | int) -> Decimal | None:
    """``if (x) then xs:decimal(x) else default``."""
    if node is None:
        return Decimal(default)
    return xs_decimal(node)


# -- child paths ------------------------------------------------------------------------------
# ElementPath ``find`` with a namespace map costs microseconds per call (the path is looked
# up in a cache keyed by the map); the rules only ever walk child steps, so they use
# ``iterchildren`` with Clark names, compiled once per path.

_PATHS: dict[str, tuple[str, ...]] = {}


def _compile(path: str) -> tuple[str, ...]:
    steps = _PATHS.get(path)
    if steps is None:
        compiled = []
        for step in path.split("/"):
            prefix, _, local = step.partition(":")
            compiled.append(f"{{{NS[prefix]}}}{local}")
        steps = _PATHS[path] = tuple(compiled)
    return steps


def _walk(node: Element, steps: tuple[str, ...], index: int) -> Iterator[Element]:
    if index == len(steps) - 1:
        yield from node.iterchildren(steps[index])
        return
    for child in node.iterchildren(steps[index]):
        yield from _walk(child, steps, index + 1)


def first(node: Element | None, path: str) -> Element | None:
    """The first element at the child path ``path`` (``cac:Price/cbc:PriceAmount``), or None."""
    if node is None:
        return None
    steps = _compile(path)
    if len(steps) == 1:
        return next(node.iterchildren(steps[0]), None)
    return next(_walk(node, steps, 0), None)


def every(node: Element | None, path: str) -> list[Element]:
    """Every element at the child path ``path``, in document order."""
    if node is None:
        return []
    steps = _compile(path)
    if len(steps) == 1:
        return list(node.iterchildren(steps[0]))
    return list(_walk(node, steps, 0))


def has(node: Element | None, path: str) -> bool:
    """XPath's boolean value of a child path: at least one such element exists."""
    return first(node, path) is not None


def _split(text: str, separator: str) -> list[str]:
    """Split ``text`` at ``separator`` outside brackets, parentheses and quotes."""
    parts: list[str] = []
    depth = 0
    quote = ""
    current: list[str] = []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


_ATTRIBUTE_EQUALS = re.compile(r"@([A-Za-z_][\w.-]*)\s*=\s*'([^']*)'")


class _Step:
    """One step of a match pattern: a name test (``p:name`` or ``p:*``) and a predicate."""

    __slots__ = ("attribute", "namespace", "predicate", "prefix", "tag")

    def __init__(self, text: str, namespaces: dict[str, str]) -> None:
        name, bracket, rest = text.strip().partition("[")
        prefix, _, local = name.strip().partition(":")
        self.namespace = namespaces[prefix]
        self.prefix = f"{{{self.namespace}}}"
        self.tag = None if local == "*" else f"{self.prefix}{local}"
        self.predicate = None
        #: ``(name, value)`` when the predicate is ``@name = 'value'``
        self.attribute: tuple[str, str] | None = None
        if bracket:
            expr = rest.rstrip()
            if not expr.endswith("]"):
                raise ValueError(f"unsupported match pattern step: {text!r}")
            expr = expr[:-1].strip()
            simple = _ATTRIBUTE_EQUALS.fullmatch(expr)
            if simple:  # [@a = 'v']: the attribute's value is exactly v
                attribute, value = simple.groups()
                self.attribute = (attribute, value)
                self.predicate = lambda node, a=attribute, v=value: node.get(a) == v
            else:
                self.predicate = etree.XPath(f"boolean({expr})", namespaces=namespaces)

    def named(self, node: Element) -> bool:
        tag = node.tag
        if self.tag is not None:
            return tag == self.tag
        return isinstance(tag, str) and tag.startswith(self.prefix)

    def satisfied(self, node: Element) -> bool:
        return self.predicate is None or bool(self.predicate(node))


class _Alternative:
    """One location path of a rule context (``a/b[p]`` relative, ``/a/b`` absolute)."""

    __slots__ = ("absolute", "steps", "trivial")

    def __init__(self, text: str, namespaces: dict[str, str]) -> None:
        text = text.strip()
        if text.startswith("//"):
            self.absolute, text = False, text[2:]
        elif text.startswith("/"):
            self.absolute, text = True, text[1:]
        else:
            self.absolute = False
        if "//" in text:
            raise ValueError(f"unsupported match pattern: {text!r}")
        self.steps = [_Step(step, namespaces) for step in _split(text, "/")]
        #: one named step without predicate, anywhere: the element name decides alone
        self.trivial = (
            not self.absolute
            and len(self.steps) == 1
            and self.steps[0].tag is not None
            and self.steps[0].predicate is None
        )

    def matches(self, node: Element) -> bool:
        steps = self.steps
        if len(steps) == 1 and not self.absolute:
            step = steps[0]
            return step.named(node) and step.satisfied(node)
        # names first (cheap), predicates only when the whole path is named right
        chain: list[Element] = []
        current: Element | None = node
        for step in reversed(steps):
            if current is None or not step.named(current):
                return False
            chain.append(current)
            current = current.getparent()
        if self.absolute and current is not None:
            return False
        return all(step.satisfied(n) for step, n in zip(reversed(steps), chain, strict=True))


def _prefilter(key: str, alternative: _Alternative) -> tuple:
    """A candidate: key, alternative, the parent's required name and the node's required
    attribute value, both when the path states them (cheap tests before the full match)."""
    steps = alternative.steps
    parent = steps[-2].tag if len(steps) > 1 else None
    return (key, alternative, parent, steps[-1].attribute)


class Pattern:
    """One Schematron pattern: ordered rule contexts, first match wins.

    ``rules`` pairs a key with the rule's context, a union of location paths
    as the official ``rule/@context`` writes it (relative paths written with a
    leading ``//``, absolute ones with ``/``; name tests with the official
    prefixes, ``p:*`` allowed as the last step under a named parent, and
    XPath 1.0 predicates). ``ubl`` is the namespace the official schema binds
    to the ``ubl`` prefix for the transaction (its document element).

    The document is walked once per pattern, in C (lxml ``iter`` over the
    element names the contexts end with); each element found is given to the
    first rule of the pattern whose context it matches, as the compiled
    Schematron does.
    """

    def __init__(self, name: str, ubl: str, rules: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self._cache_key = f"poacc:{name}"
        namespaces = {**NS, "ubl": ubl}
        self.keys = tuple(key for key, _ in rules)
        alternatives = [
            (key, _Alternative(alt, namespaces)) for key, expr in rules for alt in _split(expr, "|")
        ]
        exact = {a.steps[-1].tag for _, a in alternatives if a.steps[-1].tag is not None}
        wild = [(k, a) for k, a in alternatives if a.steps[-1].tag is None]
        #: parent tag -> namespace of the children a wildcard step takes
        self._wild_parents: dict[str, set[str]] = {}
        for _, alt in wild:
            if len(alt.steps) < 2 or alt.steps[-2].tag is None:
                raise ValueError(f"unsupported wildcard context in pattern {name}")
            self._wild_parents.setdefault(alt.steps[-2].tag, set()).add(alt.steps[-1].namespace)
        self._walk = tuple(exact | set(self._wild_parents))
        # candidates per element name, in rule order (wildcard alternatives included)
        self._by_tag: dict[str, list[tuple]] = {}
        for tag in exact:
            self._by_tag[tag] = [
                _prefilter(k, a)
                for k, a in alternatives
                if a.steps[-1].tag == tag
                or (a.steps[-1].tag is None and tag.startswith(a.steps[-1].prefix))
            ]
        self._wild = [_prefilter(k, a) for k, a in wild]
        self._exact = exact

    def _assign(self, doc: Document) -> dict[str, list[Element]]:
        owned: dict[str, list[Element]] = {key: [] for key in self.keys}
        by_tag = self._by_tag
        wild_parents = self._wild_parents
        exact = self._exact

        def place(node: Element, candidates) -> None:
            parent = node.getparent()
            parent_tag = None if parent is None else parent.tag
            for key, alt, needs_parent, needs_attribute in candidates:
                if needs_parent is not None and needs_parent != parent_tag:
                    continue  # the step above the last one names another element
                if (
                    needs_attribute is not None
                    and node.get(needs_attribute[0]) != needs_attribute[1]
                ):
                    continue
                if alt.trivial or alt.matches(node):
                    owned[key].append(node)
                    return

        for node in doc.root.iter(*self._walk):
            tag = node.tag
            candidates = by_tag.get(tag)
            if candidates:
                place(node, candidates)
            if tag in wild_parents:
                for child in node:
                    if isinstance(child.tag, str) and child.tag not in exact:
                        place(child, self._wild)
        return owned

    def nodes(self, doc: Document, key: str) -> list[Element]:
        """The nodes whose first matching rule in this pattern is ``key``."""
        owned = doc.cache.get(self._cache_key)
        if owned is None:
            owned = doc.cache[self._cache_key] = self._assign(doc)
        return owned[key]


def line_id_items(doc: Document) -> dict[str, list[Element]]:
    """``xsl:key name="k_lineId" match="cac:LineItem" use="cbc:ID"``: each line id value and
    the distinct line items indexed under it (a line item with two equal ids once)."""
    index = doc.cache.get("poacc:k_lineId")
    if index is None:
        index = {}
        tag = f"{{{NS['cbc']}}}ID"
        for item in doc.root.iter(f"{{{NS['cac']}}}LineItem"):
            for child in item:
                if child.tag == tag:
                    same = index.setdefault(string_value(child), [])
                    if not same or same[-1] is not item:
                        same.append(item)
        doc.cache["poacc:k_lineId"] = index
    return index


def line_id_unique(doc: Document, item: Element) -> bool:
    """``count(key('k_lineId', cbc:ID)) = 1`` for a ``cac:LineItem``: ``key()`` returns the
    distinct items under any of the item's id values."""
    index = line_id_items(doc)
    values = {string_value(i) for i in every(item, "cbc:ID")}
    if len(values) == 1:
        return len(index.get(values.pop(), ())) == 1
    return len({id(found) for v in values for found in index.get(v, ())}) == 1
