"""Wrapping data keys for a procurement's opening public key (X25519 ECIES).

Every chunk of a tender is encrypted under its own random 256-bit data key
(:mod:`heldigital.sealing.stream`). The data key is then *wrapped* for the
procurement's opening public key, so that whoever holds only the public key
- the web server receiving the upload - can seal but never unseal:

1. a fresh ephemeral X25519 key pair (RFC 7748) per wrap;
2. shared secret = X25519(ephemeral private, opening public); an all-zero
   result (small-order public key) is refused by ``cryptography``;
3. wrapping key = HKDF-SHA256 (RFC 5869) over the shared secret, salt =
   ephemeral public ‖ opening public, info = ``INFO`` ‖ context;
4. wrapped = ephemeral public (32) ‖ nonce (12) ‖ AES-256-GCM(data key,
   associated data = context) (32 + 16).

The context (procurement, tender, upload, chunk index) is bound twice - in
the key derivation and as associated data - so a wrapped key cannot be
moved to another chunk. This is the ECIES pattern (SEC 1 v2 §5.1) with the
choices of HPKE base mode, RFC 9180 (DHKEM(X25519, HKDF-SHA256), AES-256-GCM);
see docs/sealing.md for why X25519 rather than RSA-OAEP.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from heldigital.sealing.errors import IntegrityError, SealingError
from heldigital.sealing.stream import KEY_SIZE

__all__ = [
    "INFO",
    "WRAPPED_SIZE",
    "OpeningKeyPair",
    "generate_opening_key_pair",
    "new_data_key",
    "public_key_bytes",
    "unwrap_key",
    "wrap_key",
]

INFO = b"heldigital/sealing/v1/wrap"
_RAW = serialization.Encoding.Raw
WRAPPED_SIZE = 32 + 12 + KEY_SIZE + 16


class OpeningKeyPair:
    """An X25519 key pair as raw 32-byte strings (private key: handle with care)."""

    __slots__ = ("private", "public")

    def __init__(self, private: bytes, public: bytes) -> None:
        self.private = private
        self.public = public


def generate_opening_key_pair() -> OpeningKeyPair:
    private = X25519PrivateKey.generate()
    return OpeningKeyPair(
        private=private.private_bytes(
            _RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        ),
        public=public_key_bytes(private.public_key()),
    )


def public_key_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def new_data_key() -> bytes:
    return os.urandom(KEY_SIZE)


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes, context: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=INFO + context
    ).derive(shared)


def wrap_key(data_key: bytes, opening_public_key: bytes, context: bytes) -> bytes:
    """Wrap ``data_key`` so that only the holder of the opening private key can unwrap it."""
    if len(data_key) != KEY_SIZE:
        raise SealingError(f"a data key is {KEY_SIZE} bytes")
    try:
        recipient = X25519PublicKey.from_public_bytes(opening_public_key)
    except ValueError as exc:
        raise SealingError(f"not an X25519 public key: {exc}") from None
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_key_bytes(ephemeral.public_key())
    shared = ephemeral.exchange(recipient)
    kek = _wrapping_key(shared, ephemeral_public, opening_public_key, context)
    nonce = os.urandom(12)
    return ephemeral_public + nonce + AESGCM(kek).encrypt(nonce, data_key, context)


def unwrap_key(wrapped: bytes, opening_private_key: bytes, context: bytes) -> bytes:
    """The data key inside ``wrapped``; :class:`IntegrityError` for a wrong key or context."""
    if len(wrapped) != WRAPPED_SIZE:
        raise IntegrityError("a wrapped key has the wrong length")
    try:
        private = X25519PrivateKey.from_private_bytes(opening_private_key)
    except ValueError as exc:
        raise SealingError(f"not an X25519 private key: {exc}") from None
    ephemeral_public, nonce, sealed = wrapped[:32], wrapped[32:44], wrapped[44:]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    except ValueError:
        raise IntegrityError("the wrapped key's ephemeral public key is invalid") from None
    recipient = public_key_bytes(private.public_key())
    kek = _wrapping_key(shared, ephemeral_public, recipient, context)
    try:
        return AESGCM(kek).decrypt(nonce, sealed, context)
    except InvalidTag:
        raise IntegrityError(
            "the wrapped key does not authenticate: wrong opening key, wrong context or tampered"
        ) from None
