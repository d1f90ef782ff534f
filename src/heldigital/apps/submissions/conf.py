"""Configuration of sealed submission (all optional Django settings).

``HELDIGITAL_KEY_DIR``            directory of the platform's key files (default ``DATA_DIR/keys``):
                                  ``master.key`` (the custodian's master secret, 0600, created
                                  when missing unless ``HELDIGITAL_MASTER_KEY`` is set) and
                                  ``platform-signing.key`` (Ed25519, 0600)
``HELDIGITAL_TENDER_MAX_BYTES``   largest tender, all files together (default 1 GiB)
``HELDIGITAL_FILE_MAX_BYTES``     largest single file (default 1 GiB)
``HELDIGITAL_CHUNK_MAX_BYTES``    largest chunk per request (default 32 MiB)
``HELDIGITAL_TENDER_MAX_FILES``   most files in one tender (default 200)

Ciphertext is stored under ``MEDIA_ROOT/sealed/``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from heldigital.sealing import MASTER_KEY_ENV, LocalKeyCustodian, PlatformSigner
from heldigital.sealing.custody import KeyCustodian, load_master_secret
from heldigital.sealing.errors import KeyFileError

GIB = 1 << 30
MIB = 1 << 20


def key_dir() -> Path:
    return Path(getattr(settings, "HELDIGITAL_KEY_DIR", Path(settings.DATA_DIR) / "keys"))


def sealed_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "sealed"


def tender_max_bytes() -> int:
    return int(getattr(settings, "HELDIGITAL_TENDER_MAX_BYTES", GIB))


def file_max_bytes() -> int:
    return int(getattr(settings, "HELDIGITAL_FILE_MAX_BYTES", GIB))


def chunk_max_bytes() -> int:
    return int(getattr(settings, "HELDIGITAL_CHUNK_MAX_BYTES", 32 * MIB))


def tender_max_files() -> int:
    return int(getattr(settings, "HELDIGITAL_TENDER_MAX_FILES", 200))


@lru_cache(maxsize=8)
def _custodian(path: Path, env_value: str | None) -> LocalKeyCustodian:
    environ = {MASTER_KEY_ENV: env_value} if env_value else {}
    return LocalKeyCustodian(load_master_secret(path, environ=environ, create=True))


def custodian() -> KeyCustodian:
    """The key custodian (a local master secret; an HSM/KMS would plug in here).

    A missing master key file is created - unless sealed opening keys exist
    already: then it was lost, and a new one would silently make every
    sealed tender unopenable, so this refuses with a clear error instead.
    """
    path = key_dir() / "master.key"
    env_value = os.environ.get(MASTER_KEY_ENV)
    if not env_value and not path.exists():
        from heldigital.apps.submissions.models import OpeningKey

        sealed = OpeningKey.objects.count()
        if sealed:
            raise KeyFileError(
                f"The master secret {path} is missing, but {sealed} procurement(s) have "
                f"sealed opening keys: restore it from backup (or set {MASTER_KEY_ENV}). "
                "A new secret cannot open them."
            )
    return _custodian(path, env_value)


@lru_cache(maxsize=8)
def _signer(path: Path) -> PlatformSigner:
    return PlatformSigner.load(path, create=True)


def signer() -> PlatformSigner:
    """The platform's receipt-signing key."""
    return _signer(key_dir() / "platform-signing.key")
