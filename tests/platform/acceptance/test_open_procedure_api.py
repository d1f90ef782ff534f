"""Acceptance (issue 4): an open procedure from draft to signed contract, driven
through the REST API alone with one bearer token per person and organisation.

The buyer's system creates and publishes; three suppliers' systems register,
ask, receive the correction by e-mail (a real SMTP server) and submit sealed
tenders; two openers open after the deadline; one tenderer is excluded by its
own ESPD answer; two are evaluated; award, standstill (Norwegian holidays),
contract, signatures; the protocol verifies and the protocol report holds what
Art. 84 of Directive 2014/24/EU asks.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import espd, rules, xml
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import Identifier, Party, PartyLegalEntity, PartyName
from tests.platform.conftest import make_user
from tests.platform.mailparts import text
from tests.platform.tendering.conftest import EEA_NOTICE, PDF

from .conftest import API, bearer, ok, post, upload

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpus"
NOTICE_XSD = CORPUS / "eforms-sdk/1.16.0-SNAPSHOT/schemas/maindoc/UBL-ContractNotice-2.3.xsd"
EDM = CORPUS / "espd-edm/v4.1.0/ubl-2.3/xsd/maindoc"

#: Monday 2 November 2026, 09:00 in Oslo.
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
#: Tender deadline as published (Monday 7 December 12:00 Oslo) and as corrected (+1 day).
DEADLINE = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
CORRECTED = DEADLINE + timedelta(days=1)

SUPPLIERS = [
    ("Alfa Brøyt AS", "920000029"),
    ("Beta Vei AS", "920000037"),
    ("Gamma Maskin AS", "920000045"),
]
#: Unit price per request line; quantities 4000 HUR and 1205 TNE.
PRICES = [
    {"1": "850", "2": "300"},  # 3 400 000 + 361 500 = 3 761 500
    {"1": "800", "2": "320"},  # 3 200 000 + 385 600 = 3 585 600
    {"1": "700", "2": "250"},  # cheapest, but excluded
]
UNITS = {"1": "HUR", "2": "TNE"}


def party(org: Organisation) -> Party:
    return Party(
        endpoint_id=Identifier(org.orgnr, scheme_id="0192"),
        party_name=(PartyName(name=org.name),),
        party_legal_entity=(PartyLegalEntity(registration_name=org.name),),
    )


def tender_catalogue(supplier: Organisation, buyer: Organisation, prices: dict[str, str]) -> bytes:
    return Catalogue.from_items(
        id=f"TC-{supplier.orgnr}",
        issue_date=date(2026, 11, 20),
        provider=party(supplier),
        receiver=party(buyer),
        items=[
            CatalogueItem(id=line, description=f"Linje {line}", unit=UNITS[line], price=Decimal(p))
            for line, p in prices.items()
        ],
        currency="NOK",
    ).to_xml()


def year(y: int, amount: str) -> espd.YearAmount:
    return espd.YearAmount(espd.Period(date(y, 1, 1), date(y, 12, 31)), Decimal(amount))


def espd_response(request: bytes, supplier: Organisation, *, bankrupt: bool, at) -> bytes:
    """No exclusion ground applies, except bankruptcy for ``bankrupt``; turnover met."""
    answers = []
    for requirement in espd.parse_request(request).requirements:
        if espd.criteria.get(requirement.criterion).section is not espd.Section.EXCLUSION:
            continue
        applies = bankrupt and requirement.criterion == "bankruptcy"
        answers.append(
            espd.Answer(
                criterion=requirement.criterion,
                indicator=applies,
                description="Konkurs åpnet av tingretten 2026-03-01" if applies else "",
                continuation="Bostyret viderefører driften" if applies else "",
            )
        )
    answers.append(
        espd.Answer(
            criterion="gen-year-to",
            yearly=(year(2023, "1500000"), year(2024, "1600000"), year(2025, "1700000")),
        )
    )
    return espd.response(
        request,
        answers,
        operator=espd.Party(name=supplier.name, orgnr=supplier.orgnr),
        issued=at,
        lot=espd.parse_request(request).lots[0],
    )


@pytest.fixture(scope="module")
def schemas():
    return {
        "notice": xml.load_schema(NOTICE_XSD),
        "espd-request": xml.load_schema(EDM / "UBL-QualificationApplicationRequest-2.3.xsd"),
        "espd-response": xml.load_schema(EDM / "UBL-QualificationApplicationResponse-2.3.xsd"),
    }


def valid(schema, data: bytes) -> None:
    schema.assertValid(xml.parse(data))


def test_open_procedure_through_the_api(
    client, municipality, server_clock, smtp, schemas, django_capture_on_commit_callbacks
):
    clock = server_clock
    clock.now = START
    # --- people and organisations, one token each ---------------------------------------
    municipality.email = "post@testkommune.invalid"
    municipality.save()
    officer = make_user("officer", (municipality, Role.PROCUREMENT_OFFICER))
    opener1 = make_user("opener1", (municipality, Role.OPENER))
    opener2 = make_user("opener2", (municipality, Role.OPENER))
    evaluator = make_user("evaluator", (municipality, Role.EVALUATOR))
    auditor = make_user("auditor", (municipality, Role.AUDITOR))
    buyer = bearer(officer, municipality, START)
    openers = [bearer(opener1, municipality, START), bearer(opener2, municipality, START)]
    scorer = bearer(evaluator, municipality, START)
    reader = bearer(auditor, municipality, START)
    suppliers, tokens = [], []
    for index, (name, orgnr) in enumerate(SUPPLIERS):
        org = Organisation.objects.create(
            name=name, kind=OrganisationKind.SUPPLIER, orgnr=orgnr, email=f"post@{orgnr}.invalid"
        )
        user = make_user(f"supplier{index}", (org, Role.SUPPLIER_USER))
        user.email = f"tilbud@{orgnr}.invalid"
        user.save()
        suppliers.append(org)
        tokens.append(bearer(user, org, START))
    alfa, beta, _gamma = tokens

    # --- prepare (buyer's system) ------------------------------------------------------
    created = ok(
        post(
            client,
            "/procurements",
            buyer,
            {
                "title": "Brøyting og strøing 2027-2029",
                "description": "Vinterdrift av kommunale veier, rammeavtale.",
                "cpv_codes": ["90620000-9"],
                "estimated_value": "3500000",
                "contract_kind": "services",
                "authority_kind": "other",
                "procedure": "open",
                "place_of_performance": "NO081",
                "contract_duration_months": 24,
                "review_body_name": "Oslo tingrett",
                "review_body_orgnr": "926725939",
                "review_body_town": "Oslo",
                **EEA_NOTICE,
                "questions_deadline": (DEADLINE - timedelta(days=10)).isoformat(),
                "tender_deadline": DEADLINE.isoformat(),
                "tender_validity_until": (DEADLINE + timedelta(days=90)).isoformat(),
                "award_method": "best_price_quality",
                "price_formula": "proportional",
            },
        ),
        201,
    )
    ref = created["reference"]
    assert created["regime"] == "eea" and created["status"] == "draft"
    url = f"/procurements/{ref}"
    for line, name, unit, quantity in (
        ("1", "Brøyting", "HUR", "4000"),
        ("2", "Strøsand", "TNE", "1205"),
    ):
        ok(
            post(
                client,
                f"{url}/request-items",
                buyer,
                {"line_id": line, "name": name, "unit_code": unit, "estimated_quantity": quantity},
            ),
            201,
        )
    ok(
        post(
            client,
            f"{url}/requirements",
            buyer,
            {
                "criterion_code": "gen-year-to",
                "threshold": "1000000",
                "threshold_unit": "NOK",
                "years": 3,
            },
        ),
        201,
    )
    ok(post(client, f"{url}/requirements", buyer, {"criterion_code": "bankruptcy"}), 201)
    ok(
        post(
            client,
            f"{url}/award-criteria",
            buyer,
            {"name": "Pris", "kind": "price", "weight": "60", "description": "Samlet pris"},
        ),
        201,
    )
    quality = ok(
        post(
            client,
            f"{url}/award-criteria",
            buyer,
            {"name": "Kvalitet", "kind": "quality", "weight": "40", "description": "Servicenivå"},
        ),
        201,
    )
    document = ok(
        client.post(
            f"{API}{url}/documents",
            data={"title": "Konkurransegrunnlag", "file": io.BytesIO(PDF)},
            **buyer,
        ),
        201,
    )
    assert document["content_type"] == "application/pdf"

    # --- publish: eForms notice, ESPD request, request catalogue, package ----------------
    clock.advance(hours=1)
    published = ok(post(client, f"{url}/publish", buyer))
    assert published["status"] == "published"
    assert [n["kind"] for n in published["notices"]] == ["contract"]
    assert [n["reference"] for n in client.get(f"{API}/notices?q=strøing").json()] == [ref]
    notice = client.get(f"{API}/notices/{ref}/notice.xml")
    valid(schemas["notice"], notice.content)
    package = client.get(f"{API}/notices/{ref}/package.zip")
    assert package["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        espd_request = archive.read("espd-request.xml")
        request_catalogue = archive.read("request-catalogue.xml")
        assert archive.read("documents/01-" + document["filename"]) == PDF
    valid(schemas["espd-request"], espd_request)
    report = rules.validate(request_catalogue)
    assert report.rule_set == "peppolbis-t19-base-3.0" and report.errors == []
    requested = {r.criterion for r in espd.parse_request(espd_request).requirements}
    assert {"gen-year-to", "bankruptcy"} <= requested

    # --- communicate ---------------------------------------------------------------------
    clock.advance(days=1)
    for headers in tokens:
        ok(post(client, f"/notices/{ref}/interest", headers), 201)
    interests = ok(client.get(f"{API}{url}/interests", **buyer))
    assert sorted(i["supplier"]["orgnr"] for i in interests) == sorted(o for _, o in SUPPLIERS)
    clock.advance(days=1)
    ok(
        post(
            client,
            f"/notices/{ref}/questions",
            alfa,
            {"text": "Alfa Brøyt AS spør: må mannskapet ha førerkort klasse C?"},
        ),
        201,
    )
    assert client.get(f"{API}/notices/{ref}/questions").json() == []
    assert ok(client.get(f"{API}/notices/{ref}/my-questions", **beta)) == []
    clock.advance(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            post(
                client,
                f"{url}/questions/1/answer",
                buyer,
                {"answer": "Ja, klasse C.", "published_question": "Kreves førerkort klasse C?"},
            )
        )
    # Every registered supplier is told by e-mail; the asker's name is in none of them.
    assert len(smtp.messages) == 3
    assert all("Alfa" not in text(m) for _, m in smtp.messages)
    public = ok(client.get(f"{API}/notices/{ref}/questions"))
    assert [(q["question"], q["answer"]) for q in public] == [
        ("Kreves førerkort klasse C?", "Ja, klasse C.")
    ]
    assert "Alfa" not in str(ok(client.get(f"{API}/notices/{ref}")))

    clock.advance(days=1)
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        correction = ok(
            post(
                client,
                f"{url}/corrections",
                buyer,
                {
                    "summary": "Tilbudsfristen forlenges med ett døgn.",
                    "tender_deadline": CORRECTED.isoformat(),
                    "tender_validity_until": (CORRECTED + timedelta(days=90)).isoformat(),
                },
            ),
            201,
        )
    assert correction["version"] == 2
    # One message per supplier, each to its own addresses only.
    assert sorted(sorted(to) for to, _ in smtp.messages) == [
        [f"post@{orgnr}.invalid", f"tilbud@{orgnr}.invalid"] for _, orgnr in SUPPLIERS
    ]
    assert all(ref in message["Subject"] + text(message) for _, message in smtp.messages)
    for headers in tokens:
        kinds = [n["kind"] for n in ok(client.get(f"{API}/notifications", **headers))]
        assert "procurement.corrected" in kinds
    notice = client.get(f"{API}/notices/{ref}/notice.xml")  # the change notice
    valid(schemas["notice"], notice.content)

    # --- submit: three sealed tenders -----------------------------------------------------
    clock.set(DEADLINE - timedelta(days=3))
    receipts = []
    for index, (org, headers) in enumerate(zip(suppliers, tokens, strict=True)):
        response_xml = espd_response(espd_request, org, bankrupt=index == 2, at=clock.now)
        valid(schemas["espd-response"], response_xml)
        catalogue = tender_catalogue(org, municipality, PRICES[index])
        checked = rules.validate(catalogue, rule_set="peppolbis-t19-base-3.0")
        assert checked.errors == [], [f.as_dict() for f in checked.errors]
        tender = ok(post(client, f"/procurements/{ref}/tenders", headers), 201)
        upload(
            client,
            headers,
            tender["id"],
            response_xml,
            kind="espd-response",
            name="espd.xml",
            content_type="application/xml",
        )
        upload(
            client,
            headers,
            tender["id"],
            catalogue,
            kind="tender-catalogue",
            name="katalog.xml",
            content_type="application/xml",
        )
        upload(
            client,
            headers,
            tender["id"],
            PDF,
            kind="attachment",
            name="beskrivelse.pdf",
            content_type="application/pdf",
        )
        clock.advance(minutes=10)
        receipt = ok(post(client, f"/tenders/{tender['id']}/submit", headers))
        assert datetime.fromisoformat(receipt["time_of_receipt"]) == clock.now
        xml_receipt = client.get(receipt["xml"], **headers)
        assert xml_receipt.status_code == 200 and xml_receipt["Content-Type"] == "application/xml"
        receipts.append(receipt)
    overview = ok(client.get(f"{API}{url}/tenders", **buyer))
    assert overview["count"] is None and overview["opened"] is False  # sealed: not even how many
    assert overview["tenders"] == [] and overview["received_at"] == []

    # Too early: refused with the deadline, and written to the protocol.
    early = post(client, f"{url}/opening", openers[0])
    assert early.status_code == 403 and "CET" in early.json()["detail"]
    assert ProtocolEvent.objects.filter(procurement_id=ref, type="opening.refused").exists()
    # The original deadline has passed, the corrected one not: still sealed.
    clock.set(DEADLINE + timedelta(minutes=5))
    assert post(client, f"{url}/opening", openers[0]).status_code == 403
    # Still open until the corrected deadline: Alfa changes its submitted tender.
    mine = ok(client.get(f"{API}/procurements/{ref}/my-tender", **alfa))
    assert mine["state"] == "submitted" and "change" in mine["allowed"]
    late = post(client, f"/tenders/{mine['submitted']['id']}/change", alfa)
    assert late.status_code == 201

    # --- open: two different openers ------------------------------------------------------
    clock.set(CORRECTED + timedelta(minutes=1))
    refused = post(client, f"/tenders/{late.json()['id']}/submit", alfa)
    assert refused.status_code == 409 and "server_time" in refused.json()
    assert ok(post(client, f"{url}/opening", openers[0]))["status"] == "waiting"
    again = ok(post(client, f"{url}/opening", openers[0]))  # the same opener counts once
    assert again["status"] == "waiting" and again["openers"] == 1
    clock.advance(minutes=1)
    opened = ok(post(client, f"{url}/opening", openers[1]))
    assert opened["status"] == "opened" and opened["required_openers"] == 2
    record = ok(client.get(opened["opening_record"], **buyer))
    assert sorted(t["supplier_orgnr"] for t in record["tenders"]) == sorted(o for _, o in SUPPLIERS)
    overview = ok(client.get(f"{API}{url}/tenders", **buyer))
    by_orgnr = {t["supplier_orgnr"]: t for t in overview["tenders"]}
    ids = [by_orgnr[orgnr]["tender"] for _, orgnr in SUPPLIERS]

    # --- qualify: automatic, one excluded by its own ESPD answer ---------------------------
    clock.advance(hours=1)
    decisions = ok(post(client, f"{url}/qualification/run", buyer))
    failed = [d for d in decisions if d["outcome"] != "pass"]
    assert [(d["supplier"], d["criterion"]) for d in failed] == [("Gamma Maskin AS", "bankruptcy")]
    # the ground applies; the operator says it can still perform (the official rules make
    # that statement mandatory after a yes, BR-TCR-06), so the buyer decides (Art. 57(4)(b))
    assert "the ground applies" in failed[0]["reason"]
    assert "Bostyret viderefører driften" in failed[0]["reason"]
    smtp.messages.clear()
    exclusion = ok(
        post(
            client,
            f"{url}/exclusions",
            buyer,
            {"tender": ids[2], "ground": "exclusion", "reason": failed[0]["reason"]},
        ),
        201,
    )
    assert exclusion["letter"]["sent_at"] is None
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = ok(post(client, f"{url}/exclusions/{exclusion['id']}/confirm", buyer))
    assert confirmed["letter"]["sent_at"]
    assert [to for to, _ in smtp.messages] and all(
        "920000045" in " ".join(to) for to, _ in smtp.messages
    )

    # --- evaluate: quality scores, price from the tender catalogues -----------------------
    clock.advance(days=1)
    for tender_id, points in ((ids[0], "8"), (ids[1], "5")):
        ok(
            post(
                client,
                f"{url}/quality-scores",
                scorer,
                {
                    "tender": tender_id,
                    "criterion": quality["id"],
                    "score": points,
                    "comment": "Vurdert etter kravspesifikasjonen.",
                },
            )
        )
    (result,) = ok(post(client, f"{url}/evaluation", buyer))
    ranking = result["result"]["ranking"]
    assert [(r["supplier"], r["price"], r["total"]) for r in ranking] == [
        ("Alfa Brøyt AS", "3761500.00", "89.19"),
        ("Beta Vei AS", "3585600.00", "80.00"),
    ]
    ok(
        post(client, f"/procurements/{ref}/conflict-of-interest", scorer, {"has_conflict": False}),
        201,
    )

    # --- award, letters, standstill -------------------------------------------------------
    awards = ok(
        post(client, f"{url}/award", buyer, {"reasons": "Beste forhold mellom pris og kvalitet."}),
        201,
    )
    assert awards[0]["winner"] == "Alfa Brøyt AS"
    # Letters go out on Wednesday 16 December: ten days end on 26 December, a public
    # holiday (2nd Christmas Day), followed by a Sunday: the last day is Monday 28th.
    clock.set(datetime(2026, 12, 16, 9, 0, tzinfo=UTC))
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = ok(post(client, f"{url}/letters/send", buyer))
    assert sent[0]["standstill_last_day"] == "2026-12-28"
    recipients = " ".join(" ".join(to) for to, _ in smtp.messages)
    assert "920000029" in recipients and "920000037" in recipients
    assert [x["kind"] for x in ok(client.get(f"{API}/letters", **alfa))] == ["award"]
    beta_letters = ok(client.get(f"{API}/letters", **beta))
    assert [x["kind"] for x in beta_letters] == ["rejection"]
    assert client.get(f"{API}/letters/{beta_letters[0]['id']}", **alfa).status_code == 404
    assert ok(client.get(f"{API}{url}/standstill", **buyer))["ended"] is False

    # --- contract after standstill, signed by both parties ---------------------------------
    body = {"starts_on": "2027-01-01", "ends_on": "2028-12-31", "options": "1 + 1 år"}
    assert post(client, f"{url}/contracts", buyer, body).status_code == 409
    clock.set(datetime(2026, 12, 29, 8, 0, tzinfo=UTC))
    assert ok(client.get(f"{API}{url}/standstill", **buyer))["ended"] is True
    (contract,) = ok(post(client, f"{url}/contracts", buyer, body), 201)
    assert contract["value"] == "3761500.00" and contract["signature_valid"] is True
    assert client.get(f"{API}/contracts/{contract['id']}", **beta).status_code == 404
    clock.advance(hours=2)
    ok(post(client, f"/contracts/{contract['id']}/confirm", alfa))
    clock.advance(hours=1)
    assert ok(post(client, f"/contracts/{contract['id']}/confirm", buyer))["status"] == "signed"
    document = client.get(f"{API}/contracts/{contract['id']}/document.pdf", **alfa)
    assert document.status_code == 200 and document.content.startswith(b"%PDF")

    # --- protocol ---------------------------------------------------------------------------
    verification = ok(client.get(f"{API}/procurements/{ref}/protocol/verification", **reader))
    assert verification["ok"] is True and verification["problems"] == []
    chains = [ref, f"{ref}/sealed"]  # after opening: the main chain and the sealed part
    everything = ProtocolEvent.objects.filter(procurement_id__in=chains)
    types = set(everything.values_list("type", flat=True))
    assert verification["events"] == everything.count()
    # The refused early opening and the refused late submission are on record.
    assert {"opening.refused", "tender.refused", "tenders.opened"} <= types, types
    report = ok(client.get(f"{API}{url}/protocol-report", **reader))
    # Art. 84(1): (a) authority, subject and value
    assert report["authority"]["name"] == "Testkommune"
    assert report["subject"]["title"] == "Brøyting og strøing 2027-2029"
    assert report["subject"]["estimated_value"] == "3500000.00"
    assert report["subject"]["contract_value"] == "3761500.00"
    # (b) selected candidates and reasons, (c) rejected with reasons, (d) abnormally low
    assert {s["supplier"] for s in report["selected"]} == {"Alfa Brøyt AS", "Beta Vei AS"}
    assert all(r["outcome"] == "pass" for s in report["selected"] for r in s["requirements"])
    assert [(r["supplier"], r["reason"]) for r in report["rejected"]] == [
        ("Gamma Maskin AS", failed[0]["reason"])
    ]
    assert report["abnormally_low_rejected"] == []
    # (e) the winner and why
    (award,) = report["awards"]
    assert award["winner"] == "Alfa Brøyt AS"
    assert award["reasons"] == "Beste forhold mellom pris og kvalitet."
    assert award["standstill_ends_at"]
    # (h) no cancellation; (j) conflicts of interest declared
    assert report["cancellation"] is None
    assert [c["has_conflict"] for c in report["conflicts_of_interest"]] == [False]
    assert len(report["tenderers"]) == 3
    assert report["contracts"][0]["status"] and report["protocol"]["ok"] is True
    pdf = client.get(f"{API}{url}/protocol-report.pdf", **reader)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
