"""The rules of sending, as pure functions of ``now``, the policy and the data.

* :func:`destination` — which service publishes a notice. Doffin publishes
  every Norwegian notice and forwards the EEA ones to TED itself (DFØ: "The
  Notices API is intended for those who will submit quality-assured notices
  to TED and Doffin.no"), so with Doffin configured everything goes there
  and nothing goes to TED directly (sending to both would publish an EEA
  notice twice on TED). Without Doffin, EEA notices go to TED and national
  ones are not sent.
* :func:`next_attempt` — when to try again after a temporary failure:
  exponential back-off, never earlier than the service's ``Retry-After``,
  and ``None`` once the attempts are used up.
* :func:`next_poll` — when to ask again whether a submitted notice is
  published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from heldigital.publication.contract import DOFFIN, TED

__all__ = [
    "RetryPolicy",
    "destination",
    "next_attempt",
    "next_poll",
    "retry_after",
]


@dataclass(frozen=True)
class RetryPolicy:
    #: The wait after the first failed attempt; it doubles with each attempt.
    base: timedelta = timedelta(minutes=1)
    cap: timedelta = timedelta(hours=6)
    #: Submission attempts before giving up.
    attempts: int = 10
    #: Never wait longer than this for a ``Retry-After`` either.
    longest_retry_after: timedelta = timedelta(hours=24)
    #: Polling a submitted notice: first after ``poll``, then ever more slowly up
    #: to ``poll_cap`` (TED publishes within five working days).
    poll: timedelta = timedelta(minutes=15)
    poll_cap: timedelta = timedelta(hours=6)


def destination(*, eea: bool, configured: frozenset[str] | set[str]) -> str | None:
    """The service (its name) that publishes a notice, or ``None`` when none can.

    >>> destination(eea=True, configured={"ted", "doffin"})
    'doffin'
    >>> destination(eea=True, configured={"ted"})
    'ted'
    >>> destination(eea=False, configured={"ted"}) is None
    True
    """
    if DOFFIN.name in configured:
        return DOFFIN.name
    if eea and TED.name in configured:
        return TED.name
    return None


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """The wait a ``Retry-After`` header asks for (RFC 9110 §10.2.3): seconds or
    an HTTP date; ``None`` when absent or unreadable.

    >>> from datetime import UTC
    >>> retry_after("120", datetime(2026, 1, 1, tzinfo=UTC))
    datetime.timedelta(seconds=120)
    >>> retry_after("Thu, 01 Jan 2026 00:00:30 GMT", datetime(2026, 1, 1, tzinfo=UTC))
    datetime.timedelta(seconds=30)
    """
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(when - now, timedelta(0))


def next_attempt(
    policy: RetryPolicy, *, attempt: int, now: datetime, wait: timedelta | None = None
) -> datetime | None:
    """When to make attempt ``attempt + 1`` after attempt ``attempt`` failed
    temporarily; ``None`` when no attempt is left.

    ``wait`` is what the service asked for (``Retry-After``), honoured up to
    ``policy.longest_retry_after``.
    """
    if attempt >= policy.attempts:
        return None
    doubled: timedelta = policy.base * 2 ** min(max(attempt - 1, 0), 30)
    backoff = min(doubled, policy.cap)
    if wait is not None:
        backoff = max(backoff, min(wait, policy.longest_retry_after))
    return now + backoff


def next_poll(policy: RetryPolicy, *, polls: int, now: datetime) -> datetime:
    """When to ask for the status of a submitted notice after ``polls`` answers
    that it is not yet published."""
    doubled: timedelta = policy.poll * 2 ** min(max(polls, 0), 30)
    return now + min(doubled, policy.poll_cap)
