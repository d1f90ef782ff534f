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

from .model import BUYER_LEGAL_TYPES
from .read import NS, moment

__all__ = ["Problem", "check"]


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
    for rule in RULES:
        if subtype not in rule.subtypes and subtype:
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
    return problems
