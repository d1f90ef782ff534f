"""Helpers every app uses, in one place: Norwegian time, e-mail after commit, numbers from input.

* Time: every instant is timezone-aware (:func:`require_aware`); people in
  Norway read it in Europe/Oslo (:data:`OSLO`, from
  :mod:`heldigital.decisions.calendar`): :func:`local_day`,
  :func:`format_local` (``2026-12-01 12:00 (Europe/Oslo)``) and
  :func:`oslo_text` (``25.11.2026 kl. 13:00:00 CET``, on receipts).
* E-mail: :func:`send_on_commit` (:mod:`heldigital.apps.jobs.mail`) enqueues
  each message for the worker when the transaction commits; no request talks
  to the SMTP server, and a rolled-back request sends nothing.
* Numbers typed by people or sent to the API: :func:`parse_decimal` (money is
  ``Decimal``, never ``float``; ``NaN`` and infinities refused); amounts written
  for people: :func:`money_text` (``1 746 000,00 kr``; the ``money`` template filter).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heldigital.decisions.calendar import OSLO

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.core.mail import EmailMessage

__all__ = [
    "OSLO",
    "format_local",
    "local_day",
    "local_text",
    "oslo_text",
    "parse_decimal",
    "require_aware",
    "send_on_commit",
]


def require_aware(now: datetime) -> None:
    """Refuse a naive ``now``: every instant in the platform is timezone-aware."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")


def local_day(moment: datetime) -> date:
    """The calendar day in Norway (Europe/Oslo) of an aware instant."""
    return moment.astimezone(OSLO).date()


def format_local(moment: datetime) -> str:
    """An instant as people in Norway read it, e.g. ``2026-12-01 12:00 (Europe/Oslo)``."""
    return moment.astimezone(OSLO).strftime("%Y-%m-%d %H:%M") + " (Europe/Oslo)"


def local_text(moment: datetime) -> str:
    """An instant as the active language writes it, in Norwegian time: ``1. des. 2026
    kl. 12:00 (norsk tid)`` in bokmål and nynorsk, ``1 Dec 2026, 12:00 (Norwegian time)``
    in English. E-mails are composed in their recipient's language
    (:mod:`heldigital.apps.notifications.compose`), so their times are the recipient's."""
    from django.utils import dateformat, translation
    from django.utils.translation import gettext

    local = moment.astimezone(OSLO)
    language = translation.get_language() or "nb"
    if language.startswith("en"):
        text = dateformat.format(local, "j M Y, H:i")
    else:
        text = dateformat.format(local, r"j. N Y \k\l. H:i")
    return f"{text} {gettext('(Norwegian time)')}"


def oslo_text(moment: datetime) -> str:
    """``25.11.2026 kl. 13:00:00 CET`` - a time as shown to users (Europe/Oslo)."""
    local = moment.astimezone(OSLO)
    return local.strftime("%d.%m.%Y kl. %H:%M:%S ") + (local.tzname() or "")


def send_on_commit(messages: Iterable[EmailMessage | None]) -> None:
    """Enqueue each message for the worker when the transaction commits (``None`` skipped).

    See :func:`heldigital.apps.jobs.mail.send_on_commit`; imported when called,
    so that this module (and the receipts built from it) loads without
    configured settings.
    """
    from heldigital.apps.jobs.mail import send_on_commit as enqueue

    enqueue(messages)


def parse_decimal(value: Any, field: str, message: str | None = None) -> Decimal:
    """``value`` (a ``Decimal``, text or integer) as a finite ``Decimal``.

    Raises :class:`~django.core.exceptions.ValidationError` for ``field``
    (with ``message``, default "Not a number.") for anything else, ``NaN``
    and infinities included.
    """
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: message or _("Not a number.")}) from None
    if not result.is_finite():
        raise ValidationError({field: message or _("Not a number.")})
    return result


def money_text(value: object, currency: str = "NOK") -> str:
    """An amount as the active language writes it: ``1 746 000,00 kr`` in Norwegian
    (bokmål and nynorsk), ``NOK 1,746,000.00`` in English (two decimals, ROUND_HALF_UP,
    grouped). A value that is not a number is returned as it is."""
    from decimal import ROUND_HALF_UP

    from django.utils.formats import number_format
    from django.utils.translation import get_language

    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    text = number_format(amount, 2, use_l10n=True, force_grouping=True)
    if (get_language() or "nb").startswith(("nb", "nn", "no")):
        return f"{text}\xa0kr" if currency == "NOK" else f"{text}\xa0{currency}"
    return f"{currency}\xa0{text}"
