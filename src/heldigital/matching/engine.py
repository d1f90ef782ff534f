"""Matching invoices to orders (2-way) and to orders and goods receipts (3-way).

:func:`match` takes every document known - orders, goods receipts, despatch
advices, invoices and credit notes - and returns one :class:`Outcome` per
invoice or credit note. It is a function of the set of documents, not of the
order they arrived in: documents are taken in a canonical order (issue date,
supplier, number, document id), so the outcome of every document is the same
whichever came first (:class:`MatchBook` keeps the set as documents arrive).

The steps, each naming the rule that decides:

1. **Duplicates** (``duplicate-invoice``): a second document with the same
   supplier, invoice number and payable amount (and currency) as an earlier
   one is a duplicate and is never approved; the same supplier and number with
   another amount is a mismatch (``invoice-number-reused``) for a person.
2. **Credit notes** (``credited-invoice``): matched against the invoices of
   the same supplier they name (BT-25), up to what is left of those invoices
   after earlier credit notes. An invoice fully credited takes no quantity
   from its order.
3. **Invoices**, in canonical order: the order named by BT-13
   (``order-reference``; same supplier ``order-supplier`` and currency
   ``order-currency``); each line to its order line by BT-132, else by item
   identifier (``order-line``); then the tolerance rules in force on the
   invoice's issue date (:mod:`heldigital.matching.rules`) on unit price,
   quantity and total. The quantity left to invoice is the order line's
   quantity (2-way) or the received quantity (3-way), less what earlier
   invoices took: no quantity is invoiced twice. In 3-way matching a line the
   order covers but no receipt yet does waits (``goods-receipt``, status
   pending), with what despatch advices say was sent.

An outcome is :attr:`Outcome.approvable` only when every line matched;
otherwise it goes to a person, with each line's checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from heldigital.matching.model import Despatch, Invoice, InvoiceLine, Order, OrderLine, Receipt
from heldigital.matching.rules import Check, RuleKind, RuleSet

__all__ = [
    "RULE_CREDITED_INVOICE",
    "RULE_DUPLICATE",
    "RULE_GOODS_RECEIPT",
    "RULE_NUMBER_REUSED",
    "RULE_ORDER_CURRENCY",
    "RULE_ORDER_LINE",
    "RULE_ORDER_REFERENCE",
    "RULE_ORDER_SUPPLIER",
    "LineOutcome",
    "MatchBook",
    "Outcome",
    "Status",
    "match",
]

RULE_ORDER_REFERENCE = "order-reference"
RULE_ORDER_SUPPLIER = "order-supplier"
RULE_ORDER_CURRENCY = "order-currency"
RULE_ORDER_LINE = "order-line"
RULE_GOODS_RECEIPT = "goods-receipt"
RULE_DUPLICATE = "duplicate-invoice"
RULE_NUMBER_REUSED = "invoice-number-reused"
RULE_CREDITED_INVOICE = "credited-invoice"


class Status(StrEnum):
    MATCHED = "matched"
    MISMATCH = "mismatch"
    PENDING = "pending"
    NO_ORDER = "no-order"
    DUPLICATE = "duplicate"
    CREDIT_MATCHED = "credit-matched"
    CREDIT_UNMATCHED = "credit-unmatched"


@dataclass(frozen=True)
class LineOutcome:
    """One invoice line: the order line it matched (if any), its status, the
    tolerance checks made, the rules that decided and why."""

    line_id: str
    order_line_id: str | None
    status: Status
    decided_by: tuple[str, ...]
    reason: str
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """The outcome for one invoice or credit note (``document_id``).

    ``decided_by`` names the rules that decided it: for a match, every rule
    applied; otherwise the rules that failed. ``related`` is the original of a
    duplicate, or the credited invoice's document for a credit note;
    ``credited_by`` the credit notes matched against an invoice.
    """

    document_id: str
    status: Status
    decided_by: tuple[str, ...]
    reasons: tuple[str, ...]
    mode: str | None = None
    lines: tuple[LineOutcome, ...] = ()
    total: Check | None = None
    related: tuple[str, ...] = ()
    credited_by: tuple[str, ...] = ()

    @property
    def approvable(self) -> bool:
        """Approved without a person: every line matched, or a matched credit note."""
        return self.status in (Status.MATCHED, Status.CREDIT_MATCHED)


def _canonical(invoice: Invoice) -> tuple[object, ...]:
    return (invoice.issue_date, invoice.supplier, invoice.identity[1], invoice.document_id)


def _unique(items: Iterable[object], key: str, what: str) -> None:
    seen: set[str] = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise ValueError(f"two {what} have the id {value!r}")
        seen.add(value)


def match(
    *,
    orders: Iterable[Order],
    invoices: Iterable[Invoice],
    rules: RuleSet,
    receipts: Iterable[Receipt] = (),
    despatches: Iterable[Despatch] = (),
) -> dict[str, Outcome]:
    """One :class:`Outcome` per invoice and credit note, by document id."""
    order_list, invoice_list = list(orders), list(invoices)
    receipt_list, despatch_list = list(receipts), list(despatches)
    _unique(order_list, "order_id", "orders")
    _unique(invoice_list, "document_id", "invoices")
    _unique(receipt_list, "receipt_id", "receipts")
    _unique(despatch_list, "despatch_id", "despatch advices")
    by_order = {order.order_id: order for order in order_list}
    received: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for receipt in receipt_list:
        for rline in receipt.lines:
            received[(receipt.order_id, rline.order_line_id)] += rline.quantity
    despatched: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for despatch in despatch_list:
        for dline in despatch.lines:
            despatched[(despatch.order_id, dline.order_line_id)] += dline.quantity

    outcomes: dict[str, Outcome] = {}
    originals: dict[tuple[str, str, bool], Invoice] = {}
    # 1. duplicates, invoices before credit notes, each in canonical order
    ordered = sorted(invoice_list, key=lambda i: (i.credit_note, *_canonical(i)))
    kept: list[Invoice] = []
    for document in ordered:
        original = originals.get(document.identity)
        if original is None:
            originals[document.identity] = document
            kept.append(document)
        elif (original.payable_amount, original.currency) == (
            document.payable_amount,
            document.currency,
        ):
            outcomes[document.document_id] = Outcome(
                document.document_id,
                Status.DUPLICATE,
                (RULE_DUPLICATE,),
                (
                    f"same supplier, number {document.number} and amount "
                    f"{document.payable_amount} {document.currency} as document "
                    f"{original.document_id}: never paid twice",
                ),
                related=(original.document_id,),
            )
        else:
            outcomes[document.document_id] = Outcome(
                document.document_id,
                Status.MISMATCH,
                (RULE_NUMBER_REUSED,),
                (
                    f"number {document.number} was used by document {original.document_id} "
                    f"for {original.payable_amount} {original.currency}; this one is "
                    f"{document.payable_amount} {document.currency}",
                ),
                related=(original.document_id,),
            )

    # 2. credit notes against the invoices they credit
    invoices_by_number = {
        (i.supplier, i.number.strip().casefold()): i for i in kept if not i.credit_note
    }
    credited: dict[str, Decimal] = defaultdict(Decimal)
    credit_notes_of: dict[str, list[str]] = defaultdict(list)
    for note in (d for d in kept if d.credit_note):
        outcomes[note.document_id] = _credit(note, invoices_by_number, credited, credit_notes_of)

    # 3. invoices against orders, receipts and the tolerance rules
    allocated: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for invoice in (d for d in kept if not d.credit_note):
        fully_credited = credited[invoice.document_id] >= invoice.payable_amount
        outcome = _invoice(
            invoice,
            by_order.get(invoice.order_id) if invoice.order_id else None,
            rules,
            received,
            despatched,
            allocated,
            allocate=not fully_credited,
        )
        notes = tuple(credit_notes_of.get(invoice.document_id, ()))
        if notes:
            outcome = Outcome(
                outcome.document_id,
                outcome.status,
                outcome.decided_by,
                (
                    *outcome.reasons,
                    f"credited {credited[invoice.document_id]} by {', '.join(notes)}",
                ),
                outcome.mode,
                outcome.lines,
                outcome.total,
                outcome.related,
                notes,
            )
        outcomes[invoice.document_id] = outcome
    return outcomes


def _credit(
    note: Invoice,
    invoices_by_number: dict[tuple[str, str], Invoice],
    credited: dict[str, Decimal],
    credit_notes_of: dict[str, list[str]],
) -> Outcome:
    def unmatched(reason: str) -> Outcome:
        return Outcome(
            note.document_id, Status.CREDIT_UNMATCHED, (RULE_CREDITED_INVOICE,), (reason,)
        )

    if not note.credited_numbers:
        return unmatched("the credit note names no invoice it credits (BT-25)")
    targets = []
    for number in note.credited_numbers:
        target = invoices_by_number.get((note.supplier, number.strip().casefold()))
        if target is None:
            return unmatched(f"invoice {number} of this supplier has not been received")
        if target.currency != note.currency:
            return unmatched(
                f"invoice {number} is in {target.currency}, the credit note in {note.currency}"
            )
        targets.append(target)
    left = sum((t.payable_amount - credited[t.document_id] for t in targets), Decimal(0))
    if note.payable_amount > left:
        return unmatched(
            f"credits {note.payable_amount} {note.currency}, but only {left} is left to credit "
            f"of invoice {', '.join(note.credited_numbers)}"
        )
    remaining = note.payable_amount
    for target in targets:
        share = min(remaining, target.payable_amount - credited[target.document_id])
        credited[target.document_id] += share
        remaining -= share
        credit_notes_of[target.document_id].append(note.document_id)
    return Outcome(
        note.document_id,
        Status.CREDIT_MATCHED,
        (RULE_CREDITED_INVOICE,),
        (f"credits invoice {', '.join(note.credited_numbers)}",),
        related=tuple(t.document_id for t in targets),
    )


def _find_line(order: Order, line: InvoiceLine) -> tuple[OrderLine | None, str]:
    if line.order_line_id:
        found = order.line(line.order_line_id)
        if found is not None:
            return found, f"order line {found.line_id} by reference (BT-132)"
    candidates = [ol for ol in order.lines if set(ol.item_ids) & set(line.item_ids)]
    if len(candidates) == 1:
        return candidates[0], f"order line {candidates[0].line_id} by item identifier"
    if len(candidates) > 1:
        return None, f"the item fits order lines {', '.join(c.line_id for c in candidates)}"
    if line.order_line_id:
        return None, f"order {order.order_id} has no line {line.order_line_id}"
    return None, f"no line of order {order.order_id} has this item"


def _invoice(
    invoice: Invoice,
    order: Order | None,
    rules: RuleSet,
    received: dict[tuple[str, str], Decimal],
    despatched: dict[tuple[str, str], Decimal],
    allocated: dict[tuple[str, str], Decimal],
    *,
    allocate: bool,
) -> Outcome:
    document = invoice.document_id
    if invoice.order_id is None:
        return Outcome(
            document,
            Status.NO_ORDER,
            (RULE_ORDER_REFERENCE,),
            ("the invoice names no order (BT-13)",),
        )
    if order is None:
        return Outcome(
            document,
            Status.NO_ORDER,
            (RULE_ORDER_REFERENCE,),
            (f"order {invoice.order_id} is not known",),
        )
    if order.supplier != invoice.supplier:
        return Outcome(
            document,
            Status.MISMATCH,
            (RULE_ORDER_SUPPLIER,),
            (f"order {order.order_id} was placed with another supplier",),
        )
    if order.currency != invoice.currency:
        return Outcome(
            document,
            Status.MISMATCH,
            (RULE_ORDER_CURRENCY,),
            (f"order {order.order_id} is in {order.currency}, the invoice in {invoice.currency}",),
        )
    three_way = order.three_way
    mode = "3-way" if three_way else "2-way"
    price_rule = rules.in_force(RuleKind.UNIT_PRICE_PERCENT, invoice.issue_date)
    quantity_rule = rules.in_force(RuleKind.QUANTITY, invoice.issue_date)
    total_rule = rules.in_force(RuleKind.TOTAL_ABSOLUTE, invoice.issue_date)
    lines: list[LineOutcome] = []
    expected_total = actual_total = Decimal(0)
    for line in invoice.lines:
        order_line, how = _find_line(order, line)
        if order_line is None:
            lines.append(LineOutcome(line.line_id, None, Status.MISMATCH, (RULE_ORDER_LINE,), how))
            continue
        key = (order.order_id, order_line.line_id)
        taken = allocated[key]
        ordered_left = order_line.quantity - taken
        expected_total += line.quantity * order_line.unit_price
        actual_total += line.line_amount
        price = price_rule.check(order_line.unit_price, line.unit_price)
        quantity = quantity_rule.check(
            received[key] - taken if three_way else ordered_left, line.quantity
        )
        failed = tuple(c.rule for c in (price, quantity) if not c.passed)
        status, reason = Status.MATCHED, how
        decided_by: tuple[str, ...] = (price.rule, quantity.rule)
        if (
            three_way
            and not quantity.passed
            and quantity_rule.check(ordered_left, line.quantity).passed
        ):
            # the order covers it; the goods are not (all) received yet
            sent = despatched[key]
            reason = (
                f"{how}; received {received[key]}, invoiced before {taken}, "
                f"despatched {sent} by the supplier: waiting for the goods receipt"
            )
            status, decided_by = Status.PENDING, (RULE_GOODS_RECEIPT,)
            if not price.passed:
                status, decided_by = Status.MISMATCH, (price.rule, RULE_GOODS_RECEIPT)
        elif failed:
            status, decided_by = Status.MISMATCH, failed
        elif three_way:
            decided_by = (*decided_by, RULE_GOODS_RECEIPT)
        lines.append(
            LineOutcome(
                line.line_id, order_line.line_id, status, decided_by, reason, (price, quantity)
            )
        )
        if allocate:
            allocated[key] += line.quantity
    total = total_rule.check(expected_total, actual_total)
    mismatched = [lo for lo in lines if lo.status is Status.MISMATCH]
    if mismatched or not total.passed:
        names: list[str] = []
        for lo in mismatched:
            names.extend(n for n in lo.decided_by if n not in names)
        if not total.passed:
            names.append(total.rule)
        reasons = tuple(f"line {lo.line_id}: {lo.reason}" for lo in mismatched)
        if not total.passed:
            reasons += (f"total {total.actual} exceeds the expected {total.expected}",)
        return Outcome(document, Status.MISMATCH, tuple(names), reasons, mode, tuple(lines), total)
    if any(lo.status is Status.PENDING for lo in lines):
        return Outcome(
            document,
            Status.PENDING,
            (RULE_GOODS_RECEIPT,),
            tuple(f"line {lo.line_id}: {lo.reason}" for lo in lines if lo.status is Status.PENDING),
            mode,
            tuple(lines),
            total,
        )
    applied = [RULE_ORDER_REFERENCE, price_rule.name, quantity_rule.name, total_rule.name]
    if three_way:
        applied.append(RULE_GOODS_RECEIPT)
    return Outcome(
        document,
        Status.MATCHED,
        tuple(dict.fromkeys(applied)),
        (f"every line matches order {order.order_id} ({mode})",),
        mode,
        tuple(lines),
        total,
    )


class MatchBook:
    """The documents known so far, in any order of arrival; :meth:`outcomes`
    is :func:`match` over them. Adding a document with an id already known
    replaces it (a corrected goods receipt, an order changed by a response)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self._orders: dict[str, Order] = {}
        self._receipts: dict[str, Receipt] = {}
        self._despatches: dict[str, Despatch] = {}
        self._invoices: dict[str, Invoice] = {}

    def add(self, document: Order | Receipt | Despatch | Invoice) -> None:
        if isinstance(document, Order):
            self._orders[document.order_id] = document
        elif isinstance(document, Receipt):
            self._receipts[document.receipt_id] = document
        elif isinstance(document, Despatch):
            self._despatches[document.despatch_id] = document
        else:
            self._invoices[document.document_id] = document

    def outcomes(self) -> dict[str, Outcome]:
        return match(
            orders=self._orders.values(),
            invoices=self._invoices.values(),
            rules=self.rules,
            receipts=self._receipts.values(),
            despatches=self._despatches.values(),
        )
