"""The sending state of each issued notice (one row per notice)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heldigital.apps.tendering.models import Notice


class State(models.TextChoices):
    NOT_SENT = "not_sent", _("Not sent")
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SUBMITTED = "submitted", _("Submitted, waiting for publication")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Refused by the service's validation")
    NOT_PUBLISHED = "not_published", _("Not published by the service")
    FAILED = "failed", _("Sending failed")


#: States in which the worker still has something to do.
ACTIVE = (State.QUEUED, State.SENDING, State.SUBMITTED)


class NoticeDispatch(models.Model):
    """One notice on its way to TED or Doffin (or the reason it is not sent).

    ``check_first`` is set before every submission and cleared only by a
    definite answer: while it is set, the service may hold the notice, and
    the next attempt asks the service before it submits again. ``lease`` and
    ``lease_until`` mark the one worker that is working on the row; another
    worker takes the row over only when the lease has run out.
    """

    notice = models.OneToOneField(
        Notice, on_delete=models.PROTECT, related_name="dispatch", verbose_name=_("notice")
    )
    service = models.CharField(_("service"), max_length=10, blank=True)
    business_id = models.CharField(_("business id"), max_length=40)
    state = models.CharField(_("state"), max_length=16, choices=State.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    attempts = models.PositiveIntegerField(_("submission attempts"), default=0)
    polls = models.PositiveIntegerField(_("status checks"), default=0)
    check_first = models.BooleanField(_("ask the service before submitting"), default=False)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease = models.UUIDField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    remote_status = models.CharField(_("status at the service"), max_length=20, blank=True)
    publication_id = models.CharField(_("publication number"), max_length=40, blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    findings = models.JSONField(_("validation findings"), default=list, blank=True)
    validation_report = models.BinaryField(_("validation report (SVRL)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("notice dispatch")
        verbose_name_plural = _("notice dispatches")
        constraints = [
            # The business id is what the services deduplicate on: never two rows
            # sending the same notice version to the same service.
            models.UniqueConstraint(
                fields=["service", "business_id"],
                condition=~Q(service=""),
                name="publication_one_dispatch_per_business_id",
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="publication_due")]

    def __str__(self) -> str:
        return f"{self.business_id} → {self.service or '-'}: {self.state}"
