"""Money rounding, KID and account checks of heldigital.iso20022.common."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import luhn

from heldigital.iso20022.common import (
    MONEY_ROUNDING,
    PaymentError,
    bic_for,
    money,
    norwegian_account,
    validate_kid,
)


def test_money_rounds_half_up_to_the_minor_unit() -> None:
    assert MONEY_ROUNDING == "ROUND_HALF_UP"
    assert money(Decimal("10.005"), "NOK") == Decimal("10.01")
    assert money(Decimal("10.004"), "EUR") == Decimal("10.00")
    assert money("7", "NOK") == Decimal("7.00")


def test_money_refuses_float_unknown_currency_and_nan() -> None:
    with pytest.raises(PaymentError, match="never float"):
        money(1.5, "NOK")  # type: ignore[arg-type]
    with pytest.raises(PaymentError, match="SEK"):
        money(Decimal(1), "SEK")
    with pytest.raises(PaymentError):
        money(Decimal("NaN"), "NOK")


@pytest.mark.parametrize(
    "kid",
    [
        "12345674",  # MOD10 (Luhn)
        "1234567890123456785",  # MOD10, long
        "0000000000018",  # MOD10 with leading zeros
        "23456788",  # MOD11 only (Luhn would give 3)
        "100008-",  # MOD11 remainder 10 is written '-'
    ],
)
def test_valid_kids(kid: str) -> None:
    assert validate_kid(kid) == kid


@pytest.mark.parametrize("kid", ["12345675", "1", "12a45674", "1" * 26, "1234567891-"])
def test_invalid_kids(kid: str) -> None:
    with pytest.raises(PaymentError):
        validate_kid(kid)


@given(st.text(alphabet="0123456789", min_size=1, max_size=24))
def test_every_luhn_completed_number_is_a_kid(body: str) -> None:
    kid = body + luhn.calc_check_digit(body)
    assert validate_kid(kid) == kid


@given(st.text(alphabet="0123456789", min_size=2, max_size=25))
def test_a_kid_passes_only_with_a_right_check_digit(number: str) -> None:
    try:
        validate_kid(number)
    except PaymentError:
        # neither MOD10 nor MOD11 holds: changing nothing cannot make it valid
        assert not luhn.is_valid(number)
    else:
        digits = [int(d) for d in reversed(number[:-1])]
        mod11 = sum(d * (2 + i % 6) for i, d in enumerate(digits))
        check = (11 - mod11 % 11) % 11
        assert luhn.is_valid(number) or str(check) == number[-1]


def test_norwegian_accounts_and_bank_lookup() -> None:
    assert norwegian_account("8601.11.17947") == "86011117947"
    with pytest.raises(PaymentError, match="account number"):
        norwegian_account("86011117948")
    assert bic_for("86011117947") == "DABANO22"
    assert bic_for("DE89370400440532013000") == "COBADEFFXXX"
