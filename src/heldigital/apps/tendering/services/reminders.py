"""Reminders of the tender deadline to registered suppliers (sent by the worker)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.common import (
    local_text,
    send_on_commit,
)
from heldigital.apps.notifications import compose
from heldigital.apps.tendering.models import (
    Notification,
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services.notify import (
    _notify,
    _supplier_recipients,
    page,
    procurement_facts,
)

#: How long before the tender deadline registered suppliers are reminded of it.
REMINDER_LEAD = timedelta(hours=48)


def _reminder_kind(deadline: datetime) -> str:
    # One reminder per supplier and deadline: a later deadline is reminded of again.
    return "deadline-reminder:" + deadline.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def _reminder(procurement: Procurement, deadline: datetime) -> compose.Content:
    return compose.Content(
        subject=_("Tender deadline %(when)s: %(title)s")
        % {"when": local_text(deadline), "title": procurement.title},
        paragraphs=[
            _(
                "The deadline for tenders is %(when)s. Tenders are received until that "
                "moment; the time on your receipt decides. If you have already submitted a "
                "tender, your receipt stands and you need not do anything."
            )
            % {"when": local_text(deadline)}
        ],
        facts=[
            *procurement_facts(procurement),
            (_("Tender deadline"), local_text(deadline)),
        ],
        action=(_("Open your tender"), page("submissions:tender", procurement)),
    )


def send_deadline_reminders(now: datetime, *, lead: timedelta = REMINDER_LEAD) -> int:
    """Remind every registered supplier of a deadline less than ``lead`` ahead.

    For each published procurement whose tender deadline is after ``now`` and
    at most ``lead`` ahead, every supplier that registered interest gets one
    platform notification and one e-mail (sent by the worker after commit)
    naming the deadline in Norwegian time and linking to the supplier's tender page. Once per
    supplier and deadline: run again, nothing more is sent; a deadline moved
    later is reminded of again. Nothing about tenders is read: suppliers that
    have already submitted are told that their receipt stands. Returns the
    number of suppliers reminded.
    """
    reminded = 0
    due = Procurement.objects.filter(
        status=ProcurementStatus.PUBLISHED,
        tender_deadline__gt=now,
        tender_deadline__lte=now + lead,
    ).order_by("tender_deadline", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # The row lock makes two concurrent runs take turns per procurement.
            procurement = Procurement.objects.select_for_update().get(pk=pk)
            deadline = procurement.tender_deadline
            if deadline is None or not (now < deadline <= now + lead):
                continue
            kind = _reminder_kind(deadline)
            done = set(
                Notification.objects.filter(procurement=procurement, kind=kind).values_list(
                    "organisation_id", flat=True
                )
            )
            recipients = [
                r for r in _supplier_recipients(procurement) if r.organisation.pk not in done
            ]
            if not recipients:
                continue
            messages = _notify(
                procurement,
                recipients,
                kind=kind,
                build=lambda procurement=procurement, deadline=deadline: _reminder(
                    procurement, deadline
                ),
                now=now,
            )
            send_on_commit(messages)
            reminded += len(recipients)
    return reminded
