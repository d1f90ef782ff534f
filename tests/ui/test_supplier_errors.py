"""An error summary on top of every supplier form (issue 10: "error summary at the top of
every form (Designsystemet patterns)"), in Debian Chromium.

What the server refuses on the supplier's pages - a question, a file for the tender, the
ESPD response, documentation asked for - is listed in a Designsystemet ErrorSummary at the
top of the page that comes back: it has the focus (screen readers announce it), the page
title starts with "Feil:", and each item links to its field. Before, the refusals were
plain alerts (the question's and the file's) or a box inside the ESPD form below the
import section, and the title said nothing.
"""

from __future__ import annotations

import re

import pytest

from tests.ui.test_workspace import _as, browser, demo  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _summary_has_the_focus(page, *, links_to: str | None = None):
    from playwright.sync_api import expect

    summary = page.locator(".ds-error-summary")
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Feil: "))
    # On top: before the page's first heading's content (nothing of the page above it but
    # the heading and the links back).
    assert summary.bounding_box()["y"] < page.locator("main form").first.bounding_box()["y"]
    if links_to is not None:
        link = summary.locator(f'a[href="#{links_to}"]')
        expect(link).to_have_count(1)
        link.click()
        expect(page.locator(f"#{links_to}")).to_be_focused()
    return summary


def test_every_supplier_form_shows_an_error_summary_on_top(
    live_server,
    demo,  # noqa: F811
    browser,  # noqa: F811
    tmp_path,
):
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import PUBLISHED

    base = live_server.url
    page = _as(browser, base, "broyting-bruker")

    # A question of only spaces.
    page.goto(f"{base}/notices/{PUBLISHED}/")
    page.get_by_label("Ditt spørsmål").fill("   ")
    page.get_by_role("button", name="Send spørsmål").click()
    summary = _summary_has_the_focus(page, links_to="id_text")
    expect(summary).to_contain_text("Ditt spørsmål")

    # A file that is not an ESPD response, sent as one: refused before it is sealed.
    page.goto(f"{base}/supplier/tenders/{PUBLISHED}/")
    wrong = tmp_path / "espd.xml"
    wrong.write_bytes(b"<not-an-espd/>")
    page.get_by_label("Filtype").select_option("espd-response")
    page.get_by_label("Fil", exact=True).set_input_files(str(wrong))
    page.get_by_role("button", name="Last opp fil").click()
    _summary_has_the_focus(page, links_to="id_file")

    # The empty ESPD form: the summary is on top of the page, above the import section.
    page.goto(f"{base}/supplier/tenders/{PUBLISHED}/espd/")
    expect(page).to_have_title(re.compile("^ESPD-svar"))
    page.get_by_role("button", name="Kontroller og legg ved tilbudet").click()
    summary = _summary_has_the_focus(page)
    expect(summary).to_contain_text("svar må rettes")
    assert summary.bounding_box()["y"] < page.locator("#espd-import").bounding_box()["y"]
    first = summary.get_by_role("link").first
    target = first.get_attribute("href")
    first.click()
    expect(page.locator(target)).to_be_focused()
    page.context.close()
