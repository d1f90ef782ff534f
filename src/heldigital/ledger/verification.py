"""Verification of chains and daily roots, with problems located precisely.

:func:`verify` walks the events once. For every procurement it checks, event
by event, that

* every field is acceptable and the payload text is canonical;
* the sequence number is the previous one plus one (1 for the first):
  a gap means a deleted event, a repeat or step back an inserted or
  reordered one;
* ``prev_hash`` is the stored hash of the previous event (:data:`GENESIS`
  for the first);
* ``hash`` is the SHA-256 chain hash of the event's canonical bytes
  (:mod:`heldigital.ledger.chain`): anything else means a changed event;
* time does not go backwards.

The chain alone cannot show that its *last* events were removed, or that the
whole chain was rewritten consistently. Given the sealed daily roots
(:mod:`heldigital.ledger.roots`), :func:`verify` also re-computes each day's
chain heads from the events and compares them with the heads sealed in the
roots, and checks every root record against its own hash and its
predecessor's (:func:`verify_roots` does only this part).

Problems are reported, never raised: a :class:`Verification` lists each one
with the procurement, sequence number, event type and position it concerns.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from heldigital.ledger.chain import GENESIS, Event, field_problems, is_hash
from heldigital.ledger.errors import LedgerError
from heldigital.ledger.roots import DayRoot, Head, day_end, day_root_hash, heads_merkle_root

__all__ = ["Problem", "Verification", "verify", "verify_roots"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing found wrong, and where.

    ``index`` is the position of the event in the sequence given to
    :func:`verify` (0-based); ``day`` is set for problems with a daily root.
    """

    reason: str
    procurement_id: str | None = None
    sequence: int | None = None
    event_type: str | None = None
    index: int | None = None
    day: date | None = None

    def __str__(self) -> str:
        where = []
        if self.day is not None:
            where.append(f"root of {self.day.isoformat()}")
        if self.procurement_id is not None:
            where.append(f"procurement {self.procurement_id}")
        if self.sequence is not None:
            event = f"event {self.sequence}"
            where.append(f"{event} ({self.event_type})" if self.event_type else event)
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of a verification: ``ok`` when no problem was found."""

    problems: tuple[Problem, ...] = ()
    events: int = 0
    chains: int = 0
    roots: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing was found wrong."""
        return not self.problems


@dataclass(slots=True)
class _Chain:
    last_sequence: int = 0
    last_hash: str = GENESIS
    last_time: datetime | None = None
    head: Head | None = None
    head_type: str | None = None
    day_index: int = 0
    recorded: Head | None = None


@dataclass(slots=True)
class _Days:
    """The heads of every chain as of the end of each sealed day."""

    ends: list[datetime]
    changes: list[dict[str, Head]] = field(default_factory=list)
    types: dict[tuple[str, int], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.changes = [{} for _ in self.ends]

    def advance(self, pid: str, chain: _Chain, until: datetime | None) -> None:
        while chain.day_index < len(self.ends):
            if until is not None and until < self.ends[chain.day_index]:
                return
            if chain.head is not None and chain.head != chain.recorded:
                self.changes[chain.day_index][pid] = chain.head
                if chain.head_type is not None:
                    self.types[(pid, chain.head.sequence)] = chain.head_type
                chain.recorded = chain.head
            if until is None:  # the remaining days carry this head forward
                return
            chain.day_index += 1


def _label(value: object) -> str:
    return value if isinstance(value, str) else repr(value)


def _check_event(event: Event, index: int, chain: _Chain) -> list[Problem]:
    pid = _label(event.procurement_id)
    sequence = event.sequence if isinstance(event.sequence, int) else None
    etype = event.type if isinstance(event.type, str) else None

    def problem(reason: str) -> Problem:
        return Problem(reason, pid, sequence, etype, index)

    found: list[Problem] = []
    reasons = field_problems(
        procurement_id=event.procurement_id,
        sequence=event.sequence,
        type=event.type,
        actor=event.actor,
        occurred_at=event.occurred_at,
        payload=event.payload,
    )
    found.extend(problem(reason) for reason in reasons)

    expected = chain.last_sequence + 1
    if sequence is not None and sequence != expected:
        if sequence > expected:
            missing = (
                f"event {expected} is"
                if sequence == expected + 1
                else f"events {expected}..{sequence - 1} are"
            )
            found.append(problem(f"sequence {sequence} follows {expected - 1}: {missing} missing"))
        else:
            found.append(
                problem(
                    f"sequence {sequence} follows {expected - 1}: "
                    "an event was inserted, duplicated or moved"
                )
            )
    if event.prev_hash != chain.last_hash:
        if chain.last_sequence == 0:
            found.append(problem("prev_hash of the first event is not the genesis hash"))
        else:
            found.append(
                problem(
                    f"prev_hash does not match the hash of the event before it "
                    f"(sequence {chain.last_sequence}): the chain is broken here"
                )
            )
    if not is_hash(event.hash):
        found.append(problem("hash is not 64 lower-case hex digits"))
    elif not reasons and is_hash(event.prev_hash):
        if event.computed_hash() != event.hash:
            found.append(problem("hash does not match the event's contents: the event was changed"))
    elif not is_hash(event.prev_hash):
        found.append(problem("prev_hash is not 64 lower-case hex digits"))
    if (
        isinstance(event.occurred_at, datetime)
        and event.occurred_at.tzinfo is not None
        and chain.last_time is not None
        and event.occurred_at < chain.last_time
    ):
        found.append(problem("recorded at a time before the event before it: time went backwards"))
    return found


def _check_root_records(roots: Sequence[DayRoot]) -> list[Problem]:
    found: list[Problem] = []
    previous_root = GENESIS
    previous_day: date | None = None
    for root in roots:

        def problem(reason: str, root: DayRoot = root) -> Problem:
            return Problem(reason, day=root.day)

        if previous_day is not None and root.day <= previous_day:
            found.append(problem(f"roots out of order: {root.day} comes after {previous_day}"))
        if root.previous_root != previous_root:
            if previous_day is None:
                found.append(
                    problem("previous_root of the first sealed day is not the genesis hash")
                )
            else:
                found.append(
                    problem(
                        f"previous_root does not match the root of {previous_day}: "
                        "a sealed day was changed, removed or inserted"
                    )
                )
        try:
            mroot = heads_merkle_root(root.heads)
        except LedgerError as exc:
            found.append(problem(f"sealed heads are not valid: {exc}"))
        else:
            if mroot != root.merkle_root:
                found.append(
                    problem("merkle_root does not match the sealed heads: the record was changed")
                )
        if root.chains != len(root.heads):
            found.append(problem(f"says {root.chains} chains but seals {len(root.heads)} heads"))
        try:
            expected = day_root_hash(root.day, root.previous_root, root.merkle_root, root.chains)
        except LedgerError as exc:
            found.append(problem(f"root record is not valid: {exc}"))
        else:
            if expected != root.root:
                found.append(
                    problem("root does not match the day's record: the record was changed")
                )
        previous_root, previous_day = root.root, root.day
    return found


def _compare_heads(
    roots: Sequence[DayRoot], days: _Days, scope: Collection[str] | None
) -> list[Problem]:
    found: list[Problem] = []
    current: dict[str, Head] = {}
    reported: dict[str, tuple[Head | None, Head | None]] = {}
    for root, changes in zip(roots, days.changes, strict=True):
        current.update(changes)
        stored = {head.procurement_id: head for head in root.heads}
        ids = set(current) | set(stored)
        if scope is not None:
            ids &= set(scope)
        for pid in sorted(ids):
            got, want = current.get(pid), stored.get(pid)
            if got == want or reported.get(pid) == (got, want):
                continue
            reported[pid] = (got, want)
            day = root.day.isoformat()
            if want is None:
                assert got is not None
                sequence = got.sequence
                reason = (
                    f"events up to sequence {got.sequence} are dated before the end of {day}, "
                    "but the chain is not in that day's sealed root: inserted or back-dated"
                )
            elif got is None:
                sequence = want.sequence
                reason = (
                    f"the root of {day} seals this chain up to sequence {want.sequence}, "
                    "but no such events exist now: deleted or re-dated"
                )
            elif got.sequence != want.sequence:
                sequence = max(got.sequence, want.sequence)
                change = "deleted" if got.sequence < want.sequence else "inserted or back-dated"
                reason = (
                    f"the root of {day} seals this chain up to sequence {want.sequence}, but "
                    f"the events before the end of that day end at sequence {got.sequence}: "
                    f"events {change}"
                )
            else:
                sequence = want.sequence
                reason = (
                    f"hash of this event differs from the hash sealed in the root of {day}: "
                    "the event (or its chain) was rewritten"
                )
            found.append(
                Problem(reason, pid, sequence, days.types.get((pid, sequence)), day=root.day)
            )
    return found


def _run(
    events: Iterable[Event],
    roots: Sequence[DayRoot],
    scope: Collection[str] | None,
    *,
    check_chains: bool,
) -> Verification:
    given = list(roots)
    ordered = sorted(given, key=lambda root: root.day)
    days = _Days([day_end(root.day) for root in ordered])
    chains: dict[str, _Chain] = {}
    found: list[Problem] = []
    count = 0
    for index, event in enumerate(events):
        count += 1
        pid = _label(event.procurement_id)
        if scope is not None and pid not in scope:
            raise LedgerError(f"event of procurement {pid!r} is outside the verified scope")
        chain = chains.setdefault(pid, _Chain())
        timed = isinstance(event.occurred_at, datetime) and event.occurred_at.tzinfo is not None
        if timed:
            days.advance(pid, chain, event.occurred_at)
        if check_chains:
            found.extend(_check_event(event, index, chain))
        if isinstance(event.sequence, int):
            chain.last_sequence = event.sequence
        else:
            chain.last_sequence += 1
        chain.last_hash = event.hash
        if timed:
            chain.last_time = event.occurred_at
        chain.head = Head(pid, chain.last_sequence, event.hash)
        chain.head_type = _label(event.type)
    for pid, chain in chains.items():
        days.advance(pid, chain, None)
    if ordered:
        found.extend(_check_root_records(given))
        found.extend(_compare_heads(ordered, days, scope))
    return Verification(tuple(found), events=count, chains=len(chains), roots=len(given))


def verify(
    events: Iterable[Event],
    roots: Sequence[DayRoot] = (),
    *,
    scope: Collection[str] | None = None,
) -> Verification:
    """Verify event chains and, when given, the sealed daily roots.

    ``events`` must list each procurement's events in recording order
    (procurements may be interleaved). ``roots`` are the sealed days in
    order. With ``scope`` (a set of procurement ids) only those chains are
    compared with the roots - the events must then be exactly those chains'
    events; without it the events must be the whole ledger.

    >>> from datetime import UTC, datetime
    >>> from heldigital.ledger.chain import next_event
    >>> t = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    >>> e1 = next_event(None, procurement_id="P1", type="a", actor="x", occurred_at=t, payload={})
    >>> e2 = next_event(e1, procurement_id="P1", type="b", actor="x", occurred_at=t, payload={})
    >>> verify([e1, e2]).ok
    True
    >>> result = verify([e2])
    >>> result.ok, str(result.problems[0])
    (False, 'procurement P1, event 2 (b): sequence 2 follows 0: event 1 is missing')
    """
    return _run(events, roots, scope, check_chains=True)


def verify_roots(
    events: Iterable[Event],
    roots: Sequence[DayRoot],
    *,
    scope: Collection[str] | None = None,
) -> Verification:
    """Re-compute the daily roots from ``events`` and compare with ``roots``.

    Checks each root record against its own hash and its predecessor's, and
    each chain head as of the end of each sealed day against the sealed
    head. The event-by-event chain checks are :func:`verify`'s.
    """
    return _run(events, roots, scope, check_chains=False)
