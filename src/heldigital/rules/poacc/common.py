"""PEPPOL post-award common rules ``PEPPOL-COMMON-R*`` (every transaction includes them).

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/common/empty-elements.sch``
(one pattern: empty elements) and ``rules/sch/parts/common/rules.sch`` (one
pattern: schema location, date format, identifier formats by ICD/EAS scheme),
with the functions of ``rules/sch/parts/function/*.xml``. Each
``PEPPOLBIS-Tnn.sch`` includes both files, so these rules belong to every
post-award rule set.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import ean, luhn
from stdnum.au import abn
from stdnum.no import orgnr

from heldigital.rules.core import Document
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern
from heldigital.rules.xpath import normalize_space, string_value

__all__ = ["COMMON_RULE_IDS"]


def _scheme(scheme: str, *, party: bool = True) -> str:
    expr = f"//cbc:EndpointID[@schemeID = '{scheme}']"
    if party:
        expr += (
            f" | //cac:PartyIdentification/cbc:ID[@schemeID = '{scheme}']"
            f" | //cbc:CompanyID[@schemeID = '{scheme}']"
        )
    return expr


#: ``parts/common/rules.sch``: one pattern, rules in this order (its first rule, context
#: ``/*`` for PEPPOL-COMMON-R003, matches only the document element, which no other rule
#: of the pattern can match; it is checked directly).
RULES = Pattern(
    "common",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    [
        (
            "date",
            "//cbc:IssueDate | //cbc:DueDate | //cbc:TaxPointDate | //cbc:StartDate"
            " | //cbc:EndDate | //cbc:ActualDeliveryDate",
        ),
        ("0088", _scheme("0088")),
        ("0192", _scheme("0192")),
        ("0208", _scheme("0208")),
        ("0201", _scheme("0201")),
        ("0210", _scheme("0210")),
        ("9907", _scheme("9907", party=False)),
        ("0211", _scheme("0211")),
        ("9906", _scheme("9906", party=False)),
        ("0007", _scheme("0007")),
        ("0151", _scheme("0151")),
    ],
)

_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_ALNUM = _ASCII_LETTERS | frozenset("0123456789")


# -- the official functions (parts/function) -----------------------------------------------


def gln(value: str) -> bool:
    """``matches(., '^[0-9]+$') and u:gln(.)``: GS1 check digit over the whole number.

    ``u:gln`` weighs the digits before the check digit 3, 1, 3 ... from the
    right, for any length; :func:`stdnum.ean.calc_check_digit` computes the
    same (stdnum's ``validate`` would also fix the length, the rule does not).
    """
    if not _DIGITS.fullmatch(value):
        return False
    return ean.calc_check_digit(value[:-1]) == value[-1]


def mod11(value: str) -> bool:
    """``matches(., '^[0-9]{9}$') and u:mod11(.)``: Norwegian organisation number.

    The weights 3 2 7 6 5 4 3 2 are those of :mod:`stdnum.no.orgnr`; ``u:mod11``
    also requires ``number($val) > 0``.
    """
    if not _DIGITS.fullmatch(value) or len(value) != 9:
        return False
    return int(value) > 0 and orgnr.checksum(value) == 0


def mod97_0208(value: str) -> bool:
    """``matches(., '^[0-9]{10}$') and u:mod97-0208(.)``: Belgian enterprise number.

    The official function: check digits (positions 9-10) = 97 - (first 8
    digits mod 97). Written out because :mod:`stdnum.be.vat` also accepts
    check digits ``00`` and restricts the first digit, which the rule does not.
    """
    if not _DIGITS.fullmatch(value) or len(value) != 10:
        return False
    return int(value[8:]) == 97 - int(value[:8]) % 97


def check_codice_ipa(value: str) -> bool:
    """``u:checkCodiceIPA``: six ASCII letters or digits (no checksum exists)."""
    return len(value) == 6 and set(value) <= _ASCII_ALNUM


def _castable_integer(value: str) -> bool:
    return bool(_INTEGER.fullmatch(value.strip(" \t\r\n")))


def _letters(value: str) -> bool:
    """``string-length(translate($v, $allowed-characters, '')) = 0`` with ASCII letters."""
    return set(value) <= _ASCII_LETTERS


def check_cf16(value: str) -> bool:
    """``u:checkCF16``: the layout of a 16-character Codice Fiscale, without its check letter.

    Written out: :mod:`stdnum.it.codicefiscale` verifies the check character,
    which the official function does not.
    """
    return (
        _letters(value[0:6])
        and _castable_integer(value[6:8])
        and _letters(value[8:9])
        and _castable_integer(value[9:11])
        and _castable_integer(value[14:15])
        and _letters(value[15:16])
    )


def check_cf(value: str) -> bool:
    """``u:checkCF``: 16 characters in Codice Fiscale layout, or 11 digits."""
    if len(value) == 16:
        return check_cf16(value)
    if len(value) == 11:
        return _castable_integer(value)
    return False


def _add_piva(value: str, even: int) -> int:
    """``u:addPIVA``: digit sum with every second digit doubled (mapped via '0246813579')."""
    total = 0
    for digit in value:
        d = int(digit)
        total += int("0246813579"[d]) if even else d
        even = 1 - even
    return total


def check_piva_se_it(value: str) -> bool:
    """``u:checkPIVAseIT``: when the value starts with ``IT``/``it``, 11 digits with a valid check.

    Written out: the official function ignores anything that does not start
    with the country code (:mod:`stdnum.it.iva` would reject it).
    """
    if value[:2] not in ("IT", "it"):
        return True
    code = value[2:]
    if len(code) != 11 or not _castable_integer(code):
        return False
    if not code.isascii() or not code.isdigit():
        return False  # a signed number: the official xs:integer(substring(...)) fails
    return _add_piva(code, 0) % 10 == 0


def check_se_orgnr(value: str) -> bool:
    """Length 10, numeric and ``u:checkSEOrgnr``: the Luhn check over ten digits (stdnum's luhn)."""
    if len(value) != 10 or not _DIGITS.fullmatch(value):
        return False
    return luhn.is_valid(value)


def check_abn(value: str) -> bool:
    """``matches(., '^[0-9]{11}$') and u:abn(.)``: the ABN mod-89 check, as :mod:`stdnum.au.abn`."""
    if not _DIGITS.fullmatch(value) or len(value) != 11:
        return False
    return abn.is_valid(value)


def _valid_date(value: str) -> bool:
    """``(string(.) castable as xs:date) and (string-length(.) = 10)``."""
    if len(value) != 10:
        return False
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    try:
        date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return False
    return True


# -- rules -----------------------------------------------------------------------------------


@rule("PEPPOL-COMMON-R001")
def peppol_common_r001(doc: Document):
    """Document MUST not contain empty elements: no element without child elements and text."""
    yield from doc.xpath("//*[not(*) and not(normalize-space())]")


@rule("PEPPOL-COMMON-R003")
def peppol_common_r003(doc: Document):
    """Document SHOULD not contain schema location (``@*:schemaLocation`` on the root)."""
    root = doc.root
    if any(attr.rsplit("}", 1)[-1] == "schemaLocation" for attr in root.attrib):
        yield root


@rule("PEPPOL-COMMON-R030")
def peppol_common_r030(doc: Document):
    """A date must be formatted YYYY-MM-DD (issue, due, tax point, start, end, delivery dates)."""
    for node in RULES.nodes(doc, "date"):
        if not _valid_date(string_value(node)):
            yield node


def _identifiers(doc: Document, scheme: str, check):
    for node in RULES.nodes(doc, scheme):
        if not check(normalize_space(node)):
            yield node


@rule("PEPPOL-COMMON-R040")
def peppol_common_r040(doc: Document):
    """GLN (ICD 0088) must have a valid format according to GS1 rules."""
    return _identifiers(doc, "0088", gln)


@rule("PEPPOL-COMMON-R041")
def peppol_common_r041(doc: Document):
    """Norwegian organization number (ICD 0192) MUST be nine digits with a valid mod-11 check."""
    return _identifiers(doc, "0192", mod11)


@rule("PEPPOL-COMMON-R043")
def peppol_common_r043(doc: Document):
    """Belgian enterprise number (ICD 0208) MUST be ten digits with valid mod-97 check digits."""
    return _identifiers(doc, "0208", mod97_0208)


@rule("PEPPOL-COMMON-R044")
def peppol_common_r044(doc: Document):
    """IPA code (ICD 0201) must be six letters or digits."""
    return _identifiers(doc, "0201", check_codice_ipa)


@rule("PEPPOL-COMMON-R045")
def peppol_common_r045(doc: Document):
    """Codice Fiscale (ICD 0210) must be stated in the correct format."""
    return _identifiers(doc, "0210", check_cf)


@rule("PEPPOL-COMMON-R046")
def peppol_common_r046(doc: Document):
    """Codice Fiscale as endpoint (EAS 9907) must be stated in the correct format."""
    return _identifiers(doc, "9907", check_cf)


@rule("PEPPOL-COMMON-R047")
def peppol_common_r047(doc: Document):
    """Partita IVA (ICD 0211) must be stated in the correct format."""
    return _identifiers(doc, "0211", check_piva_se_it)


@rule("PEPPOL-COMMON-R048")
def peppol_common_r048(doc: Document):
    """Partita IVA as endpoint (EAS 9906) must be stated in the correct format."""
    return _identifiers(doc, "9906", check_piva_se_it)


@rule("PEPPOL-COMMON-R049")
def peppol_common_r049(doc: Document):
    """Swedish organisation number (ICD 0007) MUST be ten digits with a valid Luhn check."""
    return _identifiers(doc, "0007", check_se_orgnr)


@rule("PEPPOL-COMMON-R050")
def peppol_common_r050(doc: Document):
    """Australian Business Number (ICD 0151) MUST be eleven digits with a valid mod-89 check."""
    return _identifiers(doc, "0151", check_abn)


#: Every common rule id, in catalogue order (each rule set includes them all).
COMMON_RULE_IDS = (
    "PEPPOL-COMMON-R001",
    "PEPPOL-COMMON-R003",
    "PEPPOL-COMMON-R030",
    "PEPPOL-COMMON-R040",
    "PEPPOL-COMMON-R041",
    "PEPPOL-COMMON-R043",
    "PEPPOL-COMMON-R044",
    "PEPPOL-COMMON-R045",
    "PEPPOL-COMMON-R046",
    "PEPPOL-COMMON-R047",
    "PEPPOL-COMMON-R048",
    "PEPPOL-COMMON-R049",
    "PEPPOL-COMMON-R050",
)
