"""Property tests: any Invoice or CreditNote the models can hold is written as
schema-valid UBL 2.1 and read back unchanged.

The strategies are derived from the models' own UBL field declarations
(:func:`heldigital.ehf.common.ubl_fields`), so every declared element, also
those no corpus example uses, is exercised: a field declared out of schema
order fails the XSD check, a reader/writer asymmetry fails the equality.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital import xml
from heldigital.ehf import CreditNote, Invoice
from heldigital.ehf.common import BinaryObject, Leaf, ubl_fields

# XML 1.0 characters (no control characters but tab, CR and LF, no
# surrogates or non-characters).
TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Cn"), include_characters="\t\n\r"),
    max_size=8,
)
DECIMALS = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, allow_infinity=False
)
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
# cbc:*Time elements are xsd:time; the models keep their lexical form as text.
TIMES = st.times().map(lambda t: t.replace(microsecond=0).isoformat())
SCALARS: dict[type, st.SearchStrategy[Any]] = {
    str: TEXT,
    Decimal: DECIMALS,
    dt.date: DATES,
    bool: st.booleans(),
    int: st.integers(-1000, 1000),
}


def _leaf(kind: type) -> st.SearchStrategy[Any]:
    if kind is BinaryObject:
        return st.builds(
            BinaryObject,
            value=st.binary(max_size=40).map(lambda b: base64.b64encode(b).decode("ascii")),
            mime_code=TEXT,
            filename=st.none() | TEXT,
        )
    values: dict[str, st.SearchStrategy[Any]] = {"value": SCALARS[kind._value_type]}
    for name, _attribute in kind._attributes:
        values[name] = TEXT if name in kind._required_attributes else st.none() | TEXT
    return st.builds(kind, **values)


def _strategy(kind: type, depth: int) -> st.SearchStrategy[Any]:
    if kind in SCALARS:
        return SCALARS[kind]
    if issubclass(kind, Leaf):
        return _leaf(kind)
    values: dict[str, st.SearchStrategy[Any]] = {}
    defaults = {f.name: f.default for f in dataclasses.fields(kind)}
    for field in ubl_fields(kind):
        if field.name.endswith("_time") and field.kind is str:
            inner = TIMES
        elif depth > 2 and not field.required:
            continue  # keep examples small: deep optional parts are covered at shallower levels
        else:
            inner = st.deferred(lambda k=field.kind: _strategy(k, depth + 1))
        if field.many:
            size = 2 if depth == 0 else 1
            values[field.name] = st.lists(
                inner, min_size=1 if field.required else 0, max_size=size
            ).map(tuple)
        elif defaults[field.name] is None:
            values[field.name] = st.none() | inner
        else:
            values[field.name] = inner
    return st.builds(kind, **values)


def _check(document: Any, ubl_schemas: dict[type, etree.XMLSchema]) -> None:
    data = document.to_xml()
    schema = ubl_schemas[type(document)]
    assert schema.validate(xml.parse(data)), schema.error_log
    back = type(document).from_xml(data, strict=True)
    assert back == document
    assert back.to_xml() == data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_strategy(Invoice, 0))
def test_any_invoice_round_trips(
    document: Invoice, ubl_schemas: dict[type, etree.XMLSchema]
) -> None:
    _check(document, ubl_schemas)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_strategy(CreditNote, 0))
def test_any_credit_note_round_trips(
    document: CreditNote, ubl_schemas: dict[type, etree.XMLSchema]
) -> None:
    _check(document, ubl_schemas)


def test_every_model_field_is_reachable() -> None:
    """The strategies above cover every model: each dataclass reachable from
    Invoice and CreditNote declares at least one UBL field."""
    seen: set[type] = set()

    def walk(kind: type) -> None:
        if kind in seen or kind in SCALARS or issubclass(kind, Leaf):
            return
        seen.add(kind)
        assert dataclasses.is_dataclass(kind)
        fields = ubl_fields(kind)
        assert fields, kind
        for field in fields:
            walk(field.kind)

    walk(Invoice)
    walk(CreditNote)
    assert len(seen) > 30
