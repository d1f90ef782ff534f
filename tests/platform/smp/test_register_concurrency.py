"""Two administrators register the same participant or capability at once (PostgreSQL).

Real connections per thread, started together at a barrier: exactly one
registration is stored, the other gets :class:`services.Conflict` (the API's
409), never an IntegrityError (a 500).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from heldigital.apps.smp import services
from heldigital.apps.smp.models import Capability, Participant
from tests.platform import concurrency
from tests.platform.conftest import acting

from .conftest import AP_URL, AS4, BILLING, INVOICE, pem

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

OWN = "iso6523-actorid-upis::0192:920000002"  # the municipality fixture's number
WORKERS = 6


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent registrations are tested on PostgreSQL (SQLite serialises writers)")


def at_once(work) -> list[object]:
    return concurrency.at_once(WORKERS, work)


def outcomes(results: list[object]) -> list[str]:
    return sorted(type(r).__name__ for r in results)


def test_the_same_participant_registered_at_once_is_stored_once(buyer_admin, municipality):
    principal = acting(buyer_admin, municipality)
    results = at_once(
        lambda n: services.register(
            principal, services.ParticipantInput(identifier=OWN), now=timezone.now()
        )
    )
    assert outcomes(results) == ["Conflict"] * (WORKERS - 1) + ["Participant"]
    assert Participant.objects.count() == 1


def test_the_same_capability_added_at_once_is_stored_once(buyer_admin, municipality, pki):
    principal = acting(buyer_admin, municipality)
    participant = services.register(
        principal, services.ParticipantInput(identifier=OWN), now=timezone.now()
    )
    data = services.CapabilityInput(
        document_type=INVOICE,
        process=BILLING,
        transport_profile=AS4,
        endpoint_url=AP_URL,
        certificate=pem(pki.access_point.certificate),
        technical_contact="mailto:ap@heldigital.test",
    )
    results = at_once(
        lambda n: services.add_capability(principal, participant, data, now=timezone.now())
    )
    assert outcomes(results) == ["Capability"] + ["Conflict"] * (WORKERS - 1)
    assert Capability.objects.count() == 1
