"""Streaming authenticated encryption of large files (AES-256-GCM, STREAM).

A plaintext is cut into segments of :data:`SEGMENT_SIZE` bytes (the last
one may be shorter, and is empty only for an empty plaintext). Segment *i*
is sealed with AES-256-GCM (NIST SP 800-38D) under the group's data key,
with

* nonce = 7-byte random prefix ‖ *i* as 4-byte big-endian ‖ final flag
  (1 byte, ``0x01`` on the last segment, else ``0x00``), and
* associated data = the caller's context ‖ *i* (8 bytes) ‖ final flag.

This is the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár,
"Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance"
(CRYPTO 2015), as used by the age format (age-encryption.org/v1, payload):
reordering segments changes their index, dropping the tail leaves a last
segment that was sealed as non-final, appending or splicing segments from
another stream fails the tag, and binding the caller's context (procurement,
tender, upload, chunk index, offset) into every segment prevents moving a
whole group to another place. A fresh random data key per group means the
(prefix, counter) nonce is never reused under one key.

Ciphertext layout: ``MAGIC`` (8 bytes) ‖ nonce prefix (7 bytes) ‖
segments, each ``len(plaintext) + 16`` bytes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from heldigital.sealing.errors import IntegrityError, SealingError

__all__ = [
    "KEY_SIZE",
    "MAGIC",
    "SEGMENT_SIZE",
    "StreamDecryptor",
    "StreamEncryptor",
    "ciphertext_size",
    "decrypt_bytes",
    "decrypt_stream",
    "encrypt_bytes",
]

MAGIC = b"HDSTRM01"
KEY_SIZE = 32  # AES-256
PREFIX_SIZE = 7
TAG_SIZE = 16
#: Plaintext bytes per segment (1 MiB).
SEGMENT_SIZE = 1 << 20
_MAX_SEGMENTS = 1 << 32  # the counter is 4 bytes
HEADER_SIZE = len(MAGIC) + PREFIX_SIZE


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_SIZE:
        raise SealingError(f"a data key is {KEY_SIZE} bytes")


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= _MAX_SEGMENTS:
        raise SealingError("too many segments for one stream")
    return prefix + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


def _aad(context: bytes, index: int, final: bool) -> bytes:
    return context + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")


def ciphertext_size(plaintext_size: int, segment_size: int = SEGMENT_SIZE) -> int:
    """The exact ciphertext size for a plaintext of ``plaintext_size`` bytes."""
    segments = max(1, -(-plaintext_size // segment_size))
    return HEADER_SIZE + plaintext_size + segments * TAG_SIZE


class StreamEncryptor:
    """Encrypt a plaintext given in pieces of any size; yields ciphertext pieces.

    ``update`` returns the ciphertext of every segment completed so far;
    ``finalize`` seals the last segment. At most one segment of plaintext is
    held in memory.
    """

    def __init__(self, key: bytes, context: bytes, *, segment_size: int = SEGMENT_SIZE) -> None:
        _check_key(key)
        if segment_size < 1:
            raise SealingError("the segment size must be positive")
        self._aead = AESGCM(key)
        self._context = bytes(context)
        self._prefix = os.urandom(PREFIX_SIZE)
        self._segment_size = segment_size
        self._buffer = bytearray()
        self._index = 0
        self._header_sent = False
        self._finished = False
        self.plaintext_size = 0

    def _header(self) -> bytes:
        if self._header_sent:
            return b""
        self._header_sent = True
        return MAGIC + self._prefix

    def _seal(self, data: bytes | memoryview, final: bool) -> bytes:
        sealed = self._aead.encrypt(
            _nonce(self._prefix, self._index, final), data, _aad(self._context, self._index, final)
        )
        self._index += 1
        return sealed

    def update(self, data: bytes | bytearray | memoryview) -> bytes:
        if self._finished:
            raise SealingError("the stream is already finalised")
        view = memoryview(data).cast("B")
        self.plaintext_size += len(view)
        out = [self._header()]
        size = self._segment_size
        # A segment is sealed only once more data follows it: the last one
        # must be sealed as final, and we do not know yet which one that is.
        if self._buffer:
            need = size - len(self._buffer)
            if len(view) <= need:
                self._buffer += view
                return b"".join(out)
            self._buffer += view[:need]
            view = view[need:]
            out.append(self._seal(bytes(self._buffer), final=False))
            self._buffer.clear()
        # Whole segments straight from the caller's buffer: no copy before encryption.
        start = 0
        while len(view) - start > size:
            out.append(self._seal(view[start : start + size], final=False))
            start += size
        self._buffer += view[start:]
        return b"".join(out)

    def finalize(self) -> bytes:
        if self._finished:
            raise SealingError("the stream is already finalised")
        self._finished = True
        out = self._header() + self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        return out


class StreamDecryptor:
    """Decrypt a ciphertext given in pieces; raises :class:`IntegrityError` on any change."""

    def __init__(self, key: bytes, context: bytes, *, segment_size: int = SEGMENT_SIZE) -> None:
        _check_key(key)
        self._aead = AESGCM(key)
        self._context = bytes(context)
        self._segment_size = segment_size
        self._buffer = bytearray()
        self._prefix: bytes | None = None
        self._index = 0
        self._finished = False

    def _open(self, sealed: bytes, final: bool) -> bytes:
        assert self._prefix is not None
        try:
            plain = self._aead.decrypt(
                _nonce(self._prefix, self._index, final),
                sealed,
                _aad(self._context, self._index, final),
            )
        except InvalidTag:
            raise IntegrityError(
                f"segment {self._index} does not authenticate: the ciphertext was changed, "
                "truncated, reordered or spliced, or the key or context is wrong"
            ) from None
        self._index += 1
        return plain

    def update(self, data: bytes) -> bytes:
        if self._finished:
            raise SealingError("the stream is already finalised")
        self._buffer += data
        if self._prefix is None:
            if len(self._buffer) < HEADER_SIZE:
                return b""
            if bytes(self._buffer[: len(MAGIC)]) != MAGIC:
                raise IntegrityError("not a Heldigital sealed stream (bad magic)")
            self._prefix = bytes(self._buffer[len(MAGIC) : HEADER_SIZE])
            del self._buffer[:HEADER_SIZE]
        out = bytearray()
        sealed_size = self._segment_size + TAG_SIZE
        # Keep one full segment back: it may be the final one.
        while len(self._buffer) > sealed_size:
            sealed = bytes(self._buffer[:sealed_size])
            del self._buffer[:sealed_size]
            out += self._open(sealed, final=False)
        return bytes(out)

    def finalize(self) -> bytes:
        if self._finished:
            raise SealingError("the stream is already finalised")
        self._finished = True
        if self._prefix is None:
            raise IntegrityError("the ciphertext is truncated (no header)")
        if len(self._buffer) < TAG_SIZE:
            raise IntegrityError("the ciphertext is truncated (no final segment)")
        plain = self._open(bytes(self._buffer), final=True)
        if not plain and self._index > 1:
            raise IntegrityError("an empty final segment after data is not allowed")
        self._buffer.clear()
        return plain


def encrypt_bytes(
    key: bytes, context: bytes, plaintext: bytes, *, segment_size: int = SEGMENT_SIZE
) -> bytes:
    encryptor = StreamEncryptor(key, context, segment_size=segment_size)
    return encryptor.update(plaintext) + encryptor.finalize()


def decrypt_bytes(
    key: bytes, context: bytes, ciphertext: bytes, *, segment_size: int = SEGMENT_SIZE
) -> bytes:
    decryptor = StreamDecryptor(key, context, segment_size=segment_size)
    return decryptor.update(ciphertext) + decryptor.finalize()


def decrypt_stream(
    key: bytes,
    context: bytes,
    source: BinaryIO | Iterable[bytes],
    *,
    segment_size: int = SEGMENT_SIZE,
    read_size: int = SEGMENT_SIZE,
) -> Iterator[bytes]:
    """Yield the plaintext of a ciphertext read from a file or an iterable of pieces.

    Plaintext is yielded segment by segment as it authenticates; a consumer
    must treat the output as valid only once the iterator is exhausted
    without :class:`IntegrityError` (the final segment proves the end).
    """
    decryptor = StreamDecryptor(key, context, segment_size=segment_size)
    pieces: Iterable[bytes]
    if isinstance(source, io.IOBase) or hasattr(source, "read"):
        reader: BinaryIO = source  # type: ignore[assignment]
        pieces = iter(lambda: reader.read(read_size), b"")
    else:
        pieces = source
    for piece in pieces:
        plain = decryptor.update(piece)
        if plain:
            yield plain
    last = decryptor.finalize()
    if last:
        yield last
