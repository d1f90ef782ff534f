"""The one exception family of :mod:`heldigital.ledger`."""

from __future__ import annotations

__all__ = ["CanonicalError", "LedgerError"]


class LedgerError(ValueError):
    """Input the ledger cannot accept (a bad field, a time going backwards ...)."""


class CanonicalError(LedgerError):
    """A value has no canonical JSON form under the rules of the ledger."""
