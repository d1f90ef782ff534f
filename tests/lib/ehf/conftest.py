"""Report how many official billing examples the round trip covered."""

from __future__ import annotations

import pytest


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
