"""PEPPOL Order Response transaction 3.0 (T76): the rules ``PEPPOL-T76-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T76.sch``, one
Schematron pattern over ``ubl:OrderResponse`` (shared root with the order
agreement T110 and the advanced order response T116; the CustomizationID
tells them apart). Implemented once with T116 in :mod:`._response`.
"""

from __future__ import annotations

from heldigital.rules.core import Document
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._response import ResponseChecks

#: The specification identifier (CustomizationID) every T76 order response starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_response:3"

CHECKS = ResponseChecks("T76", CUSTOMIZATION_ID)


@rule("PEPPOL-T76-R001")
def peppol_t76_r001(doc: Document):
    """An order response SHALL have the buyer party official name or a buyer party identifier.

    Context ``cac:BuyerCustomerParty/cac:Party``.
    """
    return CHECKS.buyer(doc)


@rule("PEPPOL-T76-R002")
def peppol_t76_r002(doc: Document):
    """An order response SHALL have the seller party official name or a seller party identifier.

    Context ``cac:SellerSupplierParty/cac:Party``.
    """
    return CHECKS.seller(doc)


@rule("PEPPOL-T76-R003")
def peppol_t76_r003(doc: Document):
    """Each order response line SHALL have a document line identifier that is unique within the
    order.

    Context ``cac:OrderLine/cac:LineItem``.
    """
    return CHECKS.line_id(doc)


@rule("PEPPOL-T76-R004")
def peppol_t76_r004(doc: Document):
    """If both delivery period start date and delivery period end date are given then the end date
    SHALL be later or equal to the start date.

    Context ``cac:PromisedDeliveryPeriod |
    cac:OrderLine/cac:LineItem/cac:PromisedDeliveryPeriod``.
    """
    return CHECKS.period(doc)


@rule("PEPPOL-T76-R005")
def peppol_t76_r005(doc: Document):
    """An order response SHALL be stated in a single currency.

    Context ``cbc:PriceAmount``.
    """
    return CHECKS.single_currency(doc)


@rule("PEPPOL-T76-R006")
def peppol_t76_r006(doc: Document):
    """Specification identifier SHALL start with the value
    'urn:fdc:peppol.eu:poacc:trns:order_response:3'.

    Context ``cbc:CustomizationID``.
    """
    return CHECKS.customization(doc)


@rule("PEPPOL-T76-R007")
def peppol_t76_r007(doc: Document):
    """An order response with code CA (Conditionally accepted) must provide order lines.

    Context ``cbc:OrderResponseCode``.
    """
    return CHECKS.accepted_with_conditions(doc)


@rule("PEPPOL-T76-R008")
def peppol_t76_r008(doc: Document):
    """An order response with code AP (Accepted) should NOT provide order lines.

    Context ``cbc:OrderResponseCode``.
    """
    return CHECKS.accepted(doc)


@rule("PEPPOL-T76-R009")
def peppol_t76_r009(doc: Document):
    """An order response with code RE (Rejected) should NOT provide order lines.

    Context ``cbc:OrderResponseCode``.
    """
    return CHECKS.rejected(doc)


@rule("PEPPOL-T76-R010")
def peppol_t76_r010(doc: Document):
    """An order response with code AB (Acknowledged) must NOT provide order lines.

    Context ``cbc:OrderResponseCode``.
    """
    return CHECKS.acknowledged(doc)
