"""The authority kind has no silent default (issue 10, "Rough"): a new draft started
"Statlig myndighet" (state authority) even for a municipality, which lowers the EEA
thresholds and so changes the rules that apply."""

from __future__ import annotations

import pytest
from django.utils import timezone

from heldigital.apps.accounts.demo import DEMO_PASSWORD, load_demo
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_draft_asks_for_the_authority_kind_and_refuses_none(live_server):
    load_demo(timezone.now())  # users and organisations, no procurement yet
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = chromium.new_context(locale="nb-NO").new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{live_server.url}/login/")
            page.fill("#id_username", "kommune-innkjoper")
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("form:has(#id_username) button[type=submit]")
            page.goto(f"{live_server.url}/buyer/procurements/new/")
            kind = page.locator("#id_authority_kind")
            expect(kind).to_have_value("")  # nothing chosen for the buyer
            page.fill("#id_title", "Snørydding")
            page.fill("#id_cpv_codes", "90620000-9")
            page.fill("#id_estimated_value", "1000000")
            # The browser's own required-field check would stop the form before the server
            # sees it; switch it off to see the server's answer (what a script gets too).
            page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
            page.locator("main form button[type=submit]").last.click()
            summary = page.locator(".ds-error-summary")
            expect(summary.first).to_be_visible()
            expect(summary.first.locator('a[href="#id_authority_kind"]')).to_have_count(1)
            from heldigital.apps.tendering.models import Procurement

            assert not Procurement.objects.exists()
            page.select_option("#id_authority_kind", "other")
            expect(kind).to_have_value("other")
        finally:
            chromium.close()
            connections.close_all()
