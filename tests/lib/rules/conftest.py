"""Print the official-test parity per suite at the end of the run."""

from __future__ import annotations

from tests.lib.rules.parity import RESULTS


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not RESULTS:
        return
    terminalreporter.section("official unit-test parity (native validator)")
    for result in RESULTS.values():
        pct = 100.0 * result.passed / result.total if result.total else 0.0
        terminalreporter.write_line(
            f"{result.name:<45} {result.passed:>5} / {result.total:<5} passed ({pct:.1f} %)"
        )
