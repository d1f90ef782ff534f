"""Automatic qualification against ESPD answers (heldigital.decisions.qualification)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital import espd
from heldigital.decisions.qualification import Outcome, overall, qualify
from heldigital.espd import (
    Answer,
    Evidence,
    Party,
    Period,
    Procurement,
    Reference,
    Requirement,
    YearAmount,
)
from tests.lib.espd.answers import completed

EDM = Path(__file__).resolve().parents[3].parent / "shared/corpus/espd-edm/v4.1.0"
NOW = datetime(2026, 4, 20, 10, 0, tzinfo=UTC)
PROCUREMENT = Procurement(
    procedure_id="3f1d2c4b-8a6e-4f7d-9b0a-1c2d3e4f5a6b",
    title="Kontorrekvisita",
    description="Rammeavtale",
    buyer=Party(name="Oslo kommune", orgnr="958935420"),
)
OPERATOR = Party(name="Kontorleverandøren AS", orgnr="974760673")


def year(y: int, amount, currency: str = "NOK") -> YearAmount:
    return YearAmount(Period(date(y, 1, 1), date(y, 12, 31)), Decimal(amount), currency)


def run(requirements: list[Requirement], answers: list[Answer]):
    request_xml = espd.request(PROCUREMENT, requirements, issued=NOW)
    asked = espd.parse_request(request_xml).requirements
    parsed = espd.parse_response(
        espd.response(
            request_xml,
            [completed(a) for a in answers],
            operator=OPERATOR,
            issued=NOW,
            lot=PROCUREMENT.lots[0],
        )
    )
    decisions = qualify(asked, parsed, now=NOW)
    return {d.criterion: d for d in decisions}, decisions


CLEAN = [
    Answer(criterion=code, indicator=False)
    for code in (
        "crime-org",
        "corruption",
        "fraud",
        "terr-offence",
        "finan-laund",
        "human-traffic",
        "tax-pay",
        "socsec-pay",
    )
]


def with_(answers: list[Answer], *extra: Answer) -> list[Answer]:
    replaced = {a.criterion for a in extra}
    return [a for a in answers if a.criterion not in replaced] + list(extra)


def test_clean_supplier_passes_every_mandatory_ground():
    by_code, decisions = run([], CLEAN)
    assert len(decisions) == 8
    assert overall(decisions) is Outcome.PASSED
    assert "does not apply" in by_code["fraud"].reason and "Art. 57(1)" in by_code["fraud"].reason


def test_exclusion_ground_yes_excludes_and_cites_the_criterion():
    by_code, decisions = run(
        [], with_(CLEAN, Answer(criterion="corruption", indicator=True, description="dom 2024"))
    )
    decision = by_code["corruption"]
    assert decision.outcome is Outcome.FAILED
    assert decision.reason.startswith("Corruption: ")
    assert "mandatory exclusion ground applies (dom 2024)" in decision.reason
    assert overall(decisions) is Outcome.FAILED


def test_self_cleaning_and_insolvency_continuation_need_review():
    by_code, decisions = run(
        [Requirement(criterion="bankruptcy"), Requirement(criterion="prof-misconduct")],
        with_(
            CLEAN,
            Answer(
                criterion="fraud",
                indicator=True,
                self_cleaning=True,
                self_cleaning_description="Ny ledelse",
            ),
            Answer(
                criterion="bankruptcy",
                indicator=True,
                continuation="Driften videreføres av bostyrer",
            ),
            Answer(criterion="prof-misconduct", indicator=True, self_cleaning=False),
        ),
    )
    assert (
        by_code["fraud"].outcome is Outcome.NEEDS_REVIEW and "Ny ledelse" in by_code["fraud"].reason
    )
    assert by_code["bankruptcy"].outcome is Outcome.NEEDS_REVIEW
    assert by_code["prof-misconduct"].outcome is Outcome.FAILED
    assert "discretionary" in by_code["prof-misconduct"].reason
    assert overall(decisions) is Outcome.FAILED


def test_conviction_older_than_five_years_needs_review():
    by_code, _ = run(
        [], with_(CLEAN, Answer(criterion="fraud", indicator=True, date=date(2020, 1, 10)))
    )
    assert (
        by_code["fraud"].outcome is Outcome.NEEDS_REVIEW and "five years" in by_code["fraud"].reason
    )
    by_code, _ = run(
        [], with_(CLEAN, Answer(criterion="fraud", indicator=True, date=date(2023, 1, 10)))
    )
    assert by_code["fraud"].outcome is Outcome.FAILED


def test_missing_answer_means_incomplete():
    by_code, _ = run([Requirement(criterion="qualification")], CLEAN[1:])
    assert (
        by_code["crime-org"].outcome is Outcome.FAILED
        and "incomplete" in by_code["crime-org"].reason
    )
    assert by_code["qualification"].outcome is Outcome.FAILED


TURNOVER = Requirement(criterion="gen-year-to", minimum_amount=Decimal("5000000"), years=3)


def test_turnover_per_year():
    ok = Answer(criterion="gen-year-to", yearly=(year(2023, 6e6), year(2024, 5e6), year(2025, 7e6)))
    by_code, decisions = run([TURNOVER], with_(CLEAN, ok))
    assert by_code["gen-year-to"].outcome is Outcome.PASSED
    assert overall(decisions) is Outcome.PASSED
    low = Answer(
        criterion="gen-year-to", yearly=(year(2023, 6e6), year(2024, 4999999), year(2025, 7e6))
    )
    by_code, _ = run([TURNOVER], with_(CLEAN, low))
    assert by_code["gen-year-to"].outcome is Outcome.FAILED
    assert "NOK 4 999 999.00 in the year ending 2024-12-31" in by_code["gen-year-to"].reason


def test_turnover_on_average_and_missing_years():
    average = Requirement(
        criterion="gen-year-to", minimum_amount=Decimal("5000000"), years=3, per_year=False
    )
    answer = Answer(
        criterion="gen-year-to", yearly=(year(2023, 6e6), year(2024, 4e6), year(2025, 5.5e6))
    )
    by_code, _ = run([average], with_(CLEAN, answer))
    assert by_code["gen-year-to"].outcome is Outcome.PASSED
    short = Answer(criterion="gen-year-to", yearly=(year(2025, 9e6),))
    assert run([TURNOVER], with_(CLEAN, short))[0]["gen-year-to"].outcome is Outcome.FAILED
    young = Answer(criterion="gen-year-to", yearly=(year(2025, 9e6),), date=date(2024, 8, 1))
    assert run([TURNOVER], with_(CLEAN, young))[0]["gen-year-to"].outcome is Outcome.NEEDS_REVIEW
    future = Answer(
        criterion="gen-year-to", yearly=(year(2024, 9e6), year(2025, 9e6), year(2026, 9e6))
    )
    assert run([TURNOVER], with_(CLEAN, future))[0]["gen-year-to"].outcome is Outcome.FAILED
    euro = Answer(
        criterion="gen-year-to",
        yearly=(year(2023, 9e6, "EUR"), year(2024, 9e6, "EUR"), year(2025, 9e6, "EUR")),
    )
    assert run([TURNOVER], with_(CLEAN, euro))[0]["gen-year-to"].outcome is Outcome.NEEDS_REVIEW


def test_ratio_insurance_references_and_certificates():
    requirements = [
        Requirement(criterion="finan-rat", minimum_ratio=Decimal("1.5"), ratio_type="R17"),
        Requirement(criterion="indem-insu", minimum_amount=Decimal("10000000")),
        Requirement(criterion="supply-perform", minimum_count=2),
        Requirement(criterion="qu-certif-indep", description="ISO 9001"),
        Requirement(criterion="envir-certif-indep", description="ISO 14001"),
        Requirement(criterion="aver-year-to", minimum_amount=Decimal("1000000"), years=3),
        Requirement(criterion="qualification", description="Fagbrev"),
    ]
    answers = with_(
        CLEAN,
        Answer(criterion="finan-rat", ratio=Decimal("1.49")),
        Answer(criterion="indem-insu", amount=Decimal("5000000"), commitment=True),
        Answer(
            criterion="supply-perform",
            references=(Reference(description="A"), Reference(description="B")),
        ),
        Answer(
            criterion="qu-certif-indep",
            indicator=True,
            evidence=(Evidence(uri="https://cert.example/1"),),
        ),
        Answer(criterion="envir-certif-indep", indicator=False, description="Miljøfyrtårn"),
        Answer(criterion="aver-year-to", amount=Decimal("1000000")),
        Answer(criterion="qualification", description="Fagbrev i logistikk"),
    )
    by_code, decisions = run(requirements, answers)
    assert (
        by_code["finan-rat"].outcome is Outcome.FAILED
        and "(R17) 1.49 is below the minimum 1.5" in by_code["finan-rat"].reason
    )
    assert by_code["indem-insu"].outcome is Outcome.NEEDS_REVIEW
    assert by_code["supply-perform"].outcome is Outcome.PASSED
    assert by_code["qu-certif-indep"].outcome is Outcome.PASSED
    assert by_code["envir-certif-indep"].outcome is Outcome.NEEDS_REVIEW
    assert by_code["aver-year-to"].outcome is Outcome.PASSED
    assert by_code["qualification"].outcome is Outcome.NEEDS_REVIEW
    assert len(decisions) == 15  # the 8 mandatory grounds and the 7 requirements
    assert {d.criterion for d in decisions} >= {r.criterion for r in requirements}


def test_official_example_response():
    parsed = espd.parse_response((EDM / "xml-examples/ESPD-Response.xml").read_bytes())
    asked = espd.parse_request((EDM / "xml-examples/ESPD-Request.xml").read_bytes()).requirements
    by_code = {d.criterion: d for d in qualify(asked, parsed, now=NOW)}
    # the sample answers "yes" with self-cleaning to crime-org ...
    assert by_code["crime-org"].outcome is Outcome.NEEDS_REVIEW
    # ... only the evidence questions of tax-pay, not "Your answer" ...
    assert (
        by_code["tax-pay"].outcome is Outcome.FAILED and "incomplete" in by_code["tax-pay"].reason
    )
    # ... one year of turnover of three, with a set-up date ...
    assert by_code["gen-year-to"].outcome is Outcome.NEEDS_REVIEW
    assert "1 of 3 years; operator set up on 2000-01-01" in by_code["gen-year-to"].reason
    # ... and one reference where three are asked
    assert by_code["supply-perform"].outcome is Outcome.FAILED
    assert by_code["aver-year-to"].outcome is Outcome.PASSED
    assert by_code["finan-rat"].outcome is Outcome.PASSED


def test_now_must_be_aware():
    parsed = espd.parse_response((EDM / "xml-examples/ESPD-Response.xml").read_bytes())
    with pytest.raises(ValueError, match="timezone-aware"):
        qualify([], parsed, now=datetime(2026, 4, 20))


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(amounts, min_size=3, max_size=3), minimum=amounts, per_year=st.booleans())
def test_turnover_decision_is_the_rule(values, minimum, per_year):
    requirement = Requirement(
        criterion="gen-year-to", minimum_amount=minimum, years=3, per_year=per_year
    )
    answer = Answer(
        criterion="gen-year-to", yearly=tuple(year(2023 + i, v) for i, v in enumerate(values))
    )
    outcome = run([requirement], with_(CLEAN, answer))[0]["gen-year-to"].outcome
    meets = min(values) >= minimum if per_year else sum(values) / 3 >= minimum
    assert outcome is (Outcome.PASSED if meets else Outcome.FAILED)


@settings(max_examples=30, deadline=None)
@given(
    answers=st.lists(st.sampled_from([None, False, True]), min_size=8, max_size=8),
    cleaning=st.booleans(),
)
def test_exclusion_outcome_follows_the_answer(answers, cleaning):
    codes = [a.criterion for a in CLEAN]
    given_answers = [
        Answer(criterion=code, indicator=value, self_cleaning=cleaning if value else None)
        for code, value in zip(codes, answers, strict=True)
        if value is not None
    ]
    if not given_answers:
        return  # an ESPD response answers at least one question
    by_code, decisions = run([], given_answers)
    for code, value in zip(codes, answers, strict=True):
        expected = {None: Outcome.FAILED, False: Outcome.PASSED}.get(
            value, Outcome.NEEDS_REVIEW if cleaning else Outcome.FAILED
        )
        assert by_code[code].outcome is expected
    assert (overall(decisions) is Outcome.PASSED) == all(v is False for v in answers)


def test_overall_per_lot():
    procurement = Procurement(
        procedure_id=PROCUREMENT.procedure_id,
        title="To delkontrakter",
        description="x",
        buyer=PROCUREMENT.buyer,
        lots=("LOT-0001", "LOT-0002"),
    )
    asked = [
        Requirement(criterion="qu-certif-indep", description="ISO 9001", lot="LOT-0001"),
        Requirement(criterion="envir-certif-indep", description="ISO 14001", lot="LOT-0002"),
    ]
    request_xml = espd.request(procurement, asked, issued=NOW)
    answers = with_(
        CLEAN,
        Answer(criterion="qu-certif-indep", indicator=True, lot="LOT-0001"),
        Answer(criterion="envir-certif-indep", indicator=False, lot="LOT-0002"),
    )
    parsed = espd.parse_response(
        espd.response(
            request_xml,
            [completed(a) for a in answers],
            operator=OPERATOR,
            issued=NOW,
            lot="LOT-0001",
        )
    )
    decisions = qualify(espd.parse_request(request_xml).requirements, parsed, now=NOW)
    assert {d.lot for d in decisions} == {None, "LOT-0001", "LOT-0002"}
    assert overall(decisions, lot="LOT-0001") is Outcome.PASSED
    # "no" to the certificate must say which other means of proof the operator offers
    # (BR-TCR-07-01; Directive 2014/24/EU Art. 62(2)): that is for the buyer to review
    assert overall(decisions, lot="LOT-0002") is Outcome.NEEDS_REVIEW
    assert overall(decisions) is Outcome.NEEDS_REVIEW


ratios = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=30, deadline=None)
@given(ratio=ratios, minimum=ratios, cover=amounts, minimum_cover=amounts, commitment=st.booleans())
def test_ratio_and_insurance_follow_the_threshold(ratio, minimum, cover, minimum_cover, commitment):
    requirements = [
        Requirement(criterion="finan-rat", minimum_ratio=minimum),
        Requirement(criterion="indem-insu", minimum_amount=minimum_cover),
    ]
    answers = with_(
        CLEAN,
        Answer(criterion="finan-rat", ratio=ratio),
        Answer(criterion="indem-insu", amount=cover, commitment=commitment),
    )
    by_code, _ = run(requirements, answers)
    assert by_code["finan-rat"].outcome is (Outcome.PASSED if ratio >= minimum else Outcome.FAILED)
    expected = (
        Outcome.PASSED
        if cover >= minimum_cover
        else (Outcome.NEEDS_REVIEW if commitment else Outcome.FAILED)
    )
    assert by_code["indem-insu"].outcome is expected
