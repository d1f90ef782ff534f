"""EN 16931 (UBL) rules as in the PEPPOL release 2026.5 bundle (mandatory from 2026-08-24).

The CEN rules of OpenPEPPOL release 2026.5 (``CEN-EN16931-UBL.xslt`` of the release)
differ from the release of the unit tests in these rules, registered here in a registry
the 2026.5 rule sets consult first (every other rule is the function of
:mod:`heldigital.rules.en16931`):

* code lists: ``BR-CL-01`` (502 and 503 are credit note type codes, no longer invoice
  type codes), ``BR-CL-03``/``-04``/``-05`` (ISO 4217: ANG, BGN, CUC, MRO out; CNH, MRU,
  UYW, XCG in), ``BR-CL-10``/``-11``/``-21``/``-26`` (ICD 0241 … 0248 added), ``BR-CL-22``
  (VATEX-EU-135-1 added), ``BR-CL-25`` (EAS 0242, 0244, 0245, 0246, 0248 added);
* ``BR-CO-26``: a seller identifier with scheme ``SEPA`` does not identify the seller;
* ``BR-B-02``: the standard-rated breakdowns are read at
  ``cac:TaxSubtotal/cac:TaxCategory/cbc:ID`` (was ``cac:TaxSubtotal/cbc:ID``, no element);
* ``UBL-SR-23``: counts ``cac:PartyTaxScheme/cbc:CompanyID`` of the tax representative
  (was ``cac:Party/cac:PartyTaxScheme/…``, below a party it has not);
* ``UBL-CR-674``: ``cbc:PrimaryAccountNumberID/@schemeID`` (was ``PrimaryAccountNumber``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from heldigital.rules import codelists as cl
from heldigital.rules.core import NS, Check, Document, Registry
from heldigital.rules.en16931 import codes, model_co, model_vat, syntax
from heldigital.rules.en16931._registry import REGISTRY as BASE

Element = etree._Element
_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"

REGISTRY = Registry("en16931-2026.5", release="2026.5", sources=("CEN-EN16931-UBL",))
rule = REGISTRY.rule

UNCL1001_INVOICE_TYPE = cl.UNCL1001_INVOICE_TYPE - {"502", "503"}
UNCL1001_CREDIT_NOTE_TYPE = cl.UNCL1001_CREDIT_NOTE_TYPE | {"502", "503"}
ISO4217_CURRENCY = (cl.ISO4217_CURRENCY - {"ANG", "BGN", "CUC", "MRO"}) | {
    "CNH",
    "MRU",
    "UYW",
    "XCG",
}
ISO6523_ICD = cl.ISO6523_ICD | {f"{n:04d}" for n in range(241, 249)}
VATEX_EXEMPTION_REASON = cl.VATEX_EXEMPTION_REASON | {"VATEX-EU-135-1"}
CEF_EAS = cl.CEF_EAS | {"0242", "0244", "0245", "0246", "0248"}


def _same(rule_id: str, context: list[str] | None = None) -> Callable[[Check], Check]:
    """Register the decorated function under ``rule_id`` with the context of the base
    registry's rule unless the path changed (flag and message: the 2026.5 manifest's)."""
    old = BASE.logic(rule_id)
    assert old is not None, rule_id
    return rule(rule_id, context=old.context if context is None else context)


@_same("BR-CL-01")
def br_cl_01(doc: Document) -> Iterator[Element]:
    """Document type code (BT-3) in the invoice / credit note subsets of UNTDID 1001 (2026.5)."""
    yield from codes._failing(
        codes.elements(doc, _CBC + "InvoiceTypeCode"), codes._text, UNCL1001_INVOICE_TYPE
    )
    yield from codes._failing(
        codes.elements(doc, _CBC + "CreditNoteTypeCode"), codes._text, UNCL1001_CREDIT_NOTE_TYPE
    )


@_same("BR-CL-03")
def br_cl_03(doc: Document) -> Iterator[Element]:
    """Every amount's ``currencyID`` is in ISO 4217 (2026.5 list)."""
    yield from codes._failing(
        codes.elements(doc, *codes._AMOUNTS), codes._attribute("currencyID"), ISO4217_CURRENCY
    )


@_same("BR-CL-04")
def br_cl_04(doc: Document) -> Iterator[Element]:
    """Invoice currency code (BT-5) in ISO 4217 (2026.5 list)."""
    yield from codes._failing(
        codes.elements(doc, _CBC + "DocumentCurrencyCode"), codes._text, ISO4217_CURRENCY
    )


@_same("BR-CL-05")
def br_cl_05(doc: Document) -> Iterator[Element]:
    """Tax currency code (BT-6) in ISO 4217 (2026.5 list)."""
    yield from codes._failing(
        codes.elements(doc, _CBC + "TaxCurrencyCode"), codes._text, ISO4217_CURRENCY
    )


@_same("BR-CL-10")
def br_cl_10(doc: Document) -> Iterator[Element]:
    """Party identifier schemes in ISO 6523 ICD (2026.5), or SEPA for the seller or payee."""
    for el in codes._failing(codes._party_ids(doc), codes._attribute("schemeID"), ISO6523_ICD):
        if not codes._sepa_party(el):
            yield el


@_same("BR-CL-11")
def br_cl_11(doc: Document) -> Iterator[Element]:
    """Legal registration identifier schemes in ISO 6523 ICD (2026.5)."""
    ids = codes._with_attribute(
        codes._children(doc, "PartyLegalEntity", _CBC + "CompanyID"), "schemeID"
    )
    yield from codes._failing(ids, codes._attribute("schemeID"), ISO6523_ICD)


@_same("BR-CL-21")
def br_cl_21(doc: Document) -> Iterator[Element]:
    """Item standard identifier schemes in ISO 6523 ICD (2026.5)."""
    ids = codes._with_attribute(
        codes._children(doc, "StandardItemIdentification", _CBC + "ID"), "schemeID"
    )
    yield from codes._failing(ids, codes._attribute("schemeID"), ISO6523_ICD)


@_same("BR-CL-22")
def br_cl_22(doc: Document) -> Iterator[Element]:
    """VAT exemption reason codes in the VATEX list (2026.5), compared upper-cased."""
    yield from codes._failing(
        codes.elements(doc, _CBC + "TaxExemptionReasonCode"),
        lambda el: syntax.string_value(el).upper(),
        VATEX_EXEMPTION_REASON,
    )


@_same("BR-CL-25")
def br_cl_25(doc: Document) -> Iterator[Element]:
    """Electronic address schemes in the CEF EAS list (2026.5)."""
    endpoints = codes._with_attribute(codes.elements(doc, _CBC + "EndpointID"), "schemeID")
    yield from codes._failing(endpoints, codes._attribute("schemeID"), CEF_EAS)


@_same("BR-CL-26")
def br_cl_26(doc: Document) -> Iterator[Element]:
    """Delivery location identifier schemes in ISO 6523 ICD (2026.5)."""
    ids = codes._with_attribute(codes._children(doc, "DeliveryLocation", _CBC + "ID"), "schemeID")
    yield from codes._failing(ids, codes._attribute("schemeID"), ISO6523_ICD)


@_same("BR-CO-26")
def br_co_26(doc: Document) -> Iterator[Element]:
    """Seller identifier (BT-29, not scheme SEPA), legal registration identifier (BT-30) or
    VAT identifier (BT-31) present: ``exists(cac:Party/cac:PartyIdentification/cbc:ID[not(
    @schemeID = 'SEPA')])`` replaces the plain identifier test."""
    ix = model_co.index(doc)
    for supplier in ix.all(_CAC + "AccountingSupplierParty"):
        ok = False
        for party in ix.children(supplier, _CAC + "Party"):
            identified = any(
                i.get("schemeID") != "SEPA"
                for ident in ix.children(party, _CAC + "PartyIdentification")
                for i in ix.children(ident, _CBC + "ID")
            )
            if (
                any(
                    ix.vat(pts) and ix.has(pts, _CBC + "CompanyID")
                    for pts in ix.children(party, _CAC + "PartyTaxScheme")
                )
                or identified
                or ix.has(party, _CAC + "PartyLegalEntity", _CBC + "CompanyID")
            ):
                ok = True
                break
        if not ok:
            yield supplier


@_same("BR-B-02")
def br_b_02(doc: Document) -> Iterator[Element]:
    """Split payment (B) and standard rated (S) never together; the standard-rated
    breakdowns are ``cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID = 'S'`` (2026.5)."""
    if model_vat._absent(doc, "B"):
        return
    ix = model_vat.index(doc)
    document_level = [t for t in ix.allowance_categories if t.doc_level]
    split = (
        any("B" in t.raw_codes for t in ix.breakdown)
        or any("B" in t.raw_codes for t in document_level)
        or any("B" in t.raw_codes for t in ix.classified)
    )
    if split:
        standard = (
            any("S" in t.raw_codes for t in ix.breakdown)
            or any("S" in t.raw_codes for t in document_level)
            or any("S" in t.raw_codes for t in ix.classified)
        )
        yield from model_vat._root_unless(doc, not standard)


@_same("UBL-SR-23")
def ubl_sr_23(doc: Document) -> Iterator[Element]:
    """Seller tax representative VAT identifier (BT-63) at most once:
    ``count(cac:PartyTaxScheme/cbc:CompanyID) <= 1`` (2026.5)."""
    for party in syntax._anywhere(doc, _CAC + "TaxRepresentativeParty"):
        if syntax._count(party, "cac:PartyTaxScheme/cbc:CompanyID") > 1:
            yield party


@_same("UBL-CR-674", context=[_CBC + "PrimaryAccountNumberID"])
def ubl_cr_674(doc: Document) -> Iterator[Element]:
    """``not(//cbc:PrimaryAccountNumberID/@schemeID)`` on the document (2026.5)."""
    if any(el.get("schemeID") is not None for el in doc.all(_CBC + "PrimaryAccountNumberID")):
        yield doc.root
