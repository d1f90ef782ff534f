from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from heldigital.apps.evaluation import services
from heldigital.apps.evaluation.models import (
    AwardDecision,
    Letter,
    Outcome,
    QualificationDecision,
)
from heldigital.apps.frozen import FrozenError
from heldigital.apps.notifications import compose
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.protocol.services import verify_procurement
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.models import Notification, ProcurementStatus
from heldigital.apps.tendering.services import StateError
from tests.platform.conftest import acting
from tests.platform.evaluation.scenario import OPENED, build
from tests.platform.mailparts import accessibility_problems, html, links, text

T = OPENED + timedelta(hours=1)


def qualify_all(s, now=T):
    """Run the check, pass A and B by override, propose and confirm C's exclusion."""
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=now)
    for tender in s.tenders[:2]:
        for decision in QualificationDecision.objects.filter(tender=tender):
            if decision.outcome != Outcome.PASS:
                services.override_decision(
                    decision,
                    outcome="pass",
                    reason="Omsetning dokumentert i årsregnskap.",
                    principal=acting(s.evaluator, s.buyer),
                    now=now,
                )
    exclusion = services.propose_exclusion(
        s.tenders[2],
        ground="qualification",
        reason="Mangler ESPD-svar.",
        principal=acting(s.officer, s.buyer),
        now=now,
    )
    services.confirm_exclusion(exclusion, principal=acting(s.officer, s.buyer), now=now)
    return exclusion


def score(s, a="8", b="5", now=T):
    services.score_quality(
        s.tenders[0],
        s.quality,
        score=a,
        comment="God plan.",
        principal=acting(s.evaluator, s.buyer),
        now=now,
    )
    services.score_quality(
        s.tenders[1],
        s.quality,
        score=b,
        comment="Middels.",
        principal=acting(s.evaluator, s.buyer),
        now=now,
    )


def test_qualification_automatic_decisions_and_override(scenario):
    s = scenario
    decisions = services.run_qualification(
        s.procurement, principal=acting(s.officer, s.buyer), now=T
    )
    s.procurement.refresh_from_db()
    assert s.procurement.status == ProcurementStatus.EVALUATION
    # Every criterion of the ESPD request: the mandatory exclusion grounds and the turnover.
    per_tender = len(decisions) // 3
    assert per_tender > 1 and len(decisions) == 3 * per_tender
    alfa, beta, gamma = (
        {d.criterion: d for d in QualificationDecision.objects.filter(tender=t)} for t in s.tenders
    )
    assert {d.outcome for d in alfa.values()} == {"pass"}
    turnover = beta["gen-year-to"]
    assert turnover.automatic_outcome == Outcome.FAIL
    assert turnover.requirement is not None and turnover.lot == "LOT-0000"
    assert "2024" in turnover.automatic_reason or "900" in turnover.automatic_reason
    assert all(d.outcome == "pass" for c, d in beta.items() if c != "gen-year-to")
    assert all(d.requirement is None for c, d in beta.items() if c != "gen-year-to")
    assert {d.automatic_reason for d in gamma.values()} == {
        _("The tender contains no ESPD response.")
    }
    assert {d.outcome for d in gamma.values()} == {"fail"}

    services.override_decision(
        turnover,
        outcome="pass",
        reason="Omsetning 2024 dokumentert med revisorbekreftelse.",
        principal=acting(s.evaluator, s.buyer),
        now=T,
    )
    turnover.refresh_from_db()
    assert (turnover.outcome, turnover.overridden_by) == ("pass", s.evaluator)
    assert turnover.reason == "Omsetning 2024 dokumentert med revisorbekreftelse."
    assert turnover.automatic_outcome == Outcome.FAIL  # the automatic decision stays visible
    # A new run keeps the override.
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    turnover.refresh_from_db()
    assert turnover.outcome == "pass" and turnover.automatic_outcome == "fail"
    with pytest.raises(ValidationError):
        services.override_decision(
            turnover, outcome="pass", reason="  ", principal=acting(s.evaluator, s.buyer), now=T
        )
    with pytest.raises(PermissionDenied):
        services.override_decision(
            turnover, outcome="fail", reason="x", principal=acting(s.opener, s.buyer), now=T
        )
    types = list(
        ProtocolEvent.objects.filter(procurement_id=s.procurement.reference)
        .order_by("sequence")
        .values_list("type", flat=True)
    )
    assert types[-3:] == [
        "qualification.checked",
        "qualification.overridden",
        "qualification.checked",
    ]


def test_qualification_refused_before_opening(municipality):
    from heldigital.apps.submissions.models import OpeningRecord

    s = build(municipality)
    assert OpeningRecord.objects.filter(procurement=s.procurement).exists()
    # A different procurement that was never opened:
    other = build.__globals__["Procurement"].objects.create(
        reference="HD-2026-0999",
        buyer=municipality,
        title="x",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal(1),
        contract_kind="services",
        authority_kind="other",
        regime="national",
        procedure="national",
        status="published",
        created_at=T,
        updated_at=T,
    )
    with pytest.raises(StateError, match="not opened"):
        services.run_qualification(other, principal=acting(s.officer, municipality), now=T)


def test_exclusion_letter_is_a_draft_until_confirmed(
    scenario, smtp, django_capture_on_commit_callbacks
):
    s = scenario
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    exclusion = services.propose_exclusion(
        s.tenders[2],
        ground="qualification",
        reason="Mangler ESPD-svar.",
        principal=acting(s.officer, s.buyer),
        now=T,
    )
    letter = exclusion.letter
    assert letter.sent_at is None
    assert "Mangler ESPD-svar." in letter.body
    assert _("The tender contains no ESPD response.") in letter.body  # failed criteria named
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()
    assert services.letters_for_supplier(s.suppliers[2]) == []
    assert not Notification.objects.filter(organisation=s.suppliers[2], kind__startswith="letter")
    with pytest.raises(StateError):
        services.propose_exclusion(
            s.tenders[2],
            ground="qualification",
            reason="igjen",
            principal=acting(s.officer, s.buyer),
            now=T,
        )
    with pytest.raises(PermissionDenied):
        services.confirm_exclusion(exclusion, principal=acting(s.evaluator, s.buyer), now=T)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_exclusion(exclusion, principal=acting(s.officer, s.buyer), now=T)
    exclusion.refresh_from_db()
    letter.refresh_from_db()
    assert exclusion.confirmed_by == s.officer
    assert letter.sent_at == T
    assert services.letters_for_supplier(s.suppliers[2]) == [letter]
    assert services.letters_for_supplier(s.suppliers[0]) == []
    assert (
        Notification.objects.filter(organisation=s.suppliers[2], kind="letter.exclusion").count()
        == 1
    )
    # The e-mail went only to the excluded supplier, with the PDF attached.
    recipients = [set(rcpt) for rcpt, _ in smtp.messages]
    assert recipients == [{"post@920000045.invalid", "user@920000045.invalid"}]
    attachments = list(smtp.messages[0][1].iter_attachments())
    assert attachments[0].get_content() == bytes(letter.pdf)
    with pytest.raises(StateError):
        services.confirm_exclusion(exclusion, principal=acting(s.officer, s.buyer), now=T)


def test_letters_are_frozen_and_corrections_are_new_letters(scenario):
    s = scenario
    exclusion = qualify_all(s)
    letter = exclusion.letter
    letter.body = "changed"
    with pytest.raises(FrozenError):
        letter.save()
    with pytest.raises(FrozenError):
        letter.delete()
    with pytest.raises(FrozenError):
        letter.set_once(sent_at=T)
    letter.refresh_from_db()
    correction = services.correct_letter(
        letter, text="Begrunnelsen gjelder krav 1.", principal=acting(s.officer, s.buyer), now=T
    )
    assert correction.corrects == letter
    assert letter.sha256 in correction.body
    assert Letter.objects.get(pk=letter.pk).body != "changed"


def test_evidence_request_and_receipt(scenario):
    s = scenario
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    due = T + timedelta(days=5)
    request = services.request_evidence(
        s.tenders[1],
        description="Skatteattest og årsregnskap 2025.",
        due_at=due,
        principal=acting(s.officer, s.buyer),
        now=T,
    )
    assert Notification.objects.filter(
        organisation=s.suppliers[1], kind="evidence.requested"
    ).exists()
    assert not Notification.objects.filter(
        organisation=s.suppliers[0], kind="evidence.requested"
    ).exists()
    with pytest.raises(ValidationError):
        services.request_evidence(
            s.tenders[1],
            description="x",
            due_at=T - timedelta(days=1),
            principal=acting(s.officer, s.buyer),
            now=T,
        )
    with pytest.raises(PermissionDenied):
        services.receive_evidence(
            request, principal=acting(s.supplier_users[0], s.suppliers[0]), now=T, notes="not mine"
        )
    received = services.receive_evidence(
        request,
        principal=acting(s.supplier_users[1], s.suppliers[1]),
        now=T + timedelta(days=6),
        filename="../../skatteattest.pdf",
        content=b"%PDF-1.4 test",
    )
    assert received.received_at == T + timedelta(days=6)
    assert "/" not in received.filename
    assert received.sha256 == hashlib.sha256(b"%PDF-1.4 test").hexdigest()
    last = ProtocolEvent.objects.filter(procurement_id=s.procurement.reference).latest("sequence")
    assert last.type == "evidence.received"
    assert '"late":true' in last.payload


def test_evaluation_needs_resolved_qualification(scenario):
    s = scenario
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    with pytest.raises(StateError, match="Qualification is not resolved"):
        services.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)


def test_evaluation_and_award(scenario, smtp, django_capture_on_commit_callbacks):
    s = scenario
    with django_capture_on_commit_callbacks(execute=True):
        qualify_all(s)
    with pytest.raises(StateError, match="no score"):
        services.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    with pytest.raises(ValidationError):
        services.score_quality(
            s.tenders[0],
            s.quality,
            score="11",
            comment="x",
            principal=acting(s.evaluator, s.buyer),
            now=T,
        )
    score(s)
    (result,) = services.compute_evaluation(
        s.procurement, principal=acting(s.officer, s.buyer), now=T
    )
    ranking = result.content["ranking"]
    # Prices: A 376 150, B 358 560 (lowest). Proportional: A 10 × 358560/376150 = 9.5323...
    # A: 60 × 0.95323 + 40 × 0.8 = 57.19 + 32 = 89.19; B: 60 + 20 = 80.
    assert [(r["supplier"], r["price"], r["total"]) for r in ranking] == [
        ("Alfa Brøyt AS", "376150.00", "89.19"),
        ("Beta Vei AS", "358560.00", "80.00"),
    ]
    assert ranking[0]["points"] == {"Pris": "9.53", "Kvalitet": "8.00"}
    assert result.content["non_compliant"] == []
    decisions = services.decide_award(
        s.procurement, principal=acting(s.officer, s.buyer), now=T + timedelta(hours=1)
    )
    assert [d.winner_id for d in decisions] == [s.tenders[0].id]
    # the generated reason writes the price as an amount, not "NOK 376150.00"
    assert "NOK\xa0376,150.00" in decisions[0].reasons, decisions[0].reasons
    s.procurement.refresh_from_db()
    assert s.procurement.status == ProcurementStatus.AWARDED
    letters = Letter.objects.filter(kind__in=["award", "rejection"]).order_by("kind")
    assert [(lt.kind, lt.supplier.name) for lt in letters] == [
        ("award", "Alfa Brøyt AS"),
        ("rejection", "Beta Vei AS"),
    ]
    rejection = letters[1]
    assert "89.19" in rejection.body and "80.00" in rejection.body
    assert "Alfa Brøyt AS" in rejection.body
    with pytest.raises(StateError, match="frozen"):
        services.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    # Letters are not sent until the officer sends them:
    assert services.letters_for_supplier(s.suppliers[1]) == []
    sent_at = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_letters(s.procurement, principal=acting(s.officer, s.buyer), now=sent_at)
    award = AwardDecision.objects.get()
    assert award.standstill_last_day == date(2026, 12, 28)  # over Christmas
    # The letters as sent state the exact end; the drafts stay, unsent, replaced by them.
    sent = Letter.objects.filter(kind__in=["award", "rejection"], sent_at__isnull=False)
    assert sorted(x.supplier.name for x in sent) == ["Alfa Brøyt AS", "Beta Vei AS"]
    for letter in sent:
        assert "2026-12-28 23:59 (Europe/Oslo)" in letter.body
        assert letter.replaces.sent_at is None
        assert "2026-12-28" not in letter.replaces.body
    assert award.standstill_ends_at == datetime(2026, 12, 28, 22, 59, 59, 999999, tzinfo=UTC)
    status = services.standstill_status(s.procurement, sent_at)
    assert not status.ended
    assert services.standstill_status(
        s.procurement, award.standstill_ends_at + timedelta(seconds=1)
    ).ended
    s.procurement.refresh_from_db()
    assert s.procurement.status == ProcurementStatus.STANDSTILL
    # Each supplier sees only its own letter (A: award; B: rejection; C: exclusion).
    assert [lt.kind for lt in services.letters_for_supplier(s.suppliers[0])] == ["award"]
    assert [lt.kind for lt in services.letters_for_supplier(s.suppliers[1])] == ["rejection"]
    assert [lt.kind for lt in services.letters_for_supplier(s.suppliers[2])] == ["exclusion"]
    assert len(smtp.messages) == 3
    # Each letter arrives as an HTML e-mail with a plain-text part: the letter with
    # real headings and tables, the PDF attached, a link to the supplier's letters.
    my_letters = compose.absolute(reverse("evaluation:my-letters"))
    for _to, message in smtp.messages:
        body, page = text(message), html(message)
        assert accessibility_problems(page) == []
        assert my_letters in links(page) and my_letters in body
        assert "=====" not in body and " | " not in body
        assert [a.get_content_type() for a in message.iter_attachments()] == ["application/pdf"]
    [rejection_mail] = [m for to, m in smtp.messages if s.suppliers[1].orgnr in " ".join(to)]
    assert '<th scope="col"' in html(rejection_mail) and "<h2" in html(rejection_mail)
    assert "89.19" in text(rejection_mail)
    with pytest.raises(StateError):
        services.send_letters(s.procurement, principal=acting(s.officer, s.buyer), now=sent_at)
    with pytest.raises(FrozenError):
        award.reasons = "x"
        award.save()
    assert verify_procurement(s.procurement.reference).ok


def test_non_compliant_catalogue_and_lowest_price(municipality):
    s = build(
        municipality,
        method="lowest_price",
        prices=[{"1": "850", "2": "300"}, {"1": "800"}, {"1": "700", "2": "100"}],
        espd_answers=["ok", "ok", "ok"],
    )
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    for decision in QualificationDecision.objects.all():
        if decision.outcome != Outcome.PASS:
            services.override_decision(
                decision, outcome="pass", reason="OK", principal=acting(s.officer, s.buyer), now=T
            )
    (result,) = services.compute_evaluation(
        s.procurement, principal=acting(s.officer, s.buyer), now=T
    )
    assert [r["supplier"] for r in result.content["ranking"]] == ["Gamma AS", "Alfa Brøyt AS"]
    assert result.content["non_compliant"][0]["supplier"] == "Beta Vei AS"
    assert result.content["non_compliant"][0]["missing_lines"] == ["2"]
    # Gamma: 280 000 + 12 050 = 292 050, more than 20 % below Alfa's 376 150 -> flagged.
    assert result.content["ranking"][0]["abnormally_low"]
    with pytest.raises(ValidationError, match="abnormally low"):
        services.decide_award(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    services.decide_award(
        s.procurement,
        principal=acting(s.officer, s.buyer),
        now=T,
        abnormally_low_explanation="Leverandøren eier egne maskiner; forklaring mottatt.",
    )
    kinds = sorted(Letter.objects.values_list("kind", "supplier__name"))
    assert kinds == [
        ("award", "Gamma AS"),
        ("rejection", "Alfa Brøyt AS"),
        ("rejection", "Beta Vei AS"),
    ]
    beta = Letter.objects.get(supplier__name="Beta Vei AS")
    assert "Linjer i forespørselskatalogen uten pris: 2" in beta.body  # letters are in Norwegian
    assert beta.subject == "Tilbudet deres i HD-2026-0200 er avvist"


def test_lots_are_awarded_separately(municipality):
    s = build(
        municipality,
        method="lowest_price",
        prices=[{"1": "850", "2": "300"}, {"1": "800", "2": "320"}, {"1": "900", "2": "310"}],
        espd_answers=["ok", "ok", "ok"],
        lots=True,
    )
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    for decision in QualificationDecision.objects.all():
        if decision.outcome != Outcome.PASS:
            services.override_decision(
                decision, outcome="pass", reason="OK", principal=acting(s.officer, s.buyer), now=T
            )
    results = services.compute_evaluation(
        s.procurement, principal=acting(s.officer, s.buyer), now=T
    )
    assert [r.content["ranking"][0]["supplier"] for r in results] == [
        "Beta Vei AS",
        "Alfa Brøyt AS",
    ]
    decisions = services.decide_award(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    assert [d.lot.number for d in decisions] == [1, 2]
    assert Letter.objects.filter(kind="award").count() == 2


def test_only_the_buyer_acts(scenario, agency):
    from tests.platform.conftest import make_user

    s = scenario
    stranger = make_user("stranger", (agency, "procurement_officer"))
    with pytest.raises(PermissionDenied):
        services.run_qualification(s.procurement, principal=acting(stranger, agency), now=T)
    with pytest.raises(PermissionDenied):
        services.run_qualification(
            s.procurement, principal=acting(s.supplier_users[0], s.suppliers[0]), now=T
        )
    with pytest.raises(PermissionDenied):
        services.run_qualification(s.procurement, principal=acting(s.auditor, s.buyer), now=T)
    with pytest.raises(PermissionDenied):
        services.score_quality(
            s.tenders[0],
            s.quality,
            score="5",
            comment="x",
            principal=acting(s.opener, s.buyer),
            now=T,
        )


def test_conflict_of_interest_declarations(scenario):
    s = scenario
    none = services.declare_conflict_of_interest(
        s.procurement, has_conflict=False, text="", principal=acting(s.evaluator, s.buyer), now=T
    )
    assert not none.has_conflict
    with pytest.raises(ValidationError):
        services.declare_conflict_of_interest(
            s.procurement, has_conflict=True, text=" ", principal=acting(s.officer, s.buyer), now=T
        )
    with pytest.raises(PermissionDenied):
        services.declare_conflict_of_interest(
            s.procurement,
            has_conflict=False,
            text="",
            principal=acting(s.supplier_users[0], s.suppliers[0]),
            now=T,
        )
    assert Tender.objects.count() == 3


def test_a_tender_without_catalogue_is_rejected_not_forgotten(municipality):
    s = build(
        municipality,
        method="lowest_price",
        prices=[{"1": "850", "2": "300"}, {"1": "800", "2": "320"}, None],
        espd_answers=["ok", "ok", "ok"],
    )
    services.run_qualification(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    for decision in QualificationDecision.objects.exclude(automatic_outcome="pass"):
        services.override_decision(
            decision, outcome="pass", reason="OK", principal=acting(s.officer, s.buyer), now=T
        )
    (result,) = services.compute_evaluation(
        s.procurement, principal=acting(s.officer, s.buyer), now=T
    )
    (entry,) = result.content["non_compliant"]
    assert entry["supplier"] == "Gamma AS"
    assert entry["problems"] == [_("The tender has no tender catalogue.")]
    assert entry["missing_lines"] == ["1", "2"]
    services.decide_award(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    assert Letter.objects.get(supplier=s.suppliers[2]).kind == "rejection"
