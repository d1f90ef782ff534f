"""SMP client against real local HTTP servers: Peppol SMP 1.x, OASIS BDXR SMP 1.0 and 2.0."""

from __future__ import annotations

import base64
import datetime as dt
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml import XMLSigner, methods

from heldigital.peppol import sml, smp, xmldsig
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.xml import parse
from tests.lib.peppol.dnsserver import AuthoritativeServer
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
AS4 = "peppol-transport-as4-v2_0"
AP_URL = "https://ap.heldigital.test/as4"


class Server:
    """A real HTTP server on 127.0.0.1 that answers from a table of raw paths."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[str] = []
        routes, requests = self.routes, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                status, body = routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", body.decode())
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    with Server() as running:
        yield running


@pytest.fixture
def other_server():
    with Server() as running:
        yield running


def b64(certificate) -> str:
    return base64.b64encode(certificate.public_bytes(Encoding.DER)).decode()


def sign_signxml(xml: str, issued, pki) -> bytes:
    root = XMLSigner(method=methods.enveloped, c14n_algorithm=xmldsig.EXC_C14N).sign(
        parse(xml.encode()).getroot(),
        key=issued.key,
        cert=[issued.certificate, pki.smp_ca.certificate],
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- Peppol SMP 1.x -----------------------------------------------------------

P1 = (
    'xmlns:smp="http://busdox.org/serviceMetadata/publishing/1.0/" '
    'xmlns:id="http://busdox.org/transport/identifiers/1.0/" '
    'xmlns:wsa="http://www.w3.org/2005/08/addressing"'
)


def peppol_group(base: str, participant=PARTICIPANT, doctypes=(INVOICE, CREDIT_NOTE)) -> bytes:
    refs = "".join(
        f'<smp:ServiceMetadataReference href="{base}/{participant.uri}/services/{d.uri}"/>'
        for d in doctypes
    )
    return (
        f"<smp:ServiceGroup {P1}>"
        f'<id:ParticipantIdentifier scheme="{participant.scheme}">{participant.value}'
        "</id:ParticipantIdentifier>"
        f"<smp:ServiceMetadataReferenceCollection>{refs}</smp:ServiceMetadataReferenceCollection>"
        "</smp:ServiceGroup>"
    ).encode()


def peppol_metadata(pki, *, expiration="2027-12-31T00:00:00Z", doctype=INVOICE) -> str:
    return (
        f"<smp:SignedServiceMetadata {P1}><smp:ServiceMetadata><smp:ServiceInformation>"
        f'<id:ParticipantIdentifier scheme="iso6523-actorid-upis">{PARTICIPANT.value}'
        "</id:ParticipantIdentifier>"
        f'<id:DocumentIdentifier scheme="busdox-docid-qns">{doctype.value}</id:DocumentIdentifier>'
        "<smp:ProcessList><smp:Process>"
        f'<id:ProcessIdentifier scheme="cenbii-procid-ubl">{BILLING.value}</id:ProcessIdentifier>'
        f'<smp:ServiceEndpointList><smp:Endpoint transportProfile="{AS4}">'
        f"<wsa:EndpointReference><wsa:Address>{AP_URL}</wsa:Address></wsa:EndpointReference>"
        "<smp:RequireBusinessLevelSignature>false</smp:RequireBusinessLevelSignature>"
        "<smp:ServiceActivationDate>2026-01-01T00:00:00Z</smp:ServiceActivationDate>"
        f"<smp:ServiceExpirationDate>{expiration}</smp:ServiceExpirationDate>"
        f"<smp:Certificate>{b64(pki.access_point.certificate)}</smp:Certificate>"
        "<smp:ServiceDescription>Heldigital test AP</smp:ServiceDescription>"
        "<smp:TechnicalContactUrl>mailto:ap@heldigital.test</smp:TechnicalContactUrl>"
        "</smp:Endpoint></smp:ServiceEndpointList></smp:Process></smp:ProcessList>"
        "</smp:ServiceInformation></smp:ServiceMetadata></smp:SignedServiceMetadata>"
    )


def peppol_redirect(href: str, uid: str) -> str:
    return (
        f"<smp:SignedServiceMetadata {P1}><smp:ServiceMetadata>"
        f'<smp:Redirect href="{href}"><smp:CertificateUID>{uid}</smp:CertificateUID>'
        "</smp:Redirect></smp:ServiceMetadata></smp:SignedServiceMetadata>"
    )


def metadata_path(participant=PARTICIPANT, doctype=INVOICE, prefix="") -> str:
    return f"/{prefix}{participant.uri}/services/{doctype.uri}"


def client(server, pki, flavour=smp.PEPPOL, **kwargs):
    return smp.SMPClient(
        server.url, trust_anchors=[pki.root.certificate], flavour=flavour, **kwargs
    )


def test_peppol_service_group(server, pki):
    server.routes[f"/{PARTICIPANT.uri}"] = (200, peppol_group(server.url))
    group = client(server, pki).service_group(ParticipantIdentifier.create("0192:974760673"))
    assert group.flavour == smp.PEPPOL
    assert group.participant == PARTICIPANT
    assert group.document_types == (INVOICE, CREDIT_NOTE)
    assert len(group.references) == 2


def test_peppol_signed_metadata_and_endpoint(server, pki):
    server.routes[metadata_path()] = (200, sign_signxml(peppol_metadata(pki), pki.smp, pki))
    c = client(server, pki)
    metadata = c.service_metadata(PARTICIPANT, INVOICE, at=NOW)
    assert metadata.signer == pki.smp.certificate
    assert metadata.redirect is None
    endpoint = c.endpoint(PARTICIPANT, INVOICE, BILLING, AS4, at=NOW)
    assert endpoint.address == AP_URL
    assert endpoint.certificate == pki.access_point.certificate
    assert endpoint.activation == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert endpoint.description == "Heldigital test AP"
    assert endpoint.technical_contact == "mailto:ap@heldigital.test"
    with pytest.raises(smp.NotFound, match="no active"):
        c.endpoint(PARTICIPANT, INVOICE, BILLING, "peppol-transport-as2-v1_0", at=NOW)


def test_expired_endpoint_is_not_offered(pki):
    data = sign_signxml(peppol_metadata(pki, expiration="2026-06-01T00:00:00Z"), pki.smp, pki)
    metadata = smp.parse_service_metadata(data, trust_anchors=[pki.root.certificate], at=NOW)
    assert metadata.endpoint(BILLING, AS4, at=NOW) is None
    assert metadata.endpoint(BILLING, AS4, at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert metadata.endpoint(BILLING, AS4, at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC)) is None


def test_peppol_metadata_changed_in_transit(server, pki):
    data = sign_signxml(peppol_metadata(pki), pki.smp, pki).replace(
        AP_URL.encode(), b"https://evil.example/as4"
    )
    server.routes[metadata_path()] = (200, data)
    with pytest.raises(smp.SMPError, match="signature is not valid: the digest does not match"):
        client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)


def test_unsigned_or_untrusted_metadata_refused(server, pki, other_pki):
    server.routes[metadata_path()] = (200, peppol_metadata(pki).encode())
    with pytest.raises(smp.SMPError, match="exactly one Signature, not 0"):
        client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)
    server.routes[metadata_path()] = (200, sign_signxml(peppol_metadata(pki), pki.smp, pki))
    other = other_pki
    strange = smp.SMPClient(server.url, trust_anchors=[other.root.certificate])
    with pytest.raises(smp.SMPError, match="does not chain"):
        strange.service_metadata(PARTICIPANT, INVOICE, at=NOW)


def test_metadata_of_another_document_type_refused(server, pki):
    data = sign_signxml(peppol_metadata(pki, doctype=CREDIT_NOTE), pki.smp, pki)
    server.routes[metadata_path()] = (200, data)
    with pytest.raises(smp.SMPError, match="not what was asked for"):
        client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)


def test_peppol_redirect_followed_once(server, other_server, pki):
    target = other_server.url + metadata_path()
    server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_redirect(target, "SMP two"), pki.smp, pki),
    )
    other_server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_metadata(pki), pki.other_smp, pki),
    )
    metadata = client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)
    assert metadata.signer == pki.other_smp.certificate
    assert metadata.processes[0].endpoints[0].address == AP_URL
    assert other_server.requests == [metadata_path()]


def test_peppol_redirect_to_an_smp_with_another_certificate(server, other_server, pki):
    target = other_server.url + metadata_path()
    server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_redirect(target, "SMP three"), pki.smp, pki),
    )
    other_server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_metadata(pki), pki.other_smp, pki),
    )
    with pytest.raises(smp.SMPError, match="does not name"):
        client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)


def test_redirect_to_a_redirect_is_not_followed(server, other_server, pki):
    target = other_server.url + metadata_path()
    server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_redirect(target, "SMP two"), pki.smp, pki),
    )
    other_server.routes[metadata_path()] = (
        200,
        sign_signxml(peppol_redirect(server.url + metadata_path(), "SMP one"), pki.other_smp, pki),
    )
    with pytest.raises(smp.SMPError, match="redirect to a redirect"):
        client(server, pki).service_metadata(PARTICIPANT, INVOICE, at=NOW)
    assert len(server.requests) == 1


# --- OASIS BDXR SMP 1.0 ------------------------------------------------------------

B1 = 'xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2016/05"'


def bdxr1_metadata(pki) -> str:
    return (
        f"<SignedServiceMetadata {B1}><ServiceMetadata><ServiceInformation>"
        f'<ParticipantIdentifier scheme="iso6523-actorid-upis">{PARTICIPANT.value}'
        "</ParticipantIdentifier>"
        f'<DocumentIdentifier scheme="busdox-docid-qns">{INVOICE.value}</DocumentIdentifier>'
        "<ProcessList><Process>"
        f'<ProcessIdentifier scheme="cenbii-procid-ubl">{BILLING.value}</ProcessIdentifier>'
        f'<ServiceEndpointList><Endpoint transportProfile="{AS4}">'
        f"<EndpointURI>{AP_URL}</EndpointURI>"
        "<RequireBusinessLevelSignature>false</RequireBusinessLevelSignature>"
        f"<Certificate>{b64(pki.access_point.certificate)}</Certificate>"
        "<ServiceDescription>AP</ServiceDescription>"
        "<TechnicalContactUrl>https://heldigital.test</TechnicalContactUrl>"
        "</Endpoint></ServiceEndpointList></Process></ProcessList>"
        "</ServiceInformation></ServiceMetadata></SignedServiceMetadata>"
    )


def test_bdxr1(server, pki):
    group = (
        f"<ServiceGroup {B1}>"
        f'<ParticipantIdentifier scheme="iso6523-actorid-upis">{PARTICIPANT.value}'
        "</ParticipantIdentifier><ServiceMetadataReferenceCollection>"
        f'<ServiceMetadataReference href="{server.url}{metadata_path()}"/>'
        "</ServiceMetadataReferenceCollection></ServiceGroup>"
    )
    server.routes[f"/{PARTICIPANT.uri}"] = (200, group.encode())
    server.routes[metadata_path()] = (200, sign_signxml(bdxr1_metadata(pki), pki.smp, pki))
    c = client(server, pki, smp.BDXR1)
    assert c.service_group(PARTICIPANT).document_types == (INVOICE,)
    metadata = c.service_metadata(PARTICIPANT, INVOICE, at=NOW)
    assert metadata.flavour == smp.BDXR1
    endpoint = c.endpoint(PARTICIPANT, INVOICE, BILLING, AS4, at=NOW)
    assert (endpoint.address, endpoint.activation) == (AP_URL, None)


# --- OASIS BDXR SMP 2.0 ------------------------------------------------------------

B2 = (
    'xmlns:cbc="http://docs.oasis-open.org/bdxr/ns/SMP/2/BasicComponents" '
    'xmlns:cac="http://docs.oasis-open.org/bdxr/ns/SMP/2/AggregateComponents" '
    'xmlns:ext="http://docs.oasis-open.org/bdxr/ns/SMP/2/ExtensionComponents"'
)
EXTENSIONS = (
    "<ext:SMPExtensions><ext:SMPExtension><ext:ExtensionContent/></ext:SMPExtension>"
    "</ext:SMPExtensions>"
)


def sign_ours(xml: str, issued, pki) -> bytes:
    """BDXR SMP 2.0 puts the signature into its extension content; signed by our signer."""
    root = parse(xml.encode()).getroot()
    content = root.find(
        ".//{http://docs.oasis-open.org/bdxr/ns/SMP/2/ExtensionComponents}ExtensionContent"
    )
    xmldsig.sign_enveloped(
        root, issued.key, [issued.certificate, pki.smp_ca.certificate], parent=content
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def bdxr2_metadata(pki, body: str | None = None) -> str:
    body = body or (
        "<cac:ProcessMetadata>"
        f'<cac:Process><cbc:ID schemeID="cenbii-procid-ubl">{BILLING.value}</cbc:ID></cac:Process>'
        f"<cac:Endpoint><cbc:TransportProfileID>{AS4}</cbc:TransportProfileID>"
        "<cbc:Description>AP</cbc:Description><cbc:Contact>mailto:ap@heldigital.test</cbc:Contact>"
        f"<cbc:AddressURI>{AP_URL}</cbc:AddressURI>"
        "<cbc:ActivationDate>2026-01-01</cbc:ActivationDate>"
        "<cbc:ExpirationDate>2027-12-31</cbc:ExpirationDate>"
        "<cac:Certificate><cbc:TypeCode>signing</cbc:TypeCode>"
        '<cbc:ContentBinaryObject mimeCode="application/base64">'
        f"{b64(pki.access_point.certificate)}"
        "</cbc:ContentBinaryObject></cac:Certificate></cac:Endpoint></cac:ProcessMetadata>"
    )
    return (
        '<ServiceMetadata xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceMetadata" '
        f"{B2}>{EXTENSIONS}<cbc:SMPVersionID>2.0</cbc:SMPVersionID>"
        f'<cbc:ID schemeID="busdox-docid-qns">{INVOICE.value}</cbc:ID>'
        '<cbc:ParticipantID schemeID="iso6523-actorid-upis">'
        f"{PARTICIPANT.value}</cbc:ParticipantID>"
        f"{body}</ServiceMetadata>"
    )


def test_bdxr2(server, pki):
    group = (
        '<ServiceGroup xmlns="http://docs.oasis-open.org/bdxr/ns/SMP/2/ServiceGroup" '
        f"{B2}><cbc:SMPVersionID>2.0</cbc:SMPVersionID>"
        '<cbc:ParticipantID schemeID="iso6523-actorid-upis">'
        f"{PARTICIPANT.value}</cbc:ParticipantID>"
        f'<cac:ServiceReference><cbc:ID schemeID="busdox-docid-qns">{INVOICE.value}</cbc:ID>'
        "</cac:ServiceReference></ServiceGroup>"
    )
    server.routes[f"/bdxr-smp-2/{PARTICIPANT.uri}"] = (200, group.encode())
    server.routes[metadata_path(prefix="bdxr-smp-2/")] = (
        200,
        sign_ours(bdxr2_metadata(pki), pki.smp, pki),
    )
    c = client(server, pki, smp.BDXR2)
    assert c.service_group(PARTICIPANT).document_types == (INVOICE,)
    endpoint = c.endpoint(PARTICIPANT, INVOICE, BILLING, AS4, at=NOW)
    assert endpoint.address == AP_URL
    assert endpoint.certificate == pki.access_point.certificate
    assert endpoint.expiration == dt.datetime(2027, 12, 31, tzinfo=dt.UTC)


def test_bdxr2_signed_by_signxml(server, pki):
    """signxml fills a placeholder Signature inside the extension content."""
    placeholder = (
        '<ext:ExtensionContent><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
        'Id="placeholder"/></ext:ExtensionContent>'
    )
    xml = bdxr2_metadata(pki).replace("<ext:ExtensionContent/>", placeholder)
    data = sign_signxml(xml, pki.smp, pki)
    assert b"ExtensionContent><ds:Signature" in data
    server.routes[metadata_path(prefix="bdxr-smp-2/")] = (200, data)
    metadata = client(server, pki, smp.BDXR2).service_metadata(PARTICIPANT, INVOICE, at=NOW)
    assert metadata.signer == pki.smp.certificate


def test_bdxr2_redirect_names_the_target_certificate(server, other_server, pki):
    path = metadata_path(prefix="bdxr-smp-2/")
    redirect = (
        "<cac:ProcessMetadata><cac:Redirect>"
        f"<cbc:PublisherURI>{other_server.url}{path}</cbc:PublisherURI>"
        "<cac:Certificate><cbc:TypeCode>smp</cbc:TypeCode>"
        f'<cbc:ContentBinaryObject mimeCode="application/base64">{b64(pki.other_smp.certificate)}'
        "</cbc:ContentBinaryObject></cac:Certificate></cac:Redirect></cac:ProcessMetadata>"
    )
    server.routes[path] = (200, sign_ours(bdxr2_metadata(pki, redirect), pki.smp, pki))
    other_server.routes[path] = (200, sign_ours(bdxr2_metadata(pki), pki.other_smp, pki))
    c = client(server, pki, smp.BDXR2)
    assert c.service_metadata(PARTICIPANT, INVOICE, at=NOW).signer == pki.other_smp.certificate
    # Signed by a certificate the redirect does not name: refused.
    other_server.routes[path] = (200, sign_ours(bdxr2_metadata(pki), pki.smp, pki))
    with pytest.raises(smp.SMPError, match="does not name"):
        c.service_metadata(PARTICIPANT, INVOICE, at=NOW)


# --- HTTP failures and the whole lookup ---------------------------------------------


def test_http_failures(server, pki):
    c = client(server, pki)
    with pytest.raises(smp.NotFound, match="404"):
        c.service_group(PARTICIPANT)
    server.routes[f"/{PARTICIPANT.uri}"] = (500, b"oops")
    with pytest.raises(smp.SMPError, match="HTTP 500"):
        c.service_group(PARTICIPANT)
    server.routes[f"/{PARTICIPANT.uri}"] = (200, b"this is not xml")
    with pytest.raises(smp.SMPError, match="not XML"):
        c.service_group(PARTICIPANT)
    server.routes[f"/{PARTICIPANT.uri}"] = (200, b"<html/>")
    with pytest.raises(smp.SMPError, match="not a service group"):
        c.service_group(PARTICIPANT)
    other = ParticipantIdentifier.create("0192:991825827")
    server.routes[f"/{PARTICIPANT.uri}"] = (200, peppol_group(server.url, participant=other))
    with pytest.raises(smp.SMPError, match="is of iso6523-actorid-upis::0192:991825827"):
        c.service_group(PARTICIPANT)


def test_http_redirects_only_to_http(server, pki):
    c = client(server, pki)
    server.routes[f"/{PARTICIPANT.uri}"] = (301, b"/moved")
    server.routes["/moved"] = (200, peppol_group(server.url))
    assert c.service_group(PARTICIPANT).participant == PARTICIPANT
    server.routes[f"/{PARTICIPANT.uri}"] = (302, b"ftp://127.0.0.1/passwd")
    with pytest.raises(smp.SMPError, match="refused: not http"):
        c.service_group(PARTICIPANT)


def test_silent_server_times_out(pki):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        c = smp.SMPClient(
            f"http://127.0.0.1:{silent.getsockname()[1]}",
            trust_anchors=[pki.root.certificate],
            timeout=0.5,
        )
        with pytest.raises(smp.SMPError, match="timed out"):
            c.service_group(PARTICIPANT)
    finally:
        silent.close()


def test_client_refuses_other_url_schemes(pki):
    with pytest.raises(ValueError, match="not http"):
        smp.SMPClient("file:///etc/", trust_anchors=[pki.root.certificate])


def test_sml_then_smp_then_endpoint(server, pki):
    """The whole discovery: DNS (U-NAPTR) -> SMP -> verified endpoint."""
    zone = "sml.heldigital.test."
    lines = [
        f"$ORIGIN {zone}",
        "@ 60 IN SOA ns hostmaster 1 60 60 600 60",
        "@ 60 IN NS ns",
        "ns 60 IN A 127.0.0.1",
        *sml.zone_records(PARTICIPANT, zone=zone, smp_url=server.url, smp_host=f"ns.{zone}"),
    ]
    server.routes[metadata_path()] = (200, sign_signxml(peppol_metadata(pki), pki.smp, pki))
    with AuthoritativeServer("\n".join(lines) + "\n", zone) as dns_server:
        resolver = sml.resolver_for(dns_server.host, dns_server.port, timeout=2)
        location, endpoint = smp.discover(
            PARTICIPANT,
            INVOICE,
            BILLING,
            AS4,
            zone=zone,
            trust_anchors=[pki.root.certificate],
            at=NOW,
            resolver=resolver,
        )
        assert (location.url, location.method) == (server.url, "naptr")
        assert endpoint.address == AP_URL
        assert endpoint.certificate == pki.access_point.certificate
        with pytest.raises(sml.NotRegistered):
            smp.discover(
                ParticipantIdentifier.create("0192:991825827"),
                INVOICE,
                BILLING,
                AS4,
                zone=zone,
                trust_anchors=[pki.root.certificate],
                at=NOW,
                resolver=resolver,
            )
