from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from heldigital.apps.contracts import services
from heldigital.apps.contracts.models import Contract, ContractStatus
from heldigital.apps.evaluation import services as evaluation
from heldigital.apps.frozen import FrozenError
from heldigital.apps.protocol.models import ProtocolEvent
from heldigital.apps.protocol.services import verify_procurement
from heldigital.apps.submissions import conf
from heldigital.apps.tendering.models import ProcurementStatus
from heldigital.apps.tendering.services import StateError
from heldigital.sealing import verify
from tests.platform.conftest import acting
from tests.platform.evaluation.test_services import T, qualify_all, score

#: Sent Monday 23 March 2026 is too early for the scenario; use 16 Dec 2026 (over Christmas).
SENT = datetime(2026, 12, 16, 9, 0, tzinfo=UTC)
END = datetime(2026, 12, 28, 22, 59, 59, 999999, tzinfo=UTC)


@pytest.fixture
def in_standstill(scenario):
    s = scenario
    qualify_all(s)
    score(s)
    evaluation.compute_evaluation(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    evaluation.decide_award(s.procurement, principal=acting(s.officer, s.buyer), now=T)
    evaluation.send_letters(s.procurement, principal=acting(s.officer, s.buyer), now=SENT)
    return s


def conclude(s, now):
    return services.conclude_contract(
        s.procurement,
        principal=acting(s.officer, s.buyer),
        now=now,
        starts_on=date(2027, 1, 1),
        ends_on=date(2028, 12, 31),
        options="Opsjon på forlengelse 1 + 1 år.",
    )


def test_refused_before_the_standstill_ends(in_standstill):
    s = in_standstill
    with pytest.raises(StateError, match="standstill period ends 2026-12-28 23:59"):
        conclude(s, END)
    assert not Contract.objects.exists()
    last = ProtocolEvent.objects.filter(procurement_id=s.procurement.reference).latest("sequence")
    assert last.type == "contract.refused"


def test_refused_before_letters_are_sent(scenario):
    s = scenario
    with pytest.raises(StateError):
        conclude(s, T)


def test_contract_record_document_and_signatures(in_standstill):
    s = in_standstill
    after = END + timedelta(microseconds=1)
    with pytest.raises(ValidationError):
        services.conclude_contract(
            s.procurement,
            principal=acting(s.officer, s.buyer),
            now=after,
            starts_on=date(2027, 1, 1),
            ends_on=date(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.conclude_contract(
            s.procurement,
            principal=acting(s.evaluator, s.buyer),
            now=after,
            starts_on=date(2027, 1, 1),
            ends_on=date(2028, 1, 1),
        )
    (contract,) = conclude(s, after)
    assert contract.supplier == s.suppliers[0]
    assert contract.value == Decimal("376150.00")
    lines = [(x.line_id, x.quantity, x.unit_price, x.amount) for x in contract.lines.all()]
    assert lines == [
        ("1", Decimal("400.000"), Decimal("850.000000"), Decimal("340000.00")),
        ("2", Decimal("120.500"), Decimal("300.000000"), Decimal("36150.00")),
    ]
    pdf = bytes(contract.document_pdf)
    assert pdf.startswith(b"%PDF")
    assert contract.document_sha256 == hashlib.sha256(pdf).hexdigest()
    assert verify(conf.signer().public_key, hashlib.sha256(pdf).digest(), bytes(contract.signature))
    assert services.verify_contract(contract)
    assert "Opsjon på forlengelse" in contract.document_text
    assert "Alfa Brøyt AS" in contract.document_text
    assert contract.status == ContractStatus.AWAITING
    with pytest.raises(FrozenError):
        contract.save()
    with pytest.raises(StateError):
        conclude(s, after)

    # Another supplier is no party:
    with pytest.raises(PermissionDenied):
        services.confirm_contract(
            contract, principal=acting(s.supplier_users[1], s.suppliers[1]), now=after
        )
    services.confirm_contract(contract, principal=acting(s.officer, s.buyer), now=after)
    with pytest.raises(StateError):
        services.confirm_contract(contract, principal=acting(s.officer, s.buyer), now=after)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.AWAITING
    services.confirm_contract(
        contract, principal=acting(s.supplier_users[0], s.suppliers[0]), now=after
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED
    assert contract.signed_at == after
    s.procurement.refresh_from_db()
    assert s.procurement.status == ProcurementStatus.CONCLUDED
    types = list(
        ProtocolEvent.objects.filter(procurement_id=s.procurement.reference)
        .order_by("sequence")
        .values_list("type", flat=True)
    )
    assert types[-4:] == [
        "contract.created",
        "contract.confirmed",
        "contract.confirmed",
        "contract.signed",
    ]
    assert verify_procurement(s.procurement.reference).ok


def test_a_tampered_document_cannot_be_confirmed(in_standstill):
    s = in_standstill
    (contract,) = conclude(s, END + timedelta(seconds=1))
    with pytest.raises(FrozenError):  # the ORM refuses; an attacker writes to the table directly
        Contract.objects.filter(pk=contract.pk).update(document_pdf=b"%PDF-forged")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Contract._meta.db_table} SET document_pdf = %s WHERE id = %s",
            [b"%PDF-forged", Contract._meta.pk.get_db_prep_value(contract.pk, connection)],
        )
    contract.refresh_from_db()
    assert not services.verify_contract(contract)
    with pytest.raises(StateError, match="does not match"):
        services.confirm_contract(
            contract, principal=acting(s.officer, s.buyer), now=END + timedelta(seconds=2)
        )


def test_a_party_sends_a_structured_document_through_the_exchange(in_standstill):
    from heldigital.apps.exchange import services as exchange
    from heldigital.apps.exchange.models import Document
    from tests.platform.exchange.conftest import broken, invoice, order, registered

    s = in_standstill
    after = END + timedelta(seconds=1)
    (contract,) = conclude(s, after)
    registered(contract.supplier, after)
    registered(contract.buyer, after)
    sent = services.send_document(
        contract, principal=acting(s.officer, s.buyer), payload=order(), now=after
    )
    assert sent.organisation == s.buyer and sent.reference == f"contract:{contract.number}"
    received = Document.objects.get(organisation=contract.supplier, direction="in")
    assert received.family == "order" and received.reference == sent.reference
    back = services.send_document(
        contract,
        principal=acting(s.supplier_users[0], s.suppliers[0]),
        payload=invoice(),
        now=after,
    )
    assert back.receiver == contract.buyer.peppol_participant
    assert Document.objects.filter(organisation=s.buyer, direction="in").get().family == "invoice"
    events = ProtocolEvent.objects.filter(
        procurement_id=s.procurement.reference, type="contract.document_sent"
    )
    assert [e.data["party"] for e in events.order_by("sequence")] == ["buyer", "supplier"]
    # refused: invalid, or not a party; nothing sent, nothing recorded
    before = Document.objects.count()
    with pytest.raises(exchange.DocumentRefused):
        services.send_document(
            contract, principal=acting(s.officer, s.buyer), payload=broken(invoice()), now=after
        )
    with pytest.raises(PermissionDenied):
        services.send_document(
            contract,
            principal=acting(s.supplier_users[1], s.suppliers[1]),
            payload=order(),
            now=after,
        )
    assert Document.objects.count() == before
    assert events.count() == 2
    assert verify_procurement(s.procurement.reference).ok


def test_the_contracts_catalogue_goes_from_the_supplier_to_the_buyer(in_standstill):
    from heldigital.apps.exchange.models import Document
    from heldigital.rules import api as rules
    from tests.platform.exchange.conftest import registered

    s = in_standstill
    after = END + timedelta(seconds=1)
    (contract,) = conclude(s, after)
    registered(contract.buyer, after)
    catalogue = services.contract_catalogue(contract)
    assert catalogue == services.contract_catalogue(contract)  # deterministic
    report = rules.validate(catalogue)
    assert report.rule_set == "peppolbis-t19-base-3.0" and report.valid, report.errors
    # the oracle is the official rules: the OpenPEPPOL T19 XSLT in Saxon and the UBL XSD
    from heldigital import xml as hxml
    from tests.differential.configurations import route
    from tests.differential.oracle import official

    configuration = route(hxml.parse(catalogue).getroot())
    assert configuration is not None and configuration.name == "peppolbis-t19-base-3.0"
    verdict = official().verdict(
        catalogue, configuration.stylesheets, configuration.schema_for("Catalogue")
    )
    assert (verdict.fatal, verdict.errors, verdict.xsd_valid) == (frozenset(), (), True), verdict
    text = catalogue.decode()
    assert f"<cbc:ID>{contract.number}</cbc:ID>" in text
    with pytest.raises(PermissionDenied):
        services.send_catalogue(contract, principal=acting(s.officer, s.buyer), now=after)
    sent = services.send_catalogue(
        contract, principal=acting(s.supplier_users[0], s.suppliers[0]), now=after
    )
    assert sent.family == "catalogue" and sent.number == contract.number
    received = Document.objects.get(organisation=contract.buyer, direction="in")
    assert bytes(received.payload) == catalogue and received.valid
