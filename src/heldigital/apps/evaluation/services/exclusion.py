"""Exclusion: proposed with the reason, confirmed with the rejection letter.

Anskaffelsesforskriften § 24-2 (3); Directive 2014/24/EU Art. 55(2).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import format_local, require_aware
from heldigital.apps.evaluation import documents
from heldigital.apps.evaluation.models import (
    Exclusion,
    Letter,
    Outcome,
)
from heldigital.apps.evaluation.services.base import (
    OFFICER_ROLES,
    _require_evaluating,
    _tender_of,
    _text,
    require_buyer_role,
)
from heldigital.apps.evaluation.services.letters import (
    _letter_head,
    _make_letter,
    send_letter,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.lifecycle import StateError
from heldigital.apps.tendering.services import record_event


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
