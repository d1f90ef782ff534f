"""Chunk writes are durable before their row commits; discarding after the deadline is refused.

* ``upload_chunk`` fsyncs the ciphertext file and then the directory that
  holds its final name (a rename is durable only once its directory is),
  both before the chunk's row is committed.
* ``DELETE /api/v1/uploads/{id}`` after the tender deadline answers 409 with
  the deadline and the server time, keeps the upload, and records the
  refused attempt in the protocol like every other late action.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
from datetime import timedelta

from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.submissions import services
from heldigital.apps.submissions.models import SealedChunk, Upload, UploadStatus
from tests.platform.conftest import acting

from .conftest import BEFORE, DEADLINE, bearer, xml_document


def test_a_chunk_file_and_its_directory_are_fsynced_before_the_row_commits(
    procurement, supplier, supplier_user, monkeypatch
):
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    content = xml_document("durable", size=1000)
    upload = services.begin_upload(
        tender,
        principal=acting(supplier_user),
        kind="attachment",
        name="bilag.xml",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/xml",
        now=BEFORE,
    )
    events: list[tuple[str, str]] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:  # records what was synced, then syncs it for real
        mode = os.fstat(descriptor).st_mode
        events.append(("fsync", "directory" if stat.S_ISDIR(mode) else "file"))
        real_fsync(descriptor)

    real_create = SealedChunk.objects.create

    def create(**fields):
        events.append(("row", fields["path"]))
        return real_create(**fields)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(SealedChunk.objects, "create", create)
    services.upload_chunk(
        upload,
        principal=acting(supplier_user),
        offset=0,
        length=len(content),
        stream=io.BytesIO(content),
        now=BEFORE,
    )
    row = [kind for kind, _ in events].index("row")
    # (a new upload directory's parent is synced first, so that its entry is durable too)
    assert events[row - 2 : row] == [("fsync", "file"), ("fsync", "directory")]


def test_discarding_an_upload_after_the_deadline_is_refused_and_recorded(
    client, procurement, supplier, supplier_user, clock
):
    headers = bearer(supplier_user, supplier)
    tender = client.post(f"/api/v1/procurements/{procurement.reference}/tenders", **headers).json()
    content = xml_document("sent", size=100)
    upload = client.post(
        f"/api/v1/tenders/{tender['id']}/files",
        data=json.dumps(
            {
                "kind": "attachment",
                "name": "bilag.xml",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content_type": "application/xml",
            }
        ),
        content_type="application/json",
        **headers,
    ).json()

    clock.now = DEADLINE + timedelta(seconds=2)
    response = client.delete(f"/api/v1/uploads/{upload['id']}", **headers)
    assert response.status_code == 409
    problem = response.json()
    assert problem["deadline"] == DEADLINE.isoformat()
    assert problem["server_time"] == clock.now.isoformat()
    assert Upload.objects.get(pk=upload["id"]).status == UploadStatus.RECEIVING
    refused = ProtocolEvent.objects.filter(type="tender.refused").last()
    assert refused is not None
    payload = json.loads(refused.payload)
    assert payload["action"] == "discard"
    assert payload["reason"] == "after-deadline"

    clock.now = DEADLINE - timedelta(minutes=1)  # before the deadline it still works
    assert client.delete(f"/api/v1/uploads/{upload['id']}", **headers).status_code == 204
