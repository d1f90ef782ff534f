"""Fixtures of the exchange tests: two organisations in the address register, documents."""

from __future__ import annotations

import pytest

from heldigital.apps.smp.models import Participant
from tests.conftest import corpus


def invoice() -> bytes:
    """A valid Peppol BIS Billing 3 invoice (the official base example)."""
    return corpus("peppol-bis-invoice-3", "rules", "examples", "base-example.xml").read_bytes()


def order() -> bytes:
    """A valid Peppol BIS Ordering 3 order (the official example)."""
    folder = corpus("poacc-upgrade-3", "rules", "examples", "Advanced Ordering scenarios")
    return (folder / "advanced_ordering_sc1" / "Order_sc1.xml").read_bytes()


def broken(data: bytes) -> bytes:
    """The invoice with an IssueDate that is no date (PEPPOL-EN16931-F001)."""
    return data.replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x", 1)


def registered(organisation, now) -> Participant:
    return Participant.objects.create(
        scheme="iso6523-actorid-upis",
        value=organisation.peppol_id,
        organisation=organisation,
        created_at=now,
        updated_at=now,
    )


@pytest.fixture
def on_platform(municipality, supplier, now):
    """Both organisations registered in the address register (so: delivered locally)."""
    registered(municipality, now)
    registered(supplier, now)
    return municipality, supplier


# The access point's test PKI and its settings (this platform as POP000002).
from tests.platform.accesspoint.conftest import ap_pki, receiver_settings  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _exchange_alone(monkeypatch):
    """The exchange tested alone: without the invoicing app's handler, which receives every
    invoice that lands in an inbox and answers it with an invoice response (a document in
    the receiver's outbox; tested in tests/platform/invoicing)."""
    from heldigital.apps.exchange import services
    from heldigital.apps.invoicing.services import receive_from_exchange

    handlers = [h for h in services._received_handlers if h is not receive_from_exchange]
    monkeypatch.setattr(services, "_received_handlers", handlers)
