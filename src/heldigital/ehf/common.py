"""Shared UBL 2.1 building blocks for the EHF / PEPPOL BIS document models.

Every document model of :mod:`heldigital.ehf` (Invoice, CreditNote, Order,
Despatch Advice, Catalogue ...) is a tree of frozen dataclasses built from the
blocks in this module: :class:`Party`, :class:`Address`, :class:`Contact`,
:class:`Identifier`, :class:`Amount`, :class:`Quantity`, :class:`Period`,
:class:`DocumentReference` with :class:`Attachment`, :class:`AllowanceCharge`,
:class:`TaxCategory` / :class:`TaxSubtotal` / :class:`TaxTotal`,
:class:`Item`, :class:`Price`, :class:`PaymentMeans` ...

The toolkit
-----------
Each model field that maps to UBL is declared with :func:`ubl`, which names the
element (or a short path of single-use wrapper elements, e.g.
``"cac:PartyName/cbc:Name"``). **Field order is element order**: fields are
declared in the order of the ``xsd:sequence`` of the UBL 2.1 schema (OASIS
UBL 2.1, ``common/UBL-CommonAggregateComponents-2.1.xsd``), so :func:`write`
produces schema-valid, canonical XML without a separate ordering table.
:func:`read` is the inverse. The value type of a field (from its annotation)
says how the element is converted:

* ``str`` - the element text, kept exactly (no whitespace is stripped);
* ``Decimal``, ``datetime.date``, ``bool``, ``int`` - the XSD lexical forms;
* a :class:`Leaf` subclass (:class:`Identifier`, :class:`Code`,
  :class:`Amount`, :class:`Quantity`, :class:`Measure`,
  :class:`BinaryObject`) - text plus the UBL attributes it carries;
* another model dataclass - a nested aggregate;
* ``tuple[X, ...]`` (declared with ``many=True``) - a repeated element;
* ``X | None`` - an optional element.

Only ``cbc``/``cac`` and the document's own namespace are ever written; the
reader accepts any prefixes. Content a model does not declare (e.g.
``ext:UBLExtensions``, which the billing profiles do not use) is ignored by
:func:`read`; :func:`unmodelled` lists it and ``strict=True`` refuses it.
Models are tolerant: a field is required only where the UBL schema requires
the element, so any document the profiles
allow can be read without loss; the EN 16931 / PEPPOL cardinalities and code
lists are checked by :mod:`heldigital.rules` and the ``validate()`` helpers,
never by the reader.

Names follow the business terms of EN 16931-1:2017 (the semantic model of
PEPPOL BIS Billing 3.0 / EHF Billing 3.0); docstrings cite the BT-/BG-
numbers.
"""

# ubl() returns a dataclasses.field() carrying the UBL element path, so the
# "function call in dataclass default" warning does not apply to it.
# ruff: noqa: RUF009

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as _dt
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, TypeVar

from lxml import etree

from heldigital.xml import DocumentError

__all__ = [
    "CAC",
    "CBC",
    "CREDIT_NOTE_NS",
    "EXT",
    "INVOICE_NS",
    "NSMAP",
    "Address",
    "AllowanceCharge",
    "Amount",
    "Attachment",
    "BillingReference",
    "BinaryObject",
    "CardAccount",
    "Code",
    "CommodityClassification",
    "Contact",
    "Country",
    "Delivery",
    "DeliveryLocation",
    "DocumentReference",
    "ExternalReference",
    "FinancialAccount",
    "Identifier",
    "Item",
    "ItemProperty",
    "Leaf",
    "LineReference",
    "Location",
    "Measure",
    "MonetaryTotal",
    "OrderLineReference",
    "OrderReference",
    "Party",
    "PartyLegalEntity",
    "PartyTaxScheme",
    "PaymentMandate",
    "PaymentMeans",
    "PaymentTerms",
    "Period",
    "Price",
    "Problem",
    "Quantity",
    "TaxCategory",
    "TaxSubtotal",
    "TaxTotal",
    "UblField",
    "as_json",
    "document_to_xml",
    "parse_root",
    "read",
    "read_document",
    "ubl",
    "ubl_fields",
    "unmodelled",
    "write",
]

#: UBL 2.1 CommonBasicComponents: simple elements (``cbc:ID``, ``cbc:Note`` ...).
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#: UBL 2.1 CommonAggregateComponents: aggregates (``cac:Party`` ...).
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#: UBL 2.1 CommonExtensionComponents (``ext:UBLExtensions``); not used by the
#: billing profiles (UBL-CR-001), named for readers that want to detect it.
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
#: Root namespace of ``Invoice`` (UBL 2.1 maindoc/UBL-Invoice-2.1.xsd).
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#: Root namespace of ``CreditNote`` (UBL 2.1 maindoc/UBL-CreditNote-2.1.xsd).
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

#: Prefixes used in :func:`ubl` paths and in written documents.
NSMAP: dict[str, str] = {"cac": CAC, "cbc": CBC}


# --------------------------------------------------------------------------
# Toolkit: field declaration
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Spec:
    steps: tuple[str, ...]  # Clark names, outermost first
    many: bool
    required: bool


def _clark(step: str) -> str:
    prefix, sep, local = step.partition(":")
    if not sep or prefix not in NSMAP or not local:
        raise ValueError(f"UBL path step {step!r} must be 'cbc:Name' or 'cac:Name'")
    return f"{{{NSMAP[prefix]}}}{local}"


def ubl(path: str, *, many: bool = False, required: bool = False, default: Any = None) -> Any:
    """Declare a dataclass field that maps to the UBL element(s) at ``path``.

    ``path`` is one element (``"cbc:ID"``) or a chain of single-use wrappers
    ending in the value element (``"cac:PartyName/cbc:Name"``). With
    ``many=True`` the outermost step repeats and the field is a tuple (each
    item gets its own wrapper chain). ``required=True`` makes a single field
    a keyword argument without default and a repeated field one that needs
    at least one item (use it only where the UBL schema requires the
    element, e.g. ``cac:InvoiceLine``).
    """
    spec = _Spec(tuple(_clark(s) for s in path.split("/")), many, required)
    meta = {"ubl": spec}
    if many:
        return field(default=(), metadata=meta)
    if required:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


# --------------------------------------------------------------------------
# Toolkit: leaves (text + attributes)
# --------------------------------------------------------------------------


def _where(el: etree._Element) -> str:
    return f"{etree.QName(el).localname}"


def _line(el: etree._Element) -> int | None:
    line = el.sourceline
    return line if isinstance(line, int) else None


def _error(el: etree._Element, message: str) -> DocumentError:
    return DocumentError(message, line=_line(el))


def _parse_decimal(text: str, el: etree._Element) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise _error(el, f"{_where(el)}: {text!r} is not a decimal number") from None
    if not value.is_finite():
        raise _error(el, f"{_where(el)}: {text!r} is not a finite decimal number")
    return value


def _format_decimal(value: Decimal) -> str:
    # 'f' keeps the scale as read ("10.00" stays "10.00") and never writes
    # exponent notation, which xsd:decimal does not allow.
    if not isinstance(value, Decimal):
        raise TypeError(f"expected Decimal, got {type(value).__name__} ({value!r})")
    return format(value, "f")


def _parse_date(text: str, el: etree._Element) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise _error(el, f"{_where(el)}: {text!r} is not a date in the form YYYY-MM-DD") from None


def _parse_bool(text: str, el: etree._Element) -> bool:
    value = text.strip()
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise _error(el, f"{_where(el)}: {text!r} is not a boolean (true/false)")


def _parse_int(text: str, el: etree._Element) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _error(el, f"{_where(el)}: {text!r} is not an integer") from None


def _scalar_from_text(kind: type, text: str, el: etree._Element) -> Any:
    if kind is str:
        return text
    if kind is Decimal:
        return _parse_decimal(text, el)
    if kind is _dt.date:
        return _parse_date(text, el)
    if kind is bool:
        return _parse_bool(text, el)
    if kind is int:
        return _parse_int(text, el)
    raise TypeError(f"unsupported scalar type {kind!r}")


def _scalar_to_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _format_decimal(value)
    if isinstance(value, _dt.datetime):
        raise TypeError("a date element needs a datetime.date, not a datetime")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int | str):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} ({value!r}) as element text")


class Leaf:
    """Base of value types written as one element with text and attributes.

    Subclasses are dataclasses whose first field ``value`` is the element
    text (type :attr:`_value_type`) and whose other fields are listed in
    :attr:`_attributes` as ``(field name, XML attribute name)``.
    """

    __slots__ = ()
    _value_type: ClassVar[type] = str
    _attributes: ClassVar[tuple[tuple[str, str], ...]] = ()
    _required_attributes: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def read_leaf(cls, el: etree._Element) -> Any:
        values: dict[str, Any] = {"value": _scalar_from_text(cls._value_type, el.text or "", el)}
        for name, attribute in cls._attributes:
            raw = el.get(attribute)
            if raw is None and name in cls._required_attributes:
                raise _error(el, f"{_where(el)}: attribute {attribute} is missing")
            values[name] = raw
        return cls(**values)

    def write_leaf(self, el: etree._Element) -> None:
        for name, attribute in self._attributes:
            raw = getattr(self, name)
            if raw is not None:
                el.set(attribute, raw)
        el.text = _scalar_to_text(getattr(self, "value"))  # noqa: B009 - slots base


@dataclass(frozen=True, slots=True)
class Identifier(Leaf):
    """An identifier with an optional scheme (UBL ``IdentifierType``).

    ``scheme_id`` is the ISO 6523 ICD (e.g. ``0192`` Norwegian organisation
    number, ``0088`` GLN) for party/item identifiers, or the EAS code for
    electronic addresses (``cbc:EndpointID``, BT-34/BT-49). Check digits are
    verified by :func:`heldigital.ehf.identifiers.check_identifier`, never on
    reading.
    """

    value: str
    scheme_id: str | None = None
    scheme_name: str | None = None
    scheme_agency_id: str | None = None
    scheme_version_id: str | None = None

    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (
        ("scheme_id", "schemeID"),
        ("scheme_name", "schemeName"),
        ("scheme_agency_id", "schemeAgencyID"),
        ("scheme_version_id", "schemeVersionID"),
    )

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Code(Leaf):
    """A code with optional list attributes (UBL ``CodeType``).

    ``list_id``/``list_version_id`` carry e.g. the classification scheme of
    BT-158 (BT-158-1, BT-158-2); ``name`` carries the payment means text
    BT-82 on ``cbc:PaymentMeansCode``.
    """

    value: str
    list_id: str | None = None
    list_agency_id: str | None = None
    list_version_id: str | None = None
    name: str | None = None

    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (
        ("list_id", "listID"),
        ("list_agency_id", "listAgencyID"),
        ("list_version_id", "listVersionID"),
        ("name", "name"),
    )

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Amount(Leaf):
    """A monetary amount: Decimal value and ISO 4217 currency (``currencyID``).

    The value keeps the scale it was given ("100.00" stays two decimals);
    amounts are never floats.
    """

    value: Decimal
    currency: str

    _value_type: ClassVar[type] = Decimal
    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (("currency", "currencyID"),)
    _required_attributes: ClassVar[frozenset[str]] = frozenset({"currency"})

    def __post_init__(self) -> None:
        if not isinstance(self.value, Decimal):
            raise TypeError(f"Amount value must be a Decimal, not {type(self.value).__name__}")


@dataclass(frozen=True, slots=True)
class Quantity(Leaf):
    """A quantity: Decimal value and UN/ECE Rec 20 unit code (``unitCode``)."""

    value: Decimal
    unit_code: str | None = None

    _value_type: ClassVar[type] = Decimal
    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (("unit_code", "unitCode"),)

    def __post_init__(self) -> None:
        if not isinstance(self.value, Decimal):
            raise TypeError(f"Quantity value must be a Decimal, not {type(self.value).__name__}")


@dataclass(frozen=True, slots=True)
class Measure(Leaf):
    """A measure (UBL ``MeasureType``): Decimal value and required ``unitCode``."""

    value: Decimal
    unit_code: str

    _value_type: ClassVar[type] = Decimal
    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (("unit_code", "unitCode"),)
    _required_attributes: ClassVar[frozenset[str]] = frozenset({"unit_code"})


@dataclass(frozen=True, slots=True)
class BinaryObject(Leaf):
    """An embedded binary object (``cbc:EmbeddedDocumentBinaryObject``, BT-125).

    ``value`` is the base64 text exactly as it stands in the document (line
    breaks included), so a round trip reproduces it byte for byte;
    :attr:`content` decodes it. Build one from raw bytes with
    :meth:`from_bytes`. ``mime_code`` is BT-125-1, ``filename`` BT-125-2.
    """

    value: str
    mime_code: str
    filename: str | None = None
    encoding_code: str | None = None
    character_set_code: str | None = None
    uri: str | None = None

    _attributes: ClassVar[tuple[tuple[str, str], ...]] = (
        ("mime_code", "mimeCode"),
        ("filename", "filename"),
        ("encoding_code", "encodingCode"),
        ("character_set_code", "characterSetCode"),
        ("uri", "uri"),
    )
    _required_attributes: ClassVar[frozenset[str]] = frozenset({"mime_code"})

    @classmethod
    def from_bytes(
        cls, content: bytes, *, mime_code: str, filename: str | None = None
    ) -> BinaryObject:
        """Encode ``content`` as base64 (RFC 4648, no line breaks)."""
        return cls(
            value=base64.b64encode(content).decode("ascii"),
            mime_code=mime_code,
            filename=filename,
        )

    @property
    def content(self) -> bytes:
        """The decoded bytes; raises ``ValueError`` for text that is not base64."""
        try:
            return base64.b64decode("".join(self.value.split()), validate=True)
        except binascii.Error as exc:
            raise ValueError(f"attachment is not valid base64: {exc}") from None


# --------------------------------------------------------------------------
# Toolkit: reading and writing
# --------------------------------------------------------------------------

_SCALARS = (str, Decimal, _dt.date, bool, int)


@dataclass(frozen=True, slots=True)
class _Plan:
    name: str
    steps: tuple[str, ...]
    many: bool
    required: bool
    kind: type


def _unwrap(hint: Any, many: bool, owner: type, name: str) -> type:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{owner.__name__}.{name}: unsupported union {hint!r}")
        hint = members[0]
        origin = typing.get_origin(hint)
    if many:
        args = typing.get_args(hint)
        if origin is not tuple or len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"{owner.__name__}.{name}: many=True needs tuple[X, ...]")
        hint = args[0]
    if not isinstance(hint, type):
        raise TypeError(f"{owner.__name__}.{name}: unsupported type {hint!r}")
    if not (issubclass(hint, Leaf) or hint in _SCALARS or dataclasses.is_dataclass(hint)):
        raise TypeError(f"{owner.__name__}.{name}: unsupported type {hint!r}")
    return hint


_PLANS: dict[type, tuple[_Plan, ...]] = {}


def _plan(cls: type) -> tuple[_Plan, ...]:
    cached = _PLANS.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    plans = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("ubl")
        if spec is None:
            continue
        kind = _unwrap(hints[f.name], spec.many, cls, f.name)
        plans.append(_Plan(f.name, spec.steps, spec.many, spec.required, kind))
    _PLANS[cls] = result = tuple(plans)
    return result


_PREFIXES = {
    CAC: "cac",
    CBC: "cbc",
    EXT: "ext",
    "http://www.w3.org/2001/XMLSchema-instance": "xsi",
}


@dataclass(frozen=True, slots=True)
class UblField:
    """How one model field maps to UBL (see :func:`ubl_fields`).

    ``path`` is the element path with ``cac``/``cbc`` prefixes, ``many``
    whether the element repeats, ``kind`` the value type (``str``,
    ``Decimal``, a :class:`Leaf` subclass or a model dataclass) and
    ``required`` whether the element must be present (at least once).
    """

    name: str
    path: str
    many: bool
    kind: type
    required: bool


def ubl_fields(cls: type) -> tuple[UblField, ...]:
    """The UBL fields of model ``cls`` in schema order (for tools and tests)."""
    return tuple(
        UblField(
            name=plan.name,
            path="/".join(_short(step) for step in plan.steps),
            many=plan.many,
            kind=plan.kind,
            required=plan.required,
        )
        for plan in _plan(cls)
    )


def _short(name: str | bytes) -> str:
    clark = name.decode() if isinstance(name, bytes) else name
    if not clark.startswith("{"):
        return clark
    ns, _, local = clark[1:].partition("}")
    prefix = _PREFIXES.get(ns)
    return f"{prefix}:{local}" if prefix else clark


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    return [c for c in el.iterchildren(tag)]


def _single(el: etree._Element, tag: str) -> etree._Element | None:
    found = _children(el, tag)
    if len(found) > 1:
        raise _error(
            found[1],
            f"{_short(tag)} occurs {len(found)} times in {_where(el)}; "
            "UBL and the profiles allow it at most once here",
        )
    return found[0] if found else None


def _read_value(kind: type, el: etree._Element) -> Any:
    if issubclass(kind, Leaf):
        return kind.read_leaf(el)
    if kind in _SCALARS:
        return _scalar_from_text(kind, el.text or "", el)
    return read(kind, el)


def _follow(el: etree._Element, steps: tuple[str, ...]) -> etree._Element | None:
    current: etree._Element | None = el
    for step in steps:
        if current is None:
            return None
        current = _single(current, step)
    return current


T = TypeVar("T")


def read(cls: type[T], el: etree._Element) -> T:
    """Build a model of type ``cls`` from the UBL element ``el``.

    Elements the model does not declare are ignored (see the module
    docstring); declared single elements that repeat, values that cannot be
    typed (a date that is no date, an amount without currency) and missing
    schema-required elements raise :class:`heldigital.xml.DocumentError`
    with the line number.
    """
    values: dict[str, Any] = {}
    for plan in _plan(cls):
        first, rest = plan.steps[0], plan.steps[1:]
        if plan.many:
            items = []
            for child in _children(el, first):
                target = _follow(child, rest)
                if target is not None:
                    items.append(_read_value(plan.kind, target))
            if plan.required and not items:
                raise _error(
                    el, f"{_where(el)}: required element {_short(plan.steps[-1])} is missing"
                )
            values[plan.name] = tuple(items)
            continue
        target = _follow(el, plan.steps)
        if target is not None:
            values[plan.name] = _read_value(plan.kind, target)
    try:
        return cls(**values)
    except TypeError as exc:
        missing = [
            _short(p.steps[-1])
            for p in _plan(cls)
            if p.name not in values and _field(cls, p.name).default is dataclasses.MISSING
        ]
        if missing:
            raise _error(
                el, f"{_where(el)}: required element {', '.join(missing)} is missing"
            ) from None
        raise _error(el, f"{_where(el)}: {exc}") from None


def unmodelled(cls: type, el: etree._Element) -> list[str]:
    """Paths of the content under ``el`` that model ``cls`` does not hold.

    :func:`read` ignores elements and attributes its model does not declare
    (``ext:UBLExtensions``, UBL elements outside the profiles, an
    ``xsi:schemaLocation`` hint); this lists them, e.g.
    ``["Invoice/ext:UBLExtensions", "Invoice/cac:Signature"]``, so a caller
    can tell whether reading loses anything. Empty for every billing example
    of the official corpus apart from ``xsi:schemaLocation``.
    """
    found: list[str] = []
    for attribute in el.attrib:
        found.append(f"{etree.QName(el).localname}/@{_short(attribute)}")
    _unmodelled(cls, el, etree.QName(el).localname, found)
    return found


def _unmodelled(cls: type, el: etree._Element, path: str, found: list[str]) -> None:
    plans = {plan.steps[0]: plan for plan in _plan(cls)}
    for child in el:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        child_path = f"{path}/{_short(child.tag)}"
        plan = plans.get(child.tag)
        if plan is None:
            found.append(child_path)
        else:
            _unmodelled_steps(plan.kind, child, plan.steps[1:], child_path, found)


def _unmodelled_steps(
    kind: type, el: etree._Element, rest: tuple[str, ...], path: str, found: list[str]
) -> None:
    if rest:  # a wrapper: only the next step is modelled
        allowed: frozenset[str] = frozenset()
    elif issubclass(kind, Leaf):
        allowed = frozenset(attribute for _, attribute in kind._attributes)
    else:
        allowed = frozenset()
    found.extend(f"{path}/@{_short(a)}" for a in el.attrib if a not in allowed)
    if not rest and dataclasses.is_dataclass(kind) and not issubclass(kind, Leaf):
        _unmodelled(kind, el, path, found)
        return
    for child in el:
        if not isinstance(child.tag, str):
            continue
        child_path = f"{path}/{_short(child.tag)}"
        if rest and child.tag == rest[0]:
            _unmodelled_steps(kind, child, rest[1:], child_path, found)
        else:
            found.append(child_path)


def _field(cls: type, name: str) -> dataclasses.Field[Any]:
    return next(f for f in dataclasses.fields(cls) if f.name == name)


def _write_value(value: Any, el: etree._Element) -> None:
    if isinstance(value, Leaf):
        value.write_leaf(el)
    elif dataclasses.is_dataclass(value):
        write(value, el)
    else:
        el.text = _scalar_to_text(value)


def write(obj: Any, el: etree._Element) -> etree._Element:
    """Append the UBL children of model ``obj`` to element ``el`` in schema order."""
    for plan in _plan(type(obj)):
        value = getattr(obj, plan.name)
        if value is None:
            continue
        items: Sequence[Any] = value if plan.many else (value,)
        if plan.many and not isinstance(value, tuple | list):
            raise TypeError(f"{type(obj).__name__}.{plan.name} must be a tuple")
        if plan.many and plan.required and not value:
            raise ValueError(
                f"{type(obj).__name__}.{plan.name} needs at least one "
                f"{_short(plan.steps[0])} (UBL 2.1 schema)"
            )
        for item in items:
            target = el
            for step in plan.steps:
                target = etree.SubElement(target, step)
            _write_value(item, target)
    return el


def parse_root(data: bytes, namespace: str, local_name: str, *, source: str | None = None) -> Any:
    """Parse ``data`` with the hardened parser and check the root element.

    Returns the root element; raises :class:`DocumentError` when the
    document is not a ``{namespace}local_name`` document.
    """
    from heldigital import xml

    root = xml.parse(data, source=source).getroot()
    expected = f"{{{namespace}}}{local_name}"
    if root.tag != expected:
        raise DocumentError(
            f"expected a UBL {local_name} document ({namespace}), found root element {root.tag!r}",
            line=_line(root),
            source=source,
        )
    return root


def read_document(
    cls: type[T],
    data: bytes,
    namespace: str,
    local_name: str,
    *,
    source: str | None = None,
    strict: bool = False,
) -> T:
    """Parse a whole UBL document of root ``local_name`` into model ``cls``.

    With ``strict=True`` a document holding content the model does not
    declare (see :func:`unmodelled`; the ``xsi:schemaLocation`` hint
    excepted) is refused instead of read with that content left out.
    """
    root = parse_root(data, namespace, local_name, source=source)
    if strict:
        extra = [p for p in unmodelled(cls, root) if not p.endswith("/@xsi:schemaLocation")]
        if extra:
            shown = ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")
            raise DocumentError(
                f"content outside the {local_name} model would be lost: {shown}",
                line=_line(root),
                source=source,
            )
    try:
        return read(cls, root)
    except DocumentError as exc:
        if exc.source is None:
            exc.source = source
        raise


def document_to_xml(obj: Any, namespace: str, local_name: str) -> bytes:
    """Write model ``obj`` as a complete UBL document.

    The root declares exactly three namespaces (the document namespace as
    default, ``cac`` and ``cbc``); output is UTF-8 with an XML declaration,
    indented, in schema order.
    """
    root = etree.Element(f"{{{namespace}}}{local_name}", nsmap={None: namespace, **NSMAP})  # type: ignore[dict-item]
    write(obj, root)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def as_json(obj: Any) -> Any:
    """A JSON-ready form of a model (for APIs and storage next to the XML).

    Dataclasses become objects keyed by field name (empty and ``None``
    fields left out), tuples become lists, ``Decimal`` becomes its exact
    string (``"10.00"``; never a float), dates ISO 8601 strings. The UBL
    XML stays the document of record; this is a view of it.
    """
    if isinstance(obj, Decimal):
        return _format_decimal(obj)
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    if isinstance(obj, tuple | list):
        return [as_json(item) for item in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        result = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is None or value == ():
                continue
            result[f.name] = as_json(value)
        return result
    return obj


# --------------------------------------------------------------------------
# Validation results
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found by a ``validate()`` helper.

    ``where`` names the business term and/or model path (e.g.
    ``"BT-31 seller.party_tax_schemes[0].company_id"``), ``message`` says
    what is wrong. Problems never stop a document from being read.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# --------------------------------------------------------------------------
# Building blocks (field order = UBL 2.1 xsd:sequence order)
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """A period (UBL ``cac:InvoicePeriod`` / ``cac:ValidityPeriod`` ...).

    Invoice period BG-14: ``start_date`` BT-73, ``end_date`` BT-74,
    ``description_codes`` BT-8 (UNCL2005 subset: 3, 35, 432). Invoice line
    period BG-26: BT-134, BT-135.
    """

    start_date: _dt.date | None = ubl("cbc:StartDate")
    start_time: str | None = ubl("cbc:StartTime")
    end_date: _dt.date | None = ubl("cbc:EndDate")
    end_time: str | None = ubl("cbc:EndTime")
    duration: Measure | None = ubl("cbc:DurationMeasure")
    description_codes: tuple[str, ...] = ubl("cbc:DescriptionCode", many=True)
    descriptions: tuple[str, ...] = ubl("cbc:Description", many=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """A country (``cac:Country``): ISO 3166-1 alpha-2 code (e.g. BT-40, BT-159)."""

    identification_code: Code | None = ubl("cbc:IdentificationCode")
    name: str | None = ubl("cbc:Name")


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """A postal address (UBL ``AddressType``).

    Seller postal address BG-5: ``street_name`` BT-35, ``additional_street_name``
    BT-36, ``address_lines`` BT-162, ``city_name`` BT-37, ``postal_zone`` BT-38,
    ``country_subentity`` BT-39, ``country`` BT-40. The same terms serve the
    buyer (BG-8, BT-50..BT-55, BT-163), the tax representative (BG-12) and the
    deliver-to address (BG-15).
    """

    id: Identifier | None = ubl("cbc:ID")
    postbox: str | None = ubl("cbc:Postbox")
    street_name: str | None = ubl("cbc:StreetName")
    additional_street_name: str | None = ubl("cbc:AdditionalStreetName")
    building_number: str | None = ubl("cbc:BuildingNumber")
    department: str | None = ubl("cbc:Department")
    city_name: str | None = ubl("cbc:CityName")
    postal_zone: str | None = ubl("cbc:PostalZone")
    country_subentity: str | None = ubl("cbc:CountrySubentity")
    address_lines: tuple[str, ...] = ubl("cac:AddressLine/cbc:Line", many=True)
    country: Country | None = ubl("cac:Country")

    @property
    def country_code(self) -> str | None:
        """The ISO 3166-1 alpha-2 country code, if any."""
        if self.country is None or self.country.identification_code is None:
            return None
        return self.country.identification_code.value


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyTaxScheme:
    """A tax registration of a party (``cac:PartyTaxScheme``).

    With ``tax_scheme == "VAT"`` ``company_id`` is the VAT identifier (seller
    BT-31, buyer BT-48, tax representative BT-63); otherwise it is the seller
    tax registration identifier BT-32 (in Norway ``TAX`` with the text
    ``Foretaksregisteret``).
    """

    registration_name: str | None = ubl("cbc:RegistrationName")
    company_id: Identifier | None = ubl("cbc:CompanyID")
    exemption_reason_code: Code | None = ubl("cbc:ExemptionReasonCode")
    exemption_reasons: tuple[str, ...] = ubl("cbc:ExemptionReason", many=True)
    tax_scheme: Identifier = ubl("cac:TaxScheme/cbc:ID", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyLegalEntity:
    """A legal registration (``cac:PartyLegalEntity``).

    Seller: ``registration_name`` BT-27, ``company_id`` BT-30 (scheme e.g.
    ``0192``), ``company_legal_form`` BT-33. Buyer: BT-44, BT-47. Payee BT-61.
    """

    registration_name: str | None = ubl("cbc:RegistrationName")
    company_id: Identifier | None = ubl("cbc:CompanyID")
    registration_date: _dt.date | None = ubl("cbc:RegistrationDate")
    company_legal_form_code: Code | None = ubl("cbc:CompanyLegalFormCode")
    company_legal_form: str | None = ubl("cbc:CompanyLegalForm")
    registration_address: Address | None = ubl("cac:RegistrationAddress")


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """A contact (``cac:Contact``): seller contact BG-6 (BT-41 ``name``,
    BT-42 ``telephone``, BT-43 ``electronic_mail``) or buyer contact BG-9
    (BT-56..BT-58)."""

    id: Identifier | None = ubl("cbc:ID")
    name: str | None = ubl("cbc:Name")
    telephone: str | None = ubl("cbc:Telephone")
    telefax: str | None = ubl("cbc:Telefax")
    electronic_mail: str | None = ubl("cbc:ElectronicMail")
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A party (UBL ``PartyType``): seller BG-4, buyer BG-7, payee BG-10, tax
    representative BG-11, and the parties of the post-award documents.

    ``endpoint_id`` is the electronic address (BT-34 seller, BT-49 buyer; the
    EAS code in ``scheme_id``); ``identifications`` BT-29 / BT-46 / BT-60
    (ICD scheme); ``names`` the trading names (BT-28 / BT-45 / BT-59 /
    BT-62); ``postal_address`` BG-5 / BG-8 / BG-12; ``tax_schemes`` BT-31,
    BT-32, BT-48, BT-63; ``legal_entities`` BT-27, BT-30, BT-33, BT-44, BT-47,
    BT-61; ``contact`` BG-6 / BG-9.
    """

    website_uri: str | None = ubl("cbc:WebsiteURI")
    endpoint_id: Identifier | None = ubl("cbc:EndpointID")
    industry_classification_code: Code | None = ubl("cbc:IndustryClassificationCode")
    identifications: tuple[Identifier, ...] = ubl("cac:PartyIdentification/cbc:ID", many=True)
    names: tuple[str, ...] = ubl("cac:PartyName/cbc:Name", many=True)
    postal_address: Address | None = ubl("cac:PostalAddress")
    physical_location: Location | None = ubl("cac:PhysicalLocation")
    tax_schemes: tuple[PartyTaxScheme, ...] = ubl("cac:PartyTaxScheme", many=True)
    legal_entities: tuple[PartyLegalEntity, ...] = ubl("cac:PartyLegalEntity", many=True)
    contact: Contact | None = ubl("cac:Contact")

    @property
    def name(self) -> str | None:
        """The first trading name (BT-28 / BT-45), if any."""
        return self.names[0] if self.names else None

    @property
    def legal_entity(self) -> PartyLegalEntity | None:
        """The first legal entity, if any (BIS Billing allows one)."""
        return self.legal_entities[0] if self.legal_entities else None

    @property
    def registration_name(self) -> str | None:
        """The legal registration name (BT-27 / BT-44), if any."""
        entity = self.legal_entity
        return entity.registration_name if entity else None

    @property
    def legal_registration_id(self) -> Identifier | None:
        """The legal registration identifier (BT-30 / BT-47 / BT-61), if any."""
        entity = self.legal_entity
        return entity.company_id if entity else None

    def tax_registration(self, scheme: str = "VAT") -> Identifier | None:
        """The ``company_id`` of the first tax scheme with ID ``scheme``.

        ``"VAT"`` gives the VAT identifier (BT-31 / BT-48 / BT-63); any other
        scheme (``"TAX"`` in Norway) gives BT-32.
        """
        for scheme_entry in self.tax_schemes:
            if scheme_entry.tax_scheme.value == scheme:
                return scheme_entry.company_id
        return None

    @property
    def vat_identifier(self) -> Identifier | None:
        """The VAT identifier (BT-31 / BT-48 / BT-63), if any."""
        return self.tax_registration("VAT")


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """A location (UBL ``LocationType``: ``cac:DeliveryLocation``,
    ``cac:PhysicalLocation`` ...): deliver-to location BT-71 (``id``, with
    ICD scheme) and deliver-to address BG-15 (``address``)."""

    id: Identifier | None = ubl("cbc:ID")
    descriptions: tuple[str, ...] = ubl("cbc:Description", many=True)
    name: str | None = ubl("cbc:Name")
    address: Address | None = ubl("cac:Address")


#: The first name of :class:`Location`, kept for existing imports.
DeliveryLocation = Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ExternalReference:
    """An external reference (``cac:ExternalReference``): ``uri`` BT-124."""

    uri: str | None = ubl("cbc:URI")
    document_hash: str | None = ubl("cbc:DocumentHash")
    hash_algorithm_method: str | None = ubl("cbc:HashAlgorithmMethod")
    mime_code: str | None = ubl("cbc:MimeCode")
    file_name: str | None = ubl("cbc:FileName")
    descriptions: tuple[str, ...] = ubl("cbc:Description", many=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """An attachment (``cac:Attachment``): embedded document BT-125 (base64
    kept exactly, with BT-125-1 mime code and BT-125-2 file name) and/or
    external document location BT-124."""

    embedded_document: BinaryObject | None = ubl("cbc:EmbeddedDocumentBinaryObject")
    external_reference: ExternalReference | None = ubl("cac:ExternalReference")


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentReference:
    """A document reference (UBL ``DocumentReferenceType``).

    Additional supporting document BG-24: ``id`` BT-122, ``document_type_code``
    (``130`` makes it the invoiced object identifier BT-18 with scheme
    BT-18-1, ``50`` the credit note's project reference BT-11),
    ``document_descriptions`` BT-123, ``attachment`` BT-124/BT-125.
    Preceding invoice reference BG-3: ``id`` BT-25, ``issue_date`` BT-26.
    Line object identifier: ``id`` BT-128 (scheme BT-128-1), type code 130.
    Also used for despatch (BT-16), receipt (BT-15), originator (BT-17) and
    contract (BT-12) references, which carry only ``id``.
    """

    id: Identifier = ubl("cbc:ID", required=True)
    copy_indicator: bool | None = ubl("cbc:CopyIndicator")
    uuid: str | None = ubl("cbc:UUID")
    issue_date: _dt.date | None = ubl("cbc:IssueDate")
    issue_time: str | None = ubl("cbc:IssueTime")
    document_type_code: Code | None = ubl("cbc:DocumentTypeCode")
    document_type: str | None = ubl("cbc:DocumentType")
    version_id: str | None = ubl("cbc:VersionID")
    document_status_code: Code | None = ubl("cbc:DocumentStatusCode")
    document_descriptions: tuple[str, ...] = ubl("cbc:DocumentDescription", many=True)
    attachment: Attachment | None = ubl("cac:Attachment")
    validity_period: Period | None = ubl("cac:ValidityPeriod")
    issuer_party: Party | None = ubl("cac:IssuerParty")


@dataclass(frozen=True, slots=True, kw_only=True)
class LineReference:
    """A reference to a line of another document (UBL ``LineReferenceType``;
    ``cac:OrderLineReference`` has the same leading ``cbc:LineID``).

    Referenced purchase order line BT-132 is ``line_id`` of
    ``cac:OrderLineReference``.
    """

    line_id: str = ubl("cbc:LineID", required=True)
    uuid: str | None = ubl("cbc:UUID")
    line_status_code: Code | None = ubl("cbc:LineStatusCode")
    document_reference: DocumentReference | None = ubl("cac:DocumentReference")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLineReference:
    """A reference to a purchase order line (``cac:OrderLineReference``):
    ``line_id`` is the referenced purchase order line BT-132."""

    line_id: str = ubl("cbc:LineID", required=True)
    sales_order_line_id: str | None = ubl("cbc:SalesOrderLineID")
    uuid: str | None = ubl("cbc:UUID")
    line_status_code: Code | None = ubl("cbc:LineStatusCode")
    order_reference: OrderReference | None = ubl("cac:OrderReference")


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderReference:
    """A purchase order reference (``cac:OrderReference``): ``id`` purchase
    order reference BT-13, ``sales_order_id`` sales order reference BT-14."""

    id: Identifier = ubl("cbc:ID", required=True)
    sales_order_id: Identifier | None = ubl("cbc:SalesOrderID")
    copy_indicator: bool | None = ubl("cbc:CopyIndicator")
    uuid: str | None = ubl("cbc:UUID")
    issue_date: _dt.date | None = ubl("cbc:IssueDate")
    issue_time: str | None = ubl("cbc:IssueTime")
    customer_reference: str | None = ubl("cbc:CustomerReference")
    order_type_code: Code | None = ubl("cbc:OrderTypeCode")
    document_reference: DocumentReference | None = ubl("cac:DocumentReference")


@dataclass(frozen=True, slots=True, kw_only=True)
class BillingReference:
    """A preceding invoice reference BG-3 (``cac:BillingReference``).

    BIS Billing uses ``invoice_document_reference`` (BT-25 ``id``, BT-26
    ``issue_date``); the other kinds of UBL billing reference are kept too.
    """

    invoice_document_reference: DocumentReference | None = ubl("cac:InvoiceDocumentReference")
    self_billed_invoice_document_reference: DocumentReference | None = ubl(
        "cac:SelfBilledInvoiceDocumentReference"
    )
    credit_note_document_reference: DocumentReference | None = ubl(
        "cac:CreditNoteDocumentReference"
    )
    self_billed_credit_note_document_reference: DocumentReference | None = ubl(
        "cac:SelfBilledCreditNoteDocumentReference"
    )
    debit_note_document_reference: DocumentReference | None = ubl("cac:DebitNoteDocumentReference")
    reminder_document_reference: DocumentReference | None = ubl("cac:ReminderDocumentReference")
    additional_document_reference: DocumentReference | None = ubl("cac:AdditionalDocumentReference")


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxCategory:
    """A VAT category (``cac:TaxCategory`` / ``cac:ClassifiedTaxCategory``).

    ``id`` is the UNCL5305 VAT category code (BT-95/BT-102 on document
    allowances/charges, BT-118 in the VAT breakdown, BT-151 on the item),
    ``percent`` the rate (BT-96, BT-103, BT-119, BT-152),
    ``tax_exemption_reason_code`` BT-121 and ``tax_exemption_reasons`` BT-120;
    ``tax_scheme`` is ``VAT`` (the default: BIS Billing has no other tax
    scheme on a tax category).
    """

    id: Identifier | None = ubl("cbc:ID")
    name: str | None = ubl("cbc:Name")
    percent: Decimal | None = ubl("cbc:Percent")
    tax_exemption_reason_code: Code | None = ubl("cbc:TaxExemptionReasonCode")
    tax_exemption_reasons: tuple[str, ...] = ubl("cbc:TaxExemptionReason", many=True)
    tax_scheme: Identifier = ubl("cac:TaxScheme/cbc:ID", default=Identifier("VAT"))

    @property
    def code(self) -> str | None:
        """The VAT category code (UNCL5305: S, Z, E, AE, K, G, O, L, M)."""
        return self.id.value if self.id is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxSubtotal:
    """A VAT breakdown entry BG-23: ``taxable_amount`` BT-116, ``tax_amount``
    BT-117, ``tax_category`` BT-118..BT-121."""

    taxable_amount: Amount | None = ubl("cbc:TaxableAmount")
    tax_amount: Amount = ubl("cbc:TaxAmount", required=True)
    percent: Decimal | None = ubl("cbc:Percent")
    tax_category: TaxCategory = ubl("cac:TaxCategory", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxTotal:
    """A tax total (``cac:TaxTotal``): ``tax_amount`` is BT-110 (in the
    document currency, with ``subtotals`` BG-23) or BT-111 (in the tax
    accounting currency BT-6, without subtotals)."""

    tax_amount: Amount = ubl("cbc:TaxAmount", required=True)
    rounding_amount: Amount | None = ubl("cbc:RoundingAmount")
    subtotals: tuple[TaxSubtotal, ...] = ubl("cac:TaxSubtotal", many=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class AllowanceCharge:
    """An allowance or charge (``cac:AllowanceCharge``).

    Document level BG-20 (allowance) / BG-21 (charge): ``amount`` BT-92/BT-99,
    ``base_amount`` BT-93/BT-100, ``multiplier_factor`` (percentage)
    BT-94/BT-101, ``tax_categories`` BT-95/96 and BT-102/103, ``reasons``
    BT-97/BT-104, ``reason_code`` BT-98/BT-105. Line level BG-27/BG-28
    (BT-136..BT-145, no tax category). On the price (BT-147 ``amount``,
    BT-148 ``base_amount``) it is the price discount.
    """

    id: str | None = ubl("cbc:ID")
    charge_indicator: bool = ubl("cbc:ChargeIndicator", required=True)
    reason_code: Code | None = ubl("cbc:AllowanceChargeReasonCode")
    reasons: tuple[str, ...] = ubl("cbc:AllowanceChargeReason", many=True)
    multiplier_factor: Decimal | None = ubl("cbc:MultiplierFactorNumeric")
    prepaid_indicator: bool | None = ubl("cbc:PrepaidIndicator")
    sequence_numeric: Decimal | None = ubl("cbc:SequenceNumeric")
    amount: Amount = ubl("cbc:Amount", required=True)
    base_amount: Amount | None = ubl("cbc:BaseAmount")
    accounting_cost_code: str | None = ubl("cbc:AccountingCostCode")
    accounting_cost: str | None = ubl("cbc:AccountingCost")
    per_unit_amount: Amount | None = ubl("cbc:PerUnitAmount")
    tax_categories: tuple[TaxCategory, ...] = ubl("cac:TaxCategory", many=True)

    @property
    def reason(self) -> str | None:
        """The first reason text (BT-97 / BT-104 / BT-139 / BT-144), if any."""
        return self.reasons[0] if self.reasons else None

    @property
    def tax_category(self) -> TaxCategory | None:
        """The first tax category (BIS Billing allows exactly one), if any."""
        return self.tax_categories[0] if self.tax_categories else None


@dataclass(frozen=True, slots=True, kw_only=True)
class CommodityClassification:
    """An item classification (``cac:CommodityClassification``):
    ``item_classification_code`` BT-158 with scheme BT-158-1 (``list_id``) and
    version BT-158-2 (``list_version_id``)."""

    nature_code: Code | None = ubl("cbc:NatureCode")
    cargo_type_code: Code | None = ubl("cbc:CargoTypeCode")
    commodity_code: Code | None = ubl("cbc:CommodityCode")
    item_classification_code: Code | None = ubl("cbc:ItemClassificationCode")


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemProperty:
    """An item attribute BG-32 (``cac:AdditionalItemProperty``): ``name``
    BT-160, ``value`` BT-161."""

    id: Identifier | None = ubl("cbc:ID")
    name: str = ubl("cbc:Name", required=True)
    name_code: Code | None = ubl("cbc:NameCode")
    test_method: str | None = ubl("cbc:TestMethod")
    value: str | None = ubl("cbc:Value")
    value_quantity: Quantity | None = ubl("cbc:ValueQuantity")
    value_qualifiers: tuple[str, ...] = ubl("cbc:ValueQualifier", many=True)
    importance_code: Code | None = ubl("cbc:ImportanceCode")
    list_values: tuple[str, ...] = ubl("cbc:ListValue", many=True)
    usability_period: Period | None = ubl("cac:UsabilityPeriod")


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """An item (UBL ``ItemType``), item information BG-31 on an invoice line.

    ``descriptions`` BT-154, ``name`` BT-153, ``buyers_item_id`` BT-156,
    ``sellers_item_id`` BT-155, ``standard_item_id`` BT-157 (scheme
    BT-157-1, e.g. ``0160`` GTIN), ``origin_country`` BT-159,
    ``commodity_classifications`` BT-158, ``classified_tax_categories`` BG-30
    (BT-151, BT-152), ``additional_properties`` BG-32. The further elements
    serve the catalogue and ordering documents.
    """

    descriptions: tuple[str, ...] = ubl("cbc:Description", many=True)
    pack_quantity: Quantity | None = ubl("cbc:PackQuantity")
    pack_size_numeric: Decimal | None = ubl("cbc:PackSizeNumeric")
    catalogue_indicator: bool | None = ubl("cbc:CatalogueIndicator")
    name: str | None = ubl("cbc:Name")
    hazardous_risk_indicator: bool | None = ubl("cbc:HazardousRiskIndicator")
    additional_information: tuple[str, ...] = ubl("cbc:AdditionalInformation", many=True)
    keywords: tuple[str, ...] = ubl("cbc:Keyword", many=True)
    brand_names: tuple[str, ...] = ubl("cbc:BrandName", many=True)
    model_names: tuple[str, ...] = ubl("cbc:ModelName", many=True)
    buyers_item_id: Identifier | None = ubl("cac:BuyersItemIdentification/cbc:ID")
    sellers_item_id: Identifier | None = ubl("cac:SellersItemIdentification/cbc:ID")
    manufacturers_item_ids: tuple[Identifier, ...] = ubl(
        "cac:ManufacturersItemIdentification/cbc:ID", many=True
    )
    standard_item_id: Identifier | None = ubl("cac:StandardItemIdentification/cbc:ID")
    catalogue_item_id: Identifier | None = ubl("cac:CatalogueItemIdentification/cbc:ID")
    additional_item_ids: tuple[Identifier, ...] = ubl(
        "cac:AdditionalItemIdentification/cbc:ID", many=True
    )
    catalogue_document_reference: DocumentReference | None = ubl("cac:CatalogueDocumentReference")
    item_specification_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:ItemSpecificationDocumentReference", many=True
    )
    origin_country: Country | None = ubl("cac:OriginCountry")
    commodity_classifications: tuple[CommodityClassification, ...] = ubl(
        "cac:CommodityClassification", many=True
    )
    classified_tax_categories: tuple[TaxCategory, ...] = ubl("cac:ClassifiedTaxCategory", many=True)
    additional_properties: tuple[ItemProperty, ...] = ubl("cac:AdditionalItemProperty", many=True)
    manufacturer_parties: tuple[Party, ...] = ubl("cac:ManufacturerParty", many=True)

    @property
    def description(self) -> str | None:
        """The item description BT-154 (the first, if several)."""
        return self.descriptions[0] if self.descriptions else None

    @property
    def classified_tax_category(self) -> TaxCategory | None:
        """The line VAT information BG-30 (the first tax category), if any."""
        return self.classified_tax_categories[0] if self.classified_tax_categories else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Price:
    """Price details BG-29 (``cac:Price``): ``price_amount`` item net price
    BT-146, ``base_quantity`` BT-149 with unit BT-150, ``allowance_charges``
    the price discount (BT-147 amount, BT-148 gross price as base amount)."""

    price_amount: Amount = ubl("cbc:PriceAmount", required=True)
    base_quantity: Quantity | None = ubl("cbc:BaseQuantity")
    price_change_reasons: tuple[str, ...] = ubl("cbc:PriceChangeReason", many=True)
    price_type_code: Code | None = ubl("cbc:PriceTypeCode")
    price_type: str | None = ubl("cbc:PriceType")
    orderable_unit_factor_rate: Decimal | None = ubl("cbc:OrderableUnitFactorRate")
    validity_periods: tuple[Period, ...] = ubl("cac:ValidityPeriod", many=True)
    allowance_charges: tuple[AllowanceCharge, ...] = ubl("cac:AllowanceCharge", many=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    """Delivery information BG-13 (``cac:Delivery``): ``actual_delivery_date``
    BT-72, ``delivery_location`` (BT-71 id, BG-15 address), ``delivery_party_names``
    deliver-to party name BT-70."""

    id: Identifier | None = ubl("cbc:ID")
    quantity: Quantity | None = ubl("cbc:Quantity")
    actual_delivery_date: _dt.date | None = ubl("cbc:ActualDeliveryDate")
    actual_delivery_time: str | None = ubl("cbc:ActualDeliveryTime")
    latest_delivery_date: _dt.date | None = ubl("cbc:LatestDeliveryDate")
    latest_delivery_time: str | None = ubl("cbc:LatestDeliveryTime")
    tracking_id: Identifier | None = ubl("cbc:TrackingID")
    delivery_address: Address | None = ubl("cac:DeliveryAddress")
    delivery_location: Location | None = ubl("cac:DeliveryLocation")
    requested_delivery_period: Period | None = ubl("cac:RequestedDeliveryPeriod")
    promised_delivery_period: Period | None = ubl("cac:PromisedDeliveryPeriod")
    estimated_delivery_period: Period | None = ubl("cac:EstimatedDeliveryPeriod")
    carrier_party: Party | None = ubl("cac:CarrierParty")
    delivery_party: Party | None = ubl("cac:DeliveryParty")

    @property
    def party_name(self) -> str | None:
        """Deliver-to party name BT-70, if any."""
        return self.delivery_party.name if self.delivery_party else None


@dataclass(frozen=True, slots=True, kw_only=True)
class CardAccount:
    """Payment card information BG-18 (``cac:CardAccount``): ``primary_account_number``
    BT-87 (at most the last 4-6 digits), ``network_id`` (e.g. VISA),
    ``holder_name`` BT-88."""

    primary_account_number: Identifier = ubl("cbc:PrimaryAccountNumberID", required=True)
    network_id: Identifier = ubl("cbc:NetworkID", required=True)
    card_type_code: Code | None = ubl("cbc:CardTypeCode")
    validity_start_date: _dt.date | None = ubl("cbc:ValidityStartDate")
    expiry_date: _dt.date | None = ubl("cbc:ExpiryDate")
    issuer_id: Identifier | None = ubl("cbc:IssuerID")
    holder_name: str | None = ubl("cbc:HolderName")


@dataclass(frozen=True, slots=True, kw_only=True)
class FinancialAccount:
    """A financial account (``cac:PayeeFinancialAccount`` /
    ``cac:PayerFinancialAccount``).

    Credit transfer BG-17: ``id`` payment account identifier BT-84 (IBAN, or
    a Norwegian BBAN in EHF), ``name`` BT-85, ``financial_institution_branch_id``
    service provider identifier BT-86 (BIC). Direct debit: debited account
    BT-91.
    """

    id: Identifier | None = ubl("cbc:ID")
    name: str | None = ubl("cbc:Name")
    alias_name: str | None = ubl("cbc:AliasName")
    account_type_code: Code | None = ubl("cbc:AccountTypeCode")
    account_format_code: Code | None = ubl("cbc:AccountFormatCode")
    currency_code: str | None = ubl("cbc:CurrencyCode")
    payment_notes: tuple[str, ...] = ubl("cbc:PaymentNote", many=True)
    financial_institution_branch_id: Identifier | None = ubl(
        "cac:FinancialInstitutionBranch/cbc:ID"
    )
    country: Country | None = ubl("cac:Country")


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentMandate:
    """Direct debit BG-19 (``cac:PaymentMandate``): ``id`` mandate reference
    BT-89, ``payer_financial_account`` debited account BT-91. (The bank
    assigned creditor identifier BT-90 is a seller/payee party identifier
    with scheme ``SEPA``.)"""

    id: Identifier | None = ubl("cbc:ID")
    mandate_type_code: Code | None = ubl("cbc:MandateTypeCode")
    payer_financial_account: FinancialAccount | None = ubl("cac:PayerFinancialAccount")
    validity_period: Period | None = ubl("cac:ValidityPeriod")


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentMeans:
    """Payment instructions BG-16 (``cac:PaymentMeans``).

    ``payment_means_code`` BT-81 (UNCL4461, its ``name`` attribute BT-82),
    ``payment_due_date`` (the credit note's due date BT-9 in BIS Billing),
    ``payment_ids`` remittance information BT-83 (KID in Norway),
    ``card_account`` BG-18, ``payee_financial_account`` BG-17,
    ``payment_mandate`` BG-19.
    """

    id: Identifier | None = ubl("cbc:ID")
    payment_means_code: Code = ubl("cbc:PaymentMeansCode", required=True)
    payment_due_date: _dt.date | None = ubl("cbc:PaymentDueDate")
    payment_channel_code: Code | None = ubl("cbc:PaymentChannelCode")
    instruction_id: Identifier | None = ubl("cbc:InstructionID")
    instruction_notes: tuple[str, ...] = ubl("cbc:InstructionNote", many=True)
    payment_ids: tuple[str, ...] = ubl("cbc:PaymentID", many=True)
    card_account: CardAccount | None = ubl("cac:CardAccount")
    payer_financial_account: FinancialAccount | None = ubl("cac:PayerFinancialAccount")
    payee_financial_account: FinancialAccount | None = ubl("cac:PayeeFinancialAccount")
    credit_account_id: Identifier | None = ubl("cac:CreditAccount/cbc:AccountID")
    payment_mandate: PaymentMandate | None = ubl("cac:PaymentMandate")

    @property
    def payment_id(self) -> str | None:
        """Remittance information BT-83 (the first payment id), if any."""
        return self.payment_ids[0] if self.payment_ids else None


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentTerms:
    """Payment terms (``cac:PaymentTerms``): ``notes`` is BT-20."""

    id: Identifier | None = ubl("cbc:ID")
    payment_means_ids: tuple[str, ...] = ubl("cbc:PaymentMeansID", many=True)
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)
    settlement_discount_percent: Decimal | None = ubl("cbc:SettlementDiscountPercent")
    penalty_surcharge_percent: Decimal | None = ubl("cbc:PenaltySurchargePercent")
    payment_percent: Decimal | None = ubl("cbc:PaymentPercent")
    amount: Amount | None = ubl("cbc:Amount")
    payment_due_date: _dt.date | None = ubl("cbc:PaymentDueDate")
    settlement_period: Period | None = ubl("cac:SettlementPeriod")
    penalty_period: Period | None = ubl("cac:PenaltyPeriod")


@dataclass(frozen=True, slots=True, kw_only=True)
class MonetaryTotal:
    """Document totals BG-22 (``cac:LegalMonetaryTotal``).

    ``line_extension_amount`` sum of invoice line net amounts BT-106,
    ``tax_exclusive_amount`` BT-109, ``tax_inclusive_amount`` BT-112,
    ``allowance_total_amount`` BT-107, ``charge_total_amount`` BT-108,
    ``prepaid_amount`` BT-113, ``payable_rounding_amount`` BT-114,
    ``payable_amount`` amount due for payment BT-115.
    """

    line_extension_amount: Amount | None = ubl("cbc:LineExtensionAmount")
    tax_exclusive_amount: Amount | None = ubl("cbc:TaxExclusiveAmount")
    tax_inclusive_amount: Amount | None = ubl("cbc:TaxInclusiveAmount")
    allowance_total_amount: Amount | None = ubl("cbc:AllowanceTotalAmount")
    charge_total_amount: Amount | None = ubl("cbc:ChargeTotalAmount")
    prepaid_amount: Amount | None = ubl("cbc:PrepaidAmount")
    payable_rounding_amount: Amount | None = ubl("cbc:PayableRoundingAmount")
    payable_amount: Amount = ubl("cbc:PayableAmount", required=True)
    payable_alternative_amount: Amount | None = ubl("cbc:PayableAlternativeAmount")
