"""Fixtures for tests that run the real production server and worker processes.

The processes share a database with the test: on PostgreSQL the test
database itself (the tests use ``transactional_db`` so their rows are
committed); on SQLite, whose test database lives in memory, a database
file migrated once per session and copied for each test.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

COMMAND = [sys.executable, "-m", "heldigital.cli.main"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def on_postgres() -> bool:
    return bool(os.environ.get("DATABASE_URL"))


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path | None:
    if on_postgres():
        return None
    directory = tmp_path_factory.mktemp("template")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["HELDIGITAL_DATA_DIR"] = str(directory)
    done = subprocess.run(
        [*COMMAND, "manage", "migrate", "--no-input", "-v", "0"],
        env=env,
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return directory / "heldigital.sqlite3"


@pytest.fixture
def process_env(transactional_db, tmp_path, _sqlite_template) -> dict[str, str]:
    """Environment for a ``heldigital`` process that uses the test's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["HELDIGITAL_DATA_DIR"] = str(tmp_path)
    env["HELDIGITAL_LOG_LEVEL"] = "WARNING"
    if on_postgres():
        from django.db import connection

        url = urlsplit(os.environ["DATABASE_URL"])
        name = connection.settings_dict["NAME"]
        env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{name}"))
    else:
        env.pop("DATABASE_URL", None)
        shutil.copy(_sqlite_template, tmp_path / "heldigital.sqlite3")
    return env


def manage_shell(env: dict[str, str], script: str, cwd: Path) -> str:
    """Run Python in a ``heldigital manage shell`` process on that database; its stdout."""
    done = subprocess.run(
        [*COMMAND, "manage", "shell", "-v", "0", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@contextmanager
def running(
    command: list[str], env: dict[str, str], cwd: Path, log: Path
) -> Iterator[subprocess.Popen]:
    """A ``heldigital`` process, stopped (SIGTERM, then SIGKILL) when the block ends."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*COMMAND, *command], env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{log.read_text()}")
        parts = urlsplit(url)
        try:
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
            connection.request("GET", parts.path)
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"server did not answer within {timeout} s:\n{log.read_text()}")
