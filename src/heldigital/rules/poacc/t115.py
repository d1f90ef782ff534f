"""PEPPOL Order Cancellation transaction 3.0 (T115): the rules ``PEPPOL-T115-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T115.sch``, one
Schematron pattern over ``ubl:OrderCancellation`` (OrderCancellation-2, UBL 2.3).
"""

from __future__ import annotations

from heldigital.rules.core import Document
from heldigital.rules.poacc._registry import rule
from heldigital.rules.xpath import normalize_space

#: The specification identifier (CustomizationID) every T115 order cancellation starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_cancellation:3"
#: PEPPOL-T115-R031: order cancellations exist only in advanced ordering.
PROFILES = ("urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",)


@rule("PEPPOL-T115-R031")
def peppol_t115_r031(doc: Document):
    """An order cancellation MUST use the advanced ordering profile (cbc:ProfileID)."""
    for node in doc.xpath("//cbc:ProfileID"):
        if normalize_space(node) not in PROFILES:
            yield node


@rule("PEPPOL-T115-R034")
def peppol_t115_r034(doc: Document):
    """Specification identifier (cbc:CustomizationID) MUST start with the T115 value."""
    for node in doc.xpath("//cbc:CustomizationID"):
        if not normalize_space(node).startswith(CUSTOMIZATION_ID):
            yield node
