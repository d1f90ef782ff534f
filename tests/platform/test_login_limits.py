"""Login attempts are limited per user name and address (django-axes).

Issue 7 found that 30 wrong passwords, then the right one, logged in.
Policy: 5 failures for one (user name, address) lock that combination for
15 minutes; other addresses and other users are not locked.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = 5


def attempt(client, username, password, address="192.0.2.10"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address="192.0.2.10"):
    for _ in range(times):
        response = attempt(client, username, "wrong-password", address)
        assert not logged_in(client)
    return response


def test_right_password_after_the_limit_is_refused_with_the_lockout_message(client, buyer):
    fail(client, "buyer", LIMIT)
    response = client.post(
        "/login/",
        {"username": "buyer", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert not logged_in(client)
    text = response.content.decode()
    assert "Too many failed logins for this user from your address" in text
    assert "15 minutes" in text


def test_lockout_message_in_norwegian(client, buyer):
    fail(client, "buyer", LIMIT)
    response = attempt(client, "buyer", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "For mange mislykkede innlogginger for denne brukeren fra din adresse" in text
    assert "15 minutter" in text


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, buyer):
    fail(client, "buyer", 30)
    assert attempt(client, "buyer", PASSWORD).status_code == 429
    assert not logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(client, buyer):
    fail(client, "buyer", LIMIT - 1)
    response = attempt(client, "buyer", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)
    # A success resets the count: another LIMIT - 1 failures still do not lock.
    client.logout()
    fail(client, "buyer", LIMIT - 1)
    assert attempt(client, "buyer", PASSWORD).status_code == 302


def test_after_the_cool_off_the_right_password_works(client, buyer):
    fail(client, "buyer", LIMIT)
    assert attempt(client, "buyer", PASSWORD).status_code == 429
    # Move every recorded attempt past the 15-minute cool-off.
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=16)
        row.save(update_fields=["attempt_time"])
    response = attempt(client, "buyer", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_still_locked_just_before_the_cool_off_ends(client, buyer):
    fail(client, "buyer", LIMIT)
    for row in AccessAttempt.objects.all():
        row.attempt_time -= timedelta(minutes=14)
        row.save(update_fields=["attempt_time"])
    assert attempt(client, "buyer", PASSWORD).status_code == 429


def test_another_address_and_another_user_are_not_locked(client, buyer, auditor):
    fail(client, "buyer", LIMIT, address="192.0.2.10")
    assert attempt(client, "buyer", PASSWORD, address="192.0.2.10").status_code == 429
    # The same account from another address (per-combination policy).
    assert attempt(client, "buyer", PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()
    # Another account from the locked address.
    assert attempt(client, "auditor", PASSWORD, address="192.0.2.10").status_code == 302


def test_a_forwarded_for_header_does_not_change_the_address(client, buyer):
    for index in range(LIMIT):
        client.post(
            "/login/",
            {"username": "buyer", "password": "wrong"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{index}",
        )
    response = client.post(
        "/login/",
        {"username": "buyer", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert response.status_code == 429


def test_the_admin_login_is_limited_too(client, buyer):
    buyer.is_staff = True
    buyer.save()
    for _ in range(LIMIT):
        client.post(
            "/admin/login/", {"username": "buyer", "password": "wrong"}, REMOTE_ADDR="192.0.2.10"
        )
    response = client.post(
        "/admin/login/", {"username": "buyer", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 429
    assert not logged_in(client)
