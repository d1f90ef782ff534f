"""Fixtures of the ordering tests: a signed contract from the evaluation scenario, with
both parties in the address register (so documents are delivered on the platform), and
the buyer's requester, approvers, receiver and administrator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from heldigital.apps.accounts.models import Organisation, Role, User
from heldigital.apps.contracts import services as contracts
from heldigital.apps.contracts.models import Contract
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.submissions import conf
from tests.platform.conftest import acting, make_user
from tests.platform.contracts.test_services import END, SENT, conclude
from tests.platform.evaluation.scenario import build
from tests.platform.evaluation.test_services import T, qualify_all, score
from tests.platform.exchange.conftest import registered
from tests.platform.tendering.conftest import smtp  # noqa: F401  (real SMTP server fixture)

#: Concluded just after the standstill; the contract runs 2027-01-01 to 2028-12-31.
CONCLUDED = END + timedelta(seconds=1)
#: A working day in the contract period.
DAY = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def sealed_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HELDIGITAL_KEY_DIR = tmp_path / "keys"
    conf._custodian.cache_clear()
    conf._signer.cache_clear()
    yield tmp_path
    conf._custodian.cache_clear()
    conf._signer.cache_clear()


@pytest.fixture(autouse=True)
def _english(client, settings):
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@dataclass
class FollowUp:
    contract: Contract
    buyer: Organisation
    supplier: Organisation
    officer: User
    supplier_user: User
    admin: User
    requester: User
    approvers: list[User]
    receiver: User
    auditor: User


def make_follow_up(municipality) -> FollowUp:
    s = build(municipality)
    qualify_all(s)
    score(s)
    evaluation.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    evaluation.decide_award(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    evaluation.send_letters(s.procurement, principal=acting(s.officer, s.buyer), now=SENT)
    (contract,) = conclude(s, CONCLUDED)
    supplier = contract.supplier
    supplier_user = next(
        u for u, o in zip(s.supplier_users, s.suppliers, strict=True) if o == supplier
    )
    contracts.confirm_contract(contract, principal=acting(s.officer, s.buyer), now=CONCLUDED)
    contracts.confirm_contract(contract, principal=acting(supplier_user, supplier), now=CONCLUDED)
    contract.refresh_from_db()
    registered(contract.buyer, CONCLUDED)
    registered(supplier, CONCLUDED)
    return FollowUp(
        contract=contract,
        buyer=contract.buyer,
        supplier=supplier,
        officer=s.officer,
        supplier_user=supplier_user,
        admin=make_user("admin", (s.buyer, Role.BUYER_ADMIN)),
        requester=make_user("requester", (s.buyer, Role.REQUESTER)),
        approvers=[
            make_user("approver1", (s.buyer, Role.APPROVER)),
            make_user("approver2", (s.buyer, Role.APPROVER)),
        ],
        receiver=make_user("receiver", (s.buyer, Role.RECEIVER)),
        auditor=s.auditor,
    )


@pytest.fixture
def follow_up(municipality) -> FollowUp:
    return make_follow_up(municipality)
