"""PEPPOL BIS Billing 3.0 transaction rules ``PEPPOL-EN16931-R*``.

Each function is one assertion of ``PEPPOL-EN16931-UBL.sch`` (release
3.0.19): it iterates the assertion's rule context and yields every context
element where the test is false. The Schematron evaluates, per pattern,
only the first rule whose context matches a node; in the transaction
pattern that matters for allowances and charges, where an element that
``PEPPOL-EN16931-R041`` or ``-R042`` reports is not also checked by
``-R040``/``-R043`` (see :func:`_charge_rule`).

Specification: PEPPOL BIS Billing 3.0, section "PEPPOL rules" of the
business rules, https://docs.peppol.eu/poacc/billing/3.0/rules/ubl-peppol/.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from lxml import etree

from heldigital.rules.billing._registry import rule
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import (
    AMOUNTS,
    CAC,
    CBC,
    CREDIT_NOTE,
    DOCUMENTS,
    INVOICE,
    LINES,
    child,
    children,
    elements,
    first_text,
    path,
)
from heldigital.rules.core import EMPTY_ELEMENTS, Document
from heldigital.rules.xpath import normalize_space, slack, string_value, xround, xs_date, xs_decimal

Element = etree._Element

_SPECIFICATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
_LINES = (CAC + "InvoiceLine", CAC + "CreditNoteLine")
_CENT = Decimal("0.02")
_XML_SPACE = " \t\r\n"


def _documents(doc: Document) -> Iterator[Element]:
    """Context ``ubl-creditnote:CreditNote | ubl-invoice:Invoice``."""
    return elements(doc, *DOCUMENTS)


_LINE_PARTS = (
    CBC + "LineExtensionAmount",
    CBC + "InvoicedQuantity",
    CBC + "CreditedQuantity",
    CAC + "InvoicePeriod",
    CAC + "DocumentReference",
    CAC + "AllowanceCharge",
    CAC + "Price",
)


_LINE_PART_SET = frozenset(_LINE_PARTS)


def _line_parts(doc: Document) -> list[tuple[Element, dict[str, list[Element]]]]:
    """Every invoice/credit note line with the children the line rules read, by tag.

    One pass over each line's children, shared by ``R100``, ``R101``,
    ``R110``, ``R111``, ``R120`` and ``R121`` (computed once per document).
    """
    found = doc.cache.get("billing.lines")
    if found is None:
        found = []
        for line in elements(doc, *LINES):
            parts: dict[str, list[Element]] = {}
            for part in line:  # a plain loop: a many-tag matcher costs more per line
                tag = part.tag
                if tag not in _LINE_PART_SET:
                    continue
                bucket = parts.get(tag)
                if bucket is None:
                    parts[tag] = [part]
                else:
                    bucket.append(part)
            found.append((line, parts))
        doc.cache["billing.lines"] = found
    return found


def _price_children(parts: dict[str, list[Element]], tag: str) -> Element | None:
    """The first ``cac:Price/<tag>`` of a line."""
    for price in parts.get(CAC + "Price", ()):
        for el in price:  # a price has a few children: cheaper than a tag matcher
            if el.tag == tag:
                return el
    return None


# -- empty elements -----------------------------------------------------------


@rule("PEPPOL-EN16931-R008")
def peppol_en16931_r008(doc: Document) -> Iterator[Element]:
    """Document MUST not contain empty elements (no child element and no non-blank text).

    Context ``//*[not(*) and not(normalize-space())]``: an element without
    child elements whose string value is blank in the XPath sense (space,
    tab, CR, LF). One walk finds the childless ones (the structure check's pass over a valid
    document has listed them: :data:`~heldigital.rules.core.EMPTY_ELEMENTS`); the parents of
    comments and processing instructions are checked apart.
    """
    empty: list[Element] | None = doc.cache.get(EMPTY_ELEMENTS)
    if empty is not None:
        yield from empty
    else:
        for el in doc.root.iter(etree.Element):
            text = el.text
            if text and not text.isspace():
                continue  # the common case: a leaf with content
            if len(el) == 0 and not (text and text.strip(_XML_SPACE)):
                yield el  # no children at all and blank text (a no-break space is not blank)
    # Elements whose only children are comments or processing instructions:
    # a comment with no element sibling on either side.
    seen: set[Element] = set()
    for node in doc.root.iter(etree.Comment, etree.ProcessingInstruction):
        if next(node.itersiblings(etree.Element), None) is not None:
            continue
        if next(node.itersiblings(etree.Element, preceding=True), None) is not None:
            continue
        el = node.getparent()
        if el is not None and el not in seen and not string_value(el).strip(_XML_SPACE):
            seen.add(el)
            yield el


# -- document level -------------------------------------------------------------


@rule(
    "PEPPOL-EN16931-R080",
    context=[CREDIT_NOTE],
)
def peppol_en16931_r080(doc: Document) -> Iterator[Element]:
    """A credit note has at most one project reference (BT-11, document type code 50)."""
    for note in elements(doc, CREDIT_NOTE):
        refs = children(note, CAC + "AdditionalDocumentReference")
        projects = [
            r
            for r in refs
            if any(string_value(c) == "50" for c in children(r, CBC + "DocumentTypeCode"))
        ]
        if len(projects) > 1:
            yield note


@rule("PEPPOL-EN16931-R001")
def peppol_en16931_r001(doc: Document) -> Iterator[Element]:
    """Business process (BT-23, ``cbc:ProfileID``) MUST be provided."""
    for document in _documents(doc):
        if child(document, CBC + "ProfileID") is None:
            yield document


@rule("PEPPOL-EN16931-R007")
def peppol_en16931_r007(doc: Document) -> Iterator[Element]:
    """Business process (BT-23) MUST be ``urn:fdc:peppol.eu:2017:poacc:billing:NN:1.0``."""
    if variables(doc).profile == "Unknown":
        yield from _documents(doc)


@rule("PEPPOL-EN16931-R002")
def peppol_en16931_r002(doc: Document) -> Iterator[Element]:
    """At most one invoice note (BG-1), unless seller and buyer are both in Germany."""
    domestic_de = variables(doc).de_domestic
    for document in _documents(doc):
        if len(children(document, CBC + "Note")) > 1 and not domestic_de:
            yield document


@rule("PEPPOL-EN16931-R003")
def peppol_en16931_r003(doc: Document) -> Iterator[Element]:
    """Buyer reference (BT-10) or purchase order reference (BT-13) MUST be provided."""
    for document in _documents(doc):
        if child(document, CBC + "BuyerReference") is None and not path(
            document, CAC + "OrderReference", CBC + "ID"
        ):
            yield document


@rule("PEPPOL-EN16931-R004")
def peppol_en16931_r004(doc: Document) -> Iterator[Element]:
    """Specification identifier (BT-24) MUST start with the PEPPOL BIS Billing 3.0 identifier."""
    for document in _documents(doc):
        value = normalize_space(first_text(child(document, CBC + "CustomizationID")))
        if not value.startswith(_SPECIFICATION):
            yield document


@rule("PEPPOL-EN16931-R053")
def peppol_en16931_r053(doc: Document) -> Iterator[Element]:
    """Exactly one ``cac:TaxTotal`` with ``cac:TaxSubtotal`` (BG-23) MUST be provided."""
    for document in _documents(doc):
        totals = children(document, CAC + "TaxTotal")
        if sum(1 for t in totals if child(t, CAC + "TaxSubtotal") is not None) != 1:
            yield document


@rule("PEPPOL-EN16931-R054")
def peppol_en16931_r054(doc: Document) -> Iterator[Element]:
    """One ``cac:TaxTotal`` without subtotals (BT-111) iff a VAT accounting currency (BT-6)."""
    for document in _documents(doc):
        totals = children(document, CAC + "TaxTotal")
        bare = sum(1 for t in totals if child(t, CAC + "TaxSubtotal") is None)
        expected = 1 if child(document, CBC + "TaxCurrencyCode") is not None else 0
        if bare != expected:
            yield document


def _tax_amounts(document: Element, currency_tag: str) -> list[Decimal | None]:
    """``cac:TaxTotal/cbc:TaxAmount[@currencyID=normalize-space(../../<currency_tag>)]``."""
    codes = {normalize_space(string_value(c)) for c in children(document, currency_tag)}
    if not codes:
        codes = {""}
    return [
        xs_decimal(string_value(amount))
        for total in children(document, CAC + "TaxTotal")
        for amount in children(total, CBC + "TaxAmount")
        if amount.get("currencyID") in codes
    ]


@rule("PEPPOL-EN16931-R055")
def peppol_en16931_r055(doc: Document) -> Iterator[Element]:
    """Invoice total VAT amount (BT-110) and its accounting-currency twin (BT-111): same sign."""
    for document in _documents(doc):
        if child(document, CBC + "TaxCurrencyCode") is None:
            continue
        accounting = [a for a in _tax_amounts(document, CBC + "TaxCurrencyCode") if a is not None]
        invoice = [a for a in _tax_amounts(document, CBC + "DocumentCurrencyCode") if a is not None]
        negative = any(a <= 0 for a in accounting) and any(a <= 0 for a in invoice)
        positive = any(a >= 0 for a in accounting) and any(a >= 0 for a in invoice)
        if not (negative or positive):
            yield document


@rule(
    "PEPPOL-EN16931-R005",
    context=[CBC + "TaxCurrencyCode"],
)
def peppol_en16931_r005(doc: Document) -> Iterator[Element]:
    """VAT accounting currency code (BT-6) MUST differ from the invoice currency code (BT-5)."""
    for code in elements(doc, CBC + "TaxCurrencyCode"):
        document_code = child(code.getparent(), CBC + "DocumentCurrencyCode")
        if normalize_space(first_text(code)) == normalize_space(first_text(document_code)):
            yield code


# -- parties --------------------------------------------------------------------------


def _parties(doc: Document, role: str) -> Iterator[Element]:
    for holder in elements(doc, CAC + role):
        yield from holder.iterchildren(CAC + "Party")


@rule("PEPPOL-EN16931-R010")
def peppol_en16931_r010(doc: Document) -> Iterator[Element]:
    """Buyer electronic address (BT-49) MUST be provided."""
    for party in _parties(doc, "AccountingCustomerParty"):
        if child(party, CBC + "EndpointID") is None:
            yield party


@rule("PEPPOL-EN16931-R020")
def peppol_en16931_r020(doc: Document) -> Iterator[Element]:
    """Seller electronic address (BT-34) MUST be provided."""
    for party in _parties(doc, "AccountingSupplierParty"):
        if child(party, CBC + "EndpointID") is None:
            yield party


# -- allowances and charges (document and line level) ---------------------------------


def _charge_rule(doc: Document) -> dict[str, list[Element]]:
    """Document- and line-level allowances/charges grouped by the rule whose context wins.

    Contexts in the official pattern, in order: ``R041`` (percentage without
    base amount), ``R042`` (base amount without percentage), then ``R040`` and
    ``R043`` for all others - an element goes to the first that matches.
    """
    cached = doc.cache.get("billing.charges")
    if cached is not None:
        return cached
    groups: dict[str, list[Element]] = {"R041": [], "R042": [], "other": []}
    for charge in elements(doc, CAC + "AllowanceCharge"):
        parent = charge.getparent()
        if parent is None:
            continue
        if parent.tag in (INVOICE, CREDIT_NOTE):
            pass
        elif parent.tag == CAC + "InvoiceLine" or parent.tag == CAC + "CreditNoteLine":
            grand = parent.getparent()
            line_of = {CAC + "InvoiceLine": INVOICE, CAC + "CreditNoteLine": CREDIT_NOTE}
            if grand is None or grand.tag != line_of[parent.tag]:
                continue
        else:
            continue
        has_factor = child(charge, CBC + "MultiplierFactorNumeric") is not None
        has_base = child(charge, CBC + "BaseAmount") is not None
        if has_factor and not has_base:
            groups["R041"].append(charge)
        elif has_base and not has_factor:
            groups["R042"].append(charge)
        else:
            groups["other"].append(charge)
    doc.cache["billing.charges"] = groups
    return groups


@rule("PEPPOL-EN16931-R041")
def peppol_en16931_r041(doc: Document) -> Iterator[Element]:
    """Base amount (BT-93/BT-100/BT-137/BT-142) MUST accompany a percentage."""
    yield from _charge_rule(doc)["R041"]


@rule("PEPPOL-EN16931-R042")
def peppol_en16931_r042(doc: Document) -> Iterator[Element]:
    """Percentage (BT-94/BT-101/BT-138/BT-143) MUST accompany a base amount."""
    yield from _charge_rule(doc)["R042"]


@rule("PEPPOL-EN16931-R040")
def peppol_en16931_r040(doc: Document) -> Iterator[Element]:
    """Allowance/charge amount = base amount × percentage / 100 (± 0.02) when both are given."""
    for charge in _charge_rule(doc)["other"]:
        factor = child(charge, CBC + "MultiplierFactorNumeric")
        base = child(charge, CBC + "BaseAmount")
        if factor is None or base is None:
            continue
        amount_el = child(charge, CBC + "Amount")
        amount = Decimal(0) if amount_el is None else xs_decimal(string_value(amount_el))
        base_value, factor_value = xs_decimal(string_value(base)), xs_decimal(string_value(factor))
        if amount is None or base_value is None or factor_value is None:
            continue  # a failing xs:decimal cast: the official evaluation stops with an error
        if not slack(amount, base_value * factor_value / 100, _CENT):
            yield charge


@rule("PEPPOL-EN16931-R043")
def peppol_en16931_r043(doc: Document) -> Iterator[Element]:
    """Charge indicator MUST be ``true`` or ``false``."""
    for charge in _charge_rule(doc)["other"]:
        indicator = normalize_space(first_text(child(charge, CBC + "ChargeIndicator")))
        if indicator not in ("true", "false"):
            yield charge


# -- payment --------------------------------------------------------------------------


@rule(
    "PEPPOL-EN16931-R061",
    context=[CAC + "PaymentMeans"],
)
def peppol_en16931_r061(doc: Document) -> Iterator[Element]:
    """Mandate reference (BT-89) MUST be provided for direct debit (payment means 49, 59)."""
    for means in elements(doc, CAC + "PaymentMeans"):
        code = normalize_space(string_value(child(means, CBC + "PaymentMeansCode")))
        if code in ("49", "59") and not path(means, CAC + "PaymentMandate", CBC + "ID"):
            yield means


# -- currency ---------------------------------------------------------------------------

_AMOUNTS = tuple(
    CBC + name
    for name in (
        "Amount",
        "BaseAmount",
        "PriceAmount",
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


@rule(
    "PEPPOL-EN16931-R051",
    context=[*AMOUNTS],
)
def peppol_en16931_r051(doc: Document) -> Iterator[Element]:
    """Every amount's ``currencyID`` equals the invoice currency code (BT-5), except BT-111."""
    currencies = {string_value(c) for c in children(doc.root, CBC + "DocumentCurrencyCode")}
    for amount in elements(doc, *AMOUNTS):
        if amount.tag == CBC + "TaxAmount":
            parent = amount.getparent()
            in_scope = parent is not None and (
                parent.tag == CAC + "TaxSubtotal"
                or (
                    parent.tag == CAC + "TaxTotal"
                    and child(parent, CAC + "TaxSubtotal") is not None
                )
            )
            if not in_scope:
                continue
        if amount.get("currencyID") not in currencies:
            yield amount


# -- lines ----------------------------------------------------------------------------------


def _line_period_dates(doc: Document, tag: str) -> Iterator[tuple[Element, Element]]:
    """(line period date, invoice period date) pairs, for documents with an invoice period date."""
    headers: dict[Element, Element | None] = {}
    line_of = {CAC + "InvoiceLine": INVOICE, CAC + "CreditNoteLine": CREDIT_NOTE}
    for line, parts in _line_parts(doc):
        periods = parts.get(CAC + "InvoicePeriod")
        if not periods:
            continue
        document = line.getparent()
        if document is None or document.tag != line_of[line.tag]:
            continue
        if document not in headers:
            header = path(document, CAC + "InvoicePeriod", CBC + tag)
            headers[document] = header[0] if header else None
        header_date = headers[document]
        if header_date is None:
            continue
        for period in periods:
            for date_el in period.iterchildren(CBC + tag):
                yield date_el, header_date


@rule(
    "PEPPOL-EN16931-R110",
    context=[CAC + "InvoicePeriod"],
)
def peppol_en16931_r110(doc: Document) -> Iterator[Element]:
    """Line period start date (BT-134) MUST NOT be before the invoice period start (BT-73)."""
    for line_date, header_date in _line_period_dates(doc, "StartDate"):
        if line_date.text is None:
            # xs:date(text()) of an empty element is the empty sequence: the comparison is
            # false and the rule fires
            yield line_date
            continue
        line_day, header_day = xs_date(first_text(line_date)), xs_date(string_value(header_date))
        if line_day is not None and header_day is not None and not line_day >= header_day:
            yield line_date


@rule(
    "PEPPOL-EN16931-R111",
    context=[CAC + "InvoicePeriod"],
)
def peppol_en16931_r111(doc: Document) -> Iterator[Element]:
    """Invoice line period end date (BT-135) MUST NOT be after the invoice period end (BT-74)."""
    for line_date, header_date in _line_period_dates(doc, "EndDate"):
        if line_date.text is None:
            yield line_date  # xs:date(()) <= …: false (see PEPPOL-EN16931-R110)
            continue
        line_day, header_day = xs_date(first_text(line_date)), xs_date(string_value(header_date))
        if line_day is not None and header_day is not None and not line_day <= header_day:
            yield line_date


def _charge_totals(charges: list[Element]) -> tuple[Decimal, Decimal] | None:
    """Line charges and allowances, each ``round(sum(.../cbc:Amount) * 10 * 10) div 100``.

    None when an amount is not a decimal (the official evaluation stops with an error).
    """
    totals = {"true": Decimal(0), "false": Decimal(0)}
    for charge in charges:
        indicator = normalize_space(string_value(child(charge, CBC + "ChargeIndicator")))
        if indicator not in totals:
            continue
        for amount in charge.iterchildren(CBC + "Amount"):
            value = xs_decimal(string_value(amount))
            if value is None:
                return None
            totals[indicator] += value
    return (
        xround(totals["true"] * 100) / 100,
        xround(totals["false"] * 100) / 100,
    )


@rule("PEPPOL-EN16931-R120")
def peppol_en16931_r120(doc: Document) -> Iterator[Element]:
    """Line net amount (BT-131) = quantity × (net price / base quantity) + charges − allowances.

    Tolerance 0.02; allowances and charges summed and rounded to two decimals
    half up, as in the official rule. A missing net amount counts as 0, a
    missing quantity as 1, a missing price as 0, a missing or zero base
    quantity as 1.
    """
    quantity_tag = CBC + ("InvoicedQuantity" if doc.root.tag == INVOICE else "CreditedQuantity")
    zero, one = Decimal(0), Decimal(1)
    for line, parts in _line_parts(doc):
        amount_els = parts.get(CBC + "LineExtensionAmount")
        quantity_els = parts.get(quantity_tag)
        price_el = _price_children(parts, CBC + "PriceAmount")
        base_el = _price_children(parts, CBC + "BaseQuantity")
        amount = xs_decimal(string_value(amount_els[0])) if amount_els else zero
        quantity = xs_decimal(string_value(quantity_els[0])) if quantity_els else one
        price = zero if price_el is None else xs_decimal(string_value(price_el))
        base = one if base_el is None else xs_decimal(string_value(base_el))
        charges = parts.get(CAC + "AllowanceCharge")
        totals = _charge_totals(charges) if charges else (zero, zero)
        if amount is None or quantity is None or price is None or base is None or totals is None:
            continue  # a failing xs:decimal cast: the official evaluation stops with an error
        if base != 1 and base != 0:
            price = price / base
        charges_total, allowances_total = totals
        if not slack(amount, quantity * price + charges_total - allowances_total, _CENT):
            yield line


@rule(
    "PEPPOL-EN16931-R121",
    context=[CBC + "BaseQuantity"],
)
def peppol_en16931_r121(doc: Document) -> Iterator[Element]:
    """Item price base quantity (BT-149) MUST be above zero."""
    for line, parts in _line_parts(doc):
        base_quantity = _price_children(parts, CBC + "BaseQuantity")
        if base_quantity is None:
            continue
        value = xs_decimal(string_value(base_quantity))
        if value is not None and not value > 0:
            yield line


@rule(
    "PEPPOL-EN16931-R100",
    context=[CAC + "DocumentReference"],
)
def peppol_en16931_r100(doc: Document) -> Iterator[Element]:
    """At most one invoice line object identifier (BT-128) per line."""
    for line, parts in _line_parts(doc):
        if len(parts.get(CAC + "DocumentReference", ())) > 1:
            yield line


@rule(
    "PEPPOL-EN16931-R101",
    context=[CAC + "DocumentReference"],
)
def peppol_en16931_r101(doc: Document) -> Iterator[Element]:
    """A line's ``cac:DocumentReference`` is only for the invoiced object (type code 130)."""
    for line, parts in _line_parts(doc):
        refs = parts.get(CAC + "DocumentReference")
        if refs and not any(
            string_value(code) == "130"
            for r in refs
            for code in children(r, CBC + "DocumentTypeCode")
        ):
            yield line


# -- price level ---------------------------------------------------------------------------


def _price_charges(doc: Document) -> Iterator[Element]:
    for price in elements(doc, CAC + "Price"):
        yield from price.iterchildren(CAC + "AllowanceCharge")


@rule("PEPPOL-EN16931-R044")
def peppol_en16931_r044(doc: Document) -> Iterator[Element]:
    """Price allowances (BG-29) only: charge indicator MUST be ``false``."""
    for charge in _price_charges(doc):
        if normalize_space(string_value(child(charge, CBC + "ChargeIndicator"))) != "false":
            yield charge


@rule("PEPPOL-EN16931-R046")
def peppol_en16931_r046(doc: Document) -> Iterator[Element]:
    """Item net price (BT-146) = gross price (BT-148) − price discount (BT-147), exactly."""
    for charge in _price_charges(doc):
        base = child(charge, CBC + "BaseAmount")
        if base is None:
            continue
        price = child(charge.getparent(), CBC + "PriceAmount")
        amount = child(charge, CBC + "Amount")
        if price is None or amount is None:
            yield charge  # comparison with the empty sequence is false
            continue
        net, gross, discount = (xs_decimal(string_value(e)) for e in (price, base, amount))
        if net is None or gross is None or discount is None:
            continue  # a failing xs:decimal cast: the official evaluation stops with an error
        if net != gross - discount:
            yield charge


@rule(
    "PEPPOL-EN16931-R130",
    context=[CAC + "Price"],
)
def peppol_en16931_r130(doc: Document) -> Iterator[Element]:
    """Base quantity unit (BT-150) MUST equal the invoiced quantity unit (BT-130)."""
    quantity_tag = CBC + ("InvoicedQuantity" if doc.root.tag == INVOICE else "CreditedQuantity")
    for price in elements(doc, CAC + "Price"):
        line = price.getparent()
        for base in price.iterchildren(CBC + "BaseQuantity"):
            unit = base.get("unitCode")
            if unit is None or line is None:
                continue
            has_quantity = (
                child(line, CBC + "InvoicedQuantity") is not None
                or child(line, CBC + "CreditedQuantity") is not None
            )
            if not has_quantity:
                continue
            units = {q.get("unitCode") for q in line.iterchildren(quantity_tag)}
            if unit not in units:
                yield base
