"""Print the differential table at the end of the run."""

from __future__ import annotations

TABLES: list[str] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for text in TABLES:
        terminalreporter.section("differential testing against the official rules")
        for line in text.splitlines():
            terminalreporter.write_line(line)
