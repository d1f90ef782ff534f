"""SHA-256 over a file that arrives in many requests, with a saveable state.

``hashlib`` objects cannot be serialised, so a digest over an upload split
into separate HTTP requests would need the whole file again at the end.
OpenSSL's low-level interface can: ``SHA256_CTX`` (``openssl/sha.h``) is a
plain struct - eight 32-bit chaining words, the 64-bit bit length as two
words, a 64-byte block buffer and two counters, 112 bytes - and
``SHA256_Init``/``SHA256_Update``/``SHA256_Final`` (FIPS 180-4) work on it.
We keep the struct in a ctypes buffer and save its raw bytes between
requests. These functions are deprecated in OpenSSL 3 in favour of EVP but
still exported by libcrypto 3.x; a missing library or symbol gives a clear
:class:`Sha256StateError`.

The state contains up to 63 bytes of not yet hashed *plaintext* (the block
buffer). Callers that persist it must protect it like the plaintext (the
submissions app encrypts it with the custodian's working key).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import struct
from functools import cache

from heldigital.sealing.errors import Sha256StateError

__all__ = ["STATE_SIZE", "ResumableSha256"]

#: sizeof(SHA256_CTX) on every platform OpenSSL supports (unsigned int is 32 bits).
STATE_SIZE = 112
_BLOCK_OFFSET = 40  # h[8], Nl, Nh
_NUM_OFFSET = 104  # data[16], then num, md_len
_DIGEST_SIZE = 32


@cache
def _libcrypto() -> ctypes.CDLL:
    name = ctypes.util.find_library("crypto")
    if name is None:
        raise Sha256StateError(
            "OpenSSL's libcrypto was not found; resumable SHA-256 needs it "
            "(install libssl3 / openssl)"
        )
    try:
        lib = ctypes.CDLL(name)
        for function in ("SHA256_Init", "SHA256_Update", "SHA256_Final"):
            getattr(lib, function).restype = ctypes.c_int
        lib.SHA256_Init.argtypes = [ctypes.c_void_p]
        lib.SHA256_Update.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        lib.SHA256_Final.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    except (OSError, AttributeError) as exc:
        raise Sha256StateError(f"libcrypto ({name}) lacks the SHA256_* functions: {exc}") from None
    return lib


class ResumableSha256:
    """A SHA-256 computation whose state can be saved as bytes and restored.

    >>> h = ResumableSha256(); h.update(b"ab")
    >>> h2 = ResumableSha256.from_state(h.state()); h2.update(b"c")
    >>> h2.hexdigest() == __import__("hashlib").sha256(b"abc").hexdigest()
    True
    """

    __slots__ = ("_ctx",)

    def __init__(self) -> None:
        self._ctx = ctypes.create_string_buffer(STATE_SIZE)
        if _libcrypto().SHA256_Init(self._ctx) != 1:
            raise Sha256StateError("SHA256_Init failed")

    @classmethod
    def from_state(cls, state: bytes) -> ResumableSha256:
        """Restore a computation from :meth:`state` (validated, never trusted blindly)."""
        if not isinstance(state, bytes) or len(state) != STATE_SIZE:
            raise Sha256StateError(f"a SHA-256 state is {STATE_SIZE} bytes")
        num, md_len = struct.unpack_from("=II", state, _NUM_OFFSET)
        if num >= 64 or md_len != _DIGEST_SIZE:
            raise Sha256StateError("not a SHA-256 state (bad block counter or digest length)")
        bits_low, bits_high = struct.unpack_from("=II", state, 32)
        if ((bits_high << 32) | bits_low) // 8 % 64 != num:
            raise Sha256StateError("not a SHA-256 state (length and block counter disagree)")
        self = cls.__new__(cls)
        self._ctx = ctypes.create_string_buffer(state, STATE_SIZE)
        return self

    def update(self, data: bytes | bytearray | memoryview) -> None:
        data = bytes(data)
        if _libcrypto().SHA256_Update(self._ctx, data, len(data)) != 1:
            raise Sha256StateError("SHA256_Update failed")

    def state(self) -> bytes:
        return self._ctx.raw

    @property
    def length(self) -> int:
        """The number of bytes hashed so far."""
        low, high = struct.unpack_from("=II", self._ctx.raw, 32)
        return int((high << 32) | low) // 8

    def digest(self) -> bytes:
        """The digest so far; the computation can go on afterwards."""
        copy = ctypes.create_string_buffer(self._ctx.raw, STATE_SIZE)
        out = ctypes.create_string_buffer(_DIGEST_SIZE)
        if _libcrypto().SHA256_Final(out, copy) != 1:
            raise Sha256StateError("SHA256_Final failed")
        ctypes.memset(copy, 0, STATE_SIZE)
        return out.raw

    def hexdigest(self) -> str:
        return self.digest().hex()
