"""Approved invoices to a pain.001 payment order and back from camt.054 as paid."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from heldigital.apps.accounts.models import Role
from heldigital.apps.invoicing import payments, services
from heldigital.apps.invoicing.models import InvoiceState, PaymentOrderItem
from heldigital.ehf import Code, FinancialAccount, Identifier, PaymentMeans
from heldigital.iso20022 import PAIN001_NS, end_to_end_id, read_notification
from heldigital.iso20022.pain001 import PaymentOrder as WrittenOrder
from heldigital.xml import load_schema, parse
from tests.conftest import corpus
from tests.lib.ehf.test_builders import build
from tests.lib.iso20022.test_camt054 import bank_notification
from tests.platform.conftest import acting, make_user

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PAY_ON = date(2026, 11, 27)


def norwegian_invoice(number: str, kid: str | None = "12345674") -> bytes:
    means = PaymentMeans(
        payment_means_code=Code("30"),
        payment_id=(kid,) if kid else (),
        payee_financial_account=FinancialAccount(id=Identifier("12345678903")),
    )
    return build(invoice_number=number, payment_means=(means,)).to_xml()


@pytest.fixture
def admin(municipality):
    return make_user("admin", (municipality, Role.BUYER_ADMIN))


def approved(municipality, admin, data: bytes):
    row = services.receive(municipality, data, channel="upload", now=NOW)
    assert row.valid, row.findings
    return services.decide(row, principal=acting(admin), approve=True, now=NOW)


def test_approved_invoices_are_paid_once_and_marked_paid_from_the_bank(municipality, admin):
    first = approved(municipality, admin, norwegian_invoice("F-1"))
    second = approved(municipality, admin, norwegian_invoice("F-2", kid="F-2 ref"))
    euro = approved(
        municipality,
        admin,
        corpus("peppol-bis-invoice-3", "rules", "examples", "base-example.xml").read_bytes(),
    )
    order, left_out = payments.order_payments(
        municipality,
        principal=acting(admin),
        debtor_account="8601 11 17947",
        execution_date=PAY_ON,
        now=NOW,
    )
    assert set(left_out) == {str(euro.pk)}
    assert "IBAN" in left_out[str(euro.pk)]
    document = parse(bytes(order.xml))
    xsd = resources.files("sepaxml") / "schemas" / "pain.001.001.09.xsd"
    with resources.as_file(xsd) as path:
        schema = load_schema(path)
    assert schema.validate(document), schema.error_log
    ns = {"p": PAIN001_NS}
    refs = document.xpath("//p:CdtTrfTxInf/p:RmtInf//p:Ref/text()", namespaces=ns)
    texts = document.xpath("//p:CdtTrfTxInf/p:RmtInf/p:Ustrd/text()", namespaces=ns)
    assert refs == ["12345674"] and texts == ["F-2 F-2 ref"]
    items = {item.invoice_id: item for item in order.items.all()}
    assert set(items) == {first.pk, second.pk}
    assert items[first.pk].end_to_end_id == end_to_end_id(str(first.pk))
    assert items[first.pk].amount == first.payable_amount

    # a second run finds nothing more to pay: an invoice is in at most one order
    with pytest.raises(services.InvoicingError, match="no approved invoice"):
        payments.order_payments(
            municipality,
            principal=acting(admin),
            debtor_account="86011117947",
            execution_date=PAY_ON,
            now=NOW,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentOrderItem.objects.create(
            payment_order=order, invoice=first, end_to_end_id="X", amount=Decimal(1), currency="NOK"
        )

    # the bank books the first invoice only
    written = WrittenOrder(order.message_id, NOW, _batches(order), bytes(order.xml))
    camt = bank_notification(written, {str(first.pk)})
    assert read_notification(camt).transactions
    booked = payments.book_notification(municipality, camt, principal=acting(admin))
    assert [item.invoice_id for item in booked.paid] == [first.pk]
    assert booked.unmatched == ()
    items[first.pk].refresh_from_db()
    assert items[first.pk].booked_on == PAY_ON
    items[second.pk].refresh_from_db()
    assert items[second.pk].booked_on is None
    # reading the same notification again changes nothing
    assert payments.book_notification(municipality, camt, principal=acting(admin)).paid == ()


def _batches(order):
    """The written order's batches, rebuilt from the stored items for the bank double."""
    from heldigital.iso20022 import CreditTransfer, Debtor
    from heldigital.iso20022.pain001 import PaymentBatch

    debtor = Debtor("Testkommune", "86011117947")
    transfers = tuple(
        CreditTransfer(
            str(item.invoice_id),
            debtor,
            "Leverandør",
            "12345678903",
            item.amount,
            item.currency,
            order.execution_date,
        )
        for item in order.items.all()
    )
    return (PaymentBatch("P", debtor, order.execution_date, "NOK-DOMESTIC", transfers),)


def test_only_administrators_pay(municipality, admin):
    approver = make_user("approver", (municipality, Role.APPROVER))
    approved(municipality, admin, norwegian_invoice("F-1"))
    with pytest.raises(PermissionDenied):
        payments.order_payments(
            municipality,
            principal=acting(approver),
            debtor_account="86011117947",
            execution_date=PAY_ON,
            now=NOW,
        )
    with pytest.raises(services.InvoicingError, match="account number"):
        payments.order_payments(
            municipality,
            principal=acting(admin),
            debtor_account="86011117948",
            execution_date=PAY_ON,
            now=NOW,
        )


def test_rejected_duplicate_and_inbox_invoices_are_not_paid(municipality, admin):
    inbox = services.receive(municipality, norwegian_invoice("F-9"), channel="upload", now=NOW)
    copy = services.receive(municipality, norwegian_invoice("F-9"), channel="upload", now=NOW)
    inbox.refresh_from_db()
    assert sorted([inbox.state, copy.state]) == [InvoiceState.DUPLICATE, InvoiceState.INBOX]
    rejected = services.receive(municipality, norwegian_invoice("F-10"), channel="upload", now=NOW)
    services.decide(rejected, principal=acting(admin), approve=False, now=NOW, note="Feil")
    with pytest.raises(services.InvoicingError, match="no approved invoice"):
        payments.order_payments(
            municipality,
            principal=acting(admin),
            debtor_account="86011117947",
            execution_date=PAY_ON,
            now=NOW,
        )
