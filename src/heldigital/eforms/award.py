"""The contract award notice (eForms ``ContractAwardNotice``): subtype 29 and Doffin's E4.

Subtype 29, "Contract award notice - general directive, standard regime"
(Directive 2014/24/EU Art. 50), follows the SDK 1.16 examples
``can_24_minimal.xml`` and ``can_24_maximal.xml``; the national E4, "Voluntary
award notice", Doffin's profile (eforms-sdk-nor,
``src/tests/national-e/VALID-national-e4-minimum.xml``).

The results section (``efac:NoticeResult``) links its parts by identifiers, as
the SDK defines them: one ``LotResult`` (RES-nnnn) per lot, with the number of
tenders received (BT-759) and whether a winner was chosen (BT-142); for each
winner a ``LotTender`` (TEN-nnnn, value BT-720), a ``SettledContract``
(CON-nnnn, BT-150 contract reference) and a ``TenderingParty`` (TPA-nnnn) that
names the winning organisation (ORG-nnnn in ``efac:Organizations``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from lxml import etree

from .model import NoticeError, Organisation, Procurement, Regime
from .notice import (
    _PROCEDURE,
    CAN,
    CBC,
    EFAC,
    EFBC,
    NSMAP,
    NoticeRef,
    _amount,
    _date,
    _el,
    _extension,
    _org_ref,
    _organisation,
    _serialise,
    cac,
    cbc,
    header,
    legislation,
    organisations,
    project,
    say,
)

__all__ = ["AwardResult", "LotResult", "award_subtype_for", "contract_award_notice"]


#: economic-operator-size code list (BT-165).
COMPANY_SIZES = ("micro", "small", "medium", "large")


@dataclass(frozen=True, kw_only=True)
class LotResult:
    """The result of one lot (BT-142, BT-759, BT-720, BT-150, BT-145, BT-3201).

    ``winner`` is ``None`` when no contract was awarded in the lot (BT-142
    ``clos-nw``: no winner chosen and the competition is closed).
    """

    tenders_received: int
    # BT-759 statistics the SDK requires beside the total (BR-BT-13713-0117 … -0123):
    # tenders from SMEs, from other EEA countries and from outside the EEA.
    tenders_sme: int = 0
    tenders_other_eea: int = 0
    tenders_non_eea: int = 0
    winner: Organisation | None = None
    # BT-165 the winner's size (economic-operator-size list), mandatory in subtype 29.
    winner_size: str = ""
    value: Decimal | None = None
    tender_reference: str = ""
    contract_reference: str = ""
    contract_concluded: datetime | None = None  # BT-145, required with a winner

    def __post_init__(self) -> None:
        if not isinstance(self.tenders_received, int) or self.tenders_received < 0:
            raise NoticeError("the number of tenders received (BT-759) is a whole number >= 0")
        for part in (self.tenders_sme, self.tenders_other_eea, self.tenders_non_eea):
            if not isinstance(part, int) or not 0 <= part <= self.tenders_received:
                raise NoticeError(
                    "tenders from SMEs, other EEA countries or outside the EEA (BT-759) are "
                    "0 to the number of tenders received"
                )
        if self.tenders_other_eea + self.tenders_non_eea > self.tenders_received:
            raise NoticeError("more foreign tenders than tenders received (BT-759)")
        if self.winner is not None:
            if self.tenders_received < 1:
                raise NoticeError("a lot with a winner received at least one tender (BT-759)")
            if not isinstance(self.value, Decimal) or self.value < 0:
                raise NoticeError("the winning tender's value (BT-720) is a non-negative Decimal")
            if not self.tender_reference.strip():
                raise NoticeError("the winning tender has a reference (BT-3201)")
            if self.winner_size and self.winner_size not in COMPANY_SIZES:
                raise NoticeError(f"unknown company size {self.winner_size!r} (BT-165)")
            if self.contract_concluded is None or self.contract_concluded.tzinfo is None:
                raise NoticeError(
                    "the award notice follows the conclusion of the contract: give its date "
                    "(BT-145, timezone-aware)"
                )
            if not self.contract_reference.strip():
                raise NoticeError("the contract has a reference (BT-150)")


@dataclass(frozen=True, kw_only=True)
class AwardResult:
    """The outcome of the procedure: one :class:`LotResult` per lot, in lot order."""

    decided: datetime  # BT-1451 winner decision date
    lots: tuple[LotResult, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.decided.tzinfo is None or self.decided.utcoffset() is None:
            raise NoticeError("the award decision time must be timezone-aware")
        if not self.lots:
            raise NoticeError("an award notice gives the result of at least one lot")

    @property
    def total(self) -> Decimal:
        """BT-161: the value of every contract awarded in the notice."""
        return sum((r.value for r in self.lots if r.value is not None), Decimal(0))


def award_subtype_for(procurement: Procurement) -> str:
    """``29`` above the EEA threshold (Directive 2014/24/EU), ``E4`` for Doffin's national."""
    return "29" if procurement.regime is Regime.EEA else "E4"


@dataclass
class _Plan:
    """The identifiers of the results section: one tender per awarded lot (TEN-nnnn),
    one contract per contract reference (CON-nnnn; a contract may cover several lots),
    one tendering party and organisation per winner (TPA-nnnn, ORG-nnnn)."""

    tenders: dict[str, str] = field(default_factory=dict)  # lot id -> TEN
    contracts: dict[str, str] = field(default_factory=dict)  # contract reference -> CON
    parties: dict[Organisation, tuple[str, str]] = field(default_factory=dict)  # TPA, ORG


def _plan(procurement: Procurement, result: AwardResult) -> _Plan:
    plan = _Plan()
    for lot_id, lot_result in zip(procurement.lot_ids, result.lots, strict=True):
        if lot_result.winner is None:
            continue
        plan.tenders[lot_id] = f"TEN-{len(plan.tenders) + 1:04d}"
        reference = lot_result.contract_reference
        plan.contracts.setdefault(reference, f"CON-{len(plan.contracts) + 1:04d}")
        n = len(plan.parties) + 1
        # ORG-0001 is the buyer, ORG-0002 the review body.
        plan.parties.setdefault(lot_result.winner, (f"TPA-{n:04d}", f"ORG-{n + 2:04d}"))
    return plan


def _results(
    extension: etree._Element, procurement: Procurement, result: AwardResult, plan: _Plan
) -> None:
    notice_result = _el(extension, EFAC, "NoticeResult")
    if plan.tenders:
        cbc(notice_result, "TotalAmount", _amount(result.total), currencyID=procurement.currency)
    lots = list(zip(procurement.lot_ids, result.lots, strict=True))
    for lot_id, lot_result in lots:
        entry = _el(notice_result, EFAC, "LotResult")
        cbc(entry, "ID", f"RES-{lot_id[4:]}", schemeName="result")
        awarded = lot_result.winner is not None
        cbc(
            entry,
            "TenderResultCode",
            "selec-w" if awarded else "clos-nw",
            listName="winner-selection-status",
        )
        if awarded:
            cbc(_el(entry, EFAC, "LotTender"), "ID", plan.tenders[lot_id], schemeName="tender")
        else:
            # BT-144: why no contract was awarded.
            reason = _el(entry, EFAC, "DecisionReason")
            _el(
                reason,
                EFBC,
                "DecisionReasonCode",
                "all-rej" if lot_result.tenders_received else "no-rece",
                listName="non-award-justification",
            )
        for code, count in (
            ("tenders", lot_result.tenders_received),
            ("t-sme", lot_result.tenders_sme),
            ("t-large", lot_result.tenders_received - lot_result.tenders_sme),
            ("t-oth-eea", lot_result.tenders_other_eea),
            ("t-no-eea", lot_result.tenders_non_eea),
            # every tender reaches the platform electronically (BT-759 t-esubm)
            ("t-esubm", lot_result.tenders_received),
        ):
            statistics = _el(entry, EFAC, "ReceivedSubmissionsStatistics")
            _el(statistics, EFBC, "StatisticsCode", code, listName="received-submission-type")
            _el(statistics, EFBC, "StatisticsNumeric", str(count))
        if awarded:
            contract_id = plan.contracts[lot_result.contract_reference]
            cbc(_el(entry, EFAC, "SettledContract"), "ID", contract_id, schemeName="contract")
        cbc(_el(entry, EFAC, "TenderLot"), "ID", lot_id, schemeName="Lot")
    for lot_id, lot_result in lots:
        if lot_result.winner is None:
            continue
        tender = _el(notice_result, EFAC, "LotTender")
        cbc(tender, "ID", plan.tenders[lot_id], schemeName="tender")
        cbc(tender, "RankCode", "1")
        _el(tender, EFBC, "TenderRankedIndicator", "true")
        assert lot_result.value is not None  # LotResult requires it with a winner
        cbc(
            cac(tender, "LegalMonetaryTotal"),
            "PayableAmount",
            _amount(lot_result.value),
            currencyID=procurement.currency,
        )
        term = _el(tender, EFAC, "SubcontractingTerm")
        _el(term, EFBC, "TermCode", "no", listName="applicability")
        party_id = plan.parties[lot_result.winner][0]
        cbc(_el(tender, EFAC, "TenderingParty"), "ID", party_id, schemeName="tendering-party")
        cbc(_el(tender, EFAC, "TenderLot"), "ID", lot_id, schemeName="Lot")
        cbc(_el(tender, EFAC, "TenderReference"), "ID", lot_result.tender_reference)
    for reference, contract_id in plan.contracts.items():
        covered = [(i, r) for i, r in lots if r.contract_reference == reference and r.winner]
        contract = _el(notice_result, EFAC, "SettledContract")
        cbc(contract, "ID", contract_id, schemeName="contract")
        concluded = covered[0][1].contract_concluded
        assert concluded is not None  # LotResult requires it
        cbc(contract, "IssueDate", _date(concluded))
        cbc(_el(contract, EFAC, "ContractReference"), "ID", reference)
        for lot_id, _result in covered:
            cbc(_el(contract, EFAC, "LotTender"), "ID", plan.tenders[lot_id], schemeName="tender")
    for party_id, org_id in plan.parties.values():
        party = _el(notice_result, EFAC, "TenderingParty")
        cbc(party, "ID", party_id, schemeName="tendering-party")
        cbc(_el(party, EFAC, "Tenderer"), "ID", org_id, schemeName="organization")


def contract_award_notice(
    procurement: Procurement,
    result: AwardResult,
    *,
    issued: datetime,
    notice_id: uuid.UUID | None = None,
    version: int = 1,
) -> bytes:
    """The contract award notice (subtype 29, or E4 below the EEA threshold) as UTF-8 XML.

    ``procurement`` is the procedure as its contract notice described it (same
    BT-04 procedure identifier); ``result`` what came of it, one entry per lot.
    """
    if len(result.lots) != len(procurement.lots):
        raise NoticeError(
            f"the award notice gives a result for each of the {len(procurement.lots)} lots"
        )
    if any(not c.description.strip() for c in procurement.award_criteria):
        # BR-BT-00540-0092 (E4), BR-BT-00541-0285 (29): weighted criteria are described.
        raise NoticeError("every award criterion is described in the award notice (BT-540)")
    subtype = award_subtype_for(procurement)
    national = subtype.startswith("E")
    ref = NoticeRef(notice_id or uuid.uuid4(), version)

    root = etree.Element(f"{{{CAN}}}ContractAwardNotice", nsmap={**NSMAP, None: CAN})
    extension = _extension(root)
    plan = _plan(procurement, result)
    _results(extension, procurement, result, plan)
    cbc(_el(extension, EFAC, "NoticeSubType"), "SubTypeCode", subtype, listName="notice-subtype")
    orgs = organisations(extension, procurement)
    sizes = {r.winner: r.winner_size for r in result.lots if r.winner is not None}
    for winner, (_party_id, org_id) in plan.parties.items():
        _organisation(orgs, org_id, winner, procurement)
        if sizes[winner]:
            company = orgs[-1].find(f"{{{EFAC}}}Company")
            size = etree.Element(f"{{{EFBC}}}CompanySizeCode", listName="economic-operator-size")
            size.text = sizes[winner]
            company.insert(0, size)
        elif not national:
            raise NoticeError("the winner's size (BT-165) is required above the EEA threshold")
    header(
        root,
        procurement,
        notice=ref,
        issued=issued,
        national=national,
        notice_type=("result", "can-standard"),
    )
    if national:
        legislation(cac(root, "TenderingTerms"), procurement)
    process = cac(root, "TenderingProcess")
    cbc(
        process,
        "ProcedureCode",
        _PROCEDURE[procurement.procedure],
        listName="procurement-procedure-type",
    )
    project(
        cac(root, "ProcurementProject"),
        procurement,
        internal_id=procurement.reference,
        title=procurement.title,
        description=procurement.description,
        value=None,
        main_cpv=procurement.main_cpv,
        additional_cpv=procurement.additional_cpv,
        duration_months=None,
    )
    for lot_id, lot in zip(procurement.lot_ids, procurement.lots, strict=True):
        element = cac(root, "ProcurementProjectLot")
        cbc(element, "ID", lot_id, schemeName="Lot")
        terms = cac(element, "TenderingTerms")
        if not national:
            cbc(terms, "FundingProgramCode", "no-eu-funds", listName="eu-funded")
        if procurement.award_criteria:
            awarding = cac(cac(terms, "AwardingTerms"), "AwardingCriterion")
            for criterion in procurement.award_criteria:
                sub = cac(awarding, "SubordinateAwardingCriterion")
                parameter = _el(_extension(sub), EFAC, "AwardCriterionParameter")
                _el(parameter, EFBC, "ParameterCode", "per-exa", listName="number-weight")
                _el(parameter, EFBC, "ParameterNumeric", _amount(criterion.weight))
                kind = criterion.kind.value
                if not national and kind == "quality-nor-env-criteria":
                    kind = "quality"  # the national code is unknown to TED
                cbc(sub, "AwardingCriterionTypeCode", kind, listName="award-criterion-type")
                say(sub, CBC, "Name", criterion.name, procurement)
                if criterion.description:
                    say(sub, CBC, "Description", criterion.description, procurement)
        if procurement.review_body is not None:
            appeal = cac(terms, "AppealTerms")
            _org_ref(appeal, "AppealInformationParty", "ORG-0001")
            _org_ref(appeal, "AppealReceiverParty", "ORG-0002")
        if not national:
            lot_process = cac(element, "TenderingProcess")
            cbc(lot_process, "GovernmentAgreementConstraintIndicator", "true")
            cbc(cac(lot_process, "AuctionTerms"), "AuctionConstraintIndicator", "false")
            for code in ("framework-agreement", "dps-usage"):
                cbc(
                    cac(lot_process, "ContractingSystem"),
                    "ContractingSystemTypeCode",
                    "none",
                    listName=code,
                )
        project(
            cac(element, "ProcurementProject"),
            procurement,
            internal_id=lot_id,
            title=lot.title,
            description=lot.description,
            value=None,
            main_cpv=lot.main_cpv,
            additional_cpv=lot.additional_cpv,
            duration_months=None,
        )
    cbc(cac(root, "TenderResult"), "AwardDate", _date(result.decided))
    return _serialise(root)
