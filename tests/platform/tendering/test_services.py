"""Tendering services: drafts, thresholds by date, time limits, publish, questions,
corrections, cancellation, notifications by real SMTP, and the protocol."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from heldigital import eforms
from heldigital.apps.protocol import services as protocol
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import (
    DocumentVersion,
    Notice,
    Notification,
    ProcurementStatus,
)
from tests.platform.conftest import acting, make_user
from tests.platform.mailparts import text
from tests.platform.tendering.conftest import PDF, draft_data


def test_create_draft_computes_regime_and_records(draft, now):
    assert draft.reference == f"HD-{now.year}-0001"
    assert draft.regime == "below-national"
    assert draft.status == ProcurementStatus.DRAFT
    types = list(
        ProtocolEvent.objects.filter(procurement_id=draft.reference)
        .order_by("sequence")
        .values_list("type", flat=True)
    )
    assert types == [
        "procurement.created",
        "request-item.added",
        "request-item.added",
        "requirement.added",
        "document.added",
    ]
    assert protocol.verify_procurement(draft.reference).ok


def test_regime_follows_the_thresholds_in_force_on_the_creation_date(buyer, municipality):
    # 1 400 000 NOK of services for a state authority: EEA in 2023 (threshold 1.3 MNOK),
    # national from 2024 (threshold 1.49 MNOK).
    value = {"estimated_value": Decimal("1400000"), "authority_kind": "state"}
    before = datetime(2023, 12, 31, 12, tzinfo=UTC)
    after = datetime(2024, 1, 2, 12, tzinfo=UTC)
    p2023 = services.create_draft(
        principal=acting(buyer, municipality),
        data=draft_data(
            before, procedure="open", **value, tender_deadline=before + timedelta(days=31)
        ),
        now=before,
    )
    p2024 = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(after, **value), now=after
    )
    assert (p2023.regime, p2024.regime) == ("eea", "national")
    assert p2023.reference == "HD-2023-0001" and p2024.reference == "HD-2024-0001"


def test_national_procedure_refused_above_the_eea_threshold(buyer, municipality, now):
    with pytest.raises(ValidationError) as info:
        services.create_draft(
            principal=acting(buyer, municipality),
            data=draft_data(now, estimated_value=Decimal("5000000")),
            now=now,
        )
    assert "procedure" in info.value.message_dict
    assert "not allowed" in info.value.message_dict["procedure"][0]


def test_time_limits_shorter_than_the_law_are_refused_with_each_problem(buyer, municipality, now):
    data = draft_data(
        now,
        estimated_value=Decimal("5000000"),
        procedure="restricted",
        request_deadline=now + timedelta(days=20),
        tender_deadline=now + timedelta(days=40),
        questions_deadline=now + timedelta(days=41),
    )
    with pytest.raises(ValidationError) as info:
        services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    errors = info.value.message_dict
    assert "at least 30 days" in errors["request_deadline"][0]
    assert "20.0 days" in errors["request_deadline"][0]
    assert "at least 25 days" in errors["tender_deadline"][0]
    assert "before the tender deadline" in errors["questions_deadline"][0]


def test_open_procedure_above_eea_needs_30_days(buyer, municipality, now):
    data = draft_data(
        now,
        estimated_value=Decimal("5000000"),
        procedure="open",
        tender_deadline=now + timedelta(days=29, hours=23),
    )
    with pytest.raises(ValidationError, match="§ 20-1"):
        services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    data["tender_deadline"] = now + timedelta(days=30)
    assert (
        services.create_draft(principal=acting(buyer, municipality), data=data, now=now).regime
        == "eea"
    )


def test_only_buyer_roles_create(supplier_user, supplier, municipality, now):
    evaluator = make_user("evaluator")
    from heldigital.apps.accounts.models import Membership, Role

    Membership.objects.create(user=evaluator, organisation=municipality, role=Role.EVALUATOR)
    for user, org in ((evaluator, municipality), (supplier_user, supplier)):
        with pytest.raises(PermissionDenied):
            services.create_draft(principal=acting(user, org), data=draft_data(now), now=now)


def test_best_price_quality_weights_must_add_up_to_100(draft, buyer, municipality, now):
    services.update_draft(
        draft,
        principal=acting(buyer, municipality),
        data={"award_method": "best_price_quality"},
        now=now,
    )
    services.add_award_criterion(
        draft,
        principal=acting(buyer, municipality),
        name="Pris",
        kind="price",
        weight="60",
        now=now,
    )
    services.add_award_criterion(
        draft,
        principal=acting(buyer, municipality),
        name="Kvalitet",
        kind="quality",
        weight="30",
        now=now,
    )
    with pytest.raises(ValidationError, match="add up to 90"):
        services.publish(draft, principal=acting(buyer, municipality), now=now)
    services.add_award_criterion(
        draft,
        principal=acting(buyer, municipality),
        name="Miljø",
        kind="environment",
        weight="10",
        now=now,
    )
    notice = services.publish(draft, principal=acting(buyer, municipality), now=now)
    assert notice.subtype == "E3"


def test_publish_freezes_the_draft(published, buyer, municipality, now):
    assert published.status == ProcurementStatus.PUBLISHED
    notice = Notice.objects.get(procurement=published)
    assert notice.kind == "contract" and notice.notice_version == "01"
    with pytest.raises(services.StateError, match="no longer a draft"):
        services.update_draft(
            published, principal=acting(buyer, municipality), data={"title": "x"}, now=now
        )
    with pytest.raises(services.StateError):
        services.add_document(
            published,
            principal=acting(buyer, municipality),
            title="x",
            filename="x.pdf",
            content=PDF,
            now=now + timedelta(hours=1),
        )
    event = ProtocolEvent.objects.filter(
        procurement_id=published.reference, type="procurement.published"
    ).get()
    assert event.data["documents"][0]["sha256"] == DocumentVersion.objects.get().sha256


def test_publish_rechecks_time_limits_at_publication(draft, buyer, municipality, now):
    # The draft was valid when made; two weeks later the tender deadline is too close.
    with pytest.raises(ValidationError, match="at least 10 days"):
        services.publish(draft, principal=acting(buyer, municipality), now=now + timedelta(days=15))


def test_documents_are_versioned_and_sanitised(draft, buyer, municipality, now):
    document = draft.documents.get()
    services.replace_document(
        draft,
        document,
        principal=acting(buyer, municipality),
        filename="../../etc/konkurransegrunnlag v2.pdf",
        content=PDF + b"%v2\n",
        now=now,
    )
    v1, v2 = document.versions.order_by("number")
    assert (v1.number, v2.number) == (1, 2)
    assert v2.filename == "konkurransegrunnlag v2.pdf"
    assert ".." not in v2.file.name and v1.file.name != v2.file.name
    assert v1.file.read() == PDF
    with pytest.raises(ValidationError, match="not accepted"):
        services.add_document(
            draft,
            principal=acting(buyer, municipality),
            title="Program",
            filename="setup.pdf",
            content=b"MZ\x90\x00" + b"\x00" * 200,
            now=now,
        )


def test_interest_is_idempotent_and_needs_publication(
    draft, supplier_user, supplier, buyer, municipality, now
):
    with pytest.raises(services.StateError):
        services.register_interest(draft, principal=acting(supplier_user, supplier), now=now)
    services.publish(draft, principal=acting(buyer, municipality), now=now)
    first = services.register_interest(draft, principal=acting(supplier_user, supplier), now=now)
    again = services.register_interest(draft, principal=acting(supplier_user, supplier), now=now)
    assert first.pk == again.pk
    with pytest.raises(PermissionDenied):
        services.register_interest(draft, principal=acting(buyer, municipality), now=now)


def test_questions_until_the_deadline(published, supplier_user, supplier, now):
    question = services.ask_question(
        published,
        principal=acting(supplier_user, supplier),
        text="Er det krav om ISO 14001?",
        now=now + timedelta(days=1),
    )
    assert question.number == 1 and not question.published
    assert Notification.objects.filter(organisation=published.buyer).count() == 1
    late = published.questions_deadline
    with pytest.raises(services.StateError) as info:
        services.ask_question(
            published, principal=acting(supplier_user, supplier), text="Sent?", now=late
        )
    message = str(info.value)
    assert "deadline for questions" in message and "server time" in message
    assert "(Europe/Oslo)" in message


def test_answer_is_published_anonymised_and_notified_by_smtp(
    published,
    supplier,
    supplier_user,
    other_supplier,
    other_supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    t = now + timedelta(hours=1)
    services.register_interest(published, principal=acting(supplier_user, supplier), now=t)
    services.register_interest(
        published, principal=acting(other_supplier_user, other_supplier), now=t
    )
    question = services.ask_question(
        published,
        principal=acting(supplier_user, supplier),
        text="Vi i Testleverandør AS lurer på om 4x4 er påkrevd?",
        now=t,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(
            question,
            principal=acting(buyer, municipality),
            answer="Ja, firehjulstrekk kreves.",
            published_question="Er 4x4 påkrevd?",
            now=t + timedelta(hours=1),
        )
    assert len(smtp.messages) == 2
    recipients = sorted(tuple(r) for r, _ in smtp.messages)
    assert recipients == [
        ("anne@annen.invalid", "post@annen.invalid"),
        ("kari@leverandor.invalid",),
    ]
    for _rcpt, message in smtp.messages:
        body = text(message)
        assert "Er 4x4 påkrevd?" in body and "firehjulstrekk" in body
        assert "Testleverandør" not in body
        assert published.reference in message["Subject"]
    assert Notification.objects.filter(organisation=other_supplier).count() == 1


def test_correction_new_version_change_notice_and_mail(
    published,
    supplier,
    supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    t = now + timedelta(hours=1)
    services.register_interest(published, principal=acting(supplier_user, supplier), now=t)
    document = published.documents.get()
    new_deadline = published.tender_deadline + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.correct(
            published,
            principal=acting(buyer, municipality),
            summary="Fristen forlenges; nytt vedlegg.",
            changes={
                "tender_deadline": new_deadline,
                "tender_validity_until": published.tender_validity_until + timedelta(days=7),
            },
            documents=[
                services.NewDocument(
                    filename="grunnlag-v2.pdf", content=PDF + b"%2\n", document=document
                )
            ],
            now=t + timedelta(minutes=1),
        )
    published.refresh_from_db()
    assert published.version == 2 and correction.version == 2
    assert published.tender_deadline == new_deadline
    assert correction.notice.kind == "change" and correction.notice.notice_version == "01"
    contract = Notice.objects.get(procurement=published, kind="contract")
    # eForms: a change notice is a new notice naming the changed one (BT-758).
    summary = eforms.read_notice(bytes(correction.notice.xml))
    assert summary.changed_notice == f"{contract.notice_id}-01"
    assert summary.procedure_id == str(published.id)
    assert document.versions.count() == 2
    assert set(correction.changes) == {"tender_deadline", "tender_validity_until", "documents"}
    [(rcpt, message)] = smtp.messages
    assert rcpt == ["kari@leverandor.invalid"]
    assert "version 2" in message["Subject"]
    assert "grunnlag-v2.pdf" in text(message)
    assert Notification.objects.filter(organisation=supplier, kind="procurement.corrected").exists()
    assert protocol.verify_procurement(published.reference).ok


def test_correction_cannot_shorten_below_the_law_or_change_the_subject(
    published, buyer, municipality, now
):
    with pytest.raises(ValidationError, match="at least 10 days"):
        services.correct(
            published,
            principal=acting(buyer, municipality),
            summary="Kortere frist",
            changes={
                "tender_deadline": now + timedelta(days=5),
                "questions_deadline": now + timedelta(days=2),
            },
            now=now + timedelta(hours=1),
        )
    with pytest.raises(ValidationError, match="cannot be corrected"):
        services.correct(
            published,
            principal=acting(buyer, municipality),
            summary="Ny verdi",
            changes={"estimated_value": Decimal("1")},
            now=now + timedelta(hours=1),
        )


def test_cancel_tells_everyone_registered(
    published,
    supplier,
    supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    t = now + timedelta(hours=1)
    services.register_interest(published, principal=acting(supplier_user, supplier), now=t)
    with pytest.raises(ValidationError):
        services.cancel(published, principal=acting(buyer, municipality), reason=" ", now=t)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(
            published,
            principal=acting(buyer, municipality),
            reason="Budsjettet er ikke vedtatt.",
            now=t,
        )
    published.refresh_from_db()
    assert published.status == ProcurementStatus.CANCELLED
    assert published.cancel_reason == "Budsjettet er ikke vedtatt."
    [(_rcpt, message)] = smtp.messages
    assert "Budsjettet er ikke vedtatt." in text(message)
    assert Notice.objects.filter(procurement=published, kind="cancellation").exists()
    with pytest.raises(services.StateError):
        services.cancel(published, principal=acting(buyer, municipality), reason="igjen", now=t)
    with pytest.raises(services.StateError):
        services.register_interest(published, principal=acting(supplier_user, supplier), now=t)


def test_other_buyer_cannot_touch(published, agency, now):
    from heldigital.apps.accounts.models import Role

    officer = make_user("agencyofficer", (agency, Role.PROCUREMENT_OFFICER))
    with pytest.raises(PermissionDenied):
        services.cancel(published, principal=acting(officer, agency), reason="x", now=now)


def test_a_mail_server_that_is_down_does_not_undo_the_correction(
    published,
    supplier,
    supplier_user,
    buyer,
    municipality,
    now,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    t = now + timedelta(hours=1)
    services.register_interest(published, principal=acting(supplier_user, supplier), now=t)
    with django_capture_on_commit_callbacks(execute=True):
        services.correct(
            published,
            principal=acting(buyer, municipality),
            summary="Lengre frist",
            changes={"tender_deadline": published.tender_deadline + timedelta(days=1)},
            now=t,
        )
    published.refresh_from_db()
    assert published.version == 2
    assert Notification.objects.filter(organisation=supplier).count() == 1
    assert "e-mails failed" in caplog.text


def test_the_asker_is_told_even_without_registered_interest(
    published,
    supplier,
    supplier_user,
    other_supplier,
    other_supplier_user,
    buyer,
    municipality,
    now,
):
    t = now + timedelta(hours=1)
    services.register_interest(published, principal=acting(supplier_user, supplier), now=t)
    question = services.ask_question(
        published, principal=acting(other_supplier_user, other_supplier), text="Spørsmål?", now=t
    )
    services.answer_question(question, principal=acting(buyer, municipality), answer="Svar", now=t)
    told = set(
        Notification.objects.filter(kind="question.answered").values_list(
            "organisation__orgnr", flat=True
        )
    )
    assert told == {supplier.orgnr, other_supplier.orgnr}
