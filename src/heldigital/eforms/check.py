"""A native subset of the eForms business rules for contract notices.

The official rules are Schematron in the eForms SDK (``schematrons/``) and in
Doffin's profile; they cannot run here. :func:`check` evaluates the most
important ones natively:

* rules of the eForms SDK 1.16 with their official ids (``BR-BT-…``,
  ``BR-OPT-…``, ``ND-…``), written from the rule tests the SDK reports in
  ``examples/reports/*.svrl`` - mandatory fields of subtype 16, identifier
  patterns, closed code lists;
* Heldigital's own consistency rules (``HD-…``): deadlines after dispatch
  (BT-05 < BT-13 < BT-131), award criterion weights adding up to 100 %;
* Doffin's national rules for E3 notices (``HD-NOR-…``; the official
  EFORMS-NOR ids are not published with the test files): legal basis
  anskaffelsesforskriften part 1 or parts 1 and 2, NOK, buyer legal type,
  climate and environment criterion (anskaffelsesforskriften § 7-9).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from heldigital import xml

from .codes import is_health_social_service
from .model import BUYER_LEGAL_TYPES
from .read import NS, moment

__all__ = ["GAP_RULES", "PIN_CAN_RULES", "Problem", "check", "is_telephone"]


@dataclass(frozen=True)
class Problem:
    """One broken rule: its id, the element it is about (XPath), and the message."""

    rule: str
    location: str
    message: str


_EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
_COMPANY = f"/cn:ContractNotice/{_EXT}/efac:Organizations/efac:Organization/efac:Company"
_LOT = "/cn:ContractNotice/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']"

_ACTIVITIES = (
    "defence",
    "econ-aff",
    "education",
    "env-pro",
    "gen-pub",
    "hc-am",
    "health",
    "pub-os",
    "rcr",
    "soc-pro",
)
_PROCEDURES_16 = (
    "comp-dial",
    "innovation",
    "neg-w-call",
    "open",
    "oth-mult",
    "oth-single",
    "restricted",
)
_NATURES = ("services", "supplies", "works")
# The regular expressions below are the official rule patterns of the eForms SDK.
_VERSION = re.compile(r"^(0[1-9]|[1-9]\d)$")
_LOT_ID = re.compile(r"^LOT-\d{4}$")
_ORG_ID = re.compile(r"^ORG-\d{4}$")
_TELEPHONE = re.compile(
    r"^((\(\+?[0-9]+\))|\+?[0-9]+)( - |-| )?(((\(\d+\))|\d+)( - |-| )?)*(\d+)( )?$"
)
_EMAIL = re.compile(
    r"^[\w!#$%&'*+/=?_-]+(\.[\w!#$%&'*+/=?_-]+)*@([\w]([\w_-]*[\w])?\.)+([\w]{2,})$"
)

_FOA_ELI = "https://lovdata.no/eli/forskrift/2016/8/12/974"
_FOA_PARTS = ("NOR — Anskaffelsesforskriften Del 1", "NOR — Anskaffelsesforskriften Del 1 og 2")


def is_telephone(text: str) -> bool:
    """A telephone number as the SDK's BR-BT-00503-0052 pattern accepts it."""
    return _TELEPHONE.match(text.strip()) is not None


def _is_uuid4(text: str) -> bool:
    """BR-BT-00004-0052 / BR-BT-00701-0052: a lower-case RFC 4122 version 4 UUID."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return False
    return value.version == 4 and str(value) == text


@dataclass(frozen=True)
class _Rule:
    id: str
    context: str
    test: Callable[[etree._Element], bool]
    message: str
    subtypes: tuple[str, ...] = ("16", "E3")


def _count(path: str) -> Callable[[etree._Element], bool]:
    compiled = etree.XPath(f"count({path}) > 0", namespaces=NS)
    return lambda element: bool(compiled(element))


def _value_in(values: Iterable[str]) -> Callable[[etree._Element], bool]:
    allowed = frozenset(values)
    return lambda element: (element.text or "").strip() in allowed


def _matches(pattern: re.Pattern[str]) -> Callable[[etree._Element], bool]:
    return lambda element: pattern.match((element.text or "").strip()) is not None


def _uuid4(element: etree._Element) -> bool:
    return _is_uuid4((element.text or "").strip())


_CN = "/cn:ContractNotice"
RULES: tuple[_Rule, ...] = (
    _Rule(
        "BR-OPT-00001-0022", _CN, _count("cbc:UBLVersionID"), "UBL version (OPT-001) is mandatory"
    ),
    _Rule(
        "BR-OPT-00002-0022",
        _CN,
        _count("cbc:CustomizationID"),
        "SDK version (OPT-002) is mandatory",
    ),
    _Rule(
        "BR-BT-00005-0022",
        _CN,
        _count("cbc:IssueDate"),
        "notice dispatch date (BT-05) is mandatory",
    ),
    _Rule(
        "BR-BT-00005-0074",
        _CN,
        _count("cbc:IssueTime"),
        "notice dispatch time (BT-05) is mandatory",
    ),
    _Rule(
        "BR-BT-00701-0022",
        _CN,
        _count("cbc:ID[@schemeName='notice-id']"),
        "notice identifier (BT-701) is mandatory",
    ),
    _Rule(
        "BR-BT-00702-0022",
        _CN,
        _count("cbc:NoticeLanguageCode"),
        "notice language (BT-702) is mandatory",
    ),
    _Rule("BR-BT-00757-0022", _CN, _count("cbc:VersionID"), "notice version (BT-757) is mandatory"),
    _Rule(
        "ND-ProcedureTerms-16",
        _CN,
        _count("cac:TenderingTerms"),
        "procedure tendering terms are mandatory",
        ("16",),
    ),
    _Rule(
        "ND-ProcedureTenderingProcess-16",
        _CN,
        _count("cac:TenderingProcess"),
        "procedure tendering process is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00004-0052",
        f"{_CN}/cbc:ContractFolderID",
        _uuid4,
        "procedure identifier (BT-04) must be a UUID v4",
    ),
    _Rule(
        "BR-BT-00701-0052", f"{_CN}/cbc:ID", _uuid4, "notice identifier (BT-701) must be a UUID v4"
    ),
    _Rule(
        "BR-BT-00757-0052",
        f"{_CN}/cbc:VersionID",
        _matches(_VERSION),
        "notice version (BT-757) must be 01-99",
    ),
    _Rule(
        "BR-BT-00010-0022",
        f"{_CN}/cac:ContractingParty",
        _count("cac:ContractingActivity/cbc:ActivityTypeCode[@listName='authority-activity']"),
        "activity of the contracting authority (BT-10) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00010-0052",
        f"{_CN}/cac:ContractingParty/cac:ContractingActivity/cbc:ActivityTypeCode",
        _value_in(_ACTIVITIES),
        "unknown authority activity (BT-10)",
    ),
    _Rule(
        "BR-BT-00011-0022",
        f"{_CN}/cac:ContractingParty",
        _count("cac:ContractingPartyType/cbc:PartyTypeCode[@listName='buyer-legal-type']"),
        "buyer legal type (BT-11) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00011-0052",
        f"{_CN}/cac:ContractingParty/cac:ContractingPartyType/cbc:PartyTypeCode",
        _value_in(BUYER_LEGAL_TYPES),
        "unknown buyer legal type (BT-11)",
    ),
    _Rule(
        "BR-OPT-00300-0122",
        f"{_CN}/cac:ContractingParty/cac:Party",
        _count("cac:PartyIdentification/cbc:ID"),
        "the buyer must reference its organisation (OPT-300)",
    ),
    _Rule(
        "BR-BT-00021-0022",
        f"{_CN}/cac:ProcurementProject",
        _count("cbc:Name"),
        "title (BT-21) is mandatory",
    ),
    _Rule(
        "BR-BT-00023-0022",
        f"{_CN}/cac:ProcurementProject",
        _count("cbc:ProcurementTypeCode"),
        "main nature of the contract (BT-23) is mandatory",
    ),
    _Rule(
        "BR-BT-00024-0022",
        f"{_CN}/cac:ProcurementProject",
        _count("cbc:Description"),
        "description (BT-24) is mandatory",
    ),
    _Rule(
        "BR-BT-00262-0022",
        f"{_CN}/cac:ProcurementProject",
        _count("cac:MainCommodityClassification/cbc:ItemClassificationCode"),
        "main classification code (BT-262) is mandatory",
    ),
    _Rule(
        "BR-BT-00023-0154",
        f"{_CN}/cac:ProcurementProject/cbc:ProcurementTypeCode",
        _value_in(_NATURES),
        "unknown contract nature (BT-23)",
    ),
    _Rule(
        "BR-BT-00105-0022",
        f"{_CN}/cac:TenderingProcess",
        _count("cbc:ProcedureCode"),
        "procedure type (BT-105) is mandatory",
    ),
    _Rule(
        "BR-BT-00105-0135",
        f"{_CN}/cac:TenderingProcess/cbc:ProcedureCode",
        _value_in(_PROCEDURES_16),
        "procedure type (BT-105) not allowed in this notice subtype",
    ),
    _Rule(
        "BR-BT-00806-0022",
        f"{_CN}/cac:TenderingTerms",
        _count(
            "cac:TendererQualificationRequest[cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode"
            "/@listName='exclusion-grounds-source']/cac:SpecificTendererRequirement/cbc:TendererRequirementTypeCode"
        ),
        "exclusion grounds source (BT-806) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00137-0155",
        f"{_LOT}/cbc:ID",
        _matches(_LOT_ID),
        "lot identifier (BT-137) must be LOT-nnnn",
    ),
    _Rule(
        "BR-BT-00137-0214",
        _LOT,
        _count(
            "cac:ProcurementProject/cac:PlannedPeriod/cbc:DurationMeasure"
            " | cac:ProcurementProject/cac:PlannedPeriod[cbc:StartDate and cbc:EndDate]"
            " | cac:ProcurementProject/cac:PlannedPeriod/cbc:DescriptionCode"
        ),
        "the duration of the lot (BT-36 or BT-536/BT-537 or BT-538) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00021-0178",
        f"{_LOT}/cac:ProcurementProject",
        _count("cbc:Name"),
        "lot title (BT-21) is mandatory",
    ),
    _Rule(
        "BR-BT-00024-0178",
        f"{_LOT}/cac:ProcurementProject",
        _count("cbc:Description"),
        "lot description (BT-24) is mandatory",
    ),
    _Rule(
        "BR-BT-00023-0124",
        f"{_LOT}/cac:ProcurementProject",
        _count("cbc:ProcurementTypeCode[@listName='contract-nature']"),
        "lot contract nature (BT-23) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00023-0156",
        f"{_LOT}/cac:ProcurementProject/cbc:ProcurementTypeCode",
        _value_in(_NATURES),
        "unknown lot contract nature (BT-23)",
    ),
    _Rule(
        "BR-BT-00060-0022",
        f"{_LOT}/cac:TenderingTerms",
        _count("cbc:FundingProgramCode[@listName='eu-funded']"),
        "EU funds (BT-60) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00097-0022",
        f"{_LOT}/cac:TenderingTerms",
        _count("cac:Language/cbc:ID"),
        "submission language (BT-97) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00743-0022",
        f"{_LOT}/cac:TenderingTerms",
        _count(
            "cac:ContractExecutionRequirement[cbc:ExecutionRequirementCode/@listName='einvoicing']/cbc:ExecutionRequirementCode"
        ),
        "electronic invoicing (BT-743) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00764-0022",
        f"{_LOT}/cac:TenderingTerms",
        _count(
            "cac:ContractExecutionRequirement[cbc:ExecutionRequirementCode/@listName='ecatalog-submission']"
            "/cbc:ExecutionRequirementCode"
        ),
        "electronic catalogue (BT-764) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00018-0022",
        f"{_LOT}/cac:TenderingTerms",
        lambda e: bool(
            e.xpath("count(cac:TenderRecipientParty/cbc:EndpointID) > 0", namespaces=NS)
            or e.xpath(
                "../cac:TenderingProcess/cbc:SubmissionMethodCode[@listName='esubmission'][normalize-space(text())"
                " = 'not-allowed']",
                namespaces=NS,
            )
        ),
        "submission URL (BT-18) is mandatory when electronic submission is possible",
        ("16",),
    ),
    _Rule(
        "HD-OPT-301-review-org",
        f"{_LOT}/cac:TenderingTerms",
        _count("cac:AppealTerms/cac:AppealReceiverParty/cac:PartyIdentification/cbc:ID"),
        "the review organisation (OPT-301-Lot-ReviewOrg) is mandatory in subtype 16 (fields.json)",
        ("16",),
    ),
    _Rule(
        "BR-OPT-00301-1080",
        f"{_LOT}/cac:TenderingTerms/cac:AppealTerms",
        _count("cac:AppealReceiverParty/cac:PartyIdentification/cbc:ID"),
        "review organisation (OPT-301) is mandatory",
    ),
    _Rule(
        "BR-BT-00017-0022",
        f"{_LOT}/cac:TenderingProcess",
        _count("cbc:SubmissionMethodCode[@listName='esubmission']"),
        "electronic submission (BT-17) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00115-0073",
        f"{_LOT}/cac:TenderingProcess",
        _count("cbc:GovernmentAgreementConstraintIndicator"),
        "GPA coverage (BT-115) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00767-0022",
        f"{_LOT}/cac:TenderingProcess/cac:AuctionTerms",
        _count("cbc:AuctionConstraintIndicator"),
        "electronic auction (BT-767) is mandatory",
    ),
    _Rule(
        "BR-BT-00092-0022",
        f"{_LOT}/cac:TenderingTerms/cac:PostAwardProcess",
        _count("cbc:ElectronicOrderUsageIndicator"),
        "electronic ordering (BT-92) is mandatory",
    ),
    _Rule(
        "BR-BT-00093-0022",
        f"{_LOT}/cac:TenderingTerms/cac:PostAwardProcess",
        _count("cbc:ElectronicPaymentUsageIndicator"),
        "electronic payment (BT-93) is mandatory",
    ),
    _Rule(
        "BR-BT-00750-0022",
        f"{_LOT}/cac:TenderingTerms/{_EXT}/efac:SelectionCriteria",
        lambda e: bool(
            e.xpath(
                "count(cbc:Description) > 0 or not(cbc:TendererRequirementTypeCode)", namespaces=NS
            )
        ),
        "a selection criterion needs a description (BT-750)",
    ),
    _Rule(
        "BR-BT-00500-0022",
        _COMPANY,
        _count("cac:PartyName/cbc:Name"),
        "organisation name (BT-500) is mandatory",
    ),
    _Rule(
        "BR-BT-00514-0022",
        _COMPANY,
        _count("cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
        "organisation country (BT-514) is mandatory",
    ),
    _Rule(
        "BR-OPT-00200-0051",
        f"{_COMPANY}/cac:PartyIdentification/cbc:ID",
        _matches(_ORG_ID),
        "organisation identifier (OPT-200) must be ORG-nnnn",
    ),
    _Rule(
        "BR-BT-00503-0052",
        f"{_COMPANY}/cac:Contact/cbc:Telephone",
        _matches(_TELEPHONE),
        "organisation telephone (BT-503) is not a telephone number",
    ),
    _Rule(
        "BR-BT-00506-0052",
        f"{_COMPANY}/cac:Contact/cbc:ElectronicMail",
        _matches(_EMAIL),
        "organisation e-mail (BT-506) is not an e-mail address",
    ),
)


# --- rules the official SDK Schematron applies and this check missed (issue 9) -----------
#
# Found by publishing notices through the platform and validating them with the SDK
# Schematron (tests/official/test_notices_official.py); the agreement of each rule with
# the official one is tested by tests/official/test_check_agreement.py. The SDK writes
# them in XPath 2, so they are plain functions here.

#: BR-BT-00507-0022: countries whose organisations give a NUTS code (BT-507).
_NUTS_COUNTRIES = frozenset(
    [
        "ALB",
        "AUT",
        "BEL",
        "BGR",
        "CHE",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "ESP",
        "EST",
        "FIN",
        "FRA",
        "GRC",
        "HRV",
        "HUN",
        "IRL",
        "ISL",
        "ITA",
        "LIE",
        "LTU",
        "LUX",
        "LVA",
        "MKD",
        "MLT",
        "MNE",
        "NLD",
        "NOR",
        "POL",
        "PRT",
        "ROU",
        "SRB",
        "SVK",
        "SVN",
        "SWE",
        "TUR",
        "UKR",
        "XKX",
    ]
)
#: BR-BT-00512-0022: countries whose organisations give a postal code (BT-512).
_POSTAL_COUNTRIES = frozenset(
    [
        "AFG",
        "ALA",
        "ALB",
        "AND",
        "ARG",
        "ARM",
        "AUS",
        "AUT",
        "AZE",
        "BEL",
        "BGD",
        "BGR",
        "BHR",
        "BIH",
        "BLM",
        "BLR",
        "BMU",
        "BRA",
        "BRB",
        "BRN",
        "BTN",
        "CAN",
        "CHE",
        "CHL",
        "CHN",
        "COL",
        "CPT",
        "CPV",
        "CRI",
        "CUB",
        "CYM",
        "CYP",
        "CZE",
        "DEU",
        "DJI",
        "DNK",
        "DOM",
        "DZA",
        "ECU",
        "EGY",
        "ESP",
        "EST",
        "ETH",
        "FIN",
        "FRA",
        "FRO",
        "FSM",
        "GBR",
        "GEO",
        "GGY",
        "GIN",
        "GNB",
        "GRC",
        "GRL",
        "GTM",
        "GUM",
        "HND",
        "HRV",
        "HTI",
        "HUN",
        "IDN",
        "IMN",
        "IND",
        "IRL",
        "IRN",
        "IRQ",
        "ISL",
        "ISR",
        "ITA",
        "JEY",
        "JOR",
        "JPN",
        "KAZ",
        "KEN",
        "KGZ",
        "KHM",
        "KIR",
        "KOR",
        "KWT",
        "LAO",
        "LBN",
        "LIE",
        "LKA",
        "LSO",
        "LTU",
        "LUX",
        "LVA",
        "MAF",
        "MAR",
        "MCO",
        "MDA",
        "MDG",
        "MDV",
        "MEX",
        "MHL",
        "MLT",
        "MMR",
        "MNE",
        "MNG",
        "MOZ",
        "MSR",
        "MUS",
        "MWI",
        "MYS",
        "NAM",
        "NCL",
        "NER",
        "NGA",
        "NIC",
        "NLD",
        "NOR",
        "NPL",
        "NRU",
        "NZL",
        "OMN",
        "PAK",
        "PER",
        "PHL",
        "PNG",
        "POL",
        "PRI",
        "PRT",
        "PRY",
        "PSE",
        "PYF",
        "ROU",
        "RUS",
        "SAU",
        "SDN",
        "SEN",
        "SGP",
        "SJM",
        "SLV",
        "SMR",
        "SPM",
        "SRB",
        "SVK",
        "SVN",
        "SWE",
        "SWZ",
        "THA",
        "TJK",
        "TKM",
        "TLS",
        "TTO",
        "TUN",
        "TUR",
        "UKR",
        "URY",
        "USA",
        "UZB",
        "VCT",
        "VEN",
        "VGB",
        "VIR",
        "VNM",
        "WLF",
        "ZAF",
    ]
)
#: BR-BT-00702-0102 (the eu-official-language list): languages of a plain SDK notice.
_EU_LANGUAGES = frozenset(
    [
        "BUL",
        "CES",
        "DAN",
        "DEU",
        "ELL",
        "ENG",
        "EST",
        "FIN",
        "FRA",
        "GLE",
        "HRV",
        "HUN",
        "ITA",
        "LAV",
        "LIT",
        "MLT",
        "NLD",
        "POL",
        "POR",
        "RON",
        "SLK",
        "SLV",
        "SPA",
        "SWE",
    ]
)
_TWO_STAGE = ("restricted", "neg-w-call", "comp-dial", "innovation", "oth-mult")
_SINGLE_STAGE = ("open", "oth-single")


def _procedure(element: etree._Element) -> str:
    found = element.getroottree().getroot().find("cac:TenderingProcess/cbc:ProcedureCode", NS)
    return (found.text or "").strip() if found is not None else ""


def _has(element: etree._Element, path: str) -> bool:
    return bool(element.xpath(f"count({path}) > 0", namespaces=NS))


def _company_country(company: etree._Element) -> str:
    return _text(company, "cac:PostalAddress/cac:Country/cbc:IdentificationCode")


def _is_buyer(company: etree._Element) -> bool:
    own = _text(company, "cac:PartyIdentification/cbc:ID")
    buyers = (
        company.getroottree()
        .getroot()
        .xpath("cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID", namespaces=NS)
    )
    return bool(own) and own in {(b.text or "").strip() for b in buyers}


def _lot_count(element: etree._Element) -> int:
    root = element.getroottree().getroot()
    return len(root.xpath("cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']", namespaces=NS))


_CRITERION = (
    f"{_LOT}/cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion"
    "/cac:SubordinateAwardingCriterion"
)
_PLACE = "cac:ProcurementProject/cac:RealizedLocation"


def _place_described(location: etree._Element) -> bool:
    """BT-728: a place given by its country only needs a description."""
    return _has(location, "cbc:Description") or any(
        _has(location, f"cac:Address/cbc:{name}")
        for name in ("Region", "CountrySubentityCode", "CityName")
    )


def _place_nuts(address: etree._Element) -> bool:
    """BT-5071: a place in a European country gives its NUTS code (or a region)."""
    return (
        _has(address, "cbc:CountrySubentityCode")
        or _has(address, "cbc:Region")
        or _text(address, "cac:Country/cbc:IdentificationCode") not in _NUTS_COUNTRIES
    )


def _place_rules(
    ids: tuple[str, str, str, str], subtype: str, root: str = _CN, lots: str = _LOT
) -> tuple[_Rule, ...]:
    procedure_728, lot_728, procedure_5071, lot_5071 = ids
    return (
        _Rule(
            procedure_728,
            f"{root}/{_PLACE}",
            _place_described,
            "a place of performance given by its country only needs a description (BT-728)",
            (subtype,),
        ),
        _Rule(
            lot_728,
            f"{lots}/{_PLACE}",
            _place_described,
            "a place of performance given by its country only needs a description (BT-728)",
            (subtype,),
        ),
        _Rule(
            procedure_5071,
            f"{root}/{_PLACE}/cac:Address",
            _place_nuts,
            "the place of performance needs its region (BT-5071, NUTS code)",
            (subtype,),
        ),
        _Rule(
            lot_5071,
            f"{lots}/{_PLACE}",
            lambda e: all(_place_nuts(a) for a in e.findall("cac:Address", NS)),
            "the place of performance needs its region (BT-5071, NUTS code)",
            (subtype,),
        ),
    )


GAP_RULES: tuple[_Rule, ...] = (
    *_place_rules(
        ("BR-BT-00728-0170", "BR-BT-00728-0210", "BR-BT-05071-0022", "BR-BT-05071-0124"), "16"
    ),
    *_place_rules(
        ("BR-BT-00728-0195", "BR-BT-00728-0235", "BR-BT-05071-0230", "BR-BT-05071-0235"), "E3"
    ),
    _Rule(
        "BR-BT-00540-0074",
        _CRITERION,
        lambda e: _has(e, "cbc:Description") or not _has(e, "cbc:AwardingCriterionTypeCode"),
        "award criterion description (BT-540) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00734-0074",
        _CRITERION,
        lambda e: not _has(e, "cbc:Name") or _has(e, "cbc:Description"),
        "an award criterion with a name (BT-734) needs its description (BT-540)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00541-0271",
        _CRITERION,
        lambda e: (
            not _has(
                e,
                f"{_EXT}/efac:AwardCriterionParameter[efbc:ParameterCode/@listName='number-weight']"
                "/efbc:ParameterNumeric",
            )
            or (_has(e, "cbc:Description") and not _has(e, "../cbc:CalculationExpression"))
        ),
        "a weighted award criterion (BT-541) needs its description (BT-540)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00503-0022",
        _COMPANY,
        lambda e: _has(e, "cac:Contact/cbc:Telephone") or not _is_buyer(e),
        "the buyer's telephone (BT-503) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00507-0022",
        _COMPANY,
        lambda e: (
            _has(e, "cac:PostalAddress/cbc:CountrySubentityCode")
            or _company_country(e) not in _NUTS_COUNTRIES
        ),
        "the organisation's region (BT-507, NUTS code) is mandatory in European countries",
        ("16",),
    ),
    _Rule(
        "BR-BT-00512-0022",
        _COMPANY,
        lambda e: (
            _has(e, "cac:PostalAddress/cbc:PostalZone")
            or _company_country(e) not in _POSTAL_COUNTRIES
        ),
        "the organisation's postal code (BT-512) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-00031-0073",
        f"{_CN}/cac:TenderingTerms",
        lambda e: (
            _has(e, "cac:LotDistribution/cbc:MaximumLotsSubmittedNumeric")
            or _text(e, "../cac:TenderingProcess/cbc:PartPresentationCode") == "all"
            or _lot_count(e) <= 1
        ),
        "with several lots the most lots a tenderer may tender for (BT-31) is mandatory",
        ("16",),
    ),
    _Rule(
        "BR-BT-01311-0022",
        f"{_LOT}/cac:TenderingProcess",
        lambda e: (
            _has(e, "cac:ParticipationRequestReceptionPeriod/cbc:EndDate")
            or _procedure(e) not in _TWO_STAGE
        ),
        "a two-stage procedure states the deadline for requests to participate (BT-1311)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00050-0022",
        _LOT,
        lambda e: (
            _has(e, "cac:TenderingProcess/cac:EconomicOperatorShortList/cbc:MinimumQuantity")
            or _procedure(e) in ("open", "oth-single", "neg-wo-call")
        ),
        "a two-stage procedure states the minimum number of candidates (BT-50)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00661-0022",
        f"{_LOT}/cac:TenderingProcess/cac:EconomicOperatorShortList",
        lambda e: (
            _has(e, "cbc:LimitationDescription")
            or _procedure(e) in ("open", "oth-single", "neg-wo-call")
        ),
        "the candidate short list says whether the number is limited (BT-661)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00052-0022",
        f"{_LOT}/cac:TenderingProcess",
        lambda e: (
            _has(e, "cbc:CandidateReductionConstraintIndicator")
            or _procedure(e) not in ("comp-dial", "innovation", "neg-w-call")
        ),
        "a negotiated procedure says whether tenders are reduced in successive stages (BT-52)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00120-0022",
        f"{_LOT}/cac:TenderingTerms/cac:AwardingTerms",
        lambda e: _has(e, "cbc:NoFurtherNegotiationIndicator") or _procedure(e) != "neg-w-call",
        "a negotiated procedure says whether it may award without negotiation (BT-120)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00131-0105",
        f"{_LOT}/cac:TenderingProcess",
        lambda e: (
            not _has(e, "cac:TenderSubmissionDeadlinePeriod/cbc:EndDate")
            or _procedure(e) in _SINGLE_STAGE
        ),
        "a two-stage notice has no tender deadline (BT-131); the invitation gives it",
        ("16",),
    ),
    _Rule(
        "BR-BT-00098-0052",
        f"{_LOT}/cac:TenderingTerms",
        lambda e: (
            not _has(e, "cac:TenderValidityPeriod/cbc:DurationMeasure")
            or _procedure(e) in _SINGLE_STAGE
        ),
        "a two-stage notice has no tender validity (BT-98); the invitation gives it",
        ("16",),
    ),
    _Rule(
        "BR-OPT-00098-0052",
        f"{_LOT}/cac:TenderingTerms",
        lambda e: (
            not _has(e, "cac:TenderValidityPeriod/cbc:DurationMeasure")
            or _procedure(e) in _SINGLE_STAGE
        ),
        "a two-stage notice has no tender validity period (OPT-098)",
        ("16",),
    ),
    _Rule(
        "BR-BT-00777-0026",
        f"{_LOT}/cac:ProcurementProject/cac:ProcurementAdditionalType"
        "[cbc:ProcurementTypeCode/@listName='strategic-procurement']",
        lambda e: (
            _has(e, "cbc:ProcurementType")
            or not _has(e, "cbc:ProcurementTypeCode")
            or _text(e, "cbc:ProcurementTypeCode") == "none"
        ),
        "strategic procurement needs its description (BT-777)",
        ("E3",),
    ),
)


# Prior information (4, E2) and contract award notices (29, E4). The SDK numbers the
# rule that makes a field mandatory by notice subtype (BR-BT-00021-0007 in subtype 4,
# -0036 in 29 ...); the ids below were read off the SDK Schematron's report on platform
# notices with each field removed (tests/official/test_check_agreement.py) and are
# checked against every SDK example's SVRL report (tests/lib/eforms/test_check.py).
_PIN_CAN = ("4", "E2", "29", "E4")
_SUFFIX = {"4": "0007", "E2": "0010", "29": "0036", "E4": "0040"}
_ROOT = "/*"
_ORGANISATION = f"{_ROOT}/{_EXT}/efac:Organizations/efac:Organization/efac:Company"
_LOT_OR_PART = (
    f"{_ROOT}/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot' or cbc:ID/@schemeName='Part']"
)
_RESULT = f"{_ROOT}/{_EXT}/efac:NoticeResult"


def _mandatory(
    term: str, context: str, path: str, subtypes: tuple[str, ...], message: str
) -> tuple[_Rule, ...]:
    return tuple(
        _Rule(f"BR-{term}-{_SUFFIX[s]}", context, _count(path), message, (s,)) for s in subtypes
    )


def _is_winner(company: etree._Element) -> bool:
    """A winner or its subcontractor ($global-org-winner, -subcontractor): an organisation
    of the tendering party of a tender that a settled contract names."""
    root = company.getroottree().getroot()
    result = f"{_EXT}/efac:NoticeResult"

    def values(path: str) -> set[str]:
        return {(e.text or "").strip() for e in root.xpath(path, namespaces=NS)}

    contracted = values(f"{result}/efac:SettledContract/efac:LotTender/cbc:ID")
    parties = {
        _text(tender, "efac:TenderingParty/cbc:ID")
        for tender in root.xpath(f"{result}/efac:LotTender", namespaces=NS)
        if _text(tender, "cbc:ID") in contracted and _has(tender, "efac:TenderingParty/cbc:ID")
    }
    winners = {
        _text(member, "cbc:ID")
        for party in root.xpath(f"{result}/efac:TenderingParty", namespaces=NS)
        if _text(party, "cbc:ID") in parties
        for member in party.xpath("efac:Tenderer | efac:SubContractor", namespaces=NS)
        if _has(member, "cbc:ID")
    }
    return _text(company, "cac:PartyIdentification/cbc:ID") in winners


def _selected(tender: etree._Element) -> bool:
    """A winning tender whose value the award notice states ($global-ten-selec-no-fa, or
    in a framework agreement a tender with a contract in it, as the SDK defines them)."""
    tender_id = _text(tender, "cbc:ID")
    root = tender.getroottree().getroot()
    frameworks = {
        _text(lot, "cbc:ID")
        for lot in root.xpath(
            "cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot'][cac:TenderingProcess"
            "/cac:ContractingSystem[cbc:ContractingSystemTypeCode/@listName='framework-agreement']"
            "/cbc:ContractingSystemTypeCode[. = 'fa-mix' or . = 'fa-w-rc' or . = 'fa-wo-rc']]",
            namespaces=NS,
        )
    }
    in_contract = {
        (t.text or "").strip()
        for t in root.xpath(
            f"{_EXT}/efac:NoticeResult/efac:SettledContract[efbc:ContractFrameworkIndicator"
            " = 'true']/efac:LotTender/cbc:ID",
            namespaces=NS,
        )
    }
    for result in root.xpath(f"{_EXT}/efac:NoticeResult/efac:LotResult", namespaces=NS):
        if _text(result, "cbc:TenderResultCode") != "selec-w" or tender_id not in {
            (t.text or "").strip() for t in result.findall("efac:LotTender/cbc:ID", NS)
        }:
            continue
        if _text(result, "efac:TenderLot/cbc:ID") not in frameworks or tender_id in in_contract:
            return True
    return False


def _is_change(element: etree._Element) -> bool:
    root = element.getroottree().getroot()
    return _has(root, f"{_EXT}/efac:Changes/efbc:ChangedNoticeIdentifier")


def _issue_day(element: etree._Element) -> str:
    return _text(element.getroottree().getroot(), "cbc:IssueDate")[:10]


_EU_ONLY = ("4", "29")
PIN_CAN_RULES: tuple[_Rule, ...] = (
    *_mandatory(
        "BT-00021",
        f"{_ROOT}/cac:ProcurementProject",
        "cbc:Name",
        _PIN_CAN,
        "title (BT-21) is mandatory",
    ),
    *_mandatory(
        "BT-00024",
        f"{_ROOT}/cac:ProcurementProject",
        "cbc:Description",
        _PIN_CAN,
        "description (BT-24) is mandatory",
    ),
    *_mandatory(
        "BT-00262",
        f"{_ROOT}/cac:ProcurementProject",
        "cac:MainCommodityClassification/cbc:ItemClassificationCode",
        _PIN_CAN,
        "main classification code (BT-262) is mandatory",
    ),
    *(
        _Rule(
            rule,
            _LOT_OR_PART,
            _count("cac:ProcurementProject/cbc:Name"),
            "the title of each lot or part (BT-21) is mandatory",
            (subtype,),
        )
        for subtype, rule in (
            ("4", "BR-BT-00021-0059"),
            ("E2", "BR-BT-00021-0062"),
            ("29", "BR-BT-00021-0192"),
            ("E4", "BR-BT-00021-0196"),
        )
    ),
    *_mandatory(
        "BT-00127",
        _ROOT,
        "cbc:PlannedDate",
        ("4",),
        "the planned date of the contract notice (BT-127) is mandatory",
    ),
    _Rule(
        "BR-BT-00127-0100",
        f"{_ROOT}/cbc:PlannedDate",
        lambda e: (e.text or "")[:10] > _issue_day(e) or _is_change(e),
        "the contract notice is planned for a later day than the dispatch (BT-127 > BT-05)",
        ("4", "E2"),
    ),
    # Organisations (above the EEA threshold): the buyer's telephone and e-mail, and of
    # every organisation its town, postal code and region where the country has them.
    *(
        _Rule(
            f"BR-BT-00503-{_SUFFIX[s]}",
            _ORGANISATION,
            lambda e: _has(e, "cac:Contact/cbc:Telephone") or not _is_buyer(e),
            "the buyer's telephone (BT-503) is mandatory",
            (s,),
        )
        for s in _EU_ONLY
    ),
    *(
        _Rule(
            f"BR-BT-00506-{_SUFFIX[s]}",
            _ORGANISATION,
            lambda e: _has(e, "cac:Contact/cbc:ElectronicMail") or not _is_buyer(e),
            "the buyer's e-mail address (BT-506) is mandatory",
            (s,),
        )
        for s in _EU_ONLY
    ),
    *(
        _Rule(
            f"BR-BT-00507-{_SUFFIX[s]}",
            _ORGANISATION,
            lambda e: (
                _has(e, "cac:PostalAddress/cbc:CountrySubentityCode")
                or _company_country(e) not in _NUTS_COUNTRIES
            ),
            "the organisation's region (BT-507, NUTS code) is mandatory in European countries",
            (s,),
        )
        for s in _EU_ONLY
    ),
    *(
        _Rule(
            f"BR-BT-00512-{_SUFFIX[s]}",
            _ORGANISATION,
            lambda e: (
                _has(e, "cac:PostalAddress/cbc:PostalZone")
                or _company_country(e) not in _POSTAL_COUNTRIES
            ),
            "the organisation's postal code (BT-512) is mandatory",
            (s,),
        )
        for s in _EU_ONLY
    ),
    *(
        _Rule(
            f"BR-BT-00513-{_SUFFIX[s]}",
            _ORGANISATION,
            _count("cac:PostalAddress/cbc:CityName"),
            "organisation town (BT-513) is mandatory",
            (s,),
        )
        for s in _EU_ONLY
    ),
    *(
        _Rule(
            f"BR-BT-00501-{_SUFFIX[s]}",
            _ORGANISATION,
            _count("cac:PartyLegalEntity/cbc:CompanyID"),
            "organisation identifier (BT-501) is mandatory",
            (s,),
        )
        for s in _EU_ONLY
    ),
    # The place of performance (BT-5071 region, BT-728 otherwise described).
    *(
        rule
        for subtype, ids in (
            ("4", ("BR-BT-00728-0158", "BR-BT-00728-0198", "BR-BT-05071-0007", "BR-BT-05071-0058")),
            (
                "E2",
                ("BR-BT-00728-0194", "BR-BT-00728-0234", "BR-BT-05071-0229", "BR-BT-05071-0233"),
            ),
            (
                "29",
                ("BR-BT-00728-0183", "BR-BT-00728-0223", "BR-BT-05071-0036", "BR-BT-05071-0138"),
            ),
            (
                "E4",
                ("BR-BT-00728-0196", "BR-BT-00728-0236", "BR-BT-05071-0231", "BR-BT-05071-0236"),
            ),
        )
        for rule in _place_rules(ids, subtype, _ROOT, _LOT_OR_PART)
    ),
    _Rule(
        "BR-BT-00165-0036",
        _ORGANISATION,
        lambda e: _has(e, "efbc:CompanySizeCode") or not _is_winner(e),
        "the winner's size (BT-165) is mandatory",
        ("29",),
    ),
    # Award criteria of the award notice are described (BT-540).
    *(
        _Rule(
            rule,
            f"{_ROOT}/cac:ProcurementProjectLot/cac:TenderingTerms/cac:AwardingTerms"
            "/cac:AwardingCriterion/cac:SubordinateAwardingCriterion",
            test,
            message,
            (s,),
        )
        for s, ids in (
            ("29", ("BR-BT-00540-0088", "BR-BT-00734-0088", "BR-BT-00541-0285")),
            ("E4", ("BR-BT-00540-0092", "BR-BT-00734-0092", "BR-BT-00541-0289")),
        )
        for rule, test, message in zip(
            ids,
            (
                lambda e: (
                    _has(e, "cbc:Description") or not _has(e, "cbc:AwardingCriterionTypeCode")
                ),
                lambda e: not _has(e, "cbc:Name") or _has(e, "cbc:Description"),
                lambda e: (
                    not _has(
                        e,
                        f"{_EXT}/efac:AwardCriterionParameter[efbc:ParameterCode/@listName="
                        "'number-weight']/efbc:ParameterNumeric",
                    )
                    or _has(e, "cbc:Description")
                ),
            ),
            (
                "award criterion description (BT-540) is mandatory",
                "an award criterion with a name (BT-734) needs its description (BT-540)",
                "a weighted award criterion (BT-541) needs its description (BT-540)",
            ),
            strict=True,
        )
    ),
    # The results: the winning tender's value and reference, the contract's reference and
    # conclusion date (not after the dispatch).
    _Rule(
        "BR-BT-00720-0036",
        f"{_RESULT}/efac:LotTender",
        lambda e: _has(e, "cac:LegalMonetaryTotal/cbc:PayableAmount") or not _selected(e),
        "the winning tender's value (BT-720) is mandatory",
        ("29",),
    ),
    *(
        _Rule(
            f"BR-BT-03201-{_SUFFIX[s]}",
            f"{_RESULT}/efac:LotTender",
            _count("efac:TenderReference/cbc:ID"),
            "the tender's reference (BT-3201) is mandatory",
            (s,),
        )
        for s in ("29", "E4")
    ),
    *(
        _Rule(
            f"BR-BT-00150-{_SUFFIX[s]}",
            _RESULT,
            lambda e: (
                _has(e, "efac:SettledContract/efac:ContractReference/cbc:ID")
                or not _has(e, "efac:LotResult[normalize-space(cbc:TenderResultCode) = 'selec-w']")
            ),
            "the contract's reference (BT-150) is mandatory",
            (s,),
        )
        for s in ("29", "E4")
    ),
    # Not in Doffin's E4 (eforms-sdk-nor VALID-national-e4-minimum.xml has no BT-145).
    _Rule(
        "BR-BT-00145-0036",
        f"{_RESULT}/efac:SettledContract",
        lambda e: (
            _has(e, "cbc:IssueDate")
            or not _has(e, "efac:LotTender/cbc:ID")
            or _procedure(e) == "neg-wo-call"
            or _text(e.getroottree().getroot(), "cbc:RegulatoryDomain") == "32024R2509"
        ),
        "the date the contract was concluded (BT-145) is mandatory",
        ("29",),
    ),
    _Rule(
        "BR-BT-00145-0100",
        f"{_RESULT}/efac:SettledContract/cbc:IssueDate",
        lambda e: (e.text or "")[:10] <= _issue_day(e),
        "the contract is concluded (BT-145) before the notice is dispatched",
        ("29", "E4"),
    ),
)


def _subtype(root: etree._Element) -> str:
    found = root.find(f"{_EXT}/efac:NoticeSubType/cbc:SubTypeCode", NS)
    return (found.text or "").strip() if found is not None else ""


def _path(element: etree._Element) -> str:
    return element.getroottree().getpath(element)


def _deadlines(root: etree._Element) -> list[Problem]:
    try:
        return _check_deadlines(root)
    except ValueError as exc:
        return [
            Problem("HD-date-format", "/cn:ContractNotice", f"a date or time is malformed: {exc}")
        ]


def _check_deadlines(root: etree._Element) -> list[Problem]:
    problems = []
    issued = moment(_text(root, "cbc:IssueDate"), _text(root, "cbc:IssueTime"))
    for lot in root.findall("cac:ProcurementProjectLot", NS):
        process = lot.find("cac:TenderingProcess", NS)
        if process is None:
            continue
        tenders = moment(
            _text(process, "cac:TenderSubmissionDeadlinePeriod/cbc:EndDate"),
            _text(process, "cac:TenderSubmissionDeadlinePeriod/cbc:EndTime"),
        )
        questions = moment(
            _text(process, "cac:AdditionalInformationRequestPeriod/cbc:EndDate"),
            _text(process, "cac:AdditionalInformationRequestPeriod/cbc:EndTime"),
        )
        if issued and tenders and tenders <= issued:
            problems.append(
                Problem(
                    "HD-BT-131-after-BT-05",
                    _path(process),
                    "the tender deadline (BT-131) is not after dispatch (BT-05)",
                )
            )
        if questions and tenders and questions > tenders:
            problems.append(
                Problem(
                    "HD-BT-13-before-BT-131",
                    _path(process),
                    "the deadline for questions (BT-13) is after the tender deadline (BT-131)",
                )
            )
    return problems


def _against_now(root: etree._Element, now: datetime) -> list[Problem]:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    problems = []
    try:
        issued = moment(_text(root, "cbc:IssueDate"), _text(root, "cbc:IssueTime"))
        deadlines = [
            moment(
                _text(lot, "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndDate"),
                _text(lot, "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod/cbc:EndTime"),
            )
            for lot in root.findall("cac:ProcurementProjectLot", NS)
        ]
    except ValueError:
        return []  # reported as HD-date-format
    if issued is not None and issued > now:
        problems.append(
            Problem(
                "HD-BT-05-future",
                "/cn:ContractNotice/cbc:IssueDate",
                "the dispatch date (BT-05) is in the future",
            )
        )
    if any(d is not None and d <= now for d in deadlines):
        problems.append(
            Problem(
                "HD-BT-131-passed",
                "/cn:ContractNotice/cac:ProcurementProjectLot",
                "the tender deadline (BT-131) has already passed",
            )
        )
    return problems


def _weights(root: etree._Element) -> list[Problem]:
    problems = []
    for awarding in root.findall(
        "cac:ProcurementProjectLot/cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion", NS
    ):
        total = Decimal(0)
        weighted = False
        for parameter in awarding.findall(
            f"cac:SubordinateAwardingCriterion/{_EXT}/efac:AwardCriterionParameter", NS
        ):
            if _text(parameter, "efbc:ParameterCode") != "per-exa":
                continue
            try:
                total += Decimal(_text(parameter, "efbc:ParameterNumeric"))
                weighted = True
            except InvalidOperation:
                problems.append(
                    Problem(
                        "HD-BT-541-number",
                        _path(parameter),
                        "award criterion weight is not a number",
                    )
                )
        if weighted and total != 100:
            problems.append(
                Problem(
                    "HD-BT-541-sum",
                    _path(awarding),
                    f"award criterion weights (BT-541) add up to {total}, not 100 %",
                )
            )
    return problems


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _is_doffin_national(root: etree._Element) -> bool:
    """Doffin's national profile, declared in the CustomizationID (eforms-sdk-nor buildconfig)."""
    return (
        ":anskaffelser.no:" in _text(root, "cbc:CustomizationID")
        and "#extended#" in _text(root, "cbc:CustomizationID")
        and ":eforms:national-e" in _text(root, "cbc:CustomizationID")
    )


def _is_doffin(root: etree._Element) -> bool:
    """Any Doffin profile (eu, national, national-e), declared in the CustomizationID."""
    customization = _text(root, "cbc:CustomizationID")
    return "#extended#" in customization and ":anskaffelser.no:" in customization


def _national(root: etree._Element) -> list[Problem]:
    problems = []
    legislation = root.find("cac:TenderingTerms/cac:ProcurementLegislationDocumentReference", NS)
    part = _text(legislation, "cbc:DocumentDescription") if legislation is not None else ""
    if legislation is None or _text(legislation, "cbc:ID") != _FOA_ELI or part not in _FOA_PARTS:
        problems.append(
            Problem(
                "HD-NOR-legal-basis",
                "/cn:ContractNotice/cac:TenderingTerms",
                "a national notice cites anskaffelsesforskriften (ELI "
                f"{_FOA_ELI}) part 1 or parts 1 and 2 as legal basis (BT-01)",
            )
        )
    for element in root.xpath("//*[@currencyID]"):
        if element.get("currencyID") != "NOK":
            problems.append(
                Problem("HD-NOR-currency", _path(element), "amounts in national notices are in NOK")
            )
    languages = [_text(root, "cbc:NoticeLanguageCode")] + [
        _text(e, "cbc:ID") for e in root.findall("cac:AdditionalNoticeLanguage", NS)
    ]
    if "NOR" not in languages:
        problems.append(
            Problem(
                "HD-NOR-language",
                "/cn:ContractNotice/cbc:NoticeLanguageCode",
                "a national notice is written in Norwegian (NOR) among its languages",
            )
        )
    legal_type = _text(root, "cac:ContractingParty/cac:ContractingPartyType/cbc:PartyTypeCode")
    if not legal_type:
        problems.append(
            Problem(
                "HD-NOR-buyer-legal-type",
                "/cn:ContractNotice/cac:ContractingParty",
                "Doffin requires the buyer legal type (BT-11)",
            )
        )
    if legal_type == "body-pl":
        problems.append(
            Problem(
                "HD-NOR-buyer-legal-type",
                "/cn:ContractNotice/cac:ContractingParty",
                "'body-pl' is not used in Norway: say which authority controls the body "
                "(body-pl-cga/-ra/-la)",
            )
        )
    problems.extend(_parts(root))
    problems.extend(_health_social(root))
    for lot in root.findall("cac:ProcurementProjectLot", NS):
        kinds = [
            _text(e, ".")
            for e in lot.findall(
                "cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion"
                "/cbc:AwardingCriterionTypeCode",
                NS,
            )
        ]
        strategic = root.xpath(
            ".//cac:ProcurementAdditionalType/cbc:ProcurementTypeCode[@listName='strategic-procurement']"
            "[normalize-space(text())='env-imp']",
            namespaces=NS,
        )
        climate = "quality-nor-env-criteria" in kinds
        if kinds and not climate:
            problems.append(
                Problem(
                    "HD-NOR-climate-criterion",
                    _path(lot),
                    "award criteria must include climate and environment "
                    "(quality-nor-env-criteria), "
                    "anskaffelsesforskriften § 7-9",
                )
            )
        if climate and not strategic:
            problems.append(
                Problem(
                    "HD-NOR-climate-strategic",
                    _path(lot),
                    "a climate and environment criterion requires strategic procurement 'env-imp'",
                )
            )
    return problems


_PARTS_1_2 = {
    "NOR": "NOR — Anskaffelsesforskriften Del 1 og 2",
    "ENG": "NOR — Public Procurement Regulations Parts 1 and 2",
}


def _descriptions(root: etree._Element, reference: str) -> dict[str, list[str]]:
    """BT-01(d)/(f) legal basis descriptions by language, of the references that match."""
    found: dict[str, list[str]] = {}
    for element in root.xpath(
        f"cac:TenderingTerms/cac:ProcurementLegislationDocumentReference[{reference}]"
        "/cbc:DocumentDescription",
        namespaces=NS,
    ):
        text = " ".join((element.text or "").split())
        found.setdefault(element.get("languageID", ""), []).append(text)
    return found


def _cites_parts_1_2(root: etree._Element) -> bool:
    """The legal basis test of EFORMS-NOR-NATIONAL-TH-R008I: parts I and II, either as the
    local legal basis described in both Norwegian and English, or as the FOA ELI whose
    descriptions (at least one) are all "parts I and II"."""
    local = _descriptions(root, "normalize-space(cbc:ID) = 'LocalLegalBasis'")
    if all(local.get(lang) == [text] for lang, text in _PARTS_1_2.items()):
        return True
    eli = _descriptions(root, "cbc:ID/@schemeName = 'ELI'")
    named = [eli.get(lang) for lang in _PARTS_1_2]
    return any(named) and all(
        texts is None or texts == [_PARTS_1_2[lang]]
        for lang, texts in zip(_PARTS_1_2, named, strict=True)
    )


def _health_social(root: etree._Element) -> list[Problem]:
    """EFORMS-NOR-NATIONAL-TH-R008I (Doffin national-e, ND-Root; anskaffelser/eforms-sdk-nor
    ``src/fields/national-e.yaml``): health and social services (Annex XIV, by the main CPV
    code of the procedure, BT-262) follow part I of anskaffelsesforskriften below the EEA
    threshold and part IV above it - never parts I and II."""
    project = "cac:ProcurementProject"
    if _text(root, f"{project}/cbc:ProcurementTypeCode[@listName='contract-nature']") != (
        "services"
    ):
        return []
    cpv = _text(
        root,
        f"{project}/cac:MainCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']",
    )
    if not (cpv and is_health_social_service(cpv) and _cites_parts_1_2(root)):
        return []
    return [
        Problem(
            "EFORMS-NOR-NATIONAL-TH-R008I",
            _path(root) + "/cac:TenderingTerms",
            f"health and social services (CPV {cpv}, Annex XIV) follow part I of "
            "anskaffelsesforskriften below the EEA threshold, not parts I and II (BT-01)",
        )
    ]


def _doffin_languages(root: etree._Element) -> list[Problem]:
    """EFORMS-NOR-R004 (national profile): Norwegian among the notice languages;
    EFORMS-NOR-R006 and -R008 (EU profile): Norwegian and an official EU language among
    them (eforms-sdk-nor tests/national/unit, tests/eu/unit)."""
    customization = _text(root, "cbc:CustomizationID")
    languages = [_text(root, "cbc:NoticeLanguageCode")] + [
        _text(e, "cbc:ID") for e in root.findall("cac:AdditionalNoticeLanguage", NS)
    ]
    where = _path(root) + "/cbc:NoticeLanguageCode"
    problems = []
    if customization.endswith(":eforms:national") and "NOR" not in languages:
        problems.append(
            Problem("EFORMS-NOR-R004", where, "Norwegian (NOR) is a language of the notice")
        )
    if customization.endswith(":eforms:eu"):
        if "NOR" not in languages:
            problems.append(
                Problem("EFORMS-NOR-R006", where, "Norwegian (NOR) is a language of the notice")
            )
        if not any(language in _EU_LANGUAGES for language in languages):
            problems.append(
                Problem(
                    "EFORMS-NOR-R008",
                    where,
                    "an official EU language is a language of the notice",
                )
            )
    return problems


def _parts(root: etree._Element) -> list[Problem]:
    """Doffin's rules on the parts of a prior information notice (E2; eforms-sdk-nor
    INVALID-national-e2-*: parts' values, parts' planned periods)."""
    problems: list[Problem] = []
    parts = root.xpath("cac:ProcurementProjectLot[cbc:ID/@schemeName='Part']", namespaces=NS)
    if not parts:
        return problems
    amount = "cac:ProcurementProject/cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount"
    values = [_text(part, amount) for part in parts]
    total = _text(root, amount)
    if any(values):
        if not total:
            problems.append(
                Problem(
                    "HD-NOR-part-value",
                    _path(root),
                    "parts with an estimated value need the procedure's estimated value (BT-27)",
                )
            )
        else:
            try:
                parts_sum = sum((Decimal(v) for v in values if v), Decimal(0))
                deviant = parts_sum != Decimal(total)
            except InvalidOperation:
                deviant = False  # reported by the SDK's own amount rules
            if deviant:
                problems.append(
                    Problem(
                        "HD-NOR-part-value-sum",
                        _path(root),
                        f"the parts' estimated values add up to {parts_sum}, not the "
                        f"procedure's {total} (BT-27)",
                    )
                )
    periods = {
        (
            _text(part, "cac:ProcurementProject/cac:PlannedPeriod/cbc:StartDate"),
            _text(part, "cac:ProcurementProject/cac:PlannedPeriod/cbc:EndDate"),
        )
        for part in parts
    }
    if len(periods) > 1:
        problems.append(
            Problem(
                "HD-NOR-part-period",
                _path(root),
                "every part of the notice has the same planned period (BT-536, BT-537)",
            )
        )
    return problems


def check(
    notice_xml: bytes, *, source: str | None = None, now: datetime | None = None
) -> list[Problem]:
    """Check a ContractNotice (subtype 16 or national E3) against the native rule subset.

    Returns the problems found (empty when none). With ``now`` (timezone-aware)
    the notice dispatch date and time (BT-05) must not lie in the future and
    the tender deadline (BT-131) must not have passed. Malformed XML raises
    :class:`heldigital.xml.DocumentError`.
    """
    tree = xml.parse(notice_xml, source=source)
    root = tree.getroot()
    subtype = _subtype(root)
    problems: list[Problem] = []
    for rule in (*RULES, *GAP_RULES, *PIN_CAN_RULES):
        if subtype not in rule.subtypes and (subtype or rule.subtypes[0] in _PIN_CAN):
            continue
        for element in tree.xpath(rule.context, namespaces=NS):
            if not rule.test(element):
                problems.append(Problem(rule.id, _path(element), rule.message))
    if subtype == "16":
        for company in tree.xpath(_COMPANY, namespaces=NS):
            if not company.xpath("count(cac:PostalAddress/cbc:CityName) > 0", namespaces=NS):
                problems.append(
                    Problem(
                        "BR-BT-00513-0022",
                        _path(company),
                        "organisation town (BT-513) is mandatory",
                    )
                )
            if not company.xpath("count(cac:PartyLegalEntity/cbc:CompanyID) > 0", namespaces=NS):
                problems.append(
                    Problem(
                        "BR-BT-00501-0022",
                        _path(company),
                        "organisation identifier (BT-501) is mandatory",
                    )
                )
    problems.extend(_deadlines(root))
    if now is not None:
        problems.extend(_against_now(root, now))
    problems.extend(_weights(root))
    if _is_doffin_national(root):
        problems.extend(_national(root))
    elif _is_doffin(root):
        problems.extend(_doffin_languages(root))
    elif not _is_doffin(root):
        # The plain SDK profile takes the official EU languages only; Doffin's profiles
        # also take Norwegian (eforms-sdk-nor tests, e.g. VALID-national-e3-minimum.xml).
        for element in root.xpath("cbc:NoticeLanguageCode", namespaces=NS):
            if (element.text or "").strip() not in _EU_LANGUAGES:
                problems.append(
                    Problem(
                        "BR-BT-00702-0102",
                        _path(element),
                        "the notice language (BT-702) must be an official EU language",
                    )
                )
    return problems
