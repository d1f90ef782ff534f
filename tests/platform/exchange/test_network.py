"""The exchange with the real access point app: outbox to its queue, AS4 messages to the inbox."""

from __future__ import annotations

import datetime as dt

import pytest

from heldigital.apps.accesspoint import services as accesspoint
from heldigital.apps.accesspoint.models import InboundMessage, OutboundMessage, OutboundState
from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import Direction, Document, State
from heldigital.peppol import as4
from heldigital.peppol.as4.message import SignalMessage, read_messaging
from tests.platform.accesspoint.conftest import configure, package

from .conftest import invoice, registered
from .test_inbound import envelope

pytestmark = pytest.mark.django_db

ABROAD = "0192:974760673"  # a participant that is on no organisation of this platform


def _post(client, out: as4.OutgoingMessage):
    return client.generic("POST", "/as4", out.body, content_type=out.content_type)


def test_a_document_for_a_receiver_elsewhere_goes_to_the_access_point_queue(
    on_platform, receiver_settings, now
):
    _, supplier = on_platform
    sent = services.send(organisation=supplier, payload=invoice(), receiver=ABROAD, now=now)
    assert sent.tracking.state == State.QUEUED
    queued = OutboundMessage.objects.get(message_id=sent.message_id)
    assert bytes(queued.sbdh) == bytes(sent.envelope)
    assert queued.receiver == sent.receiver == f"iso6523-actorid-upis::{ABROAD}"
    assert Document.objects.count() == 1
    # the access point has not answered yet: still queued
    assert services.refresh_outbound(now=now) == 0
    # the receiver's access point receipted it
    OutboundMessage.objects.filter(pk=queued.pk).update(
        state=OutboundState.RECEIPTED, receipted_at=now
    )
    assert accesspoint.outbound_status(sent.message_id)["state"] == "receipted"
    assert services.refresh_outbound(now=now + dt.timedelta(minutes=1)) == 1
    assert Document.objects.get(pk=sent.pk).tracking.state == State.DELIVERED
    assert [e.state for e in services.history(sent)] == [State.QUEUED, State.DELIVERED]
    assert services.refresh_outbound(now=now) == 0  # nothing more to do


def test_a_failed_message_is_failed_with_the_access_points_reason(
    on_platform, receiver_settings, now
):
    _, supplier = on_platform
    sent = services.send(organisation=supplier, payload=invoice(), receiver=ABROAD, now=now)
    OutboundMessage.objects.filter(message_id=sent.message_id).update(
        state=OutboundState.FAILED, reason="the receiver is not in the SML"
    )
    assert services.refresh_outbound(now=now) == 1
    last = services.history(sent)[-1]
    assert (last.state, last.note, last.actor) == (
        State.FAILED,
        "the receiver is not in the SML",
        "accesspoint",
    )


def test_a_waiting_document_is_handed_over_once_an_access_point_is_configured(
    on_platform, settings, tmp_path, ap_pki, now
):
    _, supplier = on_platform
    sent = services.send(organisation=supplier, payload=invoice(), receiver=ABROAD, now=now)
    assert sent.tracking.state == State.NO_ACCESS_POINT
    assert services.refresh_outbound(now=now) == 0
    assert not OutboundMessage.objects.exists()
    for name, value in configure(tmp_path / "ap", ap_pki, ap_pki.receiver).items():
        setattr(settings, name, value)
    assert services.refresh_outbound(now=now) == 1
    stored = Document.objects.get(pk=sent.pk)
    assert stored.tracking.state == State.QUEUED
    assert OutboundMessage.objects.get(message_id=stored.message_id).sbdh == stored.envelope
    assert services.refresh_outbound(now=now) == 0  # handed over once


def test_an_as4_message_lands_in_the_receivers_inbox_exactly_once(
    client, municipality, receiver_settings, ap_pki, now
):
    registered(municipality, now)
    data = envelope(municipality.peppol_id, dt.datetime.now(dt.UTC))
    out = package(ap_pki, data, now=dt.datetime.now(dt.UTC))
    response = _post(client, out)
    assert response.status_code == 200
    assert isinstance(
        read_messaging(as4.read(response.content, response["Content-Type"]).envelope), SignalMessage
    )
    document = Document.objects.get(direction=Direction.INBOUND)
    assert document.organisation == municipality
    assert document.message_id == out.message_id
    assert bytes(document.envelope) == data
    stored_report = InboundMessage.objects.get().report
    assert document.report == {k: v for k, v in stored_report.items() if k != "path"}
    assert document.valid and document.family == "invoice"
    assert [e.actor for e in services.history(document)] == ["accesspoint"]
    # the sender's retry: the same receipt, no second document
    assert _post(client, out).content == response.content
    assert Document.objects.count() == 1


def test_an_as4_message_for_no_organisation_here_is_refused_and_nothing_stored(
    client, municipality, receiver_settings, ap_pki, now
):
    out = package(ap_pki, envelope(ABROAD, dt.datetime.now(dt.UTC)), now=dt.datetime.now(dt.UTC))
    response = _post(client, out)
    unit = read_messaging(as4.read(response.content, response["Content-Type"]).envelope)
    assert [e.code for e in unit.errors] == ["EBMS:0004"]
    assert not InboundMessage.objects.exists() and not Document.objects.exists()
