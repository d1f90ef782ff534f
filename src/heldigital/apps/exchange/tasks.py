"""The worker's job: follow outbound documents at the access point (every minute)."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def refresh_outbound() -> int:
    """Record receipted and failed documents; hand waiting ones to a newly configured AP."""
    from heldigital.apps.exchange import services

    changed = services.refresh_outbound(now=timezone.now())
    if changed:
        logger.info("%d outbound document(s) changed state", changed)
    return changed
