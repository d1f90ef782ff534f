"""Invoice Responses (T111) to the supplier through the exchange: AB, UQ, AP, RE, PD.

Every response sent is read from the supplier's inbox (or the buyer's outbox, for a
supplier outside the platform) and judged by the native validator: zero fatal findings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from heldigital.apps.accounts.models import Role
from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Direction, Document
from heldigital.apps.invoicing import payments, responses, services
from heldigital.apps.invoicing.models import InvoiceResponse, InvoiceState, ReceivedInvoice
from heldigital.ehf.invoice_response import InvoiceResponse as T111
from heldigital.iso20022.pain001 import PaymentOrder as WrittenOrder
from heldigital.rules import validate
from tests.conftest import corpus
from tests.lib.iso20022.test_camt054 import bank_notification
from tests.platform.conftest import acting, make_user
from tests.platform.exchange.conftest import invoice, registered
from tests.platform.exchange.test_inbound import envelope
from tests.platform.invoicing.test_payments import _batches, norwegian_invoice

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def sent_responses(organisation=None) -> list[T111]:
    """Every invoice response that left, each validated: zero fatal findings."""
    rows = Document.objects.filter(direction=Direction.OUTBOUND, family="invoice_response")
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    result = []
    for document in rows.order_by("created_at", "id"):
        payload = bytes(document.payload)
        report = validate(payload, on=date(2026, 11, 25))
        fatal = [
            e for e in report.errors if str(getattr(e.severity, "value", e.severity)) == "fatal"
        ]
        assert report.valid and not fatal, fatal
        result.append(T111.from_xml(payload))
    return result


def statuses(organisation=None) -> list[str]:
    return [r.status for r in sent_responses(organisation)]


def deliver(supplier, municipality, data: bytes) -> ReceivedInvoice:
    sent = exchange.send(
        organisation=supplier, payload=data, receiver=municipality.peppol_id, now=NOW
    )
    return ReceivedInvoice.objects.get(exchange_document__counterpart=sent)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def approver(municipality):
    return make_user("approver", (municipality, Role.APPROVER))


def test_a_received_invoice_is_acknowledged_to_its_sender(on_platform):
    municipality, supplier = on_platform
    row = deliver(supplier, municipality, invoice())
    [ab] = sent_responses()
    assert (ab.status, ab.invoice_id) == ("AB", "Snippet1")
    assert ab.document_response[0].document_reference[0].document_type_code.value == "380"
    assert ab.sender_party.endpoint_id.value == "920000002"
    assert ab.receiver_party.endpoint_id.value == "920000029"
    # it landed in the supplier's inbox, and is recorded once for the invoice
    inbox = Document.objects.get(organisation=supplier, direction=Direction.INBOUND)
    assert inbox.family == "invoice_response"
    record = InvoiceResponse.objects.get(invoice=row)
    assert (record.status, record.error, record.receiver) == ("AB", "", supplier.peppol_participant)
    # answering the same status again sends nothing new
    assert responses.respond(row, "AB", now=NOW).pk == record.pk
    assert statuses() == ["AB"]


def test_an_uploaded_invoice_is_not_answered_on_the_network(municipality):
    services.receive(municipality, invoice(), channel="upload", now=NOW)
    assert InvoiceResponse.objects.count() == 0 and statuses() == []


def test_approved_and_rejected_are_told_once(on_platform, approver):
    municipality, supplier = on_platform
    first = deliver(supplier, municipality, norwegian_invoice("F-1"))
    second = deliver(supplier, municipality, norwegian_invoice("F-2"))
    services.decide(first, principal=acting(approver), approve=True, now=NOW)
    services.decide(
        second,
        principal=acting(approver),
        approve=False,
        now=NOW,
        note="Ikke bestilt",
        reason="REF",
    )
    sent = sent_responses()
    assert sorted((r.status, r.invoice_id) for r in sent) == [
        ("AB", "F-1"),
        ("AB", "F-2"),
        ("AP", "F-1"),
        ("RE", "F-2"),
    ]
    [rejection] = next(r for r in sent if r.status == "RE").clarifications
    assert (rejection.kind, rejection.code, rejection.text) == ("reason", "REF", "Ikke bestilt")
    with pytest.raises(services.InvoicingError):
        services.decide(second, principal=acting(approver), approve=False, now=NOW, note="x")
    with pytest.raises(services.InvoicingError, match="reason code"):
        services.decide(
            deliver(supplier, municipality, norwegian_invoice("F-3")),
            principal=acting(approver),
            approve=False,
            now=NOW,
            note="x",
            reason="NOPE",
        )
    assert statuses().count("AP") == 1 and statuses().count("RE") == 1


def test_under_query_with_reasons_once(on_platform, approver, municipality):
    municipality, supplier = on_platform
    row = deliver(supplier, municipality, norwegian_invoice("F-1"))
    services.query(
        row,
        principal=acting(approver),
        reasons=[("REF", "Ordrenummer mangler"), ("PRI", "Pris avviker fra avtalen")],
        now=NOW,
    )
    [uq] = [r for r in sent_responses() if r.status == "UQ"]
    assert [(c.kind, c.code, c.text) for c in uq.clarifications] == [
        ("reason", "REF", "Ordrenummer mangler"),
        ("reason", "PRI", "Pris avviker fra avtalen"),
        ("action", "PIN", None),
    ]
    row.refresh_from_db()
    assert row.state == InvoiceState.INBOX  # still waiting for a decision
    with pytest.raises(services.InvoicingError, match="asked"):
        services.query(row, principal=acting(approver), reasons=[("REF", "again")], now=NOW)
    with pytest.raises(services.InvoicingError, match="reason"):
        services.query(row, principal=acting(approver), reasons=[], now=NOW)
    with pytest.raises(services.InvoicingError, match="reason code"):
        services.query(row, principal=acting(approver), reasons=[("XXX", "x")], now=NOW)
    uploaded = services.receive(municipality, norwegian_invoice("F-7"), channel="upload", now=NOW)
    with pytest.raises(services.InvoicingError, match="uploaded"):
        services.query(uploaded, principal=acting(approver), reasons=[("REF", "x")], now=NOW)
    assert sorted(statuses()) == ["AB", "UQ"]


def test_a_credit_note_approved_by_the_rules_is_accepted(on_platform):
    municipality, supplier = on_platform
    examples = ("peppol-bis-invoice-3", "rules", "examples")
    deliver(supplier, municipality, corpus(*examples, "base-example.xml").read_bytes())
    credit = deliver(
        supplier, municipality, corpus(*examples, "base-creditnote-correction.xml").read_bytes()
    )
    assert credit.state == InvoiceState.APPROVED
    sent = {r.status + r.invoice_id: r for r in sent_responses()}
    assert sorted(statuses()) == ["AB", "AB", "AP"]
    assert (
        sent["APSnippet1"].document_response[0].document_reference[0].document_type_code.value
        == "381"
    )


def test_an_invalid_invoice_is_rejected_with_the_rules_broken(municipality, now):
    registered(municipality, now)
    bad = invoice().replace(
        b'<cbc:PayableAmount currencyID="EUR">1656.25',
        b'<cbc:PayableAmount currencyID="EUR">1656.26',
    )
    exchange.receive(message_id="bad@ap", sbdh=envelope(municipality.peppol_id, now, bad), now=now)
    row = ReceivedInvoice.objects.get()
    assert row.state == InvoiceState.INVALID
    [re] = sent_responses(municipality)  # to the sender outside the platform: waits in the outbox
    assert (re.status, re.invoice_id) == ("RE", "Snippet1")
    reasons = [(c.kind, c.code) for c in re.clarifications]
    assert reasons == [("reason", "OTH"), ("action", "NIN")]
    assert re.clarifications[0].text.startswith("BR-CO-16: ")
    assert row.findings[0]["message"] in re.clarifications[0].text
    outbox = Document.objects.get(organisation=municipality, direction=Direction.OUTBOUND)
    assert outbox.receiver == "iso6523-actorid-upis::0192:974760673"


def test_paid_is_told_when_the_bank_books_the_payment(on_platform):
    municipality, supplier = on_platform
    admin = make_user("admin", (municipality, Role.BUYER_ADMIN))
    row = deliver(supplier, municipality, norwegian_invoice("F-1"))
    services.decide(row, principal=acting(admin), approve=True, now=NOW)
    order, _left = payments.order_payments(
        municipality,
        principal=acting(admin),
        debtor_account="86011117947",
        execution_date=date(2026, 11, 27),
        now=NOW,
    )
    written = WrittenOrder(order.message_id, NOW, _batches(order), bytes(order.xml))
    camt = bank_notification(written, {str(row.pk)})
    payments.book_notification(municipality, camt, principal=acting(admin))
    payments.book_notification(municipality, camt, principal=acting(admin))  # again: nothing
    sent = {r.status: r for r in sent_responses()}
    assert sorted(statuses()) == ["AB", "AP", "PD"]
    assert sent["PD"].document_response[0].response.effective_date == date(2026, 11, 27)


def test_a_response_the_exchange_refuses_does_not_undo_the_receipt(on_platform):
    municipality, supplier = on_platform
    row = deliver(supplier, municipality, norwegian_invoice("F-1"))
    row.reply_to = "not a participant"
    record = responses.respond(row, "AP", now=NOW)
    assert record.document is None and record.error.startswith("PEPPOL-T111-")
    assert responses.respond(row, "AP", now=NOW).pk == record.pk  # not tried again
