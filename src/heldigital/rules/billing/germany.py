"""German national rules of PEPPOL BIS Billing 3.0 (``DE-R-*``), aligned with XRechnung.

Every rule applies only when both the seller's and the buyer's address
country is ``DE`` (``$supplierCountryIsDE and $customerCountryIsDE``). The
patterns for cash discounts (Skonto), telephone numbers and e-mail
addresses are the official ``XR-SKONTO-REGEX``, ``XR-TELEPHONE-REGEX`` and
``XR-EMAIL-REGEX``; ``.`` there does not match line breaks, as in XPath.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from heldigital.rules.billing import identifiers
from heldigital.rules.billing._registry import national
from heldigital.rules.billing._vars import variables
from heldigital.rules.billing._xp import CAC, CBC, CREDIT_NOTE, INVOICE, child, children, path
from heldigital.rules.core import Document
from heldigital.rules.xpath import normalize_space, number, string_value, tokenize

Element = etree._Element

_ANY = r"[^\n\r]"  # XPath "." (any character but a line break)
_SKONTO = re.compile(
    r"#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#\Z"
)
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_EMAIL_LOCAL = _ASCII_ALNUM | frozenset('!#$%&"*+/=?^_`{|}~-')
_IBAN_SHAPE = re.compile(r"[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}\Z")
_VAT_CODES = frozenset({"S", "Z", "E", "AE", "K", "G", "L", "M"})
_TYPE_CODES = frozenset({"326", "380", "384", "389", "381", "875", "876", "877"})


def _label_ok(label: str) -> bool:
    """``[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?``: letters, digits, inner hyphens."""
    return (
        bool(label)
        and set(label) <= _ASCII_ALNUM | {"-"}
        and label[0] in _ASCII_ALNUM
        and label[-1] in _ASCII_ALNUM
    )


def _email_ok(mail: str) -> bool:
    """XR-EMAIL-REGEX, evaluated without backtracking.

    The official pattern is ``^L+(\\.L+)*@(D\\.)+D$`` where ``L`` is the
    local-part character class (no ``.`` and no ``@``) and ``D`` a domain
    label: so one ``@``, a local part of non-empty dot-separated runs of
    ``L`` and at least two dot-separated labels. The same test is written
    out here because the nested quantifiers of the pattern backtrack
    quadratically on long input.
    """
    local, at, domain = mail.partition("@")
    if not at:
        return False
    runs = local.split(".")
    if not all(run and set(run) <= _EMAIL_LOCAL for run in runs):
        return False
    labels = domain.split(".")
    return len(labels) >= 2 and all(_label_ok(label) for label in labels)


def _domestic(doc: Document) -> bool:
    return variables(doc).de_domestic


def _documents(doc: Document) -> Iterator[Element]:
    """Context ``(/ubl-invoice:Invoice | /ubl-creditnote:CreditNote)[$supplierCountryIsDE ...]``."""
    if _domestic(doc) and doc.root.tag in (INVOICE, CREDIT_NOTE):
        yield doc.root


def _has_text(el: Element, tag: str) -> bool:
    """``cbc:X[boolean(normalize-space(.))]``."""
    return any(normalize_space(string_value(c)) for c in el.iterchildren(CBC + tag))


#: every rule here is gated on ``_domestic`` (skipped for documents where it is false)
rule = national("DE", _domestic)


@rule("DE-R-001")
def de_r_001(doc: Document) -> Iterator[Element]:
    """Payment instructions (BG-16) are given."""
    for document in _documents(doc):
        if child(document, CAC + "PaymentMeans") is None:
            yield document


@rule("DE-R-015")
def de_r_015(doc: Document) -> Iterator[Element]:
    """Buyer reference (BT-10, the Leitweg-ID for public buyers) is given."""
    for document in _documents(doc):
        if not _has_text(document, "BuyerReference"):
            yield document


@rule("DE-R-016")
def de_r_016(doc: Document) -> Iterator[Element]:
    """With VAT categories S, Z, E, AE, K, G, L or M: BT-31, BT-32 or BG-11 is given."""
    for document in _documents(doc):
        codes: list[str] = []
        for charge in document.iterchildren(CAC + "AllowanceCharge"):
            # BT-95 (allowances) and BT-102 (charges): the invoice variant's
            # extra TaxScheme condition selects a subset of the credit-note variant.
            if any(
                string_value(i) in ("false", "true")
                for i in charge.iterchildren(CBC + "ChargeIndicator")
            ):
                codes += [string_value(i) for i in path(charge, CAC + "TaxCategory", CBC + "ID")]
        for line in document.iterchildren(CAC + "InvoiceLine", CAC + "CreditNoteLine"):
            codes += [
                string_value(i)
                for i in path(line, CAC + "Item", CAC + "ClassifiedTaxCategory", CBC + "ID")
            ]
        if not _VAT_CODES.intersection(codes):
            continue
        has_representative = child(document, CAC + "TaxRepresentativeParty") is not None
        tax_ids = path(
            document,
            CAC + "AccountingSupplierParty",
            CAC + "Party",
            CAC + "PartyTaxScheme",
            CBC + "CompanyID",
        )
        if not (has_representative or any(normalize_space(string_value(t)) for t in tax_ids)):
            yield document


@rule("DE-R-017")
def de_r_017(doc: Document) -> Iterator[Element]:
    """Invoice type code (BT-3) should be one of the eight XRechnung codes."""
    for document in _documents(doc):
        codes = [
            string_value(c)
            for c in document.iterchildren(CBC + "InvoiceTypeCode", CBC + "CreditNoteTypeCode")
        ]
        if not _TYPE_CODES.intersection(codes):
            yield document


def _skonto_ok(document: Element) -> bool:
    first_notes = [
        note
        for terms in document.iterchildren(CAC + "PaymentTerms")
        for note in terms.iterchildren(CBC + "Note")
        if note is next(terms.iterchildren(CBC + "Note"))
    ]
    lines = [
        line
        for note in first_notes
        for line in tokenize(string_value(note), r"\r?\n")
        if normalize_space(line).startswith("#")
    ]
    if not lines:
        return True
    tails = [
        tokens[-1] for note in first_notes if (tokens := tokenize(string_value(note), f"#{_ANY}+#"))
    ]
    if len(tails) > 1:
        return False  # matches() on more than one string: a type error in the official rule
    ends_with_break = bool(tails) and re.match("[ \t\n\r]*\n", tails[0]) is not None
    return all(_SKONTO.search(normalize_space(line)) for line in lines) and ends_with_break


@rule("DE-R-018")
def de_r_018(doc: Document) -> Iterator[Element]:
    """Skonto lines in payment terms (BT-20) follow ``#SKONTO#TAGE=n#PROZENT=n.nn#``."""
    for document in _documents(doc):
        if not _skonto_ok(document):
            yield document


@rule("DE-R-022")
def de_r_022(doc: Document) -> Iterator[Element]:
    """Attachment file names (BT-125-2) are unique (compared exactly, as the rule does)."""
    for document in _documents(doc):
        seen: set[str] = set()
        duplicate = False
        for ref in document.iterchildren(CAC + "AdditionalDocumentReference"):
            names = {
                o.get("filename")
                for o in path(ref, CAC + "Attachment", CBC + "EmbeddedDocumentBinaryObject")
                if o.get("filename") is not None
            }
            if names & seen:
                duplicate = True
            seen |= names
        if duplicate:
            yield document


def _type_code_is(document: Element, value: float) -> bool:
    """``cbc:InvoiceTypeCode = 384 or cbc:CreditNoteTypeCode = 384`` (numeric comparison)."""
    return any(
        number(string_value(c)) == value
        for c in document.iterchildren(CBC + "InvoiceTypeCode", CBC + "CreditNoteTypeCode")
    )


@rule("DE-R-026")
def de_r_026(doc: Document) -> Iterator[Element]:
    """A corrected invoice (384) should refer to the preceding invoice (BG-3)."""
    for document in _documents(doc):
        if _type_code_is(document, 384) and not path(
            document, CAC + "BillingReference", CAC + "InvoiceDocumentReference"
        ):
            yield document


@rule("DE-R-030")
def de_r_030(doc: Document) -> Iterator[Element]:
    """With a direct debit (BG-19), the creditor identifier (BT-90, scheme SEPA) is given."""
    for document in _documents(doc):
        if not path(document, CAC + "PaymentMeans", CAC + "PaymentMandate"):
            continue
        holders = path(document, CAC + "AccountingSupplierParty", CAC + "Party") + children(
            document, CAC + "PayeeParty"
        )
        creditor_ids = [
            i
            for holder in holders
            for i in path(holder, CAC + "PartyIdentification", CBC + "ID")
            if i.get("schemeID") == "SEPA"
        ]
        if not creditor_ids:
            yield document


@rule("DE-R-031")
def de_r_031(doc: Document) -> Iterator[Element]:
    """With a direct debit (BG-19), the debited account (BT-91) is given."""
    for document in _documents(doc):
        mandate = (CAC + "PaymentMeans", CAC + "PaymentMandate")
        if path(document, *mandate) and not path(
            document, *mandate, CAC + "PayerFinancialAccount", CBC + "ID"
        ):
            yield document


@rule("DE-R-002")
def de_r_002(doc: Document) -> Iterator[Element]:
    """Seller contact (BG-6) is given."""
    for document in _documents(doc):
        for holder in document.iterchildren(CAC + "AccountingSupplierParty"):
            if not path(holder, CAC + "Party", CAC + "Contact"):
                yield holder


def _party_elements(doc: Document, role: str, tag: str) -> Iterator[Element]:
    for document in _documents(doc):
        for holder in document.iterchildren(CAC + role):
            yield from path(holder, CAC + "Party", CAC + tag)


def _required(doc: Document, role: str, group: str, element: str) -> Iterator[Element]:
    for el in _party_elements(doc, role, group):
        if not _has_text(el, element):
            yield el


@rule("DE-R-003")
def de_r_003(doc: Document) -> Iterator[Element]:
    """Seller city (BT-37) is given."""
    return _required(doc, "AccountingSupplierParty", "PostalAddress", "CityName")


@rule("DE-R-004")
def de_r_004(doc: Document) -> Iterator[Element]:
    """Seller post code (BT-38) is given."""
    return _required(doc, "AccountingSupplierParty", "PostalAddress", "PostalZone")


@rule("DE-R-005")
def de_r_005(doc: Document) -> Iterator[Element]:
    """Seller contact point (BT-41) is given."""
    return _required(doc, "AccountingSupplierParty", "Contact", "Name")


@rule("DE-R-006")
def de_r_006(doc: Document) -> Iterator[Element]:
    """Seller contact telephone number (BT-42) is given."""
    return _required(doc, "AccountingSupplierParty", "Contact", "Telephone")


@rule("DE-R-007")
def de_r_007(doc: Document) -> Iterator[Element]:
    """Seller contact e-mail address (BT-43) is given."""
    return _required(doc, "AccountingSupplierParty", "Contact", "ElectronicMail")


@rule("DE-R-027")
def de_r_027(doc: Document) -> Iterator[Element]:
    """Seller contact telephone number (BT-42) should contain at least three digits."""
    for contact in _party_elements(doc, "AccountingSupplierParty", "Contact"):
        phone = normalize_space(string_value(child(contact, CBC + "Telephone")))
        # XR-TELEPHONE-REGEX '.*([0-9].*){3,}.*' on a normalised (single-line)
        # string holds exactly when it contains three ASCII digits; counting
        # them avoids the pattern's nested backtracking on long input.
        if sum(1 for c in phone if c in "0123456789") < 3:
            yield contact


@rule("DE-R-028")
def de_r_028(doc: Document) -> Iterator[Element]:
    """Seller contact e-mail address (BT-43) should be a well-formed address."""
    for contact in _party_elements(doc, "AccountingSupplierParty", "Contact"):
        mail = normalize_space(string_value(child(contact, CBC + "ElectronicMail")))
        if not _email_ok(mail):
            yield contact


@rule("DE-R-008")
def de_r_008(doc: Document) -> Iterator[Element]:
    """Buyer city (BT-52) is given."""
    return _required(doc, "AccountingCustomerParty", "PostalAddress", "CityName")


@rule("DE-R-009")
def de_r_009(doc: Document) -> Iterator[Element]:
    """Buyer post code (BT-53) is given."""
    return _required(doc, "AccountingCustomerParty", "PostalAddress", "PostalZone")


def _delivery_addresses(doc: Document) -> Iterator[Element]:
    for document in _documents(doc):
        yield from path(document, CAC + "Delivery", CAC + "DeliveryLocation", CAC + "Address")


@rule("DE-R-010")
def de_r_010(doc: Document) -> Iterator[Element]:
    """Deliver-to city (BT-77) is given with a deliver-to address (BG-15)."""
    for address in _delivery_addresses(doc):
        if not _has_text(address, "CityName"):
            yield address


@rule("DE-R-011")
def de_r_011(doc: Document) -> Iterator[Element]:
    """Deliver-to post code (BT-78) is given with a deliver-to address (BG-15)."""
    for address in _delivery_addresses(doc):
        if not _has_text(address, "PostalZone"):
            yield address


def _payment_means(doc: Document, codes: tuple[float, ...]) -> Iterator[Element]:
    """``cac:PaymentMeans[cbc:PaymentMeansCode = (codes)]`` (numeric comparison)."""
    for document in _documents(doc):
        for means in document.iterchildren(CAC + "PaymentMeans"):
            if any(
                number(string_value(c)) in codes
                for c in means.iterchildren(CBC + "PaymentMeansCode")
            ):
                yield means


def _iban_ok(account: list[Element]) -> bool:
    """The rule's IBAN test on ``normalize-space(replace(ID, '([ \\n\\r\\t\\s])', ''))``."""
    compact = normalize_space(re.sub("[ \t\n\r]", "", string_value(account[0]) if account else ""))
    return bool(_IBAN_SHAPE.match(compact)) and identifiers.iban_mod97(compact)


def _code_is(means: Element, code: str) -> bool:
    return any(string_value(c) == code for c in means.iterchildren(CBC + "PaymentMeansCode"))


@rule("DE-R-019")
def de_r_019(doc: Document) -> Iterator[Element]:
    """With SEPA credit transfer (58), the payment account (BT-84) should be a valid IBAN."""
    for means in _payment_means(doc, (30, 58)):
        if _code_is(means, "58") and not _iban_ok(
            path(means, CAC + "PayeeFinancialAccount", CBC + "ID")
        ):
            yield means


@rule("DE-R-023-1")
def de_r_023_1(doc: Document) -> Iterator[Element]:
    """Credit transfer (30, 58) comes with the credit transfer group (BG-17)."""
    for means in _payment_means(doc, (30, 58)):
        if child(means, CAC + "PayeeFinancialAccount") is None:
            yield means


@rule("DE-R-023-2")
def de_r_023_2(doc: Document) -> Iterator[Element]:
    """Credit transfer (30, 58) comes without card (BG-18) or direct debit (BG-19)."""
    for means in _payment_means(doc, (30, 58)):
        if (
            child(means, CAC + "CardAccount") is not None
            or child(means, CAC + "PaymentMandate") is not None
        ):
            yield means


@rule("DE-R-024-1")
def de_r_024_1(doc: Document) -> Iterator[Element]:
    """Card payment (48, 54, 55) comes with the card information (BG-18)."""
    for means in _payment_means(doc, (48, 54, 55)):
        if child(means, CAC + "CardAccount") is None:
            yield means


@rule("DE-R-024-2")
def de_r_024_2(doc: Document) -> Iterator[Element]:
    """Card payment (48, 54, 55) comes without credit transfer (BG-17) or direct debit (BG-19)."""
    for means in _payment_means(doc, (48, 54, 55)):
        if (
            child(means, CAC + "PayeeFinancialAccount") is not None
            or child(means, CAC + "PaymentMandate") is not None
        ):
            yield means


@rule("DE-R-020")
def de_r_020(doc: Document) -> Iterator[Element]:
    """With SEPA direct debit (59), the debited account (BT-91) should be a valid IBAN."""
    for means in _payment_means(doc, (59,)):
        account = path(means, CAC + "PaymentMandate", CAC + "PayerFinancialAccount", CBC + "ID")
        if _code_is(means, "59") and not _iban_ok(account):
            yield means


@rule("DE-R-025-1")
def de_r_025_1(doc: Document) -> Iterator[Element]:
    """Direct debit (59) comes with the direct debit group (BG-19)."""
    for means in _payment_means(doc, (59,)):
        if child(means, CAC + "PaymentMandate") is None:
            yield means


@rule("DE-R-025-2")
def de_r_025_2(doc: Document) -> Iterator[Element]:
    """Direct debit (59) comes without credit transfer (BG-17) or card (BG-18)."""
    for means in _payment_means(doc, (59,)):
        if (
            child(means, CAC + "PayeeFinancialAccount") is not None
            or child(means, CAC + "CardAccount") is not None
        ):
            yield means


@rule("DE-R-014")
def de_r_014(doc: Document) -> Iterator[Element]:
    """VAT category rate (BT-119) is given in every VAT breakdown (BG-23)."""
    for document in _documents(doc):
        for subtotal in path(document, CAC + "TaxTotal", CAC + "TaxSubtotal"):
            percents = path(subtotal, CAC + "TaxCategory", CBC + "Percent")
            if not any(normalize_space(string_value(p)) for p in percents):
                yield subtotal
