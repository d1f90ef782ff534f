"""The automatic qualification check: a tender's ESPD response against the ESPD request.

The criteria checked are those of the procurement's ESPD request - the
buyer's requirements *and* the mandatory exclusion grounds the ESPD library
always adds (Directive 2014/24/EU Art. 57(1)-(2)) - read back with
:func:`heldigital.espd.parse_request` from the published request (or, for a
procurement without one, from the request built now from its requirements
by :func:`heldigital.apps.tendering.artefacts.espd_request`).

The decision itself is the pure function
:func:`heldigital.decisions.qualification.qualify` over the supplier's ESPD
response (:func:`heldigital.espd.parse_response`; Art. 59). This module only
adapts: it maps each criterion to the buyer's requirement row where there
is one and turns each decision into an :class:`~.models.Outcome` and reason.

Where no automatic decision can be made, the outcome says so - never a
silent pass: a tender without an ESPD response fails every criterion
(Art. 59(1): the ESPD is the preliminary evidence; without it nothing is
evidenced), and an ESPD response that cannot be read needs an evaluator's
manual assessment (``review``) with the parser's message as the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from heldigital import espd
from heldigital.apps.evaluation.models import Outcome
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.models import Procurement, QualificationRequirement
from heldigital.decisions import qualification

_OUTCOMES = {
    qualification.Outcome.PASSED: Outcome.PASS,
    qualification.Outcome.FAILED: Outcome.FAIL,
    qualification.Outcome.NEEDS_REVIEW: Outcome.REVIEW,
}


@dataclass(frozen=True)
class Criterion:
    """One criterion to decide: the ESPD requirement and the buyer's row (if any)."""

    requirement: espd.Requirement
    row: QualificationRequirement | None
    name: str
    exclusion: bool

    @property
    def code(self) -> str:
        return self.requirement.criterion

    @property
    def lot(self) -> str:
        return "" if self.exclusion else self.requirement.lot


def request_xml(procurement: Procurement, *, now: datetime) -> bytes | None:
    """The ESPD request of the procurement: the latest published one, else built now."""
    published = procurement.espd_requests.order_by("-procurement_version").first()
    if published is not None:
        return bytes(published.xml)
    return artefacts.espd_request(procurement, now=now)


def criteria(procurement: Procurement, *, now: datetime) -> list[Criterion]:
    """The criteria of the ESPD request, each with the buyer's requirement row if it has one."""
    xml = request_xml(procurement, now=now)
    if xml is None:
        return []
    lots = artefacts.espd_lots(procurement)
    rows = {
        (r.criterion_code, r.lot.eforms_id if r.lot is not None else lots[0]): r
        for r in procurement.requirements.select_related("lot")
    }
    out = []
    for requirement in espd.parse_request(xml, source="ESPD request").requirements:
        criterion = espd.criteria.get(requirement.criterion)
        out.append(
            Criterion(
                requirement=requirement,
                row=rows.get((requirement.criterion, requirement.lot)),
                name=criterion.name,
                exclusion=criterion.section is espd.Section.EXCLUSION,
            )
        )
    return out


def check(
    items: Sequence[Criterion], response: bytes | None, *, now: datetime
) -> list[tuple[str, str]]:
    """One (outcome, reason) per criterion, in the order given."""
    if not items:
        return []
    if response is None:
        return [(Outcome.FAIL, _("The tender contains no ESPD response."))] * len(items)
    try:
        parsed = espd.parse_response(response, source="ESPD response")
    except ValueError as exc:
        reason = _("The ESPD response cannot be read: %(error)s") % {"error": exc}
        return [(Outcome.REVIEW, reason)] * len(items)
    decisions = qualification.qualify([c.requirement for c in items], parsed, now=now)
    return [(_OUTCOMES[d.outcome], d.reason) for d in decisions]


__all__ = ["Criterion", "check", "criteria", "request_xml"]
