"""The test Peppol PKI of the network tests, made at test time with ``cryptography``.

Shaped like Peppol's: a root CA, an **AP CA** under it that issues the access
points' certificates (CN = the seat id, ``POP000001`` ...), an SMP CA for the
SMP's signing certificate, an expired and a revoked AP certificate, and the AP
CA's CRL - which every AP certificate names as its CRL distribution point, an
``http://127.0.0.1:<port>/`` URL served by :class:`CRLServer` during the run.
The HTTPS of the servers is ordinary web TLS (as in Peppol, where the transport
certificate is not the AP certificate): a TLS CA and one server certificate for
``localhost``/``127.0.0.1``.

Everything is written as PEM files in one directory (keys PKCS#8, unencrypted).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Issued:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    key_file: Path | None = None
    certificate_file: Path | None = None  # the certificate followed by its chain
    leaf_file: Path | None = None  # the certificate alone

    @property
    def cn(self) -> str:
        return str(self.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Heldigital network test"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def issue(
    cn: str,
    issuer: Issued | None,
    *,
    ca: bool = False,
    path_length: int | None = None,
    not_before: dt.datetime,
    not_after: dt.datetime,
    crl_url: str | None = None,
    tls_server: bool = False,
) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(cn))
        .issuer_name(issuer.certificate.subject if issuer else _name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_length), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=not ca,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if crl_url:
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(crl_url)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
    if tls_server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                ]
            ),
            critical=False,
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return Issued(key, builder.sign(signer, hashes.SHA256()))


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


@dataclass
class NetworkPKI:
    directory: Path
    crl_url: str
    root: Issued
    ap_ca: Issued
    smp_ca: Issued
    tls_ca: Issued
    ap_a: Issued
    ap_b: Issued
    smp: Issued
    expired: Issued
    revoked: Issued
    tls: Issued
    crl: x509.CertificateRevocationList
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def anchors(self) -> list[x509.Certificate]:
        return [self.root.certificate]


def _write(directory: Path, name: str, issued: Issued, *chain: Issued) -> None:
    issued.key_file = directory / f"{name}-key.pem"
    issued.key_file.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    issued.key_file.chmod(0o600)
    issued.certificate_file = directory / f"{name}.pem"
    issued.certificate_file.write_bytes(pem(issued.certificate, *(c.certificate for c in chain)))
    issued.leaf_file = directory / f"{name}-only.pem"
    issued.leaf_file.write_bytes(pem(issued.certificate))


def make_pki(directory: Path, crl_port: int) -> NetworkPKI:
    """Make the PKI, valid around the real clock, and write it to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    span = {"not_before": now - dt.timedelta(days=30), "not_after": now + dt.timedelta(days=3650)}
    crl_url = f"http://127.0.0.1:{crl_port}/ap-ca.crl"
    root = issue("Heldigital Test PEPPOL Root CA", None, ca=True, **span)
    ap_ca = issue("Heldigital Test ACCESS POINT CA", root, ca=True, path_length=0, **span)
    smp_ca = issue("Heldigital Test SMP CA", root, ca=True, path_length=0, **span)
    tls_ca = issue("Heldigital Test TLS CA", None, ca=True, **span)
    revoked = issue("POP000004", ap_ca, crl_url=crl_url, **span)
    this_update = now - dt.timedelta(hours=1)
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ap_ca.certificate.subject)
        .last_update(this_update)
        .next_update(now + dt.timedelta(days=30))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(revoked.certificate.serial_number)
            .revocation_date(now - dt.timedelta(days=1))
            .build()
        )
        .sign(ap_ca.key, hashes.SHA256())
    )
    pki = NetworkPKI(
        directory=directory,
        crl_url=crl_url,
        root=root,
        ap_ca=ap_ca,
        smp_ca=smp_ca,
        tls_ca=tls_ca,
        ap_a=issue("POP000001", ap_ca, crl_url=crl_url, **span),
        ap_b=issue("POP000002", ap_ca, crl_url=crl_url, **span),
        smp=issue("SMP one", smp_ca, **span),
        expired=issue(
            "POP000003",
            ap_ca,
            crl_url=crl_url,
            not_before=now - dt.timedelta(days=400),
            not_after=now - dt.timedelta(days=2),
        ),
        revoked=revoked,
        tls=issue("localhost", tls_ca, tls_server=True, **span),
        crl=crl,
    )
    for name in ("root", "ap_ca", "smp_ca", "tls_ca"):
        _write(directory, name.replace("_", "-"), getattr(pki, name))
    for name in ("ap_a", "ap_b", "expired", "revoked"):
        _write(directory, name.replace("_", "-"), getattr(pki, name), ap_ca)
    _write(directory, "smp", pki.smp, smp_ca)
    _write(directory, "tls", pki.tls, tls_ca)
    crl_dir = directory / "crl"
    crl_dir.mkdir(exist_ok=True)
    (crl_dir / "ap-ca.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
    pki.files = {
        "root": directory / "root.pem",
        "ap_ca": directory / "ap-ca.pem",
        # What an AP trusts for the other APs: the root, and the AP CA as intermediate.
        "ap_trust": directory / "ap-trust.pem",
        "smp_trust": directory / "smp-trust.pem",
        "tls_trust": directory / "tls-trust.pem",
        "crl_dir": crl_dir,
    }
    pki.files["ap_trust"].write_bytes(pem(root.certificate, ap_ca.certificate))
    pki.files["smp_trust"].write_bytes(pem(root.certificate, smp_ca.certificate))
    pki.files["tls_trust"].write_bytes(pem(tls_ca.certificate))
    return pki


class CRLServer:
    """The AP CA's CRL over plain HTTP on loopback (``python -m http.server``)."""

    def __init__(self, directory: Path, port: int, log: Path) -> None:
        self.directory = directory
        self.port = port
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> CRLServer:
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(self.port)],
                cwd=self.directory,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/ap-ca.crl", timeout=2
                ) as response:
                    response.read()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.log.read_text()) from None
                time.sleep(0.1)
        raise RuntimeError("the CRL server did not answer within 30 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
