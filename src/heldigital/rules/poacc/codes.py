"""Code lists of the PEPPOL post-award rules that are specific to these transactions.

Sources: OpenPEPPOL/poacc-upgrade-3, ``structure/codelist/UNCL5189.xml``
(the OpenPeppol subset of UNCL 5189 D.16B allowance reasons) and
``UNCL7161.xml`` (UNCL 7161 D.16B charge reasons), both bound to
``$clUNCL5189``/``$clUNCL7161`` in the generated Schematron; the Invoice
Response status clarification lists ``OPStatusAction``/``OPStatusReason``
and the country prefixes as the rules ``PEPPOL-M-T111-2.sch`` and
``PEPPOL-T01-R026`` write them inline.
"""

from __future__ import annotations

__all__ = [
    "OP_STATUS_ACTION",
    "OP_STATUS_REASON",
    "UNCL5189_SUBSET",
    "UNCL7161",
    "VAT_PREFIXES",
]


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: UNCL 5189 D.16B, OpenPeppol subset (allowance reason codes).
UNCL5189_SUBSET = _codes("41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105")

#: UNCL 7161 D.16B (charge reason codes).
UNCL7161 = _codes(
    "AA AAA AAC AAD AAE AAF AAH AAI AAS AAT AAV AAY AAZ ABA ABB ABC ABD ABF ABK ABL ABN ABR "
    "ABS ABT ABU ACF ACG ACH ACI ACJ ACK ACL ACM ACS ADC ADE ADJ ADK ADL ADM ADN ADO ADP ADQ "
    "ADR ADT ADW ADY ADZ AEA AEB AEC AED AEF AEH AEI AEJ AEK AEL AEM AEN AEO AEP AES AET AEU "
    "AEV AEW AEX AEY AEZ AJ AU CA CAB CAD CAE CAF CAI CAJ CAK CAL CAM CAN CAO CAP CAQ CAR CAS "
    "CAT CAU CAV CAW CD CG CS CT DAB DAD DL EG EP ER FAA FAB FAC FC FH FI GAA HAA HD HH IAA "
    "IAB ID IF IR IS KO L1 LA LAA LAB LF MAE MI ML NAA OA PA PAA PC PL RAB RAC RAD RAF RE RF "
    "RH RV SA SAA SAD SAE SAI SG SH SM SU TAB TAC TT TV V1 V2 WH XAA YY ZZZ"
)

#: Invoice Response clarification action codes (``listID="OPStatusAction"``), as the rule
#: PEPPOL-T111-R006 lists them (space-delimited, matched with ``contains``).
OP_STATUS_ACTION = " NOA PIN NIN CNF CNP CNA OTH "

#: Invoice Response clarification reason codes (``listID="OPStatusReason"``), as the rule
#: PEPPOL-T111-R007 lists them.
OP_STATUS_REASON = " NON REF LEG REC QUA DEL PRI QTY ITM PAY PPD UNR FIN OTH "

#: The country prefixes of PEPPOL-T01-R026 / PEPPOL-T114-R026, written as the official rule
#: writes them: one string searched with XPath ``contains()`` (ISO 3166-1 alpha-2 with ``EL``
#: for Greece and the withdrawn ``AN``).
VAT_PREFIXES = (
    "AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CX CY CZ DE DJ DK DM DO "
    "DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ "
    "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF "
    "WS YE YT ZA ZM ZW"
)
