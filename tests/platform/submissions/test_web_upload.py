"""A browser upload never reaches the disk in plaintext, and oversize ones are refused clearly."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from heldigital.apps.submissions.models import TenderFile
from tests.platform.submissions.conftest import make_procurement

MARKER = b"PLAINTEXT-MARKER-7f3c9a"


def _scan(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and MARKER in p.read_bytes()]


@pytest.fixture
def open_procurement(municipality):
    return make_procurement(municipality, deadline=timezone.now() + timedelta(days=10))


def test_large_browser_upload_is_sealed_without_a_temporary_file(
    client, supplier_user, open_procurement, settings, tmp_path, monkeypatch
):
    temp = tmp_path / "tmp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    created = []
    real = uploadedfile.tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):  # Django's temporary upload file (deleted after the request)
        created.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", spy)
    client.force_login(supplier_user)
    body = b"%PDF-1.4\n" + MARKER * 300_000  # about 7 MB: above Django's 2.5 MB temp-file limit
    response = client.post(
        reverse("submissions:upload", args=[open_procurement.reference]),
        {"kind": "attachment", "file": SimpleUploadedFile("big.pdf", body, "application/pdf")},
    )
    assert response.status_code == 302
    assert TenderFile.objects.filter(tender__procurement=open_procurement).count() == 1
    assert created == [], "the upload went through a temporary file on disk"
    assert _scan(temp) == []
    assert _scan(Path(settings.MEDIA_ROOT)) == []


def test_oversize_browser_upload_is_refused_with_a_reason(
    client, supplier_user, open_procurement, settings
):
    settings.HELDIGITAL_WEB_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(supplier_user)
    body = b"%PDF-1.4\n" + b"x" * (2 * 1024 * 1024)
    response = client.post(
        reverse("submissions:upload", args=[open_procurement.reference]),
        {"kind": "attachment", "file": SimpleUploadedFile("big.pdf", body, "application/pdf")},
        follow=True,
    )
    assert b"/api/v1)" in response.content  # the pointer to the resumable API upload
    assert not TenderFile.objects.filter(tender__procurement=open_procurement).exists()
