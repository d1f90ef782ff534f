"""heldigital.peppol.as4 with real crypto: round trips, receipts, hostile input, interop."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital.peppol import as4
from heldigital.peppol import sbdh as sbdh_module
from heldigital.peppol.as4 import message, mime, ns, security
from heldigital.peppol.as4.errors import AS4Failure, EbmsCode
from heldigital.peppol.as4.ns import q
from heldigital.peppol.as4.revocation import CRLChecker
from tests.conftest import corpus
from tests.lib.peppol.as4_pki import AS4PKI, NOW, make_as4_pki, make_crl

DATA = Path(__file__).parent / "data" / "as4"
SBDH = corpus("peppol-sbdh", "good", "good.xml").read_bytes()
SBDH_HEADER = sbdh_module.read(SBDH).header


@pytest.fixture(scope="module")
def ap() -> AS4PKI:
    return make_as4_pki()


@pytest.fixture(scope="module")
def sbdh_bytes() -> bytes:
    return corpus("peppol-sbdh", "good", "good-bis3-full.xml").read_bytes()


def package(ap: AS4PKI, sbdh: bytes, signer=None, **kwargs) -> as4.OutgoingMessage:
    signer = signer or ap.sender
    kwargs.setdefault("receiver_certificate", ap.receiver.certificate)
    return as4.package(
        sbdh,
        from_party=signer.certificate.subject.rfc4514_string().split("CN=")[1].split(",")[0],
        to_party="POP000002",
        key=signer.key,
        certificate=signer.certificate,
        now=NOW,
        **kwargs,
    )


def open_(ap: AS4PKI, body: bytes, content_type: str | None, **kwargs) -> as4.Delivered:
    kwargs.setdefault("at", NOW)
    return as4.open_message(
        body,
        content_type,
        key=ap.receiver.key,
        trust_anchors=ap.anchors,
        intermediates=ap.intermediates,
        **kwargs,
    )


def failure_code(callable_, *args, **kwargs) -> EbmsCode:
    with pytest.raises(AS4Failure) as info:
        callable_(*args, **kwargs)
    return info.value.code


# -- round trips ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", sorted(p.name for p in corpus("peppol-sbdh", "good").glob("*.xml"))
)
def test_every_good_sbdh_goes_through_and_comes_out_unchanged(ap, name):
    sbdh = corpus("peppol-sbdh", "good", name).read_bytes()
    out = package(ap, sbdh)
    delivered = open_(ap, out.body, out.content_type)
    assert delivered.payloads == (sbdh,)
    assert delivered.user_message.message_id == out.message_id
    assert delivered.signature.certificate == ap.sender.certificate


def test_the_user_message_follows_the_peppol_profile(ap, sbdh_bytes):
    from heldigital.peppol import sbdh

    header = sbdh.read(sbdh_bytes).header
    out = package(ap, sbdh_bytes, tracking_identifier="track-1")
    user = open_(ap, out.body, out.content_type).user_message
    assert user.from_party == "POP000001" and user.to_party == "POP000002"
    assert user.party_type == "urn:fdc:peppol.eu:2017:identifiers:ap"
    assert user.agreement == "urn:fdc:peppol.eu:2017:agreements:tia:ap_provider"
    assert (user.service_type, user.service) == (header.process.scheme, header.process.value)
    assert user.action == f"busdox-docid-qns::{header.document_type.value}"
    assert (user.original_sender_type, user.original_sender) == (
        "iso6523-actorid-upis",
        header.sender.value,
    )
    assert user.final_recipient == header.receiver.value
    assert user.tracking_identifier == "track-1"
    (part,) = user.parts
    assert part.compression_type == "application/gzip" and part.mime_type == "application/xml"
    assert user.timestamp == NOW


def test_the_wire_form_is_signed_then_encrypted(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    received = as4.read(out.body, out.content_type)
    (cid,) = received.attachments
    # The part on the wire is ciphertext (not gzip), the signature references it by cid.
    assert not received.attachments[cid].content.startswith(b"\x1f\x8b")
    assert received.attachments[cid].content_type == "application/octet-stream"
    env = received.envelope
    signed = {r.get("URI") for r in env.iter(q(ns.DS, "Reference"))}
    assert f"cid:{cid}" in signed and len(signed) == 3
    assert env.find(f".//{q(ns.DS, 'SignatureMethod')}").get("Algorithm") == ns.RSA_SHA256
    assert (
        env.find(f".//{q(ns.XENC, 'EncryptedData')}/{q(ns.XENC, 'EncryptionMethod')}").get(
            "Algorithm"
        )
        == ns.AES128_GCM
    )
    method = env.find(f".//{q(ns.XENC, 'EncryptedKey')}/{q(ns.XENC, 'EncryptionMethod')}")
    assert method.get("Algorithm") == ns.RSA_OAEP
    assert method.find(q(ns.XENC11, "MGF")).get("Algorithm") == ns.MGF1_SHA256
    assert method.find(q(ns.DS, "DigestMethod")).get("Algorithm") == ns.SHA256


def test_the_boundary_is_read_from_the_first_line_without_a_content_type(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    assert open_(ap, out.body, None).payloads == (sbdh_bytes,)


def test_mime_parse_reads_lf_only_bodies_and_base64_parts():
    body = (
        b"--b1\nContent-Type: application/soap+xml\n\n<x/>\n--b1\nContent-ID: <a@b>\n"
        b"Content-Transfer-Encoding: base64\n\naGVsbG8=\n--b1--\n"
    )
    parsed = mime.parse(body)
    assert parsed.root.content == b"<x/>"
    assert parsed.attachment("cid:a@b").content == b"hello"


def test_receipt_round_trip(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    delivered = open_(ap, out.body, out.content_type)
    answer = as4.receipt(
        delivered, key=ap.receiver.key, certificate=ap.receiver.certificate, now=NOW
    )
    signal = as4.verify_receipt(
        answer,
        "application/soap+xml",
        out,
        trust_anchors=ap.anchors,
        intermediates=ap.intermediates,
        at=NOW,
    )
    assert signal.ref_to_message_id == out.message_id
    assert {r.uri for r in signal.receipt} == {r.uri for r in out.references}


def test_a_receipt_for_another_message_or_with_other_digests_is_invalid(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    other = package(ap, sbdh_bytes)
    delivered = open_(ap, other.body, other.content_type)
    answer = as4.receipt(
        delivered, key=ap.receiver.key, certificate=ap.receiver.certificate, now=NOW
    )
    kwargs = {"trust_anchors": ap.anchors, "intermediates": ap.intermediates, "at": NOW}
    assert failure_code(as4.verify_receipt, answer, None, out, **kwargs) == EbmsCode.INVALID_RECEIPT
    # Same message id, but the receipt's non-repudiation digests are not ours.
    forged = as4.OutgoingMessage(
        other.message_id,
        other.body,
        other.content_type,
        other.user_message,
        tuple(security.Reference(r.uri, bytes(32), r.transforms) for r in other.references),
    )
    assert failure_code(as4.verify_receipt, answer, None, forged, **kwargs) == (
        EbmsCode.INVALID_RECEIPT
    )


def test_a_receipt_signed_by_an_untrusted_key_fails_authentication(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    delivered = open_(ap, out.body, out.content_type)
    answer = as4.receipt(
        delivered, key=ap.stranger.key, certificate=ap.stranger.certificate, now=NOW
    )
    assert (
        failure_code(
            as4.verify_receipt,
            answer,
            None,
            out,
            trust_anchors=ap.anchors,
            intermediates=ap.intermediates,
            at=NOW,
        )
        == EbmsCode.FAILED_AUTHENTICATION
    )


def test_an_error_signal_in_answer_is_reported(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    answer = as4.error_signal(
        AS4Failure(EbmsCode.FAILED_DECRYPTION, "nope", message_id=out.message_id), now=NOW
    )
    with pytest.raises(AS4Failure, match="EBMS:0102"):
        as4.verify_receipt(answer, None, out, trust_anchors=ap.anchors, at=NOW)


# -- the failure -> error signal function ----------------------------------------


@pytest.mark.parametrize("code", list(EbmsCode))
def test_every_failure_becomes_its_error_signal(ap, code):
    failure = AS4Failure(code, "what went wrong", message_id="m-1@x")
    signed = as4.error_signal(
        failure, now=NOW, key=ap.receiver.key, certificate=ap.receiver.certificate
    )
    received = as4.read(signed)
    signal = message.read_messaging(received.envelope)
    assert isinstance(signal, message.SignalMessage)
    (error,) = signal.errors
    assert (error.code, error.short_description, error.category, error.severity) == (
        code.code,
        code.short_description,
        code.category,
        code.severity,
    )
    assert error.ref_to_message_in_error == "m-1@x" == signal.ref_to_message_id
    assert error.detail == "what went wrong" and error.origin == "ebMS"
    security.verify(
        received.envelope, {}, trust_anchors=ap.anchors, intermediates=ap.intermediates, at=NOW
    )


# -- hostile input ---------------------------------------------------------------------


def _cn(certificate: x509.Certificate) -> str:
    return certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value


def custom_message(
    ap: AS4PKI,
    payload: bytes,
    *,
    sign_attachment: bool = True,
    encrypt: bool = True,
    signature_method: str = ns.RSA_SHA256,
    signer=None,
    compress: bool = True,
    from_party: str | None = None,
    action: str | None = None,
) -> tuple[bytes, str, str]:
    """A user message built from the parts, to break one rule at a time."""
    signer = signer or ap.sender
    cid = "part-1@test"
    user = message.UserMessage(
        message_id=message.new_message_id("test"),
        timestamp=NOW,
        from_party=from_party or _cn(signer.certificate),
        to_party="POP000002",
        service=SBDH_HEADER.process.value,
        service_type=SBDH_HEADER.process.scheme,
        action=action or str(SBDH_HEADER.document_type),
        original_sender=SBDH_HEADER.sender.value,
        original_sender_type=SBDH_HEADER.sender.scheme,
        final_recipient=SBDH_HEADER.receiver.value,
        final_recipient_type=SBDH_HEADER.receiver.scheme,
        parts=(message.PartInfo(f"cid:{cid}"),),
    )
    root = message.build_user_message_envelope(user)
    content = gzip.compress(payload) if compress else payload
    security.sign(
        root,
        {cid: content} if sign_attachment else {},
        signer.key,
        signer.certificate,
        signature_method=signature_method,
    )
    parts = [(cid, "application/gzip", content)]
    if encrypt:
        parts = [
            (e.cid, e.content_type, e.content)
            for e in security.encrypt_attachments(root, parts, ap.receiver.certificate)
        ]
    body, content_type = mime.build(etree.tostring(root), parts)
    return body, content_type, user.message_id


def test_the_custom_builder_makes_acceptable_messages(ap):
    body, content_type, _ = custom_message(ap, SBDH)
    assert open_(ap, body, content_type).payloads == (SBDH,)


@pytest.mark.parametrize(
    "body",
    [
        b"--b1\r\nContent-Type: application/soap+xml\r\n\r\n<x/>",  # no closing delimiter
        b"no boundary at all",
        b"--\r\n\r\n",
        b"--b1\r\nContent-Type: application/soap+xml\r\n\r\n<x/>\r\n--b1\r\n"
        b"Content-Type: application/gzip\r\n\r\nabc\r\n--b1--\r\n",  # attachment without Content-ID
        b"--b1\r\nContent-Type: application/soap+xml\r\n\r\n<x/>\r\n--b1\r\nContent-ID: <a>\r\n\r\n"
        b"1\r\n--b1\r\nContent-ID: <a>\r\n\r\n2\r\n--b1--\r\n",  # duplicate Content-ID
        b"--b1\r\nContent-Type: text/plain\r\n\r\nnot soap\r\n--b1--\r\n",
        b"--b1\r\nbroken header line\r\n\r\n<x/>\r\n--b1--\r\n",
        b"--b1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<x/>\r\n--b1--\r\n",
    ],
)
def test_malformed_mime_is_mime_inconsistency(ap, body):
    # Multipart by its content type, with no boundary parameter: read from the first line.
    content_type = 'multipart/related; type="application/soap+xml"'
    assert failure_code(open_, ap, body, content_type) == EbmsCode.MIME_INCONSISTENCY
    if body.startswith(b"--"):
        assert failure_code(open_, ap, body, None) == EbmsCode.MIME_INCONSISTENCY


def test_a_content_type_whose_boundary_is_not_in_the_body(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    wrong = out.content_type.replace("----=_Part_", "----=_Other_")
    assert failure_code(open_, ap, out.body, wrong) == EbmsCode.MIME_INCONSISTENCY


def test_truncated_message_is_mime_inconsistency(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    assert failure_code(open_, ap, out.body[: len(out.body) // 2], out.content_type) == (
        EbmsCode.MIME_INCONSISTENCY
    )


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope"><S12:Header>&lol3;</S12:Header>
<S12:Body/></S12:Envelope>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope"><S12:Header>&e;</S12:Header>
<S12:Body/></S12:Envelope>"""
DEEP = (
    b'<S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope"><S12:Header>'
    + b"<a>" * 100_000
    + b"</a>" * 100_000
    + b"</S12:Header><S12:Body/></S12:Envelope>"
)


@pytest.mark.parametrize("envelope", [BILLION_LAUGHS, XXE, DEEP, b"<S12:Envelope", b"\x00\x01"])
@pytest.mark.parametrize("wrapped", [False, True])
def test_xml_attacks_in_the_soap_header_are_invalid_header(ap, envelope, wrapped):
    if wrapped:
        body, content_type = mime.build(envelope, [("a@b", "application/gzip", b"x")])
    else:
        body, content_type = envelope, "application/soap+xml"
    assert failure_code(open_, ap, body, content_type) == EbmsCode.INVALID_HEADER


def test_not_a_peppol_ebms_header(ap):
    envelope = (
        b'<S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope">'
        b"<S12:Header/><S12:Body/></S12:Envelope>"
    )
    assert failure_code(open_, ap, envelope, None) == EbmsCode.INVALID_HEADER


@pytest.mark.parametrize(
    "method",
    [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
        "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
    ],
)
def test_a_signature_algorithm_outside_the_profile_is_policy_noncompliance(ap, method):
    body, content_type, message_id = custom_message(ap, SBDH, signature_method=method)
    with pytest.raises(AS4Failure) as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.POLICY_NONCOMPLIANCE
    assert info.value.message_id == message_id


def test_a_signature_that_does_not_cover_the_attachment_is_refused(ap):
    body, content_type, _ = custom_message(ap, SBDH, sign_attachment=False)
    with pytest.raises(AS4Failure, match="does not cover the attachment") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.POLICY_NONCOMPLIANCE


def test_a_tampered_attachment_fails_authentication(ap):
    body, content_type, _ = custom_message(ap, b"<x>original</x>", encrypt=False)
    tampered = body.replace(gzip.compress(b"<x>original</x>"), gzip.compress(b"<x>modified</x>"))
    assert tampered != body
    code = failure_code(open_, ap, tampered, content_type, require_encryption=False)
    assert code == EbmsCode.FAILED_AUTHENTICATION


def test_a_tampered_ciphertext_fails_decryption(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    received = as4.read(out.body, out.content_type)
    (part,) = received.attachments.values()
    flipped = bytearray(part.content)
    flipped[40] ^= 0x01
    body = out.body.replace(part.content, bytes(flipped))
    assert failure_code(open_, ap, body, out.content_type) == EbmsCode.FAILED_DECRYPTION


def test_a_message_encrypted_for_someone_else_fails_decryption(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes, receiver_certificate=ap.stranger.certificate)
    assert failure_code(open_, ap, out.body, out.content_type) == EbmsCode.FAILED_DECRYPTION


def test_an_unencrypted_attachment_is_policy_noncompliance(ap):
    body, content_type, _ = custom_message(ap, SBDH, encrypt=False)
    assert failure_code(open_, ap, body, content_type) == EbmsCode.POLICY_NONCOMPLIANCE


def test_a_payload_that_does_not_gunzip_is_decompression_failure(ap):
    body, content_type, _ = custom_message(ap, b"<x/> not gzip", compress=False)
    assert failure_code(open_, ap, body, content_type) == EbmsCode.DECOMPRESSION_FAILURE


def test_a_gzip_bomb_is_decompression_failure(ap):
    body, content_type, _ = custom_message(ap, b"\0" * 5_000_000)
    assert failure_code(open_, ap, body, content_type, max_payload_bytes=1_000_000) == (
        EbmsCode.DECOMPRESSION_FAILURE
    )


def test_an_unsigned_message_is_policy_noncompliance(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    received = as4.read(out.body, out.content_type)
    signature = received.envelope.find(f".//{q(ns.DS, 'Signature')}")
    signature.getparent().remove(signature)
    envelope = etree.tostring(received.envelope)
    ((cid, part),) = received.attachments.items()
    body, content_type = mime.build(envelope, [(cid, part.content_type, part.content)])
    assert failure_code(open_, ap, body, content_type) == EbmsCode.POLICY_NONCOMPLIANCE


def test_a_changed_ebms_header_fails_authentication(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    body = out.body.replace(b"POP000002</eb:PartyId>", b"POP000009</eb:PartyId>")
    assert body != out.body
    assert failure_code(open_, ap, body, out.content_type) == EbmsCode.FAILED_AUTHENTICATION


def test_signature_wrapping_with_a_second_element_of_the_same_id_is_refused(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    received = as4.read(out.body, out.content_type)
    _, messaging, body = security.envelope_parts(received.envelope)
    decoy = etree.SubElement(body, "decoy")
    decoy.set(q(ns.WSU, "Id"), messaging.get(q(ns.WSU, "Id")))
    ((cid, part),) = received.attachments.items()
    wire, content_type = mime.build(
        etree.tostring(received.envelope), [(cid, part.content_type, part.content)]
    )
    assert failure_code(open_, ap, wire, content_type) == EbmsCode.INVALID_HEADER


def test_an_expired_certificate_fails_authentication(ap):
    body, content_type, _ = custom_message(ap, SBDH, signer=ap.expired)
    with pytest.raises(AS4Failure, match="not valid at") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION


def test_an_untrusted_certificate_fails_authentication(ap):
    body, content_type, _ = custom_message(ap, SBDH, signer=ap.stranger)
    with pytest.raises(AS4Failure, match="does not chain") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION


def test_a_revoked_certificate_fails_authentication(ap):
    checker = CRLChecker(crls=[ap.crl], fetch=None, now=lambda: NOW)
    body, content_type, _ = custom_message(ap, SBDH, signer=ap.revoked)
    with pytest.raises(AS4Failure, match="revoked") as info:
        open_(ap, body, content_type, revocation=checker)
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION
    # The sender is not on the CRL: accepted.
    body, content_type, _ = custom_message(ap, SBDH)
    assert open_(ap, body, content_type, revocation=checker).payloads == (SBDH,)


def test_revocation_status_unknown_fails_closed_unless_told_otherwise(ap):
    body, content_type, _ = custom_message(ap, SBDH)
    closed = CRLChecker(fetch=None, now=lambda: NOW)
    with pytest.raises(AS4Failure, match="fail closed"):
        open_(ap, body, content_type, revocation=closed)
    stale = CRLChecker(
        crls=[make_crl(ap.ap_ca, [], this_update=NOW - dt.timedelta(days=30))],
        fetch=None,
        now=lambda: NOW,
    )
    assert failure_code(open_, ap, body, content_type, revocation=stale) == (
        EbmsCode.FAILED_AUTHENTICATION
    )
    forged = CRLChecker(
        crls=[make_crl(ap.stranger_root, [], this_update=NOW)], fetch=None, now=lambda: NOW
    )
    assert failure_code(open_, ap, body, content_type, revocation=forged) == (
        EbmsCode.FAILED_AUTHENTICATION
    )
    opened = CRLChecker(fetch=None, fail_open=True, now=lambda: NOW)
    assert open_(ap, body, content_type, revocation=opened).payloads == (SBDH,)
    assert any("fail open" in note for note in opened.notes)


@pytest.fixture
def crl_server(ap) -> Iterator[tuple[str, list[float]]]:
    """A real HTTP server on loopback: /crl serves the CRL, /slow never answers in time."""
    from cryptography.hazmat.primitives.serialization import Encoding

    der = ap.crl.public_bytes(Encoding.DER)
    hits: list[float] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(time.monotonic())
            if self.path == "/slow":
                time.sleep(3)
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-crl")
            self.end_headers()
            self.wfile.write(der)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def _with_crl_point(ap: AS4PKI, url: str, cn: str, revoked: bool = False):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    from tests.lib.peppol.pki import Issued, name

    key = (
        ap.revoked.key
        if revoked
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(ap.ap_ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(
            ap.revoked.certificate.serial_number if revoked else x509.random_serial_number()
        )
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(url)], None, None, None)]
            ),
            critical=False,
        )
    )
    return Issued(key, builder.sign(ap.ap_ca.key, hashes.SHA256()))


def test_the_crl_is_fetched_from_the_distribution_point_and_cached(ap, crl_server):
    base, hits = crl_server
    signer = _with_crl_point(ap, f"{base}/crl", "POP000010", revoked=True)
    checker = CRLChecker(timeout=2, now=lambda: NOW)
    body, content_type, _ = custom_message(ap, SBDH, signer=signer)
    with pytest.raises(AS4Failure, match="revoked"):
        open_(ap, body, content_type, revocation=checker)
    good = _with_crl_point(ap, f"{base}/crl", "POP000011")
    body, content_type, _ = custom_message(ap, SBDH, signer=good)
    open_(ap, body, content_type, revocation=checker)
    assert len(hits) == 1  # the second check used the cached CRL


def test_a_crl_server_that_does_not_answer_in_time_fails_closed_within_the_timeout(ap, crl_server):
    base, _ = crl_server
    signer = _with_crl_point(ap, f"{base}/slow", "POP000012")
    checker = CRLChecker(timeout=0.5, now=lambda: NOW)
    body, content_type, _ = custom_message(ap, SBDH, signer=signer)
    started = time.monotonic()
    with pytest.raises(AS4Failure, match="fail closed") as info:
        open_(ap, body, content_type, revocation=checker)
    assert time.monotonic() - started < 2.5
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION
    assert any("timed out" in note for note in checker.notes), checker.notes


def test_a_replayed_message_id_is_refused_after_authentication(ap, sbdh_bytes):
    store = as4.MemoryDuplicateStore()
    out = package(ap, sbdh_bytes)
    open_(ap, out.body, out.content_type, duplicates=store)
    with pytest.raises(as4.DuplicateMessage, match="received before") as info:
        open_(ap, out.body, out.content_type, duplicates=store)
    assert info.value.code == EbmsCode.OTHER
    assert info.value.message_id == out.message_id
    # The sender retried because our receipt was lost: the receipt again verifies.
    answer = as4.receipt(
        info.value.delivered, key=ap.receiver.key, certificate=ap.receiver.certificate, now=NOW
    )
    as4.verify_receipt(
        answer, None, out, trust_anchors=ap.anchors, intermediates=ap.intermediates, at=NOW
    )
    # A forged copy (untrusted signer, same id) never reaches the store.
    assert len(store) == 1


def test_duplicate_store_retention_and_concurrency():
    store = as4.MemoryDuplicateStore(retention=dt.timedelta(days=1))
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(store.add("m", NOW))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    assert store.add("m", NOW + dt.timedelta(days=2)) is True  # forgotten after the window


def test_the_party_ids_must_be_the_access_points_certificate_names(ap):
    body, content_type, _ = custom_message(ap, SBDH, from_party="POP000002")
    with pytest.raises(AS4Failure, match="not the CN of the signing certificate") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.VALUE_INCONSISTENT
    body, content_type, _ = custom_message(ap, SBDH)
    assert open_(ap, body, content_type, our_party="POP000002").payloads == (SBDH,)
    with pytest.raises(AS4Failure, match="is not this access point") as info:
        open_(ap, body, content_type, our_party="POP000099")
    assert info.value.code == EbmsCode.VALUE_INCONSISTENT


def test_a_signal_where_a_user_message_is_expected(ap):
    answer = as4.error_signal(AS4Failure(EbmsCode.OTHER, "x"), now=NOW)
    assert failure_code(open_, ap, answer, None) == EbmsCode.VALUE_INCONSISTENT


def test_a_foreign_party_type_is_value_not_recognized(ap, sbdh_bytes):
    out = package(ap, sbdh_bytes)
    body = out.body.replace(b"urn:fdc:peppol.eu:2017:identifiers:ap", b"urn:other:party")
    assert failure_code(open_, ap, body, out.content_type) == EbmsCode.VALUE_NOT_RECOGNIZED


# -- messages from other implementations -------------------------------------------------


def _bst_certificate(path: Path) -> x509.Certificate:
    root = as4.read(path.read_bytes()).envelope
    token = root.find(f".//{q(ns.WSSE, 'BinarySecurityToken')}")
    return x509.load_der_x509_certificate(base64.b64decode(token.text))


PHASE4 = DATA / "phase4-helger-receipt.xml"
HOLODECK = DATA / "holodeck-dataport-receipt.xml"
WHEN = dt.datetime(2022, 3, 7, 17, 37, tzinfo=dt.UTC)


def test_a_phase4_receipt_verifies_with_its_certificate_pinned():
    certificate = _bst_certificate(PHASE4)
    assert "PEPPOL ACCESS POINT TEST CA - G2" in certificate.issuer.rfc4514_string()
    received = as4.read(PHASE4.read_bytes())
    verified = security.verify(received.envelope, {}, trust_anchors=[certificate], at=WHEN)
    assert len(verified.references) == 2
    signal = message.read_messaging(received.envelope)
    assert signal.ref_to_message_id == "3b3775c9-e88d-47f9-be5a-8e045ca2bc07@phase4"
    assert [r.uri.split(":")[0] for r in signal.receipt] == [
        "#phase4-msg-9cb62f4d-7132-4b52-93cf-79aa82d8c12f",
        "#id-0895ace8-af3b-410f-85ec-0227b4f97cd9",
        "cid",
    ]


def test_the_phase4_receipt_fails_when_changed_or_out_of_time():
    certificate = _bst_certificate(PHASE4)
    data = PHASE4.read_bytes()
    changed = as4.read(data.replace(b"2022-03-07T17:36:50.173Z", b"2022-03-07T17:36:51.173Z"))
    with pytest.raises(AS4Failure, match="digest"):
        security.verify(changed.envelope, {}, trust_anchors=[certificate], at=WHEN)
    later = as4.read(data)
    with pytest.raises(AS4Failure, match="not valid at"):
        security.verify(
            later.envelope,
            {},
            trust_anchors=[certificate],
            at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        )


def test_the_holodeck_receipt_as_received_does_not_verify_strictly():
    """Holodeck B2B 4.1 signed ``mustUnderstand:mustUnderstand``, sent ``soapenv:mustUnderstand``.

    The body's digest (with its InclusiveNamespaces) verifies; the eb:Messaging
    digest does not on the bytes as received; with the attribute's prefix as it was
    signed the whole signature verifies - so the canonicalization is right and the
    received bytes are not what was signed.
    """
    certificate = _bst_certificate(HOLODECK)
    data = HOLODECK.read_bytes()
    with pytest.raises(AS4Failure, match="digest of #id-4b28412d2948bca") as info:
        security.verify(as4.read(data).envelope, {}, trust_anchors=[certificate], at=WHEN)
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION
    as_signed = data.replace(
        b' soapenv:mustUnderstand="true"><eb3:SignalMessage>',
        b' mustUnderstand:mustUnderstand="true"><eb3:SignalMessage>',
    )
    verified = security.verify(
        as4.read(as_signed).envelope, {}, trust_anchors=[certificate], at=WHEN
    )
    assert [r.uri for r in verified.references] == [
        "#id-4b28412d2948bca-f4a2-48fe-8503-d3693f501057",
        "#id-4b28412c9527071-f3c0-406a-9e39-5ae6f13ba71c",
    ]


# -- OCSP -----------------------------------------------------------------------------------


@pytest.fixture
def ocsp_server(ap) -> Iterator[tuple[str, list[str]]]:
    """A real OCSP responder on loopback, signing with the AP CA's key (RFC 6960 over HTTP).

    ``/ocsp`` answers good or revoked (the revoked AP's serial), ``/stranger`` signs with
    a key of another CA, ``/slow`` does not answer within the clients' timeout.
    """
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding
    from cryptography.x509 import ocsp

    paths: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            paths.append(self.path)
            request = ocsp.load_der_ocsp_request(
                self.rfile.read(int(self.headers["Content-Length"]))
            )
            if self.path == "/slow":
                time.sleep(3)
            signer = ap.stranger_root if self.path == "/stranger" else ap.ap_ca
            revoked = request.serial_number == ap.revoked.certificate.serial_number
            subject = ap.revoked.certificate if revoked else ap.sender.certificate
            # The CertID must name the certificate asked about: rebuild it from the serial.
            builder = ocsp.OCSPResponseBuilder().add_response(
                cert=_certificate_with_serial(subject, request.serial_number),
                issuer=ap.ap_ca.certificate,
                algorithm=hashes.SHA1(),
                cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
                this_update=NOW - dt.timedelta(minutes=10),
                next_update=NOW + dt.timedelta(hours=6),
                revocation_time=NOW - dt.timedelta(days=1) if revoked else None,
                revocation_reason=None,
            )
            response = builder.responder_id(
                ocsp.OCSPResponderEncoding.NAME, signer.certificate
            ).sign(signer.key, hashes.SHA256())
            body = response.public_bytes(Encoding.DER)
            self.send_response(200)
            self.send_header("Content-Type", "application/ocsp-response")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", paths
    server.shutdown()
    server.server_close()


_BY_SERIAL: dict[int, x509.Certificate] = {}


def _certificate_with_serial(default: x509.Certificate, serial: int) -> x509.Certificate:
    return _BY_SERIAL.get(serial, default)


def _with_ocsp(ap: AS4PKI, url: str, cn: str, revoked: bool = False):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

    from tests.lib.peppol.pki import Issued, name

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    serial = ap.revoked.certificate.serial_number if revoked else x509.random_serial_number()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(ap.ap_ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        x509.oid.AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(url),
                    )
                ]
            ),
            critical=False,
        )
        .sign(ap.ap_ca.key, hashes.SHA256())
    )
    _BY_SERIAL[serial] = certificate
    return Issued(key, certificate)


def test_ocsp_good_and_revoked(ap, ocsp_server):
    base, paths = ocsp_server
    checker = as4.OCSPChecker(timeout=2, now=lambda: NOW)
    good = _with_ocsp(ap, f"{base}/ocsp", "POP000020")
    body, content_type, _ = custom_message(ap, SBDH, signer=good)
    assert open_(ap, body, content_type, revocation=checker).payloads == (SBDH,)
    revoked = _with_ocsp(ap, f"{base}/ocsp", "POP000021", revoked=True)
    body, content_type, _ = custom_message(ap, SBDH, signer=revoked)
    with pytest.raises(AS4Failure, match=r"revoked.*\(OCSP\)") as info:
        open_(ap, body, content_type, revocation=checker)
    assert info.value.code == EbmsCode.FAILED_AUTHENTICATION
    assert paths == ["/ocsp", "/ocsp"]


def test_ocsp_signed_by_someone_else_or_too_slow_fails_closed_or_falls_back(ap, ocsp_server):
    base, _ = ocsp_server
    for path in ("/stranger", "/slow"):
        signer = _with_ocsp(ap, f"{base}{path}", f"POP0000{30 + len(path)}")
        body, content_type, _ = custom_message(ap, SBDH, signer=signer)
        checker = as4.OCSPChecker(timeout=0.5, now=lambda: NOW)
        started = time.monotonic()
        with pytest.raises(AS4Failure, match="fail closed") as info:
            open_(ap, body, content_type, revocation=checker)
        assert time.monotonic() - started < 2.5
        assert info.value.code == EbmsCode.FAILED_AUTHENTICATION
        # With the AP CA's CRL as the fallback (the signer is not on it): accepted.
        fallback = as4.OCSPChecker(
            timeout=0.5,
            now=lambda: NOW,
            fallback=CRLChecker(crls=[ap.crl], fetch=None, now=lambda: NOW),
        )
        assert open_(ap, body, content_type, revocation=fallback).payloads == (SBDH,)


def test_a_user_message_header_from_another_implementation_is_read():
    envelope = as4.read((DATA / "phase4-soap12-user-message-2023-03-15.xml").read_bytes()).envelope
    user = message.read_messaging(envelope)
    assert isinstance(user, message.UserMessage)
    assert user.message_id == "49267c79-d822-45d9-aa91-c57b3ca508db"
    assert user.timestamp == dt.datetime(2023, 3, 9, 9, 23, 26, 854251, tzinfo=dt.UTC)
    assert user.from_party == user.to_party == "PDE000556"
    assert user.action.endswith("urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1")
    assert (user.service_type, user.original_sender) == ("cenbii-procid-ubl", "9930:de322532962")
    assert user.parts == (message.PartInfo("cid:sbdhID", "application/xml", "application/gzip"),)
    # Unsigned, it is refused as such.
    with pytest.raises(AS4Failure, match="no wsse:Security") as info:
        security.verify(envelope, {}, trust_anchors=[], at=NOW)
    assert info.value.code == EbmsCode.POLICY_NONCOMPLIANCE


# -- nothing crashes -----------------------------------------------------------------------

_FUZZ_PKI = make_as4_pki()
_FUZZ_MESSAGE = as4.package(
    corpus("peppol-sbdh", "good", "good.xml").read_bytes(),
    from_party="POP000001",
    to_party="POP000002",
    key=_FUZZ_PKI.sender.key,
    certificate=_FUZZ_PKI.sender.certificate,
    receiver_certificate=_FUZZ_PKI.receiver.certificate,
    now=NOW,
)


def _open_fuzzed(body: bytes, content_type: str | None) -> None:
    with contextlib.suppress(AS4Failure):
        open_(_FUZZ_PKI, body, content_type)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=2000), st.sampled_from([None, "multipart/related", "application/soap+xml"])
)
def test_random_bytes_only_ever_raise_as4_failure(data, content_type):
    _open_fuzzed(data, content_type)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(_FUZZ_MESSAGE.body) - 1), st.binary(max_size=8)
        ),
        min_size=1,
        max_size=4,
    ),
    st.booleans(),
)
def test_a_mutated_message_is_refused_with_an_ebms_error_or_still_verifies(edits, keep_type):
    body = bytearray(_FUZZ_MESSAGE.body)
    for position, replacement in edits:
        body[position : position + len(replacement)] = replacement
    _open_fuzzed(bytes(body), _FUZZ_MESSAGE.content_type if keep_type else None)


def _der(tag: int, content: bytes) -> bytes:
    n = len(content)
    length = (
        bytes([n])
        if n < 0x80
        else bytes([0x80 | ((n.bit_length() + 7) // 8)])
        + n.to_bytes((n.bit_length() + 7) // 8, "big")
    )
    return bytes([tag]) + length + content


def test_a_signing_certificate_sent_as_an_x509_pkipath_brings_its_intermediate(ap):
    from cryptography.hazmat.primitives.serialization import Encoding

    body, content_type, _ = custom_message(ap, SBDH)
    received = as4.read(body, content_type)
    token = received.envelope.find(f".//{q(ns.WSSE, 'BinarySecurityToken')}")
    path = _der(
        0x30,
        ap.ap_ca.certificate.public_bytes(Encoding.DER)
        + ap.sender.certificate.public_bytes(Encoding.DER),
    )
    token.set("ValueType", ns.X509_PKIPATH)
    token.text = base64.b64encode(path).decode()
    ((cid, part),) = received.attachments.items()
    wire, wire_type = mime.build(
        etree.tostring(received.envelope), [(cid, part.content_type, part.content)]
    )
    # No intermediates given: the AP CA comes from the token's path.
    delivered = as4.open_message(
        wire, wire_type, key=ap.receiver.key, trust_anchors=ap.anchors, at=NOW
    )
    assert delivered.signature.chain == (
        ap.sender.certificate,
        ap.ap_ca.certificate,
        ap.root.certificate,
    )
    token.text = base64.b64encode(path[:-10]).decode()
    wire, wire_type = mime.build(
        etree.tostring(received.envelope), [(cid, part.content_type, part.content)]
    )
    assert failure_code(open_, ap, wire, wire_type) == EbmsCode.FAILED_AUTHENTICATION


def test_the_sbdh_must_agree_with_the_ebms_header(ap):
    delivered = open_(ap, *custom_message(ap, SBDH)[:2])
    assert delivered.sbdh is not None and delivered.sbdh.header == SBDH_HEADER
    other = str(SBDH_HEADER.document_type).replace("::2.1", "::2.0")
    body, content_type, _ = custom_message(ap, SBDH, action=other)
    with pytest.raises(AS4Failure, match="Action in the ebMS header") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.VALUE_INCONSISTENT
    body, content_type, _ = custom_message(ap, b"<not-an-sbdh/>")
    with pytest.raises(AS4Failure, match="not a valid Peppol SBDH") as info:
        open_(ap, body, content_type)
    assert info.value.code == EbmsCode.VALUE_INCONSISTENT
    assert open_(ap, body, content_type, check_sbdh=False).payloads == (b"<not-an-sbdh/>",)


def _rewrite_signed_info(ap: AS4PKI, change) -> tuple[bytes, str]:
    body, content_type, _ = custom_message(ap, SBDH)
    received = as4.read(body, content_type)
    change(received.envelope.find(f".//{q(ns.DS, 'SignedInfo')}"))
    ((cid, part),) = received.attachments.items()
    return mime.build(etree.tostring(received.envelope), [(cid, part.content_type, part.content)])


def _set_first(tag: str, algorithm: str):
    def change(signed_info):
        signed_info.find(f".//{q(ns.DS, tag)}").set("Algorithm", algorithm)

    return change


def _add_xpath_transform(signed_info):
    transforms = signed_info.find(f".//{q(ns.DS, 'Transforms')}")
    etree.SubElement(
        transforms, q(ns.DS, "Transform"), Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"
    )


def _reference_whole_document(signed_info):
    signed_info.find(q(ns.DS, "Reference")).set("URI", "")


def _external_reference(signed_info):
    signed_info.find(q(ns.DS, "Reference")).set("URI", "http://attacker.example/x")


@pytest.mark.parametrize(
    "change",
    [
        _set_first("DigestMethod", "http://www.w3.org/2000/09/xmldsig#sha1"),
        _set_first("CanonicalizationMethod", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"),
        _set_first("Transform", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"),
        _add_xpath_transform,
        _reference_whole_document,
        _external_reference,
    ],
    ids=[
        "sha1-digest",
        "inclusive-c14n",
        "inclusive-c14n-transform",
        "xpath",
        "uri-empty",
        "external",
    ],
)
def test_signature_profile_violations_are_policy_noncompliance(ap, change):
    body, content_type = _rewrite_signed_info(ap, change)
    assert failure_code(open_, ap, body, content_type) == EbmsCode.POLICY_NONCOMPLIANCE


def test_non_ascii_text_in_a_digest_value_is_an_ebms_error(ap):
    def change(signed_info):
        signed_info.find(f".//{q(ns.DS, 'DigestValue')}").text = "\u4000abc="

    body, content_type = _rewrite_signed_info(ap, change)
    assert failure_code(open_, ap, body, content_type) == EbmsCode.INVALID_HEADER


def test_an_envelope_that_cannot_be_canonicalized_is_invalid_header(ap):
    body, content_type, _ = custom_message(ap, SBDH)
    # C14N refuses relative namespace URIs (libxml2: "C14N failed").
    broken = body.replace(b"<eb:UserMessage>", b'<eb:UserMessage xmlns:r="rel/ative" r:a="1">', 1)
    assert broken != body
    assert failure_code(open_, ap, broken, content_type) == EbmsCode.INVALID_HEADER


_ENVELOPE_START = _FUZZ_MESSAGE.body.index(b"<?xml")
_ENVELOPE_END = _FUZZ_MESSAGE.body.index(b"</S12:Envelope>") + len(b"</S12:Envelope>")
_XMLISH = st.binary(max_size=6).map(
    lambda raw: bytes(b"<>/=\"' :abcSDEBwsu#-_09&;!?[]\x00\xff"[c % 31] for c in raw)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(_ENVELOPE_START, _ENVELOPE_END - 1), st.integers(0, 6), _XMLISH),
        min_size=1,
        max_size=3,
    )
)
def test_edits_of_the_soap_envelope_only_ever_raise_as4_failure(edits):
    body = bytearray(_FUZZ_MESSAGE.body)
    for position, deleted, inserted in edits:
        body[position : position + deleted] = inserted
    _open_fuzzed(bytes(body), _FUZZ_MESSAGE.content_type)
