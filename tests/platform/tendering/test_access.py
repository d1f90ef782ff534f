"""The protocol of a procurement belongs to the procurement's buyer."""

from __future__ import annotations

from heldigital.apps.accounts.access import Principal, can_read_protocol, protocol_owner
from heldigital.apps.accounts.models import Role
from heldigital.apps.protocol import services as protocol
from heldigital.apps.tendering import services
from tests.platform.conftest import make_user
from tests.platform.tendering.conftest import draft_data


def test_owner_is_the_buyer_of_the_procurement(buyer, auditor, municipality, agency, now):
    # A protocol whose first event names another organisation: the procurement record wins.
    protocol.record(
        procurement_id="HD-2026-0001",
        type="imported",
        actor="user:someone@0192:920000010",
        payload={},
        now=now,
    )
    procurement = services.create_draft(
        buyer=municipality, user=buyer, data=draft_data(now), now=now
    )
    assert procurement.reference == "HD-2026-0001"
    assert protocol_owner(procurement.reference) == municipality.orgnr
    agency_officer = make_user("agencyofficer", (agency, Role.PROCUREMENT_OFFICER))
    assert can_read_protocol(Principal(user=auditor, via="session"), procurement.reference)
    assert not can_read_protocol(Principal(user=agency_officer, via="session"), "HD-2026-0001")


def test_without_procurement_the_first_actor_still_decides(municipality, now):
    protocol.record(
        procurement_id="P-OLD", type="x", actor="user:b@0192:920000002", payload={}, now=now
    )
    assert protocol_owner("P-OLD") == municipality.orgnr
