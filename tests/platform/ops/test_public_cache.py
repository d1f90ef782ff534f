"""The public notice pages are served from the cache, and a change shows at once."""

from __future__ import annotations

import re

import pytest

from tests.platform.submissions.conftest import make_procurement

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture
def cached(settings, tmp_path, transactional_db):
    settings.HELDIGITAL_PUBLIC_CACHE_SECONDS = 60
    settings.DATA_DIR = tmp_path
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_a_cached_page_costs_no_query_and_a_change_invalidates_it(
    cached, client, municipality, django_assert_num_queries
):
    procurement = make_procurement(municipality)
    path = f"/notices/{procurement.reference}/"
    first = client.get(path)
    assert first.status_code == 200
    assert "Brøyting og strøing 2027" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.status_code == 200
    assert "Brøyting og strøing 2027" in again.content.decode()
    assert client.get("/notices/").status_code == 200  # a miss: rendered and kept
    client.get("/api/v1/notices")
    with django_assert_num_queries(0):
        client.get("/notices/")
        client.get("/api/v1/notices")
        client.get("/api/v1/notices")

    procurement.title = "Brøyting, strøing og feiing 2027"
    procurement.save()  # commits: the public generation changes
    changed = client.get(path).content.decode()
    assert "Brøyting, strøing og feiing 2027" in changed
    assert client.get("/api/v1/notices").json()[0]["title"] == "Brøyting, strøing og feiing 2027"


def test_every_visitor_gets_their_own_csrf_token_and_users_bypass_the_cache(
    cached, client, municipality, buyer
):
    from django.test import Client

    make_procurement(municipality)
    first = client.get("/notices/")
    other = Client().get("/notices/")  # served from the cache
    tokens = {TOKEN.search(r.content.decode()).group(1) for r in (first, other)}
    assert len(tokens) == 2
    assert "csrftoken" in other.cookies
    assert b"\x00" not in other.content
    client.force_login(buyer)
    assert "Buyer" in client.get("/notices/").content.decode()  # "Logged in as ..."
