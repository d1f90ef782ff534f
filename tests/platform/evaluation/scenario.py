"""A procurement with three opened tenders, built through the real services.

Used by the evaluation and contracts tests (imported by their conftest files).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from heldigital import espd
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role, User
from heldigital.apps.submissions import services as submissions
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering import artefacts
from heldigital.apps.tendering.models import (
    AwardCriterion,
    Lot,
    Procurement,
    QualificationRequirement,
    RequestItem,
)
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity, PartyName
from tests.platform.conftest import acting, make_user

#: Tuesday 1 December 2026 12:00 in Oslo.
DEADLINE = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
SUBMITTED = DEADLINE - timedelta(days=2)
OPENED = DEADLINE + timedelta(hours=1)


def year(y: int, amount: str) -> espd.YearAmount:
    return espd.YearAmount(espd.Period(date(y, 1, 1), date(y, 12, 31)), Decimal(amount))


#: Yearly turnover per ESPD answer kind ("ok" meets the 1 MNOK minimum, "low" not in 2024).
TURNOVER = {
    "ok": (year(2023, "1500000"), year(2024, "1600000"), year(2025, "1700000")),
    "low": (year(2023, "1500000"), year(2024, "900000"), year(2025, "1700000")),
}


def espd_response(request: bytes, supplier: Organisation, kind: str, at: datetime) -> bytes:
    """A real ESPD-EDM response: no exclusion ground applies; turnover by ``kind``."""
    answers = [
        espd.Answer(criterion=r.criterion, indicator=False)
        for r in espd.parse_request(request).requirements
        if espd.criteria.get(r.criterion).section is espd.Section.EXCLUSION
    ]
    answers.append(espd.Answer(criterion="gen-year-to", yearly=TURNOVER[kind]))
    return espd.response(
        request,
        answers,
        operator=espd.Party(name=supplier.name, orgnr=supplier.orgnr),
        issued=at,
        lot=espd.parse_request(request).lots[0],
    )


def party(org: Organisation) -> Party:
    return Party(
        endpoint_id=Identifier(org.orgnr, scheme_id="0192"),
        party_name=(PartyName(name=org.name),),
        party_legal_entity=(PartyLegalEntity(registration_name=org.name),),
    )


def tender_catalogue(
    supplier: Organisation, buyer: Organisation, prices: dict[str, str], units: dict[str, str]
) -> bytes:
    items = [
        CatalogueItem(id=line, description=f"Linje {line}", unit=units[line], price=Decimal(p))
        for line, p in prices.items()
    ]
    return Catalogue.from_items(
        id=f"TC-{supplier.orgnr}",
        issue_date=date(2026, 11, 29),
        provider=party(supplier),
        receiver=party(buyer),
        items=items,
        currency="NOK",
    ).to_xml()


@dataclass
class Scenario:
    procurement: Procurement
    buyer: Organisation
    officer: User
    evaluator: User
    opener: User
    auditor: User
    suppliers: list[Organisation]
    supplier_users: list[User]
    tenders: list[Tender]
    quality: AwardCriterion | None

    def tender_of(self, index: int) -> Tender:
        return self.tenders[index]


SUPPLIERS = [
    ("Alfa Brøyt AS", "920000029"),
    ("Beta Vei AS", "920000037"),
    ("Gamma AS", "920000045"),
]
UNITS = {"1": "HUR", "2": "TNE"}


def build(
    buyer: Organisation,
    *,
    method: str = "best_price_quality",
    prices: list[dict[str, str] | None] | None = None,
    espd_answers: list[str | None] | None = None,
    lots: bool = False,
    reference: str = "HD-2026-0200",
    **fields: object,
) -> Scenario:
    """Buyer, three suppliers with tenders; opened at :data:`OPENED`.

    ``fields`` set further procurement fields (e.g. an EEA procurement's review body).
    """
    created = SUBMITTED - timedelta(days=40)
    values: dict[str, object] = dict(
        reference=reference,
        buyer=buyer,
        title="Brøyting og strøing 2027",
        description="Vinterdrift av kommunale veier.",
        cpv_codes=["90620000-9"],
        estimated_value=Decimal("400000.00"),
        contract_kind="services",
        authority_kind="other",
        regime="national",
        procedure="national",
        tender_deadline=DEADLINE,
        award_method=method,
        price_formula="proportional",
        status="published",
        created_at=created,
        updated_at=created,
        published_at=created,
    )
    values.update(fields)
    procurement = Procurement.objects.create(**values)
    lot1 = lot2 = None
    if lots:
        lot1 = Lot.objects.create(procurement=procurement, number=1, title="Brøyting")
        lot2 = Lot.objects.create(procurement=procurement, number=2, title="Strøsand")
    RequestItem.objects.create(
        procurement=procurement,
        lot=lot1,
        line_id="1",
        name="Brøyting",
        unit_code="HUR",
        estimated_quantity=Decimal("400"),
        position=1,
    )
    RequestItem.objects.create(
        procurement=procurement,
        lot=lot2,
        line_id="2",
        name="Strøsand",
        unit_code="TNE",
        estimated_quantity=Decimal("120.5"),
        position=2,
    )
    QualificationRequirement.objects.create(
        procurement=procurement,
        criterion_code="gen-year-to",
        kind="economic_financial",
        threshold=Decimal("1000000"),
        threshold_unit="NOK",
        years=3,
    )
    request = artefacts.espd_request(procurement, now=created)
    quality = None
    if method == "best_price_quality":
        AwardCriterion.objects.create(
            procurement=procurement,
            name="Pris",
            kind="price",
            weight=Decimal(60),
            max_points=Decimal(10),
            position=1,
        )
        quality = AwardCriterion.objects.create(
            procurement=procurement,
            name="Kvalitet",
            kind="quality",
            weight=Decimal(40),
            max_points=Decimal(10),
            position=2,
        )
    officer = make_user("officer", (buyer, Role.PROCUREMENT_OFFICER))
    officer.email = "officer@testkommune.invalid"
    officer.save()
    evaluator = make_user("evaluator", (buyer, Role.EVALUATOR))
    opener = make_user("opener", (buyer, Role.OPENER))
    auditor = make_user("buyeraudit", (buyer, Role.AUDITOR))
    prices = prices or [
        {"1": "850", "2": "300"},  # 340 000 + 36 150 = 376 150
        {"1": "800", "2": "320"},  # 320 000 + 38 560 = 358 560
        {"1": "900", "2": "310"},  # 360 000 + 37 355 = 397 355
    ]
    kinds = espd_answers if espd_answers is not None else ["ok", "low", None]
    suppliers, users, tenders = [], [], []
    for index, ((name, orgnr), price, kind) in enumerate(
        zip(SUPPLIERS, prices, kinds, strict=True)
    ):
        org = Organisation.objects.create(
            name=name,
            kind=OrganisationKind.SUPPLIER,
            orgnr=orgnr,
            email=f"post@{orgnr}.invalid",
        )
        user = make_user(f"supplier{index}", (org, Role.SUPPLIER_USER))
        user.email = f"user@{orgnr}.invalid"
        user.save()
        at = SUBMITTED + timedelta(minutes=index)
        tender = submissions.start_tender(procurement, principal=acting(user, org), now=at)
        if kind is not None:
            submissions.add_document(
                tender,
                principal=acting(user),
                kind="espd-response",
                name="espd.xml",
                content_type="application/xml",
                content=espd_response(request, org, kind, at),
                now=at,
            )
        if price is not None:
            submissions.add_document(
                tender,
                principal=acting(user),
                kind="tender-catalogue",
                name="katalog.xml",
                content_type="application/xml",
                content=tender_catalogue(org, buyer, price, UNITS),
                now=at,
            )
        submissions.submit(tender, principal=acting(user), now=at)
        tender.refresh_from_db()
        suppliers.append(org)
        users.append(user)
        tenders.append(tender)
    outcome = submissions.open_tenders(procurement, principal=acting(opener, buyer), now=OPENED)
    if outcome.status != "opened":  # above the EEA threshold two openers act together
        second = make_user("opener2", (buyer, Role.OPENER))
        outcome = submissions.open_tenders(procurement, principal=acting(second, buyer), now=OPENED)
    assert outcome.status == "opened"
    procurement.refresh_from_db()
    return Scenario(
        procurement, buyer, officer, evaluator, opener, auditor, suppliers, users, tenders, quality
    )
