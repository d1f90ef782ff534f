"""PEPPOL BIS Order Cancellation (transaction T115), UBL 2.1 ``OrderCancellation``.

Specification: PEPPOL BIS Advanced Ordering 3, "Order Cancellation transaction"
(``docs.peppol.eu/poacc/upgrade-3/syntax/OrderCancellation/tree/``) and EHF
Advanced Ordering 3.0. The buyer cancels a whole order; the seller answers
with an Order Response (T116). The comment above each field gives the
information element ids (``tir115-NNN``).
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.common import (
    Contract,
    CustomerParty,
    DocumentReference,
    OrderReference,
    SupplierParty,
)
from heldigital.ehf.mapping import (
    Document,
    Identifier,
    ModelError,
    many,
    one,
    opt,
)
from heldigital.ehf.order import Order

__all__ = ["CUSTOMIZATION_ID", "PROFILE_ID", "OrderCancellation"]

#: tir115-001: PEPPOL BIS Order Cancellation transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_cancellation:3"
#: tir115-002: PEPPOL BIS Advanced Ordering 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"


@dataclass(frozen=True, kw_only=True)
class OrderCancellation(Document):
    """The cancellation of a whole order (PEPPOL BIS T115).

    ``cancellation_note`` says why; ``order_reference`` names the cancelled order.
    """

    ROOT: ClassVar[str] = "OrderCancellation"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:OrderCancellation-2"

    #: ``cbc:CustomizationID``: Specification identification [tir01-001]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir01-002]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Order identifier [tir01-003]
    id: str = one("cbc:ID")

    #: ``cbc:UUID``: Unique identifier
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate``: Issue date [tir01-004]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Issue time [tir01-005]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:Note``: Document level textual note [tir01-006]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:CancellationNote``: Document level textual note
    cancellation_note: tuple[str, ...] = many("cbc:CancellationNote", min_occurs=1)

    #: ``cac:OrderReference``: Order reference
    order_reference: tuple[OrderReference, ...] = many("cac:OrderReference", min_occurs=1)

    #: ``cac:OriginatorDocumentReference``: Originator document
    originator_document_reference: DocumentReference | None = opt("cac:OriginatorDocumentReference")

    #: ``cac:AdditionalDocumentReference``: Additional documents
    additional_document_reference: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference",
    )

    #: ``cac:Contract``: Contract information
    contract: tuple[Contract, ...] = many("cac:Contract")

    #: ``cac:BuyerCustomerParty``: Buyer information
    buyer_customer_party: CustomerParty = one("cac:BuyerCustomerParty")

    #: ``cac:SellerSupplierParty``: Seller information
    seller_supplier_party: SupplierParty = one("cac:SellerSupplierParty")

    #: ``cac:OriginatorCustomerParty``: Originator party
    originator_customer_party: CustomerParty | None = opt("cac:OriginatorCustomerParty")

    @classmethod
    def for_order(
        cls,
        order: Order,
        *,
        id: str,
        issue_date: date,
        reason: str,
        issue_time: time | None = None,
    ) -> OrderCancellation:
        """Cancel ``order`` as a whole (T115); ``reason`` is the cancellation note.

        The parties are the order's buyer and seller; the seller answers with
        an Advanced Order Response (T116) accepting or rejecting the
        cancellation.
        """
        if not reason.strip():
            raise ModelError("an order cancellation needs a reason (cancellation note)")
        return cls(
            customization_id=CUSTOMIZATION_ID,
            profile_id=PROFILE_ID,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            cancellation_note=(reason,),
            order_reference=(OrderReference(id=Identifier(order.id)),),
            buyer_customer_party=order.buyer_customer_party,
            seller_supplier_party=order.seller_supplier_party,
        )
