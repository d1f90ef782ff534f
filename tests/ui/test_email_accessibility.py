"""The HTML of every kind of e-mail passes axe-core (WCAG 2.0/2.1 A and AA) in Chromium,
in each language, on a desktop and on a 375-pixel phone without sideways scrolling.

Each notification is one of two template pairs (``message``, ``letter``) filled with a
:class:`~heldigital.apps.notifications.compose.Content`; the contents here use every
part the templates have (paragraphs, facts, quotes, sections with and without a table
and heading, a letter in another language than the reader's, the link), so every
element an e-mail can contain is checked. The e-mails of the real use cases are checked
by ``tests/platform/mailparts.accessibility_problems`` in the service tests.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from heldigital.apps.notifications import compose
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.ui.test_accessibility import AXE, DESKTOP, PHONE, _axe

pytestmark = [pytest.mark.browser]


def _everything() -> compose.Content:
    return compose.Content(
        subject="HD-2026-0200: Tildeling av Brøyting og strøing 2027 og et langt emne som brytes",
        paragraphs=["Første avsnitt.", "Andre avsnitt\nmed linjeskift."],
        facts=[
            ("Anskaffelse", "HD-2026-0200 Brøyting og strøing 2027"),
            ("Frist", "2026-12-28 23:59 (Europe/Oslo)"),
        ],
        quotes=[("Spørsmål", "Er 4x4 påkrevd?"), ("Svar", "Ja.")],
        sections=[
            compose.Section("", ["Fra: Testkommune (org.nr. 920000002)"]),
            compose.Section(
                "Rangering",
                ["Tilbudene er rangert slik:"],
                compose.Table(
                    ["Leverandør", "Pris", "Poeng i alt"],
                    [
                        ["Alfa Brøyt AS", "376150.00", "89.19"],
                        ["Beta Vei AS med et svært langt navn som må brytes", "358560.00", "80"],
                    ],
                    caption="Tabell 1",
                ),
            ),
            compose.Section("Karensperiode", ["Karensperioden varer til 28.12.2026."]),
        ],
        sections_language="nb",
        action=("Les brevene deres", "https://heldigital.example/supplier/letters/"),
    )


def test_every_email_part_passes_axe_in_every_language_and_on_a_phone():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core)")
    from playwright.sync_api import sync_playwright

    documents = {
        (template, language): str(
            compose.compose(
                _everything, to=["a@b.invalid"], language=language, template=template
            ).alternatives[0][0]
        )
        for template in ("message", "letter")
        for language, _name in settings.LANGUAGES
    }
    violations = []
    checked = 0
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for viewport in (DESKTOP, PHONE):
                context = chromium.new_context(viewport=viewport)
                page = context.new_page()
                for (template, language), document in documents.items():
                    page.set_content(document)
                    page.add_script_tag(path=str(AXE))
                    found = _axe(page)
                    where = f"{template} {language} {viewport['width']}px"
                    violations += [f"{where}: {v}" for v in found]
                    if viewport is PHONE:
                        wide = page.evaluate(
                            "document.documentElement.scrollWidth > window.innerWidth"
                        )
                        if wide:
                            violations.append(f"{where}: scrolls sideways")
                    checked += 1
                context.close()
        finally:
            chromium.close()
    print(f"axe-core: {checked} e-mails checked (2 templates x languages x 2 widths)")
    assert checked == 2 * len(settings.LANGUAGES) * 2
    assert not violations, "\n".join(violations)
