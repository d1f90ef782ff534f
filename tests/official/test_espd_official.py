"""ESPD requests and responses that the official ESPD-EDM 4.1.0 rules accept.

The oracle is the published ESPD-EDM v4.1.0 validation XSLTs (run in saxonche):
every request and response this library writes must produce no failed assert
and no report at all - fatal, error or warning. The official examples are run
first as the control: they must pass too, or the harness is broken.

The documents cover every criterion of the catalogue: requests ask for all of
them (with thresholds), over one lot and several, TED and national notices,
three procedure types; responses answer every criterion, with the yes/no
questions answered yes, no, and mixed by a fixed seed, filling exactly the
follow-up questions that the answer opens (a generic filler walks the
taxonomy, so no criterion is left out).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from heldigital import espd
from heldigital.espd import Party, Procurement, Requirement, criteria
from tests.conftest import corpus
from tests.lib.espd.answers import complete_answer
from tests.official.saxon import run

EDM = corpus("espd-edm", "v4.1.0")
ISSUED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
BUYER = Party(
    name="Oslo kommune", orgnr="958 935 420", city="Oslo", email="innkjop@oslo.kommune.no"
)
OPERATOR = Party(name="Kontorleverandøren AS", orgnr="974 760 673", sme=True, city="Bergen")
CHECKED = {"requests": 0, "responses": 0}


def _xslts(kind: str) -> list:
    return sorted((EDM / "validation" / kind / "xsl").glob("*.xsl"))


def _failures(kind: str, document: bytes) -> list[str]:
    return [
        f"{x.name}: {f.id or '(no id)'} [{f.flag}] {f.text} at {f.location}"
        for x in _xslts(kind)
        for f in run(x, document)
    ]


@pytest.mark.parametrize(
    ("kind", "example"),
    [("ESPDRequest", "ESPD-Request.xml"), ("ESPDResponse", "ESPD-Response.xml")],
)
def test_the_official_examples_pass_the_official_rules(kind, example):
    assert _failures(kind, (EDM / "xml-examples" / example).read_bytes()) == []


def _requirement(criterion: criteria.Criterion, lot: str) -> Requirement:
    if criterion.section is not criteria.Section.SELECTION:
        return Requirement(criterion=criterion.code)
    threshold = criterion.threshold
    kwargs: dict = {"criterion": criterion.code, "lot": lot}
    if threshold is criteria.Threshold.YEARLY_TURNOVER:
        kwargs.update(minimum_amount=Decimal("5000000"), years=3, per_year=True)
    elif threshold is criteria.Threshold.AVERAGE_TURNOVER:
        kwargs.update(minimum_amount=Decimal("4000000"), years=3)
    elif threshold is criteria.Threshold.RATIO:
        kwargs.update(minimum_ratio=Decimal("1.5"), ratio_type="R17")
    elif threshold is criteria.Threshold.AMOUNT:
        kwargs.update(minimum_amount=Decimal("10000000"))
    elif threshold is criteria.Threshold.REFERENCES:
        kwargs.update(minimum_count=3)
    requirement = Requirement(**kwargs)
    return requirement


PROCUREMENTS = [
    Procurement(
        procedure_id="3f1d2c4b-8a6e-4f7d-9b0a-1c2d3e4f5a6b",
        title="Kontorrekvisita",
        description="Rammeavtale om kontorrekvisita",
        buyer=BUYER,
        notice_id="2bfb9da7-980e-4389-adee-da1978286be7-01",
    ),
    Procurement(
        procedure_id="a1b2c3d4-0000-4000-8000-000000000001",
        title="Renhold",
        description="Renholdstjenester i to delkontrakter",
        buyer=BUYER,
        procedure="restricted",
        lots=("LOT-0001", "LOT-0002"),
        notice_id="7c9e6679-7425-40de-944b-e07fc1f90ae7-01",
        ted_publication_id="2026/S 045-123456",
    ),
    Procurement(
        procedure_id="a1b2c3d4-0000-4000-8000-000000000002",
        title="Skoleskyss",
        description="Nasjonal konkurranse",
        buyer=BUYER,
        procedure="neg-w-call",
        notice_id="0f8fad5b-d9cb-469f-a165-70867728950e-01",
        national_notice=True,
    ),
]


def _request(procurement: Procurement) -> bytes:
    requirements = [
        _requirement(c, procurement.lots[i % len(procurement.lots)])
        for i, c in enumerate(criteria.CATALOGUE.values())
        if not c.mandatory_exclusion and c.section is not criteria.Section.OTHER
    ]
    return espd.request(procurement, requirements, issued=ISSUED)


@pytest.mark.parametrize("procurement", PROCUREMENTS, ids=lambda p: p.title)
def test_requests_pass_the_official_rules(procurement):
    data = _request(procurement)
    CHECKED["requests"] += 1
    assert _failures("ESPDRequest", data) == []


@pytest.mark.parametrize(
    ("procurement", "mode"),
    [
        (PROCUREMENTS[0], "yes"),
        (PROCUREMENTS[0], "no"),
        (PROCUREMENTS[1], "mixed"),
        (PROCUREMENTS[2], "mixed"),
    ],
    ids=lambda v: v.title if isinstance(v, Procurement) else v,
)
def test_responses_pass_the_official_rules(procurement, mode):
    rng = random.Random(f"{procurement.procedure_id}-{mode}")
    request_xml = _request(procurement)
    answers = [
        complete_answer(c, rng, mode)
        for c in criteria.CATALOGUE.values()
        if c.code in {r.criterion for r in espd.parse_request(request_xml).requirements}
    ]
    data = espd.response(
        request_xml,
        answers,
        operator=OPERATOR,
        issued=datetime(2026, 3, 20, 9, tzinfo=UTC),
        lot=procurement.lots[-1],
    )
    CHECKED["responses"] += 1
    assert _failures("ESPDResponse", data) == []
    # what was written reads back
    parsed = espd.parse_response(data)
    for answer in answers:
        read = parsed.answer(answer.criterion)
        assert read is not None
        written = {pid for pid, _ in answer.values}
        assert written <= {v.property_id for v in read.values}


def test_zz_print_counts(capsys):
    with capsys.disabled():  # shown in every run, not only with -s
        print(
            f"\nESPD-EDM 4.1.0 official rules: {CHECKED['requests']} requests and "
            f"{CHECKED['responses']} responses checked, 0 failed asserts"
        )
    assert CHECKED["requests"] >= len(PROCUREMENTS)
