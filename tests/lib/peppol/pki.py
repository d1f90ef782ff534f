"""A test PKI made by the tests: root CA, SMP CA, SMP and access point certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

NOW = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


def name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Heldigital test"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


@dataclass
class Issued:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def issue(
    cn: str,
    issuer: Issued | None,
    *,
    ca: bool,
    path_length: int | None = None,
    not_before: dt.datetime = NOW - dt.timedelta(days=30),
    not_after: dt.datetime = NOW + dt.timedelta(days=365),
    ec_key: bool = False,
    key_cert_sign: bool | None = None,
) -> Issued:
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey = (
        ec.generate_private_key(ec.SECP256R1())
        if ec_key
        else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    signer_key = issuer.key if issuer else key
    issuer_name = issuer.certificate.subject if issuer else name(cn)
    cert_sign = ca if key_cert_sign is None else key_cert_sign
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(issuer_name)
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
                key_cert_sign=cert_sign,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(signer_key, hashes.SHA256())
    )
    return Issued(key, certificate)


@dataclass
class PKI:
    root: Issued
    smp_ca: Issued
    smp: Issued
    other_smp: Issued
    access_point: Issued


def make_pki() -> PKI:
    root = issue("Heldigital Test Root CA", None, ca=True)
    smp_ca = issue("Heldigital Test SMP CA", root, ca=True, path_length=0)
    return PKI(
        root=root,
        smp_ca=smp_ca,
        smp=issue("SMP one", smp_ca, ca=False),
        other_smp=issue("SMP two", smp_ca, ca=False),
        access_point=issue("AP one", smp_ca, ca=False),
    )
