"""Web pages of the officer's and evaluator's flow, the protocol report and suppliers' letters.

Buyer side (``/buyer/procurements/<ref>/evaluation/``): one page with the
steps in order - qualification and overrides, evidence, rejections, quality
scores, evaluation, award and letters, standstill, contract, conflict of
interest declarations. Each form posts to :func:`act`, which calls one
service function and redirects back (post/redirect/get). The protocol
report is ``/buyer/procurements/<ref>/protocol-report/`` (HTML; ``.pdf``).

Supplier side (``/supplier/letters/``, ``/supplier/contracts/``): the
supplier's own letters and contracts only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heldigital.apps.accounts.access import session_principal as _principal
from heldigital.apps.contracts import services as contracts
from heldigital.apps.contracts.models import Contract, Party
from heldigital.apps.evaluation import report as protocol_report
from heldigital.apps.evaluation import services, workspace
from heldigital.apps.evaluation.models import (
    AwardDecision,
    EvidenceRequest,
    Exclusion,
    Letter,
    QualificationDecision,
    QualityScore,
)
from heldigital.apps.submissions import receipts
from heldigital.apps.submissions import services as submissions
from heldigital.apps.submissions.models import OpeningKey, OpeningRecord, Tender, TenderStatus
from heldigital.apps.tendering.access import acting_supplier, buyer_procurement
from heldigital.apps.tendering.models import AwardCriterion, Procurement
from heldigital.apps.tendering.services import StateError
from heldigital.decisions.calendar import OSLO


def _procurement(request: HttpRequest, reference: str) -> Procurement:
    return buyer_procurement(_principal(request), reference, manage=False)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------- buyer page


@login_required
@require_GET
def overview(request: HttpRequest, reference: str) -> HttpResponse:
    """The old one-page evaluation (links in e-mails and tests): the current step's page."""
    procurement = _procurement(request, reference)
    step = workspace.step_of_page(procurement, timezone.now())
    return redirect(_STEP_URLS[step], reference=procurement.reference)


_STEP_URLS = {
    "qualification": "evaluation:qualification",
    "evaluation": "evaluation:assessment",
    "award": "evaluation:award",
    "contract": "evaluation:contract",
}


def _step_context(
    request: HttpRequest, procurement: Procurement, step: str, now: datetime
) -> dict[str, Any]:
    """What the qualification, evaluation, award and contract pages show (each its part)."""
    principal = _principal(request)
    may = workspace.may(principal, procurement)
    opened = OpeningRecord.objects.filter(procurement=procurement).exists()
    # Before opening not even who has submitted is shown (sealed until the deadline).
    tenders = services.submitted_tenders(procurement) if opened else []
    decisions = list(
        QualificationDecision.objects.filter(tender__procurement=procurement).select_related(
            "tender__supplier", "overridden_by"
        )
    )
    awards = list(
        AwardDecision.objects.filter(procurement=procurement).select_related(
            "winner__supplier", "lot"
        )
    )
    score_rows: list[Any] = []
    if step == "evaluation" and may.score and not awards:
        quality = list(
            AwardCriterion.objects.filter(procurement=procurement, kind__in=services.SCORED_KINDS)
        )
        my_scores = {
            (str(s.tender_id), s.criterion_id): s
            for s in QualityScore.objects.filter(
                tender__procurement=procurement, evaluator=request.user
            )
        }
        score_rows = [
            (
                tender,
                [
                    (criterion, my_scores.get((str(tender.id), criterion.pk)))
                    for criterion in quality
                ],
            )
            for tender in tenders
        ]
    excluded = set(
        Exclusion.objects.filter(tender__procurement=procurement).values_list(
            "tender_id", flat=True
        )
    )
    return {
        "procurement": procurement,
        "step": step,
        "steps": workspace.navigation(procurement, active=step, now=now),
        "may": may,
        "opened": opened,
        "can_manage": may.run,
        "tenders": tenders,
        "candidates": [t for t in tenders if t.pk not in excluded],
        "decisions": decisions,
        "open_decisions": [d for d in decisions if d.outcome != "pass"] if not awards else [],
        "exclusions": Exclusion.objects.filter(tender__procurement=procurement).select_related(
            "tender__supplier", "letter"
        ),
        "evidence": EvidenceRequest.objects.filter(tender__procurement=procurement).select_related(
            "tender__supplier"
        ),
        "score_rows": score_rows,
        "results": services.latest_results(procurement),
        "awards": awards,
        "letters": Letter.objects.filter(procurement=procurement).select_related("supplier"),
        "standstill": services.standstill_status(procurement, now),
        "contracts": _contracts(procurement),
        "declarations": procurement.coi_declarations.select_related("user"),
        "grounds": [(g, services.ground_label(g)) for g in services.Ground.ALL],
        # What the buyer typed before a confirmation page's "No, go back" (its query string).
        "kept": {name: request.GET.get(name, "") for name in KEPT_FIELDS},
    }


#: The fields a confirmation page gives back to the step page when the user goes back.
KEPT_FIELDS = ("reasons", "abnormally_low_explanation")


def _step_page(step: str) -> Callable[[HttpRequest, str], HttpResponse]:
    @login_required
    @require_GET
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        procurement = _procurement(request, reference)
        return render(
            request,
            "evaluation/overview.html",
            _step_context(request, procurement, step, timezone.now()),
        )

    view.__name__ = f"{step}_page"
    view.__doc__ = f"The workspace's {step} step."
    return view


qualification = _step_page("qualification")
assessment = _step_page("evaluation")
award = _step_page("award")
contract = _step_page("contract")


@login_required
@require_GET
def tenders(request: HttpRequest, reference: str) -> HttpResponse:
    """The tenders step: the deadline and the seal; after opening, the tenders received."""
    procurement = _procurement(request, reference)
    now = timezone.now()
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    deadline = procurement.tender_deadline
    return render(
        request,
        "evaluation/tenders.html",
        {
            "procurement": procurement,
            "steps": workspace.navigation(procurement, active="tenders", now=now),
            "record": record,
            "tenders": services.submitted_tenders(procurement) if record else [],
            "deadline": deadline,
            "before_deadline": deadline is None or now < deadline,
            "published": procurement.published_at is not None,
        },
    )


# ---------------------------------------------------------------- opening


@login_required
@require_http_methods(["GET", "POST"])
def opening(request: HttpRequest, reference: str) -> HttpResponse:
    """The openers' page: the deadline, who has acted, the button, and the record.

    The rule is the opening service's
    (:func:`heldigital.apps.submissions.services.open_tenders`): only openers of
    the buyer, only after the deadline, and two different openers above the EEA
    threshold (the number sealed with the opening key at publication).
    """
    procurement = _procurement(request, reference)
    principal = _principal(request)
    asks = request.method == "POST" and request.POST.get("confirmed") != "yes"
    if asks and workspace.may(principal, procurement).open:
        # Opening is irreversible: confirmed on its own page (no script needed).
        return render(
            request,
            "evaluation/confirm.html",
            {
                "procurement": procurement,
                "steps": workspace.navigation(procurement, active="opening", now=timezone.now()),
                "post_to": "opening",
                "fields": [],
                "title": _("Open the tenders?"),
                "warning": _(
                    "Opening cannot be undone: the tenders are decrypted, the opening "
                    "record lists every tenderer and the tenders cannot be sealed again. "
                    "Where two openers are required, the tenders open when the second "
                    "opener has opened."
                ),
                "yes": _("Yes, open the tenders"),
            },
        )
    if request.method == "POST":
        try:
            outcome = submissions.open_tenders(procurement, principal=principal, now=timezone.now)
        except submissions.SubmissionError as exc:
            messages.error(request, exc.message)
        except PermissionDenied as exc:  # not an opener, or before the deadline (recorded)
            messages.error(request, str(exc) or _("You may not do this."))
        else:
            if outcome.status == "opened":
                messages.success(request, _("The tenders are opened."))
            else:
                messages.success(
                    request,
                    _(
                        "Your opening is recorded (%(n)s of %(required)s openers). The tenders "
                        "open when another opener has opened too."
                    )
                    % {"n": outcome.openers, "required": outcome.required},
                )
        return redirect("evaluation:opening", reference=procurement.reference)
    key = OpeningKey.objects.filter(procurement=procurement).first()
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    acts = list(procurement.opening_acts.select_related("opener").order_by("acted_at"))
    required = key.required_openers if key else submissions.required_openers(procurement)
    deadline = procurement.tender_deadline
    is_opener = workspace.may(principal, procurement).open
    return render(
        request,
        "evaluation/opening.html",
        {
            "procurement": procurement,
            "steps": workspace.navigation(procurement, active="opening", now=timezone.now()),
            "record": record,
            "tenders": services.submitted_tenders(procurement) if record else [],
            "acts": acts,
            "required": required,
            "deadline": deadline,
            "before_deadline": deadline is None or timezone.now() < deadline,
            "is_opener": is_opener,
            "has_acted": any(a.opener_id == request.user.pk for a in acts),
            "sealed": key is not None,
        },
    )


@login_required
@require_GET
def opening_record_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = _procurement(request, reference)
    record = OpeningRecord.objects.filter(procurement=procurement).first()
    if record is None:
        raise Http404(_("The tenders have not been opened."))
    return _pdf(
        receipts.opening_record_pdf(record.content, record.key_fingerprint),
        f"opening-record-{procurement.reference}.pdf",
    )


def _contracts(procurement: Procurement) -> list[Contract]:
    """The procurement's contracts, each with its parties' confirmations for the page."""
    rows = list(
        Contract.objects.filter(procurement=procurement)
        .select_related("supplier")
        .prefetch_related("lines", "confirmations__user")
    )
    for row in rows:
        confirmed = {c.party: c for c in row.confirmations.all()}
        row.parties = [  # type: ignore[attr-defined]
            (party, label, confirmed.get(party)) for party, label in Party.choices
        ]
        row.buyer_confirmed = Party.BUYER in confirmed  # type: ignore[attr-defined]
    return rows


def _aware(value: str, field: str) -> datetime:
    parsed = parse_datetime(value or "")
    if parsed is None:
        raise ValidationError({field: _("Give a date and time.")})
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=OSLO)  # forms are filled in Norwegian time
    return parsed


def _tender(procurement: Procurement, value: str) -> Tender:
    tender = Tender.objects.filter(
        procurement=procurement, pk=value, status=TenderStatus.SUBMITTED
    ).first()
    if tender is None:
        raise Http404(_("There is no such tender in this procurement."))
    return tender


def _actions(
    request: HttpRequest, procurement: Procurement, now: datetime
) -> dict[str, Callable[[], str]]:
    post = request.POST
    common: dict[str, Any] = {"principal": _principal(request), "now": now}

    def run() -> str:
        services.run_qualification(procurement, **common)
        return _("Qualification checked.")

    def override() -> str:
        decision = get_object_or_404(
            QualificationDecision, pk=post.get("decision"), tender__procurement=procurement
        )
        services.override_decision(
            decision, outcome=post.get("outcome", ""), reason=post.get("reason", ""), **common
        )
        return _("Decision recorded.")

    def evidence() -> str:
        services.request_evidence(
            _tender(procurement, post.get("tender", "")),
            description=post.get("description", ""),
            due_at=_aware(post.get("due_at", ""), "due_at"),
            **common,
        )
        return _("Documentation requested.")

    def evidence_received() -> str:
        row = get_object_or_404(
            EvidenceRequest, pk=post.get("request"), tender__procurement=procurement
        )
        upload = request.FILES.get("file")
        services.receive_evidence(
            row,
            notes=post.get("notes", ""),
            filename=upload.name if upload else "",
            content=upload.read() if upload else None,
            **common,
        )
        return _("Receipt recorded.")

    def exclude() -> str:
        services.propose_exclusion(
            _tender(procurement, post.get("tender", "")),
            ground=post.get("ground", ""),
            reason=post.get("reason", ""),
            **common,
        )
        return _("Draft rejection letter made. Check it and confirm to send it.")

    def confirm_exclusion() -> str:
        row = get_object_or_404(
            Exclusion, pk=post.get("exclusion"), tender__procurement=procurement
        )
        services.confirm_exclusion(row, **common)
        return _("Rejection confirmed and letter sent.")

    def score() -> str:
        criterion = get_object_or_404(
            AwardCriterion, pk=post.get("criterion"), procurement=procurement
        )
        services.score_quality(
            _tender(procurement, post.get("tender", "")),
            criterion,
            score=post.get("score", ""),
            comment=post.get("comment", ""),
            **common,
        )
        return _("Score saved.")

    def compute() -> str:
        services.compute_evaluation(procurement, **common)
        return _("Evaluation computed.")

    def award() -> str:
        services.decide_award(
            procurement,
            reasons=post.get("reasons", ""),
            abnormally_low_explanation=post.get("abnormally_low_explanation", ""),
            **common,
        )
        return _("Award decided; letters drafted.")

    def send() -> str:
        services.send_letters(procurement, **common)
        return _("Letters sent; the standstill period has started.")

    def conclude() -> str:
        starts, ends = parse_date(post.get("starts_on", "")), parse_date(post.get("ends_on", ""))
        if starts is None or ends is None:
            raise ValidationError({"starts_on": _("Give the contract period.")})
        contracts.conclude_contract(
            procurement, starts_on=starts, ends_on=ends, options=post.get("options", ""), **common
        )
        return _("Contract created. Both parties must confirm it.")

    def sign() -> str:
        row = get_object_or_404(Contract, pk=post.get("contract"), procurement=procurement)
        contracts.confirm_contract(row, **common)
        return _("Contract confirmed.")

    def declare() -> str:
        services.declare_conflict_of_interest(
            procurement,
            has_conflict=post.get("has_conflict") == "yes",
            text=post.get("text", ""),
            measures=post.get("measures", ""),
            **common,
        )
        return _("Declaration recorded.")

    return {
        "run": run,
        "override": override,
        "evidence": evidence,
        "evidence-received": evidence_received,
        "exclude": exclude,
        "confirm-exclusion": confirm_exclusion,
        "score": score,
        "compute": compute,
        "award": award,
        "send": send,
        "conclude": conclude,
        "sign": sign,
        "declare": declare,
    }


#: The step page each action is on (the page the buyer returns to).
ACTION_STEP = {
    "run": "qualification",
    "override": "qualification",
    "evidence": "qualification",
    "evidence-received": "qualification",
    "exclude": "qualification",
    "confirm-exclusion": "qualification",
    "score": "evaluation",
    "compute": "evaluation",
    "declare": "evaluation",
    "award": "award",
    "send": "award",
    "conclude": "contract",
    "sign": "contract",
}

#: Where a field named in a ValidationError is on the step pages (error summary links).
_FIELD_IDS = {
    "due_at": "ev-due",
    "description": "ev-description",
    "reason": "ex-reason",
    "reasons": "aw-reasons",
    "abnormally_low_explanation": "aw-low",
    "starts_on": "c-start",
    "ends_on": "c-end",
    "text": "coi-text",
    "measures": "coi-measures",
}


def _confirmation(action: str) -> dict[str, str] | None:
    """The confirmation page's texts of an irreversible action (None: no confirmation)."""
    texts = {
        "confirm-exclusion": {
            "title": _("Reject the tender and send the letter?"),
            "warning": _(
                "The rejection is final: the letter is sent to the supplier at once and the "
                "time limit for a complaint starts."
            ),
            "yes": _("Yes, reject and send the letter"),
        },
        "award": {
            "title": _("Decide the award?"),
            "warning": _(
                "The award decision is recorded in the protocol and cannot be changed; the "
                "award and rejection letters are drafted from it."
            ),
            "yes": _("Yes, decide the award"),
        },
        "send": {
            "title": _("Send the award and rejection letters?"),
            "warning": _(
                "The letters are sent to every tenderer at once and the standstill period "
                "starts. Sent letters cannot be recalled."
            ),
            "yes": _("Yes, send the letters"),
        },
        "sign": {
            "title": _("Confirm the contract for the buyer?"),
            "warning": _(
                "Your confirmation binds the buyer: when both parties have confirmed, the "
                "contract is signed and cannot be changed."
            ),
            "yes": _("Yes, confirm the contract"),
        },
    }
    return texts.get(action)


@login_required
@require_POST
def act(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    procurement = _procurement(request, reference)
    now = timezone.now()
    handler = _actions(request, procurement, now).get(action)
    if handler is None:
        raise Http404(_("Unknown action."))
    step = ACTION_STEP[action]
    confirmation = _confirmation(action)
    may = workspace.may(_principal(request), procurement)
    if confirmation and may.run and request.POST.get("confirmed") != "yes":
        # An irreversible step: confirmed on its own page (no script needed).
        fields = [(k, v) for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken",)]
        return render(
            request,
            "evaluation/confirm.html",
            {
                "procurement": procurement,
                "steps": workspace.navigation(procurement, active=step, now=now),
                "action": action,
                "fields": fields,
                "details": [
                    (label, request.POST[name])
                    for name, label in (
                        ("reasons", _("Reasons")),
                        ("abnormally_low_explanation", _("Abnormally low tender")),
                    )
                    if request.POST.get(name, "").strip()
                ],
                "back": _STEP_URLS[step],
                "back_query": urlencode(
                    [(name, request.POST[name]) for name in KEPT_FIELDS if request.POST.get(name)]
                ),
                **confirmation,
            },
        )
    problems: list[tuple[str, str]] = []
    try:
        messages.success(request, handler())
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                href = f"#{_FIELD_IDS.get(field, 'main')}"
                problems += [(href, error) for error in errors]
        else:
            problems += [("#main", error) for error in exc.messages]
    except (StateError, PermissionDenied) as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    if problems:
        # The step page again, with an error summary on top that links to the fields.
        context = _step_context(request, procurement, step, now)
        context["summary"] = problems
        context["kept"] = {name: request.POST.get(name, "") for name in KEPT_FIELDS}
        return render(request, "evaluation/overview.html", context)
    return redirect(_STEP_URLS[step], reference=procurement.reference)


@login_required
@require_GET
def buyer_letter(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    procurement = _procurement(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, procurement=procurement)
    return _pdf(bytes(letter.pdf), f"{procurement.reference}-{letter.kind}-{letter.pk}.pdf")


@login_required
@require_GET
def report(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = _procurement(request, reference)
    return render(
        request,
        "evaluation/report.html",
        {
            "procurement": procurement,
            "steps": workspace.navigation(procurement, active="protocol", now=timezone.now()),
            "report": protocol_report.build_report(procurement),
        },
    )


@login_required
@require_GET
def report_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    procurement = _procurement(request, reference)
    pdf = protocol_report.report_pdf(protocol_report.build_report(procurement))
    return _pdf(pdf, f"{procurement.reference}-protocol.pdf")


@login_required
@require_GET
def contract_pdf(request: HttpRequest, contract_id: str) -> HttpResponse:
    organisations = [org.pk for org, _roles in _principal(request).organisations_with_roles()]
    row = Contract.objects.filter(pk=contract_id).first()
    if row is None or (row.buyer_id not in organisations and row.supplier_id not in organisations):
        raise Http404(_("There is no such contract."))
    return _pdf(bytes(row.document_pdf), f"{row.number}.pdf")


# ---------------------------------------------------------------- supplier


@login_required
@require_GET
def my_letters(request: HttpRequest) -> HttpResponse:
    supplier = acting_supplier(_principal(request))
    return render(
        request,
        "evaluation/letters.html",
        {
            "supplier": supplier,
            "letters": services.letters_for_supplier(supplier),
            "contracts": contracts.contracts_for_supplier(supplier),
            "evidence": EvidenceRequest.objects.filter(tender__supplier=supplier).select_related(
                "tender__procurement"
            ),
        },
    )


@login_required
@require_GET
def my_letter(request: HttpRequest, letter_id: int) -> HttpResponse:
    supplier = acting_supplier(_principal(request))
    letter = Letter.objects.filter(pk=letter_id, supplier=supplier, sent_at__isnull=False).first()
    if letter is None:
        raise Http404(_("There is no such letter."))
    return _pdf(bytes(letter.pdf), f"{letter.procurement.reference}-{letter.kind}-{letter.pk}.pdf")


@login_required
@require_POST
def supplier_act(request: HttpRequest, action: str) -> HttpResponse:
    supplier = acting_supplier(_principal(request))
    now = timezone.now()
    try:
        if action == "sign":
            row = Contract.objects.filter(
                pk=request.POST.get("contract"), supplier=supplier
            ).first()
            if row is None:
                raise Http404(_("There is no such contract."))
            if request.POST.get("confirmed") != "yes":
                # Signing binds the supplier: confirmed on its own page (no script needed).
                return render(
                    request,
                    "evaluation/confirm.html",
                    {
                        "procurement": row.procurement,
                        "action": "sign",
                        "post_to": "supplier",
                        "fields": [("contract", str(row.pk))],
                        "contract": row,
                        "title": _("Confirm the contract for your organisation?"),
                        "warning": _(
                            "Your confirmation binds %(org)s: when both parties have confirmed, "
                            "the contract is signed and cannot be changed."
                        )
                        % {"org": supplier.name},
                        "yes": _("Yes, confirm the contract"),
                    },
                )
            contracts.confirm_contract(row, principal=_principal(request), now=now)
            messages.success(request, _("Contract confirmed."))
        elif action == "evidence":
            row = EvidenceRequest.objects.filter(
                pk=request.POST.get("request"), tender__supplier=supplier
            ).first()
            if row is None:
                raise Http404(_("There is no such request."))
            upload = request.FILES.get("file")
            services.receive_evidence(
                row,
                principal=_principal(request),
                now=now,
                notes=request.POST.get("notes", ""),
                filename=upload.name if upload else "",
                content=upload.read() if upload else None,
            )
            messages.success(request, _("Documentation sent."))
        else:
            raise Http404(_("Unknown action."))
    except ValidationError as exc:
        # The error summary on top of the letters page links to the form's file field.
        field = f"file-{request.POST.get('request')}" if action == "evidence" else ""
        for error in exc.messages:
            messages.error(request, error, extra_tags=field if field[5:].isdigit() else "")
    except (StateError, PermissionDenied) as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    return redirect("evaluation:my-letters")
