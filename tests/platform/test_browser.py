"""Acceptance test in a real browser: Debian Chromium driven by Playwright.

Never downloads a browser: it launches ``/usr/bin/chromium`` (``make browser``
installs the Debian package).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from heldigital.apps.accounts.demo import (
    DEMO_BUYER,
    DEMO_PROCUREMENT_ID,
    MUNICIPALITY,
    load_demo,
)

# Playwright's sync API runs an event loop in the test thread; the test's own
# database calls are still plain synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    """Demo data, loaded before the browser starts (plain thread-local connection)."""
    return load_demo(timezone.now())


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # While Playwright's event loop runs in this thread, Django keeps
            # connections in context-local storage (asgiref); close them now,
            # or the test database cannot be dropped at the end of the run.
            connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_demo_buyer_logs_in_and_checks_the_protocol(live_server, demo, page, tmp_path):
    from playwright.sync_api import expect

    # Keyboard users reach the skip link first.
    page.goto(f"{live_server.url}/login/")
    page.keyboard.press("Tab")
    expect(page.locator("a.ds-skip-link")).to_be_focused()
    expect(page.locator("html")).to_have_attribute("lang", "nb")

    # Focus is visible (Designsystemet focus colours, WCAG 2.4.7).
    username = page.get_by_label("Brukernavn")
    username.focus()
    assert username.evaluate("e => getComputedStyle(e).outlineStyle") != "none"

    username.fill(DEMO_BUYER)
    page.get_by_label("Passord").fill(demo.password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server.url}/home/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bjørn Innkjøper")

    page.get_by_role("link", name=MUNICIPALITY.name).click()
    page.wait_for_url(f"{live_server.url}/organisations/{MUNICIPALITY.orgnr}/")
    expect(page.get_by_text(f"0192:{MUNICIPALITY.orgnr}")).to_be_visible()
    members = page.get_by_role("table")
    expect(members).to_contain_text("kommune-apner2")
    expect(members).to_contain_text("Saksbehandler for anskaffelser")

    page.goto(f"{live_server.url}/procurements/{DEMO_PROCUREMENT_ID}/protocol/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(DEMO_PROCUREMENT_ID)
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("Protokollen er intakt")
    expect(page.locator("tbody tr")).to_have_count(4)
    expect(page.locator("tbody")).to_contain_text("tenders.opened")

    # Designsystemet is loaded: the theme's accent colour styles the button.
    button = page.get_by_role("button", name="Verifiser på nytt")
    assert button.evaluate("b => getComputedStyle(b).borderRadius") != "0px"

    # Re-verify through htmx: the verdict is replaced in place, no page load.
    with page.expect_response(lambda r: "/protocol/verification/" in r.url) as response:
        button.click()
    assert response.value.status == 200
    assert response.value.request.headers.get("hx-request") == "true"
    expect(verdict).to_contain_text("Protokollen er intakt")
    assert page.url.endswith(f"/procurements/{DEMO_PROCUREMENT_ID}/protocol/")

    screenshot = Path(os.environ.get("HELDIGITAL_SCREENSHOT_DIR", tmp_path)) / "protocol.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
