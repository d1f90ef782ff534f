"""A minimal receiving access point over HTTP on loopback, for the AS4 tests (its own process).

    python -m tests.lib.peppol.as4_receiver DIR

``DIR`` holds ``key.pem`` and ``cert.pem`` (the receiver), ``trust.pem`` (anchors and
intermediates) and ``at.txt`` (the time to judge certificates at); delivered payloads
are written to ``DIR/inbox/<n>.xml`` before the receipt is answered, once per
MessageId. The port is printed on the first line of standard output.
"""

from __future__ import annotations

import http.server
import sys
import threading
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from heldigital.peppol import as4


def main(directory: Path) -> None:
    key = load_pem_private_key((directory / "key.pem").read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    certificate = x509.load_pem_x509_certificate((directory / "cert.pem").read_bytes())
    trusted = x509.load_pem_x509_certificates((directory / "trust.pem").read_bytes())
    at = datetime.fromisoformat((directory / "at.txt").read_text().strip())
    inbox = directory / "inbox"
    inbox.mkdir(exist_ok=True)
    store = as4.MemoryDuplicateStore()
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                delivered = as4.open_message(
                    body,
                    self.headers.get("Content-Type"),
                    key=key,
                    trust_anchors=trusted[:1],
                    intermediates=trusted[1:],
                    at=at,
                    duplicates=store,
                    our_party="POP000002",
                )
                with lock:  # stored durably before the receipt is answered
                    path = inbox / f"{len(list(inbox.iterdir())) + 1}.xml"
                    path.write_bytes(delivered.payloads[0])
                answer = as4.receipt(delivered, key=key, certificate=certificate, now=at)
            except as4.DuplicateMessage as duplicate:
                answer = as4.receipt(duplicate.delivered, key=key, certificate=certificate, now=at)
            except as4.AS4Failure as failure:
                answer = as4.error_signal(failure, now=at, key=key, certificate=certificate)
            self.send_response(200)
            self.send_header("Content-Type", as4.SOAP_CONTENT_TYPE)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
