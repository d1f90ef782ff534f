"""Money, accounts and payment references shared by the ISO 20022 messages.

* Money is :class:`~decimal.Decimal`, quantized to the currency's minor unit
  (ISO 4217: two decimals for NOK and EUR) with :data:`MONEY_ROUNDING`.
* Norwegian account numbers (11 digits, MOD11) are checked with python-stdnum
  (``stdnum.no.kontonr``); IBAN and BIC with schwifty.
* KID (kundeidentifikasjon, the Norwegian structured payment reference of
  2-25 digits) carries a MOD10 or a MOD11 check digit: MOD10 is the Luhn
  algorithm (python-stdnum ``stdnum.luhn``), MOD11 the weights 2-7 from the
  right with ``-`` for remainder 10 (the ``kid-util`` package,
  ``kid.verify(..., "MOD11")``). Neither is computed here by hand.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import kid as kid_util
import schwifty
from schwifty.exceptions import SchwiftyException
from stdnum import iso11649, luhn
from stdnum.exceptions import ValidationError
from stdnum.no import kontonr

__all__ = [
    "MINOR_UNITS",
    "MONEY_ROUNDING",
    "PaymentError",
    "bic_for",
    "money",
    "norwegian_account",
    "validate_bic",
    "validate_iban",
    "validate_kid",
    "validate_rf_reference",
]

#: Rounding of money amounts to the currency's minor unit: commercial rounding
#: (half away from zero), as EN 16931 and Norwegian bookkeeping practice use.
MONEY_ROUNDING = ROUND_HALF_UP

#: ISO 4217 minor units of the currencies a payment order carries.
MINOR_UNITS = {"NOK": 2, "EUR": 2}

_KID = re.compile(r"^[0-9]{1,24}[0-9-]$")


class PaymentError(ValueError):
    """A payment cannot be ordered or a bank message cannot be read; the
    message says which and why."""


def money(value: Decimal | int | str, currency: str) -> Decimal:
    """``value`` quantized to ``currency``'s minor unit with :data:`MONEY_ROUNDING`.

    >>> money(Decimal("10.005"), "NOK")
    Decimal('10.01')
    """
    if currency not in MINOR_UNITS:
        raise PaymentError(f"currency {currency!r} is not paid by this module (NOK, EUR)")
    if isinstance(value, float):
        raise PaymentError("money is Decimal, never float")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise PaymentError(f"{value!r} is not an amount") from None
    if not amount.is_finite():
        raise PaymentError(f"{value!r} is not an amount")
    return amount.quantize(Decimal(1).scaleb(-MINOR_UNITS[currency]), rounding=MONEY_ROUNDING)


def validate_kid(value: str) -> str:
    """The KID ``value`` (spaces removed) if its MOD10 or MOD11 check digit is right.

    >>> validate_kid("1234 5678 903")
    '12345678903'
    """
    number = value.replace(" ", "")
    if not _KID.match(number) or len(number) < 2:
        raise PaymentError(f"KID {value!r} must be 2 to 25 digits (MOD11 may end in '-')")
    if number[-1] != "-" and luhn.is_valid(number):
        return number
    if kid_util.verify(number, "MOD11"):
        return number
    raise PaymentError(f"KID {value!r} has a wrong check digit (neither MOD10 nor MOD11)")


def validate_rf_reference(value: str) -> str:
    """An ISO 11649 creditor reference (``RF..``), compacted; python-stdnum checks it."""
    try:
        return str(iso11649.validate(value))
    except ValidationError as exc:
        raise PaymentError(f"creditor reference {value!r}: {exc}") from None


def norwegian_account(value: str) -> str:
    """An 11-digit Norwegian account number (kontonummer), compacted; python-stdnum checks it."""
    try:
        return str(kontonr.validate(value))
    except ValidationError as exc:
        raise PaymentError(f"account number {value!r}: {exc}") from None


def validate_iban(value: str) -> schwifty.IBAN:
    """An IBAN checked by schwifty (country format, bank code and check digits)."""
    try:
        return schwifty.IBAN(value)
    except SchwiftyException as exc:
        raise PaymentError(f"IBAN {value!r}: {exc}") from None


def validate_bic(value: str) -> str:
    """A BIC checked by schwifty (format and country)."""
    try:
        return str(schwifty.BIC(value))
    except SchwiftyException as exc:
        raise PaymentError(f"BIC {value!r}: {exc}") from None


def bic_for(account: str) -> str | None:
    """The BIC of the bank that keeps ``account`` (a Norwegian account number or
    an IBAN), from schwifty's bank registry; ``None`` when it is not known."""
    compact = account.replace(" ", "").replace(".", "")
    iban = validate_iban(kontonr.to_iban(compact) if compact.isdigit() else compact)
    try:
        bic = iban.bic
    except SchwiftyException:
        return None
    return str(bic) if bic is not None else None
