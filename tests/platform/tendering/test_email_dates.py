"""E-mail times in the recipient's language and in Norwegian time (issue 10: "numbers,
amounts and dates formatted per locale ... Europe/Oslo").

Each e-mail is composed in its recipient's language; its times were written
``2026-12-16 12:00 (Europe/Oslo)`` whatever the language. Now a nynorsk reader gets
``16. des. 2026 kl. 12:00 (norsk tid)`` and an English reader ``16 Dec 2026, 12:00
(Norwegian time)`` - the hour in Oslo's time, winter or summer. Sent to a real SMTP server.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heldigital.apps.tendering import services
from tests.platform.conftest import acting
from tests.platform.mailparts import html, text


def test_deadline_reminders_write_the_time_as_each_recipient_reads_it(
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
    # A deadline in summer time: 10:00 UTC is 12:00 in Oslo (UTC+2).
    summer = datetime(2027, 6, 15, 10, 0, tzinfo=UTC)
    services.correct(
        published,
        principal=acting(buyer, municipality),
        changes={
            "tender_deadline": summer,
            "tender_validity_until": summer + timedelta(days=90),
        },
        summary="Ny frist.",
        now=now + timedelta(minutes=5),
    )
    published.refresh_from_db()
    supplier_user.email, supplier_user.language = "kari@leverandor.invalid", "nn"
    supplier_user.save()
    other_supplier_user.language = "en"
    other_supplier_user.save()
    other_supplier.email = ""
    other_supplier.save()
    for user, organisation in ((supplier_user, supplier), (other_supplier_user, other_supplier)):
        services.register_interest(
            published, principal=acting(user, organisation), now=now + timedelta(hours=1)
        )
    smtp.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders(summer - timedelta(hours=20)) == 2
    by_address = {to[0]: message for to, message in smtp.messages}
    nynorsk = by_address["kari@leverandor.invalid"]
    english = by_address["anne@annen.invalid"]

    assert '<html lang="nn">' in html(nynorsk)
    for part in (text(nynorsk), html(nynorsk)):
        assert "15. juni 2027 kl. 12:00 (norsk tid)" in part, part
        assert "Europe/Oslo)" not in part and "2027-06-15" not in part
    assert "15. juni 2027 kl. 12:00 (norsk tid)" in str(nynorsk["Subject"])

    assert '<html lang="en">' in html(english)
    for part in (text(english), html(english)):
        assert "15 Jun 2027, 12:00 (Norwegian time)" in part, part
        assert "2027-06-15" not in part
