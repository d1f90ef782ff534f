"""The platform's signature on receipts and records (Ed25519, RFC 8032).

The platform holds one Ed25519 key pair; the private key lives in a file in
the data directory readable by its owner only (0600). A receipt is signed
over its canonical bytes; anyone with the public key (published by the
platform, identified by its fingerprint) can verify it offline.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from heldigital.sealing.errors import KeyFileError

__all__ = ["PlatformSigner", "fingerprint", "verify"]


def fingerprint(public_key: bytes) -> str:
    """``SHA256:`` + hex SHA-256 of the raw 32-byte public key."""
    return "SHA256:" + hashlib.sha256(public_key).hexdigest()


def verify(public_key: bytes, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` is a valid Ed25519 signature of ``data`` by ``public_key``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


class PlatformSigner:
    """The platform's Ed25519 signing key."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self.public_key = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.fingerprint = fingerprint(self.public_key)

    @classmethod
    def generate(cls) -> PlatformSigner:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def load(cls, path: Path, *, create: bool = False) -> PlatformSigner:
        """Load the key from ``path`` (PKCS#8 PEM, mode 0600); ``create`` makes a new one."""
        if not path.exists():
            if not create:
                raise KeyFileError(f"the platform signing key {path} does not exist")
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it first
                return cls.load(path)
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            return cls(key)
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(
                f"{path} is accessible to others (mode {stat.S_IMODE(mode):o}); it must be 0600"
            )
        try:
            loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except ValueError as exc:
            raise KeyFileError(f"{path} is not a PEM private key: {exc}") from None
        if not isinstance(loaded, Ed25519PrivateKey):
            raise KeyFileError(f"{path} is not an Ed25519 key")
        return cls(loaded)

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)
