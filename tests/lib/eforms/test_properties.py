"""Property tests: any procurement the model accepts becomes an XSD-valid notice that reads back."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital import eforms, xml
from heldigital.eforms import AwardCriterion, AwardCriterionKind, Lot, Procedure, Regime

from .test_notices import ISSUED, SDK, make

SCHEMA = xml.load_schema(SDK / "schemas/maindoc/UBL-ContractNotice-2.3.xsd")

# XML 1.0 characters only: a title with a control character cannot be a notice at all.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip())
cpv = st.integers(min_value=3000000, max_value=98999999).map(lambda n: f"{n:08d}")
money = st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False)
lots = st.lists(
    st.builds(
        Lot,
        title=text,
        description=text,
        main_cpv=cpv,
        additional_cpv=st.lists(cpv, max_size=3).map(tuple),
        estimated_value=st.none() | money,
        duration_months=st.integers(min_value=1, max_value=120),
    ),
    min_size=1,
    max_size=5,
).map(tuple)
cases = st.sampled_from(
    [
        (Regime.EEA, Procedure.OPEN),
        (Regime.EEA, Procedure.RESTRICTED),
        (Regime.EEA, Procedure.NEGOTIATION),
        (Regime.NATIONAL, Procedure.NATIONAL),
        (Regime.BELOW_NATIONAL, Procedure.OPEN),
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    case=cases,
    title=text,
    lots=lots,
    value=st.none() | money,
    price=st.integers(min_value=1, max_value=99),
    days=st.integers(min_value=1, max_value=200),
    minutes=st.integers(min_value=0, max_value=24 * 60),
)
def test_accepted_procurements_become_valid_notices(case, title, lots, value, price, days, minutes):
    regime, procedure = case
    deadline = ISSUED + timedelta(days=days, minutes=minutes)
    environment = (
        AwardCriterionKind.QUALITY
        if regime is Regime.EEA
        else AwardCriterionKind.QUALITY_ENVIRONMENT
    )
    procurement = dataclasses.replace(
        make(regime, procedure),
        procedure_id=uuid.uuid4(),
        title=title,
        lots=lots,
        estimated_value=value,
        time_limits=eforms.TimeLimits(
            tender_deadline=deadline,
            request_deadline=(
                deadline - timedelta(days=1)
                if procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATION)
                else None
            ),
        ),
        award_criteria=(
            AwardCriterion(
                kind=AwardCriterionKind.PRICE,
                name="Pris",
                weight=Decimal(price),
                description="Samlet pris",
            ),
            AwardCriterion(
                kind=environment,
                name="Miljø",
                weight=Decimal(100 - price),
                description="Utslipp fra transport",
            ),
        ),
    )
    data = eforms.contract_notice(procurement, issued=ISSUED)
    SCHEMA.assertValid(xml.parse(data))
    summary = eforms.read_notice(data)
    assert summary.title == title.strip()
    assert summary.estimated_value == value
    assert len(summary.lots) == len(lots)
    for lot, read in zip(lots, summary.lots, strict=True):
        assert read.main_cpv == lot.main_cpv
        assert read.additional_cpv == lot.additional_cpv
        assert read.estimated_value == lot.estimated_value
        if procurement.two_stage:  # BT-1311 only; the invitation to tender gives BT-131
            assert read.tender_deadline is None
            assert read.request_deadline == (deadline - timedelta(days=1)).replace(microsecond=0)
        else:
            assert read.tender_deadline == deadline.replace(microsecond=0)
    assert (
        eforms.check(data, now=datetime.now(UTC).replace(year=2026, month=3, day=2, hour=9)) == []
    )
