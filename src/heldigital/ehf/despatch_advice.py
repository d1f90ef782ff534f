"""PEPPOL BIS Despatch Advice (transaction T16) and EHF Despatch Advice 3.0, UBL 2.1.

Specification: PEPPOL BIS Despatch Advice 3
(``docs.peppol.eu/poacc/upgrade-3/syntax/DespatchAdvice/tree/``) and EHF
Despatch Advice 3.0. The seller (or despatch party) tells the buyer what is
sent, in which packages and shipment, with lot/serial numbers and best-before
dates per line. The comment above each field gives the information element
ids (``tir16-NNN``).

The model also holds the elements of the PEPPOL logistics Advanced Despatch
Advice 1 (``urn:fdc:peppol.eu:logistics:trns:advanced_despatch_advice:1``,
the EHF logistics example): transport handling units, hazardous items,
certificates, dimensions and transport means.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import ClassVar

from heldigital.ehf.common import (
    CustomerParty,
    Delivery,
    Despatch,
    DespatchLine,
    DocumentReference,
    Item,
    OrderLineReference,
    OrderReference,
    Shipment,
    SupplierParty,
)
from heldigital.ehf.mapping import (
    Document,
    Identifier,
    ModelError,
    Quantity,
    many,
    one,
    opt,
)
from heldigital.ehf.order import Order

__all__ = ["CUSTOMIZATION_ID", "EHF_CUSTOMIZATION_ID", "PROFILE_ID", "DespatchAdvice"]

#: tir16-002: PEPPOL BIS Despatch Advice transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3"
#: EHF Despatch Advice 3.0 specification identifier.
EHF_CUSTOMIZATION_ID = CUSTOMIZATION_ID + ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"
#: tir16-001: PEPPOL BIS Despatch Advice 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:despatch_advice:3"


@dataclass(frozen=True, kw_only=True)
class DespatchAdvice(Document):
    """A despatch advice (PEPPOL BIS T16, EHF Despatch Advice 3.0).

    Mandatory in the BIS: ``customization_id`` (tir16-002), ``profile_id``
    (tir16-001), ``id`` (tir16-003), ``issue_date`` (tir16-004), the
    ``despatch_supplier_party``, the ``delivery_customer_party``, the
    ``shipment`` and at least one ``despatch_line``.
    """

    ROOT: ClassVar[str] = "DespatchAdvice"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2"

    #: ``cbc:CustomizationID``: Specification identification [tir16-002]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir16-001]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Document identifier [tir16-003]
    id: str = one("cbc:ID")

    #: ``cbc:IssueDate``: Dispatch advice issue date [tir16-004]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Dispatch advice issue time [tir16-005]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:DocumentStatusCode``
    document_status_code: str | None = opt("cbc:DocumentStatusCode")

    #: ``cbc:DespatchAdviceTypeCode``
    despatch_advice_type_code: str | None = opt("cbc:DespatchAdviceTypeCode")

    #: ``cbc:Note``: Dispatch note [tir16-088]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cac:OrderReference``: Order reference information
    order_reference: tuple[OrderReference, ...] = many("cac:OrderReference")

    #: ``cac:AdditionalDocumentReference``: Additional documents
    additional_document_reference: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference",
    )

    #: ``cac:DespatchSupplierParty``: Despatching party information
    despatch_supplier_party: SupplierParty = one("cac:DespatchSupplierParty")

    #: ``cac:DeliveryCustomerParty``: Consignee information
    delivery_customer_party: CustomerParty = one("cac:DeliveryCustomerParty")

    #: ``cac:BuyerCustomerParty``: Buyer
    buyer_customer_party: CustomerParty | None = opt("cac:BuyerCustomerParty")

    #: ``cac:SellerSupplierParty``: Seller
    seller_supplier_party: SupplierParty | None = opt("cac:SellerSupplierParty")

    #: ``cac:OriginatorCustomerParty``: Originator customer party
    originator_customer_party: CustomerParty | None = opt("cac:OriginatorCustomerParty")

    #: ``cac:Shipment``: Shipment information
    shipment: Shipment | None = opt("cac:Shipment")

    #: ``cac:DespatchLine``: Despatch advice line
    despatch_line: tuple[DespatchLine, ...] = many("cac:DespatchLine", min_occurs=1)

    @classmethod
    def from_order(
        cls,
        order: Order,
        delivered: Mapping[str, Decimal],
        *,
        id: str,
        issue_date: date,
        issue_time: time | None = None,
        despatch_date: date | None = None,
        note: str | None = None,
        outstanding_reason: str | None = None,
    ) -> DespatchAdvice:
        """Build the despatch advice (T16) for goods of ``order`` being sent.

        ``delivered`` maps order line ids to the quantity despatched, in the
        unit of the order line (tir16-048); what remains of the ordered
        quantity is the outstanding quantity (tir16-049) with
        ``outstanding_reason`` (tir16-050). The despatch party is the order's
        seller, the consignee its buyer; the shipment has no id of its own
        (``NA``, tir16-038) and ``despatch_date`` is its despatch date
        (tir16-072). Refused: unknown order lines, negative quantities and
        quantities above the ordered quantity.
        """
        if not delivered:
            raise ModelError("a despatch advice needs at least one despatched line")
        ordered = {line.line_item.id: line.line_item for line in order.order_line}
        lines = []
        for number, (line_id, quantity) in enumerate(delivered.items(), start=1):
            item = ordered.get(line_id)
            if item is None:
                raise ModelError(f"order {order.id} has no line {line_id!r}")
            if not isinstance(quantity, Decimal) or not quantity.is_finite() or quantity < 0:
                raise ModelError(f"line {line_id}: the quantity must be a Decimal >= 0")
            unit = item.quantity.unit_code if item.quantity is not None else None
            outstanding = None
            if item.quantity is not None:
                if quantity > item.quantity.value:
                    raise ModelError(
                        f"line {line_id}: {quantity} despatched, but {item.quantity.value} ordered"
                    )
                if quantity < item.quantity.value:
                    outstanding = Quantity(item.quantity.value - quantity, unit_code=unit)
            lines.append(
                DespatchLine(
                    id=str(number),
                    delivered_quantity=Quantity(quantity, unit_code=unit),
                    outstanding_quantity=outstanding,
                    outstanding_reason=(outstanding_reason,)
                    if outstanding is not None and outstanding_reason
                    else (),
                    order_line_reference=(
                        OrderLineReference(
                            line_id=line_id, order_reference=OrderReference(id=Identifier(order.id))
                        ),
                    ),
                    item=Item(
                        name=item.item.name,
                        buyers_item_identification=item.item.buyers_item_identification,
                        sellers_item_identification=item.item.sellers_item_identification,
                        standard_item_identification=item.item.standard_item_identification,
                    ),
                )
            )
        despatch = Despatch(actual_despatch_date=despatch_date) if despatch_date else None
        return cls(
            customization_id=CUSTOMIZATION_ID,
            profile_id=PROFILE_ID,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=(note,) if note else (),
            order_reference=(OrderReference(id=Identifier(order.id)),),
            despatch_supplier_party=SupplierParty(party=order.seller_supplier_party.party),
            delivery_customer_party=CustomerParty(party=order.buyer_customer_party.party),
            buyer_customer_party=order.buyer_customer_party,
            seller_supplier_party=order.seller_supplier_party,
            shipment=Shipment(
                id=Identifier("NA"),
                delivery=Delivery(despatch=despatch) if despatch else None,
            ),
            despatch_line=tuple(lines),
        )
