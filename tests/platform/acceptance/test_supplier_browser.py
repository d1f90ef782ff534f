"""Acceptance (issue 4) in a real browser: the supplier's path.

Debian Chromium driven by Playwright (never downloads a browser): find the
notice on the public notice board, log in, register interest, submit a tender
with a file and download the signed receipt.
"""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.submissions.models import Tender
from heldigital.apps.submissions.receipts import read_receipt
from heldigital.apps.tendering import services as tendering
from tests.platform.conftest import PASSWORD, acting, make_user
from tests.platform.tendering.conftest import PDF, add_qualification, draft_data

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
def notice(transactional_db, municipality):
    """A procurement published a minute ago (real clock), and a supplier user."""
    now = timezone.now() - timedelta(minutes=1)
    officer = make_user("officer", (municipality, Role.PROCUREMENT_OFFICER))
    procurement = tendering.create_draft(
        principal=acting(officer, municipality),
        data=draft_data(now, title="Vintervedlikehold Fjellveien", estimated_value=Decimal(900000)),
        now=now,
    )
    common = {"principal": acting(officer, municipality), "now": now}
    tendering.add_request_item(
        procurement,
        line_id="1",
        name="Brøyting",
        unit_code="HUR",
        estimated_quantity="400",
        **common,
    )
    add_qualification(procurement, **common)
    tendering.add_document(
        procurement, title="Konkurransegrunnlag", filename="grunnlag.pdf", content=PDF, **common
    )
    tendering.publish(procurement, principal=acting(officer, municipality), now=now)
    supplier = Organisation.objects.create(
        name="Fjellbrøyt AS", kind=OrganisationKind.SUPPLIER, orgnr="920000029"
    )
    make_user("fjellbroyt", (supplier, Role.SUPPLIER_USER))
    return procurement


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True
            )
            page = context.new_page()
            page.set_default_timeout(10_000)
            yield page
            context.close()
        finally:
            browser.close()
            # Playwright's loop keeps Django connections in context-local storage:
            # close them, or the test database cannot be dropped.
            connections.close_all()


def test_supplier_finds_registers_submits_and_downloads_the_receipt(
    live_server, notice, page, tmp_path
):
    from playwright.sync_api import expect

    # Find the notice on the public board by searching.
    page.goto(f"{live_server.url}/notices/")
    page.get_by_label("Search").fill("Fjellveien")
    page.get_by_role("button", name="Search").click()
    results = page.locator("#results")
    expect(results).to_contain_text(notice.reference)
    results.get_by_role("link", name="Vintervedlikehold Fjellveien").click()
    page.wait_for_url(f"**/notices/{notice.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vintervedlikehold Fjellveien")

    # Log in as the supplier and come back to the notice.
    page.get_by_role("link", name="Log in as a supplier").click()
    page.get_by_label("Username").fill("fjellbroyt")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/notices/{notice.reference}/")

    # Register interest.
    page.get_by_role("button", name="Register interest").click()
    expect(page.get_by_text("Interest registered")).to_be_visible()
    assert notice.interests.get().supplier.orgnr == "920000029"

    # Prepare the tender: upload a file, then submit.
    page.get_by_role("link", name="Prepare and submit a tender").click()
    page.wait_for_url(f"**/supplier/tenders/{notice.reference}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fjellbrøyt AS")
    content = PDF + b"%" + b"tilbudsbeskrivelse " * 600 + b"\n"
    upload = tmp_path / "tilbud.pdf"
    upload.write_bytes(content)
    page.get_by_label("Kind of file").select_option("attachment")
    page.get_by_label("File", exact=True).set_input_files(str(upload))
    page.get_by_role("button", name="Upload file").click()
    files = page.get_by_role("table")
    expect(files).to_contain_text("tilbud.pdf")
    expect(files).to_contain_text(hashlib.sha256(content).hexdigest())
    page.get_by_role("button", name="Submit tender").click()
    # The final submit asks first; going back submits nothing.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submit your tender")
    expect(page.locator("main")).to_contain_text("tilbud.pdf")
    page.get_by_role("link", name="No, back to the tender").click()
    expect(page.locator("#tender-state")).to_have_attribute("data-state", "draft")
    assert not Tender.objects.filter(status="submitted").exists()
    page.get_by_role("button", name="Submit tender").click()
    page.get_by_role("button", name="Yes, submit the tender").click()
    expect(page.locator("#tender-status")).to_contain_text("Submitted")

    # Download the receipt: a PDF, and the signed XML names the file's digest.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the receipt (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    with page.expect_download() as download:
        page.get_by_role("link", name="Receipt (signed XML)").click()
    _, data = read_receipt(Path(download.value.path()).read_bytes())
    assert [f.sha256 for f in data.files] == [hashlib.sha256(content).hexdigest()]
    tender = Tender.objects.get()
    assert tender.status == "submitted" and tender.supplier.orgnr == "920000029"
