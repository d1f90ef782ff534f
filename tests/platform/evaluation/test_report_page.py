"""The protocol report page in Norwegian: times in Norwegian time and amounts as written
in Norwegian (issue 10, "Rough": it showed ``2026-11-26T09:00:00.000000Z`` and
``NOK 1800000.00``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from heldigital.apps.accounts.demo import DEMO_PASSWORD, load_demo
from heldigital.platform.web.templatetags.heldigital import oslo_time


@pytest.mark.django_db
def test_the_report_page_shows_norwegian_times_and_amounts(client, settings):
    from heldigital.platform.demo_procurements import load_demo_procurements

    now = timezone.now()
    load_demo(now)
    load_demo_procurements(now)
    assert client.login(username="kommune-innkjoper", password=DEMO_PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    page = client.get("/buyer/procurements/DEMO-2026-0104/protocol-report/").content.decode()
    shown = re.sub(r'datetime="[^"]*"', "", page)  # machine-readable copies may stay ISO
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", shown), "a raw ISO time is shown"
    assert re.search(r"\d{1,2}\. \w+\.? \d{4} \d\d:\d\d", shown)
    assert not re.search(r"\b\d{7}\.\d\d\b", shown), "an amount without grouping is shown"
    assert re.search(r"\d{1,3}(?:\xa0\d{3})+,\d\d\xa0kr", shown)


def test_oslo_time_converts_utc_strings_and_keeps_other_text():
    from django.utils import translation

    with translation.override("nb"):
        assert oslo_time("2026-11-26T09:00:00.000000Z") == "26. nov. 2026 10:00"
        assert oslo_time(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == "1. jul. 2026 12:00"
        assert oslo_time("2026-12-01 13:00 (Europe/Oslo)") == "2026-12-01 13:00 (Europe/Oslo)"
        assert oslo_time(None) == "None"


def test_the_report_pdf_lists_receipts_in_norwegian_time():
    from heldigital.apps.evaluation.report import _iso_local

    assert _iso_local("2026-11-26T09:00:00.000000Z") == "2026-11-26 10:00 (Europe/Oslo)"
    assert _iso_local("2026-07-01T10:00:00+00:00") == "2026-07-01 12:00 (Europe/Oslo)"
    assert _iso_local(None) == ""
