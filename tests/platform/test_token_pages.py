"""Self-service API tokens in the browser (issue 10, deliver 6): a user issues a named token
for the organisation the session acts for, with roles they hold there and an expiry; it is
shown once, works against the API, and its owner (only) revokes it after a confirmation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from heldigital.apps.accounts.access import SESSION_ORGANISATION_KEY
from heldigital.apps.accounts.models import TOKEN_PREFIX, ApiToken, Role, TokenState
from heldigital.platform.web.tokens import OSLO

from .conftest import PASSWORD, make_user


@pytest.fixture
def kari(municipality, supplier):
    return make_user(
        "kari",
        (municipality, Role.PROCUREMENT_OFFICER),
        (municipality, Role.OPENER),
        (supplier, Role.SUPPLIER_USER),
    )


def logged_in(client, user, organisation):
    assert client.login(username=user.username, password=PASSWORD)
    session = client.session
    session[SESSION_ORGANISATION_KEY] = organisation.orgnr
    session.save()
    return client


def in_days(days: int) -> str:
    return (timezone.localtime(timezone.now(), OSLO).date() + timedelta(days=days)).isoformat()


def test_issue_show_once_use_and_revoke(client, kari, municipality):
    logged_in(client, kari, municipality)
    page = client.get(reverse("web:tokens"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    answer = client.post(
        reverse("web:tokens"),
        {"name": "Sak/arkiv", "roles": ["opener"], "expires_on": in_days(30)},
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    token = ApiToken.objects.get(user=kari)
    assert (token.name, token.roles, token.organisation) == ("Sak/arkiv", ["opener"], municipality)
    # Valid until the end of the chosen day in Norway.
    end = timezone.localtime(token.expires_at, OSLO)
    assert (end.date().isoformat(), end.hour, end.minute) == (in_days(31), 0, 0)
    html = answer.content.decode()
    secret = html.split('id="token-secret">')[1].split("<")[0]
    assert secret.startswith(TOKEN_PREFIX) and token.token_prefix == secret[:10]
    # Shown once: the list shows the prefix only.
    again = client.get(reverse("web:tokens")).content.decode()
    assert secret not in again and token.token_prefix in again
    # It works against the API, as the organisation it was issued for.
    api = client.__class__()
    assert api.get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    # Revoking asks first (GET is a confirmation page and changes nothing) ...
    confirm = client.get(reverse("web:token-revoke", args=[token.pk]))
    assert confirm.status_code == 200 and token.token_prefix in confirm.content.decode()
    token.refresh_from_db()
    assert token.state(timezone.now()) == TokenState.ACTIVE
    # ... and a POST without the confirmation changes nothing either.
    client.post(reverse("web:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.state(timezone.now()) == TokenState.ACTIVE
    done = client.post(reverse("web:token-revoke", args=[token.pk]), {"confirm": "yes"})
    assert done.status_code == 302
    token.refresh_from_db()
    assert token.state(timezone.now()) == TokenState.REVOKED
    refused = api.get("/api/v1/tenders", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401


def test_a_token_is_for_the_acting_organisation_with_roles_held_there(
    client, kari, municipality, supplier
):
    logged_in(client, kari, supplier)
    page = client.get(reverse("web:tokens")).content.decode()
    assert 'value="supplier_user"' in page and 'value="opener"' not in page
    # A role held elsewhere (forged form) is refused with the reason; nothing is issued.
    answer = client.post(
        reverse("web:tokens"),
        {"name": "x", "roles": ["opener"], "expires_on": in_days(3)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    assert "error-summary" in answer.content.decode()
    assert not ApiToken.objects.exists()
    client.post(
        reverse("web:tokens"),
        {"name": "Tilbud", "roles": ["supplier_user"], "expires_on": in_days(3)},
    )
    token = ApiToken.objects.get()
    assert (token.organisation, token.roles) == (supplier, ["supplier_user"])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "roles": ["opener"], "expires_on": "+1"}, "name"),
        ({"name": "\x00", "roles": ["opener"], "expires_on": "+1"}, "name"),
        ({"name": "x", "roles": [], "expires_on": "+1"}, "roles"),
        ({"name": "x", "roles": ["opener"], "expires_on": "-1"}, "expires_on"),
        ({"name": "x", "roles": ["opener"], "expires_on": "+400"}, "expires_on"),
        ({"name": "x", "roles": ["opener"], "expires_on": "not a date"}, "expires_on"),
        ({"name": "x" * 101, "roles": ["opener"], "expires_on": "+1"}, "name"),
    ],
)
def test_bad_input_is_a_clear_error_and_issues_nothing(client, kari, municipality, data, field):
    logged_in(client, kari, municipality)
    day = data["expires_on"]
    if day[0] in "+-" and day[1:].isdigit():
        data = {**data, "expires_on": in_days(int(day))}
    answer = client.post(reverse("web:tokens"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    assert f'href="#id_{field}' in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_only_the_owner_can_revoke(client, kari, municipality, buyer):
    token, _ = ApiToken.issue(
        user=kari, organisation=municipality, name="Karis økonomisystem", now=timezone.now()
    )
    logged_in(client, buyer, municipality)
    assert client.get(reverse("web:token-revoke", args=[token.pk])).status_code == 404
    assert (
        client.post(reverse("web:token-revoke", args=[token.pk]), {"confirm": "yes"}).status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.name not in client.get(reverse("web:tokens")).content.decode()


def test_anonymous_users_are_sent_to_login(client):
    answer = client.get(reverse("web:tokens"))
    assert answer.status_code == 302 and "/login/" in answer["Location"]
