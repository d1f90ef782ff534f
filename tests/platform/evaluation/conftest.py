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
