"""Acceptance (issue 4, "Security and bad input"): nothing of a tender leaks before
opening.

Every URL pattern (walked recursively through the resolver, admin and i18n
included) and every API route is requested with GET and HEAD as every role:
anonymous, each buyer role, a superuser, supplier A and supplier B. Path
parameters are filled from a procurement with two sealed tenders whose file,
ESPD answer and price each carry a unique plaintext marker. Before opening no
response body, no admin view and no log record holds a marker, the raw
database and the storage directory hold none either, and refused attempts are
in the ledger. Nothing derived from the tenders reaches a buyer role either: every
page and route a buyer role reads is byte for byte the same after one more tender
arrives (no count, time, size or id), and none names a tender id or the new
tendering supplier. Supplier B never reaches A's tender, receipt or letters, before
or after the award. After opening an authorised buyer reads the markers.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from heldigital import espd
from heldigital.apps.accounts.models import Organisation, OrganisationKind, Role, User
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions import services as submissions
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering import services as tendering
from heldigital.apps.tendering.models import AwardCriterion, Procurement
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.platform.api import api
from tests.platform.conftest import acting, make_user
from tests.platform.tendering.conftest import EEA_NOTICE, PDF, draft_data

from .conftest import bearer
from .test_open_procedure_api import party, year

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 8, 11, 0, tzinfo=UTC)
SUBMITTED = DEADLINE - timedelta(days=2)

#: The plaintext markers, per supplier: in a tender file, an ESPD answer and a price.
MARKERS = {
    "A": {"file": "LEAKMARK-A-FILE-Q7Z", "espd": "LEAKMARK-A-ESPD-K2V", "price": "48213.77"},
    "B": {"file": "LEAKMARK-B-FILE-W9X", "espd": "LEAKMARK-B-ESPD-R4T", "price": "51977.13"},
}
ALL_MARKERS = [m for per in MARKERS.values() for m in per.values()]
BUYER_ROLES = [
    Role.BUYER_ADMIN,
    Role.PROCUREMENT_OFFICER,
    Role.OPENER,
    Role.APPROVER,
    Role.EVALUATOR,
    Role.AUDITOR,
]


def attachment(marker: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Beskrivelse><Tekst>'
        + marker
        + "</Tekst><Fyll>"
        + "x" * 9000
        + "</Fyll></Beskrivelse>\n"
    ).encode()


def espd_answer(request: bytes, org: Organisation, marker: str) -> bytes:
    answers = [
        espd.Answer(
            criterion=r.criterion,
            indicator=r.criterion == "bankruptcy",
            description=marker if r.criterion == "bankruptcy" else "",
            continuation="Driften fortsetter." if r.criterion == "bankruptcy" else "",
        )
        for r in espd.parse_request(request).requirements
        if espd.criteria.get(r.criterion).section is espd.Section.EXCLUSION
    ]
    answers.append(
        espd.Answer(
            criterion="gen-year-to",
            yearly=(year(2023, "1500000"), year(2024, "1600000"), year(2025, "1700000")),
        )
    )
    return espd.response(
        request, answers, operator=espd.Party(name=org.name, orgnr=org.orgnr), issued=SUBMITTED
    )


def catalogue(org: Organisation, buyer: Organisation, price: str) -> bytes:
    return Catalogue.from_items(
        id=f"TC-{org.orgnr}",
        issue_date=date(2026, 12, 1),
        provider=party(org),
        receiver=party(buyer),
        items=[
            CatalogueItem(id="1", description="Brøyting", unit="HUR", price=Decimal(price)),
            CatalogueItem(id="2", description="Strøsand", unit="TNE", price=Decimal("300")),
        ],
        currency="NOK",
    ).to_xml()


@dataclass
class World:
    procurement: Procurement
    buyer: Organisation
    users: dict[str, User]
    suppliers: dict[str, Organisation]
    tenders: dict[str, Tender]
    quality: AwardCriterion


@pytest.fixture
def world(municipality, server_clock) -> World:
    """A published open procedure (EEA) with sealed tenders from suppliers A and B."""
    users = {
        role: make_user(f"buyer-{role}", (municipality, role)) for role in map(str, BUYER_ROLES)
    }
    users["opener2"] = make_user("buyer-opener2", (municipality, Role.OPENER))
    superuser = make_user("root")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    users["superuser"] = superuser
    officer = users[Role.PROCUREMENT_OFFICER]
    common = {"principal": acting(officer, municipality), "now": START}
    data = draft_data(
        START,
        procedure="open",
        estimated_value=Decimal("3500000"),
        award_method="best_price_quality",
        contract_duration_months=24,
        place_of_performance="NO081",
        review_body_name="Oslo tingrett",
        review_body_orgnr="926725939",
        review_body_town="Oslo",
        **EEA_NOTICE,
        questions_deadline=DEADLINE - timedelta(days=10),
        tender_deadline=DEADLINE,
        tender_validity_until=DEADLINE + timedelta(days=90),
    )
    procurement = tendering.create_draft(
        principal=acting(officer, municipality), data=data, now=START
    )
    for line, name, unit, quantity in (
        ("1", "Brøyting", "HUR", "40"),
        ("2", "Strøsand", "TNE", "12"),
    ):
        tendering.add_request_item(
            procurement,
            line_id=line,
            name=name,
            unit_code=unit,
            estimated_quantity=quantity,
            **common,
        )
    tendering.add_requirement(
        procurement,
        criterion_code="gen-year-to",
        threshold="1000000",
        threshold_unit="NOK",
        **common,
    )
    tendering.add_requirement(procurement, criterion_code="bankruptcy", **common)
    tendering.add_award_criterion(
        procurement, name="Pris", kind="price", weight="60", description="Samlet pris", **common
    )
    quality = tendering.add_award_criterion(
        procurement,
        name="Kvalitet",
        kind="quality",
        weight="40",
        description="Servicenivå",
        **common,
    )
    tendering.add_document(
        procurement, title="Konkurransegrunnlag", filename="grunnlag.pdf", content=PDF, **common
    )
    tendering.publish(procurement, principal=acting(officer, municipality), now=START)
    procurement.refresh_from_db()
    request = bytes(procurement.espd_requests.latest("created_at").xml)

    suppliers, tenders = {}, {}
    for index, (key, name, orgnr) in enumerate(
        (("A", "Alfa Brøyt AS", "920000029"), ("B", "Beta Vei AS", "920000037"))
    ):
        org = Organisation.objects.create(name=name, kind=OrganisationKind.SUPPLIER, orgnr=orgnr)
        user = make_user(f"supplier-{key}", (org, Role.SUPPLIER_USER))
        users[key] = user
        suppliers[key] = org
        at = START + timedelta(days=1, hours=index)
        tendering.register_interest(procurement, principal=acting(user, org), now=at)
        tendering.ask_question(
            procurement, principal=acting(user, org), text=f"Spørsmål fra {name}", now=at
        )
    # The first question is answered and published anonymised (notifications exist).
    question = procurement.questions.order_by("number").first()
    tendering.answer_question(
        question,
        principal=acting(officer, municipality),
        answer="Ja.",
        published_question="Gjelder kravet alle?",
        now=START + timedelta(days=2),
    )
    for index, key in enumerate(("A", "B")):
        org, user = suppliers[key], users[key]
        at = SUBMITTED + timedelta(minutes=index)
        tender = submissions.start_tender(procurement, principal=acting(user, org), now=at)
        markers = MARKERS[key]
        for kind, filename, content_type, content in (
            (
                "espd-response",
                "espd.xml",
                "application/xml",
                espd_answer(request, org, markers["espd"]),
            ),
            (
                "tender-catalogue",
                "katalog.xml",
                "application/xml",
                catalogue(org, municipality, markers["price"]),
            ),
            ("attachment", "beskrivelse.xml", "application/xml", attachment(markers["file"])),
        ):
            submissions.add_document(
                tender,
                principal=acting(user),
                kind=kind,
                name=filename,
                content_type=content_type,
                content=content,
                now=at,
            )
        submissions.submit(tender, principal=acting(user), now=at)
        tender.refresh_from_db()
        tenders[key] = tender
    server_clock.set(SUBMITTED + timedelta(hours=1))
    return World(procurement, municipality, users, suppliers, tenders, quality)


# --- walking every URL -----------------------------------------------------------------


def patterns(resolver: URLResolver | None = None, prefix: str = ""):
    """(route, is_regex) of every URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, route)
        else:
            assert isinstance(entry, URLPattern)
            yield route


def _group_end(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError(text)


def expand(route: str, values: dict[str, list[str]]) -> list[str]:
    """Concrete paths for a route: path converters and named regex groups filled
    with every value given for their name (alternatives of a regex group used as
    they are)."""
    route = route.replace("^", "").replace("$", "")
    match = re.search(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    if match is None:
        return ["/" + route.replace("\\", "")]
    name = match.group(1) or match.group(2)
    if match.group(1):
        head, tail, body = route[: match.start()], route[match.end() :], None
    else:
        end = _group_end(route, match.start())
        head, tail, body = route[: match.start()], route[end + 1 :], route[match.end() : end]
    if name in values:
        choices = values[name]
    elif body is not None and re.fullmatch(r"[\w|]+", body):
        choices = body.split("|")
    else:
        choices = ["x"]
    return [path for choice in choices for path in expand(head + choice + tail, values)]


def parameter_values(world: World) -> dict[str, list[str]]:
    tenders = list(world.tenders.values())
    files = [str(f.id) for t in tenders for f in t.files.all()]
    uploads = [str(u.id) for t in tenders for u in t.uploads.all()]
    document = world.procurement.documents.get()
    notifications = [
        str(pk) for pk in world.procurement.notifications.values_list("pk", flat=True)
    ] or ["1"]
    from heldigital.apps.contracts.models import Contract
    from heldigital.apps.evaluation.models import Exclusion, Letter, QualificationDecision
    from heldigital.apps.exchange.models import Document as ExchangeDocument
    from heldigital.apps.invoicing.models import ReceivedInvoice
    from heldigital.apps.ordering.models import CatalogueVersion, DespatchRecord, PurchaseOrder

    def ids(model, **filters):
        found = [str(pk) for pk in model.objects.filter(**filters).values_list("pk", flat=True)]
        return found or ["1"]

    return {
        "reference": [world.procurement.reference],
        "procurement_id": [world.procurement.reference],
        "orgnr": [o.orgnr for o in world.suppliers.values()] + [world.buyer.orgnr],
        "document_id": [str(document.pk)],
        "number": ["1"],
        "notification_id": notifications,
        "tender_id": [str(t.id) for t in tenders],
        "file_id": files,
        "upload_id": uploads,
        "letter_id": ids(Letter),
        "exclusion_id": ids(Exclusion),
        "decision_id": ids(QualificationDecision)[:3],
        "request_id": ["1"],
        "contract_id": [str(pk) for pk in Contract.objects.values_list("pk", flat=True)]
        or ["00000000-0000-4000-8000-000000000000"],
        "part": ["lot"],
        "action": ["qualify"],
        "rest": ["nothing-here"],
        "url": ["nothing-here"],
        "content_type_id": ["1"],
        "object_id": ["1"],
        "id": ["1"],
        "app_label": None,  # regex alternatives
        # The address register (smp app): the parties' own participant identifiers.
        "identifier": [
            f"iso6523-actorid-upis::0192:{o.orgnr}"
            for o in [*world.suppliers.values(), world.buyer]
        ],
        "participant": [
            f"iso6523-actorid-upis::0192:{o.orgnr}"
            for o in [*world.suppliers.values(), world.buyer]
        ],
        "capability_id": ["1"],
        "document_type": ["busdox-docid-qns::nothing-here"],
        # The exchange (inbox and outbox): its documents' ids, or one that does not exist.
        "exchange_id": [str(pk) for pk in ExchangeDocument.objects.values_list("pk", flat=True)]
        or ["00000000-0000-4000-8000-000000000000"],
        # The invoicing app's received invoices: their ids, or one that does not exist.
        "invoice_id": [str(pk) for pk in ReceivedInvoice.objects.values_list("pk", flat=True)]
        or ["00000000-0000-4000-8000-000000000000"],
        # The ordering app: catalogue versions, orders and despatch advices, or none.
        "version_id": [str(pk) for pk in CatalogueVersion.objects.values_list("pk", flat=True)]
        or ["00000000-0000-4000-8000-000000000000"],
        "order_id": [str(pk) for pk in PurchaseOrder.objects.values_list("pk", flat=True)]
        or ["00000000-0000-4000-8000-000000000000"],
        "despatch_id": ids(DespatchRecord),
    }


def all_paths(world: World) -> list[str]:
    values = {k: v for k, v in parameter_values(world).items() if v is not None}
    paths = {path for route in patterns() for path in expand(route, values)}
    return sorted(paths)


def admin_object_paths() -> list[str]:
    """Change, history and delete views of every object of every admin model."""
    paths = []
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        paths.append(base)
        paths.append(base + "?q=LEAKMARK")
        for pk in model.objects.order_by("-pk").values_list("pk", flat=True)[:25]:
            paths += [f"{base}{pk}/change/", f"{base}{pk}/history/", f"{base}{pk}/delete/"]
    return paths


@dataclass
class Walk:
    responses: int = 0
    leaks: list[tuple[str, str, str, str]] = field(default_factory=list)
    errors: list[tuple[str, str, int]] = field(default_factory=list)
    bodies: dict[tuple[str, str], bytes] = field(default_factory=dict)
    ok: set[tuple[str, str]] = field(default_factory=set)


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def walk(world: World, who: str, client: Client, headers: dict[str, str], paths, markers) -> Walk:
    """GET every path; HEAD where GET answered 200 (HEAD runs the same view, and a
    refused or redirected GET is refused or redirected for HEAD alike: the HEAD check
    is about the headers of what is served)."""
    result = Walk()
    for path in paths:
        extra = headers if path.startswith("/api/") else {}
        for method in ("get", "head"):
            response = getattr(client, method)(path, **extra)
            result.responses += 1
            body = body_of(response)
            text = body + " ".join(f"{k}: {v}" for k, v in response.items()).encode()
            text = text.replace(path.encode(), b"")  # problem details echo the path
            for marker in markers:
                if marker.encode() in text:
                    result.leaks.append((who, method, path, marker))
            if response.status_code >= 500:
                result.errors.append((who, path, response.status_code))
            if method == "get":
                result.bodies[(who, path)] = body
                if response.status_code != 200:
                    break
                result.ok.add((who, path))
    return result


def principals(world: World) -> dict[str, tuple[Client, dict[str, str]]]:
    """Every role: a client logged in for the web pages, and for organisation members
    the bearer token its system uses on the API (sent on /api/ paths only)."""
    out: dict[str, tuple[Client, dict[str, str]]] = {"anonymous": (Client(), {})}
    members = [(str(role), world.users[str(role)], world.buyer) for role in BUYER_ROLES]
    members += [(f"supplier {k}", world.users[k], world.suppliers[k]) for k in ("A", "B")]
    for who, user, organisation in members:
        session = Client()
        session.force_login(user)
        out[who] = (session, bearer(user, organisation, START))
    superuser = Client()
    superuser.force_login(world.users["superuser"])
    out["superuser"] = (superuser, {})
    return out


# --- raw storage -------------------------------------------------------------------------


def raw_database() -> bytes:
    """Every byte the database holds: the SQLite file image, or on PostgreSQL every
    text, JSON and bytea column of every table in the schema."""
    if connection.vendor == "sqlite":
        return connection.connection.serialize()
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN "
            "('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'xml')"
        )
        columns = cursor.fetchall()
        assert columns
        for table, column, _data_type in columns:
            cursor.execute(f'SELECT "{column}" FROM "{table}"')
            for (value,) in cursor.fetchall():
                if value is None:
                    continue
                if isinstance(value, memoryview | bytes):
                    chunks.append(bytes(value))
                else:
                    chunks.append(str(value).encode())
    return b"\n".join(chunks)


def storage_bytes(root: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


# --- the tests -------------------------------------------------------------------------


def test_nothing_leaks_before_opening(world, caplog, sealed_storage, client, server_clock):
    caplog.set_level(logging.DEBUG)
    paths = all_paths(world)
    assert len(paths) > 150
    assert any(p.startswith("/admin/") for p in paths) and "/i18n/setlang/" in paths
    assert any("/tenders/" in p and "/files/" in p for p in paths)
    # Every GET route the NinjaAPI itself declares is in the walk.
    values = parameter_values(world)
    schema = api.get_openapi_schema()
    for route, methods in schema["paths"].items():
        if "get" in methods:
            filled = re.sub(r"\{(\w+)\}", lambda m: values[m[1]][0], route)
            assert filled in paths, route
    # A supplier that has not tendered yet (it will, before a second look by the buyers).
    gamma = Organisation.objects.create(
        name="Gamma Grus AS", kind=OrganisationKind.SUPPLIER, orgnr=GAMMA_ORGNR
    )
    make_user("supplier-C", (gamma, Role.SUPPLIER_USER))
    every = principals(world)
    leaks, errors, responses = [], [], 0
    seen_by_buyers: dict[tuple[str, str], bytes] = {}
    for who, (c, headers) in every.items():
        result = walk(world, who, c, headers, paths, ALL_MARKERS)
        leaks += result.leaks
        errors += result.errors
        responses += result.responses
        if who in map(str, BUYER_ROLES):
            seen_by_buyers.update({key: result.bodies[key] for key in result.ok})
        if who == "supplier B":
            # B never reaches A's tender, its files, uploads or receipt.
            a = world.tenders["A"]
            for (_, path), body in result.bodies.items():
                # (problem details name the requested path as their instance)
                assert str(a.id).encode() not in body.replace(path.encode(), b""), path
    c, _ = every["superuser"]
    admin_result = walk(world, "superuser", c, {}, admin_object_paths(), ALL_MARKERS)
    leaks += admin_result.leaks
    errors += admin_result.errors
    assert responses > 1500
    assert leaks == []
    assert errors == []
    buyers_learn_nothing_derived_from_the_tenders(world, every, seen_by_buyers, server_clock)
    for record in caplog.records:
        message = record.getMessage() + str(record.__dict__)
        assert not any(m in message for m in ALL_MARKERS), message

    # Supplier B gets 404 for A's tender everywhere (not 403: it does not exist for B).
    b_client, b_headers = every["supplier B"]
    a = world.tenders["A"]
    for path in (
        f"/api/v1/tenders/{a.id}",
        f"/api/v1/tenders/{a.id}/receipt",
        f"/api/v1/tenders/{a.id}/receipt.xml",
        f"/api/v1/tenders/{a.id}/receipt.pdf",
        *(f"/api/v1/uploads/{u.id}" for u in a.uploads.all()),
        f"/supplier/receipts/{a.id}.pdf",
        f"/supplier/receipts/{a.id}.xml",
    ):
        assert b_client.get(path, **b_headers).status_code == 404, path

    # The refused early reads are in the ledger (in its sealed part: they name a tender);
    # so is a refused early opening.
    ref = world.procurement.reference
    reads = ProtocolEvent.objects.filter(procurement_id=f"{ref}/sealed", type="tender.read.refused")
    assert reads.count() >= len(BUYER_ROLES)
    opener_client, opener_headers = every[str(Role.OPENER)]
    early = opener_client.post(f"/api/v1/procurements/{ref}/opening", **opener_headers)
    assert early.status_code == 403
    assert ProtocolEvent.objects.filter(procurement_id=ref, type="opening.refused").exists()

    # The raw database and the storage directory hold ciphertext only.
    database = raw_database()
    assert len(database) > 10_000
    assert "Alfa Brøyt AS".encode() in database  # the search sees plaintext where it is
    stored = storage_bytes(sealed_storage)
    assert len(stored) > 6 * 9000  # the sealed tender files are there
    assert PDF in stored  # so is the (public) procurement document, in the clear
    for marker in ALL_MARKERS:
        assert marker.encode() not in database, marker
        assert marker.encode() not in stored, marker
        assert marker.encode().hex().encode() not in database.lower(), marker


GAMMA_ORGNR = "920000045"

_VOLATILE = re.compile(
    rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": "|data-csrf-token="|csrftoken=)[^"&;]*'
)


_FLASH = re.compile(
    rb'<div class="ds-alert" data-color="[a-z]+" role="(?:status|alert)">\s*'
    rb'<p class="ds-paragraph">[^<]*</p>\s*</div>'
    # Error messages are an error summary on top of the page (and "Feil: " in the title).
    rb'|<div class="ds-error-summary" data-flash .*?</ul>\s*</div>|(?<=<title>)(?:Error|Feil): ',
    re.DOTALL,
)


_SPACE = re.compile(rb"\s+")


def _normalised(body: bytes) -> bytes:
    if body.startswith(b"PK\x03\x04"):  # a zip: its entries, not their timestamps
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return b"\n".join(
                info.filename.encode() + b"\0" + archive.read(info) for info in archive.infolist()
            )
    # A flash message (Django messages) is shown on whichever page comes next in the walk,
    # so it moves between pages from one walk to the other; the leak checks above still
    # read it in the raw bodies.
    return _SPACE.sub(b" ", _FLASH.sub(b"", _VOLATILE.sub(rb"\1", body)))


def buyers_learn_nothing_derived_from_the_tenders(world, every, seen, clock) -> None:
    """Before opening, every page and API route a buyer role reads is byte for byte the
    same after one more tender arrives - so it shows no number, time, size, id or
    supplier of tenders, nor anything derived from them - and none names a tender id
    or a tendering supplier (the suppliers of the world also asked questions, which
    buyers do see, so the new tender comes from a supplier unknown to the buyer)."""
    assert len(seen) > 50
    ids = [str(t.id).encode() for t in world.tenders.values()]
    assert [key for key, body in seen.items() if any(i in body for i in ids)] == []
    # At the same server time (pages show the server time), after every tender so far.
    clock_now = clock.now
    org = Organisation.objects.get(orgnr=GAMMA_ORGNR)
    user = org.memberships.get().user
    tender = submissions.start_tender(world.procurement, principal=acting(user, org), now=clock_now)
    submissions.add_document(
        tender,
        principal=acting(user),
        kind="attachment",
        name="gamma.xml",
        content_type="application/xml",
        content=attachment("GAMMA-" + "7" * 4000),
        now=clock_now,
    )
    submissions.submit(tender, principal=acting(user), now=clock_now)
    secrets = [str(tender.id).encode(), b"Gamma Grus", GAMMA_ORGNR.encode(), b"920 000 045"]
    changed, named = [], []
    for (who, path), body in sorted(seen.items()):
        c, headers = every[who]
        again = body_of(c.get(path, **(headers if path.startswith("/api/") else {})))
        old, new = _normalised(body), _normalised(again)
        if old != new:
            at = next(
                i for i, (x, y) in enumerate(zip(old + b"\0", new + b"\0", strict=False)) if x != y
            )
            changed.append(
                (who, path, old[max(0, at - 80) : at + 80], new[max(0, at - 80) : at + 80])
            )
        # (the organisation register lists Gamma as it did before: that is not a tender)
        if any(secret in again and secret not in body for secret in secrets):
            named.append((who, path))
    assert changed == [], "\n".join(repr(c) for c in changed)
    assert named == []


def _open(world: World, clock) -> None:
    clock.set(DEADLINE + timedelta(minutes=1))
    for who in (str(Role.OPENER), "opener2"):
        submissions.open_tenders(
            world.procurement, principal=acting(world.users[who], world.buyer), now=clock.now
        )
        clock.advance(minutes=1)


def test_after_opening_the_buyer_reads_and_b_still_never_sees_a(world, server_clock):
    _open(world, server_clock)
    every = principals(world)
    ref = world.procurement.reference
    evaluator, headers = every[str(Role.EVALUATOR)]
    overview = evaluator.get(f"/api/v1/procurements/{ref}/tenders", **headers).json()
    assert overview["opened"] is True
    by_orgnr = {t["supplier_orgnr"]: t for t in overview["tenders"]}
    for key, org in world.suppliers.items():
        entry = by_orgnr[org.orgnr]
        content = b""
        for tender_file in entry["files"]:
            response = evaluator.get(
                f"/api/v1/procurements/{ref}/tenders/{entry['tender']}/files/{tender_file['id']}",
                **headers,
            )
            assert response.status_code == 200
            content += body_of(response)
        for marker in MARKERS[key].values():
            assert marker.encode() in content, (key, marker)

    # The walk finds the markers where they now are (it is not blind).
    found = walk(
        world,
        "evaluator",
        evaluator,
        headers,
        [p for p in all_paths(world) if "/files/" in p and "/tenders/" in p],
        ALL_MARKERS,
    )
    assert {marker for *_, marker in found.leaks} == set(ALL_MARKERS)

    # Qualify, score, award, letters: then B walks everything again.
    officer = world.users[str(Role.PROCUREMENT_OFFICER)]
    scorer = world.users[str(Role.EVALUATOR)]
    common: dict[str, object] = {}
    server_clock.advance(hours=1)
    decisions = evaluation.run_qualification(
        world.procurement, principal=acting(officer), now=server_clock.now, **common
    )
    review = [d for d in decisions if d.automatic_outcome != "pass"]
    assert {d.criterion for d in review} == {"bankruptcy"}  # with continuation: to review
    for decision in review:
        evaluation.override_decision(
            decision,
            outcome="pass",
            reason="Kan gjennomføre kontrakten.",
            principal=acting(scorer),
            now=server_clock.now,
            **common,
        )
    for key, points in (("A", "8"), ("B", "5")):
        evaluation.score_quality(
            world.tenders[key],
            world.quality,
            score=points,
            comment="Vurdert.",
            principal=acting(scorer),
            now=server_clock.now,
            **common,
        )
    evaluation.compute_evaluation(
        world.procurement, principal=acting(officer), now=server_clock.now, **common
    )
    evaluation.decide_award(
        world.procurement,
        principal=acting(officer),
        now=server_clock.now,
        reasons="Best samlet.",
        abnormally_low_explanation="Prisene er forklart.",
        **common,
    )
    server_clock.advance(hours=1)
    evaluation.send_letters(
        world.procurement, principal=acting(officer), now=server_clock.now, **common
    )
    from heldigital.apps.evaluation.models import Letter

    a_letters = list(Letter.objects.filter(supplier=world.suppliers["A"]))
    assert a_letters
    paths = all_paths(world)
    a = world.tenders["A"]
    secrets = [*MARKERS["A"].values(), str(a.id)]
    for who in ("supplier B",):
        c, h = every[who]
        result = walk(world, who, c, h, paths, secrets)
        assert result.leaks == []
        assert result.errors == []
        for letter in a_letters:
            assert c.get(f"/api/v1/letters/{letter.pk}", **h).status_code == 404
            assert c.get(f"/api/v1/letters/{letter.pk}/pdf", **h).status_code == 404
            assert c.get(f"/supplier/letters/{letter.pk}.pdf").status_code in (302, 403, 404)
        for letter in Letter.objects.filter(supplier=world.suppliers["B"]):
            subject = letter.subject.encode()
            assert any(subject in body for body in result.bodies.values())
