"""A form sent after the session ended (heldigital.platform.web.resume, issue 10)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.platform.conftest import PASSWORD


def _next(response) -> str:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/login/"
    return parse_qs(location.query)["next"][0]


def test_without_a_referer_the_login_leads_home_with_the_form_kept(client, buyer):
    response = client.post("/buyer/procurements/HD-2026-0001/cancel/", {"reason": "Budsjett"})
    assert _next(response) == "/home/"
    assert client.post("/login/", {"username": "buyer", "password": PASSWORD}).status_code == 302
    home = client.get("/home/").content.decode()
    assert 'action="/buyer/procurements/HD-2026-0001/cancel/"' in home
    assert 'name="reason" value="Budsjett"' in home
    assert 'name="reason"' not in client.get("/home/").content.decode()  # once only


def test_another_sites_referer_is_never_the_next_page(client, buyer):
    response = client.post(
        "/buyer/procurements/HD-2026-0001/cancel/",
        {"reason": "x"},
        HTTP_REFERER="https://evil.example/buyer/procurements/",
    )
    assert _next(response) == "/home/"


def test_a_huge_form_is_explained_not_kept(client, buyer):
    response = client.post(
        "/buyer/procurements/HD-2026-0001/cancel/",
        {"reason": "x" * 100_001},
        HTTP_REFERER="http://testserver/procurements/",
    )
    assert _next(response) == "/procurements/"
    client.post("/login/", {"username": "buyer", "password": PASSWORD})
    page = client.get("/procurements/").content.decode()
    assert "too large to keep" in page or "for stort" in page
