"""Notifying registered suppliers and building notices (shared by several use cases)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from stdnum import exceptions as cpv_errors

from heldigital import eforms
from heldigital import espd as espd_lib
from heldigital.apps.accounts.models import (
    Organisation,
    Role,
)
from heldigital.apps.notifications import compose
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
    build: compose.Build,
    now: datetime,
    roles: Iterable[str] = (Role.SUPPLIER_USER,),
) -> list[EmailMessage]:
    """Platform notifications now; the e-mails to send once the transaction commits.

    ``build`` makes the message's :class:`~heldigital.apps.notifications.compose.Content`;
    it is called once per language (the platform's notification in the active
    language, each e-mail in its recipients' language).
    """
    subject, body = compose.plain(build)
    messages: list[EmailMessage] = []
    for recipient in recipients:
        Notification.objects.create(
            organisation=recipient.organisation,
            procurement=procurement,
            kind=kind,
            subject=subject,
            body=body,
            created_at=now,
        )
        # One message per organisation (and language); suppliers never see each
        # other's addresses.
        messages += compose.for_organisation(recipient.organisation, build, roles=roles)
    return messages


#: Public names for the other apps (evaluation, submissions).
notify_organisations = _notify
supplier_recipients = _supplier_recipients


def page(name: str, procurement: Procurement) -> str:
    """The absolute address of a procurement's page ``name`` (a URL name), for e-mails."""
    return compose.absolute(reverse(name, args=[procurement.reference]))


def procurement_facts(procurement: Procurement) -> list[tuple[str, str]]:
    """The procurement named in every notification about it (in the active language)."""
    return [
        (_("Procurement"), f"{procurement.reference} {procurement.title}"),
        (_("Contracting authority"), procurement.buyer.name),
    ]


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
