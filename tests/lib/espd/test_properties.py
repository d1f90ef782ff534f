"""Property tests: ESPD requests and responses stay XSD-valid and read back what was written."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital import espd, xml
from heldigital.espd import Answer, Period, Requirement, YearAmount, criteria

from .answers import complete_answer
from .test_espd import EDM, OPERATOR, PROCUREMENT

ISSUED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
REQUEST_SCHEMA = xml.load_schema(
    EDM / "ubl-2.3/xsd/maindoc/UBL-QualificationApplicationRequest-2.3.xsd"
)
RESPONSE_SCHEMA = xml.load_schema(
    EDM / "ubl-2.3/xsd/maindoc/UBL-QualificationApplicationResponse-2.3.xsd"
)
MANDATORY = [c.code for c in criteria.CATALOGUE.values() if c.mandatory_exclusion]

money = st.decimals(min_value=0, max_value=10**11, places=2, allow_nan=False, allow_infinity=False)
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s)
exclusions = st.lists(
    st.sampled_from([c.code for c in criteria.exclusion_grounds()]), unique=True, max_size=8
)


@settings(max_examples=25, deadline=None)
@given(
    grounds=exclusions,
    minimum=money,
    years=st.integers(min_value=1, max_value=5),
    per_year=st.booleans(),
    turnover=st.lists(money, min_size=1, max_size=5),
    indicators=st.lists(st.booleans(), min_size=8, max_size=8),
    note=text,
    turnover_code=st.sampled_from(["gen-year-to", "spec-year-to"]),
)
def test_request_and_response_round_trip(
    grounds, minimum, years, per_year, turnover, indicators, note, turnover_code
):
    general = (
        turnover_code == "gen-year-to"
    )  # per year or on average; spec-year-to: per year, with a domain
    threshold = Requirement(
        criterion=turnover_code,
        minimum_amount=minimum,
        years=years,
        per_year=per_year if general else True,
        lot="LOT-0001",
        description="" if general else note,
    )
    requirements = [Requirement(criterion=ground) for ground in grounds] + [threshold]
    request_xml = espd.request(PROCUREMENT, requirements, issued=ISSUED)
    REQUEST_SCHEMA.assertValid(xml.parse(request_xml))
    asked = {r.criterion: r for r in espd.parse_request(request_xml).requirements}
    assert asked[turnover_code] == threshold
    assert set(grounds) <= set(asked)

    yearly = tuple(
        YearAmount(Period(date(2025 - i, 1, 1), date(2025 - i, 12, 31)), amount)
        for i, amount in enumerate(turnover)
    )
    answers = []
    for ground, value in zip(MANDATORY, indicators, strict=True):
        roles = criteria.get(ground).roles
        fixed = {roles.answer: value, **({roles.description: note} if value else {})}
        answers.append(complete_answer(criteria.get(ground), random.Random(0), "yes", fixed))
    answers.append(Answer(criterion=turnover_code, yearly=yearly))
    response_xml = espd.response(
        request_xml, answers, operator=OPERATOR, issued=ISSUED, lot="LOT-0001"
    )
    RESPONSE_SCHEMA.assertValid(xml.parse(response_xml))
    parsed = espd.parse_response(response_xml)
    for ground, value in zip(MANDATORY, indicators, strict=True):
        assert parsed.answer(ground).indicator is value
        assert parsed.answer(ground).description == (note if value else None)
    assert parsed.answer(turnover_code).yearly == list(yearly)
    assert all(isinstance(a, Decimal) for a, _ in parsed.answer(turnover_code).amounts)
