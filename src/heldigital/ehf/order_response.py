"""PEPPOL BIS Order Response (T76), Order Agreement (T110), Advanced Order Response (T116).

All three are UBL 2.1 ``OrderResponse`` documents, told apart by their
``cbc:CustomizationID``:

* T76 Order Response (PEPPOL BIS Ordering 3; EHF Ordering 3.0): the seller
  accepts (``AP``), rejects (``RE``), conditionally accepts with changes
  (``CA``) or acknowledges (``AB``) an order; with ``CA`` the changed lines
  carry a line status code (UNCL1229: 3 changed, 5 accepted, 7 not accepted).
* T110 Order Agreement (PEPPOL BIS Order Agreement 3; EHF Order Agreement 3.0):
  the seller states an agreed order, with full line and price information.
* T116 Advanced Order Response (PEPPOL BIS Advanced Ordering 3): the response
  to an order, order change or order cancellation; it may reference the
  order change (``cac:OrderChangeDocumentReference``).

Specifications: ``docs.peppol.eu/poacc/upgrade-3/syntax/OrderResponse/tree/``,
``.../OrderAgreement/tree/``, ``.../OrderResponseAdvanced/tree/``. The comment
above each field gives the information element ids (``tir76-``, ``tir110-``,
``tir116-NNN``).

``cac:OrderChangeDocumentReference`` (tir116) is not in the UBL 2.1
``OrderResponse`` schema (it came with UBL 2.3); PEPPOL BIS Advanced Ordering
places it right after ``cac:OrderReference`` and so does the writer.
"""

# ruff: noqa: RUF009 - one()/opt()/many() return dataclasses.field() objects
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import ClassVar

from heldigital.ehf.common import (
    AllowanceCharge,
    Contract,
    CustomerParty,
    Delivery,
    DeliveryTerms,
    DocumentReference,
    Item,
    LineItem,
    MonetaryTotal,
    OrderLine,
    OrderLineReference,
    OrderReference,
    Party,
    PartyLegalEntity,
    Period,
    Price,
    SupplierParty,
    TaxTotal,
)
from heldigital.ehf.mapping import (
    Amount,
    Code,
    Document,
    Identifier,
    ModelError,
    Quantity,
    many,
    one,
    opt,
)
from heldigital.ehf.order import PROFILE_ADVANCED_ORDERING, PROFILE_ORDERING, Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange

__all__ = [
    "ADVANCED_CUSTOMIZATION_ID",
    "AGREEMENT_CUSTOMIZATION_ID",
    "CUSTOMIZATION_ID",
    "LINE_STATUS_CODES",
    "RESPONSE_CODES",
    "LineAnswer",
    "OrderResponse",
]

#: tir76-001: PEPPOL BIS Order Response transaction 3.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_response:3"
#: tir110-009: PEPPOL BIS Order Agreement transaction 3.
AGREEMENT_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_agreement:3"
#: tir116-001: PEPPOL BIS Advanced Order Response transaction 3.
ADVANCED_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3"
_EHF_SUFFIX = ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"

#: tir76-200 / tir116-200: order response codes (UNCL4343 subset "UNCL4343-T76").
RESPONSE_CODES = {
    "AB": "Message acknowledgement",
    "AP": "Accepted",
    "RE": "Rejected",
    "CA": "Conditionally accepted",
}
#: tir76-202: line response codes (UNCL1229 subset).
LINE_STATUS_CODES = {
    "1": "Order line is added",
    "3": "Changed",
    "5": "Accepted without amendment",
    "7": "Not accepted",
    "42": "Already delivered",
}


@dataclass(frozen=True, kw_only=True)
class LineAnswer:
    """The seller's answer to one order line in a conditional acceptance (T76 ``CA``).

    ``line_id`` is the id of the order line answered (the response line refers
    to it in ``cac:OrderLineReference/cbc:LineID``); ``status`` a line status code
    (tir76-202): ``5`` accepted without change, ``3`` changed, ``7`` not
    accepted; with ``3`` the changed ``quantity`` (in the unit of the order
    line), net ``price`` (order currency) and ``promised`` delivery period
    are given; ``note`` explains the answer.
    """

    line_id: str
    status: str
    quantity: Decimal | None = None
    price: Decimal | None = None
    promised: Period | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.status not in ("3", "5", "7"):
            raise ModelError(
                f"line {self.line_id}: {self.status!r} is not a line response code (3, 5, 7)"
            )
        changes = (self.quantity, self.price, self.promised)
        if self.status != "3" and any(c is not None for c in changes):
            raise ModelError(f"line {self.line_id}: only a changed line (3) carries changes")
        for name in ("quantity", "price"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                raise ModelError(f"line {self.line_id}: {name} must be a Decimal")

    def to_order_line(self, ordered: LineItem, currency: Code | None) -> OrderLine:
        """The response order line, based on the ordered line item."""
        price = None
        if self.price is not None:
            if currency is None:
                raise ModelError("a changed price needs the order's document currency")
            price = Price(price_amount=Amount(self.price, currency.value))
        quantity = None
        if self.quantity is not None:
            unit = ordered.quantity.unit_code if ordered.quantity is not None else None
            quantity = Quantity(self.quantity, unit_code=unit)
        return OrderLine(
            line_item=LineItem(
                id=ordered.id,
                note=(self.note,) if self.note else (),
                line_status_code=self.status,
                quantity=quantity,
                delivery=(Delivery(promised_delivery_period=self.promised),)
                if self.promised
                else (),
                price=price,
                item=Item(
                    name=ordered.item.name,
                    buyers_item_identification=ordered.item.buyers_item_identification,
                    sellers_item_identification=ordered.item.sellers_item_identification,
                    standard_item_identification=ordered.item.standard_item_identification,
                ),
            ),
            order_line_reference=(OrderLineReference(line_id=ordered.id),),
        )


@dataclass(frozen=True, kw_only=True)
class OrderResponse(Document):
    """A seller's response to an order: T76, T110 or T116 (see the module docstring).

    ``order_response_code`` (tir76-200) is mandatory in T76/T116 and absent in
    T110; ``order_reference`` (tir76-008) names the order answered.
    """

    ROOT: ClassVar[str] = "OrderResponse"
    NAMESPACE: ClassVar[str] = "urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2"

    #: ``cbc:CustomizationID``: Specification identification [tir110-009; tir116-001; tir76-001]
    customization_id: str | None = opt("cbc:CustomizationID")

    #: ``cbc:ProfileID``: Business process type identifier [tir110-008; tir116-002; tir76-002]
    profile_id: str | None = opt("cbc:ProfileID")

    #: ``cbc:ID``: Order agreement identifier; Order response identifier [tir110-001; tir116-003;
    #: tir76-003]
    id: str = one("cbc:ID")

    #: ``cbc:SalesOrderID``: Sales order reference [tir116-p007; tir76-p007]
    sales_order_id: str | None = opt("cbc:SalesOrderID")

    #: ``cbc:UUID``: Unique identifier
    uuid: str | None = opt("cbc:UUID")

    #: ``cbc:IssueDate``: Order agreement issue date; Order response issue date [tir110-002;
    #: tir116-004; tir76-004]
    issue_date: date = one("cbc:IssueDate")

    #: ``cbc:IssueTime``: Order agreement issue time; Order response issue time [tir110-003;
    #: tir116-005; tir76-005]
    issue_time: time | None = opt("cbc:IssueTime")

    #: ``cbc:OrderResponseCode``: Response code [tir116-200; tir76-200]
    order_response_code: str | None = opt("cbc:OrderResponseCode", codes=("UNCL4343-T76",))

    #: ``cbc:Note``: Order agreement note; Response clarification [tir110-043; tir116-006;
    #: tir76-006]
    note: tuple[str, ...] = many("cbc:Note")

    #: ``cbc:DocumentCurrencyCode``: Order agreement currency; Document currency [tir110-007;
    #: tir116-007; tir76-007]
    document_currency_code: Code | None = opt("cbc:DocumentCurrencyCode", codes=("ISO4217",))

    #: ``cbc:CustomerReference``: Buyer reference identifier [tir110-044]
    customer_reference: str | None = opt("cbc:CustomerReference")

    #: ``cac:OrderReference``: Previous order reference; Order reference
    order_reference: tuple[OrderReference, ...] = many("cac:OrderReference", min_occurs=1)

    #: ``cac:OrderChangeDocumentReference``: Order change reference
    order_change_document_reference: DocumentReference | None = opt(
        "cac:OrderChangeDocumentReference",
    )

    #: ``cac:OriginatorDocumentReference``: TENDER OR LOT REFERENCE
    originator_document_reference: DocumentReference | None = opt("cac:OriginatorDocumentReference")

    #: ``cac:AdditionalDocumentReference``: Additional document
    additional_document_reference: tuple[DocumentReference, ...] = many(
        "cac:AdditionalDocumentReference",
    )

    #: ``cac:Contract``: Contract reference
    contract: tuple[Contract, ...] = many("cac:Contract")

    #: ``cac:SellerSupplierParty``: Seller supplier party; Seller information
    seller_supplier_party: SupplierParty = one("cac:SellerSupplierParty")

    #: ``cac:BuyerCustomerParty``: Customer party; Buyer information
    buyer_customer_party: CustomerParty = one("cac:BuyerCustomerParty")

    #: ``cac:OriginatorCustomerParty``: Originator party
    originator_customer_party: CustomerParty | None = opt("cac:OriginatorCustomerParty")

    #: ``cac:AccountingCustomerParty``: Accounting customer party/Invoicee
    accounting_customer_party: CustomerParty | None = opt("cac:AccountingCustomerParty")

    #: ``cac:Delivery``: Delivery information
    delivery: tuple[Delivery, ...] = many("cac:Delivery")

    #: ``cac:DeliveryTerms``: Delivery terms information
    delivery_terms: DeliveryTerms | None = opt("cac:DeliveryTerms")

    #: ``cac:AllowanceCharge``: Allowance or charge information
    allowance_charge: tuple[AllowanceCharge, ...] = many("cac:AllowanceCharge")

    #: ``cac:TaxTotal``: Tax total information
    tax_total: tuple[TaxTotal, ...] = many("cac:TaxTotal")

    #: ``cac:LegalMonetaryTotal``: Document totals
    legal_monetary_total: MonetaryTotal | None = opt("cac:LegalMonetaryTotal")

    #: ``cac:OrderLine``: Order agreement line information; Specification of order lines
    order_line: tuple[OrderLine, ...] = many("cac:OrderLine")

    @property
    def transaction(self) -> str:
        """``T76``, ``T110`` or ``T116`` from the customization id (EHF included), else ``""``."""
        base = (self.customization_id or "").removesuffix(_EHF_SUFFIX)
        return {
            CUSTOMIZATION_ID: "T76",
            AGREEMENT_CUSTOMIZATION_ID: "T110",
            ADVANCED_CUSTOMIZATION_ID: "T116",
        }.get(base, "")

    @classmethod
    def answer(
        cls,
        order: Order,
        *,
        id: str,
        issue_date: date,
        code: str,
        lines: Iterable[LineAnswer] = (),
        note: str | None = None,
        issue_time: time | None = None,
        sales_order_id: str | None = None,
        promised_delivery: Period | None = None,
        advanced: bool = False,
    ) -> OrderResponse:
        """Build the seller's Order Response (T76) to ``order``.

        ``code`` is the response code (tir76-200): ``AB``, ``AP``, ``RE`` or
        ``CA``. Only a conditional acceptance (``CA``) carries ``lines``, one
        :class:`LineAnswer` per order line the seller answers;
        with ``AP`` or ``RE`` the whole order is answered. The parties are
        taken from the order (electronic address, identifiers and legal name,
        as the BIS defines them for T76), the currency too; the response is an
        EHF Order Response 3.0 when the order is an EHF order. With
        ``advanced=True`` it is the Advanced Order Response (T116) of PEPPOL
        BIS Advanced Ordering.
        """
        ehf = (order.customization_id or "").endswith(_EHF_SUFFIX)
        if advanced:
            customization, profile = ADVANCED_CUSTOMIZATION_ID, PROFILE_ADVANCED_ORDERING
        else:
            customization = CUSTOMIZATION_ID + (_EHF_SUFFIX if ehf else "")
            profile = order.profile_id or PROFILE_ORDERING
        return cls._respond(
            customization=customization,
            profile=profile,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            code=code,
            note=note,
            order_id=order.id,
            answered=order.order_line,
            lines=lines,
            buyer=order.buyer_customer_party.party,
            seller=order.seller_supplier_party.party,
            currency=order.document_currency_code,
            customer_reference=order.customer_reference,
            sales_order_id=sales_order_id,
            promised_delivery=promised_delivery,
        )

    @classmethod
    def answer_change(
        cls,
        change: OrderChange,
        *,
        id: str,
        issue_date: date,
        code: str,
        lines: Iterable[LineAnswer] = (),
        note: str | None = None,
        issue_time: time | None = None,
    ) -> OrderResponse:
        """Build the Advanced Order Response (T116) to an order change (T114).

        It references the changed order and the order change
        (``cac:OrderChangeDocumentReference``); ``code`` and ``lines`` are as
        in :meth:`answer`, the lines being those of the change.
        """
        if not change.id:
            raise ModelError("the order change has no id to answer")
        return cls._respond(
            customization=ADVANCED_CUSTOMIZATION_ID,
            profile=PROFILE_ADVANCED_ORDERING,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            code=code,
            note=note,
            order_id=change.order_reference.id.value,
            change_id=change.id,
            answered=change.order_line,
            lines=lines,
            buyer=change.buyer_customer_party.party,
            seller=change.seller_supplier_party.party,
            currency=Code(change.document_currency_code) if change.document_currency_code else None,
            customer_reference=change.customer_reference,
        )

    @classmethod
    def answer_cancellation(
        cls,
        cancellation: OrderCancellation,
        *,
        id: str,
        issue_date: date,
        accept: bool,
        note: str | None = None,
        issue_time: time | None = None,
    ) -> OrderResponse:
        """Build the Advanced Order Response (T116) accepting (``AP``) or rejecting
        (``RE``) an order cancellation (T115); it references the cancelled order."""
        return cls._respond(
            customization=ADVANCED_CUSTOMIZATION_ID,
            profile=PROFILE_ADVANCED_ORDERING,
            id=id,
            issue_date=issue_date,
            issue_time=issue_time,
            code="AP" if accept else "RE",
            note=note,
            order_id=cancellation.order_reference[0].id.value,
            answered=(),
            lines=(),
            buyer=cancellation.buyer_customer_party.party,
            seller=cancellation.seller_supplier_party.party,
            currency=None,
            customer_reference=None,
        )

    @classmethod
    def _respond(
        cls,
        *,
        customization: str,
        profile: str,
        id: str,
        issue_date: date,
        issue_time: time | None,
        code: str,
        note: str | None,
        order_id: str,
        answered: Iterable[OrderLine],
        lines: Iterable[LineAnswer],
        buyer: Party | None,
        seller: Party | None,
        currency: Code | None,
        customer_reference: str | None,
        change_id: str | None = None,
        sales_order_id: str | None = None,
        promised_delivery: Period | None = None,
    ) -> OrderResponse:
        if code not in RESPONSE_CODES:
            raise ModelError(f"{code!r} is not an order response code (AB, AP, RE, CA)")
        answers = tuple(lines)
        if answers and code != "CA":
            raise ModelError("line answers are given only with response code CA")
        if code == "CA" and not answers:
            raise ModelError("a conditional acceptance (CA) answers at least one line")
        by_id = {line.line_item.id: line.line_item for line in answered}
        response_lines = []
        for answer in answers:
            item = by_id.get(answer.line_id)
            if item is None:
                raise ModelError(f"order {order_id} has no line {answer.line_id!r}")
            response_lines.append(answer.to_order_line(item, currency))
        return cls(
            customization_id=customization,
            profile_id=profile,
            id=id,
            sales_order_id=sales_order_id,
            issue_date=issue_date,
            issue_time=issue_time,
            order_response_code=code,
            note=(note,) if note else (),
            document_currency_code=currency,
            customer_reference=customer_reference,
            order_reference=(OrderReference(id=Identifier(order_id)),),
            order_change_document_reference=DocumentReference(id=Identifier(change_id))
            if change_id
            else None,
            seller_supplier_party=SupplierParty(party=_response_party(seller)),
            buyer_customer_party=CustomerParty(party=_response_party(buyer)),
            delivery=(Delivery(promised_delivery_period=promised_delivery),)
            if promised_delivery
            else (),
            order_line=tuple(response_lines),
        )


def _response_party(party: Party | None) -> Party | None:
    # T76 defines the electronic address (tir76-021/058), the party identification
    # (tir76-022/059) and the legal name (tir76-023/060) of the seller and the buyer.
    if party is None:
        return None
    return Party(
        endpoint_id=party.endpoint_id,
        party_identification=party.party_identification[:1],
        party_legal_entity=tuple(
            PartyLegalEntity(registration_name=entity.registration_name)
            for entity in party.party_legal_entity[:1]
            if entity.registration_name
        ),
    )
