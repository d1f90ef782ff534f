"""The supplier's tender pages (heldigital.apps.submissions.web): each supplier sees
only its own tender, buyers and anonymous users none; withdraw works until the
deadline; after it an upload is refused with the deadline and the server time."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from heldigital.apps.accounts.models import Role
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions.models import Tender

from .test_no_leak_before_opening import DEADLINE, world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_supplier_sees_only_its_own_tender(world):  # noqa: F811
    url = f"/supplier/tenders/{world.procurement.reference}/"
    a, b = world.tenders["A"], world.tenders["B"]
    page = logged_in(world.users["A"]).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert str(a.id) in html and str(b.id) not in html
    assert "espd.xml" in html and f"/supplier/receipts/{a.id}.pdf" in html
    # Submitted: no upload form; a change starts explicitly, and says the tender stays valid.
    assert 'name="file"' not in html
    assert "Endre tilbudet" in html or "Change my tender" in html
    receipt = logged_in(world.users["A"]).get(f"/supplier/receipts/{a.id}.pdf")
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF-")
    assert logged_in(world.users["B"]).get(f"/supplier/receipts/{a.id}.xml").status_code == 404
    assert str(a.id) not in logged_in(world.users["B"]).get(url).content.decode()
    officer = world.users[str(Role.PROCUREMENT_OFFICER)]
    assert logged_in(officer).get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to the login page


def test_withdraw_then_late_upload_is_refused_with_the_times(world, server_clock):  # noqa: F811
    ref = world.procurement.reference
    client = logged_in(world.users["A"])
    response = client.post(f"/supplier/tenders/{ref}/withdraw/", {"tender": world.tenders["A"].pk})
    assert response.status_code == 302
    assert Tender.objects.get(pk=world.tenders["A"].pk).status == "withdrawn"

    server_clock.set(DEADLINE + timedelta(minutes=3))
    upload = io.BytesIO(b"%PDF-1.4\n" + b"x" * 9000 + b"\n%%EOF\n")
    upload.name = "sent.pdf"
    response = client.post(
        f"/supplier/tenders/{ref}/files/", {"kind": "attachment", "file": upload}
    )
    assert response.status_code == 302
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "12:00:00" in text and "12:03:00" in text, text
    assert not Tender.objects.filter(procurement=world.procurement, status="draft").exists()
    refused = ProtocolEvent.objects.filter(procurement_id=f"{ref}/sealed", type="tender.refused")
    assert [e.data["reason"] for e in refused] == ["after-deadline"]
    page = client.get(f"/supplier/tenders/{ref}/")
    html = page.content.decode()
    assert 'name="file"' not in html and 'data-color="warning"' in html


def test_a_refused_file_leaves_nothing_half_stored(world):  # noqa: F811
    from heldigital.apps.submissions.models import Upload

    ref = world.procurement.reference
    client = logged_in(world.users["A"])
    client.post(f"/supplier/tenders/{ref}/change/", {"tender": world.tenders["A"].pk})
    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 9000)  # a Windows executable called .pdf
    fake.name = "tilbud.pdf"
    response = client.post(f"/supplier/tenders/{ref}/files/", {"kind": "attachment", "file": fake})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)]
    draft = Tender.objects.get(
        procurement=world.procurement, supplier=world.suppliers["A"], status="draft"
    )
    # The change started with the submitted tender's files; the refused one is not there.
    assert sorted(f.name for f in draft.files.all()) == sorted(
        f.name for f in world.tenders["A"].files.all()
    )
    assert [u.status for u in Upload.objects.filter(tender=draft)] == ["abandoned"]
