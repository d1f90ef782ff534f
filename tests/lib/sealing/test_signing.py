"""The platform's Ed25519 receipt signature."""

from __future__ import annotations

import pytest

from heldigital.sealing.errors import KeyFileError
from heldigital.sealing.signing import PlatformSigner, fingerprint, verify


def test_sign_and_verify(tmp_path):
    path = tmp_path / "platform-signing.key"
    signer = PlatformSigner.load(path, create=True)
    assert path.stat().st_mode & 0o777 == 0o600
    signature = signer.sign(b"receipt bytes")
    assert verify(signer.public_key, b"receipt bytes", signature)
    assert not verify(signer.public_key, b"receipt bytez", signature)
    assert not verify(PlatformSigner.generate().public_key, b"receipt bytes", signature)
    assert not verify(signer.public_key, b"receipt bytes", signature[:-1] + b"\0")
    again = PlatformSigner.load(path)
    assert again.fingerprint == signer.fingerprint == fingerprint(signer.public_key)
    assert signer.fingerprint.startswith("SHA256:") and len(signer.fingerprint) == 71


def test_key_file_checks(tmp_path):
    with pytest.raises(KeyFileError, match="does not exist"):
        PlatformSigner.load(tmp_path / "none")
    path = tmp_path / "k"
    PlatformSigner.load(path, create=True)
    path.chmod(0o640)
    with pytest.raises(KeyFileError, match="0600"):
        PlatformSigner.load(path)
    path.chmod(0o600)
    path.write_bytes(b"garbage")
    with pytest.raises(KeyFileError, match="PEM"):
        PlatformSigner.load(path)
