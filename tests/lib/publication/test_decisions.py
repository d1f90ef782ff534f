"""Where a notice goes and when to try again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from heldigital.publication import read_report
from heldigital.publication.decisions import (
    RetryPolicy,
    destination,
    next_attempt,
    next_poll,
    retry_after,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("eea", "configured", "expected"),
    [
        (True, {"ted", "doffin"}, "doffin"),  # Doffin forwards EEA notices to TED
        (False, {"ted", "doffin"}, "doffin"),
        (True, {"doffin"}, "doffin"),
        (True, {"ted"}, "ted"),
        (False, {"ted"}, None),  # national notices are Doffin's only
        (True, set(), None),
    ],
)
def test_destination(eea, configured, expected):
    assert destination(eea=eea, configured=frozenset(configured)) == expected


def test_back_off_doubles_up_to_the_cap_and_gives_up():
    policy = RetryPolicy(base=timedelta(minutes=1), cap=timedelta(minutes=10), attempts=6)
    waits = [next_attempt(policy, attempt=n, now=NOW) - NOW for n in range(1, 6)]
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 10)]
    assert next_attempt(policy, attempt=6, now=NOW) is None


def test_retry_after_is_honoured_within_bounds():
    policy = RetryPolicy(longest_retry_after=timedelta(hours=1))
    assert next_attempt(policy, attempt=1, now=NOW, wait=timedelta(minutes=30)) == NOW + timedelta(
        minutes=30
    )
    assert next_attempt(policy, attempt=1, now=NOW, wait=timedelta(days=3)) == NOW + timedelta(
        hours=1
    )
    # a shorter Retry-After never shortens the back-off
    assert next_attempt(policy, attempt=3, now=NOW, wait=timedelta(seconds=1)) == NOW + timedelta(
        minutes=4
    )


def test_retry_after_forms():
    assert retry_after("30", NOW) == timedelta(seconds=30)
    assert retry_after("Wed, 25 Nov 2026 12:02:00 GMT", NOW) == timedelta(minutes=2)
    assert retry_after("Wed, 25 Nov 2026 11:00:00 GMT", NOW) == timedelta(0)
    assert retry_after("soon", NOW) is None
    assert retry_after(None, NOW) is None


def test_polling_slows_down():
    policy = RetryPolicy(poll=timedelta(minutes=15), poll_cap=timedelta(hours=1))
    assert [next_poll(policy, polls=n, now=NOW) - NOW for n in range(4)] == [
        timedelta(minutes=15),
        timedelta(minutes=30),
        timedelta(hours=1),
        timedelta(hours=1),
    ]
    assert next_poll(policy, polls=10_000, now=NOW) - NOW == timedelta(hours=1)


def test_a_report_that_is_not_svrl_is_refused():
    with pytest.raises(ValueError):
        read_report(b"<html/>")
