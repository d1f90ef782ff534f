"""The other side of a send, on loopback: an SML zone in NSD, an SMP and a receiving AP.

The SMP (signed service metadata made with :mod:`heldigital.peppol.smp_write`) and the
receiving access point (the :mod:`heldigital.peppol.as4` library, as in
``tests/lib/peppol/as4_receiver.py``) are one HTTP server in a thread; what the access
point answers is scripted per request (``behaviours``): ``receipt``, ``503``, ``error``
(an ebMS error signal), ``lost`` (stored, but the connection is closed without an answer),
``wrong-signer`` (a receipt signed by another trusted access point).
Every request body is kept, to check that a retry sends the same bytes; the SMP requests
(``lookups``) and the client connections (``connections``, by client port) are counted.
The server speaks HTTP/1.1 with keep-alive, as a production access point does.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from heldigital.peppol import as4, sml, smp_write
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.peppol.smp import Endpoint, Process
from tests.lib.peppol.as4_pki import AS4PKI
from tests.lib.peppol.pki import Issued, issue
from tests.platform.smp.nsd import NSDServer

ZONE = "sml.heldigital.test"


@dataclass
class Peer:
    pki: AS4PKI
    smp_chain: list[Issued]
    participant: ParticipantIdentifier
    document_type: DocumentTypeIdentifier
    process: ProcessIdentifier
    behaviours: list[str] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    port: int = 0
    nameserver: str = ""
    lookups: int = 0
    connections: set[int] = field(default_factory=set)
    _receipts: dict[str, bytes] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def metadata(self) -> bytes:
        endpoint = Endpoint(
            transport_profile="peppol-transport-as4-v2_0",
            address=f"{self.url}/as4",
            certificate=self.pki.receiver.certificate,
            description="test AP",
            technical_contact="mailto:ap@example.test",
        )
        return smp_write.signed_service_metadata(
            self.participant,
            self.document_type,
            [Process((self.process,), (endpoint,))],
            key=self.smp_chain[0].key,
            certificates=[issued.certificate for issued in self.smp_chain],
        )

    def answer(self, body: bytes, content_type: str | None) -> tuple[int, bytes] | None:
        self.bodies.append(body)
        behaviour = self.behaviours.pop(0) if self.behaviours else "receipt"
        now = dt.datetime.now(dt.UTC)
        key, certificate = self.pki.receiver.key, self.pki.receiver.certificate
        if behaviour == "503":
            return 503, b"busy"
        try:
            delivered = as4.open_message(
                body,
                content_type,
                key=key,  # type: ignore[arg-type]
                trust_anchors=self.pki.anchors,
                intermediates=self.pki.intermediates,
                at=now,
                our_party="POP000002",
            )
        except as4.AS4Failure as failure:
            return 200, as4.error_signal(failure, now=now, key=key, certificate=certificate)  # type: ignore[arg-type]
        message_id = delivered.user_message.message_id
        if behaviour == "error":
            failure = as4.AS4Failure(as4.EbmsCode.POLICY_NONCOMPLIANCE, "refused for the test")
            failure.message_id = message_id
            return 200, as4.error_signal(failure, now=now, key=key, certificate=certificate)  # type: ignore[arg-type]
        if message_id not in self._receipts:  # stored once, the first receipt kept
            self.delivered.append(message_id)
            self._receipts[message_id] = as4.receipt(
                delivered,
                key=key,  # type: ignore[arg-type]
                certificate=certificate,
                now=now,
            )
        if behaviour == "lost":
            return None
        if behaviour == "wrong-signer":  # a receipt by another (trusted) access point
            other = self.pki.sender
            return 200, as4.receipt(
                delivered,
                key=other.key,  # type: ignore[arg-type]
                certificate=other.certificate,
                now=now,
            )
        return 200, self._receipts[message_id]


@contextmanager
def peer(pki: AS4PKI, directory: Path, header) -> Iterator[Peer]:
    """The receiver of ``header`` (an SBDH header) registered in the SML, its SMP and AP."""
    smp_ca = issue("Test SMP CA", pki.root, ca=True, path_length=0)
    signer = issue("SMP test", smp_ca, ca=False)
    state = Peer(pki, [signer, smp_ca], header.receiver, header.document_type, header.process)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive (every answer has a Content-Length)

        def do_GET(self) -> None:  # the SMP
            state.lookups += 1
            path = unquote(self.path)
            if path.lower().startswith(f"/{state.participant}/services/".lower()):
                data = state.metadata()
                self.send_response(200)
                self.send_header("Content-Type", "text/xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:  # the access point
            state.connections.add(self.client_address[1])
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            result = state.answer(body, self.headers.get("Content-Type"))
            if result is None:
                self.close_connection = True
                self.connection.close()
                return
            status, data = result
            self.send_response(status)
            self.send_header("Content-Type", as4.SOAP_CONTENT_TYPE)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    lines = [
        f"$ORIGIN {ZONE}.",
        f"@ 60 IN SOA ns.{ZONE}. hostmaster.{ZONE}. 1 3600 600 86400 60",
        f"@ 60 IN NS ns.{ZONE}.",
        "ns 60 IN A 127.0.0.1",
        *sml.zone_records(
            header.receiver, zone=ZONE, smp_url=state.url, smp_host="smp.example.test"
        ),
    ]
    try:
        with NSDServer("\n".join(lines) + "\n", ZONE, directory / "nsd") as dns_server:
            state.nameserver = f"{dns_server.host}:{dns_server.port}"
            yield state
    finally:
        server.shutdown()
        server.server_close()
