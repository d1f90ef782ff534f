"""The buyer's pages for the prior information and the contract award notice (issue 9).

A refused notice issues nothing, and the page shows every finding in Norwegian:
in the error summary, at the field of the page, or as a link to the field of the
procurement's own form. The notices these pages issue are the ones checked
against the official SDK rules in tests/official/test_notices_official.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from heldigital.apps.contracts import services as contracts
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import AwardCriterion, Notice
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import complete_contents, draft_data
from tests.platform.test_web import assert_accessible_page, login

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def norwegian(settings):
    settings.LANGUAGE_CODE = "nb"


def test_a_refused_prior_information_notice_shows_every_finding(
    client, norwegian, buyer, municipality
):
    now = timezone.now()
    principal = acting(buyer, municipality)
    procurement = services.create_draft(
        principal=principal, data=draft_data(now, notice_language="en", description=""), now=now
    )
    complete_contents(procurement, principal=principal, now=now)
    login(client, "buyer")
    url = f"/buyer/procurements/{procurement.reference}/prior-information/"
    assert (
        "prior-information/"
        in client.get(f"/buyer/procurements/{procurement.reference}/").content.decode()
    )
    assert_accessible_page(client.get(url))
    later = timezone.localtime(now + timedelta(days=30)).strftime(FMT)

    page = client.post(url, {"planned": later})
    assert_accessible_page(page)
    html = page.content.decode()
    assert "Kunngjøringen ble ikke publisert. Rett følgende:" in html
    # Each finding links to the field of the procurement's form that fixes it.
    edit = f"/buyer/procurements/{procurement.reference}/edit/"
    assert f'href="{edit}#id_notice_language"' in html
    assert "Doffin kunngjør nasjonale konkurranser på norsk." in html
    assert f'href="{edit}#id_description"' in html
    assert not Notice.objects.filter(procurement=procurement).exists()

    # A planned day that is not later: at the page's own field.
    services.update_draft(
        procurement,
        principal=principal,
        data={"notice_language": "nb", "description": "Brøyting av kommunale veier."},
        now=now,
    )
    page = client.post(url, {"planned": timezone.localtime(now).strftime(FMT)})
    html = page.content.decode()
    assert 'href="#id_planned"' in html and 'id="id_planned-error"' in html
    assert not Notice.objects.filter(procurement=procurement).exists()

    response = client.post(url, {"planned": later})
    assert response.status_code == 302
    notice = Notice.objects.get(procurement=procurement)
    assert (notice.kind, notice.subtype) == ("prior", "E2")
    # Issued once.
    assert client.get(url).status_code == 302


@pytest.fixture
def concluded(municipality, settings, tmp_path):
    """A national procurement run to signed contracts (tests/official/test_notices_official)."""
    from heldigital.apps.submissions import conf
    from tests.platform.contracts.test_services import END, SENT, conclude
    from tests.platform.evaluation.scenario import build
    from tests.platform.evaluation.test_services import T, qualify_all, score

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    s = build(municipality, place_of_performance="NO081")
    AwardCriterion.objects.filter(procurement=s.procurement, kind="price").update(
        description="Samlet pris etter prisskjemaet."
    )
    AwardCriterion.objects.filter(procurement=s.procurement, kind="quality").update(
        name="Klima og miljø", kind="environment", description="Utslipp fra kjøretøyene."
    )
    officer = acting(s.officer, s.buyer)
    qualify_all(s)
    score(s)
    evaluation.compute_evaluation(s.procurement, principal=officer, now=T)
    evaluation.decide_award(
        s.procurement,
        principal=officer,
        now=T,
        abnormally_low_explanation="Prisskjemaet forklarer den lave prisen.",
    )
    evaluation.send_letters(s.procurement, principal=officer, now=SENT)
    for contract in conclude(s, END + timedelta(hours=1)):
        supplier = s.suppliers.index(contract.supplier)
        for party in (officer, acting(s.supplier_users[supplier], s.suppliers[supplier])):
            contracts.confirm_contract(contract, principal=party, now=END + timedelta(hours=1))
    return s


def test_a_refused_award_notice_shows_every_finding(client, norwegian, concluded):
    s = concluded
    (outcome,) = evaluation.award_outcomes(s.procurement)
    winner = outcome.winner.supplier
    login(client, "officer")
    url = f"/buyer/procurements/{s.procurement.reference}/award-notice/"
    assert (
        "award-notice/"
        in client.get(f"/buyer/procurements/{s.procurement.reference}/").content.decode()
    )
    assert_accessible_page(client.get(url))

    # Nothing stated: how many SME tenders, and the winner's size.
    page = client.post(url, {})
    assert_accessible_page(page)
    html = page.content.decode()
    assert "Kunngjøringen ble ikke publisert. Rett følgende:" in html
    assert 'href="#id_sme_0"' in html and 'id="id_sme_0-error"' in html
    assert "kom fra små og mellomstore bedrifter" in html
    assert f'href="#id_size_{winner.orgnr}"' in html
    assert not Notice.objects.filter(procurement=s.procurement, kind="award").exists()

    # A criterion without description (the buyer removed it after the award): the
    # finding points at the criteria of the procurement.
    AwardCriterion.objects.filter(procurement=s.procurement, kind="price").update(description="")
    s.procurement.award_method = "best_price_quality"
    s.procurement.save(update_fields=["award_method"])
    page = client.post(url, {"sme_0": "1", f"size_{winner.orgnr}": "small"})
    html = page.content.decode()
    assert f'href="/buyer/procurements/{s.procurement.reference}/#content-heading"' in html
    assert "Beskriv tildelingskriteriet" in html
    assert not Notice.objects.filter(procurement=s.procurement, kind="award").exists()

    AwardCriterion.objects.filter(procurement=s.procurement, kind="price").update(
        description="Samlet pris etter prisskjemaet."
    )
    response = client.post(url, {"sme_0": "1", f"size_{winner.orgnr}": "small"})
    assert response.status_code == 302
    notice = Notice.objects.get(procurement=s.procurement, kind="award")
    assert notice.subtype == "E4"
    assert client.get(url).status_code == 302
