"""``heldigital ledger verify`` and ``seal`` against the test database."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from typer.testing import CliRunner

from heldigital.apps.protocol import guards, services
from heldigital.apps.protocol.models import DailyRoot, ProtocolEvent
from heldigital.cli.main import app

pytestmark = pytest.mark.django_db

T0 = datetime(2020, 3, 2, 10, 0, tzinfo=UTC)
runner = CliRunner()


def record_events() -> list[ProtocolEvent]:
    rows = []
    for n, (pid, kind) in enumerate(
        [
            ("2020-0007", "procurement.created"),
            ("2020-0007", "tender.submitted"),
            ("2020-0008", "procurement.created"),
            ("2020-0007", "tenders.opened"),
        ]
    ):
        rows.append(
            services.record(
                procurement_id=pid,
                type=kind,
                actor="user:1",
                payload={"n": n},
                now=T0 + timedelta(minutes=n),
            )
        )
    return rows


def test_verify_exits_0_when_the_protocol_is_intact():
    record_events()
    result = runner.invoke(app, ["ledger", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output
    assert re.search(r"Events\s+│\s+4", result.output)
    assert re.search(r"Chains\s+│\s+2", result.output)


def test_verify_exits_1_and_names_the_event_changed_in_the_database():
    rows = record_events()
    tender = rows[1]
    guards.remove(connection)  # an attacker with database administrator rights
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE protocol_protocolevent SET payload = %s WHERE id = %s",
            ['{"n":100}', tender.pk],
        )
    result = runner.invoke(app, ["ledger", "verify"])
    assert result.exit_code == 1, result.output
    assert "TAMPERED: 1 problem(s)" in result.output
    assert (
        "BROKEN procurement 2020-0007, sequence 2, type tender.submitted: "
        "hash does not match the event's contents: the event was changed"
    ) in result.output

    # Only that procurement is broken.
    assert runner.invoke(app, ["ledger", "verify", "--procurement", "2020-0007"]).exit_code == 1
    intact = runner.invoke(app, ["ledger", "verify", "--procurement", "2020-0008"])
    assert intact.exit_code == 0, intact.output
    assert "procurement 2020-0008" in intact.output


def test_seal_prints_the_root_and_verify_then_checks_it():
    record_events()
    result = runner.invoke(app, ["ledger", "seal", "--day", T0.date().isoformat()])
    assert result.exit_code == 0, result.output
    root = DailyRoot.objects.get(day=T0.date())
    assert f"2020-03-02 root {root.root} (2 chains" in result.output
    again = runner.invoke(app, ["ledger", "seal", "--day", "2020-03-02"])
    assert again.exit_code == 0 and root.root in again.output
    verified = runner.invoke(app, ["ledger", "verify"])
    assert verified.exit_code == 0 and re.search(r"Sealed days\s+│\s+1", verified.output)

    guards.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM protocol_protocolevent WHERE procurement_id = %s AND sequence = 3",
            ["2020-0007"],
        )
    broken = runner.invoke(app, ["ledger", "verify"])
    assert broken.exit_code == 1
    assert "root of 2020-03-02, procurement 2020-0007, sequence 3: " in broken.output


def test_seal_refusals_exit_with_an_error():
    bad = runner.invoke(app, ["ledger", "seal", "--day", "2020-02-30"])
    assert bad.exit_code == 2
    assert "is not a date" in bad.output
    future = runner.invoke(app, ["ledger", "seal", "--day", "2999-01-01"])
    assert future.exit_code == 1
    assert "has not ended" in future.output
