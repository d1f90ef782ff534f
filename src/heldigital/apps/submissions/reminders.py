"""A supplier with an unsubmitted draft is reminded before the tender deadline (the worker).

:func:`remind_drafts` is called by the periodic job with ``now``: for every
published procurement whose tender deadline is at most ``lead`` ahead, each
supplier with a draft tender gets one platform notification and e-mail
(heldigital.apps.notifications) linking to its tender page, once per
supplier and deadline (the notification row is the record of what was sent;
a run again, or a second worker, sends nothing more; a deadline moved later
is reminded of again). Only the supplier itself is told; nothing about a
tender is shown to anyone else.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.common import local_text, require_aware, send_on_commit
from heldigital.apps.notifications import compose
from heldigital.apps.submissions.models import Tender, TenderStatus
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import Notification, Procurement, ProcurementStatus

#: How long before the tender deadline a supplier with a draft is reminded.
DRAFT_REMINDER_LEAD = timedelta(hours=24)


def _kind(deadline: datetime) -> str:
    return "draft-reminder:" + deadline.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def _reminder(procurement: Procurement, deadline: datetime, submitted: bool) -> compose.Content:
    if submitted:
        state = _(
            "You have started a change to your tender that is not submitted. Your tender "
            "as submitted stands; the change counts only if you submit it before the deadline."
        )
    else:
        state = _(
            "Your organisation has a draft tender that is not submitted. A draft is not a "
            "tender: submit it before the deadline, or it will not be considered."
        )
    return compose.Content(
        subject=_("Not submitted: %(title)s, deadline %(when)s")
        % {"title": procurement.title, "when": local_text(deadline)},
        paragraphs=[state],
        facts=[
            *tendering.procurement_facts(procurement),
            (_("Tender deadline"), local_text(deadline)),
        ],
        action=(_("Submit your tender"), tendering.page("submissions:tender", procurement)),
    )


def remind_drafts(now: datetime, *, lead: timedelta = DRAFT_REMINDER_LEAD) -> int:
    """Remind each supplier with a draft tender of a deadline at most ``lead`` ahead.

    Returns the number of suppliers reminded in this run.
    """
    require_aware(now)
    reminded = 0
    due = Procurement.objects.filter(
        status=ProcurementStatus.PUBLISHED,
        tender_deadline__gt=now,
        tender_deadline__lte=now + lead,
        tenders__status=TenderStatus.DRAFT,
    ).distinct()
    for pk in due.order_by("tender_deadline", "pk").values_list("pk", flat=True):
        with transaction.atomic():
            # The row lock makes two concurrent runs take turns per procurement.
            procurement = Procurement.objects.select_for_update().get(pk=pk)
            deadline = procurement.tender_deadline
            if deadline is None or not (now < deadline <= now + lead):
                continue
            kind = _kind(deadline)
            done = set(
                Notification.objects.filter(procurement=procurement, kind=kind).values_list(
                    "organisation_id", flat=True
                )
            )
            tenders = Tender.objects.filter(procurement=procurement).select_related("supplier")
            drafts = {t.supplier_id: t.supplier for t in tenders if t.status == TenderStatus.DRAFT}
            submitted = {t.supplier_id for t in tenders if t.status == TenderStatus.SUBMITTED}
            for supplier_id, supplier in sorted(drafts.items()):
                if supplier_id in done:
                    continue
                messages = tendering.notify_organisations(
                    procurement,
                    [tendering.Recipient(supplier, ())],
                    kind=kind,
                    build=lambda p=procurement, d=deadline, s=supplier_id in submitted: _reminder(
                        p, d, s
                    ),
                    now=now,
                )
                send_on_commit(messages)
                reminded += 1
    return reminded
