"""PEPPOL BIS Billing 3.0, release 2026.5 (May 2026, mandatory from 2026-08-24).

The rules of this release that differ from the May 2025 release (3.0.19, the release of
the official unit tests) are registered here, in a registry of their own that the
2026.5 rule set consults first; every other rule is the 3.0.19 function. The changes
(official ``PEPPOL-EN16931-UBL.sch`` of the 2026.5 release, release notes of
2026-05-20):

* ``$profile`` is ``01`` for the listed profile identifiers (BIS Billing 01 and the
  French regulated and non-regulated profiles), ``02`` for
  ``urn:peppol:bis:billing_with_response``, otherwise ``Unknown``; ``PEPPOL-EN16931-P0100``
  and ``-P0101`` apply to profiles 01 and 02;
* ``PEPPOL-EN16931-R007`` (business process approved: ``$profile`` known) follows the new
  ``$profile``;
* the code lists of ``PEPPOL-EN16931-CL007`` (ISO 4217: ANG, BGN, CUC, ZWL, STD out;
  STN, CNH, XCG in) and ``-CL008`` (EAS: 14 unusable codes out, 0225, 0240, 0242, 0244,
  0245, 0246, 0248 in);
* ``PEPPOL-EN16931-R004``: the specification identifier must also not contain ``::``;
* ``DK-R-003`` is fatal (same logic: the flag is the release manifest's, no function here);
  ``DK-R-017`` is new (a Danish buyer's legal entity identifier
  carries scheme 0184);
* new identifier format rules ``PEPPOL-COMMON-R052`` … ``R057`` (Danish P and SE numbers,
  fatal; Dutch KVK, OIN, VAT and establishment numbers, warnings);
* ``DE-R-T02``: an external document location between German parties is an absolute URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from heldigital.rules.billing import codes, common
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import (
    AMOUNTS,
    CAC,
    CBC,
    DOCUMENTS,
    child,
    children,
    elements,
    first_text,
)
from heldigital.rules.core import Document, Registry
from heldigital.rules.xpath import normalize_space, string_value

Element = etree._Element

REGISTRY = Registry("peppol-billing-2026.5", release="2026.5", sources=("PEPPOL-EN16931-UBL",))
rule = REGISTRY.rule

SPECIFICATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
#: ``$profile = '01'``: these ProfileID values (normalised).
PROFILE_01 = (
    "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
    "urn:peppol:france:billing:regulated",
    "urn:peppol:france:billing:non-regulated",
)
PROFILE_02 = ("urn:peppol:bis:billing_with_response",)
_URL = re.compile(r"^([a-zA-Z])([a-zA-Z0-9+.-])+:.*", re.DOTALL)


def profile(doc: Document, profile_01: tuple[str, ...] = PROFILE_01) -> str:
    """``$profile`` of the 2026.5 Schematron: ``'01'``, ``'02'`` or ``'Unknown'``."""
    value = normalize_space(first_text(child(doc.root, CBC + "ProfileID")))
    if value in profile_01:
        return "01"
    if value in PROFILE_02:
        return "02"
    return "Unknown"


def specification_check(doc: Document, specification: str) -> Iterator[Element]:
    """``starts-with(normalize-space(cbc:CustomizationID/text()), spec)`` and no ``::``."""
    for document in elements(doc, *DOCUMENTS):
        # cbc:CustomizationID/text(): the first text node of the first CustomizationID
        value = normalize_space(first_text(child(document, CBC + "CustomizationID")))
        if not value.startswith(specification) or "::" in value:
            yield document


@rule("PEPPOL-EN16931-R004")
def peppol_en16931_r004(doc: Document) -> Iterator[Element]:
    """Specification identifier (BT-24) begins with the BIS Billing 3.0 identifier, no ``::``."""
    yield from specification_check(doc, SPECIFICATION)


def type_code_check(
    doc: Document, tag: str, allowed: frozenset[str], profiles: tuple[str, ...]
) -> Iterator[Element]:
    """``not($profile = profiles) or (some $code in … satisfies normalize-space(text()) = …)``."""
    if variables_profile(doc) not in profiles:
        return
    for code in elements(doc, tag):
        if normalize_space(first_text(code)) not in allowed:
            yield code


def variables_profile(doc: Document) -> str:
    found = doc.cache.get("billing.profile-2026.5")
    if found is None:
        found = doc.cache["billing.profile-2026.5"] = profile(doc)
    return str(found)


@rule("PEPPOL-EN16931-P0100")
def peppol_en16931_p0100(doc: Document) -> Iterator[Element]:
    """Invoice type code (BT-3) of profiles 01 and 02 MUST be one of the listed codes."""
    yield from type_code_check(doc, CBC + "InvoiceTypeCode", codes.INVOICE_TYPE_CODES, ("01", "02"))


@rule("PEPPOL-EN16931-P0101")
def peppol_en16931_p0101(doc: Document) -> Iterator[Element]:
    """Credit note type code (BT-3) of profiles 01 and 02 MUST be 381, 396, 81, 83 or 532."""
    yield from type_code_check(
        doc, CBC + "CreditNoteTypeCode", codes.CREDIT_NOTE_TYPE_CODES, ("01", "02")
    )


@rule("PEPPOL-EN16931-R007")
def peppol_en16931_r007(doc: Document) -> Iterator[Element]:
    """Business process (BT-23) MUST be an approved profile identifier (``$profile``)."""
    if variables_profile(doc) == "Unknown":
        yield from elements(doc, *DOCUMENTS)


#: ``$ISO4217`` of the 2026.5 Schematron (PEPPOL-EN16931-CL007).
ISO4217 = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
    BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN
    ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
    MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP
    PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP
    SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV
    WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA YER ZAR ZMW ZWG XXX
    CNH XCG
    """.split()  # noqa: SIM905 - the official list, as written in the Schematron
)
#: ``$eaid`` of the 2026.5 Schematron (PEPPOL-EN16931-CL008).
EAS = frozenset(
    """
    0002 0007 0009 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0188 0190 0191
    0192 0195 0196 0198 0199 0200 0201 0204 0208 0209 0210 0211 0216 0218 0221 0225 0230
    0235 0240 0242 0244 0245 0246 0248 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924
    9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941
    9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959
    """.split()  # noqa: SIM905 - the official list, as written in the Schematron
)


@rule(
    "PEPPOL-EN16931-CL007",
    context=[*AMOUNTS],
)
def peppol_en16931_cl007(doc: Document) -> Iterator[Element]:
    """Every amount's ``currencyID`` MUST be an ISO 4217 currency code (2026.5 list)."""
    for amount in elements(doc, *AMOUNTS):
        if amount.get("currencyID") not in ISO4217:
            yield amount


@rule(
    "PEPPOL-EN16931-CL008",
    context=[CBC + "EndpointID"],
)
def peppol_en16931_cl008(doc: Document) -> Iterator[Element]:
    """Electronic address scheme (BT-34-1, BT-49-1) MUST be in the EAS code list (2026.5)."""
    for endpoint in elements(doc, CBC + "EndpointID"):
        scheme = endpoint.get("schemeID")
        if scheme is not None and scheme not in EAS:
            yield endpoint


@rule("DK-R-017")
def dk_r_017(doc: Document) -> Iterator[Element]:
    """A Danish buyer's legal entity identifier (BT-47) between Danish parties is scheme 0184."""
    found = variables(doc)
    if not (found.raw_supplier_country == "DK" and found.raw_customer_country == "DK"):
        return
    for party in elements(doc, CAC + "Party"):
        holder = party.getparent()
        if holder is None or holder.tag != CAC + "AccountingCustomerParty":
            continue
        if holder.getparent() is not doc.root:
            continue
        ids = [
            c
            for entity in children(party, CAC + "PartyLegalEntity")
            for c in children(entity, CBC + "CompanyID")
        ]
        # normalize-space(cac:PartyLegalEntity/cbc:CompanyID/@schemeID) != '0184': the
        # scheme attributes of all the identifiers (none: the empty string)
        schemes = [c.get("schemeID") for c in ids if c.get("schemeID") is not None]
        if ids and normalize_space(schemes[0] if schemes else "") != "0184":
            yield party


def _format(
    scheme: str, valid: Callable[[Element], bool]
) -> Callable[[Document], Iterator[Element]]:
    def check(doc: Document) -> Iterator[Element]:
        yield from common._failing(doc, scheme, valid)

    return check


def _digits(value: str, count: int) -> bool:
    return len(value) == count and all(c in "0123456789" for c in value)


REGISTRY.rule("PEPPOL-COMMON-R052")(_format("0096", lambda el: _digits(string_value(el), 10)))
REGISTRY.rule("PEPPOL-COMMON-R053")(
    _format(
        "0198",
        lambda el: (
            len(string_value(el)) == 10
            and string_value(el)[:2] == "DK"
            and _digits(string_value(el)[2:10], 8)
        ),
    )
)
REGISTRY.rule("PEPPOL-COMMON-R054")(
    _format(
        "0106", lambda el: re.fullmatch("[0-9]{8}", normalize_space(string_value(el))) is not None
    )
)
REGISTRY.rule("PEPPOL-COMMON-R055")(
    _format(
        "0190", lambda el: re.fullmatch("[0-9]{20}", normalize_space(string_value(el))) is not None
    )
)
REGISTRY.rule("PEPPOL-COMMON-R056-1")(
    _format(
        "9944",
        lambda el: (
            re.fullmatch("NL[0-9]{9}B[0-9]{2}", normalize_space(string_value(el))) is not None
        ),
    )
)


@rule("PEPPOL-COMMON-R056-2")
def peppol_common_r056_2(doc: Document) -> Iterator[Element]:
    """A VAT identifier starting with ``NL`` has the form NL123456789B12."""
    for scheme in elements(doc, CAC + "PartyTaxScheme"):
        tax_ids = [i for t in children(scheme, CAC + "TaxScheme") for i in children(t, CBC + "ID")]
        if not tax_ids or normalize_space(string_value(tax_ids[0])) != "VAT":
            continue
        for company in children(scheme, CBC + "CompanyID"):
            value = normalize_space(string_value(company))
            if value.startswith("NL") and not re.fullmatch("NL[0-9]{9}B[0-9]{2}", value):
                yield company


REGISTRY.rule("PEPPOL-COMMON-R057")(
    _format(
        "0217", lambda el: re.fullmatch("[0-9]{12}", normalize_space(string_value(el))) is not None
    )
)


@rule("DE-R-T02")
def de_r_t02(doc: Document) -> Iterator[Element]:
    """``matches(cbc:URI, $XR-URL-REGEX)`` on every external reference of a document
    reference (BG-24) between German parties."""
    if not variables(doc).de_domestic:
        return
    for reference in elements(doc, CAC + "ExternalReference"):
        attachment = reference.getparent()
        holder = attachment.getparent() if attachment is not None else None
        if (
            attachment is None
            or attachment.tag != CAC + "Attachment"
            or holder is None
            or holder.tag != CAC + "AdditionalDocumentReference"
            or holder.getparent() is not doc.root
        ):
            continue
        uris = children(reference, CBC + "URI")
        if not uris or not _URL.search(string_value(uris[0])):
            yield reference


#: The ids of the 2026.5 release that 3.0.19 does not have, after the 3.0.19 ids.
NEW_IDS = (
    "PEPPOL-COMMON-R052",
    "PEPPOL-COMMON-R053",
    "PEPPOL-COMMON-R054",
    "PEPPOL-COMMON-R055",
    "PEPPOL-COMMON-R056-1",
    "PEPPOL-COMMON-R056-2",
    "PEPPOL-COMMON-R057",
    "DK-R-017",
    "DE-R-T02",
)
