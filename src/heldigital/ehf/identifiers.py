"""Checks of identifiers, VAT numbers and bank accounts in billing documents.

Reading a document never rejects an identifier (:mod:`heldigital.ehf.common`);
these helpers report problems separately, as :class:`Problem` values. Check
digits are verified with python-stdnum (organisation numbers, GLN/GTIN, VAT
numbers) and schwifty (IBAN, Norwegian BBAN, BIC), never with hand-written
patterns.

Schemes (the ``schemeID`` of ``cbc:EndpointID``, ``cac:PartyIdentification``,
``cbc:CompanyID``, ``cac:StandardItemIdentification`` ...) are codes of the
ISO 6523 ICD list and the PEPPOL Electronic Address Scheme (EAS) list; the
codes with a checkable check digit are in :data:`ICD_CHECKS` and
:data:`EAS_VAT_COUNTRIES`. Codes not listed are accepted unchecked.

    >>> check_identifier("974760673", "0192") is None
    True
    >>> print(check_identifier("974760674", "0192"))  # doctest: +ELLIPSIS
    not a valid Norwegian organisation number (0192): ...checksum or check digit is invalid.
    >>> check_vat_number("NO974760673MVA") is None
    True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from schwifty import BBAN, BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import ean
from stdnum.au import abn
from stdnum.be import vat as be_vat
from stdnum.ch import vat as ch_vat
from stdnum.de import leitweg
from stdnum.dk import cvr
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus
from stdnum.fr import siren, siret
from stdnum.gb import vat as gb_vat
from stdnum.is_ import kennitala
from stdnum.it import iva
from stdnum.no import mva, orgnr
from stdnum.se import orgnr as se_orgnr

from heldigital.ehf.common import Identifier, Party, Problem

__all__ = [
    "EAS_VAT_COUNTRIES",
    "ICD_CHECKS",
    "check_account",
    "check_bic",
    "check_document",
    "check_identifier",
    "check_party",
    "check_vat_number",
]

#: ISO 6523 ICD / EAS codes whose identifiers have a check that python-stdnum
#: implements: code -> (description, stdnum module). The EAS list reuses the
#: ICD codes for party identifiers (PEPPOL BIS Billing 3.0, code list EAS).
ICD_CHECKS: dict[str, tuple[str, ModuleType]] = {
    "0002": ("French SIRENE number", siren),
    "0007": ("Swedish organisation number", se_orgnr),
    "0009": ("French SIRET number", siret),
    "0037": ("Finnish business ID (LY-tunnus)", ytunnus),
    "0088": ("GS1 Global Location Number (GLN)", ean),
    "0151": ("Australian Business Number", abn),
    "0160": ("GS1 Global Trade Item Number (GTIN)", ean),
    "0184": ("Danish CVR number", cvr),
    "0192": ("Norwegian organisation number", orgnr),
    "0196": ("Icelandic kennitala", kennitala),
    "0204": ("German Leitweg-ID", leitweg),
    "0208": ("Belgian enterprise number", be_vat),
    "0210": ("Italian tax code (partita IVA)", iva),
    "0211": ("Italian VAT number", iva),
    "9908": ("Norwegian organisation number", orgnr),
}

#: EAS codes 99xx that are VAT numbers of one country (PEPPOL EAS code list).
EAS_VAT_COUNTRIES: dict[str, str] = {
    "9906": "IT",
    "9914": "AT",
    "9915": "AT",
    "9925": "BE",
    "9926": "BG",
    "9927": "CH",
    "9928": "CY",
    "9929": "CZ",
    "9930": "DE",
    "9931": "EE",
    "9932": "GB",
    "9933": "GR",
    "9934": "HR",
    "9935": "IE",
    "9936": "LI",
    "9937": "LT",
    "9938": "LU",
    "9939": "LV",
    "9940": "MC",
    "9941": "ME",
    "9942": "MK",
    "9943": "MT",
    "9944": "NL",
    "9945": "PL",
    "9946": "PT",
    "9947": "RO",
    "9948": "RS",
    "9949": "SI",
    "9950": "SK",
    "9951": "SM",
    "9952": "TR",
    "9953": "VA",
    "9957": "FR",
}


def _stdnum_problem(module: ModuleType, value: str, what: str) -> str | None:
    try:
        module.validate(value)
    except ValidationError as exc:
        return f"not a valid {what}: {exc}"
    return None


def check_vat_number(value: str, country: str | None = None) -> str | None:
    """Check a VAT identifier (BT-31, BT-48, BT-63); ``None`` when valid.

    The number carries its ISO 3166-1 alpha-2 prefix (``EL`` for Greece) as
    PEPPOL BIS Billing 3.0 requires; ``country`` is used when it has none.
    Norway (``NO999999999MVA``, stdnum.no.mva), the EU (stdnum.eu.vat), the
    United Kingdom and Switzerland are checked; other countries pass.
    """
    compact = "".join(value.split()).upper()
    prefix = compact[:2]
    if not prefix.isalpha():
        if country is None:
            return "VAT number has no country prefix"
        prefix, compact = country.upper(), country.upper() + compact
    if prefix == "NO":
        return _stdnum_problem(mva, compact, "Norwegian VAT number (NO999999999MVA)")
    if prefix == "GB" or prefix == "XI":
        return _stdnum_problem(gb_vat, compact, "UK VAT number")
    if prefix == "CH":
        return _stdnum_problem(ch_vat, compact, "Swiss VAT number")
    if prefix.lower() in eu_vat.MEMBER_STATES or prefix == "EL":
        return _stdnum_problem(eu_vat, compact, f"{prefix} VAT number")
    return None


def check_identifier(value: Identifier | str, scheme: str | None = None) -> str | None:
    """Check an identifier against its ICD/EAS ``scheme``; ``None`` when valid.

    ``value`` may be an :class:`Identifier` (its ``scheme_id`` is used when
    ``scheme`` is not given). Schemes without a known check pass.
    """
    if isinstance(value, Identifier):
        scheme = scheme if scheme is not None else value.scheme_id
        value = value.value
    if scheme is None:
        return None
    scheme = scheme.strip()
    if scheme in ICD_CHECKS:
        what, module = ICD_CHECKS[scheme]
        return _stdnum_problem(module, value, f"{what} ({scheme})")
    if scheme in EAS_VAT_COUNTRIES:
        return check_vat_number(value, EAS_VAT_COUNTRIES[scheme])
    return None


def check_account(value: str, *, country: str | None = None) -> str | None:
    """Check a payment account identifier BT-84 / BT-91; ``None`` when valid.

    An account starting with two letters is an IBAN (schwifty, including the
    national BBAN checksum where schwifty knows it). An account of a
    Norwegian party (``country == "NO"``) without letters is a Norwegian BBAN
    of 11 digits (EHF Billing allows it with payment means 30), whose MOD11
    check digit schwifty verifies. Other national account formats pass.
    """
    compact = "".join(value.split())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "national checksum not verified"
            if compact[:2].isalpha():
                IBAN(compact, validate_bban=True)
            elif country == "NO":
                if not (compact.isdigit() and len(compact) == 11):
                    return "not a Norwegian account number (11 digits)"
                BBAN("NO", compact).validate_national_checksum()
    except SchwiftyException as exc:
        kind = "IBAN" if compact[:2].isalpha() else "Norwegian account number"
        return f"not a valid {kind}: {exc}"
    return None


def check_bic(value: str) -> str | None:
    """Check a BIC (payment service provider identifier BT-86); ``None`` when valid."""
    try:
        BIC("".join(value.split()))
    except SchwiftyException as exc:
        return f"not a valid BIC: {exc}"
    return None


def check_party(party: Party, where: str) -> list[Problem]:
    """Check the identifiers of one party (``where`` names it, e.g. ``"seller BG-4"``).

    Electronic address (EAS scheme), party identifiers and legal
    registration identifiers (ICD schemes), VAT identifiers (tax scheme VAT).
    """
    problems: list[Problem] = []

    def add(term: str, message: str | None) -> None:
        if message is not None:
            problems.append(Problem(f"{where} {term}", message))

    if party.endpoint_id is not None:
        add("electronic address", check_identifier(party.endpoint_id))
    for identification in party.party_identification:
        add("identifier", check_identifier(identification.id))
    for entity in party.party_legal_entity:
        if entity.company_id is not None:
            add("legal registration identifier", check_identifier(entity.company_id))
    country = party.postal_address.country_code if party.postal_address else None
    for tax_scheme in party.party_tax_scheme:
        if tax_scheme.company_id is None:
            continue
        scheme_id = tax_scheme.tax_scheme.id
        if scheme_id is not None and scheme_id.value == "VAT":
            add("VAT identifier", check_vat_number(tax_scheme.company_id.value, country))
    return problems


def _parties(document: Any) -> Iterator[tuple[str, Party]]:
    yield "seller BG-4", document.seller
    yield "buyer BG-7", document.buyer
    if document.payee is not None:
        yield "payee BG-10", document.payee
    if document.tax_representative is not None:
        yield "tax representative BG-11", document.tax_representative


def check_document(document: Any) -> list[Problem]:
    """Check every identifier, VAT number and account of an Invoice or CreditNote.

    Returns the problems found (empty when none); the document is not
    changed and nothing is rejected. Covered: the parties (BG-4, BG-7, BG-10,
    BG-11), deliver-to location BT-71, payment accounts BT-84 / BT-91 and
    BIC BT-86, item standard identifiers BT-157.
    """
    problems: list[Problem] = []
    for where, party in _parties(document):
        problems.extend(check_party(party, where))
    for i, delivery in enumerate(document.deliveries):
        location = delivery.delivery_location
        if location is not None and location.id is not None:
            message = check_identifier(location.id)
            if message:
                problems.append(Problem(f"deliveries[{i}] BT-71 deliver to location", message))
    seller_country = (
        document.seller.postal_address.country_code if document.seller.postal_address else None
    )
    for i, means in enumerate(document.payment_means):
        where = f"payment_means[{i}]"
        account = means.payee_financial_account
        if account is not None and account.id is not None:
            message = check_account(account.id.value, country=seller_country)
            if message:
                problems.append(Problem(f"{where} BT-84 payment account", message))
        branch = account.financial_institution_branch if account is not None else None
        if branch is not None and branch.id is not None:
            bic = branch.id.value
            message = check_bic(bic) if bic[:6].isalpha() else None  # national codes pass
            if message:
                problems.append(Problem(f"{where} BT-86 payment service provider", message))
        mandate = means.payment_mandate
        debited = mandate.payer_financial_account if mandate is not None else None
        if debited is not None and debited.id is not None:
            message = check_account(debited.id.value)
            if message:
                problems.append(Problem(f"{where} BT-91 debited account", message))
    for line in document.lines:
        item = line.item
        standard = item.standard_item_identification if item is not None else None
        if standard is not None:
            message = check_identifier(standard.id)
            if message:
                problems.append(Problem(f"line {line.id} BT-157 item standard identifier", message))
    return problems
