"""The access point's public functions and the AS4 endpoint, in process (real crypto).

enqueue/outbound_status (the contract the exchange app builds on), on_inbound with the
exactly-once delivery (a duplicate answers the first receipt again, the handler is not
called twice), hostile input answered with the ebMS error and nothing stored.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import InboundMessage, OutboundMessage, Transmission
from heldigital.peppol import as4
from heldigital.peppol.as4.message import SignalMessage, read_messaging
from heldigital.peppol.sbdh import SBDHError

from .conftest import package, sbdh_bytes, sbdh_header

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


def test_enqueue_stores_the_message_with_its_id_and_header():
    sbdh = sbdh_bytes()
    header = sbdh_header()
    message_id = services.enqueue(sbdh=sbdh, now=NOW)
    row = OutboundMessage.objects.get(message_id=message_id)
    assert bytes(row.sbdh) == sbdh
    assert row.sender == str(header.sender)
    assert row.receiver == str(header.receiver)
    assert row.document_type == str(header.document_type)
    assert row.process == str(header.process)
    assert row.state == "queued"
    assert row.next_attempt_at == NOW
    status = services.outbound_status(message_id)
    assert status["state"] == "queued"
    assert status["attempts"] == 0
    assert status["reason"] == ""
    assert status["receipted_at"] is None
    # every message gets its own id
    assert services.enqueue(sbdh=sbdh, now=NOW) != message_id


def test_enqueue_refuses_what_is_not_a_peppol_sbdh():
    with pytest.raises(SBDHError):
        services.enqueue(sbdh=b"<Invoice/>", now=NOW)
    assert not OutboundMessage.objects.exists()


def test_outbound_status_of_an_unknown_message():
    with pytest.raises(services.UnknownMessage):
        services.outbound_status("nobody@nowhere")


def test_enqueue_schedules_the_first_attempt_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        services.enqueue(sbdh=sbdh_bytes(), now=NOW)
    assert len(callbacks) == 1


def _post(client, out: as4.OutgoingMessage):
    return client.generic("POST", "/as4", out.body, content_type=out.content_type)


def _signal(response) -> SignalMessage:
    unit = read_messaging(as4.read(response.content, response["Content-Type"]).envelope)
    assert isinstance(unit, SignalMessage)
    return unit


def test_receive_stores_delivers_once_and_answers_the_same_receipt(
    client, receiver_settings, ap_pki, handlers
):
    calls = []

    def handler(**kwargs):
        assert transaction.get_connection().in_atomic_block
        assert InboundMessage.objects.filter(message_id=kwargs["message_id"]).exists()
        calls.append(kwargs)

    services.on_inbound(handler)
    services.on_inbound(handler)  # once is enough
    sbdh = sbdh_bytes()
    out = package(ap_pki, sbdh, now=dt.datetime.now(dt.UTC))
    response = _post(client, out)
    assert response.status_code == 200
    signal = as4.verify_receipt(
        response.content,
        response["Content-Type"],
        out,
        trust_anchors=ap_pki.anchors,
        intermediates=ap_pki.intermediates,
        at=dt.datetime.now(dt.UTC),
    )
    assert signal.ref_to_message_id == out.message_id
    row = InboundMessage.objects.get(message_id=out.message_id)
    assert bytes(row.sbdh) == sbdh
    assert bytes(row.receipt) == response.content
    assert row.sender_ap == "POP000001"
    assert row.metadata["receiver"] == str(sbdh_header().receiver)
    assert "valid" in row.report
    assert len(calls) == 1
    call = calls[0]
    assert call["message_id"] == out.message_id
    assert call["sbdh"] == sbdh
    assert call["metadata"]["document_type"] == str(sbdh_header().document_type)
    assert call["report"] == row.report
    log = Transmission.objects.get(message_id=out.message_id)
    assert log.direction == "incoming"
    assert log.other_service_provider == "POP000001"
    assert log.sender_country == sbdh_header().country_c1

    # the sender's retry (its receipt was lost): the same answer, no second delivery
    again = _post(client, out)
    assert again.status_code == 200
    assert again.content == response.content
    assert len(calls) == 1
    assert InboundMessage.objects.count() == 1
    assert Transmission.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b"not xml at all", "application/soap+xml", "EBMS:0009"),
        (b"--x\r\nbroken", "multipart/related; boundary=x", "EBMS:0007"),
        (
            b'<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaa">]><e>&a;</e>',
            "application/soap+xml",
            "EBMS:0009",
        ),
    ],
)
def test_hostile_input_is_answered_with_the_ebms_error(
    client, receiver_settings, handlers, body, content_type, code
):
    calls = []
    services.on_inbound(lambda **kwargs: calls.append(kwargs))
    response = client.generic("POST", "/as4", body, content_type=content_type)
    assert response.status_code == 200
    assert [e.code for e in _signal(response).errors] == [code]
    assert not InboundMessage.objects.exists()
    assert calls == []


def test_a_message_from_an_untrusted_access_point_is_refused(
    client, receiver_settings, ap_pki, handlers
):
    out = as4.package(
        sbdh_bytes(),
        from_party="POP000666",
        to_party="POP000002",
        key=ap_pki.stranger.key,
        certificate=ap_pki.stranger.certificate,
        receiver_certificate=ap_pki.receiver.certificate,
        now=dt.datetime.now(dt.UTC),
    )
    response = _post(client, out)
    assert response.status_code == 200
    assert [e.code for e in _signal(response).errors] == ["EBMS:0101"]
    assert not InboundMessage.objects.exists()


def test_a_rejecting_handler_stores_nothing(client, receiver_settings, ap_pki, handlers):
    def refuse(**kwargs):
        raise services.Rejected("no such receiver on this platform")

    services.on_inbound(refuse)
    out = package(ap_pki, sbdh_bytes(), now=dt.datetime.now(dt.UTC))
    response = _post(client, out)
    assert response.status_code == 200
    errors = _signal(response).errors
    assert [e.code for e in errors] == ["EBMS:0004"]
    assert "no such receiver" in (errors[0].detail or "")
    assert not InboundMessage.objects.exists()
    assert not Transmission.objects.exists()


def test_a_failing_handler_rolls_back_and_asks_for_a_retry(
    client, receiver_settings, ap_pki, handlers
):
    def broken(**kwargs):
        raise RuntimeError("the inbox is down")

    services.on_inbound(broken)
    out = package(ap_pki, sbdh_bytes(), now=dt.datetime.now(dt.UTC))
    response = _post(client, out)
    assert response.status_code == 503
    assert not InboundMessage.objects.exists()
    # once the handler works, the retry is stored
    handlers.clear()
    assert _post(client, out).status_code == 200
    assert InboundMessage.objects.count() == 1


def test_without_an_access_point_there_is_no_endpoint(client, settings):
    settings.HELDIGITAL_AP_KEY = ""
    settings.HELDIGITAL_AP_CERTIFICATE = ""
    response = client.generic("POST", "/as4", b"x", content_type="application/soap+xml")
    assert response.status_code == 404
    assert not InboundMessage.objects.exists()


def test_half_configured_answers_503(client, settings, tmp_path):
    settings.HELDIGITAL_AP_KEY = ""
    settings.HELDIGITAL_AP_CERTIFICATE = str(tmp_path / "missing.pem")
    response = client.generic("POST", "/as4", b"x", content_type="application/soap+xml")
    assert response.status_code == 503  # senders retry once the operator has fixed it
    assert not InboundMessage.objects.exists()


def test_only_post(client):
    assert client.get("/as4").status_code == 405


def test_a_message_signed_with_an_expired_certificate_is_refused(
    client, receiver_settings, ap_pki, handlers
):
    out = as4.package(
        sbdh_bytes(),
        from_party="POP000003",
        to_party="POP000002",
        key=ap_pki.expired.key,
        certificate=ap_pki.expired.certificate,
        receiver_certificate=ap_pki.receiver.certificate,
        now=dt.datetime.now(dt.UTC),
    )
    response = _post(client, out)
    assert [e.code for e in _signal(response).errors] == ["EBMS:0101"]
    assert not InboundMessage.objects.exists()


def test_a_message_for_another_access_point_is_refused(client, receiver_settings, ap_pki, handlers):
    out = as4.package(
        sbdh_bytes(),
        from_party="POP000001",
        to_party="POP000009",
        key=ap_pki.sender.key,
        certificate=ap_pki.sender.certificate,
        receiver_certificate=ap_pki.receiver.certificate,
        now=dt.datetime.now(dt.UTC),
    )
    response = _post(client, out)
    assert [e.code for e in _signal(response).errors] == ["EBMS:0003"]
    assert not InboundMessage.objects.exists()


def test_a_body_over_the_limit_is_refused_unread(client, receiver_settings):
    receiver_settings.HELDIGITAL_AP_MAX_REQUEST_BYTES = 1000
    response = client.generic("POST", "/as4", b"x" * 1001, content_type="application/soap+xml")
    assert response.status_code == 413
    # a signed ebMS error the sender can read (and end the message failed with the reason)
    (error,) = _signal(response).errors
    assert error.code == "EBMS:0004"
    assert "over 1,000 bytes" in (error.detail or error.description or "")
    assert not InboundMessage.objects.exists()


def test_a_payload_over_the_xml_limit_is_refused_with_an_ebms_error(
    client, receiver_settings, ap_pki, monkeypatch
):
    from heldigital import xml as hxml

    # the limit of an SBDH this access point parses (64 MiB), made small for the test
    monkeypatch.setattr(hxml, "DEFAULT_MAX_BYTES", 1000)
    response = _post(client, package(ap_pki, sbdh_bytes(), now=dt.datetime.now(dt.UTC)))
    (error,) = _signal(response).errors
    assert error.code == "EBMS:0004"
    assert "over the 1,000 bytes of an SBDH" in (error.detail or error.description or "")
    assert not InboundMessage.objects.exists()


def test_envelope_wraps_a_ubl_invoice_with_what_it_says():
    from heldigital.peppol import sbdh as sbdh_module
    from tests.conftest import corpus

    payload = corpus(
        "peppol-bis-invoice-3", "rules", "national-examples", "NO", "Norwegian-example-1.xml"
    ).read_bytes()
    wrapped = services.envelope(payload, receiver="0192:920000002", now=NOW)
    header = sbdh_module.read(wrapped).header
    assert str(header.receiver) == "iso6523-actorid-upis::0192:920000002"
    assert header.sender.scheme == "iso6523-actorid-upis"
    assert str(header.document_type) == (
        "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
        "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
    )
    assert str(header.process) == "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    assert header.country_c1 == "NO"
    with pytest.raises(ValueError, match="CustomizationID"):
        services.envelope(b"<Invoice/>", receiver="0192:920000002", now=NOW)


def test_the_admin_lists_the_outbox_read_only(admin_client):
    message_id = services.enqueue(sbdh=sbdh_bytes(), now=NOW)
    page = admin_client.get("/admin/accesspoint/outboundmessage/")
    assert page.status_code == 200
    assert message_id in page.content.decode()
    row = OutboundMessage.objects.get(message_id=message_id)
    detail = admin_client.get(f"/admin/accesspoint/outboundmessage/{row.pk}/change/")
    assert detail.status_code == 200  # view only
    assert (
        admin_client.post(f"/admin/accesspoint/outboundmessage/{row.pk}/delete/").status_code == 403
    )
    for model in ("inboundmessage", "transmission"):
        assert admin_client.get(f"/admin/accesspoint/{model}/").status_code == 200
