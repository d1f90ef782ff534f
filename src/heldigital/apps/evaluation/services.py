"""Qualification, evaluation and award services (issue 4 parts 6 and 7).

Plain functions; each takes ``now`` (aware) and the acting
:class:`~heldigital.apps.accounts.access.Principal` (one user acting for one
organisation with the roles held there), checks that the principal may act,
changes the records in one transaction and writes the protocol
(:func:`heldigital.apps.protocol.services.record`, chain = procurement
reference). Views and API endpoints only call these.

Flow and law:

1. :func:`run_qualification` - every submitted tender's ESPD response is
   checked against the qualification requirements
   (:mod:`heldigital.decisions.qualification`; Directive 2014/24/EU Art. 57
   exclusion grounds, Art. 58 selection criteria, Art. 59 ESPD;
   anskaffelsesforskriften §§ 24-2, 24-5); :func:`override_decision` lets an
   evaluator decide differently with a recorded reason.
2. :func:`request_evidence` / :func:`receive_evidence` - documentation from
   chosen suppliers (Art. 59(4), § 24-6 (2)).
3. :func:`propose_exclusion` drafts the rejection letter with the reason
   filled in; :func:`confirm_exclusion` sends it (§ 24-2 (3) / Art. 55(2):
   a rejected tenderer is told the reasons).
4. :func:`score_quality` and :func:`compute_evaluation` - prices from the
   tender catalogues, points, ranking (:mod:`heldigital.decisions.scoring`,
   Art. 67, 69).
5. :func:`decide_award` - the award decision per lot; award and rejection
   letters with scores and reasons (Art. 55(2); § 25-1). :func:`send_letters`
   sends them and starts the standstill period
   (:mod:`heldigital.decisions.standstill`; § 25-2).

Errors: :class:`django.core.exceptions.ValidationError` (bad input),
:class:`django.core.exceptions.PermissionDenied` (may not act),
:class:`heldigital.apps.tendering.services.StateError` (not now).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    BUYER_ROLES,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.common import format_local, parse_decimal, require_aware, send_on_commit
from heldigital.apps.evaluation import documents, qualifying
from heldigital.apps.evaluation.models import (
    AwardDecision,
    ConflictOfInterestDeclaration,
    EvaluationResult,
    EvidenceRequest,
    Exclusion,
    Letter,
    Outcome,
    QualificationDecision,
    QualityScore,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions import services as submissions
from heldigital.apps.submissions.files import FileRefused, sanitise_filename
from heldigital.apps.submissions.models import FileKind, OpeningRecord, Tender, TenderStatus
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    AwardCriterion,
    AwardMethod,
    CriterionKind,
    Lot,
    Notification,
    Procurement,
    ProcurementStatus,
)
from heldigital.apps.tendering.services import record_event
from heldigital.decisions import scoring
from heldigital.decisions import standstill as standstill_rules
from heldigital.ehf.catalogue import Catalogue
from heldigital.ledger import format_time

logger = logging.getLogger(__name__)

#: Roles that run qualification, exclusion, award and contract (the buyer's officers).
OFFICER_ROLES: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})
#: Roles that may score quality and override qualification decisions.
EVALUATOR_ROLES: frozenset[str] = OFFICER_ROLES | {Role.EVALUATOR}

#: Procurement states in which qualification and evaluation may happen.
_EVALUATING = (ProcurementStatus.OPENED, ProcurementStatus.EVALUATION)


# ------------------------------------------------------------------ helpers


def require_buyer_role(
    procurement: Procurement,
    principal: Principal,
    roles: frozenset[str],
    what: str,
) -> None:
    """The principal acts for the procurement's buyer and holds one of ``roles`` there."""
    buyer = procurement.buyer
    if buyer.kind != OrganisationKind.PUBLIC_BODY or not principal.acts_for(buyer):
        raise PermissionDenied(_("This procurement belongs to another organisation."))
    principal.require(
        buyer,
        roles,
        _("You lack the role needed to %(what)s in %(org)s.") % {"what": what, "org": buyer.name},
    )


def _require_opened(procurement: Procurement) -> None:
    if not OpeningRecord.objects.filter(procurement=procurement).exists():
        raise StateError(
            _("The tenders of %(ref)s are not opened.") % {"ref": procurement.reference}
        )


def _require_evaluating(procurement: Procurement) -> None:
    _require_opened(procurement)
    if procurement.status not in _EVALUATING:
        raise StateError(
            _("The procurement %(ref)s is not in evaluation (status: %(status)s).")
            % {"ref": procurement.reference, "status": procurement.get_status_display()}
        )


def submitted_tenders(procurement: Procurement) -> list[Tender]:
    return list(
        Tender.objects.filter(procurement=procurement, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
        .order_by("submitted_at", "id")
    )


def _tender_of(procurement: Procurement, tender: Tender) -> None:
    if tender.procurement_id != procurement.pk or tender.status != TenderStatus.SUBMITTED:
        raise ValidationError(_("The tender is not a submitted tender of this procurement."))


def read_part(tender: Tender, kind: str, *, principal: Principal, now: datetime) -> bytes | None:
    """The decrypted content of a tender's part (the first file of ``kind``), if any.

    Goes through :func:`heldigital.apps.submissions.services.read_tender_file`, which
    refuses (and records) any read before opening or by anyone but the buyer.
    """
    tender_file = tender.files.filter(kind=kind).order_by("created_at", "id").first()
    if tender_file is None:
        return None
    return b"".join(submissions.read_tender_file(tender_file, principal=principal, now=now))


@dataclass(frozen=True)
class _Recipient:
    organisation: Organisation
    emails: tuple[str, ...]


def _supplier_recipient(supplier: Organisation) -> _Recipient:
    emails = {
        email
        for email in Membership.objects.filter(
            organisation=supplier, role=Role.SUPPLIER_USER, user__is_active=True
        ).values_list("user__email", flat=True)
        if email
    }
    if supplier.email:
        emails.add(supplier.email)
    return _Recipient(supplier, tuple(sorted(emails)))


def _notify_supplier(
    procurement: Procurement,
    supplier: Organisation,
    *,
    kind: str,
    subject: str,
    body: str,
    now: datetime,
    attachment: tuple[str, bytes, str] | None = None,
) -> EmailMessage | None:
    """A platform notification to the supplier now; the e-mail to send after commit."""
    Notification.objects.create(
        organisation=supplier,
        procurement=procurement,
        kind=kind,
        subject=subject,
        body=body,
        created_at=now,
    )
    recipient = _supplier_recipient(supplier)
    if not recipient.emails:
        return None
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(recipient.emails),
    )
    if attachment is not None:
        message.attach(*attachment)
    return message


def _decimal(value: Any, field: str) -> Decimal:
    return parse_decimal(value, field, _("Give a number."))


def _text(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("This is required.")})
    return value


# --------------------------------------------------------------- letters


def _make_letter(
    procurement: Procurement,
    *,
    kind: str,
    supplier: Organisation,
    tender: Tender | None,
    title: str,
    sections: Sequence[documents.Section],
    user: User,
    now: datetime,
    corrects: Letter | None = None,
) -> Letter:
    body = documents.body_text(title, sections)
    pdf = documents.render_pdf(title, sections, author=procurement.buyer.name, subject=title)
    letter = Letter(
        procurement=procurement,
        kind=kind,
        supplier=supplier,
        tender=tender,
        subject=title,
        body=body,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        corrects=corrects,
        created_at=now,
        created_by=user,
    )
    letter.save()
    return letter


def _letter_head(procurement: Procurement, supplier: Organisation, now: datetime) -> list[str]:
    return [
        _("From: %(buyer)s (org. no. %(orgnr)s)")
        % {"buyer": procurement.buyer.name, "orgnr": procurement.buyer.orgnr},
        _("To: %(supplier)s (org. no. %(orgnr)s)")
        % {"supplier": supplier.name, "orgnr": supplier.orgnr},
        _("Procurement: %(ref)s %(title)s")
        % {"ref": procurement.reference, "title": procurement.title},
        _("Date: %(date)s") % {"date": format_local(now)},
    ]


@protocol.appends(lambda letter: letter.procurement.reference)
def send_letter(letter: Letter, *, principal: Principal, now: datetime) -> Letter:
    """Send one letter: platform notification and e-mail (with the PDF) to its supplier only."""
    procurement = letter.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("send letters"))
    if letter.sent_at is not None:
        raise StateError(_("The letter was already sent."))
    with transaction.atomic():
        letter.set_once(sent_at=now, sent_by=principal.user)
        message = _notify_supplier(
            procurement,
            letter.supplier,
            kind=f"letter.{letter.kind}",
            subject=letter.subject,
            body=letter.body,
            now=now,
            attachment=(f"{letter.kind}-{letter.pk}.pdf", bytes(letter.pdf), "application/pdf"),
        )
        record_event(
            procurement,
            "letter.sent",
            principal,
            {
                "letter": letter.pk,
                "kind": letter.kind,
                "supplier_orgnr": letter.supplier.orgnr,
                "sha256": letter.sha256,
                "corrects": letter.corrects_id,
            },
            now,
        )
        send_on_commit([message])
    return letter


@protocol.appends(lambda letter: letter.procurement.reference)
def correct_letter(letter: Letter, *, text: str, principal: Principal, now: datetime) -> Letter:
    """A correction is a new letter naming the one it corrects (which stays as it was)."""
    procurement = letter.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("correct letters"))
    text = _text(text, "text")
    with transaction.atomic():
        title = _("Correction: %(subject)s") % {"subject": letter.subject}
        sections = [
            documents.Section("", _letter_head(procurement, letter.supplier, now)),
            documents.Section(
                _("Correction"),
                [
                    _("This letter corrects our letter of %(date)s (SHA-256 %(sha)s).")
                    % {"date": format_local(letter.created_at), "sha": letter.sha256},
                    text,
                ],
            ),
        ]
        new = _make_letter(
            procurement,
            kind=letter.kind,
            supplier=letter.supplier,
            tender=letter.tender,
            title=title,
            sections=sections,
            user=principal.user,
            now=now,
            corrects=letter,
        )
        record_event(
            procurement,
            "letter.corrected",
            principal,
            {"letter": new.pk, "corrects": letter.pk, "sha256": new.sha256},
            now,
        )
    return new


def letters_for_supplier(supplier: Organisation) -> list[Letter]:
    """The sent letters addressed to ``supplier`` - never another supplier's."""
    return list(
        Letter.objects.filter(supplier=supplier, sent_at__isnull=False)
        .select_related("procurement")
        .order_by("-sent_at", "-id")
    )


# ---------------------------------------------------------- qualification


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def run_qualification(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
) -> list[QualificationDecision]:
    """Check every submitted tender's ESPD response against every requirement.

    Existing automatic decisions are replaced by the new check; an
    evaluator's override stays (and stays visible next to the new automatic
    decision). The procurement moves to ``evaluation``.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("run the qualification"))
    _require_evaluating(procurement)
    items = qualifying.criteria(procurement, now=now)
    decided = []
    summary = []
    for tender in submitted_tenders(procurement):
        espd = read_part(tender, FileKind.ESPD_RESPONSE, principal=principal, now=now)
        outcomes = qualifying.check(items, espd, now=now)
        for item, (outcome, reason) in zip(items, outcomes, strict=True):
            decision, _created = QualificationDecision.objects.update_or_create(
                tender=tender,
                criterion=item.code,
                lot=item.lot,
                defaults={
                    "requirement": item.row,
                    "criterion_name": item.name[:300],
                    "automatic_outcome": outcome,
                    "automatic_reason": reason,
                    "decided_at": now,
                },
            )
            decided.append(decision)
        summary.append(
            {
                "tender": str(tender.id),
                "supplier_orgnr": tender.supplier.orgnr,
                "outcomes": [
                    {"criterion": item.code, "lot": item.lot, "outcome": o[0]}
                    for item, o in zip(items, outcomes, strict=True)
                ],
            }
        )
    if procurement.status == ProcurementStatus.OPENED:  # the first check starts the evaluation
        lifecycle.transition(
            procurement,
            ProcurementStatus.EVALUATION,
            principal=principal,
            now=now,
            payload={"tenders": summary},
        )
    else:
        record_event(procurement, "qualification.checked", principal, {"tenders": summary}, now)
    return decided


@transaction.atomic
@protocol.appends(lambda decision: decision.tender.procurement.reference)
def override_decision(
    decision: QualificationDecision,
    *,
    outcome: str,
    reason: str,
    principal: Principal,
    now: datetime,
) -> QualificationDecision:
    """An evaluator decides differently from the automatic check, with a recorded reason."""
    require_aware(now)
    procurement = decision.tender.procurement
    require_buyer_role(procurement, principal, EVALUATOR_ROLES, _("override qualification"))
    _require_evaluating(procurement)
    if outcome not in (Outcome.PASS, Outcome.FAIL):
        raise ValidationError({"outcome": _("Decide 'pass' or 'fail'.")})
    reason = _text(reason, "reason")
    decision.override_outcome = outcome
    decision.override_reason = reason
    decision.overridden_by = principal.user
    decision.overridden_at = now
    decision.save()
    record_event(
        procurement,
        "qualification.overridden",
        principal,
        {
            "tender": str(decision.tender_id),
            "supplier_orgnr": decision.tender.supplier.orgnr,
            "criterion": decision.criterion,
            "lot": decision.lot,
            "automatic": decision.automatic_outcome,
            "outcome": outcome,
            "reason": reason,
        },
        now,
    )
    return decision


# --------------------------------------------------------------- evidence


@transaction.atomic
@protocol.appends(lambda tender: tender.procurement.reference)
def request_evidence(
    tender: Tender,
    *,
    description: str,
    due_at: datetime,
    principal: Principal,
    now: datetime,
) -> EvidenceRequest:
    """Ask the supplier of ``tender`` for documentation, due at ``due_at``."""
    require_aware(now)
    require_aware(due_at)
    procurement = tender.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("request evidence"))
    _require_evaluating(procurement)
    _tender_of(procurement, tender)
    description = _text(description, "description")
    if due_at <= now:
        raise ValidationError({"due_at": _("The due date must be in the future.")})
    request = EvidenceRequest.objects.create(
        tender=tender,
        description=description,
        requested_by=principal.user,
        requested_at=now,
        due_at=due_at,
    )
    subject = _("%(ref)s: documentation requested") % {"ref": procurement.reference}
    body = _(
        "%(buyer)s asks %(supplier)s for the following documentation in procurement %(ref)s "
        "%(title)s, due %(due)s:\n\n%(description)s\n\nUpload it in Heldigital."
    ) % {
        "buyer": procurement.buyer.name,
        "supplier": tender.supplier.name,
        "ref": procurement.reference,
        "title": procurement.title,
        "due": format_local(due_at),
        "description": description,
    }
    message = _notify_supplier(
        procurement, tender.supplier, kind="evidence.requested", subject=subject, body=body, now=now
    )
    record_event(
        procurement,
        "evidence.requested",
        principal,
        {
            "request": request.pk,
            "tender": str(tender.id),
            "supplier_orgnr": tender.supplier.orgnr,
            "description": description,
            "due_at": format_time(due_at),
        },
        now,
    )
    send_on_commit([message])
    return request


MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


@transaction.atomic
@protocol.appends(lambda request: request.tender.procurement.reference)
def receive_evidence(
    request: EvidenceRequest,
    *,
    principal: Principal,
    now: datetime,
    notes: str = "",
    filename: str = "",
    content: bytes | None = None,
) -> EvidenceRequest:
    """Record the receipt of the documentation (by the supplier itself or by the buyer)."""
    require_aware(now)
    tender = request.tender
    procurement = tender.procurement
    if principal.acts_for(tender.supplier):
        if not principal.is_supplier_user(tender.supplier):
            raise PermissionDenied(_("You do not act for this supplier."))
    else:
        require_buyer_role(procurement, principal, OFFICER_ROLES, _("record evidence"))
    if request.received_at is not None:
        raise StateError(_("The documentation was already received."))
    if content is not None and len(content) > MAX_EVIDENCE_BYTES:
        raise ValidationError({"content": _("The file is too large (at most 20 MB).")})
    if content is None and not notes.strip():
        raise ValidationError({"notes": _("Give a file or a note.")})
    if content is not None:
        try:
            request.filename = sanitise_filename(filename or "evidence")
        except FileRefused as exc:
            raise ValidationError({"filename": str(exc)}) from exc
    request.received_at = now
    request.received_by = principal.user
    request.notes = notes.strip()
    if content is not None:
        request.content = content
        request.sha256 = hashlib.sha256(content).hexdigest()
    request.save()
    record_event(
        procurement,
        "evidence.received",
        principal,
        {
            "request": request.pk,
            "tender": str(tender.id),
            "late": now > request.due_at,
            "sha256": request.sha256 or None,
        },
        now,
    )
    return request


# ---------------------------------------------------------------- exclusion


class Ground:
    """Why a tender is rejected (shown in the letter and in the protocol, Art. 84(1)(d)-(e))."""

    QUALIFICATION = "qualification"
    EXCLUSION = "exclusion"
    ABNORMALLY_LOW = "abnormally_low"
    NON_COMPLIANT = "non_compliant"
    ALL = (QUALIFICATION, EXCLUSION, ABNORMALLY_LOW, NON_COMPLIANT)


def ground_label(ground: str) -> str:
    return {
        Ground.QUALIFICATION: _("qualification requirements not met"),
        Ground.EXCLUSION: _("exclusion ground"),
        Ground.ABNORMALLY_LOW: _("abnormally low tender"),
        Ground.NON_COMPLIANT: _("tender not compliant with the procurement documents"),
    }[ground]


@transaction.atomic
@protocol.appends(lambda tender: tender.procurement.reference)
def propose_exclusion(
    tender: Tender,
    *,
    ground: str,
    reason: str,
    principal: Principal,
    now: datetime,
) -> Exclusion:
    """Propose to reject ``tender``: a draft letter with the reason filled in (not yet sent)."""
    require_aware(now)
    procurement = tender.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("reject tenders"))
    _require_evaluating(procurement)
    _tender_of(procurement, tender)
    if ground not in Ground.ALL:
        raise ValidationError({"ground": _("Unknown ground.")})
    reason = _text(reason, "reason")
    if Exclusion.objects.filter(tender=tender).exists():
        raise StateError(_("This tender is already rejected."))
    failed = [
        f"{d.criterion_name}: {d.reason}"
        for d in tender.qualification_decisions.all()
        if d.outcome == Outcome.FAIL
    ]
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Rejection of your tender in %(ref)s") % {"ref": procurement.reference}
        paragraphs = [
            _(
                "We have rejected the tender of %(supplier)s received %(received)s in the "
                "procurement %(ref)s %(title)s."
            )
            % {
                "supplier": tender.supplier.name,
                "received": format_local(tender.submitted_at) if tender.submitted_at else "-",
                "ref": procurement.reference,
                "title": procurement.title,
            },
            _("Ground: %(ground)s.") % {"ground": ground_label(ground)},
            _("Reason: %(reason)s") % {"reason": reason},
        ]
        if failed:
            paragraphs.append(_("Requirements not met:") + "\n" + "\n".join(failed))
        sections = [
            documents.Section("", _letter_head(procurement, tender.supplier, now)),
            documents.Section(_("Decision"), paragraphs),
            documents.Section(
                _("Right to complain"),
                [
                    _(
                        "You may complain to the contracting authority and bring the case before "
                        "KOFA (Klagenemnda for offentlige anskaffelser) or the courts."
                    )
                ],
            ),
        ]
    letter = _make_letter(
        procurement,
        kind=Letter.Kind.EXCLUSION,
        supplier=tender.supplier,
        tender=tender,
        title=title,
        sections=sections,
        user=principal.user,
        now=now,
    )
    exclusion = Exclusion(
        tender=tender,
        ground=ground,
        reason=reason,
        proposed_by=principal.user,
        proposed_at=now,
        letter=letter,
    )
    exclusion.save()
    record_event(
        procurement,
        "exclusion.proposed",
        principal,
        {
            "tender": str(tender.id),
            "supplier_orgnr": tender.supplier.orgnr,
            "ground": ground,
            "reason": reason,
            "letter_sha256": letter.sha256,
        },
        now,
    )
    return exclusion


@transaction.atomic
@protocol.appends(lambda exclusion: exclusion.tender.procurement.reference)
def confirm_exclusion(exclusion: Exclusion, *, principal: Principal, now: datetime) -> Exclusion:
    """The officer confirms the rejection; the letter is sent."""
    require_aware(now)
    procurement = exclusion.tender.procurement
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("reject tenders"))
    if exclusion.confirmed_at is not None:
        raise StateError(_("The rejection was already confirmed."))
    exclusion.set_once(confirmed_at=now, confirmed_by=principal.user)
    record_event(
        procurement,
        "exclusion.confirmed",
        principal,
        {
            "tender": str(exclusion.tender_id),
            "supplier_orgnr": exclusion.tender.supplier.orgnr,
            "ground": exclusion.ground,
            "reason": exclusion.reason,
        },
        now,
    )
    send_letter(exclusion.letter, principal=principal, now=now)
    return exclusion


# ------------------------------------------------------------------ quality


#: Award criteria scored by evaluators: quality, and climate and environment (a quality
#: criterion, anskaffelsesforskriften § 7-9; eForms publishes it as quality above the
#: EEA threshold).
SCORED_KINDS = (CriterionKind.QUALITY, CriterionKind.ENVIRONMENT)


@transaction.atomic
@protocol.appends(lambda tender: tender.procurement.reference)
def score_quality(
    tender: Tender,
    criterion: AwardCriterion,
    *,
    score: Any,
    comment: str,
    principal: Principal,
    now: datetime,
) -> QualityScore:
    """An evaluator's points on a quality criterion (changeable until the award)."""
    require_aware(now)
    procurement = tender.procurement
    require_buyer_role(procurement, principal, EVALUATOR_ROLES, _("score tenders"))
    _require_evaluating(procurement)
    _tender_of(procurement, tender)
    if criterion.procurement_id != procurement.pk or criterion.kind not in SCORED_KINDS:
        raise ValidationError({"criterion": _("Not a quality criterion of this procurement.")})
    value = _decimal(score, "score")
    if not Decimal(0) <= value <= criterion.max_points:
        raise ValidationError(
            {"score": _("Give between 0 and %(max)s points.") % {"max": criterion.max_points}}
        )
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({"score": _("Give at most two decimals.")})
    comment = _text(comment, "comment")
    row, _created = QualityScore.objects.update_or_create(
        tender=tender,
        criterion=criterion,
        evaluator=principal.user,
        defaults={"score": value, "comment": comment, "scored_at": now},
    )
    record_event(
        procurement,
        "quality.scored",
        principal,
        {
            "tender": str(tender.id),
            "criterion": criterion.name,
            "score": str(value),
            "comment": comment,
        },
        now,
    )
    return row


# --------------------------------------------------------------- evaluation


def _lots(procurement: Procurement) -> list[Lot | None]:
    lots = list(procurement.lots.order_by("number"))
    return lots or [None]  # type: ignore[list-item]


def _criteria(procurement: Procurement, lot: Lot | None) -> list[AwardCriterion]:
    rows = list(procurement.award_criteria.filter(lot=lot).order_by("position", "id"))
    if not rows and lot is not None:
        rows = list(procurement.award_criteria.filter(lot__isnull=True).order_by("position", "id"))
    return rows


def parse_tender_catalogue(
    content: bytes, request_units: Mapping[str, str]
) -> tuple[dict[str, Decimal | None], list[str]]:
    """Unit prices by request line id from a tender catalogue, and problems found.

    The catalogue price is the net price of one orderable unit (tir19-051);
    a line whose unit differs from the request line's unit is not priced.
    """
    try:
        catalogue = Catalogue.from_xml(content, source="tender catalogue")
        items = catalogue.items()
    except ValueError as exc:
        return {}, [_("The tender catalogue cannot be read: %(error)s") % {"error": exc}]
    prices: dict[str, Decimal | None] = {}
    problems = []
    for item in items:
        unit = request_units.get(item.id)
        if unit is not None and item.unit is not None and item.unit != unit:
            problems.append(
                _("line %(id)s: priced per %(unit)s, the request asks for %(asked)s")
                % {"id": item.id, "unit": item.unit, "asked": unit}
            )
            prices[item.id] = None
            continue
        prices[item.id] = item.price
    return prices, problems


def _eligible(procurement: Procurement) -> list[Tender]:
    """Submitted tenders not rejected, whose qualification is resolved as passed."""
    eligible = []
    unresolved = []
    for tender in submitted_tenders(procurement):
        if Exclusion.objects.filter(tender=tender).exists():
            continue
        decisions = list(tender.qualification_decisions.all())
        if not decisions or any(d.outcome != Outcome.PASS for d in decisions):
            unresolved.append(tender.supplier.name)
            continue
        eligible.append(tender)
    if unresolved:
        raise StateError(
            _(
                "Qualification is not resolved for: %(names)s. Run the qualification, and "
                "override or reject where a requirement is not met or needs assessment."
            )
            % {"names": ", ".join(unresolved)}
        )
    return eligible


def _money(value: Decimal) -> str:
    return str(value.quantize(scoring.CENT, rounding=scoring.ROUNDING))


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def compute_evaluation(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
) -> list[EvaluationResult]:
    """Compute prices, points and ranking per lot from the opened tenders (new frozen rows)."""
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("compute the evaluation"))
    if AwardDecision.objects.filter(procurement=procurement).exists():
        raise StateError(_("The award is decided; the evaluation is frozen."))
    _require_evaluating(procurement)
    tenders = _eligible(procurement)
    items = list(procurement.request_items.select_related("lot"))
    if not items:
        raise StateError(_("The procurement has no request catalogue to price."))
    request_lines = [
        scoring.RequestLine(i.line_id, i.estimated_quantity, i.lot.number if i.lot else None)
        for i in items
    ]
    units = {i.line_id: i.unit_code for i in items}
    priced: dict[str, tuple[scoring.TenderPrice, list[str]]] = {}
    for tender in tenders:
        content = read_part(tender, FileKind.TENDER_CATALOGUE, principal=principal, now=now)
        if content is None:
            priced[str(tender.id)] = (
                scoring.price_tender(request_lines, {}),
                [_("The tender has no tender catalogue.")],
            )
            continue
        offered, problems = parse_tender_catalogue(content, units)
        priced[str(tender.id)] = (scoring.price_tender(request_lines, offered), problems)
    rule = scoring.abnormally_low_rule_on(now.date())
    results = []
    for lot in _lots(procurement):
        number = lot.number if lot is not None else None
        criteria_rows = _criteria(procurement, lot)
        method = scoring.AwardMethod(procurement.award_method)
        criteria = [
            scoring.Criterion(
                str(c.pk),
                scoring.CriterionKind.QUALITY if c.kind in SCORED_KINDS else c.kind,
                c.weight,
                c.max_points,
            )
            for c in criteria_rows
        ]
        candidates = []
        non_compliant = []
        by_id = {str(t.id): t for t in tenders}
        for tender_id, (price, problems) in priced.items():
            lot_price = price.lots.get(number)
            if lot_price is None:
                continue
            bids = bool(lot_price.lines or lot_price.problems or problems)
            if number is not None and not bids:
                continue  # with lots, a tender that prices no line of a lot does not bid for it
            tender = by_id[tender_id]
            if not lot_price.compliant or problems:
                non_compliant.append(
                    {
                        "tender": tender_id,
                        "supplier": tender.supplier.name,
                        "supplier_orgnr": tender.supplier.orgnr,
                        "missing_lines": list(lot_price.missing),
                        "problems": [*lot_price.problems, *problems],
                    }
                )
                continue
            quality: dict[str, Decimal] = {}
            for c in criteria_rows:
                if c.kind not in SCORED_KINDS:
                    continue
                scores = [s.score for s in QualityScore.objects.filter(tender=tender, criterion=c)]
                if not scores:
                    raise StateError(
                        _("%(supplier)s has no score on %(criterion)s yet.")
                        % {"supplier": tender.supplier.name, "criterion": c.name}
                    )
                quality[str(c.pk)] = sum(scores, Decimal(0)) / len(scores)
            assert tender.submitted_at is not None
            candidates.append(
                scoring.Candidate(tender_id, lot_price.total, tender.submitted_at, quality)
            )
        estimate = (lot.estimated_value if lot is not None else None) or (
            procurement.estimated_value if lot is None or len(_lots(procurement)) == 1 else None
        )
        try:
            ranking = scoring.evaluate(
                candidates,
                method=method,
                criteria=criteria,
                formula=procurement.price_formula,
                estimate=estimate,
                rule=rule,
            )
        except scoring.EvaluationError as exc:
            raise StateError(str(exc)) from exc
        names = {str(c.pk): c.name for c in criteria_rows}
        content_json = {
            "lot": number,
            "method": method.value,
            "formula": procurement.price_formula,
            "tie_rule": list(scoring.TIE_RULE),
            "abnormally_low_rule": {
                "below_average": str(rule.below_average),
                "of_estimate": str(rule.of_estimate),
                "effective_from": rule.effective_from.isoformat(),
            },
            "criteria": [
                {
                    "key": str(c.pk),
                    "name": c.name,
                    "kind": c.kind,
                    "weight": str(c.weight),
                    "max_points": str(c.max_points),
                }
                for c in criteria_rows
            ],
            "ranking": [
                {
                    "rank": s.rank,
                    "tender": s.tender_id,
                    "supplier": by_id[s.tender_id].supplier.name,
                    "supplier_orgnr": by_id[s.tender_id].supplier.orgnr,
                    "price": _money(s.price),
                    "received_at": format_time(s.received_at),
                    "points": {names.get(k, k): str(v) for k, v in s.points.items()},
                    "weighted": {names.get(k, k): str(v) for k, v in s.weighted.items()},
                    "price_points": str(s.price_points),
                    "quality_total": str(s.quality_total),
                    "total": str(s.total),
                    "abnormally_low": list(s.abnormally_low),
                }
                for s in ranking
            ],
            "non_compliant": non_compliant,
        }
        result = EvaluationResult(
            procurement=procurement,
            lot=lot,
            computed_at=now,
            computed_by=principal.user,
            content=content_json,
        )
        result.save()
        results.append(result)
        record_event(
            procurement,
            "evaluation.computed",
            principal,
            {
                "lot": number,
                "result": result.pk,
                "ranking": [
                    {
                        "rank": r["rank"],
                        "supplier_orgnr": r["supplier_orgnr"],
                        "price": r["price"],
                        "total": r["total"],
                        "abnormally_low": bool(r["abnormally_low"]),
                    }
                    for r in content_json["ranking"]
                ],
                "non_compliant": [n["supplier_orgnr"] for n in non_compliant],
            },
            now,
        )
    return results


def latest_results(procurement: Procurement) -> list[EvaluationResult]:
    """The latest evaluation result of each lot (or the decided one, once awarded)."""
    out = []
    for lot in _lots(procurement):
        award = AwardDecision.objects.filter(procurement=procurement, lot=lot).first()
        if award is not None:
            out.append(award.evaluation)
            continue
        row = (
            EvaluationResult.objects.filter(procurement=procurement, lot=lot)
            .order_by("-computed_at", "-id")
            .first()
        )
        if row is not None:
            out.append(row)
    return out


# -------------------------------------------------------------------- award


def _score_table(content: Mapping[str, Any]) -> list[list[str]]:
    criteria = [c["name"] for c in content["criteria"]] or [_("Price")]
    header = [_("Rank"), _("Tenderer"), _("Price (NOK excl. VAT)"), *criteria, _("Total")]
    rows = [header]
    for r in content["ranking"]:
        points = [r["weighted"].get(name, r["weighted"].get("price", "")) for name in criteria]
        rows.append([str(r["rank"]), r["supplier"], r["price"], *points, r["total"]])
    return rows


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def decide_award(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
    reasons: str = "",
    abnormally_low_explanation: str = "",
) -> list[AwardDecision]:
    """Award each lot to the first-ranked tender of its latest evaluation; draft the letters.

    The award letter goes to the winner, a rejection letter to every other
    tenderer in the lot, each with the scores of all ranked tenders, the
    winner's characteristics and relative advantages and the standstill
    period (Art. 55(2)(c); anskaffelsesforskriften § 25-1). If the winning
    tender is flagged as possibly abnormally low, the explanation obtained
    from the tenderer (Art. 69(1)) must be given. Letters are sent with
    :func:`send_letters`.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("decide the award"))
    _require_evaluating(procurement)
    if AwardDecision.objects.filter(procurement=procurement).exists():
        raise StateError(_("The award is already decided."))
    results = latest_results(procurement)
    if len(results) != len(_lots(procurement)):
        raise StateError(_("Compute the evaluation of every lot first."))
    decisions = []
    for index, result in enumerate(results):
        ranking = result.content["ranking"]
        if not ranking:
            raise StateError(_("No tender can be awarded: no compliant tender in the evaluation."))
        first = ranking[0]
        if first["abnormally_low"] and not abnormally_low_explanation.strip():
            raise ValidationError(
                {
                    "abnormally_low_explanation": _(
                        "The winning tender may be abnormally low (%(why)s); give the "
                        "tenderer's explanation and why it is accepted (Art. 69)."
                    )
                    % {"why": "; ".join(first["abnormally_low"])}
                }
            )
        winner = Tender.objects.select_related("supplier").get(pk=first["tender"])
        method_label = AwardMethod(result.content["method"]).label
        why = reasons.strip() or _(
            "The tender of %(supplier)s is ranked first by the award criteria (%(method)s) "
            "with %(total)s points and the price NOK %(price)s."
        ) % {
            "supplier": winner.supplier.name,
            "method": method_label,
            "total": first["total"],
            "price": first["price"],
        }
        if abnormally_low_explanation.strip() and first["abnormally_low"]:
            why += "\n" + _("Abnormally low price examined: %(text)s") % {
                "text": abnormally_low_explanation.strip()
            }
        decision = AwardDecision(
            procurement=procurement,
            lot=result.lot,
            evaluation=result,
            winner=winner,
            reasons=why,
            decided_at=now,
            decided_by=principal.user,
        )
        decision.save()
        decisions.append(decision)
        _draft_award_letters(procurement, decision, user=principal.user, now=now)
        payload = {
            "lot": result.content["lot"],
            "evaluation": result.pk,
            "winner": str(winner.id),
            "winner_orgnr": winner.supplier.orgnr,
            "price": first["price"],
            "total": first["total"],
            "reasons": why,
        }
        if index == len(results) - 1:  # the last lot's award makes the procurement awarded
            lifecycle.transition(
                procurement,
                ProcurementStatus.AWARDED,
                principal=principal,
                now=now,
                payload=payload,
            )
        else:
            record_event(procurement, "award.decided", principal, payload, now)
    return decisions


def _lot_label(decision: AwardDecision) -> str:
    if decision.lot is None:
        return ""
    return _(" (lot %(n)s: %(title)s)") % {"n": decision.lot.number, "title": decision.lot.title}


def _standstill_text(now: datetime, period: standstill_rules.Standstill | None) -> str:
    if period is None:
        return _(
            "Draft. When this letter is sent, the standstill period of %(days)s days starts the "
            "day after (anskaffelsesforskriften § 25-2); the letter as sent states its exact end."
        ) % {"days": standstill_rules.rule_on(now.date()).days}
    return _(
        "The contract will not be concluded before the standstill period has ended: "
        "%(days)s days from the day after this letter was sent, ending %(end)s "
        "(anskaffelsesforskriften § 25-2; Directive 89/665/EEC Art. 2a(2))."
    ) % {"days": period.rule.days, "end": format_local(period.ends_at)}


def _draft_award_letters(
    procurement: Procurement,
    decision: AwardDecision,
    *,
    user: User,
    now: datetime,
    period: standstill_rules.Standstill | None = None,
) -> list[Letter]:
    """The award and rejection letters of a decision: drafts, or (with ``period``) as sent."""
    content = decision.evaluation.content
    table = _score_table(content)
    lot = _lot_label(decision)
    made = []
    with translation.override(settings.LANGUAGE_CODE):
        standstill_text = _standstill_text(now, period)
        for row in content["ranking"]:
            tender = Tender.objects.select_related("supplier").get(pk=row["tender"])
            won = row["tender"] == str(decision.winner_id)
            if won:
                title = _("Award of the contract in %(ref)s%(lot)s") % {
                    "ref": procurement.reference,
                    "lot": lot,
                }
                decision_text = _(
                    "We intend to award the contract to %(supplier)s. Your tender is ranked first."
                ) % {"supplier": tender.supplier.name}
            else:
                title = _("Your tender in %(ref)s%(lot)s was not successful") % {
                    "ref": procurement.reference,
                    "lot": lot,
                }
                decision_text = _(
                    "We intend to award the contract to %(winner)s. Your tender is ranked %(rank)s."
                ) % {"winner": decision.winner.supplier.name, "rank": row["rank"]}
            sections = [
                documents.Section("", _letter_head(procurement, tender.supplier, now)),
                documents.Section(_("Decision"), [decision_text]),
                documents.Section(
                    _("Reasons"),
                    [decision.reasons, _("Scores of the tenders (weighted points):")],
                    table,
                ),
                documents.Section(_("Standstill period"), [standstill_text]),
            ]
            made.append(
                _make_letter(
                    procurement,
                    kind=Letter.Kind.AWARD if won else Letter.Kind.REJECTION,
                    supplier=tender.supplier,
                    tender=tender,
                    title=title,
                    sections=sections,
                    user=user,
                    now=now,
                )
            )
        for entry in content["non_compliant"]:
            tender = Tender.objects.select_related("supplier").get(pk=entry["tender"])
            title = _("Your tender in %(ref)s%(lot)s was rejected") % {
                "ref": procurement.reference,
                "lot": lot,
            }
            problems = [*entry["problems"]]
            if entry["missing_lines"]:
                problems.append(
                    _("Request catalogue lines without a price: %(lines)s")
                    % {"lines": ", ".join(entry["missing_lines"])}
                )
            sections = [
                documents.Section("", _letter_head(procurement, tender.supplier, now)),
                documents.Section(
                    _("Decision"),
                    [
                        _(
                            "Your tender does not price every line of the request catalogue as "
                            "required and cannot be evaluated. We intend to award the contract "
                            "to %(winner)s."
                        )
                        % {"winner": decision.winner.supplier.name},
                        *problems,
                    ],
                ),
                documents.Section(_("Reasons"), [decision.reasons], table),
                documents.Section(_("Standstill period"), [standstill_text]),
            ]
            made.append(
                _make_letter(
                    procurement,
                    kind=Letter.Kind.REJECTION,
                    supplier=tender.supplier,
                    tender=tender,
                    title=title,
                    sections=sections,
                    user=user,
                    now=now,
                )
            )
    return made


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def send_letters(
    procurement: Procurement, *, principal: Principal, now: datetime
) -> list[AwardDecision]:
    """Send the award and rejection letters; the standstill period starts now.

    The letters as sent are made now from the award decision, so they state
    the exact end of the standstill period (Directive 89/665/EEC Art. 2a(2):
    "a precise statement of the exact standstill period"); each draft shown
    before is kept, unsent, and points to the letter that replaced it.
    """
    require_aware(now)
    require_buyer_role(procurement, principal, OFFICER_ROLES, _("send letters"))
    decisions = list(AwardDecision.objects.filter(procurement=procurement))
    if not decisions:
        raise StateError(_("The award is not decided."))
    if any(d.notified_at is not None for d in decisions):
        raise StateError(_("The award letters were already sent."))
    period = standstill_rules.standstill(now)
    for decision in decisions:
        drafts = {
            (str(d.tender_id), d.kind): d
            for d in Letter.objects.filter(
                procurement=procurement,
                tender__in=[
                    r["tender"]
                    for r in (
                        decision.evaluation.content["ranking"]
                        + decision.evaluation.content["non_compliant"]
                    )
                ],
                kind__in=[Letter.Kind.AWARD, Letter.Kind.REJECTION],
                sent_at__isnull=True,
                replaced_by__isnull=True,
                created_at=decision.decided_at,
            )
        }
        for final in _draft_award_letters(
            procurement, decision, user=principal.user, now=now, period=period
        ):
            draft = drafts.get((str(final.tender_id), final.kind))
            if draft is not None:
                draft.set_once(replaced_by=final)
            send_letter(final, principal=principal, now=now)
    for decision in decisions:
        decision.set_once(
            notified_at=now,
            standstill_last_day=period.last_day,
            standstill_ends_at=period.ends_at,
        )
    lifecycle.transition(
        procurement,
        ProcurementStatus.STANDSTILL,
        principal=principal,
        now=now,
        payload={
            "standstill_last_day": period.last_day.isoformat(),
            "standstill_ends_at": format_time(period.ends_at),
            "rule": period.rule.source,
            "days": period.rule.days,
        },
    )
    return decisions


@dataclass(frozen=True)
class StandstillStatus:
    notified_at: datetime | None
    last_day: Any
    ends_at: datetime | None
    ended: bool


def standstill_status(procurement: Procurement, now: datetime) -> StandstillStatus:
    """Whether the standstill period has ended at ``now`` (not started: not ended)."""
    require_aware(now)
    decision = (
        AwardDecision.objects.filter(procurement=procurement, notified_at__isnull=False)
        .order_by("-standstill_ends_at")
        .first()
    )
    if decision is None or decision.standstill_ends_at is None:
        return StandstillStatus(None, None, None, False)
    return StandstillStatus(
        decision.notified_at,
        decision.standstill_last_day,
        decision.standstill_ends_at,
        now > decision.standstill_ends_at,
    )


# -------------------------------------------------------- conflicts of interest


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def declare_conflict_of_interest(
    procurement: Procurement,
    *,
    has_conflict: bool,
    text: str,
    principal: Principal,
    now: datetime,
    measures: str = "",
) -> ConflictOfInterestDeclaration:
    """A person of the buyer declares a conflict of interest, or that there is none (Art. 24)."""
    require_aware(now)
    require_buyer_role(procurement, principal, BUYER_ROLES, _("declare conflicts of interest"))
    text = (text or "").strip()
    if has_conflict and not text:
        raise ValidationError({"text": _("Describe the conflict of interest.")})
    declaration = ConflictOfInterestDeclaration(
        procurement=procurement,
        user=principal.user,
        organisation=procurement.buyer,
        declared_at=now,
        has_conflict=has_conflict,
        text=text,
        measures=(measures or "").strip(),
    )
    declaration.save()
    record_event(
        procurement,
        "conflict_of_interest.declared",
        principal,
        {"has_conflict": has_conflict, "text": text, "measures": declaration.measures},
        now,
    )
    return declaration


# ------------------------------------------------------------- award outcome


@dataclass(frozen=True)
class LotOutcome:
    """What the award decided in one lot, for the contract award notice (eForms BT-142 …).

    ``tenders`` counts the tenders evaluated in the lot: ranked or found not
    compliant (BT-759); ``price`` is the winning tender's evaluated price in NOK
    excl. VAT (BT-720).
    """

    lot: Lot | None
    winner: Tender
    price: Decimal
    tenders: int
    decided_at: datetime
    contract_number: str
    contract_concluded: datetime | None  # when both parties had signed (confirmed) it


def award_outcomes(procurement: Procurement) -> list[LotOutcome]:
    """The decided award of every lot, in lot order (empty when not decided)."""
    from heldigital.apps.contracts.models import Contract

    outcomes = []
    decisions = (
        AwardDecision.objects.filter(procurement=procurement)
        .select_related("lot", "winner__supplier", "evaluation")
        .order_by("lot__number", "id")
    )
    for decision in decisions:
        content = decision.evaluation.content
        first = content["ranking"][0]
        contract = (
            Contract.objects.filter(procurement=procurement, awards=decision).order_by("id").first()
        )
        outcomes.append(
            LotOutcome(
                lot=decision.lot,
                winner=decision.winner,
                price=Decimal(first["price"]),
                tenders=len(content["ranking"]) + len(content["non_compliant"]),
                decided_at=decision.decided_at,
                contract_number=contract.number if contract is not None else "",
                contract_concluded=contract.signed_at if contract is not None else None,
            )
        )
    return outcomes
