"""The supplier's tender as a state machine (heldigital.apps.submissions.lifecycle):
the table itself, every transition through the API with its protocol event, and
the old web bug (an upload after submitting opened a draft silently; "withdraw"
then discarded that draft and the submitted tender stayed in) as a regression."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from heldigital.apps.protocol import services as protocol
from heldigital.apps.submissions import lifecycle, services
from heldigital.apps.submissions.lifecycle import Action, State
from heldigital.apps.submissions.models import Tender, TenderStatus
from tests.platform.conftest import acting

from .conftest import BEFORE, DEADLINE, bearer, upload_file, xml_document
from .test_api import API, start, upload_via_api

pytestmark = pytest.mark.django_db


# --- the table ---------------------------------------------------------------------------


def test_the_table_allows_exactly_the_documented_transitions():
    allowed = {(t.source, t.action): t.target for t in lifecycle.TRANSITIONS}
    assert allowed == {
        (State.NONE, Action.START): State.DRAFT,
        (State.DRAFT, Action.SUBMIT): State.SUBMITTED,
        (State.DRAFT, Action.DISCARD): State.NONE,
        (State.SUBMITTED, Action.CHANGE): State.CHANGING,
        (State.SUBMITTED, Action.WITHDRAW): State.NONE,
        (State.CHANGING, Action.SUBMIT): State.SUBMITTED,
        (State.CHANGING, Action.DISCARD): State.SUBMITTED,
        (State.CHANGING, Action.WITHDRAW): State.NONE,
    }
    for state in State:
        for action in Action:
            if (state, action) in allowed:
                assert lifecycle.transition(state, action).target == allowed[(state, action)]
            else:
                with pytest.raises(lifecycle.NotAllowed):
                    lifecycle.transition(state, action)
    # Every transition records an event; files are edited only in a draft.
    assert all(t.event.startswith("tender.") for t in lifecycle.TRANSITIONS)
    assert {State.DRAFT, State.CHANGING} == lifecycle.EDITABLE


# --- every transition through the API ------------------------------------------------------


@pytest.fixture
def api(client, supplier, supplier_user, municipality, buyer, clock):
    clock.now = BEFORE
    return bearer(supplier_user, supplier)


def sealed_types(procurement) -> list[str]:
    chain = protocol.sealed_chain(procurement.reference)
    return [
        e.type
        for e in protocol.readable_events(procurement.reference, sealed=True)
        if e.procurement_id == chain
    ]


def mine(client, headers):
    response = client.get(f"{API}/procurements/HD-2026-0100/my-tender", **headers)
    assert response.status_code == 200, response.content
    return response.json()


def post(client, path, headers):
    return client.post(f"{API}{path}", **headers)


def test_every_transition_through_the_api(client, procurement, api, clock):
    assert mine(client, api)["state"] == "none"
    assert mine(client, api)["allowed"] == ["start"]

    # NONE -> DRAFT -> SUBMITTED
    first = start(client, api)
    assert mine(client, api)["state"] == "draft"
    assert post(client, f"/tenders/{first}/withdraw", api).status_code == 409  # discard it
    upload_via_api(client, api, first, xml_document("one"), chunk=4096, name="one.xml")
    upload_via_api(client, api, first, xml_document("two"), chunk=4096, name="two.xml")
    clock.advance(minutes=1)
    assert post(client, f"/tenders/{first}/submit", api).status_code == 200
    state = mine(client, api)
    assert state["state"] == "submitted" and set(state["allowed"]) == {"change", "withdraw"}
    digests = sorted(f["sha256"] for f in state["submitted"]["files"])

    # SUBMITTED: no silent new draft, no upload to the submitted tender.
    refused = post(client, "/procurements/HD-2026-0100/tenders", api)
    assert refused.status_code == 409 and refused.json()["state"] == "submitted"
    assert "Change my tender" in refused.json()["detail"]
    file_refused = client.post(
        f"{API}/tenders/{first}/files",
        {
            "kind": "attachment",
            "name": "x.xml",
            "size": 5,
            "sha256": "0" * 64,
            "content_type": "application/xml",
        },
        content_type="application/json",
        **api,
    )
    assert file_refused.status_code == 409

    # SUBMITTED -> CHANGING: a draft with the same sealed files; discard -> SUBMITTED.
    change = post(client, f"/tenders/{first}/change", api)
    assert change.status_code == 201
    draft = change.json()
    assert sorted(f["sha256"] for f in draft["files"]) == digests
    assert post(client, f"/tenders/{first}/change", api).status_code == 409
    state = mine(client, api)
    assert state["state"] == "changing" and state["submitted"]["id"] == first
    assert set(state["allowed"]) == {"submit", "discard", "withdraw"}
    assert post(client, f"/tenders/{draft['id']}/discard", api).status_code == 200
    state = mine(client, api)
    assert state["state"] == "submitted"
    assert sorted(f["sha256"] for f in state["submitted"]["files"]) == digests

    # CHANGING -> SUBMITTED (replaces): remove a reused file, add one, submit.
    draft = post(client, f"/tenders/{first}/change", api).json()
    removed = draft["files"][0]
    response = client.delete(f"{API}/tenders/{draft['id']}/files/{removed['id']}", **api)
    assert response.status_code == 204
    upload_via_api(client, api, draft["id"], xml_document("three"), chunk=4096, name="3.xml")
    clock.advance(minutes=1)
    receipt = post(client, f"/tenders/{draft['id']}/submit", api)
    assert receipt.status_code == 200
    state = mine(client, api)
    assert state["state"] == "submitted" and state["submitted"]["id"] == draft["id"]
    assert state["submitted"]["replaces"] == first
    assert len(state["submitted"]["files"]) == 2
    assert Tender.objects.get(pk=first).status == TenderStatus.REPLACED
    # The replaced tender kept its files (the reused one is shared, not moved).
    assert Tender.objects.get(pk=first).files.count() == 2

    # CHANGING -> NONE: withdraws the submitted tender, the change goes with it.
    second = draft["id"]
    change = post(client, f"/tenders/{second}/change", api).json()
    assert post(client, f"/tenders/{change['id']}/withdraw", api).status_code == 409
    assert post(client, f"/tenders/{second}/withdraw", api).status_code == 200
    state = mine(client, api)
    assert state["state"] == "none" and state["withdrawn"]["id"] == second
    assert state["draft"] is None and state["allowed"] == ["start"]
    assert Tender.objects.get(pk=change["id"]).status == TenderStatus.DISCARDED

    # NONE -> DRAFT -> NONE; then a tender again -> SUBMITTED -> NONE (withdrawn).
    third = start(client, api)
    assert post(client, f"/tenders/{third}/discard", api).status_code == 200
    assert mine(client, api)["state"] == "none"
    fourth = start(client, api)
    upload_via_api(client, api, fourth, xml_document("four"), chunk=4096)
    clock.advance(minutes=1)
    assert post(client, f"/tenders/{fourth}/submit", api).status_code == 200
    assert post(client, f"/tenders/{fourth}/withdraw", api).status_code == 200
    state = mine(client, api)
    assert state["state"] == "none" and state["withdrawn"]["id"] == fourth

    # Each transition is in the sealed part of the protocol, in order.
    assert sealed_types(procurement) == [
        "tender.started",
        "tender.submitted",
        "tender.change.started",
        "tender.draft.discarded",
        "tender.change.started",
        "tender.submitted",
        "tender.change.started",
        "tender.withdrawn",
        "tender.started",
        "tender.draft.discarded",
        "tender.started",
        "tender.submitted",
        "tender.withdrawn",
    ]
    # After the deadline no transition at all.
    clock.now = DEADLINE
    assert post(client, "/procurements/HD-2026-0100/tenders", api).status_code == 409
    assert mine(client, api)["state"] == "none"


def test_a_change_never_decrypts_and_its_reused_files_open_with_the_new_tender(
    procurement, supplier, supplier_user, opener, opener2
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("kept", 9000), now=BEFORE, name="kept.xml")
    services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    change = services.change_tender(
        Tender.objects.get(pk=tender.pk),
        principal=acting(supplier_user),
        now=BEFORE + timedelta(minutes=1),
    )
    upload_file(change, supplier_user, xml_document("new"), now=BEFORE, name="new.xml")
    services.submit(change, principal=acting(supplier_user), now=BEFORE + timedelta(minutes=2))
    at = DEADLINE + timedelta(minutes=1)
    for who in (opener, opener2):
        outcome = services.open_tenders(
            procurement, principal=acting(who, procurement.buyer), now=at
        )
    (entry,) = outcome.record.content["tenders"]
    assert entry["tender"] == str(change.id)
    assert {f["name"]: f["verified"] for f in entry["files"]} == {"kept.xml": True, "new.xml": True}


# --- the old web bug, as a regression ------------------------------------------------------


@pytest.fixture
def web_clock(monkeypatch):
    """The web views read ``timezone.now``: an hour after the services' ``BEFORE``."""
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: BEFORE + timedelta(hours=1))


def test_web_upload_after_submit_is_refused_and_withdraw_withdraws_the_submitted_tender(
    procurement, supplier, supplier_user, opener, opener2, web_clock
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    for n in range(6):
        upload_file(tender, supplier_user, xml_document(f"part {n}"), now=BEFORE, name=f"{n}.xml")
    services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(supplier_user)
    page = f"/supplier/tenders/{procurement.reference}/"

    # Upload after submit: refused, no draft appears, the six-file tender stays.
    upload = io.BytesIO(b"%PDF-1.4\n" + b"x" * 9000 + b"\n%%EOF\n")
    upload.name = "one.pdf"
    response = client.post(f"{page}files/", {"kind": "attachment", "file": upload})
    assert response.status_code == 302
    assert any("Change my tender" in str(m) for m in get_messages(response.wsgi_request))
    assert not Tender.objects.filter(procurement=procurement, status="draft").exists()
    assert Tender.objects.get(pk=tender.pk).files.count() == 6

    # With a change under way, the page still shows the submitted tender, its receipt and
    # its withdraw button - and withdraw withdraws *it*.
    client.post(f"{page}change/", {"tender": tender.pk})
    html = client.get(page).content.decode()
    assert f"/supplier/receipts/{tender.id}.pdf" in html
    assert f'name="tender" value="{tender.id}"' in html
    response = client.post(f"{page}withdraw/", {"tender": tender.pk})
    assert Tender.objects.get(pk=tender.pk).status == TenderStatus.WITHDRAWN
    assert not Tender.objects.filter(procurement=procurement, status="draft").exists()

    # Nothing of this supplier is opened or counted.
    for who in (opener, opener2):
        outcome = services.open_tenders(
            procurement,
            principal=acting(who, procurement.buyer),
            now=DEADLINE + timedelta(minutes=1),
        )
    assert outcome.record.content["tenders"] == []
    assert outcome.record.content["withdrawn"] == 1


def test_a_stale_page_never_acts_on_another_tender(procurement, supplier, supplier_user, web_clock):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("x"), now=BEFORE)
    services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    change = services.change_tender(
        Tender.objects.get(pk=tender.pk), principal=acting(supplier_user), now=BEFORE
    )
    services.submit(change, principal=acting(supplier_user), now=BEFORE + timedelta(seconds=1))
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(supplier_user)
    # A page showing the first (now replaced) tender posts "withdraw" for it.
    response = client.post(
        f"/supplier/tenders/{procurement.reference}/withdraw/", {"tender": tender.pk}
    )
    assert any("reload the page" in str(m) for m in get_messages(response.wsgi_request))
    assert Tender.objects.get(pk=change.pk).status == TenderStatus.SUBMITTED


def test_tender_rows_change_only_as_the_row_table_allows():
    """Every pair of row statuses: set_row_status accepts exactly the pairs of ROW_CHANGES."""
    from types import SimpleNamespace

    from heldigital.apps.submissions import lifecycle as tender_lifecycle
    from heldigital.apps.submissions.models import TenderStatus

    values = {s.value for s in TenderStatus}
    assert {v for pair in tender_lifecycle.ROW_CHANGES for v in pair} <= values
    for source in values:
        for target in values:
            row = SimpleNamespace(status=source)
            if (source, target) in tender_lifecycle.ROW_CHANGES:
                tender_lifecycle.set_row_status(row, target)
                assert row.status == target
            else:
                with pytest.raises(tender_lifecycle.RowChangeRefused):
                    tender_lifecycle.set_row_status(row, target)
                assert row.status == source
