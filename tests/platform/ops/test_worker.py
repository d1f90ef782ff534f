"""``heldigital worker``: real worker processes on the database queue.

* An e-mail enqueued when a transaction commits is delivered by a worker
  process to a real SMTP server (aiosmtpd); the server refuses the first
  attempt (451), the worker retries and delivers it once.
* A ``.part`` file left by an upload whose process was killed (SIGKILL)
  mid-chunk is removed by the clean-up job; the completed chunk stays.
* The sealing job seals every ended day, once.
* On PostgreSQL: two workers and two schedulers at once never send a
  message twice nor enqueue a periodic job twice.
"""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from .conftest import COMMAND, free_port, manage_shell, on_postgres, running

REPO = Path(__file__).resolve().parents[3]


class FlakySMTP:
    """Refuses the first ``refuse`` messages with 451, then accepts and keeps them."""

    def __init__(self, refuse: int = 1) -> None:
        self.refuse = refuse
        self.attempts = 0
        self.messages: list[bytes] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
            if self.attempts <= self.refuse:
                return "451 4.3.0 Try again later"
            self.messages.append(envelope.content)
        return "250 OK"


@pytest.fixture
def smtp_server():
    handler = FlakySMTP(refuse=1)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _mail_env(env: dict[str, str], port: int) -> dict[str, str]:
    return {
        **env,
        "HELDIGITAL_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "HELDIGITAL_EMAIL_HOST": "127.0.0.1",
        "HELDIGITAL_EMAIL_PORT": str(port),
        "HELDIGITAL_EMAIL_TIMEOUT": "10",
        "HELDIGITAL_MAIL_RETRY_SECONDS": "1",
    }


def _wait(condition, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out; worker log:\n{log.read_text()}")


ENQUEUE = """
from django.core.mail import EmailMessage
from django.db import transaction
from heldigital.apps.jobs.mail import send_on_commit
with transaction.atomic():
    message = EmailMessage("Frist om 24 timer", "Hei", "hd@example.invalid", ["a@example.invalid"])
    message.attach("kvittering.pdf", b"%PDF-1.7 \\x00\\xff", "application/pdf")
    send_on_commit([message])
"""

STATUSES = """
import json
from django_tasks_db.models import DBTaskResult
rows = DBTaskResult.objects.order_by("enqueued_at")
print(json.dumps([[r.task_path, r.status, r.args_kwargs["args"][1:]] for r in rows]))
"""


def test_worker_delivers_an_email_and_retries_after_a_refusal(process_env, smtp_server, tmp_path):
    handler, port = smtp_server
    env = _mail_env(process_env, port)
    manage_shell(env, ENQUEUE, tmp_path)
    assert handler.attempts == 0  # nothing is sent by the request itself

    log = tmp_path / "worker.log"
    command = ["worker", "--interval", "0.2", "--no-schedule"]
    with running(command, env, tmp_path, log):
        _wait(lambda: handler.messages, 60, log)
        time.sleep(0.5)

    assert handler.attempts == 2
    assert len(handler.messages) == 1
    delivered = handler.messages[0]
    assert b"Subject: Frist om 24 timer" in delivered
    assert b'filename="kvittering.pdf"' in delivered
    rows = json.loads(manage_shell(env, STATUSES, tmp_path))
    assert rows == [
        ["heldigital.apps.jobs.mail.deliver", "FAILED", [1]],
        ["heldigital.apps.jobs.mail.deliver", "SUCCESSFUL", [2]],
    ]


KILLED_UPLOAD = """
import hashlib, io, time
from datetime import UTC, datetime, timedelta
from heldigital.apps.accounts.access import member_principal
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.submissions import services
from heldigital.apps.submissions.conf import sealed_root
from tests.platform.conftest import make_user
from tests.platform.submissions.conftest import make_procurement

buyer = Organisation.objects.create(name="K", kind=OrganisationKind.PUBLIC_BODY, orgnr="920000002")
supplier = Organisation.objects.create(name="L", kind=OrganisationKind.SUPPLIER, orgnr="920000029")
user = make_user("leverandor", (supplier, Role.SUPPLIER_USER))
principal = member_principal(user, supplier)
# A deadline ahead of the real clock: the clean-up job reads it.
# The real time, not a fixed date: the clean-up job compares with the real clock
# (an upload older than a week counts as stale).
NOW = datetime.now(UTC)
procurement = make_procurement(buyer, deadline=datetime.now(UTC) + timedelta(days=30))
tender = services.start_tender(procurement, principal=principal, now=NOW)
content = b"%PDF-1.7\\n" + b"x" * 300_000
upload = services.begin_upload(
    tender, principal=principal, kind="attachment", name="tilbud.pdf", size=len(content),
    sha256=hashlib.sha256(content).hexdigest(), content_type="application/pdf", now=NOW,
)
services.upload_chunk(upload, principal=principal, offset=0, length=100_000,
                      stream=io.BytesIO(content[:100_000]), now=NOW)


class Stalls:
    def __init__(self):
        self.sent = False

    def read(self, n):
        if not self.sent:
            self.sent = True
            return content[100_000:150_000]
        print("STALLED", flush=True)
        time.sleep(3600)


upload.refresh_from_db()
services.upload_chunk(
    upload, principal=principal, offset=100_000, length=200_000, stream=Stalls(), now=NOW
)
"""

CLEAN = """
import json
from pathlib import Path
from heldigital.apps.jobs.tasks import clean_uploads
from heldigital.apps.submissions.conf import sealed_root
from heldigital.apps.submissions.models import Upload
result = clean_uploads.call()
files = sorted(p.name for p in sealed_root().rglob("*") if p.is_file())
print(json.dumps({"result": result, "files": files, "received": Upload.objects.get().received}))
"""


def test_cleanup_removes_the_part_file_of_a_killed_upload(process_env, tmp_path):
    env = {**process_env, "PYTHONPATH": f"{REPO}:{process_env.get('PYTHONPATH', '')}"}
    with (tmp_path / "upload.log").open("wb") as out:
        upload = subprocess.Popen(
            [*COMMAND, "manage", "shell", "-v", "0", "-c", KILLED_UPLOAD],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=out,
        )
        assert upload.stdout.readline().strip() == b"STALLED", (tmp_path / "upload.log").read_text()
        upload.send_signal(signal.SIGKILL)
        upload.wait(timeout=30)
    sealed = tmp_path / "media" / "sealed"
    parts = list(sealed.glob("*/.incoming-*.part"))
    assert len(parts) == 1

    # Younger than the age limit: kept (the request might still be running).
    kept = json.loads(manage_shell(env, CLEAN, tmp_path))
    assert kept["result"] == {"part_files": 0, "uploads": 0}
    assert len(kept["files"]) == 2

    cleaned = json.loads(manage_shell({**env, "HELDIGITAL_PART_FILE_AGE": "0"}, CLEAN, tmp_path))
    assert cleaned["result"] == {"part_files": 1, "uploads": 0}
    assert len(cleaned["files"]) == 1 and cleaned["files"][0].endswith(".hdse")
    assert cleaned["received"] == 100_000  # the upload resumes at the last whole chunk


SEAL = """
import json
from datetime import UTC, datetime, timedelta
from heldigital.apps.protocol import services
from heldigital.apps.protocol.models import DailyRoot
start = datetime.now(UTC) - timedelta(days=3)
for n in range(3):
    services.record(procurement_id="SEAL-1", type="step", actor="user:1", payload={"n": n},
                    now=start + timedelta(days=n))
"""

ROOTS = """
import json
from heldigital.apps.protocol.models import DailyRoot
from heldigital.apps.jobs.models import ScheduledRun
days = DailyRoot.objects.order_by("day").values_list("day", flat=True)
runs = ScheduledRun.objects.values_list("job", flat=True)
print(json.dumps({"days": [str(d) for d in days], "runs": sorted(runs)}))
"""


def test_the_worker_schedules_and_runs_the_sealing_job(process_env, tmp_path):
    manage_shell(process_env, SEAL, tmp_path)
    log = tmp_path / "worker.log"
    with running(["worker", "--interval", "0.2"], process_env, tmp_path, log):
        _wait(
            lambda: len(json.loads(manage_shell(process_env, ROOTS, tmp_path))["days"]) == 3,
            90,
            log,
        )
    state = json.loads(manage_shell(process_env, ROOTS, tmp_path))
    assert state["runs"] == [
        "clean-uploads",
        "deadline-reminders",
        "exchange-outbound",
        "flush-refusals",
        "lifecycle-notifications",
        "prune-task-results",
        "seal-days",
        "send-notices",
        "send-peppol",
    ]
    assert len(state["days"]) == 3  # the three ended days, today is not sealed


@pytest.mark.postgres_only
@pytest.mark.skipif(not on_postgres(), reason="needs PostgreSQL (row locks, SKIP LOCKED)")
def test_two_workers_never_send_twice_or_schedule_twice(process_env, tmp_path, settings):
    from concurrent.futures import ThreadPoolExecutor
    from datetime import UTC, datetime

    from django.db import connection

    from heldigital.apps.jobs.models import ScheduledRun
    from heldigital.apps.jobs.schedule import PERIODIC, enqueue_due

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    now = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)

    def schedule(_):
        try:
            return enqueue_due(now)
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(schedule, range(8)))
    assert sorted(name for names in results for name in names) == [
        "clean-uploads",
        "deadline-reminders",
        "exchange-outbound",
        "flush-refusals",
        "lifecycle-notifications",
        "prune-task-results",
        "seal-days",
        "send-notices",
        "send-peppol",
    ]
    assert ScheduledRun.objects.count() == len(PERIODIC)

    handler = FlakySMTP(refuse=0)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = _mail_env(process_env, port)
        script = (
            "from django.core.mail import EmailMessage\n"
            "from heldigital.apps.jobs.mail import deliver, to_payload\n"
            "for n in range(40):\n"
            "    deliver.enqueue(to_payload(EmailMessage(f'melding {n}', 'x', 'a@b.invalid',"
            " ['c@d.invalid'])), 1)\n"
        )
        manage_shell(env, script, tmp_path)
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        command = ["worker", "--interval", "0.1", "--no-schedule"]
        with running(command, env, tmp_path, logs[0]), running(command, env, tmp_path, logs[1]):
            _wait(lambda: len(handler.messages) >= 40, 120, logs[0])
            time.sleep(1)
    finally:
        controller.stop()
    subjects = sorted(m.split(b"Subject: ")[1].split(b"\r\n")[0] for m in handler.messages)
    assert subjects == sorted(f"melding {n}".encode() for n in range(40))


@pytest.mark.django_db(transaction=True)
def test_the_refusal_job_writes_the_counted_attempts():
    from heldigital.apps.jobs import tasks
    from heldigital.apps.protocol import services as protocol
    from heldigital.apps.protocol.models import ProtocolEvent

    for _ in range(4):
        protocol.record_refusal(
            procurement_id="REFUSE-1",
            type="opening.refused",
            actor="user:9",
            reason="before-deadline",
            payload={"reason": "before-deadline"},
        )
    assert ProtocolEvent.objects.filter(procurement_id="REFUSE-1").count() == 1
    assert tasks.flush_refusals.call() == 1
    last = ProtocolEvent.objects.filter(procurement_id="REFUSE-1").order_by("-sequence").first()
    assert last.data["attempts"] == 3 and last.data["aggregated"] is True
    assert tasks.flush_refusals.call() == 0
