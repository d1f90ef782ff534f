"""PEPPOL BIS Order Change (transaction T114), UBL 2.1 ``OrderChange``.

Specification: PEPPOL BIS Advanced Ordering 3, "Order Change transaction"
(``docs.peppol.eu/poacc/upgrade-3/syntax/OrderChange/tree/``) and EHF Advanced
Ordering 3.0. A buyer changes an order it sent earlier; each changed line
carries a line status code (UNCL1229 subset: 1 added, 3 changed, ...). The
comment above each field gives the information element ids (``tir114-NNN``).
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.common import (
    AllowanceCharge,
    Contract,
    CustomerParty,
    Delivery,
    DeliveryTerms,
    DocumentReference,
    MonetaryTotal,
    OrderLine,
    OrderReference,
    PaymentTerms,
    Period,
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.mapping import (
    Document,
    many,
    one,
    opt,
)

__all__ = ["CUSTOMIZATION_ID", "PROFILE_ID", "OrderChange"]

#: tir114-001: PEPPOL BIS Order Change transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_change:3"
#: tir114-002: PEPPOL BIS Advanced Ordering 3 business process.
PROFILE_ID = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"


@dataclass(frozen=True, kw_only=True)
class OrderChange(Document):
    """A change to an earlier order (PEPPOL BIS T114).

    ``order_reference`` points to the order being changed,
    ``sequence_number_id`` numbers the changes of one order (tir114-006);
    every ``order_line`` repeats the line with its ``line_status_code``.
    """

    ROOT: ClassVar[str] = "OrderChange"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:OrderChange-2"

    #: ``cbc:CustomizationID``: Specification identification [tir01-001; tir114-001]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir01-002; tir114-002]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Order identifier [tir01-003; tir114-003]
    id: str | None = opt("cbc:ID")

    #: ``cbc:SalesOrderID``: Sales order reference [tir01-p001; tir114-p001]
    sales_order_id: str | None = opt("cbc:SalesOrderID")

    #: ``cbc:UUID``: Unique identifier
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate``: Order issue date [tir01-004; tir114-004]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Order issue time [tir01-005; tir114-005]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:SequenceNumberID``: Order Change Sequence Number [tir114-006]
    sequence_number_id: str = one("cbc:SequenceNumberID")

    #: ``cbc:Note``: Document level textual note [tir01-006; tir114-007]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:DocumentCurrencyCode``: Currency [tir01-007; tir114-008]
    document_currency_code: str | None = opt("cbc:DocumentCurrencyCode", codes=("ISO4217",))

    #: ``cbc:CustomerReference``: Buyer contact [tir01-p002; tir114-p002]
    customer_reference: str | None = opt("cbc:CustomerReference")

    #: ``cbc:AccountingCost``: Buyers accounting string [tir01-008; tir114-009]
    accounting_cost: str | None = opt("cbc:AccountingCost")

    #: ``cac:ValidityPeriod``: Validity period
    validity_period: tuple[Period, ...] = many("cac:ValidityPeriod")

    #: ``cac:OrderReference``: Order reference
    order_reference: OrderReference = one("cac:OrderReference")

    #: ``cac:QuotationDocumentReference``: Quotation reference
    quotation_document_reference: DocumentReference | None = opt("cac:QuotationDocumentReference")

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

    #: ``cac:AccountingCustomerParty``: Invoicee party
    accounting_customer_party: CustomerParty | None = opt("cac:AccountingCustomerParty")

    #: ``cac:Delivery``: Delivery information
    delivery: tuple[Delivery, ...] = many("cac:Delivery")

    #: ``cac:DeliveryTerms``: Terms of delivery
    delivery_terms: DeliveryTerms | None = opt("cac:DeliveryTerms")

    #: ``cac:PaymentTerms``: Payment terms
    payment_terms: tuple[PaymentTerms, ...] = many("cac:PaymentTerms")

    #: ``cac:AllowanceCharge``: Allowance and charge information
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")

    #: ``cac:TaxTotal``: Tax total
    tax_total: tuple[TaxTotal, ...] = many("cac:TaxTotal")

    #: ``cac:AnticipatedMonetaryTotal``: Anticipated monetary total
    anticipated_monetary_total: MonetaryTotal | None = opt("cac:AnticipatedMonetaryTotal")

    #: ``cac:OrderLine``: Order line
    order_line: tuple[OrderLine, ...] = many("cac:OrderLine", min_occurs=1)
