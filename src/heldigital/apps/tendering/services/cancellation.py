"""Cancellation with a reason given to everyone (§ 25-4)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import (
    require_aware,
    send_on_commit,
)
from heldigital.apps.notifications import compose
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.lifecycle import StateError, find, transition
from heldigital.apps.tendering.models import (
    Notice,
    NoticeKind,
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services.base import (
    _require_buyer,
)
from heldigital.apps.tendering.services.corrections import (
    _add_translation,
)
from heldigital.apps.tendering.services.notify import (
    _build,
    _latest_notice,
    _notify,
    _supplier_recipients,
    page,
    procurement_facts,
)


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def cancel(
    procurement: Procurement,
    *,
    principal: Principal,
    reason: str,
    now: datetime,
    translation: str = "",
) -> Procurement:
    """Cancel the procurement with a reason (§ 25-4); every registered supplier is told.

    ``translation``: the reason in English, for notices in Norwegian and English.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    if find(procurement.status, ProcurementStatus.CANCELLED) is None:
        raise StateError(
            _("The procurement is %(status)s and cannot be cancelled.")
            % {"status": procurement.get_status_display().lower()}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    _add_translation(procurement, reason, translation)
    was_public = procurement.published_at is not None
    procurement.cancelled_at = now  # the status changes with the event, below
    procurement.cancel_reason = reason
    procurement.updated_at = now
    procurement.save()
    notice = None
    refused: list[str] = []
    previous = _latest_notice(procurement)
    if was_public and previous is not None:
        notice_id = uuid.uuid4()
        try:
            built = _build(
                lambda: artefacts.cancellation_notice(
                    procurement,
                    notice_id=notice_id,
                    previous=(previous.notice_id, int(previous.notice_version)),
                    reason=reason,
                    now=now,
                )
            )
        except ValidationError as exc:
            # The cancellation (§ 25-4) stands even when no notice the official rules
            # accept can be written: a procurement published before those rules were
            # enforced may lack what they require. No invalid notice is issued; the
            # reasons are recorded and the cancellation notice has no XML.
            built = None
            refused = list(exc.messages)
        notice = Notice.objects.create(
            procurement=procurement,
            kind=NoticeKind.CANCELLATION,
            subtype=built.subtype if built is not None else previous.subtype,
            notice_id=notice_id,
            procurement_version=procurement.version,
            xml=built.xml if built is not None else None,
            published_at=now,
        )
    recipients = _supplier_recipients(procurement)

    def cancelled() -> compose.Content:
        return compose.Content(
            subject=_("Cancelled: %(ref)s %(title)s")
            % {"ref": procurement.reference, "title": procurement.title},
            paragraphs=[
                _(
                    "The contracting authority has cancelled the procurement. No contract "
                    "will be awarded in it; tenders received are not evaluated."
                )
            ],
            facts=procurement_facts(procurement),
            quotes=[(_("Reason"), reason)],
            action=(_("Read the cancellation notice"), page("tendering:notice", procurement)),
        )

    messages = _notify(
        procurement, recipients, kind="procurement.cancelled", build=cancelled, now=now
    )
    transition(
        procurement,
        ProcurementStatus.CANCELLED,
        principal=principal,
        now=now,
        payload={
            "reason": reason,
            "notice_id": str(notice.notice_id) if notice is not None else None,
            **({"notice_refused": refused} if refused else {}),
            "notified": [r.organisation.orgnr for r in recipients],
        },
    )
    send_on_commit(messages)
    return procurement
