"""Hostile input to AP B's running AS4 endpoint, over HTTPS: each answered with its ebMS
error signal (signed by B), never a 5xx, nothing stored, and the server still alive -
the same Granian process, still receiving good messages afterwards."""

from __future__ import annotations

import datetime as dt
import gzip
import http.client

import pytest
from lxml import etree

from heldigital.peppol import as4
from heldigital.peppol import sbdh as sbdh_module
from heldigital.peppol.as4 import message, mime, ns, security
from heldigital.peppol.as4.message import SignalMessage, read_messaging
from tests.network.harness import AS4_PATH, document, inbox, tls_context
from tests.network.pki import Issued


def post(net, body: bytes, content_type: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPSConnection(
        "127.0.0.1", net.b.port, timeout=60, context=tls_context(net.pki)
    )
    try:
        connection.request(
            "POST",
            AS4_PATH,
            body=body,
            headers={"Content-Type": content_type, "MIME-Version": "1.0"},
        )
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def signal_of(status: int, content_type: str, body: bytes) -> SignalMessage:
    assert status < 500, (status, body[:500])
    unit = read_messaging(as4.read(body, content_type or None).envelope)
    assert isinstance(unit, SignalMessage), body[:500]
    return unit


def error_code(net, body: bytes, content_type: str) -> str:
    unit = signal_of(*post(net, body, content_type))
    assert unit.receipt is None
    (error,) = unit.errors
    return error.code


def _cn(issued: Issued) -> str:
    return issued.cn


def built(
    net,
    *,
    signer: Issued | None = None,
    sign_attachment: bool = True,
    signature_method: str = ns.RSA_SHA256,
) -> tuple[bytes, str, str]:
    """A user message from AP A to AP B made from the parts, to break one rule at a time."""
    signer = signer or net.pki.ap_a
    _, payload = document()
    header = sbdh_module.read(payload).header
    cid = "part-1@hostile"
    user = message.UserMessage(
        message_id=message.new_message_id("hostile"),
        timestamp=dt.datetime.now(dt.UTC),
        from_party=_cn(signer),
        to_party="POP000002",
        service=header.process.value,
        service_type=header.process.scheme,
        action=str(header.document_type),
        original_sender=header.sender.value,
        original_sender_type=header.sender.scheme,
        final_recipient=header.receiver.value,
        final_recipient_type=header.receiver.scheme,
        parts=(message.PartInfo(f"cid:{cid}"),),
    )
    root = message.build_user_message_envelope(user)
    content = gzip.compress(payload)
    security.sign(
        root,
        {cid: content} if sign_attachment else {},
        signer.key,
        signer.certificate,
        signature_method=signature_method,
    )
    parts = [
        (e.cid, e.content_type, e.content)
        for e in security.encrypt_attachments(
            root, [(cid, "application/gzip", content)], net.pki.ap_b.certificate
        )
    ]
    body, content_type = mime.build(etree.tostring(root), parts)
    return body, content_type, user.message_id


MULTIPART = 'multipart/related; type="application/soap+xml"'
MALFORMED_MIME = [
    b"--b1\r\nContent-Type: application/soap+xml\r\n\r\n<x/>",  # no closing delimiter
    b"no boundary at all",
    b"--b1\r\nContent-Type: application/soap+xml\r\n\r\n<x/>\r\n--b1\r\nContent-ID: <a>\r\n\r\n"
    b"1\r\n--b1\r\nContent-ID: <a>\r\n\r\n2\r\n--b1--\r\n",  # duplicate Content-ID
    b"--b1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<x/>\r\n--b1--\r\n",
]
SOAP = b'<S12:Envelope xmlns:S12="http://www.w3.org/2003/05/soap-envelope">'
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n'
    + SOAP
    + b"<S12:Header>&lol4;</S12:Header><S12:Body/></S12:Envelope>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    + SOAP
    + b"<S12:Header>&e;</S12:Header><S12:Body/></S12:Envelope>"
)
DEEP = (
    SOAP + b"<S12:Header>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</S12:Header></S12:Envelope>"
)


@pytest.fixture(scope="module")
def before(net):
    """B's inbox and server process before the hostile messages; checked at the end."""
    return {"count": len(inbox(net.b)["messages"]), "pid": net.b.process.pid}


@pytest.mark.parametrize("body", MALFORMED_MIME)
def test_malformed_mime_is_mime_inconsistency(net, before, body):
    assert error_code(net, body, MULTIPART) == "EBMS:0007"


@pytest.mark.parametrize("envelope", [BILLION_LAUGHS, XXE, DEEP], ids=["laughs", "xxe", "deep"])
def test_xml_attacks_in_the_soap_header_are_invalid_header(net, before, envelope):
    body, content_type = mime.build(envelope, [("a@b", "application/gzip", b"x")])
    assert error_code(net, body, content_type) == "EBMS:0009"
    assert error_code(net, envelope, "application/soap+xml") == "EBMS:0009"


@pytest.mark.parametrize(
    "method",
    ["http://www.w3.org/2000/09/xmldsig#rsa-sha1", "http://www.w3.org/2000/09/xmldsig#hmac-sha1"],
)
def test_a_signature_algorithm_outside_the_profile_is_policy_noncompliance(net, before, method):
    body, content_type, _ = built(net, signature_method=method)
    assert error_code(net, body, content_type) == "EBMS:0103"


def test_a_signature_not_covering_the_attachment_is_policy_noncompliance(net, before):
    body, content_type, message_id = built(net, sign_attachment=False)
    unit = signal_of(*post(net, body, content_type))
    (error,) = unit.errors
    assert error.code == "EBMS:0103"
    assert "attachment" in (error.detail or "")
    assert error.ref_to_message_in_error == message_id


@pytest.mark.parametrize("which", ["expired", "revoked"])
def test_an_expired_or_revoked_certificate_fails_authentication(net, before, which):
    body, content_type, _ = built(net, signer=getattr(net.pki, which))
    unit = signal_of(*post(net, body, content_type))
    (error,) = unit.errors
    assert error.code == "EBMS:0101"
    assert ("revoked" if which == "revoked" else "valid") in (error.detail or "").lower()


def test_a_replayed_message_is_not_delivered_again(net, before):
    """The same MessageId again (a sender retrying, or an attacker replaying what it
    captured): B answers the receipt it gave the first time and stores nothing new."""
    body, content_type, message_id = built(net)
    first = post(net, body, content_type)
    receipt = signal_of(*first)
    assert receipt.receipt is not None and receipt.ref_to_message_id == message_id
    again = post(net, body, content_type)
    assert again == first
    found = [m for m in inbox(net.b)["messages"] if m[0] == message_id]
    assert len(found) == 1
    before["count"] += 1  # the one good message of this module


def test_nothing_was_stored_and_the_server_lives(net, before):
    # Runs last in this module: every hostile message above was refused without a trace.
    assert len(inbox(net.b)["messages"]) == before["count"]
    assert net.b.alive() and net.b.process.pid == before["pid"]
    body, content_type, message_id = built(net)
    unit = signal_of(*post(net, body, content_type))
    assert unit.receipt is not None and unit.ref_to_message_id == message_id
    assert len(inbox(net.b)["messages"]) == before["count"] + 1
