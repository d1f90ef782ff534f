"""Rules every EHF 3.0 format shares: ``_common/rules/sch/parts`` of anskaffelser/ehf-postaward-g3.

* ``empty-elements.sch``: ``EHF-COMMON-R001`` (a ``cbc`` element with an empty string value)
  and ``EHF-COMMON-R002`` (a ``cac`` element without child elements);
* ``identifiers.sch``: ``EHF-COMMON-R003`` (Norwegian organisation numbers, scheme 0192) and
  the EHF copy of PEPPOL's common rules ``PEPPOL-COMMON-R003``, ``R030``, ``R040``,
  ``R043`` … ``R050`` — one pattern, first matching rule context wins. Unlike PEPPOL's own,
  ``R049`` (Swedish organisation number: ten characters that are a number, no Luhn check) and
  ``R050`` (``u:abn`` alone) are warnings.

The identifier arithmetic is the official functions' (``_common/rules/sch/function``), which
are those of PEPPOL post-award: :mod:`heldigital.rules.poacc.common` has them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from lxml import etree

from heldigital.rules.core import NS, Document, Element
from heldigital.rules.ehf._registry import rule
from heldigital.rules.poacc._xp import Pattern
from heldigital.rules.poacc.common import (
    _valid_date,
    check_cf,
    check_codice_ipa,
    check_piva_se_it,
    gln,
    mod11,
    mod97_0208,
)
from heldigital.rules.xpath import normalize_space, number, string_value

__all__ = ["COMMON_RULE_IDS", "EMPTY_RULE_IDS", "IDENTIFIER_RULE_IDS"]

_CBC_ANY = "{" + NS["cbc"] + "}*"
_CAC_ANY = "{" + NS["cac"] + "}*"


def _scheme(scheme: str, *, party: bool = True) -> str:
    expr = f"//cbc:EndpointID[@schemeID = '{scheme}']"
    if party:
        expr += (
            f" | //cac:PartyIdentification/cbc:ID[@schemeID = '{scheme}']"
            f" | //cbc:CompanyID[@schemeID = '{scheme}']"
        )
    return expr


#: ``identifiers.sch``, rule contexts in official order (its ``/*`` rule for
#: PEPPOL-COMMON-R003 matches only the document element, which no other rule can match).
IDENTIFIERS = Pattern(
    "ehf-identifiers",
    NS["ubl"],
    [
        ("0192", _scheme("0192")),
        (
            "date",
            "//cbc:IssueDate | //cbc:DueDate | //cbc:TaxPointDate | //cbc:StartDate"
            " | //cbc:EndDate | //cbc:ActualDeliveryDate",
        ),
        ("0088", _scheme("0088")),
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


def abn(value: str) -> bool:
    """``u:abn`` of EHF (no format check before it): the mod-89 weighted sum of the code
    points of the first eleven characters (the first one less one); a value shorter than
    eleven characters makes the sum the empty sequence, which is not ``= 0``."""
    if len(value) < 11:
        return False
    weights = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)
    total = (ord(value[0]) - 49) * weights[0]
    total += sum((ord(value[i]) - 48) * weights[i] for i in range(1, 11))
    return total % 89 == 0


def swedish_orgnr(value: str) -> bool:
    """``string-length(.) = 10 and string(number(.)) != 'NaN'`` (no check digit)."""
    return len(value) == 10 and not math.isnan(number(value))


def _identifiers(doc: Document, key: str, check: Callable[[str], bool]) -> Iterator[Element]:
    for node in IDENTIFIERS.nodes(doc, key):
        if not check(normalize_space(node)):
            yield node


# -- empty-elements.sch ----------------------------------------------------------------------


@rule("EHF-COMMON-R001", "fatal", "Document MUST not contain empty elements.")
def ehf_common_r001(doc: Document) -> Iterator[Element]:
    """Document MUST not contain empty elements: every ``cbc`` element has a non-empty string
    value (``. != ''``; whitespace counts as content)."""
    for el in doc.root.iter(_CBC_ANY):
        if string_value(el) == "":
            yield el


@rule("EHF-COMMON-R002", "fatal", "Document MUST not contain empty elements.")
def ehf_common_r002(doc: Document) -> Iterator[Element]:
    """Document MUST not contain empty elements: every ``cac`` element has a child element
    (``count(*) != 0``)."""
    for el in doc.root.iter(_CAC_ANY):
        if next(el.iterchildren(etree.Element), None) is None:
            yield el


# -- identifiers.sch -------------------------------------------------------------------------


@rule(
    "EHF-COMMON-R003",
    "fatal",
    "MUST be a valid Norwegian organization number. Only numerical value allowed",
)
def ehf_common_r003(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0192 MUST be nine digits with a valid mod-11 check digit."""
    return _identifiers(doc, "0192", mod11)


@rule("PEPPOL-COMMON-R003", "warning", "Document SHOULD not contain schema location.")
def peppol_common_r003(doc: Document) -> Iterator[Element]:
    """Document SHOULD not contain schema location (``@*:schemaLocation`` on the root)."""
    if any(str(attr).rsplit("}", 1)[-1] == "schemaLocation" for attr in doc.root.attrib):
        yield doc.root


@rule("PEPPOL-COMMON-R030", "fatal", "A date must be formatted YYYY-MM-DD.")
def peppol_common_r030(doc: Document) -> Iterator[Element]:
    """A date must be formatted YYYY-MM-DD (issue, due, tax point, start, end, delivery)."""
    for node in IDENTIFIERS.nodes(doc, "date"):
        if not _valid_date(string_value(node)):
            yield node


@rule("PEPPOL-COMMON-R040", "fatal", "GLN must have a valid format according to GS1 rules.")
def peppol_common_r040(doc: Document) -> Iterator[Element]:
    """GLN (ICD 0088) must be digits with a valid GS1 check digit."""
    return _identifiers(doc, "0088", gln)


@rule(
    "PEPPOL-COMMON-R043", "fatal", "Belgian enterprise number MUST be stated in the correct format."
)
def peppol_common_r043(doc: Document) -> Iterator[Element]:
    """Belgian enterprise number (ICD 0208): ten digits with valid mod-97 check digits."""
    return _identifiers(doc, "0208", mod97_0208)


@rule(
    "PEPPOL-COMMON-R044",
    "warning",
    "IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct format",
)
def peppol_common_r044(doc: Document) -> Iterator[Element]:
    """IPA code (ICD 0201): six letters or digits."""
    return _identifiers(doc, "0201", check_codice_ipa)


@rule(
    "PEPPOL-COMMON-R045",
    "warning",
    "Tax Code (Codice Fiscale) must be stated in the correct format",
)
def peppol_common_r045(doc: Document) -> Iterator[Element]:
    """Codice Fiscale (ICD 0210) must be stated in the correct format."""
    return _identifiers(doc, "0210", check_cf)


@rule(
    "PEPPOL-COMMON-R046",
    "warning",
    "Tax Code (Codice Fiscale) must be stated in the correct format",
)
def peppol_common_r046(doc: Document) -> Iterator[Element]:
    """Codice Fiscale as endpoint (EAS 9907) must be stated in the correct format."""
    return _identifiers(doc, "9907", check_cf)


@rule(
    "PEPPOL-COMMON-R047",
    "warning",
    "Italian VAT Code (Partita Iva) must be stated in the correct format",
)
def peppol_common_r047(doc: Document) -> Iterator[Element]:
    """Partita IVA (ICD 0211) must be stated in the correct format."""
    return _identifiers(doc, "0211", check_piva_se_it)


@rule(
    "PEPPOL-COMMON-R048",
    "warning",
    "Italian VAT Code (Partita Iva) must be stated in the correct format",
)
def peppol_common_r048(doc: Document) -> Iterator[Element]:
    """Partita IVA as endpoint (EAS 9906) must be stated in the correct format."""
    return _identifiers(doc, "9906", check_piva_se_it)


@rule(
    "PEPPOL-COMMON-R049",
    "warning",
    "Swedish organization number MUST be stated in the correct format.",
)
def peppol_common_r049(doc: Document) -> Iterator[Element]:
    """Swedish organisation number (ICD 0007): ten characters that are a number."""
    return _identifiers(doc, "0007", swedish_orgnr)


@rule(
    "PEPPOL-COMMON-R050",
    "warning",
    "Australian Business Number (ABN) MUST be stated in the correct format.",
)
def peppol_common_r050(doc: Document) -> Iterator[Element]:
    """Australian Business Number (ICD 0151): ``u:abn`` holds."""
    return _identifiers(doc, "0151", abn)


#: ``empty-elements.sch``
EMPTY_RULE_IDS = ("EHF-COMMON-R001", "EHF-COMMON-R002")
#: ``identifiers.sch``, in official order
IDENTIFIER_RULE_IDS = (
    "EHF-COMMON-R003", "PEPPOL-COMMON-R003", "PEPPOL-COMMON-R030", "PEPPOL-COMMON-R040",
    "PEPPOL-COMMON-R043", "PEPPOL-COMMON-R044", "PEPPOL-COMMON-R045", "PEPPOL-COMMON-R046",
    "PEPPOL-COMMON-R047", "PEPPOL-COMMON-R048", "PEPPOL-COMMON-R049", "PEPPOL-COMMON-R050",
)  # fmt: skip
COMMON_RULE_IDS = EMPTY_RULE_IDS + IDENTIFIER_RULE_IDS
