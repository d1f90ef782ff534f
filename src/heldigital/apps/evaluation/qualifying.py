"""The automatic qualification check: a tender's ESPD response against the requirements.

The decision itself is the pure function
:func:`heldigital.decisions.qualification.qualify` over the ESPD response
parsed by :func:`heldigital.espd.parse_response` (ESPD-EDM; Directive
2014/24/EU Art. 59). This module only adapts the platform's
:class:`~heldigital.apps.tendering.models.QualificationRequirement` rows to
it and turns each decision into an :class:`~.models.Outcome` and a reason.

Where no automatic decision can be made the outcome is ``review`` with the
reason why - never a silent pass: a tender without an ESPD response fails
every requirement (Art. 59(1): the ESPD is to be accepted as preliminary
evidence, so without it nothing is evidenced); an ESPD response that cannot
be read, or a platform without the ESPD decision library, needs an
evaluator's manual assessment.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from heldigital.apps.evaluation.models import Outcome
from heldigital.apps.tendering.models import QualificationRequirement

#: Where the pure decision library lives (issue 4, ESPD engineer).
QUALIFY = ("heldigital.decisions.qualification", "qualify")
PARSE_RESPONSE = ("heldigital.espd", "parse_response")


def _function(spec: tuple[str, str]) -> Any | None:
    module_name, name = spec
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


def espd_requirement(requirement: QualificationRequirement) -> Any:
    """The :class:`heldigital.espd.model.Requirement` for a platform requirement."""
    from heldigital.espd.model import Requirement

    kwargs: dict[str, Any] = {"criterion": requirement.criterion_code}
    if requirement.description:
        kwargs["description"] = requirement.description
    if requirement.threshold is not None:
        unit = requirement.threshold_unit or "NOK"
        if unit.isalpha() and unit.isupper() and len(unit) == 3:
            kwargs["minimum_amount"] = requirement.threshold
            kwargs["currency"] = unit
        elif unit in ("count", "references"):
            kwargs["minimum_count"] = int(requirement.threshold)
        elif unit == "ratio":
            kwargs["minimum_ratio"] = requirement.threshold
    return Requirement(**kwargs)


def _normalise(decision: Any) -> tuple[str, str]:
    """(outcome, reason) from a decision of :func:`qualify` (outcome text/enum or ``passed``)."""
    reason = str(getattr(decision, "reason", "") or "")
    outcome = getattr(decision, "outcome", None)
    if outcome is not None:
        value = str(getattr(outcome, "value", outcome)).lower()
        mapping = {
            "pass": Outcome.PASS,
            "passed": Outcome.PASS,
            "met": Outcome.PASS,
            "fail": Outcome.FAIL,
            "failed": Outcome.FAIL,
            "not_met": Outcome.FAIL,
            "review": Outcome.REVIEW,
            "manual": Outcome.REVIEW,
        }
        if value in mapping:
            return mapping[value], reason
    passed = getattr(decision, "passed", None)
    if passed is True:
        return Outcome.PASS, reason
    if passed is False:
        return Outcome.FAIL, reason
    return Outcome.REVIEW, reason or _("The automatic check gave no decision.")


def check(
    requirements: Sequence[QualificationRequirement], espd: bytes | None, *, now: datetime
) -> list[tuple[str, str]]:
    """One (outcome, reason) per requirement, in the order given."""
    if not requirements:
        return []
    if espd is None:
        return [(Outcome.FAIL, _("The tender contains no ESPD response."))] * len(requirements)
    parse = _function(PARSE_RESPONSE)
    qualify = _function(QUALIFY)
    if parse is None or qualify is None:
        return [
            (
                Outcome.REVIEW,
                _("No automatic ESPD check is available on this platform; assess manually."),
            )
        ] * len(requirements)
    try:
        response = parse(espd)
        espd_requirements = [espd_requirement(r) for r in requirements]
    except ValueError as exc:
        reason = _("The ESPD response cannot be read: %(error)s") % {"error": exc}
        return [(Outcome.REVIEW, reason)] * len(requirements)
    decisions = list(qualify(espd_requirements, response, now))
    if len(decisions) != len(requirements):
        raise RuntimeError("qualify() must return one decision per requirement")
    return [_normalise(d) for d in decisions]


__all__ = ["check", "espd_requirement"]
