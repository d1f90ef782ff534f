"""Real worker processes send an issued notice to a local Doffin, once."""

from __future__ import annotations

import json
import time
from pathlib import Path

from heldigital.publication import DOFFIN
from tests.lib.publication.notice_service import Fault, NoticeService
from tests.platform.ops.conftest import manage_shell, running

KEY = "0123456789abcdef0123456789abcdef"
REPO = Path(__file__).resolve().parents[3]

PUBLISH = """
from datetime import timedelta
from django.utils import timezone
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.publication.tasks import send_notice
from heldigital.apps.tendering import services
from tests.platform.conftest import acting, make_user
from tests.platform.tendering.conftest import complete_contents, draft_data

buyer = Organisation.objects.create(
    name="K", kind=OrganisationKind.PUBLIC_BODY, orgnr="920000002", email="innkjop@k.invalid"
)
user = make_user("innkjoper", (buyer, Role.PROCUREMENT_OFFICER))
now = timezone.now()
draft = services.create_draft(principal=acting(user, buyer), data=draft_data(now), now=now)
complete_contents(draft, acting(user, buyer), now)
services.publish(draft, principal=acting(user, buyer), now=now)  # enqueues the send on commit
dispatch = draft.notices.get().dispatch
send_notice.enqueue(dispatch.pk)  # a second job for the same notice, as a duplicate retry
print(dispatch.business_id)
"""

STATE = """
import json
from django_tasks_db.models import DBTaskResult
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.publication.models import NoticeDispatch
d = NoticeDispatch.objects.get()
jobs = DBTaskResult.objects.filter(task_path__endswith="send_notice")
print(json.dumps({
    "state": d.state,
    "jobs": sorted([j.status, j.return_value] for j in jobs),
    "events": list(ProtocolEvent.objects.filter(type__startswith="notice.sending.")
                   .values_list("type", flat=True)),
}))
"""


def test_two_workers_send_a_published_notice_once(process_env, tmp_path):
    service = NoticeService(DOFFIN, KEY)
    with service.running():
        service.fail("submit", Fault(delay=1.5))  # slow: the other job comes meanwhile
        env = {
            **process_env,
            "PYTHONPATH": f"{REPO}:{process_env.get('PYTHONPATH', '')}",
            "HELDIGITAL_DOFFIN_API_URL": service.url,
            "HELDIGITAL_DOFFIN_API_KEY": KEY,
            "HELDIGITAL_NOTICE_TIMEOUT": "10",
        }
        bid = manage_shell(env, PUBLISH, tmp_path).strip().splitlines()[-1]
        assert service.submits == []  # the request never calls the service

        command = ["worker", "--interval", "0.1", "--no-schedule"]
        logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
        deadline = time.monotonic() + 90
        with running(command, env, tmp_path, logs[0]), running(command, env, tmp_path, logs[1]):
            while time.monotonic() < deadline:
                state = json.loads(manage_shell(env, STATE, tmp_path))
                if [status for status, _ in state["jobs"]] == ["SUCCESSFUL"] * 2:
                    break
                time.sleep(0.5)
        assert service.submits == [bid], logs[0].read_text() + logs[1].read_text()
    assert state["state"] == "submitted"
    assert state["jobs"] == [["SUCCESSFUL", "busy"], ["SUCCESSFUL", "submitted"]]
    assert state["events"] == ["notice.sending.submitted"]
