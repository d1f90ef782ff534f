"""An in-memory protocol store, for library users, tools and tests.

:class:`MemoryLedger` keeps the same rules as the database-backed store of
the Django app (:mod:`heldigital.apps.protocol`): events are only appended,
each procurement's chain grows one sequence number at a time, time never
goes backwards, and nothing may be recorded inside a day already sealed.

>>> from datetime import UTC, date, datetime
>>> ledger = MemoryLedger()
>>> event = ledger.record(procurement_id="2026-0001", type="procurement.created",
...                       actor="user:1", payload={"title": "Snow clearing"},
...                       now=datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
>>> root = ledger.seal_day(date(2026, 11, 25), now=datetime(2026, 11, 26, 0, 5, tzinfo=UTC))
>>> root.chains, ledger.verify().ok
(1, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from heldigital.ledger.canonical import format_time
from heldigital.ledger.chain import Event, next_event
from heldigital.ledger.errors import LedgerError
from heldigital.ledger.roots import DayRoot, day_end, heads_at, seal
from heldigital.ledger.verification import Verification, verify

__all__ = ["MemoryLedger", "check_recordable", "check_sealable"]


def check_recordable(now: datetime, last_sealed_day: date | None) -> None:
    """Refuse to record at ``now`` when ``now`` falls in a sealed day."""
    format_time(now)  # refuses naive datetimes
    if last_sealed_day is not None and now < day_end(last_sealed_day):
        raise LedgerError(
            f"cannot record at {format_time(now)}: {last_sealed_day} is already sealed"
        )


def check_sealable(day: date, now: datetime) -> None:
    """Refuse to seal a day that has not ended at ``now``."""
    format_time(now)
    if now < day_end(day):
        raise LedgerError(f"cannot seal {day}: the day has not ended (UTC) at {format_time(now)}")


class MemoryLedger:
    """An append-only event store held in memory."""

    def __init__(self) -> None:
        self._events: list[Event] = []
        self._heads: dict[str, Event] = {}
        self._roots: list[DayRoot] = []

    def record(
        self,
        *,
        procurement_id: str,
        type: str,
        actor: str,
        payload: Mapping[str, object],
        now: datetime,
    ) -> Event:
        """Append the next event of a procurement, dated ``now``."""
        check_recordable(now, self._roots[-1].day if self._roots else None)
        event = next_event(
            self._heads.get(procurement_id),
            procurement_id=procurement_id,
            type=type,
            actor=actor,
            occurred_at=now,
            payload=payload,
        )
        self._events.append(event)
        self._heads[procurement_id] = event
        return event

    def events(self, procurement_id: str | None = None) -> tuple[Event, ...]:
        """All events in recording order, or those of one procurement."""
        if procurement_id is None:
            return tuple(self._events)
        return tuple(e for e in self._events if e.procurement_id == procurement_id)

    @property
    def roots(self) -> tuple[DayRoot, ...]:
        """The sealed days, oldest first."""
        return tuple(self._roots)

    def seal_day(self, day: date, *, now: datetime) -> DayRoot:
        """Seal ``day`` (once it has ended); sealing it again returns the same root."""
        for root in self._roots:
            if root.day == day:
                return root
        check_sealable(day, now)
        previous = self._roots[-1] if self._roots else None
        root = seal(day, heads_at(self._events, day_end(day)), previous)
        self._roots.append(root)
        return root

    def verify(self, procurement_id: str | None = None) -> Verification:
        """Verify every chain (or one) against itself and the sealed roots."""
        if procurement_id is None:
            return verify(self._events, self._roots)
        return verify(self.events(procurement_id), self._roots, scope={procurement_id})
