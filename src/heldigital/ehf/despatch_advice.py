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

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.postaward_common import (
    CustomerParty,
    DespatchLine,
    Document,
    DocumentReference,
    OrderReference,
    Shipment,
    SupplierParty,
    many,
    one,
    opt,
)

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
