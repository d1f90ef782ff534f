"""The credit note of PEPPOL BIS Billing 3.0 / EHF Billing 3.0 in UBL 2.1.

Semantic model: EN 16931-1:2017 (a credit note is an invoice with type code
BT-3 from UNCL1001 381, 396, 81, 83, 532); syntax binding: PEPPOL BIS
Billing 3.0, UBL ``CreditNote`` (OASIS UBL 2.1,
``maindoc/UBL-CreditNote-2.1.xsd``). The UBL CreditNote has no
``cbc:DueDate``: BIS Billing carries the payment due date BT-9 in
``cac:PaymentMeans/cbc:PaymentDueDate`` (see :attr:`CreditNote.due_date`), and
no ``cac:ProjectReference``: the project reference BT-11 is an additional
document reference with type code 50.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from heldigital.ehf.billing import BillingDocument, BillingLine, reference_with_code
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
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.mapping import (
    CREDIT_NOTE_NS,
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

__all__ = ["CreditNote", "CreditNoteLine", "parse_credit_note"]


@dataclass(frozen=True, kw_only=True)
class CreditNoteLine(BillingLine, Aggregate):
    """A credit note line BG-25 (``cac:CreditNoteLine``).

    ``id`` BT-126, ``notes`` BT-127, ``credited_quantity`` BT-129 with unit
    BT-130, ``line_extension_amount`` line net amount BT-131,
    ``accounting_cost`` BT-133, ``invoice_periods`` BG-26 (BT-134, BT-135),
    ``order_line_references`` BT-132, ``document_references`` line object
    identifier BT-128, ``allowance_charges`` BG-27/BG-28, ``item`` BG-30..BG-32
    (BT-151..BT-161), ``price`` BG-29 (BT-146..BT-150).
    """

    id: str = one("cbc:ID")
    uuid: str | None = opt("cbc:UUID")
    notes: tuple[str, ...] = many("cbc:Note")
    credited_quantity: Quantity | None = opt("cbc:CreditedQuantity")
    line_extension_amount: Amount | None = opt("cbc:LineExtensionAmount")
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
    item: Item | None = opt("cac:Item")
    price: Price | None = opt("cac:Price")

    @property
    def quantity(self) -> Quantity | None:
        """The credited quantity BT-129 (unit BT-130)."""
        return self.credited_quantity


@dataclass(frozen=True, kw_only=True)
class CreditNote(BillingDocument, Document):
    """A credit note (EN 16931 invoice with a credit note type code, UBL
    ``CreditNote``).

    Same business terms as :class:`heldigital.ehf.invoice.Invoice`:
    ``credit_note_number`` BT-1, ``issue_date`` BT-2, ``tax_point_date``
    BT-7, ``credit_note_type_code`` BT-3, ``notes`` BT-22,
    ``document_currency_code`` BT-5, ``tax_currency_code`` BT-6,
    ``accounting_cost`` BT-19, ``buyer_reference`` BT-10,
    ``invoice_periods`` BG-14, ``order_reference`` BT-13/BT-14,
    ``billing_references`` BG-3, ``despatch_document_references`` BT-16,
    ``receipt_document_references`` BT-15, ``contract_document_references``
    BT-12, ``additional_document_references`` BG-24 (BT-18 with type code
    130, BT-11 with type code 50), ``originator_document_references`` BT-17,
    ``accounting_supplier_party`` (seller BG-4, :attr:`seller`),
    ``accounting_customer_party`` (buyer BG-7, :attr:`buyer`), ``payee``
    BG-10, ``tax_representative`` BG-11, ``deliveries`` BG-13,
    ``payment_means`` BG-16 (with the due date BT-9), ``payment_terms``
    BT-20, ``allowance_charges`` BG-20/BG-21, ``tax_totals`` BT-110/BT-111
    with BG-23, ``legal_monetary_total`` BG-22, ``lines`` BG-25.
    """

    ROOT: ClassVar[str] = "CreditNote"
    NAMESPACE: ClassVar[str] = CREDIT_NOTE_NS

    ubl_version_id: str | None = opt("cbc:UBLVersionID")
    customization_id: str | None = opt("cbc:CustomizationID")
    profile_id: str | None = opt("cbc:ProfileID")
    profile_execution_id: str | None = opt("cbc:ProfileExecutionID")
    credit_note_number: str = one("cbc:ID")
    copy_indicator: bool | None = opt("cbc:CopyIndicator")
    uuid: str | None = opt("cbc:UUID")
    issue_date: date = one("cbc:IssueDate")
    issue_time: time | None = opt("cbc:IssueTime")
    tax_point_date: date | None = opt("cbc:TaxPointDate")
    credit_note_type_code: str | None = opt("cbc:CreditNoteTypeCode")
    notes: tuple[str, ...] = many("cbc:Note")
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
    contract_document_references: tuple[DocumentReference, ...] = many(
        "cac:ContractDocumentReference"
    )
    additional_document_references: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference"
    )
    statement_document_references: tuple[DocumentReference, ...] = many(
        "cac:StatementDocumentReference"
    )
    originator_document_references: tuple[DocumentReference, ...] = many(
        "cac:OriginatorDocumentReference"
    )
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
    lines: tuple[CreditNoteLine, ...] = many("cac:CreditNoteLine", min_occurs=1)

    def validate(self, path: str = "") -> list[Problem]:
        """Codes outside their lists (:meth:`Aggregate.validate`) and the checks of
        identifiers, VAT numbers and bank accounts
        (:func:`heldigital.ehf.identifiers.check_document`)."""
        return [*super().validate(path), *self.check_identifiers()]

    @property
    def due_date(self) -> date | None:
        """Payment due date BT-9: in a BIS Billing credit note the first
        ``cbc:PaymentDueDate`` of the payment means."""
        return self.payment_due_date

    @property
    def supporting_documents(self) -> tuple[DocumentReference, ...]:
        """Additional supporting documents BG-24: the additional document
        references that are not BT-18 (code 130) or the project
        reference BT-11 (code 50)."""
        return tuple(
            reference
            for reference in self.additional_document_references
            if reference.document_type_code is None
            or reference.document_type_code.value not in ("130", "50")
        )

    @property
    def project_reference(self) -> Identifier | None:
        """Project reference BT-11: in a BIS Billing credit note the additional
        document reference with document type code 50."""
        return reference_with_code(self.additional_document_references, "50")


def parse_credit_note(data: bytes, *, source: str | None = None) -> CreditNote:
    """Read a UBL 2.1 CreditNote; same as :meth:`CreditNote.from_xml`."""
    return CreditNote.from_xml(data, source=source)
