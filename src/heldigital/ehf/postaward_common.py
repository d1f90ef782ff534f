"""Shared building blocks for the PEPPOL BIS 3 post-award documents (UBL 2.1).

The post-award transactions of PEPPOL BIS 3 (Order T01, Order Response T76 /
Order Agreement T110 / Advanced Order Response T116, Order Change T114, Order
Cancellation T115, Despatch Advice T16, Catalogue T19 and Punch Out T77,
Catalogue Response T58, Message Level Response T71, Invoice Response T111) and
their Norwegian EHF 3.0 extensions are all UBL 2.1 documents built from the
same aggregates (``cac:Party``, ``cac:Item``, ``cac:Delivery`` ...).

This module holds

* a small declarative mapping between frozen dataclasses and UBL XML: each
  field names its UBL element (``one`` / ``opt`` / ``many``), the field order
  is the element order of the UBL 2.1 XSD sequence, so writing produces
  elements in schema order by construction, and reading is driven by the same
  declaration;
* the value types of the UBL unqualified data types that carry attributes
  (:class:`Identifier`, :class:`Code`, :class:`Amount`, :class:`Quantity`,
  :class:`Measure`, :class:`BinaryObject`);
* the code lists referenced by the PEPPOL BIS post-award syntax bindings
  (``docs.peppol.eu/poacc/upgrade-3/codelist/``), used to validate code values
  and code-valued attributes when a model is built (ISO 4217 and ISO 3166-1
  come from ``pycountry``);
* one dataclass per UBL aggregate (ABIE) used by the post-award profiles.

Each aggregate class holds the union of the elements that the PEPPOL BIS 3
post-award syntax bindings and the EHF 3.0 post-award syntax bindings define
for that UBL type (``docs.peppol.eu/poacc/upgrade-3/syntax/...``), plus those
used by the PEPPOL logistics despatch advice and application response
examples. They were derived mechanically from those syntax bindings and the
UBL 2.1 schema (element order, cardinality, code lists) and are maintained by
hand; ``tests/lib/ehf/test_postaward_profiles.py`` fails when a binding
defines an element or attribute that has no field, and the property tests
check the field order against the schema. The comment above each field cites
the information element ids of the specifications (``tir01-032`` is
information element 032 of transaction T01, ``p`` ids are PEPPOL additions,
``OP-T77`` ids are Punch Out).

Reading is tolerant: elements outside these profiles are skipped (they are
not data of these profiles), numbers, dates and times may carry surrounding
white space, indicators accept ``true/false/1/0``, code values outside their
code lists are kept and reported by :meth:`Aggregate.validate`. Text,
identifiers and codes are kept exactly as written. Writing is canonical: only the
``cac`` and ``cbc`` prefixes plus the document namespace as default
namespace, elements in XSD order, decimals without exponent, indicators as
``true``/``false``, binary objects as base64 without line breaks.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
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

from heldigital.ehf.common import CAC, CBC, EXT, Problem
from heldigital.xml import DEFAULT_MAX_BYTES, DocumentError, parse

__all__ = [
    "CAC",
    "CBC",
    "Address",
    "AddressLine",
    "Aggregate",
    "AirTransport",
    "AllowanceCharge",
    "Amount",
    "Attachment",
    "BinaryObject",
    "CatalogueLine",
    "CatalogueReference",
    "Certificate",
    "Code",
    "CommodityClassification",
    "Condition",
    "Consignment",
    "Contact",
    "Contract",
    "Country",
    "CustomerParty",
    "Delivery",
    "DeliveryTerms",
    "DeliveryUnit",
    "Despatch",
    "DespatchLine",
    "Dimension",
    "Document",
    "DocumentReference",
    "DocumentResponse",
    "EnvironmentalEmission",
    "ExternalReference",
    "GoodsItem",
    "HazardousGoodsTransit",
    "HazardousItem",
    "Identifier",
    "Item",
    "ItemComparison",
    "ItemIdentification",
    "ItemInstance",
    "ItemLocationQuantity",
    "ItemProperty",
    "LineItem",
    "LineReference",
    "LineResponse",
    "Location",
    "LocationCoordinate",
    "LotIdentification",
    "MaritimeTransport",
    "Measure",
    "ModelError",
    "MonetaryTotal",
    "OrderLine",
    "OrderLineReference",
    "OrderReference",
    "Package",
    "Party",
    "PartyIdentification",
    "PartyLegalEntity",
    "PartyName",
    "PartyTaxScheme",
    "PaymentTerms",
    "Period",
    "Person",
    "Price",
    "ProjectReference",
    "Quantity",
    "RailTransport",
    "RelatedItem",
    "Response",
    "RoadTransport",
    "Shipment",
    "ShipmentStage",
    "Status",
    "SupplierParty",
    "TaxCategory",
    "TaxScheme",
    "TaxSubtotal",
    "TaxTotal",
    "Temperature",
    "TradingTerms",
    "TransactionConditions",
    "TransportEquipment",
    "TransportHandlingUnit",
    "TransportMeans",
    "TransportationService",
    "checking_codes",
    "code_list",
    "is_valid_code",
    "read_postaward_document",
    "unmodelled",
]

_PREFIXES = {"cac": CAC, "cbc": CBC}


class ModelError(ValueError):
    """A model was given a value that the UBL syntax or the BIS code lists do not allow."""


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
    (``cbc:EndpointID``), ICD for party and item identifiers.
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


@dataclass(frozen=True)
class Code(_Valued):
    """UBL ``CodeType``: a code value with the code list it is taken from."""

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


@dataclass(frozen=True)
class Amount(_Valued):
    """UBL ``AmountType``: a monetary amount (Decimal) in a currency (ISO 4217 ``currencyID``)."""

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
    """UBL ``BinaryObjectType``: embedded content (bytes) with its MIME code and file name."""

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


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


@cache
def code_list(name: str) -> frozenset[str] | None:
    """The codes of the PEPPOL BIS post-award code list ``name``, or None if not held here.

    ISO 4217 and ISO 3166-1 alpha-2 are answered from ``pycountry``.
    """
    if name == "ISO4217":
        return frozenset(c.alpha_3 for c in pycountry.currencies)
    if name == "ISO3166":
        return frozenset(c.alpha_2 for c in pycountry.countries)
    return _CODE_LISTS.get(name)


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
class _Field:
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


_FIELDS: dict[type, tuple[_Field, ...]] = {}
_FIELDS_BY_QNAME: dict[type, dict[str, _Field]] = {}


def _fields(cls: type[Aggregate]) -> tuple[_Field, ...]:
    """The UBL fields of a model class in element order (computed once per class)."""
    cached = _FIELDS.get(cls)
    if cached is None:
        cached = _FIELDS[cls] = _compute_fields(cls)
    return cached


def _compute_fields(cls: type[Aggregate]) -> tuple[_Field, ...]:
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
            _Field(
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


def _fields_by_qname(cls: type[Aggregate]) -> dict[str, _Field]:
    cached = _FIELDS_BY_QNAME.get(cls)
    if cached is None:
        cached = _FIELDS_BY_QNAME[cls] = {f.qname: f for f in _fields(cls)}
    return cached


def _item_code_problems(f: _Field, item: object) -> Iterator[tuple[str, str]]:
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


def _check_item(cls: type, f: _Field, item: object) -> None:
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

        The same form as :func:`heldigital.ehf.common.as_json` for the billing
        models: objects keyed by field name, empty and None fields left out,
        tuples as lists, decimals as their exact strings (``"10.00"``), dates
        and times in ISO 8601, binary content in base64. The UBL XML stays
        the document of record.
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
        code list. Without ``strict`` such codes are kept and reported by
        :meth:`validate`.
        """
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

    Reading skips elements and attributes outside the post-award profiles
    (``ext:UBLExtensions``, ``cac:Signature``, an ``xsi:schemaLocation``
    hint ...); this lists them, e.g. ``["Order/ext:UBLExtensions"]``, so a
    caller can tell whether reading a received document loses anything.
    Empty for every official post-award example apart from
    ``xsi:schemaLocation``.
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


def _unmodelled(kind: type, el: etree._Element, path: str, found: list[str]) -> None:
    by_qname = _fields_by_qname(kind) if issubclass(kind, Aggregate) else {}
    known_attrs = {attr for _, attr in getattr(kind, "_attrs", ())}
    for attribute in el.attrib:
        name = str(attribute)
        if name not in known_attrs:
            found.append(f"{path}/@{etree.QName(name).localname}")
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
                found.append(f"{here}/@{etree.QName(str(attribute)).localname}")


def read_postaward_document(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read any post-award document into its model, chosen by the root element.

    ``Order``, ``OrderChange``, ``OrderCancellation``, ``OrderResponse``,
    ``DespatchAdvice`` and ``Catalogue`` are read as their models; an
    ``ApplicationResponse`` as the class its customization id names (see
    :func:`heldigital.ehf.application_response.read_application_response`).
    Any other root is refused with :class:`heldigital.xml.DocumentError`.
    """
    # Imported here: the document modules import this one.
    from heldigital.ehf.application_response import ApplicationResponse
    from heldigital.ehf.catalogue import Catalogue
    from heldigital.ehf.catalogue_response import CatalogueResponse
    from heldigital.ehf.despatch_advice import DespatchAdvice
    from heldigital.ehf.invoice_response import InvoiceResponse
    from heldigital.ehf.message_level_response import MessageLevelResponse
    from heldigital.ehf.order import Order
    from heldigital.ehf.order_cancellation import OrderCancellation
    from heldigital.ehf.order_change import OrderChange
    from heldigital.ehf.order_response import OrderResponse

    tree = parse(data, max_bytes=max_bytes, source=source)
    root = tree.getroot()
    models: tuple[type[Document], ...] = (
        Order,
        OrderChange,
        OrderCancellation,
        OrderResponse,
        DespatchAdvice,
        Catalogue,
    )
    for model in models:
        if root.tag == f"{{{model.NAMESPACE}}}{model.ROOT}":
            return model.from_xml(tree, source=source)
    if root.tag == f"{{{ApplicationResponse.NAMESPACE}}}{ApplicationResponse.ROOT}":
        customization = (root.findtext(f"{{{CBC}}}CustomizationID") or "").strip()
        response: type[ApplicationResponse] = ApplicationResponse
        for candidate in (InvoiceResponse, CatalogueResponse, MessageLevelResponse):
            if customization in candidate.CUSTOMIZATION_IDS:
                response = candidate
        return response.from_xml(tree, source=source)
    raise DocumentError(
        f"not a post-award document this library reads: root element {root.tag}",
        line=_line(root),
        source=source,
    )


# --------------------------------------------------------------------------------------------
# UBL 2.1 aggregates used by the post-award profiles. Field order is the XSD sequence order.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AddressLine(Aggregate):
    """UBL 2.1 ``AddressLineType``: A class to define an unstructured address line."""

    #: ``cbc:Line``: Address line 3 [OP-T77-009; tir01-p003,p005,p006,p007,p034;
    #: tir114-p003,p005,p006,p007,p034; tir16-p011,p017,p023,p030,p037; tir19-p047]
    line: str = one("cbc:Line")


@dataclass(frozen=True, kw_only=True)
class Address(Aggregate):
    """UBL 2.1 ``AddressType``: A class to define common information related to an address."""

    #: ``cbc:ID``: Identifier [tir16-p046]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:StreetName``: Address line 1 [OP-T77-007; tir01-032,063,092,p013,p029;
    #: tir110-051,057,072; tir114-032,063,092,p013,p029; tir16-018,p003,p012,p018,p025,p032;
    #: tir19-021,108,p029a,p031a,p041]
    street_name: str | None = opt("cbc:StreetName")

    #: ``cbc:AdditionalStreetName``: Address line 2; Address line 1 [OP-T77-008;
    #: tir01-027,064,093,p014,p030; tir110-052,058,073; tir114-027,064,093,p014,p030;
    #: tir16-019,p004,p013,p019,p026,p033; tir19-022,109,p029b,p031b,p042]
    additional_street_name: str | None = opt("cbc:AdditionalStreetName")

    #: ``cbc:CityName``: City; Provider legal registration city; Receiver legal registration city
    #: [OP-T77-010; tir01-031,045,065,096,160,p009,p031,p040; tir110-053,059,074;
    #: tir114-031,045,065,096,160,p009,p031; tir16-020,p005,p014,p020,p027,p034;
    #: tir19-023,060,110,p028c,p029c,p030c,p031c,p043]
    city_name: str | None = opt("cbc:CityName")

    #: ``cbc:PostalZone``: Post code [OP-T77-011; tir01-024,068,097,p015,p032; tir110-054,060,075;
    #: tir114-024,068,097,p015,p032; tir16-021,p006,p015,p021,p028,p035;
    #: tir19-024,111,p029d,p031d,p044]
    postal_zone: str | None = opt("cbc:PostalZone")

    #: ``cbc:CountrySubentity``: Country Subdivision; Country subdivision [OP-T77-012;
    #: tir01-141,142,144,p016,p033; tir110-055,061,076; tir114-141,142,144,p016,p033;
    #: tir16-022,p007,p016,p022,p029,p036; tir19-025,062,112,p029e,p031e,p045]
    country_subentity: str | None = opt("cbc:CountrySubentity")

    #: ``cac:AddressLine``: Address Line; Address line
    address_line: tuple[AddressLine, ...] = many("cac:AddressLine")

    #: ``cac:Country``: Country
    country: Country | None = opt("cac:Country")

    #: ``cac:LocationCoordinate``
    location_coordinate: tuple[LocationCoordinate, ...] = many("cac:LocationCoordinate")


@dataclass(frozen=True, kw_only=True)
class AirTransport(Aggregate):
    """UBL 2.1 ``AirTransportType``: A class to identify a specific aircraft used for
    transportation.
    """

    #: ``cbc:AircraftID``
    aircraft_id: str = one("cbc:AircraftID")


@dataclass(frozen=True, kw_only=True)
class AllowanceCharge(Aggregate):
    """UBL 2.1 ``AllowanceChargeType``: A class to describe information about a charge or
    discount as applied to a price component.
    """

    #: ``cbc:ChargeIndicator``: AllowanceChargeIndicator; Charge indicator [tir01-p002,p004,p014;
    #: tir114-p002,p004,p014]
    charge_indicator: bool = one("cbc:ChargeIndicator", codes=("TrueFalse",))

    #: ``cbc:AllowanceChargeReasonCode``: Document level allowance or charge reason code; Line
    #: level allowance or charge reason code [tir01-p008,p015; tir114-p008,p015]
    allowance_charge_reason_code: str | None = opt(
        "cbc:AllowanceChargeReasonCode",
        codes=("UNCL5189", "UNCL7161"),
    )

    #: ``cbc:AllowanceChargeReason``: Allowance and charges reason; Line level allowance or charge
    #: reason; Allowance or charge reason [tir01-112,p016; tir114-112,p016]
    allowance_charge_reason: tuple[str, ...] = many("cbc:AllowanceChargeReason")

    #: ``cbc:MultiplierFactorNumeric``: Document level allowance or charge percentage; Line level
    #: allowance or charge percentage [tir01-p009,p017; tir114-p009,p017]
    multiplier_factor_numeric: Decimal | None = opt("cbc:MultiplierFactorNumeric")

    #: ``cbc:Amount``: Allowance and charge amount; Discount amount; Line level allowance or charge
    #: amount [tir01-113,p006,p018; tir110-p002; tir114-113,p006,p018]
    amount: Amount = one("cbc:Amount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:BaseAmount``: Document level allowance or charge base amount; Item list price; Line
    #: level allowance or charge base amount [tir01-152,p010,p019; tir110-p001,p003;
    #: tir114-152,p010,p019; tir116-p003]
    base_amount: Amount | None = opt("cbc:BaseAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cac:TaxCategory``: Tax category; TAX CATEGORY
    tax_category: tuple[TaxCategory, ...] = many("cac:TaxCategory")


@dataclass(frozen=True, kw_only=True)
class Attachment(Aggregate):
    """UBL 2.1 ``AttachmentType``: A class to describe an attached document. An attachment
    can refer to an external document or be included with the document being exchanged.
    """

    #: ``cbc:EmbeddedDocumentBinaryObject``: Attached object; Attached document; Attached
    #: document/image [OP-T77-006; tir01-017; tir110-048,105; tir114-017; tir16-p051; tir19-107;
    #: tir77-038]
    embedded_document_binary_object: BinaryObject | None = opt(
        "cbc:EmbeddedDocumentBinaryObject",
        attr_codes={"mimeCode": ("MimeCode",)},
    )

    #: ``cac:ExternalReference``: External reference
    external_reference: ExternalReference | None = opt("cac:ExternalReference")


@dataclass(frozen=True, kw_only=True)
class CatalogueLine(Aggregate):
    """UBL 2.1 ``CatalogueLineType``: A class to define a line in a Catalogue describing a
    purchasable item.
    """

    #: ``cbc:ID``: Line identifier; Shopping cart line identifier [tir19-032; tir77-015]
    id: str = one("cbc:ID")

    #: ``cbc:ActionCode``: Line action code [tir19-033]
    action_code: str | None = opt("cbc:ActionCode", codes=("ActionCode_line",))

    #: ``cbc:ContractSubdivision``: Contracted item indicator [tir77-019]
    contract_subdivision: str | None = opt("cbc:ContractSubdivision")

    #: ``cbc:OrderableIndicator``: Orderable indicator [tir19-034]
    orderable_indicator: bool | None = opt("cbc:OrderableIndicator", codes=("TrueFalse",))

    #: ``cbc:OrderableUnit``: Orderable unit [tir19-035]
    orderable_unit: str | None = opt("cbc:OrderableUnit", codes=("UNECERec20",))

    #: ``cbc:ContentUnitQuantity``: Item net quantity [tir19-061]
    content_unit_quantity: Quantity | None = opt(
        "cbc:ContentUnitQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OrderQuantityIncrementNumeric``: Order quantity increment [tir19-037]
    order_quantity_increment_numeric: Decimal | None = opt("cbc:OrderQuantityIncrementNumeric")

    #: ``cbc:MinimumOrderQuantity``: Minimum order quantity [tir19-038]
    minimum_order_quantity: Quantity | None = opt(
        "cbc:MinimumOrderQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumOrderQuantity``: Maximum order quantity [tir19-039]
    maximum_order_quantity: Quantity | None = opt(
        "cbc:MaximumOrderQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:WarrantyInformation``: Line warranty information [tir19-040]
    warranty_information: tuple[str, ...] = many("cbc:WarrantyInformation")

    #: ``cbc:PackLevelCode``: Packaging level [tir19-102]
    pack_level_code: str | None = opt("cbc:PackLevelCode", codes=("GS17009",))

    #: ``cac:LineValidityPeriod``: Catalogue line validity period; Availability date information
    line_validity_period: Period | None = opt("cac:LineValidityPeriod")

    #: ``cac:ItemComparison``: Item comparison
    item_comparison: tuple[ItemComparison, ...] = many("cac:ItemComparison")

    #: ``cac:ComponentRelatedItem``: Component related item
    component_related_item: tuple[RelatedItem, ...] = many("cac:ComponentRelatedItem")

    #: ``cac:AccessoryRelatedItem``: Accessory related item
    accessory_related_item: tuple[RelatedItem, ...] = many("cac:AccessoryRelatedItem")

    #: ``cac:RequiredRelatedItem``: Required related item
    required_related_item: tuple[RelatedItem, ...] = many("cac:RequiredRelatedItem")

    #: ``cac:ReplacedRelatedItem``: Replaced related item
    replaced_related_item: tuple[RelatedItem, ...] = many("cac:ReplacedRelatedItem")

    #: ``cac:RequiredItemLocationQuantity``: Required Item Location Quantity; Item location
    #: quantity information
    required_item_location_quantity: tuple[ItemLocationQuantity, ...] = many(
        "cac:RequiredItemLocationQuantity",
    )

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")


@dataclass(frozen=True, kw_only=True)
class CatalogueReference(Aggregate):
    """UBL 2.1 ``CatalogueReferenceType``: A class to define a reference to a catalogue."""

    #: ``cbc:ID``: Source catalogue identifier; Catalogue reference [tir01-p45; tir19-019]
    id: str = one("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class Certificate(Aggregate):
    """UBL 2.1 ``CertificateType``: A class to define a certificate applied to the item.
    Certificated can be a requirement to sell goods or services in a jurisdiction.
    """

    #: ``cbc:ID``: Item label name [tir19-087; tir77-030]
    id: str = one("cbc:ID")

    #: ``cbc:CertificateTypeCode``: Certificate type code
    certificate_type_code: str = one("cbc:CertificateTypeCode")

    #: ``cbc:CertificateType``: Item label type [tir19-089; tir77-031]
    certificate_type: str = one("cbc:CertificateType")

    #: ``cbc:Remarks``: Item label value [tir19-088]
    remarks: tuple[str, ...] = many("cbc:Remarks")

    #: ``cac:IssuerParty``: Issuer party information
    issuer_party: Party = one("cac:IssuerParty")

    #: ``cac:DocumentReference``: Label document
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference")


@dataclass(frozen=True, kw_only=True)
class CommodityClassification(Aggregate):
    """UBL 2.1 ``CommodityClassificationType``: A class to describe the classification of a
    commodity.
    """

    #: ``cbc:ItemClassificationCode``: Item classification code; Item commodity classification
    #: [tir01-149; tir110-096,097; tir114-149; tir116-149; tir16-p048; tir19-069; tir76-149;
    #: tir77-028]
    item_classification_code: Code | None = opt(
        "cbc:ItemClassificationCode",
        attr_codes={"listID": ("UNCL7143",)},
    )


@dataclass(frozen=True, kw_only=True)
class Condition(Aggregate):
    """UBL 2.1 ``ConditionType``: A class to define a measurable condition of an object."""

    #: ``cbc:AttributeID``: Detail type code [tir111-017]
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Description``: Detail value [tir111-018]
    description: tuple[str, ...] = many("cbc:Description")


@dataclass(frozen=True, kw_only=True)
class Consignment(Aggregate):
    """UBL 2.1 ``ConsignmentType``: A class to describe an identifiable collection of one
    or more goods items to be transported between the consignor and the consignee. This
    information may be defined within a transport contract. A consignment may comprise
    more than one shipment (e.g., when consolidated by a freight forwarder).
    """

    #: ``cbc:ID``: Consignment identifier [tir16-040]
    id: Identifier = one("cbc:ID")

    #: ``cbc:HazardousRiskIndicator``
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:HandlingCode``
    handling_code: Code | None = opt("cbc:HandlingCode")

    #: ``cbc:HandlingInstructions``
    handling_instructions: tuple[str, ...] = many("cbc:HandlingInstructions")

    #: ``cbc:Information``: Vehicle description [tir16-077]
    information: tuple[str, ...] = many("cbc:Information")

    #: ``cac:CarrierParty``: Carrier party
    carrier_party: Party | None = opt("cac:CarrierParty")

    #: ``cac:OriginalDespatchTransportationService``
    original_despatch_transportation_service: TransportationService | None = opt(
        "cac:OriginalDespatchTransportationService",
    )


@dataclass(frozen=True, kw_only=True)
class Contact(Aggregate):
    """UBL 2.1 ``ContactType``: A class to describe a contactable person or department in
    an organization.
    """

    #: ``cbc:ID``: Buyer reference identifier [tir77-045]
    id: str | None = opt("cbc:ID")

    #: ``cbc:Name``: Contact person name; Contact point; Party contact point name
    #: [tir01-050,074,086,103,p025; tir110-016,078; tir111-026; tir114-050,074,086,103,p025;
    #: tir16-008,024; tir19-027,080]
    name: str | None = opt("cbc:Name")

    #: ``cbc:Telephone``: Contact telephone number; Party contact point telephone
    #: [tir01-047,077,083,104,p026; tir110-018,080; tir111-028; tir114-047,077,083,104,p026;
    #: tir16-012,027; tir19-030,082]
    telephone: str | None = opt("cbc:Telephone")

    #: ``cbc:ElectronicMail``: Contact email address; Party contact point email
    #: [tir01-049,076,085,106,p027; tir110-019,081; tir111-027; tir114-049,076,085,106,p027;
    #: tir16-013,028; tir19-031,083]
    electronic_mail: str | None = opt("cbc:ElectronicMail")


@dataclass(frozen=True, kw_only=True)
class Contract(Aggregate):
    """UBL 2.1 ``ContractType``: A class to describe a contract."""

    #: ``cbc:ID``: Contract identifier; Reference identifier [tir01-019; tir110-049; tir114-019;
    #: tir19-028; tir77-020]
    id: str | None = opt("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class Country(Aggregate):
    """UBL 2.1 ``CountryType``: A class to describe a country."""

    #: ``cbc:IdentificationCode``: Catalogue Provider Country code; Country code; Item origin
    #: country [tir01-033,046,069,098,161,p017,p035,p041; tir110-056,062,077;
    #: tir114-033,046,069,098,161,p017; tir16-023,p008,p024,p031,p038,p045;
    #: tir19-026,063,071,113,p028d,p029f,p030d,p031f,p046; tir77-029]
    identification_code: Code | None = opt("cbc:IdentificationCode", codes=("ISO3166",))


@dataclass(frozen=True, kw_only=True)
class CustomerParty(Aggregate):
    """UBL 2.1 ``CustomerPartyType``: A class to describe a customer party."""

    #: ``cac:Party``: Party; Party information; Description of buyer
    party: Party | None = opt("cac:Party")

    #: ``cac:DeliveryContact``: Contact information
    delivery_contact: Contact | None = opt("cac:DeliveryContact")


@dataclass(frozen=True, kw_only=True)
class DeliveryTerms(Aggregate):
    """UBL 2.1 ``DeliveryTermsType``: A class for describing the terms and conditions
    applying to the delivery of goods.
    """

    #: ``cbc:ID``: Delivery terms identifier; Buyer delivery terms [tir01-107; tir110-069;
    #: tir114-107]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:SpecialTerms``: Delivery special terms [tir01-108; tir110-070; tir114-108]
    special_terms: tuple[str, ...] = many("cbc:SpecialTerms")

    #: ``cac:DeliveryLocation``: Delivery location information
    delivery_location: Location | None = opt("cac:DeliveryLocation")


@dataclass(frozen=True, kw_only=True)
class Delivery(Aggregate):
    """UBL 2.1 ``DeliveryType``: A class to describe a delivery."""

    #: ``cbc:ID``: Delivery location ID [tir01-p037; tir114-p037]
    id: Identifier | None = opt("cbc:ID", attr_codes={"schemeID": ("ICD",)})

    #: ``cbc:Quantity``: Accepted quantity [tir110-028]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:ActualDeliveryDate``
    actual_delivery_date: date | None = opt("cbc:ActualDeliveryDate")

    #: ``cbc:ActualDeliveryTime``
    actual_delivery_time: time | None = opt("cbc:ActualDeliveryTime")

    #: ``cbc:TrackingID``: Delivery tracking identifier [tir16-041]
    tracking_id: str | None = opt("cbc:TrackingID")

    #: ``cac:DeliveryLocation``: Delivery location
    delivery_location: Location | None = opt("cac:DeliveryLocation")

    #: ``cac:RequestedDeliveryPeriod``: Order line requested delivery period; Requested delivery
    #: period
    requested_delivery_period: Period | None = opt("cac:RequestedDeliveryPeriod")

    #: ``cac:PromisedDeliveryPeriod``: Promised delivery period; Promised delivery period for the
    #: order agreement line; Delivery period
    promised_delivery_period: Period | None = opt("cac:PromisedDeliveryPeriod")

    #: ``cac:EstimatedDeliveryPeriod``: Estimated delivery period
    estimated_delivery_period: Period | None = opt("cac:EstimatedDeliveryPeriod")

    #: ``cac:DeliveryParty``: Delivery party
    delivery_party: Party | None = opt("cac:DeliveryParty")

    #: ``cac:Despatch``: Actual or expected despatch period; Despatch information
    despatch: Despatch | None = opt("cac:Despatch")

    #: ``cac:DeliveryTerms``
    delivery_terms: tuple[DeliveryTerms, ...] = many("cac:DeliveryTerms")

    #: ``cac:Shipment``: Shipment
    shipment: Shipment | None = opt("cac:Shipment")


@dataclass(frozen=True, kw_only=True)
class DeliveryUnit(Aggregate):
    """UBL 2.1 ``DeliveryUnitType``: A class to describe a delivery unit."""

    #: ``cbc:BatchQuantity``: Shopping cart line quantity [tir77-017]
    batch_quantity: Quantity = one("cbc:BatchQuantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class DespatchLine(Aggregate):
    """UBL 2.1 ``DespatchLineType``: A class to define a line in a Despatch Advice."""

    #: ``cbc:ID``: Dispatch line identifier [tir16-046]
    id: str = one("cbc:ID")

    #: ``cbc:Note``: Dispatch line note [tir16-047]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:DeliveredQuantity``: Delivererd quantity [tir16-048]
    delivered_quantity: Quantity | None = opt(
        "cbc:DeliveredQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OutstandingQuantity``: Outstanding quantity [tir16-049]
    outstanding_quantity: Quantity | None = opt(
        "cbc:OutstandingQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:OutstandingReason``: Outstanding quantity reason [tir16-050]
    outstanding_reason: tuple[str, ...] = many("cbc:OutstandingReason")

    #: ``cac:OrderLineReference``: Order line reference
    order_line_reference: tuple[OrderLineReference, ...] = many(
        "cac:OrderLineReference",
        min_occurs=1,
    )

    #: ``cac:DocumentReference``: Document reference
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference")

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")

    #: ``cac:Shipment``: Shipment information
    shipment: tuple[Shipment, ...] = many("cac:Shipment")


@dataclass(frozen=True, kw_only=True)
class Despatch(Aggregate):
    """UBL 2.1 ``DespatchType``: A class to describe the despatching of goods (their pickup
    for delivery).
    """

    #: ``cbc:RequestedDespatchDate``: Requested despatch date [tir01-p053]
    requested_despatch_date: date | None = opt("cbc:RequestedDespatchDate")

    #: ``cbc:RequestedDespatchTime``: Requested despatch time [tir01-p054]
    requested_despatch_time: time | None = opt("cbc:RequestedDespatchTime")

    #: ``cbc:ActualDespatchDate``: Shipment dispatch date [tir16-072]
    actual_despatch_date: date | None = opt("cbc:ActualDespatchDate")

    #: ``cbc:ActualDespatchTime``: Shipment dispatch time [tir16-073]
    actual_despatch_time: time | None = opt("cbc:ActualDespatchTime")

    #: ``cac:DespatchAddress``: Despatch address
    despatch_address: Address | None = opt("cac:DespatchAddress")


@dataclass(frozen=True, kw_only=True)
class Dimension(Aggregate):
    """UBL 2.1 ``DimensionType``: A class to define a measurable dimension (length, mass,
    weight, volume, or area) of an item.
    """

    #: ``cbc:AttributeID``: Attribute Id; Attribute identifier [tir19-104]
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Measure``: Measure; Handling unit gross weight or handling unit gross volume; Handling
    #: unit net/gross weight or handling unit net/gross volume [tir16-086,087,p057,p058;
    #: tir19-098,099,100,101,p016,p017,p037]
    measure: Measure | None = opt("cbc:Measure", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:Description``: Dimension description [tir19-p038]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:MinimumMeasure``: Minimum storage temperature or minimum Storage Humidity [OP-T19-015;
    #: tir19-115]
    minimum_measure: Measure | None = opt(
        "cbc:MinimumMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumMeasure``: Maximum storage temperature or maximum Storage Humidity [OP-T19-014;
    #: tir19-116]
    maximum_measure: Measure | None = opt(
        "cbc:MaximumMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )


@dataclass(frozen=True, kw_only=True)
class DocumentReference(Aggregate):
    """UBL 2.1 ``DocumentReferenceType``: A class to define a reference to a document."""

    #: ``cbc:ID``: Attachment ID; Item label reference; Document identifier [OP-T77-003;
    #: tir01-010,011,012,154,p007; tir110-045,102; tir111-020; tir114-011,012,154,p007; tir116-208;
    #: tir16-078,p049,p053; tir19-090,105; tir58-016; tir71-018; tir77-036,p005]
    id: str = one("cbc:ID")

    #: ``cbc:IssueDate``: Invoice issue date [tir111-019]
    issue_date: date | None = opt("cbc:IssueDate")

    #: ``cbc:IssueTime``
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:DocumentTypeCode``: External Item Specifications Type; Attachment/image description
    #: code; Identifier Type code [OP-T77-005; tir110-p008; tir111-021; tir19-086a; tir71-020;
    #: tir77-044]
    document_type_code: str | None = opt("cbc:DocumentTypeCode")

    #: ``cbc:DocumentType``: Driver identification document type; Document description [tir01-016;
    #: tir110-046,103; tir114-016; tir16-p009,p050,p054]
    document_type: str | None = opt("cbc:DocumentType")

    #: ``cbc:VersionID``: Document version; Document version identifier [tir58-017; tir71-019]
    version_id: str | None = opt("cbc:VersionID")

    #: ``cbc:DocumentDescription``: Attached item description; Attachment descriptionAttached image
    #: description [OP-T77-004; tir19-106; tir77-037]
    document_description: tuple[str, ...] = many("cbc:DocumentDescription")

    #: ``cac:Attachment``: Attachment; Attachment(s); Attachment information
    attachment: Attachment | None = opt("cac:Attachment")


@dataclass(frozen=True, kw_only=True)
class DocumentResponse(Aggregate):
    """UBL 2.1 ``DocumentResponseType``: A class to describe an application-level response
    to a document.
    """

    #: ``cac:Response``: Response; Response information
    response: Response = one("cac:Response")

    #: ``cac:DocumentReference``: Document reference
    document_reference: tuple[DocumentReference, ...] = many("cac:DocumentReference", min_occurs=1)

    #: ``cac:IssuerParty``: Seller party information
    issuer_party: Party | None = opt("cac:IssuerParty")

    #: ``cac:RecipientParty``: Buyer party information
    recipient_party: Party | None = opt("cac:RecipientParty")

    #: ``cac:LineResponse``: Line response information
    line_response: tuple[LineResponse, ...] = many("cac:LineResponse")


@dataclass(frozen=True, kw_only=True)
class EnvironmentalEmission(Aggregate):
    """UBL 2.1 ``EnvironmentalEmissionType``: A class to describe an environmental
    emission.
    """

    #: ``cbc:EnvironmentalEmissionTypeCode``
    environmental_emission_type_code: Code = one("cbc:EnvironmentalEmissionTypeCode")

    #: ``cbc:ValueMeasure``
    value_measure: Measure = one("cbc:ValueMeasure")


@dataclass(frozen=True, kw_only=True)
class ExternalReference(Aggregate):
    """UBL 2.1 ``ExternalReferenceType``: A class to describe an external object, such as a
    document stored at a remote location.
    """

    #: ``cbc:URI``: External item specifications; External document URI [tir01-018; tir110-047,104;
    #: tir114-018; tir16-p052; tir19-086; tir77-p003]
    uri: str | None = opt("cbc:URI")


@dataclass(frozen=True, kw_only=True)
class GoodsItem(Aggregate):
    """UBL 2.1 ``GoodsItemType``: A class to describe a separately identifiable quantity of
    goods of a single product type.
    """

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:HazardousRiskIndicator``
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:DeclaredStatisticsValueAmount``
    declared_statistics_value_amount: Amount | None = opt("cbc:DeclaredStatisticsValueAmount")

    #: ``cbc:Quantity``
    quantity: Quantity | None = opt("cbc:Quantity")

    #: ``cbc:TraceID``
    trace_id: Identifier | None = opt("cbc:TraceID")

    #: ``cac:Item``
    item: tuple[Item, ...] = many("cac:Item")


@dataclass(frozen=True, kw_only=True)
class HazardousGoodsTransit(Aggregate):
    """UBL 2.1 ``HazardousGoodsTransitType``: A class to describe hazardous goods in
    transit.
    """

    #: ``cbc:PackingCriteriaCode``
    packing_criteria_code: str | None = opt("cbc:PackingCriteriaCode")


@dataclass(frozen=True, kw_only=True)
class HazardousItem(Aggregate):
    """UBL 2.1 ``HazardousItemType``: A class to describe a hazardous item."""

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:AdditionalInformation``
    additional_information: tuple[str, ...] = many("cbc:AdditionalInformation")

    #: ``cbc:UNDGCode``: Hazardous item UNDG code [tir16-057; tir19-072]
    undg_code: str | None = opt("cbc:UNDGCode", codes=("UNCL8273",))

    #: ``cbc:TechnicalName``
    technical_name: str | None = opt("cbc:TechnicalName")

    #: ``cbc:CategoryName``
    category_name: str | None = opt("cbc:CategoryName")

    #: ``cbc:HazardousCategoryCode``
    hazardous_category_code: str | None = opt("cbc:HazardousCategoryCode")

    #: ``cbc:HazardClassID``: Haszardous hazard class Identifier [tir16-058; tir19-073]
    hazard_class_id: str | None = opt("cbc:HazardClassID")

    #: ``cbc:NetWeightMeasure``
    net_weight_measure: Measure | None = opt("cbc:NetWeightMeasure")

    #: ``cbc:NetVolumeMeasure``
    net_volume_measure: Measure | None = opt("cbc:NetVolumeMeasure")

    #: ``cac:HazardousGoodsTransit``
    hazardous_goods_transit: tuple[HazardousGoodsTransit, ...] = many("cac:HazardousGoodsTransit")

    #: ``cac:EmergencyTemperature``
    emergency_temperature: Temperature | None = opt("cac:EmergencyTemperature")


@dataclass(frozen=True, kw_only=True)
class ItemComparison(Aggregate):
    """UBL 2.1 ``ItemComparisonType``: A class to provide information about price and
    quantity of an item for use in price comparisons based on price, quantity, or
    measurements.
    """

    #: ``cbc:PriceAmount``: Standardized unit price [tir19-043]
    price_amount: Amount | None = opt("cbc:PriceAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:Quantity``: Standard unit quantity [tir19-044]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class ItemIdentification(Aggregate):
    """UBL 2.1 ``ItemIdentificationType``: A class for assigning identifying information to
    an item.
    """

    #: ``cbc:ID``: Buyers item identifier; Item standard identifier; Manufacturers item identifer
    #: [tir01-136,p020,p022,p46; tir110-033,034; tir114-136,p020,p022; tir116-135,136,206,207,p006;
    #: tir16-053,055,p041; tir19-091,092,114,p040; tir76-135,136,206,207,p006;
    #: tir77-022,023,024,p002]
    id: Identifier = one("cbc:ID", attr_codes={"schemeID": ("ICD",)})

    #: ``cbc:ExtendedID``: Item standard extended identifier; The sellers extended item identifier
    #: [tir16-054,056]
    extended_id: str | None = opt("cbc:ExtendedID")


@dataclass(frozen=True, kw_only=True)
class ItemInstance(Aggregate):
    """UBL 2.1 ``ItemInstanceType``: A class to describe a specific, trackable instance of
    an item.
    """

    #: ``cbc:ProductTraceID``: Product traceable identifier. [tir16-p057]
    product_trace_id: Identifier | None = opt(
        "cbc:ProductTraceID",
        attr_codes={"schemeID": ("ProductTraceIDschemeIDCode",)},
    )

    #: ``cbc:ManufactureDate``: Item manufactured date [tir16-079]
    manufacture_date: date | None = opt("cbc:ManufactureDate")

    #: ``cbc:ManufactureTime``
    manufacture_time: time | None = opt("cbc:ManufactureTime")

    #: ``cbc:BestBeforeDate``: Item best before date [tir16-080; tir19-058]
    best_before_date: date | None = opt("cbc:BestBeforeDate")

    #: ``cbc:SerialID``: Item serial numbers; Item serial identification [tir01-p023; tir114-p023;
    #: tir16-083]
    serial_id: str | None = opt("cbc:SerialID")

    #: ``cac:LotIdentification``: Lot identification; Lot identifictation; Item lot information
    lot_identification: LotIdentification | None = opt("cac:LotIdentification")


@dataclass(frozen=True, kw_only=True)
class ItemLocationQuantity(Aggregate):
    """UBL 2.1 ``ItemLocationQuantityType``: A class for information about pricing
    structure, lead time, and location associated with an item.
    """

    #: ``cbc:LeadTimeMeasure``: Price lead time; Shopping cart line delivery lead days [tir19-053;
    #: tir77-016]
    lead_time_measure: Measure | None = opt(
        "cbc:LeadTimeMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MinimumQuantity``: Quantity threshold [tir19-p025]
    minimum_quantity: Quantity | None = opt(
        "cbc:MinimumQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:MaximumQuantity``: Quantity ceiling [tir19-p026]
    maximum_quantity: Quantity | None = opt(
        "cbc:MaximumQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cac:ApplicableTerritoryAddress``: Applicable terriroty address; Applicable territory
    #: address
    applicable_territory_address: tuple[Address, ...] = many("cac:ApplicableTerritoryAddress")

    #: ``cac:Price``: Price; Price information
    price: Price | None = opt("cac:Price")

    #: ``cac:DeliveryUnit``: Quantity
    delivery_unit: tuple[DeliveryUnit, ...] = many("cac:DeliveryUnit")


@dataclass(frozen=True, kw_only=True)
class ItemProperty(Aggregate):
    """UBL 2.1 ``ItemPropertyType``: A class to describe a specific property of an item."""

    #: ``cbc:ID``: ID
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:Name``: Item property name [tir01-138; tir110-098; tir114-138; tir116-138; tir16-p039;
    #: tir19-076; tir76-138; tir77-018,026,043]
    name: str = one("cbc:Name")

    #: ``cbc:NameCode``: Item property code [tir01-p024; tir110-101; tir114-p024; tir116-p004;
    #: tir16-p042; tir19-p039; tir76-p004; tir77-040]
    name_code: Code | None = opt("cbc:NameCode")

    #: ``cbc:Value``: Item property value [tir01-139; tir110-099; tir114-139; tir116-139;
    #: tir16-p040; tir19-077; tir76-139; tir77-042]
    value: str | None = opt("cbc:Value")

    #: ``cbc:ValueQuantity``: Item property unit of measure [tir01-p020; tir110-100; tir114-p020;
    #: tir116-p008; tir16-p043; tir19-070; tir76-p008; tir77-041]
    value_quantity: Quantity | None = opt(
        "cbc:ValueQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:ValueQualifier``: Property classification [tir01-p021; tir110-p004; tir114-p021;
    #: tir116-p009; tir16-p044; tir19-103; tir76-p009; tir77-p001]
    value_qualifier: tuple[str, ...] = many("cbc:ValueQualifier")

    #: ``cbc:ListValue``
    list_value: tuple[str, ...] = many("cbc:ListValue")


@dataclass(frozen=True, kw_only=True)
class Item(Aggregate):
    """UBL 2.1 ``ItemType``: A class to describe an item of trade. It includes a generic
    description applicable to all examples of the item together with optional subsidiary
    descriptions of any number of actual instances of the type.
    """

    #: ``cbc:Description``: Item description [tir01-133; tir110-095; tir114-133; tir19-067;
    #: tir77-039]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:PackQuantity``: Packed quantity [tir19-066]
    pack_quantity: Quantity | None = opt(
        "cbc:PackQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:PackSizeNumeric``: Consumable unit quantity [tir19-036]
    pack_size_numeric: Decimal | None = opt("cbc:PackSizeNumeric")

    #: ``cbc:Name``: Item name [tir01-135; tir110-032; tir114-135; tir116-134,205; tir16-052;
    #: tir19-078; tir76-134,205; tir77-021]
    name: str | None = opt("cbc:Name")

    #: ``cbc:Keyword``: Item key words [tir19-064]
    keyword: tuple[str, ...] = many("cbc:Keyword")

    #: ``cbc:BrandName``: Brand name [tir19-p018]
    brand_name: tuple[str, ...] = many("cbc:BrandName")

    #: ``cac:BuyersItemIdentification``: Buyer item identification; Buyers item identification
    buyers_item_identification: ItemIdentification | None = opt("cac:BuyersItemIdentification")

    #: ``cac:SellersItemIdentification``: Sellers item identification
    sellers_item_identification: ItemIdentification | None = opt("cac:SellersItemIdentification")

    #: ``cac:ManufacturersItemIdentification``: Manufacturer item identification; Manufacturers
    #: item identification; Manufacturers Item Identifier
    manufacturers_item_identification: tuple[ItemIdentification, ...] = many(
        "cac:ManufacturersItemIdentification",
    )

    #: ``cac:StandardItemIdentification``: Standard item identification
    standard_item_identification: ItemIdentification | None = opt("cac:StandardItemIdentification")

    #: ``cac:ItemSpecificationDocumentReference``: Item specification document reference; Item
    #: specification reference; Item document references
    item_specification_document_reference: tuple[DocumentReference, ...] = many(
        "cac:ItemSpecificationDocumentReference",
    )

    #: ``cac:OriginCountry``: Origin country; Country of origin
    origin_country: Country | None = opt("cac:OriginCountry")

    #: ``cac:CommodityClassification``: Commodity classification; Commodity classification
    #: information
    commodity_classification: tuple[CommodityClassification, ...] = many(
        "cac:CommodityClassification",
    )

    #: ``cac:TransactionConditions``: Contracted item; Transaction condition
    transaction_conditions: tuple[TransactionConditions, ...] = many("cac:TransactionConditions")

    #: ``cac:HazardousItem``: Hazardous Item; Hazardous item information
    hazardous_item: tuple[HazardousItem, ...] = many("cac:HazardousItem")

    #: ``cac:ClassifiedTaxCategory``: Classified tax category; Line VAT information; Line TAX
    #: information
    classified_tax_category: tuple[TaxCategory, ...] = many("cac:ClassifiedTaxCategory")

    #: ``cac:AdditionalItemProperty``: Additional item property; Additional item property
    #: information
    additional_item_property: tuple[ItemProperty, ...] = many("cac:AdditionalItemProperty")

    #: ``cac:ManufacturerParty``: Manufacturer party
    manufacturer_party: tuple[Party, ...] = many("cac:ManufacturerParty")

    #: ``cac:ItemInstance``: Item instance; Item instance information
    item_instance: tuple[ItemInstance, ...] = many("cac:ItemInstance")

    #: ``cac:Certificate``: Item label information
    certificate: tuple[Certificate, ...] = many("cac:Certificate")

    #: ``cac:Dimension``: Dimension
    dimension: tuple[Dimension, ...] = many("cac:Dimension")


@dataclass(frozen=True, kw_only=True)
class LineItem(Aggregate):
    """UBL 2.1 ``LineItemType``: A class to describe a line item."""

    #: ``cbc:ID``: Line item identifier; Order agreement line identifier; Document line identifier
    #: [tir01-120; tir110-022; tir114-120; tir116-120,p002; tir76-120,p002]
    id: str = one("cbc:ID")

    #: ``cbc:Note``: Order agreement line note; Response clarification [tir110-091; tir116-204;
    #: tir76-204]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:LineStatusCode``: Response code [tir116-202; tir76-202]
    line_status_code: str | None = opt("cbc:LineStatusCode", codes=("UNCL1229", "UNCL1229_CHANGE"))

    #: ``cbc:Quantity``: Ordered quantity; Quantity [tir01-132; tir110-093; tir114-132; tir116-132;
    #: tir76-132]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})

    #: ``cbc:LineExtensionAmount``: Order line amount; Order agreeement line amount [tir01-128;
    #: tir110-092; tir114-128]
    line_extension_amount: Amount | None = opt(
        "cbc:LineExtensionAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:MaximumBackorderQuantity``: Maximum backorder quantity [tir116-p005; tir76-p005]
    maximum_backorder_quantity: Quantity | None = opt("cbc:MaximumBackorderQuantity")

    #: ``cbc:PartialDeliveryIndicator``: Partial delivery indicator [tir01-124; tir114-124]
    partial_delivery_indicator: bool | None = opt(
        "cbc:PartialDeliveryIndicator",
        codes=("TrueFalse",),
    )

    #: ``cbc:AccountingCost``: Buyers accounting string [tir01-125; tir114-125]
    accounting_cost: str | None = opt("cbc:AccountingCost")

    #: ``cac:Delivery``: Line delivery information; Delivery information on order agreeement line
    #: level; Delivery information
    delivery: tuple[Delivery, ...] = many("cac:Delivery")

    #: ``cac:OriginatorParty``: Originator information
    originator_party: Party | None = opt("cac:OriginatorParty")

    #: ``cac:AllowanceCharge``: Order line allowance and charges
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")

    #: ``cac:Price``: Price information
    price: Price | None = opt("cac:Price")

    #: ``cac:Item``: Item information
    item: Item = one("cac:Item")


@dataclass(frozen=True, kw_only=True)
class LineReference(Aggregate):
    """UBL 2.1 ``LineReferenceType``: A class to define a reference to a line in a
    document.
    """

    #: ``cbc:LineID``: Section identifier [tir71-013]
    line_id: str = one("cbc:LineID")


@dataclass(frozen=True, kw_only=True)
class LineResponse(Aggregate):
    """UBL 2.1 ``LineResponseType``: A class to describe responses to a line in a document."""

    #: ``cac:LineReference``: Line reference
    line_reference: LineReference = one("cac:LineReference")

    #: ``cac:Response``: Line response information
    response: tuple[Response, ...] = many("cac:Response", min_occurs=1)


@dataclass(frozen=True, kw_only=True)
class LocationCoordinate(Aggregate):
    """UBL 2.1 ``LocationCoordinateType``: A class for defining a set of geographical
    coordinates (apparently misnamed).
    """

    #: ``cbc:CoordinateSystemCode``
    coordinate_system_code: str | None = opt("cbc:CoordinateSystemCode")

    #: ``cbc:LatitudeDegreesMeasure``
    latitude_degrees_measure: Measure | None = opt("cbc:LatitudeDegreesMeasure")

    #: ``cbc:LongitudeDegreesMeasure``
    longitude_degrees_measure: Measure | None = opt("cbc:LongitudeDegreesMeasure")

    #: ``cbc:AltitudeMeasure``
    altitude_measure: Measure | None = opt("cbc:AltitudeMeasure")


@dataclass(frozen=True, kw_only=True)
class Location(Aggregate):
    """UBL 2.1 ``LocationType``: A class to describe a location."""

    #: ``cbc:ID``: Delivery location ID; Delivery terms location [tir01-109,169; tir110-071;
    #: tir114-109,169]
    id: Identifier | None = opt("cbc:ID", attr_codes={"schemeID": ("ICD",)})

    #: ``cbc:Name``: Delivery location name [tir01-p028; tir114-p028]
    name: str | None = opt("cbc:Name")

    #: ``cac:Address``: Delivery address; Delivery address information
    address: Address | None = opt("cac:Address")


@dataclass(frozen=True, kw_only=True)
class LotIdentification(Aggregate):
    """UBL 2.1 ``LotIdentificationType``: A class for defining a lot identifier (the
    identifier of a set of item instances that would be used in case of a recall of that
    item).
    """

    #: ``cbc:LotNumberID``: Item batch identifier; Item batch number; Item lot identifier
    #: [tir01-p022; tir114-p022; tir16-082; tir19-059]
    lot_number_id: str | None = opt("cbc:LotNumberID")

    #: ``cbc:ExpiryDate``: Item expiry date [tir16-081]
    expiry_date: date | None = opt("cbc:ExpiryDate")


@dataclass(frozen=True, kw_only=True)
class MaritimeTransport(Aggregate):
    """UBL 2.1 ``MaritimeTransportType``: A class to describe a vessel used for transport
    by water (including sea, river, and canal).
    """

    #: ``cbc:VesselID``
    vessel_id: str | None = opt("cbc:VesselID")


@dataclass(frozen=True, kw_only=True)
class MonetaryTotal(Aggregate):
    """UBL 2.1 ``MonetaryTotalType``: A class to define a monetary total."""

    #: ``cbc:LineExtensionAmount``: Sum of line amounts [tir01-115; tir110-086; tir114-115]
    line_extension_amount: Amount | None = opt(
        "cbc:LineExtensionAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxExclusiveAmount``: Document total without VAT; Total amount without VAT; Document
    #: total without TAX [tir01-145; tir110-087; tir114-145]
    tax_exclusive_amount: Amount | None = opt(
        "cbc:TaxExclusiveAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxInclusiveAmount``: Document total including VAT; Total amount with VAT; Document
    #: total including TAX [tir01-147; tir110-088; tir114-147]
    tax_inclusive_amount: Amount | None = opt(
        "cbc:TaxInclusiveAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:AllowanceTotalAmount``: Sum of allowances on document level [tir01-116; tir114-116]
    allowance_total_amount: Amount | None = opt(
        "cbc:AllowanceTotalAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:ChargeTotalAmount``: Sum of charges on document level [tir01-117; tir114-117]
    charge_total_amount: Amount | None = opt(
        "cbc:ChargeTotalAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PrepaidAmount``: Prepaid amounts; Paid amounts [tir01-148; tir110-089; tir114-148]
    prepaid_amount: Amount | None = opt(
        "cbc:PrepaidAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PayableRoundingAmount``: Rounding of document total [tir01-146; tir114-146]
    payable_rounding_amount: Amount | None = opt(
        "cbc:PayableRoundingAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:PayableAmount``: Payable amount; Amount due for payment [tir01-118; tir110-090;
    #: tir114-118]
    payable_amount: Amount = one("cbc:PayableAmount", attr_codes={"currencyID": ("ISO4217",)})


@dataclass(frozen=True, kw_only=True)
class OrderLineReference(Aggregate):
    """UBL 2.1 ``OrderLineReferenceType``: A class to define a reference to an order line."""

    #: ``cbc:LineID``: Order line identifier; Order line reference [tir116-201; tir16-051;
    #: tir76-201]
    line_id: str = one("cbc:LineID")

    #: ``cbc:SalesOrderLineID``: Sales Order Line number. [tir16-p047]
    sales_order_line_id: str | None = opt("cbc:SalesOrderLineID")

    #: ``cac:OrderReference``: Order reference
    order_reference: OrderReference | None = opt("cac:OrderReference")


@dataclass(frozen=True, kw_only=True)
class OrderLine(Aggregate):
    """UBL 2.1 ``OrderLineType``: A class to define a line in an order document (e.g.,
    Order, Order Change, or Order Response) describing an item being ordered.
    """

    #: ``cbc:Note``: Order line note [tir01-123; tir114-123]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cac:LineItem``: Line item; Line item information; Description of line item
    line_item: LineItem = one("cac:LineItem")

    #: ``cac:SellerSubstitutedLineItem``: Substituted line item by the seller
    seller_substituted_line_item: tuple[LineItem, ...] = many("cac:SellerSubstitutedLineItem")

    #: ``cac:OrderLineReference``: Reference to order line
    order_line_reference: tuple[OrderLineReference, ...] = many("cac:OrderLineReference")


@dataclass(frozen=True, kw_only=True)
class OrderReference(Aggregate):
    """UBL 2.1 ``OrderReferenceType``: A class to define a reference to an Order."""

    #: ``cbc:ID``: Order identifier; Order reference; Previous order agreement identifier
    #: [tir110-042; tir116-011; tir16-006,p010; tir76-011]
    id: str = one("cbc:ID")

    #: ``cbc:SalesOrderID``
    sales_order_id: str | None = opt("cbc:SalesOrderID")


@dataclass(frozen=True, kw_only=True)
class Package(Aggregate):
    """UBL 2.1 ``PackageType``: A class to describe a package."""

    #: ``cbc:ID``: Package identifier [tir16-089]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:ReturnableMaterialIndicator``
    returnable_material_indicator: bool | None = opt("cbc:ReturnableMaterialIndicator")

    #: ``cbc:PackagingTypeCode``: Packaging type code [tir16-090]
    packaging_type_code: str | None = opt("cbc:PackagingTypeCode")

    #: ``cbc:PackingMaterial``
    packing_material: tuple[str, ...] = many("cbc:PackingMaterial")

    #: ``cac:ContainedPackage``
    contained_package: tuple[Package, ...] = many("cac:ContainedPackage")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")


@dataclass(frozen=True, kw_only=True)
class PartyIdentification(Aggregate):
    """UBL 2.1 ``PartyIdentificationType``: A class to define an identifier for a party."""

    #: ``cbc:ID``: Catalogue Provider identifier; Catalogue customer identifier; Catalogue receiver
    #: identifier [tir01-022,059,081,101,121,156; tir110-011,014,064,065,068;
    #: tir111-008,011,023,025; tir114-022,059,081,101,121,156; tir116-022,059;
    #: tir16-015,030,032,066,p001,p055; tir19-010,013,016,055; tir58-008,011; tir76-022,059;
    #: tir77-011,012,014]
    id: Identifier = one("cbc:ID", attr_codes={"schemeID": ("ICD",)})


@dataclass(frozen=True, kw_only=True)
class PartyLegalEntity(Aggregate):
    """UBL 2.1 ``PartyLegalEntityType``: A class to describe a party as a legal entity."""

    #: ``cbc:RegistrationName``: Provider legal registration name; Receiver legal registration
    #: name; Party name [tir01-044,159,p038; tir110-010,013; tir111-007,010; tir114-044,159;
    #: tir116-023,060; tir16-007,014; tir19-011,014; tir58-007,010; tir76-023,060; tir77-010,013]
    registration_name: str | None = opt("cbc:RegistrationName")

    #: ``cbc:CompanyID``: Provider legal registration identifier; Receiver legal registration
    #: identifier; Buyers legal registration identifier [tir01-043,158,p039; tir110-p009,p010;
    #: tir114-043,158; tir19-p028a,p030a]
    company_id: Identifier | None = opt("cbc:CompanyID", attr_codes={"schemeID": ("ICD",)})

    #: ``cac:RegistrationAddress``: Registration Address; Registration address; Legal address
    registration_address: Address | None = opt("cac:RegistrationAddress")


@dataclass(frozen=True, kw_only=True)
class PartyName(Aggregate):
    """UBL 2.1 ``PartyNameType``: A class for defining the name of a party."""

    #: ``cbc:Name``: Catalogue customer trading name; Catalogue supplier trading name; Issuer name
    #: [tir01-023,060,082,102,122,155; tir110-063,066,067; tir111-022,024;
    #: tir114-023,060,082,102,122,155; tir16-029,031,065,076; tir19-017,075,079; tir77-025,030]
    name: str = one("cbc:Name")


@dataclass(frozen=True, kw_only=True)
class PartyTaxScheme(Aggregate):
    """UBL 2.1 ``PartyTaxSchemeType``: A class to describe a taxation scheme applying to a
    party.
    """

    #: ``cbc:CompanyID``: Buyer VAT identifier; Invoicee VAT identifier; Buyer TAX identifier
    #: [tir01-034,p018; tir114-034,p018]
    company_id: Identifier | None = opt("cbc:CompanyID")

    #: ``cac:TaxScheme``: Tax scheme
    tax_scheme: TaxScheme = one("cac:TaxScheme")


@dataclass(frozen=True, kw_only=True)
class Party(Aggregate):
    """UBL 2.1 ``PartyType``: A class to describe an organization, sub-organization, or
    individual fulfilling a role in a business process.
    """

    #: ``cbc:EndpointID``: Customer party electronic address; Provider party electronic address;
    #: Reciever party electronic address [OP-T77-001,002; tir01-021,058,157; tir110-012,015;
    #: tir111-009,012; tir114-021,058,157; tir116-021,058; tir16-016,071; tir19-009,012,015,054;
    #: tir58-009,012; tir71-009,012; tir76-021,058]
    endpoint_id: Identifier | None = opt("cbc:EndpointID", attr_codes={"schemeID": ("eas",)})

    #: ``cac:PartyIdentification``: Party Identification; Party identification; Buyer
    #: identification
    party_identification: tuple[PartyIdentification, ...] = many("cac:PartyIdentification")

    #: ``cac:PartyName``: Party name; Party name information [tir01-060; tir114-060]
    party_name: tuple[PartyName, ...] = many("cac:PartyName")

    #: ``cac:PostalAddress``: Postal address; Provider Postal Address; Delivery party address
    #: [tir19-p029,p031]
    postal_address: Address | None = opt("cac:PostalAddress")

    #: ``cac:PartyTaxScheme``: Party tax scheme
    party_tax_scheme: tuple[PartyTaxScheme, ...] = many("cac:PartyTaxScheme")

    #: ``cac:PartyLegalEntity``: Party Legal Entity; Party legal entity; Party name
    party_legal_entity: tuple[PartyLegalEntity, ...] = many("cac:PartyLegalEntity")

    #: ``cac:Contact``: Catalogue supplier contact; Contact; Contact information
    contact: Contact | None = opt("cac:Contact")

    #: ``cac:Person``: Information about the driver
    person: tuple[Person, ...] = many("cac:Person")


@dataclass(frozen=True, kw_only=True)
class PaymentTerms(Aggregate):
    """UBL 2.1 ``PaymentTermsType``: A class to describe a set of payment terms."""

    #: ``cbc:Note``: Payment terms [tir01-p010; tir114-p010]
    note: tuple[str, ...] = many("cbc:Note")


@dataclass(frozen=True, kw_only=True)
class Period(Aggregate):
    """UBL 2.1 ``PeriodType``: A class to describe a period of time."""

    #: ``cbc:StartDate``: Period start date; Item availability date [tir01-099,126; tir110-030,082;
    #: tir114-099,126; tir116-099,126; tir16-042; tir19-007,041,056; tir76-099,126; tir77-027]
    start_date: date | None = opt("cbc:StartDate")

    #: ``cbc:StartTime``: Period start time [tir01-p042,p48; tir110-083,110; tir114-140,142;
    #: tir116-202,204; tir16-043; tir76-p010,p012]
    start_time: time | None = opt("cbc:StartTime")

    #: ``cbc:EndDate``: Period end date; Order validity end date; Cart line validity date
    #: [OP-T77-013; tir01-009,100,127; tir110-031,084; tir114-010,100,127; tir116-100,127;
    #: tir16-044; tir19-008,042,057; tir76-100,127; tir77-008]
    end_date: date | None = opt("cbc:EndDate")

    #: ``cbc:EndTime``: Period end time; Cart line validity time [OP-T77-014; tir01-p043,p49;
    #: tir110-085,111; tir114-141,143; tir116-203,205; tir16-045; tir76-p011,p013; tir77-009]
    end_time: time | None = opt("cbc:EndTime")


@dataclass(frozen=True, kw_only=True)
class Person(Aggregate):
    """UBL 2.1 ``PersonType``: A class to describe a person."""

    #: ``cac:IdentityDocumentReference``: Person identity document reference
    identity_document_reference: tuple[DocumentReference, ...] = many(
        "cac:IdentityDocumentReference",
    )


@dataclass(frozen=True, kw_only=True)
class Price(Aggregate):
    """UBL 2.1 ``PriceType``: A class to describe a price, expressed in a data structure
    containing multiple properties (compare with UnstructuredPrice).
    """

    #: ``cbc:PriceAmount``: Item price; Item net price [tir01-130; tir110-109; tir114-130;
    #: tir116-130; tir19-051; tir76-130; tir77-032]
    price_amount: Amount = one("cbc:PriceAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cbc:BaseQuantity``: Item price base quantity [tir01-131; tir110-027; tir114-131;
    #: tir116-131; tir19-p024; tir76-131; tir77-033]
    base_quantity: Quantity | None = opt(
        "cbc:BaseQuantity",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:PriceType``: Price type [OP-T77-015; tir19-093]
    price_type: str | None = opt("cbc:PriceType", codes=("UNCL5387",))

    #: ``cbc:OrderableUnitFactorRate``: OrderableUnit FactorRate [tir19-p035]
    orderable_unit_factor_rate: Decimal | None = opt("cbc:OrderableUnitFactorRate")

    #: ``cac:ValidityPeriod``: Price validity period
    validity_period: tuple[Period, ...] = many("cac:ValidityPeriod")

    #: ``cac:AllowanceCharge``: Price discount information
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")


@dataclass(frozen=True, kw_only=True)
class ProjectReference(Aggregate):
    """UBL 2.1 ``ProjectReferenceType``: A class to define a reference to a procurement
    project.
    """

    #: ``cbc:ID``: Project reference [tir01-p044]
    id: str = one("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class RailTransport(Aggregate):
    """UBL 2.1 ``RailTransportType``: A class defining details about a train wagon used as
    a means of transport.
    """

    #: ``cbc:TrainID``
    train_id: str = one("cbc:TrainID")

    #: ``cbc:RailCarID``
    rail_car_id: str | None = opt("cbc:RailCarID")


@dataclass(frozen=True, kw_only=True)
class RelatedItem(Aggregate):
    """UBL 2.1 ``RelatedItemType``: A class to describe the relationship to an item
    different from the item associated with the item line in which RelatedItem is used.
    """

    #: ``cbc:ID``: Item identifier [tir19-045,048,118,120]
    id: str | None = opt("cbc:ID")

    #: ``cbc:Quantity``: Item quantity [tir19-046,049,119,121]
    quantity: Quantity | None = opt("cbc:Quantity", attr_codes={"unitCode": ("UNECERec20",)})


@dataclass(frozen=True, kw_only=True)
class Response(Aggregate):
    """UBL 2.1 ``ResponseType``: A class to describe an application-level response to a
    document.
    """

    #: ``cbc:ResponseCode``: Coded decision; Invoice status; Line response code [tir111-013;
    #: tir58-014; tir71-014,017]
    response_code: str | None = opt("cbc:ResponseCode", codes=("UNCL4343", "UNCL4343-T111"))

    #: ``cbc:Description``: Issue description; Response textual notes [tir71-004,015]
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:EffectiveDate``: Status date [tir111-014]
    effective_date: date | None = opt("cbc:EffectiveDate")

    #: ``cac:Status``: Clarification information; Status information
    status: tuple[Status, ...] = many("cac:Status")


@dataclass(frozen=True, kw_only=True)
class RoadTransport(Aggregate):
    """UBL 2.1 ``RoadTransportType``: A class for identifying a vehicle used for road
    transport.
    """

    #: ``cbc:LicensePlateID``
    license_plate_id: str = one("cbc:LicensePlateID")


@dataclass(frozen=True, kw_only=True)
class ShipmentStage(Aggregate):
    """UBL 2.1 ``ShipmentStageType``: A class to describe one stage of movement in a
    transport of goods.
    """

    #: ``cbc:TransportModeCode``: Mode of transport [tir16-p056]
    transport_mode_code: str | None = opt("cbc:TransportModeCode", codes=("UNECERec19",))

    #: ``cbc:TransportMeansTypeCode``
    transport_means_type_code: str | None = opt("cbc:TransportMeansTypeCode")

    #: ``cac:TransportMeans``
    transport_means: TransportMeans | None = opt("cac:TransportMeans")


@dataclass(frozen=True, kw_only=True)
class Shipment(Aggregate):
    """UBL 2.1 ``ShipmentType``: A class defining an identifiable collection of one or more
    goods items to be transported between the seller party and the buyer party. This
    information may be defined within a commercial contract. A shipment can be
    transported in different consignments (e.g., split for logistical purposes).
    """

    #: ``cbc:ID``: Shipment identifier [tir16-038]
    id: Identifier = one("cbc:ID")

    #: ``cbc:ShippingPriorityLevelCode``: Requested shipping priority [tir01-p47]
    shipping_priority_level_code: str | None = opt(
        "cbc:ShippingPriorityLevelCode",
        codes=("UNCL4219",),
    )

    #: ``cbc:Information``: Shipment description [tir16-039]
    information: tuple[str, ...] = many("cbc:Information")

    #: ``cbc:GrossWeightMeasure``: Shipment gross weight [tir16-074]
    gross_weight_measure: Measure | None = opt(
        "cbc:GrossWeightMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:GrossVolumeMeasure``: Shipment gross volume [tir16-075]
    gross_volume_measure: Measure | None = opt(
        "cbc:GrossVolumeMeasure",
        attr_codes={"unitCode": ("UNECERec20",)},
    )

    #: ``cbc:TotalTransportHandlingUnitQuantity``: Total number of transport handling units
    #: [tir16-p002]
    total_transport_handling_unit_quantity: Quantity | None = opt(
        "cbc:TotalTransportHandlingUnitQuantity",
    )

    #: ``cbc:DeclaredStatisticsValueAmount``
    declared_statistics_value_amount: Amount | None = opt("cbc:DeclaredStatisticsValueAmount")

    #: ``cac:Consignment``: Consignment information
    consignment: tuple[Consignment, ...] = many("cac:Consignment")

    #: ``cac:ShipmentStage``: Shipment stage information
    shipment_stage: tuple[ShipmentStage, ...] = many("cac:ShipmentStage")

    #: ``cac:Delivery``: Delivery information
    delivery: Delivery | None = opt("cac:Delivery")

    #: ``cac:TransportHandlingUnit``: Transport handling unit information; Transport handling unit
    transport_handling_unit: tuple[TransportHandlingUnit, ...] = many("cac:TransportHandlingUnit")


@dataclass(frozen=True, kw_only=True)
class Status(Aggregate):
    """UBL 2.1 ``StatusType``: A class to describe the condition or position of an object."""

    #: ``cbc:StatusReasonCode``: Clarification code; Issue type coded [tir111-015; tir71-016]
    status_reason_code: Code | None = opt(
        "cbc:StatusReasonCode",
        codes=("OPStatusAction", "OPStatusReason", "StatusReason"),
        attr_codes={"listID": ("ClarificationListID",)},
    )

    #: ``cbc:StatusReason``: Clarification description [tir111-016]
    status_reason: tuple[str, ...] = many("cbc:StatusReason")

    #: ``cac:Condition``: Condition
    condition: tuple[Condition, ...] = many("cac:Condition")


@dataclass(frozen=True, kw_only=True)
class SupplierParty(Aggregate):
    """UBL 2.1 ``SupplierPartyType``: A class to describe a supplier party."""

    #: ``cac:Party``: Party; Party information; Description of seller
    party: Party | None = opt("cac:Party")


@dataclass(frozen=True, kw_only=True)
class TaxCategory(Aggregate):
    """UBL 2.1 ``TaxCategoryType``: A class to describe one of the tax categories within a
    taxation scheme (e.g., High Rate VAT, Low Rate VAT).
    """

    #: ``cbc:ID``: Item VAT category code; VAT category code; Document level allowance or charge
    #: VAT category code [tir01-150,p011; tir110-106; tir114-150,p011; tir116-150; tir19-094;
    #: tir76-150; tir77-034]
    id: Identifier | None = opt("cbc:ID", codes=("UNCL5305",))

    #: ``cbc:Percent``: Item VAT precentage; Line VAT rate; VAT rate [tir01-170,p012; tir04-170;
    #: tir110-107; tir114-170,p012; tir19-050; tir77-035]
    percent: Decimal | None = opt("cbc:Percent")

    #: ``cbc:TaxExemptionReason``: VAT exemption reason text; TAX exemption reason text
    tax_exemption_reason: tuple[str, ...] = many("cbc:TaxExemptionReason")

    #: ``cac:TaxScheme``: Tax scheme information
    tax_scheme: TaxScheme = one("cac:TaxScheme")


@dataclass(frozen=True, kw_only=True)
class TaxScheme(Aggregate):
    """UBL 2.1 ``TaxSchemeType``: A class to describe a taxation scheme (e.g., VAT, State
    tax, County tax).
    """

    #: ``cbc:ID`` [tir01-p003,p004,p013,p021; tir110-p005,p006,p007; tir114-p003,p004,p013,p021;
    #: tir116-p003; tir19-p048; tir76-p003; tir77-p004]
    id: str | None = opt("cbc:ID")


@dataclass(frozen=True, kw_only=True)
class TaxSubtotal(Aggregate):
    """UBL 2.1 ``TaxSubtotalType``: A class to define the subtotal for a particular tax
    category within a particular taxation scheme, such as standard rate within VAT.
    """

    #: ``cbc:TaxableAmount``: VAT category taxable amount; TAX category taxable amount
    taxable_amount: Amount | None = opt(
        "cbc:TaxableAmount",
        attr_codes={"currencyID": ("ISO4217",)},
    )

    #: ``cbc:TaxAmount``: VAT category tax amount; TAX category tax amount
    tax_amount: Amount = one("cbc:TaxAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cac:TaxCategory``: VAT category information; TAX category information
    tax_category: TaxCategory = one("cac:TaxCategory")


@dataclass(frozen=True, kw_only=True)
class TaxTotal(Aggregate):
    """UBL 2.1 ``TaxTotalType``: A class to describe the total tax for a particular
    taxation scheme.
    """

    #: ``cbc:TaxAmount``: VAT total amount; TAX total amount [tir01-114; tir110-112; tir114-114]
    tax_amount: Amount = one("cbc:TaxAmount", attr_codes={"currencyID": ("ISO4217",)})

    #: ``cac:TaxSubtotal``: VAT breakdown; TAX breakdown
    tax_subtotal: tuple[TaxSubtotal, ...] = many("cac:TaxSubtotal")


@dataclass(frozen=True, kw_only=True)
class Temperature(Aggregate):
    """UBL 2.1 ``TemperatureType``: A class to describe a measurement of temperature."""

    #: ``cbc:AttributeID``
    attribute_id: str = one("cbc:AttributeID")

    #: ``cbc:Measure``
    measure: Measure = one("cbc:Measure")


@dataclass(frozen=True, kw_only=True)
class TradingTerms(Aggregate):
    """UBL 2.1 ``TradingTermsType``: A class for describing the terms of a trade agreement."""

    #: ``cbc:Information``: General payment conditions [tir19-p019]
    information: tuple[str, ...] = many("cbc:Information")


@dataclass(frozen=True, kw_only=True)
class TransactionConditions(Aggregate):
    """UBL 2.1 ``TransactionConditionsType``: A class to describe purchasing, sales, or
    payment conditions.
    """

    #: ``cbc:ActionCode``: Contracted item indicator; Contracted item indicator, Non-returnable
    #: item indicator [tir110-094; tir19-p027,p049; tir77-019]
    action_code: str | None = opt("cbc:ActionCode", codes=("TransactionCondition",))


@dataclass(frozen=True, kw_only=True)
class TransportEquipment(Aggregate):
    """UBL 2.1 ``TransportEquipmentType``: A class to describe a piece of equipment used to
    transport goods.
    """

    #: ``cbc:ID``
    id: str | None = opt("cbc:ID")

    #: ``cbc:TransportEquipmentTypeCode``
    transport_equipment_type_code: Code | None = opt("cbc:TransportEquipmentTypeCode")

    #: ``cbc:SizeTypeCode``
    size_type_code: str | None = opt("cbc:SizeTypeCode")

    #: ``cbc:RefrigerationOnIndicator``
    refrigeration_on_indicator: bool | None = opt("cbc:RefrigerationOnIndicator")

    #: ``cbc:Description``
    description: tuple[str, ...] = many("cbc:Description")

    #: ``cbc:PowerIndicator``
    power_indicator: bool | None = opt("cbc:PowerIndicator")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")

    #: ``cac:ProviderParty``
    provider_party: Party | None = opt("cac:ProviderParty")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")


@dataclass(frozen=True, kw_only=True)
class TransportHandlingUnit(Aggregate):
    """UBL 2.1 ``TransportHandlingUnitType``: A class to describe a uniquely identifiable
    unit consisting of one or more packages, goods items, or pieces of transport
    equipment.
    """

    #: ``cbc:ID``: Handling unit identifier [tir16-061]
    id: Identifier | None = opt("cbc:ID")

    #: ``cbc:TransportHandlingUnitTypeCode``: Handling unit type [tir16-085]
    transport_handling_unit_type_code: str | None = opt("cbc:TransportHandlingUnitTypeCode")

    #: ``cbc:HandlingCode``
    handling_code: Code | None = opt("cbc:HandlingCode")

    #: ``cbc:HandlingInstructions``
    handling_instructions: tuple[str, ...] = many("cbc:HandlingInstructions")

    #: ``cbc:HazardousRiskIndicator``: Handling unit hazardous indicator [tir16-062]
    hazardous_risk_indicator: bool | None = opt("cbc:HazardousRiskIndicator")

    #: ``cbc:ShippingMarks``: Handling unit shipping marks; Packing label [tir01-p036; tir114-p036;
    #: tir16-064]
    shipping_marks: tuple[str, ...] = many("cbc:ShippingMarks")

    #: ``cac:TransportEquipment``
    transport_equipment: tuple[TransportEquipment, ...] = many("cac:TransportEquipment")

    #: ``cac:MeasurementDimension``: Measurement dimentions
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")

    #: ``cac:MinimumTemperature``
    minimum_temperature: Temperature | None = opt("cac:MinimumTemperature")

    #: ``cac:MaximumTemperature``
    maximum_temperature: Temperature | None = opt("cac:MaximumTemperature")

    #: ``cac:GoodsItem``
    goods_item: tuple[GoodsItem, ...] = many("cac:GoodsItem")

    #: ``cac:Package``: Package information
    package: tuple[Package, ...] = many("cac:Package")


@dataclass(frozen=True, kw_only=True)
class TransportMeans(Aggregate):
    """UBL 2.1 ``TransportMeansType``: A class to describe a particular vehicle or vessel
    used for the conveyance of goods or persons.
    """

    #: ``cac:AirTransport``
    air_transport: AirTransport | None = opt("cac:AirTransport")

    #: ``cac:RoadTransport``
    road_transport: RoadTransport | None = opt("cac:RoadTransport")

    #: ``cac:RailTransport``
    rail_transport: RailTransport | None = opt("cac:RailTransport")

    #: ``cac:MaritimeTransport``
    maritime_transport: MaritimeTransport | None = opt("cac:MaritimeTransport")

    #: ``cac:MeasurementDimension``
    measurement_dimension: tuple[Dimension, ...] = many("cac:MeasurementDimension")


@dataclass(frozen=True, kw_only=True)
class TransportationService(Aggregate):
    """UBL 2.1 ``TransportationServiceType``: A class to describe a transportation service."""

    #: ``cbc:TransportServiceCode``
    transport_service_code: str = one("cbc:TransportServiceCode")

    #: ``cac:TransportEquipment``
    transport_equipment: tuple[TransportEquipment, ...] = many("cac:TransportEquipment")

    #: ``cac:EnvironmentalEmission``
    environmental_emission: tuple[EnvironmentalEmission, ...] = many("cac:EnvironmentalEmission")


# --------------------------------------------------------------------------------------------
# Code lists of the PEPPOL BIS post-award syntax bindings (docs.peppol.eu/poacc/upgrade-3/codelist/)
# --------------------------------------------------------------------------------------------

_CODE_LISTS: dict[str, frozenset[str]] = {
    # Catalogue Action code, header level (OpenPeppol) (1.0)
    "ActionCode_header": _codes("Add Replace Update Delete"),
    # Catalogue Action code, line level (OpenPeppol) (1.0)
    "ActionCode_line": _codes("Add Update Delete"),
    # Clarification list identifier (OpenPeppol) (1.0)
    "ClarificationListID": _codes("OPStatusAction OPStatusReason"),
    # Packaging level code (GS1 7009) (1.0)
    "GS17009": _codes("CU DU TU HN"),
    # ISO 6523 ICD list (None)
    "ICD": _codes(
        "0002 0003 0004 0005 0006 0007 0008 0009 0010 0011 0012 0013 0014 0015 0016 0017 0018 "
        "0019 0020 0021 0022 0023 0024 0025 0026 0027 0028 0029 0030 0031 0032 0033 0034 0035 "
        "0036 0037 0038 0039 0040 0041 0042 0043 0044 0045 0046 0047 0048 0049 0050 0051 0052 "
        "0053 0054 0055 0056 0057 0058 0059 0060 0061 0062 0063 0064 0065 0066 0067 0068 0069 "
        "0070 0071 0072 0073 0074 0075 0076 0077 0078 0079 0080 0081 0082 0083 0084 0085 0086 "
        "0087 0088 0089 0090 0091 0093 0094 0095 0096 0097 0098 0099 0100 0101 0102 0104 0105 "
        "0106 0107 0108 0109 0110 0111 0112 0113 0114 0115 0116 0117 0118 0119 0120 0121 0122 "
        "0123 0124 0125 0126 0127 0128 0129 0130 0131 0132 0133 0134 0135 0136 0137 0138 0139 "
        "0140 0141 0142 0143 0144 0145 0146 0147 0148 0149 0150 0151 0152 0153 0154 0155 0156 "
        "0157 0158 0159 0160 0161 0162 0163 0164 0165 0166 0167 0168 0169 0170 0171 0172 0173 "
        "0174 0175 0176 0177 0178 0179 0180 0183 0184 0185 0186 0187 0188 0189 0190 0191 0192 "
        "0193 0194 0195 0196 0197 0198 0199 0200 0201 0202 0203 0204 0205 0206 0207 0208 0209 "
        "0210 0211 0212 0213 0214 0215 0216 0217 0218 0219 0220 0221 0222 0223 0224 0225 0226 "
        "0227 0228 0229 0230 0231 0232 0233 0234 0235 0236 0237 0238 0239 0240 "
    ),
    # Mime code (IANA Subset) (1.0)
    "MimeCode": _codes(
        "application/pdf image/png image/jpeg image/tiff application/acad application/dwg "
        "drawing/dwg application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "
        "application/vnd.oasis.opendocument.spreadsheet "
    ),
    # Status Clarification Action (OpenPeppol) (1.0)
    "OPStatusAction": _codes("NOA PIN NIN CNF CNP CNA OTH"),
    # Status Clarification Reason (OpenPeppol) (1.0)
    "OPStatusReason": _codes("NON REF LEG REC QUA DEL PRI QTY ITM PAY UNR FIN PPD OTH"),
    # Status reason code (OpenPeppol) (3.0)
    "StatusReason": _codes("BV BW SV"),
    # Transaction condition code (OpenPeppol) (1.0)
    "TransactionCondition": _codes("CT NON_RETURNABLE"),
    # Boolean indicator (OpenPeppol) (1.0)
    "TrueFalse": _codes("true false"),
    # Order type code (UNCL1001 subset) (D.17A)
    "UNCL1001_T01": _codes("105 220 221 226 227 402"),
    # Action code (UNCL1229) (D.17A)
    "UNCL1229": _codes("1 3 5 7 42"),
    # Action code (UNCL1229) for Order Change (D.17A)
    "UNCL1229_CHANGE": _codes("1 2 3 4 74"),
    # Transport service priority code (UNCL4219) (D.17A)
    "UNCL4219": _codes("1 2 3 4"),
    # Application Response type code (UNCL4343 Subset) (D.17A)
    "UNCL4343": _codes("AB AP RE"),
    # Invoice status code (UNCL4343 Subset) (D.17A)
    "UNCL4343-T111": _codes("AB AP RE IP UQ CA PD"),
    # Order Response type code (UNCL4343 Subset) (D.17A)
    "UNCL4343-T76": _codes("AB AP RE CA"),
    # Allowance reason codes (UNCL5189 subset) (D.16B)
    "UNCL5189": _codes("41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105"),
    # Duty or tax or fee category code (Subset of UNCL5305) (D.16B)
    "UNCL5305": _codes("AE E S Z G O K L M B"),
    # Price type codes (UNCL5387) (D.16B)
    "UNCL5387": _codes(
        "AAA AAB AAC AAD AAE AAF AAG AAH AAI AAJ AAK AAL AAM AAN AAO AAP AAQ AAR AAS AAT AAU "
        "AAV AAW AAX AAY AAZ ABA ABB ABC ABD ABE ABF ABG ABH ABI ABJ ABK ABL ABM ABN ABO ABP "
        "ABQ ABR ABS ABT ABU ABV ABW ABX ABY ABZ ACA ACB AI ALT AP BR CAT CDV CON CP CU CUP "
        "CUS DAP DIS DPR DR DSC CSC ES EUP FCR GRP INV LBL MAX MIN MNR MSR MXR NE NQT NTP NW "
        "OFR PAQ PBQ PPD PPR PRO PRP PW QTE RES RTP SHD SRP SW TB TRF TU TW WH "
    ),
    # Item type identification code (UNCL7143) (D.19A)
    "UNCL7143": _codes(
        "AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB "
        "BC BD BE BF BG BH BI BJ BK BL BM BN BO BP BQ BR BS BT BU BV BW BX BY BZ CC CG CL CR "
        "CV DR DW EC EF EMD EN FS GB GMN GN GS HS IB IN IS IT IZ MA MF MN MP NB ON PD PL PO "
        "PV QS RC RN RU RY SA SG SK SN SRS SRT SRU SRV SRW SRX SRY SRZ SS SSA SSB SSC SSD SSE "
        "SSF SSG SSH SSI SSJ SSK SSL SSM SSN SSO SSP SSQ SSR SSS SST SSU SSV SSW SSX SSY SSZ "
        "ST STA STB STC STD STE STF STG STH STI STJ STK STL STM STN STO STP STQ STR STS STT "
        "STU STV STW STX STY STZ SUA SUB SUC SUD SUE SUF SUG SUH SUI SUJ SUK SUL SUM TG TSN "
        "TSO TSP TSQ TSR TSS TST TSU UA UP VN VP VS VX ZZZ PPI "
    ),
    # Charge reason code (UNCL7161) (D.16B)
    "UNCL7161": _codes(
        "AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN "
        "ABR ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO "
        "ADP ADQ ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP "
        "AES AET AEU AEV AEW AEX AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO "
        "CAP CAQ CAR CAS CAT CAU CAV CAW CD CG CS CT DAB DAD DL EG EP ER FAA FAB FAC FC FH FI "
        "GAA HAA HD HH IAA IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL "
        "RAB RAC RAD RAF RE RF RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH "
        "XAA YY ZZZ "
    ),
    # Dangerous goods regulations code (UNCL8273) (D.23A)
    "UNCL8273": _codes(
        "ADR ADS ADT ADU ADY ADZ ADV ADW ADX AEA AEB AGS ANR ARD CFR COM GVE GVS ICA IMD RGE "
        "RID UI ZZZ "
    ),
    # Recommandation 19 (UN/ECE) (TRADE/CEFACT/2001/19)
    "UNECERec19": _codes("0 1 2 3 4 5 6 7 8 9"),
    # Recommendation 20, including Recommendation 21 codes - prefixed with X (UN/ECE) (Revision 11e)
    "UNECERec20": _codes(
        "10 11 13 14 15 20 21 22 23 24 25 27 28 33 34 35 37 38 40 41 56 57 58 59 60 61 74 77 "
        "80 81 85 87 89 91 1I 2A 2B 2C 2G 2H 2I 2J 2K 2L 2M 2N 2P 2Q 2R 2U 2X 2Y 2Z 3B 3C 4C "
        "4G 4H 4K 4L 4M 4N 4O 4P 4Q 4R 4T 4U 4W 4X 5A 5B 5E 5J A10 A11 A12 A13 A14 A15 A16 "
        "A17 A18 A19 A2 A20 A21 A22 A23 A24 A26 A27 A28 A29 A3 A30 A31 A32 A33 A34 A35 A36 "
        "A37 A38 A39 A4 A40 A41 A42 A43 A44 A45 A47 A48 A49 A5 A53 A54 A55 A56 A59 A6 A68 A69 "
        "A7 A70 A71 A73 A74 A75 A76 A8 A84 A85 A86 A87 A88 A89 A9 A90 A91 A93 A94 A95 A96 A97 "
        "A98 A99 AA AB ACR ACT AD AE AH AI AK AL AMH AMP ANN APZ AQ AS ASM ASU ATM AWG AY AZ "
        "B1 B10 B11 B12 B13 B14 B15 B16 B17 B18 B19 B20 B21 B22 B23 B24 B25 B26 B27 B28 B29 "
        "B3 B30 B31 B32 B33 B34 B35 B4 B41 B42 B43 B44 B45 B46 B47 B48 B49 B50 B52 B53 B54 "
        "B55 B56 B57 B58 B59 B60 B61 B62 B63 B64 B66 B67 B68 B69 B7 B70 B71 B72 B73 B74 B75 "
        "B76 B77 B78 B79 B8 B80 B81 B82 B83 B84 B85 B86 B87 B88 B89 B90 B91 B92 B93 B94 B95 "
        "B96 B97 B98 B99 BAR BB BFT BHP BIL BLD BLL BP BPM BQL BTU BUA BUI C0 C10 C11 C12 C13 "
        "C14 C15 C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C3 C30 C31 C32 C33 "
        "C34 C35 C36 C37 C38 C39 C40 C41 C42 C43 C44 C45 C46 C47 C48 C49 C50 C51 C52 C53 C54 "
        "C55 C56 C57 C58 C59 C60 C61 C62 C63 C64 C65 C66 C67 C68 C69 C7 C70 C71 C72 C73 C74 "
        "C75 C76 C78 C79 C8 C80 C81 C82 C83 C84 C85 C86 C87 C88 C89 C9 C90 C91 C92 C93 C94 "
        "C95 C96 C97 C99 CCT CDL CEL CEN CG CGM CKG CLF CLT CMK CMQ CMT CNP CNT COU CTG CTM "
        "CTN CUR CWA CWI D03 D04 D1 D10 D11 D12 D13 D15 D16 D17 D18 D19 D2 D20 D21 D22 D23 "
        "D24 D25 D26 D27 D29 D30 D31 D32 D33 D34 D36 D41 D42 D43 D44 D45 D46 D47 D48 D49 D5 "
        "D50 D51 D52 D53 D54 D55 D56 D57 D58 D59 D6 D60 D61 D62 D63 D65 D68 D69 D73 D74 D77 "
        "D78 D80 D81 D82 D83 D85 D86 D87 D88 D89 D91 D93 D94 D95 DAA DAD DAY DB DBM DBW DD "
        "DEC DG DJ DLT DMA DMK DMO DMQ DMT DN DPC DPR DPT DRA DRI DRL DT DTN DWT DZN DZP E01 "
        "E07 E08 E09 E10 E12 E14 E15 E16 E17 E18 E19 E20 E21 E22 E23 E25 E27 E28 E30 E31 E32 "
        "E33 E34 E35 E36 E37 E38 E39 E4 E40 E41 E42 E43 E44 E45 E46 E47 E48 E49 E50 E51 E52 "
        "E53 E54 E55 E56 E57 E58 E59 E60 E61 E62 E63 E64 E65 E66 E67 E68 E69 E70 E71 E72 E73 "
        "E74 E75 E76 E77 E78 E79 E80 E81 E82 E83 E84 E85 E86 E87 E88 E89 E90 E91 E92 E93 E94 "
        "E95 E96 E97 E98 E99 EA EB EQ F01 F02 F03 F04 F05 F06 F07 F08 F10 F11 F12 F13 F14 F15 "
        "F16 F17 F18 F19 F20 F21 F22 F23 F24 F25 F26 F27 F28 F29 F30 F31 F32 F33 F34 F35 F36 "
        "F37 F38 F39 F40 F41 F42 F43 F44 F45 F46 F47 F48 F49 F50 F51 F52 F53 F54 F55 F56 F57 "
        "F58 F59 F60 F61 F62 F63 F64 F65 F66 F67 F68 F69 F70 F71 F72 F73 F74 F75 F76 F77 F78 "
        "F79 F80 F81 F82 F83 F84 F85 F86 F87 F88 F89 F90 F91 F92 F93 F94 F95 F96 F97 F98 F99 "
        "FAH FAR FBM FC FF FH FIT FL FNU FOT FP FR FS FTK FTQ G01 G04 G05 G06 G08 G09 G10 G11 "
        "G12 G13 G14 G15 G16 G17 G18 G19 G2 G20 G21 G23 G24 G25 G26 G27 G28 G29 G3 G30 G31 "
        "G32 G33 G34 G35 G36 G37 G38 G39 G40 G41 G42 G43 G44 G45 G46 G47 G48 G49 G50 G51 G52 "
        "G53 G54 G55 G56 G57 G58 G59 G60 G61 G62 G63 G64 G65 G66 G67 G68 G69 G70 G71 G72 G73 "
        "G74 G75 G76 G77 G78 G79 G80 G81 G82 G83 G84 G85 G86 G87 G88 G89 G90 G91 G92 G93 G94 "
        "G95 G96 G97 G98 G99 GB GBQ GDW GE GF GFI GGR GIA GIC GII GIP GJ GL GLD GLI GLL GM GO "
        "GP GQ GRM GRN GRO GV GWH H03 H04 H05 H06 H07 H08 H09 H10 H11 H12 H13 H14 H15 H16 H18 "
        "H19 H20 H21 H22 H23 H24 H25 H26 H27 H28 H29 H30 H31 H32 H33 H34 H35 H36 H37 H38 H39 "
        "H40 H41 H42 H43 H44 H45 H46 H47 H48 H49 H50 H51 H52 H53 H54 H55 H56 H57 H58 H59 H60 "
        "H61 H62 H63 H64 H65 H66 H67 H68 H69 H70 H71 H72 H73 H74 H75 H76 H77 H79 H80 H81 H82 "
        "H83 H84 H85 H87 H88 H89 H90 H91 H92 H93 H94 H95 H96 H98 H99 HA HAD HBA HBX HC HDW "
        "HEA HGM HH HIU HKM HLT HM HMO HMQ HMT HPA HTZ HUR HWE IA IE INH INK INQ ISD IU IUG "
        "IV J10 J12 J13 J14 J15 J16 J17 J18 J19 J2 J20 J21 J22 J23 J24 J25 J26 J27 J28 J29 "
        "J30 J31 J32 J33 J34 J35 J36 J38 J39 J40 J41 J42 J43 J44 J45 J46 J47 J48 J49 J50 J51 "
        "J52 J53 J54 J55 J56 J57 J58 J59 J60 J61 J62 J63 J64 J65 J66 J67 J68 J69 J70 J71 J72 "
        "J73 J74 J75 J76 J78 J79 J81 J82 J83 J84 J85 J87 J90 J91 J92 J93 J95 J96 J97 J98 J99 "
        "JE JK JM JNT JOU JPS JWL K1 K10 K11 K12 K13 K14 K15 K16 K17 K18 K19 K2 K20 K21 K22 "
        "K23 K26 K27 K28 K3 K30 K31 K32 K33 K34 K35 K36 K37 K38 K39 K40 K41 K42 K43 K45 K46 "
        "K47 K48 K49 K50 K51 K52 K53 K54 K55 K58 K59 K6 K60 K61 K62 K63 K64 K65 K66 K67 K68 "
        "K69 K70 K71 K73 K74 K75 K76 K77 K78 K79 K80 K81 K82 K83 K84 K85 K86 K87 K88 K89 K90 "
        "K91 K92 K93 K94 K95 K96 K97 K98 K99 KA KAT KB KBA KCC KDW KEL KGM KGS KHY KHZ KI KIC "
        "KIP KJ KJO KL KLK KLX KMA KMH KMK KMQ KMT KNI KNM KNS KNT KO KPA KPH KPO KPP KR KSD "
        "KSH KT KTN KUR KVA KVR KVT KW KWH KWN KWO KWS KWT KWY KX L10 L11 L12 L13 L14 L15 L16 "
        "L17 L18 L19 L2 L20 L21 L23 L24 L25 L26 L27 L28 L29 L30 L31 L32 L33 L34 L35 L36 L37 "
        "L38 L39 L40 L41 L42 L43 L44 L45 L46 L47 L48 L49 L50 L51 L52 L53 L54 L55 L56 L57 L58 "
        "L59 L60 L63 L64 L65 L66 L67 L68 L69 L70 L71 L72 L73 L74 L75 L76 L77 L78 L79 L80 L81 "
        "L82 L83 L84 L85 L86 L87 L88 L89 L90 L91 L92 L93 L94 L95 L96 L98 L99 LA LAC LBR LBT "
        "LD LEF LF LH LK LM LN LO LP LPA LR LS LTN LTR LUB LUM LUX LY M1 M10 M11 M12 M13 M14 "
        "M15 M16 M17 M18 M19 M20 M21 M22 M23 M24 M25 M26 M27 M29 M30 M31 M32 M33 M34 M35 M36 "
        "M37 M38 M39 M4 M40 M41 M42 M43 M44 M45 M46 M47 M48 M49 M5 M50 M51 M52 M53 M55 M56 "
        "M57 M58 M59 M60 M61 M62 M63 M64 M65 M66 M67 M68 M69 M7 M70 M71 M72 M73 M74 M75 M76 "
        "M77 M78 M79 M80 M81 M82 M83 M84 M85 M86 M87 M88 M89 M9 M90 M91 M92 M93 M94 M95 M96 "
        "M97 M98 M99 MAH MAL MAM MAR MAW MBE MBF MBR MC MCU MD MGM MHZ MIK MIL MIN MIO MIU "
        "MKD MKM MKW MLD MLT MMK MMQ MMT MND MNJ MON MPA MQD MQH MQM MQS MQW MRD MRM MRW MSK "
        "MTK MTQ MTR MTS MTZ MVA MWH N1 N10 N11 N12 N13 N14 N15 N16 N17 N18 N19 N20 N21 N22 "
        "N23 N24 N25 N26 N27 N28 N29 N3 N30 N31 N32 N33 N34 N35 N36 N37 N38 N39 N40 N41 N42 "
        "N43 N44 N45 N46 N47 N48 N49 N50 N51 N52 N53 N54 N55 N56 N57 N58 N59 N60 N61 N62 N63 "
        "N64 N65 N66 N67 N68 N69 N70 N71 N72 N73 N74 N75 N76 N77 N78 N79 N80 N81 N82 N83 N84 "
        "N85 N86 N87 N88 N89 N90 N91 N92 N93 N94 N95 N96 N97 N98 N99 NA NAR NCL NEW NF NIL "
        "NIU NL NM3 NMI NMP NPT NT NTU NU NX OA ODE ODG ODK ODM OHM ON ONZ OPM OT OZA OZI P1 "
        "P10 P11 P12 P13 P14 P15 P16 P17 P18 P19 P2 P20 P21 P22 P23 P24 P25 P26 P27 P28 P29 "
        "P30 P31 P32 P33 P34 P35 P36 P37 P38 P39 P40 P41 P42 P43 P44 P45 P46 P47 P48 P49 P5 "
        "P50 P51 P52 P53 P54 P55 P56 P57 P58 P59 P60 P61 P62 P63 P64 P65 P66 P67 P68 P69 P70 "
        "P71 P72 P73 P74 P75 P76 P77 P78 P79 P80 P81 P82 P83 P84 P85 P86 P87 P88 P89 P90 P91 "
        "P92 P93 P94 P95 P96 P97 P98 P99 PAL PD PFL PGL PI PLA PO PQ PR PS PTD PTI PTL PTN "
        "Q10 Q11 Q12 Q13 Q14 Q15 Q16 Q17 Q18 Q19 Q20 Q21 Q22 Q23 Q24 Q25 Q26 Q27 Q28 Q29 Q30 "
        "Q31 Q32 Q33 Q34 Q35 Q36 Q37 Q38 Q39 Q40 Q41 Q42 Q3 QA QAN QB QR QTD QTI QTL QTR R1 "
        "R9 RH RM ROM RP RPM RPS RT S3 S4 SAN SCO SCR SEC SET SG SIE SM3 SMI SQ SQR SR STC "
        "STI STK STL STN STW SW SX SYR T0 T3 TAH TAN TI TIC TIP TKM TMS TNE TP TPI TPR TQD "
        "TRL TST TTS U1 U2 UB UC VA VLT VP W2 WA WB WCD WE WEB WEE WG WHR WM WSD WTT X1 YDK "
        "YDQ YRD Z11 Z9 ZP ZZ X1A X1B X1D X1F X1G X1W X2C X3A X3H X43 X44 X4A X4B X4C X4D X4F "
        "X4G X4H X5H X5L X5M X6H X6P X7A X7B X8A X8B X8C XAA XAB XAC XAD XAE XAF XAG XAH XAI "
        "XAJ XAL XAM XAP XAT XAV XB4 XBA XBB XBC XBD XBE XBF XBG XBH XBI XBJ XBK XBL XBM XBN "
        "XBO XBP XBQ XBR XBS XBT XBU XBV XBW XBX XBY XBZ XCA XCB XCC XCD XCE XCF XCG XCH XCI "
        "XCJ XCK XCL XCM XCN XCO XCP XCQ XCR XCS XCT XCU XCV XCW XCX XCY XCZ XDA XDB XDC XDG "
        "XDH XDI XDJ XDK XDL XDM XDN XDP XDR XDS XDT XDU XDV XDW XDX XDY XEC XED XEE XEF XEG "
        "XEH XEI XEN XFB XFC XFD XFE XFI XFL XFO XFP XFR XFT XFW XFX XGB XGI XGL XGR XGU XGY "
        "XGZ XHA XHB XHC XHG XHN XHR XIA XIB XIC XID XIE XIF XIG XIH XIK XIL XIN XIZ XJB XJC "
        "XJG XJR XJT XJY XKG XKI XLE XLG XLT XLU XLV XLZ XMA XMB XMC XME XMR XMS XMT XMW XMX "
        "XNA XNE XNF XNG XNS XNT XNU XNV XO1 XO2 XO3 XO4 XO5 XO6 XO7 XO8 XO9 XOA XOB XOC XOD "
        "XOE XOF XOG XOH XOI XOK XOJ XOL XOM XON XOP XOQ XOR XOS XOV XOW XOT XOU XOX XOY XOZ "
        "XP1 XP2 XP3 XP4 XPA XPB XPC XPD XPE XPF XPG XPH XPI XPJ XPK XPL XPN XPO XPP XPR XPT "
        "XPU XPV XPX XPY XPZ XQA XQB XQC XQD XQF XQG XQH XQJ XQK XQL XQM XQN XQP XQQ XQR XQS "
        "XRD XRG XRJ XRK XRL XRO XRT XRZ XSA XSB XSC XSD XSE XSH XSI XSK XSL XSM XSO XSP XSS "
        "XST XSU XSV XSW XSX XSY XSZ XT1 XTB XTC XTD XTE XTG XTI XTK XTL XTN XTO XTR XTS XTT "
        "XTU XTV XTW XTY XTZ XUC XUN XVA XVG XVI XVK XVL XVO XVP XVQ XVN XVR XVS XVY XWA XWB "
        "XWC XWD XWF XWG XWH XWJ XWK XWL XWM XWN XWP XWQ XWR XWS XWT XWU XWV XWW XWX XWY XWZ "
        "XXA XXB XXC XXD XXF XXG XXH XXJ XXK XYA XYB XYC XYD XYF XYG XYH XYJ XYK XYL XYM XYN "
        "XYP XYQ XYR XYS XYT XYV XYW XYX XYY XYZ XZA XZB XZC XZD XZF XZG XZH XZJ XZK XZL XZM "
        "XZN XZP XZQ XZR XZS XZT XZU XZV XZW XZX XZY XZZ "
    ),
    # Electronic Address Scheme (EAS) (None)
    "eas": _codes(
        "0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0151 0177 0183 0184 0188 "
        "0190 0191 0192 0193 0195 0196 0198 0199 0200 0201 0202 0204 0208 0209 0210 0211 0212 "
        "0213 0215 0216 0218 0221 0230 0235 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 "
        "9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 "
        "9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959 0147 0154 0158 "
        "0170 0194 0203 0205 0217 0225 0240 "
    ),
}
