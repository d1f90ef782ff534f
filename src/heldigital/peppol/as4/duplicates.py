"""Duplicate elimination by MessageId (ebMS 3 / AS4 reception awareness).

A sender retries with the same MessageId until it has a receipt, so the same
message can arrive twice. :class:`DuplicateStore` is the interface the
receiver gives :func:`heldigital.peppol.as4.open_message`: ``add`` records a
MessageId and says whether it was new, atomically (two concurrent copies of
one message: exactly one ``add`` returns ``True``). The access point backs it
with a unique constraint in its database, in the same transaction that stores
the document; :class:`MemoryDuplicateStore` is the in-process version (tests,
the CLI) with an optional retention window.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Protocol

__all__ = ["DuplicateStore", "MemoryDuplicateStore"]


class DuplicateStore(Protocol):
    def add(self, message_id: str, received_at: datetime) -> bool:
        """Record ``message_id``; ``True`` when it was not there before."""
        ...


class MemoryDuplicateStore:
    """MessageIds in memory, forgotten after ``retention`` (default: never)."""

    def __init__(self, retention: timedelta | None = None) -> None:
        self._seen: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self._retention = retention

    def add(self, message_id: str, received_at: datetime) -> bool:
        with self._lock:
            if self._retention is not None:
                horizon = received_at - self._retention
                for old in [m for m, t in self._seen.items() if t < horizon]:
                    del self._seen[old]
            if message_id in self._seen:
                return False
            self._seen[message_id] = received_at
            return True

    def __len__(self) -> int:
        return len(self._seen)
