"""Input types shared by the API schemas: the same limits on SQLite and PostgreSQL.

PostgreSQL refuses NUL in text, text longer than a ``varchar``'s length and
integers outside the column's range; SQLite stores all three. Validating in
the schemas makes bad input a 422 with a clear message on both databases,
before any row is written (a database error would be a 500 on one and
silently stored data on the other).

``Text(n)`` is text of at most ``n`` characters without NUL (use the model
field's ``max_length``; :data:`LONG_TEXT` for a ``TextField``). The NUL rule
is also in the OpenAPI schema as a ``pattern``, so clients and property-based
tests know it. ``Int32``/``PositiveInt32``/``PositiveInt16``/``PositiveInt64`` bound integers to
the PostgreSQL column types of Django's ``IntegerField``,
``PositiveIntegerField``, ``PositiveSmallIntegerField`` and
``PositiveBigIntegerField``.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import AfterValidator, Field

__all__ = [
    "INT32_MAX",
    "LONG_TEXT",
    "NO_NUL_PATTERN",
    "Int32",
    "PositiveInt16",
    "PositiveInt32",
    "PositiveInt64",
    "Text",
    "refuse_nul",
]

#: Longest free text accepted in one field (``TextField``): 100,000 characters.
LONG_TEXT = 100_000
INT32_MAX = 2**31 - 1
INT16_MAX = 2**15 - 1
#: A string without NUL, as a JSON Schema ``pattern`` (ECMA-262).
NO_NUL_PATTERN = "^[^\\u0000]*$"


def refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("Text may not contain the NUL character (U+0000)."))
    return value


def Text(max_length: int = LONG_TEXT) -> Any:
    """Text of at most ``max_length`` characters without NUL."""
    return Annotated[
        str,
        Field(max_length=max_length, json_schema_extra={"pattern": NO_NUL_PATTERN}),
        AfterValidator(refuse_nul),
    ]


Int32 = Annotated[int, Field(ge=-(2**31), le=INT32_MAX)]
PositiveInt32 = Annotated[int, Field(ge=0, le=INT32_MAX)]
PositiveInt16 = Annotated[int, Field(ge=0, le=INT16_MAX)]
PositiveInt64 = Annotated[int, Field(ge=0, le=2**63 - 1)]
