"""Two approvers deciding one order at the same moment (PostgreSQL).

Real connections per thread, released together at a barrier. The order's row is
locked while an approval is decided, so the second approver sees the first one's
approval: an order that needs one approval is approved once and sent once, and the
other approver is refused; an order that needs two gets exactly levels 1 and 2 and
is sent once.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from heldigital.apps.exchange.models import Document
from heldigital.apps.ordering import services
from heldigital.apps.ordering.models import OrderStatus, PurchaseOrder
from tests.platform import concurrency
from tests.platform.conftest import acting
from tests.platform.ordering.conftest import DAY
from tests.platform.ordering.test_orders import basket, ready

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent approval is tested on PostgreSQL (SQLite serialises writers)")


def _approve_at_once(f, order):
    return concurrency.at_once(
        2,
        lambda n: services.approve_order(
            PurchaseOrder.objects.get(pk=order.pk),
            principal=acting(f.approvers[0 if n == 0 else 1], f.buyer),
            now=DAY,
        ),
    )


def test_one_approval_needed_two_approvers_at_once(follow_up):
    f = follow_up
    first = next(iter(ready(f, second_level_above="100000000")))
    order = services.submit_order(
        basket(f, {first: "1"}), principal=acting(f.requester, f.buyer), now=DAY
    )
    results = _approve_at_once(f, order)
    approved = [r for r in results if isinstance(r, PurchaseOrder)]
    refused = [r for r in results if isinstance(r, services.OrderingError)]
    assert (len(approved), len(refused)) == (1, 1), results
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.approvals.count() == 1
    assert Document.objects.filter(family="order", direction="out").count() == 1


def test_two_approvals_needed_two_approvers_at_once(follow_up):
    f = follow_up
    first = next(iter(ready(f, second_level_above="0")))
    order = services.submit_order(
        basket(f, {first: "1"}), principal=acting(f.requester, f.buyer), now=DAY
    )
    assert order.total > Decimal(0)
    results = _approve_at_once(f, order)
    assert all(isinstance(r, PurchaseOrder) for r in results), results
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT
    assert sorted(order.approvals.values_list("level", flat=True)) == [1, 2]
    assert Document.objects.filter(family="order", direction="out").count() == 1
