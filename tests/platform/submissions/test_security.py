"""Nothing of a tender's content is readable before opening - anywhere.

A marker is placed in a tender file, in an ESPD answer and as a price in the
tender catalogue. Then the raw database (the SQLite file, or every column of
every table on PostgreSQL), the storage directory (ciphertext and key files)
and the log are searched for it - mid-upload, after submission and after
opening (content is decrypted on read, never stored). Every API route of the
app is called as every role before opening and no answer may contain it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import connection

from heldigital.apps.accounts.models import Role, User
from heldigital.apps.submissions import api as submissions_api
from heldigital.apps.submissions import services
from heldigital.apps.submissions.models import Upload
from tests.platform.conftest import acting, make_user

from .conftest import BEFORE, DEADLINE, bearer, tender_catalogue

FILE_MARKER = b"SEALED-FILE-MARKER-7c1e0b"
ESPD_MARKER = b"ESPD-ANSWER-MARKER-93ad51"
PRICE_MARKER = b"31415926.53"
MARKERS = (FILE_MARKER, ESPD_MARKER, PRICE_MARKER)
#: Stored in the clear on purpose (a file name is metadata): proves the scan sees data.
CONTROL = b"kontrollnavn-4411"

ESPD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<QualificationApplicationResponse xmlns="urn:oasis:names:specification:ubl:schema:xsd:'
    b'QualificationApplicationResponse-2"><TenderingCriterionResponse><ResponseValue>'
    b"<Description>" + ESPD_MARKER + b"</Description></ResponseValue>"
    b"</TenderingCriterionResponse></QualificationApplicationResponse>\n"
)
CATALOGUE = tender_catalogue(PRICE_MARKER.decode())
ATTACHMENT = b"Teknisk beskrivelse\n" + b"z" * 70_000 + FILE_MARKER + b"\n" + b"y" * 5_000


def database_bytes(tmp_path=None) -> bytes:
    """Everything the database holds, as raw bytes."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # The exact bytes of the database file (sqlite3_serialize); the test
        # database lives in memory, inside this test's open transaction.
        image = connection.connection.serialize(name="main")
        assert image.startswith(b"SQLite format 3\x00")
        return image
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes):
                        parts.append(bytes(value))
                    elif value is not None:
                        parts.append(str(value).encode())
    return b"\n".join(parts)


def storage_bytes(root) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file())


def assert_sealed(where: bytes, label: str) -> None:
    for marker in MARKERS:
        assert marker not in where, f"{marker!r} found in {label}"
        assert marker.hex().encode() not in where.lower(), f"hex of {marker!r} in {label}"


def upload(tender, user, content, *, name, kind, chunk, now, stop=None):
    """Upload ``content`` in chunks; with ``stop``, only its first ``stop`` bytes."""
    item = services.begin_upload(
        tender,
        principal=acting(user),
        kind=kind,
        name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/xml" if kind != "attachment" else "text/plain",
        now=now,
    )
    end = len(content) if stop is None else stop
    for offset in range(0, end, chunk):
        piece = content[offset : min(offset + chunk, end)]
        item = services.upload_chunk(
            Upload.objects.get(pk=item.pk),
            principal=acting(user),
            offset=offset,
            length=len(piece),
            stream=io.BytesIO(piece),
            now=now,
        )
    if stop is None:
        return services.complete_upload(
            Upload.objects.get(pk=item.pk), principal=acting(user), now=now
        )
    return item


def test_no_plaintext_in_the_database_storage_or_log(
    procurement, supplier, supplier_user, opener, opener2, sealed_storage, tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload(
        tender, supplier_user, ESPD, name="espd.xml", kind="espd-response", chunk=8192, now=BEFORE
    )
    upload(
        tender,
        supplier_user,
        CATALOGUE,
        name=CONTROL.decode() + ".xml",
        kind="tender-catalogue",
        chunk=8192,
        now=BEFORE,
    )
    # Mid-upload: the chunk ends right after the marker, so the marker sits in
    # the SHA-256 block buffer of the saved hash state.
    end = ATTACHMENT.index(FILE_MARKER) + len(FILE_MARKER)
    half = upload(
        tender,
        supplier_user,
        ATTACHMENT,
        name="vedlegg.txt",
        kind="attachment",
        chunk=end,
        now=BEFORE,
        stop=end,
    )
    assert half.received == end
    database = database_bytes(tmp_path)
    assert CONTROL in database  # the scan really reads the stored data
    assert_sealed(database, "the database during upload")
    assert_sealed(storage_bytes(sealed_storage), "the storage during upload")

    rest = ATTACHMENT[end:]
    half = services.upload_chunk(
        half,
        principal=acting(supplier_user),
        offset=end,
        length=len(rest),
        stream=io.BytesIO(rest),
        now=BEFORE,
    )
    services.complete_upload(half, principal=acting(supplier_user), now=BEFORE)
    services.submit(tender, principal=acting(supplier_user), now=BEFORE + timedelta(seconds=1))
    assert_sealed(database_bytes(tmp_path), "the database after submission")
    assert_sealed(storage_bytes(sealed_storage), "the storage after submission")

    services.open_tenders(procurement, principal=acting(opener, None), now=DEADLINE)
    services.open_tenders(procurement, principal=acting(opener2, None), now=DEADLINE)
    files = {f.kind: f for f in tender.files.all()}
    read = b"".join(
        services.read_tender_file(
            files["tender-catalogue"], principal=acting(opener, None), now=DEADLINE
        )
    )
    assert PRICE_MARKER in read  # the content is there, for the buyer, after opening
    # ... and still nothing decrypted is stored anywhere.
    assert_sealed(database_bytes(tmp_path), "the database after opening")
    assert_sealed(storage_bytes(sealed_storage), "the storage after opening")
    assert_sealed(caplog.text.encode(), "the log")


def test_the_master_secret_and_opening_private_key_are_not_in_the_database(
    procurement, supplier, supplier_user, sealed_storage, tmp_path
):
    services.start_tender(procurement, principal=acting(supplier_user, supplier), now=BEFORE)
    import base64

    secret_text = (sealed_storage / "keys" / "master.key").read_bytes().strip()
    secret = base64.urlsafe_b64decode(secret_text + b"=" * (-len(secret_text) % 4))
    assert (sealed_storage / "keys" / "master.key").stat().st_mode & 0o777 == 0o600
    database = database_bytes(tmp_path)
    assert secret not in database and secret_text not in database
    assert bytes(procurement.opening_key.public_key) in database


def test_tender_models_are_not_in_the_admin():
    from heldigital.apps.submissions import models

    registered = {model._meta.app_label for model in admin.site._registry}
    assert models.Tender._meta.app_label not in registered


# --- every route, every role, before opening --------------------------------------------


def _routes():
    for path, view in submissions_api.router.path_operations.items():
        for operation in view.operations:
            for method in operation.methods:
                yield method, path


@pytest.fixture
def roles(
    client,
    municipality,
    supplier,
    supplier_user,
    supplier_b,
    supplier_b_user,
    buyer,
    opener,
    auditor,
    outsider,
):
    evaluator = make_user("evaluator", (municipality, Role.EVALUATOR))
    admin_user = make_user("buyeradmin", (municipality, Role.BUYER_ADMIN))
    root = User.objects.create_superuser("root", password="x")
    return {
        "supplier-a": bearer(supplier_user, supplier),
        "supplier-b": bearer(supplier_b_user, supplier_b),
        "buyer": bearer(buyer, municipality),
        "opener": bearer(opener, municipality),
        "evaluator": bearer(evaluator, municipality),
        "buyer-admin": bearer(admin_user, municipality),
        "auditor": bearer(auditor, municipality),
        "outsider-session": ("session", outsider),
        "superuser-session": ("session", root),
        "anonymous": {},
    }


def test_every_route_as_every_role_before_opening_returns_no_content(
    client, procurement, supplier, supplier_user, roles, monkeypatch
):
    monkeypatch.setattr(submissions_api, "clock", lambda: BEFORE + timedelta(hours=1))
    tender = services.start_tender(
        procurement, principal=acting(supplier_user, supplier), now=BEFORE
    )
    upload(
        tender,
        supplier_user,
        CATALOGUE,
        name="c.xml",
        kind="tender-catalogue",
        chunk=8192,
        now=BEFORE,
    )
    services.submit(tender, principal=acting(supplier_user), now=BEFORE)
    tender.refresh_from_db()
    draft = services.change_tender(tender, principal=acting(supplier_user), now=BEFORE)
    half = upload(
        draft,
        supplier_user,
        ATTACHMENT,
        name="v.txt",
        kind="attachment",
        chunk=ATTACHMENT.index(FILE_MARKER) + len(FILE_MARKER),
        now=BEFORE,
        stop=ATTACHMENT.index(FILE_MARKER) + len(FILE_MARKER),
    )
    tender_file = tender.files.get()
    values = {
        "reference": procurement.reference,
        "tender_id": str(tender.id),
        "upload_id": str(half.id),
        "file_id": str(tender_file.id),
    }
    seen = 0
    for name, credentials in roles.items():
        client.logout()
        headers = {}
        if isinstance(credentials, tuple):
            client.force_login(credentials[1])
        else:
            headers = credentials
        for method, path in _routes():
            url = "/api/v1" + re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
            if method in ("PUT", "PATCH"):
                url += "?offset=0"
            response = client.generic(
                method, url, b"", content_type="application/octet-stream", **headers
            )
            body = b"".join(response.streaming_content) if response.streaming else response.content
            for marker in MARKERS:
                assert marker not in body, f"{method} {path} as {name}"
            assert response.status_code < 500, (method, path, name, body[:300])
            seen += 1
    assert seen >= 10 * len(roles)
