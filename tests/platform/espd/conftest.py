"""A procurement published through the tendering services with qualification
requirements (so it has an ESPD request), and a supplier user; sealed storage
in a temporary directory."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.submissions import conf
from heldigital.apps.tendering import services as tendering
from tests.platform.conftest import acting, make_user
from tests.platform.tendering.conftest import PDF, draft_data


@pytest.fixture(autouse=True)
def sealed_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield tmp_path
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


def publish_with_requirements(municipality, *, lots: int = 0):
    """Published a minute ago (real clock), deadline in 21 days: exclusion grounds
    (mandatory ones added by the ESPD request, plus bankruptcy) and a yearly turnover
    of at least 2 000 000 NOK over 3 years (for lot 1 when there are lots); with two
    lots, professional indemnity insurance of 10 000 000 NOK for lot 2."""
    now = timezone.now() - timedelta(minutes=1)
    officer = make_user("espd-officer", (municipality, Role.PROCUREMENT_OFFICER))
    principal = acting(officer, municipality)
    procurement = tendering.create_draft(
        principal=principal,
        data=draft_data(now, title="Vintervedlikehold Fjellveien", estimated_value=Decimal(900000)),
        now=now,
    )
    common = {"principal": principal, "now": now}
    tendering.add_request_item(
        procurement,
        line_id="1",
        name="Brøyting",
        unit_code="HUR",
        estimated_quantity="400",
        **common,
    )
    tendering.add_document(
        procurement, title="Konkurransegrunnlag", filename="grunnlag.pdf", content=PDF, **common
    )
    for number in range(1, lots + 1):
        tendering.add_lot(procurement, title=f"Delkontrakt {number}", **common)
    tendering.add_requirement(procurement, criterion_code="bankruptcy", **common)
    tendering.add_requirement(
        procurement,
        criterion_code="gen-year-to",
        threshold=Decimal("2000000"),
        threshold_unit="NOK",
        years=3,
        lot=1 if lots else None,
        **common,
    )
    if lots > 1:  # a criterion is asked once per request: the second lot asks another
        tendering.add_requirement(
            procurement,
            criterion_code="indem-insu",
            threshold=Decimal("10000000"),
            threshold_unit="NOK",
            lot=2,
            **common,
        )
    tendering.publish(procurement, principal=principal, now=now)
    return procurement


@pytest.fixture
def espd_supplier(db):
    supplier = Organisation.objects.create(
        name="Fjellbrøyt AS", kind=OrganisationKind.SUPPLIER, orgnr="920000029"
    )
    make_user("fjellbroyt", (supplier, Role.SUPPLIER_USER))
    return supplier
