"""Every notice the platform publishes passes the official eForms SDK 1.16 Schematron.

Issue 9, Deliver 1: notices are made the way a buyer makes them, through the
tendering services (draft, lots, criteria, requirements, publish, correct,
cancel), and each stored notice is validated with the SDK rules of its
subtype (:mod:`tests.official.eforms_oracle`, the control of which is
``test_eforms_official.py``). Zero failed asserts are required.

The matrix is a covering design rather than the full product: every procedure
(open, restricted, negotiated above the EEA threshold; national competition and
open below it) occurs with and without lots, every award method (lowest price,
lowest cost, best price-quality) occurs in each regime, and every case publishes
the contract notice and a change notice (a corrected deadline), about half of
them a cancellation too. Language: notices above the EEA threshold are in
English (TED takes no Norwegian; publication refuses Norwegian there, see
tests/platform/tendering/test_notice_refusals.py), national ones in Norwegian;
the platform has no English texts for notices in both languages yet. Every
procurement first publishes a prior information notice (subtype 4 / E2). The
award cases run procurements through tenders, evaluation, award, standstill
and signed contracts to the contract award notice (29 / E4). Each subtype's
rules are compiled once per process (and cached on disk).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from heldigital import eforms, xml
from heldigital.apps.contracts import services as contracts
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.tendering import artefacts, notices, services
from heldigital.apps.tendering.models import AwardCriterion, Notice
from heldigital.apps.tendering.services import StateError
from tests.official import eforms_oracle as oracle
from tests.official.doffin import DOFFIN_E3, DOFFIN_EU, doffin_test, rule_test
from tests.platform.conftest import *  # noqa: F403 - organisations, users, now
from tests.platform.conftest import acting
from tests.platform.evaluation.scenario import build as awarded_scenario
from tests.platform.tendering.conftest import (  # noqa: F401
    _english,
    _media,
    complete_contents,
    draft_data,
)


@dataclass(frozen=True)
class Case:
    regime: str  # "eea" (subtype 16) or "national" (Doffin E3)
    procedure: str
    lots: int
    award: str
    language: str  # notice languages: "nb", "en" or "en"
    cancel: bool

    @property
    def id(self) -> str:
        return (
            f"{self.regime}-{self.procedure}-lots{self.lots}-{self.award}-{self.language}"
            f"{'-cancel' if self.cancel else ''}"
        )


CASES = (
    Case("eea", "open", 0, "lowest_price", "en", False),
    Case("eea", "open", 2, "best_price_quality", "en", True),
    Case("eea", "restricted", 0, "best_price_quality", "en", True),
    Case("eea", "restricted", 2, "lowest_cost", "en", False),
    Case("eea", "negotiation", 0, "lowest_cost", "en", False),
    Case("eea", "negotiation", 2, "lowest_price", "en", True),
    Case("national", "national", 0, "lowest_price", "nb", True),
    Case("national", "national", 2, "best_price_quality", "nb", False),
    Case("national", "open", 0, "best_price_quality", "nb", False),
    Case("national", "open", 2, "lowest_price", "nb", True),
    Case("national", "national", 0, "lowest_cost", "nb", False),
    # Both languages: the Norwegian texts with their English (Procurement.translations).
    Case("eea", "open", 2, "best_price_quality", "both", True),
    Case("eea", "restricted", 0, "lowest_price", "both", False),
    Case("national", "national", 2, "best_price_quality", "both", True),
)

#: The English of every Norwegian text the matrix writes (title and description from
#: tests/platform/tendering/conftest.py draft_data, lots, criteria, requirement, correction).
ENGLISH = {
    "Delkontrakt 1": "Lot 1",
    "Delkontrakt 2": "Lot 2",
    "Brøyting i sone 1": "Snow clearing in zone 1",
    "Brøyting i sone 2": "Snow clearing in zone 2",
    "Pris": "Price",
    "Samlet pris for oppdraget etter prisskjemaet.": "Total price by the price schedule.",
    "Klima og miljø": "Climate and environment",
    "Utslipp fra kjøretøyene som brukes i oppdraget.": "Emissions of the vehicles used.",
    "Omsetning de siste tre årene.": "Turnover in the last three years.",
}
CORRECTION = ("Forlenget tilbudsfrist", "Longer tender period")
CANCELLATION = ("Behovet er falt bort.", "The need has gone.")

CHECKED: list[str] = []
RELAXED_SEEN: set[str] = set()
RELAXED_EU_SEEN: set[str] = set()
SCHEMAS = {
    kind: xml.load_schema(oracle.SDK / f"schemas/maindoc/UBL-{name}-2.3.xsd")
    for kind, name in (
        ("prior", "PriorInformationNotice"),
        ("contract", "ContractNotice"),
        ("award", "ContractAwardNotice"),
    )
}


def test_every_doffin_relaxation_is_shown_by_the_doffin_profile():
    relaxations = [*DOFFIN_E3.items(), *DOFFIN_EU.items()]
    fired = {
        name: {f.id for f in oracle.run(doffin_test(name))}
        for name in {n for _rule, n in relaxations if n is not None}
    }
    language = rule_test("BR-BT-00702-0102")
    assert "'ENG'" in language and "'NOR'" not in language
    for rule, evidence in relaxations:
        if evidence is None:
            assert rule_test(rule) == language, rule
        else:
            assert rule in fired[evidence], (rule, evidence)


def _procurement(case: Case, buyer, municipality, now):
    eea = case.regime == "eea"
    two_stage = case.procedure in ("restricted", "negotiation")
    english = case.language == "en"
    data = draft_data(
        now,
        notice_language=case.language,
        estimated_value=Decimal("4000000") if eea else Decimal("900000"),
        procedure=case.procedure,
        award_method=case.award,
        place_of_performance="NO081",
        tender_deadline=now + timedelta(days=60 if two_stage else 35),
        tender_validity_until=now + timedelta(days=150),
    )
    if english:
        data.update(
            title="Snow clearing of municipal roads",
            description="Ploughing and gritting of municipal roads 2027-2029.",
        )
    if two_stage:
        data["request_deadline"] = now + timedelta(days=31)
        data["minimum_candidates"] = 5 if case.procedure == "restricted" else 3
    if case.procedure == "negotiation":
        data["successive_reduction"] = case.lots > 0
        data["award_without_negotiation"] = True
    if case.award == "best_price_quality":
        data["price_formula"] = "linear"
    if case.procedure == "negotiation":
        data["procedure_justification"] = "Tilpasning av tilgjengelige løsninger (§ 13-2 a)."
    if eea:
        data.update(
            contract_duration_months=24,
            review_body_name="Oslo tingrett",
            review_body_orgnr="926725939",
            review_body_town="Oslo",
            review_body_postal_code="0158",
            review_body_nuts="NO081",
            buyer_nuts="NO081",
            contact_telephone="+47 22 00 00 00",
        )
    procurement = services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    common = {"principal": acting(buyer, municipality), "now": now}
    for number in range(1, case.lots + 1):
        services.add_lot(
            procurement,
            title=f"Delkontrakt {number}",
            description=f"Brøyting i sone {number}",
            estimated_value=("2000000" if eea else "450000"),
            **common,
        )
    if case.award == "best_price_quality":
        services.add_award_criterion(
            procurement,
            name="Pris",
            kind="price",
            weight="60",
            description="Samlet pris for oppdraget etter prisskjemaet.",
            **common,
        )
        services.add_award_criterion(
            procurement,
            name="Klima og miljø",
            kind="environment",
            weight="40",
            description="Utslipp fra kjøretøyene som brukes i oppdraget.",
            **common,
        )
    services.add_requirement(
        procurement,
        criterion_code="gen-year-to",
        threshold="3000000",
        threshold_unit="NOK",
        years=3,
        description="Omsetning de siste tre årene.",
        **common,
    )
    complete_contents(procurement, **common)
    if case.language == "both":
        english = {
            procurement.title: "Snow clearing of municipal roads",
            procurement.description: "Ploughing and gritting of municipal roads 2027-2029.",
            **ENGLISH,
        }
        services.update_draft(procurement, data={"translations": english}, **common)
    return procurement


def _assert_official(notice: Notice, case: Case) -> None:
    data = bytes(notice.xml)
    failures = oracle.run(data)
    CHECKED.append(f"{case.id}:{notice.kind}")
    SCHEMAS.get(notice.kind, SCHEMAS["contract"]).assertValid(xml.parse(data))
    if notice.subtype.startswith("E"):
        relaxed, seen = DOFFIN_E3, RELAXED_SEEN
    elif b"#extended#urn:fdc:anskaffelser.no:2023:eforms:eu<" in data:
        relaxed, seen = DOFFIN_EU, RELAXED_EU_SEEN
    else:
        relaxed, seen = {}, set()
    seen.update(f.id for f in failures if f.id in relaxed)
    assert [(f.id, f.location) for f in failures if f.id not in relaxed] == []
    assert eforms.check(data) == []


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_platform_notices_pass_the_official_sdk_rules(case, buyer, municipality, now):
    procurement = _procurement(case, buyer, municipality, now)
    # The prior information notice (market dialogue), then the contract notice.
    published = now + timedelta(minutes=30)
    notices.publish_prior_information(
        procurement,
        principal=acting(buyer, municipality),
        now=now,
        planned=now + timedelta(days=30),
    )
    services.publish(procurement, principal=acting(buyer, municipality), now=published)
    procurement.refresh_from_db()
    services.correct(
        procurement,
        principal=acting(buyer, municipality),
        summary=CORRECTION[0],
        changes={"tender_deadline": procurement.tender_deadline + timedelta(days=2)},
        now=now + timedelta(hours=1),
        translation=CORRECTION[1],
    )
    if case.cancel:
        services.cancel(
            procurement,
            principal=acting(buyer, municipality),
            reason=CANCELLATION[0],
            now=now + timedelta(hours=2),
            translation=CANCELLATION[1],
        )
    issued = list(Notice.objects.filter(procurement=procurement).order_by("published_at"))
    assert [n.kind for n in issued] == ["prior", "contract", "change"] + (
        ["cancellation"] * case.cancel
    )
    eea = case.regime == "eea"
    assert [n.subtype for n in issued][:2] == (["4", "16"] if eea else ["E2", "E3"])
    for notice in issued:
        _assert_official(notice, case)


#: (regime, lots) of the award cases; each runs a procurement through tenders,
#: qualification, evaluation and award (tests/platform/evaluation/scenario.py).
AWARD_CASES = (
    ("eea", False, "en"),
    ("eea", True, "en"),
    ("national", False, "nb"),
    ("national", True, "nb"),
    # In Norwegian and English: the buyer's English of every text (artefacts.english_texts).
    ("national", True, "both"),
    ("eea", True, "both"),
)

_EEA_FIELDS = dict(
    regime="eea",
    procedure="open",
    estimated_value=Decimal("4000000"),
    title="Snow clearing and gritting 2027",
    description="Winter maintenance of municipal roads.",
    notice_language="en",
    contract_duration_months=24,
    review_body_name="Oslo tingrett",
    review_body_orgnr="926725939",
    review_body_town="Oslo",
    review_body_postal_code="0158",
    review_body_nuts="NO081",
    buyer_nuts="NO081",
    place_of_performance="NO081",
    contact_telephone="+47 22 00 00 00",
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("regime", "lots", "language"),
    AWARD_CASES,
    ids=[f"{r}-lots{2 if lots else 0}-{language}" for r, lots, language in AWARD_CASES],
)
def test_award_notices_pass_the_official_sdk_rules(
    regime, lots, language, municipality, settings, tmp_path
):
    from heldigital.apps.submissions import conf
    from tests.platform.contracts.test_services import END, SENT, conclude
    from tests.platform.evaluation.test_services import T, qualify_all, score

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    eea = regime == "eea"
    fields = _EEA_FIELDS if eea else {"place_of_performance": "NO081"}
    s = awarded_scenario(municipality, lots=lots, **fields)
    for supplier in s.suppliers:  # as each supplier registered it
        supplier.address = "Storgata 1\n0155 Oslo"
        supplier.save()
    if not eea:  # Doffin: a national competition weighs climate and environment (FOA § 7-9)
        AwardCriterion.objects.filter(procurement=s.procurement, kind="price").update(
            description="Samlet pris etter prisskjemaet."
        )
        AwardCriterion.objects.filter(procurement=s.procurement, kind="quality").update(
            name="Klima og miljø", kind="environment", description="Utslipp fra kjøretøyene."
        )
    if eea:  # TED wants the criteria described in the notice language (BT-540)
        AwardCriterion.objects.filter(procurement=s.procurement, kind="price").update(
            name="Price", description="Total price by the price schedule."
        )
        AwardCriterion.objects.filter(procurement=s.procurement, kind="quality").update(
            name="Quality", description="The winter operations plan."
        )
    if language == "both":
        s.procurement.notice_language = "both"
        s.procurement.translations = {
            text: f"{text} (in English)" for text in artefacts.english_texts(s.procurement)
        }
        s.procurement.save(update_fields=["notice_language", "translations"])
    officer = acting(s.officer, s.buyer)
    qualify_all(s)
    score(s)
    evaluation.compute_evaluation(s.procurement, principal=officer, now=T)
    evaluation.decide_award(
        s.procurement,
        principal=officer,
        now=T,
        abnormally_low_explanation="The tenderer's price schedule explains the low price.",
    )
    winners = {o.winner.supplier.orgnr for o in evaluation.award_outcomes(s.procurement)}
    numbers = [1, 2] if lots else [None]
    facts = {
        "sme_tenders": dict.fromkeys(numbers, 1),
        "winner_sizes": dict.fromkeys(winners, "small"),
        "winner_regions": dict.fromkeys(winners, "NO081"),
    }
    with pytest.raises(StateError):  # Art. 50: after the conclusion of the contract
        notices.publish_award_notice(s.procurement, principal=officer, now=T, **facts)
    evaluation.send_letters(s.procurement, principal=officer, now=SENT)
    for contract in conclude(s, END + timedelta(hours=1)):
        supplier = s.suppliers.index(contract.supplier)
        for party in (officer, acting(s.supplier_users[supplier], s.suppliers[supplier])):
            contracts.confirm_contract(contract, principal=party, now=END + timedelta(hours=1))
    at = END + timedelta(hours=2)
    with pytest.raises(ValidationError) as refused:
        notices.publish_award_notice(
            s.procurement, principal=officer, now=at, sme_tenders={}, winner_sizes={}
        )
    # Every missing fact at once (above the EEA threshold the winner's region too).
    assert set(refused.value.message_dict) == {"sme_tenders", "winner_sizes"} | (
        {"winner_regions"} if eea else set()
    )
    notice = notices.publish_award_notice(s.procurement, principal=officer, now=at, **facts)
    assert (notice.kind, notice.subtype) == ("award", "29" if eea else "E4")
    if language == "both":  # BT-702 (b): the other language added
        assert b"<cac:AdditionalNoticeLanguage>" in bytes(notice.xml)
    _assert_official(notice, Case(regime, "open", 2 if lots else 0, "award", language, False))
    event = ProtocolEvent.objects.filter(
        procurement_id=s.procurement.reference, type="notice.award"
    ).get()
    assert event.data["notice_sha256"] == artefacts.sha256(bytes(notice.xml))


def test_the_dynamic_stage_adds_only_stage_6():
    """So the static phases plus :data:`oracle.DYNAMIC_ONLY` are the dynamic stage."""
    static = {p.name: p.read_bytes() for p in oracle.STATIC.glob("validation-stage-*.sch")}
    dynamic = {p.name: p.read_bytes() for p in oracle.DYNAMIC.glob("validation-stage-*.sch")}
    assert set(dynamic) - set(static) == {f"{name}.sch" for name in oracle.DYNAMIC_ONLY}
    assert set(static) <= set(dynamic)
    assert all(dynamic[name] == static[name] for name in static)


@pytest.mark.django_db
def test_notices_issued_now_pass_the_dynamic_rules(buyer, municipality):
    """The dynamic stage's own rule D-0001 wants the dispatch date (BT-05) near today."""
    now = datetime.now(UTC).replace(microsecond=0)
    case = Case("eea", "open", 2, "best_price_quality", "en", True)
    procurement = _procurement(case, buyer, municipality, now)
    principal = acting(buyer, municipality)
    services.publish(procurement, principal=principal, now=now)
    procurement.refresh_from_db()
    services.correct(
        procurement,
        principal=principal,
        summary="Longer tender period",
        changes={"tender_deadline": procurement.tender_deadline + timedelta(days=2)},
        now=now + timedelta(minutes=1),
    )
    services.cancel(
        procurement, principal=principal, reason="No longer needed.", now=now + timedelta(minutes=2)
    )
    notices = [bytes(n.xml) for n in Notice.objects.filter(procurement=procurement)]
    assert len(notices) == 3
    for data in notices:
        assert oracle.run(data, dynamic_only=True) == []
        CHECKED.append(f"dynamic:{case.id}")  # counted apart from the static ones
    # Control: the same notice dispatched ten days ago breaks D-0001.
    old = (now - timedelta(days=10)).astimezone(ZoneInfo("Europe/Oslo")).date().isoformat()
    stale = re.sub(rb"<cbc:IssueDate>[^<+]*", b"<cbc:IssueDate>" + old.encode(), notices[0])
    assert [f.id for f in oracle.run(stale, dynamic_only=True)] == ["D-0001"]


def test_zz_count_of_notices_checked(capsys):
    dynamic = [c for c in CHECKED if c.startswith("dynamic:")]
    static = [c for c in CHECKED if not c.startswith("dynamic:")]
    with capsys.disabled():  # shown in every run, not only with -s
        print(
            f"\nofficial eForms SDK 1.16 rules: {len(static)} platform notices checked "
            f"(static stage), {len(dynamic)} more with the dynamic stage's own rules"
        )
    assert len(static) >= 3 * len(CASES) + len(AWARD_CASES)
    # The list of relaxations cannot rot: every one was needed by some platform notice.
    assert set(DOFFIN_E3) == RELAXED_SEEN
    assert set(DOFFIN_EU) == RELAXED_EU_SEEN
