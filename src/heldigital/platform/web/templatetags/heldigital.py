"""Template filters of the web UI."""

from __future__ import annotations

from django import template

from heldigital.apps.accounts.models import Role

register = template.Library()


@register.filter
def role_label(role: str) -> str:
    """The translated label of a membership role code (``opener`` → "Åpner")."""
    try:
        return str(Role(role).label)
    except ValueError:
        return role


@register.filter
def error_messages(messages: object) -> list:
    """The error messages of a request (shown as an error summary on top of the page)."""
    from django.contrib import messages as levels

    return [m for m in messages or () if m.level == levels.ERROR]  # type: ignore[attr-defined]


@register.filter
def hash_prefix(value: str, length: int = 12) -> str:
    """The first characters of a hex digest, enough to compare by eye."""
    return value[:length]


@register.filter
def money(value: object, currency: str = "NOK") -> str:
    """An amount as the active language writes it: ``1 746 000,00 kr`` in Norwegian,
    ``NOK 1,746,000.00`` in English (:func:`heldigital.apps.common.money_text`)."""
    from heldigital.apps.common import money_text

    return money_text(value, currency)


@register.filter
def normalize(value: object) -> str:
    """A decimal without trailing zeros (``400.000`` → ``400``), in the active language."""
    from decimal import Decimal, InvalidOperation

    from django.utils.formats import number_format

    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    exponent = number.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return number_format(number, places, use_l10n=True, force_grouping=True)


@register.filter
def event_label(event_type: str) -> str:
    """A protocol event type in words (``procurement.created`` → "Utkast opprettet")."""
    from heldigital.apps.protocol.labels import event_label as label

    return label(str(event_type))


@register.filter
def oslo_time(value: object) -> str:
    """A moment in Norwegian time, as the active language writes it (``26. nov. 2026 10:00``).

    Takes an aware ``datetime`` or an ISO 8601 string with its offset (the protocol report
    carries UTC strings such as ``2026-11-26T09:00:00.000000Z``); anything else is shown as
    it is.
    """
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import formats

    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return str(value)
    local = moment.astimezone(ZoneInfo("Europe/Oslo"))
    return str(formats.date_format(local, "j. N Y H:i", use_l10n=True))
