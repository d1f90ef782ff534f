"""A supplier with a draft tender not submitted is reminded once before the deadline,
however often the worker runs; a real SMTP server receives it."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import translation

from heldigital.apps.common import local_text
from heldigital.apps.jobs import tasks
from heldigital.apps.notifications import compose
from heldigital.apps.submissions import reminders
from heldigital.apps.submissions import services as submissions
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Notification
from tests.platform.conftest import acting
from tests.platform.mailparts import accessibility_problems, html, links, text


def test_a_draft_is_reminded_once_per_deadline(
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
    supplier_user.language = "nb"
    supplier_user.save()
    for user, organisation in ((supplier_user, supplier), (other_supplier_user, other_supplier)):
        services.register_interest(published, principal=acting(user, organisation), now=now)
    # Only the supplier with a draft is reminded (the other never started one).
    submissions.start_tender(published, principal=acting(supplier_user, supplier), now=now)
    deadline = published.tender_deadline
    lead = timedelta(hours=24)

    assert reminders.remind_drafts(deadline - timedelta(hours=25), lead=lead) == 0
    for run in range(2):  # the worker runs twice: one reminder
        with django_capture_on_commit_callbacks(execute=True):
            reminded = reminders.remind_drafts(deadline - timedelta(hours=23 - run), lead=lead)
        assert reminded == (1 if run == 0 else 0)
    [(to, message)] = smtp.messages
    assert to == ["kari@leverandor.invalid"]
    body, page = text(message), html(message)
    assert '<html lang="nb">' in page and accessibility_problems(page) == []
    link = compose.absolute(reverse("submissions:tender", args=[published.reference]))
    assert link in links(page) and link in body
    with translation.override("nb"):  # the recipient's language
        assert local_text(deadline) in message["Subject"]
    assert (
        Notification.objects.filter(
            organisation=supplier, kind__startswith="draft-reminder:"
        ).count()
        == 1
    )
    assert not Notification.objects.filter(
        organisation=other_supplier, kind__startswith="draft-reminder:"
    ).exists()
    # After the deadline nothing.
    assert reminders.remind_drafts(deadline + timedelta(seconds=1), lead=lead) == 0


def test_the_periodic_job_sends_both_reminders(published, supplier, supplier_user, now, settings):
    services.register_interest(published, principal=acting(supplier_user, supplier), now=now)
    submissions.start_tender(published, principal=acting(supplier_user, supplier), now=now)
    # The deadline is further ahead than both leads: the job (run at once) sends nothing.
    settings.HELDIGITAL_DRAFT_REMINDER_HOURS = 1
    assert tasks.send_deadline_reminders.call() == 0
