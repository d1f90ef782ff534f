"""The server-rendered web UI: pages, login, access control, language switch."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from .conftest import PASSWORD, PROCUREMENT_ID

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """Collects what the accessibility checks need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def assert_accessible_page(response, lang: str = "nb") -> _Page:
    """Landmarks, skip link, lang attribute and a label for every form control."""
    assert response.status_code == 200
    page = parse(response)
    assert page.all("html")[0]["lang"] == lang
    for landmark in ("header", "nav", "main", "footer"):
        assert page.all(landmark), f"no <{landmark}>"
    assert page.all("main")[0]["id"] == "main"
    assert any(
        a.get("href") == "#main" and "ds-skip-link" in (a.get("class") or "") for a in page.all("a")
    )
    labelled = {label.get("for") for label in page.all("label")}
    controls = [
        attrs
        for tag in ("input", "select", "textarea")
        for attrs in page.all(tag)
        if attrs.get("type") not in {"hidden", "submit"}
    ]
    for control in controls:
        assert control.get("id") in labelled, f"control without label: {control}"
    stylesheets = [link["href"] for link in page.all("link") if link.get("rel") == "stylesheet"]
    assert any("designsystemet-css/src/index.css" in href for href in stylesheets)
    assert any("designsystemet-css/theme/designsystemet.css" in href for href in stylesheets)
    assert any("htmx" in (script.get("src") or "") for script in page.all("script"))
    return page


def login(client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


# --- pages ------------------------------------------------------------------------


def test_landing_page(client):
    response = client.get("/")
    assert_accessible_page(response)
    assert "Logg inn" in response.content.decode()


def test_static_assets_are_served(client):
    for path in (
        "/static/vendor/designsystemet-css/src/index.css",
        "/static/vendor/designsystemet-css/theme/designsystemet.css",
        "/static/vendor/htmx/htmx.min.js",
        "/static/web/heldigital.css",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content)


def test_login_page_has_labelled_fields(client):
    response = client.get("/login/")
    page = assert_accessible_page(response)
    names = {attrs.get("name") for attrs in page.all("input")}
    assert {"username", "password", "csrfmiddlewaretoken"} <= names


def test_login_and_logout(client, buyer):
    response = client.post("/login/", {"username": "buyer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    home = client.get("/home/")
    assert_accessible_page(home)
    assert "Testkommune" in home.content.decode()
    assert client.get("/logout/").status_code == 405  # logging out takes a POST
    response = client.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/home/").status_code == 302


def test_login_with_wrong_password(client, buyer):
    response = client.post("/login/", {"username": "buyer", "password": "wrong"})
    assert response.status_code == 200
    page = parse(response)
    assert any(div.get("role") == "alert" for div in page.all("div"))
    assert "_auth_user_id" not in client.session


def test_login_keeps_next(client, buyer):
    response = client.post(
        "/login/", {"username": "buyer", "password": PASSWORD, "next": "/procurements/"}
    )
    assert response["Location"] == "/procurements/"


def test_home_lists_organisations_and_roles(client, buyer, supplier):
    from heldigital.apps.accounts.models import Membership, Role

    Membership.objects.create(user=buyer, organisation=supplier, role=Role.AUDITOR)
    login(client, "buyer")
    html = client.get("/home/").content.decode()
    assert "Testkommune" in html
    assert "Testleverandør AS" in html
    assert "Saksbehandler for anskaffelser" in html
    assert "Revisor" in html
    assert 'href="/organisations/920000002/"' in html


def test_home_without_memberships(client, outsider):
    login(client, "outsider")
    response = client.get("/home/")
    assert_accessible_page(response)
    assert "ikke medlem" in response.content.decode()


def test_organisation_page_for_a_member(client, buyer, auditor, municipality):
    login(client, "buyer")
    response = client.get("/organisations/920000002/")
    assert_accessible_page(response)
    html = response.content.decode()
    assert "0192:920000002" in html
    assert "iso6523-actorid-upis" in html
    assert "920 000 002" in html
    assert "buyer" in html
    assert "auditor" in html
    assert "Revisor" in html


def test_organisation_page_hides_members_from_others(client, buyer, supplier_user):
    login(client, "supplieruser")
    response = client.get("/organisations/920000002/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "0192:920000002" in html
    assert ">buyer<" not in html
    assert "Bare medlemmer" in html


@pytest.mark.parametrize("orgnr", ["920000037", "920000003", "abc"])
def test_organisation_page_404(client, buyer, orgnr):
    login(client, "buyer")
    response = client.get(f"/organisations/{orgnr}/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()
    assert 'class="ds-skip-link"' in response.content.decode()


def test_procurements_empty_state(client, buyer):
    login(client, "buyer")
    response = client.get("/procurements/")
    assert_accessible_page(response)
    assert "Ingen anskaffelser ennå" in response.content.decode()


# --- protocol viewer ------------------------------------------------------------------


def test_protocol_viewer(client, buyer, protocol_events):
    login(client, "buyer")
    response = client.get(f"/procurements/{PROCUREMENT_ID}/protocol/")
    assert_accessible_page(response)
    html = response.content.decode()
    for event in protocol_events:
        assert event.hash[:12] in html
        assert event.type in html
    assert "Buyer Test (Testkommune)" in html  # the actor, by name
    assert "user:buyer@0192:920000002" in html  # and as recorded
    # 12:00 UTC on 25 November is 13:00 in Oslo (CET, UTC+1)
    assert "13:00:00" in html
    assert "14:00:00" in html
    assert 'datetime="2026-11-25T12:00:00+00:00"' in html
    assert "Protokollen er intakt" in html
    page = parse(response)
    verify = [attrs for attrs in page.all("form") if attrs.get("hx-get")]
    assert verify[0]["hx-get"] == f"/procurements/{PROCUREMENT_ID}/protocol/verification/"


def test_protocol_viewer_shows_a_broken_chain(client, auditor, protocol_events, tamper):
    tamper(PROCUREMENT_ID, 1, '{"title":"Noe annet"}')
    login(client, "auditor")
    html = client.get(f"/procurements/{PROCUREMENT_ID}/protocol/").content.decode()
    assert "Protokollen kan ikke verifiseres" in html
    assert "Hendelse 1:" in html


def test_reverify_fragment_for_htmx(client, buyer, protocol_events):
    login(client, "buyer")
    url = f"/procurements/{PROCUREMENT_ID}/protocol/verification/"
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content
    assert "Protokollen er intakt" in fragment.content.decode()
    full = client.get(url)
    assert_accessible_page(full)


def test_supplier_cannot_view_a_buyers_protocol(client, supplier_user, protocol_events):
    login(client, "supplieruser")
    response = client.get(f"/procurements/{PROCUREMENT_ID}/protocol/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ingen tilgang" in html
    assert "Du har ikke tilgang til protokollen" in html
    assert "procurement.created" not in html
    url = f"/procurements/{PROCUREMENT_ID}/protocol/verification/"
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 403


def test_protocol_of_unknown_procurement(client, buyer):
    login(client, "buyer")
    assert client.get("/procurements/P-0000/protocol/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/home/",
        "/organisations/920000002/",
        "/procurements/",
        f"/procurements/{PROCUREMENT_ID}/protocol/",
        f"/procurements/{PROCUREMENT_ID}/protocol/verification/",
    ],
)
def test_anonymous_is_sent_to_login(client, municipality, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


# --- language --------------------------------------------------------------------------


def test_language_switch(client, buyer):
    login(client, "buyer")
    norwegian = client.get("/procurements/")
    assert 'lang="nb"' in norwegian.content.decode()
    assert "Mine anskaffelser" in norwegian.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/procurements/"})
    assert response.status_code == 302
    assert response["Location"] == "/procurements/"
    english = client.get("/procurements/")
    assert_accessible_page(english, lang="en")
    assert "My procurements" in english.content.decode()
    assert "No procurements yet" in english.content.decode()
    client.post("/i18n/setlang/", {"language": "nb", "next": "/"})
    assert 'lang="nb"' in client.get("/").content.decode()


def test_language_form_offers_the_three_languages(client):
    page = parse(client.get("/"))
    assert {o.get("value") for o in page.all("option")} == {"nb", "nn", "en"}
    assert {o.get("lang") for o in page.all("option")} == {"nb", "nn", "en"}


def test_buyer_of_another_public_body_cannot_view_the_protocol(client, agency, protocol_events):
    from heldigital.apps.accounts.models import Role

    from .conftest import make_user

    make_user("agencybuyer", (agency, Role.PROCUREMENT_OFFICER))
    login(client, "agencybuyer")
    assert client.get(f"/procurements/{PROCUREMENT_ID}/protocol/").status_code == 403


def test_money_text_per_language():
    from django.utils import translation

    from heldigital.apps.common import money_text

    with translation.override("nb"):
        assert money_text("1285500") == "1\xa0285\xa0500,00\xa0kr"
    with translation.override("nn"):
        assert money_text("1285500.005") == "1\xa0285\xa0500,01\xa0kr"
    with translation.override("en"):
        assert money_text("1285500", "EUR") == "EUR\xa01,285,500.00"
    assert money_text("not a number") == "not a number"
