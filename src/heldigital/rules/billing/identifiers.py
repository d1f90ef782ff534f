"""Identifier checks of PEPPOL BIS Billing 3.0, exactly as the official Schematron computes them.

Each function is the Python form of one ``u:`` function of
``PEPPOL-EN16931-UBL.sch``. Where python-stdnum implements the same
algorithm it does the arithmetic; the official functions sometimes accept
more or less than the registry's definition (any length for a GLN, only the
first ten digits of a Swedish organisation number, no length check on a
Greek TIN), and the rule - not the registry - is what a validator must
reproduce, so each docstring says where and why the two differ.

Some identifiers get no check-digit test in release 3.0.19 and so get none
here either: the Danish CVR (``PEPPOL-COMMON-R042`` checks the shape only:
eight digits, optionally prefixed ``DK``), the Icelandic kennitala
(``IS-R-002``/``IS-R-004`` check the scheme ``0196`` only) and the Dutch
KVK and OIN numbers (``NL-R-003``/``NL-R-005`` check the schemes ``0106``
and ``0190`` only).
"""

from __future__ import annotations

from stdnum import ean, luhn
from stdnum.au import abn as au_abn
from stdnum.gr import vat as gr_vat
from stdnum.no import orgnr as no_orgnr

from heldigital.rules.xpath import castable_integer, number, translate_removes_all

__all__ = [
    "abn",
    "codice_fiscale",
    "codice_ipa",
    "gln",
    "greek_tin",
    "iban_mod97",
    "mod11",
    "mod97_0208",
    "partita_iva_se_it",
    "swedish_orgnr",
]

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _all_digits(value: str) -> bool:
    return bool(value) and translate_removes_all(value, _DIGITS)


def gln(value: str) -> bool:
    """``u:gln``: the GS1 mod-10 check digit (the last digit) of a digit string.

    The official function works on any length (a GLN has 13 digits, but the
    rule does not check it), so ``stdnum.ean.calc_check_digit`` - the GS1
    algorithm on any length - is used instead of ``stdnum.ean.validate``,
    which insists on EAN lengths. Callers check ``^[0-9]+$`` first.
    """
    return _all_digits(value) and ean.calc_check_digit(value[:-1]) == value[-1]


def mod11(value: str) -> bool:
    """``u:mod11``: Norwegian organisation number check digit, and ``number($val) > 0``.

    For the nine-digit values the rules pass in, the weights 3 2 7 6 5 4 3 2
    equal ``stdnum.no.orgnr``'s; the official function additionally rejects
    ``000000000`` (``number($val) > 0``), which stdnum accepts.
    """
    if len(value) != 9 or not _all_digits(value):
        return False
    return number(value) > 0 and no_orgnr.checksum(value) == 0


def mod97_0208(value: str) -> bool:
    """``u:mod97-0208``: Belgian enterprise number, check digits = 97 - (first 8 mod 97).

    Implemented as the rule states: ``stdnum.be.vat`` also accepts check
    digits ``00`` for a multiple of 97 and rejects numbers not starting with
    0 or 1, which the rule does not. Callers check ``^[0-9]{10}$`` first.
    """
    if len(value) != 10 or not _all_digits(value):
        return False
    return int(value[8:10]) == 97 - int(value[:8]) % 97


def codice_ipa(value: str) -> bool:
    """``u:checkCodiceIPA``: six ASCII letters or digits (no checksum in the rule)."""
    return len(value) == 6 and translate_removes_all(value, _LETTERS + _DIGITS)


def _codice_fiscale_16(value: str) -> bool:
    """``u:checkCF16``: the character classes of a personal codice fiscale, no checksum."""
    return (
        translate_removes_all(value[0:6], _LETTERS)
        and castable_integer(value[6:8])
        and translate_removes_all(value[8:9], _LETTERS)
        and castable_integer(value[9:11])
        and castable_integer(value[14:15])
        and translate_removes_all(value[15:16], _LETTERS)
    )


def codice_fiscale(value: str) -> bool:
    """``u:checkCF``: 16 characters shaped like a codice fiscale, or 11 that form an integer.

    The official function checks only the shape (letters and digits in the
    right places, no check character), so ``stdnum.it.codicefiscale`` -
    which verifies the check character - would reject values the rule
    accepts.
    """
    if len(value) == 16:
        return _codice_fiscale_16(value)
    if len(value) == 11:
        return castable_integer(value)
    return False


def _partita_iva_sum(value: str) -> int:
    """``u:addPIVA``: Luhn-style sum, doubling every second digit from the left."""
    total = 0
    for position, char in enumerate(value):
        digit = int(char)
        if position % 2 == 1:
            digit = int("0246813579"[digit])
        total += digit
    return total


def partita_iva_se_it(value: str) -> bool:
    """``u:checkPIVAseIT``: for an ``IT``-prefixed value, 11 digits whose sum is a multiple of 10.

    Values without the ``IT`` (or ``it``) prefix pass. The official sum is
    the Luhn algorithm; ``stdnum.it.iva`` additionally rejects office codes
    and all-zero numbers, which the rule accepts, so the sum is computed
    here.
    """
    country, code = value[:2], value[2:]
    if country not in ("IT", "it"):
        return True
    if len(code) != 11 or not _all_digits(code):
        return False
    return _partita_iva_sum(code) % 10 == 0


def swedish_orgnr(value: str) -> bool:
    """``u:checkSEOrgnr``: the Luhn check digit (10th character) over the first nine digits.

    The official function only requires the value to be all digits; longer
    values are judged by their first ten digits, shorter ones fail. For ten
    digits this equals ``stdnum.se.orgnr``.
    """
    if not _all_digits(value) or len(value) < 10:
        return False
    return luhn.is_valid(value[:10])


def abn(value: str) -> bool:
    """``u:abn``: Australian Business Number, weights 10 1 3 5 ... 19 on (first digit - 1), mod 89.

    Identical to ``stdnum.au.abn`` for the eleven-digit values the rule
    passes in (it checks ``^[0-9]{11}$`` first).
    """
    return len(value) == 11 and _all_digits(value) and au_abn.is_valid(value)


def greek_tin(value: str) -> bool:
    """``u:TinVerification``: Greek TIN check digit (9th character) over the first eight digits.

    The official function does not check the length: characters after the
    ninth are ignored, so ``stdnum.gr.vat.validate`` (exactly nine digits)
    would differ; its check-digit arithmetic is the same and is used.
    """
    head = value[:9]
    if len(head) != 9 or not _all_digits(head):
        return False
    return gr_vat.calc_check_digit(head[:8]) == head[8]


def iban_mod97(compact: str) -> bool:
    """The IBAN check of ``DE-R-019``/``DE-R-020`` as written in the rule.

    The rule moves the first four characters to the end and maps every
    character with a code point above 64 to ``code point - 55`` - which
    gives 10-35 for ``A``-``Z`` as in ISO 13616, but 42-67 for lower-case
    letters - then takes the number mod 97. A country-aware IBAN validator
    (schwifty) would also check lengths and formats per country, which the
    rule does not; the caller has checked ``^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$``.
    """
    moved = compact[4:] + compact[:2].upper() + compact[2:4]
    digits = "".join(str(ord(c) - 55) if ord(c) > 64 else str(ord(c) - 48) for c in moved)
    if not digits:
        return False
    return int(digits) % 97 == 1
