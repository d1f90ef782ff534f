"""PEPPOL-COMMON identifier rules of PEPPOL BIS Billing 3.0: ``PEPPOL-COMMON-R040`` ... ``R050``.

Each rule checks the identifiers of one ICD/EAS scheme wherever they occur
as an electronic address (``cbc:EndpointID``), a party identifier
(``cac:PartyIdentification/cbc:ID``) or a company identifier
(``cbc:CompanyID``), selected by the exact ``schemeID`` value. The
arithmetic is in :mod:`heldigital.rules.billing.identifiers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from heldigital.rules.billing import identifiers
from heldigital.rules.billing._registry import rule
from heldigital.rules.billing._xp import CAC, CBC, IDENTIFIER_HOLDERS, elements
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, number, string_value, translate_removes_all

Element = etree._Element

_DIGITS = "1234567890"


def _identifiers(doc: Document) -> dict[str, list[Element]]:
    """Identifier elements by ``schemeID``, in document order (computed once per document)."""
    found = doc.cache.get("billing.identifiers")
    if found is None:
        found = {}
        for holder in elements(doc, *IDENTIFIER_HOLDERS):
            candidates = (
                holder.iterchildren(CBC + "ID")
                if holder.tag == CAC + "PartyIdentification"
                else (holder,)
            )
            for el in candidates:
                scheme = el.get("schemeID")
                if scheme is not None:
                    found.setdefault(scheme, []).append(el)
        doc.cache["billing.identifiers"] = found
    return found


def _failing(doc: Document, scheme: str, test: Callable[[Element], bool]) -> Iterator[Element]:
    for el in _identifiers(doc).get(scheme, ()):
        if not test(el):
            yield el


@rule("PEPPOL-COMMON-R040")
def peppol_common_r040(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0088 (GLN) MUST be digits with a valid GS1 check digit."""

    def valid(el: Element) -> bool:
        value = normalize_space(string_value(el))
        return bool(re.fullmatch("[0-9]+", value)) and identifiers.gln(value)

    yield from _failing(doc, "0088", valid)


@rule("PEPPOL-COMMON-R041")
def peppol_common_r041(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0192 (Norwegian organisation number) MUST be 9 digits, mod 11."""

    def valid(el: Element) -> bool:
        value = normalize_space(string_value(el))
        return bool(re.fullmatch("[0-9]{9}", value)) and identifiers.mod11(value)

    yield from _failing(doc, "0192", valid)


@rule("PEPPOL-COMMON-R042")
def peppol_common_r042(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0184 (Danish CVR) MUST be 8 digits, optionally prefixed ``DK``.

    The rule checks the format only (no CVR check digit) and uses the
    unnormalised value, so surrounding whitespace fails.
    """

    def valid(el: Element) -> bool:
        value = string_value(el)
        prefixed = (
            len(value) == 10 and value[:2] == "DK" and translate_removes_all(value[2:10], _DIGITS)
        )
        return prefixed or (len(value) == 8 and translate_removes_all(value[:8], _DIGITS))

    yield from _failing(doc, "0184", valid)


@rule("PEPPOL-COMMON-R043")
def peppol_common_r043(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0208 (Belgian enterprise number) MUST be 10 digits, mod 97."""

    def valid(el: Element) -> bool:
        value = normalize_space(string_value(el))
        return bool(re.fullmatch("[0-9]{10}", value)) and identifiers.mod97_0208(value)

    yield from _failing(doc, "0208", valid)


@rule("PEPPOL-COMMON-R044")
def peppol_common_r044(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0201 (Italian IPA code) should be six letters or digits."""
    yield from _failing(
        doc, "0201", lambda el: identifiers.codice_ipa(normalize_space(string_value(el)))
    )


@rule("PEPPOL-COMMON-R045")
def peppol_common_r045(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0210 (Italian codice fiscale) should be well-formed."""
    yield from _failing(
        doc, "0210", lambda el: identifiers.codice_fiscale(normalize_space(string_value(el)))
    )


@rule("PEPPOL-COMMON-R046")
def peppol_common_r046(doc: Document) -> Iterator[Element]:
    """Electronic addresses in scheme 9907 (Italian codice fiscale) should be well-formed."""
    for el in _identifiers(doc).get("9907", ()):
        if el.tag == CBC + "EndpointID" and not identifiers.codice_fiscale(
            normalize_space(string_value(el))
        ):
            yield el


@rule("PEPPOL-COMMON-R047")
def peppol_common_r047(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0211 (Italian partita IVA) should carry a valid check digit."""
    yield from _failing(
        doc, "0211", lambda el: identifiers.partita_iva_se_it(normalize_space(string_value(el)))
    )


@rule("PEPPOL-COMMON-R049")
def peppol_common_r049(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0007 (Swedish organisation number) MUST be 10 digits, Luhn."""

    def valid(el: Element) -> bool:
        value = normalize_space(string_value(el))
        return (
            len(value) == 10
            and number(value) == number(value)  # not NaN
            and identifiers.swedish_orgnr(value)
        )

    yield from _failing(doc, "0007", valid)


@rule("PEPPOL-COMMON-R050")
def peppol_common_r050(doc: Document) -> Iterator[Element]:
    """Identifiers in scheme 0151 (Australian Business Number) MUST be 11 digits, mod 89."""

    def valid(el: Element) -> bool:
        value = normalize_space(string_value(el))
        return bool(re.fullmatch("[0-9]{11}", value)) and identifiers.abn(value)

    yield from _failing(doc, "0151", valid)
