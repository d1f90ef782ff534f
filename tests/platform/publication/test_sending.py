"""Issued notices go to Doffin or TED through the worker, once, and the protocol says so."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.utils import translation

from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.publication import services, texts
from heldigital.apps.publication.models import NoticeDispatch, State
from heldigital.apps.tendering import services as tendering
from heldigital.publication import business_id
from tests.lib.publication.notice_service import Fault
from tests.platform.conftest import acting
from tests.platform.test_bad_input import bearer
from tests.platform.test_web import login

pytestmark = pytest.mark.django_db


def events(procurement, prefix="notice.sending."):
    return [
        (e.type, json.loads(e.payload))
        for e in ProtocolEvent.objects.filter(
            procurement_id=procurement.reference, type__startswith=prefix
        ).order_by("sequence")
    ]


def publish(draft, buyer, municipality, now, capture):
    with capture(execute=True):
        tendering.publish(draft, principal=acting(buyer, municipality), now=now)
    draft.refresh_from_db()
    notice = draft.notices.get()
    return notice, NoticeDispatch.objects.get(notice=notice)


def test_without_keys_nothing_is_sent_and_the_buyer_is_told(
    client, draft, buyer, buyer_token, municipality, now, django_capture_on_commit_callbacks
):
    notice, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert (dispatch.state, dispatch.service, dispatch.reason) == ("not_sent", "", "not_configured")
    assert events(draft) == [
        (
            "notice.sending.not_sent",
            {
                "kind": "contract",
                "notice_id": str(notice.notice_id),
                "notice_version": "01",
                "reason": "not_configured",
                "service": None,
            },
        )
    ]
    response = client.get(
        f"/api/v1/procurements/{draft.reference}/notice-sending", **bearer(buyer_token)
    )
    assert response.status_code == 200
    [entry] = response.json()
    assert entry["sent"] is False and entry["service"] is None and entry["state"] == "not_sent"
    assert "no API key is configured" in entry["message"]

    login(client, "buyer")
    page = client.get(f"/buyer/procurements/{draft.reference}/").content.decode()
    assert "Not sent to TED or Doffin: no API key is configured" in page
    with translation.override("nb"):
        assert texts.describe(dispatch) == (
            "Ikke sendt til TED eller Doffin: ingen API-nøkkel er satt opp på denne plattformen."
        )


def test_sent_to_doffin_then_published(
    client, doffin, draft, buyer, buyer_token, municipality, now, django_capture_on_commit_callbacks
):
    notice, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    bid = business_id(notice.notice_id, "01")
    # the worker (run at once in tests) submitted it after the commit
    assert doffin.submits == [bid]
    assert doffin.notices[bid].xml == bytes(notice.xml)
    assert doffin.notices[bid].metadata["noticeAuthorEmail"] == "post@testkommune.invalid"
    assert (dispatch.state, dispatch.service, dispatch.attempts) == ("submitted", "doffin", 1)

    # the worker read the real clock; its status checks come ever more slowly
    first = dispatch.next_attempt_at
    assert services.step(dispatch.pk, now=first - timedelta(seconds=1)) == "busy"  # not due
    assert services.step(dispatch.pk, now=first) == "waiting"  # not published yet
    dispatch.refresh_from_db()
    assert dispatch.next_attempt_at - first == timedelta(minutes=30)
    doffin.publish(bid, "2026-104711", "2026-11-26")
    assert services.step(dispatch.pk, now=dispatch.next_attempt_at) == "published"
    dispatch.refresh_from_db()
    assert dispatch.publication_id == "2026-104711"
    assert dispatch.publication_date == date(2026, 11, 26)
    assert services.step(dispatch.pk, now=first + timedelta(days=1)) == "busy"  # nothing left
    assert doffin.submits == [bid]
    assert [(t, p.get("publication_id")) for t, p in events(draft)] == [
        ("notice.sending.submitted", None),
        ("notice.sending.published", "2026-104711"),
    ]

    response = client.get(
        f"/api/v1/procurements/{draft.reference}/notice-sending", **bearer(buyer_token)
    )
    [entry] = response.json()
    assert entry["sent"] is True and entry["service"] == "doffin"
    assert (entry["publication_id"], entry["publication_date"]) == ("2026-104711", "2026-11-26")


def test_national_notice_is_not_sent_to_ted(
    ted, draft, buyer, municipality, now, django_capture_on_commit_callbacks
):
    _, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert (dispatch.state, dispatch.reason) == ("not_sent", "national_without_doffin")
    assert ted.submits == []


def test_refused_notice_keeps_the_validation_report(
    doffin, draft, buyer, buyer_token, client, municipality, now, django_capture_on_commit_callbacks
):
    doffin.rules = lambda _: [("BR-BT-00540-0074", "Beskrivelse av tildelingskriteriet mangler")]
    _, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert dispatch.state == State.REJECTED
    assert dispatch.findings == [
        {
            "rule": "BR-BT-00540-0074",
            "severity": "ERROR",
            "location": "/*",
            "message": "Beskrivelse av tildelingskriteriet mangler",
        }
    ]
    assert bytes(dispatch.validation_report).startswith(b"<?xml")
    [(kind, payload)] = events(draft)
    assert kind == "notice.sending.rejected" and payload["rules"] == ["BR-BT-00540-0074"]
    response = client.get(
        f"/api/v1/procurements/{draft.reference}/notice-sending", **bearer(buyer_token)
    )
    [entry] = response.json()
    assert entry["sent"] is False and entry["findings"][0]["rule"] == "BR-BT-00540-0074"


def test_429_waits_for_retry_after_then_sends_once(
    doffin, draft, buyer, municipality, now, django_capture_on_commit_callbacks
):
    doffin.fail("submit", Fault(status=429, headers={"Retry-After": "600"}))
    notice, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert dispatch.state == State.QUEUED and dispatch.attempts == 1
    assert doffin.notices == {}
    retry = dispatch.next_attempt_at
    # the real clock ran the first attempt; the retry is ten minutes after it
    assert timedelta(seconds=599) < retry - dispatch.updated_at <= timedelta(seconds=600)
    assert services.step(dispatch.pk, now=retry - timedelta(seconds=1)) == "busy"
    assert services.step(dispatch.pk, now=retry) == "submitted"
    assert list(doffin.notices) == [business_id(notice.notice_id, "01")]
    assert [t for t, _ in events(draft)] == ["notice.sending.failed", "notice.sending.submitted"]


def test_timeout_after_delivery_is_found_not_resubmitted(
    doffin, draft, buyer, municipality, now, settings, django_capture_on_commit_callbacks
):
    settings.HELDIGITAL_NOTICE_TIMEOUT = 0.3
    doffin.fail("submit", Fault(delay=1.0, store=True))
    notice, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert (dispatch.state, dispatch.check_first) == (State.QUEUED, True)
    assert services.step(dispatch.pk, now=dispatch.next_attempt_at) == "found"
    bid = business_id(notice.notice_id, "01")
    assert doffin.submits == [bid]  # exactly the one that timed out
    failed, found = events(draft)
    assert failed[0] == "notice.sending.failed" and failed[1]["may_have_arrived"] is True
    assert found == ("notice.sending.submitted", {**found[1], "found": True})


def test_wrong_key_fails_without_retrying(
    doffin, draft, buyer, municipality, now, settings, django_capture_on_commit_callbacks
):
    settings.HELDIGITAL_DOFFIN_API_KEY = "f" * 32
    _, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    assert (dispatch.state, dispatch.next_attempt_at) == (State.FAILED, None)
    assert "refused the API key" in dispatch.reason
    [(kind, payload)] = events(draft)
    assert kind == "notice.sending.not_sent"
    assert (payload["reason"], payload["status"]) == ("unauthorized", 401)


def test_server_errors_are_retried_until_the_attempts_are_used(
    doffin, draft, buyer, municipality, now, settings, django_capture_on_commit_callbacks
):
    settings.HELDIGITAL_NOTICE_ATTEMPTS = 3
    doffin.fail("submit", *[Fault(status=503)] * 3)
    _, dispatch = publish(draft, buyer, municipality, now, django_capture_on_commit_callbacks)
    while dispatch.state == State.QUEUED:
        services.step(dispatch.pk, now=dispatch.next_attempt_at)
        dispatch.refresh_from_db()
    assert (dispatch.state, dispatch.attempts) == (State.FAILED, 3)
    assert [t for t, _ in events(draft)] == [
        "notice.sending.failed",
        "notice.sending.failed",
        "notice.sending.not_sent",
    ]
    # every retry asked first (the 503 may have hidden a delivery), none found it
    assert [op for op, _ in doffin.calls] == ["submit", "find", "submit", "find", "submit"]


def test_a_row_left_by_a_dead_worker_is_checked_before_resubmitting(
    doffin, draft, buyer, municipality, now
):
    tendering.publish(draft, principal=acting(buyer, municipality), now=now)  # no commit: no send
    notice = draft.notices.get()
    dispatch = NoticeDispatch.objects.get(notice=notice)
    assert dispatch.state == State.QUEUED and doffin.submits == []
    # a worker took the row and died in the middle of its call: the lease runs out
    NoticeDispatch.objects.filter(pk=dispatch.pk).update(
        state=State.SENDING, check_first=True, attempts=1, lease_until=now + timedelta(minutes=1)
    )
    assert services.step(dispatch.pk, now=now + timedelta(seconds=30)) == "busy"  # still leased
    # ... its notice never arrived, so the next worker submits
    assert services.step(dispatch.pk, now=now + timedelta(minutes=2)) == "submitted"
    assert [op for op, _ in doffin.calls] == ["find", "submit"]
    dispatch.refresh_from_db()
    assert dispatch.attempts == 2


def test_the_sweep_steps_only_due_rows(doffin, draft, buyer, municipality, now):
    tendering.publish(draft, principal=acting(buyer, municipality), now=now)
    dispatch = NoticeDispatch.objects.get(notice__procurement=draft)
    assert services.due(dispatch.next_attempt_at - timedelta(seconds=1)) == []
    assert services.send_due(now=dispatch.next_attempt_at) == 1
    dispatch.refresh_from_db()
    assert dispatch.state == State.SUBMITTED
