from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heldigital.apps.evaluation import report, services
from heldigital.apps.evaluation.models import QualificationDecision
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import Procedure, ProcurementStatus
from tests.platform.conftest import acting
from tests.platform.evaluation.scenario import build
from tests.platform.evaluation.test_services import T, qualify_all, score


def test_report_contains_what_art_84_asks(scenario):
    s = scenario
    services.declare_conflict_of_interest(
        s.procurement, has_conflict=False, text="", principal=acting(s.evaluator, s.buyer), now=T
    )
    services.declare_conflict_of_interest(
        s.procurement,
        has_conflict=True,
        text="Svoger er daglig leder i Gamma AS.",
        measures="Deltar ikke i vurderingen av Gamma AS.",
        principal=acting(s.officer, s.buyer),
        now=T,
    )
    qualify_all(s)
    score(s)
    services.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    services.decide_award(
        s.procurement, principal=acting(s.officer, s.buyer), now=T, reasons="Best totalscore."
    )
    services.send_letters(
        s.procurement,
        principal=acting(s.officer, s.buyer),
        now=datetime(2026, 12, 16, 9, tzinfo=UTC),
    )
    r = report.build_report(s.procurement)
    assert r.authority["name"] == "Testkommune" and r.authority["orgnr"] == "920000002"
    assert r.subject["title"] == "Brøyting og strøing 2027"
    assert r.subject["estimated_value"] == "400000.00"
    assert r.procedure["procedure"] == str(Procedure.NATIONAL.label)
    assert [t["supplier"] for t in r.tenderers] == ["Alfa Brøyt AS", "Beta Vei AS", "Gamma AS"]
    assert [e["supplier"] for e in r.selected] == ["Alfa Brøyt AS", "Beta Vei AS"]
    beta = r.selected[1]["requirements"]
    assert [x["criterion"] for x in beta if x["overridden"]] == ["gen-year-to"]
    assert [(e["supplier"], e["reason"]) for e in r.rejected] == [
        ("Gamma AS", "Mangler ESPD-svar.")
    ]
    assert r.abnormally_low_rejected == []
    assert [(w["winner"], w["reasons"], w["total"]) for w in r.awards] == [
        ("Alfa Brøyt AS", "Best totalscore.", "89.19")
    ]
    assert r.awards[0]["standstill_ends_at"] == "2026-12-28 23:59 (Europe/Oslo)"
    assert r.cancellation is None
    assert [c["has_conflict"] for c in r.conflicts_of_interest] == [False, True]
    assert r.conflicts_of_interest[1]["measures"] == "Deltar ikke i vurderingen av Gamma AS."
    head = ProtocolEvent.objects.filter(procurement_id=s.procurement.reference).latest("sequence")
    ref = s.procurement.reference
    everything = ProtocolEvent.objects.filter(procurement_id__in=[ref, f"{ref}/sealed"])
    assert r.protocol == {
        "ok": True,
        "events": everything.count(),  # after opening: the sealed part too
        "problems": [],
        "head_sequence": head.sequence,
        "head_hash": head.hash,
    }
    pdf = report.report_pdf(r)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(p for section in report.report_sections(r) for p in section.paragraphs)
    assert "Svoger er daglig leder i Gamma AS." in text
    assert head.hash in text
    assert "Mangler ESPD-svar." in text


def test_abnormally_low_rejection_and_cancellation(municipality):
    s = build(
        municipality,
        method="lowest_price",
        prices=[{"1": "850", "2": "300"}, {"1": "800", "2": "320"}, {"1": "400", "2": "100"}],
        espd_answers=["ok", "ok", "ok"],
    )
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    assert not QualificationDecision.objects.exclude(automatic_outcome="pass").exists()
    exclusion = services.propose_exclusion(
        s.tenders[2],
        ground="abnormally_low",
        reason="Forklaringen dekker ikke lønnskostnadene (Art. 69(3)).",
        principal=acting(s.officer, s.buyer),
        now=T,
    )
    services.confirm_exclusion(exclusion, principal=acting(s.officer, s.buyer), now=T)
    s.procurement = tendering.cancel(
        s.procurement,
        principal=acting(s.officer, s.buyer),
        reason="Budsjettet ble trukket tilbake.",
        now=T + timedelta(days=1),
    )
    assert s.procurement.status == ProcurementStatus.CANCELLED
    r = report.build_report(s.procurement)
    assert [e["supplier"] for e in r.abnormally_low_rejected] == ["Gamma AS"]
    assert r.rejected == []
    assert r.cancellation == {
        "cancelled_at": "2026-12-02 14:00 (Europe/Oslo)",
        "reason": "Budsjettet ble trukket tilbake.",
    }


def test_report_shows_a_broken_chain(scenario, tamper):
    s = scenario
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    tamper(s.procurement.reference, 2, '{"forged":true}')
    r = report.build_report(s.procurement)
    assert r.protocol["ok"] is False
    assert r.protocol["problems"]
