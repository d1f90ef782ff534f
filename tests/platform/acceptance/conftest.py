"""Fixtures for the issue-4 acceptance tests: a controlled clock, sealed storage
in a temporary directory, a real SMTP server, helpers to call the API."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from heldigital.apps.accounts.models import ApiToken
from heldigital.apps.submissions import conf
from tests.platform.conftest import LONG_LIVED
from tests.platform.tendering.conftest import smtp  # noqa: F401  (real SMTP server fixture)

API = "/api/v1"


class Clock:
    """The server's clock as the test sets it; it only ever moves forward, as the
    ledger requires."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> datetime:
        assert moment >= self.now, "the clock never goes back"
        self.now = moment
        return moment

    def advance(self, **delta: float) -> datetime:
        return self.set(self.now + timedelta(**delta))


@pytest.fixture
def server_clock(monkeypatch):
    """Freeze the edge functions the API and the views read the time from.

    The tendering API and the views call ``django.utils.timezone.now``; the
    submissions and evaluation APIs (and the contracts API through the latter)
    read their module attribute ``clock``. Services always take ``now``.
    """
    from django.utils import timezone

    from heldigital.apps.evaluation import api as evaluation_api
    from heldigital.apps.submissions import api as submissions_api

    clock = Clock(datetime(2000, 1, 1, tzinfo=UTC))  # each test sets its own time
    monkeypatch.setattr(timezone, "now", clock)
    monkeypatch.setattr(submissions_api, "clock", clock)
    monkeypatch.setattr(evaluation_api, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def sealed_storage(settings, tmp_path):
    """Ciphertext, documents and the custodian's key files under ``tmp_path``."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield tmp_path
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


def bearer(user, organisation, now: datetime) -> dict[str, str]:
    _, raw = ApiToken.issue(
        user=user, organisation=organisation, name="system", now=now, expires_at=now + LONG_LIVED
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url: str, headers: dict[str, str], body: Any = None):
    return client.post(
        API + url, data=json.dumps(body or {}), content_type="application/json", **headers
    )


def ok(response, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.content[:2000])
    return response.json()


def upload(client, headers, tender_id, content: bytes, *, kind, name, content_type, chunk=16384):
    """A resumable chunked upload through the API; returns the file record.

    ESPD responses and tender catalogues are checked before sealing: sent whole."""
    if kind != "attachment":
        chunk = len(content)
    upload = ok(
        post(
            client,
            f"/tenders/{tender_id}/files",
            headers,
            {
                "kind": kind,
                "name": name,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content_type": content_type,
            },
        ),
        201,
    )
    for offset in range(0, len(content), chunk):
        ok(
            client.put(
                f"{API}/uploads/{upload['id']}?offset={offset}",
                content[offset : offset + chunk],
                content_type="application/octet-stream",
                **headers,
            )
        )
    return ok(client.post(f"{API}/uploads/{upload['id']}/complete", **headers))
