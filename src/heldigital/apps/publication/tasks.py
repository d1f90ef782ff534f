"""The worker's jobs: send one notice now, and the periodic sweep."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_notice(dispatch_id: int) -> str:
    """Send one issued notice (enqueued when the notice's transaction commits)."""
    from heldigital.apps.publication import services

    return services.step(dispatch_id)


@task()
def send_due_notices() -> int:
    """Retries, status checks and rows a stopped worker left (every minute)."""
    from heldigital.apps.publication import services

    stepped = services.send_due()
    if stepped:
        logger.info("worked on %d notice dispatch(es)", stepped)
    return stepped
