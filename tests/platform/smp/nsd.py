"""Debian's NSD (NLnet Labs' authoritative DNS server) serving one zone on 127.0.0.1, for tests.

``make dns`` installs it (the Debian package ``nsd``; never downloaded otherwise).
The zone file is first checked with ``nsd-checkzone``; the server runs in the
foreground on a free UDP/TCP port, as the current user, with every file in a
temporary directory, and is stopped when the block ends.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import dns.exception
import dns.message
import dns.query
import dns.rdatatype
import pytest

NSD = Path("/usr/sbin/nsd")
CHECKZONE = Path("/usr/sbin/nsd-checkzone")


def _free_port() -> int:
    # The port must be free for both UDP and TCP.
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            with socket.socket() as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
        return port


def check_zone(origin: str, path: Path) -> None:
    done = subprocess.run(
        [str(CHECKZONE), origin, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


class NSDServer:
    def __init__(self, zone_text: str, origin: str, directory: Path) -> None:
        if not NSD.exists() or not CHECKZONE.exists():
            pytest.fail(f"{NSD} is missing: run `make dns` (Debian nsd package)")
        self.origin = origin.rstrip(".")
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.zone_file = directory / "sml.zone"
        self.zone_file.write_text(zone_text)
        check_zone(self.origin, self.zone_file)
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.config = directory / "nsd.conf"
        self.config.write_text(
            f"""server:
    ip-address: {self.host}
    port: {self.port}
    do-ip6: no
    username: ""
    chroot: ""
    zonesdir: "{directory}"
    pidfile: "{directory}/nsd.pid"
    xfrdfile: "{directory}/xfrd.state"
    zonelistfile: "{directory}/zone.list"
    database: ""
    logfile: "{directory}/nsd.log"
    server-count: 1
    verbosity: 1
remote-control:
    control-enable: no
zone:
    name: "{self.origin}"
    zonefile: "{self.zone_file}"
"""
        )
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> NSDServer:
        self.process = subprocess.Popen(
            [str(NSD), "-d", "-c", str(self.config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        query = dns.message.make_query(self.origin, dns.rdatatype.SOA)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.directory / "nsd.log"
                pytest.fail(f"nsd exited: {log.read_text() if log.exists() else ''}")
            try:
                answer = dns.query.udp(query, self.host, port=self.port, timeout=0.5)
                if answer.answer:
                    return self
            except (dns.exception.Timeout, OSError):
                pass
            time.sleep(0.1)
        self.__exit__()
        pytest.fail("nsd did not answer within 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.directory, ignore_errors=True)
