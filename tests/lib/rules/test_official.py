"""Parity with the official unit tests: one test per official suite."""

from __future__ import annotations

import pytest

from tests.conftest import corpus
from tests.lib.rules.parity import run_suite

SUITES = {
    "peppol-bis-invoice-3 (UBL unit tests)": ("peppol-bis-invoice-3/rules", "unit-UBL-*", 543),
    "en16931 (UBL unit tests)": ("eInvoicing-EN16931/test", "*-unit-UBL", 1131),
    "poacc-upgrade-3 (unit tests)": ("poacc-upgrade-3/rules", "unit-*", None),
}


@pytest.mark.parametrize("suite", list(SUITES))
def test_official_suite(suite):
    base, pattern, expected_total = SUITES[suite]
    folders = sorted(p for p in corpus(base).glob(pattern) if p.is_dir())
    result, unexpected = run_suite(suite, folders)
    if expected_total is not None:
        assert result.total == expected_total, "the official suite changed size"
    assert not unexpected, "\n".join(unexpected[:50]) + f"\n({len(unexpected)} in all)"
