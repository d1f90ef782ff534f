"""The last confirmation items of issue 10, in Debian Chromium; each failed before its fix:

* opening the tenders is irreversible: the opener's button asks on a page of its own, and
  going back opens nothing (before, one click opened the tenders);
* "No, go back" on the award confirmation keeps the reasons the buyer typed (before, the
  award page came back with empty fields).
"""

from __future__ import annotations

import pytest

from tests.ui.test_guide import TO_OPEN, guide_demo  # noqa: F401  (fixtures)
from tests.ui.test_workspace import _as, browser, demo  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_opening_the_tenders_asks_first_and_going_back_opens_nothing(
    live_server,
    guide_demo,  # noqa: F811
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from heldigital.apps.submissions.models import OpeningAct, OpeningRecord

    page = _as(browser, live_server.url, "kommune-apner1")
    opening = f"{live_server.url}/buyer/procurements/{TO_OPEN}/opening/"
    page.goto(opening)
    page.get_by_role("button", name="Åpne tilbudene").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åpne tilbudene?")
    expect(page.locator("main")).to_contain_text("kan ikke forsegles igjen")
    assert not OpeningRecord.objects.filter(procurement__reference=TO_OPEN).exists()
    assert not OpeningAct.objects.filter(procurement__reference=TO_OPEN).exists()
    page.get_by_role("link", name="Nei, gå tilbake").click()
    assert page.url == opening
    assert not OpeningAct.objects.filter(procurement__reference=TO_OPEN).exists()

    page.get_by_role("button", name="Åpne tilbudene").click()
    page.get_by_role("button", name="Ja, åpne tilbudene").click()
    expect(page.get_by_text("Tilbudene er åpnet.")).to_be_visible()
    assert page.url == opening
    assert OpeningRecord.objects.filter(procurement__reference=TO_OPEN).exists()
    page.context.close()


def test_going_back_from_the_award_confirmation_keeps_the_typed_reasons(
    live_server,
    demo,  # noqa: F811
    browser,  # noqa: F811
):
    from playwright.sync_api import expect

    from heldigital.apps.evaluation.models import AwardDecision
    from heldigital.platform.demo_procurements import IN_EVALUATION

    page = _as(browser, live_server.url, "kommune-innkjoper")
    page.goto(f"{live_server.url}/buyer/procurements/{IN_EVALUATION}/award/")
    reasons = "Beste forhold mellom pris og kvalitet.\nKvaliteten veide tyngst."
    low = "Prisen er forklart: egne lagre av strøsand."
    page.get_by_label("Begrunnelse (tom: rangeringen)").fill(reasons)
    page.get_by_label("Hvis vinneren kan være unormalt lav", exact=False).fill(low)
    page.get_by_role("button", name="Beslutt tildeling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beslutte tildelingen?")
    page.get_by_role("link", name="Nei, gå tilbake").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tildeling:")
    expect(page.get_by_label("Begrunnelse (tom: rangeringen)")).to_have_value(reasons)
    expect(page.get_by_label("Hvis vinneren kan være unormalt lav", exact=False)).to_have_value(low)
    assert not AwardDecision.objects.filter(procurement__reference=IN_EVALUATION).exists()

    # Sent as kept: the decision has the reasons typed the first time.
    page.get_by_role("button", name="Beslutt tildeling").click()
    page.get_by_role("button", name="Ja, beslutt tildelingen").click()
    expect(page.get_by_text("Tildeling besluttet; brev er laget som utkast.")).to_be_visible()
    decision = AwardDecision.objects.get(procurement__reference=IN_EVALUATION)
    assert decision.reasons.replace("\r\n", "\n") == reasons
    page.context.close()
