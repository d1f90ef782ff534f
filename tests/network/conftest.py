"""The network tests share one network (two APs, the SMP, NSD) per session: starting it
costs seconds (migrations, two Granian servers), and the tests leave each other's
messages alone (every test sends its own documents and counts only those)."""

from __future__ import annotations

import pytest

from tests.network.harness import Network, network
from tests.platform.ops.conftest import _sqlite_template  # noqa: F401 (fixture)


@pytest.fixture(scope="session")
def net(tmp_path_factory, request) -> Network:
    # On SQLite both instances start from the suite's migrated template database.
    template = request.getfixturevalue("_sqlite_template")
    with network(tmp_path_factory.mktemp("network"), sqlite_template=template) as running:
        yield running


@pytest.fixture
def trust_tls(net, monkeypatch):
    """HTTPS from this process (urllib's default context) trusts the test TLS CA."""
    monkeypatch.setenv("SSL_CERT_FILE", str(net.pki.files["tls_trust"]))
    return net
