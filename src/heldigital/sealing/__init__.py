"""Sealed tenders: encryption until the deadline, custody of opening keys, receipts.

Pure library (no Django). See docs/sealing.md for the design and the threat model.

* :mod:`.stream` - chunked AES-256-GCM (STREAM) for large files;
* :mod:`.keywrap` - data keys wrapped for a procurement's X25519 opening key;
* :mod:`.custody` - the opening private key, released only after the deadline
  and, where required, after two different openers acted;
* :mod:`.resumable` - SHA-256 whose state survives between upload requests;
* :mod:`.signing` - the platform's Ed25519 signature on receipts.
"""

from __future__ import annotations

from heldigital.sealing.custody import (
    MASTER_KEY_ENV,
    KeyCustodian,
    LocalKeyCustodian,
    Refusal,
    RefusalReason,
    ReleaseRefused,
    SealedOpeningKey,
    check_release,
    load_master_secret,
)
from heldigital.sealing.errors import IntegrityError, KeyFileError, SealingError, Sha256StateError
from heldigital.sealing.keywrap import (
    generate_opening_key_pair,
    new_data_key,
    unwrap_key,
    wrap_key,
)
from heldigital.sealing.resumable import ResumableSha256
from heldigital.sealing.signing import PlatformSigner, fingerprint, verify
from heldigital.sealing.stream import (
    SEGMENT_SIZE,
    StreamDecryptor,
    StreamEncryptor,
    decrypt_bytes,
    decrypt_stream,
    encrypt_bytes,
)

__all__ = [
    "MASTER_KEY_ENV",
    "SEGMENT_SIZE",
    "IntegrityError",
    "KeyCustodian",
    "KeyFileError",
    "LocalKeyCustodian",
    "PlatformSigner",
    "Refusal",
    "RefusalReason",
    "ReleaseRefused",
    "ResumableSha256",
    "SealedOpeningKey",
    "SealingError",
    "Sha256StateError",
    "StreamDecryptor",
    "StreamEncryptor",
    "check_release",
    "decrypt_bytes",
    "decrypt_stream",
    "encrypt_bytes",
    "fingerprint",
    "generate_opening_key_pair",
    "load_master_secret",
    "new_data_key",
    "unwrap_key",
    "verify",
    "wrap_key",
]
