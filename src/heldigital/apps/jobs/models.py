"""The record that makes periodic scheduling idempotent across workers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledRun(models.Model):
    """One periodic job enqueued for one period (``slot``, the period's start in UTC).

    The unique constraint is the whole protocol between workers: whoever
    inserts the row enqueues the job, in the same transaction; every other
    worker's insert fails and it enqueues nothing.
    """

    job = models.CharField(_("job"), max_length=80)
    slot = models.DateTimeField(_("period start"))
    enqueued_at = models.DateTimeField(_("enqueued"))
    task_id = models.CharField(_("task id"), max_length=64)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="jobs_run_once")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot.isoformat()}"
