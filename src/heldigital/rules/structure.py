"""Structural check: what the UBL 2.1 XSD step of the official validators checks.

The official validators run the UBL 2.1 schema before the Schematron rules.
Heldigital does not ship the schemas; instead :mod:`heldigital.rules.ubl21_model`
holds the content model derived from them (``scripts/gen_ubl_structure.py``)
and this module checks a document against it:

* element order and cardinality (UBL content models are ``xsd:sequence``
  lists of element references with ``minOccurs``/``maxOccurs``);
* unknown elements and attributes, required attributes (``currencyID``
  on amounts, ``unitCode`` on measures, ``mimeCode`` on binary objects);
* the lexical form of the XSD data types used by UBL basic components
  (``xs:decimal``, ``xs:date``, ``xs:time``, ``xs:boolean``,
  ``xs:base64Binary``);
* no character content in element-only content.

Each problem is a fatal finding with rule id ``XSD``, located at the
element where a schema validator reports it, with a message in the words
of libxml2's schema validator. Extension content (``ext:ExtensionContent``)
is ``xs:any`` with ``processContents="skip"`` and is not descended into.
Agreement with the real XSD validation is tested on the official corpus
and on systematic mutations of it (``tests/lib/rules/test_structure.py``).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from types import ModuleType
from typing import Any

from lxml import etree

from heldigital.rules.core import (
    ATTRIBUTE_COUNTS,
    BY_TAG,
    EMPTY_ELEMENTS,
    Document,
    Finding,
    Severity,
)

__all__ = ["RULE_ID", "check", "is_ubl"]

RULE_ID = "XSD"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_XML_NS = "http://www.w3.org/XML/1998/namespace"
#: XML white space (``normalize-space`` removes these four only)
_XML_SPACE = " \t\r\n"


#: (primitive or None when any text is valid, allowed attributes with their primitive or None,
#: required attributes) of a simple type, for the fast paths.
_FastSimple = tuple[str | None, dict[str, str | None], tuple[str, ...]]


class _Model:
    """A decoded structure model (one UBL version)."""

    def __init__(self, module: ModuleType) -> None:
        namespaces = module.NAMESPACES

        def clark(encoded: str) -> str:
            if encoded == "*":
                return "*"
            index, local = encoded.split(":", 1)
            return "{" + namespaces[int(index)] + "}" + local

        self.elements = {clark(k): clark(v) for k, v in module.ELEMENTS.items()}
        self.documents = {clark(k): clark(v) for k, v in module.DOCUMENTS.items()}
        self.complex: dict[str, tuple[tuple[str, int, int], ...]] = {
            clark(t): tuple((clark(n), lo, hi) for n, lo, hi in particles)
            for t, particles in module.COMPLEX.items()
        }
        attribute_sets = [dict(attrs) for attrs in module.ATTRIBUTES]
        self.simple: dict[str, tuple[str, dict[str, tuple[bool, str]]]] = {
            clark(k): (prim, attribute_sets[idx]) for k, (prim, idx) in module.SIMPLE.items()
        }
        # Precomputed for the fast path of :func:`_walk` (see there).
        self.fast_simple: dict[str, _FastSimple] = {
            name: (
                None if prim in _STRINGS else prim,
                {a: (None if t in _STRINGS else t) for a, (_, t) in attrs.items()},
                tuple(a for a, (required, _) in attrs.items() if required),
            )
            for name, (prim, attrs) in self.simple.items()
        }
        self.fast_complex: dict[str, _Sequence | None] = {
            name: _Sequence.of(particles) for name, particles in self.complex.items()
        }
        for sequence in self.fast_complex.values():
            if sequence is not None:
                sequence.entries = {
                    tag: (
                        i,
                        self.elements.get(tag),
                        self.fast_simple.get(self.elements.get(tag, "")),
                    )
                    for tag, i in sequence.position.items()
                }
        #: complex types with ``xs:any`` content (not descended into)
        self.open_content = frozenset(
            name for name, particles in self.complex.items() if particles and particles[0][0] == "*"
        )


class _Sequence:
    """A content model prepared for the fast check: particle position and bounds by tag."""

    __slots__ = ("entries", "high", "low", "position", "required_before")

    def __init__(
        self,
        position: dict[str, int],
        low: tuple[int, ...],
        high: tuple[int, ...],
        required_before: tuple[int, ...],
    ) -> None:
        self.position = position
        self.low = low
        self.high = high
        #: ``required_before[i]``: how many particles before ``i`` have ``minOccurs > 0``.
        self.required_before = required_before
        #: tag -> (position, element type, fast simple-type facts or None): filled by _Model
        self.entries: dict[str, tuple[int, str | None, _FastSimple | None]] = {}

    @classmethod
    def of(cls, particles: tuple[tuple[str, int, int], ...]) -> _Sequence | None:
        tags = [tag for tag, _, _ in particles]
        if "*" in tags or len(set(tags)) != len(tags):
            return None  # the exact algorithm handles these
        required = [0]
        for _, low, _ in particles:
            required.append(required[-1] + (low > 0))
        return cls(
            {tag: i for i, tag in enumerate(tags)},
            tuple(low for _, low, _ in particles),
            tuple(high if high != -1 else 1 << 62 for _, _, high in particles),
            tuple(required),
        )


@cache
def _model(syntax: str) -> _Model:
    if syntax == "ubl-2.1":
        from heldigital.rules import ubl21_model as module
    elif syntax == "ubl-2.3":
        from heldigital.rules import ubl23_model as module
    else:
        raise ValueError(f"no structure model for syntax {syntax!r}")
    return _Model(module)


_UBL_DOCUMENT_NS = "urn:oasis:names:specification:ubl:schema:xsd:"
#: Type key for a UBL 2.3 document whose schema is not in the model: its
#: children are checked as known elements, not for order and cardinality.
_OPEN_ROOT = "*open-root*"

_PREFIX = {
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2": "cac",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2": "cbc",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2": "ext",
}

# XSD lexical spaces (XML Schema 1.0 Part 2), after whitespace collapsing.
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?")
_TIME = re.compile(r"(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?")
_BOOLEAN = frozenset({"true", "false", "1", "0"})
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
_TZ = re.compile(r"[+-](\d\d):(\d\d)")
#: A decimal with XML whitespace around it: valid (the fast path's test; anything else goes
#: to the exact check, which collapses whitespace first).
_LOOSE_DECIMAL = re.compile(r"[ \t\n\r]*[+-]?(\d+(\.\d*)?|\.\d+)[ \t\n\r]*")
#: Primitive types whose every lexical form is valid (no check needed).
_STRINGS = frozenset({"string", "normalizedString", "anyURI"})


def is_ubl(doc: Document, syntax: str = "ubl-2.1") -> bool:
    """Whether the root element is a UBL document the model of ``syntax`` knows."""
    return doc.root.tag in _model(syntax).documents


def _name(tag: str) -> str:
    qname = etree.QName(tag)
    prefix = _PREFIX.get(qname.namespace or "")
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _timezone_ok(tz: str | None) -> bool:
    if not tz or tz == "Z":
        return True
    match = _TZ.fullmatch(tz)
    if match is None:
        return False
    hours, minutes = int(match.group(1)), int(match.group(2))
    return minutes < 60 and (hours < 14 or (hours == 14 and minutes == 0))


_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _base64_ok(raw: str) -> bool:
    """Whether ``base64.b64decode(compact, validate=True)`` accepts the text without spaces.

    Attachments are megabytes: the common valid form (ASCII; a multiple of four
    characters from the alphabet, at most two ``=`` and only at the end, once the line
    breaks are removed) is recognised with byte-level operations and without decoding;
    anything else is decided by the decoder itself.
    """
    data = raw.encode("ascii", "replace")
    # encoders break lines with LF or CRLF: removing those two is much cheaper than a
    # translate over every space character (other spaces take the decoder's path below)
    if b"\r" in data:
        data = data.replace(b"\r", b"")
    data = data.replace(b"\n", b"")
    body = data.rstrip(b"=")
    if (
        not len(data) % 4
        and len(data) - len(body) <= 2
        and not body.translate(None, _BASE64_ALPHABET)
    ):
        return True
    compact = "".join(raw.split())
    if len(compact) % 4:
        return False
    try:
        base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _valid_lexical(primitive: str, raw: str) -> bool:
    if primitive in ("string", "normalizedString", "anyURI"):
        return True
    if primitive == "base64Binary":
        return _base64_ok(raw)
    if primitive == "date" and raw != raw.strip(" \t\n\r"):
        # libxml2 (the oracle) does not collapse whitespace around an xs:date, and around
        # an xs:time only before it: ' 2017-11-13' and '12:00:00 ' are refused
        return False
    if primitive == "time" and raw != raw.rstrip(" \t\n\r"):
        return False
    value = " ".join(raw.split())  # whiteSpace="collapse" for the other types
    if primitive == "decimal":
        return _DECIMAL.fullmatch(value) is not None
    if primitive == "boolean":
        return value in _BOOLEAN
    if primitive == "date":
        match = _DATE.fullmatch(value)
        if match is None or not _timezone_ok(match.group(4)):
            return False
        year = int(match.group(1))
        try:
            # year 0000 is not allowed in XSD 1.0; leap years per the proleptic calendar
            date(year if 1 <= year <= 9999 else 2000, int(match.group(2)), int(match.group(3)))
        except ValueError:
            return False
        return year != 0
    if primitive == "time":
        match = _TIME.fullmatch(value)
        if match is None or not _timezone_ok(match.group(5)):
            return False
        h, m, s = int(match.group(1)), int(match.group(2)), int(match.group(3))
        return (h < 24 and m < 60 and s < 60) or (h == 24 and m == 0 and s == 0)
    if primitive == "language":
        return _LANGUAGE.fullmatch(value) is not None
    return True


def _text_of(el: etree._Element) -> str:
    return el.text or ""


def check(doc: Document, syntax: str = "ubl-2.1") -> list[Finding]:
    """Check ``doc`` against the UBL content model of ``syntax``; return fatal ``XSD`` findings.

    ``syntax`` is the rule set's syntax: ``ubl-2.1`` (the official
    configurations of BIS Billing and most post-award transactions) or
    ``ubl-2.3`` (order change, cancellation and advanced response). The UBL
    2.3 document schemas of those three are not in the corpus: for them the
    children of the root are checked to be known UBL 2.3 elements and
    everything below the root is checked fully; order and cardinality at
    the root level are not. Documents whose root is not a UBL document
    return no findings here: detection reports them.
    """
    model = _model(syntax)
    root_type = model.documents.get(doc.root.tag)
    if root_type is None:
        if syntax != "ubl-2.3" or not str(doc.root.tag).startswith("{" + _UBL_DOCUMENT_NS):
            return []
        root_type = _OPEN_ROOT
    if root_type != _OPEN_ROOT:
        # the one pass also fills the shared element index when the rules have not yet
        index: dict[str, list[etree._Element]] | None = None if BY_TAG in doc.cache else {}
        attributes: dict[str, int] = {}
        empty: list[etree._Element] = []
        if _valid_document(model, doc.root, root_type, index, attributes, empty):
            if index is not None:
                doc.cache[BY_TAG] = index
            doc.cache[ATTRIBUTE_COUNTS] = attributes
            doc.cache[EMPTY_ELEMENTS] = empty
            return []
    problems = list(_walk(model, doc.root, root_type))
    if not problems:
        return []
    # Report in the order a streaming schema validator does: document order,
    # with "missing child" problems at the element's end tag.
    order = {el: i for i, el in enumerate(doc.root.iter())}

    def key(problem: tuple[etree._Element, str]) -> float:
        el, message = problem
        if "Missing child element" in message:
            last = el
            for last in el.iter():  # noqa: B007 - the last descendant in document order
                pass
            return order[last] + 0.5
        return order[el]

    problems.sort(key=key)
    return [Finding(RULE_ID, Severity.FATAL, doc.location(el), msg) for el, msg in problems]


def _valid_document(
    model: _Model,
    root: etree._Element,
    root_type: str,
    index: dict[str, list[etree._Element]] | None = None,
    attributes: dict[str, int] | None = None,
    empty: list[etree._Element] | None = None,
) -> bool:
    """True only when :func:`_walk` would find nothing: one pass in document order.

    Valid documents are the common case. This pass follows the elements as the tree
    iterator yields them (no per-element child iteration), keeps the sequence state of
    each open complex element, and gives up (False: the exact walk decides and words the
    problems) at the first thing it does not accept. Comments and processing instructions
    are skipped as a schema validator skips them (text after one in element-only content is
    refused; one inside a simple-content element is refused). It descends into exactly the
    elements the exact walk descends into.

    ``index``, when given, is filled on the way with every element by tag in document order
    (:meth:`Document.by_tag`); it is complete only when the result is True. So is
    ``attributes``, when given: it receives the number of attributes of each (Clark) name in
    the document, those of the elements not checked here included; and ``empty``: every
    element with no child node and a blank text (none, or XML white space only), in document
    order (:data:`~heldigital.rules.core.EMPTY_ELEMENTS`; the text of every element is read
    here anyway, so ``PEPPOL-EN16931-R008`` need not read it again).
    """
    sequence = model.fast_complex.get(root_type)
    if sequence is None or root_type in model.open_content:
        return False
    xsi = "{" + _XSI + "}"
    names: list[str] = root.keys()  # type: ignore[assignment]  # str at run time
    for attr in names:
        if not attr.startswith(xsi):
            return False
    if attributes is None:
        attributes = {}
    counted = attributes.get
    for attr in names:
        attributes[attr] = counted(attr, 0) + 1
    text = root.text
    if text and (not text.isspace() or text.strip(_XML_SPACE)):
        return False
    if empty is None:
        empty = []
    if not len(root) and not (text and text.strip(_XML_SPACE)):
        empty.append(root)
    fast_complex = model.fast_complex
    open_content = model.open_content
    # per validated complex element: [sequence, current particle, occurrences there]
    state: dict[etree._Element | None, list[Any]] = {root: [sequence, -1, 0]}
    nodes = root.iter()
    next(nodes)  # the root
    if index is None:
        index = {}
    index[root.tag] = [root]
    index_get = index.get
    for el in nodes:
        tag = el.tag
        if tag.__class__ is not str:
            # A comment or processing instruction: a schema validator skips it, but the text
            # after it is character content of its parent, which element-only content does
            # not allow. (One inside a simple-content element has already failed the
            # element's ``len(el)`` test; one below content not checked here is ignored.)
            if state.get(el.getparent()) is not None:
                tail = el.tail
                if tail and (not tail.isspace() or tail.strip(_XML_SPACE)):
                    return False
            continue
        same = index_get(tag)
        if same is None:
            index[tag] = [el]
        else:
            same.append(el)
        st = state.get(el.getparent())
        if st is None:
            names = el.keys()  # type: ignore[assignment]  # str at run time
            for attr in names:
                attributes[attr] = counted(attr, 0) + 1
            if not len(el):
                text = el.text
                if not (text and text.strip(_XML_SPACE)):
                    empty.append(el)
            continue  # below content the exact walk does not descend into
        seq = st[0]
        entry = seq.entries.get(tag)
        if entry is None:
            return False
        tail = el.tail
        if tail and (not tail.isspace() or tail.strip(_XML_SPACE)):
            return False
        i, child_type, quick = entry
        last = st[1]
        if i == last:
            count = st[2] + 1
            if count > seq.high[i]:
                return False
            st[2] = count
        elif i > last:
            required_before = seq.required_before
            if (last >= 0 and st[2] < seq.low[last]) or required_before[i] != required_before[
                last + 1
            ]:
                return False
            st[1] = i
            st[2] = 1
        else:
            return False
        if quick is not None:
            if len(el):
                return False
            primitive, allowed, required = quick
            items: list[tuple[str, str]] = el.items()  # type: ignore[assignment]
            for attr, value in items:
                if attr not in allowed:
                    return False
                attributes[attr] = counted(attr, 0) + 1
                kind = allowed[attr]
                if kind is not None and not _valid_lexical(kind, value):
                    return False
            for attr in required:
                if el.get(attr) is None:
                    return False
            text = el.text
            if not (text and text.strip(_XML_SPACE)):
                empty.append(el)  # no child (tested above) and a blank text
            if primitive is not None:
                value = text or ""
                if primitive == "decimal":
                    if _LOOSE_DECIMAL.fullmatch(value) is None:
                        return False
                elif not _valid_lexical(primitive, value):
                    return False
            continue
        if child_type is None:
            names = el.keys()  # type: ignore[assignment]  # str at run time
            for attr in names:
                attributes[attr] = counted(attr, 0) + 1
            if not len(el):
                text = el.text
                if not (text and text.strip(_XML_SPACE)):
                    empty.append(el)
            continue  # not in the model: the exact walk does not descend either
        names = el.keys()  # type: ignore[assignment]  # str at run time
        for attr in names:
            if not attr.startswith(xsi):
                return False
        for attr in names:
            attributes[attr] = counted(attr, 0) + 1
        if child_type in open_content:
            if not len(el):
                text = el.text
                if not (text and text.strip(_XML_SPACE)):
                    empty.append(el)
            continue  # xs:any processContents="skip"
        inner = fast_complex.get(child_type)
        if inner is None:
            return False
        text = el.text
        if text and (not text.isspace() or text.strip(_XML_SPACE)):
            return False
        if not len(el) and not (text and text.strip(_XML_SPACE)):
            empty.append(el)
        state[el] = [inner, -1, 0]
    for seq, last, count in state.values():
        if last >= 0 and count < seq.low[last]:
            return False
        if seq.required_before[-1] != seq.required_before[last + 1]:
            return False
    return True


def _walk(
    model: _Model, root: etree._Element, root_type: str
) -> Iterator[tuple[etree._Element, str]]:
    """Every structure problem below ``root`` (an element of type ``root_type``).

    Most elements are valid: a fast check (plain loops over precomputed tables) accepts
    them, and only an element it does not accept goes through the exact checks
    (:func:`_check_simple`, :func:`_check_sequence`) that word the problems. The fast check
    accepts an element only when the exact checks report nothing for it, and it visits the
    same children in the same order.
    """
    elements = model.elements
    fast_simple = model.fast_simple
    fast_complex = model.fast_complex
    stack: list[tuple[etree._Element, str]] = [(root, root_type)]
    pop, push = stack.pop, stack.append
    while stack:
        el, type_name = pop()
        if type_name == _OPEN_ROOT:
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                child_type = elements.get(child.tag)
                if child_type is None:
                    yield child, f"Element '{_name(child.tag)}': This element is not expected."
                else:
                    push((child, child_type))
            continue
        quick = fast_simple.get(type_name)
        if quick is not None:
            if not _simple_ok(el, quick):
                yield from _check_simple(el, model.simple[type_name])
            continue
        particles = model.complex.get(type_name)
        if particles is None:  # pragma: no cover - the generated model is closed
            continue
        if el.keys():
            for name in el.attrib:
                attr = str(name)
                if not attr.startswith("{" + _XSI + "}"):
                    yield (
                        el,
                        (
                            f"Element '{_name(el.tag)}', attribute '{attr}': "
                            "The attribute is not allowed."
                        ),
                    )
        if particles and particles[0][0] == "*":
            continue  # xs:any processContents="skip"
        sequence = fast_complex[type_name]
        if sequence is not None:
            accepted = _sequence_ok(el, sequence, elements, fast_simple)
            if accepted is not None:
                for pair in reversed(accepted):
                    push(pair)
                continue
        children: list[tuple[etree._Element, str]] = []
        yield from _check_sequence(model, el, particles, children)
        stack.extend(reversed(children))


def _simple_ok(
    el: etree._Element, quick: tuple[str | None, dict[str, str | None], tuple[str, ...]]
) -> bool:
    """Fast check of a simple-typed element: True only when :func:`_check_simple` is silent."""
    if len(el):
        return False  # children, comments or processing instructions: the exact check
    primitive, allowed, required = quick
    items: list[tuple[str, str]] = el.items()  # type: ignore[assignment]
    for attr, value in items:
        if attr not in allowed:
            return False
        kind = allowed[attr]
        if kind is not None and not _valid_lexical(kind, value):
            return False
    for attr in required:
        if el.get(attr) is None:
            return False
    return primitive is None or _valid_lexical(primitive, el.text or "")


def _sequence_ok(
    el: etree._Element,
    sequence: _Sequence,
    elements: dict[str, str],
    fast_simple: dict[str, tuple[str | None, dict[str, str | None], tuple[str, ...]]],
) -> list[tuple[etree._Element, str]] | None:
    """Fast check of element-only content against a sequence of distinct element particles.

    Simple-typed children are checked here too (as :func:`_simple_ok`). Returns the
    complex-typed children to descend into, in document order, when the content and the
    simple children are valid; None when the exact checks must decide (they then see
    every child, as :func:`_check_sequence` collects them).
    """
    text = el.text
    if text and (not text.isspace() or text.strip(_XML_SPACE)):
        return None
    position = sequence.position
    low, high, required_before = sequence.low, sequence.high, sequence.required_before
    last, count = -1, 0
    children: list[tuple[etree._Element, str]] = []
    for child in el:
        tag = child.tag
        i = position.get(tag)  # a comment's tag is a function: not found
        if i is None:
            return None
        tail = child.tail
        if tail and (not tail.isspace() or tail.strip(_XML_SPACE)):
            return None
        if i == last:
            count += 1
            if count > high[i]:
                return None
        elif i > last:
            if (last >= 0 and count < low[last]) or required_before[i] != required_before[last + 1]:
                return None
            last, count = i, 1
        else:
            return None
        child_type = elements.get(tag)
        if child_type is None:
            continue
        quick = fast_simple.get(child_type)
        if quick is None:
            children.append((child, child_type))
            continue
        # inlined _simple_ok
        if len(child):
            return None
        primitive, allowed, required = quick
        items: list[tuple[str, str]] = child.items()  # type: ignore[assignment]
        for attr, value in items:
            if attr not in allowed:
                return None
            kind = allowed[attr]
            if kind is not None and not _valid_lexical(kind, value):
                return None
        for attr in required:
            if child.get(attr) is None:
                return None
        if primitive is not None:
            value = child.text or ""
            if primitive == "decimal":
                if _LOOSE_DECIMAL.fullmatch(value) is None:
                    return None
            elif not _valid_lexical(primitive, value):
                return None
    if last >= 0 and count < low[last]:
        return None
    if required_before[-1] != required_before[last + 1]:
        return None
    return children


def _check_simple(
    el: etree._Element, simple: tuple[str, dict[str, tuple[bool, str]]]
) -> Iterator[tuple[etree._Element, str]]:
    primitive, attributes = simple
    name = _name(el.tag)
    for child in el:
        if isinstance(child.tag, str):
            yield (
                el,
                f"Element '{name}': Element content is not allowed, because the type is simple.",
            )
            return
    for attr, value in el.attrib.items():
        if attr.startswith("{" + _XSI + "}"):
            continue
        spec = attributes.get(attr)
        if spec is None:
            yield el, f"Element '{name}', attribute '{attr}': The attribute is not allowed."
        elif not _valid_lexical(spec[1], value):
            yield (
                el,
                (
                    f"Element '{name}', attribute '{attr}': '{value}' is not a valid value "
                    f"of the atomic type 'xs:{spec[1]}'."
                ),
            )
    for attr, (required, _) in attributes.items():
        if required and attr not in el.attrib:
            yield el, f"Element '{name}': The attribute '{attr}' is required but missing."
    text = "".join(el.itertext())
    if not _valid_lexical(primitive, text):
        yield (
            el,
            f"Element '{name}': '{text}' is not a valid value of the atomic type 'xs:{primitive}'.",
        )


def _expected(particles: tuple[tuple[str, int, int], ...], start: int, counts: int) -> str:
    """The names a validator would list as expected at sequence position ``start``."""
    names: list[str] = []
    for i in range(start, len(particles)):
        tag, low, high = particles[i]
        used = counts if i == start else 0
        if high == -1 or used < high:
            names.append(_name(tag))
        if used < low:
            break
    return ", ".join(names)


def _check_sequence(
    model: _Model,
    el: etree._Element,
    particles: tuple[tuple[str, int, int], ...],
    children: list[tuple[etree._Element, str]],
) -> Iterator[tuple[etree._Element, str]]:
    name = _name(el.tag)
    if el.text and el.text.strip(_XML_SPACE):
        yield (
            el,
            (
                f"Element '{name}': Character content other than whitespace is not allowed "
                "because the content type is 'element-only'."
            ),
        )
    n = len(particles)
    position = 0  # current particle
    count = 0  # occurrences matched at the current particle
    broken = False
    for child in el:
        if not isinstance(child.tag, str):
            # comments and processing instructions are skipped, the text after them is not
            if child.tail and child.tail.strip(_XML_SPACE) and not broken:
                yield (
                    el,
                    (
                        f"Element '{name}': Character content other than whitespace is not "
                        "allowed because the content type is 'element-only'."
                    ),
                )
            continue
        if child.tail and child.tail.strip(_XML_SPACE) and not broken:
            yield (
                el,
                (
                    f"Element '{name}': Character content other than whitespace is not allowed "
                    "because the content type is 'element-only'."
                ),
            )
        child_type = model.elements.get(child.tag)
        if broken:
            if child_type is not None:
                children.append((child, child_type))
            continue
        j, c = position, count
        while j < n and particles[j][0] != child.tag:
            if c < particles[j][1]:
                break  # a required element is missing before this child
            j, c = j + 1, 0
        matched = j < n and particles[j][0] == child.tag
        if matched and (particles[j][2] == -1 or c < particles[j][2]):
            position, count = j, c + 1
            if child_type is not None:
                children.append((child, child_type))
            continue
        expected = _expected(particles, position, count)
        detail = f" Expected is ( {expected} )." if expected else ""
        yield child, f"Element '{_name(child.tag)}': This element is not expected.{detail}"
        broken = True
        if child_type is not None:
            children.append((child, child_type))
    if broken:
        return
    missing = []
    for i in range(position, n):
        used = count if i == position else 0
        if used < particles[i][1]:
            missing.append(_name(particles[i][0]))
            break
    if missing:
        yield (
            el,
            (
                f"Element '{name}': Missing child element(s). Expected is "
                f"( {_expected(particles, position, count)} )."
            ),
        )
