"""Sending status API: whether each notice of a procurement went to TED or Doffin.

``GET /api/v1/procurements/{reference}/notice-sending`` (buyer side: the
buyer's procurement officers, administrators and auditors): one entry per
issued notice, with ``sent`` false and a ``message`` saying why when the
notice did not go out (e.g. no API key is configured), and the service's
publication number and date and validation findings when it did.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema

from heldigital.apps.accounts.access import api_principal
from heldigital.apps.publication import services
from heldigital.apps.tendering import access

router = Router(tags=["publication"])


class FindingOut(Schema):
    rule: str
    severity: str
    location: str
    message: str


class NoticeSendingOut(Schema):
    notice_id: str
    notice_version: str
    kind: str
    #: "ted", "doffin", or null when the notice is not sent anywhere
    service: str | None
    state: str
    sent: bool
    message: str
    attempts: int
    publication_id: str | None
    publication_date: date | None
    findings: list[FindingOut]
    updated_at: datetime | None


@router.get(
    "/procurements/{reference}/notice-sending",
    response=list[NoticeSendingOut],
    summary="Whether each notice was sent to TED or Doffin (buyer)",
)
def notice_sending(request: HttpRequest, reference: str) -> list[NoticeSendingOut]:
    procurement = access.buyer_procurement(api_principal(request), reference, manage=False)
    result = []
    for line in services.lines(procurement):
        dispatch = line.dispatch
        result.append(
            NoticeSendingOut(
                notice_id=str(line.notice.notice_id),
                notice_version=line.notice.notice_version,
                kind=line.notice.kind,
                service=(dispatch.service or None) if dispatch else None,
                state=dispatch.state if dispatch else "not_sent",
                sent=line.sent,
                message=line.text,
                attempts=dispatch.attempts if dispatch else 0,
                publication_id=(dispatch.publication_id or None) if dispatch else None,
                publication_date=dispatch.publication_date if dispatch else None,
                findings=[FindingOut(**f) for f in dispatch.findings] if dispatch else [],
                updated_at=dispatch.updated_at if dispatch else None,
            )
        )
    return result
