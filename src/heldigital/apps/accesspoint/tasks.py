"""The worker's jobs: one attempt to send a message now, and the minute sweep."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_outbound(message_id: str) -> str:
    """Attempt to send one outbound message (enqueued when its transaction commits)."""
    from heldigital.apps.accesspoint import services

    return services.attempt(message_id, now=timezone.now())


@task()
def send_due_messages() -> int:
    """Retries that are due and attempts a stopped worker left (every minute)."""
    from heldigital.apps.accesspoint import services

    attempted = services.send_due(now=timezone.now)
    if attempted:
        logger.info("attempted %d outbound Peppol message(s)", attempted)
    return attempted
