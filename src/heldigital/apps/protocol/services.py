"""Recording, sealing and verifying the procurement protocol in the database.

The rules are those of :mod:`heldigital.ledger`; this module stores them.
Every state change of a procurement that the law wants on record
(Directive 2014/24/EU art. 84 and Annex IV; anskaffelsesforskriften § 7-1) is written
with :func:`record`. :func:`seal_day` seals a finished UTC day into a
:class:`~heldigital.apps.protocol.models.DailyRoot`; :func:`verify_procurement`
and :func:`verify_all` re-check chains and roots and say which event broke.

Concurrency: appends to one chain are serialised. On PostgreSQL each append
first takes a transaction-scoped advisory lock on the procurement id
(``pg_advisory_xact_lock``), then reads the head. Locking the head row with
``SELECT ... FOR UPDATE`` alone is not enough: under READ COMMITTED a
transaction that waited for the lock gets the *old* head back (the row still
matches), not the one inserted meanwhile, and a chain's first event has no
row to lock at all. The unique (procurement_id, sequence) constraint stays
the last line: a collision is retried. On SQLite transactions are
``IMMEDIATE`` (see the settings), so writers queue.
Recording and sealing exclude each other through table locks on PostgreSQL
(``ROW EXCLUSIVE`` against ``SHARE``), so that no event can slip into a day
while it is being sealed.

The sealed part: a procurement's protocol is two hash chains. The main chain,
named by the procurement's reference, holds what the buyer does and may read
at any time. The *sealed part*, ``<reference>/sealed`` (:func:`sealed_chain`),
holds every event that derives from the tenders (started, submitted, changed,
withdrawn, refused attempts naming a tender): its number of events, their
times and contents would tell who tendered, how many and when, so buyer
views leave it out until the tenders are opened (:func:`readable_events`,
:func:`verify_readable`; the callers decide when it is visible). Both chains
are append-only and hash-chained and both are heads of the daily roots; both
take the *same* lock (the main chain's), so the two are ordered as one.

Time is decided by the chain, not by the request. :func:`appending` is a
unit of work under the chain's lock: it takes the lock first, *then* reads
the clock, and keeps the lock until the transaction commits. A service
decides inside it (is the tender on time?) with that time and records with
it, so the decision, the stored times and the event's time are one instant,
and the order of the chain is the order in which the decisions were taken.
A request that waited for the lock gets a later time; none is refused
because another committed first. The time read is never earlier than the
head of either of the procurement's chains or the end of the last sealed
day: when the clock steps back (an NTP correction, a virtual machine
migrated), the event is dated at that floor instead - the chain's time
stands still until the clock has caught up. :func:`appends` wraps a whole service in such a unit.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, F, Model, OuterRef, QuerySet
from django.db.models.sql import InsertQuery, UpdateQuery
from django.utils import timezone

from heldigital import ledger
from heldigital.apps.protocol.models import DailyRoot, ProtocolEvent, RefusalTally

__all__ = [
    "REFUSAL_WINDOW",
    "SEALED_SUFFIX",
    "Clock",
    "When",
    "appending",
    "appends",
    "flush_refusals",
    "fresh_rows",
    "main_chain",
    "read_clock",
    "readable_events",
    "record",
    "record_refusal",
    "save_together",
    "seal_day",
    "seal_due",
    "sealed_chain",
    "verify_all",
    "verify_procurement",
    "verify_readable",
]

#: A source of the current time (``django.utils.timezone.now`` in production).
Clock = Callable[[], datetime]
#: What services take as ``now``: a clock, read at the decisive moment under the
#: chain's lock, or a fixed time (tests, the demo data).
When = datetime | Clock

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass
class _Unit:
    """An open unit of work on one procurement: its time, and what was read under the lock.

    ``heads`` holds the head rows of the procurement's two chains as read when
    the lock was taken; the first append to a chain uses (and drops) its
    entry, so the head is not read twice while the lock is held. Later
    appends to the same chain read it again: an inner savepoint rolled back
    may have undone an append, and the database is then the only truth.
    ``sealed_day`` is the last sealed day; sealing waits for the unit to
    commit (a table lock on PostgreSQL, the write lock on SQLite), so it
    cannot change inside the unit.
    """

    now: datetime
    sealed_day: date | None
    heads: dict[str, ProtocolEvent | None] = field(default_factory=dict)
    fresh: list[tuple[Any, ...]] = field(default_factory=list)


#: The units of work open in this thread (or task): main chain id -> the unit.
_units: ContextVar[dict[str, _Unit] | None] = ContextVar("protocol_units", default=None)


def _key(procurement_id: str | int | uuid.UUID) -> str:
    # The ledger names procurements by text; a UUID or integer primary key
    # is written in its usual text form.
    if isinstance(procurement_id, bool) or not isinstance(procurement_id, str | int | uuid.UUID):
        raise ledger.LedgerError(
            f"procurement id must be text, an integer or a UUID, not "
            f"{type(procurement_id).__name__}"
        )
    return str(procurement_id)


#: The suffix naming a procurement's sealed part (a ``/`` is never in a reference,
#: so the sealed chain cannot be addressed as a procurement of its own in a URL).
SEALED_SUFFIX = "/sealed"


def sealed_chain(procurement_id: str | int | uuid.UUID) -> str:
    """The id of the chain that holds the sealed part of a procurement's protocol."""
    return _key(procurement_id) + SEALED_SUFFIX


def main_chain(chain_id: str) -> str:
    """The procurement a chain belongs to (itself for a main chain)."""
    return chain_id.removesuffix(SEALED_SUFFIX)


#: First key of the advisory locks taken by :func:`record` ("HD" + "pr").
_LOCK_NAMESPACE = 0x48447072


def _lock_key(procurement_id: str) -> int:
    digest = hashlib.sha256(main_chain(procurement_id).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)


def _lock_and_read(
    main: str, fresh: QuerySet[Any] | None
) -> tuple[dict[str, ProtocolEvent | None], date | None, list[tuple[Any, ...]]]:
    """Take the procurement's lock, then read the heads of its two chains, the last
    sealed day and the rows of ``fresh`` (a ``values_list`` query of the caller).

    On PostgreSQL all of it is *one* round trip to the server - every
    other append to the procurement may be waiting for this one to commit,
    and a round trip under the lock costs the time of the query plus the
    wait of the returning thread for the interpreter lock of its process.
    The statements run one after another, so the reads see every commit
    made before the lock was granted (READ COMMITTED takes a snapshot per
    statement). First the events table in ROW EXCLUSIVE mode (the mode an
    insert takes anyway; taken first so that sealing, which needs SHARE,
    and an append always take their locks in the same order), then one
    advisory lock per procurement: its main chain and its sealed part are
    ordered as one. On SQLite the ``IMMEDIATE`` transaction's write lock
    serves instead, and the reads are ordinary queries.
    """
    chains = [main, sealed_chain(main)]
    heads: dict[str, ProtocolEvent | None] = dict.fromkeys(chains)
    if connection.vendor != "postgresql":
        legs = [
            ProtocolEvent.objects.filter(procurement_id=c).order_by("-sequence")[:1] for c in chains
        ]
        for row in (row for leg in legs for row in leg):
            heads[row.procurement_id] = row
        rows = list(fresh) if fresh is not None else []
        return heads, _last_sealed_day(), rows
    events = ProtocolEvent._meta
    quote = connection.ops.quote_name
    table = quote(events.db_table)
    fields = list(events.concrete_fields)
    columns = ", ".join(f"h.{quote(f.column)}" for f in fields)
    # Table and column names from the models' meta, never from input.
    chain_column = quote(events.get_field("procurement_id").column)
    sequence_column = quote(events.get_field("sequence").column)
    leg = (
        f"(SELECT * FROM {table} WHERE {chain_column} = %s "  # noqa: S608
        f"ORDER BY {sequence_column} DESC LIMIT 1)"
    )
    roots = DailyRoot._meta
    statements = [
        f"LOCK TABLE {table} IN ROW EXCLUSIVE MODE",
        "SELECT pg_advisory_xact_lock(%s, %s)",
        f"SELECT {columns}, (SELECT max({quote(roots.get_field('day').column)}) "  # noqa: S608
        f"FROM {quote(roots.db_table)}) FROM (SELECT 1) AS one "
        f"LEFT JOIN ({leg} UNION ALL {leg}) AS h ON true",
    ]
    params: list[Any] = [_LOCK_NAMESPACE, _lock_key(main), *chains]
    if fresh is not None:
        sql, fresh_params = fresh.query.get_compiler(connection.alias).as_sql()
        statements.append(sql)
        params.extend(fresh_params)
    with connection.cursor() as cursor:
        # Several statements in one query: Django's cursor binds the parameters
        # on the client side, so they go to the server as one text; psycopg
        # gives one result per statement.
        cursor.execute("; ".join(statements), params)
        raw = cursor.cursor
        raw.nextset()  # the advisory lock
        raw.nextset()  # the heads
        head_rows = raw.fetchall()
        rows: list[tuple[Any, ...]] = []
        if fresh is not None:
            raw.nextset()
            rows = [tuple(row) for row in raw.fetchall()]
    names = [f.attname for f in fields]
    sealed_day = head_rows[0][-1] if head_rows else None
    for row in head_rows:
        if row[0] is not None:
            event = ProtocolEvent.from_db(connection.alias, names, row[: len(names)])
            heads[event.procurement_id] = event
    return heads, sealed_day, rows


def _lock(table: str, mode: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN {mode} MODE")


def read_clock(now: When) -> datetime:
    """The time ``now`` stands for: a fixed time as it is, a clock read once.

    For decisions that need no ordering against the protocol (an upload
    before the deadline); anything that appends uses :func:`appending`.
    """
    value = now() if callable(now) else now
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise ledger.LedgerError("occurred_at must be a timezone-aware datetime")
    return value


def _last_sealed_day() -> date | None:
    return DailyRoot.objects.order_by("-day").values_list("day", flat=True).first()


def _floor(heads: Mapping[str, ProtocolEvent | None], sealed_day: date | None) -> datetime | None:
    """The earliest time the procurement's chains accept next: the latest of their
    heads' times and the end of the last sealed day."""
    bounds = [head.occurred_at for head in heads.values() if head is not None]
    if sealed_day is not None:
        bounds.append(ledger.day_end(sealed_day))
    return max(bounds) if bounds else None


@contextmanager
def appending(
    procurement_id: str | int | uuid.UUID,
    *,
    clock: When = timezone.now,
    savepoint: bool = True,
    fresh: QuerySet[Any] | None = None,
) -> Iterator[datetime]:
    """A unit of work on one procurement's protocol: ``with appending(pid) as now: ...``.

    Takes the chain's lock (a transaction-scoped advisory lock on
    PostgreSQL; on SQLite the ``IMMEDIATE`` transaction's write lock), then
    reads ``clock`` and yields that time, raised to the chain's floor (its
    head's time, the end of the last sealed day) when the clock stepped
    back. Everything inside is one transaction; the lock is held until it
    commits, so no other append to the chain can come between the decision
    taken inside and its record. :func:`record` inside the block dates its
    event with the block's time. A block for a chain already open in this
    thread joins it (same transaction, same time).

    Keep heavy work (file I/O, decryption) outside: the lock serialises
    the procurement's protocol, and on SQLite every writer.

    Inside a transaction of the caller the block is a savepoint, unless
    ``savepoint=False``: for a caller whose transaction is all or nothing
    (an error inside the block is not caught within it), which saves two
    round trips to the database while the lock is held.

    ``fresh``: a ``values_list`` query whose rows the block needs as they are
    under the lock (a deadline a correction may have moved); on PostgreSQL it
    runs in the same round trip as the lock. Its rows (raw column values, no
    field converters) are given by :func:`fresh_rows`. A block that joins an
    open one runs it as an ordinary query.
    """
    pid = _key(procurement_id)
    scope = main_chain(pid)  # the main chain and its sealed part share one lock and clock
    units = _units.get() or {}
    if scope in units:
        outer = units[scope]
        if fresh is None:
            yield outer.now
            return
        joined = _Unit(outer.now, outer.sealed_day, outer.heads, [tuple(r) for r in fresh])
        token = _units.set({**units, scope: joined})
        try:
            yield outer.now
        finally:
            _units.reset(token)
        return
    with transaction.atomic(savepoint=savepoint):
        heads, sealed_day, rows = _lock_and_read(scope, fresh)
        now = read_clock(clock)
        floor = _floor(heads, sealed_day)
        if floor is not None and now < floor:
            now = floor
        token = _units.set({**units, scope: _Unit(now, sealed_day, heads, rows)})
        try:
            yield now
        finally:
            _units.reset(token)


def fresh_rows(procurement_id: str | int | uuid.UUID) -> list[tuple[Any, ...]]:
    """The rows of the ``fresh`` query of the open :func:`appending` block of a procurement."""
    units = _units.get() or {}
    return units[main_chain(_key(procurement_id))].fresh


def appends(chain_of: Callable[[Any], str]) -> Callable[[_F], _F]:
    """Run a service as one :func:`appending` unit on the chain of its first argument.

    ``chain_of`` gives the ledger id from the service's first positional
    argument (e.g. ``lambda procurement: procurement.reference``). The
    service's ``now`` keyword (a clock or a time) is replaced by the time
    read under the lock, so its decisions, the times it stores and the
    events it records agree.
    """

    def decorate(service: _F) -> _F:
        @functools.wraps(service)
        def run(first: Any, *args: Any, now: When, **kwargs: Any) -> Any:
            with appending(chain_of(first), clock=now) as at:
                return service(first, *args, now=at, **kwargs)

        return run  # type: ignore[return-value]

    return decorate


def record(
    *,
    procurement_id: str | int | uuid.UUID,
    type: str,
    actor: str,
    payload: Mapping[str, object],
    now: When = timezone.now,
    together: list[Model] | None = None,
) -> ProtocolEvent:
    """Append an event to the protocol of a procurement.

    ``type`` names what happened (e.g. ``"tender.submitted"``), ``actor``
    who did it (e.g. ``"user:42"`` or ``"system"``). ``payload`` is a JSON
    object of text, integers, booleans, null, lists and objects; give
    amounts as text (``str(Decimal)``) and times with
    :func:`heldigital.ledger.format_time`.

    Inside an :func:`appending` block for the chain the event gets the
    block's time (``now`` is then ignored); elsewhere it is its own unit:
    the lock is taken, then ``now`` (a clock, or a timezone-aware time) is
    read, never earlier than the chain's head.

    Raises :class:`heldigital.ledger.LedgerError` (a ``ValueError``) for
    unacceptable input.

    ``together`` (inside an :func:`appending` block only): the row is not
    saved here but added to that list, for the caller to write with its own
    rows in one round trip (:func:`save_together`) before the block ends;
    a later append to the chain in the block follows it.
    """
    pid = _key(procurement_id)
    if together is not None and main_chain(pid) not in (_units.get() or {}):
        raise ledger.LedgerError("record(together=...) needs an open appending() block")
    with appending(pid, clock=now) as at:
        unit = (_units.get() or {})[main_chain(pid)]
        ledger.check_recordable(at, unit.sealed_day)
        if pid in unit.heads:
            head = unit.heads.pop(pid)
        else:
            head = ProtocolEvent.objects.filter(procurement_id=pid).order_by("-sequence").first()
        event = ledger.next_event(
            head.to_event() if head is not None else None,
            procurement_id=pid,
            type=type,
            actor=actor,
            occurred_at=at,
            payload=payload,
        )
        row = ProtocolEvent.from_event(event)
        if together is not None:
            together.append(row)
            unit.heads[pid] = row
        else:
            row.save()
        return row


def _insert(row: Model) -> tuple[str, list[Any]]:
    """The ``INSERT ... RETURNING pk`` statement that saving a new ``row`` would send."""
    meta = row._meta
    fields = [f for f in meta.local_concrete_fields if not f.generated]
    if row.pk is None:
        fields = [f for f in fields if f is not meta.auto_field]
    query = InsertQuery(type(row))
    query.insert_values(fields, [row])
    compiler = query.get_compiler(connection.alias)
    compiler.returning_fields = [meta.pk]
    [(sql, params)] = compiler.as_sql()
    return sql, list(params)


def _update(rows: QuerySet[Any], values: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """The ``UPDATE`` statement of ``rows.update(**values)``."""
    query = rows.query.chain(UpdateQuery)
    query.add_update_values(values)
    query.annotations = {}
    sql, params = query.get_compiler(connection.alias).as_sql()
    return sql, list(params)


def save_together(updates: list[tuple[Model, list[str]]], inserts: list[Model]) -> None:
    """Save changed fields of stored rows, then insert new rows: in one round trip on
    PostgreSQL (inside an :func:`appending` block every round trip lengthens the
    time every other append to the procurement waits).

    ``updates``: (row, the fields to save), as ``row.save(update_fields=...)``;
    each must change exactly one row. ``inserts``: new rows, in order (their
    primary keys are filled in). Elsewhere, the same saves one by one.
    """
    if connection.vendor != "postgresql":
        for row, names in updates:
            row.save(update_fields=names)
        for row in inserts:
            row.save()
        return
    statements: list[tuple[str, list[Any]]] = []
    for row, names in updates:
        manager = type(row)._base_manager
        values = {name: getattr(row, row._meta.get_field(name).attname) for name in names}
        statements.append(_update(manager.filter(pk=row.pk), values))
    statements.extend(_insert(row) for row in inserts)
    with connection.cursor() as cursor:
        cursor.execute(
            "; ".join(sql for sql, _ in statements),
            [param for _, params in statements for param in params],
        )
        raw = cursor.cursor
        for index, (row, _names) in enumerate(updates):
            if index:
                raw.nextset()
            if raw.rowcount != 1:
                raise DatabaseError(f"saving {row!r} changed {raw.rowcount} rows, not 1")
        for index, row in enumerate(inserts):
            if index or updates:
                raw.nextset()
            (pk,) = raw.fetchone()
            row.pk = pk
            row._state.adding = False
            row._state.db = connection.alias


#: Refused attempts of one actor, of one type and for one reason are recorded once per
#: window of this length (the first at once), the rest as one aggregate event.
REFUSAL_WINDOW = timedelta(minutes=10)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _window_start(now: datetime) -> datetime:
    return now - ((now - _EPOCH) % REFUSAL_WINDOW)


def _flush(chain_id: str, *, before: datetime | None, now: datetime) -> int:
    """Append the uncounted attempts of ``chain_id``'s tallies (of windows starting
    before ``before``; all with ``None``); the caller holds the chain's lock."""
    tallies = RefusalTally.objects.filter(chain=chain_id, count__gt=F("recorded"))
    if before is not None:
        tallies = tallies.filter(window_start__lt=before)
    written = 0
    for tally in tallies.order_by("window_start", "pk"):
        record(
            procurement_id=chain_id,
            type=tally.type,
            actor=tally.actor,
            payload={
                "reason": tally.reason,
                "attempts": tally.count - tally.recorded,
                "aggregated": True,
                "window_start": ledger.format_time(tally.window_start),
                "window_end": ledger.format_time(tally.window_start + REFUSAL_WINDOW),
                "last_at": ledger.format_time(tally.last_at),
            },
            now=now,
        )
        RefusalTally.objects.filter(pk=tally.pk).update(recorded=tally.count)
        written += 1
    return written


def record_refusal(
    *,
    procurement_id: str | int | uuid.UUID,
    type: str,
    actor: str,
    reason: str,
    payload: Mapping[str, object],
    now: When = timezone.now,
) -> ProtocolEvent | None:
    """Record a refused attempt, rate-limited and aggregated.

    The first refusal of ``actor`` of this ``type`` and ``reason`` in a
    :data:`REFUSAL_WINDOW` is appended at once (``attempts: 1``, with
    ``payload``); further ones in the window are only counted, and appended
    as one event with their number (``attempts``, ``aggregated: true``) when
    the window is flushed: by the next refusal in the chain after the window,
    by :func:`flush_refusals` (the worker, and the opening of the tenders).
    So an attacker cannot flood a protocol, and no attempt goes unrecorded.
    Returns the event appended now, if any.
    """
    pid = _key(procurement_id)
    # The chain's lock first (and the time read under it), then the tally:
    # refusals of one chain queue here, so the first of a window is decided
    # without a race.
    with appending(pid, clock=now) as now:
        start = _window_start(now)
        _flush(pid, before=start, now=now)
        key = {"chain": pid, "actor": actor, "type": type, "reason": reason, "window_start": start}
        tally = RefusalTally.objects.filter(**key).first()
        if tally is not None:
            RefusalTally.objects.filter(pk=tally.pk).update(count=F("count") + 1, last_at=now)
            return None
        RefusalTally.objects.create(**key, first_at=now, last_at=now, count=1, recorded=1)
        return record(
            procurement_id=pid,
            type=type,
            actor=actor,
            payload={**payload, "reason": reason, "attempts": 1},
            now=now,
        )


def flush_refusals(*, now: When = timezone.now, procurement_id: str | None = None) -> int:
    """Append every counted but unrecorded refusal (of one procurement's chains, or of all).

    Windows still open are flushed too; their later attempts are counted
    again from here. Returns the number of aggregate events appended.
    """
    chains = RefusalTally.objects.filter(count__gt=F("recorded"))
    if procurement_id is not None:
        pid = main_chain(_key(procurement_id))
        chains = chains.filter(chain__in=[pid, sealed_chain(pid)])
    written = 0
    for chain_id in sorted(set(chains.values_list("chain", flat=True))):
        with appending(chain_id, clock=now) as at:
            written += _flush(chain_id, before=None, now=at)
    return written


def _events(procurement_id: str | None = None) -> Iterator[ledger.Event]:
    rows = ProtocolEvent.objects.order_by("procurement_id", "sequence")
    if procurement_id is not None:
        rows = rows.filter(procurement_id=procurement_id)
    for row in rows.iterator(chunk_size=2000):
        yield row.to_event()


def _roots() -> tuple[list[ledger.DayRoot], list[ledger.Problem]]:
    roots: list[ledger.DayRoot] = []
    problems: list[ledger.Problem] = []
    for row in DailyRoot.objects.order_by("day"):
        try:
            roots.append(row.to_root())
        except ledger.LedgerError as exc:
            problems.append(ledger.Problem(str(exc), day=row.day))
    return roots, problems


def _with(extra: list[ledger.Problem], result: ledger.Verification) -> ledger.Verification:
    if not extra:
        return result
    return ledger.Verification(
        (*extra, *result.problems), result.events, result.chains, result.roots + len(extra)
    )


def _chain_events(chain_ids: list[str]) -> Iterator[ledger.Event]:
    rows = ProtocolEvent.objects.filter(procurement_id__in=chain_ids).order_by(
        "procurement_id", "sequence"
    )
    for row in rows.iterator(chunk_size=2000):
        yield row.to_event()


def verify_procurement(procurement_id: str | int | uuid.UUID) -> ledger.Verification:
    """Verify one procurement's chains (main and sealed part) and their heads in the
    sealed daily roots.

    Also reports any problem of the daily root records themselves.
    """
    pid = main_chain(_key(procurement_id))
    chains = [pid, sealed_chain(pid)]
    roots, problems = _roots()
    return _with(problems, ledger.verify(_chain_events(chains), roots, scope=set(chains)))


def verify_readable(procurement_id: str | int | uuid.UUID, *, sealed: bool) -> ledger.Verification:
    """The verification a reader of the protocol is shown.

    With ``sealed`` (after opening) it is :func:`verify_procurement`. Without,
    the main chain is verified in full, and the sealed part too, but a
    problem there is reported as one problem naming no event, and its events
    are not counted: neither may tell how many tenders there are.
    """
    pid = main_chain(_key(procurement_id))
    if sealed:
        return verify_procurement(pid)
    roots, problems = _roots()
    main = _with(problems, ledger.verify(_chain_events([pid]), roots, scope={pid}))
    hidden = sealed_chain(pid)
    part = ledger.verify(_chain_events([hidden]), roots, scope={hidden})
    if part.ok:
        return main
    withheld = ledger.Problem(
        "the sealed part of the protocol does not verify (the details are shown after opening)",
        procurement_id=pid,
    )
    return ledger.Verification((*main.problems, withheld), main.events, main.chains, main.roots)


def readable_events(procurement_id: str | int | uuid.UUID, *, sealed: bool) -> list[ProtocolEvent]:
    """A procurement's protocol events as a reader sees them, oldest first.

    The main chain, and with ``sealed`` (after opening) the sealed part
    merged in by time and order of appending (the two chains share one lock,
    so they are ordered as one).
    """
    pid = main_chain(_key(procurement_id))
    chains = [pid, sealed_chain(pid)] if sealed else [pid]
    events = list(ProtocolEvent.objects.filter(procurement_id__in=chains))
    # Ties (one lock, one clock reading) are broken by the order of appending.
    events.sort(key=lambda e: (e.occurred_at, e.pk))
    return events


def verify_all() -> ledger.Verification:
    """Verify every chain and every sealed daily root."""
    roots, problems = _roots()
    return _with(problems, ledger.verify(_events(), roots))


def _heads_at(end: datetime) -> list[ledger.Head]:
    before = ProtocolEvent.objects.filter(occurred_at__lt=end)
    later = before.filter(
        procurement_id=OuterRef("procurement_id"), sequence__gt=OuterRef("sequence")
    )
    rows = before.exclude(Exists(later)).values_list("procurement_id", "sequence", "hash")
    return [ledger.Head(pid, sequence, digest) for pid, sequence, digest in rows]


def seal_day(day: date, now: datetime) -> DailyRoot:
    """Seal a finished UTC day: store its root over all chain heads at its end.

    Sealing the same day again returns the stored root. Refused (with
    :class:`heldigital.ledger.LedgerError`) for a day that has not ended at
    ``now``, a day before the last sealed one, and when a chain that
    changed since the last sealed day does not verify: a broken chain is
    never sealed.
    """
    ledger.check_sealable(day, now)
    with transaction.atomic():
        _lock(ProtocolEvent._meta.db_table, "SHARE")
        _lock(DailyRoot._meta.db_table, "SHARE ROW EXCLUSIVE")
        existing = DailyRoot.objects.filter(day=day).first()
        if existing is not None:
            return existing
        latest = DailyRoot.objects.order_by("-day").first()
        previous = latest.to_root() if latest is not None else None
        if previous is not None and previous.day > day:
            raise ledger.LedgerError(f"cannot seal {day}: {previous.day} is already sealed")
        end = ledger.day_end(day)
        changed = ProtocolEvent.objects.filter(occurred_at__lt=end)
        if previous is not None:
            changed = changed.filter(occurred_at__gte=ledger.day_end(previous.day))
        ids = sorted(set(changed.values_list("procurement_id", flat=True)))
        rows = ProtocolEvent.objects.filter(procurement_id__in=ids).order_by(
            "procurement_id", "sequence"
        )
        check = ledger.verify(row.to_event() for row in rows.iterator(chunk_size=2000))
        if not check.ok:
            raise ledger.LedgerError(
                f"refusing to seal {day}: {len(check.problems)} problem(s) in the protocol, "
                f"first: {check.problems[0]}"
            )
        root = ledger.seal(day, _heads_at(end), previous)
        row = DailyRoot.from_root(root, sealed_at=now)
        row.save()
        return row


def seal_due(now: datetime) -> list[DailyRoot]:
    """Seal every UTC day that has ended at ``now`` and is not sealed yet, oldest first.

    The days run from the day after the last sealed one (or from the day of
    the first event ever recorded) to yesterday, empty days included, so
    that the published roots form an unbroken daily series. Idempotent: a
    second call finds nothing due. Safe to run concurrently (two workers):
    :func:`seal_day` serialises sealers and answers a day sealed meanwhile
    with the stored root. Returns the roots of the days it went through.
    Raises :class:`heldigital.ledger.LedgerError` when a day cannot be
    sealed (a chain that changed does not verify); earlier days stay sealed.

    The same days are sealed hourly by the worker's ``seal-days`` job.
    """
    today = ledger.day_of(now)
    last = DailyRoot.objects.order_by("-day").values_list("day", flat=True).first()
    if last is not None:
        day = last + timedelta(days=1)
    else:
        first = (
            ProtocolEvent.objects.order_by("occurred_at")
            .values_list("occurred_at", flat=True)
            .first()
        )
        if first is None:
            return []
        day = ledger.day_of(first)
    sealed = []
    while day < today:
        sealed.append(seal_day(day, now))
        day += timedelta(days=1)
    return sealed
