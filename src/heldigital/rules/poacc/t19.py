"""PEPPOL Catalogue transaction 3.0 (T19): the rules ``PEPPOL-T19-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T19.sch``, one
Schematron pattern over ``ubl:Catalogue`` (Catalogue-2). Dates are compared
as the official rules do: ``number(translate(date, '-', ''))``, a double
that is NaN for a malformed date (and NaN compares false).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc._order import standard_rate_positive, tax_rate_present
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern, first, has
from heldigital.rules.xpath import normalize_space, number, string_value

CATALOGUE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
#: The specification identifier (CustomizationID) every T19 catalogue starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:catalogue:3"
#: PEPPOL-T19-R017: the business processes a catalogue may be sent in.
PROFILES = (
    "urn:fdc:peppol.eu:poacc:bis:catalogue_only:3",
    "urn:fdc:peppol.eu:poacc:bis:catalogue_wo_response:3",
)

PATTERN = Pattern(
    "T19",
    CATALOGUE_NS,
    [
        ("profile", "//cbc:ProfileID"),
        ("customization", "//cbc:CustomizationID"),
        ("validity", "/ubl:Catalogue/cac:ValidityPeriod"),
        ("supplier", "//cac:SellerSupplierParty"),
        ("customer", "//cac:ContractorCustomerParty"),
        ("line", "//cac:CatalogueLine"),
        ("location", "//cac:RequiredItemLocationQuantity"),
        ("tax-category", "//cac:ClassifiedTaxCategory"),
        ("item", "//cac:Item"),
    ],
)

_NAN = math.nan


def _each(doc: Document, key: str, test) -> Iterator[Element]:
    for node in PATTERN.nodes(doc, key):
        if not test(node):
            yield node


def _day(node: Element | None) -> float:
    """``number(translate(date, '-', ''))``."""
    return number(string_value(node).replace("-", "")) if node is not None else _NAN


def _date_or(node: Element, path: str, default: float) -> float:
    """``if (exists(path)) then number(translate(path, '-', '')) else default``."""
    found = first(node, path)
    return default if found is None else _day(found)


def _catalogue_period(doc: Document) -> tuple[float, float]:
    """``$CatalogueValidityStart`` (default 0) and ``$CatalogueValidityEnd`` (default 99999999)."""
    cached = doc.cache.get("poacc:T19:period")
    if cached is None:
        start, end = 0.0, 99999999.0
        if doc.local_name == "Catalogue" and doc.namespace == CATALOGUE_NS:
            start = _date_or(doc.root, "cac:ValidityPeriod/cbc:StartDate", start)
            end = _date_or(doc.root, "cac:ValidityPeriod/cbc:EndDate", end)
        cached = doc.cache["poacc:T19:period"] = (start, end)
    return cached


def _line_period(doc: Document, line: Element | None) -> tuple[float, float]:
    start, end = _catalogue_period(doc)
    if line is None:
        return start, end
    return (
        _date_or(line, "cac:LineValidityPeriod/cbc:StartDate", start),
        _date_or(line, "cac:LineValidityPeriod/cbc:EndDate", end),
    )


def _price_period(doc: Document, location: Element) -> tuple[float, float, float, float]:
    line_start, line_end = _line_period(doc, location.getparent())
    return (
        line_start,
        line_end,
        _date_or(location, "cac:Price/cac:ValidityPeriod/cbc:StartDate", line_start),
        _date_or(location, "cac:Price/cac:ValidityPeriod/cbc:EndDate", line_end),
    )


@rule("PEPPOL-T19-R017")
def peppol_t19_r017(doc: Document):
    """A catalogue SHALL use the profile catalogue only or catalogue without response."""
    return _each(doc, "profile", lambda n: normalize_space(n) in PROFILES)


@rule("PEPPOL-T19-R018")
def peppol_t19_r018(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T19 value."""
    return _each(doc, "customization", lambda n: normalize_space(n).startswith(CUSTOMIZATION_ID))


@rule("PEPPOL-T19-R001")
def peppol_t19_r001(doc: Document):
    """The catalogue validity period end date SHALL NOT be before its start date."""
    start, end = _catalogue_period(doc)
    return _each(doc, "validity", lambda n: end >= start)


@rule("PEPPOL-T19-R004")
def peppol_t19_r004(doc: Document):
    """A catalogue supplier SHALL contain the full name or an identifier."""
    return _each(
        doc,
        "supplier",
        lambda n: (
            has(n, "cac:Party/cac:PartyName/cbc:Name")
            or has(n, "cac:Party/cac:PartyIdentification/cbc:ID")
        ),
    )


@rule("PEPPOL-T19-R005")
def peppol_t19_r005(doc: Document):
    """A catalogue customer SHALL contain the full name or an identifier."""
    return _each(
        doc,
        "customer",
        lambda n: (
            has(n, "cac:Party/cac:PartyName/cbc:Name")
            or has(n, "cac:Party/cac:PartyIdentification/cbc:ID")
        ),
    )


@rule("PEPPOL-T19-R008")
def peppol_t19_r008(doc: Document):
    """A maximum order quantity, when given, SHALL NOT be negative (``number() >= 0``)."""
    return _each(
        doc,
        "line",
        lambda n: (
            not has(n, "cbc:MaximumOrderQuantity")
            or number(first(n, "cbc:MaximumOrderQuantity")) >= 0
        ),
    )


@rule("PEPPOL-T19-R009")
def peppol_t19_r009(doc: Document):
    """A minimum order quantity, when given, SHALL NOT be negative (``number() >= 0``)."""
    return _each(
        doc,
        "line",
        lambda n: (
            not has(n, "cbc:MinimumOrderQuantity")
            or number(first(n, "cbc:MinimumOrderQuantity")) >= 0
        ),
    )


@rule("PEPPOL-T19-R010")
def peppol_t19_r010(doc: Document):
    """The maximum order quantity SHALL NOT be below the minimum order quantity."""
    return _each(
        doc,
        "line",
        lambda n: (
            not has(n, "cbc:MaximumOrderQuantity")
            or not has(n, "cbc:MinimumOrderQuantity")
            or number(first(n, "cbc:MaximumOrderQuantity"))
            >= number(first(n, "cbc:MinimumOrderQuantity"))
        ),
    )


@rule("PEPPOL-T19-R007")
def peppol_t19_r007(doc: Document):
    """The line validity period (default: the catalogue's) SHALL lie within the catalogue's."""

    def test(line: Element) -> bool:
        start, end = _catalogue_period(doc)
        line_start, line_end = _line_period(doc, line)
        return start <= line_start <= end and start <= line_end <= end

    return _each(doc, "line", test)


@rule("PEPPOL-T19-R013")
def peppol_t19_r013(doc: Document):
    """The line validity period end date SHALL NOT be before its start date."""

    def test(line: Element) -> bool:
        line_start, line_end = _line_period(doc, line)
        return line_start <= line_end

    return _each(doc, "line", test)


@rule("PEPPOL-T19-R006")
def peppol_t19_r006(doc: Document):
    """Item prices SHALL not be negative (``number(cac:Price/cbc:PriceAmount) >= 0``)."""
    return _each(doc, "location", lambda n: number(first(n, "cac:Price/cbc:PriceAmount")) >= 0)


@rule("PEPPOL-T19-R011")
def peppol_t19_r011(doc: Document):
    """The price validity period SHALL lie within the line (or catalogue) validity period."""

    def test(location: Element) -> bool:
        line_start, line_end, start, end = _price_period(doc, location)
        return line_start <= start <= line_end and line_start <= end <= line_end

    return _each(doc, "location", test)


@rule("PEPPOL-T19-R016")
def peppol_t19_r016(doc: Document):
    """The price validity period end date SHALL NOT be before its start date."""

    def test(location: Element) -> bool:
        _, _, start, end = _price_period(doc, location)
        return start <= end

    return _each(doc, "location", test)


@rule("PEPPOL-T19-R014")
def peppol_t19_r014(doc: Document):
    """Each classified tax category SHALL have a rate unless its code is O."""
    return _each(doc, "tax-category", tax_rate_present)


@rule("PEPPOL-T19-R015")
def peppol_t19_r015(doc: Document):
    """Standard rated (S) categories SHALL have a rate greater than zero."""
    return _each(doc, "tax-category", standard_rate_positive)


@rule("PEPPOL-T19-R012")
def peppol_t19_r012(doc: Document):
    """Each item SHALL have a standard or a sellers item identifier."""
    return _each(
        doc,
        "item",
        lambda n: (
            has(n, "cac:StandardItemIdentification/cbc:ID")
            or has(n, "cac:SellersItemIdentification/cbc:ID")
        ),
    )
