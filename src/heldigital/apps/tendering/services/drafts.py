"""Preparing a draft: create, update, lots, request lines, requirements, award criteria."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from heldigital.apps.accounts.access import Principal
from heldigital.apps.common import (
    local_day,
    require_aware,
)
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.models import (
    AwardCriterion,
    Lot,
    Procurement,
    QualificationRequirement,
    RequestItem,
    RequirementKind,
)
from heldigital.apps.tendering.services.base import (
    DRAFT_FIELDS,
    _decimal,
    _require_buyer,
    _require_draft,
    record_event,
    require_manager,
)
from heldigital.apps.tendering.services.validation import (
    _apply,
    _compute_regime,
    _validate,
)
from heldigital.decisions import thresholds, timelimits


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
