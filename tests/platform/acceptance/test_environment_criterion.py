"""A climate and environment award criterion (required in national competitions,
anskaffelsesforskriften § 7-9) is scored by evaluators and weighed like quality."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from heldigital.apps.evaluation import services
from heldigital.apps.evaluation.models import QualificationDecision
from heldigital.apps.tendering.models import AwardCriterion
from tests.platform.conftest import acting
from tests.platform.evaluation.scenario import OPENED, build

pytestmark = pytest.mark.django_db


def test_environment_criterion_is_scored_and_weighed(municipality):
    s = build(municipality)
    quality = s.quality
    quality.weight = Decimal(25)
    quality.save()
    environment = AwardCriterion.objects.create(
        procurement=s.procurement,
        name="Klima og miljø",
        kind="environment",
        weight=Decimal(15),
        max_points=Decimal(10),
        position=3,
    )
    at = OPENED + timedelta(hours=1)
    common = {"now": at}
    services.run_qualification(s.procurement, principal=acting(s.officer), **common)
    beta = QualificationDecision.objects.get(tender=s.tenders[1], automatic_outcome="fail")
    services.override_decision(
        beta, outcome="pass", reason="Dokumentert.", principal=acting(s.evaluator), **common
    )
    exclusion = services.propose_exclusion(
        s.tenders[2],
        ground="qualification",
        reason="Mangler ESPD.",
        principal=acting(s.officer),
        **common,
    )
    services.confirm_exclusion(exclusion, principal=acting(s.officer), **common)
    for tender, points in ((s.tenders[0], ("8", "6")), (s.tenders[1], ("5", "9"))):
        for criterion, score in zip((quality, environment), points, strict=True):
            services.score_quality(
                tender,
                criterion,
                score=score,
                comment="Vurdert.",
                principal=acting(s.evaluator),
                **common,
            )
    (result,) = services.compute_evaluation(s.procurement, principal=acting(s.officer), **common)
    ranking = result.content["ranking"]
    # Beta: price 10 × 60 % + quality 5 × 25 % + environment 9 × 15 % = 86.00;
    # Alfa: price 9.532 × 60 % + 8 × 25 % + 6 × 15 % = 86.19.
    assert [(r["supplier"], r["total"]) for r in ranking] == [
        ("Alfa Brøyt AS", "86.19"),
        ("Beta Vei AS", "86.00"),
    ]
