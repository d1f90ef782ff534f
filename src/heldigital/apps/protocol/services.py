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
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef

from heldigital import ledger
from heldigital.apps.protocol.models import DailyRoot, ProtocolEvent, RefusalTally

__all__ = [
    "ATTEMPTS",
    "REFUSAL_WINDOW",
    "SEALED_SUFFIX",
    "flush_refusals",
    "main_chain",
    "readable_events",
    "record",
    "record_refusal",
    "seal_day",
    "sealed_chain",
    "verify_all",
    "verify_procurement",
    "verify_readable",
]

#: How often :func:`record` tries when another append to the same chain wins.
ATTEMPTS = 5


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


def _lock_chain(procurement_id: str) -> None:
    # One lock per procurement: its main chain and its sealed part are ordered as one.
    if connection.vendor == "postgresql":
        digest = hashlib.sha256(main_chain(procurement_id).encode("utf-8")).digest()
        key = int.from_bytes(digest[:4], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, key])


def _lock(table: str, mode: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN {mode} MODE")


def record(
    *,
    procurement_id: str | int | uuid.UUID,
    type: str,
    actor: str,
    payload: Mapping[str, object],
    now: datetime,
) -> ProtocolEvent:
    """Append an event, dated ``now``, to the protocol of a procurement.

    ``type`` names what happened (e.g. ``"tender.submitted"``), ``actor``
    who did it (e.g. ``"user:42"`` or ``"system"``). ``payload`` is a JSON
    object of text, integers, booleans, null, lists and objects; give
    amounts as text (``str(Decimal)``) and times with
    :func:`heldigital.ledger.format_time`. ``now`` must be timezone-aware.

    Raises :class:`heldigital.ledger.LedgerError` (a ``ValueError``) for
    unacceptable input, for a time before the chain's last event and for a
    time inside an already sealed day.
    """
    pid = _key(procurement_id)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _lock(ProtocolEvent._meta.db_table, "ROW EXCLUSIVE")
                _lock_chain(pid)
                last_sealed = DailyRoot.objects.order_by("-day").values_list("day", flat=True)
                ledger.check_recordable(now, last_sealed.first())
                head = (
                    ProtocolEvent.objects.filter(procurement_id=pid).order_by("-sequence").first()
                )
                event = ledger.next_event(
                    head.to_event() if head is not None else None,
                    procurement_id=pid,
                    type=type,
                    actor=actor,
                    occurred_at=now,
                    payload=payload,
                )
                row = ProtocolEvent.from_event(event)
                row.save()
                return row
        except IntegrityError:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


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
    now: datetime,
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
    start = _window_start(now)
    with transaction.atomic():
        # The chain's lock first, then the tally: refusals of one chain queue here,
        # so the first of a window is decided without a race.
        _lock(ProtocolEvent._meta.db_table, "ROW EXCLUSIVE")
        _lock_chain(pid)
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


def flush_refusals(*, now: datetime, procurement_id: str | None = None) -> int:
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
        with transaction.atomic():
            _lock(ProtocolEvent._meta.db_table, "ROW EXCLUSIVE")
            _lock_chain(chain_id)
            written += _flush(chain_id, before=None, now=now)
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
