"""Bad input never gives a 5xx, and gets the same answer on SQLite and PostgreSQL.

Each test here is a failure once found (issue 7, "no 5xx on any input"):
a non-UUID id, an oversized body, NUL characters (PostgreSQL cannot store
them, SQLite can), integers beyond the column range (stored on SQLite,
refused by PostgreSQL) and the error pages of the web UI.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from heldigital.apps.tendering.models import Procurement

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_json(client, url, token, body):
    return client.post(url, data=json.dumps(body), content_type="application/json", **bearer(token))


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["detail"]
    return body


def draft_body(**overrides):
    now = timezone.now()
    body = {
        "title": "Kontorrekvisita",
        "cpv_codes": ["30192000-1"],
        "estimated_value": "800000",
        "contract_kind": "goods",
        "authority_kind": "other",
        "procedure": "national",
        "questions_deadline": (now + timedelta(days=10)).isoformat(),
        "tender_deadline": (now + timedelta(days=20)).isoformat(),
        "tender_validity_until": (now + timedelta(days=110)).isoformat(),
    }
    body.update(overrides)
    return body


def invalid_fields(body: dict) -> set[str]:
    return {str(error["loc"][-1]) for error in body["errors"]}


# --- API -------------------------------------------------------------------------


def test_a_contract_id_that_is_not_a_uuid_is_422_not_500(client, buyer_token):
    body = problem(client.get("/api/v1/contracts/1", **bearer(buyer_token)), 422)
    assert invalid_fields(body) == {"contract_id"}
    for url in ("/api/v1/contracts/1/document.pdf", "/api/v1/contracts/x/confirm"):
        method = client.post if url.endswith("confirm") else client.get
        assert method(url, **bearer(buyer_token)).status_code == 422


def test_an_oversized_json_body_is_413_problem_details(client, buyer_token):
    big = draft_body(description="x" * (3 * 1024 * 1024))  # over DATA_UPLOAD_MAX_MEMORY_SIZE
    body = problem(post_json(client, "/api/v1/procurements", buyer_token, big), 413)
    assert body["title"] == "Request Entity Too Large"
    assert not Procurement.objects.exists()


def test_nul_in_a_title_is_422_on_every_database(client, buyer_token):
    response = post_json(client, "/api/v1/procurements", buyer_token, draft_body(title="Snø\x00"))
    body = problem(response, 422)
    assert invalid_fields(body) == {"title"}
    assert "NUL" in json.dumps(body["errors"])
    assert not Procurement.objects.exists()


def test_nul_in_a_list_of_codes_and_in_a_form_field_is_422(client, buyer_token):
    response = post_json(
        client, "/api/v1/procurements", buyer_token, draft_body(cpv_codes=["30192000-1\x00"])
    )
    problem(response, 422)
    created = post_json(client, "/api/v1/procurements", buyer_token, draft_body())
    assert created.status_code == 201, created.content
    reference = created.json()["reference"]
    response = client.post(
        f"/api/v1/procurements/{reference}/documents",
        {"title": "Grunnlag\x00", "file": _pdf_file()},
        **bearer(buyer_token),
    )
    assert invalid_fields(problem(response, 422)) == {"title"}


def _pdf_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("g.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_multipart_without_a_boundary_is_400_not_500(client, buyer_token):
    # Found by Schemathesis (ST102) on POST /api/v1/validate.
    response = client.post("/api/v1/validate", data=b"\x00", content_type="multipart/form-data")
    problem(response, 400)
    created = post_json(client, "/api/v1/procurements", buyer_token, draft_body()).json()
    response = client.post(
        f"/api/v1/procurements/{created['reference']}/documents",
        data=b"\x00",
        content_type="multipart/form-data",
        **bearer(buyer_token),
    )
    problem(response, 400)
    # The web answers with its 400 page.
    response = client.post("/login/", data=b"\x00", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()


def test_nul_in_the_path_or_query_string_is_400(client, buyer_token):
    problem(client.get("/api/v1/procurements/P%00X", **bearer(buyer_token)), 400)
    problem(client.get("/api/v1/notices?q=sn%00w"), 400)
    response = client.get("/notices/?q=sn%00w")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_a_text_longer_than_its_column_is_422_on_every_database(client, buyer_token):
    response = post_json(client, "/api/v1/procurements", buyer_token, draft_body(title="x" * 301))
    assert invalid_fields(problem(response, 422)) == {"title"}
    response = post_json(
        client, "/api/v1/procurements", buyer_token, draft_body(review_body_town="x" * 101)
    )
    assert invalid_fields(problem(response, 422)) == {"review_body_town"}


@pytest.mark.parametrize("months", [10**12, 2**31, 0, -1])
def test_a_contract_duration_out_of_range_is_422(client, buyer_token, months):
    body = draft_body(contract_duration_months=months)
    response = post_json(client, "/api/v1/procurements", buyer_token, body)
    assert invalid_fields(problem(response, 422)) == {"contract_duration_months"}
    assert not Procurement.objects.exists()


def test_a_contract_duration_within_range_is_stored(client, buyer_token):
    body = draft_body(contract_duration_months=1200)
    response = post_json(client, "/api/v1/procurements", buyer_token, body)
    assert response.status_code == 201, response.content
    assert Procurement.objects.get().contract_duration_months == 1200


def test_a_huge_lot_number_is_422_not_a_database_error(client, buyer_token):
    created = post_json(client, "/api/v1/procurements", buyer_token, draft_body()).json()
    url = f"/api/v1/procurements/{created['reference']}/request-items"
    item = {"line_id": "1", "name": "Papir", "unit_code": "EA", "estimated_quantity": "1"}
    response = post_json(client, url, buyer_token, {**item, "lot": 10**12})
    assert invalid_fields(problem(response, 422)) == {"lot"}


def test_a_huge_upload_size_is_422(client, supplier_token):
    import uuid

    response = post_json(
        client,
        f"/api/v1/tenders/{uuid.uuid4()}/files",
        supplier_token,
        {
            "kind": "attachment",
            "name": "a.pdf",
            "size": 2**64,
            "sha256": "0" * 64,
            "content_type": "application/pdf",
        },
    )
    assert invalid_fields(problem(response, 422)) == {"size"}


# --- web -------------------------------------------------------------------------


@pytest.fixture
def buyer_browser(client, buyer):
    assert client.login(username="buyer", password=PASSWORD)
    return client


def _form(**overrides):
    data = {
        "title": "Kontorrekvisita",
        "cpv_codes": "30192000-1",
        "estimated_value": "800000",
        "contract_kind": "goods",
        "authority_kind": "other",
        "procedure": "national",
        "award_method": "lowest_price",
        "price_formula": "proportional",
    }
    data.update(overrides)
    return data


def test_web_form_with_nul_shows_the_form_error(buyer_browser):
    response = buyer_browser.post("/buyer/procurements/new/", _form(title="Snø\x00"))
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not Procurement.objects.exists()


def test_web_form_with_a_huge_duration_shows_the_form_error(buyer_browser):
    response = buyer_browser.post(
        "/buyer/procurements/new/", _form(contract_duration_months=str(10**12))
    )
    assert response.status_code == 200
    assert "contract_duration_months" in response.context["form"].errors
    assert not Procurement.objects.exists()


def test_web_oversized_post_is_a_413_page_in_norwegian(buyer_browser):
    response = buyer_browser.post(
        "/buyer/procurements/new/", _form(description="x" * (3 * 1024 * 1024))
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "For mye data" in response.content.decode()
    assert not Procurement.objects.exists()


def test_web_error_pages_are_the_projects_in_norwegian(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()
    response = client.get("/notices/?q=%00")
    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()


def test_the_500_page_is_the_projects(rf):
    from heldigital.platform.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()
    response = server_error(rf.get("/api/v1/me"))
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
