"""Clean-up of abandoned uploads (run by the worker, :mod:`heldigital.apps.jobs.tasks`).

Two kinds of leftovers:

* **Partial chunk files.** A chunk is encrypted into
  ``sealed/<token>/.incoming-*.part`` and renamed to its final name only when
  complete; a process killed mid-chunk (kill -9, power loss) leaves the
  ``.part`` file behind. Nothing refers to it - no row, no final name - so it
  is deleted once it is older than ``part_age`` (longer than any request may
  take to send its body).
* **Stale uploads.** An upload still *receiving* in a draft whose
  procurement's tender deadline passed more than ``grace`` ago can never be
  completed; one untouched for ``stale_after`` is given up too. Its chunks
  are deleted and it is marked abandoned, as if the supplier had discarded
  it.

Completed uploads, files of a tender, and everything of a submitted,
withdrawn or replaced tender are never touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from heldigital.apps.submissions import storage
from heldigital.apps.submissions.conf import sealed_root
from heldigital.apps.submissions.models import TenderStatus, Upload, UploadStatus
from heldigital.apps.submissions.services import mark_abandoned

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanupReport:
    part_files: int
    uploads: int


def remove_partial_chunks(now: datetime, *, part_age: timedelta) -> int:
    """Delete ``.incoming-*.part`` files older than ``part_age``; how many were deleted."""
    root = sealed_root()
    if not root.is_dir():
        return 0
    # File times are wall-clock seconds; ``now`` is the caller's aware time.
    cutoff = now.timestamp() - part_age.total_seconds()
    removed = 0
    for path in root.glob("*/.incoming-*.part"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # finished (renamed) or removed meanwhile
    if removed:
        logger.info("removed %d partial chunk file(s)", removed)
    return removed


def abandon_stale_uploads(now: datetime, *, grace: timedelta, stale_after: timedelta) -> int:
    """Give up uploads that can never complete; how many were abandoned."""
    stale = Upload.objects.filter(
        status=UploadStatus.RECEIVING, tender__status=TenderStatus.DRAFT
    ).filter(
        Q(tender__procurement__tender_deadline__lt=now - grace)
        | Q(created_at__lt=now - stale_after)
    )
    count = 0
    for pk in stale.values_list("pk", flat=True):
        with transaction.atomic():
            upload = (
                Upload.objects.select_for_update()
                .filter(pk=pk, status=UploadStatus.RECEIVING, tender__status=TenderStatus.DRAFT)
                .first()
            )
            if upload is None:
                continue
            names = mark_abandoned(upload)
        for name in names:
            storage.remove(name)
        count += 1
    return count


def clean_up(
    now: datetime,
    *,
    part_age: timedelta = timedelta(hours=1),
    grace: timedelta = timedelta(hours=1),
    stale_after: timedelta = timedelta(days=7),
) -> CleanupReport:
    """Remove partial chunk files and abandon stale uploads."""
    return CleanupReport(
        part_files=remove_partial_chunks(now, part_age=part_age),
        uploads=abandon_stale_uploads(now, grace=grace, stale_after=stale_after),
    )
