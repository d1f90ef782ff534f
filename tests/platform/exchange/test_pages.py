"""The inbox, outbox, document and send pages: who sees what, upload, refusal with findings."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from heldigital.apps.accounts.models import Role
from heldigital.apps.exchange import services
from heldigital.apps.exchange.models import Document
from tests.platform.conftest import make_user

from .conftest import broken, invoice

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sent(on_platform, now) -> Document:
    municipality, supplier = on_platform
    return services.send(
        organisation=supplier, payload=invoice(), receiver=municipality.peppol_id, now=now
    )


def test_inbox_and_outbox_list_their_documents(sent, buyer, supplier_user):
    supplier_pages = client_for(supplier_user)
    outbox = supplier_pages.get("/exchange/outbox/")
    assert outbox.status_code == 200
    assert f"/exchange/{sent.pk}/" in outbox.content.decode()
    assert "Snippet1" in outbox.content.decode()
    assert "Snippet1" not in supplier_pages.get("/exchange/inbox/").content.decode()
    received = Document.objects.get(direction="in")
    inbox = client_for(buyer).get("/exchange/inbox/")
    assert f"/exchange/{received.pk}/" in inbox.content.decode()
    # the menu leads there
    assert 'href="/exchange/inbox/"' in inbox.content.decode()


def test_filters_and_htmx_answer_with_the_table_only(sent, supplier_user):
    pages = client_for(supplier_user)
    assert "Snippet1" not in pages.get("/exchange/outbox/?kind=order").content.decode()
    assert (
        "Snippet1" in pages.get("/exchange/outbox/?kind=invoice&state=delivered").content.decode()
    )
    assert "Snippet1" not in pages.get("/exchange/outbox/?q=nothing-like-it").content.decode()
    partial = pages.get("/exchange/outbox/?q=Snippet", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and "Snippet1" in partial.content.decode()
    # unknown filter values are ignored, not errors
    assert pages.get("/exchange/outbox/?state=%00x&kind=zz").status_code in (200, 400)


def test_the_document_page_shows_envelope_report_and_history(sent, supplier_user):
    page = client_for(supplier_user).get(f"/exchange/{sent.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "iso6523-actorid-upis::0192:920000002" in text
    assert sent.instance_identifier in text
    assert "Valid: no errors." in text or "Gyldig" in text
    assert sent.payload_sha256 in text


def test_downloads_are_the_stored_bytes(sent, supplier_user):
    pages = client_for(supplier_user)
    payload = pages.get(f"/exchange/{sent.pk}/download/")
    assert payload.status_code == 200 and payload.content == invoice()
    assert payload["Content-Disposition"].startswith("attachment;")
    envelope = pages.get(f"/exchange/{sent.pk}/download/sbdh/")
    assert envelope.content == bytes(sent.envelope)


def test_another_organisations_document_is_404(sent, buyer, agency):
    # the buyer's municipality received the counterpart, not this outbox document
    pages = client_for(buyer)
    assert pages.get(f"/exchange/{sent.pk}/").status_code == 404
    assert pages.get(f"/exchange/{sent.pk}/download/").status_code == 404
    other = client_for(make_user("agencyofficer", (agency, Role.BUYER_ADMIN)))
    received = Document.objects.get(direction="in")
    assert other.get(f"/exchange/{received.pk}/").status_code == 404
    assert other.get(f"/exchange/{received.pk}/download/sbdh/").status_code == 404


def test_roles_without_access_are_refused(sent, outsider, municipality):
    evaluator = make_user("evaluator", (municipality, Role.EVALUATOR))
    received = Document.objects.get(direction="in")
    for user in (outsider, evaluator):
        pages = client_for(user)
        assert pages.get("/exchange/inbox/").status_code == 403
        assert pages.get("/exchange/send/").status_code == 403
        assert pages.get(f"/exchange/{received.pk}/").status_code in (403, 404)
    assert Client().get("/exchange/inbox/").status_code == 302  # to the log-in page


def test_an_auditor_reads_but_does_not_send(sent, auditor):
    pages = client_for(auditor)
    assert pages.get("/exchange/inbox/").status_code == 200
    assert pages.get("/exchange/send/").status_code == 403


def test_upload_sends_and_shows_the_document(on_platform, supplier_user, municipality):
    pages = client_for(supplier_user)
    form = pages.get("/exchange/send/")
    assert form.status_code == 200
    response = pages.post(
        "/exchange/send/",
        {
            "receiver": municipality.peppol_id,
            "document": SimpleUploadedFile("invoice.xml", invoice(), "application/xml"),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(direction="out")
    assert response["Location"] == f"/exchange/{document.pk}/"
    assert Document.objects.get(direction="in").organisation == municipality


def test_an_invalid_upload_is_refused_with_its_findings(on_platform, supplier_user, municipality):
    pages = client_for(supplier_user)
    response = pages.post(
        "/exchange/send/",
        {
            "receiver": municipality.peppol_id,
            "document": SimpleUploadedFile("invoice.xml", broken(invoice()), "application/xml"),
        },
    )
    assert response.status_code == 400
    assert "PEPPOL-EN16931-F001" in response.content.decode()
    assert Document.objects.count() == 0
    missing = pages.post("/exchange/send/", {"receiver": municipality.peppol_id})
    assert missing.status_code == 400 and Document.objects.count() == 0


def test_a_correction_links_to_what_it_corrects(sent, supplier_user, municipality):
    pages = client_for(supplier_user)
    form = pages.get(f"/exchange/send/?corrects={sent.pk}")
    assert form.status_code == 200 and municipality.peppol_id in form.content.decode()
    response = pages.post(
        "/exchange/send/",
        {
            "receiver": municipality.peppol_id,
            "corrects": str(sent.pk),
            "document": SimpleUploadedFile("invoice.xml", invoice(), "application/xml"),
        },
    )
    assert response.status_code == 302
    correction = Document.objects.get(direction="out", corrects=sent)
    assert f"/exchange/{correction.pk}/" in pages.get(f"/exchange/{sent.pk}/").content.decode()


def test_a_too_large_upload_is_refused(on_platform, supplier_user, municipality, settings):
    settings.HELDIGITAL_WEB_UPLOAD_MAX_BYTES = 1000
    response = client_for(supplier_user).post(
        "/exchange/send/",
        {
            "receiver": municipality.peppol_id,
            "document": SimpleUploadedFile("invoice.xml", invoice(), "application/xml"),
        },
    )
    assert response.status_code == 400
    assert Document.objects.count() == 0
