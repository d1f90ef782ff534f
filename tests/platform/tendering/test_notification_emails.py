"""Every notification is an HTML e-mail with a plain-text part, in the recipient's
language, linking to the page where the recipient acts (a real SMTP server)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from heldigital.apps.common import local_text
from heldigital.apps.jobs.mail import from_payload, to_payload
from heldigital.apps.notifications import compose
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Notification
from tests.platform.conftest import acting
from tests.platform.mailparts import accessibility_problems, html, links, text


@pytest.fixture
def norwegian(settings):
    """The platform default is bokmål (the tendering tests otherwise run in English)."""
    settings.LANGUAGE_CODE = "nb"
    with translation.override("nb"):
        yield


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def _by_recipient(smtp):
    return {tuple(sorted(to)): message for to, message in smtp.messages}


def _check(message, *, language: str, link: str) -> tuple[str, str]:
    body, page = text(message), html(message)
    assert f'<html lang="{language}">' in page
    assert accessibility_problems(page) == []
    assert link in links(page)
    assert link in body
    for part in (body, page):
        assert "=====" not in part and " | " not in part
    return body, page


def test_answer_reaches_each_supplier_in_their_language(
    published,
    supplier,
    supplier_user,
    other_supplier,
    other_supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    norwegian,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.language = "en"
    supplier_user.save()
    t = now + timedelta(hours=1)
    for user, organisation in ((supplier_user, supplier), (other_supplier_user, other_supplier)):
        services.register_interest(published, principal=acting(user, organisation), now=t)
    question = services.ask_question(
        published, principal=acting(supplier_user, supplier), text="Er 4x4 påkrevd?", now=t
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_question(
            question,
            principal=acting(buyer, municipality),
            answer="Ja, firehjulstrekk kreves.",
            now=t + timedelta(hours=1),
        )
    received = _by_recipient(smtp)
    assert set(received) == {
        ("kari@leverandor.invalid",),
        ("anne@annen.invalid", "post@annen.invalid"),
    }
    link = compose.absolute(reverse("tendering:notice", args=[published.reference]))
    english, _ = _check(received[("kari@leverandor.invalid",)], language="en", link=link)
    norsk, page = _check(
        received[("anne@annen.invalid", "post@annen.invalid")], language="nb", link=link
    )
    assert _in("en", "Read the notice and all answers") in english
    assert _in("nb", "Read the notice and all answers") in norsk
    assert _in("nb", "Read the notice and all answers") != _in(
        "en", "Read the notice and all answers"
    )
    for body in (english, norsk):
        assert "Er 4x4 påkrevd?" in body and "Ja, firehjulstrekk kreves." in body
    assert "<h2" in page and "<blockquote" in page
    subjects = {m["Subject"] for m in received.values()}
    assert len(subjects) == 2  # one English, one Norwegian
    # The platform's own notification is the text part, without HTML.
    stored = Notification.objects.get(organisation=other_supplier, kind="question.answered")
    assert "<" not in stored.body and "Ja, firehjulstrekk kreves." in stored.body


def test_a_question_reaches_the_buyers_officers_with_a_link_to_answer_it(
    published,
    supplier,
    supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    norwegian,
    django_capture_on_commit_callbacks,
):
    buyer.email = "saksbehandler@testkommune.invalid"
    buyer.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_question(
            published,
            principal=acting(supplier_user, supplier),
            text="Kan vi levere i to partier?",
            now=now + timedelta(hours=1),
        )
    [(to, message)] = smtp.messages
    assert sorted(to) == ["post@testkommune.invalid", "saksbehandler@testkommune.invalid"]
    body, _page = _check(
        message,
        language="nb",
        link=compose.absolute(reverse("tendering:questions", args=[published.reference])),
    )
    assert "Kan vi levere i to partier?" in body
    assert "Testleverandør" not in body  # the asker is not named, not even to the buyer


def test_correction_lists_the_changes_as_a_table(
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
    services.register_interest(published, principal=acting(supplier_user, supplier), now=now)
    later = published.tender_deadline + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.correct(
            published,
            principal=acting(buyer, municipality),
            changes={
                "tender_deadline": later,
                "tender_validity_until": published.tender_validity_until + timedelta(days=7),
            },
            summary="Fristen er forlenget.",
            now=now + timedelta(hours=2),
        )
    [(_to, message)] = smtp.messages
    body, page = _check(
        message,
        language="en",
        link=compose.absolute(reverse("tendering:notice", args=[published.reference])),
    )
    assert '<th scope="col"' in page and "<thead>" in page
    assert "Fristen er forlenget." in body
    with translation.override("en"):  # the recipient's language
        assert f"Now: {local_text(later)}" in body
        assert f"Before: {local_text(published.tender_deadline)}" in body


def test_cancellation_states_the_reason_in_nynorsk_and_links_the_notice(
    published,
    supplier,
    supplier_user,
    buyer,
    municipality,
    now,
    smtp,
    norwegian,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.language = "nn"  # nynorsk
    supplier_user.save()
    services.register_interest(published, principal=acting(supplier_user, supplier), now=now)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(
            published,
            principal=acting(buyer, municipality),
            reason="Budsjettet er ikke vedtatt.",
            now=now + timedelta(hours=2),
        )
    [(_to, message)] = smtp.messages
    body, _page = _check(
        message,
        language="nn",
        link=compose.absolute(reverse("tendering:notice", args=[published.reference])),
    )
    assert "Budsjettet er ikke vedtatt." in body
    assert _in("nn", "Read the cancellation notice") in body
    assert _in("nn", "Read the cancellation notice") != _in("nb", "Read the cancellation notice")


def test_the_html_part_survives_the_worker_queue():
    message = compose.compose(
        lambda: compose.Content(subject="Emne", paragraphs=["Hei"], action=("Gå", "https://x/")),
        to=["a@b.invalid"],
        language="nb",
    )
    back = from_payload(to_payload(message))
    assert isinstance(back, EmailMultiAlternatives)
    assert back.body == message.body
    assert back.alternatives == message.alternatives
    assert back.alternatives[0][1] == "text/html"
    # A plain message (no HTML) still round-trips.
    plain = from_payload(to_payload(EmailMessage("Emne", "tekst", "a@b.invalid", ["c@d.invalid"])))
    assert plain.body == "tekst" and not plain.alternatives


def test_choosing_a_language_in_the_web_ui_sets_the_language_of_ones_emails(client, supplier_user):
    client.force_login(supplier_user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    supplier_user.refresh_from_db()
    assert supplier_user.language == "en"
    assert compose.language_of(supplier_user) == "en"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    supplier_user.refresh_from_db()
    assert supplier_user.language == "en"  # an unknown language is not stored
    client.post(reverse("set_language"), {"language": "nb", "next": "/"})
    supplier_user.refresh_from_db()
    assert supplier_user.language == "nb"
