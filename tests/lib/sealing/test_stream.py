"""STREAM encryption: round trips, and every kind of tampering is detected."""

from __future__ import annotations

import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heldigital.sealing import stream
from heldigital.sealing.errors import IntegrityError, SealingError
from heldigital.sealing.stream import (
    HEADER_SIZE,
    TAG_SIZE,
    StreamDecryptor,
    StreamEncryptor,
    ciphertext_size,
    decrypt_bytes,
    decrypt_stream,
    encrypt_bytes,
)

KEY = bytes(range(32))
CONTEXT = b"P-1|tender-1|upload-1|chunk-0"
SEG = 64  # small segments so tests see many of them


def segments(ciphertext: bytes, segment_size: int = SEG) -> list[bytes]:
    body = ciphertext[HEADER_SIZE:]
    size = segment_size + TAG_SIZE
    return [body[i : i + size] for i in range(0, len(body), size)]


def join(ciphertext: bytes, parts: list[bytes]) -> bytes:
    return ciphertext[:HEADER_SIZE] + b"".join(parts)


@settings(max_examples=60, deadline=None)
@given(
    plaintext=st.binary(max_size=700),
    cuts=st.lists(st.integers(min_value=0, max_value=700), max_size=8),
)
def test_round_trip_for_any_split_of_the_input(plaintext, cuts):
    encryptor = StreamEncryptor(KEY, CONTEXT, segment_size=SEG)
    out = bytearray()
    previous = 0
    for cut in [*sorted(c for c in cuts if c <= len(plaintext)), len(plaintext)]:
        out += encryptor.update(plaintext[previous:cut])
        previous = cut
    out += encryptor.finalize()
    assert len(out) == ciphertext_size(len(plaintext), SEG)
    assert decrypt_bytes(KEY, CONTEXT, bytes(out), segment_size=SEG) == plaintext
    # Too short a plaintext may occur in random ciphertext by chance.
    assert len(plaintext) < 16 or plaintext not in out


@pytest.mark.parametrize("size", [0, 1, SEG - 1, SEG, SEG + 1, 3 * SEG, 3 * SEG + 5])
def test_round_trip_at_segment_boundaries(size):
    plaintext = os.urandom(size)
    sealed = encrypt_bytes(KEY, CONTEXT, plaintext, segment_size=SEG)
    assert len(sealed) == ciphertext_size(size, SEG)
    assert decrypt_bytes(KEY, CONTEXT, sealed, segment_size=SEG) == plaintext
    pieces = list(decrypt_stream(KEY, CONTEXT, io.BytesIO(sealed), segment_size=SEG, read_size=7))
    assert b"".join(pieces) == plaintext


def test_every_single_byte_change_is_detected():
    sealed = encrypt_bytes(KEY, CONTEXT, os.urandom(3 * SEG + 10), segment_size=SEG)
    for position in range(len(sealed)):
        changed = bytearray(sealed)
        changed[position] ^= 0x01
        with pytest.raises(IntegrityError):
            decrypt_bytes(KEY, CONTEXT, bytes(changed), segment_size=SEG)


def test_truncation_at_a_segment_boundary_is_detected():
    sealed = encrypt_bytes(KEY, CONTEXT, os.urandom(4 * SEG + 3), segment_size=SEG)
    parts = segments(sealed)
    for keep in range(len(parts)):
        with pytest.raises(IntegrityError):
            decrypt_bytes(KEY, CONTEXT, join(sealed, parts[:keep]), segment_size=SEG)
    with pytest.raises(IntegrityError):
        decrypt_bytes(KEY, CONTEXT, sealed[: HEADER_SIZE - 1], segment_size=SEG)
    with pytest.raises(IntegrityError):
        decrypt_bytes(KEY, CONTEXT, sealed[:-1], segment_size=SEG)


def test_reordered_duplicated_and_appended_segments_are_detected():
    sealed = encrypt_bytes(KEY, CONTEXT, os.urandom(4 * SEG + 3), segment_size=SEG)
    parts = segments(sealed)
    swapped = [parts[1], parts[0], *parts[2:]]
    duplicated = [parts[0], *parts]
    appended = [*parts, parts[-1]]
    for bad in (swapped, duplicated, appended):
        with pytest.raises(IntegrityError):
            decrypt_bytes(KEY, CONTEXT, join(sealed, bad), segment_size=SEG)


def test_splicing_segments_from_another_stream_under_the_same_key_is_detected():
    one = encrypt_bytes(KEY, CONTEXT, os.urandom(3 * SEG), segment_size=SEG)
    other = encrypt_bytes(KEY, CONTEXT, os.urandom(3 * SEG), segment_size=SEG)
    spliced = join(one, [segments(one)[0], segments(other)[1], segments(one)[2]])
    with pytest.raises(IntegrityError):
        decrypt_bytes(KEY, CONTEXT, spliced, segment_size=SEG)


def test_wrong_key_and_wrong_context_fail():
    sealed = encrypt_bytes(KEY, CONTEXT, b"price 100 NOK", segment_size=SEG)
    with pytest.raises(IntegrityError):
        decrypt_bytes(bytes(32), CONTEXT, sealed, segment_size=SEG)
    with pytest.raises(IntegrityError):
        decrypt_bytes(KEY, CONTEXT + b"x", sealed, segment_size=SEG)
    with pytest.raises(IntegrityError, match="bad magic"):
        decrypt_bytes(KEY, CONTEXT, b"X" + sealed[1:], segment_size=SEG)


def test_fresh_nonce_prefix_per_stream():
    first = encrypt_bytes(KEY, CONTEXT, b"same", segment_size=SEG)
    second = encrypt_bytes(KEY, CONTEXT, b"same", segment_size=SEG)
    assert first[: len(stream.MAGIC)] == second[: len(stream.MAGIC)]
    assert first != second


def test_misuse_is_refused():
    with pytest.raises(SealingError):
        StreamEncryptor(b"short", CONTEXT)
    encryptor = StreamEncryptor(KEY, CONTEXT)
    encryptor.finalize()
    with pytest.raises(SealingError):
        encryptor.update(b"more")
    decryptor = StreamDecryptor(KEY, CONTEXT)
    with pytest.raises(IntegrityError):
        decryptor.finalize()


def test_memory_stays_bounded_by_one_segment():
    encryptor = StreamEncryptor(KEY, CONTEXT, segment_size=SEG)
    for _ in range(100):
        encryptor.update(os.urandom(SEG // 2 + 3))
        assert len(encryptor._buffer) <= SEG


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_pieces_of_several_segments_from_any_buffer(kind):
    # Whole segments are sealed straight from the caller's buffer (no copy).
    plaintext = os.urandom(7 * SEG + 9)
    encryptor = StreamEncryptor(KEY, CONTEXT, segment_size=SEG)
    out = bytearray(encryptor.update(kind(plaintext[:5])))
    out += encryptor.update(kind(plaintext[5 : 4 * SEG]))
    out += encryptor.update(kind(plaintext[4 * SEG :]))
    out += encryptor.finalize()
    assert len(encryptor._buffer) == 0
    assert decrypt_bytes(KEY, CONTEXT, bytes(out), segment_size=SEG) == plaintext
