"""Queries per request on a tender's API path: the requests of the deadline surge.

Near a tender deadline every supplier sends start, announce, chunks,
complete and submit at once (``bench/surge.py``); each query is a round trip
to the database and Python work on two shared cores, and the queries made
while the procurement's chain lock is held (start and submit append to the
protocol) delay every other supplier's start and submit. These budgets are
what the requests need now; a change that adds a query fails here and must
say why (raise the budget with a reason, or find the query a home).

Counted with Django's ``CaptureQueriesContext`` through the test client, so
token authentication and the middleware are included. The test runs inside a
transaction, so the services' transactions show as SAVEPOINT/RELEASE pairs
(in production: BEGIN, sent with the first query, and COMMIT).
"""

from __future__ import annotations

import hashlib
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import bearer

API = "/api/v1"

#: Queries per request (savepoint statements included), per database.
BUDGET = {
    "postgresql": {"start": 19, "announce": 6, "chunk": 7, "complete": 7, "submit": 13},
    "sqlite": {"start": 21, "announce": 6, "chunk": 7, "complete": 7, "submit": 18},
}
#: Statements sent while the chain lock is held, the lock statement included (PostgreSQL:
#: lock + heads + fresh procurement state in one round trip, then the writes in one).
UNDER_LOCK = {"start": 2, "submit": 2}


def _under_lock(queries) -> int:
    sqls = [q["sql"] for q in queries.captured_queries]
    first = next(i for i, sql in enumerate(sqls) if "pg_advisory_xact_lock" in sql)
    end = next(i for i in range(first, len(sqls)) if sqls[i].startswith("RELEASE SAVEPOINT"))
    return end - first


@pytest.mark.parametrize("first", [True, False], ids=["first-tender", "later-tender"])
def test_the_surge_requests_stay_within_their_query_budget(
    client, procurement, supplier, supplier_user, supplier_b, supplier_b_user, clock, first
):
    if not first:  # the procurement's opening key is made by its first tender
        other = bearer(supplier_b_user, supplier_b)
        response = client.post(f"{API}/procurements/{procurement.reference}/tenders", **other)
        assert response.status_code == 201
    headers = bearer(supplier_user, supplier)
    content = b"%PDF-1.7\n" + os.urandom(300_000)
    budget = BUDGET[connection.vendor]
    counted = {}

    def step(name, call, status=200):
        with CaptureQueriesContext(connection) as queries:
            response = call()
        assert response.status_code == status, response.content
        counted.setdefault(name, []).append(len(queries))
        limit = budget[name] + (4 if name == "start" and first else 0)
        assert len(queries) <= limit, (
            f"{name}: {len(queries)} queries, budget {limit}:\n"
            + "\n".join(q["sql"][:200] for q in queries.captured_queries)
        )
        if connection.vendor == "postgresql" and name in UNDER_LOCK:
            assert _under_lock(queries) <= UNDER_LOCK[name], "\n".join(
                q["sql"][:200] for q in queries.captured_queries
            )
        return response

    client.get(f"{API}/tenders", **headers)  # the token's first use is written once
    tender = step(
        "start",
        lambda: client.post(f"{API}/procurements/{procurement.reference}/tenders", **headers),
        201,
    ).json()
    upload = step(
        "announce",
        lambda: client.post(
            f"{API}/tenders/{tender['id']}/files",
            {
                "kind": "attachment",
                "name": "tilbud.pdf",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content_type": "application/pdf",
            },
            content_type="application/json",
            **headers,
        ),
        201,
    ).json()
    for offset, end in ((0, 100_000), (100_000, len(content))):
        step(
            "chunk",
            lambda offset=offset, end=end: client.put(
                f"{API}/uploads/{upload['id']}?offset={offset}",
                content[offset:end],
                content_type="application/octet-stream",
                **headers,
            ),
        )
    step("complete", lambda: client.post(f"{API}/uploads/{upload['id']}/complete", **headers))
    receipt = step("submit", lambda: client.post(f"{API}/tenders/{tender['id']}/submit", **headers))
    assert receipt.json()["protocol_event"]["sequence"] >= 2
    assert set(counted) == set(budget)
