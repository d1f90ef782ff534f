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

# ubl() returns a dataclasses.field() carrying the UBL element path, so the
# "function call in dataclass default" warning does not apply to it.
# ruff: noqa: RUF009

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heldigital.ehf.common import (
    CREDIT_NOTE_NS,
    AllowanceCharge,
    Amount,
    BillingReference,
    Delivery,
    DocumentReference,
    Identifier,
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
    Problem,
    Quantity,
    TaxTotal,
    document_to_xml,
    read_document,
    ubl,
)

__all__ = ["CreditNote", "CreditNoteLine", "parse_credit_note"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CreditNoteLine:
    """A credit note line BG-25 (``cac:CreditNoteLine``).

    ``id`` BT-126, ``notes`` BT-127, ``credited_quantity`` BT-129 with unit
    BT-130, ``line_extension_amount`` line net amount BT-131,
    ``accounting_cost`` BT-133, ``invoice_periods`` BG-26 (BT-134, BT-135),
    ``order_line_references`` BT-132, ``document_references`` line object
    identifier BT-128, ``allowance_charges`` BG-27/BG-28, ``item`` BG-30..BG-32
    (BT-151..BT-161), ``price`` BG-29 (BT-146..BT-150).
    """

    id: str = ubl("cbc:ID", required=True)
    uuid: str | None = ubl("cbc:UUID")
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)
    credited_quantity: Quantity | None = ubl("cbc:CreditedQuantity")
    line_extension_amount: Amount | None = ubl("cbc:LineExtensionAmount")
    tax_point_date: _dt.date | None = ubl("cbc:TaxPointDate")
    accounting_cost_code: str | None = ubl("cbc:AccountingCostCode")
    accounting_cost: str | None = ubl("cbc:AccountingCost")
    invoice_periods: tuple[Period, ...] = ubl("cac:InvoicePeriod", many=True)
    order_line_references: tuple[OrderLineReference, ...] = ubl("cac:OrderLineReference", many=True)
    despatch_line_references: tuple[LineReference, ...] = ubl(
        "cac:DespatchLineReference", many=True
    )
    receipt_line_references: tuple[LineReference, ...] = ubl("cac:ReceiptLineReference", many=True)
    billing_references: tuple[BillingReference, ...] = ubl("cac:BillingReference", many=True)
    document_references: tuple[DocumentReference, ...] = ubl("cac:DocumentReference", many=True)
    allowance_charges: tuple[AllowanceCharge, ...] = ubl("cac:AllowanceCharge", many=True)
    item: Item | None = ubl("cac:Item")
    price: Price | None = ubl("cac:Price")

    @property
    def quantity(self) -> Quantity | None:
        """The credited quantity BT-129 (unit BT-130)."""
        return self.credited_quantity

    @property
    def note(self) -> str | None:
        """The line note BT-127 (the first, if several)."""
        return self.notes[0] if self.notes else None

    @property
    def invoice_period(self) -> Period | None:
        """The line period BG-26, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None


@dataclass(frozen=True, slots=True, kw_only=True)
class CreditNote:
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
    ``seller`` BG-4, ``buyer`` BG-7, ``payee`` BG-10, ``tax_representative``
    BG-11, ``deliveries`` BG-13, ``payment_means`` BG-16 (with the due date
    BT-9), ``payment_terms`` BT-20, ``allowance_charges`` BG-20/BG-21,
    ``tax_totals`` BT-110/BT-111 with BG-23, ``legal_monetary_total`` BG-22,
    ``lines`` BG-25.
    """

    ubl_version_id: str | None = ubl("cbc:UBLVersionID")
    customization_id: str | None = ubl("cbc:CustomizationID")
    profile_id: str | None = ubl("cbc:ProfileID")
    profile_execution_id: str | None = ubl("cbc:ProfileExecutionID")
    credit_note_number: str = ubl("cbc:ID", required=True)
    copy_indicator: bool | None = ubl("cbc:CopyIndicator")
    uuid: str | None = ubl("cbc:UUID")
    issue_date: _dt.date = ubl("cbc:IssueDate", required=True)
    issue_time: str | None = ubl("cbc:IssueTime")
    tax_point_date: _dt.date | None = ubl("cbc:TaxPointDate")
    credit_note_type_code: str | None = ubl("cbc:CreditNoteTypeCode")
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)
    document_currency_code: str | None = ubl("cbc:DocumentCurrencyCode")
    tax_currency_code: str | None = ubl("cbc:TaxCurrencyCode")
    pricing_currency_code: str | None = ubl("cbc:PricingCurrencyCode")
    payment_currency_code: str | None = ubl("cbc:PaymentCurrencyCode")
    accounting_cost_code: str | None = ubl("cbc:AccountingCostCode")
    accounting_cost: str | None = ubl("cbc:AccountingCost")
    buyer_reference: str | None = ubl("cbc:BuyerReference")
    invoice_periods: tuple[Period, ...] = ubl("cac:InvoicePeriod", many=True)
    order_reference: OrderReference | None = ubl("cac:OrderReference")
    billing_references: tuple[BillingReference, ...] = ubl("cac:BillingReference", many=True)
    despatch_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:DespatchDocumentReference", many=True
    )
    receipt_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:ReceiptDocumentReference", many=True
    )
    contract_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:ContractDocumentReference", many=True
    )
    additional_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:AdditionalDocumentReference", many=True
    )
    statement_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:StatementDocumentReference", many=True
    )
    originator_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:OriginatorDocumentReference", many=True
    )
    seller: Party = ubl("cac:AccountingSupplierParty/cac:Party", required=True)
    buyer: Party = ubl("cac:AccountingCustomerParty/cac:Party", required=True)
    payee: Party | None = ubl("cac:PayeeParty")
    tax_representative: Party | None = ubl("cac:TaxRepresentativeParty")
    deliveries: tuple[Delivery, ...] = ubl("cac:Delivery", many=True)
    payment_means: tuple[PaymentMeans, ...] = ubl("cac:PaymentMeans", many=True)
    payment_terms: tuple[PaymentTerms, ...] = ubl("cac:PaymentTerms", many=True)
    allowance_charges: tuple[AllowanceCharge, ...] = ubl("cac:AllowanceCharge", many=True)
    tax_totals: tuple[TaxTotal, ...] = ubl("cac:TaxTotal", many=True)
    legal_monetary_total: MonetaryTotal = ubl("cac:LegalMonetaryTotal", required=True)
    lines: tuple[CreditNoteLine, ...] = ubl("cac:CreditNoteLine", many=True, required=True)

    @classmethod
    def from_xml(
        cls, data: bytes, *, source: str | None = None, strict: bool = False
    ) -> CreditNote:
        """Read a UBL 2.1 ``CreditNote`` (bytes) through the hardened parser.

        Raises :class:`heldigital.xml.DocumentError` for input that is not a
        CreditNote or holds values that cannot be typed; nothing the profile
        defines is dropped. Content outside the profiles (``ext:UBLExtensions``,
        UBL elements no billing profile uses) is left out, or with
        ``strict=True`` refused (see :func:`heldigital.ehf.common.unmodelled`).
        """
        return read_document(cls, data, CREDIT_NOTE_NS, "CreditNote", source=source, strict=strict)

    def to_xml(self) -> bytes:
        """Write canonical UBL 2.1 (schema order, ``cac``/``cbc`` prefixes, UTF-8)."""
        return document_to_xml(self, CREDIT_NOTE_NS, "CreditNote")

    def validate(self) -> list[Problem]:
        """Check identifiers, VAT numbers and bank accounts (see
        :func:`heldigital.ehf.identifiers.check_document`)."""
        from heldigital.ehf.identifiers import check_document

        return check_document(self)

    @property
    def due_date(self) -> _dt.date | None:
        """Payment due date BT-9: in a BIS Billing credit note the first
        ``cbc:PaymentDueDate`` of the payment means."""
        for means in self.payment_means:
            if means.payment_due_date is not None:
                return means.payment_due_date
        return None

    @property
    def invoiced_object_identifier(self) -> Identifier | None:
        """Invoiced object identifier BT-18 (scheme BT-18-1): the additional
        document reference with document type code 130, if any."""
        return _reference_with_code(self.additional_document_references, "130")

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
        return _reference_with_code(self.additional_document_references, "50")

    @property
    def invoice_period(self) -> Period | None:
        """The invoicing period BG-14, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None

    @property
    def tax_total(self) -> TaxTotal | None:
        """The VAT total in the document currency (BT-110 with BG-23)."""
        for total in self.tax_totals:
            if total.tax_amount.currency == self.document_currency_code:
                return total
        return self.tax_totals[0] if self.tax_totals else None

    @property
    def delivery(self) -> Delivery | None:
        """Delivery information BG-13, if any."""
        return self.deliveries[0] if self.deliveries else None


def _reference_with_code(references: tuple[DocumentReference, ...], code: str) -> Identifier | None:
    for reference in references:
        if reference.document_type_code is not None and reference.document_type_code.value == code:
            return reference.id
    return None


def parse_credit_note(data: bytes, *, source: str | None = None) -> CreditNote:
    """Read a UBL 2.1 CreditNote; same as :meth:`CreditNote.from_xml`."""
    return CreditNote.from_xml(data, source=source)
