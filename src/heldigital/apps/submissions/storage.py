"""Where ciphertext lives: ``MEDIA_ROOT/sealed/<upload token>/<index>-<random>.hdse``.

Every path component is generated here from random tokens and integers -
never from anything a client sends - and every path is checked to resolve
inside the sealed root before it is opened, so path traversal is impossible
even if a stored path were tampered with.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from django.conf import settings

from heldigital.apps.submissions.conf import sealed_root


class StorageError(RuntimeError):
    pass


def new_token() -> str:
    return secrets.token_hex(16)


def chunk_name(token: str, index: int) -> str:
    if not (len(token) == 32 and all(c in "0123456789abcdef" for c in token)):
        raise StorageError("a storage token is 32 lower-case hex digits")
    return f"sealed/{token}/{index:06d}-{secrets.token_hex(8)}.hdse"


def absolute(relative: str) -> Path:
    """The absolute path of a stored name; refuses anything outside the sealed root."""
    root = sealed_root().resolve()
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise StorageError(f"refusing a path outside the sealed storage: {relative!r}")
    return path


def prepare_directory(path: Path) -> None:
    root = sealed_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fsync_directory(root)  # the new directory's entry survives a crash too


def fsync_directory(directory: Path) -> None:
    """Make a directory's entries (a rename, a new file) durable: fsync the directory."""
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove(relative: str) -> None:
    with contextlib.suppress(StorageError):
        absolute(relative).unlink(missing_ok=True)


def fsync_and_close(handle: object) -> None:
    fileno = getattr(handle, "fileno", None)
    flush = getattr(handle, "flush", None)
    if flush is not None:
        flush()
    if fileno is not None:
        os.fsync(fileno())
    close = getattr(handle, "close", None)
    if close is not None:
        close()
