"""The access point PKI made by the AS4 tests: root CA -> AP CA -> AP certificates, and a CRL.

Shaped like the Peppol PKI (OpenPeppol root -> "ACCESS POINT CA" -> one certificate
per access point, CN = the seat id ``POP000123``): a sender and a receiver, an
expired and a revoked access point, one from an unrelated root, and a CRL of
the AP CA that lists the revoked one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from tests.lib.peppol.pki import NOW, Issued, issue

__all__ = ["AS4PKI", "NOW", "make_as4_pki", "write_pem"]


@dataclass
class AS4PKI:
    root: Issued
    ap_ca: Issued
    sender: Issued
    receiver: Issued
    expired: Issued
    revoked: Issued
    stranger_root: Issued
    stranger: Issued
    crl: x509.CertificateRevocationList

    @property
    def anchors(self) -> list[x509.Certificate]:
        return [self.root.certificate]

    @property
    def intermediates(self) -> list[x509.Certificate]:
        return [self.ap_ca.certificate]


def make_crl(
    ca: Issued, revoked: list[x509.Certificate], *, this_update: dt.datetime, days: int = 7
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(this_update)
        .next_update(this_update + dt.timedelta(days=days))
    )
    for certificate in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(certificate.serial_number)
            .revocation_date(this_update - dt.timedelta(days=1))
            .build()
        )
    return builder.sign(ca.key, hashes.SHA256())  # type: ignore[arg-type]


def make_as4_pki() -> AS4PKI:
    root = issue("Heldigital Test PEPPOL Root CA", None, ca=True)
    ap_ca = issue("Heldigital Test ACCESS POINT CA", root, ca=True, path_length=0)
    revoked = issue("POP000004", ap_ca, ca=False)
    stranger_root = issue("Someone Else's Root CA", None, ca=True)
    return AS4PKI(
        root=root,
        ap_ca=ap_ca,
        sender=issue("POP000001", ap_ca, ca=False),
        receiver=issue("POP000002", ap_ca, ca=False),
        expired=issue(
            "POP000003",
            ap_ca,
            ca=False,
            not_before=NOW - dt.timedelta(days=400),
            not_after=NOW - dt.timedelta(days=2),
        ),
        revoked=revoked,
        stranger_root=stranger_root,
        stranger=issue("POP000666", stranger_root, ca=False),
        crl=make_crl(ap_ca, [revoked.certificate], this_update=NOW - dt.timedelta(hours=1)),
    )


def write_pem(path: Path, *certificates: x509.Certificate) -> Path:
    path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates))
    return path
