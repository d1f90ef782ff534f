"""PEPPOL BIS Billing 3.0 code-list, format and profile rules.

``PEPPOL-EN16931-CL*`` (PEPPOL's restricted code lists, in
:mod:`heldigital.rules.codelists`: the MIME, UNCL 5189, UNCL 7161 and UNCL
2005 lists equal the EN 16931 ones; currencies and electronic address
schemes are PEPPOL's own, ``PEPPOL_ISO4217_CURRENCY`` and ``PEPPOL_EAS``),
``PEPPOL-EN16931-F001`` (date format) and ``PEPPOL-EN16931-P*`` (type codes
per profile, VAT exemption reason codes that imply a VAT category), from the
"Restricted code lists and formatting" pattern of ``PEPPOL-EN16931-UBL.sch`` (release 3.0.19).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from heldigital.rules import codelists
from heldigital.rules.billing._registry import rule
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import AMOUNTS, CAC, CBC, DATES, child, elements, first_text
from heldigital.rules.core import Document
from heldigital.rules.xpath import castable_date, normalize_space, string_value

Element = etree._Element

#: Invoice type codes of profile 01 (PEPPOL-EN16931-P0100).
INVOICE_TYPE_CODES = frozenset(
    """
    71 80 82 84 102 218 219 326 331 380 382 383 384 386 388 393 395 553 575 623 780 817 870
    875 876 877
    """.split()  # noqa: SIM905 - the official list, as written in the rule
)
#: Credit note type codes of profile 01 (PEPPOL-EN16931-P0101).
CREDIT_NOTE_TYPE_CODES = frozenset(["381", "396", "81", "83", "532"])

_AMOUNTS = tuple(
    CBC + name
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
_DATES = tuple(
    CBC + name
    for name in (
        "IssueDate",
        "DueDate",
        "TaxPointDate",
        "StartDate",
        "EndDate",
        "ActualDeliveryDate",
    )
)


@rule(
    "PEPPOL-EN16931-CL001",
    context=[CBC + "EmbeddedDocumentBinaryObject"],
)
def peppol_en16931_cl001(doc: Document) -> Iterator[Element]:
    """Attached document MIME code (BT-125-1) MUST be one of PEPPOL's six."""
    for obj in elements(doc, CBC + "EmbeddedDocumentBinaryObject"):
        mime = obj.get("mimeCode")
        if mime is not None and mime not in codelists.MIME_ATTACHMENT:
            yield obj


def _reason_codes(doc: Document, indicator: str) -> Iterator[Element]:
    """``cac:AllowanceCharge[cbc:ChargeIndicator = <indicator>]/cbc:AllowanceChargeReasonCode``."""
    for charge in elements(doc, CAC + "AllowanceCharge"):
        if any(string_value(i) == indicator for i in charge.iterchildren(CBC + "ChargeIndicator")):
            yield from charge.iterchildren(CBC + "AllowanceChargeReasonCode")


@rule("PEPPOL-EN16931-CL002")
def peppol_en16931_cl002(doc: Document) -> Iterator[Element]:
    """Allowance reason code (BT-98, BT-140) MUST be in PEPPOL's subset of UNCL 5189."""
    for code in _reason_codes(doc, "false"):
        if normalize_space(first_text(code)) not in codelists.UNCL5189_ALLOWANCE_REASON:
            yield code


@rule("PEPPOL-EN16931-CL003")
def peppol_en16931_cl003(doc: Document) -> Iterator[Element]:
    """Charge reason code (BT-105, BT-145) MUST be in UNCL 7161."""
    for code in _reason_codes(doc, "true"):
        if normalize_space(first_text(code)) not in codelists.UNCL7161_CHARGE_REASON:
            yield code


@rule(
    "PEPPOL-EN16931-CL006",
    context=[CAC + "InvoicePeriod"],
)
def peppol_en16931_cl006(doc: Document) -> Iterator[Element]:
    """Value added tax point date code (BT-8) MUST be 3, 35 or 432."""
    for period in elements(doc, CAC + "InvoicePeriod"):
        for code in period.iterchildren(CBC + "DescriptionCode"):
            if normalize_space(first_text(code)) not in codelists.UNTDID2005_VAT_DATE_CODE:
                yield code


@rule(
    "PEPPOL-EN16931-CL007",
    context=[*AMOUNTS],
)
def peppol_en16931_cl007(doc: Document) -> Iterator[Element]:
    """Every amount's ``currencyID`` MUST be an ISO 4217 currency code."""
    for amount in elements(doc, *AMOUNTS):
        if amount.get("currencyID") not in codelists.PEPPOL_ISO4217_CURRENCY:
            yield amount


@rule("PEPPOL-EN16931-P0100")
def peppol_en16931_p0100(doc: Document) -> Iterator[Element]:
    """Invoice type code (BT-3) of profile 01 MUST be one of the listed UNCL 1001 codes."""
    if variables(doc).profile != "01":
        return
    for code in elements(doc, CBC + "InvoiceTypeCode"):
        if normalize_space(first_text(code)) not in INVOICE_TYPE_CODES:
            yield code


@rule("PEPPOL-EN16931-P0112")
def peppol_en16931_p0112(doc: Document) -> Iterator[Element]:
    """Invoice type codes 326 (partial) and 384 (corrected) only between German parties."""
    if variables(doc).de_domestic:
        return
    for code in elements(doc, CBC + "InvoiceTypeCode"):
        if normalize_space(string_value(code)) in ("326", "384"):
            yield code


@rule("PEPPOL-EN16931-P0101")
def peppol_en16931_p0101(doc: Document) -> Iterator[Element]:
    """Credit note type code (BT-3) of profile 01 MUST be 381, 396, 81, 83 or 532."""
    if variables(doc).profile != "01":
        return
    for code in elements(doc, CBC + "CreditNoteTypeCode"):
        if normalize_space(first_text(code)) not in CREDIT_NOTE_TYPE_CODES:
            yield code


@rule("PEPPOL-EN16931-F001", context=[*DATES])
def peppol_en16931_f001(doc: Document) -> Iterator[Element]:
    """Dates (BT-2, BT-7, BT-9, BT-72 ...) MUST be ten characters and a valid ``xs:date``."""
    for date_el in elements(doc, *DATES):
        if not (len(first_text(date_el)) == 10 and castable_date(string_value(date_el))):
            yield date_el


@rule(
    "PEPPOL-EN16931-CL008",
    context=[CBC + "EndpointID"],
)
def peppol_en16931_cl008(doc: Document) -> Iterator[Element]:
    """Electronic address scheme (BT-34-1, BT-49-1) MUST be in the CEF EAS code list."""
    for endpoint in elements(doc, CBC + "EndpointID"):
        scheme = endpoint.get("schemeID")
        if scheme is not None and scheme not in codelists.PEPPOL_EAS:
            yield endpoint


def _exemption_rule(reason: str, category: str):
    def check(doc: Document) -> Iterator[Element]:
        for tax_category in elements(doc, CAC + "TaxCategory"):
            code = child(tax_category, CBC + "TaxExemptionReasonCode")
            if code is None or string_value(code).upper() != reason:
                continue
            if normalize_space(string_value(child(tax_category, CBC + "ID"))) != category:
                yield tax_category

    return check


def _register_exemptions() -> None:
    """``PEPPOL-EN16931-P0104`` ... ``P0111``: an exemption reason code implies a VAT category."""
    table = (
        ("P0104", "VATEX-EU-G", "G"),
        ("P0105", "VATEX-EU-O", "O"),
        ("P0106", "VATEX-EU-IC", "K"),
        ("P0107", "VATEX-EU-AE", "AE"),
        ("P0108", "VATEX-EU-D", "E"),
        ("P0109", "VATEX-EU-F", "E"),
        ("P0110", "VATEX-EU-I", "E"),
        ("P0111", "VATEX-EU-J", "E"),
    )
    for suffix, reason, category in table:
        check = _exemption_rule(reason, category)
        check.__name__ = f"peppol_en16931_{suffix.lower()}"
        check.__doc__ = (
            f"VAT category code (BT-118, BT-151) MUST be {category} when the VAT exemption "
            f"reason code (BT-121) is {reason}."
        )
        rule(
            f"PEPPOL-EN16931-{suffix}",
            # only a category with an exemption reason code can break it
            context=[CBC + "TaxExemptionReasonCode"],
        )(check)


_register_exemptions()
