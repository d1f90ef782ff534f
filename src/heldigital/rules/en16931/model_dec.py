"""EN 16931 decimal rules ``BR-DEC-*`` in the UBL binding.

EN 16931-1:2017 clause 6.4.4: amounts carry at most two decimals. The
official test is ``string-length(substring-after(amount, '.')) <= 2`` on the
string value (ConnectingEurope/eInvoicing-EN16931,
``ubl/schematron/UBL/EN16931-UBL-model.sch``): it counts every character
after the first full stop, white space included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from heldigital.rules.core import Document, Hit
from heldigital.rules.en16931._registry import rule
from heldigital.rules.en16931.model_base import CAC, CBC, Index, decimal_places_ok, index
from heldigital.rules.en16931.model_core import document_root
from heldigital.rules.xpath import string_value

__all__: list[str] = []


def _too_precise(
    ix: Index, contexts: Iterable[etree._Element], tag: str
) -> Iterator[etree._Element]:
    for context in contexts:
        if not decimal_places_ok(ix.text(context, CBC + tag)):
            yield context


def _allowance_too_precise(
    ix: Index, allowances: Iterable[etree._Element], *, base: bool
) -> Iterator[etree._Element]:
    """The decimals test on ``cbc:BaseAmount`` (``base``) or ``cbc:Amount`` of allowances."""
    for ac in allowances:
        facts = ix.allowance[ac]
        value = facts.base if base else (facts.amounts[0] if facts.amounts else None)
        if not decimal_places_ok(value):
            yield ac


def _totals(ix: Index) -> list[etree._Element]:
    return ix.all(CAC + "LegalMonetaryTotal")


@rule("BR-DEC-01")
def br_dec_01(doc: Document) -> Iterator[Hit]:
    """BR-DEC-01: The allowed maximum number of decimals for the Document level allowance amount
    (BT-92) is 2.

    Context: document level allowances; field ``cbc:Amount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.document_allowances(False), base=False)


@rule("BR-DEC-02")
def br_dec_02(doc: Document) -> Iterator[Hit]:
    """BR-DEC-02: The allowed maximum number of decimals for the Document level allowance base
    amount (BT-93) is 2.

    Context: document level allowances; field ``cbc:BaseAmount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.document_allowances(False), base=True)


@rule("BR-DEC-05")
def br_dec_05(doc: Document) -> Iterator[Hit]:
    """BR-DEC-05: The allowed maximum number of decimals for the Document level charge amount
    (BT-99) is 2.

    Context: document level charges; field ``cbc:Amount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.document_allowances(True), base=False)


@rule("BR-DEC-06")
def br_dec_06(doc: Document) -> Iterator[Hit]:
    """BR-DEC-06: The allowed maximum number of decimals for the Document level charge base amount
    (BT-100) is 2.

    Context: document level charges; field ``cbc:BaseAmount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.document_allowances(True), base=True)


@rule("BR-DEC-09")
def br_dec_09(doc: Document) -> Iterator[Hit]:
    """BR-DEC-09: The allowed maximum number of decimals for the Sum of Invoice line net amount
    (BT-106) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:LineExtensionAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "LineExtensionAmount")


@rule("BR-DEC-10")
def br_dec_10(doc: Document) -> Iterator[Hit]:
    """BR-DEC-10: The allowed maximum number of decimals for the Sum of allowanced on document
    level (BT-107) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:AllowanceTotalAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "AllowanceTotalAmount")


@rule("BR-DEC-11")
def br_dec_11(doc: Document) -> Iterator[Hit]:
    """BR-DEC-11: The allowed maximum number of decimals for the Sum of charges on document level
    (BT-108) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:ChargeTotalAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "ChargeTotalAmount")


@rule("BR-DEC-12")
def br_dec_12(doc: Document) -> Iterator[Hit]:
    """BR-DEC-12: The allowed maximum number of decimals for the Invoice total amount without VAT
    (BT-109) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:TaxExclusiveAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "TaxExclusiveAmount")


def _tax_amounts_in_own_currency_child(doc: Document, currency_tag: str) -> list[etree._Element]:
    """``//cac:TaxTotal/cbc:TaxAmount[@currencyID = cbc:<currency_tag>]``.

    Inside the predicate the context item is the ``cbc:TaxAmount`` itself, so
    ``cbc:DocumentCurrencyCode`` / ``cbc:TaxCurrencyCode`` are looked up as *its* children. A
    UBL ``cbc:TaxAmount`` has none, so in a schema-valid document the official assertion can
    never fail; this function evaluates the official expression as written, so that we report
    exactly what the official validator reports.
    """
    ix = index(doc)
    found = []
    for amount in (a for t in ix.all(CAC + "TaxTotal") for a in ix.children(t, CBC + "TaxAmount")):
        codes = {string_value(c) for c in ix.children(amount, CBC + currency_tag)}
        if amount.get("currencyID") in codes:
            found.append(amount)
    return found


@rule("BR-DEC-13")
def br_dec_13(doc: Document) -> Iterator[Hit]:
    """BR-DEC-13: The allowed maximum number of decimals for the Invoice total VAT amount (BT-110)
    is 2.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test:
    ``(//cac:TaxTotal/cbc:TaxAmount[@currencyID = cbc:DocumentCurrencyCode] and
    (string-length(substring-after(//cac:TaxTotal/cbc:TaxAmount[@currencyID =
    cbc:DocumentCurrencyCode],'.'))<=2)) or (not(//cac:TaxTotal/cbc:TaxAmount[@currencyID =
    cbc:DocumentCurrencyCode]))`` - see :func:`_tax_amounts_in_own_currency_child`.
    """
    root = document_root(doc)
    found = _tax_amounts_in_own_currency_child(doc, "DocumentCurrencyCode")
    if root is not None and found and not decimal_places_ok(string_value(found[0])):
        yield root


@rule("BR-DEC-14")
def br_dec_14(doc: Document) -> Iterator[Hit]:
    """BR-DEC-14: The allowed maximum number of decimals for the Invoice total amount with VAT
    (BT-112) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:TaxInclusiveAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "TaxInclusiveAmount")


@rule("BR-DEC-15")
def br_dec_15(doc: Document) -> Iterator[Hit]:
    """BR-DEC-15: The allowed maximum number of decimals for the Invoice total VAT amount in
    accounting currency (BT-111) is 2.

    Context ``/ubl:Invoice | /cn:CreditNote``; official test as BR-DEC-13 with
    ``cbc:TaxCurrencyCode`` - see :func:`_tax_amounts_in_own_currency_child`.
    """
    root = document_root(doc)
    found = _tax_amounts_in_own_currency_child(doc, "TaxCurrencyCode")
    if root is not None and found and not decimal_places_ok(string_value(found[0])):
        yield root


@rule("BR-DEC-16")
def br_dec_16(doc: Document) -> Iterator[Hit]:
    """BR-DEC-16: The allowed maximum number of decimals for the Paid amount (BT-113) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:PrepaidAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "PrepaidAmount")


@rule("BR-DEC-17")
def br_dec_17(doc: Document) -> Iterator[Hit]:
    """BR-DEC-17: The allowed maximum number of decimals for the Rounding amount (BT-114) is 2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:PayableRoundingAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "PayableRoundingAmount")


@rule("BR-DEC-18")
def br_dec_18(doc: Document) -> Iterator[Hit]:
    """BR-DEC-18: The allowed maximum number of decimals for the Amount due for payment (BT-115) is
    2.

    Context ``cac:LegalMonetaryTotal``; field ``cbc:PayableAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, _totals(ix), "PayableAmount")


@rule("BR-DEC-19")
def br_dec_19(doc: Document) -> Iterator[Hit]:
    """BR-DEC-19: The allowed maximum number of decimals for the VAT category taxable amount
    (BT-116) is 2.

    Context ``cac:TaxTotal/cac:TaxSubtotal``; field ``cbc:TaxableAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, ix.under(CAC + "TaxSubtotal", CAC + "TaxTotal"), "TaxableAmount")


@rule("BR-DEC-20")
def br_dec_20(doc: Document) -> Iterator[Hit]:
    """BR-DEC-20: The allowed maximum number of decimals for the VAT category tax amount (BT-117)
    is 2.

    Context ``cac:TaxTotal/cac:TaxSubtotal``; field ``cbc:TaxAmount``.
    """
    ix = index(doc)
    yield from _too_precise(ix, ix.under(CAC + "TaxSubtotal", CAC + "TaxTotal"), "TaxAmount")


@rule("BR-DEC-23")
def br_dec_23(doc: Document) -> Iterator[Hit]:
    """BR-DEC-23: The allowed maximum number of decimals for the Invoice line net amount (BT-131)
    is 2.

    Context ``cac:InvoiceLine | cac:CreditNoteLine``; field ``cbc:LineExtensionAmount``.
    """
    ix = index(doc)
    for line in ix.line_facts():
        if line.amounts and not decimal_places_ok(line.amounts[0]):
            yield line.el


@rule("BR-DEC-24")
def br_dec_24(doc: Document) -> Iterator[Hit]:
    """BR-DEC-24: The allowed maximum number of decimals for the Invoice line allowance amount
    (BT-136) is 2.

    Context: invoice line allowances; field ``cbc:Amount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.line_allowances(False), base=False)


@rule("BR-DEC-25")
def br_dec_25(doc: Document) -> Iterator[Hit]:
    """BR-DEC-25: The allowed maximum number of decimals for the Invoice line allowance base amount
    (BT-137) is 2.

    Context: invoice line allowances; field ``cbc:BaseAmount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.line_allowances(False), base=True)


@rule("BR-DEC-27")
def br_dec_27(doc: Document) -> Iterator[Hit]:
    """BR-DEC-27: The allowed maximum number of decimals for the Invoice line charge amount
    (BT-141) is 2.

    Context: invoice line charges; field ``cbc:Amount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.line_allowances(True), base=False)


@rule("BR-DEC-28")
def br_dec_28(doc: Document) -> Iterator[Hit]:
    """BR-DEC-28: The allowed maximum number of decimals for the Invoice line charge base amount
    (BT-142) is 2.

    Context: invoice line charges; field ``cbc:BaseAmount``.
    """
    ix = index(doc)
    yield from _allowance_too_precise(ix, ix.line_allowances(True), base=True)
