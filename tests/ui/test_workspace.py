"""The buyer's workspace per procurement (issue 10, deliver 2), in Debian Chromium.

A procurement is ten steps, each its own page, with a step navigation that says where
the procurement is and which page is shown; each role is offered only what it may do;
every irreversible step asks on a page of its own (no script needed, the keyboard works)
and going back changes nothing; a refused form shows an error summary on top that has
the focus and links to the fields.

The demo data holds a procurement in each state (``heldigital.platform.demo_procurements``).
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from heldigital.apps.accounts.demo import DEMO_PASSWORD, load_demo
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.ui.test_accessibility import DUPLICATE_IDS
from tests.ui.test_keyboard import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS = [
    "Forberedelse",
    "Kunngjøring",
    "Spørsmål",
    "Tilbud",
    "Åpning",
    "Kvalifikasjon",
    "Evaluering",
    "Tildeling",
    "Kontrakt",
    "Protokoll",
]


@pytest.fixture
def demo(transactional_db):
    from heldigital.platform.demo_procurements import load_demo_procurements

    now = timezone.now()
    load_demo(now)
    return load_demo_procurements(now)


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()


def _as(browser, base: str, username: str):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def _steps(page):
    return page.get_by_role("navigation", name="Trinnene i anskaffelsen")


def test_every_step_is_a_page_and_the_navigation_shows_where_the_procurement_is(
    live_server, demo, browser
):
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import AWARDED, PUBLISHED

    page = _as(browser, live_server.url, "kommune-innkjoper")
    base = f"{live_server.url}/buyer/procurements/{AWARDED}"
    page.goto(f"{base}/")
    nav = _steps(page)
    expect(nav.get_by_role("listitem")).to_have_count(10)
    for number, label in enumerate(STEPS, start=1):
        expect(nav.get_by_role("listitem").nth(number - 1)).to_contain_text(f"{number}. {label}")
    # Awarded, letters sent, standstill running: the procurement is at the contract.
    expect(nav.locator("[data-state=current]")).to_contain_text("Kontrakt")
    expect(nav.locator("[data-state=current]")).to_contain_text("anskaffelsen er her")
    expect(nav.locator("[data-state=done]")).to_have_count(8)
    expect(nav.locator("[aria-current=page]")).to_have_text("1. Forberedelse")
    # Each step is its own page, reached from the navigation; the page shown is marked.
    headings = {
        "Kunngjøring": "Kunngjøring:",
        "Spørsmål": "Spørsmål:",
        "Tilbud": "Tilbud:",
        "Åpning": "Åpning av tilbudene:",
        "Kvalifikasjon": "Kvalifikasjon:",
        "Evaluering": "Evaluering:",
        "Tildeling": "Tildeling:",
        "Kontrakt": "Kontrakt:",
        "Protokoll": "Anskaffelsesprotokoll",
    }
    for label, heading in headings.items():
        _steps(page).get_by_role("link", name=label).click()
        expect(_steps(page).locator("[aria-current=page]")).to_contain_text(label)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    # The old one-page evaluation URL (in e-mails) leads to the current step's page.
    page.goto(f"{base}/evaluation/")
    assert page.url == f"{base}/contract/"

    # A procurement open for questions: the later steps are not links yet.
    page.goto(f"{live_server.url}/buyer/procurements/{PUBLISHED}/")
    nav = _steps(page)
    expect(nav.locator("[data-state=current]")).to_contain_text("Spørsmål")
    expect(nav.get_by_role("link", name="Kvalifikasjon")).to_have_count(0)
    nav.get_by_role("link", name="Spørsmål").click()
    expect(page.get_by_role("heading", level=2, name="Spørsmål fra leverandører")).to_be_visible()
    page.context.close()


def test_each_role_is_offered_only_what_it_may_do(live_server, demo, browser):
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import IN_EVALUATION

    def evaluation_page(username):
        page = _as(browser, live_server.url, username)
        page.goto(f"{live_server.url}/buyer/procurements/{IN_EVALUATION}/assessment/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluering:")
        return page

    # The officer runs the evaluation and declares; the scores are the evaluators'.
    page = evaluation_page("kommune-innkjoper")
    expect(page.get_by_role("button", name="Erklær")).to_have_count(1)
    page.context.close()
    # The evaluator scores and declares but does not compute or award.
    page = evaluation_page("kommune-evaluator")
    expect(page.get_by_role("button", name="Lagre poeng").first).to_be_visible()
    expect(page.get_by_role("button", name="Beregn priser, poeng og rangering")).to_have_count(0)
    page.goto(f"{live_server.url}/buyer/procurements/{IN_EVALUATION}/award/")
    expect(page.get_by_role("button", name="Beslutt tildeling")).to_have_count(0)
    page.context.close()
    # The auditor reads and is offered no form at all; the opener only the declaration
    # of conflicts of interest (every buyer role declares).
    for username, forms in (("kommune-revisor", 0), ("kommune-apner1", 1)):
        page = evaluation_page(username)
        for step in ("qualification", "assessment", "award", "contract"):
            page.goto(f"{live_server.url}/buyer/procurements/{IN_EVALUATION}/{step}/")
            expected = forms if step == "assessment" else 0
            expect(page.locator("main form")).to_have_count(expected)
        page.context.close()


def test_award_letters_and_rejection_ask_first_and_going_back_changes_nothing(
    live_server, demo, browser
):
    """Confirmation pages of the award decision, the letters and a rejection: plain forms
    (no script), reached and confirmed with the keyboard."""
    from playwright.sync_api import expect

    from heldigital.apps.evaluation.models import AwardDecision, Exclusion, Letter
    from heldigital.platform.demo_procurements import IN_EVALUATION

    page = _as(browser, live_server.url, "kommune-innkjoper")
    base = f"{live_server.url}/buyer/procurements/{IN_EVALUATION}"

    # A rejection letter: drafted, then confirmed on its own page.
    page.goto(f"{base}/qualification/")
    page.get_by_label("Begrunnelse (står i brevet)").fill("Tilbudet mangler priser.")
    page.get_by_role("button", name="Lag utkast til avvisningsbrev").click()
    page.get_by_role("button", name="Bekreft og send brevet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avvise tilbudet og sende brevet?")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    exclusion = Exclusion.objects.get(tender__procurement__reference=IN_EVALUATION)
    assert exclusion.confirmed_at is None
    page.get_by_role("button", name="Bekreft og send brevet").click()
    page.get_by_role("button", name="Ja, avvis og send brevet").click()
    expect(page.get_by_text("Avvisningen er bekreftet og brevet sendt.")).to_be_visible()
    exclusion.refresh_from_db()
    assert exclusion.confirmed_at is not None

    # The ranking again without the rejected tender, then the award: asks first.
    page.goto(f"{base}/assessment/")
    page.get_by_role("button", name="Beregn priser, poeng og rangering").click()
    page.goto(f"{base}/award/")
    reasons = "Beste forhold mellom pris og kvalitet."
    page.get_by_label("Begrunnelse (tom: rangeringen)").fill(reasons)
    page.get_by_role("button", name="Beslutt tildeling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beslutte tildelingen?")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    assert not AwardDecision.objects.filter(procurement__reference=IN_EVALUATION).exists()
    page.get_by_label("Begrunnelse (tom: rangeringen)").fill(reasons)
    page.get_by_role("button", name="Beslutt tildeling").click()
    expect(page.locator("main")).to_contain_text(reasons)  # what will be decided
    # Confirmed from the keyboard.
    tab_to(page, page.get_by_role("button", name="Ja, beslutt tildelingen"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Tildeling besluttet; brev er laget som utkast.")).to_be_visible()
    decision = AwardDecision.objects.get(procurement__reference=IN_EVALUATION)
    assert decision.reasons == reasons

    # The letters: asked first, then sent, and the standstill period starts.
    page.get_by_role("button", name="Send tildelings- og avslagsbrev").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Sende tildelings- og avslagsbrevene?")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    unsent = Letter.objects.filter(procurement__reference=IN_EVALUATION, sent_at__isnull=True)
    assert unsent.filter(kind="award").exists()
    page.get_by_role("button", name="Send tildelings- og avslagsbrev").click()
    page.get_by_role("button", name="Ja, send brevene").click()
    expect(page.get_by_text("Brevene er sendt; karensperioden har begynt.")).to_be_visible()
    assert Letter.objects.filter(
        procurement__reference=IN_EVALUATION, kind="award", sent_at__isnull=False
    ).exists()
    page.context.close()


def test_a_refused_form_shows_an_error_summary_with_the_focus_and_links_to_the_fields(
    live_server, demo, browser
):
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    from heldigital.apps.accounts.models import Organisation
    from heldigital.apps.tendering import services as tendering
    from tests.platform.conftest import acting
    from tests.platform.tendering.conftest import draft_data

    officer = get_user_model().objects.get(username="kommune-innkjoper")
    principal = acting(officer, Organisation.objects.get(orgnr="920000002"))
    now = timezone.now()
    draft = tendering.create_draft(principal=principal, data=draft_data(now), now=now)
    page = _as(browser, live_server.url, "kommune-innkjoper")
    page.goto(f"{live_server.url}/buyer/procurements/{draft.reference}/")
    assert page.evaluate(DUPLICATE_IDS) == []
    page.get_by_text("Legg til et tildelingskriterium").click()
    form = page.locator("form:has(#criterion-name)")
    form.locator("#criterion-name").fill("Kvalitet")
    form.locator("#criterion-weight").fill("1000")  # more digits than a weight has
    form.get_by_role("button", name="Legg til kriterium").click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(f"^Feil: {draft.reference} "))
    # The draft's page holds six forms: none of their fields shares an id (a label, and
    # the summary's links, would reach the wrong field).
    assert page.evaluate(DUPLICATE_IDS) == []
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    assert target == "#criterion-weight", target
    link.click()
    expect(page.locator(target)).to_be_focused()
    page.context.close()
