"""A 500 MB tender through the API in resumable chunks, with flat memory.

The data is generated as it is sent (a random 1 MiB block, each MiB stamped
with its index so no two are alike); the test tracks Python's allocations
and requires the peak to stay far below the file size - every chunk is
encrypted as it is read, and opening decrypts and verifies it segment by
segment.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
import tracemalloc
from datetime import timedelta

import pytest

from heldigital.apps.submissions.models import OpeningRecord, TenderFile

from .conftest import DEADLINE, bearer

MIB = 1 << 20
SIZE = 500 * MIB
CHUNK = 16 * MIB


def chunks(block: bytes):
    """The file, CHUNK bytes at a time (never all of it in memory)."""
    for start in range(0, SIZE, CHUNK):
        yield b"".join(
            index.to_bytes(8, "big") + block[8:]
            for index in range(start // MIB, min(start + CHUNK, SIZE) // MIB)
        )


@pytest.mark.slow
def test_a_500_mb_tender_uploads_in_chunks_and_opens(
    client,
    procurement,
    supplier,
    supplier_user,
    municipality,
    opener,
    opener2,
    clock,
    sealed_storage,
):
    block = os.urandom(MIB)
    digest = hashlib.sha256()
    for piece in chunks(block):
        digest.update(piece)
    supplier_auth = bearer(supplier_user, supplier)
    tender_id = client.post("/api/v1/procurements/HD-2026-0100/tenders", **supplier_auth).json()[
        "id"
    ]
    upload = client.post(
        f"/api/v1/tenders/{tender_id}/files",
        {
            "kind": "attachment",
            "name": "tegninger.zip",
            "size": SIZE,
            "sha256": digest.hexdigest(),
            "content_type": "application/octet-stream",
        },
        content_type="application/json",
        **supplier_auth,
    ).json()["id"]
    started = time.monotonic()
    tracemalloc.start()
    try:
        offset = 0
        for piece in chunks(block):
            response = client.put(
                f"/api/v1/uploads/{upload}?offset={offset}",
                piece,
                content_type="application/octet-stream",
                **supplier_auth,
            )
            assert response.status_code == 200, response.content
            offset = response.json()["offset"]
            # The test client's request objects (holding the body) sit in
            # reference cycles; collect them as a server process frees them.
            del piece, response
            gc.collect()
        assert offset == SIZE
        done = client.post(f"/api/v1/uploads/{upload}/complete", **supplier_auth)
        assert done.status_code == 200 and done.json()["sha256"] == digest.hexdigest()
        receipt = client.post(f"/api/v1/tenders/{tender_id}/submit", **supplier_auth)
        assert receipt.status_code == 200
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    uploaded = time.monotonic() - started
    # One chunk in memory (the test client holds the request body while the
    # generator builds the next one), plus a segment or two in the encryptor.
    assert peak < 3 * CHUNK, f"peak {peak / MIB:.0f} MiB"
    print(f"500 MB uploaded in {uploaded:.1f} s, peak {peak / MIB:.0f} MiB")
    stored = sum(p.stat().st_size for p in (sealed_storage / "media").rglob("*.hdse"))
    assert SIZE < stored < SIZE + SIZE // 1000
    assert uploaded < 300

    try:
        clock.now = DEADLINE + timedelta(minutes=1)
        buyer_auth = {"a": bearer(opener, municipality), "b": bearer(opener2, municipality)}
        client.post("/api/v1/procurements/HD-2026-0100/opening", **buyer_auth["a"])
        clock.advance(seconds=1)
        opened = client.post("/api/v1/procurements/HD-2026-0100/opening", **buyer_auth["b"])
        assert opened.json()["status"] == "opened"
        (entry,) = OpeningRecord.objects.get().content["tenders"]
        assert entry["files"][0]["verified"] is True
        assert entry["files"][0]["sha256"] == digest.hexdigest()
        assert TenderFile.objects.get().size == SIZE
    finally:
        shutil.rmtree(sealed_storage / "media", ignore_errors=True)
