"""Fixtures of the invoicing tests: the exchange's two organisations in the address register."""

from tests.platform.exchange.conftest import on_platform  # noqa: F401
