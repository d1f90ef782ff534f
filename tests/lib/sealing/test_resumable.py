"""Resumable SHA-256 over OpenSSL's SHA256_CTX, checked against hashlib."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital.sealing import resumable
from heldigital.sealing.errors import Sha256StateError
from heldigital.sealing.resumable import STATE_SIZE, ResumableSha256


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=1000),
    cuts=st.lists(st.integers(min_value=0, max_value=1000), max_size=10),
    saves=st.lists(st.booleans(), max_size=11),
)
def test_any_split_and_any_save_points_give_hashlibs_digest(data, cuts, saves):
    points = [*sorted(c for c in cuts if c <= len(data)), len(data)]
    hasher = ResumableSha256()
    previous = 0
    for index, point in enumerate(points):
        hasher.update(data[previous:point])
        previous = point
        if index < len(saves) and saves[index]:
            state = hasher.state()
            assert len(state) == STATE_SIZE
            hasher = ResumableSha256.from_state(state)
        assert hasher.length == point
        assert hasher.hexdigest() == hashlib.sha256(data[:point]).hexdigest()
    assert hasher.digest() == hashlib.sha256(data).digest()


def test_a_large_input_in_uneven_pieces():
    data = bytes(range(256)) * 40_000
    hasher = ResumableSha256()
    for start in range(0, len(data), 1_000_003):
        hasher = ResumableSha256.from_state(hasher.state())
        hasher.update(memoryview(data)[start : start + 1_000_003])
    assert hasher.hexdigest() == hashlib.sha256(data).hexdigest()


def test_malformed_states_are_refused():
    good = ResumableSha256()
    good.update(b"abc")
    with pytest.raises(Sha256StateError):
        ResumableSha256.from_state(good.state()[:-1])
    bad_counter = bytearray(good.state())
    bad_counter[104] = 200
    with pytest.raises(Sha256StateError):
        ResumableSha256.from_state(bytes(bad_counter))
    bad_length = bytearray(good.state())
    bad_length[32] = 0  # says 0 bits hashed, but 3 bytes are buffered
    with pytest.raises(Sha256StateError):
        ResumableSha256.from_state(bytes(bad_length))


def test_missing_libcrypto_gives_a_clear_error(monkeypatch):
    resumable._libcrypto.cache_clear()
    monkeypatch.setattr(resumable.ctypes.util, "find_library", lambda name: None)
    try:
        with pytest.raises(Sha256StateError, match="libcrypto was not found"):
            ResumableSha256()
    finally:
        resumable._libcrypto.cache_clear()
