from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from heldigital.decisions.thresholds import (
    AuthorityKind,
    ContractKind,
    Regime,
    regime_for,
    thresholds_on,
)
from heldigital.decisions.timelimits import Procedure, allowed_procedures, check_time_limits

D = Decimal


def test_thresholds_by_effective_date():
    assert thresholds_on(date(2023, 6, 1)).eea_other_goods_services == D("2200000")
    assert thresholds_on(date(2024, 1, 1)).eea_other_goods_services == D("2300000")
    with pytest.raises(LookupError):
        thresholds_on(date(2020, 1, 1))


@pytest.mark.parametrize(
    ("value", "authority", "kind", "expected"),
    [
        ("1299999", AuthorityKind.OTHER, ContractKind.SERVICES, Regime.BELOW_NATIONAL),
        ("1300000", AuthorityKind.OTHER, ContractKind.SERVICES, Regime.NATIONAL),
        ("2299999", AuthorityKind.OTHER, ContractKind.GOODS, Regime.NATIONAL),
        ("2300000", AuthorityKind.OTHER, ContractKind.GOODS, Regime.EEA),
        ("1490000", AuthorityKind.STATE, ContractKind.GOODS, Regime.EEA),
        ("1489999", AuthorityKind.STATE, ContractKind.GOODS, Regime.NATIONAL),
        ("50000000", AuthorityKind.STATE, ContractKind.WORKS, Regime.NATIONAL),
        ("57800000", AuthorityKind.OTHER, ContractKind.WORKS, Regime.EEA),
    ],
)
def test_regime(value, authority, kind, expected):
    assert regime_for(D(value), authority, kind, date(2026, 11, 25)) is expected


def test_same_value_other_period():
    # 2,250,000 for a municipality: EEA in 2023, national in 2025
    assert (
        regime_for(D("2250000"), AuthorityKind.OTHER, ContractKind.GOODS, date(2023, 3, 1))
        is Regime.EEA
    )
    assert (
        regime_for(D("2250000"), AuthorityKind.OTHER, ContractKind.GOODS, date(2025, 3, 1))
        is Regime.NATIONAL
    )


NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_open_eea_needs_30_days():
    ok = check_time_limits(
        procedure=Procedure.OPEN,
        regime=Regime.EEA,
        notice_sent=NOW,
        tender_deadline=NOW + timedelta(days=30),
    )
    assert ok == []
    short = check_time_limits(
        procedure=Procedure.OPEN,
        regime=Regime.EEA,
        notice_sent=NOW,
        tender_deadline=NOW + timedelta(days=29, hours=23),
    )
    assert [p.field for p in short] == ["tender_deadline"]
    assert short[0].minimum_days == 30


def test_restricted_needs_request_and_tender_limits():
    problems = check_time_limits(
        procedure=Procedure.RESTRICTED,
        regime=Regime.EEA,
        notice_sent=NOW,
        tender_deadline=NOW + timedelta(days=60),
    )
    assert [p.field for p in problems] == ["request_deadline"]
    problems = check_time_limits(
        procedure=Procedure.RESTRICTED,
        regime=Regime.EEA,
        notice_sent=NOW,
        request_deadline=NOW + timedelta(days=30),
        tender_deadline=NOW + timedelta(days=50),
    )
    assert [p.field for p in problems] == ["tender_deadline"]


def test_questions_deadline_before_tender_deadline():
    problems = check_time_limits(
        procedure=Procedure.NATIONAL,
        regime=Regime.NATIONAL,
        notice_sent=NOW,
        tender_deadline=NOW + timedelta(days=20),
        questions_deadline=NOW + timedelta(days=21),
    )
    assert [p.field for p in problems] == ["questions_deadline"]


def test_naive_datetimes_refused():
    with pytest.raises(ValueError):
        check_time_limits(
            procedure=Procedure.OPEN,
            regime=Regime.EEA,
            notice_sent=datetime(2026, 1, 1),
            tender_deadline=NOW,
        )


def test_allowed_procedures():
    assert Procedure.NEGOTIATION in allowed_procedures(Regime.EEA)
    assert Procedure.NATIONAL not in allowed_procedures(Regime.EEA)
