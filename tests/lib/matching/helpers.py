"""Small builders of matching documents for the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from heldigital.matching import Invoice, InvoiceLine, Order, OrderLine, Receipt, ReceiptLine

D = Decimal
SUPPLIER = "0192:987654325"


def order(*lines: tuple[str, str, str], order_id: str = "PO-1", three_way: bool = False) -> Order:
    """``lines`` as (line id, quantity, unit price)."""
    return Order(
        order_id,
        SUPPLIER,
        "NOK",
        tuple(OrderLine(i, D(q), D(p), item_ids=(f"ITEM-{i}",)) for i, q, p in lines),
        three_way=three_way,
    )


def invoice(
    document_id: str,
    *lines: tuple[str, str, str],
    number: str | None = None,
    order_id: str | None = "PO-1",
    issued: date = date(2026, 11, 2),
    amounts: dict[str, str] | None = None,
    payable: str | None = None,
) -> Invoice:
    """``lines`` as (order line id, quantity, unit price); line amount = q * p
    unless ``amounts`` gives it."""
    made = tuple(
        InvoiceLine(
            str(n),
            D(q),
            D(p),
            D((amounts or {}).get(i, str(D(q) * D(p)))),
            order_line_id=i,
        )
        for n, (i, q, p) in enumerate(lines, 1)
    )
    total = sum((line.line_amount for line in made), D(0)) * D("1.25")
    return Invoice(
        document_id,
        SUPPLIER,
        number or document_id,
        issued,
        "NOK",
        D(payable) if payable else total,
        made,
        order_id=order_id,
    )


def receipt(receipt_id: str, *lines: tuple[str, str], order_id: str = "PO-1") -> Receipt:
    return Receipt(receipt_id, order_id, tuple(ReceiptLine(i, D(q)) for i, q in lines))
