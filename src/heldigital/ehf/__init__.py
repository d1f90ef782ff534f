"""Typed models of the EHF / PEPPOL BIS business documents, with UBL 2.1 read and write.

Billing (EN 16931-1:2017 semantic model; PEPPOL BIS Billing 3.0 and EHF
Billing 3.0 syntax bindings): :class:`Invoice`, :class:`CreditNote`.
Shared UBL building blocks and the read/write toolkit live in
:mod:`heldigital.ehf.common`; identifier and account checks (python-stdnum,
schwifty) in :mod:`heldigital.ehf.identifiers`; building an invoice from an
order and a price list in :mod:`heldigital.ehf.builders`.

Pure Python on lxml; every parse goes through :mod:`heldigital.xml`.
"""

from heldigital.ehf.common import (
    Address,
    AllowanceCharge,
    Amount,
    Attachment,
    BinaryObject,
    Code,
    Contact,
    DocumentReference,
    Identifier,
    Item,
    MonetaryTotal,
    Party,
    PaymentMeans,
    Period,
    Price,
    Problem,
    Quantity,
    TaxCategory,
    TaxSubtotal,
    TaxTotal,
)
from heldigital.ehf.creditnote import CreditNote, CreditNoteLine, parse_credit_note
from heldigital.ehf.invoice import Invoice, InvoiceLine, parse_invoice

__all__ = [
    "Address",
    "AllowanceCharge",
    "Amount",
    "Attachment",
    "BinaryObject",
    "Code",
    "Contact",
    "CreditNote",
    "CreditNoteLine",
    "DocumentReference",
    "Identifier",
    "Invoice",
    "InvoiceLine",
    "Item",
    "MonetaryTotal",
    "Party",
    "PaymentMeans",
    "Period",
    "Price",
    "Problem",
    "Quantity",
    "TaxCategory",
    "TaxSubtotal",
    "TaxTotal",
    "parse_credit_note",
    "parse_invoice",
]
