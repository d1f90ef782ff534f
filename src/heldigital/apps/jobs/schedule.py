"""Enqueue the periodic jobs, once per period, however many workers run.

Each worker calls :func:`enqueue_due` every few seconds. For every job
whose current period (``slot``: the period's start, counted in whole
periods since the Unix epoch, UTC) has no :class:`ScheduledRun` yet, the
worker inserts one and enqueues the job in the same transaction; the unique
constraint makes every other worker's insert fail, so the job is enqueued
exactly once per period. A worker that was down simply enqueues the current
period when it comes back (missed periods are not replayed: each job
catches up by itself, e.g. sealing seals every ended day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django_tasks.base import Task

from heldigital.apps.accesspoint import tasks as accesspoint
from heldigital.apps.exchange import tasks as exchange
from heldigital.apps.jobs import tasks
from heldigital.apps.jobs.models import ScheduledRun
from heldigital.apps.publication import tasks as publication


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task
    every: timedelta


PERIODIC = (
    # Sealing soon after midnight UTC; hourly keeps it catching up after downtime.
    Periodic("seal-days", tasks.seal_days, timedelta(hours=1)),
    Periodic("clean-uploads", tasks.clean_uploads, timedelta(minutes=15)),
    Periodic("flush-refusals", tasks.flush_refusals, timedelta(minutes=10)),
    Periodic("deadline-reminders", tasks.send_deadline_reminders, timedelta(minutes=15)),
    Periodic("lifecycle-notifications", tasks.send_lifecycle_notifications, timedelta(minutes=5)),
    Periodic("prune-task-results", tasks.prune_task_results, timedelta(days=1)),
    # Notices to TED and Doffin: retries, status checks, rows a stopped worker left.
    Periodic("send-notices", publication.send_due_notices, timedelta(minutes=1)),
    # Peppol messages: retries and attempts a stopped worker left.
    Periodic("send-peppol", accesspoint.send_due_messages, timedelta(minutes=1)),
    # Outbox documents: receipted or failed at the access point, or waiting for one.
    Periodic("exchange-outbound", exchange.refresh_outbound, timedelta(minutes=1)),
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def slot(now: datetime, every: timedelta) -> datetime:
    """The start of the period ``now`` falls in."""
    return EPOCH + every * ((now - EPOCH) // every)


def enqueue_due(now: datetime, jobs: tuple[Periodic, ...] = PERIODIC) -> list[str]:
    """Enqueue each job whose current period has not been enqueued; their names."""
    enqueued = []
    for job in jobs:
        start = slot(now, job.every)
        if ScheduledRun.objects.filter(job=job.name, slot=start).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    job=job.name, slot=start, enqueued_at=now, task_id=""
                )
                result = job.task.enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker enqueued this period
        enqueued.append(job.name)
    return enqueued
