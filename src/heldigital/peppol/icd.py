"""ISO 6523 ICD codes used as Peppol participant identifier schemes.

A participant identifier with the ``iso6523-actorid-upis`` scheme is
``<ICD>:<identifier>``: the ICD (International Code Designator, ISO/IEC
6523-1) says which register issued the identifier. Peppol accepts the codes
of its "Participant Identifier Schemes" code list, which for electronic
addresses is the Electronic Address Scheme (EAS) list of PEPPOL BIS Billing
3.0 (the tests compare :data:`SCHEMES` with the EAS code list of the
official BIS repository).

Where python-stdnum implements the register's check (check digits, length,
format), :func:`validate` runs it; other codes are accepted as they are.

    >>> validate("0192", "974760673")
    '974760673'
    >>> validate("0088", "5790000435968")
    '5790000435968'
    >>> validate("9925", "BE0403170701")
    '0403170701'
    >>> validate("0192", "974760674")
    Traceback (most recent call last):
      ...
    stdnum.exceptions.InvalidChecksum: The number's checksum or check digit is invalid.
"""

from __future__ import annotations

from collections.abc import Callable

from stdnum import bic, ean, lei
from stdnum.at import uid as at_uid
from stdnum.au import abn as au_abn
from stdnum.be import vat as be_vat
from stdnum.bg import vat as bg_vat
from stdnum.ch import uid as ch_uid
from stdnum.ch import vat as ch_vat
from stdnum.cy import vat as cy_vat
from stdnum.cz import dic as cz_dic
from stdnum.de import leitweg as de_leitweg
from stdnum.de import vat as de_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.ee import kmkr as ee_kmkr
from stdnum.es import nif as es_nif
from stdnum.exceptions import InvalidLength
from stdnum.fi import alv as fi_alv
from stdnum.fi import ytunnus as fi_ytunnus
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva
from stdnum.gb import vat as gb_vat
from stdnum.gr import vat as gr_vat
from stdnum.hr import oib as hr_oib
from stdnum.hu import anum as hu_anum
from stdnum.ie import vat as ie_vat
from stdnum.is_ import kennitala as is_kennitala
from stdnum.it import codicefiscale as it_codicefiscale
from stdnum.it import iva as it_iva
from stdnum.jp import cn as jp_cn
from stdnum.lt import pvm as lt_pvm
from stdnum.lu import tva as lu_tva
from stdnum.lv import pvn as lv_pvn
from stdnum.mt import vat as mt_vat
from stdnum.nl import btw as nl_btw
from stdnum.no import orgnr as no_orgnr
from stdnum.pl import nip as pl_nip
from stdnum.pt import nif as pt_nif
from stdnum.ro import cf as ro_cf
from stdnum.se import orgnr as se_orgnr
from stdnum.sg import uen as sg_uen
from stdnum.si import ddv as si_ddv
from stdnum.sk import dph as sk_dph
from stdnum.us import ein as us_ein

__all__ = ["CHECKS", "SCHEMES", "validate"]


def _gln(value: str) -> str:
    # A GLN is a 13-digit GS1 key with the EAN/GTIN check digit (GS1 General
    # Specifications, 4.4); stdnum.ean also accepts 8, 12 and 14 digits.
    compact = ean.compact(value)
    if len(compact) != 13:
        raise InvalidLength()
    return ean.validate(compact)


#: The ICD codes of the Peppol participant identifier schemes with their names.
SCHEMES: dict[str, str] = {
    "0002": "System Information et Repertoire des Entreprise et des Etablissements (SIRENE)",
    "0007": "Organisationsnummer (Swedish legal entities)",
    "0009": "SIRET-CODE",
    "0037": "LY-tunnus (Finnish business ID)",
    "0060": "Data Universal Numbering System (D-U-N-S Number)",
    "0088": "EAN Location Code (GS1 GLN)",
    "0096": "Danish Chamber of Commerce Scheme (EDIRA compliant)",
    "0097": "FTI - Ediforum Italia (EDIRA compliant)",
    "0106": "Association of Chambers of Commerce and Industry in the Netherlands (KvK)",
    "0130": "Directorates of the European Commission",
    "0135": "SIA Object Identifiers",
    "0142": "SECETI Object Identifiers",
    "0147": "Standard Company Code",
    "0151": "Australian Business Number (ABN) Scheme",
    "0154": "Identification number of economic subjects (ICO)",
    "0158": "Identification number of economic subject (ICO), Act on State Statistics",
    "0170": "Teikoku Company Code",
    "0177": "Odette International Limited",
    "0183": "Swiss Unique Business Identification Number (UIDB)",
    "0184": "DIGSTORG (Danish CVR)",
    "0188": "Corporate Number of The Social Security and Tax Number System (Japan)",
    "0190": "Dutch Originator's Identification Number",
    "0191": "Centre of Registers and Information Systems of the Ministry of Justice (Estonia)",
    "0192": "Enhetsregisteret ved Bronnoysundregisterne (Norwegian organisation number)",
    "0193": "UBL.BE party identifier",
    "0194": "KOIOS Open Technical Dictionary",
    "0195": "Singapore UEN identifier",
    "0196": "Kennitala - Iceland legal id for individuals and legal entities",
    "0198": "ERSTORG",
    "0199": "Legal Entity Identifier (LEI)",
    "0200": "Legal entity code (Lithuania)",
    "0201": "Codice Univoco Unita Organizzativa iPA",
    "0202": "Indirizzo di Posta Elettronica Certificata",
    "0203": "eDelivery Network Participant identifier",
    "0204": "Leitweg-ID",
    "0205": "CODDEST",
    "0208": "Numero d'entreprise / ondernemingsnummer / Unternehmensnummer (Belgium)",
    "0209": "GS1 identification keys",
    "0210": "Codice fiscale",
    "0211": "Partita IVA",
    "0212": "Finnish Organization Identifier",
    "0213": "Finnish Organization Value Add Tax Identifier",
    "0215": "Net service ID",
    "0216": "OVTcode",
    "0217": "The Netherlands Chamber of Commerce and Industry establishment number",
    "0218": "Unified registration number (Latvia)",
    "0221": "The registered number of the qualified invoice issuer (Japan)",
    "0225": "FRCTC electronic address",
    "0230": "National e-Invoicing Framework (Malaysia)",
    "0235": "UAE Tax Identification Number (TIN)",
    "0240": "Register of legal persons (Luxembourg)",
    "9910": "Hungary VAT number",
    "9913": "Business Registers Network",
    "9914": "Osterreichische Umsatzsteuer-Identifikationsnummer",
    "9915": "Osterreichisches Verwaltungs- bzw. Organisationskennzeichen",
    "9918": "SWIFT (BIC)",
    "9919": "Kennziffer des Unternehmensregisters",
    "9920": "Agencia Espanola de Administracion Tributaria",
    "9922": "Andorra VAT number",
    "9923": "Albania VAT number",
    "9924": "Bosnia and Herzegovina VAT number",
    "9925": "Belgium VAT number",
    "9926": "Bulgaria VAT number",
    "9927": "Switzerland VAT number",
    "9928": "Cyprus VAT number",
    "9929": "Czech Republic VAT number",
    "9930": "Germany VAT number",
    "9931": "Estonia VAT number",
    "9932": "United Kingdom VAT number",
    "9933": "Greece VAT number",
    "9934": "Croatia VAT number",
    "9935": "Ireland VAT number",
    "9936": "Liechtenstein VAT number",
    "9937": "Lithuania VAT number",
    "9938": "Luxemburg VAT number",
    "9939": "Latvia VAT number",
    "9940": "Monaco VAT number",
    "9941": "Montenegro VAT number",
    "9942": "North Macedonia VAT number",
    "9943": "Malta VAT number",
    "9944": "Netherlands VAT number",
    "9945": "Poland VAT number",
    "9946": "Portugal VAT number",
    "9947": "Romania VAT number",
    "9948": "Serbia VAT number",
    "9949": "Slovenia VAT number",
    "9950": "Slovakia VAT number",
    "9951": "San Marino VAT number",
    "9952": "Turkey VAT number",
    "9953": "Holy See (Vatican City State) VAT number",
    "9957": "French VAT number",
    "9959": "Employer Identification Number (EIN, USA)",
}

#: ICD -> the python-stdnum check of the register's identifiers (returns the compact form).
CHECKS: dict[str, Callable[[str], str]] = {
    "0002": fr_siren.validate,
    "0007": se_orgnr.validate,
    "0009": fr_siret.validate,
    "0037": fi_ytunnus.validate,
    "0088": _gln,
    "0151": au_abn.validate,
    "0183": ch_uid.validate,
    "0184": dk_cvr.validate,
    "0188": jp_cn.validate,
    "0192": no_orgnr.validate,
    "0195": sg_uen.validate,
    "0196": is_kennitala.validate,
    "0199": lei.validate,
    "0204": de_leitweg.validate,
    "0208": be_vat.validate,  # the enterprise number is the Belgian VAT number without "BE"
    "0210": it_codicefiscale.validate,
    "0211": it_iva.validate,
    "0212": fi_ytunnus.validate,  # the Finnish organisation identifier is the Y-tunnus
    "0213": fi_alv.validate,
    "9910": hu_anum.validate,
    "9914": at_uid.validate,
    "9918": bic.validate,
    "9920": es_nif.validate,
    "9925": be_vat.validate,
    "9926": bg_vat.validate,
    "9927": ch_vat.validate,
    "9928": cy_vat.validate,
    "9929": cz_dic.validate,
    "9930": de_vat.validate,
    "9931": ee_kmkr.validate,
    "9932": gb_vat.validate,
    "9933": gr_vat.validate,
    "9934": hr_oib.validate,
    "9935": ie_vat.validate,
    "9937": lt_pvm.validate,
    "9938": lu_tva.validate,
    "9939": lv_pvn.validate,
    "9943": mt_vat.validate,
    "9944": nl_btw.validate,
    "9945": pl_nip.validate,
    "9946": pt_nif.validate,
    "9947": ro_cf.validate,
    "9949": si_ddv.validate,
    "9950": sk_dph.validate,
    "9957": fr_tva.validate,
    "9959": us_ein.validate,
}


def validate(icd: str, identifier: str) -> str:
    """Check ``identifier`` against the register of ``icd``; return its compact form.

    Raises the python-stdnum exceptions for an identifier that fails the
    register's check. For a Peppol code without a known check the
    identifier is returned unchanged.
    """
    check = CHECKS.get(icd)
    if check is None:
        return identifier
    return check(identifier)
