"""Tendering web pages: notice board, Atom feed, notice page, supplier actions,
buyer pages, my procurements, notifications, access control."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from heldigital import xml
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Interest, Procurement, Question
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import PDF, add_qualification, draft_data
from tests.platform.test_web import assert_accessible_page, login

pytestmark = pytest.mark.django_db


def assert_accessible_page_en(response):
    return assert_accessible_page(response, lang="en")


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def live(buyer, municipality):
    now = timezone.now() - timedelta(minutes=2)
    procurement = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    services.add_request_item(
        procurement,
        principal=acting(buyer, municipality),
        line_id="1",
        name="Brøyting",
        unit_code="HUR",
        estimated_quantity="400",
        now=now,
    )
    add_qualification(procurement, acting(buyer, municipality), now)
    services.add_document(
        procurement,
        principal=acting(buyer, municipality),
        title="Konkurransegrunnlag",
        filename="grunnlag.pdf",
        content=PDF,
        now=now,
    )
    services.publish(procurement, principal=acting(buyer, municipality), now=now)
    return procurement


def test_board_lists_and_searches_without_login(client, live):
    response = client.get("/notices/")
    assert_accessible_page_en(response)
    assert live.title in response.content.decode()
    assert live.title not in client.get("/notices/?q=asfalt").content.decode()
    partial = client.get("/notices/?cpv=906", HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and live.title in partial.content.decode()


def test_atom_feed_is_well_formed_rfc4287(client, live, buyer, municipality):
    draft = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(timezone.now()), now=timezone.now()
    )
    response = client.get("/notices/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = xml.parse(response.content).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1  # drafts are never in the feed
    entry = entries[0]
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{live.id}"
    assert live.reference in entry.findtext(f"{ATOM}title")
    assert entry.find(f"{ATOM}updated") is not None
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/notices/{live.reference}/")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == municipality.name
    assert draft.reference not in response.content.decode()


def test_notice_page_documents_and_package(client, live):
    response = client.get(f"/notices/{live.reference}/")
    assert_accessible_page_en(response)
    page = response.content.decode()
    assert "Brøyting" in page and "package.zip" in page
    package = client.get(f"/notices/{live.reference}/package.zip")
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        assert archive.read("documents/01-grunnlag.pdf") == PDF
    document = live.documents.get()
    download = client.get(f"/notices/{live.reference}/documents/{document.pk}/v1/")
    assert b"".join(download.streaming_content) == PDF
    notice = client.get(f"/notices/{live.reference}/notice.xml")
    assert notice["Content-Type"] == "application/xml"
    assert xml.parse(notice.content).getroot().tag.endswith("}ContractNotice")
    for url in (
        f"/notices/{live.reference}/espd-request.xml",
        f"/api/v1/notices/{live.reference}/espd-request.xml",
    ):
        root = xml.parse(client.get(url).content).getroot()
        assert root.tag.endswith("}QualificationApplicationRequest")


def test_supplier_registers_interest_and_asks(client, live, supplier_user):
    login(client, "supplieruser")
    page = client.get(f"/notices/{live.reference}/")
    assert_accessible_page_en(page)
    assert "Registrer interesse" in page.content.decode() or "Register interest" in (
        page.content.decode()
    )
    client.post(f"/notices/{live.reference}/interest/")
    assert Interest.objects.filter(procurement=live).count() == 1
    client.post(f"/notices/{live.reference}/questions/", {"text": "Gjelder kravet ISO 9001?"})
    question = Question.objects.get()
    assert question.text == "Gjelder kravet ISO 9001?"
    page = client.get(f"/notices/{live.reference}/").content.decode()
    assert "Gjelder kravet ISO 9001?" in page


def test_other_supplier_never_sees_a_question_before_publication(
    client, live, supplier_user, supplier, other_supplier_user
):
    services.ask_question(
        live,
        principal=acting(supplier_user, supplier),
        text="Hemmelig spørsmål",
        now=timezone.now(),
    )
    login(client, "othersupplier")
    assert "Hemmelig spørsmål" not in client.get(f"/notices/{live.reference}/").content.decode()
    assert client.get(f"/buyer/procurements/{live.reference}/").status_code == 403


def test_buyer_creates_publishes_answers_corrects_and_cancels(
    client, buyer, supplier_user, supplier
):
    login(client, "buyer")
    assert_accessible_page_en(client.get("/buyer/procurements/new/"))
    local = timezone.localtime(timezone.now())
    fmt = "%Y-%m-%dT%H:%M"
    response = client.post(
        "/buyer/procurements/new/",
        {
            "title": "Renhold",
            "description": "Renhold av skoler",
            "cpv_codes": "90910000-9",
            "estimated_value": "700000",
            "contract_kind": "services",
            "authority_kind": "other",
            "procedure": "national",
            "questions_deadline": (local + timedelta(days=10)).strftime(fmt),
            "tender_deadline": (local + timedelta(days=20)).strftime(fmt),
            "tender_validity_until": (local + timedelta(days=100)).strftime(fmt),
            "award_method": "lowest_price",
            "price_formula": "proportional",
        },
    )
    procurement = Procurement.objects.get()
    # What the official eForms rules require is refused at publication, on the form field.
    page = client.post(f"/buyer/procurements/{procurement.reference}/publish/")
    assert page.status_code == 200
    assert "The notice states where the contract is performed" in page.content.decode()
    assert 'href="#id_place_of_performance"' in page.content.decode()  # the error summary
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    services.update_draft(
        procurement,
        principal=acting(buyer, procurement.buyer),
        data={"place_of_performance": "NO081"},
        now=timezone.now(),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/buyer/procurements/{procurement.reference}/"
    ref = procurement.reference
    assert_accessible_page_en(client.get(f"/buyer/procurements/{ref}/"))
    client.post(
        f"/buyer/procurements/{ref}/add/item/",
        {"line_id": "1", "name": "Renhold", "unit_code": "MTK", "estimated_quantity": "5000"},
    )
    assert procurement.request_items.count() == 1
    client.post(
        f"/buyer/procurements/{ref}/add/item/",
        {"line_id": "2", "name": "Vinduer", "unit_code": "MTK", "estimated_quantity": "50"},
    )
    page = client.get(f"/buyer/procurements/{ref}/")
    assert_accessible_page_en(page)
    extra = procurement.request_items.get(line_id="2")
    client.post(f"/buyer/procurements/{ref}/remove/item/{extra.pk}/")
    assert procurement.request_items.count() == 1
    client.post(
        f"/buyer/procurements/{ref}/documents/",
        {"title": "Grunnlag", "file": io.BytesIO(PDF)},
    )
    assert procurement.documents.count() == 1
    client.post(
        f"/buyer/procurements/{ref}/add/requirement/",
        {"criterion_code": "gen-year-to", "threshold": "1000000", "threshold_unit": "NOK"},
    )
    assert procurement.requirements.count() == 1
    assert_accessible_page_en(client.get(f"/buyer/procurements/{ref}/publish/"))
    client.post(f"/buyer/procurements/{ref}/publish/")
    procurement.refresh_from_db()
    assert procurement.status == "published"
    services.register_interest(
        procurement, principal=acting(supplier_user, supplier), now=timezone.now()
    )
    services.ask_question(
        procurement,
        principal=acting(supplier_user, supplier),
        text="Spørsmål fra AS",
        now=timezone.now(),
    )
    client.post(
        f"/buyer/procurements/{ref}/questions/1/answer/",
        {"published_question": "Spørsmål", "answer": "Svar"},
    )
    assert Question.objects.get().published
    new_deadline = timezone.localtime(procurement.tender_deadline) + timedelta(days=2)
    client.post(
        f"/buyer/procurements/{ref}/correct/",
        {
            "summary": "Lengre frist",
            "questions_deadline": timezone.localtime(procurement.questions_deadline).strftime(fmt),
            "tender_deadline": new_deadline.strftime(fmt),
            "tender_validity_until": timezone.localtime(procurement.tender_validity_until).strftime(
                fmt
            ),
        },
    )
    procurement.refresh_from_db()
    assert procurement.version == 2
    mine = client.get("/procurements/")
    assert_accessible_page_en(mine)
    assert "Renhold" in mine.content.decode()
    confirm = client.post(f"/buyer/procurements/{ref}/cancel/", {"reason": "Ingen budsjett"})
    assert_accessible_page_en(confirm)
    procurement.refresh_from_db()
    assert procurement.status == "published"  # not before the buyer confirms
    client.post(
        f"/buyer/procurements/{ref}/cancel/", {"reason": "Ingen budsjett", "confirmed": "yes"}
    )
    procurement.refresh_from_db()
    assert procurement.status == "cancelled"
    client.logout()
    login(client, "supplieruser")
    notes = client.get("/notifications/")
    assert_accessible_page_en(notes)
    assert "Ingen budsjett" in notes.content.decode()
    assert ref in client.get("/procurements/").content.decode()


def test_too_short_time_limit_is_shown_on_the_form(client, buyer):
    login(client, "buyer")
    local = timezone.localtime(timezone.now())
    response = client.post(
        "/buyer/procurements/new/",
        {
            "title": "Bygg",
            "description": "x",
            "cpv_codes": "45000000-7",
            "estimated_value": "900000",
            "contract_kind": "works",
            "authority_kind": "other",
            "procedure": "national",
            "tender_deadline": (local + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "award_method": "lowest_price",
            "price_formula": "proportional",
        },
    )
    assert response.status_code == 200
    assert "at least 10 days" in response.content.decode()
    assert not Procurement.objects.exists()


def test_drafts_and_buyer_pages_are_closed_to_others(client, buyer, municipality, supplier_user):
    draft = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(timezone.now()), now=timezone.now()
    )
    assert client.get(f"/notices/{draft.reference}/").status_code == 404
    assert client.get(f"/buyer/procurements/{draft.reference}/").status_code == 302  # login
    login(client, "supplieruser")
    assert client.get(f"/buyer/procurements/{draft.reference}/").status_code == 404
    assert client.get("/buyer/procurements/new/").status_code == 403
    assert client.post(f"/buyer/procurements/{draft.reference}/publish/").status_code == 404


def test_deadlines_typed_in_norwegian_time_across_daylight_saving():
    """Summer time starts 2027-03-28 02:00 in Norway: 12:00 is 11:00 UTC the day before
    and 10:00 UTC that day; shown back, both read 12:00."""
    from datetime import UTC, datetime

    from heldigital.apps.tendering.forms import CorrectionForm

    for day, utc_hour in (("2027-03-27", 11), ("2027-03-28", 10)):
        form = CorrectionForm({"summary": "x", "tender_deadline": f"{day}T12:00"})
        assert form.is_valid(), form.errors
        deadline = form.cleaned_data["tender_deadline"]
        assert deadline.astimezone(UTC) == datetime.fromisoformat(f"{day}T{utc_hour}:00+00:00")
        assert services.format_local(deadline) == f"{day} 12:00 (Europe/Oslo)"


def test_a_new_draft_starts_from_the_authority_kind_of_the_latest_procurement(client, buyer, draft):
    """No silent "state authority": blank for a first procurement (tests/ui), otherwise the
    kind the organisation used last (a municipality stays "other")."""
    import re

    login(client, "buyer")
    page = client.get("/buyer/procurements/new/").content.decode()
    select = re.search(r'<select name="authority_kind".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="other" selected>', select), select
