"""The buyer's workspace of one procurement: its lifecycle as steps, and who may act.

The workspace shows a procurement as ten steps, each its own page
(:data:`STEPS`): preparation, notice, questions, tenders, opening,
qualification, evaluation, award, contract and protocol. :func:`current_step`
says where the procurement is (a plain function of its status and a few
facts), :func:`navigation` builds the step navigation for a page.

"May this user do X" is answered here, in plain functions over the existing
role rules (:data:`~heldigital.apps.evaluation.services.OFFICER_ROLES`,
:data:`~heldigital.apps.evaluation.services.EVALUATOR_ROLES`, the openers of
the buyer, :func:`heldigital.apps.tendering.access.can_manage`), so that
templates only ask ``may.score`` and never repeat a role check. The services
still enforce every rule; these functions only decide what is offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import BUYER_ROLES, Role
from heldigital.apps.evaluation.models import AwardDecision, EvaluationResult
from heldigital.apps.evaluation.services import EVALUATOR_ROLES, OFFICER_ROLES
from heldigital.apps.submissions.models import OpeningRecord
from heldigital.apps.tendering.access import can_manage
from heldigital.apps.tendering.models import Procurement, ProcurementStatus

#: The steps in lifecycle order: (key, label, URL name).
STEPS: tuple[tuple[str, object, str], ...] = (
    ("preparation", _("Preparation"), "tendering:manage"),
    ("notice", _("Notice"), "tendering:notice-step"),
    ("questions", _("Questions"), "tendering:questions"),
    ("tenders", _("Tenders"), "evaluation:tenders"),
    ("opening", _("Opening"), "evaluation:opening"),
    ("qualification", _("Qualification"), "evaluation:qualification"),
    ("evaluation", _("Evaluation"), "evaluation:assessment"),
    ("award", _("Award"), "evaluation:award"),
    ("contract", _("Contract"), "evaluation:contract"),
    ("protocol", _("Protocol"), "evaluation:report"),
)
KEYS: tuple[str, ...] = tuple(key for key, _label, _url in STEPS)
#: The evaluation app's steps that share one page template (each shows its part).
EVALUATION_STEPS: tuple[str, ...] = ("qualification", "evaluation", "award", "contract")


@dataclass(frozen=True)
class Facts:
    """What decides the current step beside the status."""

    status: str  # the effective status (``closed`` derived from the deadline)
    questions_open: bool
    opened: bool
    computed: bool
    awarded: bool
    notified: bool


def facts(procurement: Procurement, now: datetime) -> Facts:
    deadline = procurement.questions_deadline
    return Facts(
        status=procurement.effective_status(now),
        questions_open=deadline is not None and now < deadline,
        opened=OpeningRecord.objects.filter(procurement=procurement).exists(),
        computed=EvaluationResult.objects.filter(procurement=procurement).exists(),
        awarded=AwardDecision.objects.filter(procurement=procurement).exists(),
        notified=AwardDecision.objects.filter(
            procurement=procurement, notified_at__isnull=False
        ).exists(),
    )


def current_step(f: Facts) -> str:
    """The step the procurement is at (a key of :data:`STEPS`)."""
    status = f.status
    if status == ProcurementStatus.DRAFT:
        return "preparation"
    if status == ProcurementStatus.PUBLISHED:
        return "questions" if f.questions_open else "tenders"
    if status == ProcurementStatus.CLOSED:
        return "opening"
    if status in (ProcurementStatus.CONCLUDED, ProcurementStatus.CANCELLED):
        return "protocol"
    if status == ProcurementStatus.STANDSTILL or f.notified:
        return "contract"
    if f.awarded or f.computed or status == ProcurementStatus.AWARDED:
        return "award"
    if status == ProcurementStatus.EVALUATION:
        return "evaluation"
    return "qualification" if f.opened else "opening"


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    label: str
    url: str
    state: str  # "done", "current" or "upcoming"
    active: bool  # the page shown


def navigation(procurement: Procurement, *, active: str, now: datetime) -> list[Step]:
    """The step navigation of a workspace page; ``active`` is the page's step."""
    current = KEYS.index(current_step(facts(procurement, now)))
    cancelled = procurement.status == ProcurementStatus.CANCELLED
    steps = []
    for index, (key, label, url_name) in enumerate(STEPS):
        if index < current:
            state = "done"
        elif index == current:
            state = "current"
        else:
            state = "upcoming"
        if cancelled and key != "protocol" and state != "done":
            state = "upcoming"
        steps.append(
            Step(
                key=key,
                number=index + 1,
                label=str(label),
                url=reverse(url_name, args=[procurement.reference]),
                state=state,
                active=key == active,
            )
        )
    return steps


def step_of_page(procurement: Procurement, now: datetime) -> str:
    """The step to show for an old link to the evaluation page: the current one, if it
    is one of the evaluation steps, else qualification."""
    step = current_step(facts(procurement, now))
    if step in EVALUATION_STEPS:
        return step
    return "contract" if step == "protocol" else "qualification"


# ------------------------------------------------------------ who may act


def _holds(principal: Principal, procurement: Procurement, roles: frozenset[str]) -> bool:
    return principal.acts_for(procurement.buyer) and principal.has_role(procurement.buyer, roles)


@dataclass(frozen=True)
class May:
    """What the principal may do in the procurement (what the pages offer)."""

    manage: bool  # prepare, publish, answer, correct, cancel
    open: bool  # take part in the opening
    run: bool  # qualification, evidence, rejection, compute, award, letters, contract
    score: bool  # quality scores, qualification overrides
    declare: bool  # conflict-of-interest declaration


def may(principal: Principal, procurement: Procurement) -> May:
    return May(
        manage=can_manage(principal, procurement),
        open=_holds(principal, procurement, frozenset({Role.OPENER})),
        run=_holds(principal, procurement, OFFICER_ROLES),
        score=_holds(principal, procurement, EVALUATOR_ROLES),
        declare=_holds(principal, procurement, BUYER_ROLES),
    )
