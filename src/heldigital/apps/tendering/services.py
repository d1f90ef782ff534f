"""Tendering services: prepare, publish, communicate, correct and cancel.

Plain functions; each takes ``now`` (timezone-aware) and the acting
:class:`~heldigital.apps.accounts.access.Principal` (one user acting for one
organisation with the roles held there), checks that the principal may act,
changes the records in one transaction and writes the procurement protocol
(:func:`heldigital.apps.protocol.services.record`, procurement id = the
procurement's reference). Views and API endpoints only call these.

Legal anchors:

* thresholds and procedures: anskaffelsesforskriften §§ 5-1, 5-3, 13-1,
  13-2 (:mod:`heldigital.decisions.thresholds`,
  :func:`heldigital.decisions.timelimits.allowed_procedures`);
* minimum time limits: §§ 20-1 to 20-3, Part II "reasonable" limits
  (:func:`heldigital.decisions.timelimits.check_time_limits`);
* award criteria: § 18-1 (Directive 2014/24/EU Art. 67): lowest price,
  lowest cost or best price-quality ratio with weighted criteria;
* questions and answers to all: § 14-1 / equal treatment (Directive
  2014/24/EU Art. 47(3), 53(2)): additional information is given to all
  candidates, without naming who asked;
* corrections: the change notice (eForms "change" notice, Art. 47(3))
  and notice to every registered supplier;
* cancellation: § 25-4 (avlysning) with the reason given to everyone.

Errors: :class:`django.core.exceptions.ValidationError` for bad input
(``message_dict`` per field when it is about fields),
:class:`django.core.exceptions.PermissionDenied` when the user may not act,
:class:`StateError` when the procurement is not in a state that allows the
action (e.g. a question after the deadline).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from stdnum import exceptions as cpv_errors
from stdnum.no import orgnr as stdnum_orgnr

from heldigital import eforms, ledger
from heldigital import espd as espd_lib
from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.common import (  # noqa: F401  (re-exported: callers import them from here)
    OSLO,
    format_local,
    local_day,
    parse_decimal,
    require_aware,
    send_on_commit,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import artefacts, findings
from heldigital.apps.tendering.files import check_upload
from heldigital.apps.tendering.lifecycle import StateError, find, transition
from heldigital.apps.tendering.models import (
    AwardCriterion,
    AwardMethod,
    ContractKind,
    Correction,
    CriterionKind,
    DocumentVersion,
    EspdRequest,
    Interest,
    Lot,
    Notice,
    NoticeKind,
    NoticeLanguage,
    Notification,
    Procedure,
    Procurement,
    ProcurementDocument,
    ProcurementStatus,
    QualificationRequirement,
    Question,
    RequestItem,
    RequirementKind,
)
from heldigital.decisions import publication, thresholds, timelimits

logger = logging.getLogger(__name__)


#: Roles that prepare, publish, correct and cancel a procurement.
MANAGER_ROLES: frozenset[str] = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})

#: Fields a buyer sets on a draft (create and update).
#: Fields the eForms rules require of a notice (issue 9), beside the procurement's own.
NOTICE_FIELDS: tuple[str, ...] = (
    "review_body_postal_code",
    "review_body_nuts",
    "buyer_nuts",
    "contact_telephone",
    "notice_language",
    "translations",
    "minimum_candidates",
    "successive_reduction",
    "award_without_negotiation",
)

DRAFT_FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "cpv_codes",
    "estimated_value",
    "contract_kind",
    "authority_kind",
    "procedure",
    "procedure_justification",
    "place_of_performance",
    "contract_duration_months",
    "review_body_name",
    "review_body_orgnr",
    "review_body_town",
    *NOTICE_FIELDS,
    "questions_deadline",
    "request_deadline",
    "tender_deadline",
    "tender_validity_until",
    "award_method",
    "price_formula",
)

#: Deadline fields a correction may change after publication.
#: Contact and address data the notice needs that a correction may supply or fix
#: (a procurement published before the eForms rules were enforced may lack them).
CORRECTABLE_NOTICE_FIELDS: tuple[str, ...] = (
    "contact_telephone",
    "buyer_nuts",
    "review_body_postal_code",
    "review_body_nuts",
)

CORRECTABLE_FIELDS: tuple[str, ...] = (
    "questions_deadline",
    "request_deadline",
    "tender_deadline",
    "tender_validity_until",
    "description",
    *CORRECTABLE_NOTICE_FIELDS,
)

_OPTIONAL_NUMBERS = ("contract_duration_months", "minimum_candidates")

_DEADLINES = ("questions_deadline", "request_deadline", "tender_deadline", "tender_validity_until")

#: States in which the procurement is still open to suppliers' questions and interest.
_LIVE = (ProcurementStatus.PUBLISHED,)


# ---------------------------------------------------------------- helpers


def record_event(
    procurement: Procurement,
    type: str,
    principal: Principal | None,
    payload: Mapping[str, object],
    now: datetime,
) -> None:
    """Write a protocol event for ``procurement`` by ``principal`` (``None``: the system)."""
    actor = principal.actor if principal is not None else "system"
    protocol.record(
        procurement_id=procurement.reference,
        type=type,
        actor=actor,
        payload=dict(payload),
        now=now,
    )


def _time(value: datetime | None) -> str | None:
    return ledger.format_time(value) if value is not None else None


def require_manager(principal: Principal) -> Organisation:
    """The principal's organisation, a public body in which it is buyer admin or officer."""
    organisation = principal.organisation
    if (
        organisation is None
        or organisation.kind != OrganisationKind.PUBLIC_BODY
        or not principal.has_role(organisation, MANAGER_ROLES)
    ):
        raise PermissionDenied(
            _("Only a procurement officer or buyer administrator of %(org)s may do this.")
            % {"org": organisation.name if organisation is not None else "-"}
        )
    return organisation


def _require_buyer(procurement: Procurement, principal: Principal) -> None:
    """The principal acts for the procurement's buyer as one of its managers."""
    if not principal.acts_for(procurement.buyer):
        raise PermissionDenied(_("This procurement belongs to another organisation."))
    require_manager(principal)


def _require_supplier(principal: Principal) -> Organisation:
    """The supplier organisation the principal acts for as a supplier user."""
    supplier = principal.organisation
    if supplier is None or not principal.is_supplier_user(supplier):
        raise PermissionDenied(
            _("Only a supplier principal.user of %(org)s may do this.")
            % {"org": supplier.name if supplier is not None else "-"}
        )
    return supplier


def _require_draft(procurement: Procurement) -> None:
    if procurement.status != ProcurementStatus.DRAFT:
        raise StateError(
            _("The procurement %(ref)s is no longer a draft; change it with a correction.")
            % {"ref": procurement.reference}
        )


def _require_live(procurement: Procurement, now: datetime) -> None:
    if procurement.status not in _LIVE:
        raise StateError(
            _("The procurement %(ref)s is not open (status: %(status)s).")
            % {"ref": procurement.reference, "status": procurement.get_status_display()}
        )


# ----------------------------------------------------------- preparation


def next_reference(now: datetime) -> str:
    """The next free reference of the year, ``HD-2026-0001``, ``HD-2026-0002``, ..."""
    prefix = f"HD-{local_day(now).year}-"
    taken = list(
        Procurement.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
    )
    # A reference whose protocol exists (e.g. imported) is never reused.
    taken += ProtocolEvent.objects.filter(procurement_id__startswith=prefix).values_list(
        "procurement_id", flat=True
    )
    numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _decimal(value: Any, field: str) -> Decimal:
    return parse_decimal(value, field)


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


@transaction.atomic
def create_draft(
    *,
    principal: Principal,
    data: Mapping[str, Any],
    now: datetime,
    reference: str | None = None,
) -> Procurement:
    """Create a draft procurement for ``buyer``; the regime is fixed by the creation date."""
    require_aware(now)
    buyer = require_manager(principal)
    missing = [
        name
        for name in ("title", "cpv_codes", "estimated_value", "contract_kind", "authority_kind")
        if data.get(name) in (None, "", [])
    ]
    if missing:
        raise ValidationError({name: _("This field is required.") for name in missing})
    if reference and ProtocolEvent.objects.filter(procurement_id=reference).exists():
        raise ValidationError(
            {"reference": _("The reference %(ref)s is taken.") % {"ref": reference}}
        )
    procurement = Procurement(
        buyer=buyer,
        created_by=principal.user,
        created_at=now,
        updated_at=now,
        reference=reference or next_reference(now),
    )
    _apply(procurement, data)
    if not procurement.procedure:
        regime = thresholds.Regime(_compute_regime(procurement))
        procurement.procedure = timelimits.allowed_procedures(regime)[0].value
    _validate(procurement, now, publishing=False)
    for attempt in range(5):
        try:
            with transaction.atomic():
                procurement.save(force_insert=True)
            break
        except IntegrityError as exc:
            # Another draft took the same number meanwhile: take the next one.
            if reference or attempt == 4:
                raise ValidationError(
                    {
                        "reference": _("The reference %(ref)s is taken.")
                        % {"ref": procurement.reference}
                    }
                ) from exc
            procurement.reference = next_reference(now)
    record_event(
        procurement,
        "procurement.created",
        principal,
        {
            "reference": procurement.reference,
            "title": procurement.title,
            "estimated_value": str(procurement.estimated_value),
            "regime": procurement.regime,
            "procedure": procurement.procedure,
        },
        now,
    )
    return procurement


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def update_draft(
    procurement: Procurement,
    *,
    principal: Principal,
    data: Mapping[str, Any],
    now: datetime,
) -> Procurement:
    """Change fields of a draft (see :data:`DRAFT_FIELDS`); the regime is recomputed."""
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_draft(procurement)
    before = {name: getattr(procurement, name) for name in data if name in DRAFT_FIELDS}
    _apply(procurement, data)
    _validate(procurement, now, publishing=False)
    procurement.updated_at = now
    procurement.save()
    changed = sorted(name for name, old in before.items() if getattr(procurement, name) != old)
    if changed:
        record_event(procurement, "procurement.updated", principal, {"fields": changed}, now)
    return procurement


def _draft_child(procurement: Procurement, principal: Principal) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_draft(procurement)
    return procurement


def _lot(procurement: Procurement, number: int | None) -> Lot | None:
    if number is None:
        return None
    lot = procurement.lots.filter(number=number).first()
    if lot is None:
        raise ValidationError({"lot": _("There is no lot %(n)s.") % {"n": number}})
    return lot


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_lot(
    procurement: Procurement,
    *,
    principal: Principal,
    title: str,
    description: str = "",
    estimated_value: Any = None,
    now: datetime,
) -> Lot:
    """Add the next lot (numbered 1, 2, ...)."""
    procurement = _draft_child(procurement, principal)
    number = (procurement.lots.aggregate(n=Max("number"))["n"] or 0) + 1
    lot = Lot(
        procurement=procurement,
        number=number,
        title=title,
        description=description,
        estimated_value=(
            _decimal(estimated_value, "estimated_value") if estimated_value is not None else None
        ),
    )
    lot.full_clean()
    lot.save()
    record_event(procurement, "lot.added", principal, {"number": number, "title": title}, now)
    return lot


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_request_item(
    procurement: Procurement,
    *,
    principal: Principal,
    line_id: str,
    name: str,
    unit_code: str,
    estimated_quantity: Any,
    description: str = "",
    lot: int | None = None,
    cpv_code: str = "",
    properties: list[dict[str, Any]] | None = None,
    now: datetime,
) -> RequestItem:
    """Add a line to the request catalogue (forespørselskatalog)."""
    procurement = _draft_child(procurement, principal)
    if procurement.request_items.filter(line_id=line_id).exists():
        raise ValidationError({"line_id": _("The line id %(id)s is taken.") % {"id": line_id}})
    item = RequestItem(
        procurement=procurement,
        lot=_lot(procurement, lot),
        line_id=line_id,
        name=name,
        description=description,
        unit_code=unit_code,
        estimated_quantity=_decimal(estimated_quantity, "estimated_quantity"),
        cpv_code=cpv_code,
        properties=properties or [],
        position=procurement.request_items.count() + 1,
    )
    item.full_clean()
    item.save()
    record_event(
        procurement,
        "request-item.added",
        principal,
        {
            "line_id": line_id,
            "name": name,
            "unit": unit_code,
            "quantity": str(item.estimated_quantity),
        },
        now,
    )
    return item


def requirement_kind(criterion_code: str) -> str:
    """The requirement kind of an ESPD criterion (its section and category).

    Raises ``ValidationError`` for unknown codes and for the ESPD "other"
    criteria, which describe the operator rather than set a requirement.
    """
    try:
        criterion = artefacts.espd_criterion(criterion_code)
    except KeyError as exc:
        raise ValidationError(
            {"criterion_code": _("%(code)s is not an ESPD criterion.") % {"code": criterion_code}}
        ) from exc
    if criterion.section == "exclusion":
        return RequirementKind.EXCLUSION
    kinds = {
        "suitability": RequirementKind.SUITABILITY,
        "economic-financial": RequirementKind.ECONOMIC_FINANCIAL,
        "technical-professional": RequirementKind.TECHNICAL_PROFESSIONAL,
        "quality-environment": RequirementKind.TECHNICAL_PROFESSIONAL,
    }
    if criterion.section != "selection" or criterion.category not in kinds:
        raise ValidationError(
            {
                "criterion_code": _(
                    "%(code)s describes the economic operator; it is not a requirement."
                )
                % {"code": criterion_code}
            }
        )
    return kinds[criterion.category]


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_requirement(
    procurement: Procurement,
    *,
    principal: Principal,
    criterion_code: str,
    kind: str | None = None,
    description: str = "",
    threshold: Any = None,
    threshold_unit: str = "",
    years: int | None = None,
    lot: int | None = None,
    now: datetime,
) -> QualificationRequirement:
    """Add a qualification requirement chosen from the ESPD criteria.

    ``criterion_code`` is the ESPD-EDM criterion code (``gen-year-to``,
    ``crime-org`` ...); the kind follows from the criterion (a ``kind``
    given must agree). The threshold must be one the criterion takes
    (turnover: an amount over ``years``; ratio; insurance amount; number of
    references), checked by building the ESPD requirement.
    """
    procurement = _draft_child(procurement, principal)
    derived = requirement_kind(criterion_code)
    if kind and kind != derived:
        raise ValidationError(
            {
                "kind": _("%(code)s is a criterion of the kind %(kind)s.")
                % {"code": criterion_code, "kind": RequirementKind(derived).label}
            }
        )
    if procurement.requirements.filter(criterion_code=criterion_code, lot__number=lot).exists():
        raise ValidationError({"criterion_code": _("This criterion is already required.")})
    requirement = QualificationRequirement(
        procurement=procurement,
        lot=_lot(procurement, lot),
        criterion_code=criterion_code,
        kind=derived,
        description=description,
        threshold=_decimal(threshold, "threshold") if threshold is not None else None,
        threshold_unit=threshold_unit,
        years=years,
        position=procurement.requirements.count() + 1,
    )
    requirement.full_clean()
    if requirement.threshold is not None and not requirement.threshold_unit:
        raise ValidationError({"threshold_unit": _("Say what the minimum is measured in.")})
    try:
        artefacts.espd_requirement(requirement, "LOT-0000")
    except ValueError as exc:
        raise ValidationError({"threshold": str(exc)}) from exc
    requirement.save()
    record_event(
        procurement,
        "requirement.added",
        principal,
        {
            "criterion": criterion_code,
            "kind": derived,
            "threshold": str(requirement.threshold) if requirement.threshold is not None else None,
            "unit": threshold_unit,
            "years": years,
        },
        now,
    )
    return requirement


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_award_criterion(
    procurement: Procurement,
    *,
    principal: Principal,
    name: str,
    kind: str,
    weight: Any,
    max_points: Any = Decimal("10"),
    description: str = "",
    lot: int | None = None,
    now: datetime,
) -> AwardCriterion:
    """Add a weighted award criterion (weights are checked to add up to 100 at publication)."""
    procurement = _draft_child(procurement, principal)
    criterion = AwardCriterion(
        procurement=procurement,
        lot=_lot(procurement, lot),
        name=name,
        kind=kind,
        weight=_decimal(weight, "weight"),
        max_points=_decimal(max_points, "max_points"),
        description=description,
        position=procurement.award_criteria.count() + 1,
    )
    criterion.full_clean()
    if not (Decimal(0) < criterion.weight <= Decimal(100)):
        raise ValidationError({"weight": _("A weight is more than 0 and at most 100.")})
    if criterion.max_points <= 0:
        raise ValidationError({"max_points": _("The maximum points must be positive.")})
    criterion.save()
    record_event(
        procurement,
        "award-criterion.added",
        principal,
        {"name": name, "kind": kind, "weight": str(criterion.weight)},
        now,
    )
    return criterion


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def remove_part(
    procurement: Procurement,
    *,
    principal: Principal,
    part: Lot | RequestItem | QualificationRequirement | AwardCriterion,
    now: datetime,
) -> None:
    """Remove a lot, request line, requirement or award criterion from a draft."""
    procurement = _draft_child(procurement, principal)
    if part.procurement_id != procurement.pk:
        raise PermissionDenied(_("This belongs to another procurement."))
    label = type(part).__name__
    text = str(part)
    if isinstance(part, Lot) and (
        part.request_items.exists() or part.requirements.exists() or part.award_criteria.exists()
    ):
        raise ValidationError({"lot": _("Remove the lines and criteria of the lot first.")})
    part.delete()
    record_event(procurement, "draft.part-removed", principal, {"part": label, "text": text}, now)


def _store_version(
    document: ProcurementDocument,
    *,
    procurement: Procurement,
    filename: str,
    content: bytes,
    user: User,
    now: datetime,
) -> DocumentVersion:
    checked = check_upload(content, filename)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        filename=checked.filename,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_at=now,
        uploaded_by=user,
        procurement_version=procurement.version,
    )
    version.file.save(checked.filename, ContentFile(content), save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def add_document(
    procurement: Procurement,
    *,
    principal: Principal,
    title: str,
    filename: str,
    content: bytes,
    now: datetime,
) -> DocumentVersion:
    """Attach a new document to a draft (after publication: :func:`correct`)."""
    procurement = _draft_child(procurement, principal)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    document = ProcurementDocument.objects.create(
        procurement=procurement,
        title=title.strip(),
        position=procurement.documents.count() + 1,
        created_at=now,
    )
    version = _store_version(
        document,
        procurement=procurement,
        filename=filename,
        content=content,
        user=principal.user,
        now=now,
    )
    record_event(procurement, "document.added", principal, _version_payload(version), now)
    return version


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def replace_document(
    procurement: Procurement,
    document: ProcurementDocument,
    *,
    principal: Principal,
    filename: str,
    content: bytes,
    now: datetime,
) -> DocumentVersion:
    """A new version of a draft's document (the old version stays)."""
    procurement = _draft_child(procurement, principal)
    if document.procurement_id != procurement.pk:
        raise PermissionDenied(_("This document belongs to another procurement."))
    version = _store_version(
        document,
        procurement=procurement,
        filename=filename,
        content=content,
        user=principal.user,
        now=now,
    )
    record_event(procurement, "document.versioned", principal, _version_payload(version), now)
    return version


def _version_payload(version: DocumentVersion) -> dict[str, object]:
    return {
        "document": version.document_id,
        "title": version.document.title,
        "version": version.number,
        "filename": version.filename,
        "sha256": version.sha256,
        "size": version.size,
        "content_type": version.content_type,
    }


# ------------------------------------------------------------- publishing


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def publish(procurement: Procurement, *, principal: Principal, now: datetime) -> Notice:
    """Publish a draft: validate everything, freeze it, issue the contract notice.

    The notice XML (eForms ContractNotice) and the ESPD request are built by
    :mod:`heldigital.apps.tendering.artefacts`; the exact bytes are stored
    frozen in :class:`Notice` / :class:`EspdRequest`.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_draft(procurement)
    _validate(procurement, now, publishing=True)
    procurement.published_at = now  # the status changes with the event, below
    procurement.updated_at = now
    procurement.save()
    notice_id = uuid.uuid4()
    built = _build(lambda: artefacts.contract_notice(procurement, notice_id=notice_id, now=now))
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.CONTRACT,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    espd = _build(lambda: artefacts.espd_request(procurement, now=now))
    EspdRequest.objects.create(
        procurement=procurement,
        procurement_version=procurement.version,
        xml=espd,
        created_at=now,
    )
    # The opening key pair is made and sealed to the deadline at publication,
    # before any supplier can start a tender.
    from heldigital.apps.submissions import services as submissions

    submissions.ensure_opening_key(procurement, now=now)
    transition(
        procurement,
        ProcurementStatus.PUBLISHED,
        principal=principal,
        now=now,
        payload={
            "notice_id": str(notice_id),
            "subtype": notice.subtype,
            "regime": procurement.regime,
            "procedure": procurement.procedure,
            "tender_deadline": _time(procurement.tender_deadline),
            "questions_deadline": _time(procurement.questions_deadline),
            "notice_sha256": artefacts.sha256(built.xml),
            "espd_request_sha256": artefacts.sha256(espd),
            "documents": [
                {"title": v.document.title, "version": v.number, "sha256": v.sha256}
                for v in latest_versions(procurement)
            ],
        },
    )
    return notice


def latest_versions(procurement: Procurement) -> list[DocumentVersion]:
    """The newest version of each document of the procurement, in document order."""
    versions = []
    for document in procurement.documents.order_by("position", "id"):
        latest = document.latest()
        if latest is not None:
            versions.append(latest)
    return versions


# ----------------------------------------------------------- communication


@dataclass(frozen=True)
class Recipient:
    organisation: Organisation
    emails: tuple[str, ...]


def _supplier_recipients(
    procurement: Procurement, also: Organisation | None = None
) -> list[Recipient]:
    """Every registered supplier (and ``also``, e.g. the asker, if not registered)."""
    recipients = []
    suppliers = [
        interest.supplier
        for interest in procurement.interests.select_related("supplier").order_by("registered_at")
    ]
    if also is not None and all(s.pk != also.pk for s in suppliers):
        suppliers.append(also)
    for supplier in suppliers:
        emails = {
            email
            for email in Membership.objects.filter(
                organisation=supplier, role=Role.SUPPLIER_USER, user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
        if supplier.email:
            emails.add(supplier.email)
        recipients.append(Recipient(supplier, tuple(sorted(emails))))
    return recipients


def _notify(
    procurement: Procurement,
    recipients: Iterable[Recipient],
    *,
    kind: str,
    subject: str,
    body: str,
    now: datetime,
) -> list[EmailMessage]:
    """Platform notifications now; the e-mails to send once the transaction commits."""
    messages = []
    for recipient in recipients:
        Notification.objects.create(
            organisation=recipient.organisation,
            procurement=procurement,
            kind=kind,
            subject=subject,
            body=body,
            created_at=now,
        )
        if recipient.emails:
            # One message per organisation; suppliers never see each other's addresses.
            messages.append(
                EmailMessage(
                    subject=subject,
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=list(recipient.emails),
                )
            )
    return messages


notice_url = artefacts.notice_url


#: How long before the tender deadline registered suppliers are reminded of it.
REMINDER_LEAD = timedelta(hours=48)


def _reminder_kind(deadline: datetime) -> str:
    # One reminder per supplier and deadline: a later deadline is reminded of again.
    return "deadline-reminder:" + deadline.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def send_deadline_reminders(now: datetime, *, lead: timedelta = REMINDER_LEAD) -> int:
    """Remind every registered supplier of a deadline less than ``lead`` ahead.

    For each published procurement whose tender deadline is after ``now`` and
    at most ``lead`` ahead, every supplier that registered interest gets one
    platform notification and one e-mail (sent by the worker after commit)
    naming the deadline in Norwegian time and linking to the notice. Once per
    supplier and deadline: run again, nothing more is sent; a deadline moved
    later is reminded of again. Nothing about tenders is read: suppliers that
    have already submitted are told that their receipt stands. Returns the
    number of suppliers reminded.
    """
    reminded = 0
    due = Procurement.objects.filter(
        status=ProcurementStatus.PUBLISHED,
        tender_deadline__gt=now,
        tender_deadline__lte=now + lead,
    ).order_by("tender_deadline", "pk")
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # The row lock makes two concurrent runs take turns per procurement.
            procurement = Procurement.objects.select_for_update().get(pk=pk)
            deadline = procurement.tender_deadline
            if deadline is None or not (now < deadline <= now + lead):
                continue
            kind = _reminder_kind(deadline)
            done = set(
                Notification.objects.filter(procurement=procurement, kind=kind).values_list(
                    "organisation_id", flat=True
                )
            )
            recipients = [
                r for r in _supplier_recipients(procurement) if r.organisation.pk not in done
            ]
            if not recipients:
                continue
            subject = _("Tender deadline %(when)s: %(title)s") % {
                "when": format_local(deadline),
                "title": procurement.title,
            }
            body = _(
                "The deadline for tenders in %(reference)s %(title)s is %(when)s. "
                "Tenders are received until that moment; the time on your "
                "receipt decides. If you have already submitted a tender, your receipt stands "
                "and you need not do anything.\n\nThe notice and your tender: %(url)s"
            ) % {
                "reference": procurement.reference,
                "title": procurement.title,
                "when": format_local(deadline),
                "url": notice_url(procurement),
            }
            messages = _notify(
                procurement, recipients, kind=kind, subject=subject, body=body, now=now
            )
            send_on_commit(messages)
            reminded += len(recipients)
    return reminded


def _build(make: Any) -> Any:
    """Build a notice or ESPD document; what the standard cannot express is bad input."""
    try:
        return make()
    except eforms.NoticeError as exc:
        if exc.untranslated:
            raise ValidationError(
                {
                    "translations": _(
                        "The notice is in Norwegian and English: give the English text of "
                        "“%(text)s”."
                    )
                    % {"text": exc.untranslated}
                },
                code="notice",
            ) from exc
        if exc.problems:
            fields: dict[str, list[str]] = {}
            for problem in exc.problems:
                # In the buyer's words, on the field to fix (findings.TERMS).
                field, message = findings.field_and_message(problem)
                fields.setdefault(field, []).append(message)
            raise ValidationError(fields, code="notice") from exc
        raise ValidationError(
            _("The notice cannot be produced: %(reason)s") % {"reason": str(exc)},
            code="notice",
        ) from exc
    except (espd_lib.EspdError, cpv_errors.ValidationError) as exc:
        raise ValidationError(
            _("The notice cannot be produced: %(reason)s") % {"reason": str(exc)},
            code="notice",
        ) from exc


def _latest_notice(procurement: Procurement) -> Notice | None:
    return (
        procurement.notices.filter(kind__in=[NoticeKind.CONTRACT, NoticeKind.CHANGE])
        .order_by("-published_at", "-id")
        .first()
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
    Notification.objects.create(
        organisation=procurement.buyer,
        procurement=procurement,
        kind="question.asked",
        subject=_("New question %(n)s on %(ref)s") % {"n": number, "ref": procurement.reference},
        body=text,
        created_at=now,
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
    subject = _("Question %(n)s answered: %(ref)s %(title)s") % {
        "n": question.number,
        "ref": procurement.reference,
        "title": procurement.title,
    }
    body = _("Question:\n%(q)s\n\nAnswer:\n%(a)s\n\n%(url)s") % {
        "q": shown,
        "a": answer,
        "url": notice_url(procurement),
    }
    recipients = _supplier_recipients(procurement, also=question.supplier)
    messages = _notify(
        procurement,
        recipients,
        kind="question.answered",
        subject=subject,
        body=body,
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


@dataclass(frozen=True)
class NewDocument:
    """A document for a correction: a new version of ``document``, or a new document."""

    filename: str
    content: bytes
    document: ProcurementDocument | None = None
    title: str = ""


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return ledger.format_time(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def correct(
    procurement: Procurement,
    *,
    principal: Principal,
    summary: str,
    changes: Mapping[str, Any] | None = None,
    documents: Iterable[NewDocument] = (),
    now: datetime,
    translation: str = "",
) -> Correction:
    """Correct a published procurement: time limits, description and documents.

    Creates a new procurement version, a change notice (the contract
    notice's id with the next version number), and tells every registered
    supplier by e-mail and in the platform. Time limits are re-checked from
    the original publication: a correction cannot shorten them below what
    the law allows. ``translation``: the summary in English, for notices in
    Norwegian and English.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    _require_live(procurement, now)
    changes = dict(changes or {})
    documents = list(documents)
    summary = summary.strip()
    if not summary:
        raise ValidationError({"summary": _("Say what is corrected and why.")})
    _add_translation(procurement, summary, translation)
    bad = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if bad:
        raise ValidationError(
            {
                name: _("This cannot be corrected after publication; cancel and publish anew.")
                for name in bad
            }
        )
    if procurement.tender_deadline is not None and now >= procurement.tender_deadline:
        raise StateError(
            _("The tender deadline %(deadline)s has passed; the server time is %(now)s.")
            % {"deadline": format_local(procurement.tender_deadline), "now": format_local(now)}
        )
    old = {name: getattr(procurement, name) for name in changes}
    _apply(procurement, changes)
    diff = {
        name: {"old": _json(old[name]), "new": _json(getattr(procurement, name))}
        for name in changes
        if old[name] != getattr(procurement, name)
    }
    if not diff and not documents:
        raise ValidationError({"changes": _("Nothing is changed.")})
    _validate(procurement, now, publishing=True)
    procurement.version += 1
    procurement.updated_at = now
    procurement.save()
    if "tender_deadline" in diff:
        # An earlier deadline re-seals the opening key to it (a later one needs nothing).
        from heldigital.apps.submissions import services as submissions

        submissions.deadline_changed(procurement, now=now)
    added = []
    for new in documents:
        if new.document is None:
            if not new.title.strip():
                raise ValidationError({"documents": _("A new document needs a title.")})
            document = ProcurementDocument.objects.create(
                procurement=procurement,
                title=new.title.strip(),
                position=procurement.documents.count() + 1,
                created_at=now,
            )
        else:
            if new.document.procurement_id != procurement.pk:
                raise PermissionDenied(_("This document belongs to another procurement."))
            document = new.document
        version = _store_version(
            document,
            procurement=procurement,
            filename=new.filename,
            content=new.content,
            user=principal.user,
            now=now,
        )
        added.append(_version_payload(version))
    if added:
        diff["documents"] = {"old": None, "new": added}
    # eForms: a change notice is a new notice (version 01) naming the notice it
    # changes in BT-758 (see heldigital.eforms).
    previous = _latest_notice(procurement)
    if previous is None:
        raise StateError(_("The procurement has no published notice to correct."))
    notice_id = uuid.uuid4()
    built = _build(
        lambda: artefacts.change_notice(
            procurement,
            notice_id=notice_id,
            previous=(previous.notice_id, int(previous.notice_version)),
            changes=diff,
            reason=summary,
            now=now,
        )
    )
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.CHANGE,
        subtype=built.subtype,
        notice_id=notice_id,
        notice_version="01",
        procurement_version=procurement.version,
        xml=built.xml,
        published_at=now,
    )
    correction = Correction.objects.create(
        procurement=procurement,
        version=procurement.version,
        summary=summary,
        changes=diff,
        notice=notice,
        created_at=now,
        created_by=principal.user,
    )
    espd = _build(lambda: artefacts.espd_request(procurement, now=now))
    EspdRequest.objects.create(
        procurement=procurement,
        procurement_version=procurement.version,
        xml=espd,
        created_at=now,
    )
    recipients = _supplier_recipients(procurement)
    lines = [summary, ""]
    for name, change in diff.items():
        if name == "documents":
            for doc in change["new"]:
                lines.append(
                    _("New document version: %(title)s (%(file)s, version %(v)s)")
                    % {"title": doc["title"], "file": doc["filename"], "v": doc["version"]}
                )
        else:
            label = Procurement._meta.get_field(name).verbose_name
            lines.append(
                _("%(field)s: %(old)s → %(new)s")
                % {
                    "field": str(label).capitalize(),
                    "old": _display(old[name]),
                    "new": _display(getattr(procurement, name)),
                }
            )
    lines += ["", notice_url(procurement)]
    messages = _notify(
        procurement,
        recipients,
        kind="procurement.corrected",
        subject=_("Correction to %(ref)s %(title)s (version %(v)s)")
        % {"ref": procurement.reference, "title": procurement.title, "v": procurement.version},
        body="\n".join(lines),
        now=now,
    )
    record_event(
        procurement,
        "procurement.corrected",
        principal,
        {
            "version": procurement.version,
            "summary": summary,
            "changes": diff,
            "notice_id": str(notice_id),
            "notice_version": notice.notice_version,
            "notified": [r.organisation.orgnr for r in recipients],
        },
        now,
    )
    send_on_commit(messages)
    return correction


def _add_translation(procurement: Procurement, text: str, translation: str) -> None:
    """Keep the English of a text written for a notice in Norwegian and English."""
    if translation.strip():
        procurement.translations = {**(procurement.translations or {}), text: translation.strip()}
        Procurement.objects.filter(pk=procurement.pk).update(translations=procurement.translations)


def _display(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return format_local(value)
    return str(value)


@transaction.atomic
@protocol.appends(lambda procurement: procurement.reference)
def cancel(
    procurement: Procurement,
    *,
    principal: Principal,
    reason: str,
    now: datetime,
    translation: str = "",
) -> Procurement:
    """Cancel the procurement with a reason (§ 25-4); every registered supplier is told.

    ``translation``: the reason in English, for notices in Norwegian and English.
    """
    require_aware(now)
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    _require_buyer(procurement, principal)
    if find(procurement.status, ProcurementStatus.CANCELLED) is None:
        raise StateError(
            _("The procurement is %(status)s and cannot be cancelled.")
            % {"status": procurement.get_status_display().lower()}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    _add_translation(procurement, reason, translation)
    was_public = procurement.published_at is not None
    procurement.cancelled_at = now  # the status changes with the event, below
    procurement.cancel_reason = reason
    procurement.updated_at = now
    procurement.save()
    notice = None
    refused: list[str] = []
    previous = _latest_notice(procurement)
    if was_public and previous is not None:
        notice_id = uuid.uuid4()
        try:
            built = _build(
                lambda: artefacts.cancellation_notice(
                    procurement,
                    notice_id=notice_id,
                    previous=(previous.notice_id, int(previous.notice_version)),
                    reason=reason,
                    now=now,
                )
            )
        except ValidationError as exc:
            # The cancellation (§ 25-4) stands even when no notice the official rules
            # accept can be written: a procurement published before those rules were
            # enforced may lack what they require. No invalid notice is issued; the
            # reasons are recorded and the cancellation notice has no XML.
            built = None
            refused = list(exc.messages)
        notice = Notice.objects.create(
            procurement=procurement,
            kind=NoticeKind.CANCELLATION,
            subtype=built.subtype if built is not None else previous.subtype,
            notice_id=notice_id,
            procurement_version=procurement.version,
            xml=built.xml if built is not None else None,
            published_at=now,
        )
    recipients = _supplier_recipients(procurement)
    messages = _notify(
        procurement,
        recipients,
        kind="procurement.cancelled",
        subject=_("Cancelled: %(ref)s %(title)s")
        % {
            "ref": procurement.reference,
            "title": procurement.title,
        },
        body=_("The procurement %(ref)s %(title)s is cancelled.\n\nReason:\n%(reason)s\n\n%(url)s")
        % {
            "ref": procurement.reference,
            "title": procurement.title,
            "reason": reason,
            "url": notice_url(procurement),
        },
        now=now,
    )
    transition(
        procurement,
        ProcurementStatus.CANCELLED,
        principal=principal,
        now=now,
        payload={
            "reason": reason,
            "notice_id": str(notice.notice_id) if notice is not None else None,
            **({"notice_refused": refused} if refused else {}),
            "notified": [r.organisation.orgnr for r in recipients],
        },
    )
    send_on_commit(messages)
    return procurement


def mark_read(notification: Notification, *, now: datetime) -> Notification:
    if notification.read_at is None:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    return notification
