"""The worker's lifecycle notifications: standstill ended, awarded, concluded, cancelled.

Each is sent once however often the job runs (the notification row is the record),
through a real SMTP server, as an HTML e-mail with a text part linking to where the
recipient acts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.common import format_local
from heldigital.apps.evaluation import services
from heldigital.apps.evaluation.models import AwardDecision
from heldigital.apps.evaluation.services import announcements
from heldigital.apps.jobs import tasks
from heldigital.apps.jobs.schedule import PERIODIC
from heldigital.apps.notifications import compose
from heldigital.apps.tendering.models import Interest, Notification
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
    assert format_local(ends_at) in body
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
