"""Typed models of the EHF / PEPPOL BIS business documents, with UBL 2.1 read and write.

Billing (EN 16931-1:2017 semantic model; PEPPOL BIS Billing 3.0 and EHF
Billing 3.0 syntax bindings): :class:`Invoice`, :class:`CreditNote`.
The UBL aggregates every document is built from (one :class:`Party`, one
:class:`Amount` ...) live in :mod:`heldigital.ehf.common`, the mapping engine
that reads and writes them in :mod:`heldigital.ehf.mapping`; identifier and
account checks (python-stdnum, schwifty) in :mod:`heldigital.ehf.identifiers`;
building an invoice from an order and a price list in
:mod:`heldigital.ehf.builders`; reading any document by its root element in
:mod:`heldigital.ehf.documents`.

Pure Python on lxml; every parse goes through :mod:`heldigital.xml`.
"""

from heldigital.ehf.common import (
    Address,
    AllowanceCharge,
    Amount,
    Attachment,
    BillingReference,
    BinaryObject,
    Code,
    Contact,
    DocumentReference,
    FinancialAccount,
    Identifier,
    Item,
    Location,
    MonetaryTotal,
    OrderReference,
    Party,
    PaymentMeans,
    PaymentTerms,
    Period,
    Price,
    Problem,
    Quantity,
    TaxCategory,
    TaxSubtotal,
    TaxTotal,
    as_json,
    unmodelled,
)
from heldigital.ehf.creditnote import CreditNote, CreditNoteLine, parse_credit_note
from heldigital.ehf.invoice import Invoice, InvoiceLine, parse_invoice

__all__ = [
    "Address",
    "AllowanceCharge",
    "Amount",
    "Attachment",
    "BillingReference",
    "BinaryObject",
    "Code",
    "Contact",
    "CreditNote",
    "CreditNoteLine",
    "DocumentReference",
    "FinancialAccount",
    "Identifier",
    "Invoice",
    "InvoiceLine",
    "Item",
    "Location",
    "MonetaryTotal",
    "OrderReference",
    "Party",
    "PaymentMeans",
    "PaymentTerms",
    "Period",
    "Price",
    "Problem",
    "Quantity",
    "TaxCategory",
    "TaxSubtotal",
    "TaxTotal",
    "as_json",
    "parse_credit_note",
    "parse_invoice",
    "unmodelled",
]

# Post-award documents (PEPPOL BIS 3 post-award, EHF post-award 3.0): each module holds
# its document model, built from the same aggregates (heldigital.ehf.common) as
# the billing documents; heldigital.ehf.documents reads any of them by root element.
from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.catalogue_response import CatalogueResponse
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.documents import (
    read_application_response,
    read_document,
    read_postaward_document,
)
from heldigital.ehf.invoice_response import InvoiceResponse
from heldigital.ehf.message_level_response import MessageLevelResponse
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import OrderResponse

__all__ += [
    "ApplicationResponse",
    "Catalogue",
    "CatalogueItem",
    "CatalogueResponse",
    "DespatchAdvice",
    "InvoiceResponse",
    "MessageLevelResponse",
    "Order",
    "OrderCancellation",
    "OrderChange",
    "OrderResponse",
    "read_application_response",
    "read_document",
    "read_postaward_document",
]
