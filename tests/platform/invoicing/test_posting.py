"""The posting export: approved invoices and credit notes as posting lines, in CSV and JSON,
through the services, the API and the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from typer.testing import CliRunner

from heldigital.apps.accounts.models import ApiToken, Role
from heldigital.apps.invoicing import posting, services
from heldigital.cli.main import app
from tests.conftest import corpus
from tests.platform.conftest import LONG_LIVED, acting, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
EXAMPLES = ("peppol-bis-invoice-3", "rules", "examples")


def example(name: str) -> bytes:
    return corpus(*EXAMPLES, name).read_bytes()


@pytest.fixture
def approver(municipality):
    return make_user("approver", (municipality, Role.APPROVER))


@pytest.fixture
def approved(municipality, approver):
    """The base example approved by a person; its credit note approved by the rules; one
    invoice left in the inbox (not exported)."""
    row = services.receive(municipality, example("base-example.xml"), channel="upload", now=NOW)
    services.decide(row, principal=acting(approver), approve=True, now=NOW)
    credit = services.receive(
        municipality, example("base-creditnote-correction.xml"), channel="upload", now=NOW
    )
    services.receive(municipality, example("vat-category-E.xml"), channel="upload", now=NOW)
    return row, credit


def test_lines_of_approved_invoices_and_credit_notes(municipality, approver, approved):
    invoice, credit = approved
    lines = posting.postings(municipality, principal=acting(approver))
    mine = [line for line in lines if line.invoice_id == str(invoice.pk)]
    # base example: two lines (the first with its own accounting reference BT-133, the
    # second with the document's BT-19) and an insurance charge
    assert [(p.line, p.account, p.vat_code, p.amount) for p in mine] == [
        ("1", "Konteringsstreng", "S25", "2800.00"),
        ("2", "4025:123:4343", "S25", "-1500.00"),
        ("C1", "4025:123:4343", "S25", "25.00"),
    ]
    first = mine[0]
    assert (first.invoice_number, first.supplier, first.currency, first.cost_centre) == (
        "Snippet1",
        "0088:9482348239847239874",
        "EUR",
        "0150abc",
    )
    # the lines add up to the amount without VAT (BT-109: 1325 of 1656.25 with VAT)
    assert sum(Decimal(p.amount) for p in mine) == Decimal("1325.00")
    credited = [line for line in lines if line.invoice_id == str(credit.pk)]
    assert [p.amount for p in credited] == ["-2800.00", "1500.00", "-25.00"]
    assert {p.kind for p in lines} == {"invoice", "credit_note"}
    # a day with no approvals exports nothing
    assert (
        posting.postings(municipality, principal=acting(approver), approved_from=date(2026, 11, 26))
        == []
    )
    outsider = make_user("outsider")
    with pytest.raises(PermissionDenied):
        posting.postings(municipality, principal=acting(outsider, municipality))


def test_csv_has_the_documented_columns(municipality, approver, approved):
    text = posting.as_csv(posting.postings(municipality, principal=acting(approver)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == posting.COLUMNS
    assert posting.COLUMNS[-6:] == (
        "account",
        "cost_centre",
        "project",
        "vat_code",
        "vat_rate",
        "amount",
    )
    assert text.endswith("\r\n")


def test_api_json_and_csv(client, municipality, approver, approved):
    _, raw = ApiToken.issue(
        user=approver, organisation=municipality, name="t", now=NOW, expires_at=NOW + LONG_LIVED
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    body = client.get("/api/v1/invoicing/postings", **auth)
    assert body.status_code == 200
    expected = posting.as_json(posting.postings(municipality, principal=acting(approver)))
    assert body.json() == expected
    as_csv = client.get("/api/v1/invoicing/postings.csv?approved_from=2026-11-25", **auth)
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.content.decode())))) == len(expected)
    assert client.get("/api/v1/invoicing/postings?approved_from=x", **auth).status_code == 422
    assert client.get("/api/v1/invoicing/postings").status_code == 401


def test_command_line(municipality, approved, tmp_path):
    runner = CliRunner()
    shown = runner.invoke(app, ["postings", "--organisation", municipality.orgnr])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(",".join(posting.COLUMNS))
    out = tmp_path / "p.json"
    written = runner.invoke(
        app,
        [
            "postings",
            "--organisation",
            municipality.orgnr,
            "--format",
            "json",
            "--output",
            str(out),
        ],
    )
    assert written.exit_code == 0, written.output
    assert json.loads(out.read_text()) == posting.as_json(
        posting.postings(municipality, principal=None)
    )
    assert runner.invoke(app, ["postings", "--organisation", "974760673"]).exit_code == 2
    bad = runner.invoke(app, ["postings", "--organisation", municipality.orgnr, "--from", "x"])
    assert bad.exit_code == 2
