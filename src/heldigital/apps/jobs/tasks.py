"""The periodic jobs. Each reads the clock once, here at the edge, and calls
the owning app's public function with that ``now``."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def days_to_seal(now: datetime) -> list[date]:
    """Every ended UTC day after the last sealed one (from the first event's day)."""
    from heldigital.apps.protocol.models import DailyRoot, ProtocolEvent

    last_ended = now.astimezone(UTC).date() - timedelta(days=1)
    last_sealed = DailyRoot.objects.order_by("-day").values_list("day", flat=True).first()
    if last_sealed is not None:
        first = last_sealed + timedelta(days=1)
    else:
        earliest = (
            ProtocolEvent.objects.order_by("occurred_at").values_list("occurred_at", flat=True)
        ).first()
        if earliest is None:
            return []
        first = earliest.astimezone(UTC).date()
    return [first + timedelta(days=n) for n in range((last_ended - first).days + 1)]


def seal_due(now: datetime) -> list[date]:
    """Seal each ended, unsealed UTC day in order; the days sealed."""
    from heldigital.apps.protocol import services as protocol

    sealed = []
    for day in days_to_seal(now):
        protocol.seal_day(day, now)
        sealed.append(day)
    return sealed


@task()
def seal_days() -> list[str]:
    """Seal the daily roots of every ended UTC day (docs/sealing.md)."""
    days = seal_due(timezone.now())
    if days:
        logger.info("sealed daily roots: %s", ", ".join(map(str, days)))
    return [day.isoformat() for day in days]


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
