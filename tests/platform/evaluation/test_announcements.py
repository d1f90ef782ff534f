"""The worker's lifecycle notifications: standstill ended, awarded, concluded, cancelled.

Each is sent once however often the job runs (the notification row is the record),
through a real SMTP server, as an HTML e-mail with a text part linking to where the
recipient acts."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.common import local_text
from heldigital.apps.evaluation import services
from heldigital.apps.evaluation.models import AwardDecision
from heldigital.apps.evaluation.services import announcements
from heldigital.apps.jobs import tasks
from heldigital.apps.jobs.schedule import PERIODIC
from heldigital.apps.notifications import compose
from heldigital.apps.tendering.models import Interest, Notification
from tests.platform.concurrency import at_once
from tests.platform.conftest import acting, make_user
from tests.platform.evaluation.test_services import T, qualify_all, score
from tests.platform.mailparts import accessibility_problems, html, links, text

SENT_AT = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)


def _bystander(s):
    """A supplier that registered interest but did not tender (reads English)."""
    org = Organisation.objects.create(
        name="Gamma Grus AS", kind=OrganisationKind.SUPPLIER, orgnr="920000061"
    )
    user = make_user("gamma", (org, Role.SUPPLIER_USER))
    user.email = "gamma@gamma.invalid"
    user.language = "en"
    user.save()
    Interest.objects.create(
        procurement=s.procurement, supplier=org, registered_by=user, registered_at=T
    )
    return org


def _award(s, capture):
    with capture(execute=True):
        qualify_all(s)
        score(s)
        services.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
        services.decide_award(
            s.procurement, principal=acting(s.officer, s.buyer), now=T + timedelta(hours=1)
        )
        services.send_letters(s.procurement, principal=acting(s.officer, s.buyer), now=SENT_AT)


def test_standstill_end_and_award_are_announced_once(
    scenario, smtp, django_capture_on_commit_callbacks, settings
):
    s = scenario
    settings.LANGUAGE_CODE = "nb"
    bystander = _bystander(s)
    _award(s, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    ends_at = AwardDecision.objects.get().standstill_ends_at

    # During the standstill: the supplier that did not tender hears of the award, once.
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            announcements.send_due(SENT_AT + timedelta(minutes=5))
    [(to, awarded)] = smtp.messages
    assert to == ["gamma@gamma.invalid"]
    body, page = text(awarded), html(awarded)
    assert '<html lang="en">' in page and accessibility_problems(page) == []
    notice = compose.absolute(reverse("tendering:notice", args=[s.procurement.reference]))
    assert notice in links(page) and notice in body
    with translation.override("en"):  # the recipient's language
        assert local_text(ends_at) in body
    assert Notification.objects.filter(organisation=bystander, kind="status.awarded").count() == 1
    smtp.messages.clear()

    # Before the end nothing more; after it the buyer's officers are told, once, even
    # when the job runs twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert announcements.send_due(ends_at).total == 0
    for run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sent = announcements.send_due(ends_at + timedelta(minutes=1 + run))
        assert sent.standstill_ended == (1 if run == 0 else 0)
    [(to, ended)] = smtp.messages
    assert sorted(to) == ["officer@testkommune.invalid", "post@testkommune.invalid"]
    body, page = text(ended), html(ended)
    assert '<html lang="nb">' in page and accessibility_problems(page) == []
    overview = compose.absolute(reverse("evaluation:contract", args=[s.procurement.reference]))
    assert overview in links(page) and overview in body
    assert s.procurement.reference in ended["Subject"]
    assert Notification.objects.filter(organisation=s.buyer, kind="standstill.ended").count() == 1


def test_an_old_standstill_is_not_announced_by_a_new_worker(
    scenario, smtp, django_capture_on_commit_callbacks
):
    s = scenario
    _award(s, django_capture_on_commit_callbacks)
    smtp.messages.clear()
    ends_at = AwardDecision.objects.get().standstill_ends_at
    with django_capture_on_commit_callbacks(execute=True):
        assert announcements.send_due(ends_at + timedelta(days=30)).total == 0
    assert smtp.messages == []


def test_the_job_is_scheduled_and_runs_through_the_task(scenario):
    assert "lifecycle-notifications" in {job.name for job in PERIODIC}
    # Nothing due: the task (run at once by the test backend) sends nothing.
    assert tasks.send_lifecycle_notifications.call() == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_job_at_once_send_each_notification_once(
    scenario, smtp, monkeypatch, settings
):
    """The lifecycle-notifications job (``heldigital.apps.jobs.tasks``) run by two workers
    at the same moment, released together at a barrier, each with its own database
    connection: the award news and the standstill end each reach their recipients once
    (counted at a real SMTP server), and one notification row stands for each. The
    procurement's row lock (``SELECT ... FOR UPDATE``) makes the second worker wait and
    then find the rows the first wrote (without the lock this test fails: checked by
    removing it)."""
    from django.db import connection
    from django.utils import timezone

    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers are tested on PostgreSQL (SQLite serialises writers)")
    s = scenario
    settings.LANGUAGE_CODE = "nb"
    bystander = _bystander(s)
    # Outside a test transaction the letters' e-mails go out when each service commits.
    qualify_all(s)
    score(s)
    officer = acting(s.officer, s.buyer)
    services.compute_evaluation(s.procurement, principal=officer, now=T)
    services.decide_award(s.procurement, principal=officer, now=T + timedelta(hours=1))
    services.send_letters(s.procurement, principal=officer, now=SENT_AT)
    ends_at = AwardDecision.objects.get().standstill_ends_at
    clock = {"now": SENT_AT + timedelta(minutes=5)}
    monkeypatch.setattr(timezone, "now", lambda: clock["now"])  # the job reads the clock
    # Widen the race: a worker that has read what was sent waits half a second before it
    # sends (the real sending, only later), so the other worker runs into the same rows.
    from heldigital.apps.tendering import services as tendering

    notify = tendering.notify_organisations

    def slow_notify(*args, **kwargs):
        time.sleep(0.5)
        return notify(*args, **kwargs)

    monkeypatch.setattr(tendering, "notify_organisations", slow_notify)

    for moment, kind, organisation in (
        (SENT_AT + timedelta(minutes=5), "status.awarded", bystander),
        (ends_at + timedelta(minutes=1), "standstill.ended", s.buyer),
    ):
        clock["now"] = moment
        smtp.messages.clear()
        results = at_once(2, lambda _n: tasks.send_lifecycle_notifications.call())
        assert sorted(results) == [0, 1], results  # one worker sent, the other found it sent
        assert len(smtp.messages) == 1, [m["Subject"] for _to, m in smtp.messages]
        assert Notification.objects.filter(organisation=organisation, kind=kind).count() == 1
    [(to, ended)] = smtp.messages
    assert sorted(to) == ["officer@testkommune.invalid", "post@testkommune.invalid"]
    assert s.procurement.reference in ended["Subject"]
