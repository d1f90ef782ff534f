"""Write and read ESPD requests and responses (ESPD-EDM v4.1.0, UBL 2.3).

Structure mirrors the official samples ``xml-examples/ESPD-Request.xml`` and
``ESPD-Response.xml`` of OP-TED/ESPD-EDM v4.1.0: a
``QualificationApplicationRequest`` lists each requested criterion
(``cac:TenderingCriterion``) with its property groups exactly as the criterion
taxonomy defines them, the buyer's thresholds filled into the REQUIREMENT
properties; a ``QualificationApplicationResponse`` repeats the request's
criteria and answers QUESTION properties with ``cac:TenderingCriterionResponse``
elements that name the property they answer (``ValidatedCriterionPropertyID``).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from lxml import etree

from heldigital import xml

from .criteria import CATALOGUE, Criterion, Section, Threshold, by_id, get
from .model import (
    Answer,
    EspdError,
    Evidence,
    Party,
    Period,
    Procurement,
    Requirement,
    YearAmount,
)
from .taxonomy import Group, Prop, walk

__all__ = [
    "CriterionResponse",
    "EspdRequest",
    "EspdResponse",
    "Value",
    "parse_request",
    "parse_response",
    "request",
    "response",
]

REQ = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2"
RESP = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NS = {"req": REQ, "resp": RESP, "cac": CAC, "cbc": CBC}
EDM_VERSION = "4.1.0"
OSLO = ZoneInfo("Europe/Oslo")
_CRITERION_LIST = "http://publications.europa.eu/resource/authority/criterion"
_AGENCY = "Heldigital"
#: The EU Vocabularies code lists and the versions ESPD-EDM v4.1.0 requires of them
#: (validation/common/sch/01-ESPD-common-cl-attributes.sch: listID, listAgencyID and
#: listVersionID must be exactly these; BR-OTH-01-10/20/30 make all three mandatory on
#: every code element).
_EU = "http://publications.europa.eu/resource/authority/"
LIST_VERSIONS = {
    "country": "20250924-0",
    "procurement-procedure-type": "20250924-0",
    "docrefcontent-type": "20250924-0",
    "economic-operator-size": "20250924-0",
    "eo-role-type": "20211208-0",
    "criterion": "20240612-0",
}
#: ISO 6523 ICD 0192 (Norwegian organisation number) is issued by Brønnøysundregistrene.
_ORGNR_AGENCY = "BRREG"
#: BR-COM-10-01: a TED contract notice reference is "YYYY/S NNN-NNNNNN"; before TED has
#: published the notice, this temporary number is used and the notice's own id goes in the
#: second description line (BR-COM-10-02).
TED_TEMPORARY_ID = "0000/S 000-000000"
#: eo-role-type (EU Vocabularies, version 20211208-0): the operator's role in the tender.
EO_ROLES = ("sole-tenderer", "group-lead", "group-mem", "subcont", "oeron")
_TRUE_CODES = ("CHECK_BOX_TRUE", "CHECKBOX_TRUE", "RADIO_BUTTON_TRUE")


def _code(parent, name: str, value: str, codelist: str) -> None:
    cbc(
        parent,
        name,
        value,
        listID=_EU + codelist,
        listAgencyID="OP",
        listVersionID=LIST_VERSIONS[codelist],
    )


def _el(parent, ns: str, name: str, text: str | None = None, **attrs: str):
    element = etree.SubElement(parent, f"{{{ns}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def cbc(parent, name, text=None, **attrs):
    return _el(parent, CBC, name, text, **attrs)


def cac(parent, name):
    return _el(parent, CAC, name)


def _ident(parent, name: str, text: str) -> None:
    cbc(parent, name, text, schemeID="Criterion", schemeAgencyID="OP", schemeVersionID=EDM_VERSION)


def _number(value: Decimal | int) -> str:
    if isinstance(value, int):
        return str(value)
    return (
        format(value.normalize(), "f")
        if value != value.to_integral_value()
        else format(value.quantize(1), "f")
    )


def _header(
    root, *, prefix: str, document_id: uuid.UUID, procedure_id: str, issued: datetime
) -> None:
    if issued.tzinfo is None or issued.utcoffset() is None:
        raise EspdError("issue time must be timezone-aware")
    local = issued.astimezone(OSLO)
    offset = local.strftime("%z")
    cbc(root, "UBLVersionID", "2.3", schemeAgencyID="OASIS-UBL-TC")
    cbc(
        root,
        "ProfileExecutionID",
        f"ESPD-EDMv{EDM_VERSION}",
        schemeAgencyID="OP",
        schemeVersionID=EDM_VERSION,
    )
    cbc(root, "ID", f"{prefix}-{document_id}", schemeAgencyID=_AGENCY)
    cbc(root, "CopyIndicator", "false")
    cbc(
        root,
        "UUID",
        str(document_id),
        schemeID="ISO/IEC 9834-8:2008 - 4UUID",
        schemeAgencyID=_AGENCY,
        schemeVersionID=EDM_VERSION,
    )
    cbc(root, "ContractFolderID", procedure_id, schemeAgencyID=_AGENCY)
    cbc(root, "IssueDate", local.date().isoformat())
    cbc(root, "IssueTime", local.strftime("%H:%M:%S") + f"{offset[:3]}:{offset[3:]}")
    cbc(root, "VersionID", EDM_VERSION, schemeAgencyID="OP", schemeVersionID=EDM_VERSION)


def _party(parent, party: Party, *, operator: bool = False) -> None:
    element = cac(parent, "Party")
    if party.website:
        cbc(element, "WebsiteURI", party.website)
    if operator and party.sme is not None:
        _code(
            element,
            "IndustryClassificationCode",
            "sme" if party.sme else "large",
            "economic-operator-size",
        )
    if party.orgnr:
        # ISO 6523 ICD 0192: Norwegian organisation number (Brønnøysundregistrene)
        cbc(
            cac(element, "PartyIdentification"),
            "ID",
            party.orgnr,
            schemeID="0192",
            schemeAgencyID=_ORGNR_AGENCY,
        )
    cbc(cac(element, "PartyName"), "Name", party.name)
    address = cac(element, "PostalAddress")
    if party.street:
        cbc(address, "StreetName", party.street)
    if party.city:
        cbc(address, "CityName", party.city)
    if party.postal_zone:
        cbc(address, "PostalZone", party.postal_zone)
    _code(cac(address, "Country"), "IdentificationCode", party.country, "country")
    if party.email or party.telephone:
        contact = cac(element, "Contact")
        if party.telephone:
            cbc(contact, "Telephone", party.telephone)
        if party.email:
            cbc(contact, "ElectronicMail", party.email)


# --- request --------------------------------------------------------------------------------


def _expected(element, prop: Prop, criterion: Criterion, requirement: Requirement) -> None:
    roles = criterion.roles
    if prop.id == roles.lot:
        cbc(element, "ExpectedID", requirement.lot, schemeAgencyID="OP")
    elif prop.id == roles.minimum_amount and requirement.minimum_amount is not None:
        cbc(
            element,
            "MinimumAmount",
            _number(requirement.minimum_amount),
            currencyID=requirement.currency,
        )
    elif prop.id == roles.years and requirement.years is not None:
        cbc(element, "ExpectedValueNumeric", str(requirement.years))
    elif prop.id == roles.per_year and criterion.threshold is Threshold.YEARLY_TURNOVER:
        code = "CHECK_BOX_TRUE" if requirement.per_year else "CHECK_BOX_FALSE"
        cbc(
            element,
            "ExpectedCode",
            code,
            listID="boolean-gui-control-type",
            listAgencyID="OP",
            listVersionID=EDM_VERSION,
        )
    elif prop.id == roles.minimum_ratio and requirement.minimum_ratio is not None:
        cbc(element, "ExpectedValueNumeric", _number(requirement.minimum_ratio))
    elif (
        prop.id == roles.ratio_type
        and criterion.threshold is Threshold.RATIO
        and requirement.ratio_type
    ):
        cbc(
            element,
            "ExpectedCode",
            requirement.ratio_type,
            listID="financial-ratio-type",
            listAgencyID="OP",
            listVersionID=EDM_VERSION,
        )
    elif prop.id == roles.minimum_count and requirement.minimum_count is not None:
        cbc(element, "ExpectedValueNumeric", str(requirement.minimum_count))
    elif prop.id == roles.requirement_description and requirement.description:
        cbc(element, "ExpectedDescription", requirement.description)


def _group(
    parent, name: str, group: Group, criterion: Criterion, requirement: Requirement | None
) -> None:
    element = _el(parent, CAC, name)
    _ident(element, "ID", group.id)
    cbc(
        element,
        "PropertyGroupTypeCode",
        group.type,
        listID="property-group-type",
        listAgencyID="OP",
        listVersionID=EDM_VERSION,
    )
    for item in group.items:
        if isinstance(item, Prop):
            prop = cac(element, "TenderingCriterionProperty")
            _ident(prop, "ID", item.id)
            cbc(prop, "Name")
            cbc(prop, "Description", item.description)
            cbc(
                prop,
                "TypeCode",
                item.type,
                listID="criterion-element-type",
                listAgencyID="OP",
                listVersionID=EDM_VERSION,
            )
            cbc(
                prop,
                "ValueDataTypeCode",
                item.datatype,
                listID="response-data-type",
                listAgencyID="OP",
                listVersionID=EDM_VERSION,
            )
            if item.type == "REQUIREMENT" and requirement is not None:
                _expected(prop, item, criterion, requirement)
    for item in group.items:
        if isinstance(item, Group):
            _group(
                element, "SubsidiaryTenderingCriterionPropertyGroup", item, criterion, requirement
            )


def _criterion(parent, criterion: Criterion, requirement: Requirement | None) -> None:
    element = cac(parent, "TenderingCriterion")
    _ident(element, "ID", criterion.id)
    _code(element, "CriterionTypeCode", criterion.code, "criterion")
    cbc(element, "Name", criterion.name)
    cbc(element, "Description", criterion.description)
    if criterion.section is Section.SELECTION and requirement is not None and requirement.lot:
        # BR-LOT-41: every selection criterion names the lot(s) it applies to
        _ident(cac(element, "ProcurementProjectLotReference"), "ID", requirement.lot)
    for group in criterion.groups:
        _group(element, "TenderingCriterionPropertyGroup", group, criterion, requirement)


def _notice_reference(root, procurement: Procurement) -> None:
    """The notice the request belongs to (BR-COM-10).

    A national notice (Doffin only, ``NOJCN``) is referenced by its notice id. A
    TED contract notice is referenced by its TED publication number when known
    (``ted_publication_id``, "YYYY/S NNN-NNNNNN"), else by the temporary number
    ``0000/S 000-000000``; the notice's own id (eForms BT-701) is the second
    description line, as BR-COM-10-02 asks.
    """
    reference = cac(root, "AdditionalDocumentReference")
    if procurement.national_notice:
        cbc(reference, "ID", procurement.notice_id, schemeAgencyID=_AGENCY)
        _code(reference, "DocumentTypeCode", "NOJCN", "docrefcontent-type")
        return
    cbc(
        reference,
        "ID",
        procurement.ted_publication_id or TED_TEMPORARY_ID,
        schemeAgencyID="OP",
    )
    _code(reference, "DocumentTypeCode", "TED_CN", "docrefcontent-type")
    external = cac(cac(reference, "Attachment"), "ExternalReference")
    cbc(external, "Description", procurement.title)
    cbc(external, "Description", procurement.notice_id)


def _with_mandatory(requirements: Sequence[Requirement]) -> list[Requirement]:
    codes = [r.criterion for r in requirements]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise EspdError(f"criterion requested twice: {', '.join(sorted(duplicates))}")
    mandatory = [
        Requirement(criterion=c.code)
        for c in CATALOGUE.values()
        if c.mandatory_exclusion and c.code not in codes
    ]
    ordered = {c: i for i, c in enumerate(CATALOGUE)}
    return sorted([*requirements, *mandatory], key=lambda r: ordered[r.criterion])


def request(
    procurement: Procurement,
    requirements: Sequence[Requirement],
    *,
    issued: datetime,
    document_id: uuid.UUID | None = None,
) -> bytes:
    """The ESPD request (QualificationApplicationRequest) as UTF-8 XML.

    The exclusion grounds of Directive 2014/24/EU Art. 57(1) and (2) (FOA
    § 24-2 (1)) are mandatory and always included; every other criterion is
    included as requested, with its threshold.
    """
    root = etree.Element(
        f"{{{REQ}}}QualificationApplicationRequest", nsmap={None: REQ, "cac": CAC, "cbc": CBC}
    )
    _header(
        root,
        prefix="ESPDREQ",
        document_id=document_id or uuid.uuid4(),
        procedure_id=procurement.procedure_id,
        issued=issued,
    )
    _code(root, "ProcedureCode", procurement.procedure, "procurement-procedure-type")
    _party(cac(root, "ContractingParty"), procurement.buyer)
    project = cac(root, "ProcurementProject")
    cbc(project, "Name", procurement.title)
    cbc(project, "Description", procurement.description)
    for lot in procurement.lots:
        _ident(cac(root, "ProcurementProjectLot"), "ID", lot)
    for requirement in _with_mandatory(requirements):
        criterion = get(requirement.criterion)
        if criterion.section is Section.SELECTION and requirement.lot not in procurement.lots:
            raise EspdError(
                f"requirement {requirement.criterion!r} names unknown lot {requirement.lot!r}"
            )
        _criterion(root, criterion, requirement)
    if procurement.notice_id:
        _notice_reference(root, procurement)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- reading --------------------------------------------------------------------------------


def _text(element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _decimal(text: str, where: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise EspdError(f"{where}: not a number: {text!r}") from None


def _date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise EspdError(f"{where}: not a date: {text!r}") from None


def _party_of(element) -> Party | None:
    if element is None:
        return None
    name = _text(element, "cac:PartyName/cbc:Name")
    country = _text(element, "cac:PostalAddress/cac:Country/cbc:IdentificationCode") or "NOR"
    ident = element.find("cac:PartyIdentification/cbc:ID", NS)
    orgnr = (ident.text or "").strip() if ident is not None else ""
    size = _text(element, "cbc:IndustryClassificationCode")
    try:
        return Party(
            name=name or "(no name)",
            orgnr=orgnr if ident is not None and ident.get("schemeID") == "0192" else "",
            country=country if len(country) == 3 else "NOR",
            city=_text(element, "cac:PostalAddress/cbc:CityName"),
            email=_text(element, "cac:Contact/cbc:ElectronicMail"),
            website=_text(element, "cbc:WebsiteURI"),
            sme=None if not size else size != "large",
        )
    except EspdError:
        return Party(name=name or "(no name)", country="NOR")


@dataclass(frozen=True)
class EspdRequest:
    """An ESPD request read back: the procurement and the requirements with their thresholds."""

    document_id: str
    procedure_id: str
    issued: date
    buyer: Party | None
    title: str
    lots: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    unknown_criteria: tuple[str, ...]  # criteria outside the v4.1.0 catalogue (by code)


def _requirement_from(element, criterion: Criterion) -> Requirement:
    values: dict[str, etree._Element] = {}
    for prop in element.iter(f"{{{CAC}}}TenderingCriterionProperty"):
        values[_text(prop, "cbc:ID")] = prop
    roles = criterion.roles
    kwargs: dict[str, object] = {"criterion": criterion.code}

    def prop(role_id: str | None):
        return values.get(role_id) if role_id else None

    if (p := prop(roles.lot)) is not None and _text(p, "cbc:ExpectedID"):
        kwargs["lot"] = _text(p, "cbc:ExpectedID")
    kind = criterion.threshold
    turnover = kind in (Threshold.YEARLY_TURNOVER, Threshold.AVERAGE_TURNOVER)
    if criterion.section is Section.SELECTION:
        if (
            p := prop(roles.minimum_amount if turnover or kind is Threshold.AMOUNT else None)
        ) is not None and (amount := p.find("cbc:MinimumAmount", NS)) is not None:
            kwargs["minimum_amount"] = _decimal(
                (amount.text or "").strip(), roles.minimum_amount or ""
            )
            kwargs["currency"] = amount.get("currencyID") or "NOK"
        if (p := prop(roles.years if turnover else None)) is not None and _text(
            p, "cbc:ExpectedValueNumeric"
        ):
            kwargs["years"] = int(_decimal(_text(p, "cbc:ExpectedValueNumeric"), roles.years or ""))
        if (p := prop(roles.per_year if turnover else None)) is not None and _text(
            p, "cbc:ExpectedCode"
        ):
            kwargs["per_year"] = _text(p, "cbc:ExpectedCode") in _TRUE_CODES
        if (
            p := prop(roles.minimum_ratio if kind is Threshold.RATIO else None)
        ) is not None and _text(p, "cbc:ExpectedValueNumeric"):
            kwargs["minimum_ratio"] = _decimal(
                _text(p, "cbc:ExpectedValueNumeric"), roles.minimum_ratio or ""
            )
        if (p := prop(roles.ratio_type)) is not None and criterion.threshold is Threshold.RATIO:
            kwargs["ratio_type"] = _text(p, "cbc:ExpectedCode")
        if (
            p := prop(roles.minimum_count if kind is Threshold.REFERENCES else None)
        ) is not None and _text(p, "cbc:ExpectedValueNumeric"):
            kwargs["minimum_count"] = int(
                _decimal(_text(p, "cbc:ExpectedValueNumeric"), roles.minimum_count or "")
            )
        if (p := prop(roles.requirement_description)) is not None:
            kwargs["description"] = _text(p, "cbc:ExpectedDescription")
    return Requirement(**kwargs)


def _criterion_of(element) -> Criterion | None:
    return by_id(_text(element, "cbc:ID")) or CATALOGUE.get(_text(element, "cbc:CriterionTypeCode"))


def _root(data: bytes, tag: str, source: str | None) -> etree._Element:
    root = xml.parse(data, source=source).getroot()
    if root.tag != tag:
        raise EspdError(f"not an ESPD {etree.QName(tag).localname}: {etree.QName(root).localname}")
    version = _text(root, "cbc:VersionID")
    if version and not version.startswith("4."):
        raise EspdError(f"ESPD-EDM version {version} is not supported (4.x expected)")
    return root


def parse_request(data: bytes, *, source: str | None = None) -> EspdRequest:
    """Read an ESPD request (ESPD-EDM 4.x) back into requirements with thresholds."""
    root = _root(data, f"{{{REQ}}}QualificationApplicationRequest", source)
    requirements, unknown = [], []
    for element in root.findall("cac:TenderingCriterion", NS):
        criterion = _criterion_of(element)
        if criterion is None:
            unknown.append(_text(element, "cbc:CriterionTypeCode") or _text(element, "cbc:ID"))
        elif criterion.section is not Section.OTHER:
            requirements.append(_requirement_from(element, criterion))
    return EspdRequest(
        document_id=_text(root, "cbc:ID"),
        procedure_id=_text(root, "cbc:ContractFolderID"),
        issued=_date(_text(root, "cbc:IssueDate"), "IssueDate"),
        buyer=_party_of(root.find("cac:ContractingParty/cac:Party", NS)),
        title=_text(root, "cac:ProcurementProject/cbc:Name"),
        lots=tuple(_text(lot, "cbc:ID") for lot in root.findall("cac:ProcurementProjectLot", NS)),
        requirements=tuple(requirements),
        unknown_criteria=tuple(unknown),
    )


# --- response -------------------------------------------------------------------------------


class _Writer:
    def __init__(self, root) -> None:
        self.root = root
        self.count = 0
        self.answered: dict[str, list[str]] = {}

    def respond(self, prop_id: str, value: str = ""):
        self.count += 1
        self.answered.setdefault(prop_id, []).append(value)
        element = cac(self.root, "TenderingCriterionResponse")
        _ident(element, "ID", f"{prop_id}/R{self.count}")
        _ident(element, "ValidatedCriterionPropertyID", prop_id)
        return element

    def value(
        self, prop_id: str | None, name: str, text: str, *, lot: str | None = None, **attrs: str
    ) -> None:
        if prop_id is None:
            raise EspdError(f"the criterion has no property for {name}")
        element = self.respond(prop_id, text)
        response_value = cac(element, "ResponseValue")
        _ident(response_value, "ID", f"{prop_id}/R{self.count}/RV")
        cbc(response_value, name, text, **attrs)
        self._lot_reference(element, lot)

    def period(self, prop_id: str | None, period: Period, *, lot: str | None = None) -> None:
        if prop_id is None:
            raise EspdError("the criterion has no property for a period")
        element = self.respond(prop_id)
        applicable = cac(element, "ApplicablePeriod")
        cbc(applicable, "StartDate", period.start.isoformat())
        cbc(applicable, "EndDate", period.end.isoformat())
        self._lot_reference(element, lot)

    def evidence(self, prop_id: str, evidence: Evidence) -> None:
        element = self.respond(prop_id, "evidence")
        cbc(cac(element, "EvidenceSupplied"), "ID", evidence.id, schemeAgencyID=_AGENCY)

    @staticmethod
    def _lot_reference(element, lot: str | None) -> None:
        if lot:
            _ident(cac(element, "ProcurementProjectLotReference"), "ID", lot)


def _indicator(value: bool) -> str:
    return "true" if value else "false"


def _answer(writer: _Writer, answer: Answer, response_lot: str) -> list[Evidence]:
    criterion = get(answer.criterion)
    roles = criterion.roles
    lot = (answer.lot or response_lot) if criterion.section is Section.SELECTION else None
    if roles.by_itself and criterion.section is Section.SELECTION:
        writer.value(roles.by_itself, "ResponseIndicator", "true", lot=lot)
    if answer.indicator is not None:
        writer.value(roles.answer, "ResponseIndicator", _indicator(answer.indicator), lot=lot)
    if answer.date is not None:
        writer.value(roles.date, "ResponseDate", answer.date.isoformat(), lot=lot)
    if answer.description:
        writer.value(roles.description, "Description", answer.description, lot=lot)
    if answer.continuation:
        writer.value(roles.continuation, "Description", answer.continuation, lot=lot)
    if answer.convicted:
        writer.value(roles.convicted, "Description", answer.convicted, lot=lot)
    if answer.exclusion_period is not None:
        writer.period(roles.period, answer.exclusion_period, lot=lot)
    if answer.self_cleaning is not None:
        writer.value(
            roles.self_cleaning, "ResponseIndicator", _indicator(answer.self_cleaning), lot=lot
        )
    if answer.self_cleaning_description:
        writer.value(
            roles.self_cleaning_description,
            "Description",
            answer.self_cleaning_description,
            lot=lot,
        )
    for year in answer.yearly:
        writer.period(roles.period, year.period, lot=lot)
        writer.value(
            roles.amount, "ResponseAmount", _number(year.amount), currencyID=year.currency, lot=lot
        )
    if answer.amount is not None:
        writer.value(
            roles.amount,
            "ResponseAmount",
            _number(answer.amount),
            currencyID=answer.currency,
            lot=lot,
        )
    if answer.ratio is not None:
        writer.value(roles.ratio, "ResponseQuantity", _number(answer.ratio), lot=lot)
    if answer.commitment is not None:
        writer.value(roles.commitment, "ResponseIndicator", _indicator(answer.commitment), lot=lot)
    for reference in answer.references:
        writer.value(roles.reference_description, "Description", reference.description, lot=lot)
        if reference.amount is not None and roles.reference_amount:
            writer.value(
                roles.reference_amount,
                "ResponseAmount",
                _number(reference.amount),
                currencyID=reference.currency,
                lot=lot,
            )
        if reference.period is not None and roles.reference_period:
            writer.period(roles.reference_period, reference.period, lot=lot)
        if reference.recipient and roles.reference_recipient:
            writer.value(roles.reference_recipient, "Description", reference.recipient, lot=lot)
    if answer.evidence:
        if roles.evidence_available:
            writer.value(roles.evidence_available, "ResponseIndicator", "true", lot=lot)
        for evidence in answer.evidence:
            writer.evidence(roles.evidence, evidence)
    extra = [v for _, v in answer.values if isinstance(v, Evidence)]
    if answer.values:
        datatypes = {p.id: p.datatype for g in criterion.groups for p in walk(g)}
        for prop_id, value in answer.values:
            if prop_id in writer.answered:
                raise EspdError(f"question {prop_id!r} is answered by a named field already")
            _write_value(writer, prop_id, datatypes[prop_id], value, answer.currency, lot)
    return [*answer.evidence, *extra]


def _write_value(
    writer: _Writer, prop_id: str, datatype: str, value: object, currency: str, lot: str | None
) -> None:
    """One answer by the question's data type (the elements BR-TCR-08 expects)."""
    if datatype == "INDICATOR":
        writer.value(prop_id, "ResponseIndicator", _indicator(bool(value)), lot=lot)
    elif datatype == "DESCRIPTION":
        writer.value(prop_id, "Description", str(value), lot=lot)
    elif datatype == "AMOUNT":
        assert isinstance(value, Decimal)
        writer.value(prop_id, "ResponseAmount", _number(value), currencyID=currency, lot=lot)
    elif datatype == "DATE":
        assert isinstance(value, date)
        writer.value(prop_id, "ResponseDate", value.isoformat(), lot=lot)
    elif datatype == "PERIOD":
        assert isinstance(value, Period)
        writer.period(prop_id, value, lot=lot)
    elif datatype in ("QUANTITY", "QUANTITY_INTEGER"):
        assert isinstance(value, Decimal | int)
        writer.value(prop_id, "ResponseQuantity", _number(value), lot=lot)
    elif datatype == "QUANTITY_YEAR":
        assert isinstance(value, int)
        writer.value(prop_id, "ResponseQuantity", str(value), unitCode="YEAR", lot=lot)
    elif datatype == "PERCENTAGE":
        assert isinstance(value, Decimal)
        writer.value(prop_id, "ResponseNumeric", _number(value), format="PERCENTAGE", lot=lot)
    elif datatype == "CODE_COUNTRY":
        writer.value(
            prop_id,
            "ResponseCode",
            str(value),
            listID=_EU + "country",
            listAgencyID="OP",
            listVersionID=LIST_VERSIONS["country"],
            lot=lot,
        )
    elif datatype == "CODE":
        writer.value(prop_id, "ResponseCode", str(value), listAgencyID="OP", lot=lot)
    elif datatype == "URL":
        writer.value(prop_id, "ResponseURI", str(value), lot=lot)
    elif datatype in ("ECONOMIC_OPERATOR_IDENTIFIER", "QUAL_IDENTIFIER"):
        writer.value(prop_id, "ResponseID", str(value), schemeAgencyID=_AGENCY, lot=lot)
    elif datatype == "EVIDENCE_IDENTIFIER":
        assert isinstance(value, Evidence)
        writer.evidence(prop_id, value)
    else:  # pragma: no cover - VALUE_TYPES and this list are the same data types
        raise EspdError(f"cannot answer a question of data type {datatype}")


_FOLLOW_UP = {"ONTRUE": "true", "ONFALSE": "false"}


def _check_follow_ups(criterion: Criterion, answered: dict[str, list[str]]) -> None:
    """Questions that follow a yes/no are answered exactly when it is given (BR-TCR-06/07).

    A property group coded ``ONTRUE`` (``ONFALSE``) belongs to the yes/no
    question of the group around it: when that is answered yes (no), every
    question directly in the group must be answered; when it is answered the
    other way, none may be.
    """

    def visit(group: Group) -> None:
        parents = [p.id for p in group.items if isinstance(p, Prop)]
        given = {v for pid in parents for v in answered.get(pid, ())}
        for sub in group.items:
            if not isinstance(sub, Group):
                continue
            when = _FOLLOW_UP.get(sub.type)
            if when is not None and given & {"true", "false"}:
                questions = [p for p in sub.items if isinstance(p, Prop) and p.type == "QUESTION"]
                if when in given:
                    missing = [p.description for p in questions if p.id not in answered]
                    if missing:
                        raise EspdError(
                            f"criterion {criterion.code!r}: with that answer, also answer: "
                            + "; ".join(missing)
                        )
                else:
                    extra = [p.description for p in questions if p.id in answered]
                    if extra:
                        raise EspdError(
                            f"criterion {criterion.code!r}: with that answer, do not answer: "
                            + "; ".join(extra)
                        )
            visit(sub)

    for group in criterion.groups:
        visit(group)


def response(
    request_xml: bytes,
    answers: Sequence[Answer],
    *,
    operator: Party,
    issued: datetime,
    document_id: uuid.UUID | None = None,
    lot: str | None = None,
    role: str = "sole-tenderer",
) -> bytes:
    """The ESPD response (QualificationApplicationResponse) to ``request_xml``.

    The response repeats the request's buyer, procurement and criteria (as
    ESPD-EDM requires), names the one lot it applies to (``lot``; default: the
    request's only lot; BR-LOT-10) and the operator's role in the tender
    (``role``, an eo-role-type code: ``sole-tenderer``, ``group-lead``,
    ``group-mem``, ``subcont``, ``oeron``; BR-RESP-10), and answers each
    criterion in ``answers``. Refused with :class:`EspdError`: an answer to a
    criterion the request does not contain, a lot the request does not have,
    and answers whose follow-up questions are missing or not asked
    (BR-TCR-06/07: a conviction answered *yes* needs its date, reason, who
    was convicted and the exclusion period).
    """
    if role not in EO_ROLES:
        raise EspdError(f"unknown economic operator role {role!r} (one of {', '.join(EO_ROLES)})")
    request_root = _root(request_xml, f"{{{REQ}}}QualificationApplicationRequest", "ESPD request")
    requested = {}
    for element in request_root.findall("cac:TenderingCriterion", NS):
        criterion = _criterion_of(element)
        if criterion is not None:
            requested[criterion.code] = element
    seen = set()
    for answer in answers:
        if answer.criterion not in requested:
            raise EspdError(f"the ESPD request does not ask for criterion {answer.criterion!r}")
        if answer.criterion in seen:
            raise EspdError(f"criterion {answer.criterion!r} answered twice")
        seen.add(answer.criterion)

    root = etree.Element(
        f"{{{RESP}}}QualificationApplicationResponse", nsmap={None: RESP, "cac": CAC, "cbc": CBC}
    )
    _header(
        root,
        prefix="ESPDRESP",
        document_id=document_id or uuid.uuid4(),
        procedure_id=_text(request_root, "cbc:ContractFolderID"),
        issued=issued,
    )
    for name in ("ProcedureCode",):
        found = request_root.find(f"cbc:{name}", NS)
        if found is not None:
            root.append(copy.deepcopy(found))
    root.append(copy.deepcopy(request_root.find("cac:ContractingParty", NS)))
    lots = [_text(e, "cbc:ID") for e in request_root.findall("cac:ProcurementProjectLot", NS)]
    if lot is None:
        if len(lots) != 1:
            raise EspdError(
                f"name the lot this ESPD response applies to (one of {', '.join(lots)})"
            )
        lot = lots[0]
    elif lot not in lots:
        raise EspdError(f"the ESPD request has no lot {lot!r} (it has {', '.join(lots)})")
    operator_party = cac(root, "EconomicOperatorParty")
    _code(cac(operator_party, "EconomicOperatorRole"), "RoleCode", role, "eo-role-type")
    _party(operator_party, operator, operator=True)
    for element in request_root.findall("cac:ProcurementProject", NS):
        root.append(copy.deepcopy(element))
    _ident(cac(root, "ProcurementProjectLot"), "ID", lot)
    for element in request_root.findall("cac:TenderingCriterion", NS):
        root.append(copy.deepcopy(element))
    writer = _Writer(root)
    evidences: list[Evidence] = []
    for answer in answers:
        evidences.extend(_answer(writer, answer, lot))
        _check_follow_ups(get(answer.criterion), writer.answered)
    if writer.count == 0:
        raise EspdError("an ESPD response answers at least one question")
    for path in ("cac:AdditionalDocumentReference",):
        for element in request_root.findall(path, NS):
            root.append(copy.deepcopy(element))
    for evidence in evidences:
        element = cac(root, "Evidence")
        cbc(element, "ID", evidence.id, schemeAgencyID=_AGENCY)
        document = cac(element, "DocumentReference")
        cbc(document, "ID", evidence.reference or evidence.id, schemeAgencyID=_AGENCY)
        cbc(cac(cac(document, "Attachment"), "ExternalReference"), "URI", evidence.uri)
        if evidence.issuer:
            cbc(cac(cac(document, "IssuerParty"), "PartyName"), "Name", evidence.issuer)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- parsed response ------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One answered value: which property, what kind, the value, and its lot."""

    property_id: str
    kind: str  # indicator, amount, date, description, period, quantity, code, evidence, uri, id
    value: object
    currency: str | None = None
    lot: str | None = None


@dataclass(frozen=True)
class CriterionResponse:
    """All answers to one criterion, with typed accessors by meaning."""

    criterion_id: str
    code: str
    name: str
    criterion: Criterion | None
    values: tuple[Value, ...]

    def of(self, prop_id: str | None) -> list[Value]:
        return [v for v in self.values if prop_id is not None and v.property_id == prop_id]

    def _single(self, role: str):
        if self.criterion is None:
            return None
        found = self.of(getattr(self.criterion.roles, role))
        return found[0].value if found else None

    @property
    def indicator(self) -> bool | None:
        """The main yes/no answer ("Your answer")."""
        return self._single("answer")

    @property
    def self_cleaning(self) -> bool | None:
        return self._single("self_cleaning")

    @property
    def self_cleaning_description(self) -> str | None:
        return self._single("self_cleaning_description")

    @property
    def description(self) -> str | None:
        return self._single("description")

    @property
    def continuation(self) -> str | None:
        return self._single("continuation")

    @property
    def date(self) -> date | None:
        return self._single("date")

    @property
    def commitment(self) -> bool | None:
        return self._single("commitment")

    @property
    def ratio(self) -> Decimal | None:
        return self._single("ratio")

    @property
    def amounts(self) -> list[tuple[Decimal, str | None]]:
        """Every declared amount of the criterion's amount question, in order."""
        if self.criterion is None:
            return []
        return [
            (v.value, v.currency)
            for v in self.of(self.criterion.roles.amount)
            if v.kind == "amount"
        ]

    @property
    def yearly(self) -> list[YearAmount]:
        """Turnover per financial year: periods and amounts paired in document order."""
        if self.criterion is None:
            return []
        periods = [v.value for v in self.of(self.criterion.roles.period) if v.kind == "period"]
        amounts = [v for v in self.of(self.criterion.roles.amount) if v.kind == "amount"]
        return [
            YearAmount(period, amount.value, amount.currency or "NOK")
            for period, amount in zip(periods, amounts, strict=False)
        ]

    @property
    def references(self) -> int:
        """How many references were declared (reference descriptions)."""
        if self.criterion is None:
            return 0
        return len(self.of(self.criterion.roles.reference_description))

    @property
    def evidence_ids(self) -> list[str]:
        return [v.value for v in self.values if v.kind == "evidence"]


@dataclass(frozen=True)
class EspdResponse:
    """An ESPD response read back (see :func:`parse_response`)."""

    document_id: str
    uuid: str
    procedure_id: str
    issued: date
    operator: Party | None
    buyer: Party | None
    criteria: dict[str, CriterionResponse]  # by criterion code
    requested: tuple[str, ...]  # codes of the criteria the response repeats from the request
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def answer(self, code: str) -> CriterionResponse | None:
        return self.criteria.get(code)


def _values(response_element) -> list[Value]:
    prop_id = _text(response_element, "cbc:ValidatedCriterionPropertyID")
    lot = _text(response_element, "cac:ProcurementProjectLotReference/cbc:ID") or None
    found = []
    for value in response_element.findall("cac:ResponseValue", NS):
        for child in value:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            text = (child.text or "").strip()
            where = f"{prop_id} {name}"
            if name == "ResponseIndicator":
                if text not in ("true", "false", "1", "0"):
                    raise EspdError(f"{where}: not a boolean: {text!r}")
                found.append(Value(prop_id, "indicator", text in ("true", "1"), lot=lot))
            elif name == "ResponseAmount":
                found.append(
                    Value(prop_id, "amount", _decimal(text, where), child.get("currencyID"), lot)
                )
            elif name == "ResponseDate":
                found.append(Value(prop_id, "date", _date(text, where), lot=lot))
            elif name == "Description":
                found.append(Value(prop_id, "description", text, lot=lot))
            elif name in ("ResponseQuantity", "ResponseNumeric", "ResponseMeasure"):
                found.append(Value(prop_id, "quantity", _decimal(text, where), lot=lot))
            elif name == "ResponseCode":
                found.append(Value(prop_id, "code", text, lot=lot))
            elif name == "ResponseURI":
                found.append(Value(prop_id, "uri", text, lot=lot))
            elif name == "ResponseID":
                found.append(Value(prop_id, "id", text, lot=lot))
    for period in response_element.findall("cac:ApplicablePeriod", NS):
        start, end = _text(period, "cbc:StartDate"), _text(period, "cbc:EndDate")
        if start and end:
            found.append(
                Value(
                    prop_id, "period", Period(_date(start, prop_id), _date(end, prop_id)), lot=lot
                )
            )
    for evidence in response_element.findall("cac:EvidenceSupplied/cbc:ID", NS):
        found.append(Value(prop_id, "evidence", (evidence.text or "").strip(), lot=lot))
    return found


def parse_response(data: bytes, *, source: str | None = None) -> EspdResponse:
    """Read an ESPD response (ESPD-EDM 4.x) into typed answers per criterion.

    Answers are attributed to criteria through the property ids of the
    criteria the response repeats; answers naming a property of no criterion
    in the document are refused.
    """
    root = _root(data, f"{{{RESP}}}QualificationApplicationResponse", source)
    owner: dict[str, tuple[str, str, str]] = {}
    codes = []
    for element in root.findall("cac:TenderingCriterion", NS):
        ident, code, name = (
            _text(element, "cbc:ID"),
            _text(element, "cbc:CriterionTypeCode"),
            _text(element, "cbc:Name"),
        )
        codes.append(code)
        for prop in element.iter(f"{{{CAC}}}TenderingCriterionProperty"):
            owner[_text(prop, "cbc:ID")] = (ident, code, name)
    grouped: dict[str, list[Value]] = {}
    heads: dict[str, tuple[str, str, str]] = {}
    for element in root.findall("cac:TenderingCriterionResponse", NS):
        prop_id = _text(element, "cbc:ValidatedCriterionPropertyID")
        if prop_id not in owner:
            raise EspdError(
                f"answer to unknown property {prop_id!r} (not in any criterion of the response)"
            )
        ident, code, name = owner[prop_id]
        heads[code] = (ident, code, name)
        grouped.setdefault(code, []).extend(_values(element))
    criteria = {
        code: CriterionResponse(
            criterion_id=heads[code][0],
            code=code,
            name=heads[code][2],
            criterion=by_id(heads[code][0]) or CATALOGUE.get(code),
            values=tuple(values),
        )
        for code, values in grouped.items()
    }
    evidence = {}
    for element in root.findall("cac:Evidence", NS):
        ident = _text(element, "cbc:ID")
        uri = _text(element, "cac:DocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI")
        if ident and uri:
            evidence[ident] = Evidence(
                id=ident,
                uri=uri,
                issuer=_text(
                    element, "cac:DocumentReference/cac:IssuerParty/cac:PartyName/cbc:Name"
                ),
                reference=_text(element, "cac:DocumentReference/cbc:ID"),
            )
    return EspdResponse(
        document_id=_text(root, "cbc:ID"),
        uuid=_text(root, "cbc:UUID"),
        procedure_id=_text(root, "cbc:ContractFolderID"),
        issued=_date(_text(root, "cbc:IssueDate"), "IssueDate"),
        operator=_party_of(root.find("cac:EconomicOperatorParty/cac:Party", NS)),
        buyer=_party_of(root.find("cac:ContractingParty/cac:Party", NS)),
        criteria=criteria,
        requested=tuple(codes),
        evidence=evidence,
    )
