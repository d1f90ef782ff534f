"""Documents from the network: into the right inbox, exactly once (keyed by the message id)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction

from heldigital import xml as hxml
from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import Direction, Document, DocumentEvent, State
from heldigital.peppol import sbdh
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)

from .conftest import invoice, registered

DOCUMENT_TYPE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)


def envelope(receiver: str, now, payload: bytes | None = None) -> bytes:
    root = hxml.parse(payload or invoice()).getroot()
    header = sbdh.Header.for_message(
        root,
        sender=ParticipantIdentifier.create("0192:974760673"),
        receiver=ParticipantIdentifier.create(receiver),
        document_type=DocumentTypeIdentifier.create(DOCUMENT_TYPE),
        process=ProcessIdentifier.create("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"),
        country_c1="NO",
        now=now,
    )
    return sbdh.write(header, root)


@pytest.mark.django_db
def test_an_inbound_message_lands_in_its_receivers_inbox_once(municipality, supplier, now):
    registered(municipality, now)
    data = envelope(municipality.peppol_id, now)
    first = services.receive(message_id="m-1@ap", sbdh=data, metadata={}, report=None, now=now)
    again = services.receive(
        message_id="m-1@ap", sbdh=data, metadata={}, report=None, now=now + timedelta(minutes=1)
    )
    assert first.pk == again.pk
    assert first.organisation == municipality and first.direction == Direction.INBOUND
    assert first.sender == "iso6523-actorid-upis::0192:974760673"
    assert first.family == "invoice" and first.number == "Snippet1"
    assert first.valid and first.report["valid"] is True
    assert first.tracking.state == State.RECEIVED
    assert bytes(first.envelope) == data
    # the payload is the business message of the envelope
    assert hxml.parse(bytes(first.payload)).getroot().tag.endswith("}Invoice")
    assert Document.objects.count() == 1 and DocumentEvent.objects.count() == 1


@pytest.mark.django_db
def test_the_access_points_report_is_kept(municipality, now):
    registered(municipality, now)
    report = {"document_type": "Invoice", "rule_set": "x", "valid": False, "errors": []}
    stored = services.receive(
        message_id="m-2", sbdh=envelope(municipality.peppol_id, now), report=report, now=now
    )
    assert stored.report == report and stored.valid is False


@pytest.mark.django_db
def test_a_message_for_no_organisation_here_is_not_stored(municipality, now):
    with pytest.raises(services.UnknownReceiver):
        services.receive(message_id="m-3", sbdh=envelope("0192:974760673", now), now=now)
    with pytest.raises(sbdh.SBDHError):
        services.receive(message_id="m-4", sbdh=b"<x/>", now=now)
    assert Document.objects.count() == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_same_message_delivered_twice_at_once_gives_one_inbox_document(municipality, now):
    """Two access point workers store the same inbound message at once (PostgreSQL).

    The first stores it and holds its transaction open; the second, which cannot
    see the uncommitted row, inserts too and waits on the unique index until the
    first commits, then finds that document instead of making a second one.
    """
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are tested on PostgreSQL (SQLite serialises writers)")
    registered(municipality, now)
    data = envelope(municipality.peppol_id, now)
    first_stored = threading.Event()
    results: dict[str, object] = {}
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = services.receive(message_id="twice", sbdh=data, now=now).pk
                first_stored.set()
                time.sleep(1.0)  # the second delivery runs into the open transaction
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            first_stored.set()
            connections.close_all()

    def second() -> None:
        try:
            first_stored.wait(timeout=10)
            with transaction.atomic():
                results["second"] = services.receive(message_id="twice", sbdh=data, now=now).pk
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert results["first"] == results["second"]
    assert Document.objects.filter(direction=Direction.INBOUND, message_id="twice").count() == 1
    assert DocumentEvent.objects.count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_many_deliveries_of_one_message_at_once_give_one_inbox_document(municipality, now):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are tested on PostgreSQL (SQLite serialises writers)")
    registered(municipality, now)
    data = envelope(municipality.peppol_id, now)
    count = 6
    barrier = threading.Barrier(count)
    results: list[object] = []
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                results.append(services.receive(message_id="many", sbdh=data, now=now).pk)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert len(results) == count and len(set(results)) == 1
    assert Document.objects.count() == 1 and DocumentEvent.objects.count() == 1


@pytest.mark.django_db
def test_other_apps_are_told_of_each_new_inbox_document_once(municipality, supplier, now):
    from .conftest import registered as register_too

    told: list[Document] = []

    def handler(document: Document) -> None:
        assert connection.in_atomic_block  # inside the delivering transaction
        told.append(document)

    saved = list(services._received_handlers)
    services.on_received(handler)
    services.on_received(handler)  # once is enough
    try:
        registered(municipality, now)
        register_too(supplier, now)
        data = envelope(municipality.peppol_id, now)
        first = services.receive(message_id="told-1", sbdh=data, now=now)
        services.receive(message_id="told-1", sbdh=data, now=now)  # a repeat: not again
        sent = services.send(
            organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
        )
        local = Document.objects.get(direction=Direction.INBOUND, counterpart=sent)
        assert [d.pk for d in told] == [first.pk, local.pk]

        def refuse(document: Document) -> None:
            raise RuntimeError("the invoice register is down")

        services.on_received(refuse)
        before = Document.objects.count()
        with pytest.raises(RuntimeError):
            services.send(
                organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
            )
        assert Document.objects.count() == before  # the whole delivery rolled back
    finally:
        services._received_handlers[:] = saved
