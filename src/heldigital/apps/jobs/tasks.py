"""The periodic jobs. Each reads the clock once, here at the edge, and calls
the owning app's public function with that ``now``."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def seal_days() -> list[str]:
    """Seal the daily roots of every ended UTC day (docs/sealing.md)."""
    from heldigital.apps.protocol import services as protocol

    roots = protocol.seal_due(timezone.now())
    if roots:
        logger.info("sealed daily roots: %s", ", ".join(str(root.day) for root in roots))
    return [root.day.isoformat() for root in roots]


@task()
def send_deadline_reminders() -> int:
    """Remind registered suppliers of tender deadlines less than 48 hours ahead, and
    suppliers with an unsubmitted draft ``HELDIGITAL_DRAFT_REMINDER_HOURS`` (24) ahead."""
    from heldigital.apps.submissions import reminders
    from heldigital.apps.tendering import services as tendering

    now = timezone.now()
    reminded = tendering.send_deadline_reminders(now)
    hours = float(getattr(settings, "HELDIGITAL_DRAFT_REMINDER_HOURS", 24))
    drafts = reminders.remind_drafts(now, lead=timedelta(hours=hours))
    if reminded or drafts:
        logger.info(
            "reminded %d supplier(s) of a tender deadline, %d of an unsubmitted draft",
            reminded,
            drafts,
        )
    return reminded + drafts


@task()
def send_lifecycle_notifications() -> int:
    """Standstill ended (to the buyer), awarded, contract concluded, cancelled (suppliers)."""
    from heldigital.apps.evaluation.services import announcements

    sent = announcements.send_due(timezone.now())
    if sent.total:
        logger.info("sent lifecycle notifications: %s", sent)
    return sent.total


@task()
def flush_refusals() -> int:
    """Write the counted refusals of closed rate-limit windows to the protocol."""
    from heldigital.apps.protocol import services as protocol

    written = protocol.flush_refusals(now=timezone.now)
    if written:
        logger.info("recorded %d aggregated refusal events", written)
    return written


@task()
def clean_uploads() -> dict[str, int]:
    """Delete partial chunk files and abandon uploads that can never complete."""
    from heldigital.apps.submissions.cleanup import clean_up

    part_age = timedelta(seconds=float(getattr(settings, "HELDIGITAL_PART_FILE_AGE", 3600)))
    report = clean_up(timezone.now(), part_age=part_age)
    return {"part_files": report.part_files, "uploads": report.uploads}


@task()
def prune_task_results() -> int:
    """Delete finished job rows older than ``HELDIGITAL_JOB_RETENTION_DAYS`` (default 90)."""
    from django_tasks_db.models import DBTaskResult

    days = int(getattr(settings, "HELDIGITAL_JOB_RETENTION_DAYS", 90))
    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted
