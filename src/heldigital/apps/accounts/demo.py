"""Demo data: fictional organisations, users for every role, a demo protocol.

Everything here is invented for demonstrations and tests. The organisation
numbers have valid modulus-11 check digits (python-stdnum) but the names are
clearly fictional; the demo password is public. Never load demo data into a
production database.

:func:`load_demo` is idempotent: it creates what is missing and leaves what
exists untouched (including passwords changed since). It does not migrate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction

from heldigital.apps.accounts.actors import actor_id
from heldigital.apps.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.protocol import services as protocol_services
from heldigital.apps.protocol.models import ProtocolEvent

#: The password of every demo user. Public by design: demo data only.
DEMO_PASSWORD = "Demo-Heldigital-2026"  # noqa: S105 - public demo password, documented

#: The procurement whose protocol the demo records.
DEMO_PROCUREMENT_ID = "DEMO-2026-0001"


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    orgnr: str
    address: str
    email: str


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation: str  # DemoOrganisation.key
    role: str


MUNICIPALITY = DemoOrganisation(
    key="municipality",
    name="Eksempel kommune",
    kind=OrganisationKind.PUBLIC_BODY,
    orgnr="920000002",
    address="Rådhusgata 1\n0001 Eksempelby",
    email="postmottak@eksempel-kommune.invalid",
)
AGENCY = DemoOrganisation(
    key="agency",
    name="Direktoratet for eksempelforvaltning",
    kind=OrganisationKind.PUBLIC_BODY,
    orgnr="920000010",
    address="Postboks 100\n0002 Eksempelby",
    email="post@eksempeldirektoratet.invalid",
)
SUPPLIERS = (
    DemoOrganisation(
        key="supplier-snow",
        name="Fiktiv Brøyting AS",
        kind=OrganisationKind.SUPPLIER,
        orgnr="920000029",
        address="Industrivegen 3\n0003 Eksempelby",
        email="anbud@fiktiv-broyting.invalid",
    ),
    DemoOrganisation(
        key="supplier-cleaning",
        name="Oppdiktet Renhold AS",
        kind=OrganisationKind.SUPPLIER,
        orgnr="920000037",
        address="Storgata 10\n0004 Eksempelby",
        email="salg@oppdiktet-renhold.invalid",
    ),
    DemoOrganisation(
        key="supplier-it",
        name="Tenkt Data AS",
        kind=OrganisationKind.SUPPLIER,
        orgnr="920000045",
        address="Teknologiparken 5\n0005 Eksempelby",
        email="kontakt@tenkt-data.invalid",
    ),
)
ORGANISATIONS = (MUNICIPALITY, AGENCY, *SUPPLIERS)

USERS = (
    DemoUser("kommune-admin", "Astrid", "Administrator", "municipality", Role.BUYER_ADMIN),
    DemoUser("kommune-innkjoper", "Bjørn", "Innkjøper", "municipality", Role.PROCUREMENT_OFFICER),
    DemoUser("kommune-apner1", "Cecilie", "Åpner", "municipality", Role.OPENER),
    DemoUser("kommune-apner2", "Didrik", "Åpner", "municipality", Role.OPENER),
    DemoUser("kommune-godkjenner", "Eva", "Godkjenner", "municipality", Role.APPROVER),
    DemoUser("kommune-evaluator", "Frode", "Evaluerer", "municipality", Role.EVALUATOR),
    DemoUser("kommune-revisor", "Gunn", "Revisor", "municipality", Role.AUDITOR),
    DemoUser("direktorat-admin", "Hans", "Administrator", "agency", Role.BUYER_ADMIN),
    DemoUser("broyting-bruker", "Ingrid", "Brøyter", "supplier-snow", Role.SUPPLIER_USER),
    DemoUser("renhold-bruker", "Jon", "Renholder", "supplier-cleaning", Role.SUPPLIER_USER),
    DemoUser("data-bruker", "Kari", "Datafolk", "supplier-it", Role.SUPPLIER_USER),
)

#: The demo buyer (procurement officer at the municipality).
DEMO_BUYER = "kommune-innkjoper"


@dataclass
class DemoResult:
    """What :func:`load_demo` did."""

    password: str
    users: tuple[DemoUser, ...]
    organisations: tuple[DemoOrganisation, ...]
    procurement_id: str
    created_organisations: int = 0
    created_users: int = 0
    created_memberships: int = 0
    recorded_events: int = 0
    organisation_names: dict[str, str] = field(default_factory=dict)

    @property
    def created_anything(self) -> bool:
        return bool(
            self.created_organisations
            or self.created_users
            or self.created_memberships
            or self.recorded_events
        )


def _demo_events(now: datetime) -> list[tuple[datetime, str, str, dict[str, object]]]:
    """The demo procurement's story: (time, type, actor username, payload)."""
    snow = SUPPLIERS[0]
    return [
        (
            now - timedelta(days=30),
            "procurement.created",
            DEMO_BUYER,
            {
                "title": "Brøyting og strøing av kommunale veier 2027–2029",
                "cpv": "90620000",
                "procedure": "open",
                "estimated_value": {"amount": "2400000.00", "currency": "NOK"},
            },
        ),
        (
            now - timedelta(days=28),
            "notice.published",
            DEMO_BUYER,
            {"channel": "Doffin", "notice_type": "cn-standard", "tender_deadline_days": 21},
        ),
        (
            now - timedelta(days=7),
            "tender.received",
            "broyting-bruker",
            {"supplier_orgnr": snow.orgnr, "files": 3, "sealed": True},
        ),
        (
            now - timedelta(days=6, hours=23),
            "tenders.opened",
            "kommune-apner1",
            {"opened_by": ["kommune-apner1", "kommune-apner2"], "tenders": 1},
        ),
    ]


@transaction.atomic
def load_demo(now: datetime) -> DemoResult:
    """Create the demo organisations, users, memberships and protocol if missing."""
    result = DemoResult(
        password=DEMO_PASSWORD,
        users=USERS,
        organisations=ORGANISATIONS,
        procurement_id=DEMO_PROCUREMENT_ID,
    )
    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            orgnr=spec.orgnr,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "address": spec.address,
                "email": spec.email,
            },
        )
        organisations[spec.key] = organisation
        result.organisation_names[spec.key] = organisation.name
        result.created_organisations += created

    users: dict[str, User] = {}
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@demo.invalid",
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            result.created_users += 1
        users[spec.username] = user
        _, created = Membership.objects.get_or_create(
            user=user, organisation=organisations[spec.organisation], role=spec.role
        )
        result.created_memberships += created

    if not ProtocolEvent.objects.filter(procurement_id=DEMO_PROCUREMENT_ID).exists():
        by_username = {spec.username: spec for spec in USERS}
        for occurred_at, event_type, username, payload in _demo_events(now):
            organisation = organisations[by_username[username].organisation]
            protocol_services.record(
                procurement_id=DEMO_PROCUREMENT_ID,
                type=event_type,
                actor=actor_id(users[username], organisation),
                payload=payload,
                now=occurred_at,
            )
            result.recorded_events += 1
    return result
