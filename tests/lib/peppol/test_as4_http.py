"""Two access points' worth of the library over real HTTP: the receiver is its own process."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from heldigital.peppol import as4
from heldigital.peppol.as4 import message
from tests.conftest import REPO, corpus
from tests.lib.peppol.as4_pki import AS4PKI, NOW, make_as4_pki, write_pem


@pytest.fixture(scope="module")
def ap() -> AS4PKI:
    return make_as4_pki()


@pytest.fixture(scope="module")
def receiver(ap, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    directory = tmp_path_factory.mktemp("receiver")
    (directory / "key.pem").write_bytes(
        ap.receiver.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    write_pem(directory / "cert.pem", ap.receiver.certificate)
    write_pem(directory / "trust.pem", ap.root.certificate, ap.ap_ca.certificate)
    (directory / "at.txt").write_text(NOW.isoformat())
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.lib.peppol.as4_receiver", str(directory)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}/as4", directory
    finally:
        process.terminate()
        process.wait(timeout=10)


def post(url: str, body: bytes, content_type: str) -> tuple[bytes, str]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": content_type}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers["Content-Type"]


def test_send_receipt_retry_and_refusals_over_http(ap, receiver):
    url, directory = receiver
    sbdh = corpus("peppol-sbdh", "good", "good-bis3-full.xml").read_bytes()
    out = as4.package(
        sbdh,
        from_party="POP000001",
        to_party="POP000002",
        key=ap.sender.key,
        certificate=ap.sender.certificate,
        receiver_certificate=ap.receiver.certificate,
        now=NOW,
    )
    kwargs = {"trust_anchors": ap.anchors, "intermediates": ap.intermediates, "at": NOW}
    answer, answer_type = post(url, out.body, out.content_type)
    assert as4.verify_receipt(answer, answer_type, out, **kwargs).ref_to_message_id == (
        out.message_id
    )
    # A retry with the same MessageId (our receipt "lost"): the receipt again, stored once.
    answer, answer_type = post(url, out.body, out.content_type)
    as4.verify_receipt(answer, answer_type, out, **kwargs)
    assert [p.read_bytes() for p in (directory / "inbox").iterdir()] == [sbdh]

    # Refusals come back as signed ebMS error signals.
    tampered = out.body.replace(b"POP000001</eb:PartyId>", b"POP000009</eb:PartyId>")
    answer, _ = post(url, tampered, out.content_type)
    (error,) = message.read_messaging(as4.read(answer).envelope).errors
    assert error.code == "EBMS:0101" and error.ref_to_message_in_error == out.message_id
    answer, _ = post(url, b"--nope\r\n", "multipart/related")
    (error,) = message.read_messaging(as4.read(answer).envelope).errors
    assert error.code == "EBMS:0007"
    with pytest.raises(as4.AS4Failure, match="EBMS:0007"):
        as4.verify_receipt(answer, None, out, **kwargs)
    assert len(list((directory / "inbox").iterdir())) == 1
