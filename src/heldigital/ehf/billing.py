"""What the two billing documents (Invoice, CreditNote) have in common.

EN 16931-1:2017 treats a credit note as an invoice with another type code, so
:class:`~heldigital.ehf.invoice.Invoice` and
:class:`~heldigital.ehf.creditnote.CreditNote` (and their lines) share the
business-term accessors defined here. The fields themselves are declared by
each document in its own UBL schema order.
"""

from __future__ import annotations

from datetime import date

from heldigital.ehf.common import (
    CustomerParty,
    Delivery,
    DocumentReference,
    Party,
    PaymentMeans,
    Period,
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.identifiers import check_document
from heldigital.ehf.mapping import (
    Identifier,
    ModelError,
    Problem,
)

__all__ = [
    "BILLING_CUSTOMIZATION_ID",
    "BILLING_PROFILE_ID",
    "BillingDocument",
    "BillingLine",
    "reference_with_code",
]

#: Specification identifier BT-24 of PEPPOL BIS Billing 3.0 (and EHF Billing 3.0).
BILLING_CUSTOMIZATION_ID = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
)
#: Business process type BT-23 of PEPPOL BIS Billing 3.0 (process P1).
BILLING_PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"


class BillingLine:
    """Accessors shared by invoice and credit note lines (BG-25)."""

    notes: tuple[str, ...]
    invoice_periods: tuple[Period, ...]

    @property
    def note(self) -> str | None:
        """The line note BT-127 (the first, if several)."""
        return self.notes[0] if self.notes else None

    @property
    def invoice_period(self) -> Period | None:
        """The line period BG-26, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None


class BillingDocument:
    """Accessors shared by the invoice and the credit note (EN 16931 business terms)."""

    document_currency_code: str | None
    invoice_periods: tuple[Period, ...]
    additional_document_references: tuple[DocumentReference, ...]
    accounting_supplier_party: SupplierParty
    accounting_customer_party: CustomerParty
    deliveries: tuple[Delivery, ...]
    payment_means: tuple[PaymentMeans, ...]
    tax_totals: tuple[TaxTotal, ...]

    @property
    def seller(self) -> Party:
        """The seller BG-4 (``cac:AccountingSupplierParty/cac:Party``)."""
        party = self.accounting_supplier_party.party
        if party is None:
            raise ModelError("the document has no seller party (BG-4)")
        return party

    @property
    def buyer(self) -> Party:
        """The buyer BG-7 (``cac:AccountingCustomerParty/cac:Party``)."""
        party = self.accounting_customer_party.party
        if party is None:
            raise ModelError("the document has no buyer party (BG-7)")
        return party

    @property
    def invoiced_object_identifier(self) -> Identifier | None:
        """Invoiced object identifier BT-18 (scheme BT-18-1): the additional
        document reference with document type code 130, if any."""
        return reference_with_code(self.additional_document_references, "130")

    @property
    def invoice_period(self) -> Period | None:
        """The invoicing period BG-14, if any."""
        return self.invoice_periods[0] if self.invoice_periods else None

    @property
    def tax_total(self) -> TaxTotal | None:
        """The VAT total in the document currency (BT-110, with the VAT
        breakdown BG-23): the tax total whose amount is in BT-5."""
        for total in self.tax_totals:
            if total.tax_amount.currency_id == self.document_currency_code:
                return total
        return self.tax_totals[0] if self.tax_totals else None

    @property
    def delivery(self) -> Delivery | None:
        """Delivery information BG-13, if any."""
        return self.deliveries[0] if self.deliveries else None

    @property
    def payment_due_date(self) -> date | None:
        """The first ``cbc:PaymentDueDate`` of the payment means, if any."""
        for means in self.payment_means:
            if means.payment_due_date is not None:
                return means.payment_due_date
        return None

    def check_identifiers(self) -> list[Problem]:
        """Check identifiers, VAT numbers and bank accounts (see
        :func:`heldigital.ehf.identifiers.check_document`)."""
        return check_document(self)


def reference_with_code(references: tuple[DocumentReference, ...], code: str) -> Identifier | None:
    """The id of the first reference whose document type code is ``code``."""
    for reference in references:
        if reference.document_type_code is not None and reference.document_type_code.value == code:
            return reference.id
    return None
