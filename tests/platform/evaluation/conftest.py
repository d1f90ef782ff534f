from __future__ import annotations

import pytest

from heldigital.apps.submissions import conf
from tests.platform.evaluation.scenario import build
from tests.platform.tendering.conftest import smtp  # noqa: F401  (real SMTP server fixture)


@pytest.fixture(autouse=True)
def sealed_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield tmp_path
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


@pytest.fixture
def scenario(municipality):
    return build(municipality)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Messages in English in these tests (letters stay in LANGUAGE_CODE, Norwegian)."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
