"""Deadline reminders: once per supplier and deadline, to a real SMTP server."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection

from heldigital.apps.common import local_text
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Notification, Procurement
from tests.platform.conftest import acting
from tests.platform.mailparts import text


def _register(published, *pairs, at):
    for user, organisation in pairs:
        services.register_interest(published, principal=acting(user, organisation), now=at)


def test_registered_suppliers_are_reminded_once_per_deadline(
    published,
    supplier,
    supplier_user,
    other_supplier,
    other_supplier_user,
    now,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    deadline = published.tender_deadline
    _register(
        published,
        (supplier_user, supplier),
        (other_supplier_user, other_supplier),
        at=now + timedelta(hours=1),
    )

    # more than 48 hours ahead: nothing yet
    assert services.send_deadline_reminders(deadline - timedelta(hours=49)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders(deadline - timedelta(hours=47)) == 2
    assert len(smtp.messages) == 2
    for _rcpt, message in smtp.messages:
        body = text(message)
        assert published.reference in body
        assert f"/supplier/tenders/{published.reference}/" in body
        assert local_text(deadline) in message["Subject"]
    reminders = Notification.objects.filter(kind__startswith="deadline-reminder:")
    assert {n.organisation_id for n in reminders} == {supplier.pk, other_supplier.pk}

    # once per supplier and deadline
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders(deadline - timedelta(hours=1)) == 0
    assert len(smtp.messages) == 2

    # a deadline moved later is reminded of again; after the deadline nothing is sent
    later = deadline + timedelta(days=3)
    Procurement.objects.filter(pk=published.pk).update(tender_deadline=later)
    assert services.send_deadline_reminders(later - timedelta(hours=2)) == 2
    assert services.send_deadline_reminders(later + timedelta(seconds=1)) == 0


def test_no_registered_supplier_no_reminder(published, now):
    deadline = published.tender_deadline
    assert services.send_deadline_reminders(deadline - timedelta(hours=1)) == 0
    assert not Notification.objects.filter(kind__startswith="deadline-reminder:").exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_remind_each_supplier_once(
    published, supplier, supplier_user, other_supplier, other_supplier_user, now
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks: tested on PostgreSQL (SQLite serialises writers)")
    _register(
        published,
        (supplier_user, supplier),
        (other_supplier_user, other_supplier),
        at=now + timedelta(hours=1),
    )
    at = published.tender_deadline - timedelta(hours=2)

    def run(_):
        try:
            return services.send_deadline_reminders(at)
        finally:
            connection.close()

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(run, range(6)))
    assert sum(results) == 2
    assert Notification.objects.filter(kind__startswith="deadline-reminder:").count() == 2
