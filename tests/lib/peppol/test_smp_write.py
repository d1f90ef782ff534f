"""The SMP writer: what it writes, the library's own reader reads back, signature verified."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree
from signxml import XMLVerifier

from heldigital.peppol import smp, smp_write
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.xml import parse
from tests.lib.peppol.pki import NOW

PARTICIPANT = ParticipantIdentifier.create("0192:974760673")
INVOICE = DocumentTypeIdentifier.create(
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
CREDIT_NOTE = DocumentTypeIdentifier.create(
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
BILLING = ProcessIdentifier.create("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
OTHER_PROCESS = ProcessIdentifier.create("urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:01:1.0")
AS4 = "peppol-transport-as4-v2_0"


def _processes(pki):
    endpoint = smp.Endpoint(
        transport_profile=AS4,
        address="https://ap.heldigital.test/as4",
        certificate=pki.access_point.certificate,
        activation=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        expiration=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        description="Heldigital <AP> & co",
        technical_contact="mailto:ap@heldigital.test",
    )
    late = smp.Endpoint(
        transport_profile=AS4,
        address="https://ap2.heldigital.test/as4",
        certificate=pki.access_point.certificate,
        activation=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        description="",
        technical_contact="",
    )
    return (smp.Process((BILLING,), (endpoint, late)), smp.Process((OTHER_PROCESS,), (endpoint,)))


def test_service_group_read_back():
    data = smp_write.service_group(
        PARTICIPANT, [INVOICE, CREDIT_NOTE], base_url="https://smp.heldigital.test/"
    )
    group = smp.parse_service_group(data)
    assert group.flavour == smp.PEPPOL
    assert group.participant == PARTICIPANT
    assert group.document_types == (INVOICE, CREDIT_NOTE)
    assert group.references[0] == (
        "https://smp.heldigital.test/iso6523-actorid-upis%3A%3A0192%3A974760673/services/"
        "busdox-docid-qns%3A%3Aurn%3Aoasis%3Anames%3Aspecification%3Aubl%3Aschema%3Axsd%3A"
        "Invoice-2%3A%3AInvoice%23%23urn%3Acen.eu%3Aen16931%3A2017%23compliant%23urn%3A"
        "fdc%3Apeppol.eu%3A2017%3Apoacc%3Abilling%3A3.0%3A%3A2.1"
    )


def test_empty_service_group():
    group = smp.parse_service_group(smp_write.service_group(PARTICIPANT, [], base_url="http://x"))
    assert group.document_types == ()


@pytest.mark.parametrize("signer", ["rsa", "ec"])
def test_signed_service_metadata_read_back_and_verified(pki, signer):
    issued = pki.smp
    if signer == "ec":
        from tests.lib.peppol.pki import issue

        issued = issue("SMP ec", pki.smp_ca, ca=False, ec_key=True)
    data = smp_write.signed_service_metadata(
        PARTICIPANT,
        INVOICE,
        _processes(pki),
        key=issued.key,
        certificates=[issued.certificate, pki.smp_ca.certificate],
    )
    metadata = smp.parse_service_metadata(data, trust_anchors=[pki.root.certificate], at=NOW)
    assert metadata.signer == issued.certificate
    assert metadata.participant == PARTICIPANT
    assert metadata.document_type == INVOICE
    assert [p.identifiers for p in metadata.processes] == [(BILLING,), (OTHER_PROCESS,)]
    first, second = metadata.processes[0].endpoints
    assert first.address == "https://ap.heldigital.test/as4"
    assert first.certificate == pki.access_point.certificate
    assert first.activation == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert first.expiration == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert first.description == "Heldigital <AP> & co"
    assert first.technical_contact == "mailto:ap@heldigital.test"
    assert second.expiration is None
    # Selection by time: the late endpoint only from 2027.
    assert metadata.endpoint(BILLING, AS4, at=NOW) == first
    assert metadata.endpoint(BILLING, AS4, at=dt.datetime(2027, 6, 1, tzinfo=dt.UTC)) == second
    # An independent implementation verifies the signature too.
    if signer == "rsa":
        XMLVerifier().verify(data, x509_cert=issued.certificate)
    # The signature sits last in SignedServiceMetadata (Peppol SMP 1.x).
    root = parse(data).getroot()
    assert etree.QName(root[-1]).localname == "Signature"


def test_changed_metadata_is_refused(pki):
    data = smp_write.signed_service_metadata(
        PARTICIPANT,
        INVOICE,
        _processes(pki),
        key=pki.smp.key,
        certificates=[pki.smp.certificate, pki.smp_ca.certificate],
    ).replace(b"https://ap.heldigital.test/as4", b"https://evil.test/as4")
    with pytest.raises(smp.SMPError, match="digest does not match"):
        smp.parse_service_metadata(data, trust_anchors=[pki.root.certificate], at=NOW)


def test_writer_refuses_incomplete_input(pki):
    bare = smp.Endpoint(AS4, "https://ap.test/as4", None)
    with pytest.raises(ValueError, match="no certificate"):
        smp_write.signed_service_metadata(
            PARTICIPANT,
            INVOICE,
            [smp.Process((BILLING,), (bare,))],
            key=pki.smp.key,
            certificates=[pki.smp.certificate],
        )
    with pytest.raises(ValueError, match="at least one process"):
        smp_write.signed_service_metadata(
            PARTICIPANT, INVOICE, [], key=pki.smp.key, certificates=[pki.smp.certificate]
        )
    naive = smp.Endpoint(
        AS4, "https://ap.test/as4", pki.access_point.certificate, activation=dt.datetime(2026, 1, 1)
    )
    with pytest.raises(ValueError, match="aware"):
        smp_write.signed_service_metadata(
            PARTICIPANT,
            INVOICE,
            [smp.Process((BILLING,), (naive,))],
            key=pki.smp.key,
            certificates=[pki.smp.certificate],
        )


def test_business_card():
    card = smp_write.BusinessCard(
        PARTICIPANT,
        (
            smp_write.BusinessEntity(
                name="Testkommune",
                country="no",
                language="no",
                geographical_information="Rådhusgata 1, Testby",
                identifiers=(("orgnr", "974760673"),),
                websites=("https://testkommune.invalid",),
                registration_date=dt.date(2020, 1, 2),
            ),
        ),
    )
    root = parse(smp_write.business_card(card)).getroot()
    ns = {"bc": smp_write.NS_BUSINESS_CARD}
    assert root.tag == f"{{{smp_write.NS_BUSINESS_CARD}}}BusinessCard"
    participant = root.find("bc:ParticipantIdentifier", ns)
    assert (participant.get("scheme"), participant.text) == (
        "iso6523-actorid-upis",
        "0192:974760673",
    )
    entity = root.find("bc:BusinessEntity", ns)
    assert [etree.QName(e).localname for e in entity] == [
        "Name",
        "CountryCode",
        "GeographicalInformation",
        "Identifier",
        "WebsiteURI",
        "RegistrationDate",
    ]
    assert entity.find("bc:Name", ns).get("language") == "no"
    assert entity.findtext("bc:CountryCode", namespaces=ns) == "NO"
    assert entity.find("bc:Identifier", ns).get("scheme") == "orgnr"
    assert entity.findtext("bc:RegistrationDate", namespaces=ns) == "2020-01-02"
    with pytest.raises(ValueError, match="country"):
        smp_write.business_card(
            smp_write.BusinessCard(PARTICIPANT, (smp_write.BusinessEntity("X", "NOR"),))
        )
