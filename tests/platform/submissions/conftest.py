"""Fixtures for sealed submission: a published procurement, openers, two suppliers."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.submissions import conf, services
from heldigital.apps.submissions.models import Upload
from heldigital.apps.tendering.models import Procurement
from tests.platform.conftest import LONG_LIVED, acting, make_user

#: Tuesday 1 December 2026 12:00 in Oslo (CET, UTC+1).
DEADLINE = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
BEFORE = DEADLINE - timedelta(days=3)


@pytest.fixture(autouse=True)
def english():
    """Messages in English (the platform's default is Norwegian; one test checks that)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def sealed_storage(settings, tmp_path):
    """Ciphertext and key files of each test in its own temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield tmp_path
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


def make_procurement(
    buyer: Organisation,
    *,
    reference: str = "HD-2026-0100",
    deadline: datetime = DEADLINE,
    regime: str = "eea",
    published: datetime | None = BEFORE - timedelta(days=30),
) -> Procurement:
    created = BEFORE - timedelta(days=40)
    return Procurement.objects.create(
        reference=reference,
        buyer=buyer,
        title="Brøyting og strøing 2027",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal("3500000.00"),
        contract_kind="services",
        authority_kind="other",
        regime=regime,
        procedure="open",
        tender_deadline=deadline,
        status="published" if published else "draft",
        created_at=created,
        updated_at=created,
        published_at=published,
    )


@pytest.fixture
def procurement(municipality) -> Procurement:
    return make_procurement(municipality)


@pytest.fixture
def opener(municipality):
    return make_user("opener1", (municipality, Role.OPENER))


@pytest.fixture
def opener2(municipality):
    return make_user("opener2", (municipality, Role.OPENER))


@pytest.fixture
def supplier_b(db) -> Organisation:
    return Organisation.objects.create(
        name="Konkurrent AS", kind=OrganisationKind.SUPPLIER, orgnr="920000037"
    )


@pytest.fixture
def supplier_b_user(supplier_b):
    return make_user("supplierb", (supplier_b, Role.SUPPLIER_USER))


def xml_document(marker: str, size: int = 0) -> bytes:
    body = f'<?xml version="1.0" encoding="UTF-8"?>\n<Doc><Answer>{marker}</Answer>'
    body += "<Pad>" + "x" * size + "</Pad>" if size else ""
    return (body + "</Doc>\n").encode()


def upload_file(
    tender,
    user,
    content: bytes,
    *,
    now,
    kind="attachment",
    name="bilag.xml",
    content_type="application/xml",
    chunk=1 << 16,
):
    """Upload ``content`` through the services in chunks of ``chunk`` bytes."""
    upload = services.begin_upload(
        tender,
        principal=acting(user),
        kind=kind,
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type=content_type,
        now=now,
    )
    for offset in range(0, len(content), chunk):
        piece = content[offset : offset + chunk]
        upload = services.upload_chunk(
            Upload.objects.get(pk=upload.pk),
            principal=acting(user),
            offset=offset,
            length=len(piece),
            stream=io.BytesIO(piece),
            now=now,
        )
    return services.complete_upload(
        Upload.objects.get(pk=upload.pk), principal=acting(user), now=now
    )


class Clock:
    """The API's clock, set by the test (ledger times must never go backwards)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    from heldigital.apps.submissions import api

    value = Clock(BEFORE)
    monkeypatch.setattr(api, "clock", value)
    return value


def bearer(user, organisation) -> dict[str, str]:
    from heldigital.apps.accounts.models import ApiToken

    _, raw = ApiToken.issue(
        user=user,
        organisation=organisation,
        name="system",
        now=BEFORE,
        expires_at=BEFORE + LONG_LIVED,
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


def tender_catalogue(price: str = "1250.00", *, supplier_orgnr: str = "920000029") -> bytes:
    """A PEPPOL BIS Catalogue (T19) with one priced line, as a tender catalogue."""
    from datetime import date

    from heldigital.ehf.catalogue import Catalogue, CatalogueItem
    from heldigital.ehf.common import Identifier, Party, PartyLegalEntity, PartyName

    def party(orgnr: str, name: str) -> Party:
        return Party(
            endpoint_id=Identifier(orgnr, scheme_id="0192"),
            party_name=(PartyName(name=name),),
            party_legal_entity=(PartyLegalEntity(registration_name=name),),
        )

    return Catalogue.from_items(
        id=f"TC-{supplier_orgnr}",
        issue_date=date(2026, 11, 27),
        provider=party(supplier_orgnr, "Leverandør"),
        receiver=party("920000002", "Testkommune"),
        items=[
            CatalogueItem(id="1", description="Brøyting per time", unit="HUR", price=Decimal(price))
        ],
        currency="NOK",
    ).to_xml()
