"""100 concurrent submits across the tender deadline, against a production server.

The acceptance test of issue 7 (deliver 1), on SQLite and on PostgreSQL: 100
prepared drafts of one procurement are submitted through the HTTP API by 100
threads, fired from 2.5 s before to 1 s after a real deadline, while an
opener keeps trying to open. The server is the production server,
``heldigital serve`` (Granian, several worker processes, each running views
in several threads), on the test's own database: on PostgreSQL the test
database itself, on SQLite a file copy of the in-memory test database made
with SQLite's backup API.

Every request must end in a receipt or in a 409 problem stating the
deadline and the server time; nothing is lost (a receipt means a submitted
tender, a 409 a tender still a draft); no 5xx; every receipt is dated before
the deadline and every refusal at or after it; the opening record lists
exactly the tenders that got receipts; the protocol verifies.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from heldigital.apps.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.submissions import services
from heldigital.apps.submissions.models import Tender, Upload
from heldigital.ledger import format_time
from tests.platform.conftest import acting

from .conftest import make_procurement, xml_document

SUPPLIERS = 100
#: Submits are fired from this long before the deadline ...
EARLY = 2.5
#: ... to this long after it.
LATE = 1.0


def orgnrs(count: int) -> list[str]:
    """Valid Norwegian organisation numbers (mod 11), none of the fixtures' ones."""
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    found: list[str] = []
    base = 93_000_000
    while len(found) < count:
        digits = str(base)
        base += 1
        check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check == 10:
            continue
        found.append(digits + str(check % 11))
    return found


def prepare_drafts(procurement, now: datetime) -> list[tuple[str, str]]:
    """One supplier, user, token and complete draft per tender: [(tender id, token)]."""
    prepared = []
    for index, orgnr in enumerate(orgnrs(SUPPLIERS)):
        supplier = Organisation.objects.create(
            name=f"Leverandør {index} AS", kind=OrganisationKind.SUPPLIER, orgnr=orgnr
        )
        user = User.objects.create(username=f"surge{index}")
        Membership.objects.create(user=user, organisation=supplier, role=Role.SUPPLIER_USER)
        _, token = ApiToken.issue(user=user, organisation=supplier, name="surge", now=now)
        tender = services.start_tender(procurement, principal=acting(user, supplier), now=now)
        content = xml_document(f"tilbud {index}")
        upload = services.begin_upload(
            tender,
            principal=acting(user),
            kind="attachment",
            name="tilbud.xml",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content_type="application/xml",
            now=now,
        )
        services.upload_chunk(
            upload,
            principal=acting(user),
            offset=0,
            length=len(content),
            stream=io.BytesIO(content),
            now=now,
        )
        services.complete_upload(Upload.objects.get(pk=upload.pk), principal=acting(user), now=now)
        prepared.append((str(tender.id), token))
    return prepared


class Server:
    """``heldigital serve`` (the production server) on a free port of 127.0.0.1."""

    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            HELDIGITAL_DATA_DIR=str(data_dir),
            DJANGO_SETTINGS_MODULE="heldigital.platform.settings",
            PYTHONPATH=os.pathsep.join(p for p in sys.path if p),
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        self.log_path = data_dir / "server.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "heldigital.cli.main",
                "serve",
                "--port",
                str(self.port),
                "--workers=3",
                "--threads=8",
                "--no-migrate",  # the test database is migrated
                "--no-collectstatic",  # the API needs no static files
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def request(self, method: str, path: str, token: str) -> tuple[int, dict, float]:
        """One request on a fresh connection: (status, JSON body, time the answer arrived)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(
                method,
                path,
                headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"},
            )
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
        try:
            data = json.loads(body) if body else {}
        except ValueError:
            data = {"raw": body.decode("utf-8", "replace")}
        return response.status, data, time.time()

    def wait_ready(self, token: str, until: float) -> None:
        """Wait until the server answers, then warm up every worker (first requests are slow)."""
        while time.time() < until:
            if self.process.poll() is not None:
                break
            try:
                if self.request("GET", "/api/v1/receipts/platform-key", token)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            pytest.fail(
                f"the server did not start in time:\n{self.log_path.read_text('utf-8', 'replace')}"
            )
        if self.process.poll() is not None:
            pytest.fail(
                f"the server exited with {self.process.returncode}:\n"
                f"{self.log_path.read_text('utf-8', 'replace')}"
            )
        warm = [
            threading.Thread(
                target=self.request, args=("GET", "/api/v1/receipts/platform-key", token)
            )
            for _ in range(24)
        ]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def database_for_server(data_dir: Path) -> str | None:
    """Where the server finds the test's data: the PostgreSQL test database, or a file copy."""
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        host = params.get("host") or "/var/run/postgresql"
        user = params.get("user") or ""
        auth = f"{user}:{params.get('password') or ''}@" if user else ""
        port = f":{params['port']}" if params.get("port") else ""
        if host.startswith("/"):
            return f"postgres://{auth}/{params['dbname']}?host={host}"
        return f"postgres://{auth}{host}{port}/{params['dbname']}"
    connection.ensure_connection()
    target = sqlite3.connect(data_dir / "heldigital.sqlite3")
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return None


def tender_states(data_dir: Path) -> dict[str, tuple[str, datetime | None]]:
    """Each tender's status and time of receipt, as the server stored them."""
    if connection.vendor == "postgresql":
        rows = list(Tender.objects.values_list("id", "status", "submitted_at"))
    else:
        with sqlite3.connect(data_dir / "heldigital.sqlite3") as db:
            rows = [
                (ident, status, datetime.fromisoformat(at).replace(tzinfo=UTC) if at else None)
                for ident, status, at in db.execute(
                    "SELECT id, status, submitted_at FROM submissions_tender"
                )
            ]
    return {str(uuid.UUID(str(ident))): (status, at) for ident, status, at in rows}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_100_concurrent_submits_across_the_deadline(municipality, sealed_storage):
    data_dir: Path = sealed_storage  # MEDIA_ROOT and the key files live here
    start = timezone.now()
    procurement = make_procurement(
        municipality,
        regime="national",  # one opener
        deadline=start + timedelta(minutes=10),
        published=start - timedelta(days=30),
    )
    opener = User.objects.create(username="surge-opener")
    Membership.objects.create(user=opener, organisation=municipality, role=Role.OPENER)
    _, opener_token = ApiToken.issue(user=opener, organisation=municipality, name="o", now=start)
    # The server boots while the drafts are prepared.
    server = Server(data_dir, database_for_server(data_dir))
    try:
        drafts = prepare_drafts(procurement, start)
        server.wait_ready(opener_token, until=time.time() + 90)
        # A real deadline a moment ahead (the opening key is re-sealed to it).
        deadline = timezone.now() + timedelta(seconds=EARLY + 1)
        procurement.tender_deadline = deadline
        procurement.save(update_fields=["tender_deadline"])
        services.deadline_changed(procurement, now=timezone.now())
        database_for_server(data_dir)  # SQLite: the server's copy, again
        cutoff = deadline.timestamp()
        results: dict[str, tuple[int, dict, float]] = {}
        failures: list[BaseException] = []
        opening: list[tuple[int, dict, float]] = []

        def submit(index: int, tender: str, token: str) -> None:
            try:
                fire = cutoff - EARLY + index * (EARLY + LATE) / SUPPLIERS
                time.sleep(max(0.0, fire - time.time()))
                results[tender] = server.request("POST", f"/api/v1/tenders/{tender}/submit", token)
            except BaseException as exc:
                failures.append(exc)

        def open_tenders() -> None:
            try:
                time.sleep(max(0.0, cutoff - time.time()))
                path = f"/api/v1/procurements/{procurement.reference}/opening"
                while time.time() < cutoff + 30:
                    opening.append(server.request("POST", path, opener_token))
                    if opening[-1][0] == 200 and opening[-1][1].get("status") == "opened":
                        return
                    time.sleep(0.05)
            except BaseException as exc:
                failures.append(exc)

        threads = [
            threading.Thread(target=submit, args=(index, tender, token))
            for index, (tender, token) in enumerate(drafts)
        ]
        threads.append(threading.Thread(target=open_tenders))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        assert failures == []
        assert len(results) == SUPPLIERS

        statuses = sorted({status for status, _, _ in results.values()})
        assert statuses == [200, 409], [r for r in results.values() if r[0] != 200][:3]
        receipts = {t: body for t, (status, body, _) in results.items() if status == 200}
        refused = {t: body for t, (status, body, _) in results.items() if status == 409}
        for tender, body in receipts.items():
            assert body["tender"] == tender
            assert datetime.fromisoformat(body["time_of_receipt"]) < deadline
        for body in refused.values():
            assert "deadline" in body["detail"]
            assert datetime.fromisoformat(body["deadline"]) == deadline
            assert datetime.fromisoformat(body["server_time"]) >= deadline

        # Nothing lost: a receipt is a submitted tender, a refusal left the draft as it was.
        states = tender_states(data_dir)
        for tender in results:
            status, submitted_at = states[tender]
            if tender in receipts:
                assert status == "submitted"
                assert format_time(submitted_at) == receipts[tender]["time_of_receipt"]
            else:
                assert (status, submitted_at) == ("draft", None)

        # The opening record lists exactly the tenders with receipts, at their times.
        assert opening and opening[-1][1].get("status") == "opened", opening[-1:]
        assert all(status in (200, 403) for status, _, _ in opening), opening
        status, record, _ = server.request(
            "GET", f"/api/v1/procurements/{procurement.reference}/opening-record", opener_token
        )
        assert status == 200
        listed = {entry["tender"]: entry["received_at"] for entry in record["tenders"]}
        assert set(listed) == set(receipts)
        for tender, entry_time in listed.items():
            assert entry_time == receipts[tender]["time_of_receipt"]
        assert all(f["verified"] for entry in record["tenders"] for f in entry["files"])
    finally:
        server.stop()
    log = (data_dir / "server.log").read_text("utf-8", "replace")
    assert "Traceback" not in log, log[-4000:]

    # The protocol, as the server wrote it, verifies.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["HELDIGITAL_DATA_DIR"] = str(data_dir)
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = database_for_server(data_dir) or ""
    verify = subprocess.run(
        [sys.executable, "-m", "heldigital.cli.main", "ledger", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
