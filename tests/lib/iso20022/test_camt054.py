"""camt.054.001.08 notifications read back, and a payment order's round trip.

``data/camt054-notification.xml`` was checked against the ISO 20022 schema
``camt.054.001.08.xsd`` when it was written; no package that CI can install
without conflicts ships that schema (see docs/payments.md), so the schema
check is not repeated here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from heldigital.iso20022 import (
    CAMT054_NS,
    CreditTransfer,
    Debtor,
    PaymentError,
    PaymentOrder,
    build_payment_order,
    read_notification,
)
from heldigital.xml import DocumentError

DATA = Path(__file__).parent / "data"


def test_reads_booked_entries_with_references() -> None:
    notification = read_notification((DATA / "camt054-notification.xml").read_bytes())
    assert notification.message_id == "CAMT054-20261208-0001"
    assert notification.created == datetime.fromisoformat("2026-12-08T18:05:00+01:00")
    assert notification.not_booked == 1
    first, second, credit, fee = notification.transactions
    assert first.end_to_end_id == "HDEEC0310629106A7A7E910C4F396EC9"
    assert first.reference == "12345674"
    assert (first.amount, first.currency, first.credit_debit) == (Decimal("1000.50"), "NOK", "DBIT")
    assert first.booking_date == date(2026, 12, 8)
    assert first.account == "86011117947"
    assert first.account_servicer_reference == "BANKREF-0001-1"
    assert second.end_to_end_id is None  # NOTPROVIDED
    assert second.remittance == ("Faktura 2026-17",)
    assert second.account_servicer_reference == "BANKREF-0001"
    assert credit.credit_debit == "CRDT" and not credit.is_debit
    assert credit.amount == Decimal(
        "500.00"
    )  # the entry's amount: one transaction, none of its own
    assert credit.booking_date == date(2026, 12, 8)  # from BookgDt/DtTm
    assert credit.reference == "23456788"
    assert fee.end_to_end_id is None and fee.amount == Decimal("25.00")
    assert notification.by_end_to_end_id("HDEEC0310629106A7A7E910C4F396EC9") == (first,)


def test_reads_the_2009_version_too() -> None:
    notification = read_notification((DATA / "camt054-v02-notification.xml").read_bytes())
    assert notification.created == datetime(2026, 12, 8, 17, 5, tzinfo=UTC)  # 18:05 in Oslo
    assert notification.not_booked == 1
    (payment,) = notification.transactions
    assert payment.end_to_end_id == "HDEEC0310629106A7A7E910C4F396EC9"
    assert (payment.amount, payment.currency, payment.reference) == (
        Decimal("1000.50"),
        "NOK",
        "12345674",
    )
    assert payment.account == "NO9386011117947"


def test_refuses_other_versions_and_hostile_xml() -> None:
    data = (DATA / "camt054-notification.xml").read_bytes()
    other = data.replace(b"camt.054.001.08", b"camt.054.001.04")
    with pytest.raises(PaymentError, match=r"camt\.054\.001\.04"):
        read_notification(other)
    with pytest.raises(DocumentError, match="DOCTYPE"):
        read_notification(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>')


def test_a_booked_entry_needs_a_booking_date() -> None:
    data = (DATA / "camt054-notification.xml").read_bytes()
    broken = data.replace(
        b"<BookgDt>\n          <Dt>2026-12-08</Dt>\n        </BookgDt>\n        <ValDt>",
        b"<ValDt>",
        1,
    )
    assert broken != data
    with pytest.raises(PaymentError, match="BookgDt"):
        read_notification(broken)


def bank_notification(order: PaymentOrder, booked: set[str]) -> bytes:
    """What the bank sends after executing ``order``: one booked debit entry per
    batch, with a transaction per booked invoice key (a test double of the bank,
    written to the camt.054.001.08 schema)."""

    def sub(parent: etree._Element, path: str, text: str | None = None) -> etree._Element:
        element = parent
        for tag in path.split("/"):
            element = etree.SubElement(element, f"{{{CAMT054_NS}}}{tag}")
        element.text = text
        return element

    root = etree.Element(f"{{{CAMT054_NS}}}Document", nsmap={None: CAMT054_NS})
    body = sub(root, "BkToCstmrDbtCdtNtfctn")
    header = sub(body, "GrpHdr")
    sub(header, "MsgId", "BANK-" + order.message_id[:20])
    sub(header, "CreDtTm", "2026-12-08T18:00:00+00:00")
    for batch in order.batches:
        note = sub(body, "Ntfctn")
        sub(note, "Id", batch.payment_information_id)
        sub(note, "CreDtTm", "2026-12-08T18:00:00+00:00")
        sub(note, "Acct/Id/Othr/Id", batch.debtor.account)
        paid = [t for t in batch.transfers if t.invoice_key in booked]
        entry = sub(note, "Ntry")
        amount = sub(entry, "Amt", str(sum((t.amount for t in paid), Decimal(0))))
        amount.set("Ccy", batch.transfers[0].currency)
        sub(entry, "CdtDbtInd", "DBIT")
        sub(entry, "Sts/Cd", "BOOK")
        sub(entry, "BookgDt/Dt", batch.execution_date.isoformat())
        domain = sub(entry, "BkTxCd/Domn")
        sub(domain, "Cd", "PMNT")
        sub(domain, "Fmly/Cd", "ICDT")
        domain[-1].append(etree.Element(f"{{{CAMT054_NS}}}SubFmlyCd"))
        domain[-1][-1].text = "DMCT"
        details = sub(entry, "NtryDtls")
        for transfer in paid:
            tx = sub(details, "TxDtls")
            sub(tx, "Refs/EndToEndId", transfer.end_to_end_id)
            sub(tx, "Amt", str(transfer.amount)).set("Ccy", transfer.currency)
            sub(tx, "CdtDbtInd", "DBIT")
            if transfer.kid:
                sub(tx, "RmtInf/Strd/CdtrRefInf/Ref", transfer.kid)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_payment_order_round_trip_marks_exactly_the_booked_invoices() -> None:
    debtor = Debtor("Eksempel kommune", "86011117947")
    transfers = [
        CreditTransfer(
            key,
            debtor,
            "Leverandør AS",
            "12345678903",
            Decimal(amount),
            "NOK",
            date(2026, 12, 8),
            kid=kid,
        )
        for key, amount, kid in [
            ("inv-1", "100.00", "12345674"),
            ("inv-2", "200.00", None),
            ("inv-3", "300.00", "23456788"),
        ]
    ]
    order = build_payment_order("K", transfers, created=datetime(2026, 12, 7, tzinfo=UTC))
    notification = read_notification(bank_notification(order, {"inv-1", "inv-3"}))
    by_e2e = {e2e: key for key, e2e in order.end_to_end_ids.items()}
    paid = {
        by_e2e[t.end_to_end_id]: t for t in notification.transactions if t.end_to_end_id in by_e2e
    }
    assert set(paid) == {"inv-1", "inv-3"}
    assert paid["inv-1"].amount == Decimal("100.00") and paid["inv-1"].reference == "12345674"
    assert paid["inv-3"].reference == "23456788"
