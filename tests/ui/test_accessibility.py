"""Universal design (WCAG 2.1 AA, issue 10 deliver 3): axe-core on every page of every
demo role, in bokmål and English, on a desktop and on a 375-pixel phone, and in nynorsk
for a representative subset.

Norwegian law (forskrift om universell utforming av IKT-løsninger) requires WCAG 2.1 AA
of public web solutions. The oracle is axe-core (Deque's rule engine, from npm, pinned in
``package-lock.json``) with the WCAG 2.0/2.1 A and AA rule tags, run in Debian Chromium.

The pages are found the way a user finds them: starting at the front page, every link
of the same origin is followed (GET only; downloads, the API, the admin and log-out
excluded), as each role, with the demo data of every procurement state loaded. Pages of
the same shape (the same path with other identifiers) are checked up to
``PER_SHAPE`` times per role (every demo procurement state) on the desktop in bokmål; the
first page of each shape is checked in every language and on the phone too, so that the
run stays within minutes while every kind of page is seen in every state and variant.

On the phone the page must also not scroll sideways (WCAG 1.4.10 Reflow), and no page may
use an HTML id twice (a label or an error summary's link would reach the wrong field).

Nynorsk, the third language, is checked on a representative subset so that the walk does
not take half as long again (about four minutes per language): the roles of the two
paths most people use, the supplier and the procurement officer (the buyer), on the
desktop, one page of each shape they reach. Nynorsk changes only the words of a page,
not its structure, so the other roles and the phone are covered by the bokmål and English
runs of the same templates; a page whose longer nynorsk words broke the layout would show
up on these two roles' pages first.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from django.utils import timezone

from heldigital.apps.accounts.demo import DEMO_PASSWORD, USERS, load_demo
from heldigital.apps.accounts.models import Role
from tests.platform.test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PER_SHAPE = 5  # the demo has a procurement in each of four states, and the walk adds a draft
MAX_PAGES_PER_ROLE = 60
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
SKIP = re.compile(
    r"/logout|/api/|/admin/|/static/|/documents/|/files?/|\.(xml|pdf|zip|json|atom|csv)$"
    r"|/download|/export|/receipt\.|/letters?/\d+/pdf"
)
#: One demo user per role (the others of the same role see the same pages).
ROLES = ["anonymous", *{user.role: user.username for user in reversed(USERS)}.values()]
#: The roles also walked in nynorsk (desktop, first page of each shape): see the docstring.
NYNORSK_ROLES = {
    username
    for username in ROLES
    if any(
        user.username == username and user.role in (Role.SUPPLIER_USER, Role.PROCUREMENT_OFFICER)
        for user in USERS
    )
}


#: The ids used by more than one element of the page (a label's ``for`` and an error
#: summary's link then reach only the first).
DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) {
        seen.set(el.id, (seen.get(el.id) || 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}"""


def _shape(path: str) -> str:
    """The path with its identifiers replaced: ``/procurements/X/evaluation/`` and the same
    page of another procurement have one shape."""
    parts = []
    for part in path.strip("/").split("/"):
        if re.search(r"\d", part) or re.fullmatch(r"[0-9a-f-]{20,}", part):
            parts.append("*")
        else:
            parts.append(part)
    return "/" + "/".join(parts)


def _axe(page) -> list[tuple[str, str, int, str]]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as shown."""
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => [v.id, v.impact || '', v.nodes.length,
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')]);
        }""",
        WCAG_TAGS,
    )


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not log in"


def _crawl(page, base: str) -> list[str]:
    """The pages a role reaches by following links from the front page."""
    seen: set[str] = set()
    per_shape: Counter[str] = Counter()
    queue = ["/"]
    pages: list[str] = []
    while queue and len(pages) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        if per_shape[_shape(path)] >= PER_SHAPE:
            continue
        response = page.goto(base + path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        assert response.status < 500, f"{path}: HTTP {response.status}"
        if response.status >= 400 or urlparse(page.url).path != path:
            continue  # refused or redirected (e.g. to log-in): not a page of this role
        per_shape[_shape(path)] += 1
        pages.append(path)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(base + path, href))
            same_site = f"{url.scheme}://{url.netloc}" == base
            if same_site and not SKIP.search(url.path) and url.path not in seen:
                queue.append(url.path)
    return pages


@pytest.fixture
def demo_data(transactional_db):
    from django.contrib.auth import get_user_model

    from heldigital.apps.accounts.models import Organisation
    from heldigital.apps.tendering import services as tendering
    from heldigital.platform.demo_procurements import load_demo_procurements
    from tests.platform.conftest import acting
    from tests.platform.tendering.conftest import draft_data

    now = timezone.now()
    load_demo(now)
    loaded = load_demo_procurements(now)
    # A draft too: its preparation page holds the forms that add to it (lots, lines,
    # requirements, criteria, documents) and the cancellation.
    officer = get_user_model().objects.get(username="kommune-innkjoper")
    principal = acting(officer, Organisation.objects.get(orgnr="920000002"))
    tendering.create_draft(principal=principal, data=draft_data(now), now=now)
    return loaded


def test_every_page_of_every_role_passes_axe_in_both_languages_on_desktop_and_phone(
    live_server, demo_data
):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian chromium package)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    base = live_server.url
    violations: list[str] = []
    checked: Counter[tuple[str, str, str]] = Counter()
    shapes: set[str] = set()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            for role in ROLES:
                # CSP allows no inline script: the test's own axe script bypasses it.
                context = chromium.new_context(locale="nb-NO", viewport=DESKTOP, bypass_csp=True)
                context.add_init_script(AXE.read_text(encoding="utf-8"))
                page = context.new_page()
                page.set_default_timeout(15_000)
                if role != "anonymous":
                    _log_in(page, base, role)
                pages = _crawl(page, base)
                assert pages, f"{role}: no page reached"
                first_of_shape = set({_shape(path): path for path in reversed(pages)}.values())
                shapes.update(_shape(path) for path in pages)
                languages = ("nb", "en", "nn") if role in NYNORSK_ROLES else ("nb", "en")
                for language in languages:
                    context.add_cookies(
                        [{"name": "django_language", "value": language, "url": base}]
                    )
                    for device, viewport in (("desktop", DESKTOP), ("375px", PHONE)):
                        if language == "nn" and device != "desktop":
                            continue  # nynorsk: desktop only (the subset, see the docstring)
                        page.set_viewport_size(viewport)
                        for path in pages:
                            variant = (language, device) != ("nb", "desktop")
                            if variant and path not in first_of_shape:
                                continue
                            page.goto(base + path)
                            lang = page.evaluate("document.documentElement.lang")
                            assert lang.startswith(language), f"{path}: lang={lang!r}"
                            where_ = f"{role} {language} {device} {path}"
                            for duplicate in page.evaluate(DUPLICATE_IDS):
                                violations.append(
                                    f"{where_}: the id {duplicate!r} is used more than once"
                                    " (labels and error links reach the wrong field)"
                                )
                            for rule, impact, count, where in _axe(page):
                                violations.append(
                                    f"{where_}: {rule} ({impact}, {count}×) at {where}"
                                )
                            if device == "375px":
                                overflow = page.evaluate(
                                    "document.documentElement.scrollWidth"
                                    " - document.documentElement.clientWidth"
                                )
                                if overflow > 0:
                                    violations.append(
                                        f"{where_}: scrolls sideways by {overflow} px"
                                        " (WCAG 1.4.10 Reflow)"
                                    )
                            checked[(role, language, device)] += 1
                context.close()
        finally:
            chromium.close()
            connections.close_all()
    total = sum(checked.values())
    roles = len({role for role, _, _ in checked})
    print(
        f"\naxe-core WCAG 2.1 AA: {total} page views checked = pages × roles × languages × "
        f"(desktop, 375 px); {roles} roles, 2 languages (nynorsk too for "
        f"{', '.join(sorted(NYNORSK_ROLES))} on the desktop), {len(shapes)} kinds of page; "
        f"{len(violations)} violations"
    )
    for (role, language, device), count in sorted(checked.items()):
        print(f"  {role:20} {language} {device:7} {count:3} pages")
    assert not violations, "\n".join(violations)
