"""The buyer's sentence about a notice's sending, in the user's language."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from heldigital.apps.publication.models import NoticeDispatch, State
from heldigital.publication import SERVICES


def describe(dispatch: NoticeDispatch | None) -> str:
    if dispatch is None:
        return _("Not sent: this notice was issued before notices were sent to TED and Doffin.")
    service = SERVICES[dispatch.service].label if dispatch.service else ""
    state = dispatch.state
    if state == State.NOT_SENT:
        if dispatch.reason == "no_xml":
            return _("Not sent: no eForms notice could be written for it.")
        if dispatch.reason == "national_without_doffin":
            return _(
                "Not sent: national notices go to Doffin, and no Doffin API key is configured."
            )
        return _("Not sent to TED or Doffin: no API key is configured on this platform.")
    if state in (State.QUEUED, State.SENDING):
        if dispatch.attempts:
            return _(
                "Not yet sent to %(service)s: attempt %(attempts)s failed (%(reason)s); "
                "it is tried again automatically."
            ) % {"service": service, "attempts": dispatch.attempts, "reason": dispatch.reason}
        return _("Waiting to be sent to %(service)s.") % {"service": service}
    if state == State.SUBMITTED:
        return _("Sent to %(service)s; waiting for publication.") % {"service": service}
    if state == State.PUBLISHED:
        day = formats.date_format(dispatch.publication_date) if dispatch.publication_date else "?"
        return _("Published by %(service)s on %(day)s as %(number)s.") % {
            "service": service,
            "day": day,
            "number": dispatch.publication_id or "?",
        }
    if state == State.REJECTED:
        return _(
            "Not published: %(service)s's validation refused the notice (%(count)s findings)."
        ) % {"service": service, "count": len(dispatch.findings)}
    if state == State.NOT_PUBLISHED:
        return _("Not published by %(service)s (status %(status)s).") % {
            "service": service,
            "status": dispatch.remote_status,
        }
    return _("Not sent to %(service)s: %(reason)s") % {
        "service": service,
        "reason": dispatch.reason,
    }
