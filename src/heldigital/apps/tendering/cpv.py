"""Common Procurement Vocabulary (CPV 2008) codes of the main vocabulary.

Regulation (EC) No 213/2008 Annex I: a main-vocabulary code has eight
digits (division, group, class, category and three more levels of
precision) followed by a ninth *check digit*, written ``03000000-1``.

The check digit: each of the eight digits is multiplied by the weights
3, 7, 1, 3, 7, 1, 3, 7 (left to right) and the check digit is the last
digit of the sum (modulo 10). For example ``48217100``:
4·3 + 8·7 + 2·1 + 1·3 + 7·7 + 1·1 + 0·3 + 0·7 = 123, check digit 3,
giving ``48217100-3``.

The Publications Office has confirmed (OP-TED/ePO discussion #589,
March 2024) that a few check digits of the published 2008 vocabulary do
not follow the documented method and will not be corrected; those codes
are valid as published and are listed in :data:`PUBLISHED_EXCEPTIONS`.

eForms (BT-262, BT-263) carries the eight digits only, without the check
digit: :func:`eight_digits` gives that form.

This module is pure (no Django) so that the eForms and ESPD libraries may
use it.
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.util import clean, isdigits

__all__ = [
    "PUBLISHED_EXCEPTIONS",
    "calc_check_digit",
    "compact",
    "eight_digits",
    "is_valid",
    "validate",
]

_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)

#: Codes of the published vocabulary whose check digit differs from the
#: documented method (code -> published check digit).
PUBLISHED_EXCEPTIONS: dict[str, str] = {
    "03300000": "2",
}


def compact(code: str) -> str:
    """The code without spaces, e.g. ``" 03000000 - 1"`` -> ``"03000000-1"``."""
    return str(clean(code, " ").strip())


def calc_check_digit(digits: str) -> str:
    """The check digit of eight CPV digits (published exceptions included)."""
    if len(digits) != 8 or not isdigits(digits):
        raise InvalidFormat("a CPV code has eight digits before the check digit")
    if digits in PUBLISHED_EXCEPTIONS:
        return PUBLISHED_EXCEPTIONS[digits]
    return str(sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 10)


def validate(code: str) -> str:
    """Check a CPV code and return it in the form ``NNNNNNNN-N``.

    Eight digits without the check digit are accepted and completed.
    Raises :class:`stdnum.exceptions.ValidationError` subclasses
    (``InvalidFormat``, ``InvalidLength``, ``InvalidChecksum``).
    """
    code = compact(code)
    digits, dash, check = code.partition("-")
    if not isdigits(digits) or (dash and not isdigits(check)):
        raise InvalidFormat("a CPV code is eight digits, a hyphen and a check digit")
    if len(digits) != 8 or (dash and len(check) != 1):
        raise InvalidLength("a CPV code is eight digits, a hyphen and a check digit")
    expected = calc_check_digit(digits)
    if dash and check != expected:
        raise InvalidChecksum("the CPV check digit is wrong")
    if digits[:2] == "00":
        raise InvalidFormat("CPV divisions start at 03")
    return f"{digits}-{expected}"


def is_valid(code: str) -> bool:
    """Whether ``code`` is a well-formed CPV code with the right check digit."""
    try:
        validate(code)
    except (InvalidFormat, InvalidLength, InvalidChecksum):
        return False
    return True


def eight_digits(code: str) -> str:
    """The eight digits eForms uses (``03000000-1`` -> ``03000000``)."""
    return validate(code)[:8]
