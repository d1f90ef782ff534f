"""Errors of :mod:`heldigital.sealing`."""

from __future__ import annotations

__all__ = ["IntegrityError", "KeyFileError", "SealingError", "Sha256StateError"]


class SealingError(Exception):
    """Base class: a sealing operation could not be carried out."""


class IntegrityError(SealingError):
    """Ciphertext or a wrapped key was changed, truncated, reordered or spliced,
    or the wrong key was used. AEAD cannot tell these apart, and on purpose
    the message does not try to."""


class KeyFileError(SealingError):
    """A key or secret file is missing, malformed or readable by others."""


class Sha256StateError(SealingError):
    """A saved SHA-256 state is malformed, or OpenSSL's libcrypto is unavailable."""
