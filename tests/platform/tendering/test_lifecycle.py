"""The procurement lifecycle, derived from its table (:mod:`heldigital.apps.tendering.lifecycle`).

Every allowed transition changes the row and records exactly its event; every
other pair of statuses is refused with a clear error and records nothing; who
may make each change is checked.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from heldigital.apps.accounts.models import Role
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import lifecycle
from heldigital.apps.tendering.models import Procurement, ProcurementStatus
from tests.platform.conftest import acting, make_user

STATUSES = [s.value for s in ProcurementStatus if s != ProcurementStatus.CLOSED]
PAIRS = list(itertools.permutations(STATUSES, 2)) + [(s, s) for s in STATUSES]
ALLOWED = {(t.source, t.target) for t in lifecycle.TRANSITIONS}


def _events(procurement: Procurement) -> list[tuple[str, str]]:
    return list(
        ProtocolEvent.objects.filter(procurement_id=procurement.reference)
        .order_by("sequence")
        .values_list("type", "actor")
    )


def _at(procurement: Procurement, status: str) -> Procurement:
    Procurement.objects.filter(pk=procurement.pk).update(status=status)
    return Procurement.objects.get(pk=procurement.pk)


def _principal_for(step: lifecycle.Transition, buyer, municipality):
    return None if step.who == lifecycle.SYSTEM else acting(buyer, municipality)


def test_the_table_is_well_formed():
    assert len(ALLOWED) == len(lifecycle.TRANSITIONS), "one row per pair of statuses"
    stored = set(STATUSES)
    for step in lifecycle.TRANSITIONS:
        assert step.source in stored and step.target in stored
        assert step.source != step.target
        assert step.event and "." in step.event
    # concluded and cancelled are final; draft is only ever left
    assert not [t for t in lifecycle.TRANSITIONS if t.source in ("concluded", "cancelled")]
    assert not [t for t in lifecycle.TRANSITIONS if t.target == "draft"]
    # closed is derived from the deadline, never stored
    assert not [t for t in lifecycle.TRANSITIONS if "closed" in (t.source, t.target)]


@pytest.mark.django_db
@pytest.mark.parametrize("step", lifecycle.TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
def test_every_allowed_transition_changes_the_row_and_records_its_event(
    step, draft, buyer, municipality, now
):
    procurement = _at(draft, step.source)
    before = _events(procurement)
    at = now + timedelta(hours=1)
    principal = _principal_for(step, buyer, municipality)
    event = lifecycle.transition(
        procurement, step.target, principal=principal, now=at, payload={"step": step.event}
    )
    after = _events(procurement)
    expected_actor = "system" if principal is None else principal.actor
    assert after == [*before, (step.event, expected_actor)], "exactly one event, its own"
    assert event.type == step.event
    assert event.data == {"step": step.event}
    assert event.occurred_at == at
    stored = Procurement.objects.get(pk=procurement.pk)
    assert stored.status == step.target == procurement.status
    assert stored.updated_at == at


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pair", [p for p in PAIRS if p not in ALLOWED], ids=lambda p: f"{p[0]}->{p[1]}"
)
def test_every_other_pair_is_refused_and_records_nothing(pair, draft, buyer, municipality, now):
    source, target = pair
    procurement = _at(draft, source)
    before = _events(procurement)
    with pytest.raises(lifecycle.TransitionRefused) as refused:
        lifecycle.transition(
            procurement,
            target,
            principal=acting(buyer, municipality),
            now=now + timedelta(hours=1),
            payload={},
        )
    message = str(refused.value)
    assert procurement.reference in message
    assert ProcurementStatus(source).label.lower() in message
    assert ProcurementStatus(target).label.lower() in message
    assert isinstance(refused.value, lifecycle.StateError)  # HTTP 409 in the API
    assert _events(procurement) == before
    assert Procurement.objects.get(pk=procurement.pk).status == source


@pytest.mark.django_db
@pytest.mark.parametrize("step", lifecycle.TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
def test_who_may(step, draft, buyer, municipality, supplier, now):
    procurement = _at(draft, step.source)
    before = _events(procurement)
    at = now + timedelta(hours=1)
    if step.who == lifecycle.SYSTEM:
        wrong = [acting(buyer, municipality)]  # follows from other acts; nobody makes it directly
    else:
        auditor = make_user("lifecycle-auditor", (municipality, Role.AUDITOR))
        stranger = make_user("lifecycle-supplier", (supplier, Role.SUPPLIER_USER))
        wrong = [None, acting(auditor, municipality), acting(stranger, supplier)]
    for principal in wrong:
        with pytest.raises(PermissionDenied):
            lifecycle.transition(procurement, step.target, principal=principal, now=at, payload={})
    assert _events(procurement) == before
    assert Procurement.objects.get(pk=procurement.pk).status == step.source


@pytest.mark.django_db
def test_a_change_made_meanwhile_is_refused_not_overwritten(draft, buyer, municipality, now):
    """Two copies of the row: the second transition sees the status changed under it."""
    first = _at(draft, ProcurementStatus.STANDSTILL)
    second = Procurement.objects.get(pk=first.pk)
    principal = acting(buyer, municipality)
    lifecycle.transition(
        first, ProcurementStatus.CANCELLED, principal=principal, now=now, payload={}
    )
    before = _events(first)
    with pytest.raises(lifecycle.TransitionRefused, match="cancelled"):
        lifecycle.transition(
            second, ProcurementStatus.CONCLUDED, principal=None, now=now, payload={}
        )
    assert _events(first) == before
    assert Procurement.objects.get(pk=first.pk).status == ProcurementStatus.CANCELLED
