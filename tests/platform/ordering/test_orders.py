from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heldigital.apps.exchange.models import Document
from heldigital.apps.ordering import services
from heldigital.apps.ordering.models import OrderStatus
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from tests.platform.conftest import acting
from tests.platform.ordering.conftest import CONCLUDED, DAY
from tests.platform.ordering.helpers import (
    LineAnswer,
    answer,
    despatch,
    received_order,
    valid,
)


def ready(f, *, no_approval_up_to="0", second_level_above="100000"):
    """Catalogue made, a threshold rule and budget authority for both approvers."""
    services.make_contract_catalogue(f.contract, principal=acting(f.officer, f.buyer), now=DAY)
    admin = acting(f.admin, f.buyer)
    services.add_threshold_rule(
        f.buyer,
        principal=admin,
        name="Attestasjon 2027",
        effective_from=date(2027, 1, 1),
        no_approval_up_to=Decimal(no_approval_up_to),
        second_level_above=Decimal(second_level_above),
        now=DAY,
    )
    for n, approver in enumerate(f.approvers, start=1):
        services.add_authority_rule(
            f.buyer,
            principal=admin,
            name=f"Budsjettfullmakt {n}",
            effective_from=date(2027, 1, 1),
            approver=approver,
            cost_centre="*" if n == 1 else "1200",
            limit=Decimal("1000000"),
            now=DAY,
        )
    return {line.line_id: line for line in services.search_catalogue(f.contract)}


def basket(f, lines, cost_centre="1200"):
    return services.create_order(
        f.contract,
        principal=acting(f.requester, f.buyer),
        lines=lines,
        cost_centre=cost_centre,
        now=DAY,
    )


def test_basket_approval_and_order_sent_to_the_supplier(follow_up):
    f = follow_up
    catalogue = ready(f)
    first, second = list(catalogue)[:2]
    order = basket(f, {first: Decimal("2"), second: "1.5"})
    assert order.status == OrderStatus.DRAFT and order.number == f"{f.contract.number}-O1"
    expected = sum(
        (
            (Decimal(q) * catalogue[i].price).quantize(Decimal("0.01"))
            for i, q in ((first, "2"), (second, "1.5"))
        ),
        Decimal(0),
    )
    assert order.total == expected
    order = services.set_basket(
        order, principal=acting(f.requester, f.buyer), lines={first: "3"}, now=DAY
    )
    assert [(x.line_id, x.quantity) for x in order.lines.all()] == [("1", Decimal("3"))]
    with pytest.raises(PermissionDenied):
        services.submit_order(order, principal=acting(f.officer, f.buyer), now=DAY)
    order = services.submit_order(order, principal=acting(f.requester, f.buyer), now=DAY)
    assert order.status == OrderStatus.AWAITING_APPROVAL
    assert order.approval_rules == ["Attestasjon 2027"]
    with pytest.raises(PermissionDenied):
        services.approve_order(order, principal=acting(f.requester, f.buyer), now=DAY)
    own = services.create_order(
        f.contract, principal=acting(f.admin, f.buyer), lines={first: "1"}, cost_centre="1", now=DAY
    )
    own = services.submit_order(own, principal=acting(f.admin, f.buyer), now=DAY)
    with pytest.raises(PermissionDenied, match="requester cannot approve"):
        services.approve_order(own, principal=acting(f.admin, f.buyer), now=DAY)
    order = services.approve_order(order, principal=acting(f.approvers[0], f.buyer), now=DAY)
    assert order.status == OrderStatus.SENT
    assert order.approval_rules == ["Attestasjon 2027", "Budsjettfullmakt 1"]
    sent = valid(bytes(order.payload))
    received = received_order(f, order.number)
    assert received.id == order.number and received.accounting_cost == "1200"
    assert received.contract[0].id == f.contract.number
    assert bytes(Document.objects.get(pk=order.document_id).payload) == sent
    made = services.orders_for_matching(f.buyer, order.number)
    assert made is not None and made.supplier == f"0192:{f.supplier.orgnr}"
    assert [(x.line_id, x.quantity, x.unit_price) for x in made.lines] == [
        ("1", Decimal("3"), catalogue[first].price)
    ]
    with pytest.raises(services.OrderingError):
        services.approve_order(order, principal=acting(f.approvers[1], f.buyer), now=DAY)


def test_small_orders_need_no_approval_and_large_ones_two(follow_up):
    f = follow_up
    catalogue = ready(f, no_approval_up_to="1000000", second_level_above="2000000")
    first = next(iter(catalogue))
    small = basket(f, {first: "1"})
    small = services.submit_order(small, principal=acting(f.requester, f.buyer), now=DAY)
    assert small.status == OrderStatus.SENT and small.approval_rules == ["Attestasjon 2027"]
    # a later rule lowers the thresholds: above 0 one approval, above 1 two approvals
    services.add_threshold_rule(
        f.buyer,
        principal=acting(f.admin, f.buyer),
        name="Strammere 2027",
        effective_from=date(2027, 1, 3),
        no_approval_up_to=Decimal("0"),
        second_level_above=Decimal("1"),
        now=DAY,
    )
    large = basket(f, {first: "10"})
    large = services.submit_order(large, principal=acting(f.requester, f.buyer), now=DAY)
    assert large.status == OrderStatus.AWAITING_APPROVAL
    large = services.approve_order(large, principal=acting(f.approvers[0], f.buyer), now=DAY)
    assert large.status == OrderStatus.AWAITING_APPROVAL
    with pytest.raises(PermissionDenied, match="another person"):
        services.approve_order(large, principal=acting(f.approvers[0], f.buyer), now=DAY)
    large = services.approve_order(large, principal=acting(f.approvers[1], f.buyer), now=DAY)
    assert large.status == OrderStatus.SENT
    assert large.approval_rules == ["Strammere 2027", "Budsjettfullmakt 1", "Budsjettfullmakt 2"]


def test_budget_authority_per_cost_centre_and_limit(follow_up):
    f = follow_up
    catalogue = ready(f)
    first = next(iter(catalogue))
    other = basket(f, {first: "1"}, cost_centre="3400")
    other = services.submit_order(other, principal=acting(f.requester, f.buyer), now=DAY)
    with pytest.raises(PermissionDenied, match="no budget authority for cost centre 3400"):
        services.approve_order(other, principal=acting(f.approvers[1], f.buyer), now=DAY)
    services.add_authority_rule(
        f.buyer,
        principal=acting(f.admin, f.buyer),
        name="Redusert fullmakt",
        effective_from=date(2027, 1, 2),
        approver=f.approvers[0],
        cost_centre="*",
        limit=other.total - Decimal("0.01"),
        now=DAY,
    )
    with pytest.raises(PermissionDenied, match="above the budget authority"):
        services.approve_order(other, principal=acting(f.approvers[0], f.buyer), now=DAY)
    services.decline_order(
        other, principal=acting(f.approvers[0], f.buyer), now=DAY, reason="Ikke budsjett"
    )
    other.refresh_from_db()
    assert other.status == OrderStatus.CANCELLED and other.payload is None
    assert services.orders_for_matching(f.buyer, other.number) is None


def test_orders_outside_a_valid_contract_are_refused_with_the_reason(follow_up):
    f = follow_up
    catalogue = ready(f)
    first = next(iter(catalogue))
    with pytest.raises(services.OrderingError, match="period starts 2027-01-01"):
        services.create_order(
            f.contract,
            principal=acting(f.requester, f.buyer),
            lines={first: "1"},
            cost_centre="1200",
            now=CONCLUDED,
        )
    with pytest.raises(services.OrderingError, match="period ended 2028-12-31"):
        services.create_order(
            f.contract,
            principal=acting(f.requester, f.buyer),
            lines={first: "1"},
            cost_centre="1200",
            now=DAY.replace(year=2029),
        )
    with pytest.raises(ValidationError):
        basket(f, {"no-such-line": "1"})
    with pytest.raises(ValidationError):
        basket(f, {first: "-1"})
    waiting = services.submit_order(
        basket(f, {first: "1"}), principal=acting(f.requester, f.buyer), now=DAY
    )
    services.set_terms(
        f.contract,
        principal=acting(f.officer, f.buyer),
        now=DAY,
        terminated_on=DAY.date(),
        termination_reason="Vesentlig mislighold",
    )
    with pytest.raises(services.OrderingError, match="terminated with effect from 2027-01-04"):
        basket(f, {first: "1"})
    with pytest.raises(services.OrderingError, match="terminated"):
        services.approve_order(waiting, principal=acting(f.approvers[0], f.buyer), now=DAY)
    waiting.refresh_from_db()
    assert waiting.status == OrderStatus.AWAITING_APPROVAL and not waiting.approvals.exists()
    assert not Document.objects.filter(family="order").exists()


def _sent(f, lines):
    ready(f)
    order = basket(f, lines)
    order = services.submit_order(order, principal=acting(f.requester, f.buyer), now=DAY)
    return services.approve_order(order, principal=acting(f.approvers[0], f.buyer), now=DAY)


def test_order_response_with_changed_lines_is_applied(follow_up):
    f = follow_up
    catalogue = ready(f)
    first, second = list(catalogue)[:2]
    order = basket(f, {first: "4", second: "2"})
    order = services.submit_order(order, principal=acting(f.requester, f.buyer), now=DAY)
    order = services.approve_order(order, principal=acting(f.approvers[0], f.buyer), now=DAY)
    later = DAY + timedelta(hours=2)
    new_price = catalogue[first].price - Decimal("1")
    answer(
        f,
        order.number,
        later,
        "CA",
        [
            LineAnswer(line_id="1", status="3", quantity=Decimal("3"), price=new_price),
            LineAnswer(line_id="2", status="7"),
        ],
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CHANGED and order.response_code == "CA"
    lines = {x.line_id: x for x in order.lines.all()}
    assert (lines["1"].agreed_quantity, lines["1"].agreed_price) == (Decimal("3"), new_price)
    assert lines["2"].response_status == "7" and lines["2"].agreed_quantity == 0
    made = services.orders_for_matching(f.buyer, order.number)
    assert [(x.line_id, x.quantity, x.unit_price) for x in made.lines] == [
        ("1", Decimal("3"), new_price)
    ]
    assert order.responses.get().number == "R1"


def test_rejected_order(follow_up):
    f = follow_up
    order = _sent(f, {next(iter(ready(f))): "1"})
    answer(f, order.number, DAY, "RE")
    order.refresh_from_db()
    assert order.status == OrderStatus.REJECTED
    assert services.orders_for_matching(f.buyer, order.number).lines == ()


def test_despatch_and_goods_receipts_full_and_partial(follow_up):
    f = follow_up
    first = next(iter(ready(f)))
    order = _sent(f, {first: "10"})
    answer(f, order.number, DAY, "AP")
    with pytest.raises(PermissionDenied):
        services.register_receipt(
            order, principal=acting(f.requester, f.buyer), lines={"1": "4"}, now=DAY
        )
    by_hand = services.register_receipt(
        order, principal=acting(f.receiver, f.buyer), lines={"1": "4"}, now=DAY
    )
    assert [(x.status, x.received, x.outstanding) for x in services.receipt_status(order)] == [
        ("partial", Decimal("4"), Decimal("6"))
    ]
    with pytest.raises(ValidationError, match="more than the 10"):
        services.register_receipt(
            order, principal=acting(f.receiver, f.buyer), lines={"1": "7"}, now=DAY
        )
    despatch(f, order.number, DAY, {"1": Decimal("6")})
    (advice,) = order.despatches.all()
    assert advice.lines == [{"order_line_id": "1", "quantity": "6"}]
    from_advice = services.receive_despatch(advice, principal=acting(f.receiver, f.buyer), now=DAY)
    with pytest.raises(services.OrderingError):
        services.receive_despatch(advice, principal=acting(f.receiver, f.buyer), now=DAY)
    assert [(x.status, x.received) for x in services.receipt_status(order)] == [
        ("full", Decimal("10"))
    ]
    receipts = services.receipts_for_order(f.buyer, order.number)
    assert [r.receipt_id for r in receipts] == [by_hand.number, from_advice.number]
    assert receipts[1].despatch_id == "D1" and receipts[1].lines[0].quantity == Decimal("6")
    assert [d.despatch_id for d in services.despatches_for_order(f.buyer, order.number)] == ["D1"]
    orders, all_receipts, despatches = services.matching_documents(f.buyer)
    assert [o.order_id for o in orders] == [order.number] and len(all_receipts) == 2
    assert orders[0].three_way and [d.despatch_id for d in despatches] == ["D1"]
    with pytest.raises(services.OrderingError, match="despatched or received"):
        services.cancel_order(order, principal=acting(f.requester, f.buyer), now=DAY, reason="x")


def test_a_sent_order_is_cancelled_with_an_order_cancellation(follow_up):
    f = follow_up
    order = _sent(f, {next(iter(ready(f))): "1"})
    with pytest.raises(ValidationError):
        services.cancel_order(order, principal=acting(f.requester, f.buyer), now=DAY, reason=" ")
    order = services.cancel_order(
        order, principal=acting(f.requester, f.buyer), now=DAY, reason="Feilbestilling"
    )
    assert order.status == OrderStatus.CANCELLED
    document = Document.objects.get(organisation=f.supplier, direction="in", family="order_change")
    cancellation = OrderCancellation.from_xml(valid(bytes(document.payload)))
    assert cancellation.order_reference[0].id.value == order.number
    assert services.orders_for_matching(f.buyer, order.number).lines == ()
    assert isinstance(Order.from_xml(bytes(order.payload)), Order)


def test_exchange_round_trip_order_out_response_back(follow_up):
    """The order goes from the buyer's outbox into the supplier's inbox on the platform;
    the supplier's T76 comes back into the buyer's inbox and is applied to the order."""
    f = follow_up
    order = _sent(f, {next(iter(ready(f))): "2"})
    outbox = Document.objects.get(pk=order.document_id)
    assert (outbox.organisation, outbox.direction, outbox.tracking.state) == (
        f.buyer,
        "out",
        "delivered",
    )
    inbox = Document.objects.get(organisation=f.supplier, direction="in", family="order")
    assert inbox.counterpart == outbox and inbox.reference == f"contract:{f.contract.number}"
    assert inbox.valid and inbox.receiver == f.supplier.peppol_participant
    sent_back = answer(f, order.number, DAY + timedelta(hours=1), "AP", id="OR-1")
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    record = order.responses.get()
    assert record.document.counterpart == sent_back and record.document.organisation == f.buyer
    assert record.code == "AP" and record.number == "OR-1"
    assert services.orders_for_matching(f.buyer, order.number).lines[0].quantity == Decimal("2")


def test_a_sent_order_is_reduced_with_an_order_change(follow_up):
    f = follow_up
    catalogue = ready(f)
    first, second = list(catalogue)[:2]
    order = _sent(f, {first: "10", second: "2"})
    answer(f, order.number, DAY, "AP")
    services.register_receipt(
        order, principal=acting(f.receiver, f.buyer), lines={"1": "4"}, now=DAY
    )
    me = acting(f.requester, f.buyer)
    with pytest.raises(ValidationError, match="only reduces"):
        services.change_order(order, principal=me, lines={"1": "11"}, now=DAY, reason="Mer")
    with pytest.raises(ValidationError, match="already received"):
        services.change_order(order, principal=me, lines={"1": "3"}, now=DAY, reason="Mindre")
    with pytest.raises(ValidationError):
        services.change_order(order, principal=me, lines={"1": "6"}, now=DAY, reason=" ")
    services.change_order(order, principal=me, lines={"1": "6"}, now=DAY, reason="Mindre")
    services.change_order(order, principal=me, lines={"2": "0"}, now=DAY, reason="Utgår")
    from heldigital.ehf.order_change import OrderChange

    changes = [
        OrderChange.from_xml(valid(bytes(d.payload)))
        for d in Document.objects.filter(
            organisation=f.supplier, direction="in", family="order_change"
        ).order_by("number")
    ]
    assert [(c.order_reference.id.value, c.sequence_number_id) for c in changes] == [
        (order.number, "1"),
        (order.number, "2"),
    ]
    assert [
        [
            (x.line_item.id, x.line_item.line_status_code, x.line_item.quantity.value)
            for x in c.order_line
        ]
        for c in changes
    ] == [
        [("1", "3", Decimal("6")), ("2", "4", Decimal("2"))],
        [("1", "4", Decimal("6")), ("2", "2", Decimal("0"))],
    ]
    made = services.orders_for_matching(f.buyer, order.number)
    assert [(x.line_id, x.quantity) for x in made.lines] == [("1", Decimal("6"))]
    assert [(x.line_id, x.agreed, x.status) for x in services.receipt_status(order)] == [
        ("1", Decimal("6"), "partial"),
        ("2", Decimal("0"), "full"),
    ]
    with pytest.raises(ValidationError, match="more than the 6"):
        services.register_receipt(
            order, principal=acting(f.receiver, f.buyer), lines={"1": "3"}, now=DAY
        )


def test_the_supplier_answers_and_despatches_from_the_order_received(follow_up):
    """Nothing typed twice: the supplier's T76 and T16 are made from the order in its inbox."""
    f = follow_up
    first, second = list(ready(f))[:2]
    order = _sent(f, {first: "5", second: "1"})
    received = Document.objects.get(organisation=f.supplier, direction="in", family="order")
    supplier = acting(f.supplier_user, f.supplier)
    with pytest.raises(PermissionDenied):
        services.answer_order(received, principal=acting(f.officer, f.buyer), code="AP", now=DAY)
    with pytest.raises(PermissionDenied):  # the buyer's outbox copy is not the supplier's
        services.answer_order(order.document, principal=supplier, code="AP", now=DAY)
    response = services.answer_order(
        received,
        principal=supplier,
        code="CA",
        lines=[
            LineAnswer(line_id="1", status="3", quantity=Decimal("4")),
            LineAnswer(line_id="2", status="5"),
        ],
        now=DAY,
    )
    valid(bytes(response.payload))
    order.refresh_from_db()
    assert (
        order.status == OrderStatus.CHANGED and order.responses.get().number == f"{order.number}-R1"
    )
    advice = services.despatch_order(
        received, principal=supplier, quantities={"1": Decimal("4"), "2": Decimal("1")}, now=DAY
    )
    valid(bytes(advice.payload))
    (record,) = order.despatches.all()
    assert record.number == f"{order.number}-D1"
    services.receive_despatch(record, principal=acting(f.receiver, f.buyer), now=DAY)
    assert [x.status for x in services.receipt_status(order)] == ["full", "full"]
    (receipt,) = services.receipts_for_order(f.buyer, order.number)
    made = services.orders_for_matching(f.buyer, order.number)
    assert {(x.line_id, x.quantity) for x in made.lines} == {
        (x.order_line_id, x.quantity) for x in receipt.lines
    }


def test_invoicing_matches_against_the_orders_sent_here(follow_up):
    from heldigital.apps.invoicing import services as invoicing

    f = follow_up
    catalogue = ready(f)
    first = next(iter(catalogue))
    order = basket(f, {first: "3"})
    order = services.submit_order(order, principal=acting(f.requester, f.buyer), now=DAY)
    order = services.approve_order(order, principal=acting(f.approvers[0], f.buyer), now=DAY)
    source = invoicing.set_order_source(None)
    invoicing.set_order_source(source)
    assert source is services.order_source
    orders, receipts = source(f.buyer, frozenset({order.number, "NO-SUCH-ORDER"}))
    assert [o.order_id for o in orders] == [order.number]
    assert [line.quantity for line in orders[0].lines] == [Decimal(3)]
    assert receipts == []
