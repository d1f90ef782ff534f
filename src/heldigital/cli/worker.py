"""``heldigital worker``: runs the background and scheduled jobs (:mod:`heldigital.apps.jobs`).

One loop: every ``--schedule-every`` seconds enqueue the periodic jobs that
are due (idempotent across workers), then run every ready job in the queue,
then sleep ``--interval`` seconds. SIGTERM or Ctrl-C lets the running job
finish; a second one stops at once. Run one or more per installation; two
workers never run the same job or enqueue a periodic job twice.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from typing import Annotated

import typer

logger = logging.getLogger("heldigital.worker")


def worker(
    interval: Annotated[
        float, typer.Option(help="Seconds to sleep when the queue is empty.")
    ] = 1.0,
    schedule_every: Annotated[
        float, typer.Option(help="Seconds between two looks at the periodic jobs.")
    ] = 10.0,
    schedule: Annotated[bool, typer.Option(help="Enqueue the periodic jobs.")] = True,
    once: Annotated[bool, typer.Option(help="Run the ready jobs once, then exit.")] = False,
) -> None:
    """Run background jobs: e-mail, daily roots, clean-up of abandoned uploads."""
    from heldigital.cli import django as dj

    dj.setup()
    from django.db import DatabaseError, close_old_connections
    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Worker

    from heldigital.apps.jobs.schedule import enqueue_due

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    runner = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{os.getpid()}"[:64],
        excluded_queue_names=[],
    )
    runner.configure_signals()
    typer.echo(f"Heldigital worker {runner.worker_id} started")
    next_schedule = 0.0
    while runner.running:
        if schedule and time.monotonic() >= next_schedule:
            try:
                enqueued = enqueue_due(timezone.now())
                if enqueued:
                    logger.info("enqueued periodic jobs: %s", ", ".join(enqueued))
            except Exception:
                logger.exception("enqueueing the periodic jobs failed; trying again later")
            next_schedule = time.monotonic() + schedule_every
        try:
            runner.run()  # every ready job, then back here
        except DatabaseError:
            # e.g. the database is restarting, or not migrated yet: wait, then retry
            logger.exception("the job queue could not be read; retrying in %s s", interval * 10)
            time.sleep(interval * 10)
        close_old_connections()
        if once:
            break
        time.sleep(interval)
