"""ESPD-EDM v4.1.0: catalogue, request and response against the official XSDs and examples."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import espd, xml
from heldigital.espd import (
    Answer,
    EspdError,
    Evidence,
    Party,
    Period,
    Procurement,
    Reference,
    Requirement,
    Section,
    Threshold,
    YearAmount,
    criteria,
)
from heldigital.espd._generate import generate

EDM = Path(__file__).resolve().parents[3].parent / "shared/corpus/espd-edm/v4.1.0"
ISSUED = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def request_schema():
    return xml.load_schema(EDM / "ubl-2.3/xsd/maindoc/UBL-QualificationApplicationRequest-2.3.xsd")


@pytest.fixture(scope="module")
def response_schema():
    return xml.load_schema(EDM / "ubl-2.3/xsd/maindoc/UBL-QualificationApplicationResponse-2.3.xsd")


def year(y: int, amount: str) -> YearAmount:
    return YearAmount(Period(date(y, 1, 1), date(y, 12, 31)), Decimal(amount))


PROCUREMENT = Procurement(
    procedure_id="3f1d2c4b-8a6e-4f7d-9b0a-1c2d3e4f5a6b",
    title="Kontorrekvisita",
    description="Rammeavtale om kontorrekvisita",
    buyer=Party(
        name="Oslo kommune", orgnr="958 935 420", city="Oslo", email="innkjop@oslo.kommune.no"
    ),
    lots=("LOT-0001", "LOT-0002"),
    notice_id="2bfb9da7-980e-4389-adee-da1978286be7",
)
REQUIREMENTS = [
    Requirement(criterion="bankruptcy"),
    Requirement(criterion="prof-misconduct"),
    Requirement(criterion="partic-confl"),
    Requirement(
        criterion="gen-year-to", minimum_amount=Decimal("5000000"), years=3, lot="LOT-0001"
    ),
    Requirement(
        criterion="aver-year-to", minimum_amount=Decimal("4000000"), years=3, lot="LOT-0002"
    ),
    Requirement(
        criterion="finan-rat", minimum_ratio=Decimal("1.5"), ratio_type="R17", lot="LOT-0001"
    ),
    Requirement(
        criterion="indem-insu",
        minimum_amount=Decimal("10000000"),
        description="Ansvar",
        lot="LOT-0001",
    ),
    Requirement(criterion="supply-perform", minimum_count=3, lot="LOT-0001"),
    Requirement(criterion="qualification", description="Fagbrev", lot="LOT-0001"),
    Requirement(criterion="qu-certif-indep", description="ISO 9001", lot="LOT-0001"),
]
OPERATOR = Party(name="Kontorleverandøren AS", orgnr="974 760 673", sme=True, city="Bergen")
ANSWERS = [
    Answer(criterion="crime-org", indicator=False),
    Answer(
        criterion="corruption",
        indicator=True,
        date=date(2023, 5, 1),
        description="Bot for bestikkelse",
        convicted="Tidligere daglig leder",
        exclusion_period=Period(date(2023, 5, 1), date(2028, 4, 30)),
        self_cleaning=True,
        self_cleaning_description="Ny ledelse og compliance-program",
    ),
    Answer(
        criterion="tax-pay",
        indicator=False,
        evidence=(Evidence(uri="https://skatteetaten.no/attest/1", issuer="Skatteetaten"),),
    ),
    Answer(
        criterion="bankruptcy",
        indicator=True,
        description="Konkursbo",
        continuation="Driften videreføres",
    ),
    Answer(
        criterion="gen-year-to",
        yearly=(year(2023, "6000000"), year(2024, "7000000.50"), year(2025, "5500000")),
    ),
    Answer(criterion="aver-year-to", amount=Decimal("6100000")),
    Answer(criterion="finan-rat", ratio=Decimal("1.72")),
    Answer(criterion="indem-insu", amount=Decimal("20000000"), commitment=False),
    Answer(
        criterion="supply-perform",
        references=(
            Reference(
                description="Bergen kommune",
                amount=Decimal("1200000"),
                period=Period(date(2024, 1, 1), date(2025, 6, 30)),
                recipient="Bergen kommune",
            ),
            Reference(description="Vestland fylke"),
        ),
    ),
    Answer(criterion="qualification", description="Fagbrev i logistikk"),
    Answer(criterion="qu-certif-indep", indicator=True),
]


# --- catalogue ------------------------------------------------------------------------------


def test_the_taxonomy_module_is_generated_from_the_official_file():
    committed = Path(espd.criteria.__file__).with_name("_taxonomy.py").read_text(encoding="utf-8")
    assert generate(EDM / "xml-examples/ESPD-criterion.xml") == committed


def test_catalogue_has_the_official_identifiers():
    assert len(criteria.CATALOGUE) == 62
    assert len(criteria.exclusion_grounds()) == 24
    assert len(criteria.selection_criteria()) == 31
    crime = criteria.get("crime-org")
    assert crime.id == "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab"
    assert crime.section is Section.EXCLUSION and crime.mandatory_exclusion
    assert criteria.by_id("499efc97-2ac1-4af2-9e84-323c2ca67747").code == "gen-year-to"
    assert criteria.get("gen-year-to").threshold is Threshold.YEARLY_TURNOVER
    assert criteria.get("indem-insu").threshold is Threshold.AMOUNT
    assert criteria.get("prof-misconduct").mandatory_exclusion is False
    assert "57(4)(c)" in criteria.get("prof-misconduct").legal_basis
    with pytest.raises(KeyError, match="unknown ESPD criterion"):
        criteria.get("no-such")


def test_every_criterion_has_a_main_question():
    for criterion in criteria.CATALOGUE.values():
        roles = criterion.roles
        assert roles.evidence or criterion.code == "spec-req-check" or roles.answer, criterion.code
        if criterion.section is Section.EXCLUSION:
            assert roles.answer, criterion.code
        if criterion.threshold in (Threshold.YEARLY_TURNOVER, Threshold.AVERAGE_TURNOVER):
            assert roles.minimum_amount and roles.years and roles.amount, criterion.code


# --- request --------------------------------------------------------------------------------


def test_request_validates_and_reads_back(request_schema):
    data = espd.request(PROCUREMENT, REQUIREMENTS, issued=ISSUED, document_id=uuid.UUID(int=7))
    request_schema.assertValid(xml.parse(data))
    parsed = espd.parse_request(data)
    assert parsed.procedure_id == PROCUREMENT.procedure_id
    assert parsed.lots == ("LOT-0001", "LOT-0002")
    assert parsed.buyer.orgnr == "958935420"
    assert parsed.issued == date(2026, 3, 2)
    codes = [r.criterion for r in parsed.requirements]
    # the mandatory grounds of Art. 57(1) and (2) are always asked
    for code in (
        "crime-org",
        "corruption",
        "fraud",
        "terr-offence",
        "finan-laund",
        "human-traffic",
        "tax-pay",
        "socsec-pay",
    ):
        assert code in codes
    by_code = {r.criterion: r for r in parsed.requirements}
    for requirement in REQUIREMENTS:
        assert by_code[requirement.criterion] == requirement
    assert b"CHECK_BOX_TRUE" in data and b"TED_CN" in data


def test_request_refuses_bad_input():
    with pytest.raises(EspdError, match="twice"):
        espd.request(PROCUREMENT, [Requirement(criterion="bankruptcy")] * 2, issued=ISSUED)
    with pytest.raises(EspdError, match="unknown lot"):
        espd.request(
            PROCUREMENT, [Requirement(criterion="qualification", lot="LOT-0009")], issued=ISSUED
        )
    with pytest.raises(EspdError, match="timezone-aware"):
        espd.request(PROCUREMENT, [], issued=datetime(2026, 3, 2))
    with pytest.raises(EspdError, match="unknown ESPD criterion"):
        Requirement(criterion="no-such")
    with pytest.raises(EspdError, match="no such threshold"):
        Requirement(criterion="bankruptcy", minimum_amount=Decimal(1))
    with pytest.raises(EspdError, match="both the minimum amount and the number of years"):
        Requirement(criterion="gen-year-to", minimum_amount=Decimal(1))
    with pytest.raises(EspdError, match="per year and on average"):
        Requirement(criterion="spec-year-to", minimum_amount=Decimal(1), years=3, per_year=False)
    with pytest.raises(EspdError, match="not a requirement"):
        Requirement(criterion="sme")
    with pytest.raises(EspdError, match="non-negative"):
        Requirement(criterion="indem-insu", minimum_amount=Decimal(-1))
    with pytest.raises(EspdError, match="organisation number"):
        Party(name="X", orgnr="123456789")


def test_official_request_example_reads():
    parsed = espd.parse_request((EDM / "xml-examples/ESPD-Request.xml").read_bytes())
    by_code = {r.criterion: r for r in parsed.requirements}
    assert len(parsed.requirements) == 55 and parsed.unknown_criteria == ()
    assert by_code["gen-year-to"].minimum_amount == Decimal("100000")
    assert by_code["gen-year-to"].currency == "EUR" and by_code["gen-year-to"].years == 3
    assert by_code["gen-year-to"].per_year is True  # the sample writes CHECKBOX_TRUE
    assert by_code["finan-rat"].minimum_ratio == Decimal("0.5")
    assert by_code["supply-perform"].minimum_count == 3


# --- response -------------------------------------------------------------------------------


def test_response_validates_and_parses_back(response_schema):
    request_xml = espd.request(PROCUREMENT, REQUIREMENTS, issued=ISSUED)
    data = espd.response(
        request_xml,
        ANSWERS,
        operator=OPERATOR,
        issued=datetime(2026, 3, 20, 9, tzinfo=UTC),
        lot="LOT-0001",
    )
    response_schema.assertValid(xml.parse(data))
    parsed = espd.parse_response(data)
    assert parsed.procedure_id == PROCUREMENT.procedure_id
    assert parsed.operator.orgnr == "974760673" and parsed.operator.sme is True
    assert parsed.buyer.name == "Oslo kommune"
    assert set(parsed.requested) >= {r.criterion for r in REQUIREMENTS}
    assert parsed.answer("crime-org").indicator is False
    corruption = parsed.answer("corruption")
    assert (corruption.indicator, corruption.self_cleaning, corruption.date) == (
        True,
        True,
        date(2023, 5, 1),
    )
    assert corruption.self_cleaning_description == "Ny ledelse og compliance-program"
    assert parsed.answer("bankruptcy").continuation == "Driften videreføres"
    assert [y.amount for y in parsed.answer("gen-year-to").yearly] == [
        Decimal("6000000"),
        Decimal("7000000.50"),
        Decimal("5500000"),
    ]
    assert parsed.answer("gen-year-to").yearly[0].period == Period(
        date(2023, 1, 1), date(2023, 12, 31)
    )
    assert parsed.answer("aver-year-to").amounts == [(Decimal("6100000"), "NOK")]
    assert parsed.answer("finan-rat").ratio == Decimal("1.72")
    assert parsed.answer("indem-insu").commitment is False
    assert parsed.answer("supply-perform").references == 2
    assert parsed.answer("qualification").description == "Fagbrev i logistikk"
    assert parsed.answer("qu-certif-indep").indicator is True
    (evidence_id,) = parsed.answer("tax-pay").evidence_ids
    assert parsed.evidence[evidence_id].uri == "https://skatteetaten.no/attest/1"
    assert parsed.evidence[evidence_id].issuer == "Skatteetaten"
    assert parsed.answer("fraud") is None  # asked, not answered


def test_response_refuses_answers_the_request_does_not_ask():
    request_xml = espd.request(PROCUREMENT, [], issued=ISSUED)
    with pytest.raises(EspdError, match="does not ask for criterion 'gen-year-to'"):
        espd.response(
            request_xml,
            [Answer(criterion="gen-year-to", amount=Decimal(1))],
            operator=OPERATOR,
            lot="LOT-0001",
            issued=ISSUED,
        )
    with pytest.raises(EspdError, match="answered twice"):
        espd.response(
            request_xml,
            [Answer(criterion="fraud", indicator=False)] * 2,
            operator=OPERATOR,
            lot="LOT-0001",
            issued=ISSUED,
        )
    with pytest.raises(EspdError, match="at least one question"):
        espd.response(request_xml, [], operator=OPERATOR, issued=ISSUED, lot="LOT-0001")
    with pytest.raises(EspdError, match="does not ask for ratio"):
        Answer(criterion="crime-org", ratio=Decimal(1))
    with pytest.raises(EspdError, match="does not ask for yearly"):
        Answer(criterion="aver-year-to", yearly=(year(2024, "1"),))
    with pytest.raises(EspdError, match="not an ESPD QualificationApplicationRequest"):
        espd.response(b"<x/>", ANSWERS, operator=OPERATOR, issued=ISSUED)


def test_official_response_example_parses(response_schema):
    data = (EDM / "xml-examples/ESPD-Response.xml").read_bytes()
    response_schema.assertValid(xml.parse(data))
    parsed = espd.parse_response(data, source="ESPD-Response.xml")
    assert parsed.procedure_id == "PP.20170419.1024-9"
    assert parsed.operator.name == "__Procurer Official Name__" and parsed.operator.country == "BEL"
    assert len(parsed.criteria) == 62
    crime = parsed.answer("crime-org")
    assert (crime.indicator, crime.self_cleaning, crime.date) == (True, True, date(2000, 1, 1))
    turnover = parsed.answer("gen-year-to")
    assert turnover.yearly == [
        YearAmount(Period(date(2017, 1, 1), date(2017, 12, 12)), Decimal("1000000000"), "EUR")
    ]
    assert parsed.answer("finan-rat").ratio == Decimal("0.7")
    assert parsed.answer("supply-perform").references == 1
    evidence = parsed.answer("crime-org").evidence_ids[0]
    assert parsed.evidence[evidence].uri.startswith("http:dod.gov.usa")


def test_parse_response_refuses_bad_documents():
    request_xml = espd.request(PROCUREMENT, [], issued=ISSUED)
    data = espd.response(
        request_xml,
        [Answer(criterion="fraud", indicator=False)],
        operator=OPERATOR,
        issued=ISSUED,
        lot="LOT-0001",
    )
    broken = data.replace(b"<cbc:ResponseIndicator>false", b"<cbc:ResponseIndicator>perhaps")
    with pytest.raises(EspdError, match="not a boolean"):
        espd.parse_response(broken)
    stray = data.replace(
        b">C3_EG_fraud/QG1/Q1</cbc:ValidatedCriterionPropertyID>",
        b">X/Q1</cbc:ValidatedCriterionPropertyID>",
    )
    with pytest.raises(EspdError, match="unknown property"):
        espd.parse_response(stray)
    with pytest.raises(EspdError, match="not an ESPD QualificationApplicationResponse"):
        espd.parse_response(request_xml)
    with pytest.raises(xml.DocumentError):
        espd.parse_response(b"<QualificationApplicationResponse")
    old = (
        EDM.parent
        / "v2.1.1/docs/src/main/asciidoc/modules/ROOT/dist/xml/BASIC-ESPDResponse-2.1.1.xml"
    ).read_bytes()
    with pytest.raises(EspdError, match="not supported"):
        espd.parse_response(old)


def test_description_travels_where_the_taxonomy_has_a_place_for_it():
    with_place = Requirement(
        criterion="spec-year-to", minimum_amount=Decimal(1), years=3, description="IT-drift"
    )
    without = Requirement(
        criterion="gen-year-to", minimum_amount=Decimal(1), years=3, description="Omsetning"
    )
    assert with_place.has_description and not without.has_description
    procurement = Procurement(
        procedure_id="p-1", title="t", description="d", buyer=PROCUREMENT.buyer, lots=("LOT-0000",)
    )
    data = espd.request(procurement, [with_place, without], issued=ISSUED)
    read = {r.criterion: r for r in espd.parse_request(data).requirements}
    assert read["spec-year-to"].description == "IT-drift"
    assert read["gen-year-to"].description == ""
    assert b"Omsetning" not in data


def test_free_text_keeps_its_inner_whitespace():
    request_xml = espd.request(PROCUREMENT, [], issued=ISSUED)
    text = "Dom 2024:\n  bot\xa0NOK 50 000"
    data = espd.response(
        request_xml,
        [
            Answer(
                criterion="fraud",
                indicator=True,
                description=text,
                date=date(2024, 2, 1),
                convicted="Daglig leder",
                exclusion_period=Period(date(2024, 2, 1), date(2029, 1, 31)),
            )
        ],
        operator=OPERATOR,
        issued=ISSUED,
        lot="LOT-0001",
    )
    assert espd.parse_response(data).answer("fraud").description == text
