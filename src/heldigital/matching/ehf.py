"""Adapters from the EHF / PEPPOL BIS models of :mod:`heldigital.ehf` to the
plain documents of :mod:`heldigital.matching.model`.

* Order (PEPPOL BIS Ordering 3, T01) -> :class:`~heldigital.matching.model.Order`
  (:func:`order_from_ehf`), changed by the seller's Order Response (T76,
  :func:`apply_order_response`): ``RE`` rejects every line, ``CA`` answers
  line by line (``5`` accepted, ``7`` not accepted - dropped, ``3`` changed -
  new quantity and price where given, a substituted item's identifiers
  added); ``AP`` and ``AB`` leave the order as it is.
* Despatch Advice (T16) -> :class:`~heldigital.matching.model.Despatch`
  (:func:`despatch_from_ehf`); a goods receipt made from it
  (:func:`receipt_from_despatch`).
* Invoice and Credit Note (PEPPOL BIS Billing 3) ->
  :class:`~heldigital.matching.model.Invoice` (:func:`invoice_from_ehf`,
  :func:`credit_note_from_ehf`): order reference BT-13 (``NA`` read as none),
  order line reference BT-132, quantity BT-129, net price BT-146 per base
  quantity BT-149, line net amount BT-131, payable amount BT-115, credited
  invoices BT-25.

Suppliers are keyed by :func:`supplier_key` (electronic address, else legal
registration, else party identifier, else name); a caller that knows the
supplier (the platform's organisation id) passes ``supplier=`` instead.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from heldigital.ehf.common import Identifier, Item, Party, Price, Quantity
from heldigital.ehf.creditnote import CreditNote, CreditNoteLine
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.invoice import Invoice as EhfInvoice
from heldigital.ehf.invoice import InvoiceLine as EhfInvoiceLine
from heldigital.ehf.order import Order as EhfOrder
from heldigital.ehf.order_response import OrderResponse
from heldigital.matching.model import (
    Despatch,
    DespatchLine,
    Invoice,
    InvoiceLine,
    Order,
    OrderLine,
    Receipt,
    ReceiptLine,
)

__all__ = [
    "AdapterError",
    "apply_order_response",
    "credit_note_from_ehf",
    "despatch_from_ehf",
    "invoice_from_ehf",
    "order_from_ehf",
    "receipt_from_despatch",
    "supplier_key",
]


class AdapterError(ValueError):
    """An EHF document lacks what matching needs; the message says what."""


def _identifier(identifier: Identifier) -> str:
    return (
        f"{identifier.scheme_id}:{identifier.value}" if identifier.scheme_id else identifier.value
    )


def supplier_key(party: Party | None) -> str:
    """A stable key of a supplier party: ``scheme:value`` of its electronic
    address (BT-34), else of its legal registration (BT-30), else of its first
    party identifier, else its name."""
    if party is None:
        raise AdapterError("the document has no supplier party")
    if party.endpoint_id is not None:
        return _identifier(party.endpoint_id)
    if party.legal_registration_id is not None:
        return _identifier(party.legal_registration_id)
    for identification in party.party_identification:
        return _identifier(identification.id)
    name = party.name or party.registration_name
    if not name:
        raise AdapterError("the supplier party has no address, identifier or name")
    return name


def _item_ids(item: Item | None) -> tuple[str, ...]:
    if item is None:
        return ()
    ids: list[str] = []
    if item.sellers_item_identification is not None:
        ids.append(item.sellers_item_identification.id.value)
    if item.standard_item_identification is not None:
        ids.append(_identifier(item.standard_item_identification.id))
    if item.buyers_item_identification is not None:
        ids.append("buyer:" + item.buyers_item_identification.id.value)
    return tuple(ids)


def _unit_price(price: Price | None) -> Decimal | None:
    if price is None:
        return None
    base = price.base_quantity.value if price.base_quantity is not None else Decimal(1)
    if base == 0:
        raise AdapterError("a price's base quantity is zero")
    return price.price_amount.value / base


def _quantity(quantity: Quantity | None) -> Decimal:
    return quantity.value if quantity is not None else Decimal(0)


def order_from_ehf(
    order: EhfOrder, *, supplier: str | None = None, three_way: bool = False
) -> Order:
    """The order (T01) as matching sees it."""
    currency = order.document_currency_code.value if order.document_currency_code else None
    lines = []
    for order_line in order.order_line:
        item = order_line.line_item
        quantity = _quantity(item.quantity)
        price = _unit_price(item.price)
        if price is None:
            amount = item.line_extension_amount
            price = amount.value / quantity if amount is not None and quantity else Decimal(0)
        if currency is None and item.price is not None:
            currency = item.price.price_amount.currency_id
        lines.append(
            OrderLine(
                line_id=item.id,
                quantity=quantity,
                unit_price=price,
                item_ids=_item_ids(item.item),
                unit_code=item.quantity.unit_code if item.quantity is not None else None,
            )
        )
    if currency is None:
        raise AdapterError(f"order {order.id} has no currency")
    return Order(
        order_id=order.id,
        supplier=supplier or supplier_key(order.seller_supplier_party.party),
        currency=currency,
        lines=tuple(lines),
        three_way=three_way,
        issue_date=order.issue_date,
    )


def apply_order_response(order: Order, response: OrderResponse) -> Order:
    """``order`` as the seller's Order Response (T76) leaves it."""
    if order.order_id not in {ref.id.value for ref in response.order_reference}:
        raise AdapterError(f"order response {response.id} does not answer order {order.order_id}")
    code = response.order_response_code
    if code == "RE":
        return replace(order, lines=())
    if code != "CA":
        return order
    lines = {line.line_id: line for line in order.lines}
    for answer in response.order_line:
        item = answer.line_item
        ref = answer.order_line_reference[0].line_id if answer.order_line_reference else item.id
        if ref not in lines:
            raise AdapterError(f"order response {response.id} answers unknown line {ref}")
        status = item.line_status_code
        if status == "7":
            del lines[ref]
        elif status == "3":
            line = lines[ref]
            substitutes = tuple(
                i for s in answer.seller_substituted_line_item for i in _item_ids(s.item)
            )
            price = _unit_price(item.price)
            lines[ref] = replace(
                line,
                quantity=item.quantity.value if item.quantity is not None else line.quantity,
                unit_price=price if price is not None else line.unit_price,
                item_ids=tuple(dict.fromkeys((*line.item_ids, *substitutes))),
            )
    return replace(
        order, lines=tuple(lines[line.line_id] for line in order.lines if line.line_id in lines)
    )


def despatch_from_ehf(despatch: DespatchAdvice) -> Despatch:
    """The despatch advice (T16): delivered quantity per order line."""
    order_ids = {ref.id.value for ref in despatch.order_reference}
    lines = []
    for line in despatch.despatch_line:
        if not line.order_line_reference:
            raise AdapterError(f"despatch line {line.id} names no order line")
        reference = line.order_line_reference[0]
        if reference.order_reference is not None:
            order_ids.add(reference.order_reference.id.value)
        lines.append(DespatchLine(reference.line_id, _quantity(line.delivered_quantity)))
    if len(order_ids) != 1:
        raise AdapterError(
            f"despatch advice {despatch.id} must refer to one order, not {sorted(order_ids)}"
        )
    return Despatch(despatch.id, order_ids.pop(), tuple(lines))


def receipt_from_despatch(
    despatch: Despatch, *, receipt_id: str, received_on: date | None = None
) -> Receipt:
    """A goods receipt confirming everything ``despatch`` says was sent."""
    return Receipt(
        receipt_id=receipt_id,
        order_id=despatch.order_id,
        lines=tuple(ReceiptLine(line.order_line_id, line.quantity) for line in despatch.lines),
        received_on=received_on,
        despatch_id=despatch.despatch_id,
    )


def _order_id(reference: Identifier | None) -> str | None:
    if reference is None or reference.value.strip() in ("", "NA"):
        return None
    return reference.value


def _invoice_line(
    line: EhfInvoiceLine | CreditNoteLine, quantity: Decimal, amount: Decimal
) -> InvoiceLine:
    """One invoice or credit note line; without a price (BT-146) the line amount per unit."""
    price = _unit_price(line.price)
    if price is None:
        price = amount / quantity if quantity else amount
    return InvoiceLine(
        line_id=line.id,
        quantity=quantity,
        unit_price=price,
        line_amount=amount,
        order_line_id=line.order_line_references[0].line_id if line.order_line_references else None,
        item_ids=_item_ids(line.item),
    )


def invoice_from_ehf(
    invoice: EhfInvoice, *, document_id: str, supplier: str | None = None
) -> Invoice:
    """The invoice as matching sees it; ``document_id`` names this received copy."""
    lines = [
        _invoice_line(line, _quantity(line.invoiced_quantity), line.line_extension_amount.value)
        for line in invoice.lines
    ]
    total = invoice.legal_monetary_total.payable_amount
    return Invoice(
        document_id=document_id,
        supplier=supplier or supplier_key(invoice.seller),
        number=invoice.invoice_number,
        issue_date=invoice.issue_date,
        currency=invoice.document_currency_code or total.currency_id,
        payable_amount=total.value,
        lines=tuple(lines),
        order_id=_order_id(invoice.order_reference.id if invoice.order_reference else None),
    )


def credit_note_from_ehf(
    note: CreditNote, *, document_id: str, supplier: str | None = None
) -> Invoice:
    """The credit note as matching sees it, with the invoices it credits (BT-25)."""
    lines = [
        _invoice_line(
            line,
            _quantity(line.credited_quantity),
            line.line_extension_amount.value if line.line_extension_amount else Decimal(0),
        )
        for line in note.lines
    ]
    credited = tuple(
        ref.invoice_document_reference.id.value
        for ref in note.billing_references
        if ref.invoice_document_reference is not None
    )
    total = note.legal_monetary_total.payable_amount
    return Invoice(
        document_id=document_id,
        supplier=supplier or supplier_key(note.seller),
        number=note.credit_note_number,
        issue_date=note.issue_date,
        currency=note.document_currency_code or total.currency_id,
        payable_amount=total.value,
        lines=tuple(lines),
        order_id=_order_id(note.order_reference.id if note.order_reference else None),
        credit_note=True,
        credited_numbers=credited,
    )
