"""Canonical JSON: one byte string per value, so that a hash means one thing.

The ledger hashes events, and a hash is only meaningful if every party turns
the same event into the same bytes. The canonical form used here is the JSON
Canonicalization Scheme (JCS), RFC 8785
(https://www.rfc-editor.org/rfc/rfc8785), restricted to the value types the
protocol allows:

* ``str`` - any Unicode text without lone surrogates (RFC 8785 §3.2.2.2 and
  I-JSON, RFC 7493 §2.1). Serialised as in ECMAScript ``JSON.stringify``:
  ``"`` and ``\\`` are escaped, the control characters U+0000..U+001F are
  written ``\\b \\t \\n \\f \\r`` or ``\\u00xx`` (lower-case hex), every
  other character is written as itself in UTF-8.
* ``int`` - integers in the I-JSON safe range -(2**53-1) .. 2**53-1
  (RFC 7493 §2.2), written as plain decimal digits, which is what RFC 8785
  §3.2.2.3 produces for them. Floats are refused: money is
  :class:`~decimal.Decimal` and is stored as text.
* ``True``, ``False``, ``None`` - ``true``, ``false``, ``null``.
* ``list`` - ``[`` items separated by ``,`` ``]``.
* ``dict`` with ``str`` keys - ``{`` members ``"key":value`` separated by
  ``,`` ``}``, keys sorted by their UTF-16 code units (RFC 8785 §3.2.3).

No insignificant whitespace; the output is UTF-8 without a byte order mark.

Other types are refused with :class:`~heldigital.ledger.errors.CanonicalError`
rather than guessed at. The documented conversions, done by the caller, are:

* :class:`~decimal.Decimal` -> ``str(value)`` of the value as it should be
  read, e.g. ``str(amount.quantize(Decimal("0.01"), ROUND_HALF_UP))``;
* :class:`~datetime.datetime` -> :func:`format_time` (UTC, ``Z``,
  microseconds).

>>> canonical_json({"b": [1, True, None], "a": "Blåbær"}).decode()
'{"a":"Blåbær","b":[1,true,null]}'
>>> canonical_json({"\\u20ac": 1, "\\r": 2, "1": 3}).decode()
'{"\\\\r":2,"1":3,"€":1}'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TypeAlias

from heldigital.ledger.errors import CanonicalError

__all__ = [
    "MAX_DEPTH",
    "MAX_SAFE_INTEGER",
    "CanonicalError",
    "JSONValue",
    "canonical_json",
    "format_time",
    "parse_time",
]

#: A JSON value of the kinds the ledger accepts.
JSONValue: TypeAlias = str | int | bool | list["JSONValue"] | dict[str, "JSONValue"] | None

#: Largest integer that every JSON implementation reads exactly (RFC 7493 §2.2).
MAX_SAFE_INTEGER = 2**53 - 1
#: Deepest nesting of lists and objects accepted in a payload.
MAX_DEPTH = 64

_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')
_SURROGATE = re.compile("[\ud800-\udfff]")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(value: str, where: str) -> str:
    if _SURROGATE.search(value):
        raise CanonicalError(f"{where}: text contains a lone surrogate (not allowed by I-JSON)")
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def _utf16_key(key: str) -> bytes:
    # Big-endian UTF-16 bytes compare exactly like the code-unit sequence.
    return key.encode("utf-16-be", "surrogatepass")


def _write(value: object, out: list[str], where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise CanonicalError(f"{where}: nested deeper than {MAX_DEPTH} levels")
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value, where))
    elif isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise CanonicalError(
                f"{where}: integer {value} is outside ±(2**53-1); store it as text"
            )
        out.append(str(int(value)))
    elif isinstance(value, list):
        out.append("[")
        for position, item in enumerate(value):
            if position:
                out.append(",")
            _write(item, out, f"{where}[{position}]", depth + 1)
        out.append("]")
    elif isinstance(value, Mapping):
        for key in value:
            if not isinstance(key, str):
                raise CanonicalError(
                    f"{where}: object key {key!r} is a {type(key).__name__}, keys must be text"
                )
        out.append("{")
        for position, key in enumerate(sorted(value, key=_utf16_key)):
            if position:
                out.append(",")
            out.append(_string(key, where))
            out.append(":")
            _write(value[key], out, f"{where}.{key}", depth + 1)
        out.append("}")
    else:
        hint = {
            "float": "use Decimal converted to text",
            "Decimal": "convert it with str()",
            "datetime": "convert it with heldigital.ledger.format_time()",
            "tuple": "use a list",
        }.get(type(value).__name__, "allowed are str, int, bool, None, list and dict")
        raise CanonicalError(f"{where}: a {type(value).__name__} has no canonical form ({hint})")


def canonical_json(value: object, *, where: str = "value") -> bytes:
    """Return the canonical JSON bytes of ``value`` (RFC 8785 on our types).

    ``where`` names the value in error messages (e.g. ``"payload"``).
    Raises :class:`CanonicalError` for types and values without a
    canonical form.
    """
    out: list[str] = []
    _write(value, out, where, 0)
    return "".join(out).encode("utf-8")


def format_time(moment: datetime) -> str:
    """Return ``moment`` in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.

    An ISO 8601 / RFC 3339 timestamp with exactly six fractional digits, so
    that one instant has one text. Naive datetimes are refused: the ledger
    never guesses a time zone.

    >>> from datetime import timedelta, timezone
    >>> oslo = timezone(timedelta(hours=1))
    >>> format_time(datetime(2026, 11, 25, 14, 30, tzinfo=oslo))
    '2026-11-25T13:30:00.000000Z'
    """
    if not isinstance(moment, datetime):
        raise CanonicalError(f"time must be a datetime, not {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CanonicalError("time must be timezone-aware (UTC), not naive")
    utc = moment.astimezone(UTC)
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}.{utc.microsecond:06d}Z"
    )


def parse_time(text: str) -> datetime:
    """Read a timestamp written by :func:`format_time` (and only that form).

    >>> parse_time("2026-11-25T13:30:00.000000Z")
    datetime.datetime(2026, 11, 25, 13, 30, tzinfo=datetime.timezone.utc)
    """
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise CanonicalError(f"time {text!r} is not of the form YYYY-MM-DDTHH:MM:SS.ffffffZ")
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    except ValueError as exc:
        raise CanonicalError(f"time {text!r} is not a valid instant: {exc}") from None
