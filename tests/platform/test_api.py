"""The REST API under /api/v1: token and session auth, problem details, endpoints."""

from __future__ import annotations

import json

import pytest

from heldigital.apps.accounts.models import ApiToken

from .conftest import LONG_LIVED, PASSWORD, PROCUREMENT_ID

pytestmark = pytest.mark.django_db

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance"}


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def assert_problem(response, status: int, title: str) -> dict:
    """The response is an RFC 9457 problem details object for ``status``."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert set(body) >= PROBLEM_MEMBERS
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] == title
    assert body["instance"] == response.wsgi_request.path
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


# --- documentation -----------------------------------------------------------


def test_openapi_schema_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/organisations/{orgnr}",
        "/api/v1/procurements/{procurement_id}/protocol",
        "/api/v1/procurements/{procurement_id}/protocol/verification",
    } <= paths
    schemes = schema["components"]["securitySchemes"]
    assert {"scheme": "bearer", "type": "http"}.items() <= schemes["BearerTokenAuth"].items()


def test_docs_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


# --- authentication ------------------------------------------------------------


def test_me_with_token_lists_only_the_token_organisation(
    client, buyer, municipality, supplier, buyer_token
):
    from heldigital.apps.accounts.models import Membership, Role

    # The buyer also audits the supplier; the token acts for the municipality only.
    Membership.objects.create(user=buyer, organisation=supplier, role=Role.AUDITOR)
    response = client.get("/api/v1/me", **bearer(buyer_token))
    assert response.status_code == 200
    assert response.json() == {
        "username": "buyer",
        "full_name": "Buyer Test",
        "email": "",
        "authenticated_via": "token",
        "organisations": [
            {
                "orgnr": "920000002",
                "name": "Testkommune",
                "kind": "public_body",
                "peppol_id": "0192:920000002",
                "roles": ["procurement_officer"],
            }
        ],
    }
    assert ApiToken.objects.get(organisation=municipality).last_used_at is not None


def test_me_with_session_lists_the_organisation_the_session_acts_for(client, buyer, supplier):
    from heldigital.apps.accounts.models import Membership, Role

    Membership.objects.create(user=buyer, organisation=supplier, role=Role.AUDITOR)
    assert client.login(username="buyer", password=PASSWORD)
    body = client.get("/api/v1/me").json()
    assert body["authenticated_via"] == "session"
    # The first organisation by name until the user switches.
    assert [(o["name"], o["roles"]) for o in body["organisations"]] == [
        ("Testkommune", ["procurement_officer"]),
    ]
    switched = client.post("/organisation/", {"orgnr": supplier.orgnr, "next": "/home/"})
    assert switched.status_code == 302 and switched["Location"] == "/home/"
    body = client.get("/api/v1/me").json()
    assert [(o["name"], o["roles"]) for o in body["organisations"]] == [
        ("Testleverandør AS", ["auditor"]),
    ]


def test_401_without_credentials(client):
    response = client.get("/api/v1/me")
    body = assert_problem(response, 401, "Unauthorized")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["instance"] == "/api/v1/me"


@pytest.mark.parametrize("header", ["Bearer hd_not-a-real-token", "Bearer ", "Bearer nonsense"])
def test_401_with_a_bad_token(client, buyer_token, header):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert_problem(response, 401, "Unauthorized")


def test_401_with_a_revoked_token(client, buyer_token, now):
    ApiToken.objects.get().revoke(now)
    response = client.get("/api/v1/me", **bearer(buyer_token))
    body = assert_problem(response, 401, "Unauthorized")
    assert "revoked" in body["detail"] or "tilbakekalt" in body["detail"]


def test_a_bad_token_does_not_fall_back_to_the_session(client, buyer):
    client.login(username="buyer", password=PASSWORD)
    response = client.get("/api/v1/me", **bearer("hd_forged"))
    assert_problem(response, 401, "Unauthorized")


# --- organisations ----------------------------------------------------------------


def test_list_organisations(client, municipality, agency, supplier, buyer_token):
    response = client.get("/api/v1/organisations", **bearer(buyer_token))
    assert response.status_code == 200
    assert [o["name"] for o in response.json()] == [
        "Testdirektoratet",
        "Testkommune",
        "Testleverandør AS",
    ]
    suppliers = client.get("/api/v1/organisations?kind=supplier", **bearer(buyer_token)).json()
    assert suppliers == [
        {
            "orgnr": "920000029",
            "name": "Testleverandør AS",
            "kind": "supplier",
            "peppol_scheme": "iso6523-actorid-upis",
            "peppol_id": "0192:920000029",
            "address": "",
            "email": "",
        }
    ]


def test_422_for_an_unknown_kind(client, buyer_token):
    response = client.get("/api/v1/organisations?kind=charity", **bearer(buyer_token))
    body = assert_problem(response, 422, "Unprocessable Content")
    assert body["errors"][0]["loc"] == ["query", "kind"]


def test_get_organisation_by_orgnr(client, municipality, buyer_token):
    response = client.get("/api/v1/organisations/920000002", **bearer(buyer_token))
    assert response.status_code == 200
    assert response.json()["peppol_id"] == "0192:920000002"
    assert response.json()["address"] == "Rådhusgata 1\n0001 Testby"
    spaced = client.get("/api/v1/organisations/920%20000%20002", **bearer(buyer_token))
    assert spaced.json() == response.json()


def test_404_for_an_unknown_organisation(client, buyer_token):
    response = client.get("/api/v1/organisations/920000037", **bearer(buyer_token))
    body = assert_problem(response, 404, "Not Found")
    assert "920000037" in body["detail"]


@pytest.mark.parametrize(
    ("orgnr", "code"), [("920000003", "invalid_checksum"), ("12345", "invalid_length")]
)
def test_422_for_an_invalid_orgnr(client, buyer_token, orgnr, code):
    response = client.get(f"/api/v1/organisations/{orgnr}", **bearer(buyer_token))
    body = assert_problem(response, 422, "Unprocessable Content")
    assert body["errors"] == [
        {"loc": ["path", "orgnr"], "msg": body["errors"][0]["msg"], "type": code}
    ]
    assert orgnr in body["errors"][0]["msg"]


def test_404_for_an_unknown_api_path(client):
    response = client.get("/api/v1/no/such/thing")
    assert_problem(response, 404, "Not Found")


# --- protocol --------------------------------------------------------------------


def test_buyer_reads_the_protocol(client, buyer_token, protocol_events, now):
    response = client.get(f"/api/v1/procurements/{PROCUREMENT_ID}/protocol", **bearer(buyer_token))
    assert response.status_code == 200
    body = response.json()
    assert body["procurement_id"] == PROCUREMENT_ID
    events = body["events"]
    assert [e["sequence"] for e in events] == [1, 2, 3]
    assert [e["type"] for e in events] == [
        "procurement.created",
        "notice.published",
        "tender.received",
    ]
    assert events[0]["payload"] == {"title": "Snørydding"}
    assert events[0]["prev_hash"] == "0" * 64
    assert events[1]["prev_hash"] == events[0]["hash"]
    assert events[0]["occurred_at"].startswith("2026-11-25T12:00:00")
    assert [e["hash"] for e in events] == [e.hash for e in protocol_events]


def test_auditor_reads_the_protocol_with_the_session(client, auditor, protocol_events):
    client.login(username="auditor", password=PASSWORD)
    response = client.get(f"/api/v1/procurements/{PROCUREMENT_ID}/protocol")
    assert response.status_code == 200
    assert len(response.json()["events"]) == 3


def test_403_for_a_supplier(client, supplier_token, protocol_events):
    for path in ("protocol", "protocol/verification"):
        response = client.get(
            f"/api/v1/procurements/{PROCUREMENT_ID}/{path}", **bearer(supplier_token)
        )
        assert_problem(response, 403, "Forbidden")


def test_404_for_a_procurement_without_protocol(client, buyer_token):
    response = client.get("/api/v1/procurements/P-0000/protocol", **bearer(buyer_token))
    assert_problem(response, 404, "Not Found")
    response = client.get(
        "/api/v1/procurements/P-0000/protocol/verification", **bearer(buyer_token)
    )
    assert_problem(response, 404, "Not Found")


def test_verification_ok(client, buyer_token, protocol_events):
    response = client.get(
        f"/api/v1/procurements/{PROCUREMENT_ID}/protocol/verification", **bearer(buyer_token)
    )
    assert response.status_code == 200
    assert response.json() == {
        "procurement_id": PROCUREMENT_ID,
        "ok": True,
        "events": 3,
        "problems": [],
    }


def test_verification_reports_a_changed_event(client, buyer_token, protocol_events, tamper):
    tamper(PROCUREMENT_ID, 2, '{"channel":"nowhere"}')
    response = client.get(
        f"/api/v1/procurements/{PROCUREMENT_ID}/protocol/verification", **bearer(buyer_token)
    )
    body = response.json()
    assert response.status_code == 200
    assert body["ok"] is False
    assert body["problems"]
    assert {p["procurement_id"] for p in body["problems"]} == {PROCUREMENT_ID}
    assert 2 in {p["sequence"] for p in body["problems"]}
    assert all(p["reason"] for p in body["problems"])


def test_500_is_a_problem_without_internals(client, buyer_token, protocol_events, monkeypatch):
    from heldigital.apps.protocol import services

    def broken(procurement_id):
        raise RuntimeError("secret internal state")

    monkeypatch.setattr(services, "verify_procurement", broken)
    response = client.get(
        f"/api/v1/procurements/{PROCUREMENT_ID}/protocol/verification", **bearer(buyer_token)
    )
    body = assert_problem(response, 500, "Internal Server Error")
    assert "secret" not in response.content.decode()
    assert body["instance"] == f"/api/v1/procurements/{PROCUREMENT_ID}/protocol/verification"


def test_405_is_a_problem_and_names_the_allowed_methods(client, buyer_token):
    response = client.post("/api/v1/me", **bearer(buyer_token))
    body = assert_problem(response, 405, "Method Not Allowed")
    assert "POST" in body["detail"]
    assert response["Allow"] == "GET"


def test_403_for_a_buyer_of_another_public_body(client, agency, protocol_events, now):
    from heldigital.apps.accounts.models import Role

    from .conftest import make_user

    user = make_user("agencybuyer", (agency, Role.BUYER_ADMIN))
    _, token = ApiToken.issue(
        user=user, organisation=agency, name="x", now=now, expires_at=now + LONG_LIVED
    )
    response = client.get(f"/api/v1/procurements/{PROCUREMENT_ID}/protocol", **bearer(token))
    assert_problem(response, 403, "Forbidden")


def test_a_multipart_body_without_boundary_is_400_not_500(client, buyer_token):
    response = client.generic(
        "POST",
        "/api/v1/procurements/HD-2026-0001/documents",
        data=b"x",
        content_type="multipart/form-data",
        **bearer(buyer_token),
    )
    body = assert_problem(response, 400, "Bad Request")
    assert "multipart" in body["detail"]
