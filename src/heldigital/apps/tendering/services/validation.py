"""Validation of a procurement: fields, regime, procedure, time limits, notice data.

Anskaffelsesforskriften §§ 5-1, 5-3, 13-1, 13-2, 20-1 to 20-3; § 18-1 (award criteria).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.no import orgnr as stdnum_orgnr

from heldigital import eforms
from heldigital.apps.common import (
    format_local,
    local_day,
    require_aware,
)
from heldigital.apps.tendering.models import (
    AwardMethod,
    ContractKind,
    CriterionKind,
    NoticeLanguage,
    Procedure,
    Procurement,
)
from heldigital.apps.tendering.services.base import (
    _DEADLINES,
    _OPTIONAL_NUMBERS,
    DRAFT_FIELDS,
    _decimal,
)
from heldigital.decisions import publication, thresholds, timelimits


def _apply(procurement: Procurement, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError(
            {name: _("This field cannot be set on a procurement.") for name in sorted(unknown)}
        )
    for name, value in data.items():
        if name == "estimated_value" and value is not None:
            value = _decimal(value, name)
        if (
            name in _DEADLINES
            and value is not None
            and (not isinstance(value, datetime) or value.tzinfo is None)
        ):
            raise ValidationError({name: _("Give a date and time with a time zone.")})
        if name == "review_body_orgnr" and value:
            value = stdnum_orgnr.compact(value)
        if value is None and name not in (*_DEADLINES, *_OPTIONAL_NUMBERS):
            continue
        setattr(procurement, name, value)


def _compute_regime(procurement: Procurement) -> str:
    return thresholds.regime_for(
        procurement.estimated_value,
        thresholds.AuthorityKind(procurement.authority_kind),
        thresholds.ContractKind(procurement.contract_kind),
        local_day(procurement.created_at),
    ).value


def _validate(procurement: Procurement, now: datetime, *, publishing: bool) -> None:
    """Field checks, regime, procedure and time limits; raises one ValidationError for all."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    try:
        procurement.full_clean(exclude=["regime", "buyer", "created_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                add(field, message)
    if errors:
        raise ValidationError(errors)
    if procurement.estimated_value < 0:
        add("estimated_value", _("The estimated value must not be negative."))
        raise ValidationError(errors)
    procurement.regime = _compute_regime(procurement)
    regime = thresholds.Regime(procurement.regime)
    procedure = timelimits.Procedure(procurement.procedure)
    allowed = timelimits.allowed_procedures(regime)
    if procedure not in allowed:
        add(
            "procedure",
            _(
                "The procedure %(procedure)s is not allowed for this procurement (%(regime)s); "
                "allowed: %(allowed)s."
            )
            % {
                "procedure": procurement.get_procedure_display(),
                "regime": procurement.get_regime_display(),
                "allowed": ", ".join(str(Procedure(p).label) for p in allowed),
            },
        )
    if (
        procedure is timelimits.Procedure.NEGOTIATION
        and regime is thresholds.Regime.EEA
        and not procurement.procedure_justification.strip()
    ):
        add(
            "procedure_justification",
            _("State why competition with negotiation may be used (§ 13-2)."),
        )
    two_stage = procedure in (timelimits.Procedure.RESTRICTED, timelimits.Procedure.NEGOTIATION)
    if procurement.request_deadline is not None and not two_stage:
        add("request_deadline", _("Only a two-stage procedure has a request deadline."))
    if publishing:
        for field in ("tender_deadline", "tender_validity_until"):
            if getattr(procurement, field) is None:
                add(field, _("This time limit is required before publication."))
        if not procurement.description.strip():
            add("description", _("Describe the procurement before publication."))
        if procurement.regime == thresholds.Regime.EEA and not procurement.contract_duration_months:
            add(
                "contract_duration_months",
                _("Above the EEA threshold the notice states the contract duration (BT-36)."),
            )
        if procurement.regime == thresholds.Regime.EEA and not (
            procurement.review_body_name.strip()
            and procurement.review_body_orgnr
            and procurement.review_body_town.strip()
        ):
            add(
                "review_body_name",
                _(
                    "Above the EEA threshold the notice names the review body with its "
                    "organisation number and town (OPT-301), usually the district court."
                ),
            )
    if procurement.tender_deadline is not None:
        sent = procurement.published_at or now
        for problem in timelimits.check_time_limits(
            procedure=procedure,
            regime=regime,
            notice_sent=sent,
            tender_deadline=procurement.tender_deadline,
            request_deadline=procurement.request_deadline if two_stage else None,
            questions_deadline=procurement.questions_deadline,
        ):
            if problem.minimum_days:
                add(
                    problem.field,
                    _(
                        "Too short: %(rule)s; this time limit gives %(actual)s days "
                        "(counted from %(sent)s)."
                    )
                    % {
                        "rule": problem.message,
                        "actual": problem.actual_days,
                        "sent": format_local(sent),
                    },
                )
            else:
                add(problem.field, problem.message)
        validity = procurement.tender_validity_until
        if validity is not None and validity <= procurement.tender_deadline:
            add("tender_validity_until", _("Tenders must stay valid after the tender deadline."))
    if publishing:
        for field, message in missing_contents(procurement, now):
            add(field, message)
        _validate_award(procurement, add)
        _validate_notice_data(procurement, two_stage=two_stage, add=add)
    if errors:
        raise ValidationError(errors)


def _missing_message(missing: publication.Missing) -> str:
    return {
        publication.Missing.DOCUMENTS: _(
            "Upload the procurement documents: suppliers download them from the notice "
            "from the day it is published."
        ),
        publication.Missing.REQUEST_LINES: _(
            "Add at least one request catalogue line: the tenders price the lines."
        ),
        publication.Missing.REQUIREMENTS: _(
            "Add at least one qualification requirement: the ESPD request and the "
            "qualification are built from them."
        ),
        publication.Missing.AWARD_CRITERIA: _(
            "Best price-quality ratio needs weighted award criteria."
        ),
    }[missing]


def missing_contents(procurement: Procurement, now: datetime) -> list[tuple[str, str]]:
    """What the draft lacks for publication (:mod:`heldigital.decisions.publication`),
    as (part of the draft, translated reason)."""
    contents = publication.DraftContents(
        documents=procurement.documents.count(),
        request_lines=procurement.request_items.count(),
        requirements=procurement.requirements.count(),
        award_criteria=procurement.award_criteria.count(),
        award_method=procurement.award_method,
    )
    return [
        (missing.value, _missing_message(missing))
        for missing in publication.missing_contents(contents, now=now)
    ]


def publication_problems(procurement: Procurement, now: datetime) -> dict[str, list[str]]:
    """Every reason the draft cannot be published at ``now``, per field or part; empty
    when it can. Changes nothing (the checks run on a fresh copy of the draft)."""
    require_aware(now)
    copy = Procurement.objects.get(pk=procurement.pk)
    try:
        _validate(copy, now, publishing=True)
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


#: Minimum number of candidates a two-stage EEA procedure invites (Directive 2014/24/EU
#: Art. 65(2); anskaffelsesforskriften § 16-8 and § 16-9 (restricted), § 13-3 (negotiation)).
MINIMUM_CANDIDATES = {"restricted": 5, "negotiation": 3}


def _validate_notice_data(procurement: Procurement, *, two_stage: bool, add: Any) -> None:
    """What the eForms rules require of the notice and the platform can only ask for.

    Each message names the form field to fill (issue 9: the official SDK rules
    refuse a notice without them).
    """
    nuts_fields = ("place_of_performance", "buyer_nuts", "review_body_nuts")
    for field in nuts_fields:
        value = getattr(procurement, field)
        if value and value not in eforms.NORWEGIAN_NUTS3:
            add(
                field,
                _("%(code)s is not a Norwegian NUTS 3 region (e.g. NO081 for Oslo).")
                % {"code": value},
            )
    if not procurement.place_of_performance:
        add(
            "place_of_performance",
            _("The notice states where the contract is performed: give the NUTS region."),
        )
    eea = procurement.regime == thresholds.Regime.EEA
    translations = procurement.translations
    if not isinstance(translations, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in translations.items()
    ):
        add("translations", _("Give each Norwegian text with its English text."))
    if not eea and procurement.notice_language not in (NoticeLanguage.NB, NoticeLanguage.BOTH):
        add("notice_language", _("Doffin publishes national notices in Norwegian."))
    main_cpv = procurement.cpv_codes[0] if procurement.cpv_codes else ""
    if (
        procurement.regime == thresholds.Regime.NATIONAL
        and procurement.contract_kind == ContractKind.SERVICES
        and eforms.is_health_social_service(main_cpv)
    ):
        # Doffin's EFORMS-NOR-NATIONAL-TH-R008I: Annex XIV services are not under part II.
        add(
            "cpv_codes",
            _(
                "%(code)s is a health or social service: below the EEA threshold it follows "
                "part I of anskaffelsesforskriften only, not the national competition of part II."
            )
            % {"code": main_cpv},
        )
    if not eea:
        return
    if procurement.notice_language not in (NoticeLanguage.EN, NoticeLanguage.BOTH):
        add(
            "notice_language",
            _(
                "Above the EEA threshold the notice goes to TED, which does not take Norwegian: "
                "write the title, description, lots and criteria in English and choose English."
            ),
        )
    telephone = procurement.contact_telephone.strip()
    if telephone and not eforms.is_telephone(telephone):
        add(
            "contact_telephone",
            _("Write the telephone number with digits only, e.g. +47 22 00 00 00."),
        )
    if not telephone:
        add("contact_telephone", _("TED requires the buyer's telephone number."))
    if not procurement.buyer_nuts:
        add("buyer_nuts", _("TED requires the buyer's region (NUTS code)."))
    if not procurement.review_body_postal_code.strip():
        add("review_body_postal_code", _("TED requires the review body's postal code."))
    if not procurement.review_body_nuts:
        add("review_body_nuts", _("TED requires the review body's region (NUTS code)."))
    if procurement.award_method == AwardMethod.BEST_PRICE_QUALITY:
        for criterion in procurement.award_criteria.all():
            if not criterion.description.strip():
                add(
                    "award_criteria",
                    _("Describe the award criterion %(name)s: TED requires a description.")
                    % {"name": criterion.name},
                )
    if two_stage:
        least = MINIMUM_CANDIDATES[procurement.procedure]
        if procurement.minimum_candidates is None:
            add(
                "minimum_candidates",
                _("State the minimum number of candidates you will invite (at least %(n)s).")
                % {"n": least},
            )
        elif procurement.minimum_candidates < least:
            add(
                "minimum_candidates",
                _("At least %(n)s candidates are invited in this procedure.") % {"n": least},
            )


def _validate_award(procurement: Procurement, add: Any) -> None:
    criteria = list(procurement.award_criteria.all())
    method = procurement.award_method
    if method == AwardMethod.BEST_PRICE_QUALITY:
        if not criteria:
            return  # missing_contents() says so
        total = sum((c.weight for c in criteria), Decimal(0))
        if total != Decimal(100):
            add(
                "award_criteria",
                _("The weights of the award criteria add up to %(total)s, not 100.")
                % {"total": total},
            )
        if not any(c.kind in (CriterionKind.PRICE, CriterionKind.COST) for c in criteria):
            add("award_criteria", _("Best price-quality ratio needs a price or cost criterion."))
        if procurement.regime != thresholds.Regime.EEA and not any(
            c.kind == CriterionKind.ENVIRONMENT for c in criteria
        ):
            add(
                "award_criteria",
                _(
                    "A national competition weighs climate and environment: add a criterion of "
                    "the kind climate and environment (anskaffelsesforskriften § 7-9)."
                ),
            )
    elif any(c.kind in (CriterionKind.QUALITY, CriterionKind.ENVIRONMENT) for c in criteria):
        add(
            "award_criteria",
            _("Quality criteria are only used with the best price-quality ratio."),
        )
