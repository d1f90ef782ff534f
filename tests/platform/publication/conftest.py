"""Fixtures for sending notices: a local TED/Doffin service and published procurements."""

from __future__ import annotations

import pytest

from heldigital.publication import DOFFIN, TED
from tests.lib.publication.notice_service import NoticeService
from tests.platform.tendering.conftest import (  # noqa: F401  (fixtures)
    _english,
    _media,
    draft,
    published,
)

KEY = "0123456789abcdef0123456789abcdef"


def _service(settings, service):
    server = NoticeService(service, KEY)
    with server.running():
        name = service.name.upper()
        setattr(settings, f"HELDIGITAL_{name}_API_URL", server.url)
        setattr(settings, f"HELDIGITAL_{name}_API_KEY", KEY)
        settings.HELDIGITAL_NOTICE_TIMEOUT = 2
        yield server


@pytest.fixture
def doffin(settings):
    """Doffin's Notices API on 127.0.0.1, configured for the platform."""
    yield from _service(settings, DOFFIN)


@pytest.fixture
def ted(settings):
    yield from _service(settings, TED)


@pytest.fixture(autouse=True)
def _no_keys(settings):
    """No service is configured unless a test starts one (whatever the environment says)."""
    settings.HELDIGITAL_TED_API_KEY = ""
    settings.HELDIGITAL_DOFFIN_API_KEY = ""
