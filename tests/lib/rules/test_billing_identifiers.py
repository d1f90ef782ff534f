"""The identifier checks of PEPPOL BIS Billing 3.0 against python-stdnum and the rule texts.

Where the official function and python-stdnum agree, both must accept and
reject the same real numbers; where the rule deliberately differs (any
length for a GLN, all-zero Norwegian numbers, Greek TINs with trailing
characters, Swedish numbers judged by their first ten digits) the
difference is pinned down.
"""

from __future__ import annotations

import pytest
from stdnum import ean, luhn
from stdnum.au import abn as au_abn
from stdnum.gr import vat as gr_vat
from stdnum.no import orgnr as no_orgnr
from stdnum.se import orgnr as se_orgnr

from heldigital.rules.billing import identifiers

NORWEGIAN = ["974760673", "923609016", "987654325", "991825827"]
SWEDISH = ["5560360793", "2120000142", "5565475489", "8025551234"]
AUSTRALIAN = ["51824753556", "53004085616", "83914571673", "51824753557"]
GREEK = ["094259216", "998152151", "094259215", "123456789"]


@pytest.mark.parametrize("number", ["5790000435975", "7300010000001", "4000001000005", "12345"])
def test_gln_is_the_gs1_check_digit_on_any_length(number):
    expected = ean.calc_check_digit(number[:-1]) == number[-1]
    assert identifiers.gln(number) is expected
    if len(number) in (8, 12, 13, 14):
        assert identifiers.gln(number) is ean.is_valid(number)


def test_gln_rejects_non_digits():
    assert not identifiers.gln("579000043597X")
    assert not identifiers.gln("")


@pytest.mark.parametrize("number", [*NORWEGIAN, "974760674", "123456789"])
def test_norwegian_mod11_equals_stdnum(number):
    assert identifiers.mod11(number) is no_orgnr.is_valid(number)


def test_norwegian_mod11_rejects_zero_which_stdnum_accepts():
    assert no_orgnr.is_valid("000000000")
    assert not identifiers.mod11("000000000")


@pytest.mark.parametrize("number", [*SWEDISH, "5560360794", "1234567890"])
def test_swedish_orgnr_equals_stdnum_on_ten_digits(number):
    assert identifiers.swedish_orgnr(number) is se_orgnr.is_valid(number)


def test_swedish_orgnr_judges_the_first_ten_digits():
    assert identifiers.swedish_orgnr("556036079300")
    assert not identifiers.swedish_orgnr("556036079")
    assert not identifiers.swedish_orgnr("556036-0793")


@pytest.mark.parametrize("number", AUSTRALIAN)
def test_abn_equals_stdnum(number):
    assert identifiers.abn(number) is au_abn.is_valid(number)


@pytest.mark.parametrize("number", GREEK)
def test_greek_tin_equals_stdnum_on_nine_digits(number):
    assert identifiers.greek_tin(number) is gr_vat.is_valid(number)


def test_greek_tin_ignores_characters_after_the_ninth():
    assert identifiers.greek_tin("094259216XYZ")
    assert not identifiers.greek_tin("09425921")


def test_belgian_enterprise_number():
    # 0403.170.701 (a registered enterprise): 97 - 4031707 mod 97 = 1
    assert 97 - 4031707 % 97 == 1
    assert identifiers.mod97_0208("0403170701")
    assert not identifiers.mod97_0208("0403170702")
    # a multiple of 97 needs check digits 97 (stdnum would also accept 00)
    assert identifiers.mod97_0208("0000009797")
    assert not identifiers.mod97_0208("0000009700")


def test_italian_partita_iva_is_luhn_and_only_for_it():
    assert identifiers.partita_iva_se_it("IT00743110157")
    assert luhn.is_valid("00743110157")
    assert not identifiers.partita_iva_se_it("IT00743110158")
    assert not identifiers.partita_iva_se_it("IT0074311015")
    assert identifiers.partita_iva_se_it("DE123")


def test_italian_codice_fiscale_shape():
    assert identifiers.codice_fiscale("RSSMRA85T10A562S")
    assert identifiers.codice_fiscale("12345678901")
    assert not identifiers.codice_fiscale("RSSMRA8AT10A562S")
    assert not identifiers.codice_fiscale("1234567890")


def test_codice_ipa():
    assert identifiers.codice_ipa("UFY9MH")
    assert not identifiers.codice_ipa("UFY9M")
    assert not identifiers.codice_ipa("UFY9M-")


def test_iban_check_as_written_in_the_rule():
    assert identifiers.iban_mod97("DE89370400440532013000")
    assert not identifiers.iban_mod97("DE89370400440532013001")
