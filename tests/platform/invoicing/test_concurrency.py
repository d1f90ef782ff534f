"""The same invoice received, approved and paid by several requests at once (PostgreSQL).

Real connections per thread, released together at a barrier: receipt and
payment orders are serialised per buyer, so exactly one copy is ever payable
and an invoice is in exactly one payment order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection

from heldigital.apps.accounts.models import Role
from heldigital.apps.invoicing import payments, services
from heldigital.apps.invoicing.models import InvoiceState, PaymentOrder, ReceivedInvoice
from tests.conftest import corpus
from tests.platform import concurrency
from tests.platform.conftest import acting, make_user
from tests.platform.invoicing.test_payments import norwegian_invoice

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WORKERS = 4


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent receipt is tested on PostgreSQL (SQLite serialises writers)")


def at_once(work) -> list[object]:
    return concurrency.at_once(WORKERS, work)


def test_copies_received_at_once_leave_exactly_one_payable(municipality):
    examples = corpus("peppol-bis-invoice-3", "rules", "examples")
    services.receive(
        municipality, (examples / "base-example.xml").read_bytes(), channel="upload", now=NOW
    )
    credit = (examples / "base-creditnote-correction.xml").read_bytes()
    results = at_once(lambda n: services.receive(municipality, credit, channel="exchange", now=NOW))
    assert all(isinstance(r, ReceivedInvoice) for r in results), results
    states = sorted(
        ReceivedInvoice.objects.filter(kind="credit_note").values_list("state", flat=True)
    )
    assert states == [InvoiceState.APPROVED] + [InvoiceState.DUPLICATE] * (WORKERS - 1)


def test_payment_orders_made_at_once_hold_each_invoice_once(municipality):
    admin = make_user("admin", (municipality, Role.BUYER_ADMIN))
    for number in ("F-1", "F-2"):
        row = services.receive(municipality, norwegian_invoice(number), channel="upload", now=NOW)
        services.decide(row, principal=acting(admin), approve=True, now=NOW)
    results = at_once(
        lambda n: payments.order_payments(
            municipality,
            principal=acting(admin, municipality),
            debtor_account="86011117947",
            execution_date=date(2026, 11, 27),
            now=NOW,
        )
    )
    made = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, services.InvoicingError)]
    assert (len(made), len(refused)) == (1, WORKERS - 1), results
    assert PaymentOrder.objects.count() == 1
    assert PaymentOrder.objects.get().items.count() == 2


def test_two_approvers_deciding_one_invoice_at_once_make_one_decision(municipality):
    """Through the API: one approves, the other rejects, at the same moment; exactly one
    decision is made, the other is answered 409 (a problem), never a 5xx."""
    from django.test import Client

    from heldigital.apps.accounts.models import ApiToken
    from tests.platform.conftest import LONG_LIVED

    examples = corpus("peppol-bis-invoice-3", "rules", "examples")
    row = services.receive(
        municipality, (examples / "base-example.xml").read_bytes(), channel="upload", now=NOW
    )
    assert row.state == InvoiceState.INBOX
    tokens = []
    for name in ("kari", "ola"):
        user = make_user(name, (municipality, Role.APPROVER))
        _, raw = ApiToken.issue(
            user=user, organisation=municipality, name="t", now=NOW, expires_at=NOW + LONG_LIVED
        )
        tokens.append(raw)
    bodies = [{"approve": True, "note": "OK"}, {"approve": False, "note": "Feil pris"}]

    def decide(n: int):
        return Client().post(
            f"/api/v1/invoices/{row.pk}/decision",
            data=bodies[n],
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tokens[n]}",
        )

    answers = concurrency.at_once(2, decide)
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert sorted(a.status_code for a in answers) == [200, 409], [a.content for a in answers]
    loser = next(a for a in answers if a.status_code == 409)
    assert loser["Content-Type"].startswith("application/problem+json")
    winner = next(a for a in answers if a.status_code == 200).json()
    row.refresh_from_db()
    assert row.state == winner["state"] and row.state in (
        InvoiceState.APPROVED,
        InvoiceState.REJECTED,
    )
    assert row.decided_by is not None


def test_many_decisions_at_once_on_one_invoice_leave_one(municipality):
    examples = corpus("peppol-bis-invoice-3", "rules", "examples")
    row = services.receive(
        municipality, (examples / "base-example.xml").read_bytes(), channel="upload", now=NOW
    )
    approvers = [make_user(f"a{n}", (municipality, Role.APPROVER)) for n in range(WORKERS)]
    results = at_once(
        lambda n: services.decide(
            row, principal=acting(approvers[n]), approve=n % 2 == 0, now=NOW, note="x"
        )
    )
    decided = [r for r in results if isinstance(r, ReceivedInvoice)]
    refused = [r for r in results if isinstance(r, services.InvoicingError)]
    assert (len(decided), len(refused)) == (1, WORKERS - 1), results
    row.refresh_from_db()
    assert row.state == decided[0].state and row.decided_by == decided[0].decided_by
