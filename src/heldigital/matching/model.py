"""The documents matching works on, as plain frozen dataclasses.

They carry only what matching needs; :mod:`heldigital.matching.ehf` builds
them from the EHF / PEPPOL BIS models of :mod:`heldigital.ehf` (Order T01,
Order Response T76, Despatch Advice T16, Invoice and Credit Note of BIS
Billing 3). Quantities and money are :class:`~decimal.Decimal`; a unit price
is the price of one unit of the line's quantity (the item net price BT-146
divided by its base quantity BT-149).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "Despatch",
    "DespatchLine",
    "Invoice",
    "InvoiceLine",
    "Order",
    "OrderLine",
    "Receipt",
    "ReceiptLine",
]


def _decimal(value: object, what: str) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{what} must be a finite Decimal, not {value!r}")


@dataclass(frozen=True)
class OrderLine:
    """An order line as agreed: ``line_id`` (the order line id the invoice
    refers to, BT-132), the ordered ``quantity`` and agreed ``unit_price``;
    ``item_ids`` the seller's (and standard) item identifiers a line may be
    recognised by, including a substitute the seller offered."""

    line_id: str
    quantity: Decimal
    unit_price: Decimal
    item_ids: tuple[str, ...] = ()
    unit_code: str | None = None

    def __post_init__(self) -> None:
        _decimal(self.quantity, f"order line {self.line_id} quantity")
        _decimal(self.unit_price, f"order line {self.line_id} unit price")


@dataclass(frozen=True)
class Order:
    """An order of the buyer to ``supplier`` (a stable supplier key, the same
    the invoices carry). ``three_way`` orders are paid only for what a goods
    receipt says was received."""

    order_id: str
    supplier: str
    currency: str
    lines: tuple[OrderLine, ...]
    three_way: bool = False
    issue_date: date | None = None

    def line(self, line_id: str) -> OrderLine | None:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        return None


@dataclass(frozen=True)
class ReceiptLine:
    order_line_id: str
    quantity: Decimal

    def __post_init__(self) -> None:
        _decimal(self.quantity, f"receipt line {self.order_line_id} quantity")


@dataclass(frozen=True)
class Receipt:
    """A goods receipt the buyer registered (by hand, or by confirming a
    despatch advice: then ``despatch_id`` names it)."""

    receipt_id: str
    order_id: str
    lines: tuple[ReceiptLine, ...]
    received_on: date | None = None
    despatch_id: str | None = None


@dataclass(frozen=True)
class DespatchLine:
    order_line_id: str
    quantity: Decimal

    def __post_init__(self) -> None:
        _decimal(self.quantity, f"despatch line {self.order_line_id} quantity")


@dataclass(frozen=True)
class Despatch:
    """A despatch advice of the supplier: what it says it sent. It is not a
    receipt; in three-way matching it only explains why an invoice waits."""

    despatch_id: str
    order_id: str
    lines: tuple[DespatchLine, ...]


@dataclass(frozen=True)
class InvoiceLine:
    """An invoice (or credit note) line: invoiced ``quantity`` at
    ``unit_price``, line net amount ``line_amount`` (BT-131); the order line it
    refers to (BT-132), else the item identifiers it can be recognised by."""

    line_id: str
    quantity: Decimal
    unit_price: Decimal
    line_amount: Decimal
    order_line_id: str | None = None
    item_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _decimal(self.quantity, f"invoice line {self.line_id} quantity")
        _decimal(self.unit_price, f"invoice line {self.line_id} unit price")
        _decimal(self.line_amount, f"invoice line {self.line_id} amount")


@dataclass(frozen=True)
class Invoice:
    """A received invoice or credit note.

    ``document_id`` names this received document (two copies of one invoice
    are two documents); ``supplier`` and ``number`` (BT-1) identify the
    invoice; ``payable_amount`` is BT-115. A credit note has
    ``credit_note=True`` and the numbers of the invoices it credits (BT-25).
    """

    document_id: str
    supplier: str
    number: str
    issue_date: date
    currency: str
    payable_amount: Decimal
    lines: tuple[InvoiceLine, ...]
    order_id: str | None = None
    credit_note: bool = False
    credited_numbers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _decimal(self.payable_amount, f"invoice {self.number} payable amount")

    @property
    def line_total(self) -> Decimal:
        return sum((line.line_amount for line in self.lines), Decimal(0))

    @property
    def identity(self) -> tuple[str, str, bool]:
        """Supplier, number (trimmed, case-insensitive) and kind: what makes two
        documents the same invoice."""
        return (self.supplier, self.number.strip().casefold(), self.credit_note)
