"""The one UBL 2.1 mapping engine of :mod:`heldigital.ehf`.

Every document model of :mod:`heldigital.ehf` (Invoice, CreditNote, Order,
Order Response, Despatch Advice, Catalogue, the application responses ...) is
a tree of frozen dataclasses built on this module:

* the value types of the UBL unqualified data types that carry attributes
  (:class:`Identifier`, :class:`Code`, :class:`Amount`, :class:`Quantity`,
  :class:`Measure`, :class:`BinaryObject`), each with every attribute any
  profile (billing or post-award) uses;
* a small declarative mapping between dataclasses and UBL XML: each field
  names its UBL element with :func:`one` (mandatory), :func:`opt` (optional)
  or :func:`many` (repeating). **Field order is element order**: fields are
  declared in the order of the ``xsd:sequence`` of the UBL 2.1 schema, so
  writing produces schema-valid, canonical XML without an ordering table,
  and reading is driven by the same declaration;
* :class:`Aggregate` (the base of every UBL aggregate, checks types and the
  code lists named by a field when a model is built) and :class:`Document`
  (a root document: ``from_xml`` / ``to_xml``);
* :func:`unmodelled` (what reading would leave out), :func:`as_json` and
  :class:`Problem`.

The aggregates themselves (one class per UBL ABIE: :class:`~heldigital.ehf.common.Party`,
:class:`~heldigital.ehf.common.Item` ...) are in :mod:`heldigital.ehf.common`;
the code lists in :mod:`heldigital.ehf.codelists`.

Value types by annotation: ``str`` (text kept exactly), ``Decimal``,
``datetime.date``, ``datetime.time``, ``bool`` (``true/false/1/0``), one of
the value types above, an :class:`Aggregate`; ``tuple[X, ...]`` with
:func:`many`, ``X | None`` with :func:`opt`.

Reading is tolerant: elements outside the models are skipped (:func:`unmodelled`
lists them; ``strict=True`` refuses them), numbers, dates and times may carry
surrounding white space, code values outside their code lists are kept and
reported by :meth:`Aggregate.validate`. Text, identifiers and codes are kept
exactly as written. Writing is canonical: only the ``cac`` and ``cbc``
prefixes plus the document namespace as default namespace, elements in XSD
order, decimals without exponent, indicators as ``true``/``false``, binary
objects as base64 without line breaks.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import types
import typing
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, ClassVar, Self

import pycountry
from lxml import etree

from heldigital.ehf.codelists import CODE_LISTS
from heldigital.xml import DEFAULT_MAX_BYTES, DocumentError, parse

__all__ = [
    "CAC",
    "CBC",
    "CREDIT_NOTE_NS",
    "EXT",
    "INVOICE_NS",
    "NSMAP",
    "Aggregate",
    "Amount",
    "BinaryObject",
    "Code",
    "Document",
    "Identifier",
    "Measure",
    "ModelError",
    "ModelField",
    "Problem",
    "Quantity",
    "as_json",
    "checking_codes",
    "code_list",
    "is_valid_code",
    "many",
    "model_fields",
    "one",
    "opt",
    "unmodelled",
]

#: UBL 2.1 CommonBasicComponents: simple elements (``cbc:ID``, ``cbc:Note`` ...).
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
#: UBL 2.1 CommonAggregateComponents: aggregates (``cac:Party`` ...).
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
#: UBL 2.1 CommonExtensionComponents (``ext:UBLExtensions``); no model reads it.
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
#: Root namespace of ``Invoice`` (UBL 2.1 maindoc/UBL-Invoice-2.1.xsd).
INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
#: Root namespace of ``CreditNote`` (UBL 2.1 maindoc/UBL-CreditNote-2.1.xsd).
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

#: Prefixes used in field declarations and in written documents.
NSMAP: dict[str, str] = {"cac": CAC, "cbc": CBC}
_PREFIXES = NSMAP
_XSI_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


class ModelError(ValueError):
    """A model was given a value that the UBL syntax or the BIS code lists do not allow."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found by a ``validate()`` helper.

    ``where`` names the business term and/or model path (e.g.
    ``"BT-31 seller.party_tax_scheme[0].company_id"``), ``message`` says
    what is wrong. Problems never stop a document from being read.
    """

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# --------------------------------------------------------------------------------------------
# Value types (UBL 2.1 unqualified data types with supplementary components)
# --------------------------------------------------------------------------------------------


def _to_decimal(value: object, what: str) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ModelError(f"{what}: {value!r} is not a decimal number") from None
    else:
        # float is refused on purpose: money and quantities are exact decimals.
        raise ModelError(f"{what}: expected a Decimal, got {type(value).__name__}")
    if not result.is_finite():
        raise ModelError(f"{what}: {value!r} is not a finite number")
    return result


@dataclass(frozen=True)
class _Valued:
    """Base of the value types: ``value`` plus XML attributes listed in ``_attrs``."""

    #: (python field, XML attribute) pairs, in the order they are written.
    _attrs: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __post_init__(self) -> None:
        for name, attr in self._attrs:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ModelError(f"@{attr}: expected text, got {type(value).__name__}")

    def attributes(self) -> dict[str, str]:
        """The XML attributes of this value (only those that are set)."""
        return {
            attr: getattr(self, name)
            for name, attr in self._attrs
            if getattr(self, name) is not None
        }


@dataclass(frozen=True)
class Identifier(_Valued):
    """UBL ``IdentifierType``: an identifier with its identification scheme.

    ``scheme_id`` is the PEPPOL scheme code: EAS for electronic addresses
    (``cbc:EndpointID``, BT-34/BT-49), ICD for party and item identifiers
    (e.g. ``0192`` Norwegian organisation number, ``0088`` GLN). Check digits
    are verified by :func:`heldigital.ehf.identifiers.check_identifier`,
    never on reading.
    """

    value: str
    scheme_id: str | None = None
    scheme_name: str | None = None
    scheme_agency_id: str | None = None
    scheme_agency_name: str | None = None
    scheme_version_id: str | None = None
    scheme_data_uri: str | None = None
    scheme_uri: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("scheme_id", "schemeID"),
        ("scheme_name", "schemeName"),
        ("scheme_agency_id", "schemeAgencyID"),
        ("scheme_agency_name", "schemeAgencyName"),
        ("scheme_version_id", "schemeVersionID"),
        ("scheme_data_uri", "schemeDataURI"),
        ("scheme_uri", "schemeURI"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.value, str):
            raise ModelError(f"identifier: expected text, got {type(self.value).__name__}")

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Code(_Valued):
    """UBL ``CodeType``: a code value with the code list it is taken from.

    ``list_id``/``list_version_id`` carry e.g. the classification scheme of
    BT-158 (BT-158-1, BT-158-2); ``name`` carries the payment means text
    BT-82 on ``cbc:PaymentMeansCode``.
    """

    value: str
    list_id: str | None = None
    list_agency_id: str | None = None
    list_agency_name: str | None = None
    list_name: str | None = None
    list_version_id: str | None = None
    name: str | None = None
    language_id: str | None = None
    list_uri: str | None = None
    list_scheme_uri: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("list_id", "listID"),
        ("list_agency_id", "listAgencyID"),
        ("list_agency_name", "listAgencyName"),
        ("list_name", "listName"),
        ("list_version_id", "listVersionID"),
        ("name", "name"),
        ("language_id", "languageID"),
        ("list_uri", "listURI"),
        ("list_scheme_uri", "listSchemeURI"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.value, str):
            raise ModelError(f"code: expected text, got {type(self.value).__name__}")

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Amount(_Valued):
    """UBL ``AmountType``: a monetary amount (Decimal) in a currency (ISO 4217 ``currencyID``).

    The value keeps the scale it was given ("100.00" stays two decimals);
    amounts are never floats (a float is refused).
    """

    value: Decimal
    currency_id: str
    currency_code_list_version_id: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("currency_id", "currencyID"),
        ("currency_code_list_version_id", "currencyCodeListVersionID"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "value", _to_decimal(self.value, "amount"))
        if checking_codes() and not is_valid_code("ISO4217", self.currency_id.strip()):
            raise ModelError(f"amount: {self.currency_id!r} is not an ISO 4217 currency code")


@dataclass(frozen=True)
class Quantity(_Valued):
    """UBL ``QuantityType``: a Decimal quantity in a unit (UN/ECE Rec 20 ``unitCode``)."""

    value: Decimal
    unit_code: str | None = None
    unit_code_list_id: str | None = None
    unit_code_list_agency_id: str | None = None
    unit_code_list_agency_name: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("unit_code", "unitCode"),
        ("unit_code_list_id", "unitCodeListID"),
        ("unit_code_list_agency_id", "unitCodeListAgencyID"),
        ("unit_code_list_agency_name", "unitCodeListAgencyName"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "value", _to_decimal(self.value, "quantity"))


@dataclass(frozen=True)
class Measure(_Valued):
    """UBL ``MeasureType``: a Decimal measure in a unit (UN/ECE Rec 20 ``unitCode``)."""

    value: Decimal
    unit_code: str
    unit_code_list_version_id: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("unit_code", "unitCode"),
        ("unit_code_list_version_id", "unitCodeListVersionID"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "value", _to_decimal(self.value, "measure"))


@dataclass(frozen=True)
class BinaryObject(_Valued):
    """UBL ``BinaryObjectType``: embedded content (bytes) with its MIME code and file name.

    An attachment BT-125: ``mime_code`` BT-125-1, ``filename`` BT-125-2. Reading
    decodes the base64 text (line breaks are not data); writing encodes it
    without line breaks (RFC 4648).
    """

    value: bytes
    mime_code: str
    filename: str | None = None
    format: str | None = None
    encoding_code: str | None = None
    character_set_code: str | None = None
    uri: str | None = None

    _attrs: ClassVar[tuple[tuple[str, str], ...]] = (
        ("format", "format"),
        ("mime_code", "mimeCode"),
        ("encoding_code", "encodingCode"),
        ("character_set_code", "characterSetCode"),
        ("uri", "uri"),
        ("filename", "filename"),
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.value, bytes):
            raise ModelError(f"binary object: expected bytes, got {type(self.value).__name__}")

    @classmethod
    def from_bytes(
        cls, content: bytes, *, mime_code: str, filename: str | None = None
    ) -> BinaryObject:
        """An embedded object holding ``content``."""
        return cls(value=content, mime_code=mime_code, filename=filename)

    @property
    def content(self) -> bytes:
        """The embedded bytes."""
        return self.value


_VALUE_TYPES: tuple[type[_Valued], ...] = (
    Identifier,
    Code,
    Amount,
    Quantity,
    Measure,
    BinaryObject,
)
_SIMPLE_TYPES: tuple[type, ...] = (str, Decimal, date, time, bool)


# --------------------------------------------------------------------------------------------
# Code lists
# --------------------------------------------------------------------------------------------


@cache
def code_list(name: str) -> frozenset[str] | None:
    """The codes of the PEPPOL BIS post-award code list ``name``, or None if not held here.

    ISO 4217 and ISO 3166-1 alpha-2 are answered from ``pycountry``.
    """
    if name == "ISO4217":
        return frozenset(c.alpha_3 for c in pycountry.currencies)
    if name == "ISO3166":
        return frozenset(c.alpha_2 for c in pycountry.countries)
    return CODE_LISTS.get(name)


@cache
def is_valid_code(name: str, value: str) -> bool:
    """Is ``value`` a code of the code list ``name``? Unknown lists accept every value."""
    codes = code_list(name)
    return codes is None or value in codes


def _code_problem(value: str, lists: tuple[str, ...]) -> str | None:
    known = [name for name in lists if code_list(name) is not None]
    if known and not any(value.strip() in (code_list(name) or ()) for name in known):
        return f"{value!r} is not a code of {' or '.join(known)}"
    return None


#: True while a document is being read: code values are then not checked on
#: construction (a received document must stay readable so that it can be
#: answered); :meth:`Aggregate.validate` reports them instead.
_READING: ContextVar[bool] = ContextVar("_READING", default=False)


def checking_codes() -> bool:
    """False while a document is being read (codes are then reported, not refused)."""
    return not _READING.get()


@contextlib.contextmanager
def _reading() -> Iterator[None]:
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


# --------------------------------------------------------------------------------------------
# Declarative mapping
# --------------------------------------------------------------------------------------------

_ONE, _OPT, _MANY = "one", "opt", "many"


def _meta(
    tag: str,
    card: str,
    codes: tuple[str, ...],
    attr_codes: dict[str, tuple[str, ...]] | None,
    min_occurs: int = 0,
) -> dict[str, Any]:
    prefix, _, local = tag.partition(":")
    if prefix not in _PREFIXES or not local:
        raise ValueError(f"UBL element must be cac:Name or cbc:Name, not {tag!r}")
    return {
        "ubl": tag,
        "card": card,
        "codes": codes,
        "attr_codes": attr_codes or {},
        "min_occurs": min_occurs,
    }


def one(
    tag: str, *, codes: tuple[str, ...] = (), attr_codes: dict[str, tuple[str, ...]] | None = None
) -> Any:
    """A mandatory element (UBL ``minOccurs=1 maxOccurs=1``)."""
    return field(metadata=_meta(tag, _ONE, codes, attr_codes))


def opt(
    tag: str, *, codes: tuple[str, ...] = (), attr_codes: dict[str, tuple[str, ...]] | None = None
) -> Any:
    """An optional element (``minOccurs=0 maxOccurs=1``); None when absent."""
    return field(default=None, metadata=_meta(tag, _OPT, codes, attr_codes))


def many(
    tag: str,
    *,
    codes: tuple[str, ...] = (),
    attr_codes: dict[str, tuple[str, ...]] | None = None,
    min_occurs: int = 0,
) -> Any:
    """A repeating element (``maxOccurs=unbounded``); a tuple, lists are accepted and converted."""
    return field(default=(), metadata=_meta(tag, _MANY, codes, attr_codes, min_occurs))


@dataclass(frozen=True)
class ModelField:
    """How one model field maps to UBL (see :func:`model_fields`).

    ``tag`` is the element (``cbc:ID``), ``qname`` its Clark name, ``card``
    ``one``/``opt``/``many``, ``kind`` the value type (``str``, ``Decimal``,
    a value type or an :class:`Aggregate`), ``codes`` the code lists of the
    value and ``attr_codes`` those of its attributes.
    """

    name: str
    tag: str
    qname: str
    card: str
    kind: type
    codes: tuple[str, ...]
    attr_codes: dict[str, tuple[str, ...]]
    min_occurs: int


def _inner_type(annotation: Any) -> type:
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return _inner_type(typing.get_args(annotation)[0])
    if origin in (types.UnionType, typing.Union):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _inner_type(args[0])
    if not isinstance(annotation, type):
        raise TypeError(f"unsupported annotation {annotation!r}")
    return annotation


_FIELDS: dict[type, tuple[ModelField, ...]] = {}
_FIELDS_BY_QNAME: dict[type, dict[str, ModelField]] = {}


def _fields(cls: type[Aggregate]) -> tuple[ModelField, ...]:
    """The UBL fields of a model class in element order (computed once per class)."""
    cached = _FIELDS.get(cls)
    if cached is None:
        cached = _FIELDS[cls] = _compute_fields(cls)
    return cached


def _compute_fields(cls: type[Aggregate]) -> tuple[ModelField, ...]:
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        if "ubl" not in f.metadata:
            continue
        tag = f.metadata["ubl"]
        prefix, _, local = tag.partition(":")
        kind = _inner_type(hints[f.name])
        if not (kind in _SIMPLE_TYPES or kind in _VALUE_TYPES or issubclass(kind, Aggregate)):
            raise TypeError(f"{cls.__name__}.{f.name}: unsupported type {kind!r}")
        result.append(
            ModelField(
                name=f.name,
                tag=tag,
                qname=f"{{{_PREFIXES[prefix]}}}{local}",
                card=f.metadata["card"],
                kind=kind,
                codes=f.metadata["codes"],
                attr_codes=f.metadata["attr_codes"],
                min_occurs=f.metadata["min_occurs"],
            )
        )
    return tuple(result)


def model_fields(cls: type[Aggregate]) -> tuple[ModelField, ...]:
    """The UBL fields of model ``cls`` in schema (= writing) order, for tools and tests."""
    return _fields(cls)


def _fields_by_qname(cls: type[Aggregate]) -> dict[str, ModelField]:
    cached = _FIELDS_BY_QNAME.get(cls)
    if cached is None:
        cached = _FIELDS_BY_QNAME[cls] = {f.qname: f for f in _fields(cls)}
    return cached


def _item_code_problems(f: ModelField, item: object) -> Iterator[tuple[str, str]]:
    """(what, message) for each code value of ``item`` outside the field's code lists."""
    if f.codes:
        value = item.value if isinstance(item, Code | Identifier) else item
        if isinstance(value, str):
            problem = _code_problem(value, f.codes)
            if problem:
                yield f.tag, problem
    if f.attr_codes and isinstance(item, _Valued):
        attrs = item.attributes()
        for attr, lists in f.attr_codes.items():
            if attr in attrs:
                problem = _code_problem(attrs[attr], lists)
                if problem:
                    yield f"{f.tag}/@{attr}", problem


def _check_item(cls: type, f: ModelField, item: object) -> None:
    where = f"{cls.__name__}.{f.name} ({f.tag})"
    if f.kind is Decimal:
        if not isinstance(item, Decimal) or not item.is_finite():
            raise ModelError(f"{where}: expected a finite Decimal, got {item!r}")
    elif f.kind is date:
        # datetime is a date subclass; a UBL date carries no time of day.
        if type(item) is not date:
            raise ModelError(f"{where}: expected a datetime.date, got {item!r}")
    elif not isinstance(item, f.kind):
        raise ModelError(f"{where}: expected {f.kind.__name__}, got {type(item).__name__}")
    if not _READING.get():
        for what, message in _item_code_problems(f, item):
            raise ModelError(f"{cls.__name__}.{f.name} ({what}): {message}")


@dataclass(frozen=True, kw_only=True)
class Aggregate:
    """Base of every UBL aggregate model: checks types and code lists when built."""

    def __post_init__(self) -> None:
        cls = type(self)
        for f in _fields(cls):
            value = getattr(self, f.name)
            if f.card == _MANY:
                if isinstance(value, list):
                    value = tuple(value)
                    object.__setattr__(self, f.name, value)
                if not isinstance(value, tuple):
                    raise ModelError(
                        f"{cls.__name__}.{f.name} ({f.tag}): expected a list or tuple, "
                        f"got {type(value).__name__}"
                    )
                if len(value) < f.min_occurs:
                    raise ModelError(
                        f"{cls.__name__}.{f.name} ({f.tag}): at least {f.min_occurs} required"
                    )
                for item in value:
                    _check_item(cls, f, item)
            elif value is None:
                if f.card == _ONE:
                    raise ModelError(f"{cls.__name__}.{f.name} ({f.tag}) is required")
            else:
                _check_item(cls, f, value)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready view of this model (for APIs and storage next to the XML).

        See :func:`as_json`.
        """
        result: dict[str, Any] = _json(self)
        return result

    def validate(self, path: str = "") -> list[Problem]:
        """Code values anywhere in this model that are outside their BIS code lists.

        Models built in Python refuse such values at once; documents read with
        ``from_xml`` keep them so that they can be answered, and this method
        lists them (``where`` is the model path, e.g. ``order_line[0].line_item.price``).
        """
        problems: list[Problem] = []
        for f in _fields(type(self)):
            value = getattr(self, f.name)
            items = value if f.card == _MANY else () if value is None else (value,)
            for index, item in enumerate(items):
                where = f"{path}{'.' if path else ''}{f.name}"
                if f.card == _MANY:
                    where += f"[{index}]"
                for what, message in _item_code_problems(f, item):
                    problems.append(Problem(f"{where} ({what})", message))
                if isinstance(item, Aggregate):
                    problems.extend(item.validate(where))
        return problems


def as_json(obj: Any) -> Any:
    """A JSON-ready form of a model (for APIs and storage next to the XML).

    Dataclasses become objects keyed by field name (empty and ``None``
    fields left out), tuples become lists, ``Decimal`` becomes its exact
    string (``"10.00"``; never a float), dates and times ISO 8601 strings,
    binary content base64. The UBL XML stays the document of record; this
    is a view of it.
    """
    return _json(obj)


def _json(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if isinstance(obj, date | time):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return base64.b64encode(obj).decode("ascii")
    if isinstance(obj, tuple | list):
        return [_json(item) for item in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: _json(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if getattr(obj, f.name) not in (None, ())
        }
    return obj


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

_ATTR_FIELDS = {vt: {attr: name for name, attr in vt._attrs} for vt in _VALUE_TYPES}


def _text(elem: etree._Element) -> str:
    return elem.text or ""


def _read_simple(kind: type, elem: etree._Element) -> Any:
    text = _text(elem)
    if kind is str:
        return text
    token = text.strip()
    if kind is Decimal:
        return _to_decimal(token, "number")
    if kind is date:
        try:
            if len(token) != 10:
                raise ValueError(token)
            return date.fromisoformat(token)
        except ValueError:
            raise ModelError(f"{token!r} is not a date (YYYY-MM-DD)") from None
    if kind is time:
        try:
            return time.fromisoformat(token)
        except ValueError:
            raise ModelError(f"{token!r} is not a time (hh:mm:ss)") from None
    if kind is bool:
        if token in ("true", "1"):
            return True
        if token in ("false", "0"):
            return False
        raise ModelError(f"{token!r} is not an indicator (true or false)")
    raise TypeError(kind)


def _read_valued(kind: type[_Valued], elem: etree._Element) -> _Valued:
    names = _ATTR_FIELDS[kind]
    kwargs: dict[str, Any] = {}
    for attr, value in elem.attrib.items():
        name = names.get(str(attr))
        if name is not None:
            kwargs[name] = str(value)
    text = _text(elem)
    if kind is BinaryObject:
        try:
            kwargs["value"] = base64.b64decode("".join(text.split()), validate=True)
        except binascii.Error:
            raise ModelError("embedded binary object is not valid base64") from None
        if "mime_code" not in kwargs:
            raise ModelError("embedded binary object needs @mimeCode")
    elif kind in (Amount, Quantity, Measure):
        kwargs["value"] = _to_decimal(text.strip(), "number")
        if kind is Amount and "currency_id" not in kwargs:
            raise ModelError("amount needs @currencyID")
        if kind is Measure and "unit_code" not in kwargs:
            raise ModelError("measure needs @unitCode")
    else:
        kwargs["value"] = text  # identifiers and codes are kept as written
    return kind(**kwargs)


def _line(elem: etree._Element) -> int | None:
    line = elem.sourceline
    return line if isinstance(line, int) else None


def _location(elem: etree._Element) -> str:
    parts = []
    node: etree._Element | None = elem
    while node is not None:
        qname = etree.QName(node)
        prefix = {CAC: "cac:", CBC: "cbc:"}.get(qname.namespace or "", "")
        parts.append(prefix + qname.localname)
        node = node.getparent()
    return "/" + "/".join(reversed(parts))


def _read_aggregate(cls: type[Aggregate], elem: etree._Element, source: str | None) -> Any:
    by_qname = _fields_by_qname(cls)
    values: dict[str, Any] = {}
    for child in elem:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        f = by_qname.get(child.tag)
        if f is None:
            continue  # an element these profiles do not define: skipped on purpose
        try:
            if issubclass(f.kind, Aggregate):
                value = _read_aggregate(f.kind, child, source)
            elif f.kind in _VALUE_TYPES:
                value = _read_valued(f.kind, child)
            else:
                value = _read_simple(f.kind, child)
        except ModelError as exc:
            raise DocumentError(
                f"{_location(child)}: {exc}", line=_line(child), source=source
            ) from None
        if f.card == _MANY:
            values.setdefault(f.name, []).append(value)
        elif f.name in values:
            raise DocumentError(
                f"{_location(child)}: {f.tag} may occur only once here",
                line=_line(child),
                source=source,
            )
        else:
            values[f.name] = value
    for f in _fields(cls):
        if f.card == _ONE and f.name not in values:
            raise DocumentError(
                f"{_location(elem)}: {f.tag} is missing", line=_line(elem), source=source
            )
    try:
        return cls(**values)
    except ModelError as exc:
        raise DocumentError(f"{_location(elem)}: {exc}", line=_line(elem), source=source) from None


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


def _simple_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _write_aggregate(obj: Aggregate, elem: etree._Element) -> None:
    for f in _fields(type(obj)):
        value = getattr(obj, f.name)
        items = value if f.card == _MANY else () if value is None else (value,)
        for item in items:
            child = etree.SubElement(elem, f.qname)
            if isinstance(item, Aggregate):
                _write_aggregate(item, child)
            elif isinstance(item, _Valued):
                for attr, text in item.attributes().items():
                    child.set(attr, text)
                raw = item.value  # type: ignore[attr-defined]
                if isinstance(raw, bytes):
                    child.text = base64.b64encode(raw).decode("ascii")
                elif isinstance(raw, Decimal):
                    child.text = _decimal_text(raw)
                else:
                    child.text = raw
            else:
                child.text = _simple_text(item)


@dataclass(frozen=True, kw_only=True)
class Document(Aggregate):
    """Base of a UBL 2.1 root document: reads and writes the whole document.

    Subclasses set ``ROOT`` (the root element name) and ``NAMESPACE`` (the
    UBL document namespace).
    """

    ROOT: ClassVar[str] = ""
    NAMESPACE: ClassVar[str] = ""

    @classmethod
    def from_xml(
        cls,
        document: bytes | etree._ElementTree | etree._Element,
        *,
        source: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        strict: bool = False,
    ) -> Self:
        """Read the document from raw bytes (parsed with :func:`heldigital.xml.parse`) or a tree.

        Raises :class:`heldigital.xml.DocumentError` (with the line) when the
        root element is not this document type, a mandatory element is
        missing, a value is not of its type (a date that is no date, an amount
        without currency) or, with ``strict=True``, a code is outside its BIS
        code list or the document holds content the model does not declare
        (see :func:`unmodelled`; the ``xsi:schemaLocation`` hint excepted).
        Without ``strict`` such codes are kept and reported by :meth:`validate`
        and such content is left out.
        """
        if isinstance(document, str):
            # Refused by the parser with a clear error: a document is bytes, not text.
            parse(document, max_bytes=max_bytes, source=source)
        if isinstance(document, bytes | bytearray | memoryview):
            tree = parse(bytes(document), max_bytes=max_bytes, source=source)
            root = tree.getroot()
        elif isinstance(document, etree._ElementTree):
            root = document.getroot()
        else:
            root = document
        expected = f"{{{cls.NAMESPACE}}}{cls.ROOT}"
        if root.tag != expected:
            raise DocumentError(
                f"expected a UBL {cls.ROOT} (root element {expected}), got {root.tag}",
                line=_line(root),
                source=source,
            )
        if strict:
            extra = [p for p in unmodelled(cls, root) if not p.endswith("/@xsi:schemaLocation")]
            if extra:
                shown = ", ".join(extra[:5]) + (
                    f" and {len(extra) - 5} more" if len(extra) > 5 else ""
                )
                raise DocumentError(
                    f"content outside the {cls.ROOT} model would be lost: {shown}",
                    line=_line(root),
                    source=source,
                )
        with contextlib.nullcontext() if strict else _reading():
            result: Self = _read_aggregate(cls, root, source)
        return result

    def to_element(self) -> etree._Element:
        """The document as a new lxml element tree (namespace-clean UBL 2.1)."""
        root = etree.Element(
            f"{{{self.NAMESPACE}}}{self.ROOT}",
            nsmap={None: self.NAMESPACE, **_PREFIXES},  # type: ignore[dict-item]
        )
        _write_aggregate(self, root)
        return root

    def to_xml(self, *, pretty: bool = True) -> bytes:
        """The document as UTF-8 encoded UBL 2.1 XML with an XML declaration."""
        return etree.tostring(
            self.to_element(), xml_declaration=True, encoding="UTF-8", pretty_print=pretty
        )


def unmodelled(cls: type[Aggregate], el: etree._Element) -> list[str]:
    """Paths of the content under ``el`` that model ``cls`` does not hold.

    Reading skips elements and attributes outside the models
    (``ext:UBLExtensions``, ``cac:Signature``, an ``xsi:schemaLocation``
    hint ...); this lists them, e.g. ``["Order/ext:UBLExtensions",
    "Invoice/@xsi:schemaLocation"]``, so a caller can tell whether reading a
    received document loses anything. Empty for every official billing and
    post-award example apart from ``xsi:schemaLocation``.
    """
    found: list[str] = []
    _unmodelled(cls, el, _short_name(el), found)
    return found


def _short_name(el: etree._Element) -> str:
    qname = etree.QName(el)
    prefix = {CAC: "cac:", CBC: "cbc:", EXT: "ext:"}.get(qname.namespace or "", "")
    if not prefix and qname.namespace and el.getparent() is not None:
        prefix = f"{{{qname.namespace}}}"
    return prefix + qname.localname


def _attribute_name(name: str) -> str:
    if name == _XSI_SCHEMA_LOCATION:
        return "xsi:schemaLocation"
    return etree.QName(name).localname


def _unmodelled(kind: type, el: etree._Element, path: str, found: list[str]) -> None:
    by_qname = _fields_by_qname(kind) if issubclass(kind, Aggregate) else {}
    known_attrs = {attr for _, attr in getattr(kind, "_attrs", ())}
    for attribute in el.attrib:
        name = str(attribute)
        if name not in known_attrs:
            found.append(f"{path}/@{_attribute_name(name)}")
    for child in el:
        if not isinstance(child.tag, str):
            continue
        here = f"{path}/{_short_name(child)}"
        f = by_qname.get(child.tag)
        if f is None:
            found.append(here)
        elif issubclass(f.kind, Aggregate) or f.kind in _VALUE_TYPES:
            _unmodelled(f.kind, child, here, found)
        else:
            for attribute in child.attrib:
                found.append(f"{here}/@{_attribute_name(str(attribute))}")
