"""eForms notices: XSD validity per subtype, round trip, change and cancellation notices."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import eforms, xml
from heldigital.eforms import (
    Address,
    AwardCriterion,
    AwardCriterionKind,
    Buyer,
    Change,
    Contact,
    ContractKind,
    Language,
    Lot,
    NoticeError,
    NoticeRef,
    Organisation,
    Procedure,
    Procurement,
    Regime,
    SelectionCriterion,
    TimeLimits,
)

SDK = Path(__file__).resolve().parents[3].parent / "shared/corpus/eforms-sdk/1.16.0-SNAPSHOT"
ISSUED = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def schema():
    return xml.load_schema(SDK / "schemas/maindoc/UBL-ContractNotice-2.3.xsd")


def make(
    regime: Regime = Regime.EEA, procedure: Procedure = Procedure.OPEN, **changes
) -> Procurement:
    national = regime is not Regime.EEA
    environment = AwardCriterionKind.QUALITY_ENVIRONMENT
    fields = dict(
        procedure_id=uuid.UUID("3f1d2c4b-8a6e-4f7d-9b0a-1c2d3e4f5a6b"),
        reference="HD-2026-0042",
        title="Kontorrekvisita og papir",
        description="Rammeavtale om kontorrekvisita for Oslo kommune.",
        buyer=Buyer(
            name="Oslo kommune",
            orgnr="958 935 420",
            address=Address(
                street="Rådhusplassen 1", city="Oslo", postal_zone="0037", nuts="NO081"
            ),
            contact=Contact(
                name="Kari Nordmann", email="kari@oslo.kommune.no", telephone="+47 21802180"
            ),
            legal_type="la",
        ),
        nature=ContractKind.GOODS,
        procedure=procedure,
        regime=regime,
        main_cpv="30190000",
        additional_cpv=("30197600",),
        estimated_value=Decimal("4500000"),
        time_limits=TimeLimits(
            tender_deadline=datetime(2026, 4, 14, 10, 0, tzinfo=UTC),
            questions_deadline=datetime(2026, 4, 7, 10, 0, tzinfo=UTC),
            tender_validity_days=120,
            request_deadline=(
                datetime(2026, 3, 24, 10, 0, tzinfo=UTC)
                if procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATION)
                else None
            ),
        ),
        minimum_candidates=(
            5 if procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATION) else None
        ),
        lots=(
            Lot(
                title="Papir",
                description="Kopipapir A4 og A3",
                main_cpv="30197600",
                estimated_value=Decimal("3000000"),
                duration_months=24,
            ),
            Lot(
                title="Rekvisita",
                description="Penner, permer og annet",
                main_cpv="30190000",
                estimated_value=Decimal("1500000.50"),
                duration_months=24,
            ),
        ),
        award_criteria=(
            AwardCriterion(
                kind=AwardCriterionKind.PRICE,
                name="Pris",
                weight=Decimal(60),
                description="Samlet pris etter prisskjemaet",
            ),
            AwardCriterion(
                kind=environment if national else AwardCriterionKind.QUALITY,
                name="Klima og miljø",
                weight=Decimal(30),
                description="Klimaavtrykk fra transport",
            ),
            AwardCriterion(
                kind=AwardCriterionKind.QUALITY,
                name="Service",
                weight=Decimal(10),
                description="Responstid ved bestilling",
            ),
        ),
        # TED takes the official EU languages (BR-BT-00702-0102); Doffin national: NOR.
        language=Language.NOR if national else Language.ENG,
        selection_criteria=(
            SelectionCriterion(
                code="slc-stand-to-gen",
                name="Omsetning",
                description="Minst NOK 5 000 000 i årlig omsetning de siste tre årene.",
            ),
        ),
        documents_url="https://heldigital.example/konkurranser/42/dokumenter",
        submission_url="https://heldigital.example/konkurranser/42/tilbud",
        review_body=Organisation(
            name="Oslo tingrett",
            orgnr="926 725 939",
            address=Address(city="Oslo", postal_zone="0158", nuts="NO081"),
        ),
    )
    fields.update(changes)
    return Procurement(**fields)


CASES = [
    ("16", Regime.EEA, Procedure.OPEN, "open"),
    ("16", Regime.EEA, Procedure.RESTRICTED, "restricted"),
    ("16", Regime.EEA, Procedure.NEGOTIATION, "neg-w-call"),
    ("E3", Regime.NATIONAL, Procedure.NATIONAL, "oth-single"),
    ("E3", Regime.NATIONAL, Procedure.OPEN, "open"),
    ("E3", Regime.BELOW_NATIONAL, Procedure.NATIONAL, "oth-single"),
]


@pytest.mark.parametrize(("subtype", "regime", "procedure", "code"), CASES)
def test_contract_notice_validates_and_round_trips(schema, subtype, regime, procedure, code):
    procurement = make(regime, procedure)
    notice_id = uuid.uuid4()
    data = eforms.contract_notice(procurement, issued=ISSUED, notice_id=notice_id)
    schema.assertValid(xml.parse(data))
    assert eforms.check(data) == []

    summary = eforms.read_notice(data)
    assert summary.subtype == subtype == eforms.subtype_for(procurement)
    assert summary.notice_id == notice_id and summary.version == 1
    assert summary.procedure_id == str(procurement.procedure_id)
    assert summary.procedure_code == code
    assert summary.title == procurement.title and summary.description == procurement.description
    assert summary.nature == "supplies"
    assert (summary.main_cpv, summary.additional_cpv) == ("30190000", ("30197600",))
    assert (summary.estimated_value, summary.currency) == (Decimal("4500000"), "NOK")
    assert (summary.buyer_name, summary.buyer_orgnr) == ("Oslo kommune", "958935420")
    assert summary.issued == ISSUED
    assert [lot.lot_id for lot in summary.lots] == ["LOT-0001", "LOT-0002"]
    assert summary.lots[1].estimated_value == Decimal("1500000.50")
    if procurement.two_stage:  # BT-1311 only; the invitation to tender gives BT-131
        assert summary.lots[0].tender_deadline is None
        assert summary.lots[0].request_deadline == procurement.time_limits.request_deadline
    else:
        assert summary.lots[0].tender_deadline == procurement.time_limits.tender_deadline
    assert summary.lots[0].questions_deadline == procurement.time_limits.questions_deadline
    assert [w for _, _, w in summary.lots[0].award_criteria] == [
        Decimal(60),
        Decimal(30),
        Decimal(10),
    ]
    assert summary.lots[0].selection_criteria == ("slc-stand-to-gen",)
    if subtype == "E3":
        assert summary.customization.endswith("urn:fdc:anskaffelser.no:2026:eforms:national-e")
        expected = "Del 1 og 2" if regime is Regime.NATIONAL else "Del 1"
        assert summary.legal_basis.endswith(expected)
        assert summary.lots[0].award_criteria[1][0] == "quality-nor-env-criteria"
    else:
        assert summary.customization == "eforms-sdk-1.16"
        assert summary.legal_basis is None


def test_deadlines_are_written_in_oslo_time_with_offset():
    data = eforms.contract_notice(make(), issued=ISSUED).decode()
    assert "<cbc:EndDate>2026-04-14+02:00</cbc:EndDate>" in data  # summer time
    assert "<cbc:EndTime>12:00:00+02:00</cbc:EndTime>" in data
    assert "<cbc:IssueTime>09:30:00+01:00</cbc:IssueTime>" in data  # winter time


def test_english_notice():
    data = eforms.contract_notice(make(language=Language.ENG), issued=ISSUED)
    assert eforms.read_notice(data).language == "ENG"
    assert b'languageID="ENG"' in data and b'languageID="NOR"' not in data


@pytest.mark.parametrize("regime", [Regime.EEA, Regime.NATIONAL])
def test_change_notice_refers_to_the_changed_notice(schema, regime):
    procedure = Procedure.OPEN
    original = make(regime, procedure)
    first = eforms.read_notice(eforms.contract_notice(original, issued=ISSUED))
    later = dataclasses.replace(
        original,
        time_limits=dataclasses.replace(
            original.time_limits, tender_deadline=datetime(2026, 4, 21, 10, 0, tzinfo=UTC)
        ),
    )
    ref = NoticeRef(first.notice_id, first.version)
    data = eforms.change_notice(
        later,
        previous=ref,
        changes=[Change("Tilbudsfristen er forlenget", "LOT-0001"), Change("Ny frist", "LOT-0002")],
        reason="Forlenget frist etter spørsmål",
        issued=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
    )
    schema.assertValid(xml.parse(data))
    assert eforms.check(data) == []
    changed = eforms.read_notice(data)
    assert changed.procedure_id == first.procedure_id
    assert changed.changed_notice == f"{first.notice_id}-01"
    assert changed.notice_id != first.notice_id
    assert changed.change_reason == "update-add"
    assert changed.changed_sections == ("LOT-0001", "LOT-0002")
    assert changed.lots[0].tender_deadline == datetime(2026, 4, 21, 10, 0, tzinfo=UTC)


def test_resubmitted_notice_keeps_its_id_with_the_next_version(schema):
    notice_id = uuid.uuid4()
    data = eforms.contract_notice(make(), issued=ISSUED, notice_id=notice_id, version=2)
    schema.assertValid(xml.parse(data))
    summary = eforms.read_notice(data)
    assert (summary.notice_id, summary.version) == (notice_id, 2)
    assert NoticeRef(notice_id, 2).identifier == f"{notice_id}-02"


@pytest.mark.parametrize("regime", [Regime.EEA, Regime.BELOW_NATIONAL])
def test_cancellation_notice(schema, regime):
    procurement = make(regime)
    first = eforms.read_notice(eforms.contract_notice(procurement, issued=ISSUED))
    data = eforms.cancellation_notice(
        procurement,
        previous=NoticeRef(first.notice_id, 1),
        reason="Behovet er falt bort",
        issued=datetime(2026, 3, 20, 9, 0, tzinfo=UTC),
    )
    schema.assertValid(xml.parse(data))
    summary = eforms.read_notice(data)
    assert summary.change_reason == "cancel"
    assert summary.changed_notice == f"{first.notice_id}-01"
    assert summary.changed_sections == ()


def test_change_notice_refuses_unknown_sections_and_missing_reason():
    ref = NoticeRef(uuid.uuid4())
    with pytest.raises(NoticeError, match="not part of the notice"):
        eforms.change_notice(
            make(), previous=ref, changes=[Change("x", "LOT-0009")], reason="r", issued=ISSUED
        )
    with pytest.raises(NoticeError, match="reason"):
        eforms.change_notice(
            make(), previous=ref, changes=[Change("x", "LOT-0001")], reason=" ", issued=ISSUED
        )
    with pytest.raises(NoticeError, match="at least one change"):
        eforms.change_notice(make(), previous=ref, changes=[], reason="r", issued=ISSUED)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"main_cpv": "3019000"}, "CPV"),
        ({"reference": " "}, "reference"),
        ({"lots": ()}, "at least one lot"),
        ({"estimated_value": -1}, "Decimal"),
        ({"currency": "EUR", "regime": Regime.NATIONAL, "procedure": Procedure.NATIONAL}, "NOK"),
        ({"procedure": Procedure.NATIONAL}, "not an EEA procedure"),
        (
            {
                "award_criteria": (
                    AwardCriterion(kind=AwardCriterionKind.PRICE, name="Pris", weight=Decimal(60)),
                    AwardCriterion(
                        kind=AwardCriterionKind.QUALITY, name="Kvalitet", weight=Decimal(30)
                    ),
                )
            },
            "add up to 100",
        ),
        (
            {
                "regime": Regime.NATIONAL,
                "award_criteria": (
                    AwardCriterion(kind=AwardCriterionKind.PRICE, name="Pris", weight=Decimal(100)),
                ),
            },
            "climate and environment",
        ),
        ({"lots": (Lot(title="A", description="B", main_cpv="30190000"),)}, "duration"),
        ({"documents_url": ""}, "BT-15"),
        (
            {"language": Language.ENG, "regime": Regime.NATIONAL, "procedure": Procedure.NATIONAL},
            "Norwegian",
        ),
    ],
)
def test_bad_input_is_refused(changes, message):
    with pytest.raises(NoticeError, match=message):
        make(**changes)


def test_bad_parts_are_refused():
    with pytest.raises(NoticeError, match="organisation number"):
        Buyer(name="X", orgnr="958935421")
    with pytest.raises(NoticeError, match="legal type"):
        Buyer(name="X", legal_type="kommune")
    with pytest.raises(NoticeError, match="timezone-aware"):
        TimeLimits(tender_deadline=datetime(2026, 4, 14, 10, 0))
    with pytest.raises(NoticeError, match="after the tender deadline"):
        TimeLimits(
            tender_deadline=datetime(2026, 4, 14, 10, 0, tzinfo=UTC),
            questions_deadline=datetime(2026, 4, 15, 10, 0, tzinfo=UTC),
        )
    with pytest.raises(NoticeError, match="BT-747"):
        SelectionCriterion(code="slc-nonsense", name="x", description="y")
    with pytest.raises(NoticeError, match="timezone-aware"):
        eforms.contract_notice(make(), issued=datetime(2026, 3, 2, 8, 30))


def test_read_notice_refuses_other_documents():
    with pytest.raises(NoticeError, match="not an eForms ContractNotice"):
        eforms.read_notice(
            b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>"
        )
    with pytest.raises(xml.DocumentError):
        eforms.read_notice(b"<ContractNotice")


def test_notice_breaking_a_business_rule_is_refused():
    review_body = Organisation(name="Oslo tingrett", address=Address(nuts="NO081"))
    with pytest.raises(NoticeError, match="BR-BT-00501-0022"):
        eforms.contract_notice(make(review_body=review_body), issued=ISSUED)
    # the same organisation is acceptable in a national notice
    national = make(Regime.NATIONAL, Procedure.NATIONAL, review_body=review_body)
    assert eforms.read_notice(eforms.contract_notice(national, issued=ISSUED)).subtype == "E3"
    # a deadline before dispatch is refused too
    with pytest.raises(NoticeError, match="HD-BT-131-after-BT-05"):
        eforms.contract_notice(make(), issued=datetime(2026, 4, 15, tzinfo=UTC))


def test_missing_review_body():
    with pytest.raises(NoticeError, match="review body"):
        make(review_body=None)
    national = eforms.contract_notice(
        make(Regime.NATIONAL, Procedure.NATIONAL, review_body=None), issued=ISSUED
    )
    assert eforms.check(national) == []
    data = eforms.contract_notice(make(), issued=ISSUED)

    without = re.sub(rb"<cac:AppealTerms>.*?</cac:AppealTerms>", b"", data, flags=re.S)
    assert {p.rule for p in eforms.check(without)} == {"HD-OPT-301-review-org"}


def test_norwegian_nuts_codes_are_checked():
    assert Address(nuts="NO0A2").nuts == "NO0A2"
    with pytest.raises(NoticeError, match="not a Norwegian NUTS 3 region"):
        Address(nuts="NO011")  # Oslo before the 2024 revision
    assert Address(country="SWE", nuts="SE110").nuts == "SE110"


def test_resubmitted_change_notice_and_bad_versions():
    ref = NoticeRef(uuid.uuid4())
    change_id = uuid.uuid4()
    data = eforms.change_notice(
        make(),
        previous=ref,
        changes=[Change("x", "LOT-0001")],
        reason="r",
        issued=ISSUED,
        notice_id=change_id,
        version=2,
    )
    summary = eforms.read_notice(data)
    assert (summary.notice_id, summary.version, summary.changed_notice) == (
        change_id,
        2,
        ref.identifier,
    )
    with pytest.raises(NoticeError, match="1 to 99"):
        NoticeRef(uuid.uuid4(), 100)
    with pytest.raises(NoticeError, match="UUID"):
        NoticeRef("not-a-uuid")
    with pytest.raises(NoticeError, match="1 to 99"):
        eforms.contract_notice(make(), issued=ISSUED, version=0)
