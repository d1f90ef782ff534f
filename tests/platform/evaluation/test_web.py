from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from heldigital.apps.contracts.models import Contract
from heldigital.apps.evaluation.models import (
    AwardDecision,
    Exclusion,
    Letter,
    QualificationDecision,
)
from tests.platform.conftest import acting
from tests.platform.evaluation.test_services import T, score


@pytest.fixture
def frozen_clock(monkeypatch):
    """The web views read the clock at the edge (django.utils.timezone.now)."""
    from django.utils import timezone

    class Clock:
        now = T

    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    return Clock


def page(s, step="qualification"):
    """A step page of the workspace (the old one-page URL redirects to the current one)."""
    return reverse(f"evaluation:{step}", args=[s.procurement.reference])


def act(s, action):
    return reverse("evaluation:act", args=[s.procurement.reference, action])


def test_officer_flow_in_the_browser(client, scenario, frozen_clock):
    s = scenario
    client.force_login(s.officer)
    response = client.get(reverse("evaluation:overview", args=[s.procurement.reference]))
    assert response.status_code == 302 and response["Location"] == page(s)  # the old URL
    response = client.get(page(s))
    assert response.status_code == 200
    assert b'id="qualification-heading"' in response.content
    response = client.post(act(s, "run"), follow=True)
    assert response.status_code == 200
    assert QualificationDecision.objects.count() == 27
    turnover = QualificationDecision.objects.get(tender=s.tenders[1], criterion="gen-year-to")
    html = client.get(page(s)).content.decode()
    assert f'for="reason-{turnover.pk}"' in html  # every input has a label
    # A refused form: the step page again with an error summary that links to the field.
    refused = client.post(
        act(s, "evidence"), {"tender": s.tenders[0].pk, "description": "Årsregnskap", "due_at": ""}
    ).content.decode()
    assert 'class="ds-error-summary"' in refused and 'href="#ev-due"' in refused
    assert 'id="ev-due"' in refused
    client.post(act(s, "override"), {"decision": turnover.pk, "outcome": "pass", "reason": "OK"})
    turnover.refresh_from_db()
    assert turnover.outcome == "pass"
    client.post(
        act(s, "exclude"),
        {"tender": s.tenders[2].pk, "ground": "qualification", "reason": "Mangler ESPD-svar."},
    )
    exclusion = Exclusion.objects.get()
    assert "Mangler ESPD-svar." in client.get(page(s)).content.decode()
    # Irreversible: the first post only asks (a page of its own, no script needed).
    asked = client.post(act(s, "confirm-exclusion"), {"exclusion": exclusion.pk})
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.content.decode()
    exclusion.refresh_from_db()
    assert exclusion.confirmed_at is None
    client.post(act(s, "confirm-exclusion"), {"exclusion": exclusion.pk, "confirmed": "yes"})
    exclusion.refresh_from_db()
    assert exclusion.confirmed_at == T
    # A service refusal is shown as a message, not an error page.
    response = client.post(act(s, "compute"), follow=True)
    assert "no score" in response.content.decode()
    score(s)
    response = client.post(act(s, "compute"), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Evaluation computed."], [
        str(m) for m in response.context["messages"]
    ]
    asked = client.post(act(s, "award"), {"reasons": "Beste forhold."})
    assert 'name="reasons" value="Beste forhold."' in asked.content.decode()
    assert not AwardDecision.objects.exists()
    response = client.post(act(s, "award"), {"reasons": "", "confirmed": "yes"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Award decided; letters drafted."]
    frozen_clock.now = datetime(2026, 12, 16, 9, tzinfo=UTC)
    client.force_login(s.officer)  # a new session at the new time
    client.post(act(s, "send"))
    assert Letter.objects.filter(sent_at__isnull=False).count() == 1  # the rejection; asked only
    response = client.post(act(s, "send"), {"confirmed": "yes"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Letters sent; the standstill period has started."
    ]
    assert Letter.objects.filter(sent_at__isnull=False).count() == 3
    html = client.get(page(s, "award")).content.decode()
    assert 'datetime="2026-12-28T22:59:59.999999+00:00"' in html  # standstill end, shown in Oslo
    frozen_clock.now = datetime(2026, 12, 29, 9, tzinfo=UTC)
    client.force_login(s.officer)
    client.post(act(s, "conclude"), {"starts_on": "2027-01-01", "ends_on": "2028-12-31"})
    contract = Contract.objects.get()
    client.post(act(s, "sign"), {"contract": contract.pk})
    assert not contract.confirmations.exists()  # asked only
    client.post(act(s, "sign"), {"contract": contract.pk, "confirmed": "yes"})
    assert contract.confirmations.count() == 1
    report = client.get(reverse("evaluation:report", args=[s.procurement.reference]))
    assert report.status_code == 200
    assert contract.procurement.reference.encode() in report.content
    pdf = client.get(reverse("evaluation:report-pdf", args=[s.procurement.reference]))
    assert pdf.content.startswith(b"%PDF")

    # The supplier confirms in the browser and sees only its own letters.
    client.force_login(s.supplier_users[0])
    mine = client.get(reverse("evaluation:my-letters")).content.decode()
    assert "Alfa Brøyt AS" in mine and "Gamma AS" not in mine
    other = Letter.objects.get(supplier=s.suppliers[1], sent_at__isnull=False)
    assert client.get(reverse("evaluation:my-letter", args=[other.pk])).status_code == 404
    own = Letter.objects.get(supplier=s.suppliers[0], sent_at__isnull=False)
    assert client.get(reverse("evaluation:my-letter", args=[own.pk])).status_code == 200
    sign = reverse("evaluation:supplier-act", args=["sign"])
    asked = client.post(sign, {"contract": contract.pk}).content.decode()
    assert f'action="{sign}"' in asked and 'name="confirmed" value="yes"' in asked
    contract.refresh_from_db()
    assert contract.signed_at is None
    client.post(sign, {"contract": contract.pk, "confirmed": "yes"})
    contract.refresh_from_db()
    assert contract.signed_at is not None
    client.force_login(s.supplier_users[1])
    assert client.get(reverse("evaluation:contract-pdf", args=[contract.pk])).status_code == 404


def test_pages_are_closed_to_others(client, scenario, agency):
    s = scenario
    from tests.platform.conftest import make_user

    urls = [
        page(s),
        reverse("evaluation:report", args=[s.procurement.reference]),
        reverse("evaluation:report-pdf", args=[s.procurement.reference]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    client.force_login(s.supplier_users[0])
    for url in urls:
        assert client.get(url).status_code in (403, 404)
    client.force_login(make_user("stranger", (agency, "procurement_officer")))
    for url in urls:
        assert client.get(url).status_code in (403, 404)
    # The buyer's auditor reads the report but the action forms are not offered.
    client.force_login(s.auditor)
    assert client.get(urls[1]).status_code == 200
    html = client.get(page(s)).content.decode()
    assert act(s, "run") not in html
    client.post(act(s, "run"))
    assert not QualificationDecision.objects.exists()


def test_before_opening_nothing_about_tenders_is_shown(client, municipality):
    from heldigital.apps.submissions import services as submissions
    from tests.platform.evaluation import scenario as sc

    s = sc.build(municipality)
    # A second procurement with a submitted tender that is not opened.
    other = sc.Procurement.objects.create(
        reference="HD-2026-0300",
        buyer=municipality,
        title="Sealed",
        cpv_codes=["90620000-9"],
        estimated_value=1,
        contract_kind="services",
        authority_kind="other",
        regime="national",
        procedure="national",
        tender_deadline=sc.DEADLINE + timedelta(days=30),
        status="published",
        created_at=sc.SUBMITTED,
        updated_at=sc.SUBMITTED,
        published_at=sc.SUBMITTED,
    )
    tender = submissions.start_tender(
        other, principal=acting(s.supplier_users[0], s.suppliers[0]), now=T
    )
    submissions.add_document(
        tender,
        principal=acting(s.supplier_users[0]),
        kind="tender-catalogue",
        name="katalog.xml",
        content_type="application/xml",
        content=sc.tender_catalogue(s.suppliers[0], municipality, {"1": "1"}, sc.UNITS),
        now=T,
    )
    submissions.submit(tender, principal=acting(s.supplier_users[0]), now=T)
    client.force_login(s.officer)
    html = client.get(
        reverse("evaluation:overview", args=[other.reference]), follow=True
    ).content.decode()
    assert "Alfa Brøyt AS" not in html
    assert "The tenders are not opened yet." in html
    report = client.get(reverse("evaluation:report", args=[other.reference])).content.decode()
    assert "Alfa Brøyt AS" not in report
