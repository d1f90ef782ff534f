"""Identifier, VAT number and account checks (python-stdnum, schwifty)."""

from __future__ import annotations

import dataclasses

import pytest

from heldigital.ehf import Invoice
from heldigital.ehf.common import FinancialAccount, Identifier
from heldigital.ehf.identifiers import (
    check_account,
    check_bic,
    check_identifier,
    check_vat_number,
)
from tests.conftest import corpus

# Real numbers: Brønnøysundregistrene's organisation number, the GLN of the
# Danish Agency for Digitisation (NemHandel), the IBAN registry's Norwegian
# example account, DNB's BIC, and VAT numbers from the member states' examples.


@pytest.mark.parametrize(
    ("value", "scheme"),
    [
        ("974760673", "0192"),
        (Identifier("974760673", scheme_id="0192"), None),
        ("5790000435975", "0088"),
        ("7300010000001", "0088"),
        ("974760673", "9908"),
        ("DE136695976", "9930"),
        ("136695976", "9930"),
        ("anything", "0060"),  # DUNS: no check digit, passes
        ("anything", None),
    ],
)
def test_valid_identifiers(value: Identifier | str, scheme: str | None) -> None:
    assert check_identifier(value, scheme) is None


@pytest.mark.parametrize(
    ("value", "scheme", "message"),
    [
        ("974760674", "0192", "Norwegian organisation number"),
        ("97476067", "0192", "Norwegian organisation number"),
        (Identifier("5790000435976", scheme_id="0088"), None, "GLN"),
        ("9482348239847239874", "0088", "GLN"),
        ("DE136695977", "9930", "DE VAT number"),
    ],
)
def test_invalid_identifiers(value: Identifier | str, scheme: str | None, message: str) -> None:
    problem = check_identifier(value, scheme)
    assert problem is not None and message in problem


def test_vat_numbers() -> None:
    assert check_vat_number("NO974760673MVA") is None
    assert check_vat_number("NO 974 760 673 MVA") is None
    assert check_vat_number("974760673MVA", "NO") is None
    assert check_vat_number("EL094259216") is None
    assert check_vat_number("SE556036079301") is None
    assert "Norwegian VAT number" in (check_vat_number("NO974760674MVA") or "")
    assert "no country prefix" in (check_vat_number("974760673") or "")
    assert check_vat_number("US123") is None  # no check known: passes


def test_accounts() -> None:
    assert check_account("NO9386011117947") is None
    assert check_account("NO93 8601 1117 947") is None
    assert "IBAN" in (check_account("NO9386011117948") or "")
    assert check_account("86011117947", country="NO") is None
    assert "Invalid national checksum" in (check_account("86011117948", country="NO") or "")
    assert "11 digits" in (check_account("8601111794", country="NO") or "")
    assert check_account("5050-1055", country="SE") is None  # bankgiro: not checked


def test_bic() -> None:
    assert check_bic("DNBANOKK") is None
    assert check_bic("DNBANOKKXXX") is None
    assert check_bic("DNBANO") is not None


def test_norwegian_example_has_valid_party_identifiers() -> None:
    """The official Norwegian example uses real organisation numbers and VAT numbers;
    only its item identifiers (dummy GTINs under scheme 0088) fail their check digit."""
    path = corpus("peppol-bis-invoice-3", "rules", "national-examples", "NO")
    invoice = Invoice.from_xml((path / "Norwegian-example-1.xml").read_bytes())
    problems = invoice.validate()
    assert problems, "the example's item identifiers are dummies"
    assert all("BT-157" in p.where for p in problems), problems


def test_document_check_reports_bad_account() -> None:
    path = corpus("peppol-bis-invoice-3", "rules", "national-examples", "NO")
    invoice = Invoice.from_xml((path / "Norwegian-example-1.xml").read_bytes())
    means = invoice.payment_means[0]
    broken = dataclasses.replace(
        means, payee_financial_account=FinancialAccount(id=Identifier("NO9386011117948"))
    )
    problems = dataclasses.replace(invoice, payment_means=(broken,)).validate()
    assert [p.where for p in problems if "BT-84" in p.where] == [
        "payment_means[0] BT-84 payment account"
    ]


def test_credit_note_check() -> None:
    """The CEN test credit note uses made-up Swedish numbers: their check
    digits fail, which the check reports without refusing the document."""
    from heldigital.ehf import CreditNote

    path = corpus("eInvoicing-EN16931", "test", "testfiles", "CreditNote-Max_content.xml")
    problems = CreditNote.from_xml(path.read_bytes()).validate()
    where = {p.where for p in problems}
    assert "seller BG-4 electronic address" in where
    assert "payment_means[0] BT-84 payment account" in where
    assert all(p.message.startswith("not a valid") for p in problems)
