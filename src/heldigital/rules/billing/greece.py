"""Greek national rules of PEPPOL BIS Billing 3.0 (``GR-R-*``, ``GR-S-*``).

Gated on ``$isGreekSender`` (``$supplierCountry`` is ``GR`` or ``EL``) and,
for buyer rules, ``$isGreekSenderandReceiver``. The invoice number of a
Greek seller has six ``|``-separated segments (issuer TIN, issue date
dd/mm/yyyy, branch, myDATA document type, series, number), and the myDATA
registration number (MARK) and invoice URL travel as additional supporting
documents described ``##M.AR.K##`` and ``##INVOICE|URL##``. TIN check digits
follow the official ``u:TinVerification`` (see
:func:`heldigital.rules.billing.identifiers.greek_tin`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing import identifiers
from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import (
    CAC,
    CBC,
    CREDIT_NOTE,
    INVOICE,
    child,
    children,
    elements,
    path,
)
from heldigital.rules.core import Document
from heldigital.rules.xpath import (
    castable_integer,
    normalize_space,
    number,
    string_value,
    substring,
    tokenize,
)

Element = etree._Element

_DATE = re.compile(r"^(0?[1-9]|[12][0-9]|3[01])[-\\/ ]?(0?[1-9]|1[0-2])[-\\/ ]?(19|20)[0-9]{2}")
#: ``tokenize('1.1 1.6 2.1 2.4 5.1 5.2 ','\s')`` - note the trailing empty token.
_DOCUMENT_TYPES = ("1.1", "1.6", "2.1", "2.4", "5.1", "5.2", "")
_MARK = "##M.AR.K##"
_URL = "##INVOICE|URL##"


def _sender(doc: Document) -> bool:
    return variables(doc).greek_sender


def _sender_and_receiver(doc: Document) -> bool:
    found = variables(doc)
    return found.greek_sender and found.greek_receiver


def _vat_company_ids(party: Element, normalized: bool) -> list[Element]:
    """``cac:PartyTaxScheme[(normalize-space)(cac:TaxScheme/cbc:ID) = 'VAT']/cbc:CompanyID``."""
    result = []
    for scheme in children(party, CAC + "PartyTaxScheme"):
        ids = [string_value(i) for i in path(scheme, CAC + "TaxScheme", CBC + "ID")]
        matches = normalize_space(ids[0] if ids else "") == "VAT" if normalized else "VAT" in ids
        if matches:
            result.extend(children(scheme, CBC + "CompanyID"))
    return result


def _vat_tins(holders: list[Element]) -> set[str]:
    """``.../cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/substring(cbc:CompanyID, 3, 9)``."""
    tins = set()
    for holder in holders:
        for scheme in children(holder, CAC + "PartyTaxScheme"):
            if "VAT" in [string_value(i) for i in path(scheme, CAC + "TaxScheme", CBC + "ID")]:
                tins.add(substring(string_value(child(scheme, CBC + "CompanyID")), 3, 9))
    return tins


def _ids(doc: Document) -> Iterator[Element]:
    """The invoice number (BT-1) elements, when the seller is Greek."""
    if not _sender(doc) or doc.root.tag not in (INVOICE, CREDIT_NOTE):
        return
    yield from doc.root.iterchildren(CBC + "ID")


def _segments(el: Element) -> list[str]:
    return tokenize(string_value(el), r"\|")


def _segment(segments: list[str], position: int) -> str | None:
    return segments[position - 1] if len(segments) >= position else None


def _gate(doc: Document) -> bool:
    """``$isGreekSender``, or for GR-R-009 ``$accountingSupplierCountry`` GR or EL."""
    found = variables(doc)
    return found.greek_sender or found.accounting_supplier_country in ("GR", "EL")


#: every rule here is gated on ``_gate`` (skipped for documents where it is false)
rule = national("GR", _gate)


@rule("GR-R-001-1")
def gr_r_001_1(doc: Document) -> Iterator[Element]:
    """The invoice number (BT-1) of a Greek seller has six ``|``-separated segments."""
    for el in _ids(doc):
        if len(_segments(el)) != 6:
            yield el


@rule("GR-R-001-2")
def gr_r_001_2(doc: Document) -> Iterator[Element]:
    """Segment 1 of BT-1 is a valid TIN equal to the seller's or tax representative's VAT TIN."""
    root = doc.root
    for el in _ids(doc):
        first = _segment(_segments(el), 1)
        tins = _vat_tins(path(root, CAC + "AccountingSupplierParty", CAC + "Party"))
        tins |= _vat_tins(children(root, CAC + "TaxRepresentativeParty"))
        if not (
            first is not None
            and len(normalize_space(first)) == 9
            and identifiers.greek_tin(first)
            and first in tins
        ):
            yield el


@rule("GR-R-001-3")
def gr_r_001_3(doc: Document) -> Iterator[Element]:
    """Segment 2 of BT-1 is the issue date (BT-2) written dd/mm/yyyy."""
    issue = children(doc.root, CBC + "IssueDate")
    issue_parts = tokenize(string_value(issue[0]), "-") if issue else []
    for el in _ids(doc):
        second = _segment(_segments(el), 2)
        if second is None or not normalize_space(second) or not _DATE.search(second):
            yield el
            continue
        date_parts = tokenize(second, "/")
        pairs = ((1, 3), (2, 2), (3, 1))  # dd/mm/yyyy against yyyy-mm-dd
        if not all(
            len(date_parts) >= i
            and len(issue_parts) >= j
            and date_parts[i - 1] == issue_parts[j - 1]
            for i, j in pairs
        ):
            yield el


@rule("GR-R-001-4")
def gr_r_001_4(doc: Document) -> Iterator[Element]:
    """Segment 3 of BT-1 (branch) is a non-negative integer."""
    for el in _ids(doc):
        third = _segment(_segments(el), 3)
        if (
            third is None
            or not normalize_space(third)
            or math.isnan(number(third))
            or not castable_integer(third)
            or int(third.strip(" \t\r\n")) < 0
        ):
            yield el


@rule("GR-R-001-5")
def gr_r_001_5(doc: Document) -> Iterator[Element]:
    """Segment 4 of BT-1 is a myDATA document type (1.1, 1.6, 2.1, 2.4, 5.1, 5.2)."""
    for el in _ids(doc):
        fourth = _segment(_segments(el), 4)
        if fourth is None or not normalize_space(fourth) or fourth not in _DOCUMENT_TYPES:
            yield el


@rule("GR-R-001-6")
def gr_r_001_6(doc: Document) -> Iterator[Element]:
    """Segment 5 of BT-1 (series) is not empty."""
    for el in _ids(doc):
        if not _segment(_segments(el), 5):
            yield el


@rule("GR-R-001-7")
def gr_r_001_7(doc: Document) -> Iterator[Element]:
    """Segment 6 of BT-1 (number) is not empty."""
    for el in _ids(doc):
        if not _segment(_segments(el), 6):
            yield el


def _greek_sellers(doc: Document) -> Iterator[Element]:
    """``cac:AccountingSupplierParty[$isGreekSender]/cac:Party``."""
    if not _sender(doc):
        return
    for holder in elements(doc, CAC + "AccountingSupplierParty"):
        yield from holder.iterchildren(CAC + "Party")


def _name_length(party: Element) -> int:
    names = path(party, CAC + "PartyName", CBC + "Name")
    return len(string_value(names[0])) if names else 0


@rule("GR-R-002")
def gr_r_002(doc: Document) -> Iterator[Element]:
    """Greek sellers provide their name (BT-28, ``cac:PartyName``)."""
    for party in _greek_sellers(doc):
        if _name_length(party) == 0:
            yield party


def _valid_el_vat(party: Element) -> bool:
    ids = _vat_company_ids(party, normalized=True)
    if len(ids) != 1:
        return False
    value = string_value(ids[0])
    return substring(value, 1, 2) == "EL" and identifiers.greek_tin(substring(value, 3))


@rule("GR-S-011")
def gr_s_011(doc: Document) -> Iterator[Element]:
    """Greek sellers give one VAT identifier (BT-31): ``EL`` and a valid TIN."""
    for party in _greek_sellers(doc):
        if not _valid_el_vat(party):
            yield party


@rule("GR-R-003")
def gr_r_003(doc: Document) -> Iterator[Element]:
    """Every VAT identifier (BT-31) of a Greek seller is ``EL`` and a valid TIN."""
    for party in _greek_sellers(doc):
        for company in _vat_company_ids(party, normalized=True):
            value = string_value(company)
            if not (substring(value, 1, 2) == "EL" and identifiers.greek_tin(substring(value, 3))):
                yield company


def _seller_address_gr(doc: Document) -> bool:
    """The seller's address country code (BT-40) is ``GR``."""
    codes = path(
        doc.root,
        CAC + "AccountingSupplierParty",
        CAC + "Party",
        CAC + "PostalAddress",
        CAC + "Country",
        CBC + "IdentificationCode",
    )
    return any(string_value(c) == "GR" for c in codes)


def _described(document: Element, description: str) -> list[Element]:
    """``cac:AdditionalDocumentReference[cbc:DocumentDescription = <description>]``."""
    return [
        ref
        for ref in document.iterchildren(CAC + "AdditionalDocumentReference")
        if any(
            string_value(d) == description for d in ref.iterchildren(CBC + "DocumentDescription")
        )
    ]


def _greek_documents(doc: Document) -> Iterator[Element]:
    if not (_sender(doc) and _seller_address_gr(doc)):
        return
    if doc.root.tag in (INVOICE, CREDIT_NOTE):
        yield doc.root


@rule("GR-R-004-1")
def gr_r_004_1(doc: Document) -> Iterator[Element]:
    """Exactly one supporting document described ``##M.AR.K##`` (the myDATA MARK)."""
    for document in _greek_documents(doc):
        if len(_described(document, _MARK)) != 1:
            yield document


@rule("GR-S-008-1")
def gr_s_008_1(doc: Document) -> Iterator[Element]:
    """One supporting document described ``##INVOICE|URL##`` should be present."""
    for document in _greek_documents(doc):
        if len(_described(document, _URL)) != 1:
            yield document


@rule("GR-R-008-2")
def gr_r_008_2(doc: Document) -> Iterator[Element]:
    """At most one supporting document described ``##INVOICE|URL##``."""
    for document in _greek_documents(doc):
        if len(_described(document, _URL)) > 1:
            yield document


@rule("GR-R-004-2")
def gr_r_004_2(doc: Document) -> Iterator[Element]:
    """The MARK (BT-122 of the ``##M.AR.K##`` document) starts with a digit 1-9."""
    if not (_sender(doc) and _seller_address_gr(doc)):
        return
    for ref in elements(doc, CAC + "AdditionalDocumentReference"):
        if not any(string_value(d) == _MARK for d in ref.iterchildren(CBC + "DocumentDescription")):
            continue
        for ident in ref.iterchildren(CBC + "ID"):
            if not re.match("[1-9]", string_value(ident)):
                yield ident


@rule("GR-R-008-3")
def gr_r_008_3(doc: Document) -> Iterator[Element]:
    """The ``##INVOICE|URL##`` document carries an external URI (BT-124)."""
    if not _sender(doc):
        return
    for ref in elements(doc, CAC + "AdditionalDocumentReference"):
        if not any(string_value(d) == _URL for d in ref.iterchildren(CBC + "DocumentDescription")):
            continue
        uris = path(ref, CAC + "Attachment", CAC + "ExternalReference", CBC + "URI")
        if not normalize_space(string_value(uris[0]) if uris else ""):
            yield ref


def _buyers(doc: Document) -> Iterator[Element]:
    for holder in elements(doc, CAC + "AccountingCustomerParty"):
        yield from holder.iterchildren(CAC + "Party")


@rule("GR-R-005")
def gr_r_005(doc: Document) -> Iterator[Element]:
    """Greek sellers provide the buyer's name (BT-45, ``cac:PartyName``)."""
    if not _sender(doc):
        return
    for party in _buyers(doc):
        if _name_length(party) == 0:
            yield party


def _endpoint_ok(endpoint: Element) -> bool:
    return endpoint.get("schemeID") == "9933" and identifiers.greek_tin(string_value(endpoint))


@rule("GR-R-009")
def gr_r_009(doc: Document) -> Iterator[Element]:
    """A Greek seller's electronic address (BT-34) is its TIN in scheme 9933."""
    if variables(doc).accounting_supplier_country not in ("GR", "EL"):
        return
    for holder in elements(doc, CAC + "AccountingSupplierParty"):
        for endpoint in path(holder, CAC + "Party", CBC + "EndpointID"):
            if not _endpoint_ok(endpoint):
                yield endpoint


@rule("GR-R-006")
def gr_r_006(doc: Document) -> Iterator[Element]:
    """Between Greek parties, the buyer's VAT identifier (BT-48) is ``EL`` and a valid TIN."""
    if not _sender_and_receiver(doc):
        return
    for party in _buyers(doc):
        if not _valid_el_vat(party):
            yield party


@rule("GR-R-010")
def gr_r_010(doc: Document) -> Iterator[Element]:
    """Between Greek parties, the buyer's electronic address (BT-49) is its TIN in scheme 9933."""
    if not _sender_and_receiver(doc):
        return
    for party in _buyers(doc):
        for endpoint in party.iterchildren(CBC + "EndpointID"):
            if not _endpoint_ok(endpoint):
                yield endpoint
