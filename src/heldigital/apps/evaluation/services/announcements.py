"""Notifications the worker sends when the lifecycle moves on by itself or by others.

Called by the periodic job with ``now`` (:func:`send_due`); each notification
is sent once: the platform notification row (organisation, procurement, kind)
is the record of what was sent, written in the same transaction as the
e-mails are queued, under the procurement's row lock, so a rerun of the job
or a second worker sends nothing twice.

* **Standstill ended** (``standstill.ended``): to the buyer's administrators
  and procurement officers once the standstill period is over: the contract
  may now be concluded (link: the procurement's evaluation page, where it is).
* **Awarded** (``status.awarded``): when the award letters are sent, to the
  suppliers that registered interest but did not tender (the tenderers have
  their award or rejection letter); link: the notice.
* **Contract concluded** (``status.concluded``): to every supplier that
  registered interest or tendered; link: the notice.
* **Cancelled** (``procurement.cancelled``): the cancellation itself tells the
  registered suppliers at once; the job tells tenderers that never
  registered interest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from heldigital.apps.accounts.models import Organisation, Role
from heldigital.apps.common import local_text, require_aware, send_on_commit
from heldigital.apps.evaluation.models import Letter
from heldigital.apps.evaluation.services.award import standstill_status
from heldigital.apps.notifications import compose
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import Notification, Procurement, ProcurementStatus

BUYER_OFFICERS = (Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER)

#: Only what happened this recently is announced: a worker started on an old
#: database does not send news of last year's procurements.
RECENT = timedelta(days=7)


@dataclass(frozen=True)
class Sent:
    """What one run sent: organisations notified per kind."""

    standstill_ended: int = 0
    awarded: int = 0
    concluded: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.standstill_ended + self.awarded + self.concluded + self.cancelled


def _interested(procurement: Procurement) -> dict[int, Organisation]:
    return {r.organisation.pk: r.organisation for r in tendering.supplier_recipients(procurement)}


def _tenderers(procurement: Procurement) -> dict[int, Organisation]:
    tenders = Tender.objects.filter(
        procurement=procurement, submitted_at__isnull=False
    ).select_related("supplier")
    return {t.supplier_id: t.supplier for t in tenders}


def _send(
    procurement: Procurement,
    organisations: dict[int, Organisation],
    *,
    kind: str,
    build: Callable[[], compose.Content],
    now: datetime,
    roles: tuple[str, ...] = (Role.SUPPLIER_USER,),
) -> int:
    """Notify those of ``organisations`` not yet notified of ``kind`` (row lock held)."""
    done = set(
        Notification.objects.filter(procurement=procurement, kind=kind).values_list(
            "organisation_id", flat=True
        )
    )
    due = [org for pk, org in sorted(organisations.items()) if pk not in done]
    if not due:
        return 0
    messages = tendering.notify_organisations(
        procurement,
        [tendering.Recipient(org, ()) for org in due],
        kind=kind,
        build=build,
        now=now,
        roles=roles,
    )
    send_on_commit(messages)
    return len(due)


def _standstill_ended(procurement: Procurement, ended_at: datetime) -> compose.Content:
    return compose.Content(
        subject=_("Standstill ended: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=[
            _(
                "The standstill period ended %(end)s. The contract may now be concluded "
                "with the supplier awarded the contract, unless a complaint or an interim "
                "injunction stands in the way."
            )
            % {"end": local_text(ended_at)}
        ],
        facts=tendering.procurement_facts(procurement),
        action=(
            _("Conclude the contract"),
            compose.absolute(reverse("evaluation:contract", args=[procurement.reference])),
        ),
    )


def _awarded(procurement: Procurement, ends_at: datetime | None) -> compose.Content:
    paragraphs = [
        _(
            "The contracting authority has decided the award and told the tenderers. "
            "Your organisation registered interest but did not submit a tender."
        )
    ]
    if ends_at is not None:
        paragraphs.append(
            _("The contract will not be concluded before the standstill period ends %(end)s.")
            % {"end": local_text(ends_at)}
        )
    return compose.Content(
        subject=_("Awarded: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=paragraphs,
        facts=tendering.procurement_facts(procurement),
        action=(_("Read the notice"), tendering.page("tendering:notice", procurement)),
    )


def _concluded(procurement: Procurement) -> compose.Content:
    return compose.Content(
        subject=_("Contract concluded: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=[
            _(
                "The contracting authority has concluded the contract. The procurement is "
                "finished; the award notice is published with the notice."
            )
        ],
        facts=tendering.procurement_facts(procurement),
        action=(_("Read the notice"), tendering.page("tendering:notice", procurement)),
    )


def _cancelled(procurement: Procurement) -> compose.Content:
    return compose.Content(
        subject=_("Cancelled: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        paragraphs=[
            _(
                "The contracting authority has cancelled the procurement. No contract will be "
                "awarded in it; tenders received are not evaluated."
            )
        ],
        facts=tendering.procurement_facts(procurement),
        action=(_("Read the cancellation notice"), tendering.page("tendering:notice", procurement)),
    )


def send_due(now: datetime) -> Sent:
    """Send every lifecycle notification that is due at ``now`` and not yet sent."""
    require_aware(now)
    counts = {"standstill_ended": 0, "awarded": 0, "concluded": 0, "cancelled": 0}
    since = now - RECENT
    candidates = Procurement.objects.filter(
        Q(status=ProcurementStatus.STANDSTILL)
        | Q(status=ProcurementStatus.CONCLUDED, updated_at__gte=since)
        | Q(status=ProcurementStatus.CANCELLED, cancelled_at__gte=since)
    ).order_by("pk")
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            procurement = Procurement.objects.select_for_update().select_related("buyer").get(pk=pk)
            status = procurement.status
            if status in (ProcurementStatus.STANDSTILL, ProcurementStatus.CONCLUDED):
                standstill = standstill_status(procurement, now)
                letters = set(
                    Letter.objects.filter(
                        procurement=procurement, sent_at__isnull=False
                    ).values_list("supplier_id", flat=True)
                )
                tenderers = _tenderers(procurement)
                bystanders = {
                    pk: org
                    for pk, org in _interested(procurement).items()
                    if pk not in tenderers and pk not in letters
                }
                notified_at = standstill.notified_at
                recent_award = notified_at is not None and notified_at >= since
                counts["awarded"] += _send(
                    procurement,
                    bystanders if recent_award else {},
                    kind="status.awarded",
                    build=lambda p=procurement, e=standstill.ends_at: _awarded(p, e),
                    now=now,
                )
                if (
                    status == ProcurementStatus.STANDSTILL
                    and standstill.ended
                    and standstill.ends_at is not None
                    and standstill.ends_at >= since
                ):
                    counts["standstill_ended"] += _send(
                        procurement,
                        {procurement.buyer.pk: procurement.buyer},
                        kind="standstill.ended",
                        build=lambda p=procurement, e=standstill.ends_at: _standstill_ended(p, e),
                        now=now,
                        roles=BUYER_OFFICERS,
                    )
                if status == ProcurementStatus.CONCLUDED:
                    counts["concluded"] += _send(
                        procurement,
                        {**_interested(procurement), **tenderers},
                        kind="status.concluded",
                        build=lambda p=procurement: _concluded(p),
                        now=now,
                    )
            else:
                counts["cancelled"] += _send(
                    procurement,
                    _tenderers(procurement),
                    kind="procurement.cancelled",
                    build=lambda p=procurement: _cancelled(p),
                    now=now,
                )
    return Sent(**counts)
