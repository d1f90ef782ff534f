"""PEPPOL Despatch Advice transaction 3.0 (T16): the rules ``PEPPOL-T16-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T16.sch``, one
Schematron pattern over ``ubl:DespatchAdvice`` (DespatchAdvice-2).
"""

from __future__ import annotations

from collections.abc import Iterator

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern, first, has
from heldigital.rules.xpath import normalize_space, number

DESPATCH_ADVICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2"
#: The specification identifier (CustomizationID) every T16 despatch advice starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3"

PATTERN = Pattern(
    "T16",
    DESPATCH_ADVICE_NS,
    [
        ("customization", "//cbc:CustomizationID"),
        ("buyer", "//cac:BuyerCustomerParty"),
        ("seller", "//cac:SellerSupplierParty"),
        ("originator", "//cac:OriginatorCustomerParty"),
        ("line", "//cac:DespatchLine"),
    ],
)


def _each(doc: Document, key: str, test) -> Iterator[Element]:
    for node in PATTERN.nodes(doc, key):
        if not test(node):
            yield node


def _named(party: Element) -> bool:
    """``(cac:Party/cac:PartyName/cbc:Name) or (cac:Party/cac:PartyIdentification/cbc:ID)``."""
    return has(party, "cac:Party/cac:PartyName/cbc:Name") or has(
        party, "cac:Party/cac:PartyIdentification/cbc:ID"
    )


@rule("PEPPOL-T16-R011")
def peppol_t16_r011(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T16 value."""
    return _each(doc, "customization", lambda n: normalize_space(n).startswith(CUSTOMIZATION_ID))


@rule("PEPPOL-T16-R008")
def peppol_t16_r008(doc: Document):
    """A despatch advice buyer party SHALL contain the name or an identifier."""
    return _each(doc, "buyer", _named)


@rule("PEPPOL-T16-R009")
def peppol_t16_r009(doc: Document):
    """A despatch advice seller party SHALL contain the name or an identifier."""
    return _each(doc, "seller", _named)


@rule("PEPPOL-T16-R010")
def peppol_t16_r010(doc: Document):
    """A despatch advice originator customer party SHALL contain the name or an identifier."""
    return _each(doc, "originator", _named)


@rule("PEPPOL-T16-R003")
def peppol_t16_r003(doc: Document):
    """Each despatch line item SHALL have a standard or a sellers item identifier."""
    return _each(
        doc,
        "line",
        lambda n: (
            has(n, "cac:Item/cac:StandardItemIdentification/cbc:ID")
            or has(n, "cac:Item/cac:SellersItemIdentification/cbc:ID")
        ),
    )


@rule("PEPPOL-T16-R004")
def peppol_t16_r004(doc: Document):
    """Each despatch line SHALL contain the item name (cac:Item/cbc:Name)."""
    return _each(doc, "line", lambda n: has(n, "cac:Item/cbc:Name"))


@rule("PEPPOL-T16-R005")
def peppol_t16_r005(doc: Document):
    """Each despatch advice line SHOULD have a delivered quantity."""
    return _each(doc, "line", lambda n: has(n, "cbc:DeliveredQuantity"))


@rule("PEPPOL-T16-R006")
def peppol_t16_r006(doc: Document):
    """The delivered quantity SHALL not be negative (``number(cbc:DeliveredQuantity) >= 0``).

    As written, a line without delivered quantity (NaN) breaks the rule too.
    """
    return _each(
        doc,
        "line",
        lambda n: number(first(n, "cbc:DeliveredQuantity")) >= 0,
    )


@rule("PEPPOL-T16-R007")
def peppol_t16_r007(doc: Document):
    """An outstanding quantity SHOULD come with an outstanding reason."""
    return _each(
        doc,
        "line",
        lambda n: not has(n, "cbc:OutstandingQuantity") or has(n, "cbc:OutstandingReason"),
    )
