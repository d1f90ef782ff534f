"""Every e-mail the platform sends goes through the worker, with retries.

A request never talks to the SMTP server: :func:`send_on_commit` enqueues one
delivery job per message when the request's transaction commits (a rolled
back request sends nothing). The worker delivers it; a temporary failure
(the connection failed or timed out, or the server answered 4xx) is retried
with exponential back-off (``HELDIGITAL_MAIL_RETRY_SECONDS``, default 60 s,
doubling, at most ``HELDIGITAL_MAIL_ATTEMPTS`` = 8 attempts); a permanent
refusal (5xx) is not. Each attempt is a row in the task table, failed ones
with the SMTP error, so the history of a message can be read there.

Each job is claimed by exactly one worker (the database backend locks the
row, ``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), so two workers
never send the same attempt.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return int(getattr(settings, "HELDIGITAL_MAIL_ATTEMPTS", 8))


def retry_delay(attempt: int) -> timedelta:
    """Wait before attempt ``attempt + 1``: base × 2^(attempt-1), at most six hours."""
    base = float(getattr(settings, "HELDIGITAL_MAIL_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** (attempt - 1), 6 * 3600))


def to_payload(message: EmailMessage) -> dict[str, Any]:
    """The message as JSON-safe data for the task table (attachments in base64)."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("only (filename, content, mimetype) attachments can be queued")
        filename, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else bytes(content)
        attachments.append([filename, base64.b64encode(data).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "attachments": attachments,
        # The HTML part of a notification (heldigital.apps.notifications).
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def from_payload(payload: dict[str, Any]) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    for content, mimetype in payload.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for filename, data, mimetype in payload["attachments"]:
        message.attach(filename, base64.b64decode(data), mimetype)
    return message


def send_on_commit(messages: Iterable[EmailMessage | None]) -> None:
    """Enqueue the messages for the worker once the current transaction commits."""
    payloads = [to_payload(m) for m in messages if m is not None]
    if not payloads:
        return

    def enqueue() -> None:
        for payload in payloads:
            deliver.enqueue(payload, 1)

    # robust: the request has committed; a failed enqueue is logged, not a 500.
    transaction.on_commit(enqueue, robust=True)


def _temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | OSError)


@task()
def deliver(payload: dict[str, Any], attempt: int) -> int:
    """Send one message (attempt ``attempt``); on a temporary failure enqueue the next."""
    message = from_payload(payload)
    try:
        with get_connection(fail_silently=False) as connection:
            sent = connection.send_messages([message])
    except Exception as error:
        retry = _temporary(error) and attempt < max_attempts()
        if retry and not deliver.get_backend().supports_defer:
            retry = False  # e.g. the immediate backend of the tests: nothing can wait
        if retry:
            delay = retry_delay(attempt)
            deliver.using(run_after=timezone.now() + delay).enqueue(payload, attempt + 1)
        logger.log(
            logging.WARNING if retry else logging.ERROR,
            "sending e-mails failed: %r to %s, attempt %d of %d: %s; %s",
            message.subject,
            message.to,
            attempt,
            max_attempts(),
            error,
            f"retrying in {retry_delay(attempt)}" if retry else "not retried",
        )
        raise
    return int(sent or 0)
