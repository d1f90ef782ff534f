"""Tendering API: buyer's system and supplier's system, access between suppliers,
problem details for every error."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Procurement
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import PDF, add_qualification, complete_contents, draft_data
from tests.platform.test_api import assert_problem, bearer

pytestmark = pytest.mark.django_db

TURNOVER = "gen-year-to"


def iso(moment) -> str:
    return moment.isoformat()


def post(client, url, token, body=None):
    return client.post(
        url, data=json.dumps(body or {}), content_type="application/json", **bearer(token)
    )


@pytest.fixture
def live(buyer, municipality):
    """A procurement published a minute ago (real clock), open for three weeks."""
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


def test_buyer_system_creates_and_publishes(client, buyer_token):
    now = timezone.now()
    body = {
        "title": "Kontorrekvisita",
        "description": "Rammeavtale for kontorrekvisita.",
        "cpv_codes": ["30192000-1"],
        "estimated_value": "800000",
        "contract_kind": "goods",
        "authority_kind": "other",
        "procedure": "national",
        "place_of_performance": "NO081",
        "questions_deadline": iso(now + timedelta(days=10)),
        "tender_deadline": iso(now + timedelta(days=20)),
        "tender_validity_until": iso(now + timedelta(days=110)),
    }
    response = post(client, "/api/v1/procurements", buyer_token, body)
    assert response.status_code == 201, response.content
    created = response.json()
    ref = created["reference"]
    assert created["regime"] == "below-national" and created["status"] == "draft"
    base = f"/api/v1/procurements/{ref}"
    assert post(client, f"{base}/lots", buyer_token, {"title": "Papir"}).status_code == 201
    response = post(
        client,
        f"{base}/request-items",
        buyer_token,
        {
            "line_id": "A4",
            "name": "Kopipapir A4",
            "unit_code": "XPK",
            "estimated_quantity": "500",
            "lot": 1,
            "properties": [{"name": "Vekt", "value": "80 g/m2"}],
        },
    )
    assert response.status_code == 201, response.content
    response = post(
        client,
        f"{base}/requirements",
        buyer_token,
        {
            "criterion_code": TURNOVER,
            "kind": "economic_financial",
            "threshold": "2000000",
            "threshold_unit": "NOK",
        },
    )
    assert response.status_code == 201, response.content
    response = post(
        client,
        f"{base}/award-criteria",
        buyer_token,
        {"name": "Pris", "kind": "price", "weight": "100"},
    )
    assert response.status_code == 201
    response = client.post(
        f"{base}/documents",
        data={"title": "Kravspesifikasjon", "file": io.BytesIO(PDF)},
        **bearer(buyer_token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "application/pdf"
    response = client.patch(
        base,
        data=json.dumps({"title": "Kontorrekvisita 2027"}),
        content_type="application/json",
        **bearer(buyer_token),
    )
    assert response.json()["title"] == "Kontorrekvisita 2027"
    response = post(client, f"{base}/publish", buyer_token)
    assert response.status_code == 200, response.content
    published = response.json()
    assert published["status"] == "published"
    assert published["notices"][0]["kind"] == "contract"
    assert [
        p["reference"] for p in client.get("/api/v1/procurements", **bearer(buyer_token)).json()
    ] == [ref]
    body = assert_problem(post(client, f"{base}/publish", buyer_token), 409, "Conflict")
    assert "no longer a draft" in body["detail"]


def test_time_limits_refused_as_problem_details(client, buyer_token):
    now = timezone.now()
    body = {
        "title": "Bygg",
        "description": "x",
        "cpv_codes": ["45000000-7"],
        "estimated_value": "5000000",
        "contract_kind": "services",
        "authority_kind": "other",
        "procedure": "open",
        "tender_deadline": iso(now + timedelta(days=12)),
    }
    problem = assert_problem(
        post(client, "/api/v1/procurements", buyer_token, body), 422, "Unprocessable Content"
    )
    assert problem["errors"][0]["loc"] == ["body", "tender_deadline"]
    assert "at least 30 days" in problem["errors"][0]["msg"]
    body["tender_deadline"] = "2030-01-01T12:00:00"  # no offset
    problem = assert_problem(
        post(client, "/api/v1/procurements", buyer_token, body), 422, "Unprocessable Content"
    )
    assert "time zone" in problem["errors"][0]["msg"]


def test_notice_board_is_public_and_searchable(client, live, agency):
    listed = client.get("/api/v1/notices").json()
    assert [n["reference"] for n in listed] == [live.reference]
    for query, hits in [
        ("?q=snørydding", 1),
        ("?q=asfalt", 0),
        ("?cpv=9062", 1),
        ("?cpv=45", 0),
        ("?buyer=920000002", 1),
        ("?buyer=Testkommune", 1),
        ("?buyer=920000010", 0),
        ("?deadline=open", 1),
        ("?deadline=closed", 0),
    ]:
        assert len(client.get(f"/api/v1/notices{query}").json()) == hits, query
    detail = client.get(f"/api/v1/notices/{live.reference}").json()
    assert detail["request_items"][0]["line_id"] == "1"
    url = detail["documents"][0]["versions"][0]["url"]
    document = client.get(url)
    assert b"".join(document.streaming_content) == PDF
    package = client.get(detail["package_url"])
    assert package["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        assert "request-catalogue.xml" in archive.namelist()
    assert_problem(client.get("/api/v1/notices/HD-1999-0001"), 404, "Not Found")


def test_drafts_are_not_public(client, buyer, municipality, supplier_token):
    now = timezone.now()
    draft = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    assert client.get("/api/v1/notices").json() == []
    assert_problem(client.get(f"/api/v1/notices/{draft.reference}"), 404, "Not Found")
    assert_problem(
        client.get(f"/api/v1/procurements/{draft.reference}", **bearer(supplier_token)),
        404,
        "Not Found",
    )


def test_supplier_cannot_use_buyer_endpoints(client, live, supplier_token):
    ref = live.reference
    assert_problem(post(client, "/api/v1/procurements", supplier_token, {}), 403, "Forbidden")
    assert_problem(
        post(client, f"/api/v1/procurements/{ref}/cancel", supplier_token, {"reason": "x"}),
        403,
        "Forbidden",
    )
    assert_problem(
        client.get(f"/api/v1/procurements/{ref}/questions", **bearer(supplier_token)),
        403,
        "Forbidden",
    )
    assert Procurement.objects.get().status == "published"


def test_supplier_a_never_sees_supplier_b(
    client, live, supplier_token, other_supplier_token, buyer_token
):
    ref = live.reference
    assert post(client, f"/api/v1/notices/{ref}/interest", supplier_token).status_code == 201
    assert post(client, f"/api/v1/notices/{ref}/interest", supplier_token).status_code == 200
    assert_problem(
        client.get(f"/api/v1/notices/{ref}/interest", **bearer(other_supplier_token)),
        404,
        "Not Found",
    )
    response = post(
        client,
        f"/api/v1/notices/{ref}/questions",
        supplier_token,
        {"text": "Testleverandør AS spør: kreves 4x4?"},
    )
    assert response.status_code == 201
    assert client.get(f"/api/v1/notices/{ref}/questions").json() == []
    assert (
        client.get(f"/api/v1/notices/{ref}/my-questions", **bearer(other_supplier_token)).json()
        == []
    )
    mine = client.get(f"/api/v1/notices/{ref}/my-questions", **bearer(supplier_token)).json()
    assert mine[0]["text"].startswith("Testleverandør") and not mine[0]["published"]
    inbox = client.get(f"/api/v1/procurements/{ref}/questions", **bearer(buyer_token)).json()
    assert inbox[0]["supplier"]["orgnr"] == "920000029"
    response = post(
        client,
        f"/api/v1/procurements/{ref}/questions/1/answer",
        buyer_token,
        {"answer": "Ja.", "published_question": "Kreves 4x4?"},
    )
    assert response.status_code == 200, response.content
    public = client.get(f"/api/v1/notices/{ref}/questions").json()
    assert public == [
        {
            "number": 1,
            "question": "Kreves 4x4?",
            "answer": "Ja.",
            "answered_at": public[0]["answered_at"],
        }
    ]
    assert "Testleverandør" not in json.dumps(client.get(f"/api/v1/notices/{ref}").json())
    # Notifications: the registered supplier is told, the other one is not.
    a = client.get("/api/v1/notifications", **bearer(supplier_token)).json()
    b = client.get("/api/v1/notifications", **bearer(other_supplier_token)).json()
    assert [n["kind"] for n in a] == ["question.answered"] and b == []
    assert_problem(
        post(client, f"/api/v1/notifications/{a[0]['id']}/read", other_supplier_token),
        404,
        "Not Found",
    )
    assert post(client, f"/api/v1/notifications/{a[0]['id']}/read", supplier_token).json()[
        "read_at"
    ]
    interests = client.get(f"/api/v1/procurements/{ref}/interests", **bearer(buyer_token)).json()
    assert [i["supplier"]["orgnr"] for i in interests] == ["920000029"]


def test_question_after_the_deadline_is_409_with_times(client, buyer, municipality, supplier_token):
    start = timezone.now() - timedelta(days=20)
    procurement = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(start), now=start
    )
    complete_contents(procurement, acting(buyer, municipality), start)
    services.publish(procurement, principal=acting(buyer, municipality), now=start)
    problem = assert_problem(
        post(
            client,
            f"/api/v1/notices/{procurement.reference}/questions",
            supplier_token,
            {"text": "Sent spørsmål"},
        ),
        409,
        "Conflict",
    )
    assert "deadline for questions" in problem["detail"] and "server time" in problem["detail"]


def test_correction_and_cancel_through_the_api(client, live, buyer_token, supplier_token):
    ref = live.reference
    post(client, f"/api/v1/notices/{ref}/interest", supplier_token)
    new = live.tender_deadline + timedelta(days=3)
    response = post(
        client,
        f"/api/v1/procurements/{ref}/corrections",
        buyer_token,
        {
            "summary": "Forlenget frist",
            "tender_deadline": iso(new),
            "tender_validity_until": iso(live.tender_validity_until + timedelta(days=3)),
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["version"] == 2
    response = client.post(
        f"/api/v1/procurements/{ref}/documents",
        data={"file": io.BytesIO(PDF + b"%3"), "document_id": live.documents.get().pk},
        **bearer(buyer_token),
    )
    assert_problem(response, 422, "Unprocessable Content")  # a correction needs a summary
    response = client.post(
        f"/api/v1/procurements/{ref}/documents",
        data={
            "file": io.BytesIO(PDF + b"%3"),
            "document_id": live.documents.get().pk,
            "summary": "Rettet vedlegg",
        },
        **bearer(buyer_token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 2 and response.json()["procurement_version"] == 3
    response = post(client, f"/api/v1/procurements/{ref}/cancel", buyer_token, {"reason": "Avlyst"})
    assert response.json()["status"] == "cancelled"
    kinds = [
        n["kind"] for n in client.get("/api/v1/notifications", **bearer(supplier_token)).json()
    ]
    assert sorted(kinds) == [
        "procurement.cancelled",
        "procurement.corrected",
        "procurement.corrected",
    ]


def test_openapi_documents_tendering(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/procurements",
        "/api/v1/procurements/{reference}/publish",
        "/api/v1/notices",
        "/api/v1/notices/{reference}/package.zip",
        "/api/v1/notices/{reference}/questions",
        "/api/v1/notifications",
    } <= paths


def test_draft_parts_can_be_removed_until_publication(client, buyer_token, buyer, municipality):
    now = timezone.now()
    draft = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    common = {"principal": acting(buyer, municipality), "now": now}
    services.add_lot(draft, title="Øst", **common)
    services.add_request_item(
        draft, line_id="X1", name="Salt", unit_code="TNE", estimated_quantity="3", lot=1, **common
    )
    base = f"/api/v1/procurements/{draft.reference}"
    problem = assert_problem(
        client.delete(f"{base}/lots/1", **bearer(buyer_token)), 422, "Unprocessable Content"
    )
    assert "first" in problem["errors"][0]["msg"]
    assert client.delete(f"{base}/request-items/X1", **bearer(buyer_token)).status_code == 204
    assert client.delete(f"{base}/lots/1", **bearer(buyer_token)).status_code == 204
    assert_problem(client.delete(f"{base}/lots/1", **bearer(buyer_token)), 404, "Not Found")
    assert draft.lots.count() == 0 and draft.request_items.count() == 0
