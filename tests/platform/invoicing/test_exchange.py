"""Invoices and credit notes from the exchange inbox are received by the invoicing app,
exactly once per exchange document (a retry, a second call, or calls at the same time)."""

from __future__ import annotations

import pytest
from django.db import connection

from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Direction, Document
from heldigital.apps.invoicing import services
from heldigital.apps.invoicing.models import Channel, InvoiceState, ReceivedInvoice
from tests.platform import concurrency
from tests.platform.exchange.conftest import invoice, order, registered
from tests.platform.exchange.test_inbound import envelope


def inbox_document(municipality) -> Document:
    return Document.objects.get(
        organisation=municipality, direction=Direction.INBOUND, family="invoice"
    )


@pytest.mark.django_db
def test_an_invoice_delivered_on_the_platform_is_received_once(on_platform, now):
    municipality, supplier = on_platform
    exchange.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    document = inbox_document(municipality)
    row = ReceivedInvoice.objects.get()
    assert (row.buyer, row.channel, row.exchange_document_id) == (
        municipality,
        Channel.EXCHANGE,
        document.pk,
    )
    assert bytes(row.xml) == bytes(document.payload)
    assert row.reply_to == supplier.peppol_participant
    assert row.received_at == now and row.state == InvoiceState.INBOX
    # the handler called again (a retry) returns the same row, creates nothing
    assert services.receive_from_exchange(document).pk == row.pk
    assert services.receive(
        municipality, b"anything", channel="exchange", now=now, exchange_document=document
    ).pk == (row.pk)
    assert ReceivedInvoice.objects.count() == 1


@pytest.mark.django_db
def test_other_documents_are_not_invoices(on_platform, now):
    municipality, supplier = on_platform
    exchange.send(organisation=municipality, payload=order(), receiver=supplier.peppol_id, now=now)
    assert ReceivedInvoice.objects.count() == 0
    sent = Document.objects.get(organisation=municipality, direction=Direction.OUTBOUND)
    assert services.receive_from_exchange(sent) is None  # an outbox document neither


@pytest.mark.django_db
def test_an_invoice_from_the_network_is_received_once_also_when_delivered_again(municipality, now):
    registered(municipality, now)
    data = envelope(municipality.peppol_id, now)
    first = exchange.receive(message_id="inv-1@ap", sbdh=data, now=now)
    exchange.receive(message_id="inv-1@ap", sbdh=data, now=now)
    row = ReceivedInvoice.objects.get()
    assert row.exchange_document_id == first.pk
    assert row.reply_to == "iso6523-actorid-upis::0192:974760673"


@pytest.mark.django_db
def test_an_invalid_invoice_from_the_network_is_stored_as_received(municipality, now):
    registered(municipality, now)
    bad = invoice().replace(
        b'<cbc:PayableAmount currencyID="EUR">1656.25',
        b'<cbc:PayableAmount currencyID="EUR">1656.26',
    )
    document = exchange.receive(
        message_id="bad@ap", sbdh=envelope(municipality.peppol_id, now, bad), now=now
    )
    row = ReceivedInvoice.objects.get(exchange_document=document)
    assert bytes(row.xml) == bytes(document.payload)
    assert row.state == InvoiceState.INVALID
    assert [f["rule"] for f in row.findings] == ["BR-CO-16"]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_calls_at_the_same_time_for_one_document_receive_it_once(on_platform, now, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent receipt is tested on PostgreSQL (SQLite serialises writers)")
    municipality, supplier = on_platform
    # deliver with no handler registered, then let several workers hand it over at once
    monkeypatch.setattr(exchange, "_received_handlers", [])
    exchange.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )
    document = inbox_document(municipality)
    assert ReceivedInvoice.objects.count() == 0
    results = concurrency.at_once(6, lambda n: services.receive_from_exchange(document))
    assert all(isinstance(r, ReceivedInvoice) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert ReceivedInvoice.objects.filter(exchange_document=document).count() == 1
    assert ReceivedInvoice.objects.count() == 1
