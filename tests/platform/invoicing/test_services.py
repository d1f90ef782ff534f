"""The invoicing app's first slice: receive, validate, store, match, approve.

Official PEPPOL BIS Billing 3 examples: the base example, its credit note,
and the sales-order example (same supplier, number and amount: the same
invoice received twice).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from heldigital.apps.accounts.models import Role
from heldigital.apps.invoicing import services
from heldigital.apps.invoicing.models import DocumentKind, InvoiceState, ReceivedInvoice
from tests.conftest import corpus
from tests.platform.conftest import acting, make_user

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EXAMPLES = ("peppol-bis-invoice-3", "rules", "examples")


def example(name: str) -> bytes:
    return corpus(*EXAMPLES, name).read_bytes()


@pytest.fixture
def approver(municipality):
    return make_user("approver", (municipality, Role.APPROVER))


def receive(buyer, data: bytes) -> ReceivedInvoice:
    return services.receive(buyer, data, channel="upload", now=NOW)


def test_a_valid_invoice_is_stored_as_received_and_waits_without_an_order(municipality):
    data = example("base-example.xml")
    row = receive(municipality, data)
    assert bytes(row.xml) == data
    assert row.valid and row.findings == []
    assert (row.kind, row.number, row.currency, str(row.payable_amount)) == (
        DocumentKind.INVOICE,
        "Snippet1",
        "EUR",
        "1656.25",
    )
    assert row.supplier_key == "0088:9482348239847239874"
    assert row.match_status == "no-order"
    assert row.match_outcome["decided_by"] == ["order-reference"]
    assert row.state == InvoiceState.INBOX and not row.payable


def test_an_invalid_invoice_is_stored_with_the_rules_broken_and_never_matched(municipality):
    data = example("base-example.xml").replace(
        b'<cbc:PayableAmount currencyID="EUR">1656.25',
        b'<cbc:PayableAmount currencyID="EUR">1656.26',
    )
    row = receive(municipality, data)
    assert bytes(row.xml) == data
    assert not row.valid and row.state == InvoiceState.INVALID
    assert [f["rule"] for f in row.findings] == ["BR-CO-16"]
    assert row.match_status == ""


def test_not_xml_or_not_an_invoice_is_stored_as_invalid(municipality):
    garbage = receive(municipality, b"not xml at all")
    assert garbage.state == InvoiceState.INVALID and garbage.kind == DocumentKind.UNKNOWN
    assert garbage.findings[0]["rule"] == "XML"
    order = receive(
        municipality,
        corpus("poacc-upgrade-3", "rules", "examples", "Order_Example.xml").read_bytes(),
    )
    assert order.state == InvoiceState.INVALID
    assert any("not an invoice" in f["message"] for f in order.findings)


def test_the_same_invoice_received_twice_is_never_paid_twice(municipality, approver):
    first = receive(municipality, example("base-example.xml"))
    second = receive(municipality, example("sales-order-example.xml"))
    again = receive(municipality, example("base-example.xml"))
    states = {r.pk: r.state for r in ReceivedInvoice.objects.all()}
    assert sorted(states.values()) == [
        InvoiceState.DUPLICATE,
        InvoiceState.DUPLICATE,
        InvoiceState.INBOX,
    ]
    original = next(r for r in (first, second, again) if states[r.pk] == InvoiceState.INBOX)
    services.decide(original, principal=acting(approver), approve=True, now=NOW)
    duplicate = next(r for r in (first, second, again) if states[r.pk] == InvoiceState.DUPLICATE)
    with pytest.raises(services.InvoicingError, match="is duplicate"):
        services.decide(duplicate, principal=acting(approver), approve=True, now=NOW)
    # and a later copy stays a duplicate even if it sorted first
    receive(municipality, example("base-example.xml"))
    assert ReceivedInvoice.objects.filter(state=InvoiceState.APPROVED).count() == 1


def test_the_database_refuses_a_second_approval_of_one_number(municipality):
    first = receive(municipality, example("base-example.xml"))
    second = receive(municipality, example("sales-order-example.xml"))
    ReceivedInvoice.objects.filter(pk__in=[first.pk, second.pk]).update(state=InvoiceState.INBOX)
    ReceivedInvoice.objects.filter(pk=first.pk).update(state=InvoiceState.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceivedInvoice.objects.filter(pk=second.pk).update(state=InvoiceState.APPROVED)


def test_a_credit_note_is_matched_to_the_invoice_it_credits(municipality):
    receive(municipality, example("base-example.xml"))
    credit = receive(municipality, example("base-creditnote-correction.xml"))
    assert credit.kind == DocumentKind.CREDIT_NOTE
    assert credit.match_status == "credit-matched"
    assert credit.state == InvoiceState.APPROVED
    assert credit.decision_note == "approved by the matching rules: credited-invoice"
    assert credit.decided_by is None and not credit.payable


def test_a_credit_note_before_its_invoice_waits_then_matches(municipality):
    credit = receive(municipality, example("base-creditnote-correction.xml"))
    assert (credit.match_status, credit.state) == ("credit-unmatched", InvoiceState.INBOX)
    receive(municipality, example("base-example.xml"))
    credit.refresh_from_db()
    assert (credit.match_status, credit.state) == ("credit-matched", InvoiceState.APPROVED)


def test_inbox_and_decisions_follow_the_roles(municipality, approver, buyer, supplier):
    row = receive(municipality, example("base-example.xml"))
    assert list(services.inbox(municipality, acting(approver))) == [row]
    outsider = make_user("outsider", (supplier, Role.SUPPLIER_USER))
    with pytest.raises(PermissionDenied):
        services.inbox(municipality, acting(outsider))
    with pytest.raises(PermissionDenied):
        services.decide(row, principal=acting(buyer), approve=True, now=NOW)  # an officer
    with pytest.raises(services.InvoicingError, match="reason"):
        services.decide(row, principal=acting(approver), approve=False, now=NOW)
    decided = services.decide(
        row, principal=acting(approver), approve=False, now=NOW, note="Ikke bestilt"
    )
    assert (decided.state, decided.decided_by, decided.decision_note) == (
        InvoiceState.REJECTED,
        approver,
        "Ikke bestilt",
    )
    assert list(services.inbox(municipality, acting(approver))) == []
    with pytest.raises(services.InvoicingError, match="not in the inbox"):
        services.decide(row, principal=acting(approver), approve=True, now=NOW)


def test_documents_of_other_buyers_do_not_meet(municipality, agency):
    receive(municipality, example("base-example.xml"))
    other = receive(agency, example("base-example.xml"))
    assert other.state == InvoiceState.INBOX  # not a duplicate: another buyer's copy


def test_matching_only_the_linked_documents_decides_as_matching_all(municipality, approver):
    """Receipt matches the new document with the documents linked to it (same supplier and
    number, same order, credited invoices); matching all of the buyer's documents again
    changes nothing."""
    for name in (
        "base-creditnote-correction.xml",
        "base-example.xml",
        "sales-order-example.xml",
        "vat-category-E.xml",
        "Vat-category-S.xml",
        "base-example.xml",
    ):
        receive(municipality, example(name))

    def snapshot():
        return {
            r.pk: (r.state, r.match_status, r.match_outcome)
            for r in ReceivedInvoice.objects.filter(buyer=municipality)
        }

    before = snapshot()
    assert services.rematch(municipality, now=NOW) == []
    assert snapshot() == before
    assert sorted(s for s, _m, _o in before.values()) == [
        InvoiceState.APPROVED,
        InvoiceState.DUPLICATE,
        InvoiceState.DUPLICATE,
        InvoiceState.INBOX,
        InvoiceState.INBOX,
        InvoiceState.INBOX,
    ]
