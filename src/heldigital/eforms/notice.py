"""Build eForms notices (UBL 2.3 ContractNotice with the eForms extension).

Structure mirrors the example notices of the eForms SDK 1.16
(``examples/notices/cn_24_open.xml``, ``cn_24_minimal.xml``,
``change-cn_24_open_dates.xml``, ``change-cn_24_void.xml``) and, for the
Norwegian national subtype E3, the Doffin profile (anskaffelser/eforms-sdk-nor,
``src/tests/national-e/VALID-national-e3-*.xml``).

Identifiers (eForms SDK, "Notice identifiers and versions"):

* BT-04 procedure identifier (``cbc:ContractFolderID``) - one per procedure,
  the same in every notice about it;
* BT-701 notice identifier (``cbc:ID``, a UUID) and BT-757 notice version
  (``cbc:VersionID``, ``01``, ``02`` …). A notice gets a new version only when
  the *same* notice is resubmitted before publication (e.g. after TED or
  Doffin rejected it);
* a change notice (``efac:Changes``) is a new notice with its own BT-701;
  BT-758 ``efbc:ChangedNoticeIdentifier`` names the changed notice as
  ``<BT-701>-<BT-757>``, exactly as in the SDK's ``change-cn_24_*`` examples.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from lxml import etree

from heldigital.decisions.thresholds import ContractKind, Regime
from heldigital.decisions.timelimits import Procedure

from .model import AwardCriterionKind, Language, NoticeError, Organisation, Procurement

__all__ = [
    "CAC",
    "CBC",
    "CN",
    "EFAC",
    "EFBC",
    "EFEXT",
    "EXT",
    "SDK_VERSION",
    "Change",
    "NoticeRef",
    "cancellation_notice",
    "change_notice",
    "contract_notice",
    "subtype_for",
]

CN = "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
EFAC = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
EFBC = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
EFEXT = "http://data.europa.eu/p27/eforms-ubl-extensions/1"
CAN = "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2"
PIN = "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2"
NSMAP = {None: CN, "cac": CAC, "cbc": CBC, "ext": EXT, "efac": EFAC, "efbc": EFBC, "efext": EFEXT}

#: The eForms SDK minor version the notices are written for (BT-Customization).
SDK_VERSION = "1.16"
#: Doffin's customisation for national notices of the E kind (eforms-sdk-nor, buildconfig.xml).
NATIONAL_E_CUSTOMIZATION = (
    f"eforms-sdk-{SDK_VERSION}#extended#urn:fdc:anskaffelser.no:2026:eforms:national-e"
)
#: Doffin's customisation for EU notices it forwards to TED (eforms-sdk-nor buildconfig.xml,
#: tests/eu): used when the notice is also in Norwegian, which TED's own profile refuses
#: (BR-BT-00702-0103) and Doffin's EU profile requires (EFORMS-NOR-R006).
DOFFIN_EU_CUSTOMIZATION = (
    f"eforms-sdk-{SDK_VERSION}#extended#urn:fdc:anskaffelser.no:2023:eforms:eu"
)
#: anskaffelsesforskriften (FOA), as Doffin's national notices cite it (BT-01 ELI).
FOA_ELI = "https://lovdata.no/eli/forskrift/2016/8/12/974"
FOA_PART_1 = "NOR — Anskaffelsesforskriften Del 1"
FOA_PARTS_1_2 = "NOR — Anskaffelsesforskriften Del 1 og 2"

OSLO = ZoneInfo("Europe/Oslo")

_NATURE = {
    ContractKind.GOODS: "supplies",
    ContractKind.SERVICES: "services",
    ContractKind.WORKS: "works",
}
_PROCEDURE = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "restricted",
    Procedure.NEGOTIATION: "neg-w-call",
    # A national competition (FOA part II) lets the buyer shape the procedure;
    # Doffin's E3 list offers "other single stage procedure" for it.
    Procedure.NATIONAL: "oth-single",
}


@dataclass(frozen=True)
class NoticeRef:
    """A published notice: its identifier (BT-701) and version (BT-757)."""

    notice_id: uuid.UUID
    version: int = 1

    def __post_init__(self) -> None:
        if not isinstance(self.notice_id, uuid.UUID):
            raise NoticeError("the notice identifier (BT-701) is a UUID")
        if not isinstance(self.version, int) or not 1 <= self.version <= 99:
            raise NoticeError("the notice version (BT-757) is 1 to 99")

    @property
    def identifier(self) -> str:
        """``<uuid>-<vv>``, the form BT-758 uses to point at this notice."""
        return f"{self.notice_id}-{self.version:02d}"


@dataclass(frozen=True)
class Change:
    """One change in a change notice (BT-141 description, BT-13716 changed section)."""

    description: str
    section: str  # a lot id (LOT-0001) or a notice part such as a group/organisation id
    documents_changed: bool = False  # BT-719 procurement documents change indicator


def subtype_for(procurement: Procurement) -> str:
    """The notice subtype (OPP-070) for the procurement's contract notice.

    * EEA regime (FOA part III, Directive 2014/24/EU): ``16``, "Contract or
      concession notice - standard regime, Directive 2014/24/EU" for open,
      restricted and negotiated procedures.
    * national regimes (FOA parts I and II): ``E3``, the voluntary contract
      notice Doffin uses for national competitions (eforms-sdk-nor national-e).
    """
    if procurement.regime is Regime.EEA:
        return "16"
    return "E3"


# --- small element helpers ------------------------------------------------------------------


def _el(parent: etree._Element, ns: str, name: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, f"{{{ns}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def cbc(parent, name, text=None, **attrs):
    return _el(parent, CBC, name, text, **attrs)


def cac(parent, name):
    return _el(parent, CAC, name)


def _amount(value: Decimal) -> str:
    if value != value.to_integral_value():
        return format(value.normalize(), "f")
    return format(value.quantize(Decimal(1)), "f")


def _date(moment: datetime) -> str:
    local = moment.astimezone(OSLO)
    return local.date().isoformat() + _offset(local)


def _time(moment: datetime) -> str:
    local = moment.astimezone(OSLO)
    return local.strftime("%H:%M:%S") + _offset(local)


def _offset(local: datetime) -> str:
    text = local.strftime("%z")
    return f"{text[:3]}:{text[3:]}"


def _extension(parent: etree._Element) -> etree._Element:
    exts = _el(parent, EXT, "UBLExtensions")
    content = _el(_el(exts, EXT, "UBLExtension"), EXT, "ExtensionContent")
    return _el(content, EFEXT, "EformsExtension")


def _org_ref(parent: etree._Element, name: str, org_id: str) -> None:
    ident = cac(cac(parent, name), "PartyIdentification")
    cbc(ident, "ID", org_id, schemeName="organization")


def say(
    parent: etree._Element,
    ns: str,
    name: str,
    text: str,
    procurement: Procurement,
    *,
    same: bool = False,
) -> None:
    """A text field in every notice language (BT-702), one element per language.

    ``same``: the text is a name or a legal title, written alike in every language.
    """
    for language in procurement.notice_languages:
        value = text if same else procurement.text_in(text, language)
        _el(parent, ns, name, value, languageID=language.value)


def customization(procurement: Procurement, *, national: bool) -> str:
    """BT-Customization: plain SDK, Doffin's national-e profile, or Doffin's EU profile."""
    if national:
        return NATIONAL_E_CUSTOMIZATION
    if Language.NOR in procurement.notice_languages:
        return DOFFIN_EU_CUSTOMIZATION
    return f"eforms-sdk-{SDK_VERSION}"


def _organisation(
    parent: etree._Element, org_id: str, org: Organisation, procurement: Procurement
) -> None:
    company = _el(_el(parent, EFAC, "Organization"), EFAC, "Company")
    if org.website:
        cbc(company, "WebsiteURI", org.website)
    cbc(cac(company, "PartyIdentification"), "ID", org_id, schemeName="organization")
    for language in procurement.notice_languages:  # one PartyName per language (BT-500)
        cbc(cac(company, "PartyName"), "Name", org.name, languageID=language.value)
    address = cac(company, "PostalAddress")
    if org.address.street:
        cbc(address, "StreetName", org.address.street)
    if org.address.city:
        cbc(address, "CityName", org.address.city)
    if org.address.postal_zone:
        cbc(address, "PostalZone", org.address.postal_zone)
    if org.address.nuts:
        cbc(address, "CountrySubentityCode", org.address.nuts, listName="nuts")
    cbc(cac(address, "Country"), "IdentificationCode", org.address.country, listName="country")
    if org.orgnr:
        cbc(cac(company, "PartyLegalEntity"), "CompanyID", org.orgnr)
    contact = org.contact
    if contact.name or contact.telephone or contact.email:
        element = cac(company, "Contact")
        if contact.name:
            cbc(element, "Name", contact.name)
        if contact.telephone:
            cbc(element, "Telephone", contact.telephone)
        if contact.email:
            cbc(element, "ElectronicMail", contact.email)


# --- the notice -----------------------------------------------------------------------------


def _root(
    procurement: Procurement,
    *,
    notice: NoticeRef,
    issued: datetime,
    changes: etree._Element | None = None,
) -> etree._Element:
    if procurement.time_limits is None:
        raise NoticeError("a contract notice states its time limits (BT-131, BT-13, BT-98)")
    subtype = subtype_for(procurement)
    national = subtype.startswith("E")

    root = etree.Element(f"{{{CN}}}ContractNotice", nsmap=NSMAP)
    extension = _extension(root)
    if changes is not None:
        extension.append(changes)
    cbc(_el(extension, EFAC, "NoticeSubType"), "SubTypeCode", subtype, listName="notice-subtype")
    organisations(extension, procurement)
    header(
        root,
        procurement,
        notice=notice,
        issued=issued,
        national=national,
        notice_type=("competition", "cn-standard"),
    )

    terms = cac(root, "TenderingTerms")
    if national:
        legislation(terms, procurement)
    requirement = cac(cac(terms, "TendererQualificationRequest"), "SpecificTendererRequirement")
    cbc(
        requirement,
        "TendererRequirementTypeCode",
        "epo-procurement-document",  # the ESPD request is part of the procurement documents
        listName="exclusion-grounds-source",
    )
    if len(procurement.lots) > 1:
        # BT-31: without a stated limit a tenderer may tender for every lot.
        most = procurement.max_lots_per_tenderer or len(procurement.lots)
        cbc(cac(terms, "LotDistribution"), "MaximumLotsSubmittedNumeric", str(most))

    process = cac(root, "TenderingProcess")
    cbc(
        process,
        "ProcedureCode",
        _PROCEDURE[procurement.procedure],
        listName="procurement-procedure-type",
    )
    if not national:
        justification = cac(process, "ProcessJustification")
        cbc(justification, "ProcessReasonCode", "false", listName="accelerated-procedure")

    project(
        cac(root, "ProcurementProject"),
        procurement,
        internal_id=procurement.reference,
        title=procurement.title,
        description=procurement.description,
        value=procurement.estimated_value,
        main_cpv=procurement.main_cpv,
        additional_cpv=procurement.additional_cpv,
        duration_months=None,
    )
    for lot_id, lot in zip(procurement.lot_ids, procurement.lots, strict=True):
        _lot(root, procurement, lot_id, lot, national=national)
    return root


def organisations(
    extension: etree._Element, procurement: Procurement, *, review_body: bool = True
) -> etree._Element:
    """efac:Organizations with the buyer (ORG-0001) and the review body (ORG-0002).

    ``review_body``: whether the notice refers to the review body (every organisation
    listed must be referred to, BR-OPT-00200-0103).
    """
    element = _el(extension, EFAC, "Organizations")
    _organisation(element, "ORG-0001", procurement.buyer, procurement)
    if review_body and procurement.review_body is not None:
        _organisation(element, "ORG-0002", procurement.review_body, procurement)
    return element


def legislation(terms: etree._Element, procurement: Procurement) -> None:
    """BT-01: anskaffelsesforskriften part I, or parts I and II (Doffin national notices)."""
    reference = cac(terms, "ProcurementLegislationDocumentReference")
    cbc(reference, "ID", FOA_ELI, schemeName="ELI")
    part = FOA_PARTS_1_2 if procurement.regime is Regime.NATIONAL else FOA_PART_1
    # The legal title Doffin checks (eforms-sdk-nor INVALID-national-e2-wrong-legal-basis-*).
    say(reference, CBC, "DocumentDescription", part, procurement, same=True)


def header(
    root: etree._Element,
    procurement: Procurement,
    *,
    notice: NoticeRef,
    issued: datetime,
    national: bool,
    notice_type: tuple[str, str],
    folder: bool = True,
    planned: datetime | None = None,
) -> None:
    """The notice's identification (BT-701, BT-04, BT-05, BT-757 …) and its buyer (BT-11, BT-10).

    ``notice_type`` is (list, code) of BT-02, e.g. ("result", "can-standard");
    ``planned`` the estimated date of a later contract notice (BT-127, PIN only).
    """
    if issued.tzinfo is None or issued.utcoffset() is None:
        raise NoticeError("issue time must be timezone-aware")
    cbc(root, "UBLVersionID", "2.3")
    cbc(root, "CustomizationID", customization(procurement, national=national))
    cbc(root, "ID", str(notice.notice_id), schemeName="notice-id")
    if folder:
        cbc(root, "ContractFolderID", str(procurement.procedure_id))
    cbc(root, "IssueDate", _date(issued))
    cbc(root, "IssueTime", _time(issued))
    cbc(root, "VersionID", f"{notice.version:02d}")
    if planned is not None:
        cbc(root, "PlannedDate", _date(planned))
    cbc(root, "RegulatoryDomain", "other" if national else "32014L0024")
    cbc(root, "NoticeTypeCode", notice_type[1], listName=notice_type[0])
    cbc(root, "NoticeLanguageCode", procurement.language.value)
    if procurement.additional_language is not None:
        cbc(cac(root, "AdditionalNoticeLanguage"), "ID", procurement.additional_language.value)

    party = cac(root, "ContractingParty")
    cbc(
        cac(party, "ContractingPartyType"),
        "PartyTypeCode",
        procurement.buyer.legal_type,
        listName="buyer-legal-type",
    )
    cbc(
        cac(party, "ContractingActivity"),
        "ActivityTypeCode",
        procurement.buyer.activity,
        listName="authority-activity",
    )
    cbc(
        cac(cac(party, "Party"), "PartyIdentification"), "ID", "ORG-0001", schemeName="organization"
    )


def project(
    project: etree._Element,
    procurement: Procurement,
    *,
    internal_id: str,
    title: str,
    description: str,
    value: Decimal | None,
    main_cpv: str,
    additional_cpv: Sequence[str],
    duration_months: int | None,
    strategic: bool = True,
) -> None:
    """cac:ProcurementProject of the procedure or of one lot (BT-21, BT-24, BT-23, BT-262 …).

    ``strategic``: write the strategic-procurement fields (BT-06, BT-777), which a
    prior information notice used only for information does not have.
    """
    if internal_id:
        cbc(project, "ID", internal_id, schemeName="InternalID")
    say(project, CBC, "Name", title, procurement)
    say(project, CBC, "Description", description, procurement)
    cbc(project, "ProcurementTypeCode", _NATURE[procurement.nature], listName="contract-nature")
    if strategic and procurement.strategic_environmental:
        additional = cac(project, "ProcurementAdditionalType")
        cbc(additional, "ProcurementTypeCode", "env-imp", listName="strategic-procurement")
        for language in procurement.notice_languages:
            cbc(
                additional,
                "ProcurementType",
                _strategic_description(procurement, language),
                languageID=language.value,
            )
    if value is not None:
        total = cac(project, "RequestedTenderTotal")
        cbc(
            total, "EstimatedOverallContractAmount", _amount(value), currencyID=procurement.currency
        )
    cbc(
        cac(project, "MainCommodityClassification"),
        "ItemClassificationCode",
        main_cpv,
        listName="cpv",
    )
    for code in additional_cpv:
        cbc(
            cac(project, "AdditionalCommodityClassification"),
            "ItemClassificationCode",
            code,
            listName="cpv",
        )
    location = cac(cac(project, "RealizedLocation"), "Address")
    place = procurement.place_nuts or procurement.buyer.address.nuts
    if place:
        cbc(location, "CountrySubentityCode", place, listName="nuts")
    cbc(
        cac(location, "Country"),
        "IdentificationCode",
        procurement.buyer.address.country,
        listName="country",
    )
    if duration_months is not None:
        cbc(
            cac(project, "PlannedPeriod"), "DurationMeasure", str(duration_months), unitCode="MONTH"
        )


def _strategic_description(procurement: Procurement, language: Language) -> str:
    """BT-777: how the procurement reduces environmental impact, from its criteria."""
    english = language is Language.ENG
    weighed = [
        f"{procurement.text_in(c.name, language)} ({_amount(c.weight)} %)"
        for c in procurement.award_criteria
        if c.kind is AwardCriterionKind.QUALITY_ENVIRONMENT
    ]
    if weighed:
        head = (
            "Climate and environment weighed in the award criteria: "
            if english
            else "Klima og miljø vektes i tildelingskriteriene: "
        )
        return head + "; ".join(weighed)
    return "Reduction of environmental impact" if english else "Reduksjon av miljøpåvirkning"


def _lot(root, procurement: Procurement, lot_id: str, lot, *, national: bool) -> None:
    limits = procurement.time_limits
    assert limits is not None  # _root requires them
    element = cac(root, "ProcurementProjectLot")
    cbc(element, "ID", lot_id, schemeName="Lot")
    terms = cac(element, "TenderingTerms")
    if procurement.selection_criteria:
        extension = _extension(terms)
        for criterion in procurement.selection_criteria:
            selection = _el(extension, EFAC, "SelectionCriteria")
            cbc(
                selection,
                "TendererRequirementTypeCode",
                criterion.code,
                listName="selection-criterion",
            )
            say(selection, CBC, "Name", criterion.name, procurement)
            if criterion.description:
                say(selection, CBC, "Description", criterion.description, procurement)
            cbc(selection, "CalculationExpressionCode", "used", listName="usage")
    cbc(terms, "VariantConstraintCode", "not-allowed", listName="permission")
    cbc(terms, "FundingProgramCode", "no-eu-funds", listName="eu-funded")
    documents = cac(terms, "CallForTendersDocumentReference")
    cbc(documents, "ID", procurement.reference)
    cbc(documents, "DocumentType", "non-restricted-document")
    cbc(cac(cac(documents, "Attachment"), "ExternalReference"), "URI", procurement.documents_url)
    reserved = cac(cac(terms, "TendererQualificationRequest"), "SpecificTendererRequirement")
    cbc(reserved, "TendererRequirementTypeCode", "none", listName="reserved-procurement")
    source = cac(cac(terms, "TendererQualificationRequest"), "SpecificTendererRequirement")
    cbc(
        source,
        "TendererRequirementTypeCode",
        "epo-notice" if procurement.selection_criteria else "epo-procurement-document",
        listName="selection-criteria-source",
    )
    for code, value in (
        ("reserved-execution", "no"),
        ("einvoicing", "required"),
        ("ecatalog-submission", "allowed"),
    ):
        cbc(
            cac(terms, "ContractExecutionRequirement"),
            "ExecutionRequirementCode",
            value,
            listName=code,
        )
    negotiated = procurement.procedure is Procedure.NEGOTIATION
    if procurement.award_criteria or negotiated:
        awarding_terms = cac(terms, "AwardingTerms")
    if negotiated:
        # BT-120: "true" when the buyer may award on the initial tenders without negotiation.
        cbc(
            awarding_terms,
            "NoFurtherNegotiationIndicator",
            "true" if procurement.award_without_negotiation else "false",
        )
    if procurement.award_criteria:
        awarding = cac(awarding_terms, "AwardingCriterion")
        for criterion in procurement.award_criteria:
            sub = cac(awarding, "SubordinateAwardingCriterion")
            parameter = _el(_extension(sub), EFAC, "AwardCriterionParameter")
            _el(parameter, EFBC, "ParameterCode", "per-exa", listName="number-weight")
            _el(parameter, EFBC, "ParameterNumeric", _amount(criterion.weight))
            kind = criterion.kind
            if kind is AwardCriterionKind.QUALITY_ENVIRONMENT and not national:
                kind = AwardCriterionKind.QUALITY  # the national code is unknown to TED
            cbc(sub, "AwardingCriterionTypeCode", kind.value, listName="award-criterion-type")
            say(sub, CBC, "Name", criterion.name, procurement)
            if criterion.description:
                say(sub, CBC, "Description", criterion.description, procurement)
    _org_ref(terms, "AdditionalInformationParty", "ORG-0001")
    recipient = cac(terms, "TenderRecipientParty")
    cbc(recipient, "EndpointID", procurement.submission_url)
    cbc(cac(recipient, "PartyIdentification"), "ID", "ORG-0001", schemeName="organization")
    if not procurement.two_stage:
        # BT-98 belongs to single-stage notices; in a two-stage procedure the
        # invitation to tender states it (BR-BT-00098-0052).
        validity = cac(terms, "TenderValidityPeriod")
        cbc(
            validity,
            "DurationMeasure",
            str(limits.tender_validity_days),
            unitCode="DAY",
        )
    if procurement.review_body is not None:
        appeal = cac(terms, "AppealTerms")
        _org_ref(appeal, "AppealInformationParty", "ORG-0001")
        _org_ref(appeal, "AppealReceiverParty", "ORG-0002")
    for language in procurement.notice_languages:
        cbc(cac(terms, "Language"), "ID", language.value)  # BT-97 languages of tenders
    post = cac(terms, "PostAwardProcess")
    cbc(post, "ElectronicOrderUsageIndicator", "true")
    cbc(post, "ElectronicPaymentUsageIndicator", "true")

    process = cac(element, "TenderingProcess")
    cbc(process, "SubmissionMethodCode", "required", listName="esubmission")
    if negotiated:
        cbc(
            process,
            "CandidateReductionConstraintIndicator",
            "true" if procurement.successive_reduction else "false",
        )
    if not national:
        cbc(process, "GovernmentAgreementConstraintIndicator", "true")
    if procurement.two_stage:
        # BT-1311; the tender deadline (BT-131) goes in the invitation to tender.
        assert limits.request_deadline is not None  # the model requires it
        requests = cac(process, "ParticipationRequestReceptionPeriod")
        cbc(requests, "EndDate", _date(limits.request_deadline))
        cbc(requests, "EndTime", _time(limits.request_deadline))
    else:
        deadline = cac(process, "TenderSubmissionDeadlinePeriod")
        cbc(deadline, "EndDate", _date(limits.tender_deadline))
        cbc(deadline, "EndTime", _time(limits.tender_deadline))
    if limits.questions_deadline is not None:
        questions = cac(process, "AdditionalInformationRequestPeriod")
        cbc(questions, "EndDate", _date(limits.questions_deadline))
        cbc(questions, "EndTime", _time(limits.questions_deadline))
    if procurement.minimum_candidates is not None and procurement.two_stage:
        shortlist = cac(process, "EconomicOperatorShortList")
        # BT-661 "false": every qualified candidate is invited (no maximum, BT-51).
        cbc(shortlist, "LimitationDescription", "false")
        cbc(shortlist, "MinimumQuantity", str(procurement.minimum_candidates))
    cbc(cac(process, "AuctionTerms"), "AuctionConstraintIndicator", "false")
    for code in ("framework-agreement", "dps-usage"):
        cbc(cac(process, "ContractingSystem"), "ContractingSystemTypeCode", "none", listName=code)

    project(
        cac(element, "ProcurementProject"),
        procurement,
        internal_id=lot_id,
        title=lot.title,
        description=lot.description,
        value=lot.estimated_value,
        main_cpv=lot.main_cpv,
        additional_cpv=lot.additional_cpv,
        duration_months=lot.duration_months,
    )


def _serialise(root: etree._Element) -> bytes:
    """The notice as UTF-8 XML, after the native business rules (:func:`check`) found nothing.

    A procurement the model accepted can still miss what a subtype requires
    (e.g. the review body's town or organisation number above the EEA
    threshold); such a notice is refused here rather than rejected by TED
    or Doffin later.
    """
    from .check import check  # check imports this module's namespaces

    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    problems = check(data)
    if problems:
        listed = "; ".join(f"{p.rule}: {p.message}" for p in problems)
        raise NoticeError(f"the notice would break eForms rules: {listed}", problems=problems)
    return data


def contract_notice(
    procurement: Procurement,
    *,
    issued: datetime,
    notice_id: uuid.UUID | None = None,
    version: int = 1,
) -> bytes:
    """The contract notice (subtype 16 or E3, see :func:`subtype_for`) as UTF-8 XML.

    ``issued`` (timezone-aware) becomes BT-05 notice dispatch date and time,
    written in Europe/Oslo time with its UTC offset. ``notice_id`` defaults to a
    fresh UUID; ``version`` (BT-757) is 1 for a first submission.
    """
    ref = NoticeRef(notice_id or uuid.uuid4(), version)
    return _serialise(_root(procurement, notice=ref, issued=issued))


def _changes(
    previous: NoticeRef,
    changes: Sequence[Change],
    reason_code: str,
    reason: str,
    procurement: Procurement,
):
    element = etree.Element(f"{{{EFAC}}}Changes", nsmap=NSMAP)
    _el(element, EFBC, "ChangedNoticeIdentifier", previous.identifier)
    for change in changes:
        entry = _el(element, EFAC, "Change")
        say(entry, EFBC, "ChangeDescription", change.description, procurement)
        if change.documents_changed:
            _el(entry, EFBC, "ProcurementDocumentsChangeIndicator", "true")
        section = _el(entry, EFAC, "ChangedSection")
        _el(section, EFBC, "ChangedSectionIdentifier", change.section)
    why = _el(element, EFAC, "ChangeReason")
    cbc(why, "ReasonCode", reason_code, listName="change-corrig-justification")
    say(why, EFBC, "ReasonDescription", reason, procurement)
    return element


def change_notice(
    procurement: Procurement,
    *,
    previous: NoticeRef,
    changes: Sequence[Change],
    reason: str,
    issued: datetime,
    notice_id: uuid.UUID | None = None,
    version: int = 1,
    reason_code: str = "update-add",
) -> bytes:
    """A change notice (corrigendum): the whole notice as it now reads plus ``efac:Changes``.

    ``procurement`` is the corrected procurement (same ``procedure_id``);
    ``previous`` the notice being changed. Reason codes come from the
    change-corrig-justification list (``update-add``, ``cor-buy`` …).
    """
    if not changes:
        raise NoticeError("a change notice lists at least one change")
    if not reason.strip():
        raise NoticeError("a change notice states the reason for the change")
    known = set(procurement.lot_ids) | {"ORG-0001", "ORG-0002"}
    for change in changes:
        if change.section not in known:
            raise NoticeError(f"changed section {change.section!r} is not part of the notice")
        if not change.description.strip():
            raise NoticeError("every change has a description")
    block = _changes(previous, changes, reason_code, reason, procurement)
    ref = NoticeRef(notice_id or uuid.uuid4(), version)
    return _serialise(_root(procurement, notice=ref, issued=issued, changes=block))


def cancellation_notice(
    procurement: Procurement,
    *,
    previous: NoticeRef,
    reason: str,
    issued: datetime,
    notice_id: uuid.UUID | None = None,
    version: int = 1,
) -> bytes:
    """A change notice that cancels the procedure (reason code ``cancel``).

    This is how the eForms SDK voids a published contract notice (example
    ``change-cn_24_void.xml``): the notice is repeated with ``efac:Changes``
    carrying only the reason ``cancel`` and its description.
    """
    if not reason.strip():
        raise NoticeError("a cancellation states its reason")
    block = _changes(previous, (), "cancel", reason, procurement)
    ref = NoticeRef(notice_id or uuid.uuid4(), version)
    return _serialise(_root(procurement, notice=ref, issued=issued, changes=block))
