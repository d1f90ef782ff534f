"""Every notice and ESPD request the tendering app produces validates against the
official schemas: eForms SDK 1.16 (UBL 2.3 ContractNotice) and ESPD-EDM v4.1.0."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import eforms, espd, xml
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import EspdRequest, Notice
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import EEA_NOTICE, complete_contents, draft_data

CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpus"
SDK = CORPUS / "eforms-sdk/1.16.0-SNAPSHOT/schemas/maindoc/UBL-ContractNotice-2.3.xsd"
EDM = CORPUS / "espd-edm/v4.1.0/ubl-2.3/xsd/maindoc/UBL-QualificationApplicationRequest-2.3.xsd"


@pytest.fixture(scope="module")
def notice_schema():
    return xml.load_schema(SDK)


@pytest.fixture(scope="module")
def espd_schema():
    return xml.load_schema(EDM)


def _valid(schema, data: bytes) -> None:
    schema.assertValid(xml.parse(data))


@pytest.fixture
def eea(buyer, municipality, now):
    """An open procedure above the EEA threshold: two lots, weighted criteria, turnover."""
    data = draft_data(
        now,
        estimated_value=Decimal("4000000"),
        procedure="open",
        award_method="best_price_quality",
        price_formula="linear",
        contract_duration_months=24,
        place_of_performance="NO081",
        review_body_name="Oslo tingrett",
        review_body_orgnr="926725939",
        review_body_town="Oslo",
        **EEA_NOTICE,
        tender_deadline=now + timedelta(days=35),
        tender_validity_until=now + timedelta(days=125),
    )
    procurement = services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    common = {"principal": acting(buyer, municipality), "now": now}
    services.add_lot(procurement, title="Øst", description="Østre bydeler", **common)
    services.add_lot(procurement, title="Vest", estimated_value="2000000", **common)
    services.add_award_criterion(
        procurement, name="Price", kind="price", weight="60", description="Total price", **common
    )
    services.add_award_criterion(
        procurement,
        name="Environment",
        kind="environment",
        weight="40",
        description="Emissions of the vehicles",
        **common,
    )
    services.add_requirement(
        procurement,
        criterion_code="gen-year-to",
        threshold="3000000",
        threshold_unit="NOK",
        years=3,
        **common,
    )
    services.add_requirement(
        procurement,
        criterion_code="service-perform",
        threshold="2",
        threshold_unit="count",
        lot=2,
        **common,
    )
    services.add_requirement(procurement, criterion_code="bankruptcy", **common)
    return complete_contents(procurement, **common)


def test_eea_contract_notice_and_espd_request_validate(
    eea, buyer, municipality, now, notice_schema, espd_schema
):
    notice = services.publish(eea, principal=acting(buyer, municipality), now=now)
    assert notice.subtype == "16"
    _valid(notice_schema, bytes(notice.xml))
    assert eforms.check(bytes(notice.xml)) == []
    summary = eforms.read_notice(bytes(notice.xml))
    assert summary.subtype == "16"
    assert summary.procedure_id == str(eea.id)
    assert summary.main_cpv == "90620000"
    assert [lot.lot_id for lot in summary.lots] == ["LOT-0001", "LOT-0002"]
    request = bytes(EspdRequest.objects.get(procurement=eea).xml)
    _valid(espd_schema, request)
    parsed = espd.parse_request(request)
    turnover = next(r for r in parsed.requirements if r.criterion == "gen-year-to")
    assert (turnover.minimum_amount, turnover.years) == (Decimal("3000000"), 3)
    references = next(r for r in parsed.requirements if r.criterion == "service-perform")
    assert (references.minimum_count, references.lot) == (2, "LOT-0002")
    codes = {r.criterion for r in parsed.requirements}
    assert {"crime-org", "tax-pay", "bankruptcy"} <= codes  # mandatory grounds always in


def test_national_notice_change_and_cancellation_validate(
    published, buyer, municipality, now, notice_schema, espd_schema
):
    contract = Notice.objects.get(procurement=published)
    assert contract.subtype == "E3"
    _valid(notice_schema, bytes(contract.xml))
    _valid(espd_schema, bytes(EspdRequest.objects.get(procurement=published).xml))
    services.correct(
        published,
        principal=acting(buyer, municipality),
        summary="Forlenget frist",
        changes={"tender_deadline": published.tender_deadline + timedelta(days=2)},
        now=now + timedelta(hours=1),
    )
    services.cancel(
        published,
        principal=acting(buyer, municipality),
        reason="Avlyst",
        now=now + timedelta(hours=2),
    )
    change, cancellation = (
        Notice.objects.filter(procurement=published)
        .exclude(kind="contract")
        .order_by("published_at")
    )
    for issued in (change, cancellation):
        _valid(notice_schema, bytes(issued.xml))
    assert eforms.read_notice(bytes(cancellation.xml)).change_reason == "cancel"
    assert eforms.read_notice(bytes(cancellation.xml)).changed_notice == (f"{change.notice_id}-01")
    assert EspdRequest.objects.filter(procurement=published).count() == 2


def test_national_best_price_quality_needs_a_climate_criterion(draft, buyer, municipality, now):
    from django.core.exceptions import ValidationError

    common = {"principal": acting(buyer, municipality), "now": now}
    services.update_draft(draft, data={"award_method": "best_price_quality"}, **common)
    services.add_award_criterion(draft, name="Pris", kind="price", weight="70", **common)
    services.add_award_criterion(draft, name="Kvalitet", kind="quality", weight="30", **common)
    with pytest.raises(ValidationError, match="§ 7-9"):
        services.publish(draft, **common)


def test_eea_needs_the_contract_duration(buyer, municipality, now):
    from django.core.exceptions import ValidationError

    data = draft_data(
        now,
        estimated_value=Decimal("4000000"),
        procedure="open",
        tender_deadline=now + timedelta(days=31),
    )
    procurement = services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    with pytest.raises(ValidationError, match="BT-36"):
        services.publish(procurement, principal=acting(buyer, municipality), now=now)


def test_requirements_must_be_espd_criteria_with_fitting_thresholds(
    draft, buyer, municipality, now
):
    from django.core.exceptions import ValidationError

    common = {"principal": acting(buyer, municipality), "now": now}
    with pytest.raises(ValidationError, match="not an ESPD criterion"):
        services.add_requirement(draft, criterion_code="CRITERION.X", **common)
    with pytest.raises(ValidationError, match="describes the economic operator"):
        services.add_requirement(draft, criterion_code="sme", **common)
    with pytest.raises(ValidationError, match="takes no minimum"):
        services.add_requirement(
            draft, criterion_code="prof-regist", threshold="5", threshold_unit="count", **common
        )
    with pytest.raises(ValidationError, match="kind"):
        services.add_requirement(draft, criterion_code="gen-year-to", kind="exclusion", **common)
    requirement = services.add_requirement(
        draft, criterion_code="indem-insu", threshold="10000000", threshold_unit="NOK", **common
    )
    assert requirement.kind == "economic_financial"
