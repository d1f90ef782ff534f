"""An upload whose connection drops mid-chunk, against a real HTTP server, then resumed.

The test client cannot cut a request body short, so this test talks raw
HTTP to Django's live server: it announces a chunk of 200 000 bytes, sends
half of them and closes the connection. Nothing of that chunk may be kept
(the offset stays where it was, no ciphertext or temporary file remains),
and the client resumes from the offset the server reports.
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
from urllib.parse import urlsplit

import pytest

from heldigital.apps.submissions import conf
from heldigital.apps.submissions.models import Upload

from .conftest import bearer, make_procurement, xml_document


def http(
    server: str, method: str, path: str, token: str, body: bytes = b"", *, cut: int | None = None
):
    """One HTTP/1.1 request on a fresh socket; with ``cut``, send that much body and hang up."""
    url = urlsplit(server)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {url.hostname}\r\n"
            f"Authorization: Bearer {token}\r\nAccept-Language: en\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        sock.sendall(head + (body if cut is None else body[:cut]))
        if cut is not None:
            sock.shutdown(socket.SHUT_WR)
            return None
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    payload = data.split(b"\r\n\r\n", 1)[1]
    return status, json.loads(payload) if payload.startswith(b"{") else payload


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_leaves_nothing_and_the_upload_resumes(
    live_server, municipality, supplier, supplier_user, clock, caplog
):
    make_procurement(municipality)
    token = bearer(supplier_user, supplier)["HTTP_AUTHORIZATION"].split()[1]
    content = xml_document("interrupted", size=500_000)
    status, tender = http(
        live_server.url, "POST", "/api/v1/procurements/HD-2026-0100/tenders", token
    )
    assert status == 201
    announce = json.dumps(
        {
            "kind": "attachment",
            "name": "stor.xml",
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "content_type": "application/xml",
        }
    ).encode()
    url = urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(
            (
                f"POST /api/v1/tenders/{tender['id']}/files HTTP/1.1\r\nHost: {url.hostname}\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(announce)}\r\nConnection: close\r\n\r\n"
            ).encode()
            + announce
        )
        answer = b""
        while piece := sock.recv(65536):
            answer += piece
    upload_id = json.loads(answer.split(b"\r\n\r\n", 1)[1])["id"]
    chunk = 200_000
    status, body = http(
        live_server.url, "PUT", f"/api/v1/uploads/{upload_id}?offset=0", token, content[:chunk]
    )
    assert (status, body["offset"]) == (200, chunk)

    # The second chunk: half of it, then the connection drops.
    http(
        live_server.url,
        "PUT",
        f"/api/v1/uploads/{upload_id}?offset={chunk}",
        token,
        content[chunk : 2 * chunk],
        cut=chunk // 2,
    )

    def refused() -> bool:  # the server notices the short body and answers 400
        return any(
            r.name == "django.request"
            and f"/api/v1/uploads/{upload_id}" in r.getMessage()
            and getattr(r, "status_code", None) == 400
            for r in caplog.records
        )

    for _ in range(200):
        if refused():
            break
        time.sleep(0.05)
    assert refused(), [r.getMessage() for r in caplog.records]
    status, body = http(live_server.url, "GET", f"/api/v1/uploads/{upload_id}", token)
    assert (status, body["offset"]) == (200, chunk)
    assert Upload.objects.get(pk=upload_id).chunks.count() == 1
    assert len(list(conf.sealed_root().rglob("*.hdse"))) == 1
    assert not list(conf.sealed_root().rglob(".incoming-*"))
    # Resume from the offset the server reports, to the end.
    offset = body["offset"]
    while offset < len(content):
        status, body = http(
            live_server.url,
            "PUT",
            f"/api/v1/uploads/{upload_id}?offset={offset}",
            token,
            content[offset : offset + chunk],
        )
        assert status == 200, body
        offset = body["offset"]
    status, body = http(live_server.url, "POST", f"/api/v1/uploads/{upload_id}/complete", token)
    assert status == 200 and body["sha256"] == hashlib.sha256(content).hexdigest()
