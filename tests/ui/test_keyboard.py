"""Universal design (issue 10, deliver 3): the supplier's whole path with the keyboard only.

Debian Chromium driven by Playwright. From the front page a supplier logs in, finds the
notice on the notice board, opens it, registers interest, prepares a tender, attaches a
file, submits it and downloads the receipt, pressing only Tab, Shift+Tab, Enter and Space
and typing text (WCAG 2.1.1 Keyboard): never ``click()`` or ``fill()``. The operating
system's file dialog is the one thing a page cannot draw: the file input is opened with
the keyboard and Playwright's file-chooser event answers the dialog, as the user would.

Every element the focus lands on must show a visible focus indicator (WCAG 2.4.7): a
computed outline or box-shadow.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from heldigital.apps.submissions.models import Tender
from heldigital.apps.submissions.receipts import read_receipt
from tests.platform.acceptance.test_supplier_browser import notice, page  # noqa: F401
from tests.platform.conftest import PASSWORD, municipality  # noqa: F401
from tests.platform.tendering.conftest import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: What the focused element is, and whether its focus can be seen.
_FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== 'none';
    const name = (e.getAttribute('aria-label') || e.textContent || e.name || e.id || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 40);
    return {tag: e.tagName.toLowerCase(), type: e.type || '', name: name,
            visible: outline || shadow};
}"""


def _describe(focused: dict | None) -> str:
    if focused is None:
        return "<body>"
    kind = f"{focused['tag']}[{focused['type']}]" if focused["type"] else focused["tag"]
    return f"{kind} {focused['name']!r}"


def tab_to(page, locator, max_tabs: int = 200) -> None:  # noqa: F811
    """Press Tab until ``locator`` has the focus (``document.activeElement``).

    Every element the focus passes must show a visible focus indicator. Fails with the
    elements visited if the locator is not reached within ``max_tabs`` presses.
    """
    # Resolved anew after every press: htmx may have replaced the element meanwhile.
    locator.wait_for(state="attached")
    visited: list[str] = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        visited.append(_describe(focused))
        if focused is not None:
            assert focused["visible"], f"no visible focus indicator on {visited[-1]}"
        if locator.evaluate("e => e === document.activeElement"):
            return
    pytest.fail(f"{locator} not reached in {max_tabs} Tabs; visited: " + ", ".join(visited))


def _type(page, text: str) -> None:  # noqa: F811
    page.keyboard.type(text)


def test_supplier_does_the_whole_path_with_the_keyboard(live_server, notice, page, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    # Answer file dialogs from the start: Chromium intercepts them only once a listener
    # exists, and enabling that at the moment of the key press races with the press.
    page.on("filechooser", lambda chooser: None)

    # The front page; the first Tab reaches the skip link.
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    expect(page.locator("a.ds-skip-link")).to_be_focused()

    # Log in.
    menu = page.get_by_role("navigation", name="Main menu")
    tab_to(page, menu.get_by_role("link", name="Log in"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/login/**")
    tab_to(page, page.get_by_label("Username"))
    _type(page, "fjellbroyt")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    _type(page, PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)

    # The notice board: search for the notice and open it.
    tab_to(page, menu.get_by_role("link", name="Notice board"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/notices/")
    tab_to(page, page.get_by_label("Search"))
    _type(page, "Fjellveien")
    page.keyboard.press("Enter")
    page.wait_for_url("**/notices/?q=Fjellveien*")
    results = page.locator("#results")
    expect(results).to_contain_text(notice.reference)
    tab_to(page, results.get_by_role("link", name="Vintervedlikehold Fjellveien"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/notices/{notice.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vintervedlikehold Fjellveien")

    # Register interest (a button: Space activates it as well as Enter).
    tab_to(page, page.get_by_role("button", name="Register interest"))
    page.keyboard.press("Space")
    expect(page.get_by_text("Interest registered")).to_be_visible()
    assert notice.interests.get().supplier.orgnr == "920000029"

    # Prepare the tender.
    tab_to(page, page.get_by_role("link", name="Prepare and submit a tender"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/supplier/tenders/{notice.reference}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fjellbrøyt AS")

    # Attach a file: the kind stays at its default ("attachment"); Enter on the
    # file input opens the file dialog (Space does not in headless Chromium).
    content = PDF + b"%" + b"tilbudsbeskrivelse " * 600 + b"\n"
    upload = tmp_path / "tilbud.pdf"
    upload.write_bytes(content)
    expect(page.get_by_label("Kind of file")).to_have_value("attachment")
    tab_to(page, page.get_by_label("File", exact=True))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(upload))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Upload file")).to_be_focused()
    page.keyboard.press("Enter")
    files = page.get_by_role("table")
    expect(files).to_contain_text("tilbud.pdf")
    expect(files).to_contain_text(hashlib.sha256(content).hexdigest())

    # Going back with Shift+Tab works too: from the submit button to the one before it.
    tab_to(page, page.get_by_role("button", name="Submit tender"))
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Submit tender")).not_to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Submit tender")).to_be_focused()
    page.keyboard.press("Enter")
    # The final submit asks first, on a page of its own, from the keyboard too.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Submit your tender")
    expect(page.locator("main")).to_contain_text("tilbud.pdf")
    assert not Tender.objects.filter(status="submitted").exists()
    tab_to(page, page.get_by_role("button", name="Yes, submit the tender"))
    page.keyboard.press("Enter")
    expect(page.locator("#tender-status")).to_contain_text("Submitted")

    # The receipt, downloaded from the keyboard; its signed XML names the file's digest.
    tab_to(page, page.get_by_role("link", name="Download the receipt (PDF)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    tab_to(page, page.get_by_role("link", name="Receipt (signed XML)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    _, data = read_receipt(Path(download.value.path()).read_bytes())
    assert [f.sha256 for f in data.files] == [hashlib.sha256(content).hexdigest()]
    tender = Tender.objects.get()
    assert tender.status == "submitted" and tender.supplier.orgnr == "920000029"
