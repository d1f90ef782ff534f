"""Demo procurements: one procedure in each state, so a new user sees a living system.

``heldigital demo`` calls :func:`load_demo_procurements` after
:func:`heldigital.apps.accounts.demo.load_demo` (which creates the demo
organisations and users). Everything goes through the apps' service functions
with ``now`` values in the past, so each procedure is in a consistent state
with its protocol, sealed tenders, receipts, decisions and letters:

* ``DEMO-2026-0101`` published, open for questions (a question answered);
* ``DEMO-2026-0102`` open for tenders, two sealed tenders submitted;
* ``DEMO-2026-0103`` in evaluation: opened, qualified, scored, ranked;
* ``DEMO-2026-0104`` awarded: award and rejection letters sent, standstill running;

and business documents in the document exchange (:func:`load_demo_documents`): the
municipality and the first supplier in the address register, the supplier's
catalogue delivered into the municipality's inbox, and a catalogue to a receiver
outside the platform waiting in the supplier's outbox.

Idempotent: a procedure whose reference exists is left as it is. Each is created
in one transaction. E-mail is not sent for demo data (the demo addresses are
``.invalid``); the notifications are in the platform.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.test.utils import override_settings

from heldigital import espd
from heldigital.apps.accounts.access import member_principal
from heldigital.apps.accounts.demo import DEMO_BUYER, MUNICIPALITY, SUPPLIERS
from heldigital.apps.accounts.models import Organisation, User
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Document
from heldigital.apps.smp.models import Participant
from heldigital.apps.submissions import services as submissions
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import AwardCriterion, Procurement
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity, PartyName, Period

OSLO = ZoneInfo("Europe/Oslo")

PUBLISHED = "DEMO-2026-0101"
OPEN_FOR_TENDERS = "DEMO-2026-0102"
IN_EVALUATION = "DEMO-2026-0103"
AWARDED = "DEMO-2026-0104"
REFERENCES = (PUBLISHED, OPEN_FOR_TENDERS, IN_EVALUATION, AWARDED)

OPENER = "kommune-apner1"
EVALUATOR = "kommune-evaluator"
#: Supplier user of each demo supplier (by organisation number).
SUPPLIER_USERS = {
    "920000029": "broyting-bruker",
    "920000037": "renhold-bruker",
    "920000045": "data-bruker",
}

#: A minimal PDF used as the demo tender documents.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class DemoProcurements:
    """What :func:`load_demo_procurements` did."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.created:
            return "Demo procurements exist already; nothing was changed."
        return f"Demo procurements created: {', '.join(self.created)}."


@dataclass(frozen=True)
class _Spec:
    reference: str
    title: str
    description: str
    cpv: str
    value: str
    #: (line id, name, UN/ECE unit, estimated quantity)
    items: tuple[tuple[str, str, str, str], ...]


SPECS = {
    PUBLISHED: _Spec(
        PUBLISHED,
        "Skoleskyss med drosje 2027–2029",
        "Rammeavtale om skoleskyss med drosje og minibuss for elever i kommunen.",
        "60130000-8",
        "1900000",
        (("1", "Skoleskyss, tur", "C62", "9000"), ("2", "Ventetid", "HUR", "300")),
    ),
    OPEN_FOR_TENDERS: _Spec(
        OPEN_FOR_TENDERS,
        "Renhold av kommunale bygg 2027",
        "Daglig renhold og hovedrengjøring av rådhuset og to skoler.",
        "90910000-9",
        "2000000",
        (("1", "Daglig renhold", "HUR", "3000"), ("2", "Hovedrengjøring", "C62", "3")),
    ),
    IN_EVALUATION: _Spec(
        IN_EVALUATION,
        "Brøyting og strøing 2027–2029",
        "Vinterdrift av kommunale veier: brøyting og strøing.",
        "90620000-9",
        "1800000",
        (("1", "Brøyting", "HUR", "1500"), ("2", "Strøsand", "TNE", "300")),
    ),
    AWARDED: _Spec(
        AWARDED,
        "Bærbare PC-er til skolene",
        "Kjøp av bærbare PC-er med tre års service til ungdomsskolene.",
        "30213100-6",
        "1600000",
        (("1", "Bærbar PC", "C62", "200"), ("2", "Service per år", "C62", "600")),
    ),
}

#: Unit prices per supplier (by organisation number) and procurement.
PRICES = {
    OPEN_FOR_TENDERS: {"920000029": ("540", "45000"), "920000037": ("495", "52000")},
    IN_EVALUATION: {
        "920000029": ("820", "310"),
        "920000037": ("790", "335"),
        "920000045": ("860", "295"),
    },
    AWARDED: {
        "920000029": ("7600", "480"),
        "920000037": ("7250", "520"),
        "920000045": ("6900", "610"),
    },
}
#: Quality and environment points (0-10) per supplier.
SCORES = {"920000029": ("7", "6"), "920000037": ("8", "5"), "920000045": ("6", "8")}


def _at_noon(day: date) -> datetime:
    """12:00 Norwegian time on ``day`` (a typical deadline), as an aware datetime."""
    return datetime.combine(day, time(12, 0), tzinfo=OSLO)


def _party(org: Organisation) -> Party:
    return Party(
        endpoint_id=Identifier(org.orgnr, scheme_id="0192"),
        party_name=(PartyName(name=org.name),),
        party_legal_entity=(PartyLegalEntity(registration_name=org.name),),
    )


def _year(y: int, amount: str) -> espd.YearAmount:
    return espd.YearAmount(espd.Period(date(y, 1, 1), date(y, 12, 31)), Decimal(amount))


class _Demo:
    def __init__(self, now: datetime) -> None:
        self.now = now.replace(minute=0, second=0, microsecond=0)
        self.buyer = Organisation.objects.get(orgnr=MUNICIPALITY.orgnr)
        self.officer = User.objects.get(username=DEMO_BUYER)
        self.opener = User.objects.get(username=OPENER)
        self.evaluator = User.objects.get(username=EVALUATOR)
        self.suppliers = [Organisation.objects.get(orgnr=s.orgnr) for s in SUPPLIERS]
        self.users = {
            org.orgnr: User.objects.get(username=SUPPLIER_USERS[org.orgnr])
            for org in self.suppliers
        }

    def days(self, n: float) -> datetime:
        return self.now + timedelta(days=n)

    # --- building blocks ------------------------------------------------------------

    def prepare(self, spec: _Spec, *, created: datetime, deadline: datetime) -> Procurement:
        common: dict[str, Any] = {"principal": member_principal(self.officer, self.buyer)}
        data = {
            "title": spec.title,
            "description": spec.description,
            "cpv_codes": [spec.cpv],
            "estimated_value": Decimal(spec.value),
            "contract_kind": "goods" if spec.cpv.startswith("3") else "services",
            "authority_kind": "other",
            "procedure": "national",
            "place_of_performance": "NO081",
            "contract_duration_months": 24,
            "award_method": "best_price_quality",
            "price_formula": "proportional",
            "questions_deadline": deadline - timedelta(days=7),
            "tender_deadline": deadline,
            "tender_validity_until": deadline + timedelta(days=90),
        }
        procurement = tendering.create_draft(
            principal=member_principal(self.officer, self.buyer),
            data=data,
            now=created,
            reference=spec.reference,
        )
        for line, name, unit, quantity in spec.items:
            tendering.add_request_item(
                procurement,
                line_id=line,
                name=name,
                unit_code=unit,
                estimated_quantity=quantity,
                now=created,
                **common,
            )
        tendering.add_requirement(
            procurement,
            criterion_code="gen-year-to",
            threshold="1000000",
            threshold_unit="NOK",
            years=3,
            now=created,
            **common,
        )
        for name, kind, weight in (
            ("Pris", "price", "60"),
            ("Kvalitet", "quality", "25"),
            ("Klima og miljø", "environment", "15"),
        ):
            tendering.add_award_criterion(
                procurement, name=name, kind=kind, weight=weight, now=created, **common
            )
        tendering.add_document(
            procurement,
            title="Konkurransegrunnlag",
            filename="konkurransegrunnlag.pdf",
            content=DEMO_PDF,
            now=created,
            **common,
        )
        tendering.publish(procurement, now=created + timedelta(hours=1), **common)
        procurement.refresh_from_db()
        return procurement

    def interest(self, procurement: Procurement, org: Organisation, at: datetime) -> None:
        tendering.register_interest(
            procurement, principal=member_principal(self.users[org.orgnr], org), now=at
        )

    def tender(self, procurement: Procurement, org: Organisation, at: datetime) -> None:
        user = self.users[org.orgnr]
        request = bytes(procurement.espd_requests.latest("created_at").xml)
        answers = [
            espd.Answer(criterion=r.criterion, indicator=False)
            for r in espd.parse_request(request).requirements
            if espd.criteria.get(r.criterion).section is espd.Section.EXCLUSION
        ]
        answers.append(
            espd.Answer(
                criterion="gen-year-to",
                yearly=(_year(2023, "2400000"), _year(2024, "2600000"), _year(2025, "2900000")),
            )
        )
        espd_response = espd.response(
            request,
            answers,
            operator=espd.Party(name=org.name, orgnr=org.orgnr),
            issued=at,
            lot=espd.parse_request(request).lots[0],
        )
        spec = SPECS[procurement.reference]
        prices = PRICES[procurement.reference][org.orgnr]
        catalogue = Catalogue.from_items(
            id=f"{procurement.reference}-{org.orgnr}",
            issue_date=at.astimezone(OSLO).date(),
            provider=_party(org),
            receiver=_party(self.buyer),
            items=[
                CatalogueItem(id=line, description=name, unit=unit, price=Decimal(price))
                for (line, name, unit, _q), price in zip(spec.items, prices, strict=True)
            ],
            currency="NOK",
        ).to_xml()
        letter = (
            f"Tilbudsbrev fra {org.name} i {procurement.reference}.\n"
            "Vi gir med dette tilbud i samsvar med konkurransegrunnlaget.\n"
        ).encode()
        tender = submissions.start_tender(
            procurement, principal=member_principal(user, org), now=at
        )
        for kind, name, content_type, content in (
            ("espd-response", "espd.xml", "application/xml", espd_response),
            ("tender-catalogue", "tilbudskatalog.xml", "application/xml", catalogue),
            ("attachment", "tilbudsbrev.txt", "text/plain", letter),
        ):
            submissions.add_document(
                tender,
                principal=member_principal(user, org),
                kind=kind,
                name=name,
                content_type=content_type,
                content=content,
                now=at,
            )
        submissions.submit(tender, principal=member_principal(user, org), now=at)

    def open_and_evaluate(self, procurement: Procurement, opened: datetime) -> datetime:
        """Open, qualify, score and rank; returns the time of the last step."""
        submissions.open_tenders(
            procurement, principal=member_principal(self.opener, self.buyer), now=opened
        )
        at = opened + timedelta(days=1)
        evaluation.run_qualification(
            procurement, principal=member_principal(self.officer, self.buyer), now=at
        )
        at += timedelta(days=1)
        criteria = [
            c
            for c in AwardCriterion.objects.filter(procurement=procurement).order_by("position")
            if c.kind != "price"
        ]
        for tender in evaluation.submitted_tenders(procurement):
            for criterion, points in zip(criteria, SCORES[tender.supplier.orgnr], strict=True):
                evaluation.score_quality(
                    tender,
                    criterion,
                    score=points,
                    comment="Vurdert etter tildelingskriteriene i konkurransegrunnlaget.",
                    principal=member_principal(self.evaluator, self.buyer),
                    now=at,
                )
        evaluation.declare_conflict_of_interest(
            procurement,
            has_conflict=False,
            text="",
            principal=member_principal(self.evaluator, self.buyer),
            now=at,
        )
        at += timedelta(hours=2)
        evaluation.compute_evaluation(
            procurement, principal=member_principal(self.officer, self.buyer), now=at
        )
        return at

    # --- the four states ---------------------------------------------------------------

    def published(self) -> None:
        spec = SPECS[PUBLISHED]
        created = self.days(-3)
        procurement = self.prepare(
            spec, created=created, deadline=_at_noon((self.now + timedelta(days=25)).date())
        )
        snow, cleaning, _it = self.suppliers
        self.interest(procurement, snow, self.days(-2))
        self.interest(procurement, cleaning, self.days(-2) + timedelta(hours=3))
        tendering.ask_question(
            procurement,
            principal=member_principal(self.users[snow.orgnr], snow),
            text="Fiktiv Brøyting AS spør: må bilene ha plass til rullestol?",
            now=self.days(-2) + timedelta(hours=4),
        )
        tendering.answer_question(
            procurement.questions.get(),
            principal=member_principal(self.officer, self.buyer),
            answer="Ja, minst én bil må ha rullestolplass.",
            published_question="Må bilene ha plass til rullestol?",
            now=self.days(-1),
        )

    def open_for_tenders(self) -> None:
        created = self.days(-14)
        procurement = self.prepare(
            SPECS[OPEN_FOR_TENDERS],
            created=created,
            deadline=_at_noon((self.now + timedelta(days=9)).date()),
        )
        snow, cleaning, _it = self.suppliers
        self.interest(procurement, cleaning, self.days(-12))
        self.interest(procurement, snow, self.days(-11))
        self.tender(procurement, cleaning, self.days(-2))
        self.tender(procurement, snow, self.days(-1))

    def in_evaluation(self) -> None:
        deadline = _at_noon((self.now - timedelta(days=6)).date())
        procurement = self.prepare(
            SPECS[IN_EVALUATION], created=deadline - timedelta(days=30), deadline=deadline
        )
        for index, org in enumerate(self.suppliers):
            self.interest(procurement, org, deadline - timedelta(days=25 - index))
        for index, org in enumerate(self.suppliers):
            self.tender(procurement, org, deadline - timedelta(days=3 - index, hours=2))
        self.open_and_evaluate(procurement, deadline + timedelta(hours=1))

    def awarded(self) -> None:
        deadline = _at_noon((self.now - timedelta(days=12)).date())
        procurement = self.prepare(
            SPECS[AWARDED], created=deadline - timedelta(days=30), deadline=deadline
        )
        for index, org in enumerate(self.suppliers):
            self.interest(procurement, org, deadline - timedelta(days=25 - index))
        for index, org in enumerate(self.suppliers):
            self.tender(procurement, org, deadline - timedelta(days=4 - index, hours=3))
        at = self.open_and_evaluate(procurement, deadline + timedelta(hours=1))
        common: dict[str, Any] = {"principal": member_principal(self.officer, self.buyer)}
        decided = max(at + timedelta(days=1), self.days(-3))
        evaluation.decide_award(
            procurement,
            now=decided,
            reasons="Tilbudet har det beste forholdet mellom pris og kvalitet.",
            **common,
        )
        evaluation.send_letters(procurement, now=decided + timedelta(hours=20), **common)


def load_demo_procurements(now: datetime) -> DemoProcurements:
    """Create the four demo procurements that are missing (see the module docstring).

    Needs the demo organisations and users (``load_demo``) and a migrated database.
    """
    demo = _Demo(now)
    steps: dict[str, Callable[[], None]] = {
        PUBLISHED: demo.published,
        OPEN_FOR_TENDERS: demo.open_for_tenders,
        IN_EVALUATION: demo.in_evaluation,
        AWARDED: demo.awarded,
    }
    result = DemoProcurements()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for reference, step in steps.items():
            if Procurement.objects.filter(reference=reference).exists():
                result.existing.append(reference)
                continue
            with transaction.atomic():
                step()
            result.created.append(reference)
        load_demo_documents(now)
    return result


#: A receiver outside the platform (not in the address register).
ELSEWHERE = "0192:974760673"


def _catalogue(
    provider: Organisation, receiver: Organisation | None, number: str, day: date
) -> bytes:
    """A valid Peppol BIS catalogue (T19) from ``provider`` to ``receiver`` (None: elsewhere)."""

    def party(orgnr: str, name: str) -> Party:
        return Party(
            endpoint_id=Identifier(orgnr, scheme_id="0192"),
            party_legal_entity=(PartyLegalEntity(registration_name=name),),
        )

    to = (
        party(receiver.orgnr, receiver.name)
        if receiver is not None
        else party(ELSEWHERE.split(":")[1], "Mottaker utenfor plattformen")
    )
    return Catalogue.from_items(
        id=number,
        issue_date=day,
        provider=party(provider.orgnr, provider.name),
        receiver=to,
        currency="NOK",
        validity=Period(start_date=day, end_date=day + timedelta(days=365)),
        items=[
            CatalogueItem(
                id="1",
                description="Brøyting av kommunale veier, per time",
                unit="HUR",
                price=Decimal("850.00"),
                vat_category="S",
                vat_rate=Decimal("25"),
            ),
            CatalogueItem(
                id="2",
                description="Strøing med sand, per time",
                unit="HUR",
                price=Decimal("300.00"),
                vat_category="S",
                vat_rate=Decimal("25"),
            ),
        ],
    ).to_xml()


def load_demo_documents(now: datetime) -> bool:
    """Demo business documents in the exchange, unless there are some; whether created."""
    if Document.objects.exists():
        return False
    buyer = Organisation.objects.get(orgnr=MUNICIPALITY.orgnr)
    supplier = Organisation.objects.get(orgnr=SUPPLIERS[0].orgnr)
    sent_at = now - timedelta(days=2)
    with transaction.atomic():
        for org in (buyer, supplier):
            Participant.objects.get_or_create(
                scheme="iso6523-actorid-upis",
                value=org.peppol_id,
                defaults={"organisation": org, "created_at": sent_at, "updated_at": sent_at},
            )
        user = User.objects.get(username=SUPPLIER_USERS[supplier.orgnr])
        actor = member_principal(user, supplier).actor
        exchange.send(
            organisation=supplier,
            payload=_catalogue(supplier, buyer, "KAT-2026-1", sent_at.date()),
            receiver=buyer.peppol_id,
            now=sent_at,
            actor=actor,
        )
        exchange.send(
            organisation=supplier,
            payload=_catalogue(supplier, None, "KAT-2026-2", sent_at.date()),
            receiver=ELSEWHERE,
            now=sent_at + timedelta(hours=1),
            actor=actor,
        )
    return True
