"""Nynorsk is the third language (issue 10, deliver 4: "bokmål by default, nynorsk and
English selectable"): chosen by the browser (``Accept-Language: nn``) or by the language
switcher (the language cookie), it translates the pages, the API's problem details and
the formatting of amounts and times (Europe/Oslo)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from heldigital.platform.web.templatetags.heldigital import money, oslo_time

from .conftest import PASSWORD
from .test_web import assert_accessible_page, parse

pytestmark = pytest.mark.django_db


def test_nynorsk_is_offered_and_bokmal_stays_the_default(client):
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "nn", "en"]
    page = parse(client.get("/"))
    options = {o.get("value"): o.get("lang") for o in page.all("option")}
    assert options == {"nb": "nb", "nn": "nn", "en": "en"}
    assert 'lang="nb"' in client.get("/").content.decode()


def test_the_browser_language_nn_gives_a_nynorsk_page(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="nn")
    assert_accessible_page(response, lang="nn")
    text = response.content.decode()
    assert "Heildigitale offentlege anskaffingar" in text
    assert "Heldigitale offentlige anskaffelser" not in text  # the bokmål of the same heading


def test_the_language_switcher_sets_nynorsk(client, buyer):
    assert client.login(username="buyer", password=PASSWORD)
    response = client.post("/i18n/setlang/", {"language": "nn", "next": "/procurements/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nn"
    page = client.get("/procurements/")
    assert_accessible_page(page, lang="nn")
    assert "Mine anskaffingar" in page.content.decode()
    assert "Ingen anskaffingar enno" in page.content.decode()


def test_api_problem_details_in_nynorsk(client, buyer_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {buyer_token}"}
    nynorsk = client.get("/api/v1/organisations/920000037", HTTP_ACCEPT_LANGUAGE="nn", **auth)
    assert nynorsk.status_code == 404
    assert nynorsk["Content-Type"] == "application/problem+json"
    assert nynorsk["Content-Language"] == "nn"
    assert json.loads(nynorsk.content)["detail"] == (
        "Inga verksemd har organisasjonsnummer 920000037."
    )
    bokmal = client.get("/api/v1/organisations/920000037", HTTP_ACCEPT_LANGUAGE="nb", **auth)
    assert json.loads(bokmal.content)["detail"] == (
        "Ingen virksomhet har organisasjonsnummer 920000037."
    )
    anonymous = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="nn")
    assert anonymous.status_code == 401
    assert json.loads(anonymous.content)["detail"] == "Du må autentisere deg."


def test_the_language_cookie_nn_translates_problem_details(client, buyer_token):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    response = client.get(
        "/api/v1/organisations/920000037", HTTP_AUTHORIZATION=f"Bearer {buyer_token}"
    )
    assert json.loads(response.content)["detail"] == (
        "Inga verksemd har organisasjonsnummer 920000037."
    )


def test_amounts_and_times_are_written_the_nynorsk_way():
    moment = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)  # 12:00 in Oslo (CET)
    with translation.override("nn"):
        assert money(Decimal("1746000")) == "1\xa0746\xa0000,00\xa0kr"
        assert money("1900000.005") == "1\xa0900\xa0000,01\xa0kr"
        assert oslo_time(moment) == "1. des. 2026 12:00"
        assert oslo_time("2026-07-01T08:30:00Z") == "1. juli 2026 10:30"  # summer time
    with translation.override("en"):
        assert money(Decimal("1746000")) == "NOK\xa01,746,000.00"
