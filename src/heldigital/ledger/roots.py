"""Daily roots: one hash per UTC day that commits to the whole ledger so far.

At the end of each UTC day the *head* of every chain - the last event of a
procurement recorded before midnight UTC, named by procurement id, sequence
and hash - becomes one leaf of a Merkle tree (RFC 6962 §2.1, see
:mod:`heldigital.ledger.merkle`). The leaf data is the canonical JSON
``{"hash": ..., "procurement_id": ..., "sequence": n}``; leaves are sorted by
procurement id in Unicode code point order (which is UTF-8 byte order).

The day's root then commits to that Merkle root *and to the previous day's
root*::

    root(day) = SHA-256( canonical_json({"chains": n, "day": "YYYY-MM-DD",
                                         "merkle_root": hex, "previous_root": hex}) )

with :data:`~heldigital.ledger.chain.GENESIS` as the previous root of the
first sealed day. Days may be skipped (nothing is lost: a day's heads cover
every event before its end), but a day can only be sealed after the last
sealed one. Publishing one root (on a web page, in a newspaper, with a
timestamping authority) thus fixes every event recorded before the end of
that day: changing any of them changes the root.

Because a root is computed from the chain heads *as of the end of the day*,
no event may be recorded with a time inside an already sealed day; the
stores (:class:`~heldigital.ledger.memory.MemoryLedger`, the Django
protocol app) refuse such events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from heldigital.ledger.canonical import canonical_json, format_time
from heldigital.ledger.chain import GENESIS, Event
from heldigital.ledger.errors import LedgerError
from heldigital.ledger.merkle import inclusion_proof, merkle_root

__all__ = [
    "DayRoot",
    "Head",
    "day_end",
    "day_of",
    "day_root_hash",
    "heads_at",
    "heads_merkle_root",
    "seal",
]


@dataclass(frozen=True, slots=True, order=True)
class Head:
    """The last event of one procurement's chain at some instant."""

    procurement_id: str
    sequence: int
    hash: str

    def leaf(self) -> bytes:
        """The Merkle leaf data: canonical JSON of the three fields."""
        return canonical_json(
            {"hash": self.hash, "procurement_id": self.procurement_id, "sequence": self.sequence},
            where="head",
        )

    @classmethod
    def of(cls, event: Event) -> Head:
        """The head that ``event`` is when it is the last of its chain."""
        return cls(event.procurement_id, event.sequence, event.hash)


@dataclass(frozen=True, slots=True)
class DayRoot:
    """The sealed root of one UTC day, with the heads it was computed from."""

    day: date
    root: str
    previous_root: str
    merkle_root: str
    heads: tuple[Head, ...]
    #: How many procurement chains the root covers (the number of heads).
    chains: int

    def proof(self, procurement_id: str) -> tuple[Head, int, list[bytes]]:
        """The head of a procurement with its leaf index and inclusion proof.

        With these and :attr:`merkle_root` anyone can check (RFC 6962
        §2.1.1) that the procurement's chain, up to that head, is part of
        the published root.
        """
        for index, head in enumerate(self.heads):
            if head.procurement_id == procurement_id:
                return head, index, inclusion_proof([h.leaf() for h in self.heads], index)
        raise LedgerError(f"procurement {procurement_id!r} is not in the root of {self.day}")


def day_end(day: date) -> datetime:
    """The instant a UTC day ends: the next midnight, UTC (exclusive bound)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=UTC)


def day_of(moment: datetime) -> date:
    """The UTC day an aware instant falls on."""
    format_time(moment)  # refuses naive datetimes
    return moment.astimezone(UTC).date()


def heads_merkle_root(heads: Sequence[Head]) -> str:
    """The RFC 6962 Merkle root over the heads, sorted by procurement id."""
    ordered = sorted(heads, key=lambda head: head.procurement_id)
    ids = [head.procurement_id for head in ordered]
    if len(set(ids)) != len(ids):
        raise LedgerError("two heads name the same procurement")
    return merkle_root([head.leaf() for head in ordered]).hex()


def day_root_hash(day: date, previous_root: str, merkle_root_hex: str, chains: int) -> str:
    """``root(day)`` as defined in the module docstring."""
    record = {
        "chains": chains,
        "day": day.isoformat(),
        "merkle_root": merkle_root_hex,
        "previous_root": previous_root,
    }
    return hashlib.sha256(canonical_json(record, where="day root")).hexdigest()


def heads_at(events: Iterable[Event], end: datetime) -> list[Head]:
    """The head of every chain among ``events`` recorded before ``end``.

    Events of one procurement must come in recording order; procurements
    may be interleaved. Sorted by procurement id.
    """
    heads: dict[str, Head] = {}
    for event in events:
        if event.occurred_at < end:
            heads[event.procurement_id] = Head.of(event)
    return sorted(heads.values(), key=lambda head: head.procurement_id)


def seal(day: date, heads: Iterable[Head], previous: DayRoot | None) -> DayRoot:
    """Compute the root of ``day`` from the chain heads at its end.

    ``previous`` is the last sealed root before ``day`` (``None`` when there
    is none); sealing a day at or before it is refused.
    """
    if previous is not None and day <= previous.day:
        raise LedgerError(f"cannot seal {day}: {previous.day} is already sealed")
    ordered = tuple(sorted(heads, key=lambda head: head.procurement_id))
    mroot = heads_merkle_root(ordered)
    previous_root = previous.root if previous is not None else GENESIS
    return DayRoot(
        day=day,
        root=day_root_hash(day, previous_root, mroot, len(ordered)),
        previous_root=previous_root,
        merkle_root=mroot,
        heads=ordered,
        chains=len(ordered),
    )
