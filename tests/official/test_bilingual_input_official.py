"""The buyer enters the English texts in the web form and in the API, and the notice in
Norwegian and English passes the official SDK rules (issue 9: notice_language "both").

The procurements are those of the notice matrix (tests/official/test_notices_official.py)
without their translations; the English is entered the way a buyer does, then the
procurement is published through the same interface and its notice checked.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.models import Notice
from tests.official.test_notices_official import ENGLISH, Case, _assert_official, _procurement
from tests.platform.conftest import *  # noqa: F403 - organisations, users, tokens
from tests.platform.test_api import bearer
from tests.platform.test_web import assert_accessible_page, login

pytestmark = pytest.mark.django_db

TITLE = "Snow clearing of municipal roads"
DESCRIPTION = "Ploughing and gritting of municipal roads 2027-2029."


def _english(procurement) -> dict[str, str]:
    return {procurement.title: TITLE, procurement.description: DESCRIPTION, **ENGLISH}


def test_english_texts_entered_in_the_web_form(client, buyer, municipality):
    case = Case("national", "national", 2, "best_price_quality", "both", False)
    procurement = _procurement(case, buyer, municipality, timezone.now())
    procurement.translations = {}
    procurement.save(update_fields=["translations"])
    login(client, "buyer")
    ref = procurement.reference
    assert (
        f"/buyer/procurements/{ref}/english/"
        in client.get(f"/buyer/procurements/{ref}/").content.decode()
    )
    # Without English the publication is refused on the translations, naming the text.
    page = client.post(f"/buyer/procurements/{ref}/publish/")
    assert procurement.title in page.content.decode()
    assert not Notice.objects.filter(procurement=procurement).exists()

    page = client.get(f"/buyer/procurements/{ref}/english/")
    assert_accessible_page(page)
    texts = artefacts.english_texts(procurement)
    assert texts[:2] == [procurement.title, procurement.description]
    assert sorted(texts[2:]) == sorted(ENGLISH)  # lots, criteria, the requirement
    english = _english(procurement)
    response = client.post(
        f"/buyer/procurements/{ref}/english/",
        {f"en_{index}": english[text] for index, text in enumerate(texts)},
    )
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.translations == english

    response = client.post(f"/buyer/procurements/{ref}/publish/")
    assert response.status_code == 302
    notice = Notice.objects.get(procurement=procurement, kind="contract")
    data = bytes(notice.xml)
    assert b"<cbc:ID>ENG</cbc:ID>" in data and TITLE.encode() in data  # BT-702 (b)
    _assert_official(notice, case)


def test_english_texts_entered_through_the_api(client, buyer, municipality, buyer_token):
    case = Case("eea", "open", 2, "best_price_quality", "both", False)
    procurement = _procurement(case, buyer, municipality, timezone.now())
    procurement.translations = {}
    procurement.notice_language = "en"
    procurement.save(update_fields=["translations", "notice_language"])
    ref = procurement.reference
    body = {"notice_language": "both", "translations": _english(procurement)}
    response = client.patch(
        f"/api/v1/procurements/{ref}",
        data=json.dumps(body),
        content_type="application/json",
        **bearer(buyer_token),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["notice_language"] == "both"
    assert response.json()["translations"] == _english(procurement)
    response = client.post(
        f"/api/v1/procurements/{ref}/publish",
        data="{}",
        content_type="application/json",
        **bearer(buyer_token),
    )
    assert response.status_code == 200, response.json()
    notice = Notice.objects.get(procurement=procurement, kind="contract")
    data = bytes(notice.xml)
    # Above the EEA threshold: English first, Norwegian added (Doffin's EU profile).
    assert b"<cbc:NoticeLanguageCode>ENG</cbc:NoticeLanguageCode>" in data
    assert b"<cbc:ID>NOR</cbc:ID>" in data
    _assert_official(notice, case)
