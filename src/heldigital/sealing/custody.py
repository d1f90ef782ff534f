"""Custody of the opening private keys: nobody can use one before the deadline.

Each procurement gets an X25519 opening key pair when it is published
(:func:`heldigital.sealing.keywrap.generate_opening_key_pair`). The public
key is stored in the clear and seals every tender; the private key is stored
only *encrypted* by a :class:`KeyCustodian`. The custodian releases it only
when :func:`check_release` allows: the tender deadline has passed and, for
procurements that need it (above the EEA threshold), two different openers
have acted (the "four-eyes" opening of Directive 2014/24/EU Annex IV (c)-(e):
only authorised persons may set or change the opening date and access the
data, and "only the simultaneous action of authorised persons" may give
access before the date).

:class:`LocalKeyCustodian` keeps a platform master secret *outside the
database* (an environment variable or a 0600 file in the data directory)
and derives, with HKDF-SHA256 (RFC 5869), one key-encryption key per
procurement. The private key is encrypted with AES-256-GCM whose associated
data binds the procurement reference, the deadline and the number of
openers required: someone who can only write to the database cannot make
the platform open early by moving the deadline or lowering the openers
rule, because the stored wrapped key then no longer authenticates. A
production deployment puts a hardware security module or a cloud KMS behind
the same interface. docs/sealing.md states what each party can and cannot
do before the deadline.
"""

from __future__ import annotations

import base64
import binascii
import enum
import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from heldigital.sealing.errors import IntegrityError, KeyFileError, SealingError
from heldigital.sealing.keywrap import generate_opening_key_pair

__all__ = [
    "MASTER_KEY_ENV",
    "MIN_MASTER_SECRET",
    "KeyCustodian",
    "LocalKeyCustodian",
    "Refusal",
    "RefusalReason",
    "ReleaseRefused",
    "SealedOpeningKey",
    "check_release",
    "load_master_secret",
]

MASTER_KEY_ENV = "HELDIGITAL_MASTER_KEY"
MIN_MASTER_SECRET = 32
_VERSION = b"\x01"


class RefusalReason(enum.StrEnum):
    BEFORE_DEADLINE = "before-deadline"
    SECOND_OPENER_MISSING = "second-opener-missing"
    NO_OPENER = "no-opener"


@dataclass(frozen=True)
class Refusal:
    """Why an opening key was not released (to be written to the protocol)."""

    reason: RefusalReason
    message: str
    procurement_ref: str
    deadline: datetime
    now: datetime
    openers: tuple[str, ...]


class ReleaseRefused(SealingError):
    """The custodian refused to release an opening key; ``refusal`` says why."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


@dataclass(frozen=True)
class SealedOpeningKey:
    """What is stored for a procurement: the public key and the encrypted private key."""

    public_key: bytes
    wrapped_private_key: bytes
    custodian_id: str


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise SealingError(f"{name} must be timezone-aware")
    return value.astimezone(UTC)


def check_release(
    *,
    procurement_ref: str,
    deadline: datetime,
    now: datetime,
    openers: Sequence[str],
    required_openers: int,
) -> Refusal | None:
    """``None`` when the opening key may be released, else the :class:`Refusal`.

    The deadline itself is the first moment of opening (the tender deadline
    is the last moment a tender may arrive: ``now < deadline`` is before it).
    ``openers`` are the distinct identities of the people who have acted to
    open; ``required_openers`` is 1 or 2.
    """
    deadline = _aware(deadline, "deadline")
    now = _aware(now, "now")
    distinct = tuple(sorted(set(openers)))

    def refuse(reason: RefusalReason, message: str) -> Refusal:
        return Refusal(reason, message, procurement_ref, deadline, now, distinct)

    if now < deadline:
        return refuse(
            RefusalReason.BEFORE_DEADLINE,
            f"The tenders of {procurement_ref} are sealed until the deadline "
            f"{deadline.isoformat()}; it is now {now.isoformat()}.",
        )
    if not distinct:
        return refuse(RefusalReason.NO_OPENER, "No opener has acted.")
    if len(distinct) < required_openers:
        return refuse(
            RefusalReason.SECOND_OPENER_MISSING,
            f"{required_openers} different openers must act; so far {len(distinct)} has.",
        )
    return None


class KeyCustodian(Protocol):
    """Holds the secret that protects opening private keys (a file, an HSM, a KMS)."""

    @property
    def custodian_id(self) -> str:
        """Names the custodian and its master key version (stored with each key)."""
        ...

    def create_opening_key(
        self, procurement_ref: str, *, deadline: datetime, required_openers: int
    ) -> SealedOpeningKey: ...

    def release(
        self,
        procurement_ref: str,
        wrapped_private_key: bytes,
        *,
        deadline: datetime,
        now: datetime,
        openers: Sequence[str],
        required_openers: int,
    ) -> bytes:
        """The opening private key, or :class:`ReleaseRefused`."""
        ...

    def rebind(
        self,
        procurement_ref: str,
        wrapped_private_key: bytes,
        *,
        old_deadline: datetime,
        new_deadline: datetime,
        required_openers: int,
        now: datetime,
    ) -> bytes:
        """Re-encrypt a still-sealed key for a new deadline (a corrected time limit)."""
        ...

    def protect(self, purpose: str, data: bytes) -> bytes:
        """Encrypt short-lived server-side working state (e.g. a hash state)."""
        ...

    def unprotect(self, purpose: str, data: bytes) -> bytes: ...


def _decode_secret(text: str, source: str) -> bytes:
    text = text.strip()
    try:
        secret = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=False)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{source} is not base64") from None
    if len(secret) < MIN_MASTER_SECRET:
        raise KeyFileError(
            f"{source} holds {len(secret)} bytes; a master secret has at least "
            f"{MIN_MASTER_SECRET} random bytes (base64)"
        )
    return secret


def _create_secret_file(path: Path) -> None:
    """Write a new random secret to ``path`` unless another process got there first.

    Several server processes may find the file missing at the same moment.
    The secret is written and flushed to a private temporary file that is
    then hard-linked to ``path``: the link either appears whole or fails
    because the file exists, so no process ever reads a half-written secret
    and the first complete one wins (the others read it).
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(base64.urlsafe_b64encode(os.urandom(32)).decode("ascii"))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it: use theirs
        else:
            directory = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
    finally:
        temporary.unlink(missing_ok=True)


def load_master_secret(
    path: Path, *, environ: Mapping[str, str] | None = None, create: bool = False
) -> bytes:
    """The platform master secret: ``$HELDIGITAL_MASTER_KEY`` (base64), else the file.

    The file holds base64 text and must be readable by its owner only
    (mode 0600 or stricter); with ``create`` a missing file is generated
    with 32 random bytes. The secret must never be stored in the database.
    """
    environ = os.environ if environ is None else environ
    value = environ.get(MASTER_KEY_ENV)
    if value:
        return _decode_secret(value, MASTER_KEY_ENV)
    if not path.exists():
        if not create:
            raise KeyFileError(f"no master secret: set {MASTER_KEY_ENV} or create {path}")
        _create_secret_file(path)
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"{path} is accessible to others (mode {stat.S_IMODE(mode):o}); it must be 0600"
        )
    return _decode_secret(path.read_text(encoding="ascii"), str(path))


def _binding(procurement_ref: str, deadline: datetime, required_openers: int) -> bytes:
    if required_openers not in (1, 2):
        raise SealingError("one or two openers can be required")
    stamp = _aware(deadline, "deadline").strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return b"\0".join(
        [
            b"heldigital/opening-key/v1",
            procurement_ref.encode(),
            stamp.encode(),
            b"%d" % required_openers,
        ]
    )


class LocalKeyCustodian:
    """A :class:`KeyCustodian` with a master secret held by the operating system."""

    def __init__(self, master_secret: bytes) -> None:
        if len(master_secret) < MIN_MASTER_SECRET:
            raise KeyFileError(f"a master secret has at least {MIN_MASTER_SECRET} bytes")
        self._master = bytes(master_secret)
        # Names the master secret without revealing it, so that a key sealed
        # under another (lost or rotated) secret is recognised as such.
        self._id = "local:" + self._derive(b"key-id").hex()[:16]

    @property
    def custodian_id(self) -> str:
        return self._id

    def _derive(self, info: bytes) -> bytes:
        return HKDF(
            algorithm=hashes.SHA256(), length=32, salt=b"heldigital/sealing/v1/kek", info=info
        ).derive(self._master)

    def _kek(self, procurement_ref: str) -> AESGCM:
        return AESGCM(self._derive(b"opening-key\0" + procurement_ref.encode()))

    def _encrypt(self, procurement_ref: str, private: bytes, binding: bytes) -> bytes:
        nonce = os.urandom(12)
        return _VERSION + nonce + self._kek(procurement_ref).encrypt(nonce, private, binding)

    def _decrypt(self, procurement_ref: str, wrapped: bytes, binding: bytes) -> bytes:
        if len(wrapped) < 1 + 12 + 16 or wrapped[:1] != _VERSION:
            raise IntegrityError("the wrapped opening key is malformed")
        try:
            return self._kek(procurement_ref).decrypt(wrapped[1:13], wrapped[13:], binding)
        except InvalidTag:
            raise IntegrityError(
                "the wrapped opening key does not authenticate: it was changed, or the "
                "procurement, deadline or openers rule differs from when it was sealed"
            ) from None

    def create_opening_key(
        self, procurement_ref: str, *, deadline: datetime, required_openers: int
    ) -> SealedOpeningKey:
        pair = generate_opening_key_pair()
        binding = _binding(procurement_ref, deadline, required_openers)
        return SealedOpeningKey(
            public_key=pair.public,
            wrapped_private_key=self._encrypt(procurement_ref, pair.private, binding),
            custodian_id=self._id,
        )

    def release(
        self,
        procurement_ref: str,
        wrapped_private_key: bytes,
        *,
        deadline: datetime,
        now: datetime,
        openers: Sequence[str],
        required_openers: int,
    ) -> bytes:
        refusal = check_release(
            procurement_ref=procurement_ref,
            deadline=deadline,
            now=now,
            openers=openers,
            required_openers=required_openers,
        )
        if refusal is not None:
            raise ReleaseRefused(refusal)
        return self._decrypt(
            procurement_ref,
            wrapped_private_key,
            _binding(procurement_ref, deadline, required_openers),
        )

    def rebind(
        self,
        procurement_ref: str,
        wrapped_private_key: bytes,
        *,
        old_deadline: datetime,
        new_deadline: datetime,
        required_openers: int,
        now: datetime,
    ) -> bytes:
        if _aware(now, "now") >= _aware(old_deadline, "old_deadline"):
            raise SealingError("the deadline has passed; the sealed key can no longer be moved")
        if _aware(new_deadline, "new_deadline") <= now:
            raise SealingError("a new deadline must lie in the future")
        private = self._decrypt(
            procurement_ref,
            wrapped_private_key,
            _binding(procurement_ref, old_deadline, required_openers),
        )
        return self._encrypt(
            procurement_ref, private, _binding(procurement_ref, new_deadline, required_openers)
        )

    def protect(self, purpose: str, data: bytes) -> bytes:
        nonce = os.urandom(12)
        key = AESGCM(self._derive(b"working-state\0" + purpose.encode()))
        return _VERSION + nonce + key.encrypt(nonce, data, purpose.encode())

    def unprotect(self, purpose: str, data: bytes) -> bytes:
        if len(data) < 1 + 12 + 16 or data[:1] != _VERSION:
            raise IntegrityError("protected state is malformed")
        key = AESGCM(self._derive(b"working-state\0" + purpose.encode()))
        try:
            return key.decrypt(data[1:13], data[13:], purpose.encode())
        except InvalidTag:
            raise IntegrityError("protected state does not authenticate") from None
