"""Sending: SML (NSD) -> SMP -> AS4 -> receipt, retries and permanent failures (real crypto).

The receiving side is :mod:`tests.platform.accesspoint.peer` on loopback, scripted per
request. Plain HTTP to it (``HELDIGITAL_AP_ALLOW_HTTP``): HTTPS with a production server
is tests/network/test_send.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import OutboundMessage, Transmission
from heldigital.peppol import reporting

from .conftest import configure, sbdh_bytes, sbdh_header
from .peer import ZONE, peer

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(settings, tmp_path, ap_pki):
    """This platform is the access point POP000001, looking up in the test zone."""
    for name, value in configure(tmp_path / "ap", ap_pki, ap_pki.sender).items():
        setattr(settings, name, value)
    settings.HELDIGITAL_SML_ZONE = ZONE
    settings.HELDIGITAL_AP_ALLOW_HTTP = True
    settings.HELDIGITAL_AP_TIMEOUT = 10
    settings.HELDIGITAL_AP_RETRY_SECONDS = 60
    settings.HELDIGITAL_AP_ATTEMPTS = 3
    return settings


@pytest.fixture
def receiver(sender, ap_pki, tmp_path):
    with peer(ap_pki, tmp_path, sbdh_header()) as running:
        sender.HELDIGITAL_SML_NAMESERVER = running.nameserver
        yield running


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def test_sent_and_receipted(receiver):
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "receipted"
    status = services.outbound_status(message_id)
    assert status["state"] == "receipted"
    assert status["attempts"] == 1
    assert status["receipted_at"] == now
    assert receiver.delivered == [message_id]
    row = OutboundMessage.objects.get(message_id=message_id)
    assert row.receiver_ap == "POP000002"
    assert row.endpoint_url == f"{receiver.url}/as4"
    assert row.receipt
    log = Transmission.objects.get(message_id=message_id)
    assert (log.direction, log.other_service_provider) == ("outgoing", "POP000002")
    # a receipted message is not sent again
    assert services.attempt(message_id, now=now + dt.timedelta(hours=1)) == "receipted"
    assert len(receiver.bodies) == 1


def test_a_temporary_failure_is_retried_later_with_the_same_bytes(receiver):
    receiver.behaviours[:] = ["503", "receipt"]
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "queued"
    status = services.outbound_status(message_id)
    assert status["attempts"] == 1
    assert "HTTP 503" in status["last_error"]
    assert status["next_attempt_at"] == now + dt.timedelta(seconds=60)
    # not due yet: nothing is sent
    assert services.attempt(message_id, now=now + dt.timedelta(seconds=30)) == "queued"
    assert len(receiver.bodies) == 1
    assert services.due(now + dt.timedelta(seconds=30)) == []
    later = now + dt.timedelta(seconds=61)
    assert services.due(later) == [message_id]
    assert services.send_due(now=lambda: later) == 1
    assert services.outbound_status(message_id)["state"] == "receipted"
    assert len(receiver.bodies) == 2
    assert receiver.bodies[0] == receiver.bodies[1]  # the same message, byte for byte
    assert services.retry_delay(2) == dt.timedelta(seconds=120)
    assert services.retry_delay(30) == dt.timedelta(hours=6)


def test_a_lost_receipt_the_retry_gets_the_first_receipt(receiver):
    receiver.behaviours[:] = ["lost", "receipt"]
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "queued"
    assert receiver.delivered == [message_id]
    assert services.attempt(message_id, now=now + dt.timedelta(minutes=5)) == "receipted"
    assert receiver.delivered == [message_id]  # delivered once


def test_an_ebms_error_is_permanent(receiver):
    receiver.behaviours[:] = ["error"]
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "failed"
    status = services.outbound_status(message_id)
    assert "EBMS:0103" in status["reason"]
    assert status["next_attempt_at"] is None
    assert not Transmission.objects.exists()


def test_a_receipt_from_another_access_point_is_not_accepted(receiver):
    receiver.behaviours[:] = ["wrong-signer"]
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "failed"
    reason = services.outbound_status(message_id)["reason"]
    assert "signed by 'POP000001', not by the receiving access point 'POP000002'" in reason


def test_giving_up_after_the_last_attempt(receiver):
    receiver.behaviours[:] = ["503", "503", "503"]
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    for minutes in (0, 2, 10):
        services.attempt(message_id, now=now + dt.timedelta(minutes=minutes))
    status = services.outbound_status(message_id)
    assert status["state"] == "failed"
    assert status["attempts"] == 3
    assert status["reason"].startswith("gave up after 3 attempts")


def test_a_receiver_not_in_the_sml_fails_at_once(receiver):
    now = _now()
    sbdh = services.envelope(
        sbdh_bytes_payload(),
        receiver="0192:974760673",
        sender="0192:920000010",
        now=now,
    )
    message_id = services.enqueue(sbdh=sbdh, now=now)
    assert services.attempt(message_id, now=now) == "failed"
    assert "not in the SML" in services.outbound_status(message_id)["reason"]
    assert receiver.bodies == []


def test_a_worker_killed_while_sending_leaves_a_row_that_is_taken_up_again(receiver):
    now = _now()
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    OutboundMessage.objects.filter(message_id=message_id).update(
        state="sending", attempts=1, next_attempt_at=now + dt.timedelta(minutes=3)
    )
    assert services.due(now) == []  # its lease is running
    lapsed = now + dt.timedelta(minutes=4)
    assert services.due(lapsed) == [message_id]
    assert services.attempt(message_id, now=lapsed) == "receipted"
    assert services.outbound_status(message_id)["attempts"] == 2


def test_the_monthly_reports_from_the_log(receiver):
    now = _now()
    for _ in range(2):
        services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=now), now=now)
    month = reporting.Month(now.year, now.month)
    tsr = services.transaction_statistics(month)
    assert (tsr.incoming, tsr.outgoing) == (0, 2)
    assert tsr.reporter == "POP000001"
    assert reporting.validate(tsr.to_xml()).valid
    eusr = services.end_user_statistics(month)
    assert eusr.sending == 1
    assert reporting.validate(eusr.to_xml()).valid


def sbdh_bytes_payload() -> bytes:
    from tests.conftest import corpus

    return corpus(
        "peppol-bis-invoice-3", "rules", "national-examples", "NO", "Norwegian-example-1.xml"
    ).read_bytes()


def test_the_lookup_is_kept_and_a_retry_looks_up_again(receiver, sender):
    now = _now()
    for _ in range(3):
        assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=now), now=now) == (
            "receipted"
        )
    assert receiver.lookups == 1  # one SMP request for three messages
    # a failed attempt forgets the lookup; its retry looks up again
    receiver.behaviours[:] = ["503", "receipt"]
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=now)
    assert services.attempt(message_id, now=now) == "queued"
    assert receiver.lookups == 1
    later = now + dt.timedelta(seconds=61)
    assert services.attempt(message_id, now=later) == "receipted"
    assert receiver.lookups == 2
    assert receiver.bodies[-1] == receiver.bodies[-2]  # the same bytes again
    # kept HELDIGITAL_AP_LOOKUP_SECONDS, then looked up again
    sender.HELDIGITAL_AP_LOOKUP_SECONDS = 300
    assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=later), now=later) == (
        "receipted"
    )
    assert receiver.lookups == 2
    expired = later + dt.timedelta(seconds=301)
    assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=expired), now=expired) == (
        "receipted"
    )
    assert receiver.lookups == 3
    # 0: every message looks up
    sender.HELDIGITAL_AP_LOOKUP_SECONDS = 0
    for _ in range(2):
        services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=expired), now=expired)
    assert receiver.lookups == 5


def test_messages_to_one_access_point_share_one_kept_alive_connection(receiver):
    now = _now()
    for _ in range(4):
        assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=now), now=now) == (
            "receipted"
        )
    assert len(receiver.bodies) == 4
    assert len(receiver.connections) == 1


def test_a_connection_the_receiver_closed_while_idle_is_replaced(receiver):
    now = _now()
    assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=now), now=now) == "receipted"
    # the receiver drops the idle connection (as a server does after its keep-alive timeout)
    for connections in services._connections._idle.values():
        for connection, _ in connections:
            connection.sock.shutdown(2)
    assert services.attempt(services.enqueue(sbdh=sbdh_bytes(), now=now), now=now) == "receipted"
    assert len(receiver.connections) == 2
