"""Publishing seals an opening key to the deadline; an earlier deadline re-seals it."""

from __future__ import annotations

from datetime import timedelta

from heldigital.apps.submissions.models import OpeningKey
from heldigital.apps.tendering import services
from tests.platform.conftest import acting


def test_publish_creates_the_opening_key_sealed_to_the_deadline(published):
    key = OpeningKey.objects.get(procurement=published)
    assert key.sealed_deadline == published.tender_deadline


def test_earlier_deadline_reseals_later_one_keeps(published, buyer, municipality, now):
    key = OpeningKey.objects.get(procurement=published)
    original = key.sealed_deadline
    later = published.tender_deadline + timedelta(days=3)
    services.correct(
        published,
        principal=acting(buyer, municipality),
        summary="Fristen forlenges.",
        changes={"tender_deadline": later},
        now=now + timedelta(hours=1),
    )
    key.refresh_from_db()
    assert key.sealed_deadline == original  # release also checks the current deadline
    published.refresh_from_db()
    earlier = published.tender_deadline - timedelta(days=4)
    services.correct(
        published,
        principal=acting(buyer, municipality),
        summary="Fristen framskyndes.",
        changes={"tender_deadline": earlier},
        now=now + timedelta(hours=2),
    )
    key.refresh_from_db()
    assert key.sealed_deadline == earlier
