"""Data keys wrapped for the opening key (X25519 ECIES)."""

from __future__ import annotations

import pytest

from heldigital.sealing.errors import IntegrityError, SealingError
from heldigital.sealing.keywrap import (
    WRAPPED_SIZE,
    generate_opening_key_pair,
    new_data_key,
    unwrap_key,
    wrap_key,
)


def test_wrap_and_unwrap():
    pair = generate_opening_key_pair()
    key = new_data_key()
    wrapped = wrap_key(key, pair.public, b"ctx")
    assert len(wrapped) == WRAPPED_SIZE
    assert key not in wrapped
    assert unwrap_key(wrapped, pair.private, b"ctx") == key
    assert wrap_key(key, pair.public, b"ctx") != wrapped  # fresh ephemeral key each time


def test_wrong_private_key_wrong_context_and_tampering_fail():
    pair, other = generate_opening_key_pair(), generate_opening_key_pair()
    wrapped = wrap_key(new_data_key(), pair.public, b"chunk-1")
    with pytest.raises(IntegrityError):
        unwrap_key(wrapped, other.private, b"chunk-1")
    with pytest.raises(IntegrityError):
        unwrap_key(wrapped, pair.private, b"chunk-2")
    for position in (0, 40, WRAPPED_SIZE - 1):
        changed = bytearray(wrapped)
        changed[position] ^= 0x80
        with pytest.raises(IntegrityError):
            unwrap_key(bytes(changed), pair.private, b"chunk-1")
    with pytest.raises(IntegrityError):
        unwrap_key(wrapped[:-1], pair.private, b"chunk-1")


def test_bad_keys_are_refused():
    pair = generate_opening_key_pair()
    with pytest.raises(SealingError):
        wrap_key(b"short", pair.public, b"")
    with pytest.raises(SealingError):
        wrap_key(new_data_key(), b"not a key", b"")
    # A small-order point (all zeros) gives an all-zero shared secret: refused.
    with pytest.raises((SealingError, ValueError)):
        wrap_key(new_data_key(), bytes(32), b"")
