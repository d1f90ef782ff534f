"""The access point's test PKI (made by the tests) and settings that use it.

Two access points of one Peppol-shaped PKI (root -> AP CA -> POP000001, POP000002):
the platform under test is the receiver ``POP000002``; ``POP000001`` is the sender.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from heldigital.apps.accesspoint import services
from heldigital.peppol import as4
from heldigital.peppol import sbdh as sbdh_module
from tests.conftest import corpus
from tests.lib.peppol.as4_pki import AS4PKI, make_as4_pki, write_pem
from tests.lib.peppol.pki import Issued


@pytest.fixture(scope="session")
def ap_pki() -> AS4PKI:
    return make_as4_pki()


def write_key(path: Path, issued: Issued) -> Path:
    path.write_bytes(
        issued.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def configure(directory: Path, pki: AS4PKI, own: Issued) -> dict[str, str]:
    """PEM files for one access point; the HELDIGITAL_AP_* settings naming them."""
    directory.mkdir(parents=True, exist_ok=True)
    return {
        "HELDIGITAL_AP_KEY": str(write_key(directory / "key.pem", own)),
        "HELDIGITAL_AP_CERTIFICATE": str(write_pem(directory / "cert.pem", own.certificate)),
        "HELDIGITAL_AP_TRUST": str(
            write_pem(directory / "trust.pem", pki.root.certificate, pki.ap_ca.certificate)
        ),
    }


@pytest.fixture
def receiver_settings(settings, tmp_path, ap_pki):
    """This platform is the access point POP000002."""
    for name, value in configure(tmp_path / "ap", ap_pki, ap_pki.receiver).items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def handlers():
    """The registered inbound handlers, restored after the test."""
    saved = list(services._handlers)
    services._handlers.clear()
    yield services._handlers
    services._handlers[:] = saved


SBDH_FILE = ("peppol-sbdh", "good", "good-bis3-full.xml")


def sbdh_bytes() -> bytes:
    return corpus(*SBDH_FILE).read_bytes()


def sbdh_header() -> sbdh_module.Header:
    return sbdh_module.read(sbdh_bytes()).header


def package(
    pki: AS4PKI, sbdh: bytes, *, now: dt.datetime, message_id: str | None = None
) -> as4.OutgoingMessage:
    """A message from POP000001 to POP000002, as the sending access point makes it."""
    return as4.package(
        sbdh,
        from_party="POP000001",
        to_party="POP000002",
        key=pki.sender.key,
        certificate=pki.sender.certificate,
        receiver_certificate=pki.receiver.certificate,
        now=now,
        message_id=message_id,
    )
