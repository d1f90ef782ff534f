"""Two workers, one notice: it is submitted once (PostgreSQL, real connections per thread)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections

from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.publication import services
from heldigital.apps.publication.models import NoticeDispatch, State
from heldigital.apps.tendering import services as tendering
from heldigital.publication import RetryPolicy, business_id
from tests.lib.publication.notice_service import Fault
from tests.platform.conftest import acting

from .conftest import KEY

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued(doffin, draft, buyer, municipality, now, settings):
    """A published notice waiting for the worker (the job stays in the database queue)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers are tested on PostgreSQL (SQLite serialises writers)")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    tendering.publish(draft, principal=acting(buyer, municipality), now=now)
    dispatch = NoticeDispatch.objects.get(notice__procurement=draft)
    assert dispatch.state == State.QUEUED and doffin.submits == []
    return dispatch


def config(doffin, timeout: float) -> services.Configuration:
    return services.Configuration(
        endpoints={"doffin": (doffin.url, KEY)},
        timeout=timeout,
        policy=RetryPolicy(base=timedelta(milliseconds=200)),
    )


def run(workers: int, work) -> list:
    barrier = threading.Barrier(workers)
    results: list = [None] * workers
    errors: list = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work(n)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_eight_workers_at_once_submit_once(queued, doffin):
    doffin.fail("submit", Fault(delay=0.5))  # a slow service: the others arrive meanwhile
    settings_ = config(doffin, timeout=5)
    results = run(8, lambda n: services.step(queued.pk, config=settings_))
    assert sorted(results) == ["busy"] * 7 + ["submitted"]
    assert doffin.submits == [queued.business_id]
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (State.SUBMITTED, 1)


def test_the_retries_of_a_timed_out_submission_never_submit_again(queued, doffin):
    # The service takes the notice but answers after the client gave up.
    doffin.fail("submit", Fault(delay=1.0, store=True))
    settings_ = config(doffin, timeout=0.3)
    deadline = time.monotonic() + 10

    def worker(n: int) -> list[str]:
        seen = []
        while time.monotonic() < deadline:
            seen.append(services.step(queued.pk, config=settings_))
            state = NoticeDispatch.objects.values_list("state", flat=True).get(pk=queued.pk)
            if state == State.SUBMITTED:
                return seen
            time.sleep(0.02)
        return seen

    results = run(6, worker)
    outcomes = [outcome for seen in results for outcome in seen if outcome != "busy"]
    assert sorted(outcomes) == ["found", "retry"]  # the original timed out; one retry found it
    notice = queued.notice
    assert doffin.submits == [business_id(notice.notice_id, notice.notice_version)]
    types = list(
        ProtocolEvent.objects.filter(
            procurement_id=notice.procurement.reference, type__startswith="notice.sending."
        )
        .order_by("sequence")
        .values_list("type", flat=True)
    )
    assert types == ["notice.sending.failed", "notice.sending.submitted"]
