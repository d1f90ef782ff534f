"""``heldigital peppol verify``, run as a subprocess (the console script's module)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from heldigital.peppol import as4
from tests.conftest import corpus
from tests.lib.peppol.as4_pki import AS4PKI, NOW, make_as4_pki, write_pem

COMMAND = [sys.executable, "-m", "heldigital.cli.main", "peppol", "verify"]
DATA = Path(__file__).parent / "data" / "as4"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def ap() -> AS4PKI:
    return make_as4_pki()


@pytest.fixture(scope="module")
def files(ap, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("as4cli")
    sbdh = corpus("peppol-sbdh", "good", "good-bis3.xml").read_bytes()
    out = as4.package(
        sbdh,
        from_party="POP000001",
        to_party="POP000002",
        key=ap.sender.key,
        certificate=ap.sender.certificate,
        receiver_certificate=ap.receiver.certificate,
        now=NOW,
    )
    delivered = as4.open_message(
        out.body,
        out.content_type,
        key=ap.receiver.key,
        trust_anchors=ap.anchors,
        intermediates=ap.intermediates,
        at=NOW,
    )
    receipt = as4.receipt(
        delivered, key=ap.receiver.key, certificate=ap.receiver.certificate, now=NOW
    )
    paths = {
        "message": tmp / "message.mime",
        "receipt": tmp / "receipt.xml",
        "tampered": tmp / "tampered.xml",
        "garbage": tmp / "garbage.bin",
        "dump": tmp / "phase4.as4in",
        "trust": write_pem(tmp / "trust.pem", ap.root.certificate, ap.ap_ca.certificate),
        "stranger": write_pem(tmp / "stranger.pem", ap.stranger_root.certificate),
        "phase4-cert": tmp / "phase4.pem",
        "key": tmp / "receiver.key",
        "revoked-receipt": tmp / "revoked-receipt.xml",
        "crl": tmp / "ap-ca.crl",
    }
    paths["revoked-receipt"].write_bytes(
        as4.receipt(delivered, key=ap.revoked.key, certificate=ap.revoked.certificate, now=NOW)
    )
    paths["crl"].write_bytes(ap.crl.public_bytes(serialization.Encoding.DER))
    paths["message"].write_bytes(out.body)  # no content type: boundary from the first line
    paths["receipt"].write_bytes(receipt)
    paths["tampered"].write_bytes(receipt.replace(b"<eb:Timestamp>2026", b"<eb:Timestamp>2025"))
    paths["garbage"].write_bytes(b"\x00\x01 not a message")
    paths["dump"].write_bytes(
        b"Date: Mon, 07 Mar 2022 17:36:50 GMT\r\n"
        b"Content-Type: application/soap+xml;charset=UTF-8\r\n\r\n"
        + (DATA / "phase4-helger-receipt.xml").read_bytes()
    )
    received = as4.read((DATA / "phase4-helger-receipt.xml").read_bytes())
    from heldigital.peppol.as4.check import _signer

    write_pem(paths["phase4-cert"], _signer(received.envelope))
    paths["key"].write_bytes(
        ap.receiver.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


AT = NOW.isoformat()


def test_a_message_verifies_with_trust_and_key(files):
    result = run(
        files["message"],
        "--trust",
        files["trust"],
        "--at",
        AT,
        "--key",
        files["key"],
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["kind"] == "user message"
    checks = {f["check"]: f["ok"] for f in report["findings"]}
    assert checks["covers the ebMS header"] and checks["covers the SOAP body"]
    assert any(name.startswith("covers attachment cid:") and ok for name, ok in checks.items())
    assert checks["certificate chain"]


def test_an_encrypted_attachment_without_the_key_is_not_verified(files):
    result = run(files["message"], "--trust", files["trust"], "--at", AT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cannot be checked without the receiver's key" in result.stdout


def test_a_receipt_verifies_and_says_so_in_text(files):
    result = run(files["receipt"], "--trust", files["trust"], "--at", AT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VERIFIED" in result.stdout and "receipt" in result.stdout


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("receipt", ["--at", (NOW + dt.timedelta(days=800)).isoformat()]),  # expired by then
        ("receipt", ["--trust-other"]),
        ("receipt", []),  # no trust anchor at all
        ("tampered", []),
    ],
)
def test_not_verified_is_exit_1(files, name, extra):
    args: list[str | Path] = [files[name]]
    if extra == ["--trust-other"]:
        args += ["--trust", files["stranger"], "--at", AT]
    elif extra:
        args += ["--trust", files["trust"], *extra]
    elif name == "tampered":
        args += ["--trust", files["trust"], "--at", AT]
    else:
        args += ["--at", AT]
    result = run(*args, "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert json.loads(result.stdout)["ok"] is False


def test_unusable_input_is_exit_2(files, tmp_path):
    assert run(files["garbage"], "--trust", files["trust"]).returncode == 2
    missing = run(tmp_path / "missing.xml", "--trust", files["trust"], "--format", "json")
    assert missing.returncode == 2
    assert json.loads(missing.stdout)["error"]["detail"].endswith("No such file or directory")
    assert run(files["receipt"], "--at", "yesterday-ish").returncode == 2
    assert run(files["receipt"], "--trust", files["garbage"]).returncode == 2


def test_the_phase4_receipt_verifies_from_an_http_dump(files):
    at = "2022-03-07T17:37:00Z"
    result = run(files["dump"], "--trust", files["phase4-cert"], "--at", at)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "POP000306" in result.stdout
    later = run(files["dump"], "--trust", files["phase4-cert"], "--at", "2024-01-01")
    assert later.returncode == 1


def test_revocation_by_an_offline_crl(files):
    args = ["--trust", files["trust"], "--at", AT, "--crl", files["crl"]]
    revoked = run(files["revoked-receipt"], *args)
    assert revoked.returncode == 1, revoked.stdout + revoked.stderr
    assert "revoked" in revoked.stdout
    assert run(files["revoked-receipt"], "--trust", files["trust"], "--at", AT).returncode == 0
    good = run(files["receipt"], *args, "--format", "json")
    assert good.returncode == 0, good.stdout + good.stderr
    findings = {f["check"]: f for f in json.loads(good.stdout)["findings"]}
    assert findings["revocation"]["detail"] == "not revoked"
    # Long after the CRL's next update: status unknown, fail closed.
    stale = run(
        files["receipt"],
        "--trust",
        files["trust"],
        "--crl",
        files["crl"],
        "--at",
        (NOW + dt.timedelta(days=30)).isoformat(),
    )
    assert stale.returncode == 1 and "fail closed" in stale.stdout
