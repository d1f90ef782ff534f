"""Revocation at the AS4 endpoint (``HELDIGITAL_AP_REVOCATION=crl``): the AP CA's CRL
fetched from the certificates' distribution point (a real HTTP server on loopback)."""

from __future__ import annotations

import datetime as dt

import pytest

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import InboundMessage
from heldigital.peppol import as4
from heldigital.peppol.as4.message import SignalMessage, read_messaging
from tests.network.harness import free_port
from tests.network.pki import CRLServer, make_pki

from .conftest import sbdh_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_pki(tmp_path, settings):
    port = free_port()
    pki = make_pki(tmp_path / "pki", port)
    with CRLServer(pki.files["crl_dir"], port, tmp_path / "crl.log"):
        settings.HELDIGITAL_AP_KEY = str(pki.ap_b.key_file)
        settings.HELDIGITAL_AP_CERTIFICATE = str(pki.ap_b.certificate_file)
        settings.HELDIGITAL_AP_TRUST = str(pki.files["ap_trust"])
        settings.HELDIGITAL_AP_REVOCATION = "crl"
        settings.HELDIGITAL_AP_TIMEOUT = 5
        services._revocation.cache_clear()
        yield pki
    services._revocation.cache_clear()


def _send(client, pki, signer) -> tuple[as4.OutgoingMessage, SignalMessage]:
    out = as4.package(
        sbdh_bytes(),
        from_party=signer.cn,
        to_party="POP000002",
        key=signer.key,
        certificate=signer.certificate,
        receiver_certificate=pki.ap_b.certificate,
        now=dt.datetime.now(dt.UTC),
    )
    # the sender's chain travels in the message only as its own certificate: the AP CA
    # comes from the receiver's own chain (HELDIGITAL_AP_CERTIFICATE)
    response = client.generic("POST", "/as4", out.body, content_type=out.content_type)
    assert response.status_code == 200
    unit = read_messaging(as4.read(response.content, response["Content-Type"]).envelope)
    assert isinstance(unit, SignalMessage)
    return out, unit


def test_a_sender_on_the_crl_is_refused_and_a_good_one_accepted(client, network_pki, handlers):
    _, refused = _send(client, network_pki, network_pki.revoked)
    assert [e.code for e in refused.errors] == ["EBMS:0101"]
    assert "revoked" in (refused.errors[0].detail or "")
    assert not InboundMessage.objects.exists()
    out, accepted = _send(client, network_pki, network_pki.ap_a)
    assert accepted.errors == ()
    assert accepted.ref_to_message_id == out.message_id
    assert InboundMessage.objects.filter(message_id=out.message_id).exists()


def test_an_unknown_revocation_mode_is_a_configuration_error(client, network_pki, settings):
    settings.HELDIGITAL_AP_REVOCATION = "maybe"
    response = client.generic("POST", "/as4", b"x", content_type="application/soap+xml")
    assert response.status_code == 503
