"""Documents the supplier sends in the ordering tests, made with heldigital.ehf."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Document
from heldigital.ehf.catalogue import Catalogue
from heldigital.ehf.common import (
    CustomerParty,
    Identifier,
    Party,
    PartyLegalEntity,
    PartyName,
    Period,
    SupplierParty,
)
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.order import Order
from heldigital.ehf.order_response import LineAnswer, OrderResponse
from heldigital.rules import api as rules
from tests.platform.conftest import acting


def party(organisation) -> Party:
    return Party(
        endpoint_id=Identifier(organisation.orgnr, scheme_id="0192"),
        party_legal_entity=(PartyLegalEntity(registration_name=organisation.name),),
    )


def valid(data: bytes) -> bytes:
    """``data`` after checking it with heldigital.rules: zero fatal findings."""
    report = rules.validate(data)
    fatal = [e for e in report.errors if str(getattr(e.severity, "value", e.severity)) == "fatal"]
    assert not fatal, fatal
    return data


def price_update(f, prices: dict[str, Decimal], *, id="PRICES-2027", start=None, end=None) -> bytes:
    """The supplier's catalogue: the contract's lines with ``prices`` changed (line id ->
    price), valid ``start`` to ``end`` (the contract period by default)."""
    contract = f.contract
    items = []
    for item in Catalogue.from_xml(_contract_catalogue(contract)).items():
        if item.id in prices:
            item = replace(item, price=prices[item.id])
        items.append(item)
    return Catalogue.from_items(
        id=id,
        issue_date=date(2027, 1, 2),
        provider=party(contract.supplier),
        receiver=party(contract.buyer),
        items=items,
        currency=contract.currency,
        validity=Period(start_date=start or contract.starts_on, end_date=end or contract.ends_on),
        contract_id=contract.number,
        action_code="Replace",
    ).to_xml()


def _contract_catalogue(contract) -> bytes:
    from heldigital.apps.contracts import services

    return services.contract_catalogue(contract)


def supplier_sends(f, payload: bytes, now: datetime) -> Document:
    return exchange.send_as(
        acting(f.supplier_user, f.supplier),
        payload=valid(payload),
        receiver=f.buyer.peppol_participant,
        now=now,
    )


def received_order(f, number: str) -> Order:
    """The order as it arrived in the supplier's inbox."""
    document = Document.objects.get(organisation=f.supplier, direction="in", number=number)
    return Order.from_xml(bytes(document.payload))


def answer(f, number: str, now: datetime, code: str, lines=(), id="R1") -> Document:
    order = received_order(f, number)
    response = OrderResponse.answer(
        order, id=id, issue_date=now.date(), code=code, lines=list(lines)
    ).to_xml()
    return supplier_sends(f, response, now)


def despatch(f, number: str, now: datetime, quantities: dict[str, Decimal], id="D1") -> Document:
    order = received_order(f, number)
    advice = DespatchAdvice.from_order(order, quantities, id=id, issue_date=now.date())
    # the T16 data model has only a name or identifier for the buyer and the seller
    advice = replace(
        advice,
        buyer_customer_party=CustomerParty(party=Party(party_name=(PartyName(name=f.buyer.name),))),
        seller_supplier_party=SupplierParty(
            party=Party(party_name=(PartyName(name=f.supplier.name),))
        ),
    )
    return supplier_sends(f, advice.to_xml(), now)


__all__ = ["LineAnswer", "answer", "despatch", "party", "price_update", "received_order"]
