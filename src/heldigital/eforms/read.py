"""Read the key fields back from an eForms contract notice.

Used by the notice board (search by CPV, buyer, deadline), by tests for the
round trip, and by :func:`heldigital.eforms.check`. Parsing goes through
:mod:`heldigital.xml`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from lxml import etree

from heldigital import xml

from .model import NoticeError
from .notice import CAC, CBC, CN, EFAC, EFBC, EFEXT, EXT

__all__ = ["LotSummary", "NoticeSummary", "read_notice"]

NS = {"cn": CN, "cac": CAC, "cbc": CBC, "ext": EXT, "efac": EFAC, "efbc": EFBC, "efext": EFEXT}
_EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"


@dataclass(frozen=True)
class LotSummary:
    lot_id: str
    title: str
    main_cpv: str
    additional_cpv: tuple[str, ...]
    estimated_value: Decimal | None
    tender_deadline: datetime | None
    questions_deadline: datetime | None
    award_criteria: tuple[tuple[str, str, Decimal], ...]  # (type code, name, weight)
    selection_criteria: tuple[str, ...]
    request_deadline: datetime | None = None  # BT-1311, two-stage procedures


@dataclass(frozen=True)
class NoticeSummary:
    notice_id: uuid.UUID
    version: int
    procedure_id: str
    subtype: str
    customization: str
    issued: datetime | None
    language: str
    procedure_code: str
    title: str
    description: str
    nature: str
    main_cpv: str
    additional_cpv: tuple[str, ...]
    estimated_value: Decimal | None
    currency: str | None
    buyer_name: str
    buyer_orgnr: str
    legal_basis: str | None
    changed_notice: str | None
    change_reason: str | None
    changed_sections: tuple[str, ...]
    lots: tuple[LotSummary, ...]


def _text(element: etree._Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _decimal(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NoticeError(f"not a number: {text!r}") from None


def parse_offset_date(text: str) -> date:
    """An xs:date with an optional offset (``2026-07-06+02:00``, ``2026-07-06Z``)."""
    return date.fromisoformat(text[:10])


def moment(date_text: str, time_text: str) -> datetime | None:
    """Combine an eForms date and time (each with offset) into an aware datetime."""
    if not date_text:
        return None
    day = parse_offset_date(date_text)
    if not time_text:
        return None
    parsed = time.fromisoformat(time_text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise NoticeError(f"time without offset: {time_text!r}")
    return datetime.combine(day, parsed)


def _project_values(project: etree._Element) -> tuple[str, tuple[str, ...], Decimal | None]:
    main = _text(project, "cac:MainCommodityClassification/cbc:ItemClassificationCode")
    extra = tuple(
        (e.text or "").strip()
        for e in project.findall(
            "cac:AdditionalCommodityClassification/cbc:ItemClassificationCode", NS
        )
    )
    value = _decimal(_text(project, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount"))
    return main, extra, value


def read_notice(data: bytes, *, source: str | None = None) -> NoticeSummary:
    """Parse ``data`` (a ContractNotice) and return its key fields.

    Raises :class:`heldigital.xml.DocumentError` for malformed XML and
    :class:`NoticeError` when the document is not a ContractNotice.
    """
    root = xml.parse(data, source=source).getroot()
    if root.tag != f"{{{CN}}}ContractNotice":
        raise NoticeError(f"not an eForms ContractNotice: {etree.QName(root).localname}")
    ext = root.find(_EXT, NS)
    if ext is None:
        raise NoticeError("the eForms extension (efext:EformsExtension) is missing")
    buyer_org = _text(root, "cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID")
    buyer = None
    for company in ext.findall("efac:Organizations/efac:Organization/efac:Company", NS):
        if _text(company, "cac:PartyIdentification/cbc:ID") == buyer_org:
            buyer = company
    project = root.find("cac:ProcurementProject", NS)
    if project is None:
        raise NoticeError("the procurement project (cac:ProcurementProject) is missing")
    main, extra, value = _project_values(project)
    amount = project.find("cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount", NS)
    lots = []
    for lot in root.findall("cac:ProcurementProjectLot", NS):
        lot_project = lot.find("cac:ProcurementProject", NS)
        lot_main, lot_extra, lot_value = (
            _project_values(lot_project) if lot_project is not None else ("", (), None)
        )
        criteria = []
        for sub in lot.findall(
            "cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion",
            NS,
        ):
            weight = _decimal(
                _text(sub, f"{_EXT}/efac:AwardCriterionParameter/efbc:ParameterNumeric")
            )
            criteria.append(
                (
                    _text(sub, "cbc:AwardingCriterionTypeCode"),
                    _text(sub, "cbc:Name"),
                    weight or Decimal(0),
                )
            )
        process = "cac:TenderingProcess/"
        lots.append(
            LotSummary(
                lot_id=_text(lot, "cbc:ID"),
                title=_text(lot_project, "cbc:Name") if lot_project is not None else "",
                main_cpv=lot_main,
                additional_cpv=lot_extra,
                estimated_value=lot_value,
                tender_deadline=moment(
                    _text(lot, process + "cac:TenderSubmissionDeadlinePeriod/cbc:EndDate"),
                    _text(lot, process + "cac:TenderSubmissionDeadlinePeriod/cbc:EndTime"),
                ),
                questions_deadline=moment(
                    _text(lot, process + "cac:AdditionalInformationRequestPeriod/cbc:EndDate"),
                    _text(lot, process + "cac:AdditionalInformationRequestPeriod/cbc:EndTime"),
                ),
                request_deadline=moment(
                    _text(lot, process + "cac:ParticipationRequestReceptionPeriod/cbc:EndDate"),
                    _text(lot, process + "cac:ParticipationRequestReceptionPeriod/cbc:EndTime"),
                ),
                award_criteria=tuple(criteria),
                selection_criteria=tuple(
                    (e.text or "").strip()
                    for e in lot.findall(
                        f"cac:TenderingTerms/{_EXT}/efac:SelectionCriteria/cbc:TendererRequirementTypeCode",
                        NS,
                    )
                ),
            )
        )
    notice_id_text = _text(root, "cbc:ID")
    try:
        notice_id = uuid.UUID(notice_id_text)
    except ValueError:
        raise NoticeError(f"notice identifier (BT-701) is not a UUID: {notice_id_text!r}") from None
    version_text = _text(root, "cbc:VersionID")
    if not version_text.isdigit():
        raise NoticeError(f"notice version (BT-757) is not a number: {version_text!r}")
    issue_date = _text(root, "cbc:IssueDate")
    issue_time = _text(root, "cbc:IssueTime")
    return NoticeSummary(
        notice_id=notice_id,
        version=int(version_text),
        procedure_id=_text(root, "cbc:ContractFolderID"),
        subtype=_text(ext, "efac:NoticeSubType/cbc:SubTypeCode"),
        customization=_text(root, "cbc:CustomizationID"),
        issued=moment(issue_date, issue_time),
        language=_text(root, "cbc:NoticeLanguageCode"),
        procedure_code=_text(root, "cac:TenderingProcess/cbc:ProcedureCode"),
        title=_text(project, "cbc:Name"),
        description=_text(project, "cbc:Description"),
        nature=_text(project, "cbc:ProcurementTypeCode"),
        main_cpv=main,
        additional_cpv=extra,
        estimated_value=value,
        currency=amount.get("currencyID") if amount is not None else None,
        buyer_name=_text(buyer, "cac:PartyName/cbc:Name") if buyer is not None else "",
        buyer_orgnr=_text(buyer, "cac:PartyLegalEntity/cbc:CompanyID") if buyer is not None else "",
        legal_basis=_text(
            root,
            "cac:TenderingTerms/cac:ProcurementLegislationDocumentReference/cbc:DocumentDescription",
        )
        or None,
        changed_notice=_text(ext, "efac:Changes/efbc:ChangedNoticeIdentifier") or None,
        change_reason=_text(ext, "efac:Changes/efac:ChangeReason/cbc:ReasonCode") or None,
        changed_sections=tuple(
            (e.text or "").strip()
            for e in ext.findall(
                "efac:Changes/efac:Change/efac:ChangedSection/efbc:ChangedSectionIdentifier", NS
            )
        ),
        lots=tuple(lots),
    )
