"""A small authoritative DNS server for tests, built on dnspython.

It answers queries over UDP on 127.0.0.1 (a free port) from one zone in
master-file syntax: the real DNS wire protocol, so the code under test uses
its real resolver. CNAMEs are followed inside the zone, as an
authoritative server does; names outside the zone are REFUSED.
"""

from __future__ import annotations

import socket
import threading

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.zone


class AuthoritativeServer:
    def __init__(self, zone_text: str, origin: str) -> None:
        self.zone = dns.zone.from_text(zone_text, origin, relativize=False)
        self.origin = dns.name.from_text(origin)
        self.queries: list[tuple[str, str]] = []
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.host, self.port = self._socket.getsockname()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> AuthoritativeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                wire, peer = self._socket.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                answer = self.answer(wire)
            except Exception:  # a malformed query gets no answer, as on a real server
                continue
            self._socket.sendto(answer, peer)

    def answer(self, wire: bytes) -> bytes:
        query = dns.message.from_wire(wire)
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        question = query.question[0]
        self.queries.append((question.name.to_text(), dns.rdatatype.to_text(question.rdtype)))
        if not question.name.is_subdomain(self.origin):
            response.set_rcode(dns.rcode.REFUSED)
            return response.to_wire()
        name = question.name
        for _ in range(8):  # follow CNAMEs inside the zone
            node = self.zone.get_node(name)
            if node is None:
                if not response.answer:
                    response.set_rcode(dns.rcode.NXDOMAIN)
                break
            wanted = node.get_rdataset(dns.rdataclass.IN, question.rdtype)
            if wanted is not None:
                response.answer.append(_rrset(name, wanted))
                break
            cname = node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.CNAME)
            if cname is None:
                break  # NOERROR, no data
            response.answer.append(_rrset(name, cname))
            name = next(iter(cname)).target
            if not name.is_subdomain(self.origin):
                break
        return response.to_wire()


def _rrset(name, rdataset):
    rrset = dns.rrset.RRset(name, rdataset.rdclass, rdataset.rdtype)
    rrset.update(rdataset)
    return rrset
