"""Acceptance (issue 9) in a real browser: a supplier completes a tender with an ESPD
response made in the form.

Debian Chromium driven by Playwright (never downloads a browser), Norwegian locale:
log in, open the tender page, open the ESPD form, try to save it empty (errors in
Norwegian at the fields), answer yes to a conviction and see the follow-up questions
appear through htmx and go again with no, answer every exclusion ground, the turnover
with an evidence reference, save (the response is attached to the draft), submit the
tender and get the receipt - whose file list names the ESPD response.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from heldigital.apps.submissions.models import FileKind, Receipt, Tender, TenderStatus
from heldigital.apps.submissions.receipts import read_receipt
from heldigital.espd import criteria
from tests.platform.acceptance.test_supplier_browser import CHROMIUM, CHROMIUM_ARGS
from tests.platform.conftest import PASSWORD

from .conftest import publish_with_requirements

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXCLUSION = [
    "crime-org", "corruption", "fraud", "terr-offence", "finan-laund", "human-traffic",
    "tax-pay", "socsec-pay", "bankruptcy",
]  # fmt: skip


def dom(prop_id: str) -> str:
    return "#espd-" + re.sub(r"[^0-9A-Za-z]", "-", prop_id)


@pytest.fixture
def notice(transactional_db, municipality, espd_supplier):
    return publish_with_requirements(municipality)


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                locale="nb-NO", viewport={"width": 1280, "height": 900}, accept_downloads=True
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            yield page
            context.close()
        finally:
            browser.close()
            connections.close_all()


def test_supplier_completes_a_tender_with_an_espd_response_made_in_the_form(
    live_server, notice, page, tmp_path
):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brukernavn").fill("fjellbroyt")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/home/")
    page.goto(f"{live_server.url}/supplier/tenders/{notice.reference}/")
    page.get_by_role("link", name="Fyll ut ESPD-svaret").click()
    page.wait_for_url(f"**/supplier/tenders/{notice.reference}/espd/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ESPD-svar")
    expect(page.locator("#espd-criterion-crime-org legend").first).to_have_text(
        "Deltakelse i en kriminell organisasjon"
    )

    # Saving the empty form: the errors are in Norwegian, at the questions.
    save = page.get_by_role("button", name="Kontroller og legg ved tilbudet")
    save.click()
    expect(page.locator("#espd-errors")).to_contain_text("svar må rettes")
    crime = criteria.get("crime-org").roles
    expect(page.locator(f"{dom(crime.answer)}-error")).to_have_text("Velg ja eller nei.")
    expect(page.locator("#espd-sme-error")).to_have_text("Velg ja eller nei.")

    # Yes to a conviction opens its follow-up questions in place (htmx), no closes them.
    with page.expect_response(lambda r: r.url.endswith("/espd/")) as refreshed:
        page.locator(f"{dom(crime.answer)}-true").check()
    assert refreshed.value.request.headers.get("hx-request") == "true"
    expect(page.get_by_label("Hvem er dømt")).to_be_visible()
    expect(page.locator(f"{dom(crime.answer)}-true")).to_be_checked()
    page.locator(f"{dom(crime.answer)}-false").check()
    expect(page.get_by_label("Hvem er dømt")).to_have_count(0)

    # Every exclusion ground: no. SME: yes.
    for code in EXCLUSION:
        radio = page.locator(f"{dom(criteria.get(code).roles.answer)}-false")
        radio.check()
        expect(radio).to_be_checked()
    page.locator("#espd-sme-true").check()

    # Turnover for the three financial years the buyer asks, with an evidence reference
    # (eCertis style: where the buyer can check it).
    year = "C29_SC_gen-year-to/RG1/RSG1/QSG2"
    for n, (y, amount) in enumerate(
        ((2025, "2 750 000"), (2024, "2 400 000"), (2023, "2 100 000,00"))
    ):
        suffix = f"@{n + 1}" if n else ""
        page.locator(f"{dom(year + '/Q1' + suffix)}-start").fill(f"{y}-01-01")
        page.locator(f"{dom(year + '/Q1' + suffix)}-end").fill(f"{y}-12-31")
        page.locator(dom(year + "/Q2" + suffix)).fill(amount)
    page.locator(f"{dom(year + '/QSG1/Q1')}-true").check()
    evidence = f"{dom(year + '/QSG1/QSG1/Q1')}-uri"
    expect(page.locator(evidence)).to_be_visible()
    page.locator(evidence).fill("https://www.skatteetaten.no/attest/920000029")
    page.locator(f"{dom(year + '/QSG1/QSG1/Q1')}-issuer").fill("Skatteetaten")

    screenshot = Path(os.environ.get("HELDIGITAL_SCREENSHOT_DIR", tmp_path)) / "espd-form.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000

    save.click()
    page.wait_for_url(f"**/supplier/tenders/{notice.reference}/")
    expect(page.locator("#draft-tender")).to_contain_text("espd-response.xml")
    draft = Tender.objects.get(procurement=notice, status=TenderStatus.DRAFT)
    assert draft.files.get().kind == FileKind.ESPD_RESPONSE

    # Submit the tender and get the receipt.
    page.get_by_role("button", name="Lever tilbud").click()
    page.get_by_role("button", name="Ja, lever tilbudet").click()
    expect(page.locator("#tender-state")).to_have_attribute("data-state", "submitted")
    expect(page.get_by_role("link", name="Last ned kvitteringen (PDF)")).to_be_visible()
    submitted = Tender.objects.get(procurement=notice, status=TenderStatus.SUBMITTED)
    _, receipt = read_receipt(bytes(Receipt.objects.get(tender=submitted).xml))
    assert [f.name for f in receipt.files] == ["espd-response.xml"]
