"""The commercial invoice of PEPPOL BIS Billing 3.0 / EHF Billing 3.0 in UBL 2.1.

Semantic model: EN 16931-1:2017 (business terms BT-n, groups BG-n); syntax
binding: PEPPOL BIS Billing 3.0, UBL ``Invoice`` (OASIS UBL 2.1,
``maindoc/UBL-Invoice-2.1.xsd``). Field order follows the schema's sequence,
so :meth:`Invoice.to_xml` writes canonical UBL. Built from the shared
aggregates of :mod:`heldigital.ehf.common` on the engine of
:mod:`heldigital.ehf.mapping`.

    >>> from heldigital.ehf.invoice import Invoice
    >>> Invoice.from_xml(b"<Order xmlns='urn:x'/>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    heldigital.xml.DocumentError: line 1: expected a UBL Invoice ...
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.billing import (
    BILLING_CUSTOMIZATION_ID,
    BILLING_PROFILE_ID,
    BillingDocument,
    BillingLine,
)
from heldigital.ehf.common import (
    AllowanceCharge,
    BillingReference,
    CustomerParty,
    Delivery,
    DocumentReference,
    Item,
    LineReference,
    MonetaryTotal,
    OrderLineReference,
    OrderReference,
    Party,
    PaymentMeans,
    PaymentTerms,
    Period,
    Price,
    ProjectReference,
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.mapping import (
    INVOICE_NS,
    Aggregate,
    Amount,
    Document,
    Identifier,
    Problem,
    Quantity,
    many,
    one,
    opt,
)

__all__ = [
    "BILLING_CUSTOMIZATION_ID",
    "BILLING_PROFILE_ID",
    "Invoice",
    "InvoiceLine",
    "parse_invoice",
]


@dataclass(frozen=True, kw_only=True)
class InvoiceLine(BillingLine, Aggregate):
    """An invoice line BG-25 (``cac:InvoiceLine``).

    ``id`` BT-126, ``notes`` BT-127, ``invoiced_quantity`` BT-129 with unit
    BT-130, ``line_extension_amount`` line net amount BT-131,
    ``accounting_cost`` BT-133, ``invoice_periods`` BG-26 (BT-134, BT-135),
    ``order_line_references`` BT-132, ``document_references`` line object
    identifier BT-128, ``allowance_charges`` BG-27/BG-28, ``item`` BG-30..BG-32
    (BT-151..BT-161), ``price`` BG-29 (BT-146..BT-150).
    """

    id: str = one("cbc:ID")
    uuid: str | None = opt("cbc:UUID")
    notes: tuple[str, ...] = many("cbc:Note")
    invoiced_quantity: Quantity | None = opt("cbc:InvoicedQuantity")
    line_extension_amount: Amount = one("cbc:LineExtensionAmount")
    tax_point_date: date | None = opt("cbc:TaxPointDate")
    accounting_cost_code: str | None = opt("cbc:AccountingCostCode")
    accounting_cost: str | None = opt("cbc:AccountingCost")
    invoice_periods: tuple[Period, ...] = many("cac:InvoicePeriod")
    order_line_references: tuple[OrderLineReference, ...] = many("cac:OrderLineReference")
    despatch_line_references: tuple[LineReference, ...] = many("cac:DespatchLineReference")
    receipt_line_references: tuple[LineReference, ...] = many("cac:ReceiptLineReference")
    billing_references: tuple[BillingReference, ...] = many("cac:BillingReference")
    document_references: tuple[DocumentReference, ...] = many("cac:DocumentReference")
    allowance_charges: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")
    item: Item = one("cac:Item")
    price: Price | None = opt("cac:Price")

    @property
    def quantity(self) -> Quantity | None:
        """The invoiced quantity BT-129 (unit BT-130)."""
        return self.invoiced_quantity


@dataclass(frozen=True, kw_only=True)
class Invoice(BillingDocument, Document):
    """A commercial invoice (EN 16931 invoice, UBL ``Invoice``).

    Header: ``customization_id`` BT-24, ``profile_id`` BT-23,
    ``invoice_number`` BT-1, ``issue_date`` BT-2, ``due_date`` BT-9,
    ``invoice_type_code`` BT-3, ``notes`` BT-22, ``tax_point_date`` BT-7,
    ``document_currency_code`` BT-5, ``tax_currency_code`` BT-6,
    ``accounting_cost`` BT-19, ``buyer_reference`` BT-10, ``invoice_periods``
    BG-14 (BT-73, BT-74, BT-8).

    References: ``order_reference`` BT-13/BT-14, ``billing_references`` BG-3
    (BT-25, BT-26), ``despatch_document_references`` BT-16,
    ``receipt_document_references`` BT-15, ``originator_document_references``
    BT-17, ``contract_document_references`` BT-12,
    ``additional_document_references`` BG-24 (and BT-18 with type code 130),
    ``project_references`` BT-11.

    Parties: ``accounting_supplier_party`` (the seller BG-4, also
    :attr:`seller`), ``accounting_customer_party`` (the buyer BG-7, also
    :attr:`buyer`), ``payee`` BG-10, ``tax_representative`` BG-11;
    ``deliveries`` BG-13; ``payment_means`` BG-16; ``payment_terms`` BT-20;
    ``allowance_charges`` BG-20/BG-21; ``tax_totals`` BT-110/BT-111 with
    BG-23; ``legal_monetary_total`` BG-22; ``lines`` BG-25.
    """

    ROOT: ClassVar[str] = "Invoice"
    NAMESPACE: ClassVar[str] = INVOICE_NS

    ubl_version_id: str | None = opt("cbc:UBLVersionID")
    customization_id: str | None = opt("cbc:CustomizationID")
    profile_id: str | None = opt("cbc:ProfileID")
    profile_execution_id: str | None = opt("cbc:ProfileExecutionID")
    invoice_number: str = one("cbc:ID")
    copy_indicator: bool | None = opt("cbc:CopyIndicator")
    uuid: str | None = opt("cbc:UUID")
    issue_date: date = one("cbc:IssueDate")
    issue_time: time | None = opt("cbc:IssueTime")
    due_date: date | None = opt("cbc:DueDate")
    invoice_type_code: str | None = opt("cbc:InvoiceTypeCode")
    notes: tuple[str, ...] = many("cbc:Note")
    tax_point_date: date | None = opt("cbc:TaxPointDate")
    document_currency_code: str | None = opt("cbc:DocumentCurrencyCode")
    tax_currency_code: str | None = opt("cbc:TaxCurrencyCode")
    pricing_currency_code: str | None = opt("cbc:PricingCurrencyCode")
    payment_currency_code: str | None = opt("cbc:PaymentCurrencyCode")
    accounting_cost_code: str | None = opt("cbc:AccountingCostCode")
    accounting_cost: str | None = opt("cbc:AccountingCost")
    buyer_reference: str | None = opt("cbc:BuyerReference")
    invoice_periods: tuple[Period, ...] = many("cac:InvoicePeriod")
    order_reference: OrderReference | None = opt("cac:OrderReference")
    billing_references: tuple[BillingReference, ...] = many("cac:BillingReference")
    despatch_document_references: tuple[DocumentReference, ...] = many(
        "cac:DespatchDocumentReference"
    )
    receipt_document_references: tuple[DocumentReference, ...] = many(
        "cac:ReceiptDocumentReference"
    )
    statement_document_references: tuple[DocumentReference, ...] = many(
        "cac:StatementDocumentReference"
    )
    originator_document_references: tuple[DocumentReference, ...] = many(
        "cac:OriginatorDocumentReference"
    )
    contract_document_references: tuple[DocumentReference, ...] = many(
        "cac:ContractDocumentReference"
    )
    additional_document_references: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference"
    )
    project_references: tuple[ProjectReference, ...] = many("cac:ProjectReference")
    accounting_supplier_party: SupplierParty = one("cac:AccountingSupplierParty")
    accounting_customer_party: CustomerParty = one("cac:AccountingCustomerParty")
    payee: Party | None = opt("cac:PayeeParty")
    tax_representative: Party | None = opt("cac:TaxRepresentativeParty")
    deliveries: tuple[Delivery, ...] = many("cac:Delivery")
    payment_means: tuple[PaymentMeans, ...] = many("cac:PaymentMeans")
    payment_terms: tuple[PaymentTerms, ...] = many("cac:PaymentTerms")
    allowance_charges: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")
    tax_totals: tuple[TaxTotal, ...] = many("cac:TaxTotal")
    legal_monetary_total: MonetaryTotal = one("cac:LegalMonetaryTotal")
    lines: tuple[InvoiceLine, ...] = many("cac:InvoiceLine", min_occurs=1)

    def validate(self, path: str = "") -> list[Problem]:
        """Codes outside their lists (:meth:`Aggregate.validate`) and the checks of
        identifiers, VAT numbers and bank accounts
        (:func:`heldigital.ehf.identifiers.check_document`)."""
        return [*super().validate(path), *self.check_identifiers()]

    @property
    def supporting_documents(self) -> tuple[DocumentReference, ...]:
        """Additional supporting documents BG-24: the additional document
        references that are not BT-18 (code 130)."""
        return tuple(
            reference
            for reference in self.additional_document_references
            if reference.document_type_code is None
            or reference.document_type_code.value not in ("130",)
        )

    @property
    def project_reference(self) -> Identifier | None:
        """Project reference BT-11, if any."""
        return self.project_references[0].id if self.project_references else None


def parse_invoice(data: bytes, *, source: str | None = None) -> Invoice:
    """Read a UBL 2.1 Invoice; same as :meth:`Invoice.from_xml`."""
    return Invoice.from_xml(data, source=source)
