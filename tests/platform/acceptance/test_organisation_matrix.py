"""Acceptance (issue 7, "authorisation by organisation"): acting for one organisation
never grants what only a role in another organisation allows.

The world is the sealed procurement of the no-leak walk (a municipality buying;
suppliers A and B with sealed tenders, the deadline passed so that an opener
*could* open), a draft procurement of a second public body (the agency), and two
people with several memberships:

* ``mixed1``: supplier user at A **and** every buyer role at the municipality;
* ``mixed2``: procurement officer at the agency **and** supplier user at B.

Each of them acts, in turn, for each of their organisations X (a browser session
that chose X with the organisation switcher; an API token issued for X). Beside
each stands a *control*: a user holding exactly the same roles at X and nowhere
else. Every route is requested by both - every URL pattern of the URL conf
(expanded with real ids) with GET and POST, and every operation of the OpenAPI
schema with its own method and a minimal valid body - each request in a
savepoint that is rolled back, so both see the same world. The rule: the
person acting for X gets exactly the control's status code, and no response
holds another organisation's private identifiers (tender, upload and file ids,
sealed markers, the agency's draft) unless the control's response holds them
too. A new route is covered without touching this file: the walk is derived
from the URL conf and the schema, and the test fails if it missed one.

``test_the_exploit`` is the reported attack, step by step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone

from heldigital.apps.accounts.access import SESSION_ORGANISATION_KEY
from heldigital.apps.accounts.models import (
    ApiToken,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions.models import OpeningAct, OpeningRecord
from heldigital.apps.tendering import services as tendering
from heldigital.platform.api import api
from tests.platform.conftest import LONG_LIVED, PASSWORD, acting, make_user
from tests.platform.tendering.conftest import PDF, draft_data

from . import test_no_leak_before_opening as no_leak
from .test_no_leak_before_opening import (
    ALL_MARKERS,
    BUYER_ROLES,
    DEADLINE,
    World,
    body_of,
    expand,
    parameter_values,
    patterns,
)

#: The sealed procurement of the no-leak walk (a fixture).
world = no_leak.world

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1"
#: Web paths not requested with POST: they end the session or change its language,
#: which would change what every later request of the same client sees.
NO_POST = ("/logout/", "/i18n/setlang/")
#: Extra values for path parameters that name an action, so POST reaches each one.
ACTIONS = [
    "run",
    "override",
    "evidence",
    "evidence-received",
    "exclude",
    "confirm-exclusion",
    "score",
    "compute",
    "award",
    "send",
    "conclude",
    "sign",
    "declare",
]


@dataclass
class Actor:
    """A user acting for one organisation: a browser session and an API token."""

    name: str
    user: User
    organisation: Organisation
    session: Client
    token: dict[str, str]


def _actor(name: str, user: User, organisation: Organisation) -> Actor:
    session = Client()
    assert session.login(username=user.get_username(), password=PASSWORD)
    response = session.post("/organisation/", {"orgnr": organisation.orgnr})
    assert response.status_code == 302, (name, response.status_code)
    assert session.session[SESSION_ORGANISATION_KEY] == organisation.orgnr
    _, raw = ApiToken.issue(
        user=user,
        organisation=organisation,
        name=name,
        now=timezone.now(),
        expires_at=timezone.now() + LONG_LIVED,
    )
    return Actor(name, user, organisation, session, {"HTTP_AUTHORIZATION": f"Bearer {raw}"})


@dataclass
class Matrix:
    world: World
    agency: Organisation
    draft_reference: str
    pairs: list[tuple[Actor, Actor]]  # (a person with several memberships, the control)
    secrets: list[str]


@pytest.fixture
def matrix(world: World, server_clock) -> Matrix:
    municipality = world.buyer
    agency = Organisation.objects.create(
        name="Testdirektoratet", kind=OrganisationKind.PUBLIC_BODY, orgnr="920000010"
    )
    a, b = world.suppliers["A"], world.suppliers["B"]
    buyer_roles = [str(role) for role in BUYER_ROLES]
    mixed1 = make_user("mixed1", (a, Role.SUPPLIER_USER), *((municipality, r) for r in buyer_roles))
    mixed2 = make_user("mixed2", (agency, Role.PROCUREMENT_OFFICER), (b, Role.SUPPLIER_USER))
    control_buyer = make_user("control-buyer", *((municipality, r) for r in buyer_roles))
    control_agency = make_user("control-agency", (agency, Role.PROCUREMENT_OFFICER))
    draft = tendering.create_draft(
        principal=acting(control_agency),
        data=draft_data(server_clock.now, title="Direktoratets utkast"),
        now=server_clock.now,
    )
    # After the deadline: an opener of the municipality could open now.
    server_clock.set(DEADLINE + timedelta(minutes=5))
    pairs = [
        (_actor("mixed1@A", mixed1, a), _actor("control A", world.users["A"], a)),
        (
            _actor("mixed1@municipality", mixed1, municipality),
            _actor("control municipality", control_buyer, municipality),
        ),
        (
            _actor("mixed2@agency", mixed2, agency),
            _actor("control agency", control_agency, agency),
        ),
        (_actor("mixed2@B", mixed2, b), _actor("control B", world.users["B"], b)),
    ]
    secrets = [*ALL_MARKERS, draft.reference]
    for tender in world.tenders.values():
        secrets.append(str(tender.id))
        secrets += [str(pk) for pk in tender.uploads.values_list("id", flat=True)]
        secrets += [str(pk) for pk in tender.files.values_list("id", flat=True)]
    return Matrix(world, agency, draft.reference, pairs, secrets)


# --- the requests -----------------------------------------------------------------------


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def example(schema: dict[str, Any], node: dict[str, Any], depth: int = 0) -> Any:
    """A small value that satisfies ``node`` (required members only)."""
    node = _resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            choices = [_resolve(schema, n) for n in node[key]]
            usable = [c for c in choices if c.get("type") != "null"] or choices
            return example(schema, usable[0], depth + 1)
    if "enum" in node:
        return node["enum"][0]
    if "default" in node:
        return node["default"]
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        if depth > 4:
            return {}
        return {
            name: example(schema, node["properties"][name], depth + 1)
            for name in node.get("required", [])
        }
    if kind == "array":
        return []
    if kind == "integer":
        return max(1, int(node.get("minimum", 1)))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    fmt = node.get("format")
    if fmt == "date-time":
        return (DEADLINE + timedelta(days=30)).isoformat()
    if fmt == "date":
        return (DEADLINE + timedelta(days=30)).date().isoformat()
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    return "x" * max(1, int(node.get("minLength", 1)))


def multipart(schema: dict[str, Any], node: dict[str, Any]) -> bytes:
    """A multipart body with a PDF for each file field and examples for the rest."""
    node = _resolve(schema, node)
    fields: dict[str, Any] = {}
    for name, prop in node.get("properties", {}).items():
        prop = _resolve(schema, prop)
        binary = prop.get("format") == "binary" or prop.get("items", {}).get("format") == "binary"
        if binary:
            fields[name] = SimpleUploadedFile("grunnlag.pdf", PDF, "application/pdf")
        elif name in node.get("required", []):
            fields[name] = example(schema, prop)
    return encode_multipart(BOUNDARY, fields)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    content_type: str = ""

    @property
    def api(self) -> bool:
        return self.path.startswith(API_PREFIX + "/")


def api_requests(values: dict[str, list[str]]) -> list[Request]:
    """Every operation of the OpenAPI schema, its path filled with every known value."""
    schema = api.get_openapi_schema()
    out = []
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            query = {
                p["name"]: (values.get(p["name"]) or ["0"])[0]
                for p in operation.get("parameters", [])
                if p["in"] == "query" and p.get("required")
            }
            body, content_type = b"", ""
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                value = example(schema, content["application/json"]["schema"])
                body, content_type = json.dumps(value).encode(), "application/json"
            elif "multipart/form-data" in content:
                body = multipart(schema, content["multipart/form-data"]["schema"])
                content_type = MULTIPART_CONTENT
            elif content:
                content_type = next(iter(content))
                body = b"<x/>" if "xml" in content_type else b"x"
            paths = [route]
            for name in re.findall(r"\{(\w+)\}", route):
                choices = values.get(name) or ["x"]
                paths = [p.replace("{" + name + "}", c) for p in paths for c in choices]
            suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
            out += [Request(method.upper(), p + suffix, body, content_type) for p in paths]
    return out


def web_requests(values: dict[str, list[str]]) -> list[Request]:
    """Every URL pattern outside the API, expanded, with GET and with POST."""
    out = []
    for path in sorted({path for route in patterns() for path in expand(route, values)}):
        if path.startswith(API_PREFIX + "/"):
            continue
        out.append(Request("GET", path))
        if not path.startswith(NO_POST):
            out.append(Request("POST", path, b"", "application/x-www-form-urlencoded"))
    return out


def send(actor: Actor, request: Request) -> tuple[int, bytes]:
    """The request as ``actor`` (token on the API, session on the web), rolled back after."""
    client = actor.session
    extra = actor.token if request.api else {}
    with transaction.atomic():
        response = client.generic(
            request.method,
            request.path,
            data=request.body,
            content_type=request.content_type or "application/octet-stream",
            **extra,
        )
        body = body_of(response)
        transaction.set_rollback(True)
    headers = " ".join(f"{k}: {v}" for k, v in response.items()).encode()
    text = (body + headers).replace(request.path.split("?")[0].encode(), b"")
    return response.status_code, text


# --- the tests -------------------------------------------------------------------------


def test_acting_for_one_organisation_never_uses_roles_held_in_another(matrix: Matrix):
    world = matrix.world
    values = parameter_values(world)
    values["reference"] = values["procurement_id"] = [
        world.procurement.reference,
        matrix.draft_reference,
    ]
    # At most two values per parameter (the first and the last: one of A's ids and one
    # of B's) keep the walk cheap; every route is still requested.
    values = {k: list(dict.fromkeys([v[0], v[-1]])) for k, v in values.items() if v}
    values["action"] = ACTIONS
    requests = web_requests(values) + api_requests(values)
    print(f"organisation matrix: {len(requests)} requests x {2 * len(matrix.pairs)} actors")

    # Every API operation and every URL pattern is in the walk.
    schema = api.get_openapi_schema()
    walked = {(r.method, r.path.split("?")[0]) for r in requests}
    for route, methods in schema["paths"].items():
        for method in methods:
            pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(route)) + "$"
            assert any(m == method.upper() and re.match(pattern, p) for m, p in walked), (
                method,
                route,
            )
    assert len(requests) > 400

    differences, leaks, server_errors = [], [], []
    statuses: dict[str, dict[Request, int]] = {}
    for person, control in matrix.pairs:
        statuses[person.name] = {}
        for request in requests:
            status, body = send(person, request)
            expected, control_body = send(control, request)
            statuses[person.name][request] = status
            if status != expected:
                differences.append((person.name, request.method, request.path, status, expected))
            for secret in matrix.secrets:
                if secret.encode() in body and secret.encode() not in control_body:
                    leaks.append((person.name, request.method, request.path, secret))
            if status >= 500 or expected >= 500:
                server_errors.append((person.name, request.method, request.path, status, expected))
    assert differences == []
    assert leaks == []
    assert server_errors == []

    # Not blind: the same person is refused as one organisation what it may do as the other.
    opening = Request("POST", f"{API_PREFIX}/procurements/{world.procurement.reference}/opening")
    assert statuses["mixed1@municipality"][opening] == 200
    assert statuses["mixed1@A"][opening] == 404
    switched = [
        r
        for r in requests
        if statuses["mixed1@A"][r] != statuses["mixed1@municipality"][r]
        and 200 <= statuses["mixed1@municipality"][r] < 300
    ]
    assert len(switched) > 20
    draft = Request("GET", f"{API_PREFIX}/procurements/{matrix.draft_reference}")
    assert statuses["mixed2@agency"][draft] == 200
    assert statuses["mixed2@B"][draft] == 404
    # The rolled-back requests left the world as it was.
    assert not OpeningAct.objects.exists()


def test_the_exploit(world: World, server_clock, client):
    """Supplier user at A and opener at the buyer: with A's token the buyer's tenders
    neither open nor read, and the buyer's protocol gets nothing."""
    a = world.suppliers["A"]
    person = make_user("exploit", (a, Role.SUPPLIER_USER), (world.buyer, Role.OPENER))
    token_a = {
        "HTTP_AUTHORIZATION": "Bearer "
        + ApiToken.issue(
            user=person, organisation=a, name="A", now=server_clock.now, roles=["supplier_user"]
        )[1]
    }
    server_clock.set(DEADLINE + timedelta(minutes=1))
    ref = world.procurement.reference
    before = ProtocolEvent.objects.filter(procurement_id=ref).count()

    response = client.post(f"{API_PREFIX}/procurements/{ref}/opening", **token_a)
    assert response.status_code in (403, 404)
    assert response["Content-Type"] == "application/problem+json"
    b = world.tenders["B"]
    for tender_file in b.files.all():
        read = client.get(
            f"{API_PREFIX}/procurements/{ref}/tenders/{b.id}/files/{tender_file.id}", **token_a
        )
        assert read.status_code in (403, 404)
        assert not any(m.encode() in body_of(read) for m in ALL_MARKERS)
    overview = client.get(f"{API_PREFIX}/procurements/{ref}/tenders", **token_a)
    assert overview.status_code in (403, 404)
    assert client.get(f"{API_PREFIX}/procurements/{ref}/opening-record", **token_a).status_code in (
        403,
        404,
    )
    # The same in the browser, acting for A.
    session = Client()
    assert session.login(username="exploit", password=PASSWORD)
    session.post("/organisation/", {"orgnr": a.orgnr})
    assert session.post(f"{API_PREFIX}/procurements/{ref}/opening").status_code in (403, 404)

    assert ProtocolEvent.objects.filter(procurement_id=ref).count() == before
    assert not OpeningAct.objects.exists() and not OpeningRecord.objects.exists()

    # Acting for the buyer, the same person is an opener (the test is not blind).
    token_buyer = {
        "HTTP_AUTHORIZATION": "Bearer "
        + ApiToken.issue(user=person, organisation=world.buyer, name="B", now=server_clock.now)[1]
    }
    opened = client.post(f"{API_PREFIX}/procurements/{ref}/opening", **token_buyer)
    assert opened.status_code == 200 and opened.json()["openers"] == 1
    assert OpeningAct.objects.get().actor == f"user:exploit@{world.buyer.peppol_id}"


def test_a_token_role_taken_away_at_the_buyer_stops_opening(world: World, server_clock, client):
    person = make_user("gone", (world.buyer, Role.OPENER))
    _, raw = ApiToken.issue(user=person, organisation=world.buyer, name="x", now=server_clock.now)
    Membership.objects.filter(user=person).delete()
    Membership.objects.create(user=person, organisation=world.suppliers["A"], role="supplier_user")
    server_clock.set(DEADLINE + timedelta(minutes=1))
    ref = world.procurement.reference
    response = client.post(
        f"{API_PREFIX}/procurements/{ref}/opening", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 401
    assert not OpeningAct.objects.exists()
