"""Database round trips per sent and per received message, counted (they are the
access point's main cost after the crypto: docs/benchmarks.md, "as4").

Counted with Django's ``CaptureQueriesContext`` on the real database (SQLite, or
PostgreSQL with ``DATABASE_URL``); the limits are what the code does today, so a change
that adds a query per message fails here and has to say why.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heldigital.apps.accesspoint import services
from heldigital.apps.accesspoint.models import InboundMessage, OutboundMessage

from .conftest import package, sbdh_bytes
from .test_sending import receiver, sender  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

#: claim (one conditional UPDATE), read the claimed row, store the packaged message
#: before it leaves, then the receipt and the transmission log row in one transaction
#: (counted here with its SAVEPOINT and RELEASE: the test runs inside a transaction;
#: in production they are BEGIN and COMMIT). Before the change: 13.
SEND = 7
#: the inbound row and the transmission log row in one transaction (SAVEPOINT and
#: RELEASE here), with a handler that makes no query of its own. Before: 6.
RECEIVE = 4
#: a duplicate: the failed insert (its savepoint, rolled back and released), the first
#: receipt read. Before: 7.
DUPLICATE = 5


def _queries(context: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in context.captured_queries]


def test_sending_one_message_takes_a_bounded_number_of_queries(receiver):  # noqa: F811
    now = dt.datetime.now(dt.UTC)
    first = services.enqueue(sbdh=sbdh_bytes(), now=now)
    second = services.enqueue(sbdh=sbdh_bytes(), now=now)
    with CaptureQueriesContext(connection) as context:
        assert services.attempt(first, now=now) == "receipted"
    assert len(context.captured_queries) <= SEND, _queries(context)
    with CaptureQueriesContext(connection) as context:
        assert services.attempt(second, now=now) == "receipted"
    assert len(context.captured_queries) <= SEND, _queries(context)
    assert OutboundMessage.objects.filter(state="receipted").count() == 2


def test_receiving_one_message_takes_a_bounded_number_of_queries(
    receiver_settings, ap_pki, handlers
):
    services.on_inbound(lambda **kwargs: None)
    now = dt.datetime.now(dt.UTC)
    out = package(ap_pki, sbdh_bytes(), now=now)
    with CaptureQueriesContext(connection) as context:
        answer = services.receive(out.body, out.content_type, now=now)
    assert answer.stored
    assert len(context.captured_queries) <= RECEIVE, _queries(context)
    # a duplicate: one failed insert, then the first receipt read
    with CaptureQueriesContext(connection) as context:
        again = services.receive(out.body, out.content_type, now=now)
    assert again.duplicate and again.body == answer.body
    assert len(context.captured_queries) <= DUPLICATE, _queries(context)
    assert InboundMessage.objects.count() == 1
