from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from heldigital.apps.accounts.models import ApiToken
from heldigital.apps.evaluation import api as evaluation_api
from heldigital.apps.evaluation.models import Letter
from tests.platform.conftest import LONG_LIVED
from tests.platform.evaluation.scenario import OPENED

BASE = "/api/v1"


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    value = Clock(OPENED + timedelta(hours=1))
    monkeypatch.setattr(evaluation_api, "clock", value)
    return value


def bearer(user, organisation):
    _, raw = ApiToken.issue(
        user=user,
        organisation=organisation,
        name="system",
        now=OPENED,
        expires_at=OPENED + LONG_LIVED,
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def test_buyer_flow_through_the_api(client, scenario, clock, django_capture_on_commit_callbacks):
    s = scenario
    ref = s.procurement.reference
    officer = bearer(s.officer, s.buyer)
    evaluator = bearer(s.evaluator, s.buyer)
    url = f"{BASE}/procurements/{ref}"

    response = client.post(f"{url}/qualification/run", **officer)
    assert response.status_code == 200, response.content
    decisions = response.json()
    assert len(decisions) == 27  # 3 tenders × (8 exclusion grounds + turnover)
    not_passed = [d for d in decisions if d["outcome"] != "pass"]
    assert {d["supplier"] for d in not_passed} == {"Beta Vei AS", "Gamma AS"}
    (beta_turnover,) = [d for d in not_passed if d["supplier"] == "Beta Vei AS"]
    assert beta_turnover["criterion"] == "gen-year-to"
    r = client.post(
        f"{url}/qualification/{beta_turnover['id']}/override",
        {"outcome": "pass", "reason": "Dokumentert."},
        content_type="application/json",
        **evaluator,
    )
    assert r.status_code == 200, r.content
    assert r.json()["outcome"] == "pass" and r.json()["automatic_outcome"] == "fail"
    r = client.post(
        f"{url}/qualification/{beta_turnover['id']}/override",
        {"outcome": "maybe", "reason": "x"},
        content_type="application/json",
        **evaluator,
    )
    assert r.status_code == 422
    gamma = str(s.tenders[2].id)
    r = client.post(
        f"{url}/exclusions",
        {"tender": gamma, "ground": "qualification", "reason": "Mangler ESPD."},
        content_type="application/json",
        **officer,
    )
    assert r.status_code == 201, r.content
    exclusion = r.json()
    assert exclusion["letter"]["sent_at"] is None
    assert "Mangler ESPD." in exclusion["letter"]["body"]
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"{url}/exclusions/{exclusion['id']}/confirm", **officer)
    assert r.status_code == 200 and r.json()["letter"]["sent_at"]

    # Evaluation before scores: 409 problem details.
    r = client.post(f"{url}/evaluation", **officer)
    assert r.status_code == 409
    assert r["Content-Type"] == "application/problem+json"
    for index, points in ((0, "8"), (1, "5")):
        r = client.post(
            f"{url}/quality-scores",
            {
                "tender": str(s.tenders[index].id),
                "criterion": s.quality.pk,
                "score": points,
                "comment": "Vurdert.",
            },
            content_type="application/json",
            **evaluator,
        )
        assert r.status_code == 200, r.content
    r = client.post(
        f"{url}/quality-scores",
        {"tender": str(s.tenders[0].id), "criterion": s.quality.pk, "score": "12", "comment": "x"},
        content_type="application/json",
        **evaluator,
    )
    assert r.status_code == 422
    r = client.post(f"{url}/evaluation", **officer)
    assert r.status_code == 200, r.content
    (result,) = r.json()
    assert [x["total"] for x in result["result"]["ranking"]] == ["89.19", "80.00"]
    r = client.post(f"{url}/award", {"reasons": ""}, content_type="application/json", **officer)
    assert r.status_code == 201, r.content
    assert r.json()[0]["winner"] == "Alfa Brøyt AS"
    clock.now = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(f"{url}/letters/send", **officer)
    assert r.status_code == 200, r.content
    assert r.json()[0]["standstill_last_day"] == "2026-12-28"
    r = client.get(f"{url}/standstill", **officer)
    assert r.json()["ended"] is False

    # Suppliers see only their own letters; another's is 404.
    alfa = bearer(s.supplier_users[0], s.suppliers[0])
    beta = bearer(s.supplier_users[1], s.suppliers[1])
    mine = client.get(f"{BASE}/letters", **alfa).json()
    assert [x["kind"] for x in mine] == ["award"]
    beta_letter = Letter.objects.get(supplier=s.suppliers[1], sent_at__isnull=False)
    assert client.get(f"{BASE}/letters/{beta_letter.pk}", **alfa).status_code == 404
    assert client.get(f"{BASE}/letters/{beta_letter.pk}/pdf", **alfa).status_code == 404
    pdf = client.get(f"{BASE}/letters/{beta_letter.pk}/pdf", **beta)
    assert pdf.status_code == 200 and pdf.content == bytes(beta_letter.pdf)
    assert pdf["Content-Type"] == "application/pdf"
    # Suppliers cannot use buyer endpoints.
    assert client.get(f"{url}/evaluation", **alfa).status_code in (403, 404)
    assert client.post(f"{url}/award", {}, content_type="application/json", **alfa).status_code in (
        403,
        404,
    )

    # Contract: refused during standstill, concluded after.
    body = {"starts_on": "2027-01-01", "ends_on": "2028-12-31", "options": "1 + 1 år"}
    r = client.post(f"{url}/contracts", body, content_type="application/json", **officer)
    assert r.status_code == 409
    assert "standstill" in r.json()["detail"]
    clock.now = datetime(2026, 12, 29, 8, 0, tzinfo=UTC)
    r = client.post(f"{url}/contracts", body, content_type="application/json", **officer)
    assert r.status_code == 201, r.content
    (contract,) = r.json()
    assert contract["value"] == "376150.00" and contract["signature_valid"] is True
    assert client.get(f"{BASE}/contracts/{contract['id']}", **beta).status_code == 404
    r = client.post(f"{BASE}/contracts/{contract['id']}/confirm", **alfa)
    assert r.status_code == 200, r.content
    r = client.post(f"{BASE}/contracts/{contract['id']}/confirm", **officer)
    assert r.json()["status"] == "signed"
    doc = client.get(f"{BASE}/contracts/{contract['id']}/document.pdf", **alfa)
    assert doc.status_code == 200 and doc.content.startswith(b"%PDF")

    # The protocol report: officer and auditor read it, suppliers do not.
    client.post(
        f"{url}/conflict-of-interest",
        {"has_conflict": False},
        content_type="application/json",
        **evaluator,
    )
    auditor = bearer(s.auditor, s.buyer)
    report = client.get(f"{url}/protocol-report", **auditor)
    assert report.status_code == 200, report.content
    data = report.json()
    assert data["protocol"]["ok"] is True and len(data["protocol"]["head_hash"]) == 64
    assert [w["winner"] for w in data["awards"]] == ["Alfa Brøyt AS"]
    assert [r["supplier"] for r in data["rejected"]] == ["Gamma AS"]
    assert data["conflicts_of_interest"][0]["has_conflict"] is False
    pdf = client.get(f"{url}/protocol-report.pdf", **auditor)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"{url}/protocol-report", **alfa).status_code in (403, 404)
    # The auditor reads but cannot decide.
    assert client.post(f"{url}/qualification/run", **auditor).status_code == 403


def test_evidence_through_the_api(client, scenario, clock):
    s = scenario
    url = f"{BASE}/procurements/{s.procurement.reference}"
    officer = bearer(s.officer, s.buyer)
    client.post(f"{url}/qualification/run", **officer)
    r = client.post(
        f"{url}/evidence-requests",
        {
            "tender": str(s.tenders[1].id),
            "description": "Skatteattest.",
            "due_at": (clock.now + timedelta(days=3)).isoformat(),
        },
        content_type="application/json",
        **officer,
    )
    assert r.status_code == 201, r.content
    request_id = r.json()["id"]
    alfa = bearer(s.supplier_users[0], s.suppliers[0])
    beta = bearer(s.supplier_users[1], s.suppliers[1])
    assert client.get(f"{BASE}/evidence-requests", **alfa).json() == []
    assert len(client.get(f"{BASE}/evidence-requests", **beta).json()) == 1
    payload = {"filename": "attest.pdf", "content_base64": base64.b64encode(b"%PDF-1.4").decode()}
    r = client.post(
        f"{BASE}/evidence-requests/{request_id}/response",
        payload,
        content_type="application/json",
        **alfa,
    )
    assert r.status_code == 404
    r = client.post(
        f"{BASE}/evidence-requests/{request_id}/response",
        payload,
        content_type="application/json",
        **beta,
    )
    assert r.status_code == 200, r.content
    assert r.json()["received_at"] is not None
    assert r.json()["sha256"]
    file_url = f"{url}/evidence-requests/{request_id}/file"
    downloaded = client.get(file_url, **officer)
    assert downloaded.status_code == 200 and downloaded.content == b"%PDF-1.4"
    assert 'filename="attest.pdf"' in downloaded["Content-Disposition"]
    assert client.get(file_url, **alfa).status_code in (403, 404)


def test_unauthenticated_is_401(client, scenario):
    r = client.get(f"{BASE}/procurements/{scenario.procurement.reference}/evaluation")
    assert r.status_code == 401
    assert client.get(f"{BASE}/letters").status_code == 401


def test_openapi_documents_the_endpoints(client, db):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in (
        "/api/v1/procurements/{reference}/qualification/run",
        "/api/v1/procurements/{reference}/evaluation",
        "/api/v1/procurements/{reference}/letters/send",
        "/api/v1/procurements/{reference}/protocol-report.pdf",
        "/api/v1/letters/{letter_id}/pdf",
        "/api/v1/contracts/{contract_id}/confirm",
    ):
        assert path in paths


def test_a_letter_is_corrected_by_a_new_letter(client, scenario, clock):
    from tests.platform.evaluation.test_services import qualify_all

    s = scenario
    exclusion = qualify_all(s)
    url = f"{BASE}/procurements/{s.procurement.reference}/letters"
    officer = bearer(s.officer, s.buyer)
    original = exclusion.letter
    r = client.post(
        f"{url}/{original.pk}/correct",
        {"text": "Riktig begrunnelse: ESPD-svar mangler."},
        content_type="application/json",
        **officer,
    )
    assert r.status_code == 201, r.content
    correction = r.json()
    assert correction["corrects"] == original.pk and correction["sent_at"] is None
    assert original.sha256 in correction["body"]
    gamma = bearer(s.supplier_users[2], s.suppliers[2])
    assert [x["id"] for x in client.get(f"{BASE}/letters", **gamma).json()] == [original.pk]
    r = client.post(f"{url}/{correction['id']}/send", **officer)
    assert r.status_code == 200 and r.json()["sent_at"]
    assert r.json()["supplier"] == "Gamma AS"
    assert client.post(f"{url}/{correction['id']}/send", **officer).status_code == 409
    mine = [x["id"] for x in client.get(f"{BASE}/letters", **gamma).json()]
    assert sorted(mine) == sorted([original.pk, correction["id"]])
    # The original is unchanged.
    original.refresh_from_db()
    assert Letter.objects.get(pk=original.pk).body == original.body


@pytest.mark.parametrize(
    ("who", "method", "path", "expected"),
    [
        ("evaluator", "post", "award", 403),
        ("evaluator", "post", "qualification/run", 403),
        ("evaluator", "post", "letters/send", 403),
        ("opener", "post", "evaluation", 403),
        ("auditor", "post", "exclusions", 403),
        ("auditor", "get", "evaluation", 200),
        ("auditor", "get", "qualification", 200),
        ("opener", "get", "protocol-report", 200),
        ("officer", "get", "standstill", 200),
    ],
)
def test_roles(client, scenario, clock, who, method, path, expected):
    s = scenario
    user = getattr(s, who)
    url = f"{BASE}/procurements/{s.procurement.reference}/{path}"
    headers = bearer(user, s.buyer)
    if method == "post":
        body = {"tender": str(s.tenders[0].id), "ground": "exclusion", "reason": "x"}
        r = client.post(url, body, content_type="application/json", **headers)
    else:
        r = client.get(url, **headers)
    assert r.status_code == expected, r.content
