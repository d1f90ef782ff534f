"""Fixtures for tendering tests: a second supplier, drafts and published procurements."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from heldigital.apps.accounts.models import ApiToken, Organisation, OrganisationKind, Role
from heldigital.apps.tendering import services
from tests.platform.conftest import LONG_LIVED, acting, make_user

#: A minimal PDF (header, one empty page); enough for content sniffing.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English; test_translations checks the Norwegian ones."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def other_supplier(db) -> Organisation:
    return Organisation.objects.create(
        name="Annen Leverandør AS",
        kind=OrganisationKind.SUPPLIER,
        orgnr="920000037",
        email="post@annen.invalid",
    )


@pytest.fixture
def other_supplier_user(other_supplier):
    user = make_user("othersupplier", (other_supplier, Role.SUPPLIER_USER))
    user.email = "anne@annen.invalid"
    user.save()
    return user


@pytest.fixture
def other_supplier_token(other_supplier_user, other_supplier, now) -> str:
    _, raw = ApiToken.issue(
        user=other_supplier_user,
        organisation=other_supplier,
        name="ERP",
        now=now,
        expires_at=now + LONG_LIVED,
    )
    return raw


#: What the notice above the EEA threshold needs beside the procurement (issue 9): TED
#: takes English, the buyer's telephone and region, the review body's postal code and region.
EEA_NOTICE = {
    "notice_language": "en",
    "contact_telephone": "+47 22 00 00 00",
    "buyer_nuts": "NO081",
    "review_body_postal_code": "0158",
    "review_body_nuts": "NO081",
}


def draft_data(now, **overrides):
    data = {
        "title": "Snørydding kommunale veier",
        "description": "Brøyting og strøing av kommunale veier 2027-2029.",
        "cpv_codes": ["90620000-9"],
        "estimated_value": Decimal("900000"),
        "contract_kind": "services",
        "authority_kind": "other",
        "procedure": "national",
        "place_of_performance": "NO081",
        "questions_deadline": now + timedelta(days=14),
        "tender_deadline": now + timedelta(days=21),
        "tender_validity_until": now + timedelta(days=111),
    }
    data.update(overrides)
    return data


def add_qualification(procurement, principal, now):
    """The qualification requirement every published draft needs (a turnover of NOK 1 million)."""
    return services.add_requirement(
        procurement,
        principal=principal,
        criterion_code="gen-year-to",
        threshold="1000000",
        threshold_unit="NOK",
        years=3,
        now=now,
    )


def complete_contents(procurement, principal, now):
    """Add what a draft lacks for publication (:mod:`heldigital.decisions.publication`):
    a request line, a qualification requirement and the procurement documents."""
    common = {"principal": principal, "now": now}
    if not procurement.request_items.exists():
        services.add_request_item(
            procurement,
            line_id="1",
            name="Brøyting",
            unit_code="HUR",
            estimated_quantity="400",
            **common,
        )
    if not procurement.requirements.exists():
        add_qualification(procurement, principal, now)
    if not procurement.documents.exists():
        services.add_document(
            procurement,
            title="Konkurransegrunnlag",
            filename="grunnlag.pdf",
            content=PDF,
            **common,
        )
    return procurement


@pytest.fixture
def draft(buyer, municipality, now):
    procurement = services.create_draft(
        principal=acting(buyer, municipality), data=draft_data(now), now=now
    )
    services.add_request_item(
        procurement,
        principal=acting(buyer, municipality),
        line_id="1",
        name="Brøyting",
        description="Brøyting med traktor, per time",
        unit_code="HUR",
        estimated_quantity="400",
        properties=[{"name": "Responstid", "value": "2 timer", "required": True}],
        now=now,
    )
    services.add_request_item(
        procurement,
        principal=acting(buyer, municipality),
        line_id="2",
        name="Strøsand",
        unit_code="TNE",
        estimated_quantity="120.5",
        now=now,
    )
    add_qualification(procurement, acting(buyer, municipality), now)
    services.add_document(
        procurement,
        principal=acting(buyer, municipality),
        title="Konkurransegrunnlag",
        filename="konkurransegrunnlag.pdf",
        content=PDF,
        now=now,
    )
    return procurement


@pytest.fixture
def published(draft, buyer, municipality, now):
    services.publish(draft, principal=acting(buyer, municipality), now=now + timedelta(minutes=5))
    draft.refresh_from_db()
    return draft


class _Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); Django mail goes to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    try:
        yield collector
    finally:
        controller.stop()
