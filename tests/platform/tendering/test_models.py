"""Tendering models: validation of CPV codes, unit codes, references; frozen rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from heldigital.apps.frozen import FrozenError
from heldigital.apps.tendering.models import (
    Notice,
    NoticeKind,
    Procurement,
    ProcurementStatus,
    RequestItem,
    validate_cpv_codes,
    validate_reference,
)


def test_cpv_codes_need_the_check_digit_form():
    validate_cpv_codes(["90620000-9", "48217100-3"])
    with pytest.raises(ValidationError, match="check digit"):
        validate_cpv_codes(["90620000-8"])
    with pytest.raises(ValidationError, match="as 90620000-9"):
        validate_cpv_codes(["90620000"])
    with pytest.raises(ValidationError, match="twice"):
        validate_cpv_codes(["90620000-9", "90620000-9"])
    with pytest.raises(ValidationError, match="at least one"):
        validate_cpv_codes([])


@pytest.mark.parametrize("bad", ["HD/2026/1", "../x", "HD 1", "", "HØ-1"])
def test_reference_is_url_safe(bad):
    with pytest.raises(ValidationError):
        validate_reference(bad)


def test_unit_code_and_quantity_validated(municipality, now):
    procurement = Procurement.objects.create(
        reference="HD-2026-0001",
        buyer=municipality,
        title="Snørydding",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal("500000.00"),
        contract_kind="services",
        authority_kind="other",
        regime="below-national",
        procedure="national",
        created_at=now,
        updated_at=now,
    )
    item = RequestItem(
        procurement=procurement,
        line_id="1",
        name="Brøyting",
        unit_code="XXX",
        estimated_quantity=Decimal("0"),
    )
    with pytest.raises(ValidationError) as info:
        item.full_clean()
    assert set(info.value.message_dict) == {"unit_code", "estimated_quantity"}
    assert procurement.status == ProcurementStatus.DRAFT


def test_notice_is_frozen(municipality, now):
    import uuid

    procurement = Procurement.objects.create(
        reference="HD-2026-0002",
        buyer=municipality,
        title="T",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal("1"),
        contract_kind="services",
        authority_kind="other",
        regime="below-national",
        procedure="national",
        created_at=now,
        updated_at=now,
    )
    notice = Notice.objects.create(
        procurement=procurement,
        kind=NoticeKind.CONTRACT,
        notice_id=uuid.uuid4(),
        procurement_version=1,
        xml=b"<x/>",
        published_at=now,
    )
    notice.subtype = "16"
    with pytest.raises(FrozenError):
        notice.save()
    with pytest.raises(FrozenError):
        notice.delete()
    with pytest.raises(FrozenError):
        Notice.objects.filter(pk=notice.pk).update(subtype="16")
    with pytest.raises(FrozenError):
        Notice.objects.filter(pk=notice.pk).delete()
