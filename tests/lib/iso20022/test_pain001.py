"""pain.001.001.09 payment orders: schema validity, batching, ids, idempotence."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital.iso20022 import (
    PAIN001_NS,
    AlreadyOrdered,
    CreditTransfer,
    Debtor,
    PaymentError,
    build_payment_order,
    end_to_end_id,
)
from heldigital.xml import parse

NS = {"p": PAIN001_NS}
CREATED = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
MAIN = Debtor("Eksempel kommune", "8601 11 17947")
OTHER = Debtor("Eksempel kommune", "NO9386011117947")


def nok(
    key: str, amount: str = "1250.00", debtor: Debtor = MAIN, day: int = 8, **kw: str
) -> CreditTransfer:
    return CreditTransfer(
        invoice_key=key,
        debtor=debtor,
        creditor_name="Leverandør AS",
        creditor_account="1234.56.78903",
        amount=Decimal(amount),
        currency="NOK",
        execution_date=date(2026, 12, day),
        **kw,  # type: ignore[arg-type]
    )


def eur(key: str, amount: str = "99.90", **kw: str) -> CreditTransfer:
    return CreditTransfer(
        invoice_key=key,
        debtor=MAIN,
        creditor_name="Lieferant GmbH",
        creditor_account="DE89 3704 0044 0532 0130 00",
        amount=Decimal(amount),
        currency="EUR",
        execution_date=date(2026, 12, 8),
        **kw,  # type: ignore[arg-type]
    )


def test_mixed_order_is_valid_against_the_official_xsd(pain001_schema: etree.XMLSchema) -> None:
    order = build_payment_order(
        "Eksempel kommune",
        [
            nok("inv-1", kid="12345674"),
            nok("inv-2", message="Faktura 2026-17"),
            nok("inv-3", kid="100008-", debtor=OTHER, day=9),
            eur("inv-4", creditor_reference="RF18 5390 0754 7034"),
            eur("inv-5", message="Invoice 5"),
        ],
        created=CREATED,
    )
    document = parse(order.xml)
    assert pain001_schema.validate(document), pain001_schema.error_log
    assert document.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=NS) == "5"
    assert document.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=NS) == str(
        order.control_sum
    )
    assert order.control_sum == Decimal("3949.80")


def test_the_schema_check_can_fail(pain001_schema: etree.XMLSchema) -> None:
    order = build_payment_order("Eksempel kommune", [nok("inv-1")], created=CREATED)
    broken = order.xml.replace(b"<PmtMtd>TRF</PmtMtd>", b"<PmtMtd>XXX</PmtMtd>")
    assert not pain001_schema.validate(parse(broken))


def test_kid_is_structured_remittance_and_nok_account_is_bban() -> None:
    order = build_payment_order("K", [nok("inv-1", kid="1234 5674")], created=CREATED)
    tx = parse(order.xml).find(".//p:CdtTrfTxInf", NS)
    assert tx is not None
    assert (
        tx.findtext("p:RmtInf/p:Strd/p:CdtrRefInf/p:Tp/p:CdOrPrtry/p:Cd", namespaces=NS) == "SCOR"
    )
    assert tx.findtext("p:RmtInf/p:Strd/p:CdtrRefInf/p:Ref", namespaces=NS) == "12345674"
    assert tx.findtext("p:CdtrAcct/p:Id/p:Othr/p:Id", namespaces=NS) == "12345678903"
    assert tx.findtext("p:CdtrAcct/p:Id/p:Othr/p:SchmeNm/p:Cd", namespaces=NS) == "BBAN"
    assert tx.find("p:RmtInf/p:Ustrd", NS) is None
    assert tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS) == end_to_end_id("inv-1")


def test_sepa_has_iban_bic_service_level_and_charges() -> None:
    order = build_payment_order("K", [eur("inv-9")], created=CREATED)
    info = parse(order.xml).find(".//p:PmtInf", NS)
    assert info is not None
    assert info.findtext("p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    assert info.findtext("p:ChrgBr", namespaces=NS) == "SLEV"
    tx = info.find("p:CdtTrfTxInf", NS)
    assert tx is not None
    assert tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == "DE89370400440532013000"
    assert tx.findtext("p:CdtrAgt/p:FinInstnId/p:BICFI", namespaces=NS) == "COBADEFFXXX"
    assert tx.findtext("p:RmtInf/p:Ustrd", namespaces=NS) == "inv-9"


def test_batches_by_debtor_account_execution_date_and_kind() -> None:
    order = build_payment_order(
        "K",
        [nok("a"), nok("b"), nok("c", day=9), nok("d", debtor=OTHER), eur("e")],
        created=CREATED,
    )
    keys = [(b.debtor.account, b.execution_date, b.kind, len(b.transfers)) for b in order.batches]
    assert sorted(keys) == sorted(
        [
            ("86011117947", date(2026, 12, 8), "NOK-DOMESTIC", 2),
            ("86011117947", date(2026, 12, 9), "NOK-DOMESTIC", 1),
            ("NO9386011117947", date(2026, 12, 8), "NOK-DOMESTIC", 1),
            ("86011117947", date(2026, 12, 8), "EUR-SEPA", 1),
        ]
    )
    assert len(parse(order.xml).findall(".//p:PmtInf", NS)) == 4


def test_ids_are_deterministic_whatever_the_input_order() -> None:
    transfers = [nok("a"), nok("b", "10"), nok("c", day=9), eur("d")]
    first = build_payment_order("K", transfers, created=CREATED)
    shuffled = transfers[:]
    random.Random(4).shuffle(shuffled)
    later = CREATED.astimezone(timezone(timedelta(hours=1))) + timedelta(hours=3)
    second = build_payment_order("K", shuffled, created=later)
    assert first.message_id == second.message_id
    assert first.end_to_end_ids == second.end_to_end_ids
    assert first.xml.replace(b"09:30:00", b"12:30:00") == second.xml
    assert len(first.message_id) <= 35
    assert all(len(e) <= 35 for e in first.end_to_end_ids.values())
    changed = build_payment_order("K", [nok("a", "1250.01"), *transfers[1:]], created=CREATED)
    assert changed.message_id != first.message_id


def test_an_invoice_is_in_at_most_one_payment_order() -> None:
    first = build_payment_order("K", [nok("a"), nok("b")], created=CREATED)
    with pytest.raises(AlreadyOrdered) as caught:
        build_payment_order(
            "K", [nok("b"), nok("c")], created=CREATED, already_ordered=first.end_to_end_ids
        )
    assert caught.value.keys == ("b",)
    with pytest.raises(AlreadyOrdered, match="c"):
        build_payment_order("K", [nok("c"), nok("c", "5")], created=CREATED)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: eur("x", kid="12345674"), "KID"),
        (lambda: nok("x", kid="12345675"), "check digit"),
        (lambda: nok("x", "0"), "positive"),
        (lambda: nok("x", kid="12345674", creditor_reference="RF18539007547034"), "not both"),
        (lambda: eur("x", creditor_bic="NOTABIC"), "BIC"),
    ],
)
def test_bad_transfers_are_refused(make: object, message: str) -> None:
    with pytest.raises(PaymentError, match=message):
        make()  # type: ignore[operator]


def test_accounts_outside_the_rules_are_refused() -> None:
    with pytest.raises(PaymentError, match="account number"):
        CreditTransfer("x", MAIN, "L", "12345678904", Decimal(1), "NOK", date(2026, 12, 8))
    with pytest.raises(PaymentError, match="Norwegian account"):
        CreditTransfer(
            "x", MAIN, "L", "DE89370400440532013000", Decimal(1), "NOK", date(2026, 12, 8)
        )
    with pytest.raises(PaymentError, match="outside SEPA"):
        CreditTransfer(
            "x", MAIN, "L", "BR1800360305000010009795493C1", Decimal(1), "EUR", date(2026, 12, 8)
        )
    with pytest.raises(PaymentError, match="SEK"):
        CreditTransfer("x", MAIN, "L", "12345678903", Decimal(1), "SEK", date(2026, 12, 8))
    with pytest.raises(PaymentError, match="timezone"):
        build_payment_order("K", [nok("a")], created=datetime(2026, 12, 6))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
            st.integers(min_value=6, max_value=9),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_order_is_schema_valid_and_sums_add_up(
    pain001_schema: etree.XMLSchema, rows: list[tuple[Decimal, int, bool]]
) -> None:
    transfers = [
        nok(f"inv-{i}", str(amount), day=day, debtor=OTHER if other else MAIN)
        for i, (amount, day, other) in enumerate(rows)
    ]
    order = build_payment_order("K", transfers, created=CREATED)
    assert pain001_schema.validate(parse(order.xml)), pain001_schema.error_log
    assert order.control_sum == sum((amount for amount, _, _ in rows), Decimal(0))
    assert sorted(order.end_to_end_ids) == sorted(t.invoice_key for t in transfers)
