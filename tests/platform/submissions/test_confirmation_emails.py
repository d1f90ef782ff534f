# ruff: noqa: F811  (the smtp fixture is imported and then requested by name)
"""The supplier's confirmations by e-mail (a real SMTP server): tender received with the
time of receipt, tender withdrawn; each to that supplier only, with a text and an HTML
part, linking to the tender page where the receipt is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from heldigital.apps.common import local_text
from heldigital.apps.notifications import compose
from heldigital.apps.submissions import services
from heldigital.apps.tendering.models import Notification
from tests.platform.conftest import acting
from tests.platform.mailparts import accessibility_problems, html, links, text
from tests.platform.tendering.conftest import smtp  # noqa: F401  (real SMTP server fixture)

from .conftest import BEFORE, upload_file, xml_document


def nb(moment):
    """A time as the bokmål e-mails write it (the recipients chose no language)."""
    from django.utils import translation

    with translation.override("nb"):
        return local_text(moment)


def test_submit_and_withdraw_are_confirmed_to_the_supplier(
    procurement,
    supplier,
    supplier_user,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.language = "nb"
    supplier_user.save()
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("one"), now=BEFORE)
    with django_capture_on_commit_callbacks(execute=True):
        receipt = services.submit(
            tender, principal=acting(supplier_user), now=BEFORE + timedelta(seconds=1)
        )
    link = compose.absolute(reverse("submissions:tender", args=[procurement.reference]))
    [(to, received)] = smtp.messages
    assert to == ["kari@leverandor.invalid"]
    body, page = text(received), html(received)
    assert '<html lang="nb">' in page and accessibility_problems(page) == []
    assert link in links(page) and link in body
    assert nb(receipt.issued_at) in body and str(tender.id) in body
    assert procurement.reference in received["Subject"]
    smtp.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(tender, principal=acting(supplier_user), now=BEFORE + timedelta(hours=1))
    [(to, withdrawn)] = smtp.messages
    assert to == ["kari@leverandor.invalid"]
    body = text(withdrawn)
    assert link in body and nb(BEFORE + timedelta(hours=1)) in body
    assert withdrawn["Subject"] != received["Subject"]
    kinds = sorted(
        Notification.objects.filter(organisation=supplier).values_list("kind", flat=True)
    )
    assert kinds == ["tender.received", "tender.withdrawn"]


def test_a_late_submit_sends_nothing(
    procurement,
    supplier,
    supplier_user,
    smtp,
    django_capture_on_commit_callbacks,
):
    supplier_user.email = "kari@leverandor.invalid"
    supplier_user.save()
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload_file(tender, supplier_user, xml_document("one"), now=BEFORE)
    late = procurement.tender_deadline + timedelta(seconds=1)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.DeadlinePassed),
    ):
        services.submit(tender, principal=acting(supplier_user), now=late)
    assert smtp.messages == []
