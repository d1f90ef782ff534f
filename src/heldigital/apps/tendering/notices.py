"""Notices before and after the competition: prior information and contract award.

The contract notice, change and cancellation notices are issued by
:mod:`heldigital.apps.tendering.services` (publish, correct, cancel); this
module issues the two that frame them:

* :func:`publish_prior_information` - the prior information notice (eForms
  subtype 4 above the EEA threshold, Doffin's national E2 below it) that
  announces a planned procurement and invites the market to a dialogue
  before the competition (anskaffelsesforskriften § 12-1 (2); Directive
  2014/24/EU Art. 40 and 48(1));
* :func:`publish_award_notice` - the contract award notice (subtype 29, or the
  national E4) once the contracts are concluded (Directive 2014/24/EU Art. 50:
  within 30 days of the conclusion; anskaffelsesforskriften § 21-5 (1)), from
  what the platform holds: the winner of each lot, its evaluated price, the
  number of tenders evaluated, the contract's number and date.

Each notice is built by :mod:`heldigital.eforms`, refused when the native
rules find a problem (the buyer sees every problem by form field, as for the
contract notice), stored frozen as a :class:`~heldigital.apps.tendering.models.Notice`
and recorded in the procurement protocol with the SHA-256 of its XML.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from heldigital import eforms
from heldigital.apps.accounts.access import Principal
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.models import Notice, NoticeKind, Procurement, ProcurementStatus
from heldigital.apps.tendering.services import (
    StateError,
    _build,
    _require_buyer,
    _time,
    _validate_notice_data,
    local_day,
    record_event,
    require_aware,
)

__all__ = ["publish_award_notice", "publish_prior_information"]


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def publish_prior_information(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
    planned: datetime | None = None,
) -> Notice:
    """Issue the prior information notice of a procurement still in preparation.

    ``planned`` is when the contract notice is expected (BT-127). One prior
    information notice per procurement: it describes the procurement as
    planned; the contract notice that follows describes it as it is.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    if procurement.status != ProcurementStatus.DRAFT:
        raise StateError(
            _("A prior information notice announces a procurement before its contract notice.")
        )
    if procurement.notices.filter(kind=NoticeKind.PRIOR).exists():
        raise StateError(_("The prior information notice is already published."))
    if planned is not None and (planned.tzinfo is None or local_day(planned) <= local_day(now)):
        raise ValidationError(
            {"planned": _("Give a later day, with a time zone, for the contract notice.")}
        )
    errors: dict[str, list[str]] = {}
    if not procurement.description.strip():
        errors.setdefault("description", []).append(
            _("Describe the procurement before publication.")
        )
    _validate_notice_data(
        procurement,
        two_stage=False,
        add=lambda field, message: errors.setdefault(field, []).append(message),
    )
    if errors:
        raise ValidationError(errors)
    notice_id = uuid.uuid4()
    built = _build(
        lambda: artefacts.prior_information_notice(
            procurement, notice_id=notice_id, now=now, planned=planned
        )
    )
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.PRIOR,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    record_event(
        procurement,
        "notice.prior_information",
        principal,
        {
            "notice_id": str(notice_id),
            "subtype": built.subtype,
            "planned": _time(planned),
            "notice_sha256": artefacts.sha256(built.xml),
        },
        now,
    )
    return notice


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def publish_award_notice(
    procurement: Procurement,
    *,
    principal: Principal,
    now: datetime,
    sme_tenders: Mapping[int | None, int],
    winner_sizes: Mapping[str, str],
    winner_regions: Mapping[str, str] | None = None,
) -> Notice:
    """Issue the contract award notice once the award is decided.

    The platform holds the winners, their evaluated prices and the tenders of
    each lot; what it cannot know the buyer states: how many tenders of each
    lot came from small and medium-sized enterprises (``sme_tenders``, by lot
    number, ``None`` without lots; BT-759) and each winner's size
    (``winner_sizes``, by organisation number: micro, small, medium or large;
    BT-165) and, above the EEA threshold, each winner's NUTS 3 region
    (``winner_regions``, by organisation number; BT-507).
    """
    from heldigital.apps.evaluation import services as evaluation

    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    if procurement.status != ProcurementStatus.CONCLUDED:
        raise StateError(_("The contract award notice follows the conclusion of the contract."))
    if procurement.notices.filter(kind=NoticeKind.AWARD).exists():
        raise StateError(_("The contract award notice is already published."))
    outcomes = evaluation.award_outcomes(procurement)
    if not outcomes:
        raise StateError(_("The contract award notice follows the award decision."))
    errors: dict[str, list[str]] = {}
    for criterion in procurement.award_criteria.all():
        if procurement.award_method == "best_price_quality" and not criterion.description.strip():
            errors.setdefault("award_criteria", []).append(
                _("Describe the award criterion %(name)s: the award notice states it.")
                % {"name": criterion.name}
            )
    eea = procurement.regime == "eea"
    regions = winner_regions or {}
    lots = []
    for outcome in outcomes:
        number = outcome.lot.number if outcome.lot is not None else None
        sme = sme_tenders.get(number)
        refused = False  # every finding of the lot is reported, not only the first
        if not isinstance(sme, int) or not 0 <= sme <= outcome.tenders:
            refused = True
            errors.setdefault("sme_tenders", []).append(
                _(
                    "State how many of the %(n)s tenders%(lot)s came from small and "
                    "medium-sized enterprises."
                )
                % {
                    "n": outcome.tenders,
                    "lot": _(" in lot %(number)s") % {"number": number} if number else "",
                }
            )
        orgnr = outcome.winner.supplier.orgnr
        size = winner_sizes.get(orgnr, "")
        if size not in eforms.COMPANY_SIZES:
            refused = True
            errors.setdefault("winner_sizes", []).append(
                _("State the size of %(name)s: micro, small, medium or large.")
                % {"name": outcome.winner.supplier.name}
            )
        region = regions.get(orgnr, "")
        if (eea and not region) or (region and region not in eforms.NORWEGIAN_NUTS3):
            refused = True
            errors.setdefault("winner_regions", []).append(
                _("Give the region (NUTS 3 code, e.g. NO081) of %(name)s.")
                % {"name": outcome.winner.supplier.name}
            )
        if refused or not isinstance(sme, int):
            continue
        if outcome.contract_concluded is None:
            raise StateError(_("The contract award notice follows the conclusion of the contract."))
        lots.append(
            artefacts.LotAward(
                tenders=outcome.tenders,
                tenders_sme=sme,
                winner=outcome.winner.supplier,
                winner_size=size,
                value=outcome.price,
                tender_reference=str(outcome.winner.id),
                contract_reference=outcome.contract_number,
                contract_concluded=outcome.contract_concluded,
                winner_region=region,
            )
        )
    if errors:
        raise ValidationError(errors)
    notice_id = uuid.uuid4()
    decided = max(o.decided_at for o in outcomes)
    built = _build(
        lambda: artefacts.award_notice(
            procurement, notice_id=notice_id, now=now, decided=decided, lots=lots
        )
    )
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.AWARD,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    record_event(
        procurement,
        "notice.award",
        principal,
        {
            "notice_id": str(notice_id),
            "subtype": built.subtype,
            "notice_sha256": artefacts.sha256(built.xml),
            "lots": [
                {
                    "lot": o.lot.number if o.lot is not None else None,
                    "winner_orgnr": o.winner.supplier.orgnr,
                    "value": str(o.price),
                    "tenders": o.tenders,
                }
                for o in outcomes
            ],
        },
        now,
    )
    return notice
