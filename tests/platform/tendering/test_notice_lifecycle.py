"""Prior information notices and notices in two languages: what the services refuse.

The notices they issue are checked against the official SDK rules in
tests/official/test_notices_official.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import artefacts, notices, services
from heldigital.apps.tendering.models import Notice
from heldigital.apps.tendering.services import StateError
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import complete_contents, draft_data

pytestmark = pytest.mark.django_db


def _draft(buyer, municipality, now, **changes):
    data = draft_data(now, place_of_performance="NO081", **changes)
    procurement = services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    return complete_contents(procurement, principal=acting(buyer, municipality), now=now)


def test_prior_information_notice_once_and_only_before_publication(buyer, municipality, now):
    procurement = _draft(buyer, municipality, now)
    principal = acting(buyer, municipality)
    with pytest.raises(ValidationError) as refused:
        notices.publish_prior_information(procurement, principal=principal, now=now, planned=now)
    assert set(refused.value.message_dict) == {"planned"}
    notice = notices.publish_prior_information(
        procurement, principal=principal, now=now, planned=now + timedelta(days=20)
    )
    assert (notice.kind, notice.subtype) == ("prior", "E2")
    event = ProtocolEvent.objects.get(
        procurement_id=procurement.reference, type="notice.prior_information"
    )
    assert event.data["notice_sha256"] == artefacts.sha256(bytes(notice.xml))
    with pytest.raises(StateError):
        notices.publish_prior_information(procurement, principal=principal, now=now)
    services.publish(procurement, principal=principal, now=now + timedelta(minutes=5))
    assert list(Notice.objects.filter(procurement=procurement).values_list("kind", flat=True)) == [
        "prior",
        "contract",
    ]


def test_an_untranslated_text_is_refused_on_the_translations_field(buyer, municipality, now):
    procurement = _draft(buyer, municipality, now, notice_language="both")
    principal = acting(buyer, municipality)
    with pytest.raises(ValidationError) as refused:
        services.publish(procurement, principal=principal, now=now)
    assert procurement.title in " ".join(refused.value.message_dict["translations"])
    assert not Notice.objects.filter(procurement=procurement).exists()


def test_a_national_notice_is_never_in_english_only(buyer, municipality, now):
    procurement = _draft(buyer, municipality, now, notice_language="en")
    with pytest.raises(ValidationError) as refused:
        notices.publish_prior_information(
            procurement, principal=acting(buyer, municipality), now=now
        )
    assert "notice_language" in refused.value.message_dict
