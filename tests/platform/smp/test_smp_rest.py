"""The Peppol SMP 1.x REST interface and the business card, through Django's test client."""

from __future__ import annotations

import datetime as dt

from heldigital.apps.smp import services
from heldigital.apps.smp.models import BusinessCard
from heldigital.peppol import smp, smp_write
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.xml import parse

from .conftest import AS4, BILLING, CREDIT_NOTE, INVOICE, ORDER, ORDERING, pem, write_signer
from .test_register_api import _register

PARTICIPANT = ParticipantIdentifier.parse("iso6523-actorid-upis::0192:920000002")
INVOICE_ID = DocumentTypeIdentifier.parse(INVOICE)


def _entry(municipality, pki):
    entry = _register(
        "0192:920000002",
        municipality,
        pki,
        (INVOICE, BILLING, {}),
        (INVOICE, "cenbii-procid-ubl::urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:01:1.0", {}),
        (CREDIT_NOTE, BILLING, {}),
        (ORDER, ORDERING, {}),
    )
    BusinessCard.objects.create(
        participant=entry,
        name="Testkommune",
        country="NO",
        identifiers=[{"scheme": "orgnr", "value": "920000002"}],
        registration_date=dt.date(2020, 1, 2),
    )
    return entry


def test_service_group(client, municipality, pki):
    _entry(municipality, pki)
    response = client.get("/" + PARTICIPANT.uri)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=UTF-8"
    group = smp.parse_service_group(response.content)
    assert group.participant == PARTICIPANT
    assert sorted(d.local_name for d in group.document_types) == ["CreditNote", "Invoice", "Order"]
    assert all(
        r.startswith("http://testserver/iso6523-actorid-upis%3A%3A") for r in group.references
    )


def test_identifier_case_and_encoding_rules(client, municipality, pki, smp_signer):
    _entry(municipality, pki)
    # Participant values are case-insensitive; "::" may come encoded or not.
    _register("9915:TeSt", None, pki, (INVOICE, BILLING, {}))
    for path in (
        "/iso6523-actorid-upis::0192:920000002",
        "/iso6523-actorid-upis%3a%3a0192%3a920000002",
        "/iso6523-actorid-upis%3A%3A9915%3Atest",
        "/iso6523-actorid-upis%3A%3A9915%3ATEST",
        f"/iso6523-actorid-upis::9915:tEsT/services/{INVOICE_ID.uri}",
    ):
        assert client.get(path).status_code == 200, path
    group = smp.parse_service_group(client.get("/iso6523-actorid-upis::9915:TEST").content)
    assert group.participant.value == "9915:test"
    # The scheme is case-sensitive: ISO6523-ACTORID-UPIS is another (unknown) scheme.
    assert client.get("/ISO6523-ACTORID-UPIS%3A%3A0192%3A920000002").status_code == 404
    # Document type values are case-sensitive.
    metadata = f"/{PARTICIPANT.uri}/services/{INVOICE_ID.uri}"
    assert client.get(metadata).status_code == 200
    upper = DocumentTypeIdentifier.create(
        INVOICE_ID.value.replace("Invoice-2::Invoice", "Invoice-2::INVOICE")
    )
    assert client.get(f"/{PARTICIPANT.uri}/services/{upper.uri}").status_code == 404


def test_unknown_is_404(client, municipality, pki, smp_signer):
    _entry(municipality, pki)
    other = ParticipantIdentifier.create("0192:920000010")
    assert client.get("/" + other.uri).status_code == 404
    assert client.get(f"/{other.uri}/services/{INVOICE_ID.uri}").status_code == 404
    catalogue = DocumentTypeIdentifier.create(
        "urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2::Catalogue"
        "##urn:fdc:peppol.eu:poacc:trns:catalogue:3::2.1"
    )
    response = client.get(f"/{PARTICIPANT.uri}/services/{catalogue.uri}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    for path in (
        "/nonsense::",
        "/iso6523-actorid-upis::",
        "/iso6523-actorid-upis::0192:920000002/services/garbage",
        "/iso6523-actorid-upis::0192:920000002/services/",
        "/businesscard/iso6523-actorid-upis::0192:920000010",
        "/businesscard/garbage",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post("/" + PARTICIPANT.uri).status_code == 405


def test_signed_service_metadata(client, municipality, pki, smp_signer):
    _entry(municipality, pki)
    response = client.get(f"/{PARTICIPANT.uri}/services/{INVOICE_ID.uri}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=UTF-8"
    metadata = smp.parse_service_metadata(
        response.content, trust_anchors=[pki.root.certificate], at=dt.datetime.now(dt.UTC)
    )
    assert metadata.signer == pki.smp.certificate
    assert metadata.participant == PARTICIPANT
    assert metadata.document_type == INVOICE_ID
    assert len(metadata.processes) == 2
    endpoint = metadata.endpoint(ProcessIdentifier.parse(BILLING), AS4, at=dt.datetime.now(dt.UTC))
    assert endpoint.address == "https://ap.heldigital.test/as4"
    assert endpoint.certificate == pki.access_point.certificate
    assert endpoint.technical_contact == "mailto:ap@heldigital.test"


def test_without_a_signing_key_metadata_is_503(client, municipality, pki, settings, tmp_path):
    _entry(municipality, pki)
    path = f"/{PARTICIPANT.uri}/services/{INVOICE_ID.uri}"
    settings.HELDIGITAL_SMP_KEY = ""
    assert client.get(path).status_code == 503
    settings.HELDIGITAL_SMP_KEY = str(tmp_path / "missing.pem")
    settings.HELDIGITAL_SMP_CERTIFICATE = str(tmp_path / "missing.pem")
    assert client.get(path).status_code == 503
    # A certificate that is not the key's is refused too.
    key, _ = write_signer(tmp_path, pki)
    (tmp_path / "other.pem").write_text(pem(pki.other_smp.certificate))
    settings.HELDIGITAL_SMP_KEY = str(key)
    settings.HELDIGITAL_SMP_CERTIFICATE = str(tmp_path / "other.pem")
    assert client.get(path).status_code == 503
    # The service group needs no key.
    assert client.get("/" + PARTICIPANT.uri).status_code == 200


def test_business_card(client, municipality, pki):
    _entry(municipality, pki)
    response = client.get("/businesscard/" + PARTICIPANT.uri)
    assert response.status_code == 200
    root = parse(response.content).getroot()
    ns = {"bc": smp_write.NS_BUSINESS_CARD}
    assert root.findtext("bc:ParticipantIdentifier", namespaces=ns) == "0192:920000002"
    assert root.findtext("bc:BusinessEntity/bc:Name", namespaces=ns) == "Testkommune"
    assert root.findtext("bc:BusinessEntity/bc:RegistrationDate", namespaces=ns) == "2020-01-02"
    assert root.find("bc:BusinessEntity/bc:Identifier", ns).get("scheme") == "orgnr"
    # Without a card: 404.
    _register("0088:7300010000001", None, pki)
    gln = ParticipantIdentifier.create("0088:7300010000001")
    assert client.get("/businesscard/" + gln.uri).status_code == 404
    assert services.business_card_xml(services.find(gln)) is None
