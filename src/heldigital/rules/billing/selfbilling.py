"""PEPPOL BIS Self-Billing 3.0 (UBL), release 2026.5: ``PEPPOL-EN16931-UBL-SB``.

The self-billing Schematron is the BIS Billing one without the national rules and
without ``PEPPOL-EN16931-P0112``, with five rules of its own (same ids, other tests),
registered here:

* ``PEPPOL-EN16931-R004``: the specification identifier begins with the self-billing
  identifier (and has no ``::``);
* ``PEPPOL-EN16931-R007``: the business process is a self-billing profile;
* ``PEPPOL-EN16931-P0100`` / ``-P0101``: in profile 01 (``…:selfbilling:01:1.0`` and the
  French profiles) the invoice type code is 389 or 527, the credit note type code 261;
* ``PEPPOL-EN16931-R051``: the currency of every amount is the invoice currency, the
  tax subtotals' tax amounts not included.

Official configuration ``peppolbis-en16931-sbbase-3.0-ubl`` (ehf-postaward-g3
``self-billing-3.0/rules/buildconfig.xml``): CEN EN 16931 + this.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing import release_2026_5
from heldigital.rules.billing._xp import AMOUNTS, CAC, CBC, DOCUMENTS, child, children, elements
from heldigital.rules.core import Document, Registry
from heldigital.rules.xpath import normalize_space, string_value

Element = etree._Element

REGISTRY = Registry("peppol-selfbilling", release="2026.5", sources=("PEPPOL-EN16931-UBL-SB",))
rule = REGISTRY.rule

SPECIFICATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0"
PROFILE_01 = (
    "urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0",
    "urn:peppol:france:billing:regulated",
    "urn:peppol:france:billing:non-regulated",
)


@rule("PEPPOL-EN16931-R004")
def peppol_en16931_r004(doc: Document) -> Iterator[Element]:
    """Specification identifier (BT-24) begins with the Self-Billing 3.0 identifier, no ``::``."""
    yield from release_2026_5.specification_check(doc, SPECIFICATION)


def _profile(doc: Document) -> str:
    found = doc.cache.get("selfbilling.profile")
    if found is None:
        found = doc.cache["selfbilling.profile"] = release_2026_5.profile(doc, PROFILE_01)
    return str(found)


def _type_codes(doc: Document, tag: str, allowed: frozenset[str]) -> Iterator[Element]:
    if _profile(doc) != "01":
        return
    for code in elements(doc, tag):
        if normalize_space(release_2026_5.first_text(code)) not in allowed:
            yield code


@rule("PEPPOL-EN16931-R007")
def peppol_en16931_r007(doc: Document) -> Iterator[Element]:
    """Business process (BT-23) MUST be an approved self-billing profile identifier."""
    if _profile(doc) == "Unknown":
        yield from elements(doc, *DOCUMENTS)


@rule("PEPPOL-EN16931-P0100")
def peppol_en16931_p0100(doc: Document) -> Iterator[Element]:
    """Invoice type code (BT-3) of self-billing profile 01 MUST be 389 or 527."""
    yield from _type_codes(doc, CBC + "InvoiceTypeCode", frozenset({"389", "527"}))


@rule("PEPPOL-EN16931-P0101")
def peppol_en16931_p0101(doc: Document) -> Iterator[Element]:
    """Credit note type code (BT-3) of self-billing profile 01 MUST be 261."""
    yield from _type_codes(doc, CBC + "CreditNoteTypeCode", frozenset({"261"}))


@rule(
    "PEPPOL-EN16931-R051",
    context=[*AMOUNTS],
)
def peppol_en16931_r051(doc: Document) -> Iterator[Element]:
    """Every amount's ``currencyID`` equals the invoice currency code (BT-5); of the tax
    amounts only a tax total's with subtotals (not BT-111, not the subtotals')."""
    currencies = {string_value(c) for c in children(doc.root, CBC + "DocumentCurrencyCode")}
    for amount in elements(doc, *AMOUNTS):
        if amount.tag == CBC + "TaxAmount":
            parent = amount.getparent()
            if not (
                parent is not None
                and parent.tag == CAC + "TaxTotal"
                and child(parent, CAC + "TaxSubtotal") is not None
            ):
                continue
        if amount.get("currencyID") not in currencies:
            yield amount
