"""A live installation for the HTTP benchmarks: a fresh PostgreSQL database,
a data directory and ``heldigital serve`` (the production server)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from _report import REPO

HELDIGITAL = [sys.executable, "-m", "heldigital.cli.main"]
SOCKET_DIR = "/var/run/postgresql"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_postgres(name: str) -> str:
    """Drop and create database ``name`` on the local cluster; its URL."""
    subprocess.run([str(REPO / "scripts" / "postgres-up")], check=True)
    subprocess.run(["dropdb", "-h", SOCKET_DIR, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", "-h", SOCKET_DIR, name], check=True)
    return f"postgres:///{name}?host={SOCKET_DIR}"


@contextmanager
def installation(database: str, *, setup: list[list[str]] = ()):
    """A data directory and environment on ``database``, migrated; yields (env, dir)."""
    with tempfile.TemporaryDirectory(prefix="heldigital-bench-") as directory:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database,
            HELDIGITAL_DATA_DIR=directory,
            PYTHONPATH=f"{REPO / 'src'}:{env.get('PYTHONPATH', '')}",
        )
        run(env, ["manage", "migrate", "--no-input", "-v", "0"])
        for command in setup:
            run(env, command)
        yield env, Path(directory)


def run(env: dict[str, str], command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [*HELDIGITAL, *command], env=env, capture_output=True, text=True, **kwargs
    )
    if done.returncode:
        raise RuntimeError(f"heldigital {command[:2]} failed:\n{done.stdout}\n{done.stderr}")
    return done


@contextmanager
def server(env: dict[str, str], directory: Path, *, workers: int = 2, extra: list[str] = ()):
    """``heldigital serve`` on a free port; yields (port, pid)."""
    port = free_port()
    log = (directory / "server.log").open("wb")
    process = subprocess.Popen(
        [*HELDIGITAL, "serve", "--port", str(port), "--workers", str(workers), *extra],
        env=env,
        cwd=directory,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError((directory / "server.log").read_text())
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/api/v1/notices")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        # Kept for reading after the run (the data directory is removed).
        kept = REPO / "var" / "bench-server.log"
        kept.parent.mkdir(exist_ok=True)
        kept.write_bytes((directory / "server.log").read_bytes())


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and its children (MiB)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        pids.extend(int(c) for c in children)
    return total / 1024
