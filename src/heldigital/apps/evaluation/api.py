"""API for qualification, evaluation, award, letters and the protocol report (``/api/v1``).

Buyer endpoints live under ``/procurements/{reference}/...`` and act for the
procurement's buyer (the service checks the role: officers for decisions,
evaluators also for scores and overrides; auditors read). Supplier endpoints
(``/letters``, ``/evidence-requests``) show only the caller's own
organisation's records: another supplier's letter is answered with 404.
Errors are problem details; a refused state is 409, bad input 422.

No ``from __future__ import annotations`` here: the shared ``problems`` decorator
wraps the endpoints, and django-ninja would resolve string annotations in the
decorator's module.
"""

import base64
import binascii
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from heldigital.apps.accounts.access import api_principal as _principal
from heldigital.apps.evaluation import report as protocol_report
from heldigital.apps.evaluation import services
from heldigital.apps.evaluation.models import (
    AwardDecision,
    EvidenceRequest,
    Exclusion,
    Letter,
    QualificationDecision,
    QualityScore,
)
from heldigital.apps.inputs import PositiveInt64, Text
from heldigital.apps.submissions.models import Tender, TenderStatus
from heldigital.apps.tendering.access import acting_supplier, buyer_procurement
from heldigital.apps.tendering.api import problems
from heldigital.apps.tendering.models import AwardCriterion, Procurement

router = Router(tags=["evaluation"])

#: The clock of the API (tests set the time here; services always take ``now``).
clock = timezone.now


def _buyer(request: HttpRequest, reference: str, *, manage: bool = False) -> Procurement:
    return buyer_procurement(_principal(request), reference, manage=manage)


def _tender(procurement: Procurement, tender_id: str) -> Tender:
    tender = (
        Tender.objects.filter(procurement=procurement, pk=tender_id, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
        .first()
    )
    if tender is None:
        raise Http404(_("There is no such tender in this procurement."))
    return tender


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ------------------------------------------------------------------ schemas


class DecisionOut(Schema):
    id: int
    tender: str
    supplier: str
    criterion: str
    criterion_name: str
    lot: str
    automatic_outcome: str
    automatic_reason: str
    outcome: str
    reason: str
    overridden_by: str | None
    overridden_at: datetime | None


def _decision(d: QualificationDecision) -> DecisionOut:
    return DecisionOut(
        id=d.pk,
        tender=str(d.tender_id),
        supplier=d.tender.supplier.name,
        criterion=d.criterion,
        criterion_name=d.criterion_name,
        lot=d.lot,
        automatic_outcome=d.automatic_outcome,
        automatic_reason=d.automatic_reason,
        outcome=d.outcome,
        reason=d.reason,
        overridden_by=d.overridden_by.get_username() if d.overridden_by else None,
        overridden_at=d.overridden_at,
    )


class OverrideIn(Schema):
    outcome: Literal["pass", "fail"]
    reason: Text()


class EvidenceIn(Schema):
    tender: uuid.UUID
    description: Text()
    due_at: datetime


class EvidenceOut(Schema):
    id: int
    procurement: str
    tender: str
    supplier: str
    description: str
    requested_at: datetime
    due_at: datetime
    received_at: datetime | None
    notes: str
    filename: str
    sha256: str


def _evidence(e: EvidenceRequest) -> EvidenceOut:
    return EvidenceOut(
        id=e.pk,
        procurement=e.tender.procurement.reference,
        tender=str(e.tender_id),
        supplier=e.tender.supplier.name,
        description=e.description,
        requested_at=e.requested_at,
        due_at=e.due_at,
        received_at=e.received_at,
        notes=e.notes,
        filename=e.filename,
        sha256=e.sha256,
    )


class EvidenceReceivedIn(Schema):
    notes: Text() = ""
    filename: Text(200) = ""
    content_base64: str | None = None


class ExclusionIn(Schema):
    tender: uuid.UUID
    ground: Literal["qualification", "exclusion", "abnormally_low", "non_compliant"]
    reason: Text()


class LetterOut(Schema):
    id: int
    procurement: str
    kind: str
    supplier: str
    supplier_orgnr: str
    subject: str
    body: str
    sha256: str
    created_at: datetime
    sent_at: datetime | None
    corrects: int | None


def _letter(letter: Letter) -> LetterOut:
    return LetterOut(
        id=letter.pk,
        procurement=letter.procurement.reference,
        kind=letter.kind,
        supplier=letter.supplier.name,
        supplier_orgnr=letter.supplier.orgnr,
        subject=letter.subject,
        body=letter.body,
        sha256=letter.sha256,
        created_at=letter.created_at,
        sent_at=letter.sent_at,
        corrects=letter.corrects_id,
    )


class ExclusionOut(Schema):
    id: int
    tender: str
    supplier: str
    ground: str
    reason: str
    proposed_at: datetime
    confirmed_at: datetime | None
    letter: LetterOut


def _exclusion(e: Exclusion) -> ExclusionOut:
    return ExclusionOut(
        id=e.pk,
        tender=str(e.tender_id),
        supplier=e.tender.supplier.name,
        ground=e.ground,
        reason=e.reason,
        proposed_at=e.proposed_at,
        confirmed_at=e.confirmed_at,
        letter=_letter(e.letter),
    )


class ScoreIn(Schema):
    tender: uuid.UUID
    criterion: PositiveInt64
    score: Decimal
    comment: Text()


class ScoreOut(Schema):
    tender: str
    supplier: str
    criterion: int
    criterion_name: str
    evaluator: str
    score: Decimal
    comment: str
    scored_at: datetime


def _score(s: QualityScore) -> ScoreOut:
    return ScoreOut(
        tender=str(s.tender_id),
        supplier=s.tender.supplier.name,
        criterion=s.criterion_id,
        criterion_name=s.criterion.name,
        evaluator=s.evaluator.get_username(),
        score=s.score,
        comment=s.comment,
        scored_at=s.scored_at,
    )


class ResultOut(Schema):
    id: int
    lot: int | None
    computed_at: datetime
    decided: bool
    result: dict[str, Any]


class AwardIn(Schema):
    reasons: Text() = ""
    abnormally_low_explanation: Text() = ""


class AwardOut(Schema):
    lot: int | None
    winner: str
    winner_orgnr: str
    tender: str
    reasons: str
    decided_at: datetime
    notified_at: datetime | None
    standstill_last_day: date | None
    standstill_ends_at: datetime | None


def _award(a: AwardDecision) -> AwardOut:
    return AwardOut(
        lot=a.lot.number if a.lot else None,
        winner=a.winner.supplier.name,
        winner_orgnr=a.winner.supplier.orgnr,
        tender=str(a.winner_id),
        reasons=a.reasons,
        decided_at=a.decided_at,
        notified_at=a.notified_at,
        standstill_last_day=a.standstill_last_day,
        standstill_ends_at=a.standstill_ends_at,
    )


class StandstillOut(Schema):
    notified_at: datetime | None
    last_day: date | None
    ends_at: datetime | None
    ended: bool
    server_time: datetime


class ConflictIn(Schema):
    has_conflict: bool
    text: Text() = ""
    measures: Text() = ""


class ConflictOut(Schema):
    person: str
    declared_at: datetime
    has_conflict: bool
    text: str
    measures: str


# ---------------------------------------------------------------- qualification


@router.get(
    "/procurements/{reference}/qualification",
    response=list[DecisionOut],
    summary="Qualification decisions (automatic, with overrides)",
)
def qualification(request: HttpRequest, reference: str) -> list[DecisionOut]:
    procurement = _buyer(request, reference)
    rows = QualificationDecision.objects.filter(tender__procurement=procurement).select_related(
        "tender__supplier", "overridden_by"
    )
    return [_decision(d) for d in rows]


@router.post(
    "/procurements/{reference}/qualification/run",
    response=list[DecisionOut],
    summary="Check every ESPD response against the requirements",
)
@problems
def run_qualification(request: HttpRequest, reference: str) -> list[DecisionOut]:
    procurement = _buyer(request, reference)
    rows = services.run_qualification(procurement, principal=_principal(request), now=clock)
    return [_decision(d) for d in rows]


@router.post(
    "/procurements/{reference}/qualification/{decision_id}/override",
    response=DecisionOut,
    summary="Override an automatic qualification decision with a reason",
)
@problems
def override(
    request: HttpRequest, reference: str, decision_id: int, body: OverrideIn
) -> DecisionOut:
    procurement = _buyer(request, reference)
    decision = get_object_or_404(
        QualificationDecision, pk=decision_id, tender__procurement=procurement
    )
    services.override_decision(
        decision, outcome=body.outcome, reason=body.reason, principal=_principal(request), now=clock
    )
    return _decision(decision)


# ---------------------------------------------------------------- evidence


@router.get(
    "/procurements/{reference}/evidence-requests",
    response=list[EvidenceOut],
    summary="Evidence requested in a procurement (buyer)",
)
def evidence_requests(request: HttpRequest, reference: str) -> list[EvidenceOut]:
    procurement = _buyer(request, reference)
    rows = EvidenceRequest.objects.filter(tender__procurement=procurement).select_related(
        "tender__supplier", "tender__procurement"
    )
    return [_evidence(e) for e in rows]


@router.post(
    "/procurements/{reference}/evidence-requests",
    response={201: EvidenceOut},
    summary="Request documentation from a supplier",
)
@problems
def request_evidence(request: HttpRequest, reference: str, body: EvidenceIn) -> Status[EvidenceOut]:
    procurement = _buyer(request, reference)
    row = services.request_evidence(
        _tender(procurement, body.tender),
        description=body.description,
        due_at=body.due_at,
        principal=_principal(request),
        now=clock,
    )
    return Status(201, _evidence(row))


def _receive(request: HttpRequest, row: EvidenceRequest, body: EvidenceReceivedIn) -> Any:
    content = None
    if body.content_base64 is not None:
        try:
            content = base64.b64decode(body.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise HttpError(422, _("content_base64 is not valid base64.")) from None
    services.receive_evidence(
        row,
        principal=_principal(request),
        now=clock,
        notes=body.notes,
        filename=body.filename,
        content=content,
    )
    return _evidence(row)


@router.post(
    "/procurements/{reference}/evidence-requests/{request_id}/received",
    response=EvidenceOut,
    summary="Record that the documentation was received (buyer)",
)
@problems
def evidence_received(
    request: HttpRequest, reference: str, request_id: int, body: EvidenceReceivedIn
) -> EvidenceOut:
    procurement = _buyer(request, reference)
    row = get_object_or_404(EvidenceRequest, pk=request_id, tender__procurement=procurement)
    return _receive(request, row, body)  # type: ignore[no-any-return]


@router.get(
    "/procurements/{reference}/evidence-requests/{request_id}/file",
    summary="The documentation file received (buyer)",
    response={200: None},
)
def evidence_file(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    procurement = _buyer(request, reference)
    row = get_object_or_404(EvidenceRequest, pk=request_id, tender__procurement=procurement)
    if row.content is None:
        raise Http404(_("No file was received."))
    response = HttpResponse(bytes(row.content), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, row.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get(
    "/evidence-requests",
    response=list[EvidenceOut],
    summary="Documentation requested from my organisation (supplier)",
)
def my_evidence_requests(request: HttpRequest) -> list[EvidenceOut]:
    supplier = acting_supplier(_principal(request))
    rows = EvidenceRequest.objects.filter(tender__supplier=supplier).select_related(
        "tender__supplier", "tender__procurement"
    )
    return [_evidence(e) for e in rows]


@router.post(
    "/evidence-requests/{request_id}/response",
    response=EvidenceOut,
    summary="Send the requested documentation (supplier)",
)
@problems
def evidence_response(
    request: HttpRequest, request_id: int, body: EvidenceReceivedIn
) -> EvidenceOut:
    supplier = acting_supplier(_principal(request))
    row = get_object_or_404(EvidenceRequest, pk=request_id, tender__supplier=supplier)
    return _receive(request, row, body)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- exclusion


@router.get(
    "/procurements/{reference}/exclusions",
    response=list[ExclusionOut],
    summary="Rejected tenders and their letters",
)
def exclusions(request: HttpRequest, reference: str) -> list[ExclusionOut]:
    procurement = _buyer(request, reference)
    rows = Exclusion.objects.filter(tender__procurement=procurement).select_related(
        "tender__supplier", "letter__procurement", "letter__supplier"
    )
    return [_exclusion(e) for e in rows]


@router.post(
    "/procurements/{reference}/exclusions",
    response={201: ExclusionOut},
    summary="Propose to reject a tender (draft letter with the reason)",
)
@problems
def propose_exclusion(
    request: HttpRequest, reference: str, body: ExclusionIn
) -> Status[ExclusionOut]:
    procurement = _buyer(request, reference)
    row = services.propose_exclusion(
        _tender(procurement, body.tender),
        ground=body.ground,
        reason=body.reason,
        principal=_principal(request),
        now=clock,
    )
    return Status(201, _exclusion(row))


@router.post(
    "/procurements/{reference}/exclusions/{exclusion_id}/confirm",
    response=ExclusionOut,
    summary="Confirm the rejection and send the letter",
)
@problems
def confirm_exclusion(request: HttpRequest, reference: str, exclusion_id: int) -> ExclusionOut:
    procurement = _buyer(request, reference)
    row = get_object_or_404(Exclusion, pk=exclusion_id, tender__procurement=procurement)
    services.confirm_exclusion(row, principal=_principal(request), now=clock)
    row.letter.refresh_from_db()
    return _exclusion(row)


# ------------------------------------------------------------------ quality


@router.get(
    "/procurements/{reference}/quality-scores",
    response=list[ScoreOut],
    summary="Quality scores of all evaluators",
)
def quality_scores(request: HttpRequest, reference: str) -> list[ScoreOut]:
    procurement = _buyer(request, reference)
    rows = QualityScore.objects.filter(tender__procurement=procurement).select_related(
        "tender__supplier", "criterion", "evaluator"
    )
    return [_score(s) for s in rows]


@router.post(
    "/procurements/{reference}/quality-scores",
    response=ScoreOut,
    summary="Give (or change) my points on a quality criterion",
)
@problems
def score_quality(request: HttpRequest, reference: str, body: ScoreIn) -> ScoreOut:
    procurement = _buyer(request, reference)
    criterion = get_object_or_404(AwardCriterion, pk=body.criterion, procurement=procurement)
    row = services.score_quality(
        _tender(procurement, body.tender),
        criterion,
        score=body.score,
        comment=body.comment,
        principal=_principal(request),
        now=clock,
    )
    return _score(row)


# --------------------------------------------------------------- evaluation


def _result(row: Any) -> ResultOut:
    return ResultOut(
        id=row.pk,
        lot=row.lot.number if row.lot else None,
        computed_at=row.computed_at,
        decided=AwardDecision.objects.filter(evaluation=row).exists(),
        result=row.content,
    )


@router.get(
    "/procurements/{reference}/evaluation",
    response=list[ResultOut],
    summary="The latest evaluation result of each lot",
)
def evaluation(request: HttpRequest, reference: str) -> list[ResultOut]:
    procurement = _buyer(request, reference)
    return [_result(r) for r in services.latest_results(procurement)]


@router.post(
    "/procurements/{reference}/evaluation",
    response=list[ResultOut],
    summary="Compute prices, points and ranking",
)
@problems
def compute_evaluation(request: HttpRequest, reference: str) -> list[ResultOut]:
    procurement = _buyer(request, reference)
    rows = services.compute_evaluation(procurement, principal=_principal(request), now=clock)
    return [_result(r) for r in rows]


# -------------------------------------------------------------------- award


@router.get(
    "/procurements/{reference}/award", response=list[AwardOut], summary="The award decisions"
)
def award(request: HttpRequest, reference: str) -> list[AwardOut]:
    procurement = _buyer(request, reference)
    rows = AwardDecision.objects.filter(procurement=procurement).select_related(
        "winner__supplier", "lot"
    )
    return [_award(a) for a in rows]


@router.post(
    "/procurements/{reference}/award",
    response={201: list[AwardOut]},
    summary="Decide the award (drafts award and rejection letters)",
)
@problems
def decide_award(request: HttpRequest, reference: str, body: AwardIn) -> Status[list[AwardOut]]:
    procurement = _buyer(request, reference)
    rows = services.decide_award(
        procurement,
        principal=_principal(request),
        now=clock,
        reasons=body.reasons,
        abnormally_low_explanation=body.abnormally_low_explanation,
    )
    return Status(201, [_award(a) for a in rows])


@router.get(
    "/procurements/{reference}/letters",
    response=list[LetterOut],
    summary="All letters of a procurement (buyer)",
)
def procurement_letters(request: HttpRequest, reference: str) -> list[LetterOut]:
    procurement = _buyer(request, reference)
    rows = Letter.objects.filter(procurement=procurement).select_related("procurement", "supplier")
    return [_letter(x) for x in rows]


@router.post(
    "/procurements/{reference}/letters/send",
    response=list[AwardOut],
    summary="Send the award and rejection letters; the standstill period starts",
)
@problems
def send_letters(request: HttpRequest, reference: str) -> list[AwardOut]:
    procurement = _buyer(request, reference)
    rows = services.send_letters(procurement, principal=_principal(request), now=clock)
    return [_award(a) for a in rows]


@router.get(
    "/procurements/{reference}/letters/{letter_id}/pdf",
    summary="A letter as PDF (buyer)",
    response={200: None},
)
def procurement_letter_pdf(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    procurement = _buyer(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, procurement=procurement)
    return _pdf(bytes(letter.pdf), f"{procurement.reference}-{letter.kind}-{letter.pk}.pdf")


class LetterCorrectionIn(Schema):
    text: Text()


@router.post(
    "/procurements/{reference}/letters/{letter_id}/correct",
    response={201: LetterOut},
    summary="Correct a letter: a new letter naming the one it corrects (not yet sent)",
)
@problems
def correct_letter(
    request: HttpRequest, reference: str, letter_id: int, body: LetterCorrectionIn
) -> Status[LetterOut]:
    procurement = _buyer(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, procurement=procurement)
    new = services.correct_letter(letter, text=body.text, principal=_principal(request), now=clock)
    return Status(201, _letter(new))


@router.post(
    "/procurements/{reference}/letters/{letter_id}/send",
    response=LetterOut,
    summary="Send one letter (e.g. a correction) to its supplier",
)
@problems
def send_one_letter(request: HttpRequest, reference: str, letter_id: int) -> LetterOut:
    procurement = _buyer(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, procurement=procurement)
    services.send_letter(letter, principal=_principal(request), now=clock)
    return _letter(letter)


@router.get(
    "/procurements/{reference}/standstill",
    response=StandstillOut,
    summary="Standstill period status",
)
def standstill(request: HttpRequest, reference: str) -> StandstillOut:
    procurement = _buyer(request, reference)
    now = clock()
    status = services.standstill_status(procurement, now)
    return StandstillOut(
        notified_at=status.notified_at,
        last_day=status.last_day,
        ends_at=status.ends_at,
        ended=status.ended,
        server_time=now,
    )


# -------------------------------------------------------- supplier letters


@router.get("/letters", response=list[LetterOut], summary="Letters to my organisation (supplier)")
def my_letters(request: HttpRequest) -> list[LetterOut]:
    supplier = acting_supplier(_principal(request))
    return [_letter(x) for x in services.letters_for_supplier(supplier)]


def _my_letter(request: HttpRequest, letter_id: int) -> Letter:
    supplier = acting_supplier(_principal(request))
    letter = (
        Letter.objects.filter(pk=letter_id, supplier=supplier, sent_at__isnull=False)
        .select_related("procurement", "supplier")
        .first()
    )
    if letter is None:
        raise Http404(_("There is no such letter."))
    return letter


@router.get("/letters/{letter_id}", response=LetterOut, summary="One letter (supplier)")
def my_letter(request: HttpRequest, letter_id: int) -> LetterOut:
    return _letter(_my_letter(request, letter_id))


@router.get(
    "/letters/{letter_id}/pdf", summary="One letter as PDF (supplier)", response={200: None}
)
def my_letter_pdf(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _my_letter(request, letter_id)
    return _pdf(bytes(letter.pdf), f"{letter.procurement.reference}-{letter.kind}-{letter.pk}.pdf")


# ------------------------------------------------- conflicts of interest, report


@router.post(
    "/procurements/{reference}/conflict-of-interest",
    response={201: ConflictOut},
    summary="Declare a conflict of interest, or that there is none",
)
@problems
def declare(request: HttpRequest, reference: str, body: ConflictIn) -> Status[ConflictOut]:
    procurement = _buyer(request, reference)
    row = services.declare_conflict_of_interest(
        procurement,
        has_conflict=body.has_conflict,
        text=body.text,
        measures=body.measures,
        principal=_principal(request),
        now=clock,
    )
    return Status(
        201,
        ConflictOut(
            person=row.user.get_username(),
            declared_at=row.declared_at,
            has_conflict=row.has_conflict,
            text=row.text,
            measures=row.measures,
        ),
    )


@router.get(
    "/procurements/{reference}/protocol-report",
    response=dict[str, Any],
    summary="The protocol report (Art. 84 Directive 2014/24/EU) as JSON",
)
def report_json(request: HttpRequest, reference: str) -> dict[str, Any]:
    procurement = _buyer(request, reference)
    return protocol_report.build_report(procurement).as_json()


@router.get(
    "/procurements/{reference}/protocol-report.pdf",
    summary="The protocol report as PDF",
    response={200: None},
)
def report_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = _buyer(request, reference)
    pdf = protocol_report.report_pdf(protocol_report.build_report(procurement))
    return _pdf(pdf, f"{procurement.reference}-protocol.pdf")
