"""The supplier's ESPD form and import over HTTP (Django test client, real database and
sealed storage): criteria in Norwegian, errors in Norwegian at the field, follow-up
questions opened by the answers, the response attached to the tender draft, imports of
ESPD-EDM 4.1.0 and 2.1.1 responses with a report, and every refusal with a reason."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from heldigital.apps.submissions import services
from heldigital.apps.submissions.models import FileKind, Tender, TenderStatus
from heldigital.apps.tendering.models import Procurement
from tests.conftest import corpus
from tests.platform.conftest import acting

from .conftest import publish_with_requirements

V4 = corpus("espd-edm", "v4.1.0", "xml-examples", "ESPD-Response.xml")
V2 = corpus(
    "espd-edm",
    "v2.1.1",
    "docs",
    "src",
    "main",
    "asciidoc",
    "modules",
    "ROOT",
    "dist",
    "xml",
    "BASIC-ESPDResponse-2.1.1.xml",
)
EXCLUSION = [
    "crime-org", "corruption", "fraud", "terr-offence", "finan-laund", "human-traffic",
    "tax-pay", "socsec-pay", "bankruptcy",
]  # fmt: skip


def q(prop: str) -> str:
    return f"q:{prop}"


def all_no(**extra: str) -> dict[str, str]:
    """Every exclusion ground answered no; SME yes; the turnover answered for one year."""
    from heldigital.espd import criteria

    data = {"sme": "true", "role": "sole-tenderer", "save": "1"}
    for code in EXCLUSION:
        data[q(criteria.get(code).roles.answer)] = "false"
    year = "C29_SC_gen-year-to/RG1/RSG1/QSG2"
    data[q(f"{year}/Q1") + ":start"] = "2025-01-01"
    data[q(f"{year}/Q1") + ":end"] = "2025-12-31"
    data[q(f"{year}/Q2")] = "2 500 000"
    data.update(extra)
    return data


@pytest.fixture
def notice(db, municipality):
    return publish_with_requirements(municipality)


@pytest.fixture
def supplier_client(client, espd_supplier):
    client.force_login(get_user_model().objects.get(username="fjellbroyt"))
    return client


def url(procurement: Procurement, name: str = "submissions:espd") -> str:
    return reverse(name, args=[procurement.reference])


def test_the_form_shows_the_requested_criteria_in_norwegian(supplier_client, notice):
    page = supplier_client.get(url(notice)).content.decode()
    assert "Deltakelse i en kriminell organisasjon" in page
    assert "Konkurs" in page and "Samlet årlig omsetning" in page
    # No criterion name left in English in a Norwegian session.
    assert "Participation in a criminal organisation" not in page
    assert "General yearly turnover" not in page
    # The buyer's threshold is shown with the criterion; follow-ups are closed.
    assert "2000000 NOK" in page
    assert "Dato for domfellelse" not in page
    assert 'hx-post="' in page


def test_follow_up_questions_open_with_the_answer(supplier_client, notice):
    from heldigital.espd import criteria

    answer = criteria.get("crime-org").roles.answer
    response = supplier_client.post(
        url(notice), {q(answer): "true", "refresh": "1"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<form id="espd-form"')  # the fragment htmx swaps in
    assert "Dato for domfellelse" in page and "Hvem er dømt" in page
    assert "ds-validation-message" not in page  # a refresh never shows errors


def test_missing_answers_are_shown_in_norwegian_at_the_field(supplier_client, notice):
    from heldigital.espd import criteria

    data = all_no()
    answer = criteria.get("fraud").roles.answer
    del data[q(answer)]
    data.pop("sme")
    response = supplier_client.post(url(notice), data)
    page = response.content.decode()
    assert response.status_code == 422
    dom = "espd-" + re.sub(r"[^0-9A-Za-z]", "-", answer)
    # The message sits at the question and the inputs point to it.
    block = page[page.index('data-criterion="fraud"') :]
    block = block[: block.index("</fieldset>", block.index(f'id="{dom}-error"')) + 11]
    assert (
        f'<p class="ds-validation-message" data-color="danger" id="{dom}-error">'
        "Velg ja eller nei.</p>" in block
    )
    assert f'aria-describedby="{dom}-error"' in block
    assert 'id="espd-sme-error">Velg ja eller nei.' in page
    # The summary links to the question (WCAG 3.3.1).
    assert (
        f'<a class="ds-link" href="#{dom}-true">Bedrageri: Ditt svar – Velg ja eller nei.</a>'
        in page
    )
    assert "2 svar må rettes" in page
    assert not Tender.objects.filter(procurement=notice).exists()


def test_a_conviction_needs_its_follow_ups_and_bad_values_are_named(supplier_client, notice):
    from heldigital.espd import criteria

    c = criteria.get("crime-org")
    data = all_no(**{q(c.roles.answer): "true", q(c.roles.date): "31.02.2024"})
    data[q("C29_SC_gen-year-to/RG1/RSG1/QSG2/Q2")] = "mange penger"
    response = supplier_client.post(url(notice), data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Skriv datoen som dd.mm.åååå." in page  # 31 February
    assert "Skriv et tall, for eksempel 1500000 eller 1,5." in page
    assert page.count("Svar på dette spørsmålet.") >= 3  # reason, who, exclusion period


def test_a_complete_form_attaches_the_response_to_a_new_draft(supplier_client, notice):
    response = supplier_client.post(url(notice), all_no())
    assert response.status_code == 302
    assert response["Location"] == reverse("submissions:tender", args=[notice.reference])
    draft = Tender.objects.get(procurement=notice, status=TenderStatus.DRAFT)
    (file,) = draft.files.all()
    assert (file.kind, file.name, file.content_type) == (
        FileKind.ESPD_RESPONSE,
        "espd-response.xml",
        "application/xml",
    )
    # Saving again replaces it: the draft has one ESPD response.
    assert supplier_client.post(url(notice), all_no()).status_code == 302
    assert draft.files.filter(kind=FileKind.ESPD_RESPONSE).count() == 1
    page = supplier_client.get(reverse("submissions:tender", args=[notice.reference]))
    assert "ESPD-svaret ditt er lagt ved tilbudet" in page.content.decode()


def test_after_submitting_a_new_response_needs_a_change(supplier_client, notice, espd_supplier):
    assert supplier_client.post(url(notice), all_no()).status_code == 302
    draft = Tender.objects.get(procurement=notice, status=TenderStatus.DRAFT)
    user = get_user_model().objects.get(username="fjellbroyt")
    services.submit(draft, principal=acting(user, espd_supplier), now=timezone.now)
    response = supplier_client.post(url(notice), all_no())
    assert response.status_code == 409
    assert "Start en endring av tilbudet" in response.content.decode()
    assert Tender.objects.get(pk=draft.pk).files.count() == 1


def test_the_form_is_closed_after_the_deadline(supplier_client, notice):
    Procurement.objects.filter(pk=notice.pk).update(
        tender_deadline=timezone.now() - timedelta(minutes=1)
    )
    response = supplier_client.post(url(notice), all_no(), follow=True)
    assert "Tilbudsfristen er ute." in response.content.decode()
    assert not Tender.objects.filter(procurement=notice).exists()


def test_with_lots_every_selection_criterion_is_answered_for_its_lot(
    supplier_client, municipality, espd_supplier
):
    procurement = publish_with_requirements(municipality, lots=2)
    first = supplier_client.post(url(procurement), {"lot": "LOT-0001", "refresh": "1"})
    page = first.content.decode()
    assert "Samlet årlig omsetning (LOT-0001)" in page
    assert "Yrkesansvarsforsikring (LOT-0002)" in page
    # the chosen lot's criteria come first
    second = supplier_client.post(url(procurement), {"lot": "LOT-0002", "refresh": "1"})
    page = second.content.decode()
    assert page.index("Yrkesansvarsforsikring") < page.index("Samlet årlig omsetning")
    data = all_no(lot="LOT-0002")
    data[q("C34_SC_indem-insu/RG1/RSG1/QSG1/Q1")] = "12000000"
    response = supplier_client.post(url(procurement), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_import_of_the_official_4_1_0_example_fills_the_form_and_reports(supplier_client, notice):
    upload = SimpleUploadedFile("ESPD-Response.xml", V4.read_bytes(), "application/xml")
    response = supplier_client.post(url(notice, "submissions:espd-import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="espd-import-report"' in page
    assert "ESPD-EDM 4.1.0" in page
    # Made for another procedure: the supplier is told to check every answer.
    assert 'data-rule="HD-ESPD-PROCEDURE"' in page
    # The example's answers fill the form (its exclusion grounds are answered), and what
    # this procurement still needs is marked at the fields (bankruptcy is asked here).
    assert re.search(r'value="(true|false)" checked', page)
    assert 'id="espd-errors"' in page


def test_import_of_a_2_1_1_response_carries_the_answers_over(supplier_client, notice):
    upload = SimpleUploadedFile("BASIC.xml", V2.read_bytes(), "application/xml")
    response = supplier_client.post(url(notice, "submissions:espd-import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="HD-ESPD-V2"' in page
    assert "ESPD-EDM 2.1.1" in page
    assert re.search(r'value="(true|false)" checked', page)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not xml at all", "kan ikke importeres"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "kan ikke importeres"),
        (
            b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
            "ikke et ESPD-svar (Invoice)",
        ),
    ],
)
def test_a_file_that_is_no_espd_response_is_refused_with_a_reason(
    supplier_client, notice, content, reason
):
    upload = SimpleUploadedFile("x.xml", content, "application/xml")
    response = supplier_client.post(url(notice, "submissions:espd-import"), {"file": upload})
    assert response.status_code == 422
    assert reason in response.content.decode()
    assert not Tender.objects.filter(procurement=notice).exists()


def test_an_espd_request_is_not_taken_for_a_response(supplier_client, notice):
    from heldigital.apps.tendering import artefacts

    request_xml = artefacts.latest_espd_request(notice)
    upload = SimpleUploadedFile("req.xml", request_xml, "application/xml")
    response = supplier_client.post(url(notice, "submissions:espd-import"), {"file": upload})
    assert response.status_code == 422
    assert "ESPD-forespørsel, ikke et svar" in response.content.decode()


def test_only_suppliers_reach_the_form(client, notice, municipality):
    from heldigital.apps.accounts.models import Role
    from tests.platform.conftest import make_user

    client.force_login(make_user("buyer-x", (municipality, Role.PROCUREMENT_OFFICER)))
    assert client.get(url(notice)).status_code == 403
    assert client.post(url(notice), all_no()).status_code == 403


def test_an_unknown_role_is_refused_with_a_reason(supplier_client, notice):
    response = supplier_client.post(url(notice), all_no(role="king"))
    assert response.status_code == 422
    assert "Velg deres rolle i tilbudet." in response.content.decode()
    assert not Tender.objects.filter(procurement=notice).exists()
