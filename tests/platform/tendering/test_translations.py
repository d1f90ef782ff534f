"""Tendering speaks Norwegian bokmål by default: service errors and pages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from heldigital.apps.tendering import services
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import draft_data


def test_time_limit_error_in_norwegian(buyer, municipality, now):
    data = draft_data(now, tender_deadline=now + timedelta(days=3))
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    assert info.value.message_dict["tender_deadline"][0].startswith("For kort:")


def test_notice_board_in_norwegian(client, settings, db):
    settings.LANGUAGE_CODE = "nb"
    page = client.get("/notices/").content.decode()
    assert "Kunngjøringer" in page and "Søk" in page


def test_procedure_error_in_norwegian(buyer, municipality, now):
    data = draft_data(now, estimated_value=Decimal("5000000"))
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    assert "er ikke tillatt" in info.value.message_dict["procedure"][0]
