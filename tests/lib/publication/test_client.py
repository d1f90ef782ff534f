"""The TED and Doffin clients against a local server that follows their contracts."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from heldigital.publication import (
    DOFFIN,
    TED,
    Accepted,
    Conflict,
    NoticeClient,
    Rejected,
    SendError,
    business_id,
    read_report,
)
from heldigital.publication.decisions import retry_after
from tests.lib.publication.notice_service import Fault, NoticeService

KEY = "0123456789abcdef0123456789abcdef"


def notice_xml(notice_id: uuid.UUID, version: str = "01") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        f'<cbc:ID schemeName="notice-id">{notice_id}</cbc:ID>'
        f"<cbc:VersionID>{version}</cbc:VersionID></ContractNotice>"
    ).encode()


def refuse_all(_: bytes) -> list[tuple[str, str]]:
    return [("BR-BT-00540-0074", "Award criterion description is mandatory")]


@pytest.fixture(params=[TED, DOFFIN], ids=["ted", "doffin"])
def service(request):
    return request.param


def submit(client: NoticeClient, notice_id: uuid.UUID, version: str = "01"):
    return client.submit(
        notice_xml(notice_id, version),
        notice_id=notice_id,
        version=version,
        author_email="innkjop@testkommune.invalid",
        author_locale="nb",
    )


def test_accepted_then_found_then_published(service):
    notice_id = uuid.uuid4()
    bid = business_id(notice_id, "01")
    with NoticeService(service, KEY).running() as server:
        client = NoticeClient(service, server.url, KEY, timeout=5)
        assert isinstance(submit(client, notice_id), Accepted)
        assert server.submits == [bid]
        assert server.notices[bid].metadata == {
            "noticeAuthorEmail": "innkjop@testkommune.invalid",
            "noticeAuthorLocale": "nb",
        }
        found = client.find(notice_id, "01")
        assert found is not None and found.status == "SUBMITTED" and found.publication_id is None
        server.publish(bid, "2026-104711", "2026-11-27+01:00")
        found = client.find(notice_id, "01")
        assert found.status == "PUBLISHED"
        assert found.publication_id == "2026-104711"
        assert found.publication_date == date(2026, 11, 27)
        assert client.find(uuid.uuid4(), "01") is None


def test_refused_notice_comes_with_its_validation_report(service):
    notice_id = uuid.uuid4()
    with NoticeService(service, KEY, rules=refuse_all).running() as server:
        outcome = submit(NoticeClient(service, server.url, KEY, timeout=5), notice_id)
    assert isinstance(outcome, Rejected)
    # TED answers 201 {"success": false, validationReportUrl}; Doffin 400 {"success": false}
    assert outcome.status == (400 if service is DOFFIN else 201)
    findings = read_report(outcome.report)
    assert [(f.rule, f.is_error) for f in findings] == [("BR-BT-00540-0074", True)]
    assert findings[0].message == "Award criterion description is mandatory"


def test_a_wrong_key_is_refused_and_not_retried(service):
    with NoticeService(service, KEY).running() as server:
        client = NoticeClient(service, server.url, "f" * 32, timeout=5)
        with pytest.raises(SendError) as caught:
            submit(client, uuid.uuid4())
        assert server.submits == []
    error = caught.value
    assert (error.kind, error.status, error.temporary, error.uncertain) == (
        "unauthorized",
        401,
        False,
        False,
    )


def test_rate_limited_with_retry_after(service):
    with NoticeService(service, KEY).running() as server:
        server.fail("submit", Fault(status=429, headers={"Retry-After": "7"}))
        client = NoticeClient(service, server.url, KEY, timeout=5)
        with pytest.raises(SendError) as caught:
            submit(client, uuid.uuid4())
        error = caught.value
        assert (error.kind, error.temporary, error.uncertain) == ("rate_limited", True, False)
        assert retry_after(error.retry_after, datetime.now(UTC)) == timedelta(seconds=7)
        assert server.notices == {}


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_temporary_and_uncertain(service, status):
    with NoticeService(service, KEY).running() as server:
        server.fail("submit", Fault(status=status, store=status == 502))
        client = NoticeClient(service, server.url, KEY, timeout=5)
        notice_id = uuid.uuid4()
        with pytest.raises(SendError) as caught:
            submit(client, notice_id)
        assert (caught.value.kind, caught.value.temporary, caught.value.uncertain) == (
            "server",
            True,
            True,
        )
        # a 502 after the service stored the notice: only asking shows it arrived
        assert (client.find(notice_id, "01") is not None) == (status == 502)


def test_timeout_after_the_service_took_the_notice(service):
    notice_id = uuid.uuid4()
    with NoticeService(service, KEY).running() as server:
        server.fail("submit", Fault(delay=1.0, store=True))
        client = NoticeClient(service, server.url, KEY, timeout=0.3)
        with pytest.raises(SendError) as caught:
            submit(client, notice_id)
        assert (caught.value.kind, caught.value.temporary, caught.value.uncertain) == (
            "timeout",
            True,
            True,
        )
        found = NoticeClient(service, server.url, KEY, timeout=5).find(notice_id, "01")
        assert found is not None and found.status == "SUBMITTED"


def test_dropped_connection_is_uncertain(service):
    with NoticeService(service, KEY).running() as server:
        server.fail("submit", Fault(drop=True))
        with pytest.raises(SendError) as caught:
            submit(NoticeClient(service, server.url, KEY, timeout=5), uuid.uuid4())
    assert caught.value.kind == "connection" and caught.value.uncertain


def test_nobody_listening_is_certain_not_delivered(service):
    with NoticeService(service, KEY).running() as server:
        url = server.url
    with pytest.raises(SendError) as caught:
        submit(NoticeClient(service, url, KEY, timeout=2), uuid.uuid4())
    assert caught.value.kind == "connection"
    assert caught.value.temporary and not caught.value.uncertain


def test_the_same_business_id_twice_is_a_conflict(service):
    notice_id = uuid.uuid4()
    with NoticeService(service, KEY).running() as server:
        client = NoticeClient(service, server.url, KEY, timeout=5)
        assert isinstance(submit(client, notice_id), Accepted)
        assert isinstance(submit(client, notice_id), Conflict)
        assert isinstance(submit(client, notice_id, "02"), Accepted)  # a change notice


def test_answers_outside_the_contract_are_protocol_errors(service):
    with NoticeService(service, KEY).running() as server:
        server.fail("find", Fault(status=200, body={"unexpected": True}))
        client = NoticeClient(service, server.url, KEY, timeout=5)
        with pytest.raises(SendError) as caught:
            client.find(uuid.uuid4(), "01")
    assert caught.value.kind == "protocol"


def test_configuration_is_checked():
    with pytest.raises(ValueError):
        NoticeClient(TED, "ftp://example.invalid", KEY)
    with pytest.raises(ValueError):
        NoticeClient(TED, "https://api.ted.europa.eu", "")
    with pytest.raises(ValueError):
        business_id(uuid.uuid4(), "1")
