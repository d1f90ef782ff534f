"""Demo data: ``load_demo`` and the ``heldigital demo`` command."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import authenticate
from stdnum.no import orgnr as stdnum_orgnr
from typer.testing import CliRunner

from heldigital.apps.accounts.access import can_read_protocol
from heldigital.apps.accounts.demo import (
    DEMO_BUYER,
    DEMO_PASSWORD,
    DEMO_PROCUREMENT_ID,
    load_demo,
)
from heldigital.apps.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.protocol import services
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.cli.main import app
from tests.platform.conftest import acting

pytestmark = pytest.mark.django_db

runner = CliRunner()


@pytest.fixture(autouse=True)
def _sealed_storage(settings, tmp_path):
    """The CLI also loads demo procurements: their sealed files and keys go to tmp_path."""
    from heldigital.apps.submissions import conf

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


def counts() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        # The demo protocol (the CLI also loads demo procurements with their own).
        ProtocolEvent.objects.filter(procurement_id=DEMO_PROCUREMENT_ID).count(),
    )


def test_load_demo_creates_the_organisations(now):
    result = load_demo(now)
    assert result.created_organisations == 5
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {OrganisationKind.PUBLIC_BODY: 2, OrganisationKind.SUPPLIER: 3}
    assert Organisation.objects.filter(name="Eksempel kommune").exists()
    for orgnr in Organisation.objects.values_list("orgnr", flat=True):
        assert stdnum_orgnr.is_valid(orgnr)


def test_load_demo_covers_every_role(now):
    load_demo(now)
    municipality = Organisation.objects.get(name="Eksempel kommune")
    roles = Counter(
        Membership.objects.filter(organisation=municipality).values_list("role", flat=True)
    )
    assert roles == {
        Role.BUYER_ADMIN: 1,
        Role.PROCUREMENT_OFFICER: 1,
        Role.OPENER: 2,
        Role.APPROVER: 1,
        Role.EVALUATOR: 1,
        Role.AUDITOR: 1,
    }
    for supplier in Organisation.objects.filter(kind=OrganisationKind.SUPPLIER):
        assert supplier.memberships.filter(role=Role.SUPPLIER_USER).count() == 1


def test_demo_users_log_in_with_the_demo_password(now):
    result = load_demo(now)
    assert result.password == DEMO_PASSWORD
    for spec in result.users:
        assert authenticate(username=spec.username, password=DEMO_PASSWORD) is not None
    assert authenticate(username=DEMO_BUYER, password="wrong") is None


def test_demo_protocol_verifies_and_the_buyer_can_read_it(now):
    result = load_demo(now)
    assert result.recorded_events == 4
    events = list(ProtocolEvent.objects.filter(procurement_id=DEMO_PROCUREMENT_ID))
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    assert [e.occurred_at for e in events] == sorted(e.occurred_at for e in events)
    assert all(e.occurred_at < now for e in events)
    assert services.verify_procurement(DEMO_PROCUREMENT_ID).ok
    buyer = User.objects.get(username=DEMO_BUYER)
    assert can_read_protocol(acting(buyer), DEMO_PROCUREMENT_ID)
    for username in ("kommune-revisor", "kommune-apner1"):
        user = User.objects.get(username=username)
        assert can_read_protocol(acting(user), DEMO_PROCUREMENT_ID)
    for username in ("broyting-bruker", "direktorat-admin"):
        user = User.objects.get(username=username)
        assert not can_read_protocol(acting(user), DEMO_PROCUREMENT_ID)
    assert events[0].actor == "user:kommune-innkjoper@0192:920000002"
    assert events[2].actor == "user:broyting-bruker@0192:920000029"


def test_load_demo_is_idempotent(now):
    load_demo(now)
    before = counts()
    user = User.objects.get(username=DEMO_BUYER)
    user.set_password("changed-by-the-user-1")
    user.save()
    again = load_demo(now)
    assert not again.created_anything
    assert counts() == before
    assert authenticate(username=DEMO_BUYER, password="changed-by-the-user-1") is not None


def test_cli_demo_prints_logins_and_password(now):
    result = runner.invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    assert result.output.count(DEMO_PASSWORD) == 1
    for username in (
        "kommune-admin",
        DEMO_BUYER,
        "kommune-apner1",
        "kommune-apner2",
        "kommune-godkjenner",
        "kommune-evaluator",
        "kommune-revisor",
        "broyting-bruker",
        "renhold-bruker",
        "data-bruker",
    ):
        assert username in result.output
    assert counts() == (5, 11, 11, 4)


def test_cli_demo_if_empty_skips_when_organisations_exist(municipality):
    result = runner.invoke(app, ["demo", "--if-empty"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "not loaded" in result.output
    assert counts() == (1, 0, 0, 0)


def test_cli_demo_if_empty_loads_into_an_empty_database():
    result = runner.invoke(app, ["demo", "--if-empty"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert counts() == (5, 11, 11, 4)


def test_cli_demo_again_says_nothing_changed(now):
    load_demo(now)
    result = runner.invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "nothing was changed" in result.output
    assert DEMO_PASSWORD in result.output
