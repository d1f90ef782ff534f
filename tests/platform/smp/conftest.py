"""Fixtures of the address register tests: a test PKI, the SMP's key and certificate, users."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from heldigital.apps.accounts.models import ApiToken, Role
from tests.lib.peppol.pki import PKI, issue
from tests.platform.conftest import LONG_LIVED, make_user
from tests.platform.ops.conftest import _sqlite_template, process_env  # noqa: F401 (fixtures)

INVOICE = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
CREDIT_NOTE = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2::CreditNote"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)
ORDER = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
CATALOGUE = (
    "busdox-docid-qns::urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2::Catalogue"
    "##urn:fdc:peppol.eu:poacc:trns:catalogue:3::2.1"
)
BILLING = "cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
ORDERING = "cenbii-procid-ubl::urn:fdc:peppol.eu:poacc:bis:ordering:3"
CATALOGUING = "cenbii-procid-ubl::urn:fdc:peppol.eu:poacc:bis:catalogue_only:3"
AS4 = "peppol-transport-as4-v2_0"
AP_URL = "https://ap.heldigital.test/as4"


def make_live_pki() -> PKI:
    """Like the library tests' PKI, but valid around the real clock (the platform reads it)."""
    now = dt.datetime.now(dt.UTC)
    span = {"not_before": now - dt.timedelta(days=30), "not_after": now + dt.timedelta(days=3650)}
    root = issue("Heldigital Test Root CA", None, ca=True, **span)
    smp_ca = issue("Heldigital Test SMP CA", root, ca=True, path_length=0, **span)
    return PKI(
        root=root,
        smp_ca=smp_ca,
        smp=issue("SMP one", smp_ca, ca=False, **span),
        other_smp=issue("SMP two", smp_ca, ca=False, **span),
        access_point=issue("AP one", smp_ca, ca=False, **span),
    )


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English (one test asks for Norwegian explicitly)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def pki() -> PKI:
    return make_live_pki()


def pem(certificate) -> str:
    return certificate.public_bytes(Encoding.PEM).decode()


def write_signer(directory: Path, pki: PKI) -> tuple[Path, Path]:
    """The SMP's key and certificate chain as PEM files, as an operator configures them."""
    key = directory / "smp-key.pem"
    key.write_bytes(pki.smp.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    chain = directory / "smp-chain.pem"
    chain.write_text(pem(pki.smp.certificate) + pem(pki.smp_ca.certificate))
    return key, chain


@pytest.fixture
def smp_signer(settings, tmp_path, pki):
    key, chain = write_signer(tmp_path, pki)
    settings.HELDIGITAL_SMP_KEY = str(key)
    settings.HELDIGITAL_SMP_CERTIFICATE = str(chain)
    return pki


@pytest.fixture
def expired_ap(pki):
    now = dt.datetime.now(dt.UTC)
    return issue(
        "AP expired",
        pki.smp_ca,
        ca=False,
        not_before=now - dt.timedelta(days=400),
        not_after=now - dt.timedelta(days=1),
    )


def capability(pki, **overrides) -> dict:
    data = {
        "document_type": INVOICE,
        "process": BILLING,
        "transport_profile": AS4,
        "endpoint_url": AP_URL,
        "certificate": pem(pki.access_point.certificate),
        "activation": "2026-01-01T00:00:00Z",
        "expiration": None,
        "description": "Heldigital AP",
        "technical_contact": "mailto:ap@heldigital.test",
    }
    data.update(overrides)
    return data


@pytest.fixture
def buyer_admin(municipality):
    return make_user("admin", (municipality, Role.BUYER_ADMIN))


@pytest.fixture
def buyer_admin_token(buyer_admin, municipality, now) -> str:
    _, raw = ApiToken.issue(
        user=buyer_admin,
        organisation=municipality,
        name="ERP",
        now=now,
        expires_at=now + LONG_LIVED,
    )
    return raw


@pytest.fixture
def operator(agency):
    user = make_user("operator", (agency, Role.AUDITOR))
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def operator_token(operator, agency, now) -> str:
    _, raw = ApiToken.issue(
        user=operator, organisation=agency, name="SMP ops", now=now, expires_at=now + LONG_LIVED
    )
    return raw
