"""Every transition of the supplier's tender page in a real browser (Debian Chromium,
Playwright): start by uploading, remove a file, submit, change (with the submitted
tender's files), discard the change, change and submit (replaces), withdraw while a
change is under way, start again and discard the draft - and the old bug: after
submitting there is no upload form, and withdraw withdraws the tender shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from heldigital.apps.submissions.models import Tender, TenderStatus
from tests.platform.conftest import PASSWORD
from tests.platform.tendering.conftest import PDF

from .test_supplier_browser import notice, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pdf_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(PDF + b"%" + text.encode() * 400 + b"\n")
    return path


def test_every_transition_of_the_tender_page(live_server, notice, page, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("fjellbroyt")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/home/")
    page.goto(f"{live_server.url}/supplier/tenders/{notice.reference}/")
    state = page.locator("#tender-state")
    expect(state).to_have_attribute("data-state", "none")

    def upload(name: str) -> None:
        page.get_by_label("Kind of file").select_option("attachment")
        page.get_by_label("File", exact=True).set_input_files(str(pdf_file(tmp_path, name, name)))
        page.get_by_role("button", name="Upload file").click()
        expect(page.locator("#draft-tender")).to_contain_text(name)

    # NONE -> DRAFT (the first upload starts it); remove a file; DRAFT -> SUBMITTED.
    upload("a.pdf")
    expect(state).to_have_attribute("data-state", "draft")
    upload("b.pdf")
    upload("c.pdf")
    page.get_by_role("button", name="Remove c.pdf").click()
    expect(page.locator("#draft-tender")).not_to_contain_text("c.pdf")
    page.get_by_role("button", name="Submit tender").click()
    page.get_by_role("button", name="Yes, submit the tender").click()
    expect(state).to_have_attribute("data-state", "submitted")
    first = Tender.objects.get(status=TenderStatus.SUBMITTED)
    submitted = page.locator("#submitted-tender")
    expect(submitted).to_contain_text("a.pdf")
    expect(submitted.get_by_role("link", name="Download the receipt (PDF)")).to_be_visible()
    # The old bug: no upload form after submitting - only an explicit change.
    expect(page.get_by_label("File", exact=True)).to_have_count(0)

    # SUBMITTED -> CHANGING: the change starts with the submitted files, and says the
    # submitted tender stays valid; CHANGING -> SUBMITTED by discarding the change.
    page.get_by_role("button", name="Change my tender").click()
    expect(state).to_have_attribute("data-state", "changing")
    expect(state).to_contain_text("stays valid until you submit the changed one")
    draft = page.locator("#draft-tender")
    expect(draft).to_contain_text("a.pdf")
    expect(draft).to_contain_text("b.pdf")
    page.get_by_role("button", name="Discard the change").click()
    expect(state).to_have_attribute("data-state", "submitted")
    assert Tender.objects.get(pk=first.pk).files.count() == 2

    # CHANGING -> SUBMITTED by submitting the change: it replaces the first tender.
    page.get_by_role("button", name="Change my tender").click()
    page.get_by_role("button", name="Remove a.pdf").click()
    upload("d.pdf")
    page.get_by_role("button", name="Submit the changed tender").click()
    expect(page.locator("main")).to_contain_text("It replaces the tender you submitted before.")
    page.get_by_role("button", name="Yes, submit the tender").click()
    expect(state).to_have_attribute("data-state", "submitted")
    expect(submitted).to_contain_text("d.pdf")
    expect(submitted).not_to_contain_text("a.pdf")
    second = Tender.objects.get(status=TenderStatus.SUBMITTED)
    assert second.replaces_id == first.id
    assert Tender.objects.get(pk=first.pk).status == TenderStatus.REPLACED

    # CHANGING -> NONE by withdrawing: the submitted tender is withdrawn, the change
    # discarded with it (the page said so).
    page.get_by_role("button", name="Change my tender").click()
    expect(page.locator("#submitted-tender")).to_contain_text("discards the change")
    page.get_by_role("button", name="Withdraw tender").click()
    page.get_by_role("button", name="Yes, withdraw the tender").click()  # confirmation page
    expect(state).to_have_attribute("data-state", "none")
    expect(state).to_contain_text("withdrawn")
    assert Tender.objects.get(pk=second.pk).status == TenderStatus.WITHDRAWN
    assert not Tender.objects.filter(status__in=["draft", "submitted"]).exists()

    # NONE -> DRAFT -> NONE: a new draft, discarded.
    upload("e.pdf")
    expect(state).to_have_attribute("data-state", "draft")
    page.get_by_role("button", name="Discard the draft").click()
    expect(state).to_have_attribute("data-state", "none")
    assert not Tender.objects.filter(status__in=["draft", "submitted"]).exists()

    # NONE -> DRAFT -> SUBMITTED -> NONE: withdraw a plain submitted tender.
    upload("f.pdf")
    page.get_by_role("button", name="Submit tender").click()
    page.get_by_role("button", name="Yes, submit the tender").click()
    expect(state).to_have_attribute("data-state", "submitted")
    page.get_by_role("button", name="Withdraw tender").click()
    page.get_by_role("button", name="Yes, withdraw the tender").click()  # confirmation page
    expect(state).to_have_attribute("data-state", "none")
    assert Tender.objects.filter(status=TenderStatus.WITHDRAWN).count() == 2
