"""Matching outcomes: references, lines, duplicates, credit notes, quantities taken."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from heldigital.matching import (
    RULE_CREDITED_INVOICE,
    RULE_DUPLICATE,
    RULE_NUMBER_REUSED,
    RULE_ORDER_CURRENCY,
    RULE_ORDER_LINE,
    RULE_ORDER_REFERENCE,
    RULE_ORDER_SUPPLIER,
    Despatch,
    DespatchLine,
    Invoice,
    InvoiceLine,
    MatchBook,
    RuleSet,
    Status,
    match,
)

from .helpers import SUPPLIER, D, invoice, order, receipt

STRICT = RuleSet()
PO = order(("1", "10", "100.00"), ("2", "5", "20.00"))


def run(*invoices: Invoice, orders=(PO,), **kw):  # type: ignore[no-untyped-def]
    return match(orders=orders, invoices=invoices, rules=STRICT, **kw)


def test_a_full_two_way_match_is_approvable() -> None:
    result = run(invoice("A", ("1", "10", "100.00"), ("2", "5", "20.00")))["A"]
    assert result.status is Status.MATCHED and result.approvable
    assert result.mode == "2-way"
    assert [line.order_line_id for line in result.lines] == ["1", "2"]


def test_no_order_reference_or_unknown_order() -> None:
    assert run(invoice("A", ("1", "1", "100"), order_id=None))["A"].status is Status.NO_ORDER
    unknown = run(invoice("A", ("1", "1", "100"), order_id="PO-404"))["A"]
    assert (unknown.status, unknown.decided_by) == (Status.NO_ORDER, (RULE_ORDER_REFERENCE,))
    assert "PO-404" in unknown.reasons[0]
    assert not unknown.approvable


def test_supplier_and_currency_must_be_the_orders() -> None:
    other = replace(invoice("A", ("1", "1", "100")), supplier="0192:111111111")
    assert run(other)["A"].decided_by == (RULE_ORDER_SUPPLIER,)
    euro = replace(invoice("A", ("1", "1", "100")), currency="EUR")
    assert run(euro)["A"].decided_by == (RULE_ORDER_CURRENCY,)


def test_lines_by_reference_else_by_item() -> None:
    by_item = Invoice(
        "A",
        SUPPLIER,
        "A",
        date(2026, 11, 2),
        "NOK",
        D("125"),
        (InvoiceLine("1", D(5), D(20), D(100), item_ids=("ITEM-2",)),),
        order_id="PO-1",
    )
    result = run(by_item)["A"]
    assert result.status is Status.MATCHED
    assert result.lines[0].order_line_id == "2"
    assert "item identifier" in result.lines[0].reason
    stranger = replace(by_item, lines=(InvoiceLine("1", D(1), D(1), D(1), order_line_id="9"),))
    result = run(stranger)["A"]
    assert (result.status, result.decided_by) == (Status.MISMATCH, (RULE_ORDER_LINE,))
    assert "no line 9" in result.lines[0].reason


def test_the_same_quantity_is_never_invoiced_twice() -> None:
    first = invoice("A", ("1", "6", "100.00"), issued=date(2026, 11, 2))
    second = invoice("B", ("1", "4", "100.00"), issued=date(2026, 11, 3))
    third = invoice("C", ("1", "1", "100.00"), issued=date(2026, 11, 4))
    outcomes = run(third, second, first)
    assert outcomes["A"].status is Status.MATCHED
    assert outcomes["B"].status is Status.MATCHED
    assert outcomes["C"].status is Status.MISMATCH
    assert outcomes["C"].lines[0].checks[1].expected == D(0)  # nothing left of line 1


def test_a_duplicate_is_never_paid_twice() -> None:
    original = invoice("doc-1", ("1", "10", "100.00"), number="INV-7")
    copy = replace(original, document_id="doc-2", number=" inv-7 ")
    outcomes = run(copy, original)
    assert outcomes["doc-1"].status is Status.MATCHED
    assert (outcomes["doc-2"].status, outcomes["doc-2"].decided_by) == (
        Status.DUPLICATE,
        (RULE_DUPLICATE,),
    )
    assert outcomes["doc-2"].related == ("doc-1",)
    assert not outcomes["doc-2"].approvable


def test_a_reused_number_with_another_amount_goes_to_a_person() -> None:
    original = invoice("doc-1", ("1", "5", "100.00"), number="INV-7")
    other = invoice("doc-2", ("1", "5", "100.00"), number="INV-7", payable="1.00")
    outcome = run(original, other)["doc-2"]
    assert (outcome.status, outcome.decided_by) == (Status.MISMATCH, (RULE_NUMBER_REUSED,))


def credit(document_id: str, amount: str, *numbers: str) -> Invoice:
    return Invoice(
        document_id,
        SUPPLIER,
        document_id,
        date(2026, 11, 5),
        "NOK",
        D(amount),
        (InvoiceLine("1", D(1), D(amount), D(amount)),),
        credit_note=True,
        credited_numbers=numbers,
    )


def test_credit_notes_are_matched_against_the_invoice_they_credit() -> None:
    inv = invoice("A", ("1", "10", "100.00"), payable="1250.00")
    outcomes = run(
        inv,
        credit("CN-1", "250.00", "A"),
        credit("CN-2", "1000.00", "A"),
        credit("CN-3", "0.01", "A"),
    )
    assert outcomes["CN-1"].status is Status.CREDIT_MATCHED
    assert outcomes["CN-1"].related == ("A",)
    assert outcomes["CN-2"].status is Status.CREDIT_MATCHED
    over = outcomes["CN-3"]
    assert (over.status, over.decided_by) == (Status.CREDIT_UNMATCHED, (RULE_CREDITED_INVOICE,))
    assert outcomes["A"].credited_by == ("CN-1", "CN-2")


def test_a_credit_note_for_an_unknown_invoice_or_none_waits_for_a_person() -> None:
    outcomes = run(credit("CN-1", "10", "NOPE"), credit("CN-2", "10"))
    assert outcomes["CN-1"].status is Status.CREDIT_UNMATCHED
    assert "NOPE" in outcomes["CN-1"].reasons[0]
    assert "BT-25" in outcomes["CN-2"].reasons[0]


def test_a_fully_credited_invoice_gives_its_quantity_back() -> None:
    wrong = invoice("A", ("1", "10", "110.00"), payable="1375.00", issued=date(2026, 11, 2))
    right = invoice("B", ("1", "10", "100.00"), issued=date(2026, 11, 6))
    without_credit = run(wrong, right)
    assert without_credit["B"].status is Status.MISMATCH  # A took the 10 units
    with_credit = run(wrong, right, credit("CN", "1375.00", "A"))
    assert with_credit["B"].status is Status.MATCHED


def test_three_way_waits_for_the_receipt_and_says_what_was_despatched() -> None:
    po = order(("1", "10", "100.00"), three_way=True)
    inv = invoice("A", ("1", "10", "100.00"))
    despatch = Despatch("DA-1", "PO-1", (DespatchLine("1", D(10)),))
    book = MatchBook(STRICT)
    for document in (inv, po, despatch):
        book.add(document)
    waiting = book.outcomes()["A"]
    assert waiting.status is Status.PENDING and not waiting.approvable
    assert "despatched 10" in waiting.reasons[0]
    book.add(receipt("GR-1", ("1", "10")))
    assert book.outcomes()["A"].status is Status.MATCHED


def test_ids_must_be_unique() -> None:
    with pytest.raises(ValueError, match="two invoices"):
        run(invoice("A", ("1", "1", "1")), invoice("A", ("1", "1", "1")))
