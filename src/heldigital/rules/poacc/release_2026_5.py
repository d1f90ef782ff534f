"""PEPPOL post-award, release 2026.5 (May 2026, in force from 2026-08-24).

The rules of this release that differ from the November 2025 release of the official unit
tests (OpenPEPPOL/poacc-upgrade-3 @ 0e7e5c7) are registered here, in a registry of their own
that the 2026.5 rule sets consult first; every other rule is the function of that release.
The differences, read from the published 2026.5 XSLTs (``PEPPOLBIS-Tnn.xslt``):

* the common identifier pattern gains ``PEPPOL-COMMON-R042`` (Danish CVR, 0184),
  ``R052`` (Danish P number, 0096), ``R053`` (Danish SE number, 0198), all fatal, and the
  warnings ``R054`` (KVK, 0106), ``R055`` (OIN, 0190), ``R056-1`` (Dutch VAT, 9944),
  ``R056-2`` (a Dutch VAT number in a VAT party tax scheme) and ``R057`` (0217);
  ``PEPPOL-COMMON-R048`` (Italian VAT as EAS 9906) is gone;
* ``PEPPOL-T01-R035`` and ``PEPPOL-T114-R035``: a quotation line reference needs the
  quotation document reference;
* ``PEPPOL-T111-R008``: the invoice response process identifier;
* ``PEPPOL-T114-R008`` (line amounts sum to the total) is a warning, and
  ``PEPPOL-T76-R008``/``R009``, ``PEPPOL-T116-R008``/``R009`` and ``PEPPOL-T111-R005`` are
  reworded: same logic, so no function here; the flag and the text are the release
  manifest's (:mod:`heldigital.rules.releases`);
* the generated basic rules are those of :mod:`.basic_2026_5`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from heldigital.rules.core import NS, Document, Element, Registry
from heldigital.rules.poacc import common, t76, t111, t114, t116  # noqa: F401 - registered first
from heldigital.rules.poacc._xp import Pattern
from heldigital.rules.xpath import normalize_space, string_value

__all__ = ["COMMON_RULE_IDS", "REGISTRY", "REMOVED"]

REGISTRY = Registry("peppol-poacc-2026.5", release="2026.5")
rule = REGISTRY.rule

#: Rules of the earlier release that 2026.5 no longer has.
REMOVED = frozenset({"PEPPOL-COMMON-R048"})

#: ``parts/common/rules.sch`` of 2026.5: one pattern, first matching rule wins. Only the
#: party tax scheme rule (R056-2) can meet a node an earlier rule takes.
RULES = Pattern(
    "common-2026.5",
    "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    [
        *((scheme, common._scheme(scheme)) for scheme in ("0088", "0192", "0184", "0096", "0198",
                                                            "0208", "0201", "0210")),
        ("9907", common._scheme("9907", party=False)),
        *((scheme, common._scheme(scheme)) for scheme in ("0211", "0007", "0151", "0106", "0190",
                                                            "9944")),
        (
            "NL-VAT",
            "//cac:PartyTaxScheme[normalize-space(cac:TaxScheme/cbc:ID) = 'VAT']"
            "/cbc:CompanyID[starts-with(normalize-space(.), 'NL')]",
        ),
        ("0217", common._scheme("0217")),
    ],
)  # fmt: skip

#: The common rule ids of 2026.5, in the order of the official patterns.
COMMON_RULE_IDS = (
    "PEPPOL-COMMON-R001", "PEPPOL-COMMON-R003", "PEPPOL-COMMON-R030", "PEPPOL-COMMON-R040",
    "PEPPOL-COMMON-R041", "PEPPOL-COMMON-R042", "PEPPOL-COMMON-R052", "PEPPOL-COMMON-R053",
    "PEPPOL-COMMON-R043", "PEPPOL-COMMON-R044", "PEPPOL-COMMON-R045", "PEPPOL-COMMON-R046",
    "PEPPOL-COMMON-R047", "PEPPOL-COMMON-R049", "PEPPOL-COMMON-R050", "PEPPOL-COMMON-R054",
    "PEPPOL-COMMON-R055", "PEPPOL-COMMON-R056-1", "PEPPOL-COMMON-R056-2", "PEPPOL-COMMON-R057",
)  # fmt: skip

_DIGITS = frozenset("1234567890")


def _digits(value: str) -> bool:
    """``string-length(translate($value, '1234567890', '')) = 0``."""
    return set(value) <= _DIGITS


def _danish_cvr(value: str) -> bool:
    """R042 on ``string()``: ``DK`` and 8 digits, or 8 digits."""
    return (len(value) == 10 and value[:2] == "DK" and _digits(value[2:10])) or (
        len(value) == 8 and _digits(value[:8])
    )


def _danish_p(value: str) -> bool:
    return len(value) == 10 and _digits(value)


def _danish_se(value: str) -> bool:
    return len(value) == 10 and value[:2] == "DK" and _digits(value[2:10])


def _matches(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def _checked(doc: Document, key: str, test: Callable[[str], bool], value) -> Iterator[Element]:
    for node in RULES.nodes(doc, key):
        if not test(value(node)):
            yield node


@rule("PEPPOL-COMMON-R042")
def peppol_common_r042(doc: Document):
    """Danish organisation number (CVR, scheme 0184): ``DK`` and 8 digits, or 8 digits
    (the string value, not normalised)."""
    return _checked(doc, "0184", _danish_cvr, string_value)


@rule("PEPPOL-COMMON-R052")
def peppol_common_r052(doc: Document):
    """Danish P number (scheme 0096): 10 digits (the string value)."""
    return _checked(doc, "0096", _danish_p, string_value)


@rule("PEPPOL-COMMON-R053")
def peppol_common_r053(doc: Document):
    """Danish SE number (scheme 0198): ``DK`` and 8 digits (the string value)."""
    return _checked(doc, "0198", _danish_se, string_value)


@rule("PEPPOL-COMMON-R054")
def peppol_common_r054(doc: Document):
    """Dutch KVK number (scheme 0106): 8 digits."""
    return _checked(doc, "0106", _matches("[0-9]{8}"), normalize_space)


@rule("PEPPOL-COMMON-R055")
def peppol_common_r055(doc: Document):
    """Dutch OIN (scheme 0190): 20 digits."""
    return _checked(doc, "0190", _matches("[0-9]{20}"), normalize_space)


@rule("PEPPOL-COMMON-R056-1")
def peppol_common_r056_1(doc: Document):
    """Dutch VAT number (scheme 9944): ``NL``, 9 digits, ``B``, 2 digits."""
    return _checked(doc, "9944", _matches("NL[0-9]{9}B[0-9]{2}"), normalize_space)


@rule("PEPPOL-COMMON-R056-2")
def peppol_common_r056_2(doc: Document):
    """A VAT party tax scheme's company id starting with ``NL`` is a Dutch VAT number."""
    return _checked(doc, "NL-VAT", _matches("NL[0-9]{9}B[0-9]{2}"), normalize_space)


@rule("PEPPOL-COMMON-R057")
def peppol_common_r057(doc: Document):
    """Dutch establishment number (scheme 0217): 12 digits."""
    return _checked(doc, "0217", _matches("[0-9]{12}"), normalize_space)


_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"


def _quotation_line_without_document(doc: Document) -> Iterator[Element]:
    """``cac:QuotationLineReference/cbc:LineID`` with
    ``exists(/*/cac:QuotationDocumentReference/cbc:ID)`` false."""
    lines = [
        el
        for el in doc.all(_CBC + "LineID")
        if (parent := el.getparent()) is not None and parent.tag == _CAC + "QuotationLineReference"
    ]
    if not lines:
        return
    referenced = any(
        next(ref.iterchildren(_CBC + "ID"), None) is not None
        for ref in doc.root.iterchildren(_CAC + "QuotationDocumentReference")
    )
    if not referenced:
        yield from lines


@rule("PEPPOL-T01-R035")
def peppol_t01_r035(doc: Document):
    """An order line referencing a quotation line needs the quotation document reference."""
    return _quotation_line_without_document(doc)


@rule("PEPPOL-T114-R035")
def peppol_t114_r035(doc: Document):
    """An order change line referencing a quotation line needs the quotation document
    reference."""
    return _quotation_line_without_document(doc)


_INVOICE_RESPONSE_PROFILES = (
    "urn:fdc:peppol.eu:poacc:bis:invoice_response:3",
    "urn:peppol:bis:billing_with_response",
)


@rule("PEPPOL-T111-R008")
def peppol_t111_r008(doc: Document):
    """The invoice response's process identifier (every ``cbc:ProfileID``) is one of two."""
    for node in doc.all(_CBC + "ProfileID"):
        if normalize_space(node) not in _INVOICE_RESPONSE_PROFILES:
            yield node
