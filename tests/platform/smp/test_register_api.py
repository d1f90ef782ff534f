"""The address register's API: who may change what, bad input as problem details, statistics."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from heldigital.apps.accounts.models import Organisation, OrganisationKind
from heldigital.apps.smp import services
from heldigital.apps.smp.models import BusinessCard, Capability, Participant

from .conftest import (
    AS4,
    BILLING,
    CATALOGUE,
    CATALOGUING,
    CREDIT_NOTE,
    INVOICE,
    ORDER,
    ORDERING,
    capability,
    pem,
)

OWN = "iso6523-actorid-upis::0192:920000002"  # the municipality fixture's number
BASE = "/api/v1/smp/participants"


def call(client, method, path, token=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(path, **kwargs, **headers)


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


CARD = {
    "name": "Testkommune",
    "country": "NO",
    "geographical_information": "Rådhusgata 1, Testby",
    "identifiers": [{"scheme": "orgnr", "value": "920000002"}],
    "website": "https://testkommune.invalid",
    "registration_date": "2020-01-02",
}


def test_an_administrator_registers_the_own_organisation(client, buyer_admin_token, pki):
    response = call(
        client,
        "post",
        BASE,
        buyer_admin_token,
        {"identifier": "0192:920000002", "business_card": CARD},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["identifier"] == OWN
    assert body["organisation"] == "920000002"
    assert body["service_group_url"].endswith("/iso6523-actorid-upis%3A%3A0192%3A920000002")
    assert body["business_card"]["identifiers"] == [{"scheme": "orgnr", "value": "920000002"}]

    response = call(
        client, "post", f"{BASE}/{OWN}/capabilities", buyer_admin_token, capability(pki)
    )
    assert response.status_code == 201, response.content
    added = response.json()
    assert added["document_type"] == INVOICE
    assert added["process"] == BILLING
    assert added["family"] == "invoice"
    assert added["certificate_subject"].startswith("CN=AP one")

    # Listed, read, changed, removed.
    listed = call(client, "get", BASE, buyer_admin_token).json()
    assert [p["identifier"] for p in listed] == [OWN]
    assert len(listed[0]["capabilities"]) == 1
    changed = call(
        client,
        "put",
        f"{BASE}/{OWN}/capabilities/{added['id']}",
        buyer_admin_token,
        capability(pki, endpoint_url="https://ap2.heldigital.test/as4"),
    )
    assert changed.status_code == 200, changed.content
    assert Capability.objects.get().endpoint_url == "https://ap2.heldigital.test/as4"
    card = call(client, "put", f"{BASE}/{OWN}", buyer_admin_token, {"business_card": None})
    assert card.json()["business_card"] is None
    assert not BusinessCard.objects.exists()
    gone = call(client, "delete", f"{BASE}/{OWN}/capabilities/{added['id']}", buyer_admin_token)
    assert gone.status_code == 204
    assert call(client, "delete", f"{BASE}/{OWN}", buyer_admin_token).status_code == 204
    assert not Participant.objects.exists()


def test_duplicates_are_conflicts(client, buyer_admin_token, pki):
    assert call(client, "post", BASE, buyer_admin_token, {"identifier": OWN}).status_code == 201
    # The same participant in another case and form is the same participant.
    again = call(client, "post", BASE, buyer_admin_token, {"identifier": "0192:920000002"})
    assert problem(again, 409)["detail"].endswith("is already registered.")
    path = f"{BASE}/{OWN}/capabilities"
    assert call(client, "post", path, buyer_admin_token, capability(pki)).status_code == 201
    problem(call(client, "post", path, buyer_admin_token, capability(pki)), 409)
    # Another transport profile or process is another capability.
    other = capability(pki, transport_profile="peppol-transport-as4-v2_0-test")
    assert call(client, "post", path, buyer_admin_token, other).status_code == 201


def test_who_may_change_the_register(
    client, buyer_admin_token, buyer_token, supplier_token, operator_token, supplier, pki
):
    # A procurement officer is no administrator of the organisation's entry.
    problem(call(client, "post", BASE, buyer_token, {"identifier": OWN}), 403)
    # An administrator may not register another organisation's number, nor a GLN.
    refused = call(client, "post", BASE, buyer_admin_token, {"identifier": "0192:920000010"})
    assert "only your own organisation" in problem(refused, 403)["detail"]
    problem(
        call(client, "post", BASE, buyer_admin_token, {"identifier": "0088:7300010000001"}), 403
    )
    # The supplier registers itself; neither sees the other's entry.
    assert (
        call(client, "post", BASE, supplier_token, {"identifier": "0192:920000029"}).status_code
        == 201
    )
    assert call(client, "post", BASE, buyer_admin_token, {"identifier": OWN}).status_code == 201
    supplier_entry = "iso6523-actorid-upis::0192:920000029"
    problem(call(client, "get", f"{BASE}/{supplier_entry}", buyer_admin_token), 404)
    problem(call(client, "delete", f"{BASE}/{supplier_entry}", buyer_admin_token), 404)
    problem(
        call(
            client,
            "post",
            f"{BASE}/{supplier_entry}/capabilities",
            buyer_admin_token,
            capability(pki),
        ),
        404,
    )
    assert [p["identifier"] for p in call(client, "get", BASE, supplier_token).json()] == [
        supplier_entry
    ]
    # The operator (staff) sees and changes every entry, registers any identifier.
    assert len(call(client, "get", BASE, operator_token).json()) == 2
    gln = call(client, "post", BASE, operator_token, {"identifier": "0088:7300010000001"})
    assert gln.status_code == 201, gln.content
    assert gln.json()["organisation"] is None
    linked = call(
        client,
        "post",
        BASE,
        operator_token,
        {"identifier": "0088:7300010000025", "organisation": "920000029"},
    )
    assert linked.status_code == 201, linked.content
    assert linked.json()["organisation"] == "920000029"
    assert call(client, "delete", f"{BASE}/{supplier_entry}", operator_token).status_code == 204
    # Without a token: 401.
    problem(call(client, "get", BASE), 401)


@pytest.mark.parametrize(
    ("identifier", "message"),
    [
        ("0192:920000003", "check digit"),  # python-stdnum: wrong check digit
        ("0192:12", "not valid"),
        ("9999:123", "not a Peppol participant identifier scheme"),
        ("iso6523-actorid-upis::0192:9200 00002", "Not a valid participant identifier"),
        ("iso6523-actorid-upis::", "Not a valid participant identifier"),
        ("x" * 150, "Not a valid participant identifier"),
    ],
)
def test_invalid_participant_identifiers(client, operator_token, identifier, message):
    body = problem(call(client, "post", BASE, operator_token, {"identifier": identifier}), 422)
    assert any(message.lower() in e["msg"].lower() for e in body["errors"]), body


def test_bad_capabilities_are_problem_details(client, operator_token, pki, expired_ap):
    assert call(client, "post", BASE, operator_token, {"identifier": OWN}).status_code == 201
    path = f"{BASE}/{OWN}/capabilities"
    ca_pem = pem(pki.smp_ca.certificate)
    cases = [
        (
            {"certificate": "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----"},
            "certificate",
        ),
        ({"certificate": "not a pem"}, "certificate"),
        ({"certificate": pem(pki.access_point.certificate) * 2}, "certificate"),
        ({"certificate": ca_pem}, "certificate"),
        ({"certificate": pem(expired_ap.certificate)}, "certificate"),
        ({"endpoint_url": "http://ap.heldigital.test/as4"}, "endpoint_url"),
        ({"endpoint_url": "https:///as4"}, "endpoint_url"),
        ({"document_type": "busdox-docid-qns::no-hashes"}, "document_type"),
        ({"document_type": INVOICE.replace("compliant", "compl*iant")}, "document_type"),
        ({"document_type": INVOICE + "\x01"}, "document_type"),
        ({"process": "urn:with space"}, "process"),
        ({"process": "é" * 10 + "\u20ac"}, "process"),
        ({"transport_profile": "as4 v2"}, "transport_profile"),
        ({"technical_contact": ""}, "technical_contact"),
        ({"description": "bell\x07"}, "description"),
        ({"description": "not a character \ufffe"}, "description"),
        ({"endpoint_url": "https://ap.heldigital.test/\uffff"}, "endpoint_url"),
        ({"technical_contact": "mailto:\ud800@x"}, "technical_contact"),
        ({"activation": "2026-01-01T00:00:00"}, "activation"),
        (
            {"activation": "2027-01-01T00:00:00Z", "expiration": "2026-01-01T00:00:00Z"},
            "expiration",
        ),
    ]
    for change, field in cases:
        body = problem(call(client, "post", path, operator_token, capability(pki, **change)), 422)
        assert [field] == [e["loc"][-1] for e in body["errors"]], (change, body)
    # Several faults at once are all named.
    body = problem(
        call(
            client,
            "post",
            path,
            operator_token,
            capability(pki, certificate="x", endpoint_url="ftp://x", process=""),
        ),
        422,
    )
    assert {e["loc"][-1] for e in body["errors"]} == {"certificate", "endpoint_url", "process"}
    # Oversized and NUL input is refused by the schema, before any check.
    for change in (
        {"certificate": "A" * (services.MAX_CERTIFICATE_PEM + 1)},
        {"document_type": "x" * 601},
        {"description": "\x00"},
    ):
        problem(call(client, "post", path, operator_token, capability(pki, **change)), 422)
    # A body over the request limit.
    huge = capability(pki, description="x" * (3 * 1024 * 1024))
    assert call(client, "post", path, operator_token, huge).status_code in (413, 422)
    assert not Capability.objects.exists()
    # Bad business cards.
    for card in (
        {**CARD, "country": "NOR"},
        {**CARD, "country": "N1"},
        {**CARD, "name": " "},
        {**CARD, "name": "a\x0bb"},
        {**CARD, "identifiers": [{"scheme": "", "value": "1"}]},
        {**CARD, "identifiers": [{"scheme": "x", "value": "\ufffe"}]},
        {**CARD, "website": "https://x/\ud800"},
    ):
        response = call(client, "put", f"{BASE}/{OWN}", operator_token, {"business_card": card})
        assert response.status_code == 422, (card, response.content)
    # Unknown or malformed identifiers in the path are 404.
    problem(
        call(client, "get", f"{BASE}/iso6523-actorid-upis::0192:999999999", operator_token), 404
    )
    problem(call(client, "get", f"{BASE}/nonsense", operator_token), 404)
    problem(call(client, "put", f"{path}/12345", operator_token, capability(pki)), 404)


def _register(participant: str, organisation: Organisation | None, pki, *capabilities):
    now = dt.datetime.now(dt.UTC)
    identifier = services.parse_participant(participant)
    entry = Participant.objects.create(
        scheme=identifier.scheme,
        value=identifier.value,
        organisation=organisation,
        created_at=now,
        updated_at=now,
    )
    for document_type, process, extra in capabilities:
        checked = services.check_capability(
            services.CapabilityInput(
                document_type=document_type,
                process=process,
                endpoint_url="https://ap.heldigital.test/as4",
                certificate=pem(pki.access_point.certificate),
                technical_contact="mailto:ap@heldigital.test",
                **extra,
            ),
            now=now,
        )
        Capability.objects.create(
            participant=entry, created_at=now, updated_at=now, **checked.values
        )
    return entry


def test_statistics_function_api_and_page(client, municipality, agency, supplier, pki):
    now = dt.datetime.now(dt.UTC)
    past = {"expiration": now - dt.timedelta(days=1), "activation": now - dt.timedelta(days=9)}
    future = {"activation": now + dt.timedelta(days=30)}
    _register(
        "0192:920000002",
        municipality,
        pki,
        (INVOICE, BILLING, {}),
        (CREDIT_NOTE, BILLING, {}),
        (CATALOGUE, CATALOGUING, {}),
    )
    _register("0192:920000010", agency, pki, (INVOICE, BILLING, {}), (ORDER, ORDERING, future))
    _register("0192:920000029", supplier, pki, (ORDER, ORDERING, {}), (INVOICE, BILLING, past))
    _register("0088:7300010000001", None, pki, (INVOICE, BILLING, {}))
    _register("0192:974760673", None, pki)

    figures = services.statistics(now=now)
    by_family = {f.family: (f.participants, f.public_bodies) for f in figures.families}
    assert by_family["invoice"] == (3, 2)  # the supplier's invoice endpoint has expired
    assert by_family["credit_note"] == (1, 1)
    assert by_family["order"] == (1, 0)  # the agency's order endpoint is not active yet
    assert by_family["catalogue"] == (1, 1)
    assert by_family["despatch_advice"] == (0, 0)
    assert (figures.participants, figures.receiving, figures.public_bodies) == (5, 4, 2)

    body = client.get("/api/v1/smp/statistics").json()  # public, no token
    assert body["participants"] == 5
    assert {f["family"]: f["participants"] for f in body["families"]}["invoice"] == 3

    page = client.get("/peppol/statistics/")
    assert page.status_code == 200
    assert b"Who can receive electronic documents" in page.content
    assert b"<td>Invoices</td><td>3</td><td>2</td>" in page.content
    norwegian = client.get("/peppol/statistics/", HTTP_ACCEPT_LANGUAGE="nb")
    assert "Fakturaer" in norwegian.content.decode()
    # The landing page links to it.
    assert b'href="/peppol/statistics/"' in client.get("/").content


def test_problems_in_norwegian(client, operator_token, pki):
    from django.utils import translation

    with translation.override("nb"):
        try:
            services.check_capability(
                services.CapabilityInput(
                    **{**capability(pki, activation=None), "endpoint_url": "http://x/as4"}
                ),
                now=dt.datetime.now(dt.UTC),
            )
        except services.ValidationError as exc:
            assert exc.message_dict["endpoint_url"] == [
                "Endepunktet må være en https://-URL (Peppol AS4)."
            ]
        else:
            raise AssertionError("an http endpoint was accepted")
    response = client.post(
        BASE,
        data=json.dumps({"identifier": "0192:920000003"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {operator_token}",
        HTTP_ACCEPT_LANGUAGE="nb",
    )
    body = problem(response, 422)
    assert body["errors"][0]["msg"].startswith("Identifikatoren bak ICD 0192 er ikke gyldig")


def test_document_type_families():
    def family(text):
        return services.family(services.parse_document_type(text))

    assert family(INVOICE) == "invoice"
    assert family(CREDIT_NOTE) == "credit_note"
    assert family(ORDER) == "order"
    assert family(CATALOGUE) == "catalogue"
    assert (
        family(
            "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2::ApplicationResponse"
            "##urn:fdc:peppol.eu:poacc:trns:invoice_response:3::2.1"
        )
        == "invoice_response"
    )
    assert (
        family(
            "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2::ApplicationResponse"
            "##urn:fdc:peppol.eu:poacc:trns:mlr:3::2.1"
        )
        == "message_level_response"
    )
    assert family("busdox-docid-qns::urn:peppol:doctype:pdf+xml##urn:x:y::1.0") == "other"


def test_admin_registers_a_participant_with_a_capability(client, operator, pki, municipality):
    operator.is_superuser = True
    operator.save()
    client.force_login(operator)
    response = client.post(
        "/admin/smp/participant/add/",
        {
            "identifier": "0192:920000002",
            "organisation": municipality.pk,
            "business_card-TOTAL_FORMS": "0",
            "business_card-INITIAL_FORMS": "0",
            "capabilities-TOTAL_FORMS": "1",
            "capabilities-INITIAL_FORMS": "0",
            "capabilities-0-document_type": INVOICE,
            "capabilities-0-process": BILLING,
            "capabilities-0-transport_profile": AS4,
            "capabilities-0-endpoint_url": "https://ap.heldigital.test/as4",
            "capabilities-0-certificate": pem(pki.access_point.certificate),
            "capabilities-0-description": "AP",
            "capabilities-0-technical_contact": "mailto:ap@heldigital.test",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Participant.objects.get()
    assert str(entry) == OWN
    assert entry.capabilities.get().document_type_identifier.local_name == "Invoice"
    # The admin refuses what the API refuses.
    response = client.post(
        "/admin/smp/participant/add/",
        {
            "identifier": "0192:920000003",
            "business_card-TOTAL_FORMS": "0",
            "business_card-INITIAL_FORMS": "0",
            "capabilities-TOTAL_FORMS": "0",
            "capabilities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert client.get("/admin/smp/participant/").status_code == 200
    assert client.get(f"/admin/smp/participant/{entry.pk}/change/").status_code == 200


def test_zone_has_both_records_of_every_participant(municipality, pki):
    _register("0192:920000002", municipality, pki)
    _register("0088:7300010000001", None, pki)
    text = services.zone_text(
        zone="sml.heldigital.test",
        smp_url="https://smp.heldigital.test",
        now=dt.datetime(2026, 12, 5, tzinfo=dt.UTC),
    )
    lines = text.splitlines()
    assert "$ORIGIN sml.heldigital.test." in lines
    assert any(
        " IN SOA ns.sml.heldigital.test. hostmaster.sml.heldigital.test. 1796428800 " in line
        for line in lines
    )
    assert sum(" IN CNAME smp.heldigital.test." in line for line in lines) == 2
    assert sum('"!^.*$!https://smp.heldigital.test!"' in line for line in lines) == 2
    with pytest.raises(ValueError):
        services.zone_text(zone="", smp_url="https://x", now=dt.datetime.now(dt.UTC))


def test_an_organisation_that_joins_later_is_linked(client, operator_token):
    created = call(client, "post", BASE, operator_token, {"identifier": "0192:974760673"})
    assert created.json()["organisation"] is None
    joined = Organisation.objects.create(
        name="Nykommer", kind=OrganisationKind.PUBLIC_BODY, orgnr="974760673"
    )
    assert Participant.objects.get().organisation == joined


def test_public_search_of_the_register(client, municipality, supplier, pki):
    now = dt.datetime.now(dt.UTC)
    past = {"expiration": now - dt.timedelta(days=1), "activation": now - dt.timedelta(days=9)}
    _register("0192:920000002", municipality, pki, (INVOICE, BILLING, {}), (ORDER, ORDERING, {}))
    _register("0192:920000029", supplier, pki, (INVOICE, BILLING, past))
    _register("0088:7300010000001", None, pki, (CATALOGUE, CATALOGUING, {}))

    def found(query):
        return [(e.identifier, e.name, e.receives) for e in services.search(query, now=now)]

    municipal = ("iso6523-actorid-upis::0192:920000002", "Testkommune", ("Invoices", "Orders"))
    assert found("920 000 002") == [municipal]
    assert found("0192:920000002") == [municipal]
    assert found("iso6523-actorid-upis::0192:920000002") == [municipal]
    assert found("testKOMMUNE") == [municipal]
    # The supplier's only endpoint has expired: registered, but receives nothing now.
    assert found("Testleverandør") == [
        ("iso6523-actorid-upis::0192:920000029", "Testleverandør AS", ())
    ]
    assert found("0088:7300010000001")[0][2] == ("Catalogues",)
    assert found("920000010") == found("nobody") == found("bad::id with space") == []
    assert found("") == found("\x00") == []

    page = client.get("/peppol/register/", {"q": "920000002"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "1 participant found" in content
    assert "<td>Invoices, Orders</td>" in content
    assert (
        "No participant in the register matches."
        in client.get("/peppol/register/", {"q": "x" * 5000}).content.decode()
    )
    assert "found" not in client.get("/peppol/register/").content.decode()
    norwegian = client.get("/peppol/register/", {"q": "Testkommune"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert "Fakturaer, Ordrer" in norwegian.content.decode()
    assert "1 deltaker funnet" in norwegian.content.decode()
