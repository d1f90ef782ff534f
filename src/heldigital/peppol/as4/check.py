"""Check a received AS4 message or signal and say what holds: ``heldigital peppol verify``.

:func:`check` takes the body as received over HTTP (a SOAP envelope, or a
MIME multipart whose boundary is read from the content type or the first
line; a dump that starts with the HTTP headers is accepted too) and answers
with findings: is the signature valid, does it cover the ebMS header, the body
and every attachment, does the signing certificate chain to a trust anchor and
is it valid at the given time. ``ok`` is true only when all of these hold;
``unusable`` when the input is not an AS4 message at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from heldigital.peppol.as4 import ns
from heldigital.peppol.as4.errors import AS4Failure
from heldigital.peppol.as4.message import SignalMessage, UserMessage, read_messaging
from heldigital.peppol.as4.ns import q
from heldigital.peppol.as4.security import (
    RevocationCheck,
    _ids,
    _signing_certificate,
    decrypt_attachments,
    encrypted_cids,
    envelope_parts,
    verify,
)

__all__ = ["Check", "Finding", "check", "split_http_message"]

_HEADER_LINE = re.compile(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+:")


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"check": self.check, "ok": self.ok, "detail": self.detail}


@dataclass
class Check:
    """The outcome of :func:`check`."""

    ok: bool = False
    unusable: bool = False
    kind: str | None = None
    message_id: str | None = None
    signer: dict[str, str] | None = None
    findings: list[Finding] = field(default_factory=list)
    error: AS4Failure | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "unusable": self.unusable,
            "kind": self.kind,
            "message_id": self.message_id,
            "signer": self.signer,
            "findings": [f.as_dict() for f in self.findings],
            "error": (
                {
                    "code": self.error.code.code,
                    "short_description": self.error.code.short_description,
                    "detail": self.error.detail,
                }
                if self.error is not None
                else None
            ),
        }


def split_http_message(data: bytes) -> tuple[str | None, bytes]:
    """``(content type, body)`` of a dump that begins with HTTP headers; else ``(None, data)``."""
    start = data.lstrip(b"\r\n\t ")
    if start.startswith((b"<", b"--")) or not _HEADER_LINE.match(start):
        return None, data
    match = re.search(rb"\r?\n\r?\n", start)
    if match is None:
        return None, data
    content_type = None
    for line in start[: match.start()].split(b"\n"):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-type":
            content_type = value.strip()
    return content_type, start[match.end() :]


def _signer(envelope: Any) -> x509.Certificate | None:
    """The certificate the signature's KeyInfo points to, if it can be found."""
    header, _, _ = envelope_parts(envelope)
    security = header.find(q(ns.WSSE, "Security"))
    signature = security.find(q(ns.DS, "Signature")) if security is not None else None
    if security is None or signature is None:
        return None
    try:
        return _signing_certificate(signature, security, _ids(envelope))[0]
    except AS4Failure:
        return None


def check(
    data: bytes,
    content_type: str | None = None,
    *,
    trust_anchors: Sequence[x509.Certificate],
    at: datetime,
    intermediates: Sequence[x509.Certificate] = (),
    key: rsa.RSAPrivateKey | None = None,
    revocation: RevocationCheck | None = None,
) -> Check:
    """Check the message in ``data``; never raises for bad input (see :class:`Check`).

    ``revocation`` (a :class:`~heldigital.peppol.as4.revocation.CRLChecker` or
    ``OCSPChecker``) adds the revocation check of the signing certificate.
    """
    from heldigital.peppol.as4 import read

    result = Check()
    if content_type is None:
        content_type, data = split_http_message(data)
    try:
        received = read(data, content_type)
        unit = read_messaging(received.envelope)
    except AS4Failure as failure:
        result.unusable = True
        result.error = failure
        result.findings.append(Finding("readable AS4 message", False, failure.detail))
        return result
    if isinstance(unit, UserMessage):
        result.kind = "user message"
    elif isinstance(unit, SignalMessage):
        result.kind = "receipt" if unit.receipt is not None else "error signal"
    result.message_id = unit.message_id
    certificate = _signer(received.envelope)
    if certificate is not None:
        result.signer = {
            "subject": certificate.subject.rfc4514_string(),
            "issuer": certificate.issuer.rfc4514_string(),
            "serial": format(certificate.serial_number, "x"),
            "not_before": certificate.not_valid_before_utc.isoformat(),
            "not_after": certificate.not_valid_after_utc.isoformat(),
        }
    contents: dict[str, bytes | None] = {
        cid: part.content for cid, part in received.attachments.items()
    }
    encrypted = encrypted_cids(received.envelope) & set(contents)
    if encrypted and key is not None:
        try:
            for cid, (_, plain) in decrypt_attachments(
                received.envelope, {c: p.content for c, p in received.attachments.items()}, key
            ).items():
                contents[cid] = plain
            result.findings.append(
                Finding("attachments decrypted", True, ", ".join(sorted(encrypted)))
            )
        except AS4Failure as failure:
            result.error = failure
            result.findings.append(Finding("attachments decrypted", False, failure.detail))
            return result
    elif encrypted:
        for cid in encrypted:
            contents[cid] = None
    try:
        verified = verify(
            received.envelope,
            contents,
            trust_anchors=trust_anchors,
            intermediates=intermediates,
            at=at,
            revocation=revocation,
        )
    except AS4Failure as failure:
        result.error = failure
        about_certificate = any(
            word in failure.detail for word in ("chain", "not valid at", "revoked", "CRL")
        )
        result.findings.append(
            Finding(
                "certificate chain" if about_certificate else "signature",
                False,
                f"{failure.code.code}: {failure.detail}",
            )
        )
        if not trust_anchors:
            result.findings.append(
                Finding("trust anchor", False, "no trust anchor given (--trust PEM)")
            )
        return result
    result.findings.append(
        Finding("signature", True, "RSA-SHA256, Exclusive C14N, SHA-256 digests")
    )
    result.findings.append(Finding("covers the ebMS header", True))
    result.findings.append(Finding("covers the SOAP body", True))
    for cid in sorted(contents):
        unchecked = f"cid:{cid}" in verified.unchecked
        result.findings.append(
            Finding(
                f"covers attachment cid:{cid}",
                not unchecked,
                "encrypted: its digest cannot be checked without the receiver's key (--key)"
                if unchecked
                else "",
            )
        )
    result.findings.append(
        Finding(
            "certificate chain",
            True,
            " <- ".join(c.subject.rfc4514_string() for c in verified.chain)
            + f", valid at {at.isoformat()}",
        )
    )
    result.findings.append(
        Finding(
            "revocation",
            True,
            "not revoked" if revocation is not None else "not checked (--crl / --online)",
        )
    )
    result.ok = all(f.ok for f in result.findings)
    return result
