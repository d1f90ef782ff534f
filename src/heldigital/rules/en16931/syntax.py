"""EN 16931 syntax rules of the UBL binding: ``UBL-CR-*``, ``UBL-SR-*`` and ``UBL-DT-*``.

Source: CEN/TS 16931-3-2 (UBL syntax binding) as implemented by the CEN/TC 434
validation artefacts, ``ubl/schematron/UBL/EN16931-UBL-syntax.sch`` (the
parameters) and ``ubl/schematron/abstract/EN16931-syntax.sch`` (contexts,
flags, messages) of ConnectingEurope/eInvoicing-EN16931.

* ``UBL-CR-*`` (678 rules, almost all warnings): UBL elements the core
  invoice model does not use, each tested as ``not(PATH)`` on the document
  root. They are data (:data:`.syntax_table.UBL_CR`); a factory registers one
  check per official id, and one walk per document serves them all: the
  elements whose name ends a forbidden path (or, for names found in every
  line such as ``cbc:ID``, the element above) are fetched in one pass (lxml's
  tag filter in C for large documents) and matched against the paths; every
  rule then looks its id up in the per-document set of hits.
* ``UBL-SR-*`` (syntax restrictions): cardinalities the UBL schema allows but
  the semantic model does not ("shall occur maximum once").
* ``UBL-DT-*`` (data types): amounts with at most two decimals, binary
  objects with mime code and file name, and supplementary attributes that
  should not be used.

XPath 2.0 semantics the official rules rely on and which are kept here:
general comparisons are existential (``A != B`` is true when *some* pair
differs, false when either side is empty); ``cbc:ChargeIndicator = false()``
casts the element's value to ``xs:boolean`` (``true``/``1``, ``false``/``0``);
``upper-case(())`` is the empty string.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from heldigital.rules import ubl21_model
from heldigital.rules.core import ATTRIBUTE_COUNTS, NS, Document
from heldigital.rules.en16931._registry import REGISTRY, rule
from heldigital.rules.en16931.syntax_index import elements, index_tags
from heldigital.rules.en16931.syntax_table import UBL_CR
from heldigital.rules.xpath import string_value

__all__ = ["UBL_CR", "charge_indicator_is", "cr_hits", "elements", "string_value"]

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"
_EXT = "{" + NS["ext"] + "}"
INVOICE = "{" + NS["ubl"] + "}Invoice"
CREDIT_NOTE = "{" + NS["cn"] + "}CreditNote"
_ROOTS = frozenset({INVOICE, CREDIT_NOTE})

Element = etree._Element


# -- small helpers with XPath semantics ----------------------------------------------------


def _boolean_is(el: Element, value: bool) -> bool:
    """``cbc:ChargeIndicator = true()/false()`` in XPath 2.0 for one indicator element."""
    text = string_value(el).strip(" \t\r\n")
    return text in (("true", "1") if value else ("false", "0"))


def charge_indicator_is(allowance_charge: Element, value: bool) -> bool:
    """``cac:AllowanceCharge[cbc:ChargeIndicator = VALUE()]``: some indicator casts to VALUE."""
    return any(
        _boolean_is(ind, value) for ind in allowance_charge.iterfind(_CBC + "ChargeIndicator")
    )


@functools.cache
def _clark_path(path: str) -> str:
    """An ElementPath with ``cac:``/``cbc:`` prefixes in Clark notation.

    lxml caches compiled paths by path *and* namespace map; a Clark path without a map is
    the cheap key.
    """
    return re.sub(r"\b(cac|cbc|ext):", lambda m: "{" + NS[m.group(1)] + "}", path)


@functools.cache
def _child_steps(path: str) -> tuple[tuple[str, str | None], ...]:
    """A child-only path (``cac:A/cbc:B[@name]``) as (Clark tag, required attribute) steps."""
    steps = []
    for step in path.split("/"):
        name, _, predicate = step.partition("[@")
        steps.append((_clark(name), predicate.rstrip("]") or None))
    return tuple(steps)


def _count(el: Element, path: str) -> int:
    """``count(PATH)`` for a child-only path, without the ElementPath machinery."""
    nodes = [el]
    for tag, attribute in _child_steps(path):
        nodes = [
            child
            for node in nodes
            for child in node.iterchildren(tag)
            if attribute is None or child.get(attribute) is not None
        ]
        if not nodes:
            return 0
    return len(nodes)


def _invoice_root(doc: Document) -> Element | None:
    """The root when it is ``/ubl:Invoice | /cn:CreditNote`` (the root rule context)."""
    root = doc.root
    return root if root.tag in _ROOTS else None


def _upper_id(tax_scheme: Element) -> str:
    """``cac:TaxScheme/upper-case(cbc:ID)`` for one tax scheme (empty when no ID)."""
    ident = tax_scheme.find(_CBC + "ID")
    return "" if ident is None else string_value(ident).upper()


# -- UBL-CR: one walk serves the 678 "shall not include" rules --------------------------------


@dataclass(frozen=True, slots=True)
class _Path:
    """One forbidden path: element steps (Clark names), optional attribute, anchoring."""

    rule_id: str
    steps: tuple[str, ...]
    attr: str | None
    anchored: bool  # relative to the root (True) or anywhere (``//``, False)


_PREFIX = {"cac": _CAC, "cbc": _CBC, "ext": _EXT}


def _clark(step: str) -> str:
    prefix, _, local = step.partition(":")
    return _PREFIX[prefix] + local


def _parse_path(rule_id: str, path: str) -> list[_Path]:
    """Parse the table's path notation (a subset of XPath) into one or more paths."""
    anchored = not path.startswith("//")
    path = path.removeprefix("//")
    alternatives = [""]
    if path.startswith("("):
        union, _, path = path[1:].partition(")/")
        alternatives = [alt + "/" for alt in union.split("|")]
    parsed = []
    for alt in alternatives:
        steps = (alt + path).split("/")
        attr = steps.pop()[1:] if steps[-1].startswith("@") else None
        parsed.append(_Path(rule_id, tuple(_clark(s) for s in steps), attr, anchored))
    return parsed


#: Element names that occur in every invoice line. A forbidden path ending in one of them
#: (``cac:Contact/cbc:ID``) is looked for from its parent step instead, which is rare.
_COMMON_LEAVES = frozenset(
    _CBC + name
    for name in (
        "ID",
        "Name",
        "Description",
        "Note",
        "Percent",
        "AccountingCost",
        "IdentificationCode",
        "CompanyID",
        "Amount",
        "BaseAmount",
        "IssueDate",
        "DocumentTypeCode",
    )
)

_Index = dict[str, dict[str, tuple[_Path, ...]]]


@dataclass(frozen=True)
class _CrIndex:
    """Where the walk looks for each forbidden path.

    * ``root_children[tag]``: one-step paths, checked on the root's children;
    * ``by_leaf[leaf][parent tag]`` (``""``: any other parent): paths found from their last
      element, with the ``//x`` paths merged into every entry;
    * ``by_parent[parent][child tag]``: paths ending in a common element, found from the
      step above it;
    * ``attributes``: ``//@name`` paths, found by the attribute scan.
    """

    root_children: dict[str, tuple[_Path, ...]]
    by_leaf: _Index
    by_parent: _Index
    attributes: dict[str, str]

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(set(self.by_leaf) | set(self.by_parent))


def _build_index(table: Iterable[tuple[str, str]]) -> _CrIndex:
    root_children: dict[str, list[_Path]] = {}
    below: dict[str, dict[str, list[_Path]]] = {}
    anywhere: dict[str, list[_Path]] = {}
    by_parent: dict[str, dict[str, list[_Path]]] = {}
    attributes: dict[str, str] = {}
    for rule_id, path in table:
        if path.startswith("!"):
            continue
        if path.startswith("//@"):
            attributes[path[3:]] = rule_id
            continue
        for parsed in _parse_path(rule_id, path):
            steps = parsed.steps
            if len(steps) == 1:
                target = root_children if parsed.anchored else anywhere
                target.setdefault(steps[0], []).append(parsed)
            elif steps[-1] in _COMMON_LEAVES:
                by_parent.setdefault(steps[-2], {}).setdefault(steps[-1], []).append(parsed)
            else:
                below.setdefault(steps[-1], {}).setdefault(steps[-2], []).append(parsed)
    by_leaf: _Index = {}
    for leaf in set(below) | set(anywhere):
        everywhere = anywhere.get(leaf, [])
        merged = {tag: tuple(paths + everywhere) for tag, paths in below.get(leaf, {}).items()}
        merged[""] = tuple(everywhere)
        by_leaf[leaf] = merged
    return _CrIndex(
        {tag: tuple(paths) for tag, paths in root_children.items()},
        by_leaf,
        {tag: {c: tuple(p) for c, p in children.items()} for tag, children in by_parent.items()},
        attributes,
    )


_INDEX = _build_index(UBL_CR)
_WALK_TAGS = _INDEX.tags
_WALK_SET = frozenset(_WALK_TAGS)


def _upwards(node: Element, steps: tuple[str, ...], anchored: bool, root: Element) -> bool:
    """Whether ``node`` matched the step after ``steps`` and its ancestors spell ``steps``.

    For a path anchored at the root, the topmost step must be a child of the root.
    """
    current: Element | None = node
    for step in reversed(steps):
        current = current.getparent() if current is not None else None
        if current is None or current.tag != step:
            return False
    return not anchored or (current is not None and current.getparent() is root)


def _walk(doc: Document, root: Element, found: set[str]) -> None:
    """Every plain UBL-CR path in the document; adds the rule ids found.

    Only the elements that can end a forbidden path are visited, taken from the shared
    element index (so a document without any of them costs a set intersection).
    """
    index = _INDEX
    for child in root:
        for path in index.root_children.get(child.tag, ()):
            if path.attr is None or child.get(path.attr) is not None:
                found.add(path.rule_id)
    by_leaf, by_parent = index.by_leaf, index.by_parent
    by_tag = doc.by_tag()
    for el in (el for tag in _WALK_SET & by_tag.keys() for el in by_tag[tag]):
        tag = el.tag
        below = by_parent.get(tag)
        if below is not None:
            for child in el:
                for path in below.get(child.tag, ()):
                    if (
                        path.rule_id not in found
                        and (path.attr is None or child.get(path.attr) is not None)
                        and _upwards(el, path.steps[:-2], path.anchored, root)
                    ):
                        found.add(path.rule_id)
        leaf = by_leaf.get(tag)
        if leaf is not None:
            parent = el.getparent()
            if parent is None:
                continue
            # below the root only ``//x`` paths remain (anchored ones are root_children's)
            candidates = leaf[""] if parent is root else (leaf.get(parent.tag) or leaf[""])
            for path in candidates:
                if (
                    path.rule_id not in found
                    and (path.attr is None or el.get(path.attr) is not None)
                    and (len(path.steps) == 1 or _upwards(el, path.steps[:-1], path.anchored, root))
                ):
                    found.add(path.rule_id)


def _ubl_version(doc: Document) -> bool:
    """UBL-CR-002 fails: ``not(cbc:UBLVersionID) or cbc:UBLVersionID = '2.1'`` is false."""
    versions = doc.root.findall(_CBC + "UBLVersionID")
    return bool(versions) and all(string_value(v) != "2.1" for v in versions)


def _payment_due_date(doc: Document) -> bool:
    """UBL-CR-412 fails: ``not(cac:PaymentMeans/cbc:PaymentDueDate) or ../cn:CreditNote``
    is false (a due date in the payment means is for credit notes only)."""
    if doc.root.tag == CREDIT_NOTE:
        return False
    return doc.root.find(f"{_CAC}PaymentMeans/{_CBC}PaymentDueDate") is not None


def _type_codes(reference: Element) -> list[str]:
    return [string_value(c) for c in reference.iterfind(_CBC + "DocumentTypeCode")]


def _other_object_scheme(doc: Document) -> bool:
    """UBL-CR-665 fails: an ``AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or
    not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID`` exists."""
    for ref in elements(doc, _CAC + "AdditionalDocumentReference"):
        codes = _type_codes(ref)
        other = not codes or any(code != "130" for code in codes)
        if other and any(i.get("schemeID") is not None for i in ref.iterfind(_CBC + "ID")):
            return True
    return False


def _object_reference_with(child: str) -> Callable[[Document], bool]:
    """UBL-CR-666/673 fail: ``//cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']``
    has ``CHILD``."""

    def check(doc: Document) -> bool:
        return any(
            "130" in _type_codes(ref) and ref.find(child) is not None
            for ref in elements(doc, _CAC + "AdditionalDocumentReference")
        )

    return check


_CR_SPECIAL: dict[str, Callable[[Document], bool]] = {
    "ubl_version": _ubl_version,
    "payment_due_date": _payment_due_date,
    "other_object_scheme": _other_object_scheme,
    "object_attachment": _object_reference_with(_CAC + "Attachment"),
    "object_description": _object_reference_with(_CBC + "DocumentDescription"),
}


_CR_KEY = "en16931.ubl-cr"


def cr_hits(doc: Document) -> frozenset[str]:
    """The ids of the UBL-CR rules that fire on ``doc`` (computed once, cached on the document)."""
    hits: frozenset[str] | None = doc.cache.get(_CR_KEY)
    if hits is not None:
        return hits
    found: set[str] = set()
    root = _invoice_root(doc)
    if root is not None:
        _walk(doc, root, found)
        attributes = _INDEX.attributes
        for name in _attribute_names(doc):
            if name in attributes:
                found.add(attributes[name])
        for rule_id, path in _SPECIAL_ROWS:
            if _CR_SPECIAL[path[1:]](doc):
                found.add(rule_id)
    hits = frozenset(found)
    doc.cache[_CR_KEY] = hits
    return hits


_SPECIAL_ROWS = tuple(row for row in UBL_CR if row[1].startswith("!"))


#: Prefix of the facts (:meth:`~heldigital.rules.core.Registry.facts`) naming the UBL-CR
#: rules that fire on a document.
_CR_FACT = "@cr:"


@REGISTRY.facts
def _cr_facts(doc: Document) -> Iterator[str]:
    """``@cr:<id>`` for each UBL-CR rule that fires (:func:`cr_hits`, one walk): each rule's
    context is its own fact, so :meth:`~heldigital.rules.core.RuleSet.run` calls only the
    rules that fire rather than the ~80 whose elements a typical invoice has."""
    for rule_id in cr_hits(doc):
        yield _CR_FACT + rule_id


def _register_cr(rule_id: str, path: str) -> None:
    def check(doc: Document) -> tuple[Element, ...]:
        hits = doc.cache.get(_CR_KEY)
        if hits is None:
            hits = cr_hits(doc)
        return (doc.root,) if rule_id in hits else ()

    check.__name__ = check.__qualname__ = rule_id.lower().replace("-", "_")
    check.__doc__ = f"The document shall not contain ``{path}`` (CEN UBL binding)."
    REGISTRY.rule(rule_id, context=(_CR_FACT + rule_id,))(check)


for _row in UBL_CR:
    _register_cr(*_row)


# -- one scan of the attributes serves UBL-DT-08..28 and UBL-CR-663 ---------------------------

#: Attributes that UBL uses all the time and no rule here looks for anywhere; leaving
#: them out of the XPath keeps the scan's result small.
_ATTRIBUTE_SCAN = etree.XPath(
    "//@*[not(name()='currencyID' or name()='unitCode' or name()='schemeID' or name()='listID'"
    " or name()='mimeCode' or name()='filename')]",
    smart_strings=True,
)


def _attribute_scan(doc: Document) -> list[tuple[str, Element]]:
    """(Clark name, owner element) of every attribute except the common ones above."""
    scan: list[tuple[str, Element]] | None = doc.cache.get("en16931.attributes")
    if scan is None:
        results: Any = _ATTRIBUTE_SCAN(doc.root)  # smart strings: attrname, getparent()
        scan = [(value.attrname, value.getparent()) for value in results]
        doc.cache["en16931.attributes"] = scan
    return scan


#: The attribute names the scan above leaves out (no namespace: XPath ``name()`` is the name).
_COMMON_ATTRIBUTES = frozenset(
    ("currencyID", "unitCode", "schemeID", "listID", "mimeCode", "filename")
)


def _attribute_names(doc: Document) -> frozenset[str]:
    """The names :func:`_attribute_scan` gives: from the structure check's pass over a valid
    document when it ran (:data:`~heldigital.rules.core.ATTRIBUTE_COUNTS`), else the scan."""
    names: frozenset[str] | None = doc.cache.get("en16931.attribute-names")
    if names is None:
        counts: dict[str, int] | None = doc.cache.get(ATTRIBUTE_COUNTS)
        if counts is not None:
            names = counts.keys() - _COMMON_ATTRIBUTES
        else:
            names = frozenset(name for name, _owner in _attribute_scan(doc))
        doc.cache["en16931.attribute-names"] = names
    return names


#: Prefix of the facts naming the attributes of UBL-DT-08 … 28 that a document has.
_DT_FACT = "@dt:"
#: The attribute of each of those rules (filled below).
_DT_ATTRIBUTES: set[str] = set()


@REGISTRY.facts
def _dt_facts(doc: Document) -> Iterator[str]:
    """``@dt:<name>`` for each attribute a UBL-DT-08 … 28 rule forbids that an invoice or
    credit note has: each rule's context is its attribute's fact, so the twenty rules are
    called only when their attribute is there (one look at the attribute names)."""
    if _invoice_root(doc) is None:
        return
    for name in _attribute_names(doc) & _DT_ATTRIBUTES:
        yield _DT_FACT + name


def _dt_attribute(rule_id: str, attribute: str) -> None:
    def check(doc: Document) -> tuple[Element, ...]:
        if _invoice_root(doc) is None or attribute not in _attribute_names(doc):
            return ()
        return (doc.root,)

    check.__name__ = check.__qualname__ = rule_id.lower().replace("-", "_")
    check.__doc__ = f"Official test: ``not(//@{attribute})`` on the document root."
    _DT_ATTRIBUTES.add(attribute)
    REGISTRY.rule(rule_id, context=(_DT_FACT + attribute,))(check)


for _rule_id, _attribute in (
    ("UBL-DT-08", "schemeName"),
    ("UBL-DT-09", "schemeAgencyName"),
    ("UBL-DT-10", "schemeDataURI"),
    ("UBL-DT-11", "schemeURI"),
    ("UBL-DT-12", "format"),
    (
        "UBL-DT-13",
        "unitCodeListIdentifier",
    ),
    (
        "UBL-DT-14",
        "unitCodeListAgencyIdentifier",
    ),
    (
        "UBL-DT-15",
        "unitCodeListAgencyName",
    ),
    ("UBL-DT-16", "listAgencyName"),
    ("UBL-DT-17", "listName"),
    ("UBL-DT-19", "languageID"),
    ("UBL-DT-20", "listURI"),
    ("UBL-DT-21", "listSchemeURI"),
    ("UBL-DT-22", "languageLocaleID"),
    ("UBL-DT-23", "uri"),
    (
        "UBL-DT-24",
        "currencyCodeListVersionID",
    ),
    ("UBL-DT-25", "characterSetCode"),
    ("UBL-DT-26", "encodingCode"),
    ("UBL-DT-27", "schemeAgencyID"),
    ("UBL-DT-28", "listAgencyID"),
):
    _dt_attribute(_rule_id, _attribute)


@rule("UBL-DT-18")
def ubl_dt_18(doc: Document) -> Iterable[Element]:
    """Name attribute should not be present (except the payment means text, BT-82).

    Official test: ``count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0``.
    """
    if _invoice_root(doc) is None:
        return ()
    if "name" not in _attribute_names(doc):
        return ()
    pmc = _CBC + "PaymentMeansCode"
    counts: dict[str, int] | None = doc.cache.get(ATTRIBUTE_COUNTS)
    if counts is not None:  # the counts of the structure pass: no scan
        on_codes = sum(el.get("name") is not None for el in doc.all(pmc))
        return (doc.root,) if counts["name"] - on_codes > 0 else ()
    if any(name == "name" and owner.tag != pmc for name, owner in _attribute_scan(doc)):
        return (doc.root,)
    return ()


# -- UBL-DT-01/06/07: amounts and binary objects ------------------------------------------------


def _global_elements(suffixes: tuple[str, ...], exclude: str) -> tuple[str, ...]:
    """Clark names of the UBL 2.1 global elements whose name ends with one of ``suffixes``."""
    names = []
    for qualified in ubl21_model.ELEMENTS:
        index, _, local = qualified.partition(":")
        if local.endswith(suffixes) and not local.endswith(exclude):
            names.append("{" + ubl21_model.NAMESPACES[int(index)] + "}" + local)
    return tuple(names)


_AMOUNT_TAGS = _global_elements(("Amount",), "PriceAmount")
_BINARY_TAGS = _global_elements(("BinaryObject",), "\0")
_KNOWN = frozenset(_AMOUNT_TAGS + _BINARY_TAGS)
_LINE_TAGS = (_CAC + "InvoiceLine", _CAC + "CreditNoteLine")

index_tags(
    *_AMOUNT_TAGS,
    *_BINARY_TAGS,
    *_LINE_TAGS,
    _EXT + "UBLExtensions",
    _CBC + "PaymentID",
    _CBC + "PaymentMeansCode",
    *(
        _CAC + name
        for name in (
            "AdditionalDocumentReference",
            "AccountingSupplierParty",
            "Address",
            "AllowanceCharge",
            "BillingReference",
            "Delivery",
            "PartyTaxScheme",
            "PayeeParty",
            "PaymentMeans",
            "PostalAddress",
            "TaxRepresentativeParty",
            "TaxSubtotal",
        )
    ),
)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _typed_elements(doc: Document) -> tuple[list[Element], list[Element]]:
    """(amount elements, binary object elements) in the sense of the official contexts.

    ``//*[ends-with(name(), 'Amount') and not(ends-with(name(),'PriceAmount'))]`` and
    ``//*[ends-with(name(), 'BinaryObject')]``: the UBL elements of that name are found in
    one C-level pass; elements of other vocabularies can only sit in extension content,
    which is walked in full.
    """
    found = doc.cache.get("en16931.typed")
    if found is None:
        amounts: list[Element] = []
        binaries: list[Element] = []
        by_tag = doc.by_tag()
        present = [tag for tag in _TYPED_TAGS if tag in by_tag]  # the few in the document
        for el in elements(doc, *present) if present else ():
            tag = el.tag
            if tag in _KNOWN:
                (binaries if tag.endswith("BinaryObject") else amounts).append(el)
                continue
            for inner in el.iter():
                if not isinstance(inner.tag, str) or inner.tag in _KNOWN:
                    continue
                name = _local(inner.tag)
                if name.endswith("Amount") and not name.endswith("PriceAmount"):
                    amounts.append(inner)
                elif name.endswith("BinaryObject"):
                    binaries.append(inner)
        found = (amounts, binaries)
        doc.cache["en16931.typed"] = found
    return found


_TYPED_TAGS = (*_AMOUNT_TAGS, *_BINARY_TAGS, _EXT + "UBLExtensions")


def _in_price_discount(el: Element) -> bool:
    """``ancestor::cac:Price/cac:AllowanceCharge``: some ancestor Price has an AllowanceCharge."""
    price = _CAC + "Price"
    for ancestor in el.iterancestors(price):
        if ancestor.find(_CAC + "AllowanceCharge") is not None:
            return True
    return False


@rule("UBL-DT-01")
def ubl_dt_01(doc: Document) -> Iterable[Element]:
    """Amounts shall be decimal up to two fraction digits.

    Context: every element whose name ends with ``Amount`` but not ``PriceAmount``,
    outside a price discount (``cac:Price/cac:AllowanceCharge``); test:
    ``string-length(substring-after(., '.')) <= 2``.
    """
    for el in _typed_elements(doc)[0]:
        _, dot, decimals = string_value(el).partition(".")
        if dot and len(decimals) > 2 and not _in_price_discount(el):
            yield el


@rule("UBL-DT-06")
def ubl_dt_06(doc: Document) -> Iterable[Element]:
    """Binary object elements (BT-125) shall contain the mime code attribute."""
    return [el for el in _typed_elements(doc)[1] if el.get("mimeCode") is None]


@rule("UBL-DT-07")
def ubl_dt_07(doc: Document) -> Iterable[Element]:
    """Binary object elements (BT-125) shall contain the file name attribute."""
    return [el for el in _typed_elements(doc)[1] if el.get("filename") is None]


# -- UBL-SR: syntax restrictions ------------------------------------------------------------------

_ROOT_MAX_ONCE: tuple[tuple[str, str], ...] = (
    (
        "UBL-SR-01",
        "cac:ContractDocumentReference/cbc:ID",
    ),
    (
        "UBL-SR-02",
        "cac:ReceiptDocumentReference/cbc:ID",
    ),
    (
        "UBL-SR-03",
        "cac:DespatchDocumentReference/cbc:ID",
    ),
    ("UBL-SR-05", "cac:PaymentTerms/cbc:Note"),
    ("UBL-SR-08", "cac:InvoicePeriod"),
    (
        "UBL-SR-09",
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    ),
    (
        "UBL-SR-10",
        "cac:AccountingSupplierParty/cac:Party/cac:PartyName/cbc:Name",
    ),
    (
        "UBL-SR-11",
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
    ),
    (
        "UBL-SR-14",
        "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyLegalForm",
    ),
    (
        "UBL-SR-15",
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
    ),
    (
        "UBL-SR-16",
        "cac:AccountingCustomerParty/cac:Party/cac:PartyIdentification/cbc:ID",
    ),
    (
        "UBL-SR-17",
        "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID",
    ),
    ("UBL-SR-24", "cac:Delivery"),
    ("UBL-SR-39", "cac:ProjectReference/cbc:ID"),
    (
        "UBL-SR-40",
        "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name",
    ),
    ("UBL-SR-45", "cac:PaymentMeans/cbc:PaymentDueDate"),
    (
        "UBL-SR-46",
        "cac:PaymentMeans/cbc:PaymentMeansCode[@name]",
    ),
    (
        "UBL-SR-49",
        "cac:InvoicePeriod/cbc:DescriptionCode",
    ),
    (
        "UBL-SR-54",
        "cac:PaymentMeans/cac:CardAccount",
    ),
    (
        "UBL-SR-55",
        "cac:PaymentMeans/cac:PaymentMandate",
    ),
    (
        "UBL-SR-56",
        "cac:OriginatorDocumentReference/cbc:ID",
    ),
)


def _root_max_once(rule_id: str, path: str) -> None:
    plain = tuple(tag for tag, attribute in _child_steps(path) if attribute is None)
    if len(plain) != len(_child_steps(path)):
        plain = ()  # a step with an attribute predicate: counted downwards

    def check(doc: Document) -> tuple[Element, ...]:
        root = _invoice_root(doc)
        if root is None:
            return ()
        count = len(doc.path(root, *plain)) if plain else _count(root, path)
        return (root,) if count > 1 else ()

    check.__name__ = check.__qualname__ = rule_id.lower().replace("-", "_")
    check.__doc__ = f"Official test on the document root: ``count({path}) <= 1``."
    # the count can only exceed one when the path's elements are in the document
    steps = [tag for tag, _attribute in _child_steps(path)]
    rare = [tag for tag in steps if tag not in _COMMON_LEAVES]
    context = frozenset({rare[-1] if rare else steps[-1]})
    REGISTRY.rule(rule_id, context=context)(check)


for _rule_id, _path in _ROOT_MAX_ONCE:
    _root_max_once(_rule_id, _path)


_SUPPLIER_TAX_SCHEME = (_CAC + "AccountingSupplierParty", _CAC + "Party", _CAC + "PartyTaxScheme")
_CUSTOMER_TAX_SCHEME = (_CAC + "AccountingCustomerParty", _CAC + "Party", _CAC + "PartyTaxScheme")


def _seller_tax_ids(doc: Document, vat: bool) -> list[Element]:
    """``cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/
    upper-case(cbc:ID) = 'VAT' (or != 'VAT')]/cbc:CompanyID`` (both kept per document)."""
    found: dict[bool, list[Element]] | None = doc.cache.get("en16931.seller-tax-ids")
    if found is None:
        found = {True: [], False: []}
        root = _invoice_root(doc)
        if root is not None:
            for scheme in doc.path(root, *_SUPPLIER_TAX_SCHEME):
                ids = [_upper_id(ts) for ts in scheme.iterchildren(_CAC + "TaxScheme")]
                for wanted in (True, False):
                    if any((value == "VAT") is wanted for value in ids):
                        found[wanted].extend(scheme.iterchildren(_CBC + "CompanyID"))
        doc.cache["en16931.seller-tax-ids"] = found
    return found[vat]


@rule("UBL-SR-04")
def ubl_sr_04(doc: Document) -> Iterable[Element]:
    """Invoice object identifier (BT-18) shall occur maximum once.

    ``count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID) <= 1``.
    """
    root = _invoice_root(doc)
    if root is None:
        return ()
    count = sum(
        len(ref.findall(_CBC + "ID"))
        for ref in root.iterfind(_CAC + "AdditionalDocumentReference")
        if "130" in _type_codes(ref)
    )
    return (root,) if count > 1 else ()


@rule("UBL-SR-12")
def ubl_sr_12(doc: Document) -> Iterable[Element]:
    """Seller VAT identifier (BT-31) shall occur maximum once.

    ``count(cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme
    [cac:TaxScheme/upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1``.
    """
    return (doc.root,) if len(_seller_tax_ids(doc, vat=True)) > 1 else ()


@rule("UBL-SR-13")
def ubl_sr_13(doc: Document) -> Iterable[Element]:
    """Seller tax registration identifier (BT-32) shall occur maximum once.

    ``count(cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme
    [cac:TaxScheme/upper-case(cbc:ID)!='VAT']/cbc:CompanyID) <= 1``.
    """
    return (doc.root,) if len(_seller_tax_ids(doc, vat=False)) > 1 else ()


@rule("UBL-SR-18")
def ubl_sr_18(doc: Document) -> Iterable[Element]:
    """Buyer VAT identifier (BT-48) shall occur maximum once.

    ``count(cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme
    [cac:TaxScheme/upper-case(cbc:ID)='VAT']/cbc:CompanyID) <= 1``.
    """
    root = _invoice_root(doc)
    if root is None:
        return ()
    count = 0
    for scheme in doc.path(root, *_CUSTOMER_TAX_SCHEME):
        if any(_upper_id(ts) == "VAT" for ts in scheme.iterchildren(_CAC + "TaxScheme")):
            count += len(scheme.findall(_CBC + "CompanyID"))
    return (root,) if count > 1 else ()


@rule("UBL-SR-29")
def ubl_sr_29(doc: Document) -> Iterable[Element]:
    """Bank assigned creditor identifier (BT-90) shall occur maximum once.

    ``count(//cac:PartyIdentification/cbc:ID[upper-case(@schemeID) = 'SEPA']) <= 1``.
    """
    root = _invoice_root(doc)
    if root is None:
        return ()
    count = sum(
        1
        for holder in elements(doc, _CAC + "PartyIdentification")
        if holder is not root
        for ident in holder.iterchildren(_CBC + "ID")
        if (ident.get("schemeID") or "").upper() == "SEPA"
    )
    return (root,) if count > 1 else ()


def _distinct_values(doc: Document, tag: str) -> int:
    """``count(//X[not(preceding::X/. = .)])``: the number of distinct string values of X."""
    return len({string_value(el) for el in elements(doc, tag)})


@rule("UBL-SR-44")
def ubl_sr_44(doc: Document) -> Iterable[Element]:
    """An Invoice may only have one unique Remittance information (BT-83, cbc:PaymentID).

    ``count(//cbc:PaymentID[not(preceding::cbc:PaymentID/. = .)]) <= 1``.
    """
    root = _invoice_root(doc)
    if root is None or _distinct_values(doc, _CBC + "PaymentID") <= 1:
        return ()
    return (root,)


@rule("UBL-SR-47")
def ubl_sr_47(doc: Document) -> Iterable[Element]:
    """When there are more than one Payment means type code (BT-81), they shall be equal.

    ``count(//cbc:PaymentMeansCode[not(preceding::cbc:PaymentMeansCode/. = .)]) <= 1``.
    """
    root = _invoice_root(doc)
    if root is None or _distinct_values(doc, _CBC + "PaymentMeansCode") <= 1:
        return ()
    return (root,)


def _anywhere(doc: Document, *tags: str) -> Iterable[Element]:
    """Every element of one of ``tags`` (a relative Schematron context matches anywhere)."""
    return elements(doc, *tags)


@rule(
    "UBL-SR-42",
    context=[_CAC + "AccountingSupplierParty"],
)
def ubl_sr_42(doc: Document) -> Iterable[Element]:
    """Party tax scheme shall occur maximum twice in the Seller (BG-4): BT-31 and BT-32.

    Context ``cac:AccountingSupplierParty/cac:Party``; ``count(cac:PartyTaxScheme) <= 2``.
    """
    for supplier in elements(doc, _CAC + "AccountingSupplierParty"):
        for party in supplier.iterfind(_CAC + "Party"):
            if len(party.findall(_CAC + "PartyTaxScheme")) > 2:
                yield party


@rule(
    "UBL-SR-33",
    context=[_CAC + "AdditionalDocumentReference"],
)
def ubl_sr_33(doc: Document) -> Iterable[Element]:
    """Supporting document description (BT-123) shall occur maximum once.

    Context ``cac:AdditionalDocumentReference``; ``count(cbc:DocumentDescription) <= 1``.
    """
    for ref in _anywhere(doc, _CAC + "AdditionalDocumentReference"):
        if len(ref.findall(_CBC + "DocumentDescription")) > 1:
            yield ref


@rule(
    "UBL-SR-43",
    context=[_CAC + "AdditionalDocumentReference"],
)
def ubl_sr_43(doc: Document) -> Iterable[Element]:
    """The scheme identifier of a document reference is only for the invoiced object (BT-18).

    Context ``cac:AdditionalDocumentReference``; test ``(cbc:DocumentTypeCode='130') or
    ((local-name(/*) = 'CreditNote') and (cbc:DocumentTypeCode='50')) or
    (not(cbc:ID/@schemeID) and not(cbc:DocumentTypeCode))``.
    """
    credit_note = etree.QName(doc.root).localname == "CreditNote"
    for ref in _anywhere(doc, _CAC + "AdditionalDocumentReference"):
        codes = _type_codes(ref)
        if "130" in codes or (credit_note and "50" in codes):
            continue
        has_scheme = any(i.get("schemeID") is not None for i in ref.iterfind(_CBC + "ID"))
        if not has_scheme and not codes:
            continue
        yield ref


@rule(
    "UBL-SR-25",
    context=[_CAC + "Delivery"],
)
def ubl_sr_25(doc: Document) -> Iterable[Element]:
    """Deliver to party name (BT-70) shall occur maximum once.

    Context ``cac:Delivery``; ``count(cac:DeliveryParty/cac:PartyName/cbc:Name) <= 1``.
    """
    for delivery in _anywhere(doc, _CAC + "Delivery"):
        if _count(delivery, "cac:DeliveryParty/cac:PartyName/cbc:Name") > 1:
            yield delivery


def _allowances_charges(doc: Document, charge: bool) -> Iterable[Element]:
    """The contexts ``cac:AllowanceCharge[cbc:ChargeIndicator = false()/true()]``.

    They follow each other in one pattern, so an element whose indicators say both (two
    indicators) is an allowance only: the first matching rule of a pattern wins.
    """
    for ac in _anywhere(doc, _CAC + "AllowanceCharge"):
        allowance = charge_indicator_is(ac, False)
        if allowance if not charge else (not allowance and charge_indicator_is(ac, True)):
            yield ac


@rule("UBL-SR-30")
def ubl_sr_30(doc: Document) -> Iterable[Element]:
    """Document level allowance reason (BT-97) shall occur maximum once.

    Context ``cac:AllowanceCharge[cbc:ChargeIndicator = false()]``;
    ``count(cbc:AllowanceChargeReason) <= 1``.
    """
    for ac in _allowances_charges(doc, charge=False):
        if len(ac.findall(_CBC + "AllowanceChargeReason")) > 1:
            yield ac


@rule("UBL-SR-31")
def ubl_sr_31(doc: Document) -> Iterable[Element]:
    """Document level charge reason (BT-104) shall occur maximum once.

    Context ``cac:AllowanceCharge[cbc:ChargeIndicator = true()]``;
    ``count(cbc:AllowanceChargeReason) <= 1``.
    """
    for ac in _allowances_charges(doc, charge=True):
        if len(ac.findall(_CBC + "AllowanceChargeReason")) > 1:
            yield ac


@rule(
    "UBL-SR-53",
    context=[_CAC + "PartyTaxScheme"],
)
def ubl_sr_53(doc: Document) -> Iterable[Element]:
    """CompanyID (VAT identifier) must be stated when providing PartyTaxScheme/TaxScheme/ID.

    Context ``cac:PartyTaxScheme``; ``exists(cac:TaxScheme/cbc:ID) and exists(cbc:CompanyID)``.
    """
    for scheme in _anywhere(doc, _CAC + "PartyTaxScheme"):
        has_id = scheme.find(f"{_CAC}TaxScheme/{_CBC}ID") is not None
        if not (has_id and scheme.find(_CBC + "CompanyID") is not None):
            yield scheme


_SELLER_NAME = _clark_path(
    "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
)


def _payee_differs(payee: Element) -> bool:
    """``(cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/
    cac:PartyLegalEntity/cbc:RegistrationName)``: some payee name differs from some seller name."""
    names = [string_value(n) for n in payee.iterfind(_clark_path("cac:PartyName/cbc:Name"))]
    parent = payee.getparent()
    seller: list[str] = []
    if parent is not None:
        seller = [string_value(n) for n in parent.iterfind(_SELLER_NAME)]
    return any(a != b for a in names for b in seller)


def _payee_rule(rule_id: str, count_ok: Callable[[Element], bool]) -> None:
    def check(doc: Document) -> list[Element]:
        return [
            payee
            for payee in _anywhere(doc, _CAC + "PayeeParty")
            if not (count_ok(payee) and _payee_differs(payee))
        ]

    check.__name__ = check.__qualname__ = rule_id.lower().replace("-", "_")
    check.__doc__ = (
        "Context ``cac:PayeeParty`` (BG-10); the count must be at most one and the"
        " payee name (BT-59) must differ from the seller name (BT-27), as the official test"
        " ``... and ((cac:PartyName/cbc:Name) != (../cac:AccountingSupplierParty/cac:Party/"
        "cac:PartyLegalEntity/cbc:RegistrationName))`` requires (false when either is absent)."
    )
    REGISTRY.rule(rule_id)(check)


_payee_rule(
    "UBL-SR-19",
    lambda p: _count(p, "cac:PartyName/cbc:Name") <= 1,
)
_payee_rule(
    "UBL-SR-20",
    lambda p: (
        sum(
            1
            for i in p.iterfind(_clark_path("cac:PartyIdentification/cbc:ID"))
            if (i.get("schemeID") or "").upper() != "SEPA"
        )
        <= 1
    ),
)
_payee_rule(
    "UBL-SR-21",
    lambda p: _count(p, "cac:PartyLegalEntity/cbc:CompanyID") <= 1,
)


@rule(
    "UBL-SR-22",
    context=[_CAC + "TaxRepresentativeParty"],
)
def ubl_sr_22(doc: Document) -> Iterable[Element]:
    """Seller tax representative name (BT-62) shall occur maximum once.

    Context ``cac:TaxRepresentativeParty``; ``count(cac:PartyName/cbc:Name) <= 1``.
    """
    for party in _anywhere(doc, _CAC + "TaxRepresentativeParty"):
        if _count(party, "cac:PartyName/cbc:Name") > 1:
            yield party


@rule(
    "UBL-SR-23",
    context=[_CAC + "TaxRepresentativeParty"],
)
def ubl_sr_23(doc: Document) -> Iterable[Element]:
    """Seller tax representative VAT identifier (BT-63) shall occur maximum once.

    Context ``cac:TaxRepresentativeParty``; the official test is
    ``count(cac:Party/cac:PartyTaxScheme/cbc:CompanyID) <= 1`` (a ``cac:Party`` below the
    representative, kept as written).
    """
    for party in _anywhere(doc, _CAC + "TaxRepresentativeParty"):
        if _count(party, "cac:Party/cac:PartyTaxScheme/cbc:CompanyID") > 1:
            yield party


@rule(
    "UBL-SR-26",
    context=[_CAC + "PaymentMeans"],
)
def ubl_sr_26(doc: Document) -> Iterable[Element]:
    """Remittance information (BT-83) shall occur maximum once per payment means.

    Context ``cac:PaymentMeans``; ``count(cbc:PaymentID) <= 1``.
    """
    for means in _anywhere(doc, _CAC + "PaymentMeans"):
        if len(means.findall(_CBC + "PaymentID")) > 1:
            yield means


@rule(
    "UBL-SR-27",
    context=[_CAC + "PaymentMeans"],
)
def ubl_sr_27(doc: Document) -> Iterable[Element]:
    """Payment means (BT-81/BT-82) shall occur maximum once per payment means.

    Context ``cac:PaymentMeans``; ``count(cbc:PaymentMeansCode) <= 1``.
    """
    for means in _anywhere(doc, _CAC + "PaymentMeans"):
        if len(means.findall(_CBC + "PaymentMeansCode")) > 1:
            yield means


@rule(
    "UBL-SR-28",
    context=[_CAC + "PaymentMeans"],
)
def ubl_sr_28(doc: Document) -> Iterable[Element]:
    """Mandate reference identifier (BT-89) shall occur maximum once.

    Context ``cac:PaymentMeans``; ``count(cac:PaymentMandate/cbc:ID) <= 1``.
    """
    for means in _anywhere(doc, _CAC + "PaymentMeans"):
        if _count(means, "cac:PaymentMandate/cbc:ID") > 1:
            yield means


@rule(
    "UBL-SR-06",
    context=[_CAC + "BillingReference"],
)
def ubl_sr_06(doc: Document) -> Iterable[Element]:
    """Preceding invoice reference (BT-25) shall occur maximum once per billing reference.

    Context ``cac:BillingReference``; ``count(cac:InvoiceDocumentReference) <= 1``.
    """
    for ref in _anywhere(doc, _CAC + "BillingReference"):
        if len(ref.findall(_CAC + "InvoiceDocumentReference")) > 1:
            yield ref


@rule(
    "UBL-SR-07",
    context=[_CAC + "BillingReference"],
)
def ubl_sr_07(doc: Document) -> Iterable[Element]:
    """A preceding invoice reference (BG-3) shall contain the preceding invoice number (BT-25).

    Context ``cac:BillingReference``; test ``(cac:InvoiceDocumentReference/cbc:ID)``.
    """
    for ref in _anywhere(doc, _CAC + "BillingReference"):
        if ref.find(f"{_CAC}InvoiceDocumentReference/{_CBC}ID") is None:
            yield ref


@rule(
    "UBL-SR-32",
    context=[_CAC + "TaxSubtotal"],
)
def ubl_sr_32(doc: Document) -> Iterable[Element]:
    """VAT exemption reason text (BT-120) shall occur maximum once.

    Context ``cac:TaxSubtotal``; ``count(cac:TaxCategory/cbc:TaxExemptionReason) <= 1``.
    """
    for subtotal in _anywhere(doc, _CAC + "TaxSubtotal"):
        if _count(subtotal, "cac:TaxCategory/cbc:TaxExemptionReason") > 1:
            yield subtotal


@rule(
    "UBL-SR-51",
    context=[_CAC + "PostalAddress", _CAC + "Address"],
)
def ubl_sr_51(doc: Document) -> Iterable[Element]:
    """An address can only have one third address line (BT-163, BT-164, BT-165, BT-80 ...).

    Context ``//cac:PostalAddress | //cac:Address``;
    ``not(cac:AddressLine) or count(cac:AddressLine) = 1``.
    """
    for address in _anywhere(doc, _CAC + "PostalAddress", _CAC + "Address"):
        if len(address.findall(_CAC + "AddressLine")) > 1:
            yield address


# The line rules share one pass over each line's children (lines scale with the invoice).


#: For each line rule: the counted element and the steps between it and the line.
_LINE_COUNTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "UBL-SR-34": (_CBC + "Note", ()),
    "UBL-SR-35": (_CBC + "LineID", (_CAC + "OrderLineReference",)),
    "UBL-SR-36": (_CAC + "InvoicePeriod", ()),
    "UBL-SR-37": (_CBC + "Amount", (_CAC + "AllowanceCharge", _CAC + "Price")),
    "UBL-SR-48": (_CAC + "ClassifiedTaxCategory", (_CAC + "Item",)),
    "UBL-SR-50": (_CBC + "Description", (_CAC + "Item",)),
    "UBL-SR-52": (_CAC + "DocumentReference", ()),
}
index_tags(*(tag for tag, _steps in _LINE_COUNTS.values()))


def _per_line(doc: Document, tag: str, steps: tuple[str, ...]) -> dict[Element, int]:
    """How many ``tag`` elements each line holds at ``line/steps.../tag``.

    Counted from the (few) elements upwards rather than by walking every line's children.
    """
    counts: dict[Element, int] = {}
    line_tags = _LINE_TAGS
    for el in elements(doc, tag):
        node = el.getparent()
        for step in steps:
            if node is None or node.tag != step:
                break
            node = node.getparent()
        else:
            if node is not None and node.tag in line_tags:
                counts[node] = counts.get(node, 0) + 1
    return counts


def _line_failures(doc: Document) -> dict[str, list[Element]]:
    """For each line rule, the lines (``cac:InvoiceLine | cac:CreditNoteLine``) that break it."""
    cached: dict[str, list[Element]] | None = doc.cache.get("en16931.line-sr")
    if cached is not None:
        return cached
    failures: dict[str, list[Element]] = {}
    for rule_id, (tag, steps) in _LINE_COUNTS.items():
        counts = _per_line(doc, tag, steps)
        if rule_id == "UBL-SR-48":  # exactly one
            lines = elements(doc, *_LINE_TAGS)
            failures[rule_id] = [line for line in lines if counts.get(line, 0) != 1]
        else:  # at most one; in document order
            many = {line for line, n in counts.items() if n > 1}
            lines = elements(doc, *_LINE_TAGS) if many else []
            failures[rule_id] = [line for line in lines if line in many]
    doc.cache["en16931.line-sr"] = failures
    return failures


def _line_rule(rule_id: str, test: str) -> None:
    def check(doc: Document) -> list[Element]:
        return _line_failures(doc)[rule_id]

    check.__name__ = check.__qualname__ = rule_id.lower().replace("-", "_")
    check.__doc__ = f"Context ``cac:InvoiceLine | cac:CreditNoteLine`` (BG-25); ``{test}``."
    REGISTRY.rule(rule_id)(check)


for _rule_id, _test in (
    ("UBL-SR-34", "count(cbc:Note) <= 1"),
    (
        "UBL-SR-35",
        "count(cac:OrderLineReference/cbc:LineID) <= 1",
    ),
    ("UBL-SR-36", "count(cac:InvoicePeriod) <= 1"),
    (
        "UBL-SR-37",
        "count(cac:Price/cac:AllowanceCharge/cbc:Amount) <= 1",
    ),
    (
        "UBL-SR-48",
        "count(cac:Item/cac:ClassifiedTaxCategory) = 1",
    ),
    (
        "UBL-SR-50",
        "count(cac:Item/cbc:Description) <= 1",
    ),
    (
        "UBL-SR-52",
        "count(cac:DocumentReference) <= 1",
    ),
):
    _line_rule(_rule_id, _test)
