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
so.

:class:`OCSPChecker` asks the OCSP responder named in the certificate's
Authority Information Access (RFC 6960; HTTP POST, timeout), accepts a
response signed by the issuer or by a responder the issuer delegated
(``id-kp-OCSPSigning``) that is current and about this certificate, and
refuses a certificate it says is revoked. When it cannot get such an answer
it hands over to its ``fallback`` (typically a :class:`CRLChecker`), else it
fails closed (or open, when told) like the CRL checker.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

from heldigital.peppol.xmldsig import SignatureError

__all__ = ["CRLChecker", "OCSPChecker", "RevocationUnknown", "fetch_crl", "post_ocsp"]

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


#: The OCSP transport: URL, DER request, timeout (seconds) -> DER response.
Post = Callable[[str, bytes, float], bytes]


def post_ocsp(url: str, request: bytes, timeout: float) -> bytes:
    """POST an OCSP request (RFC 6960 A.1) to ``url`` (http or https only)."""
    if not url.startswith(("http://", "https://")):
        raise RevocationUnknown(f"OCSP responder {url!r} is not HTTP(S)")
    http_request = urllib.request.Request(  # noqa: S310 - http(s) only
        url,
        data=request,
        headers={"Content-Type": "application/ocsp-request", "User-Agent": "heldigital-as4"},
        method="POST",
    )
    with urllib.request.urlopen(http_request, timeout=timeout) as response:  # noqa: S310
        data: bytes = response.read(1024 * 1024 + 1)
    if len(data) > 1024 * 1024:
        raise RevocationUnknown(f"the OCSP response from {url} is over 1 MiB")
    return data


def _ocsp_urls(certificate: x509.Certificate) -> list[str]:
    try:
        access = certificate.extensions.get_extension_for_class(
            x509.AuthorityInformationAccess
        ).value
    except x509.ExtensionNotFound:
        return []
    return [
        d.access_location.value
        for d in access
        if d.access_method == AuthorityInformationAccessOID.OCSP
        and isinstance(d.access_location, x509.UniformResourceIdentifier)
    ]


def _signed_by(response: ocsp.OCSPResponse, signer: x509.Certificate) -> bool:
    key = signer.public_key()
    algorithm = response.signature_hash_algorithm
    try:
        if isinstance(key, rsa.RSAPublicKey) and algorithm is not None:
            key.verify(
                response.signature, response.tbs_response_bytes, padding.PKCS1v15(), algorithm
            )
            return True
        if isinstance(key, ec.EllipticCurvePublicKey) and algorithm is not None:
            key.verify(response.signature, response.tbs_response_bytes, ec.ECDSA(algorithm))
            return True
    except InvalidSignature:
        return False
    return False


def _delegated(candidate: x509.Certificate, issuer: x509.Certificate, at: datetime) -> bool:
    try:
        candidate.verify_directly_issued_by(issuer)
        usage = candidate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
        return False
    return (
        ExtendedKeyUsageOID.OCSP_SIGNING in usage
        and candidate.not_valid_before_utc <= at <= candidate.not_valid_after_utc
    )


@dataclass
class OCSPChecker:
    """Checks certificates with their OCSP responder; ``fallback`` when it has no answer."""

    post: Post | None = post_ocsp
    timeout: float = 5.0
    fallback: Callable[[x509.Certificate, tuple[x509.Certificate, ...]], None] | None = None
    fail_open: bool = False
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    notes: list[str] = field(default_factory=list)

    def _status(
        self, certificate: x509.Certificate, issuer: x509.Certificate, at: datetime
    ) -> ocsp.OCSPSingleResponse | None:
        request = (
            ocsp.OCSPRequestBuilder()
            .add_certificate(certificate, issuer, hashes.SHA1())  # noqa: S303 - RFC 6960 CertID
            .build()
        )
        for url in _ocsp_urls(certificate):
            if self.post is None:
                break
            try:
                response = ocsp.load_der_ocsp_response(
                    self.post(url, request.public_bytes(Encoding.DER), self.timeout)
                )
            except (OSError, ValueError) as exc:
                self.notes.append(f"OCSP {url}: {exc}")
                continue
            if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
                self.notes.append(f"OCSP {url}: {response.response_status.name}")
                continue
            signers = [issuer, *(c for c in response.certificates if _delegated(c, issuer, at))]
            if not any(_signed_by(response, signer) for signer in signers):
                self.notes.append(f"OCSP {url}: the response is not signed by the issuer")
                continue
            for single in response.responses:
                if (
                    single.serial_number == certificate.serial_number
                    and single.issuer_name_hash == request.issuer_name_hash
                    and single.issuer_key_hash == request.issuer_key_hash
                ):
                    next_update = single.next_update_utc
                    if single.this_update_utc > at + timedelta(minutes=5) or (
                        next_update is not None and at > next_update
                    ):
                        self.notes.append(f"OCSP {url}: the response is not current")
                        break
                    return single
            else:
                self.notes.append(f"OCSP {url}: no answer about this certificate")
        return None

    def __call__(self, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...]) -> None:
        """Raise :class:`SignatureError` when ``certificate`` is revoked (or its status unknown)."""
        at = self.now()
        issuer = next((c for c in chain[1:] if c.subject == certificate.issuer), None)
        if issuer is None:
            if len(chain) == 1:
                return
            raise RevocationUnknown("the issuer of the certificate is not in its chain")
        single = self._status(certificate, issuer, at)
        if single is not None and single.certificate_status == ocsp.OCSPCertStatus.GOOD:
            return
        if single is not None and single.certificate_status == ocsp.OCSPCertStatus.REVOKED:
            when = single.revocation_time_utc
            raise SignatureError(
                f"the certificate {certificate.subject.rfc4514_string()} was revoked"
                + (f" on {when.isoformat()}" if when else "")
                + " (OCSP)"
            )
        if self.fallback is not None:
            self.fallback(certificate, chain)
            return
        message = f"no OCSP answer for {certificate.subject.rfc4514_string()}: status unknown"
        if self.fail_open:
            self.notes.append(message + " (accepted: fail open)")
            return
        raise RevocationUnknown(message + " (fail closed)")
