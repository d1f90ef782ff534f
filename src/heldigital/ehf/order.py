"""PEPPOL BIS Order (transaction T01) and EHF Order 3.0, UBL 2.1 ``Order``.

Specification: PEPPOL BIS Ordering 3 / Order only 3 / Advanced Ordering 3,
"Order transaction 3.x" (``docs.peppol.eu/poacc/upgrade-3/syntax/Order/tree/``)
and the Norwegian extension EHF Order 3.0 (anskaffelser.no, "EHF Ordering
3.0"). The model holds every element of both syntax bindings; the comment
above each field gives the information element ids (``tir01-NNN``).

Read a document with :meth:`Order.from_xml` and write it with
:meth:`Order.to_xml`::

    order = Order.from_xml(data)
    order.id, order.issue_date, [line.line_item.id for line in order.order_line]
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from heldigital.ehf.builders import OrderInput, OrderLineInput
from heldigital.ehf.catalogue import Catalogue, price_on
from heldigital.ehf.common import (
    AllowanceCharge,
    CatalogueLine,
    CatalogueReference,
    Contract,
    CustomerParty,
    Delivery,
    DeliveryTerms,
    DocumentReference,
    Item,
    LineItem,
    MonetaryTotal,
    OrderLine,
    PaymentTerms,
    Period,
    ProjectReference,
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.mapping import (
    Amount,
    Code,
    Document,
    ModelError,
    Quantity,
    many,
    one,
    opt,
)

__all__ = [
    "CUSTOMIZATION_ID",
    "EHF_CUSTOMIZATION_ID",
    "ORDER_TYPE_CODES",
    "PROFILE_ADVANCED_ORDERING",
    "PROFILE_ORDERING",
    "PROFILE_ORDER_ONLY",
    "Order",
]

#: tir01-001: PEPPOL BIS Order transaction 3 specification identifier.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order:3"
#: EHF Order 3.0 specification identifier (extension of the PEPPOL one).
EHF_CUSTOMIZATION_ID = CUSTOMIZATION_ID + ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"
#: tir01-002: business process identifiers of the profiles that carry an order.
PROFILE_ORDERING = "urn:fdc:peppol.eu:poacc:bis:ordering:3"
PROFILE_ORDER_ONLY = "urn:fdc:peppol.eu:poacc:bis:order_only:3"
PROFILE_ADVANCED_ORDERING = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"

#: tir01-153, tir01-p050, tir01-p051, tir01-p052: order type codes (UNCL1001 subset
#: "UNCL1001_T01"): 220 order (the default), 227 consignment order, 221 blanket
#: order, 226 call off order, 105 purchase order, 402 cross docking order.
ORDER_TYPE_CODES = {
    "105": "Purchase order",
    "220": "Order",
    "221": "Blanket order",
    "226": "Call off order",
    "227": "Consignment order",
    "402": "Intermediate handling cross docking order",
}


@dataclass(frozen=True, kw_only=True)
class Order(Document):
    """An order from a buyer to a seller (PEPPOL BIS T01, EHF Order 3.0).

    Mandatory in the BIS: ``customization_id`` (tir01-001), ``profile_id``
    (tir01-002), ``id`` (tir01-003), ``issue_date`` (tir01-004),
    ``document_currency_code`` (tir01-007), ``buyer_customer_party``,
    ``seller_supplier_party`` and at least one ``order_line``.
    UBL requires only ``id``, ``issue_date``, the two parties and the lines;
    the PEPPOL rules (``heldigital.rules``) check the rest.
    """

    ROOT: ClassVar[str] = "Order"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:Order-2"

    #: ``cbc:CustomizationID``: Specification identification [tir01-001]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir01-002]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Order identifier [tir01-003]
    id: str = one("cbc:ID")

    #: ``cbc:SalesOrderID``: Sales order reference [tir01-p001]
    sales_order_id: str | None = opt("cbc:SalesOrderID")

    #: ``cbc:UUID``: Unique identifier
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate``: Order issue date [tir01-004]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Order issue time [tir01-005]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:OrderTypeCode``: Consignment order indication; Order type code
    #: [tir01-153,p050,p051,p052]
    order_type_code: str | None = opt("cbc:OrderTypeCode", codes=("UNCL1001_T01",))

    #: ``cbc:Note``: Document level textual note [tir01-006]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:DocumentCurrencyCode``: Currency [tir01-007]
    document_currency_code: Code | None = opt("cbc:DocumentCurrencyCode", codes=("ISO4217",))

    #: ``cbc:CustomerReference``: Buyer contact [tir01-p002]
    customer_reference: str | None = opt("cbc:CustomerReference")

    #: ``cbc:AccountingCost``: Buyers accounting string [tir01-008]
    accounting_cost: str | None = opt("cbc:AccountingCost")

    #: ``cac:ValidityPeriod``: Validity period
    validity_period: tuple[Period, ...] = many("cac:ValidityPeriod")

    #: ``cac:QuotationDocumentReference``: Quotation reference
    quotation_document_reference: DocumentReference | None = opt("cac:QuotationDocumentReference")

    #: ``cac:OrderDocumentReference``: Order reference
    order_document_reference: tuple[DocumentReference, ...] = many("cac:OrderDocumentReference")

    #: ``cac:OriginatorDocumentReference``: Originator document
    originator_document_reference: DocumentReference | None = opt("cac:OriginatorDocumentReference")

    #: ``cac:CatalogueReference``: Catalogue reference
    catalogue_reference: CatalogueReference | None = opt("cac:CatalogueReference")

    #: ``cac:AdditionalDocumentReference``: Additional documents
    additional_document_reference: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference",
    )

    #: ``cac:Contract``: Contract information
    contract: tuple[Contract, ...] = many("cac:Contract")

    #: ``cac:ProjectReference``: PROJECT REFERENCE
    project_reference: tuple[ProjectReference, ...] = many("cac:ProjectReference")

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
    delivery_terms: tuple[DeliveryTerms, ...] = many("cac:DeliveryTerms")

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

    @property
    def order_type(self) -> str:
        """The order type code (tir01-153), ``220`` (order) when not given."""
        return self.order_type_code or "220"

    @property
    def is_ehf(self) -> bool:
        """True for an EHF Order 3.0 (Norwegian extension of the PEPPOL order)."""
        return self.customization_id == EHF_CUSTOMIZATION_ID

    def invoice_input(self) -> OrderInput:
        """This order as the input of :func:`heldigital.ehf.builders.invoice_from_order`.

        Order id (tir01-003) becomes the purchase order reference BT-13, the
        sales order id (tir01-p001) BT-14, the customer reference (tir01-p002,
        "should also be sent in the corresponding invoice") the buyer
        reference BT-10, the first contract (tir01-019) BT-12, the first
        project BT-11; each line keeps its id (BT-132), the seller's item id
        (BT-155, the price list key), name, quantity and unit, standard and
        buyer's item ids, accounting cost and note. Lines without seller's
        item id, name or quantity with unit are refused: an invoice line
        needs them.
        """
        lines = []
        for line in self.order_line:
            item = line.line_item
            where = f"order {self.id} line {item.id}"
            if item.item.sellers_item_identification is None:
                raise ModelError(f"{where} has no seller's item identifier")
            if not item.item.name:
                raise ModelError(f"{where} has no item name")
            if item.quantity is None or not item.quantity.unit_code:
                raise ModelError(f"{where} has no quantity with unit")
            standard = item.item.standard_item_identification
            buyers = item.item.buyers_item_identification
            lines.append(
                OrderLineInput(
                    line_id=item.id,
                    item_id=item.item.sellers_item_identification.id.value,
                    item_name=item.item.name,
                    quantity=item.quantity.value,
                    unit_code=item.quantity.unit_code,
                    standard_item_id=standard.id if standard is not None else None,
                    buyers_item_id=buyers.id.value if buyers is not None else None,
                    accounting_cost=item.accounting_cost,
                    note=item.note[0] if item.note else None,
                )
            )
        return OrderInput(
            order_reference=self.id,
            lines=tuple(lines),
            sales_order_reference=self.sales_order_id,
            buyer_reference=self.customer_reference,
            contract_reference=self.contract[0].id if self.contract else None,
            project_reference=(
                self.project_reference[0].id.value if self.project_reference else None
            ),
        )

    @classmethod
    def from_catalogue(
        cls,
        catalogue: Catalogue,
        quantities: Mapping[str, Decimal],
        *,
        id: str,
        issue_date: date,
        issue_time: time | None = None,
        note: str | None = None,
        customer_reference: str | None = None,
        accounting_cost: str | None = None,
        requested_delivery: Period | None = None,
        profile_id: str = PROFILE_ORDERING,
    ) -> Order:
        """Order items of a catalogue (a framework agreement's priced catalogue).

        ``quantities`` maps catalogue line ids (tir19-032) to the quantity
        ordered in the line's orderable unit. The buyer is the catalogue's
        receiver, the seller its provider; the catalogue and its referenced
        contract are referenced (tir01-p45, tir01-019). Each order line gets
        the item's name and identifiers, the catalogue price valid on
        ``issue_date`` and the line amount (tir01-128): quantity times price
        per base quantity, rounded half up to two decimals.

        Refused: unknown or non-orderable lines, lines without an orderable
        unit, quantities that are not
        positive, outside the minimum/maximum order quantity or not a
        multiple of the order increment, a catalogue, line or price that is
        not valid on ``issue_date``, prices in more than one currency.
        """
        if not quantities:
            raise ModelError("an order needs at least one catalogue line")
        for period in catalogue.validity_period:
            if (period.start_date and issue_date < period.start_date) or (
                period.end_date and issue_date > period.end_date
            ):
                raise ModelError(
                    f"catalogue {catalogue.id} is valid {period.start_date or '...'} to "
                    f"{period.end_date or '...'}, not on {issue_date}"
                )
        by_id = {line.id: line for line in catalogue.catalogue_line}
        lines = []
        currencies = set()
        for number, (line_id, quantity) in enumerate(quantities.items(), start=1):
            line = by_id.get(line_id)
            if line is None:
                raise ModelError(f"catalogue {catalogue.id} has no line {line_id!r}")
            _check_orderable(line, quantity)
            validity = line.line_validity_period
            if validity is not None and (
                (validity.start_date and issue_date < validity.start_date)
                or (validity.end_date and issue_date > validity.end_date)
            ):
                raise ModelError(f"catalogue line {line_id} is not valid on {issue_date}")
            price = price_on(line, issue_date)
            amount = None
            if price is not None:
                currencies.add(price.price_amount.currency_id)
                base = price.base_quantity.value if price.base_quantity is not None else Decimal(1)
                amount = Amount(
                    (quantity * price.price_amount.value / base).quantize(
                        _CENT, rounding=ROUND_HALF_UP
                    ),
                    price.price_amount.currency_id,
                )
            item = line.item
            lines.append(
                OrderLine(
                    line_item=LineItem(
                        id=str(number),
                        quantity=Quantity(quantity, unit_code=line.orderable_unit),
                        line_extension_amount=amount,
                        price=price,
                        item=Item(
                            description=item.description,
                            name=item.name,
                            sellers_item_identification=item.sellers_item_identification,
                            standard_item_identification=item.standard_item_identification,
                            commodity_classification=item.commodity_classification,
                            classified_tax_category=item.classified_tax_category,
                        ),
                    )
                )
            )
        if len(currencies) > 1:
            raise ModelError(f"catalogue prices are in several currencies: {sorted(currencies)}")
        contract = catalogue.referenced_contract[0].id if catalogue.referenced_contract else None
        return cls(
            customization_id=CUSTOMIZATION_ID,
            profile_id=profile_id,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            note=(note,) if note else (),
            document_currency_code=Code(currencies.pop()) if currencies else None,
            customer_reference=customer_reference,
            accounting_cost=accounting_cost,
            catalogue_reference=CatalogueReference(id=catalogue.id),
            contract=(Contract(id=contract),) if contract else (),
            buyer_customer_party=CustomerParty(party=catalogue.receiver_party),
            seller_supplier_party=SupplierParty(party=catalogue.provider_party),
            delivery=(Delivery(requested_delivery_period=requested_delivery),)
            if requested_delivery
            else (),
            order_line=tuple(lines),
        )


_CENT = Decimal("0.01")


def _check_orderable(line: CatalogueLine, quantity: Decimal) -> None:
    where = f"catalogue line {line.id}"
    if line.orderable_indicator is False:
        raise ModelError(f"{where} is not orderable")
    if not line.orderable_unit:
        raise ModelError(f"{where} has no orderable unit (tir19-035) to order in")
    if not isinstance(quantity, Decimal) or not quantity.is_finite() or quantity <= 0:
        raise ModelError(f"{where}: the quantity must be a positive Decimal, not {quantity!r}")
    if line.minimum_order_quantity is not None and quantity < line.minimum_order_quantity.value:
        raise ModelError(f"{where}: at least {line.minimum_order_quantity.value} must be ordered")
    if line.maximum_order_quantity is not None and quantity > line.maximum_order_quantity.value:
        raise ModelError(f"{where}: at most {line.maximum_order_quantity.value} may be ordered")
    step = line.order_quantity_increment_numeric
    if step and quantity % step != 0:
        raise ModelError(f"{where}: the quantity must be a multiple of {step}")
