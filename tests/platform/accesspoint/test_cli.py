"""``heldigital peppol send`` (without --wait) and ``peppol report`` in process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from heldigital.apps.accesspoint.models import OutboundMessage
from heldigital.cli.app import app
from tests.conftest import corpus

from .conftest import SBDH_FILE, sbdh_header

pytestmark = pytest.mark.django_db
runner = CliRunner()
INVOICE = ("peppol-bis-invoice-3", "rules", "national-examples", "NO", "Norwegian-example-1.xml")


def test_send_queues_an_sbdh_as_it_is():
    receiver = str(sbdh_header().receiver)
    result = runner.invoke(
        app, ["peppol", "send", str(corpus(*SBDH_FILE)), "--to", receiver, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["state"] == "queued"
    row = OutboundMessage.objects.get(message_id=answer["message_id"])
    assert bytes(row.sbdh) == corpus(*SBDH_FILE).read_bytes()


def test_send_wraps_a_payload():
    result = runner.invoke(app, ["peppol", "send", str(corpus(*INVOICE)), "--to", "0192:920000002"])
    assert result.exit_code == 0, result.output
    row = OutboundMessage.objects.get()
    assert row.receiver == "iso6523-actorid-upis::0192:920000002"
    assert "Invoice-2::Invoice" in row.document_type


def test_send_refuses_a_receiver_that_is_not_the_sbdh_s():
    result = runner.invoke(
        app, ["peppol", "send", str(corpus(*SBDH_FILE)), "--to", "0192:920000002"]
    )
    assert result.exit_code == 2
    assert "is not the SBDH's receiver" in result.output
    assert not OutboundMessage.objects.exists()


def test_report_needs_the_access_point(settings):
    settings.HELDIGITAL_AP_KEY = ""
    result = runner.invoke(app, ["peppol", "report", "tsr", "--month", "2026-11"])
    assert result.exit_code == 2
    assert "not configured" in result.output


def test_report_of_an_empty_month(receiver_settings):
    result = runner.invoke(app, ["peppol", "report", "eusr", "--month", "2026-11"])
    assert result.exit_code == 0, result.output
    assert "EndUserStatisticsReport" in result.stdout
    bad = runner.invoke(app, ["peppol", "report", "tsr", "--month", "2026-13"])
    assert bad.exit_code == 2
