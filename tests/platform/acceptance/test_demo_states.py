"""``heldigital demo``: one procedure in each state, consistent and idempotent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from heldigital.apps.accounts.demo import load_demo
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.evaluation.models import AwardDecision, Letter, QualificationDecision
from heldigital.apps.protocol.services import verify_procurement
from heldigital.apps.submissions.models import OpeningRecord, Receipt, Tender
from heldigital.apps.tendering.models import Procurement
from heldigital.cli.main import app
from heldigital.platform import demo_procurements as demo

pytestmark = pytest.mark.django_db

#: Wednesday 25 November 2026, 13:37 UTC.
NOW = datetime(2026, 11, 25, 13, 37, tzinfo=UTC)


def test_each_state_is_there_and_consistent():
    load_demo(NOW)
    result = demo.load_demo_procurements(NOW)
    assert result.created == list(demo.REFERENCES)
    by_ref = {p.reference: p for p in Procurement.objects.filter(reference__in=demo.REFERENCES)}
    assert {ref: p.effective_status(NOW) for ref, p in by_ref.items()} == {
        demo.PUBLISHED: "published",
        demo.OPEN_FOR_TENDERS: "published",
        demo.IN_EVALUATION: by_ref[demo.IN_EVALUATION].status,
        demo.AWARDED: by_ref[demo.AWARDED].status,
    }
    assert by_ref[demo.IN_EVALUATION].status in ("opened", "evaluation")
    assert by_ref[demo.AWARDED].status in ("awarded", "standstill")

    published = by_ref[demo.PUBLISHED]
    assert published.tender_deadline > NOW and published.questions_deadline > NOW
    assert published.effective_status(NOW) == "published"
    assert published.notices.exclude(xml=None).exists()
    assert published.questions.get().published
    assert not Tender.objects.filter(procurement=published).exists()

    open_ = by_ref[demo.OPEN_FOR_TENDERS]
    assert open_.tender_deadline > NOW
    assert Tender.objects.filter(procurement=open_, status="submitted").count() == 2
    assert Receipt.objects.filter(tender__procurement=open_).count() == 2
    assert not OpeningRecord.objects.filter(procurement=open_).exists()

    ranked = by_ref[demo.IN_EVALUATION]
    assert ranked.tender_deadline < NOW
    assert OpeningRecord.objects.filter(procurement=ranked).exists()
    assert QualificationDecision.objects.filter(tender__procurement=ranked).exists()
    assert len(evaluation.latest_results(ranked)) == 1
    assert not AwardDecision.objects.filter(procurement=ranked).exists()

    awarded = by_ref[demo.AWARDED]
    award = AwardDecision.objects.get(procurement=awarded)
    assert award.notified_at is not None and award.notified_at < NOW
    standstill = evaluation.standstill_status(awarded, NOW)
    assert standstill.ended is False  # running
    letters = Letter.objects.filter(procurement=awarded, sent_at__isnull=False)
    assert sorted(letters.values_list("kind", flat=True)) == ["award", "rejection", "rejection"]
    assert not awarded.contracts.exists()

    for reference in demo.REFERENCES:
        check = verify_procurement(reference)
        assert check.ok, (reference, check.problems)
        assert check.events > 5


def test_the_exchange_has_a_delivered_and_a_waiting_document():
    from heldigital.apps.exchange.models import Document

    load_demo(NOW)
    demo.load_demo_procurements(NOW)
    rows = {
        (d.organisation.orgnr, d.direction, d.tracking.state, d.number, d.valid)
        for d in Document.objects.select_related("organisation", "tracking")
    }
    assert rows == {
        ("920000029", "out", "delivered", "KAT-2026-1", True),
        ("920000002", "in", "received", "KAT-2026-1", True),
        ("920000029", "out", "no_access_point", "KAT-2026-2", True),
    }
    demo.load_demo_procurements(NOW)
    assert Document.objects.count() == 3  # not again


def test_idempotent_and_wired_into_the_cli():
    load_demo(NOW)
    demo.load_demo_procurements(NOW)
    counts = (Procurement.objects.count(), Tender.objects.count(), Letter.objects.count())
    again = demo.load_demo_procurements(NOW)
    assert again.created == [] and again.existing == list(demo.REFERENCES)
    assert "nothing was changed" in again.summary()
    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Demo procurements exist already" in result.output
    assert (Procurement.objects.count(), Tender.objects.count(), Letter.objects.count()) == counts


def test_cli_demo_creates_them_and_if_empty_still_skips():
    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Demo procurements created" in result.output
    assert Procurement.objects.filter(reference__in=demo.REFERENCES).count() == 4
    before = Procurement.objects.count()
    result = CliRunner().invoke(app, ["demo", "--if-empty"], env={"COLUMNS": "200"})
    assert "not loaded" in result.output and Procurement.objects.count() == before
