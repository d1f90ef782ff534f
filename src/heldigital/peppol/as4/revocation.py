"""Revocation of access point certificates by CRL (RFC 5280 6.3).

:class:`CRLChecker` is the :data:`~heldigital.peppol.as4.security.RevocationCheck`
of the access point: for the signing certificate it finds a CRL issued by the
certificate's issuer (given ones first, then the CRL distribution points of the
certificate over HTTP(S), fetched with a timeout and cached until the CRL's
``nextUpdate``), checks the CRL's signature with the issuer's key and that it is
current at the time of the check, and refuses a certificate whose serial number
is on it.

Failure mode (stated, and the default): **fail closed**. When no current CRL
can be had (no distribution point, the fetch times out or fails, the CRL is
stale, its signature does not verify) the certificate counts as not valid and
the message is answered with ``EBMS:0101 FailedAuthentication``; the sender
retries later, so a short outage of the CA's CRL server delays documents but
never lets a revoked certificate through. ``fail_open=True`` turns this into a
logged soft failure (the status "unknown" is accepted) for operators who decide
so. OCSP is not implemented here.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509

from heldigital.peppol.xmldsig import SignatureError

__all__ = ["CRLChecker", "RevocationUnknown", "fetch_crl"]

#: The fetch function: URL, timeout (seconds) -> DER or PEM bytes.
Fetch = Callable[[str, float], bytes]

_MAX_CRL_BYTES = 16 * 1024 * 1024


class RevocationUnknown(SignatureError):
    """No current, valid CRL could be had for the certificate."""


def fetch_crl(url: str, timeout: float) -> bytes:
    """GET ``url`` (http or https only) with ``timeout`` seconds, at most 16 MiB."""
    if not url.startswith(("http://", "https://")):
        raise RevocationUnknown(f"CRL distribution point {url!r} is not HTTP(S)")
    request = urllib.request.Request(url, headers={"User-Agent": "heldigital-as4"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
        data: bytes = response.read(_MAX_CRL_BYTES + 1)
    if len(data) > _MAX_CRL_BYTES:
        raise RevocationUnknown(f"the CRL at {url} is over 16 MiB")
    return data


def _load(data: bytes) -> x509.CertificateRevocationList:
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


def _distribution_points(certificate: x509.Certificate) -> list[str]:
    try:
        points = certificate.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    except x509.ExtensionNotFound:
        return []
    urls: list[str] = []
    for point in points:
        for name in point.full_name or []:
            if isinstance(name, x509.UniformResourceIdentifier):
                urls.append(name.value)
    return urls


@dataclass
class CRLChecker:
    """Checks certificates against CRLs; fail closed unless ``fail_open``.

    ``crls`` are CRLs given up front (DER or PEM, or loaded); ``fetch`` gets
    a distribution point (default: HTTP GET with ``timeout`` seconds);
    ``now`` gives the time of the check (default: the clock).
    """

    crls: Sequence[x509.CertificateRevocationList | bytes] = ()
    fetch: Fetch | None = fetch_crl
    timeout: float = 5.0
    fail_open: bool = False
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    #: what happened in the last checks (for logs and the CLI's findings)
    notes: list[str] = field(default_factory=list)
    _cache: dict[str, x509.CertificateRevocationList] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._given = [
            c if isinstance(c, x509.CertificateRevocationList) else _load(c) for c in self.crls
        ]

    def _current(self, crl: x509.CertificateRevocationList, at: datetime) -> bool:
        next_update = crl.next_update_utc
        return crl.last_update_utc <= at + timedelta(minutes=5) and (
            next_update is None or at <= next_update
        )

    def _candidates(
        self, certificate: x509.Certificate, at: datetime
    ) -> list[x509.CertificateRevocationList]:
        found = [c for c in self._given if c.issuer == certificate.issuer]
        if any(self._current(c, at) for c in found):
            return found
        for url in _distribution_points(certificate):
            with self._lock:
                cached = self._cache.get(url)
            if cached is not None and self._current(cached, at):
                found.append(cached)
                continue
            if self.fetch is None:
                continue
            try:
                crl = _load(self.fetch(url, self.timeout))
            except (OSError, ValueError) as exc:  # URLError and timeouts are OSErrors
                self.notes.append(f"CRL {url}: {exc}")
                continue
            with self._lock:
                self._cache[url] = crl
            found.append(crl)
        return found

    def __call__(self, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...]) -> None:
        """Raise :class:`SignatureError` when ``certificate`` is revoked (or its status unknown)."""
        at = self.now()
        issuer = next((c for c in chain[1:] if c.subject == certificate.issuer), None)
        if issuer is None:
            if len(chain) == 1:  # the certificate itself is the trust anchor (pinned)
                return
            raise RevocationUnknown("the issuer of the certificate is not in its chain")
        for crl in self._candidates(certificate, at):
            if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
                self.notes.append("a CRL not signed by the certificate's issuer was ignored")
                continue
            if not self._current(crl, at):
                self.notes.append(f"a stale CRL (next update {crl.next_update_utc}) was ignored")
                continue
            revoked = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
            if revoked is not None:
                raise SignatureError(
                    f"the certificate {certificate.subject.rfc4514_string()} was revoked on "
                    f"{revoked.revocation_date_utc.isoformat()}"
                )
            return
        message = (
            f"no current CRL for {certificate.subject.rfc4514_string()}: revocation status unknown"
        )
        if self.fail_open:
            self.notes.append(message + " (accepted: fail open)")
            return
        raise RevocationUnknown(message + " (fail closed)")
