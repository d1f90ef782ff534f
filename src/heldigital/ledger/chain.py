"""Events of the procurement protocol and the hash chain that links them.

Every procurement has its own chain. An event is the tuple (procurement id,
sequence number, type, actor, time, payload); its *canonical bytes* are the
canonical JSON (:mod:`heldigital.ledger.canonical`, RFC 8785) of the object::

    {"actor": ..., "occurred_at": "YYYY-MM-DDTHH:MM:SS.ffffffZ",
     "payload": {...}, "procurement_id": ..., "sequence": n, "type": ...}

and its hash is ::

    hash(n) = SHA-256( bytes.fromhex(hash(n - 1)) || canonical_bytes(n) )

written as 64 lower-case hex digits, where ``hash(0)`` is :data:`GENESIS`
(64 zeros) and sequence numbers start at 1 and have no gaps. Changing,
removing, inserting or reordering an event therefore changes the hash of
every later event of the same procurement (FIPS 180-4 for SHA-256).

The payload is held as its canonical JSON *text*: that is what is stored and
hashed, so nothing is lost in a round trip through a database.

>>> from datetime import UTC, datetime
>>> first = next_event(None, procurement_id="2026-0001", type="procurement.created",
...                    actor="user:1", payload={"title": "Snow clearing"},
...                    occurred_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
>>> first.sequence, first.prev_hash == GENESIS, first.payload
(1, True, '{"title":"Snow clearing"}')
>>> first.hash == chain_hash(GENESIS, first.canonical())
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from heldigital.ledger.canonical import canonical_json, format_time
from heldigital.ledger.errors import CanonicalError, LedgerError

__all__ = [
    "GENESIS",
    "MAX_ACTOR",
    "MAX_PROCUREMENT_ID",
    "MAX_TYPE",
    "Event",
    "canonical_payload",
    "chain_hash",
    "event_bytes",
    "field_problems",
    "is_hash",
    "new_event",
    "next_event",
]

#: The "previous hash" of the first event of every chain.
GENESIS = "0" * 64
#: Longest procurement id, event type and actor accepted (characters).
MAX_PROCUREMENT_ID = 100
MAX_TYPE = 100
MAX_ACTOR = 200

_HEX = frozenset("0123456789abcdef")


def is_hash(value: object) -> bool:
    """True for a SHA-256 digest written as 64 lower-case hex digits."""
    return isinstance(value, str) and len(value) == 64 and set(value) <= _HEX


def _text_problem(name: str, value: object, limit: int, *, spaces: bool) -> str | None:
    if not isinstance(value, str):
        return f"{name} must be text, not {type(value).__name__}"
    if not value:
        return f"{name} is empty"
    if len(value) > limit:
        return f"{name} is longer than {limit} characters"
    if not value.isprintable() or (not spaces and any(c.isspace() for c in value)):
        return f"{name} {value!r} contains control or white-space characters"
    if value != value.strip():
        return f"{name} {value!r} has leading or trailing white space"
    return None


def canonical_payload(payload: object) -> str:
    """Return the canonical JSON text of a payload (a JSON object).

    >>> canonical_payload({"amount": "1250.00", "currency": "NOK"})
    '{"amount":"1250.00","currency":"NOK"}'
    """
    if not isinstance(payload, Mapping):
        raise CanonicalError(f"payload must be a JSON object (dict), not {type(payload).__name__}")
    return canonical_json(payload, where="payload").decode("utf-8")


def field_problems(
    *,
    procurement_id: object,
    sequence: object,
    type: object,
    actor: object,
    occurred_at: object,
    payload: object,
) -> list[str]:
    """Say what is wrong with the fields of an event, one reason per field.

    ``payload`` is the stored canonical JSON text. An empty list means that
    every field is acceptable and the canonical bytes can be computed.
    """
    problems = [
        problem
        for problem in (
            _text_problem("procurement id", procurement_id, MAX_PROCUREMENT_ID, spaces=True),
            _text_problem("type", type, MAX_TYPE, spaces=False),
            _text_problem("actor", actor, MAX_ACTOR, spaces=True),
        )
        if problem
    ]
    if not isinstance(sequence, int) or isinstance(sequence, bool) or sequence < 1:
        problems.append(f"sequence {sequence!r} is not a whole number from 1 up")
    try:
        format_time(occurred_at)  # type: ignore[arg-type]  # checked inside
    except CanonicalError as exc:
        problems.append(f"occurred_at: {exc}")
    if not isinstance(payload, str):
        problems.append(f"payload must be canonical JSON text, not {type_name(payload)}")
    else:
        try:
            value = json.loads(payload)
        except ValueError as exc:
            problems.append(f"payload is not valid JSON: {exc}")
        else:
            try:
                canonical = canonical_payload(value)
            except CanonicalError as exc:
                problems.append(str(exc))
            else:
                if canonical != payload:
                    problems.append("payload text is not in canonical JSON form (RFC 8785)")
    return problems


def type_name(value: object) -> str:
    """``type(value).__name__`` (for messages)."""
    return type(value).__name__


def event_bytes(
    *,
    procurement_id: str,
    sequence: int,
    type: str,
    actor: str,
    occurred_at: datetime,
    payload: str,
) -> bytes:
    """Return the canonical bytes of an event (see the module docstring)."""
    return canonical_json(
        {
            "actor": actor,
            "occurred_at": format_time(occurred_at),
            "payload": json.loads(payload),
            "procurement_id": procurement_id,
            "sequence": sequence,
            "type": type,
        },
        where="event",
    )


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    """``SHA-256(bytes.fromhex(prev_hash) || canonical)`` as lower-case hex."""
    if not is_hash(prev_hash):
        raise LedgerError(f"previous hash {prev_hash!r} is not 64 lower-case hex digits")
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical).hexdigest()


@dataclass(frozen=True, slots=True)
class Event:
    """One recorded event of a procurement's protocol (immutable).

    ``payload`` is the canonical JSON text of a JSON object; :attr:`data`
    gives it back as Python values. ``prev_hash`` is the hash of the previous
    event of the same procurement (:data:`GENESIS` for the first) and
    ``hash`` the hash of this one.
    """

    procurement_id: str
    sequence: int
    type: str
    actor: str
    occurred_at: datetime
    payload: str
    prev_hash: str
    hash: str

    @property
    def data(self) -> dict[str, Any]:
        """The payload as Python values (a new dict on every call)."""
        value = json.loads(self.payload)
        if not isinstance(value, dict):
            raise LedgerError("payload is not a JSON object")
        return value

    def canonical(self) -> bytes:
        """The canonical bytes of this event (what its hash covers)."""
        return event_bytes(
            procurement_id=self.procurement_id,
            sequence=self.sequence,
            type=self.type,
            actor=self.actor,
            occurred_at=self.occurred_at,
            payload=self.payload,
        )

    def computed_hash(self) -> str:
        """The hash this event should carry given its fields and ``prev_hash``."""
        return chain_hash(self.prev_hash, self.canonical())


def new_event(
    *,
    procurement_id: str,
    sequence: int,
    type: str,
    actor: str,
    occurred_at: datetime,
    payload: Mapping[str, object],
    prev_hash: str,
) -> Event:
    """Build an event with its canonical payload and hash.

    Raises :class:`LedgerError` naming every field that is not acceptable.
    """
    text = canonical_payload(payload)
    problems = field_problems(
        procurement_id=procurement_id,
        sequence=sequence,
        type=type,
        actor=actor,
        occurred_at=occurred_at,
        payload=text,
    )
    if problems:
        raise LedgerError("; ".join(problems))
    canonical = event_bytes(
        procurement_id=procurement_id,
        sequence=sequence,
        type=type,
        actor=actor,
        occurred_at=occurred_at,
        payload=text,
    )
    return Event(
        procurement_id=procurement_id,
        sequence=sequence,
        type=type,
        actor=actor,
        occurred_at=occurred_at,
        payload=text,
        prev_hash=prev_hash,
        hash=chain_hash(prev_hash, canonical),
    )


def next_event(
    previous: Event | None,
    *,
    procurement_id: str,
    type: str,
    actor: str,
    occurred_at: datetime,
    payload: Mapping[str, object],
) -> Event:
    """Build the event that follows ``previous`` (``None`` for the first).

    Refuses an event of another procurement and one dated before
    ``previous``: within a chain, time never goes backwards, so that "the
    chain as of the end of a day" (:mod:`heldigital.ledger.roots`) is a
    prefix of the chain.
    """
    if previous is None:
        return new_event(
            procurement_id=procurement_id,
            sequence=1,
            type=type,
            actor=actor,
            occurred_at=occurred_at,
            payload=payload,
            prev_hash=GENESIS,
        )
    if previous.procurement_id != procurement_id:
        raise LedgerError(
            f"previous event belongs to procurement {previous.procurement_id!r}, "
            f"not {procurement_id!r}"
        )
    try:
        backwards = occurred_at < previous.occurred_at
    except TypeError:
        raise LedgerError("occurred_at must be a timezone-aware datetime") from None
    if backwards:
        raise LedgerError(
            f"time {format_time(occurred_at)} is before the previous event of procurement "
            f"{procurement_id!r} ({format_time(previous.occurred_at)}): the clock went backwards"
        )
    return new_event(
        procurement_id=procurement_id,
        sequence=previous.sequence + 1,
        type=type,
        actor=actor,
        occurred_at=occurred_at,
        payload=payload,
        prev_hash=previous.hash,
    )
