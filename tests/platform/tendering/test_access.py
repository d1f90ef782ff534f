"""The protocol of a procurement belongs to the procurement's buyer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from heldigital.apps.accounts.access import can_read_protocol, protocol_owner
from heldigital.apps.accounts.models import Role
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Procurement
from tests.platform.conftest import acting, make_user
from tests.platform.tendering.conftest import draft_data


def test_owner_is_the_buyer_of_the_procurement(buyer, auditor, municipality, agency, now):
    procurement = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    assert protocol_owner(procurement.reference) == municipality.orgnr
    agency_officer = make_user("agencyofficer", (agency, Role.PROCUREMENT_OFFICER))
    assert can_read_protocol(acting(auditor), procurement.reference)
    assert not can_read_protocol(acting(agency_officer), procurement.reference)


def test_procurement_record_decides_over_the_first_actor(municipality, now):
    # A protocol whose first event names another organisation (e.g. imported):
    # the procurement record wins.
    protocol.record(
        procurement_id="HD-2025-0042",
        type="imported",
        actor="user:someone@0192:920000010",
        payload={},
        now=now,
    )
    assert protocol_owner("HD-2025-0042") == "920000010"
    Procurement.objects.create(
        reference="HD-2025-0042",
        buyer=municipality,
        title="Importert",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal("1"),
        contract_kind="services",
        authority_kind="other",
        regime="below-national",
        procedure="national",
        created_at=now,
        updated_at=now,
    )
    assert protocol_owner("HD-2025-0042") == municipality.orgnr


def test_references_with_a_protocol_are_never_reused(buyer, municipality, now):
    protocol.record(
        procurement_id=f"HD-{now.year}-0001", type="x", actor="system", payload={}, now=now
    )
    procurement = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    assert procurement.reference == f"HD-{now.year}-0002"
    with pytest.raises(ValidationError, match="taken"):
        services.create_draft(
            principal=acting(buyer, municipality),
            data=draft_data(now),
            now=now,
            reference=f"HD-{now.year}-0001",
        )


def test_without_procurement_the_first_actor_still_decides(municipality, now):
    protocol.record(
        procurement_id="P-OLD", type="x", actor="user:b@0192:920000002", payload={}, now=now
    )
    assert protocol_owner("P-OLD") == municipality.orgnr
