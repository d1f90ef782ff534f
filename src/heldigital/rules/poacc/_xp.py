"""XPath 2.0 / Schematron semantics the post-award rules rely on, in plain Python.

The official rules (OpenPEPPOL/poacc-upgrade-3, ``rules/sch``) are ISO
Schematron with the XSLT 2 query binding. Two things of that model matter
for a faithful translation and are provided here:

* **Patterns.** A Schematron *pattern* is a list of rules; a node is checked
  by the *first* rule of the pattern whose context matches it (the skeleton
  gives rules falling priorities in document order), never by a later one.
  :class:`Pattern` computes, once per document, which nodes each rule of a
  pattern owns (cached in ``Document.cache``).
* **Values.** ``xs:decimal`` casts, ``number()``, ``round()`` (half towards
  positive infinity), ``normalize-space()`` and the string value of a node,
  where an absent value is the empty sequence (``None`` here): arithmetic
  with it is empty and every comparison with it is false.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from lxml import etree

from heldigital.rules.core import NS, Document, Element

__all__ = [
    "Pattern",
    "contains",
    "dec",
    "dec_or",
    "every",
    "first",
    "has",
    "nspace",
    "num",
    "round2",
    "slack",
    "sv",
    "xround",
]

_DECIMAL_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_HUNDRED = Decimal(100)
_HALF = Decimal("0.5")


def sv(node: Element | None) -> str:
    """The XPath string value of an element (its descendant text, comments excluded)."""
    if node is None:
        return ""
    if len(node) == 0:
        return node.text or ""
    return "".join(node.itertext())


def nspace(value: str | Element | None) -> str:
    """``normalize-space()``: XML whitespace (space, tab, CR, LF) collapsed and trimmed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = sv(value)
    return _XML_SPACE.sub(" ", value).strip(" \t\r\n")


def contains(haystack: str, needle: str) -> bool:
    """XPath ``contains()``: a substring test (the empty string is in every string)."""
    return needle in haystack


def dec(value: str | Element | None) -> Decimal | None:
    """``xs:decimal(.)``: the decimal, or None for an absent or non-decimal value.

    The cast trims XML whitespace and accepts no exponent. The official rule
    would stop with a dynamic error on a non-decimal value; here the value is
    simply absent, so the assertion that needs it fails.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        value = sv(value)
    value = value.strip(" \t\r\n")
    if not _DECIMAL_RE.fullmatch(value):
        return None
    return Decimal(value)


def dec_or(node: Element | None, default: Decimal | int) -> Decimal | None:
    """``if (x) then xs:decimal(x) else default``."""
    if node is None:
        return Decimal(default)
    return dec(node)


def num(value: str | Element | None) -> Decimal | None:
    """``number(.)`` (an ``xs:double`` cast): None stands for NaN, which compares false."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = sv(value)
    value = value.strip(" \t\r\n")
    if not _DOUBLE_RE.fullmatch(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def xround(value: Decimal | None) -> Decimal | None:
    """XPath 2.0 ``round()``: to the nearest integer, halves towards positive infinity."""
    if value is None:
        return None
    return (value + _HALF).to_integral_value(rounding=ROUND_FLOOR)


def round2(value: Decimal | None) -> Decimal | None:
    """``round(x * 10 * 10) div 100``: two decimals, halves towards positive infinity."""
    rounded = xround(None if value is None else value * _HUNDRED)
    return None if rounded is None else rounded / _HUNDRED


def dsum(values: Iterable[Decimal | None]) -> Decimal | None:
    """``sum(x/xs:decimal(.))``: None when any item is not a decimal."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def slack(expected: Decimal | None, value: Decimal | None, tolerance: Decimal) -> bool:
    """``u:slack($exp, $val, $slack)`` of the official functions (``parts/function/slack.xml``)."""
    if expected is None or value is None:
        return False
    return expected + tolerance >= value and expected - tolerance <= value


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
                    same = index.setdefault(sv(child), [])
                    if not same or same[-1] is not item:
                        same.append(item)
        doc.cache["poacc:k_lineId"] = index
    return index


def line_id_unique(doc: Document, item: Element) -> bool:
    """``count(key('k_lineId', cbc:ID)) = 1`` for a ``cac:LineItem``: ``key()`` returns the
    distinct items under any of the item's id values."""
    index = line_id_items(doc)
    values = {sv(i) for i in every(item, "cbc:ID")}
    if len(values) == 1:
        return len(index.get(values.pop(), ())) == 1
    return len({id(found) for v in values for found in index.get(v, ())}) == 1
