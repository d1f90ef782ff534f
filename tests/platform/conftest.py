"""Shared fixtures for platform tests: organisations, users with roles, tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from heldigital.apps.accounts.access import Principal, member_principal, user_organisations
from heldigital.apps.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)

PASSWORD = "correct-horse-battery-staple"
#: Expiry of the test fixtures' API tokens: the tests use fixed dates while some
#: requests read the real clock, so the tokens must outlive any day the suite runs.
LONG_LIVED = timedelta(days=365 * 50)


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def make_user(username: str, *memberships: tuple[Organisation, str]) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Test"
    )
    for organisation, role in memberships:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def acting(user: User, organisation: Organisation | None = None) -> Principal:
    """``user`` acting for ``organisation`` with the roles held there now.

    Without ``organisation``: the user's only organisation (a test helper for
    single-membership users; production code always names the organisation).
    """
    if organisation is None:
        organisations = user_organisations(user)
        assert len(organisations) <= 1, f"{user} acts for several organisations: name one"
        organisation = organisations[0] if organisations else None
    return member_principal(user, organisation)


@pytest.fixture
def municipality(db) -> Organisation:
    return Organisation.objects.create(
        name="Testkommune",
        kind=OrganisationKind.PUBLIC_BODY,
        orgnr="920 000 002",
        address="Rådhusgata 1\n0001 Testby",
        email="post@testkommune.invalid",
    )


@pytest.fixture
def agency(db) -> Organisation:
    return Organisation.objects.create(
        name="Testdirektoratet", kind=OrganisationKind.PUBLIC_BODY, orgnr="920000010"
    )


@pytest.fixture
def supplier(db) -> Organisation:
    return Organisation.objects.create(
        name="Testleverandør AS", kind=OrganisationKind.SUPPLIER, orgnr="920000029"
    )


@pytest.fixture
def buyer(municipality) -> User:
    return make_user("buyer", (municipality, Role.PROCUREMENT_OFFICER))


@pytest.fixture
def auditor(municipality) -> User:
    return make_user("auditor", (municipality, Role.AUDITOR))


@pytest.fixture
def supplier_user(supplier) -> User:
    return make_user("supplieruser", (supplier, Role.SUPPLIER_USER))


@pytest.fixture
def outsider(db) -> User:
    return make_user("outsider")


@pytest.fixture
def buyer_token(buyer, municipality, now) -> str:
    _, raw = ApiToken.issue(
        user=buyer, organisation=municipality, name="ERP", now=now, expires_at=now + LONG_LIVED
    )
    return raw


@pytest.fixture
def supplier_token(supplier_user, supplier, now) -> str:
    _, raw = ApiToken.issue(
        user=supplier_user, organisation=supplier, name="ERP", now=now, expires_at=now + LONG_LIVED
    )
    return raw


PROCUREMENT_ID = "P-2026-0001"
#: The buyer acting for the municipality (see heldigital.apps.accounts.actors).
BUYER_ACTOR = "user:buyer@0192:920000002"


@pytest.fixture
def protocol_events(municipality, now):
    """Three events in the protocol of :data:`PROCUREMENT_ID`, an hour apart."""
    from heldigital.apps.protocol import services

    return [
        services.record(
            procurement_id=PROCUREMENT_ID,
            type=event_type,
            actor=BUYER_ACTOR,
            payload=payload,
            now=now + timedelta(hours=index),
        )
        for index, (event_type, payload) in enumerate(
            [
                ("procurement.created", {"title": "Snørydding"}),
                ("notice.published", {"channel": "Doffin"}),
                ("tender.received", {"supplier_orgnr": "920000029"}),
            ]
        )
    ]


@pytest.fixture
def tamper(db):
    """Change one stored event behind the ORM's back, as an attacker with
    database rights would (drops the append-only guards first)."""
    from django.db import connection

    from heldigital.apps.protocol import guards

    def change(procurement_id: str, sequence: int, payload: str) -> None:
        guards.remove(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE protocol_protocolevent SET payload = %s "
                "WHERE procurement_id = %s AND sequence = %s",
                [payload, procurement_id, sequence],
            )

    return change


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Test speed only: PBKDF2 with its production work factor makes every
    # login and every demo user cost ~0.3 s.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_cache(settings):
    # The public page cache is invalidated when a transaction commits, which a test
    # inside one never does; tests/platform/ops/test_public_cache.py tests it.
    settings.HELDIGITAL_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    # Requests enqueue their e-mails on commit (heldigital.apps.jobs.mail); in-process
    # tests run each job at once. The database queue and the real worker process are
    # tested in tests/platform/ops.
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }


@pytest.fixture(autouse=True)
def _no_access_point_lookups_across_tests():
    # The access point keeps SML/SMP lookups and kept-alive connections per process
    # (heldigital.apps.accesspoint.services); each test's receiving peer is a new server.
    yield
    from heldigital.apps.accesspoint import services

    services.forget_lookups()
    services.close_connections()
