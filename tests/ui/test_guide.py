"""The user guide per role (``docs/guide/``) and its screenshots, made by the browser suite
(issue 10: "The user guide with its screenshots is produced by the browser suite and is
current").

Each role's path is walked in Debian Chromium on the demo data, in bokmål at 1280 px: the
headings, buttons and links the guide names are asserted on the way, so the guide's steps
stay true whenever the suite runs. With ``HELDIGITAL_GUIDE_SHOTS=1`` (``make guide``) the
walk also writes the screenshots to ``docs/guide/img/<role>-<step>.png``: the visible
window only (not the whole page), reduced to a palette of 128 colours so that each stays
small. Without it nothing is written, so an ordinary run does not churn the images (the
demo's dates move with the day the suite runs).

Two more checks keep guide and walk together: every screenshot the walk takes is shown in
its role's guide, and (without a browser) every image a guide shows exists and every image
in ``docs/guide/img`` is shown by a guide.
"""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.ui.test_workspace import _as, browser, demo  # noqa: F401  (fixtures)

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "guide"
IMAGES = GUIDE / "img"
ROLES = ("buyer", "supplier", "opener", "evaluator", "auditor")
SHOTS = os.environ.get("HELDIGITAL_GUIDE_SHOTS") == "1"
#: A procurement whose tender deadline has passed and whose tenders are not yet opened
#: (the demo's four states have none): the openers' path.
TO_OPEN = "DEMO-2026-0105"
IMAGE_LINK = re.compile(r"!\[[^\]]*\]\((img/[^)\s]+\.png)\)")


def _shot(page, role: str, step: str, focus=None) -> None:
    """Record the step's screenshot (written with HELDIGITAL_GUIDE_SHOTS=1) and check that
    the role's guide shows it. ``focus``: scrolled to the top of the window first."""
    name = f"img/{role}-{step}.png"
    guide = (GUIDE / f"{role}.md").read_text(encoding="utf-8")
    assert name in IMAGE_LINK.findall(guide), f"docs/guide/{role}.md does not show {name}"
    if focus is not None:
        focus.first.evaluate(
            "el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -16); }"
        )
    else:
        page.evaluate("window.scrollTo(0, 0)")
    if not SHOTS:
        return
    from io import BytesIO

    from PIL import Image

    png = page.screenshot(full_page=False, animations="disabled", caret="hide")
    image = Image.open(BytesIO(png)).convert("RGB")
    assert image.size[0] == 1280, image.size
    IMAGES.mkdir(parents=True, exist_ok=True)
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        IMAGES / f"{role}-{step}.png", optimize=True
    )


@pytest.fixture
def guide_demo(demo, monkeypatch):  # noqa: F811
    """The demo's four procurements, a draft of the officer's, and one procurement whose
    tenders wait for the openers."""
    from heldigital.apps.tendering import services as tendering
    from heldigital.platform import demo_procurements as procurements
    from tests.platform.conftest import acting
    from tests.platform.tendering.conftest import draft_data

    now = timezone.now()
    builder = procurements._Demo(now)
    principal = acting(builder.officer, builder.buyer)
    draft = tendering.create_draft(
        principal=principal,
        data=draft_data(
            now,
            title="Vask av kommunale biler 2027",
            description="Utvendig og innvendig vask av kommunens 40 biler.",
            cpv_codes=["50112300-6"],
        ),
        now=now,
    )
    spec = dataclasses.replace(
        procurements.SPECS[procurements.OPEN_FOR_TENDERS],
        reference=TO_OPEN,
        title="Vinduspuss av kommunale bygg 2027",
        description="Vinduspuss av rådhuset, to skoler og biblioteket fire ganger i året.",
    )
    monkeypatch.setitem(procurements.SPECS, TO_OPEN, spec)
    monkeypatch.setitem(
        procurements.PRICES, TO_OPEN, procurements.PRICES[procurements.OPEN_FOR_TENDERS]
    )
    deadline = builder.now - timedelta(hours=2)
    waiting = builder.prepare(spec, created=deadline - timedelta(days=30), deadline=deadline)
    snow, cleaning, _it = builder.suppliers
    builder.tender(waiting, cleaning, deadline - timedelta(days=3))
    builder.tender(waiting, snow, deadline - timedelta(days=2))
    return draft


def _steps(page):
    return page.get_by_role("navigation", name="Trinnene i anskaffelsen")


def _h1(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_contain_text(text)


def test_buyer_guide(live_server, guide_demo, browser):  # noqa: F811
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import AWARDED, IN_EVALUATION, PUBLISHED

    draft = guide_demo
    base = live_server.url
    page = _as(browser, base, "kommune-innkjoper")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Mine anskaffelser"
    ).click()
    _h1(page, "Mine anskaffelser")
    expect(page.get_by_role("link", name="Ny anskaffelse")).to_be_visible()
    _shot(page, "buyer", "1-procurements")

    page.get_by_role("link", name="Ny anskaffelse").click()
    _h1(page, "Ny anskaffelse")
    _shot(page, "buyer", "2-new")

    page.goto(f"{base}/buyer/procurements/{draft.reference}/")
    steps = _steps(page)
    expect(steps.locator("[aria-current=page]")).to_contain_text("1. Forberedelse")
    _shot(page, "buyer", "3-preparation")

    page.get_by_role("link", name="Publiser", exact=True).click()
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Utkastet kan ikke publiseres ennå")
    _shot(page, "buyer", "4-publish")

    page.goto(f"{base}/buyer/procurements/{PUBLISHED}/")
    _steps(page).get_by_role("link", name="Spørsmål").click()
    _h1(page, "Spørsmål:")
    expect(page.get_by_role("heading", name="Spørsmål fra leverandører")).to_be_visible()
    _shot(page, "buyer", "5-questions")

    page.goto(f"{base}/buyer/procurements/{IN_EVALUATION}/")
    _steps(page).get_by_role("link", name="Kvalifikasjon").click()
    _h1(page, "Kvalifikasjon:")
    expect(page.get_by_role("button", name="Kontroller ESPD-svarene")).to_be_visible()
    _shot(page, "buyer", "6-qualification")

    _steps(page).get_by_role("link", name="Evaluering").click()
    _h1(page, "Evaluering:")
    compute = page.get_by_role("button", name="Beregn priser, poeng og rangering")
    expect(compute).to_be_visible()
    _shot(page, "buyer", "7-evaluation", focus=page.get_by_role("heading", name="Priser, poeng"))

    _steps(page).get_by_role("link", name="Tildeling").click()
    _h1(page, "Tildeling:")
    reasons = "Beste forhold mellom pris og kvalitet etter kriteriene."
    page.get_by_label("Begrunnelse (tom: rangeringen)").fill(reasons)
    _shot(page, "buyer", "8-award", focus=page.get_by_role("heading", name="Tildeling og brev"))
    page.get_by_role("button", name="Beslutt tildeling").click()
    _h1(page, "Beslutte tildelingen?")
    expect(page.get_by_role("button", name="Ja, beslutt tildelingen")).to_be_visible()
    expect(page.get_by_role("link", name="Nei, gå tilbake")).to_be_visible()
    _shot(page, "buyer", "9-award-confirm")

    page.goto(f"{base}/buyer/procurements/{AWARDED}/")
    _steps(page).get_by_role("link", name="Kontrakt").click()
    _h1(page, "Kontrakt:")
    expect(page.locator("#contract-status")).to_contain_text("karensperioden")
    _shot(page, "buyer", "10-contract")

    _steps(page).get_by_role("link", name="Protokoll").click()
    _h1(page, "Anskaffelsesprotokoll")
    expect(page.get_by_role("link", name="Last ned som PDF")).to_be_visible()
    _shot(page, "buyer", "11-protocol")
    page.context.close()

    # The buyer administrator's API tokens (every user has the page).
    page = _as(browser, base, "kommune-admin")
    page.get_by_role("link", name="API-nøkler for systemene deres").click()
    _h1(page, "API-nøkler")
    expect(page.get_by_role("button", name="Utsted nøkkel")).to_be_visible()
    _shot(page, "buyer", "12-tokens")
    page.context.close()


def test_supplier_guide(live_server, guide_demo, browser, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import AWARDED, PUBLISHED

    base = live_server.url
    page = _as(browser, base, "data-bruker")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Kunngjøringer"
    ).click()
    _h1(page, "Kunngjøringer")
    page.get_by_label("Søk").fill("skoleskyss")
    page.get_by_role("button", name="Søk").click()
    _shot(page, "supplier", "1-notices")

    page.locator("#results").get_by_role("link", name="Skoleskyss med drosje").click()
    page.wait_for_url(f"**/notices/{PUBLISHED}/")
    take_part = page.get_by_role("heading", name="Delta som Tenkt Data AS")
    expect(take_part).to_be_visible()
    page.get_by_role("button", name="Registrer interesse").click()
    expect(take_part).to_be_visible()
    expect(page.locator("main")).to_contain_text("Interesse registrert")
    expect(page.get_by_role("button", name="Send spørsmål")).to_be_visible()
    _shot(page, "supplier", "2-notice", focus=take_part)

    page.get_by_role("link", name="Forbered og lever tilbud").click()
    _h1(page, "Tilbud fra Tenkt Data AS")
    letter = tmp_path / "tilbudsbrev.pdf"
    from tests.platform.tendering.conftest import PDF

    letter.write_bytes(PDF + b"%" + b"Tilbudsbrev fra Tenkt Data AS. " * 40 + b"\n")
    page.get_by_label("Filtype").select_option("attachment")
    page.get_by_label("Fil", exact=True).set_input_files(str(letter))
    page.get_by_role("button", name="Last opp fil").click()
    expect(page.locator("#draft-tender")).to_contain_text("tilbudsbrev.pdf")
    _shot(page, "supplier", "3-tender")

    page.get_by_role("link", name="Fyll ut ESPD-svaret").click()
    _h1(page, "ESPD-svar")
    expect(page.get_by_role("button", name="Kontroller og legg ved tilbudet")).to_be_visible()
    _shot(page, "supplier", "4-espd")

    page.get_by_role("link", name="Tilbake til tilbudet ditt").click()
    page.get_by_role("button", name="Lever tilbud", exact=True).click()
    expect(page.get_by_role("button", name="Ja, lever tilbudet")).to_be_visible()
    _shot(page, "supplier", "5-submit-confirm")
    page.get_by_role("button", name="Ja, lever tilbudet").click()
    expect(page.locator("#tender-state")).to_have_attribute("data-state", "submitted")
    expect(page.get_by_role("link", name="Last ned kvitteringen (PDF)")).to_be_visible()
    expect(page.get_by_role("button", name="Endre tilbudet mitt")).to_be_visible()
    expect(page.get_by_role("button", name="Trekk tilbudet")).to_be_visible()
    _shot(page, "supplier", "6-submitted")

    page.goto(f"{base}/home/")
    page.get_by_role("link", name="Brev", exact=True).click()
    _h1(page, "Brev og kontrakter for Tenkt Data AS")
    expect(page.locator("main")).to_contain_text(AWARDED)
    _shot(page, "supplier", "7-letters")
    page.context.close()


def test_opener_guide(live_server, guide_demo, browser):  # noqa: F811
    from playwright.sync_api import expect

    base = live_server.url
    page = _as(browser, base, "kommune-apner1")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Mine anskaffelser"
    ).click()
    page.get_by_role("link", name="Vinduspuss av kommunale bygg 2027").click()
    _steps(page).get_by_role("link", name="Åpning").click()
    _h1(page, "Åpning av tilbudene:")
    expect(page.locator("#openers-required")).to_contain_text("Én åpner")
    open_button = page.get_by_role("button", name="Åpne tilbudene")
    expect(open_button).to_be_visible()
    _shot(page, "opener", "1-opening")

    open_button.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åpne tilbudene?")
    expect(page.get_by_role("link", name="Nei, gå tilbake")).to_be_visible()
    _shot(page, "opener", "2-confirm")
    page.get_by_role("button", name="Ja, åpne tilbudene").click()
    expect(page.get_by_text("Tilbudene er åpnet.")).to_be_visible()
    expect(page.get_by_role("heading", name="Åpningsprotokoll")).to_be_visible()
    expect(page.get_by_role("table").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Åpningsprotokoll (PDF)")).to_be_visible()
    _shot(page, "opener", "3-record")
    page.context.close()


def test_evaluator_guide(live_server, guide_demo, browser):  # noqa: F811
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import IN_EVALUATION

    base = live_server.url
    page = _as(browser, base, "kommune-evaluator")
    page.goto(f"{base}/buyer/procurements/{IN_EVALUATION}/")
    _steps(page).get_by_role("link", name="Evaluering").click()
    _h1(page, "Evaluering:")
    scores = page.get_by_role("heading", name="Kvalitetspoeng (dine)")
    expect(scores).to_be_visible()
    expect(page.get_by_role("button", name="Lagre poeng").first).to_be_visible()
    expect(page.get_by_role("button", name="Beregn priser, poeng og rangering")).to_have_count(0)
    _shot(page, "evaluator", "1-scores", focus=scores)

    conflicts = page.get_by_role("heading", name="Interessekonflikter")
    expect(page.get_by_role("button", name="Erklær")).to_be_visible()
    _shot(page, "evaluator", "2-conflicts", focus=conflicts)
    page.context.close()


def test_auditor_guide(live_server, guide_demo, browser):  # noqa: F811
    from playwright.sync_api import expect

    from heldigital.platform.demo_procurements import AWARDED

    base = live_server.url
    page = _as(browser, base, "kommune-revisor")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Mine anskaffelser"
    ).click()
    _h1(page, "Mine anskaffelser")
    expect(page.get_by_role("link", name="Ny anskaffelse")).to_have_count(0)
    _shot(page, "auditor", "1-procurements")

    page.get_by_role("link", name="Bærbare PC-er til skolene").click()
    _steps(page).get_by_role("link", name="Tildeling").click()
    _h1(page, "Tildeling:")
    expect(page.locator("main form")).to_have_count(0)  # reads every step, no form
    _shot(page, "auditor", "2-award")

    page.goto(f"{base}/procurements/{AWARDED}/protocol/")
    _h1(page, f"Protokoll for {AWARDED}")
    expect(page.get_by_role("heading", name="Protokollen er intakt")).to_be_visible()
    expect(page.get_by_role("button", name="Verifiser på nytt")).to_be_visible()
    _shot(page, "auditor", "3-protocol")

    page.get_by_role("button", name="Verifiser på nytt").click()
    expect(page.locator("#verdict")).to_contain_text("Protokollen er intakt")
    events = page.get_by_role("heading", name="Hendelser")
    expect(page.locator("tbody tr").first).to_contain_text("Utkast opprettet")
    _shot(page, "auditor", "4-events", focus=events)
    page.context.close()


def test_every_guide_image_exists_and_every_image_is_in_a_guide():
    """No browser: the guides' image links and the files in docs/guide/img agree, the
    images are small window screenshots, and the README links the guide's index."""
    shown: set[str] = set()
    for role in ROLES:
        text = (GUIDE / f"{role}.md").read_text(encoding="utf-8")
        links = IMAGE_LINK.findall(text)
        assert links, f"docs/guide/{role}.md shows no screenshot"
        for link in links:
            assert link.startswith(f"img/{role}-"), f"{role}.md shows another role's {link}"
            assert (GUIDE / link).is_file(), f"docs/guide/{role}.md shows {link}, which is missing"
        shown.update(links)
    for other in GUIDE.glob("*.md"):
        for link in re.findall(r"\]\((img/[^)\s]+)\)", other.read_text(encoding="utf-8")):
            assert (GUIDE / link).is_file(), f"{other.name} shows {link}, which is missing"
            shown.add(link)
    files = {f"img/{path.name}" for path in IMAGES.glob("*")}
    assert files - shown == set(), f"images no guide shows: {sorted(files - shown)}"
    total = 0
    for path in IMAGES.glob("*.png"):
        size = path.stat().st_size
        total += size
        assert size < 150_000, f"{path.name}: {size} bytes (a window screenshot is smaller)"
        assert path.read_bytes()[16:24] == (1280).to_bytes(4, "big") + (900).to_bytes(4, "big")
    assert total < 5_000_000, total
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    for role in ROLES:
        assert f"({role}.md)" in index, f"docs/guide/README.md does not link {role}.md"
    assert "docs/guide/README.md" in (REPO / "README.md").read_text(encoding="utf-8")
