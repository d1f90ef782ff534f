"""Saving the ESPD form from several tabs at once (PostgreSQL): one draft, one ESPD
response in it, and every request answered without an error page."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from heldigital.apps.submissions.models import FileKind, Tender, TenderFile, TenderStatus

from .conftest import publish_with_requirements
from .test_espd_web import all_no


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_leave_one_espd_response_in_one_draft(municipality, espd_supplier):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent saves are tested on PostgreSQL (SQLite serialises writers)")
    procurement = publish_with_requirements(municipality)
    user = get_user_model().objects.get(username="fjellbroyt")
    url = reverse("submissions:espd", args=[procurement.reference])
    threads = 6
    barrier = threading.Barrier(threads)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            statuses.append(client.post(url, all_no()).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    assert statuses == [302] * threads
    (draft,) = Tender.objects.filter(procurement=procurement, status=TenderStatus.DRAFT)
    assert TenderFile.objects.filter(tender=draft, kind=FileKind.ESPD_RESPONSE).count() == 1
