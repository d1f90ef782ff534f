"""PEPPOL Punch Out transaction 3.0 (T77): the rules ``PEPPOL-T77-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T77.sch``, one
Schematron pattern over ``ubl:Catalogue`` (the shopping cart; shares its root
with the catalogue T19, told apart by the CustomizationID).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc._order import standard_rate_positive, tax_rate_present
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern, every, first, has
from heldigital.rules.xpath import normalize_space, number, string_value

CATALOGUE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
#: The specification identifier (CustomizationID) every T77 shopping cart starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:punch_out:3"

PATTERN = Pattern(
    "T77",
    CATALOGUE_NS,
    [
        ("customization", "//cbc:CustomizationID"),
        ("validity", "//ubl:Catalogue/cac:ValidityPeriod"),
        ("price", "//cac:RequiredItemLocationQuantity/cac:Price"),
        ("item", "//cac:Item"),
        ("location", "//cac:CatalogueLine/cac:RequiredItemLocationQuantity"),
        ("service", "//cac:Item/cac:AdditionalItemProperty[cbc:Name = 'ServiceIndicator']"),
        ("tax-category", "//cac:ClassifiedTaxCategory"),
    ],
)


def _each(doc: Document, key: str, test) -> Iterator[Element]:
    for node in PATTERN.nodes(doc, key):
        if not test(node):
            yield node


def _number(node: Element | None, *, day: bool = False) -> float:
    """``number(.)``, or ``number(translate(., '-', ''))`` for a date; NaN when not a number."""
    if node is None:
        return math.nan
    return number(string_value(node).replace("-", "") if day else string_value(node))


@rule("PEPPOL-T77-R010")
def peppol_t77_r010(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T77 value."""
    return _each(doc, "customization", lambda n: normalize_space(n).startswith(CUSTOMIZATION_ID))


@rule("PEPPOL-T77-R001")
def peppol_t77_r001(doc: Document):
    """The validity period SHALL have an end date, not earlier than the issue date."""

    def test(node: Element) -> bool:
        end = first(node, "cbc:EndDate")
        if end is None:
            return False
        parent = node.getparent()
        issue = first(parent, "cbc:IssueDate") if parent is not None else None
        return _number(end, day=True) >= _number(issue, day=True)

    return _each(doc, "validity", test)


@rule("PEPPOL-T77-R003")
def peppol_t77_r003(doc: Document):
    """Item prices SHALL not be negative (``number(cbc:PriceAmount) >= 0``)."""
    return _each(doc, "price", lambda n: _number(first(n, "cbc:PriceAmount")) >= 0)


@rule("PEPPOL-T77-R004")
def peppol_t77_r004(doc: Document):
    """Each item SHALL have a standard or a sellers item identifier."""
    return _each(
        doc,
        "item",
        lambda n: (
            has(n, "cac:StandardItemIdentification/cbc:ID")
            or has(n, "cac:SellersItemIdentification/cbc:ID")
        ),
    )


@rule("PEPPOL-T77-R005")
def peppol_t77_r005(doc: Document):
    """At most one item specification document may have type code ``PRODUCT_IMAGE``."""

    def test(item: Element) -> bool:
        images = [
            ref
            for ref in every(item, "cac:ItemSpecificationDocumentReference")
            if any(string_value(c) == "PRODUCT_IMAGE" for c in every(ref, "cbc:DocumentTypeCode"))
        ]
        return len(images) <= 1

    return _each(doc, "item", test)


@rule("PEPPOL-T77-R006")
def peppol_t77_r006(doc: Document):
    """The price base quantity and the batch quantity SHALL have the same unit code."""

    def test(node: Element) -> bool:
        bases = every(node, "cac:Price/cbc:BaseQuantity")
        batches = every(node, "cac:DeliveryUnit/cbc:BatchQuantity")
        if not bases or not batches:
            return True
        base_units = {b.get("unitCode") for b in bases} - {None}
        batch_units = {b.get("unitCode") for b in batches} - {None}
        return bool(base_units & batch_units)

    return _each(doc, "location", test)


@rule("PEPPOL-T77-R002")
def peppol_t77_r002(doc: Document):
    """The price base quantity and the batch quantity SHALL be greater than zero."""

    def test(node: Element) -> bool:
        bases = every(node, "cac:Price/cbc:BaseQuantity")
        batches = every(node, "cac:DeliveryUnit/cbc:BatchQuantity")
        if not bases or not batches:
            return True
        # number() of two quantities stops the official stylesheet (the document is
        # rejected), evaluated left to right: the base quantity, then the batch quantity
        if len(bases) > 1 or not _number(bases[0]) > 0:
            return False
        return len(batches) == 1 and _number(batches[0]) > 0

    return _each(doc, "location", test)


@rule("PEPPOL-T77-R007")
def peppol_t77_r007(doc: Document):
    """The ServiceIndicator item property value SHALL be ``true`` or ``false``."""
    return _each(
        doc,
        "service",
        lambda n: any(string_value(v) in ("true", "false") for v in every(n, "cbc:Value")),
    )


@rule("PEPPOL-T77-R008")
def peppol_t77_r008(doc: Document):
    """Each classified tax category SHALL have a rate unless its code is O."""
    return _each(doc, "tax-category", tax_rate_present)


@rule("PEPPOL-T77-R009")
def peppol_t77_r009(doc: Document):
    """Standard rated (S) categories SHALL have a rate greater than zero."""
    return _each(doc, "tax-category", standard_rate_positive)
