"""Notifying registered suppliers and building notices (shared by several use cases)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _
from stdnum import exceptions as cpv_errors

from heldigital import eforms
from heldigital import espd as espd_lib
from heldigital.apps.accounts.models import (
    Organisation,
)
from heldigital.apps.tendering import artefacts, findings
from heldigital.apps.tendering.models import (
    Notice,
    NoticeKind,
    Notification,
    Procurement,
)


@dataclass(frozen=True)
class Recipient:
    organisation: Organisation
    emails: tuple[str, ...]


def _supplier_recipients(
    procurement: Procurement, also: Organisation | None = None
) -> list[Recipient]:
    """Every registered supplier (and ``also``, e.g. the asker, if not registered)."""
    recipients = []
    suppliers = [
        interest.supplier
        for interest in procurement.interests.select_related("supplier").order_by("registered_at")
    ]
    if also is not None and all(s.pk != also.pk for s in suppliers):
        suppliers.append(also)
    for supplier in suppliers:
        recipients.append(Recipient(supplier, supplier.supplier_addresses()))
    return recipients


def _notify(
    procurement: Procurement,
    recipients: Iterable[Recipient],
    *,
    kind: str,
    subject: str,
    body: str,
    now: datetime,
) -> list[EmailMessage]:
    """Platform notifications now; the e-mails to send once the transaction commits."""
    messages = []
    for recipient in recipients:
        Notification.objects.create(
            organisation=recipient.organisation,
            procurement=procurement,
            kind=kind,
            subject=subject,
            body=body,
            created_at=now,
        )
        if recipient.emails:
            # One message per organisation; suppliers never see each other's addresses.
            messages.append(
                EmailMessage(
                    subject=subject,
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=list(recipient.emails),
                )
            )
    return messages


notice_url = artefacts.notice_url


def _build(make: Any) -> Any:
    """Build a notice or ESPD document; what the standard cannot express is bad input."""
    try:
        return make()
    except eforms.NoticeError as exc:
        if exc.untranslated:
            raise ValidationError(
                {
                    "translations": _(
                        "The notice is in Norwegian and English: give the English text of "
                        "“%(text)s”."
                    )
                    % {"text": exc.untranslated}
                },
                code="notice",
            ) from exc
        if exc.problems:
            fields: dict[str, list[str]] = {}
            for problem in exc.problems:
                # In the buyer's words, on the field to fix (findings.TERMS).
                field, message = findings.field_and_message(problem)
                fields.setdefault(field, []).append(message)
            raise ValidationError(fields, code="notice") from exc
        raise ValidationError(
            _("The notice cannot be produced: %(reason)s") % {"reason": str(exc)},
            code="notice",
        ) from exc
    except (espd_lib.EspdError, cpv_errors.ValidationError) as exc:
        raise ValidationError(
            _("The notice cannot be produced: %(reason)s") % {"reason": str(exc)},
            code="notice",
        ) from exc


def _latest_notice(procurement: Procurement) -> Notice | None:
    return (
        procurement.notices.filter(kind__in=[NoticeKind.CONTRACT, NoticeKind.CHANGE])
        .order_by("-published_at", "-id")
        .first()
    )


def mark_read(notification: Notification, *, now: datetime) -> Notification:
    if notification.read_at is None:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    return notification
