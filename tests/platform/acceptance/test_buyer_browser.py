"""The buyer's and openers' broken paths of issue 10, in a real browser.

Debian Chromium driven by Playwright (never downloads a browser); one browser
for the module, a fresh context (cookies, session) per test. Each test
reproduced its item before the fix:

1. a publication the rules refuse gave "Server Error (500)";
3. opening existed only in the API, and "7. Kontrakt" was an empty heading;
4. a form sent after the session ended led to a 405 and lost what was typed;
5. an empty draft published, and publish / cancel / withdraw had no confirmation.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connections
from django.utils import timezone

from heldigital.apps.accounts.models import Role
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import Procurement
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


@pytest.fixture(scope="module")
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
            connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    # Playwright's loop keeps Django connections in context-local storage.
    connections.close_all()


def log_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{url}/home/")


@pytest.fixture
def officer(transactional_db, municipality):
    return make_user("officer", (municipality, Role.PROCUREMENT_OFFICER))


def test_a_refused_publication_shows_every_reason_at_its_field(
    live_server, municipality, officer, page
):
    """Items 1 and 5: an empty EEA draft whose weights add up to 90, without duration or
    review body: every reason in Norwegian, at its field, summed up on top; no 500."""
    from playwright.sync_api import expect

    now = timezone.now()
    principal = acting(officer, municipality)
    draft = tendering.create_draft(
        principal=principal,
        data=draft_data(
            now,
            title="Vegvedlikehold",
            estimated_value=Decimal("9000000"),
            procedure="open",
            award_method="best_price_quality",
            price_formula="linear",
            notice_language="en",
            contact_telephone="+47 22 00 00 00",
            buyer_nuts="NO081",
            review_body_postal_code="0158",
            review_body_nuts="NO081",
            tender_deadline=now + timedelta(days=40),
            tender_validity_until=now + timedelta(days=130),
        ),
        now=now,
    )
    for name, kind, weight in (("Price", "price", "60"), ("Quality", "quality", "30")):
        tendering.add_award_criterion(
            draft,
            name=name,
            kind=kind,
            weight=weight,
            description=name,
            principal=principal,
            now=now,
        )
    url = live_server.url
    log_in(page, url, "officer")
    page.goto(f"{url}/buyer/procurements/{draft.reference}/")
    page.get_by_role("link", name="Publiser", exact=True).click()

    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title("Feil: Publiser " + draft.reference + " – Heldigital")
    expect(summary.get_by_role("heading")).to_have_text(
        "Utkastet kan ikke publiseres ennå. Rett opp dette:"
    )
    reasons = {
        "#part-documents": "Last opp konkurransedokumentene",
        "#part-request_items": "Legg til minst én linje i forespørselskatalogen",
        "#part-requirements": "Legg til minst ett kvalifikasjonskrav",
        "#part-award_criteria": "Vektene til tildelingskriteriene summeres til 90",
        "#id_contract_duration_months": "oppgi kontraktens varighet",
        "#id_review_body_name": "oppgi klageinstansen",
    }
    for href, text in reasons.items():
        link = summary.locator(f'a[href="{href}"]')
        expect(link).to_contain_text(text)
    # Every message in the summary is Norwegian: none of the English source texts.
    assert "the" not in summary.inner_text().split()

    # The reason stands at its field, and the summary link takes the focus there.
    summary.locator('a[href="#id_contract_duration_months"]').click()
    field = page.locator("#id_contract_duration_months")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_contract_duration_months-error")).to_contain_text(
        "oppgi kontraktens varighet"
    )
    expect(page.locator("#part-documents")).to_contain_text("Last opp konkurransedokumentene")
    assert Procurement.objects.get(pk=draft.pk).status == "draft"

    # The buyer fixes the fields here and comes back to the check.
    field.fill("24")
    page.get_by_label("Klageinstans (valgfritt)").fill("Oslo tingrett")
    page.get_by_label("Klageinstansens organisasjonsnummer").fill("926725939")
    page.get_by_label("Klageinstansens poststed").fill("Oslo")
    page.get_by_role("button", name="Lagre og kontroller på nytt").click()
    page.wait_for_url(f"{url}/buyer/procurements/{draft.reference}/publish/")
    expect(summary).not_to_contain_text("oppgi kontraktens varighet")
    expect(summary).to_contain_text("Last opp konkurransedokumentene")

    # The rest through the services; then the page asks for confirmation.
    tendering.add_request_item(
        draft,
        line_id="1",
        name="Asfalt",
        unit_code="TNE",
        estimated_quantity="10",
        principal=principal,
        now=now,
    )
    add_qualification(draft, principal, now)
    draft.award_criteria.filter(name="Quality").update(weight=Decimal(40))
    document = tendering.add_document(
        draft,
        title="Konkurransegrunnlag",
        filename="grunnlag.pdf",
        content=PDF,
        principal=principal,
        now=now,
    )
    page.reload()
    expect(summary).to_have_count(0)
    expect(page.get_by_role("button", name="Ja, publiser kunngjøringen")).to_be_visible()

    # The draft changes behind the page's back: the POST is refused at the field, no 500.
    tendering.remove_part(draft, principal=principal, part=draft.requirements.get(), now=now)
    page.get_by_role("button", name="Ja, publiser kunngjøringen").click()
    expect(summary).to_contain_text("Legg til minst ett kvalifikasjonskrav")
    assert Procurement.objects.get(pk=draft.pk).status == "draft"
    add_qualification(draft, principal, now)
    page.goto(f"{url}/buyer/procurements/{draft.reference}/publish/")
    page.get_by_role("button", name="Ja, publiser kunngjøringen").click()
    page.wait_for_url(f"{url}/buyer/procurements/{draft.reference}/")
    expect(page.get_by_text("Anskaffelsen er publisert.")).to_be_visible()
    assert Procurement.objects.get(pk=draft.pk).status == "published"
    assert document.document.procurement_id == draft.pk


def test_cancel_and_withdraw_ask_for_confirmation_first(live_server, municipality, officer, page):
    """Item 5: "Avlys" shows what happens and asks; going back changes nothing."""
    from playwright.sync_api import expect

    now = timezone.now()
    principal = acting(officer, municipality)
    draft = tendering.create_draft(principal=principal, data=draft_data(now), now=now)
    url = live_server.url
    log_in(page, url, "officer")
    page.goto(f"{url}/buyer/procurements/{draft.reference}/")
    page.get_by_label("Begrunnelse for avlysning").fill("Behovet er falt bort.\nNy runde i 2027.")
    page.get_by_role("button", name="Avlys anskaffelsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Avlyse {draft.reference}")
    expect(page.locator("main")).to_contain_text("Behovet er falt bort.")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    assert Procurement.objects.get(pk=draft.pk).status == "draft"
    page.get_by_label("Begrunnelse for avlysning").fill("Behovet er falt bort.\nNy runde i 2027.")
    page.get_by_role("button", name="Avlys anskaffelsen").click()
    page.get_by_role("button", name="Ja, avlys anskaffelsen").click()
    page.wait_for_url(f"{url}/buyer/procurements/{draft.reference}/")
    cancelled = Procurement.objects.get(pk=draft.pk)
    assert cancelled.status == "cancelled"
    assert (
        cancelled.cancel_reason.replace("\r\n", "\n") == "Behovet er falt bort.\nNy runde i 2027."
    )
    assert ProtocolEvent.objects.filter(
        procurement_id=draft.reference, type="procurement.cancelled"
    ).exists()


def test_a_form_sent_after_the_session_ended_is_kept_through_the_login(
    live_server, municipality, officer, page
):
    """Item 4: no 405 after the login; the page that held the form, with the text typed."""
    from django.contrib.sessions.models import Session
    from playwright.sync_api import expect

    now = timezone.now()
    draft = tendering.create_draft(
        principal=acting(officer, municipality), data=draft_data(now), now=now
    )
    url = live_server.url
    manage = f"{url}/buyer/procurements/{draft.reference}/"
    log_in(page, url, "officer")
    page.goto(manage)
    typed = "Budsjettet er trukket tilbake.\nNy konkurranse i 2027."
    page.get_by_label("Begrunnelse for avlysning").fill(typed)
    Session.objects.all().delete()  # the session ends while the buyer types

    page.get_by_role("button", name="Avlys anskaffelsen").click()
    page.wait_for_url(f"{url}/login/**")
    assert "next=" in page.url and "cancel" not in page.url
    expect(page.locator("main")).to_contain_text("det du skrev er tatt vare på")
    page.get_by_label("Brukernavn").fill("officer")
    page.get_by_label("Passord").fill(PASSWORD)
    with page.expect_response(lambda r: r.url == manage) as landed:
        page.get_by_role("button", name="Logg inn").click()
    assert landed.value.status == 200 and landed.value.request.method == "GET"
    expect(page.locator("#pending-form")).to_contain_text("Skjemaet ditt ble ikke sendt")
    reason = page.get_by_label("Begrunnelse for avlysning")
    expect(reason).to_have_value(typed)  # filled in again (script)
    expect(reason).to_be_focused()

    # Without the script the kept form is sent again as it was; only once.
    page.locator("#pending-form").get_by_role("button", name="Send skjemaet på nytt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Avlyse {draft.reference}")
    expect(page.locator("main")).to_contain_text("Ny konkurranse i 2027.")
    page.goto(manage)
    expect(page.locator("#pending-form")).to_have_count(0)
    assert Procurement.objects.get(pk=draft.pk).status == "draft"
