"""Publishing a draft: the contract notice, the ESPD request, the opening key."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import (
    require_aware,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.lifecycle import transition
from heldigital.apps.tendering.models import (
    EspdRequest,
    Notice,
    NoticeKind,
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services.base import (
    _require_buyer,
    _require_draft,
    _time,
)
from heldigital.apps.tendering.services.documents import (
    latest_versions,
)
from heldigital.apps.tendering.services.notify import (
    _build,
)
from heldigital.apps.tendering.services.validation import (
    _validate,
)


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def publish(procurement: Procurement, *, principal: Principal, now: datetime) -> Notice:
    """Publish a draft: validate everything, freeze it, issue the contract notice.

    The notice XML (eForms ContractNotice) and the ESPD request are built by
    :mod:`heldigital.apps.tendering.artefacts`; the exact bytes are stored
    frozen in :class:`Notice` / :class:`EspdRequest`.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_draft(procurement)
    _validate(procurement, now, publishing=True)
    procurement.published_at = now  # the status changes with the event, below
    procurement.updated_at = now
    procurement.save()
    notice_id = uuid.uuid4()
    built = _build(lambda: artefacts.contract_notice(procurement, notice_id=notice_id, now=now))
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.CONTRACT,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    espd = _build(lambda: artefacts.espd_request(procurement, now=now))
    EspdRequest.objects.create(
        procurement=procurement,
        procurement_version=procurement.version,
        xml=espd,
        created_at=now,
    )
    # The opening key pair is made and sealed to the deadline at publication,
    # before any supplier can start a tender.
    from heldigital.apps.submissions import services as submissions

    submissions.ensure_opening_key(procurement, now=now)
    transition(
        procurement,
        ProcurementStatus.PUBLISHED,
        principal=principal,
        now=now,
        payload={
            "notice_id": str(notice_id),
            "subtype": notice.subtype,
            "regime": procurement.regime,
            "procedure": procurement.procedure,
            "tender_deadline": _time(procurement.tender_deadline),
            "questions_deadline": _time(procurement.questions_deadline),
            "notice_sha256": artefacts.sha256(built.xml),
            "espd_request_sha256": artefacts.sha256(espd),
            "documents": [
                {"title": v.document.title, "version": v.number, "sha256": v.sha256}
                for v in latest_versions(procurement)
            ],
        },
    )
    return notice
