"""EN 16931 code list rules of the UBL binding: ``BR-CL-*``.

Source: EN 16931-1:2017 + A1:2019 clause 6.4 (code lists) as implemented by the
CEN/TC 434 validation artefacts, ``ubl/schematron/codelist/EN16931-UBL-codes.sch``
(pattern ``Codesmodel``) and, for BR-CL-08, ``ubl/schematron/UBL/EN16931-UBL-model.sch``
(ConnectingEurope/eInvoicing-EN16931). The lists themselves are in
:mod:`heldigital.rules.codelists`.

A rule context such as ``cac:TaxCategory/cbc:ID`` matches that element anywhere in the
document; every matching element whose code is not in the list yields once. The usual
test is ``contains(' LIST ', concat(' ', normalize-space(.), ' '))`` without inner
spaces, i.e. membership of the whitespace-normalised value
(:func:`heldigital.rules.codelists.in_list`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from heldigital.rules import codelists as cl
from heldigital.rules.core import NS, Document
from heldigital.rules.en16931._registry import rule
from heldigital.rules.en16931.syntax import (
    CREDIT_NOTE,
    INVOICE,
    charge_indicator_is,
    string_value,
)
from heldigital.rules.en16931.syntax_index import elements, index_tags

__all__: list[str] = []

_CAC = "{" + NS["cac"] + "}"
_CBC = "{" + NS["cbc"] + "}"

Element = etree._Element


index_tags(
    *(
        _CBC + name
        for name in (
            "InvoiceTypeCode",
            "CreditNoteTypeCode",
            "DocumentCurrencyCode",
            "TaxCurrencyCode",
            "TaxExemptionReasonCode",
            "InvoicedQuantity",
            "BaseQuantity",
            "CreditedQuantity",
            "EmbeddedDocumentBinaryObject",
            "EndpointID",
        )
    ),
    *(
        _CAC + name
        for name in (
            "InvoicePeriod",
            "AdditionalDocumentReference",
            "DocumentReference",
            "PartyIdentification",
            "PartyLegalEntity",
            "CommodityClassification",
            "Country",
            "OriginCountry",
            "PaymentMeans",
            "TaxCategory",
            "ClassifiedTaxCategory",
            "AllowanceCharge",
            "StandardItemIdentification",
            "DeliveryLocation",
        )
    ),
)


def _children(doc: Document, parent: str, child: str) -> Iterator[Element]:
    """Context ``PARENT/CHILD`` anywhere in the document."""
    for container in elements(doc, _CAC + parent):
        for el in container:
            if el.tag == child:
                yield el


def _failing(
    candidates: Iterable[Element], value: Callable[[Element], str | None], codes: frozenset[str]
) -> Iterator[Element]:
    """Elements whose value is not a listed code (values memoised: lines repeat them)."""
    verdict: dict[str | None, bool] = {}
    for el in candidates:
        raw = value(el)
        ok = verdict.get(raw)
        if ok is None:
            ok = verdict[raw] = cl.in_list(raw, codes)
        if not ok:
            yield el


#: The value of a code element: its XPath string value.
_text = string_value


def _attribute(name: str) -> Callable[[Element], str | None]:
    def get(el: Element) -> str:
        # normalize-space(@x) of an absent attribute is the empty string
        return el.get(name) or ""

    return get


def _with_attribute(candidates: Iterable[Element], name: str) -> Iterator[Element]:
    return (el for el in candidates if el.get(name) is not None)


@rule("BR-CL-01")
def br_cl_01(doc: Document) -> Iterator[Element]:
    """The Invoice type code (BT-3) MUST be coded by the invoice and credit note related code
    lists of UNTDID 1001: ``cbc:InvoiceTypeCode`` from the invoice subset,
    ``cbc:CreditNoteTypeCode`` from the credit note subset."""
    yield from _failing(elements(doc, _CBC + "InvoiceTypeCode"), _text, cl.UNCL1001_INVOICE_TYPE)
    yield from _failing(
        elements(doc, _CBC + "CreditNoteTypeCode"), _text, cl.UNCL1001_CREDIT_NOTE_TYPE
    )


_AMOUNTS = tuple(
    _CBC + name
    for name in (
        "Amount",
        "BaseAmount",
        "PriceAmount",
        "TaxAmount",
        "TaxableAmount",
        "LineExtensionAmount",
        "TaxExclusiveAmount",
        "TaxInclusiveAmount",
        "AllowanceTotalAmount",
        "ChargeTotalAmount",
        "PrepaidAmount",
        "PayableRoundingAmount",
        "PayableAmount",
    )
)
index_tags(*_AMOUNTS)


@rule("BR-CL-03")
def br_cl_03(doc: Document) -> Iterator[Element]:
    """The currencyID of every amount MUST be coded using ISO 4217 alpha-3 (BT-5 for the
    document amounts, BT-6 for the VAT total in accounting currency)."""
    return _failing(elements(doc, *_AMOUNTS), _attribute("currencyID"), cl.ISO4217_CURRENCY)


@rule("BR-CL-04")
def br_cl_04(doc: Document) -> Iterator[Element]:
    """The Invoice currency code (BT-5) MUST be coded using ISO 4217 alpha-3."""
    return _failing(elements(doc, _CBC + "DocumentCurrencyCode"), _text, cl.ISO4217_CURRENCY)


@rule("BR-CL-05")
def br_cl_05(doc: Document) -> Iterator[Element]:
    """The VAT accounting currency code (BT-6) MUST be coded using ISO 4217 alpha-3."""
    return _failing(elements(doc, _CBC + "TaxCurrencyCode"), _text, cl.ISO4217_CURRENCY)


@rule("BR-CL-06")
def br_cl_06(doc: Document) -> Iterator[Element]:
    """The Value added tax point date code (BT-8) MUST be coded using a restriction of UNTDID
    2005 (3, 35, 432); context ``cac:InvoicePeriod/cbc:DescriptionCode``."""
    return _failing(
        _children(doc, "InvoicePeriod", _CBC + "DescriptionCode"),
        _text,
        cl.UNTDID2005_VAT_DATE_CODE,
    )


def _object_ids(doc: Document) -> Iterator[Element]:
    """``cac:AdditionalDocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID[@schemeID] |
    cac:DocumentReference[cbc:DocumentTypeCode = '130']/cbc:ID[@schemeID]``."""
    for ref in elements(doc, _CAC + "AdditionalDocumentReference", _CAC + "DocumentReference"):
        if any(string_value(c) == "130" for c in ref.iterfind(_CBC + "DocumentTypeCode")):
            yield from _with_attribute(ref.iterfind(_CBC + "ID"), "schemeID")


@rule("BR-CL-07")
def br_cl_07(doc: Document) -> Iterator[Element]:
    """The scheme identifier of the Invoiced object identifier (BT-18) and of a line object
    identifier (BT-128) MUST be coded using a restriction of UNTDID 1153."""
    return _failing(_object_ids(doc), _attribute("schemeID"), cl.UNCL1153_REFERENCE_QUALIFIER)


_SUBJECTS = " " + " ".join(cl.UNCL4451_TEXT_SUBJECT_ORDER) + " "


@rule("BR-CL-08")
def br_cl_08(doc: Document) -> Iterator[Element]:
    """The Invoice note subject code (BT-21), written as ``#CODE#`` in the note (BT-22),
    shall be coded using UNTDID 4451.

    Context ``/ubl:Invoice/cbc:Note | /cn:CreditNote/cbc:Note``; official test (the
    ``EN16931-UBL-model.sch`` binding of the release whose message says "shall")::

        (contains(.,'#') and string-length(CODE)=3 and contains(' LIST ', CODE))
        or not(contains(.,'#')) or not(string-length(CODE)=3)

    with ``CODE = substring-before(substring-after(.,'#'),'#')``: only a three-character
    code between the first two ``#`` is checked, as a substring of the list string.
    """
    if doc.root.tag not in (INVOICE, CREDIT_NOTE):
        return
    for note in doc.root.iterfind(_CBC + "Note"):
        value = string_value(note)
        if "#" not in value:
            continue
        rest = value.partition("#")[2]
        code, second, _ = rest.partition("#")
        subject = code if second else ""
        if len(subject) == 3 and subject not in _SUBJECTS:
            yield note


def _party_ids(doc: Document) -> Iterator[Element]:
    return _with_attribute(_children(doc, "PartyIdentification", _CBC + "ID"), "schemeID")


def _sepa_party(el: Element) -> bool:
    """``normalize-space(@schemeID) = 'SEPA'`` below the seller (BG-4) or the payee (BG-10)."""
    if cl.normalize_space(el.get("schemeID") or "") != "SEPA":
        return False
    return any(
        True for _ in el.iterancestors(_CAC + "AccountingSupplierParty", _CAC + "PayeeParty")
    )


@rule("BR-CL-10")
def br_cl_10(doc: Document) -> Iterator[Element]:
    """The scheme of a party identifier (BT-29, BT-46, BT-60, ...) MUST be an ISO 6523 ICD;
    ``SEPA`` is also accepted for the bank assigned creditor identifier (BT-90) of the seller
    or the payee."""
    for el in _failing(_party_ids(doc), _attribute("schemeID"), cl.ISO6523_ICD):
        if not _sepa_party(el):
            yield el


@rule("BR-CL-11")
def br_cl_11(doc: Document) -> Iterator[Element]:
    """The scheme of a legal registration identifier (BT-30, BT-47, BT-61) MUST be an ISO 6523
    ICD; context ``cac:PartyLegalEntity/cbc:CompanyID[@schemeID]``."""
    ids = _with_attribute(_children(doc, "PartyLegalEntity", _CBC + "CompanyID"), "schemeID")
    return _failing(ids, _attribute("schemeID"), cl.ISO6523_ICD)


@rule("BR-CL-13")
def br_cl_13(doc: Document) -> Iterator[Element]:
    """The scheme of the Item classification identifier (BT-158) MUST be from UNTDID 7143;
    context ``cac:CommodityClassification/cbc:ItemClassificationCode[@listID]``."""
    codes = _with_attribute(
        _children(doc, "CommodityClassification", _CBC + "ItemClassificationCode"), "listID"
    )
    return _failing(codes, _attribute("listID"), cl.UNCL7143_ITEM_CLASSIFICATION)


@rule("BR-CL-14")
def br_cl_14(doc: Document) -> Iterator[Element]:
    """Country codes (BT-40, BT-55, BT-69, BT-80) MUST be coded using ISO 3166-1 alpha-2;
    context ``cac:Country/cbc:IdentificationCode``."""
    return _failing(
        _children(doc, "Country", _CBC + "IdentificationCode"), _text, cl.ISO3166_ALPHA2_COUNTRY
    )


@rule("BR-CL-15")
def br_cl_15(doc: Document) -> Iterator[Element]:
    """The Item country of origin (BT-159) MUST be coded using ISO 3166-1 alpha-2;
    context ``cac:OriginCountry/cbc:IdentificationCode``."""
    return _failing(
        _children(doc, "OriginCountry", _CBC + "IdentificationCode"),
        _text,
        cl.ISO3166_ALPHA2_COUNTRY,
    )


@rule("BR-CL-16")
def br_cl_16(doc: Document) -> Iterator[Element]:
    """The Payment means type code (BT-81) MUST be coded using UNTDID 4461."""
    return _failing(
        _children(doc, "PaymentMeans", _CBC + "PaymentMeansCode"),
        _text,
        cl.UNCL4461_PAYMENT_MEANS,
    )


@rule("BR-CL-17")
def br_cl_17(doc: Document) -> Iterator[Element]:
    """VAT category codes (BT-95, BT-102, BT-118) MUST be coded using UNTDID 5305;
    context ``cac:TaxCategory/cbc:ID``."""
    return _failing(_children(doc, "TaxCategory", _CBC + "ID"), _text, cl.UNCL5305_VAT_CATEGORY)


@rule("BR-CL-18")
def br_cl_18(doc: Document) -> Iterator[Element]:
    """The Invoiced item VAT category code (BT-151) MUST be coded using UNTDID 5305;
    context ``cac:ClassifiedTaxCategory/cbc:ID``."""
    return _failing(
        _children(doc, "ClassifiedTaxCategory", _CBC + "ID"), _text, cl.UNCL5305_VAT_CATEGORY
    )


def _reason_codes(doc: Document, charge: bool) -> Iterator[Element]:
    """``cac:AllowanceCharge[cbc:ChargeIndicator = CHARGE()]/cbc:AllowanceChargeReasonCode``.

    An allowance/charge whose indicators say both (two indicators) matches the allowance
    rule, which comes first in the pattern, and not the charge rule.
    """
    for ac in elements(doc, _CAC + "AllowanceCharge"):
        is_allowance = charge_indicator_is(ac, False)
        if is_allowance if not charge else (not is_allowance and charge_indicator_is(ac, True)):
            yield from ac.iterfind(_CBC + "AllowanceChargeReasonCode")


@rule("BR-CL-19")
def br_cl_19(doc: Document) -> Iterator[Element]:
    """Allowance reason codes (BT-98, BT-140) MUST belong to UNTDID 5189."""
    return _failing(_reason_codes(doc, charge=False), _text, cl.UNCL5189_ALLOWANCE_REASON)


@rule("BR-CL-20")
def br_cl_20(doc: Document) -> Iterator[Element]:
    """Charge reason codes (BT-105, BT-145) MUST belong to UNTDID 7161."""
    return _failing(_reason_codes(doc, charge=True), _text, cl.UNCL7161_CHARGE_REASON)


@rule("BR-CL-21")
def br_cl_21(doc: Document) -> Iterator[Element]:
    """The scheme of the Item standard identifier (BT-157) MUST be an ISO 6523 ICD."""
    ids = _with_attribute(_children(doc, "StandardItemIdentification", _CBC + "ID"), "schemeID")
    return _failing(ids, _attribute("schemeID"), cl.ISO6523_ICD)


@rule("BR-CL-22")
def br_cl_22(doc: Document) -> Iterator[Element]:
    """The VAT exemption reason code (BT-121) MUST belong to the CEF VATEX code list
    (compared upper-cased: ``normalize-space(upper-case(.))``)."""
    return _failing(
        elements(doc, _CBC + "TaxExemptionReasonCode"),
        lambda el: string_value(el).upper(),
        cl.VATEX_EXEMPTION_REASON,
    )


@rule("BR-CL-23")
def br_cl_23(doc: Document) -> Iterator[Element]:
    """Unit of measure codes (BT-130, BT-150) MUST be coded according to UN/ECE Recommendation
    20 with the Recommendation 21 extension; context ``cbc:InvoicedQuantity[@unitCode] |
    cbc:BaseQuantity[@unitCode] | cbc:CreditedQuantity[@unitCode]``."""
    quantities = elements(
        doc, _CBC + "InvoicedQuantity", _CBC + "BaseQuantity", _CBC + "CreditedQuantity"
    )
    return _failing(
        _with_attribute(quantities, "unitCode"), _attribute("unitCode"), cl.UNECE_REC20_REC21_UNIT
    )


@rule(
    "BR-CL-24",
    context=[_CBC + "EmbeddedDocumentBinaryObject"],
)
def br_cl_24(doc: Document) -> Iterator[Element]:
    """The mime code of an attached document (BT-125) shall be one of the MIME media types the
    model allows; the official test compares ``@mimeCode`` exactly (no normalisation)."""
    for el in elements(doc, _CBC + "EmbeddedDocumentBinaryObject"):
        mime = el.get("mimeCode")
        if mime is not None and mime not in cl.MIME_ATTACHMENT:
            yield el


@rule("BR-CL-25")
def br_cl_25(doc: Document) -> Iterator[Element]:
    """The scheme of an electronic address (BT-34, BT-49) MUST belong to the CEF EAS code
    list; context ``cbc:EndpointID[@schemeID]``."""
    endpoints = _with_attribute(elements(doc, _CBC + "EndpointID"), "schemeID")
    return _failing(endpoints, _attribute("schemeID"), cl.CEF_EAS)


@rule("BR-CL-26")
def br_cl_26(doc: Document) -> Iterator[Element]:
    """The scheme of the Deliver to location identifier (BT-71) MUST be an ISO 6523 ICD;
    context ``cac:DeliveryLocation/cbc:ID[@schemeID]``."""
    ids = _with_attribute(_children(doc, "DeliveryLocation", _CBC + "ID"), "schemeID")
    return _failing(ids, _attribute("schemeID"), cl.ISO6523_ICD)
