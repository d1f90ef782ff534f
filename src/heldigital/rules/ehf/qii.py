"""EHF Qualified Item Information G1 (``EHF-QII-G1-R000001`` … ``R004130``): one table family.

The EHF catalogue, punch-out, order agreement and order response include the generated
pattern ``_common/rules/qii/<format>_3x_pattern.sch``: for an item classified with an EHF QII
code (``cac:CommodityClassification/cbc:ItemClassificationCode[@listID = 'ZZZ']``), which
properties it must have, how long they may be, which codes, units and ranges they take. The
rules are the same for every format, only the path of the item differs (:data:`ITEM_PATHS`).
``scripts/gen_ehf_qii.py`` reads them into :mod:`.qii_g1`: per Schematron rule, in pattern
order, ``(group kind, code, steps, assertions)`` where

* the group is ``("eq", code)`` (the item has a ZZZ classification code equal to ``code``) or
  ``("starts", prefix)`` (one starting with ``prefix``: the last rule, against codes that
  mimic QII codes);
* ``steps`` lead from the item to the context element, each ``(name, predicate)`` with the
  predicate ``None``, ``("code", listID, value)`` (a classification code with that list and
  value) or ``("namecode", listID, value)`` (an additional property whose ``cbc:NameCode``
  has that list and value);
* an assertion is ``(id, kind, *arguments, message)``; the kinds are documented in
  :func:`_holds`.

As in the compiled Schematron, every element is judged by the first rule of the pattern whose
context it matches (a rule without assertions still claims its elements). One pass per
document evaluates every rule (cached in ``Document.cache``); the data module is imported on
first use. Every rule is fatal.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from lxml import etree

from heldigital.rules.core import NS, Document, Element, Registry, Rule, Severity
from heldigital.rules.xpath import castable_date, normalize_space, xs_decimal

__all__ = ["COUNT", "ITEM_PATHS", "RULE_IDS", "QiiRegistry"]

#: The number of assertions of the G1 pattern (ids ``EHF-QII-G1-R000001`` … in order).
COUNT = 4130
RULE_IDS = tuple(f"EHF-QII-G1-R{n:06d}" for n in range(1, COUNT + 1))

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"
_UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
#: The item of each format: (document element, …, cac:Item) as Clark tags.
ITEM_PATHS: dict[str, tuple[str, ...]] = {
    "catalogue": (f"{{{_UBL}Catalogue-2}}Catalogue", _CAC + "CatalogueLine", _CAC + "Item"),
    "order_agreement": (
        f"{{{_UBL}OrderResponse-2}}OrderResponse",
        _CAC + "OrderLine",
        _CAC + "LineItem",
        _CAC + "Item",
    ),
    "order_response": (
        f"{{{_UBL}OrderResponse-2}}OrderResponse",
        _CAC + "OrderLine",
        _CAC + "SellerSubstitutedLineItem",
        _CAC + "Item",
    ),
}


def _clark(name: str) -> str:
    prefix, _, local = name.partition(":")
    return "{" + NS[prefix] + "}" + local


@cache
def _rules() -> tuple[tuple[Any, ...], ...]:
    """The rules with Clark names: (group kind, code, steps, assertions)."""
    from heldigital.rules.ehf.qii_g1 import RULES

    built = []
    for kind, code, steps, assertions in RULES:
        clark_steps = tuple((_clark(name), predicate) for name, predicate in steps)
        clark_assertions = []
        for rid, test, *rest in assertions:
            args: list[Any] = list(rest)
            if test.startswith(("child", "only")):
                # the first argument names the child element(s)
                first: Any = args[0]
                args[0] = tuple(map(_clark, first)) if test == "only" else _clark(first)
            clark_assertions.append((rid, test, *args))
        built.append((kind, code, clark_steps, tuple(clark_assertions)))
    return tuple(built)


def _first(el: Element, tag: str) -> Element | None:
    return next(el.iterchildren(tag), None)


def _value(el: Element, tag: str) -> str:
    """``normalize-space(tag)`` of the first such child ('' when absent)."""
    child = _first(el, tag)
    return normalize_space(child) if child is not None else ""


def _holds(el: Element, kind: str, args: tuple[Any, ...]) -> bool:
    """Whether the assertion of ``kind`` holds on context element ``el``."""
    if kind == "child":  # the child element exists
        return _first(el, args[0]) is not None
    if kind == "self_nonempty":  # normalize-space()
        return normalize_space(el) != ""
    if kind == "self_maxlen":
        value = normalize_space(el)
        return not value or len(value) <= int(args[0])
    if kind == "self_date":
        value = normalize_space(el)
        return not value or castable_date(value)
    if kind == "child_eq":  # normalize-space(child) = 'value'
        return bool(_value(el, args[0]) == args[1])
    if kind == "child_nonempty":
        return _value(el, args[0]) != ""
    if kind == "only":  # count(*) = count(a[1] | b[1] | …)
        children = list(el.iterchildren(etree.Element))
        allowed = {_first(el, name) for name in args[0]} - {None}
        return len(children) == len(allowed)
    if kind == "child_decimal":
        value = _value(el, args[0])
        return not value or xs_decimal(value) is not None
    if kind == "child_attr_in":  # child/@attribute = ('a', 'b', …), any child
        return any(c.get(args[1]) in args[2] for c in el.iterchildren(args[0]))
    if kind == "child_maxlen":
        value = _value(el, args[0])
        return not value or len(value) <= int(args[1])
    if kind == "child_in":
        value = _value(el, args[0])
        return not value or value in args[1]
    if kind in ("child_le", "child_ge"):
        # xs:decimal() of a value that is not a decimal stops the official stylesheet: the
        # document is rejected, so it fails here too
        value = _value(el, args[0])
        if not value:
            return True
        number = xs_decimal(value)
        if number is None:
            return False
        limit = Decimal(args[1])
        return number <= limit if kind == "child_le" else number >= limit
    if kind == "false":
        return False
    raise ValueError(f"unknown QII assertion kind {kind!r}")  # pragma: no cover


def _codes(item: Element) -> list[str]:
    """The item's ``ItemClassificationCode[@listID = 'ZZZ']`` values, normalised."""
    return [
        normalize_space(code)
        for cc in item.iterchildren(_CAC + "CommodityClassification")
        for code in cc.iterchildren(_CBC + "ItemClassificationCode")
        if code.get("listID") == "ZZZ"
    ]


def _step_matches(el: Element, predicate: tuple[str, str, str] | None) -> bool:
    if predicate is None:
        return True
    kind, list_id, value = predicate
    if kind == "code":
        return el.get("listID") == list_id and normalize_space(el) == value
    return any(
        c.get("listID") == list_id and normalize_space(c) == value
        for c in el.iterchildren(_CBC + "NameCode")
    )


def hits(doc: Document, fmt: str) -> dict[str, list[Element]]:
    """Every QII rule broken in ``doc`` (items at the path of format ``fmt``): id -> elements."""
    key = f"ehf.qii:{fmt}"
    found: dict[str, list[Element]] | None = doc.cache.get(key)
    if found is not None:
        return found
    found = {}
    path = ITEM_PATHS[fmt]
    rules = _rules()
    for item in doc.all(path[-1]):
        node = item.getparent()
        for tag in reversed(path[:-1]):
            if node is None or node.tag != tag:
                break
            node = node.getparent()
        else:
            codes = _codes(item)
            if not codes:
                continue
            claimed: dict[Element, int] = {}
            order: list[Element] = []
            for index, (kind, code, steps, _assertions) in enumerate(rules):
                if kind == "eq" and code not in codes:
                    continue
                if kind == "starts" and not any(c.startswith(code) for c in codes):
                    continue
                current = [item]
                for tag, predicate in steps:
                    current = [
                        c
                        for el in current
                        for c in el.iterchildren(tag)
                        if _step_matches(c, predicate)
                    ]
                for el in current:
                    if el not in claimed:
                        claimed[el] = index
                        order.append(el)
            for el in order:
                for rid, kind, *args in rules[claimed[el]][3]:
                    if not _holds(el, kind, tuple(args[:-1])):
                        found.setdefault(rid, []).append(el)
    doc.cache[key] = found
    return found


class QiiRegistry(Registry):
    """The QII rules for the items of one format, built on first use."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"ehf-qii-{fmt}")
        self.format = fmt
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        fmt = self.format
        context = frozenset({ITEM_PATHS[fmt][-1]})
        for _kind, _code, _steps, assertions in _rules():
            for rid, _test, *args in assertions:

                def check(doc: Document, rid: str = rid) -> Iterator[Element]:
                    yield from hits(doc, fmt).get(rid, ())

                self.add(Rule(rid, Severity.FATAL, args[-1], check, context))

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
