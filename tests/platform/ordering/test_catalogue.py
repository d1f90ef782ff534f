from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heldigital.apps.exchange.models import Document
from heldigital.apps.ordering import services
from heldigital.apps.ordering.models import CatalogueStatus, CatalogueVersion
from heldigital.ehf.catalogue_response import CatalogueResponse
from heldigital.ehf.documents import read_document
from tests.platform.conftest import acting
from tests.platform.ordering.conftest import DAY
from tests.platform.ordering.helpers import price_update, supplier_sends, valid


def _first(f):
    version = services.make_contract_catalogue(
        f.contract, principal=acting(f.officer, f.buyer), now=DAY
    )
    return version, {line.line_id: line for line in version.lines.all()}


def test_the_contract_catalogue_is_made_from_the_contract_once(follow_up):
    f = follow_up
    with pytest.raises(PermissionDenied):
        services.make_contract_catalogue(
            f.contract, principal=acting(f.requester, f.buyer), now=DAY
        )
    version, lines = _first(f)
    assert version.version == 1 and version.status == CatalogueStatus.ACCEPTED
    assert version.valid_from == f.contract.starts_on and version.valid_to == f.contract.ends_on
    contract_lines = list(f.contract.lines.all())
    assert len(lines) == len(contract_lines) > 0
    for line in contract_lines:
        assert lines[line.line_id].price == line.unit_price
        assert lines[line.line_id].complies
    valid(bytes(version.payload))
    again = services.make_contract_catalogue(
        f.contract, principal=acting(f.officer, f.buyer), now=DAY
    )
    assert again.pk == version.pk
    assert services.current_catalogue(f.contract) == version
    assert [
        x.line_id
        for x in services.search_catalogue(f.contract, lines[contract_lines[0].line_id].name[:5])
    ]


def test_a_price_update_within_the_contract_is_accepted_and_answered(follow_up):
    f = follow_up
    _version, lines = _first(f)
    line_id, line = next(iter(lines.items()))
    lower = (line.price - Decimal("1")).quantize(Decimal("0.01"))
    document = supplier_sends(f, price_update(f, {line_id: lower}), DAY)
    proposed = CatalogueVersion.objects.get(contract=f.contract, version=2)
    assert proposed.status == CatalogueStatus.PROPOSED and proposed.document.counterpart == document
    assert proposed.complies, [(x.line_id, x.reason) for x in proposed.lines.all()]
    with pytest.raises(PermissionDenied):
        services.decide_catalogue(
            proposed, principal=acting(f.requester, f.buyer), accept=True, now=DAY
        )
    decided = services.decide_catalogue(
        proposed, principal=acting(f.officer, f.buyer), accept=True, now=DAY
    )
    assert decided.status == CatalogueStatus.ACCEPTED
    assert services.current_catalogue(f.contract) == decided
    answer = Document.objects.get(
        organisation=f.supplier, direction="in", family="catalogue_response"
    )
    response = read_document(valid(bytes(answer.payload)))
    assert isinstance(response, CatalogueResponse)
    assert response.catalogue_id == "PRICES-2027"
    assert response.document_response[0].response.response_code == "AP"
    with pytest.raises(services.OrderingError):
        services.decide_catalogue(
            decided, principal=acting(f.officer, f.buyer), accept=False, now=DAY
        )


def test_prices_above_the_contract_are_refused_with_the_reason_per_line(follow_up):
    f = follow_up
    _version, lines = _first(f)
    first, second = list(lines)[:2]
    services.set_terms(
        f.contract, principal=acting(f.officer, f.buyer), now=DAY, indexation_percent=Decimal("3")
    )
    p1 = lines[first].price
    p2 = lines[second].price
    just_in = (p1 * Decimal("1.03")).quantize(Decimal("0.01"))
    just_out = (p2 * Decimal("1.03")).quantize(Decimal("0.01")) + Decimal("0.01")
    supplier_sends(f, price_update(f, {first: just_in, second: just_out}), DAY)
    proposed = CatalogueVersion.objects.get(contract=f.contract, version=2)
    checked = {x.line_id: x for x in proposed.lines.all()}
    assert checked[first].complies and "indexation of 3" in checked[first].reason
    assert not checked[second].complies
    assert "above the contract price" in checked[second].reason
    with pytest.raises(services.OrderingError, match=f"line {second}"):
        services.decide_catalogue(
            proposed, principal=acting(f.officer, f.buyer), accept=True, now=DAY
        )
    rejected = services.decide_catalogue(
        proposed, principal=acting(f.officer, f.buyer), accept=False, now=DAY
    )
    assert (
        rejected.status == CatalogueStatus.REJECTED and f"line {second}" in rejected.decision_reason
    )
    answer = Document.objects.get(
        organisation=f.supplier, direction="in", family="catalogue_response"
    )
    response = read_document(valid(bytes(answer.payload)))
    assert response.document_response[0].response.response_code == "RE"
    assert f"line {second}" in response.note[0]
    assert services.current_catalogue(f.contract).version == 1


def test_a_validity_outside_the_contract_period_is_a_problem(follow_up):
    f = follow_up
    _first(f)
    data = price_update(f, {}, end=f.contract.ends_on + timedelta(days=1))
    version = services.import_catalogue(
        f.contract, data, now=DAY, principal=acting(f.officer, f.buyer)
    )
    assert version.problems and "after the contract period ends" in version.problems[0]
    assert not version.complies


def test_an_invalid_catalogue_is_refused(follow_up):
    f = follow_up
    data = price_update(f, {}).replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)
    with pytest.raises(ValidationError):
        services.import_catalogue(f.contract, data, now=DAY, principal=acting(f.officer, f.buyer))
    assert not CatalogueVersion.objects.exists()
    assert date(2027, 1, 4) == DAY.date()
