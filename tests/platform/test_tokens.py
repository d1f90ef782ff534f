"""API tokens act for one user in one organisation with named roles, expire and can be
revoked (issue 7); a browser session acts for one chosen organisation at a time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from typer.testing import CliRunner

from heldigital.apps.accounts.access import SESSION_ORGANISATION_KEY, token_principal
from heldigital.apps.accounts.models import ApiToken, Membership, Role, TokenState
from heldigital.cli.main import app

from .conftest import PASSWORD, make_user

runner = CliRunner()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def officer_opener(municipality):
    return make_user("kari", (municipality, Role.PROCUREMENT_OFFICER), (municipality, Role.OPENER))


# --- issuing ----------------------------------------------------------------------------


def test_a_token_gets_every_held_role_and_the_default_lifetime(officer_opener, municipality):
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    token, _ = ApiToken.issue(user=officer_opener, organisation=municipality, name="x", now=now)
    assert token.roles == ["opener", "procurement_officer"]
    assert token.expires_at == now + timedelta(days=90)


def test_the_default_lifetime_is_a_setting(settings, buyer, municipality, now):
    settings.HELDIGITAL_API_TOKEN_DAYS = 7
    token, _ = ApiToken.issue(user=buyer, organisation=municipality, name="x", now=now)
    assert token.expires_at == now + timedelta(days=7)


def test_a_token_gets_only_roles_the_user_holds_there(officer_opener, municipality, supplier, now):
    token, _ = ApiToken.issue(
        user=officer_opener, organisation=municipality, name="x", now=now, roles=["opener"]
    )
    assert token.roles == ["opener"]
    with pytest.raises(ValidationError, match="does not hold"):
        ApiToken.issue(
            user=officer_opener, organisation=municipality, name="x", now=now, roles=["auditor"]
        )
    with pytest.raises(ValidationError, match="not a member"):
        ApiToken.issue(user=officer_opener, organisation=supplier, name="x", now=now)
    with pytest.raises(ValidationError, match="at least one role"):
        ApiToken.issue(user=officer_opener, organisation=municipality, name="x", now=now, roles=[])
    with pytest.raises(ValidationError, match="after now"):
        ApiToken.issue(
            user=officer_opener, organisation=municipality, name="x", now=now, expires_at=now
        )
    assert ApiToken.objects.count() == 1


def test_token_state(buyer, municipality, now):
    token, _ = ApiToken.issue(
        user=buyer, organisation=municipality, name="x", now=now, expires_at=now + timedelta(1)
    )
    assert token.state(now) == TokenState.ACTIVE
    assert token.state(now + timedelta(days=1)) == TokenState.EXPIRED
    token.revoke(now)
    assert token.state(now) == TokenState.REVOKED


# --- using ------------------------------------------------------------------------------


def test_an_expired_token_gets_401(client, buyer, municipality):
    now = timezone.now()
    token, raw = ApiToken.issue(
        user=buyer,
        organisation=municipality,
        name="x",
        now=now - timedelta(days=2),
        expires_at=now - timedelta(seconds=1),
    )
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "expired" in response.json()["detail"]
    token.refresh_from_db()
    assert token.last_used_at is None


def test_a_token_acts_with_its_roles_only(client, officer_opener, municipality):
    now = timezone.now()
    _, raw = ApiToken.issue(
        user=officer_opener, organisation=municipality, name="x", now=now, roles=["opener"]
    )
    me = client.get("/api/v1/me", **bearer(raw)).json()
    assert me["organisations"][0]["roles"] == ["opener"]
    # The user is a procurement officer, but this token is not.
    created = client.post(
        "/api/v1/procurements",
        data=json.dumps({"title": "x"}),
        content_type="application/json",
        **bearer(raw),
    )
    assert created.status_code == 403


def test_removing_a_role_takes_it_from_the_token_at_once(client, officer_opener, municipality):
    _, raw = ApiToken.issue(
        user=officer_opener, organisation=municipality, name="x", now=timezone.now()
    )
    Membership.objects.filter(user=officer_opener, role=Role.OPENER).delete()
    me = client.get("/api/v1/me", **bearer(raw)).json()
    assert me["organisations"][0]["roles"] == ["procurement_officer"]
    # Giving the role back does not widen the token beyond what it was issued with.
    Membership.objects.create(user=officer_opener, organisation=municipality, role=Role.BUYER_ADMIN)
    me = client.get("/api/v1/me", **bearer(raw)).json()
    assert me["organisations"][0]["roles"] == ["procurement_officer"]


def test_a_token_without_any_remaining_role_gets_401(client, buyer, municipality):
    token, raw = ApiToken.issue(user=buyer, organisation=municipality, name="x", now=timezone.now())
    Membership.objects.filter(user=buyer).delete()
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 401
    assert "no longer holds" in response.json()["detail"]
    assert token_principal(token).roles == frozenset()


def test_a_deactivated_user_s_token_gets_401(client, buyer, municipality):
    _, raw = ApiToken.issue(user=buyer, organisation=municipality, name="x", now=timezone.now())
    buyer.is_active = False
    buyer.save()
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 401
    assert "deactivated" in response.json()["detail"]


# --- the command line ---------------------------------------------------------------------


def test_cli_issues_lists_and_revokes_tokens(client, officer_opener, municipality):
    result = runner.invoke(
        app,
        [
            "token",
            "issue",
            "--user",
            "kari",
            "--organisation",
            "920 000 002",
            "--role",
            "opener",
            "--days",
            "30",
            "--name",
            "Åpning",
        ],
    )
    assert result.exit_code == 0, result.output
    raw = result.stdout.strip().splitlines()[-1]
    assert raw.startswith("hd_")
    token = ApiToken.objects.get()
    assert token.roles == ["opener"] and token.name == "Åpning"
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 200

    listed = runner.invoke(app, ["token", "list", "--user", "kari"])
    assert listed.exit_code == 0
    assert token.token_prefix in listed.stdout and "active" in listed.stdout
    assert raw not in listed.stdout

    revoked = runner.invoke(app, ["token", "revoke", token.token_prefix])
    assert revoked.exit_code == 0, revoked.output
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "auditor"], "does not hold"),
        (["--expires", "2027-01-01T00:00:00"], "time zone"),
        (["--expires", "yesterday"], "ISO 8601"),
        (["--expires", "2020-01-01T00:00:00+01:00"], "after now"),
        (["--days", "3", "--expires", "2030-01-01T00:00:00Z"], "not both"),
    ],
)
def test_cli_refuses_a_bad_grant(officer_opener, municipality, arguments, message):
    result = runner.invoke(
        app, ["token", "issue", "--user", "kari", "--organisation", "920000002", *arguments]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert not ApiToken.objects.exists()


def test_cli_with_an_explicit_expiry(officer_opener, municipality):
    result = runner.invoke(
        app,
        [
            "token",
            "issue",
            "--user",
            "kari",
            "--organisation",
            "920000002",
            "--expires",
            "2030-03-01T12:00:00+01:00",
        ],
    )
    assert result.exit_code == 0, result.output
    assert ApiToken.objects.get().expires_at == datetime(2030, 3, 1, 11, 0, tzinfo=UTC)


def test_admin_issues_a_token_with_named_roles_and_expiry(
    admin_client, officer_opener, municipality
):
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {
            "user": officer_opener.pk,
            "organisation": municipality.pk,
            "name": "ERP",
            "roles": ["procurement_officer"],
            "expires_at_0": "2030-01-02",
            "expires_at_1": "10:00:00",
            "expires_at": "2030-01-02 10:00:00",
        },
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.roles == ["procurement_officer"]
    assert token.expires_at.year == 2030


def test_admin_refuses_a_role_the_user_does_not_hold(admin_client, buyer, municipality):
    response = admin_client.post(
        "/admin/accounts/apitoken/add/",
        {"user": buyer.pk, "organisation": municipality.pk, "name": "x", "roles": ["opener"]},
    )
    assert response.status_code == 200
    assert "does not hold" in response.content.decode() or "har ikke" in response.content.decode()
    assert not ApiToken.objects.exists()


# --- the browser session: one organisation at a time ------------------------------------


@pytest.fixture
def two_hats(municipality, supplier):
    """Officer at the municipality, supplier user at the supplier."""
    return make_user(
        "tohatter", (municipality, Role.PROCUREMENT_OFFICER), (supplier, Role.SUPPLIER_USER)
    )


def test_the_switcher_shows_and_changes_the_acting_organisation(
    client, two_hats, municipality, supplier
):
    assert client.login(username="tohatter", password=PASSWORD)
    page = client.get("/home/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="organisation-select"' in page
    assert "Testkommune" in page and "Testleverandør AS" in page
    # By default the first by name: the municipality.
    assert client.get("/buyer/procurements/new/").status_code in (200, 302)
    assert client.get("/api/v1/me").json()["organisations"][0]["orgnr"] == municipality.orgnr

    response = client.post("/organisation/", {"orgnr": supplier.orgnr, "next": "/procurements/"})
    assert response.status_code == 302 and response["Location"] == "/procurements/"
    assert client.session[SESSION_ORGANISATION_KEY] == supplier.orgnr
    # Acting for the supplier, the officer role at the municipality does not count.
    assert client.get("/buyer/procurements/new/").status_code == 403
    me = client.get("/api/v1/me").json()
    assert me["organisations"] == [
        {
            "orgnr": supplier.orgnr,
            "name": supplier.name,
            "kind": "supplier",
            "peppol_id": supplier.peppol_id,
            "roles": ["supplier_user"],
        }
    ]


def test_switching_to_a_foreign_organisation_is_refused(client, buyer, supplier, municipality):
    assert client.login(username="buyer", password=PASSWORD)
    response = client.post("/organisation/", {"orgnr": supplier.orgnr})
    assert response.status_code == 403
    assert SESSION_ORGANISATION_KEY not in client.session
    assert client.get("/api/v1/me").json()["organisations"][0]["orgnr"] == municipality.orgnr


def test_switching_never_redirects_off_site(client, two_hats, supplier):
    assert client.login(username="tohatter", password=PASSWORD)
    response = client.post(
        "/organisation/", {"orgnr": supplier.orgnr, "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_a_lost_membership_falls_back_to_another_organisation(
    client, two_hats, supplier, municipality
):
    assert client.login(username="tohatter", password=PASSWORD)
    client.post("/organisation/", {"orgnr": supplier.orgnr})
    Membership.objects.filter(user=two_hats, organisation=supplier).delete()
    me = client.get("/api/v1/me").json()
    assert me["organisations"][0]["orgnr"] == municipality.orgnr


def test_one_membership_shows_no_switcher(client, buyer):
    assert client.login(username="buyer", password=PASSWORD)
    page = client.get("/home/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="organisation-select"' not in page
    assert "Acting for Testkommune" in page


def test_the_switcher_is_translated(client, two_hats):
    assert client.login(username="tohatter", password=PASSWORD)
    page = client.get("/home/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Bytt organisasjon" in page and "Handler for" in page
