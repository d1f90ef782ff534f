"""The lookup chain end to end, on real parts: NSD serves the zone that ``heldigital smp
zone`` wrote, the platform's SMP (AP B's instance, Granian over HTTPS) answers with
signed metadata, and AP A finds AP B's endpoint and certificate - the first step of
every send."""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import subprocess
import urllib.request

import pytest
from cryptography import x509

from heldigital.peppol import sml, smp
from heldigital.peppol.as4.revocation import CRLChecker
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.peppol.xmldsig import SignatureError, validate_chain
from tests.network.harness import (
    AS4,
    BILLING,
    COMMAND,
    INVOICE,
    PARTICIPANT_A,
    PARTICIPANT_B,
    ZONE,
    tls_context,
)


def _resolver(net):
    return sml.resolver_for(net.dns.host, net.dns.port, timeout=5)


def test_dns_then_smp_then_endpoint_and_certificate(trust_tls):
    net = trust_tls
    now = dt.datetime.now(dt.UTC)
    participant = ParticipantIdentifier.create(PARTICIPANT_B)
    # DNS: NSD answers the U-NAPTR of the participant with the SMP's HTTPS URL.
    location = sml.lookup(participant, ZONE, resolver=_resolver(net))
    assert (location.method, location.url) == ("naptr", net.smp_url)
    assert location.url.startswith("https://")
    # SMP over HTTPS: the metadata is signed by the SMP certificate (SMP CA -> root).
    location, endpoint = smp.discover(
        participant,
        DocumentTypeIdentifier.parse(INVOICE),
        ProcessIdentifier.parse(BILLING),
        AS4,
        zone=ZONE,
        trust_anchors=net.pki.anchors,
        at=now,
        resolver=_resolver(net),
    )
    assert endpoint.address == net.b.as4_url
    assert endpoint.certificate == net.pki.ap_b.certificate
    client = smp.SMPClient(location.url, trust_anchors=net.pki.anchors)
    metadata = client.service_metadata(participant, DocumentTypeIdentifier.parse(INVOICE), at=now)
    assert metadata.signer == net.pki.smp.certificate
    # The endpoint's certificate is a Peppol AP certificate: AP CA -> root, not revoked
    # (the CRL fetched from its distribution point, served on loopback).
    chain = validate_chain(
        endpoint.certificate,
        trust_anchors=net.pki.anchors,
        intermediates=[net.pki.ap_ca.certificate],
        at=now,
    )
    assert chain[1] == net.pki.ap_ca.certificate
    checker = CRLChecker(timeout=5)
    checker(endpoint.certificate, chain)
    revoked_chain = (net.pki.revoked.certificate, *chain[1:])
    with pytest.raises(SignatureError, match="revoked"):
        checker(net.pki.revoked.certificate, revoked_chain)
    # Both participants are in the zone, an unregistered one is not.
    assert sml.lookup(ParticipantIdentifier.create(PARTICIPANT_A), ZONE, resolver=_resolver(net))
    with pytest.raises(sml.NotRegistered):
        sml.lookup(ParticipantIdentifier.create("0192:920000029"), ZONE, resolver=_resolver(net))


def test_ap_a_looks_up_ap_b_from_its_own_configuration(net, tmp_path):
    """``heldigital peppol lookup`` in AP A's environment: A's settings, A's TLS trust."""
    where = ["--zone", ZONE, "--nameserver", net.nameserver]
    done = subprocess.run(
        [
            *COMMAND,
            "peppol",
            "lookup",
            PARTICIPANT_B,
            "--document-type",
            INVOICE,
            "--trust",
            str(net.pki.files["root"]),
            *where,
            "--format",
            "json",
        ],
        env=net.a.env,
        cwd=net.a.directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    answer = json.loads(done.stdout)
    assert answer["smp"] == net.smp_url
    assert answer["signer"].startswith("CN=SMP one")
    (endpoint,) = answer["processes"][0]["endpoints"]
    assert endpoint["address"] == net.b.as4_url
    assert endpoint["active"] is True
    assert endpoint["certificate"].startswith("CN=POP000002")


def test_the_servers_speak_tls_only_to_clients_that_trust_them(net):
    # The certificate presented is the TLS one, not the AP certificate.
    with (
        socket.create_connection(("127.0.0.1", net.b.port), timeout=10) as raw,
        tls_context(net.pki).wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        presented = x509.load_der_x509_certificate(tls.getpeercert(binary_form=True))
    assert presented == net.pki.tls.certificate
    # A client with the system's trust store refuses the test TLS CA.
    with pytest.raises(urllib.error.URLError) as refused:
        urllib.request.urlopen(
            f"{net.smp_url}/{ParticipantIdentifier.create(PARTICIPANT_B).uri}",
            timeout=10,
            context=ssl.create_default_context(cafile=None, capath=None, cadata=None),
        )
    assert isinstance(refused.value.reason, ssl.SSLCertVerificationError)
