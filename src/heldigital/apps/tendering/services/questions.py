"""Interest, questions and answers to all (§ 14-1; Directive 2014/24/EU Art. 47(3), 53(2))."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Role
from heldigital.apps.common import (
    format_local,
    require_aware,
    send_on_commit,
)
from heldigital.apps.notifications import compose
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.models import (
    Interest,
    Procurement,
    ProcurementStatus,
    Question,
)
from heldigital.apps.tendering.services.base import (
    _require_buyer,
    _require_live,
    _require_supplier,
    record_event,
)
from heldigital.apps.tendering.services.notify import (
    Recipient,
    _notify,
    _supplier_recipients,
    page,
    procurement_facts,
)


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def register_interest(procurement: Procurement, *, principal: Principal, now: datetime) -> Interest:
    """Register ``supplier``'s interest (idempotent: a second call returns the first)."""
    require_aware(now)
    supplier = _require_supplier(principal)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_live(procurement, now)
    existing = procurement.interests.filter(supplier=supplier).first()
    if existing is not None:
        return existing
    interest = Interest.objects.create(
        procurement=procurement, supplier=supplier, registered_by=principal.user, registered_at=now
    )
    record_event(
        procurement,
        "interest.registered",
        principal,
        {"supplier": supplier.orgnr},
        now,
    )
    return interest


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def ask_question(
    procurement: Procurement, *, principal: Principal, text: str, now: datetime
) -> Question:
    """A supplier's question, accepted until the questions deadline (else the tender deadline)."""
    require_aware(now)
    supplier = _require_supplier(principal)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_live(procurement, now)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if len(text) > 10_000:
        raise ValidationError({"text": _("A question has at most 10 000 characters.")})
    deadline = procurement.questions_deadline or procurement.tender_deadline
    if deadline is not None and now >= deadline:
        raise StateError(
            _(
                "The deadline for questions was %(deadline)s; the server time is %(now)s. "
                "No more questions are accepted."
            )
            % {"deadline": format_local(deadline), "now": format_local(now)}
        )
    number = (procurement.questions.aggregate(n=Max("number"))["n"] or 0) + 1
    question = Question.objects.create(
        procurement=procurement,
        number=number,
        supplier=supplier,
        asked_by=principal.user,
        text=text,
        asked_at=now,
    )

    def asked() -> compose.Content:
        return compose.Content(
            subject=_("New question %(n)s on %(ref)s")
            % {"n": number, "ref": procurement.reference},
            paragraphs=[
                _(
                    "A supplier has asked a question. Answer it on the procurement's page: "
                    "the answer is published to every supplier without naming the asker."
                )
            ],
            facts=procurement_facts(procurement),
            quotes=[(_("Question %(n)s") % {"n": number}, text)],
            action=(_("Answer the question"), page("tendering:questions", procurement)),
        )

    send_on_commit(
        _notify(
            procurement,
            [Recipient(procurement.buyer, ())],
            kind="question.asked",
            build=asked,
            now=now,
            roles=(Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER),
        )
    )
    record_event(
        procurement,
        "question.asked",
        principal,
        {"number": number, "supplier": supplier.orgnr, "sha256": artefacts.sha256(text.encode())},
        now,
    )
    return question


@transaction.atomic
@protocol.appends(lambda question: question.procurement.reference)
def answer_question(
    question: Question,
    *,
    principal: Principal,
    answer: str,
    published_question: str | None = None,
    now: datetime,
) -> Question:
    """Answer a question and publish it anonymised to everyone.

    ``published_question`` is the wording shown to all: the buyer removes
    anything that would identify the asker (default: the question as
    asked). The asker is never named in what is published.
    """
    require_aware(now)
    question = (
        Question.objects.select_for_update().select_related("procurement").get(pk=question.pk)
    )
    procurement = question.procurement
    _require_buyer(procurement, principal)
    if procurement.status in (ProcurementStatus.DRAFT, ProcurementStatus.CANCELLED):
        raise StateError(_("The procurement is not open."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")})
    if question.published:
        raise StateError(_("This question is already answered and published."))
    shown = (published_question if published_question is not None else question.text).strip()
    if not shown:
        raise ValidationError({"published_question": _("Give the question as published.")})
    question.answer = answer
    question.published_question = shown
    question.answered_at = now
    question.answered_by = principal.user
    question.published = True
    question.save()

    def answered() -> compose.Content:
        return compose.Content(
            subject=_("Question %(n)s answered: %(ref)s %(title)s")
            % {"n": question.number, "ref": procurement.reference, "title": procurement.title},
            paragraphs=[
                _(
                    "The contracting authority has answered a question. The answer is "
                    "published to every supplier; the asker is not named."
                )
            ],
            facts=procurement_facts(procurement),
            quotes=[(_("Question"), shown), (_("Answer"), answer)],
            action=(_("Read the notice and all answers"), page("tendering:notice", procurement)),
        )

    recipients = _supplier_recipients(procurement, also=question.supplier)
    messages = _notify(
        procurement,
        recipients,
        kind="question.answered",
        build=answered,
        now=now,
    )
    record_event(
        procurement,
        "question.answered",
        principal,
        {
            "number": question.number,
            "published_question": shown,
            "answer": answer,
            "notified": [r.organisation.orgnr for r in recipients],
        },
        now,
    )
    send_on_commit(messages)
    return question
