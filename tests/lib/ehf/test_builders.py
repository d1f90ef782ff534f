"""The invoice builder: EN 16931 arithmetic, round trip, and the official rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital import xml
from heldigital.ehf import CreditNote, Invoice
from heldigital.ehf.builders import (
    BuildError,
    DocumentAllowanceCharge,
    OrderInput,
    OrderLineInput,
    PriceList,
    PriceListEntry,
    credit_note_for,
    invoice_from_order,
    money,
    norwegian_party,
)
from heldigital.ehf.common import Code, FinancialAccount, Identifier, PaymentMeans, ProjectReference

D = Decimal

# Real organisation numbers from the Central Coordinating Register
# (Brønnøysundregistrene and the Norwegian Digitalisation Agency).
SELLER = norwegian_party(
    "974760673", "Leverandør AS", street_name="Storgata 1", city_name="Oslo", postal_zone="0150"
)
BUYER = norwegian_party(
    "991825827",
    "Innkjøper Kommune",
    street_name="Rådhusgata 2",
    city_name="Bergen",
    postal_zone="5003",
    vat_registered=False,
    in_foretaksregisteret=False,
)

ORDER = OrderInput(
    order_reference="PO-2026-17",
    buyer_reference="4020-Innkjop",
    contract_reference="Rammeavtale 2026/3",
    lines=(
        OrderLineInput(
            line_id="1", item_id="PAP-A4", item_name="Kopipapir A4", quantity=D("5"), unit_code="EA"
        ),
        OrderLineInput(
            line_id="2", item_id="KAF-1", item_name="Kaffe", quantity=D("3"), unit_code="KGM"
        ),
        OrderLineInput(
            line_id="3", item_id="KURS", item_name="Kurs", quantity=D("1"), unit_code="EA"
        ),
        OrderLineInput(
            line_id="4", item_id="PAP-A4", item_name="Kopipapir A4", quantity=D("2"), unit_code="EA"
        ),
    ),
)

PRICES = PriceList(
    currency="NOK",
    entries=(
        # 5 x 6.005 = 30.025: ROUND_HALF_UP gives 30.03 (half-even would give 30.02)
        PriceListEntry(item_id="PAP-A4", price=D("6.005"), unit_code="EA"),
        # 3 kg at 105.50 per 10 kg = 31.65, food VAT 15 %
        PriceListEntry(
            item_id="KAF-1",
            price=D("105.50"),
            unit_code="KGM",
            vat_rate=D("15"),
            base_quantity=D("10"),
        ),
        PriceListEntry(
            item_id="KURS", price=D("1000"), unit_code="EA", vat_category="E", vat_rate=D("0")
        ),
    ),
)

PAYMENT = PaymentMeans(
    payment_means_code=Code("30"),
    payment_id=("1234567890128",),
    payee_financial_account=FinancialAccount(id=Identifier("86011117947")),
)


def build(**overrides: object) -> Invoice:
    options: dict[str, object] = {
        "seller": SELLER,
        "buyer": BUYER,
        "invoice_number": "F-2026-0042",
        "issue_date": dt.date(2026, 11, 25),
        "due_date": dt.date(2026, 12, 25),
        "payment_means": (PAYMENT,),
        "payment_terms": "30 dager netto",
        "allowances_charges": (
            DocumentAllowanceCharge(charge=True, amount=D("50"), reason="Frakt"),
            DocumentAllowanceCharge(
                charge=False, amount=D("3.10"), reason_code="95", vat_rate=D("15")
            ),
        ),
        "exemption_reasons": {"E": "Undervisningstjenester, mval. § 3-5"},
    }
    options.update(overrides)
    return invoice_from_order(ORDER, PRICES, **options)  # type: ignore[arg-type]


def test_money_rounds_half_up() -> None:
    assert money(D("30.025")) == D("30.03")
    assert D("30.025").quantize(D("0.01"), rounding=ROUND_HALF_EVEN) == D("30.02")
    assert money(D("-0.005")) == D("-0.01")


def test_line_amounts() -> None:
    invoice = build()
    nets = [line.line_extension_amount.value for line in invoice.lines]
    assert nets == [D("30.03"), D("31.65"), D("1000.00"), D("12.01")]
    assert [line.order_line_references[0].line_id for line in invoice.lines] == ["1", "2", "3", "4"]
    coffee = invoice.lines[1]
    assert coffee.price is not None and coffee.price.base_quantity is not None
    assert coffee.price.base_quantity.value == D("10")
    assert coffee.item.classified_tax_category
    assert coffee.item.classified_tax_category[0].percent == D("15")


def test_vat_breakdown_and_totals_follow_br_co() -> None:
    invoice = build()
    total = invoice.legal_monetary_total
    tax_total = invoice.tax_total
    assert tax_total is not None
    by_key = {
        (s.tax_category.code, s.tax_category.percent): (s.taxable_amount, s.tax_amount)
        for s in tax_total.tax_subtotal
    }
    # S 25 %: 30.03 + 12.01 + 50 freight = 92.04 -> 23.01
    # S 15 %: 31.65 - 3.10 allowance = 28.55 -> 4.2825 -> 4.28
    # E 0 %: 1000.00 -> 0.00
    assert {k: (a.value, t.value) for k, (a, t) in by_key.items() if a} == {
        ("E", D("0")): (D("1000.00"), D("0.00")),
        ("S", D("15")): (D("28.55"), D("4.28")),
        ("S", D("25")): (D("92.04"), D("23.01")),
    }
    lines = sum(line.line_extension_amount.value for line in invoice.lines)
    assert total.line_extension_amount is not None and total.line_extension_amount.value == lines
    assert total.allowance_total_amount is not None and total.charge_total_amount is not None
    assert (total.allowance_total_amount.value, total.charge_total_amount.value) == (
        D("3.10"),
        D("50.00"),
    )
    assert total.tax_exclusive_amount is not None and total.tax_inclusive_amount is not None
    # BR-CO-13, BR-CO-14, BR-CO-15, BR-CO-16
    assert total.tax_exclusive_amount.value == lines - D("3.10") + D("50.00") == D("1120.59")
    assert tax_total.tax_amount.value == sum(s.tax_amount.value for s in tax_total.tax_subtotal)
    assert total.tax_inclusive_amount.value == D("1120.59") + D("27.29")
    assert total.payable_amount.value == total.tax_inclusive_amount.value == D("1147.88")
    exempt = next(s for s in tax_total.tax_subtotal if s.tax_category.code == "E")
    assert exempt.tax_category.tax_exemption_reason == ("Undervisningstjenester, mval. § 3-5",)


def test_prepaid_amount_reduces_amount_due() -> None:
    invoice = build(prepaid_amount=D("100"))
    total = invoice.legal_monetary_total
    assert total.prepaid_amount is not None and total.prepaid_amount.value == D("100.00")
    assert total.payable_amount.value == D("1047.88")


def test_built_invoice_round_trips_and_is_schema_valid(
    ubl_schemas: dict[type, etree.XMLSchema],
) -> None:
    invoice = build()
    data = invoice.to_xml()
    assert Invoice.from_xml(data) == invoice
    schema = ubl_schemas[Invoice]
    assert schema.validate(xml.parse(data)), schema.error_log
    assert invoice.validate() == []


def test_built_invoice_passes_the_official_rules() -> None:
    from heldigital.rules import validate

    report = validate(build().to_xml())
    print(f"\nrule set {report.rule_set}: {[(f.rule, f.message) for f in report.errors]}")
    assert report.rule_set is not None
    assert report.valid, [(f.rule, f.location, f.message) for f in report.fatal]
    assert report.warnings == [], [(f.rule, f.message) for f in report.warnings]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"order": OrderInput(order_reference="x", lines=())}, "at least one line"),
        (
            {
                "order": OrderInput(
                    order_reference="x",
                    lines=(
                        OrderLineInput(
                            line_id="1",
                            item_id="NOPE",
                            item_name="?",
                            quantity=D(1),
                            unit_code="EA",
                        ),
                    ),
                )
            },
            "not in the price list",
        ),
        (
            {
                "order": OrderInput(
                    order_reference="x",
                    lines=(
                        OrderLineInput(
                            line_id="1",
                            item_id="KAF-1",
                            item_name="Kaffe",
                            quantity=D(1),
                            unit_code="EA",
                        ),
                    ),
                )
            },
            "in unit 'EA'",
        ),
        ({"exemption_reasons": {}}, "BR-E-10"),
        (
            {
                "allowances_charges": (
                    DocumentAllowanceCharge(
                        charge=False, amount=D(1), vat_category="O", reason="Rabatt"
                    ),
                )
            },
            "BR-O-05",
        ),
        (
            {"allowances_charges": (DocumentAllowanceCharge(charge=False, amount=D(1)),)},
            "BR-33",
        ),
        (
            {
                "allowances_charges": (
                    DocumentAllowanceCharge(
                        charge=True, amount=D(1), vat_rate=D(0), reason="Gebyr"
                    ),
                )
            },
            "BR-S-05",
        ),
        ({"due_date": None}, "BR-CO-25"),
    ],
)
def test_build_errors(change: dict[str, object], message: str) -> None:
    change = dict(change)
    order = change.pop("order", ORDER)
    options: dict[str, object] = {
        "seller": SELLER,
        "buyer": BUYER,
        "invoice_number": "1",
        "issue_date": dt.date(2026, 1, 1),
        "due_date": dt.date(2026, 2, 1),
        "exemption_reasons": {"E": "Undervisning"},
    }
    options.update(change)
    with pytest.raises(BuildError, match=message):
        invoice_from_order(order, PRICES, **options)  # type: ignore[arg-type]


def test_norwegian_party_checks_the_organisation_number() -> None:
    with pytest.raises(BuildError, match="not a Norwegian organisation number"):
        norwegian_party("974760674", "Feil AS")
    assert SELLER.vat_identifier == Identifier("NO974760673MVA")
    assert SELLER.tax_registration("TAX") == Identifier("Foretaksregisteret")
    assert BUYER.vat_identifier is None
    sole = norwegian_party("974760673", "Enkeltperson", in_foretaksregisteret=False)
    assert sole.tax_registration("TAX") is None
    assert sole.vat_identifier == Identifier("NO974760673MVA")


def test_credit_note_cancels_the_invoice(ubl_schemas: dict[type, etree.XMLSchema]) -> None:
    invoice = build(prepaid_amount=D("100"))
    credit = credit_note_for(
        invoice,
        credit_note_number="K-2026-0001",
        issue_date=dt.date(2026, 11, 30),
        reason="Feil pris på kopipapir",
    )
    reference = credit.billing_references[0].invoice_document_reference
    assert reference is not None
    assert (reference.id.value, reference.issue_date) == ("F-2026-0042", dt.date(2026, 11, 25))
    assert credit.credit_note_type_code == "381"
    assert credit.notes == ("Feil pris på kopipapir",)
    assert [line.quantity for line in credit.lines] == [line.quantity for line in invoice.lines]
    assert credit.tax_totals == invoice.tax_totals
    total = credit.legal_monetary_total
    assert total.prepaid_amount is None
    assert total.payable_amount == invoice.legal_monetary_total.tax_inclusive_amount
    assert total.payable_amount.value == D("1147.88")

    data = credit.to_xml()
    assert CreditNote.from_xml(data) == credit
    schema = ubl_schemas[CreditNote]
    assert schema.validate(xml.parse(data)), schema.error_log

    from heldigital.rules import validate

    report = validate(data)
    assert report.rule_set is not None
    assert report.valid, [(f.rule, f.location, f.message) for f in report.fatal]
    assert report.warnings == [], [(f.rule, f.message) for f in report.warnings]


def test_credit_note_moves_the_project_reference() -> None:
    invoice = dataclasses.replace(
        build(), project_references=(ProjectReference(id=Identifier("Prosjekt 7")),)
    )
    credit = credit_note_for(invoice, credit_note_number="K-1", issue_date=dt.date(2026, 12, 1))
    (project,) = credit.additional_document_references
    assert project.id == Identifier("Prosjekt 7")
    assert project.document_type_code is not None and project.document_type_code.value == "50"


QUANTITIES = st.decimals(min_value=D("0.001"), max_value=D("10000"), places=3)
PRICE_AMOUNTS = st.decimals(min_value=D("0"), max_value=D("100000"), places=4)
VAT = st.sampled_from(
    [("S", D("25")), ("S", D("15")), ("S", D("12")), ("Z", D("0")), ("E", D("0"))]
)


@st.composite
def orders(draw: st.DrawFn) -> tuple[OrderInput, PriceList, tuple[DocumentAllowanceCharge, ...]]:
    count = draw(st.integers(min_value=1, max_value=6))
    entries = []
    lines = []
    for number in range(count):
        category, rate = draw(VAT)
        entries.append(
            PriceListEntry(
                item_id=f"I{number}",
                price=draw(PRICE_AMOUNTS),
                unit_code="EA",
                vat_category=category,
                vat_rate=rate,
                base_quantity=draw(st.sampled_from([D("1"), D("10"), D("100"), D("0.5")])),
            )
        )
        lines.append(
            OrderLineInput(
                line_id=str(number + 1),
                item_id=f"I{number}",
                item_name=f"Vare {number}",
                quantity=draw(QUANTITIES),
                unit_code="EA",
            )
        )
    extras = tuple(
        DocumentAllowanceCharge(
            charge=draw(st.booleans()),
            amount=draw(st.decimals(min_value=D("0"), max_value=D("50"), places=2)),
            reason="Justering",
        )
        for _ in range(draw(st.integers(min_value=0, max_value=2)))
    )
    order = OrderInput(order_reference="PO-1", lines=tuple(lines))
    return order, PriceList(currency="NOK", entries=tuple(entries)), extras


@settings(max_examples=40, deadline=None)
@given(case=orders())
def test_any_built_invoice_passes_the_official_rules(
    case: tuple[OrderInput, PriceList, tuple[DocumentAllowanceCharge, ...]],
) -> None:
    from heldigital.rules import validate

    order, prices, extras = case
    invoice = invoice_from_order(
        order,
        prices,
        seller=SELLER,
        buyer=BUYER,
        invoice_number="P-1",
        issue_date=dt.date(2026, 11, 25),
        due_date=dt.date(2026, 12, 25),
        payment_means=(PAYMENT,),
        allowances_charges=extras,
        exemption_reasons={"E": "Unntatt"},
    )
    report = validate(invoice.to_xml())
    assert report.valid, [(f.rule, f.location, f.message) for f in report.fatal]
