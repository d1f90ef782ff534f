"""Order to payment, end to end on the platform (issue 12): a contract from an evaluated
and awarded tender -> contract catalogue -> order (approved, T01) -> the supplier's Order
Response (T76) and Despatch Advice (T16) made from the order it received -> goods receipt
from the despatch advice -> the supplier's invoice made from the order and the catalogue
prices -> delivered through the exchange, received, validated and matched 3-way ->
approved by the rules, Invoice Response AP -> pain.001 -> camt.054 -> paid, PD.

Nothing is typed twice: every document is made from the one before it."""

from __future__ import annotations

from decimal import Decimal

from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Document
from heldigital.apps.invoicing import payments
from heldigital.apps.invoicing.models import InvoiceState, ReceivedInvoice
from heldigital.apps.ordering import services
from heldigital.ehf import Code, FinancialAccount, Identifier, PaymentMeans
from heldigital.ehf.builders import invoice_from_order, norwegian_party
from heldigital.ehf.documents import read_document
from heldigital.iso20022.pain001 import PaymentOrder as WrittenOrder
from tests.lib.iso20022.test_camt054 import bank_notification
from tests.platform.conftest import acting
from tests.platform.invoicing.test_payments import _batches
from tests.platform.ordering.conftest import DAY
from tests.platform.ordering.helpers import valid
from tests.platform.ordering.test_orders import _sent, ready


def _responses(f) -> list[str]:
    """The Invoice Response codes the supplier has received, one each."""
    codes = [
        read_document(bytes(d.payload)).document_response[0].response.response_code
        for d in Document.objects.filter(
            organisation=f.supplier, direction="in", family="invoice_response"
        ).order_by("created_at", "id")
    ]
    return sorted(str(getattr(code, "value", code)) for code in codes)  # all at one time


def test_order_to_payment_with_nothing_typed_twice(follow_up):
    f = follow_up
    catalogue = ready(f)
    first, second = list(catalogue)[:2]
    order = _sent(f, {first: "5", second: "2"})

    # the supplier answers and despatches from the order in its inbox
    received = Document.objects.get(organisation=f.supplier, direction="in", family="order")
    supplier = acting(f.supplier_user, f.supplier)
    services.answer_order(received, principal=supplier, code="AP", now=DAY)
    services.despatch_order(
        received, principal=supplier, quantities={"1": Decimal(5), "2": Decimal(2)}, now=DAY
    )
    (despatch,) = order.despatches.all()
    services.receive_despatch(despatch, principal=acting(f.receiver, f.buyer), now=DAY)

    # the supplier's invoice: lines from the order received, prices from the catalogue
    ordered = read_document(bytes(received.payload))
    prices = read_document(bytes(services.current_catalogue(f.contract).payload))
    invoice = invoice_from_order(
        ordered.invoice_input(),
        # the contract catalogue carries no VAT: the supplier invoices at the standard rate
        prices.price_list(DAY.date(), default_vat_category="S", default_vat_rate=Decimal(25)),
        seller=norwegian_party(f.supplier.orgnr, f.supplier.name),
        buyer=norwegian_party(f.buyer.orgnr, f.buyer.name),
        invoice_number="F-2027-1",
        issue_date=DAY.date(),
        payment_means=(
            PaymentMeans(
                payment_means_code=Code("30"),
                payment_id=("12345674",),
                payee_financial_account=FinancialAccount(id=Identifier("12345678903")),
            ),
        ),
        payment_terms="30 dager netto",
    ).to_xml()
    valid(invoice)
    exchange.send(organisation=f.supplier, payload=invoice, receiver=f.buyer.peppol_id, now=DAY)

    row = ReceivedInvoice.objects.get(buyer=f.buyer)
    assert row.valid, row.findings
    assert (row.match_status, row.state) == ("matched", InvoiceState.APPROVED), row.match_outcome
    assert row.order_reference == order.number
    assert _responses(f) == ["AB", "AP"]

    # pain.001 to the bank, camt.054 back: paid, and the supplier hears it
    admin = acting(f.admin, f.buyer)
    paid_by, left_out = payments.order_payments(
        f.buyer,
        principal=admin,
        debtor_account="86011117947",
        execution_date=DAY.date(),
        now=DAY,
    )
    assert left_out == {}
    (item,) = paid_by.items.all()
    assert (item.invoice_id, item.amount) == (row.pk, row.payable_amount)
    written = WrittenOrder(paid_by.message_id, DAY, _batches(paid_by), bytes(paid_by.xml))
    camt = bank_notification(written, {str(row.pk)})
    booked = payments.book_notification(f.buyer, camt, principal=admin)
    assert [x.invoice_id for x in booked.paid] == [row.pk]
    item.refresh_from_db()
    assert item.booked_on is not None  # paid: booked by the bank
    assert _responses(f) == ["AB", "AP", "PD"]
