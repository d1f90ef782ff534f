"""The commercial invoice of PEPPOL BIS Billing 3.0 / EHF Billing 3.0 in UBL 2.1.

Semantic model: EN 16931-1:2017 (business terms BT-n, groups BG-n); syntax
binding: PEPPOL BIS Billing 3.0, UBL ``Invoice`` (OASIS UBL 2.1,
``maindoc/UBL-Invoice-2.1.xsd``). Field order follows the schema's sequence,
so :meth:`Invoice.to_xml` writes canonical UBL.

    >>> from heldigital.ehf.invoice import Invoice
    >>> Invoice.from_xml(b"<Order xmlns='urn:x'/>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    heldigital.xml.DocumentError: line 1: expected a UBL Invoice document ...
"""

# ubl() returns a dataclasses.field() carrying the UBL element path, so the
# "function call in dataclass default" warning does not apply to it.
# ruff: noqa: RUF009

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heldigital.ehf.common import (
    INVOICE_NS,
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

__all__ = [
    "BILLING_CUSTOMIZATION_ID",
    "BILLING_PROFILE_ID",
    "Invoice",
    "InvoiceLine",
    "parse_invoice",
]

#: Specification identifier BT-24 of PEPPOL BIS Billing 3.0 (and EHF Billing 3.0).
BILLING_CUSTOMIZATION_ID = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
#: Business process type BT-23 of PEPPOL BIS Billing 3.0 (process P1).
BILLING_PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"


@dataclass(frozen=True, slots=True, kw_only=True)
class InvoiceLine:
    """An invoice line BG-25 (``cac:InvoiceLine``).

    ``id`` BT-126, ``notes`` BT-127, ``invoiced_quantity`` BT-129 with unit
    BT-130, ``line_extension_amount`` line net amount BT-131,
    ``accounting_cost`` BT-133, ``invoice_periods`` BG-26 (BT-134, BT-135),
    ``order_line_references`` BT-132, ``document_references`` line object
    identifier BT-128, ``allowance_charges`` BG-27/BG-28, ``item`` BG-30..BG-32
    (BT-151..BT-161), ``price`` BG-29 (BT-146..BT-150).
    """

    id: str = ubl("cbc:ID", required=True)
    uuid: str | None = ubl("cbc:UUID")
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)
    invoiced_quantity: Quantity | None = ubl("cbc:InvoicedQuantity")
    line_extension_amount: Amount = ubl("cbc:LineExtensionAmount", required=True)
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
    item: Item = ubl("cac:Item", required=True)
    price: Price | None = ubl("cac:Price")

    @property
    def quantity(self) -> Quantity | None:
        """The invoiced quantity BT-129 (unit BT-130)."""
        return self.invoiced_quantity

    @property
    def note(self) -> str | None:
        """The invoice line note BT-127 (the first, if several)."""
        return self.notes[0] if self.notes else None

    @property
    def invoice_period(self) -> Period | None:
        """The invoice line period BG-26, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Invoice:
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

    Parties: ``seller`` BG-4, ``buyer`` BG-7, ``payee`` BG-10,
    ``tax_representative`` BG-11; ``deliveries`` BG-13; ``payment_means``
    BG-16; ``payment_terms`` BT-20; ``allowance_charges`` BG-20/BG-21;
    ``tax_totals`` BT-110/BT-111 with BG-23; ``legal_monetary_total`` BG-22;
    ``lines`` BG-25.
    """

    ubl_version_id: str | None = ubl("cbc:UBLVersionID")
    customization_id: str | None = ubl("cbc:CustomizationID")
    profile_id: str | None = ubl("cbc:ProfileID")
    profile_execution_id: str | None = ubl("cbc:ProfileExecutionID")
    invoice_number: str = ubl("cbc:ID", required=True)
    copy_indicator: bool | None = ubl("cbc:CopyIndicator")
    uuid: str | None = ubl("cbc:UUID")
    issue_date: _dt.date = ubl("cbc:IssueDate", required=True)
    issue_time: str | None = ubl("cbc:IssueTime")
    due_date: _dt.date | None = ubl("cbc:DueDate")
    invoice_type_code: str | None = ubl("cbc:InvoiceTypeCode")
    notes: tuple[str, ...] = ubl("cbc:Note", many=True)
    tax_point_date: _dt.date | None = ubl("cbc:TaxPointDate")
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
    statement_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:StatementDocumentReference", many=True
    )
    originator_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:OriginatorDocumentReference", many=True
    )
    contract_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:ContractDocumentReference", many=True
    )
    additional_document_references: tuple[DocumentReference, ...] = ubl(
        "cac:AdditionalDocumentReference", many=True
    )
    project_references: tuple[Identifier, ...] = ubl("cac:ProjectReference/cbc:ID", many=True)
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
    lines: tuple[InvoiceLine, ...] = ubl("cac:InvoiceLine", many=True, required=True)

    @classmethod
    def from_xml(cls, data: bytes, *, source: str | None = None, strict: bool = False) -> Invoice:
        """Read a UBL 2.1 ``Invoice`` (bytes) through the hardened parser.

        Raises :class:`heldigital.xml.DocumentError` for input that is not
        an Invoice or holds values that cannot be typed; nothing the profile
        defines is dropped. Content outside the profiles (``ext:UBLExtensions``,
        UBL elements no billing profile uses) is left out, or with
        ``strict=True`` refused (see :func:`heldigital.ehf.common.unmodelled`).
        """
        return read_document(cls, data, INVOICE_NS, "Invoice", source=source, strict=strict)

    def to_xml(self) -> bytes:
        """Write canonical UBL 2.1 (schema order, ``cac``/``cbc`` prefixes, UTF-8)."""
        return document_to_xml(self, INVOICE_NS, "Invoice")

    def validate(self) -> list[Problem]:
        """Check identifiers, VAT numbers and bank accounts (see
        :func:`heldigital.ehf.identifiers.check_document`)."""
        from heldigital.ehf.identifiers import check_document

        return check_document(self)

    @property
    def invoiced_object_identifier(self) -> Identifier | None:
        """Invoiced object identifier BT-18 (scheme BT-18-1): the additional
        document reference with document type code 130, if any."""
        return _reference_with_code(self.additional_document_references, "130")

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
        return self.project_references[0] if self.project_references else None

    @property
    def invoice_period(self) -> Period | None:
        """The invoicing period BG-14, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None

    @property
    def tax_total(self) -> TaxTotal | None:
        """The VAT total in the document currency (BT-110, with the VAT
        breakdown BG-23): the tax total whose amount is in BT-5."""
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


def parse_invoice(data: bytes, *, source: str | None = None) -> Invoice:
    """Read a UBL 2.1 Invoice; same as :meth:`Invoice.from_xml`."""
    return Invoice.from_xml(data, source=source)
