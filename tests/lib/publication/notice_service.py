"""A local stand-in for TED's Publication API and Doffin's Notices API.

A real HTTP server (``http.server.ThreadingHTTPServer`` on 127.0.0.1, port
0) that follows the published contracts the client is written against
(heldigital.publication.contract, docs/publication.md): multipart submit
with ``notice`` and ``metadata``, the business id read from the notice XML,
201 ``{"success": ...}`` (TED) or 400 ``{"success": false}`` (Doffin) with
an SVRL validation report, the notice list, the report, 401 for a wrong
key, 409 for a business id it holds already. Tests script faults for the
next calls (429 with Retry-After, 5xx, a delay longer than the client's
timeout, a dropped connection), optionally *after* storing the notice, as a
service that fails between accepting and answering would.

Every submit that reaches the handler is logged (``submits``), so a test
can prove that a notice was delivered exactly once.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from heldigital import xml
from heldigital.publication.contract import Service

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass
class Fault:
    """What the server does instead of (or before) answering one call."""

    status: int | None = None
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    #: Store the notice before failing (the service accepted it, the answer was lost).
    store: bool = False
    #: Close the connection without an answer.
    drop: bool = False


@dataclass
class Stored:
    notice_id: str
    version: str
    xml: bytes
    metadata: dict[str, Any]
    status: str
    submitted_at: datetime
    findings: list[tuple[str, str]]
    publication_id: str | None = None
    publication_date: str | None = None


Rules = Callable[[bytes], list[tuple[str, str]]]


def no_findings(_: bytes) -> list[tuple[str, str]]:
    return []


class NoticeService:
    def __init__(self, service: Service, api_key: str, *, rules: Rules = no_findings) -> None:
        self.service = service
        self.api_key = api_key
        self.rules = rules
        self.notices: dict[str, Stored] = {}
        #: Business ids of every submit request that reached the handler, in order.
        self.submits: list[str] = []
        self.calls: list[tuple[str, str]] = []
        self.faults: dict[str, deque[Fault]] = {
            "submit": deque(),
            "find": deque(),
            "report": deque(),
        }
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------- control

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail(self, operation: str, *faults: Fault) -> None:
        with self.lock:
            self.faults[operation].extend(faults)

    def publish(self, business_id: str, publication_id: str, day: str) -> None:
        with self.lock:
            stored = self.notices[business_id]
            stored.status = "PUBLISHED"
            stored.publication_id = publication_id
            stored.publication_date = day

    def set_status(self, business_id: str, status: str) -> None:
        with self.lock:
            self.notices[business_id].status = status

    @contextmanager
    def running(self) -> Iterator[NoticeService]:
        handler = type("Handler", (_Handler,), {"owner": self})
        server = _QuietServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    # ----------------------------------------------------------- behaviour

    def next_fault(self, operation: str) -> Fault | None:
        with self.lock:
            queue = self.faults[operation]
            return queue.popleft() if queue else None

    def authorised(self, headers: Any) -> tuple[int, dict[str, Any]] | None:
        header, expected = self.service.authorization(self.api_key)
        given = headers.get(header)
        if given is None:
            if self.service.auth_scheme:  # TED: "Missing Authorization header in request"
                return 400, {"message": "Missing Authorization header in request"}
            return 401, {
                "statusCode": 401,
                "message": "Access denied due to missing subscription key.",
            }
        if given != expected:
            return 401, {"message": "The provided API key doesn't exist or it is invalid."}
        return None

    def report(self, stored: Stored) -> bytes:
        asserts = "".join(
            f'<svrl:failed-assert id="{rule}" role="ERROR" location="/*">'
            f"<svrl:text>{text}</svrl:text></svrl:failed-assert>"
            for rule, text in stored.findings
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><svrl:schematron-output xmlns:svrl="{SVRL}">'
            f"{asserts}</svrl:schematron-output>"
        ).encode()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and left: expected in these tests


class _Handler(BaseHTTPRequestHandler):
    owner: NoticeService
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(data).encode(), "application/json", headers or {})

    def _fault(self, fault: Fault | None) -> bool:
        """Apply a fault; True when it answered (or dropped) the call."""
        if fault is None:
            return False
        if fault.delay:
            time.sleep(fault.delay)
        if fault.drop:
            self.close_connection = True
            self.connection.shutdown(2)
            return True
        if fault.status is not None:
            self._json(fault.status, fault.body or {"message": "scripted"}, fault.headers)
            return True
        return False

    def do_GET(self) -> None:
        owner = self.owner
        parts = urlsplit(self.path)
        refused = owner.authorised(self.headers)
        if refused:
            self._json(*refused)
            return
        if parts.path == owner.service.search_path:
            owner.calls.append(("find", self.path))
            if self._fault(owner.next_fault("find")):
                return
            query = parse_qs(parts.query)
            wanted = (query.get("id", [""])[0], query.get("versionId", [""])[0])
            with owner.lock:
                content = [
                    {
                        "id": s.notice_id,
                        "versionId": s.version,
                        "status": s.status,
                        "publicationId": s.publication_id,
                        "publicationDate": s.publication_date,
                        "submittedAt": s.submitted_at.isoformat(),
                        "noticeAuthor": s.metadata.get("noticeAuthorEmail"),
                    }
                    for s in owner.notices.values()
                    if (s.notice_id, s.version) == wanted
                ]
            self._json(200, {"totalSize": len(content), "content": content})
            return
        prefix, _, suffix = owner.service.report_path.partition("{business_id}")
        if parts.path.startswith(prefix) and parts.path.endswith(suffix):
            owner.calls.append(("report", self.path))
            if self._fault(owner.next_fault("report")):
                return
            bid = parts.path[len(prefix) : len(parts.path) - len(suffix)]
            with owner.lock:
                stored = owner.notices.get(bid)
            if stored is None:
                self._json(404, {"message": "Notice or notice report was not found."})
                return
            self._send(200, owner.report(stored), "application/xml", {})
            return
        self._json(404, {"message": "No static resource"})

    def do_POST(self) -> None:
        owner = self.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if urlsplit(self.path).path != owner.service.submit_path:
            self._json(404, {"message": "No static resource"})
            return
        refused = owner.authorised(self.headers)
        if refused:
            self._json(*refused)
            return
        fields = _form(self.headers.get("Content-Type", ""), body)
        if "notice" not in fields or "metadata" not in fields:
            self._json(400, {"message": "The request body is incomplete or invalid."})
            return
        try:
            metadata = json.loads(fields["metadata"])
            tree = xml.parse(fields["notice"]).getroot()
        except (ValueError, xml.DocumentError):
            self._json(400, {"message": "The request body is incomplete or invalid."})
            return
        notice_id = (tree.findtext(f"{{{CBC}}}ID") or "").strip().lower()
        version = (tree.findtext(f"{{{CBC}}}VersionID") or "").strip()
        bid = f"{notice_id}-{version}"
        with owner.lock:
            owner.submits.append(bid)
            owner.calls.append(("submit", bid))
        fault = owner.next_fault("submit")
        if fault is not None and fault.store:
            self._store(bid, notice_id, version, fields["notice"], metadata)
        if self._fault(fault):
            return
        with owner.lock:
            exists = bid in owner.notices
        if exists and not (fault and fault.store):
            self._json(409, {"message": f"A notice with business id {bid} already exists."})
            return
        stored = self._store(bid, notice_id, version, fields["notice"], metadata)
        report_url = f"{owner.url}{owner.service.report_path.format(business_id=bid)}"
        if stored.findings:
            if owner.service.name == "doffin":
                self._json(400, {"success": False})
            else:
                self._json(201, {"success": False, "validationReportUrl": report_url})
            return
        self._json(201, {"success": True, "validationReportUrl": report_url})

    def _store(
        self, bid: str, notice_id: str, version: str, data: bytes, metadata: dict[str, Any]
    ) -> Stored:
        owner = self.owner
        with owner.lock:
            if bid in owner.notices:
                return owner.notices[bid]
            findings = owner.rules(data)
            stored = Stored(
                notice_id=notice_id,
                version=version,
                xml=data,
                metadata=metadata,
                status="VALIDATION_FAILED" if findings else "SUBMITTED",
                submitted_at=datetime.now(UTC),
                findings=findings,
            )
            owner.notices[bid] = stored
            return stored


def _form(content_type: str, body: bytes) -> dict[str, bytes]:
    """The fields of a multipart/form-data body."""
    if not content_type.startswith("multipart/form-data"):
        return {}
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    fields: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload
    return fields
