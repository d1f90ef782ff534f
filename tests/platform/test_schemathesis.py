"""Property-based API tests from the OpenAPI schema (Schemathesis).

Every operation of ``/api/v1/openapi.json`` is called with generated input,
valid and invalid, through the WSGI application on the demo data
(``heldigital demo``: a procedure in each state, sealed tenders, letters, a
contract), authenticated as a procurement officer, an opener, an evaluator,
a supplier, without authentication, and with realistic path parameters (the
demo's references, tender ids, letter ids ...) as often as generated ones.
Every response must not be a server error and must conform to the schema:
a documented status code, the documented content type, a body of the
documented shape (problem details for errors), and so on: Schemathesis's
default checks.

The run is bounded and reproducible: ``HELDIGITAL_SCHEMATHESIS_EXAMPLES``
examples per operation (default 8), derandomised, no example database.
``make schemathesis`` runs many more. Runs on SQLite and on PostgreSQL
(``scripts/run-tests``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test.utils import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from heldigital.apps.accounts.demo import load_demo
from heldigital.apps.accounts.models import ApiToken, Membership, User
from heldigital.apps.contracts.models import Contract
from heldigital.apps.evaluation.models import (
    EvidenceRequest,
    Exclusion,
    Letter,
    QualificationDecision,
)
from heldigital.apps.exchange.models import Document
from heldigital.apps.submissions import conf
from heldigital.apps.submissions.models import Tender, TenderFile, Upload
from heldigital.apps.tendering.models import (
    AwardCriterion,
    DocumentVersion,
    Notification,
    QualificationRequirement,
    Question,
)
from heldigital.platform import demo_procurements

#: Schemathesis's coverage phase (every boundary case the schema defines, for
#: every operation) takes about ten minutes per database: ``make schemathesis``.
COVERAGE = os.environ.get("HELDIGITAL_SCHEMATHESIS_COVERAGE", "") == "1"
EXAMPLES = int(os.environ.get("HELDIGITAL_SCHEMATHESIS_EXAMPLES", "8"))

#: Who calls: demo user names (their token acts for their organisation); None is anonymous.
CALLERS = (
    "kommune-innkjoper",  # procurement officer
    "kommune-apner1",  # opener
    "kommune-evaluator",  # evaluator
    "broyting-bruker",  # supplier with tenders in every procedure
    "renhold-bruker",  # another supplier
    None,
)


def _demo_values() -> dict[str, list[Any]]:
    """Realistic values for every path parameter, from the demo data."""
    return {
        "reference": [*demo_procurements.REFERENCES],
        "procurement_id": [*demo_procurements.REFERENCES],
        "orgnr": ["920000002", "920000029", "920 000 037"],
        "tender_id": [str(pk) for pk in Tender.objects.values_list("pk", flat=True)],
        "file_id": [str(pk) for pk in TenderFile.objects.values_list("pk", flat=True)],
        "upload_id": [str(pk) for pk in Upload.objects.values_list("pk", flat=True)],
        "contract_id": [str(pk) for pk in Contract.objects.values_list("pk", flat=True)],
        "letter_id": list(Letter.objects.values_list("pk", flat=True)),
        "decision_id": list(QualificationDecision.objects.values_list("pk", flat=True)),
        "request_id": list(EvidenceRequest.objects.values_list("pk", flat=True)),
        "exclusion_id": list(Exclusion.objects.values_list("pk", flat=True)),
        "criterion_id": list(AwardCriterion.objects.values_list("pk", flat=True)),
        "requirement_id": list(QualificationRequirement.objects.values_list("pk", flat=True)),
        "document_id": list(DocumentVersion.objects.values_list("document_id", flat=True)),
        "number": [1, 2],
        "line_id": ["1", "2"],
        "notification_id": list(Notification.objects.values_list("pk", flat=True)),
        "exchange_id": [str(pk) for pk in Document.objects.values_list("pk", flat=True)],
    }


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The demo data and a token per caller, in one transaction rolled back at the end.

    Each test runs inside it (pytest-django's ``db`` adds a savepoint), so the
    demo is built once per database, not once per operation.
    """
    storage = tmp_path_factory.mktemp("schemathesis")
    with (
        override_settings(MEDIA_ROOT=storage / "media", HELDIGITAL_KEY_DIR=storage / "keys"),
        django_db_blocker.unblock(),
    ):
        conf._custodian.cache_clear()
        conf._signer.cache_clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            now = timezone.now()
            load_demo(now)
            demo_procurements.load_demo_procurements(now)
            # A question to answer and a notification to read, for the supplier side.
            assert Question.objects.exists()
            tokens: dict[str | None, str | None] = {None: None}
            for username in CALLERS:
                if username is None:
                    continue
                user = User.objects.get(username=username)
                organisation = Membership.objects.filter(user=user).first().organisation
                _, raw = ApiToken.issue(
                    user=user, organisation=organisation, name="schemathesis", now=now
                )
                tokens[username] = raw
            yield {"tokens": tokens, "values": _demo_values()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            conf._custodian.cache_clear()
            conf._signer.cache_clear()


def _load_schema():
    """The schema as the application serves it (no database needed for it)."""
    from heldigital.platform.wsgi import application

    with _connections_kept_open():
        config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": COVERAGE}}})
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)


class _connections_kept_open:
    """As Django's test client does: a request must not close the test's connection."""

    def __enter__(self):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)

    def __exit__(self, *exc):
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = _load_schema()
_turn = itertools.count()
#: Left out: they ask the schema to encode every business rule of the input
#: (check digits, deadlines, the state of the procedure), which it does not;
#: such input gets a 4xx problem details answer, which the other checks verify.
INPUT_PRECISION_CHECKS = [
    schemathesis.checks.positive_data_acceptance,
    schemathesis.checks.negative_data_rejection,
]
#: Filled by the ``world`` fixture: realistic path parameters and the callers' tokens.
WORLD: dict[str, Any] = {"values": {}, "tokens": [None]}


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    values = WORLD["values"]
    real = {name: values[name] for name in path_parameters or {} if values.get(name)}
    if not real:
        return st.just(path_parameters)
    chosen = st.fixed_dictionaries({name: st.sampled_from(v) for name, v in real.items()})
    return st.one_of(
        chosen.map(lambda picked: {**path_parameters, **picked}),
        st.just(path_parameters),
    )


@pytest.fixture
def world(demo_world, db):
    WORLD["values"] = demo_world["values"]
    WORLD["tokens"] = [demo_world["tokens"][caller] for caller in CALLERS]
    with _connections_kept_open():
        yield
    WORLD["values"], WORLD["tokens"] = {}, [None]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, world):
    # The callers take turns, example by example (deterministic: the examples are).
    token = WORLD["tokens"][next(_turn) % len(WORLD["tokens"])]
    headers = {"Authorization": f"Bearer {token}"} if token else None
    case.call_and_validate(headers=headers, excluded_checks=INPUT_PRECISION_CHECKS)
