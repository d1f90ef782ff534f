"""Fixtures of the PEPPOL library tests: one test PKI per session (RSA keys are slow to make)."""

from __future__ import annotations

import pytest

from tests.lib.peppol.pki import PKI, make_pki


@pytest.fixture(scope="session")
def pki() -> PKI:
    return make_pki()


@pytest.fixture(scope="session")
def other_pki() -> PKI:
    """A second, unrelated PKI: its root must not be trusted for the first one's certificates."""
    return make_pki()
