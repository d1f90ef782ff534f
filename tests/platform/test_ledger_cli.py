"""``heldigital ledger verify`` and ``seal`` against the test database."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
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


def test_console_script_end_to_end_on_a_sqlite_file(tmp_path):
    """The ``heldigital`` command in its own process and database file, a raw-SQL attacker."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["HELDIGITAL_DATA_DIR"] = str(tmp_path)
    command = [sys.executable, "-m", "heldigital.cli.main"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
        )

    assert run("manage", "migrate", "--no-input", "-v", "0").returncode == 0
    script = (
        "from datetime import UTC, datetime, timedelta\n"
        "from heldigital.apps.protocol import services\n"
        "t = datetime(2020, 3, 2, 10, tzinfo=UTC)\n"
        "for n in range(3):\n"
        "    services.record(procurement_id='E2E-1', type='step', actor='user:1',\n"
        "                    payload={'n': n}, now=t + timedelta(minutes=n))\n"
    )
    assert run("manage", "shell", "-c", script).returncode == 0
    intact = run("ledger", "verify")
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact" in intact.stdout

    database = sqlite3.connect(tmp_path / "heldigital.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        database.execute("UPDATE protocol_protocolevent SET actor = 'user:666'")
    database.execute("DROP TRIGGER protocol_protocolevent_no_update")
    database.execute("UPDATE protocol_protocolevent SET actor = 'user:666' WHERE sequence = 2")
    database.commit()
    database.close()

    tampered = run("ledger", "verify")
    assert tampered.returncode == 1
    assert "BROKEN procurement E2E-1, sequence 2, type step:" in tampered.stdout
