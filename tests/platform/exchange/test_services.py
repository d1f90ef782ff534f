"""The exchange services: local delivery, validation, frozen documents, exactly-once receipt."""

from __future__ import annotations

import hashlib

import pytest

from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import Direction, Document, DocumentEvent, State, Tracking
from heldigital.apps.frozen import FrozenError
from heldigital.peppol import sbdh
from tests.platform.conftest import acting

from .conftest import broken, invoice, order

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Document.objects.count(), Tracking.objects.count(), DocumentEvent.objects.count()


def test_local_delivery_from_one_organisation_to_the_other(on_platform, now):
    municipality, supplier = on_platform
    payload = invoice()
    sent = services.send(
        organisation=supplier,
        payload=payload,
        receiver=municipality.peppol_participant,
        now=now,
        actor="user:x",
    )
    assert sent.direction == Direction.OUTBOUND
    assert sent.organisation == supplier
    assert sent.tracking.state == State.DELIVERED
    inbox = Document.objects.get(organisation=municipality, direction=Direction.INBOUND)
    assert inbox.tracking.state == State.RECEIVED
    assert inbox.counterpart_id == sent.pk
    assert bytes(inbox.payload) == payload
    assert inbox.payload_sha256 == hashlib.sha256(payload).hexdigest()
    assert inbox.sender == "iso6523-actorid-upis::0192:920000029"
    assert inbox.receiver == "iso6523-actorid-upis::0192:920000002"
    assert inbox.family == "invoice"
    assert inbox.number == "Snippet1"
    assert inbox.document_type == (
        "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
        "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
    )
    assert inbox.process == "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    # the envelope is a Peppol SBDH that says the same
    header = sbdh.read(bytes(inbox.envelope)).header
    assert str(header.sender) == inbox.sender and str(header.receiver) == inbox.receiver
    assert header.instance_identifier == inbox.instance_identifier == sent.instance_identifier
    assert header.creation == now
    # the validation report is stored with both
    assert inbox.valid and inbox.report["valid"] is True
    assert inbox.report["rule_set"] and inbox.report["document_type"] == "Invoice"
    # history: one entry each, with time and actor
    assert [(e.state, e.actor, e.at) for e in services.history(sent)] == [
        (State.DELIVERED, "user:x", now)
    ]
    assert [e.state for e in services.history(inbox)] == [State.RECEIVED]


def test_an_order_is_an_order(on_platform, now):
    municipality, supplier = on_platform
    sent = services.send(
        organisation=municipality, payload=order(), receiver=supplier.peppol_id, now=now
    )
    assert sent.family == "order"
    assert Document.objects.get(organisation=supplier).family == "order"


def test_documents_are_frozen(on_platform, now):
    municipality, supplier = on_platform
    sent = services.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    sent.payload = b"<changed/>"
    with pytest.raises(FrozenError):
        sent.save()
    with pytest.raises(FrozenError):
        sent.delete()
    with pytest.raises(FrozenError):
        Document.objects.filter(pk=sent.pk).update(payload=b"x")
    with pytest.raises(FrozenError):
        DocumentEvent.objects.filter(document=sent).delete()
    assert bytes(Document.objects.get(pk=sent.pk).payload) == invoice()


def test_a_correction_is_a_new_document(on_platform, now):
    municipality, supplier = on_platform
    first = services.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    second = services.send(
        organisation=supplier,
        payload=invoice(),
        receiver=municipality.peppol_id,
        now=now,
        corrects=first,
    )
    assert second.pk != first.pk and second.corrects == first
    assert list(first.corrections.all()) == [second]
    assert Document.objects.filter(organisation=municipality).count() == 2


def test_an_invalid_document_is_refused_with_findings_and_nothing_stored(on_platform, now):
    municipality, supplier = on_platform
    with pytest.raises(services.DocumentRefused) as refused:
        services.send(
            organisation=supplier,
            payload=broken(invoice()),
            receiver=municipality.peppol_id,
            now=now,
        )
    assert "PEPPOL-EN16931-F001" in {f["rule"] for f in refused.value.findings}
    assert all(f["severity"] == "fatal" for f in refused.value.findings)
    assert refused.value.report["valid"] is False
    assert _counts() == (0, 0, 0)


@pytest.mark.parametrize(
    "payload",
    [b"", b"not xml", b"<?xml version='1.0'?><a/>", b"<!DOCTYPE x><x/>"],
    ids=["empty", "text", "unknown root", "doctype"],
)
def test_what_is_no_business_document_is_refused(on_platform, now, payload):
    municipality, supplier = on_platform
    with pytest.raises(services.DocumentRefused) as refused:
        services.send(
            organisation=supplier, payload=payload, receiver=municipality.peppol_id, now=now
        )
    assert refused.value.findings
    assert _counts() == (0, 0, 0)


@pytest.mark.parametrize("receiver", ["", "0192:123456789", "nonsense::x", "9999:1"])
def test_a_bad_receiver_is_refused(on_platform, now, receiver):
    _, supplier = on_platform
    with pytest.raises(services.DocumentRefused) as refused:
        services.send(organisation=supplier, payload=invoice(), receiver=receiver, now=now)
    assert refused.value.findings[0]["rule"] == "RECEIVER"
    assert _counts() == (0, 0, 0)


def test_a_receiver_not_on_the_platform_waits_for_an_access_point(on_platform, now, settings):
    _, supplier = on_platform
    settings.HELDIGITAL_AP_KEY = settings.HELDIGITAL_AP_CERTIFICATE = ""
    assert not services.access_point_available()
    sent = services.send(
        organisation=supplier, payload=invoice(), receiver="0192:974760673", now=now
    )
    assert sent.tracking.state == State.NO_ACCESS_POINT
    assert sent.message_id is None
    assert Document.objects.count() == 1  # no inbox on this platform got it


def test_who_sees_what(on_platform, now, buyer, supplier_user, auditor, outsider):
    municipality, supplier = on_platform
    sent = services.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    received = Document.objects.get(organisation=municipality)
    assert list(services.visible(acting(supplier_user))) == [sent]
    assert list(services.visible(acting(buyer))) == [received]
    assert list(services.visible(acting(auditor))) == [received]
    assert list(services.visible(acting(outsider))) == []
    with pytest.raises(Document.DoesNotExist):
        services.get_visible(acting(buyer), sent.pk)
    with pytest.raises(Document.DoesNotExist):
        services.get_visible(acting(supplier_user), received.pk)
    with pytest.raises(Document.DoesNotExist):
        services.get_visible(acting(buyer), "not-a-uuid")


def test_only_sending_roles_send(on_platform, now, auditor):
    from django.core.exceptions import PermissionDenied

    _, supplier = on_platform
    with pytest.raises(PermissionDenied):
        services.send_as(acting(auditor), payload=invoice(), receiver=supplier.peppol_id, now=now)
    assert _counts() == (0, 0, 0)


def test_filters(on_platform, now, supplier_user):
    municipality, supplier = on_platform
    services.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    services.send(organisation=supplier, payload=order(), receiver=municipality.peppol_id, now=now)
    principal = acting(supplier_user)
    by = services.Filters
    assert services.visible(principal, Direction.OUTBOUND).count() == 2
    assert services.visible(principal, Direction.INBOUND).count() == 0
    assert services.visible(principal, None, by(family="order")).get().family == "order"
    assert services.visible(principal, None, by(state=State.DELIVERED)).count() == 2
    assert services.visible(principal, None, by(state=State.FAILED)).count() == 0
    assert services.visible(principal, None, by(text="Snippet1")).get().family == "invoice"
    assert services.visible(principal, None, by(text="920000002")).count() == 2
