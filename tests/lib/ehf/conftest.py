"""Shared fixtures of the billing tests, and a count of the examples round-tripped."""

from __future__ import annotations

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf import CreditNote, Invoice
from tests.conftest import corpus


@pytest.fixture(scope="session")
def ubl_schemas() -> dict[type, etree.XMLSchema]:
    """The OASIS UBL 2.1 Invoice and CreditNote schemas, loaded once per session."""
    maindoc = corpus("ubl-2.1", "xsd", "maindoc")
    return {
        Invoice: xml.load_schema(maindoc / "UBL-Invoice-2.1.xsd"),
        CreditNote: xml.load_schema(maindoc / "UBL-CreditNote-2.1.xsd"),
    }


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    passed = [
        report.nodeid
        for report in terminalreporter.stats.get("passed", [])
        if "test_invoice_roundtrip.py::test_round_trip[" in report.nodeid
    ]
    if passed:
        terminalreporter.write_line(
            f"ehf billing: {len(passed)} official Invoice/CreditNote examples round-tripped "
            "(model equality, UBL 2.1 XSD, no data lost)"
        )
