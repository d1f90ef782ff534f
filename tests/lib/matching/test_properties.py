"""Property tests: the order of arrival never changes an outcome, and no
invoice (or quantity) is matched twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital.matching import (
    RULE_NUMBER_REUSED,
    Despatch,
    DespatchLine,
    Invoice,
    InvoiceLine,
    MatchBook,
    Order,
    OrderLine,
    Receipt,
    ReceiptLine,
    RuleKind,
    RuleSet,
    Status,
    ToleranceRule,
    match,
)

SUPPLIER = "0192:987654325"
RULES = RuleSet.of(
    [
        ToleranceRule("price-2pct", RuleKind.UNIT_PRICE_PERCENT, Decimal(2), date(2026, 1, 1)),
        ToleranceRule("total-50", RuleKind.TOTAL_ABSOLUTE, Decimal(50), date(2026, 1, 1)),
    ]
)
Document = Order | Receipt | Despatch | Invoice


@st.composite
def scenario(draw: st.DrawFn) -> list[Document]:
    orders = []
    for n in range(draw(st.integers(1, 2))):
        lines = tuple(
            OrderLine(
                str(i),
                Decimal(draw(st.integers(1, 12))),
                Decimal(draw(st.sampled_from([10, 99, 250]))),
            )
            for i in range(1, draw(st.integers(1, 3)) + 1)
        )
        orders.append(Order(f"PO-{n}", SUPPLIER, "NOK", lines, three_way=draw(st.booleans())))
    documents: list[Document] = list(orders)
    for n in range(draw(st.integers(0, 3))):
        po = draw(st.sampled_from(orders))
        lines = tuple(
            ReceiptLine(line.line_id, Decimal(draw(st.integers(0, 8))))
            for line in po.lines
            if draw(st.booleans())
        )
        if draw(st.booleans()):
            documents.append(Receipt(f"GR-{n}", po.order_id, lines))
        else:
            documents.append(
                Despatch(
                    f"DA-{n}",
                    po.order_id,
                    tuple(DespatchLine(r.order_line_id, r.quantity) for r in lines),
                )
            )
    invoices: list[Invoice] = []
    for n in range(draw(st.integers(1, 6))):
        po = draw(st.sampled_from(orders))
        lines = []
        for i, line in enumerate(
            draw(st.lists(st.sampled_from(po.lines), min_size=1, max_size=3)), 1
        ):
            quantity = Decimal(draw(st.integers(1, 8)))
            price = line.unit_price * draw(
                st.sampled_from([Decimal(1), Decimal("1.01"), Decimal("1.05")])
            )
            lines.append(
                InvoiceLine(str(i), quantity, price, quantity * price, order_line_id=line.line_id)
            )
        payable = sum((line.line_amount for line in lines), Decimal(0))
        number = draw(st.sampled_from(["F1", "F2", "F3", "F4", "F5", "F6"]))
        issued = date(2026, 11, 1) + timedelta(days=draw(st.integers(0, 4)))
        invoice = Invoice(
            f"doc-{n}", SUPPLIER, number, issued, "NOK", payable, tuple(lines), order_id=po.order_id
        )
        invoices.append(invoice)
        if draw(st.integers(0, 4)) == 0:  # the same invoice received again
            invoices.append(
                Invoice(
                    f"copy-{n}",
                    SUPPLIER,
                    number,
                    issued,
                    "NOK",
                    payable,
                    tuple(lines),
                    order_id=po.order_id,
                )
            )
    for n in range(draw(st.integers(0, 2))):
        target = draw(st.sampled_from(invoices))
        amount = target.payable_amount * draw(st.sampled_from([Decimal(1), Decimal("0.5")]))
        invoices.append(
            Invoice(
                f"cn-{n}",
                SUPPLIER,
                f"CN{n}",
                date(2026, 11, 6),
                "NOK",
                amount,
                (InvoiceLine("1", Decimal(1), amount, amount),),
                credit_note=True,
                credited_numbers=(target.number,),
            )
        )
    return documents + invoices


def outcomes_in_arrival_order(documents: list[Document]) -> dict[str, object]:
    book = MatchBook(RULES)
    for document in documents:
        book.add(document)
    return dict(book.outcomes())


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_order_of_arrival_does_not_change_any_outcome(data: st.DataObject) -> None:
    documents = data.draw(scenario())
    expected = outcomes_in_arrival_order(documents)
    shuffled = data.draw(st.permutations(documents))
    assert outcomes_in_arrival_order(list(shuffled)) == expected
    # and documents arriving one by one end where a single batch ends
    book = MatchBook(RULES)
    for document in shuffled:
        book.add(document)
        book.outcomes()
    assert book.outcomes() == expected


@settings(max_examples=150, deadline=None)
@given(scenario())
def test_no_invoice_and_no_quantity_is_matched_twice(documents: list[Document]) -> None:
    invoices = [d for d in documents if isinstance(d, Invoice)]
    outcomes = match(
        orders=[d for d in documents if isinstance(d, Order)],
        invoices=invoices,
        rules=RULES,
        receipts=[d for d in documents if isinstance(d, Receipt)],
        despatches=[d for d in documents if isinstance(d, Despatch)],
    )
    assert set(outcomes) == {i.document_id for i in invoices}  # one outcome each
    payable: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for invoice in invoices:
        outcome = outcomes[invoice.document_id]
        if outcome.status is not Status.DUPLICATE and outcome.decided_by != (RULE_NUMBER_REUSED,):
            payable[invoice.identity].append(invoice.document_id)
    assert all(len(ids) == 1 for ids in payable.values())  # one payable copy per invoice
    orders = {d.order_id: d for d in documents if isinstance(d, Order)}
    received: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for d in documents:
        if isinstance(d, Receipt):
            for line in d.lines:
                received[(d.order_id, line.order_line_id)] += line.quantity
    matched: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for invoice in invoices:
        outcome = outcomes[invoice.document_id]
        if outcome.status is Status.MATCHED and not outcome.credited_by:
            assert invoice.order_id is not None
            for line in outcome.lines:
                assert line.order_line_id is not None
                quantity = next(x.quantity for x in invoice.lines if x.line_id == line.line_id)
                matched[(invoice.order_id, line.order_line_id)] += quantity
    for (order_id, line_id), quantity in matched.items():
        po = orders[order_id]
        ordered = po.line(line_id)
        assert ordered is not None
        limit = received[(order_id, line_id)] if po.three_way else ordered.quantity
        assert quantity <= limit
