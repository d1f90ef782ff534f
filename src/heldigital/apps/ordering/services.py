"""Contract follow-up: catalogues, orders with approval, responses, deliveries (docs/ordering.md).

Plain functions; the API, the pages and other apps call them. Time is passed in
(``now``), never read here; the business rules are the pure functions of
:mod:`heldigital.decisions.ordering`.

* Catalogue: :func:`make_contract_catalogue` (version 1, from the contract's
  lines: :func:`heldigital.apps.contracts.services.contract_catalogue`),
  :func:`import_catalogue` (a supplier's PEPPOL Catalogue T19 as a price update,
  each line checked against the contract), :func:`decide_catalogue` (the buyer
  accepts or rejects; a Catalogue Response T58 goes back through the exchange).
* Orders: :func:`create_order` (the basket, a draft), :func:`set_basket`,
  :func:`submit_order`, :func:`approve_order` / :func:`decline_order` (budget
  authority), the Order T01 sent through the exchange once approved,
  :func:`cancel_order` (Order Cancellation T115 for a sent order).
* Received through the exchange (:func:`on_document_received`, registered with
  ``exchange.services.on_received``): Catalogue (T19), Order Response (T76),
  Despatch Advice (T16).
* The supplier's side: :func:`answer_order` (T76) and :func:`despatch_order` (T16),
  made from the order in the supplier's inbox.
* Goods receipt: :func:`register_receipt` (by hand, per line, full or partial),
  :func:`receive_despatch` (confirming a despatch advice).
* For invoice matching (the ``invoicing`` app): :func:`orders_for_matching`,
  :func:`receipts_for_order`, :func:`despatches_for_order` and, for a whole
  buyer at once, :func:`matching_documents`; plain
  :mod:`heldigital.matching.model` documents.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from heldigital import matching
from heldigital.apps.accounts.access import Principal
from heldigital.apps.accounts.models import Organisation, Role, User
from heldigital.apps.common import local_day, require_aware
from heldigital.apps.contracts import services as contracts
from heldigital.apps.contracts.models import Contract, ContractLine
from heldigital.apps.exchange import services as exchange
from heldigital.apps.exchange.models import Direction
from heldigital.apps.exchange.models import Document as ExchangeDocument
from heldigital.apps.ordering.models import (
    AuthorityRule,
    CatalogueLine,
    CatalogueSource,
    CatalogueStatus,
    CatalogueVersion,
    ContractTerms,
    DespatchRecord,
    GoodsReceipt,
    OrderApproval,
    OrderChangeRecord,
    OrderResponseRecord,
    OrderStatus,
    PurchaseOrder,
    PurchaseOrderLine,
    ThresholdRule,
)
from heldigital.decisions import ordering as rules
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.catalogue_response import CatalogueResponse
from heldigital.ehf.common import (
    Address,
    Country,
    CustomerParty,
    Identifier,
    OrderReference,
    Party,
    PartyLegalEntity,
    PartyName,
    SupplierParty,
)
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.mapping import Code, ModelError
from heldigital.ehf.order import Order as EhfOrder
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import CUSTOMIZATION_ID as CHANGE_CUSTOMIZATION_ID
from heldigital.ehf.order_change import PROFILE_ID as CHANGE_PROFILE_ID
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import OrderResponse
from heldigital.matching.ehf import (
    AdapterError,
    apply_order_response,
    despatch_from_ehf,
    order_from_ehf,
)
from heldigital.rules import validate
from heldigital.xml import DocumentError

logger = logging.getLogger(__name__)

__all__ = [
    "APPROVERS",
    "CATALOGUE_DECIDERS",
    "ORDERERS",
    "READERS",
    "RECEIVERS",
    "RULE_SETTERS",
    "LineReceipt",
    "OrderingError",
    "add_authority_rule",
    "add_threshold_rule",
    "answer_order",
    "approve_order",
    "cancel_order",
    "change_order",
    "create_order",
    "current_catalogue",
    "decide_catalogue",
    "decline_order",
    "despatch_order",
    "despatches_for_order",
    "import_catalogue",
    "make_contract_catalogue",
    "matching_documents",
    "matching_order",
    "on_document_received",
    "order_refusal",
    "orders_for_matching",
    "receipt_status",
    "receipts_for_order",
    "receive_despatch",
    "register_receipt",
    "search_catalogue",
    "set_basket",
    "set_terms",
    "submit_order",
    "terms_of",
]

#: Who accepts or rejects a supplier's catalogue, and sets a contract's follow-up terms.
CATALOGUE_DECIDERS = frozenset({Role.BUYER_ADMIN, Role.PROCUREMENT_OFFICER})
#: Who fills a basket and orders.
ORDERERS = frozenset({Role.REQUESTER, Role.PROCUREMENT_OFFICER, Role.BUYER_ADMIN})
#: Who approves orders (within the budget authority their rules give them).
APPROVERS = frozenset({Role.APPROVER, Role.BUYER_ADMIN})
#: Who registers goods receipts.
RECEIVERS = frozenset({Role.RECEIVER, Role.PROCUREMENT_OFFICER, Role.BUYER_ADMIN})
#: Who sets the approval rules.
RULE_SETTERS = frozenset({Role.BUYER_ADMIN})
#: Who reads the buyer's catalogues, orders and receipts.
READERS = CATALOGUE_DECIDERS | ORDERERS | APPROVERS | RECEIVERS | {Role.AUDITOR}

CENT = Decimal("0.01")
#: Order line amounts: quantity × price rounded half up to øre (as the T01 writer does).
AMOUNT_ROUNDING = ROUND_HALF_UP
#: Prices and quantities at or above this are refused (the columns hold 12-13 digits).
_LARGEST = Decimal("1e12")
#: The statuses of an order that the supplier has (it was sent).
SENT_STATUSES = (OrderStatus.SENT, OrderStatus.ACCEPTED, OrderStatus.CHANGED)


class OrderingError(Exception):
    """The step is not possible in the current state; the message says why (HTTP 409)."""


def _require(principal: Principal, organisation: Organisation, roles: frozenset[str]) -> None:
    if not principal.has_role(organisation, roles):
        raise PermissionDenied(_("Your roles in this organisation do not allow this."))


def _party(organisation: Organisation, *, address: bool = False) -> Party:
    """The organisation as an EHF party (``0192:<orgnr>``, its name); with ``address``
    its postal address (the country: the T01 order needs one for the seller)."""
    return Party(
        endpoint_id=Identifier(organisation.orgnr, scheme_id="0192"),
        postal_address=Address(country=Country(identification_code=Code("NO")))
        if address
        else None,
        party_legal_entity=(PartyLegalEntity(registration_name=organisation.name),),
    )


def _orgnr_of(party: Party | None) -> str | None:
    if party is None or party.endpoint_id is None:
        return None
    if party.endpoint_id.scheme_id not in (None, "0192"):
        return None
    return party.endpoint_id.value.strip()


def _findings(report: Any) -> list[dict[str, str]]:
    return [
        {"rule": f.rule, "location": f.location, "message": f.message}
        for f in report.errors
        if str(getattr(f.severity, "value", f.severity)) == "fatal"
    ]


# --- Contract terms ------------------------------------------------------------------------


def terms_of(contract: Contract) -> ContractTerms | None:
    return ContractTerms.objects.filter(contract=contract).first()


def set_terms(
    contract: Contract,
    *,
    principal: Principal,
    now: datetime,
    indexation_percent: Decimal | None = None,
    terminated_on: date | None = None,
    termination_reason: str = "",
) -> ContractTerms:
    """Set the contract's indexation allowance, or terminate it (from a day on, with a reason).

    A termination cannot be withdrawn; from its day on no order is accepted."""
    require_aware(now)
    _require(principal, contract.buyer, CATALOGUE_DECIDERS)
    if indexation_percent is not None and not (
        indexation_percent.is_finite() and Decimal(0) <= indexation_percent <= Decimal(100)
    ):
        raise ValidationError(
            {"indexation_percent": _("The indexation must be between 0 and 100 per cent.")}
        )
    if terminated_on is not None and not termination_reason.strip():
        raise ValidationError({"termination_reason": _("A termination needs a reason.")})
    with transaction.atomic():
        terms = ContractTerms.objects.select_for_update().filter(contract=contract).first()
        if terms is None:
            terms = ContractTerms(contract=contract)
        if terms.terminated_on is not None and terminated_on is not None:
            raise OrderingError(_("The contract is already terminated."))
        if indexation_percent is not None:
            terms.indexation_percent = indexation_percent
        if terminated_on is not None:
            terms.terminated_on = terminated_on
            terms.termination_reason = termination_reason.strip()[:500]
        terms.changed_at = now
        terms.changed_by = principal.actor[:200]
        terms.save()
    return terms


def order_refusal(contract: Contract, day: date) -> str | None:
    """Why no order may be placed under ``contract`` on ``day`` (None: it may)."""
    terms = terms_of(contract)
    return rules.contract_refusal(
        day,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        signed=contract.signed_at is not None,
        terminated_on=terms.terminated_on if terms is not None else None,
    )


def _refuse_order(contract: Contract, day: date) -> None:
    reason = order_refusal(contract, day)
    if reason is not None:
        raise OrderingError(
            _("No order can be placed under contract %(number)s: %(reason)s.")
            % {"number": contract.number, "reason": reason}
        )


# --- Catalogues ----------------------------------------------------------------------------


def _contract_line_ids(contract: Contract) -> dict[str, ContractLine]:
    """Contract lines by their catalogue line id (``<lot>-<line>`` with lots)."""
    return {
        (f"{line.lot}-{line.line_id}" if line.lot is not None else line.line_id): line
        for line in contract.lines.all()
    }


def _store_version(
    contract: Contract,
    payload: bytes,
    catalogue: Catalogue,
    *,
    source: str,
    now: datetime,
    document: ExchangeDocument | None = None,
) -> CatalogueVersion:
    """Store a catalogue version with every line checked against the contract."""
    Contract.objects.select_for_update().filter(pk=contract.pk).first()
    terms = terms_of(contract)
    indexation = Decimal(terms.indexation_percent) if terms is not None else Decimal(0)
    problems: list[str] = []
    validity = catalogue.validity_period[0] if catalogue.validity_period else None
    valid_from = validity.start_date if validity is not None else None
    valid_to = validity.end_date if validity is not None else None
    if valid_from is not None and valid_from < contract.starts_on:
        problems.append(
            f"the catalogue is valid from {valid_from}, before the contract period starts "
            f"({contract.starts_on})"
        )
    if valid_to is None or valid_to > contract.ends_on:
        problems.append(
            f"the catalogue is valid to {valid_to or 'no end'}, after the contract period ends "
            f"({contract.ends_on})"
        )
    items = catalogue.items()
    for item in items:
        for value in (item.price, item.quantity):
            if value is not None and abs(value) >= _LARGEST:
                raise ValidationError({"catalogue": f"line {item.id}: {value} is out of range"})
    currencies = {
        q.price.price_amount.currency_id
        for line in catalogue.catalogue_line
        for q in line.required_item_location_quantity
        if q.price is not None
    }
    if currencies - {contract.currency}:
        problems.append(
            f"prices in {', '.join(sorted(currencies))}, the contract is in {contract.currency}"
        )
    number = (
        CatalogueVersion.objects.filter(contract=contract).aggregate(n=Max("version"))["n"] or 0
    ) + 1
    accepted = source == CatalogueSource.CONTRACT
    version = CatalogueVersion.objects.create(
        contract=contract,
        version=number,
        source=source,
        catalogue_id=catalogue.id[:200],
        issue_date=catalogue.issue_date,
        valid_from=valid_from,
        valid_to=valid_to,
        currency=contract.currency,
        payload=payload,
        document=document,
        problems=problems,
        created_at=now,
        status=CatalogueStatus.ACCEPTED if accepted else CatalogueStatus.PROPOSED,
        decided_at=now if accepted else None,
        decided_by="platform" if accepted else "",
        decision_reason="made from the contract" if accepted else "",
    )
    by_id = _contract_line_ids(contract)
    seen: set[str] = set()
    for item in items:
        contract_line = by_id.get(item.id)
        if item.id in seen:
            check = rules.PriceCheck(False, None, "the line id is repeated")
        else:
            check = rules.check_price(
                item.price,
                Decimal(contract_line.unit_price) if contract_line is not None else None,
                indexation,
            )
        if check.ok and contract_line is not None and item.unit != contract_line.unit_code:
            check = rules.PriceCheck(
                False,
                check.allowed,
                f"the unit {item.unit} is not the contract's {contract_line.unit_code}",
            )
        seen.add(item.id)
        CatalogueLine(
            version=version,
            line_id=item.id[:60],
            name=(item.name or " ".join(item.description.split()[:8]))[:200],
            description=item.description,
            unit_code=(item.unit or "")[:3],
            quantity=item.quantity,
            price=item.price,
            contract_price=contract_line.unit_price if contract_line is not None else None,
            standard_id=":".join(reversed(item.standard_id))[:100] if item.standard_id else "",
            classification=(
                f"{item.classification[1]}:{item.classification[0]}"[:100]
                if item.classification
                else ""
            ),
            complies=check.ok,
            reason=check.reason[:300],
        ).save()
    return version


def make_contract_catalogue(
    contract: Contract, *, principal: Principal, now: datetime
) -> CatalogueVersion:
    """The contract catalogue made from the awarded tender's lines (once; version 1).

    Its lines are the contract's, so they keep to it; it is accepted as made."""
    require_aware(now)
    _require(principal, contract.buyer, CATALOGUE_DECIDERS)
    with transaction.atomic():
        Contract.objects.select_for_update().filter(pk=contract.pk).first()
        existing = CatalogueVersion.objects.filter(
            contract=contract, source=CatalogueSource.CONTRACT
        ).first()
        if existing is not None:
            return existing
        payload = contracts.contract_catalogue(contract)
        return _store_version(
            contract,
            payload,
            Catalogue.from_xml(payload),
            source=CatalogueSource.CONTRACT,
            now=now,
        )


def current_catalogue(contract: Contract) -> CatalogueVersion | None:
    """The catalogue version orders use: the latest accepted one."""
    return (
        CatalogueVersion.objects.filter(contract=contract, status=CatalogueStatus.ACCEPTED)
        .order_by("-version")
        .first()
    )


def _read_catalogue(data: bytes, now: datetime) -> tuple[Catalogue, list[dict[str, str]]]:
    report = validate(data, on=local_day(now))
    findings = _findings(report)
    try:
        catalogue = Catalogue.from_xml(data)
    except (DocumentError, ModelError, ValueError) as exc:
        raise ValidationError({"catalogue": str(exc)}) from exc
    return catalogue, findings


def _contract_for_catalogue(buyer: Organisation, catalogue: Catalogue) -> Contract | None:
    numbers = [c.id for c in catalogue.referenced_contract if c.id]
    numbers.append(catalogue.id)
    supplier = _orgnr_of(catalogue.provider_party)
    for contract in Contract.objects.filter(buyer=buyer, number__in=numbers).select_related(
        "supplier"
    ):
        if supplier == contract.supplier.orgnr:
            return contract
    return None


def import_catalogue(
    contract: Contract,
    data: bytes,
    *,
    now: datetime,
    principal: Principal | None = None,
    document: ExchangeDocument | None = None,
) -> CatalogueVersion:
    """A supplier's catalogue (T19) as a proposed price update of ``contract``.

    Validated with :mod:`heldigital.rules` (a fatal finding refuses it:
    ``ValidationError``); its provider must be the contract's supplier and its
    receiver the buyer. Each line is checked against the contract
    (:func:`heldigital.decisions.ordering.check_price`) and the catalogue's
    validity against the contract period; the buyer then decides."""
    require_aware(now)
    if principal is not None:
        _require(principal, contract.buyer, CATALOGUE_DECIDERS)
    catalogue, findings = _read_catalogue(data, now)
    if findings:
        raise ValidationError(
            {"catalogue": [f"{f['rule']}: {f['message']}" for f in findings[:20]]}
        )
    if _orgnr_of(catalogue.provider_party) != contract.supplier.orgnr:
        raise ValidationError(
            {"catalogue": _("The catalogue's provider is not the contract's supplier.")}
        )
    if _orgnr_of(catalogue.receiver_party) != contract.buyer.orgnr:
        raise ValidationError(
            {"catalogue": _("The catalogue's receiver is not the contract's buyer.")}
        )
    with transaction.atomic():
        return _store_version(
            contract, data, catalogue, source=CatalogueSource.SUPPLIER, now=now, document=document
        )


def _rejection_reason(version: CatalogueVersion) -> str:
    reasons = list(version.problems)
    reasons += [
        f"line {line.line_id}: {line.reason}" for line in version.lines.all() if not line.complies
    ]
    return "; ".join(reasons)


def decide_catalogue(
    version: CatalogueVersion,
    *,
    principal: Principal,
    accept: bool,
    now: datetime,
    reason: str = "",
) -> CatalogueVersion:
    """The buyer accepts or rejects a proposed catalogue version; the Catalogue Response
    (T58: ``AP`` or ``RE`` with the reason) goes to the supplier through the exchange.

    A version that breaks the contract (a line above the allowed price, not in the
    contract, a validity outside the contract period) cannot be accepted; a rejection
    without a reason of its own gives the reasons of the check."""
    require_aware(now)
    contract = version.contract
    _require(principal, contract.buyer, CATALOGUE_DECIDERS)
    with transaction.atomic():
        row = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
        if row.status != CatalogueStatus.PROPOSED:
            raise OrderingError(
                _("The catalogue version is already decided (%(status)s).")
                % {"status": row.get_status_display()}
            )
        broken = _rejection_reason(row)
        if accept and broken:
            raise OrderingError(
                _("The catalogue does not keep to the contract: %(reasons)s") % {"reasons": broken}
            )
        text = reason.strip() or ("" if accept else broken) or "rejected by the buyer"
        response = CatalogueResponse.build(
            id=f"{row.catalogue_id[:150]}-R{row.version}",
            issue_date=local_day(now),
            sender=_party(contract.buyer),
            receiver=_party(contract.supplier),
            catalogue_id=row.catalogue_id,
            response_code="AP" if accept else "RE",
            # the T58 data model has no reason element (cac:Response holds only the
            # code): the reason goes in the document's note
            note=text[:1000] or None,
        ).to_xml()
        sent = exchange.send(
            organisation=contract.buyer,
            payload=response,
            receiver=contract.supplier.peppol_participant,
            now=now,
            actor=principal.actor,
            reference=f"contract:{contract.number}",
        )
        row.status = CatalogueStatus.ACCEPTED if accept else CatalogueStatus.REJECTED
        row.decided_at = now
        row.decided_by = principal.actor[:200]
        row.decision_reason = text if not accept else reason.strip()
        row.response = sent
        row.save(
            update_fields=["status", "decided_at", "decided_by", "decision_reason", "response"]
        )
    return row


def search_catalogue(contract: Contract, text: str = "") -> list[CatalogueLine]:
    """The lines of the current catalogue whose id, name, description or identifiers
    contain ``text`` (all lines without text)."""
    version = current_catalogue(contract)
    if version is None:
        return []
    lines = version.lines.all()
    text = text.strip()[:200]
    if text:
        from django.db.models import Q

        lines = lines.filter(
            Q(line_id__icontains=text)
            | Q(name__icontains=text)
            | Q(description__icontains=text)
            | Q(standard_id__icontains=text)
            | Q(classification__icontains=text)
        )
    return list(lines.order_by("id"))


# --- Approval rules ------------------------------------------------------------------------


def add_threshold_rule(
    buyer: Organisation,
    *,
    principal: Principal,
    name: str,
    effective_from: date,
    no_approval_up_to: Decimal,
    second_level_above: Decimal,
    now: datetime,
) -> ThresholdRule:
    require_aware(now)
    _require(principal, buyer, RULE_SETTERS)
    if not name.strip():
        raise ValidationError({"name": _("A rule needs a name.")})
    if no_approval_up_to < 0 or second_level_above < no_approval_up_to:
        raise ValidationError(
            {
                "second_level_above": _(
                    "The second level must start at or above the amount that needs no approval."
                )
            }
        )
    rule = ThresholdRule(
        buyer=buyer,
        name=name.strip()[:100],
        effective_from=effective_from,
        no_approval_up_to=no_approval_up_to,
        second_level_above=second_level_above,
        created_at=now,
        created_by=principal.actor[:200],
    )
    rule.save()
    return rule


def add_authority_rule(
    buyer: Organisation,
    *,
    principal: Principal,
    name: str,
    effective_from: date,
    approver: User,
    cost_centre: str,
    limit: Decimal,
    now: datetime,
) -> AuthorityRule:
    require_aware(now)
    _require(principal, buyer, RULE_SETTERS)
    if not name.strip():
        raise ValidationError({"name": _("A rule needs a name.")})
    if not cost_centre.strip():
        raise ValidationError({"cost_centre": _("Give a cost centre, or * for every one.")})
    if limit < 0:
        raise ValidationError({"limit": _("The limit cannot be negative.")})
    if not approver.memberships.filter(organisation=buyer, role__in=APPROVERS).exists():
        raise ValidationError({"approver": _("The approver must be an approver of the buyer.")})
    rule = AuthorityRule(
        buyer=buyer,
        name=name.strip()[:100],
        effective_from=effective_from,
        approver=approver,
        cost_centre=cost_centre.strip()[:60],
        limit=limit,
        created_at=now,
        created_by=principal.actor[:200],
    )
    rule.save()
    return rule


def _thresholds(buyer: Organisation) -> list[rules.ThresholdRule]:
    return [
        rules.ThresholdRule(
            r.name, r.effective_from, Decimal(r.no_approval_up_to), Decimal(r.second_level_above)
        )
        for r in ThresholdRule.objects.filter(buyer=buyer)
    ]


def _authorities(buyer: Organisation) -> list[rules.AuthorityRule]:
    return [
        rules.AuthorityRule(
            r.name, r.effective_from, str(r.approver_id), r.cost_centre, Decimal(r.limit)
        )
        for r in AuthorityRule.objects.filter(buyer=buyer)
    ]


def _facts(order: PurchaseOrder) -> rules.OrderFacts:
    return rules.OrderFacts(Decimal(order.total), order.cost_centre, str(order.requester_id))


def _approvals(order: PurchaseOrder) -> list[rules.Approval]:
    return [rules.Approval(str(a.approver_id), a.rule) for a in order.approvals.order_by("level")]


# --- Orders --------------------------------------------------------------------------------


def _quantities(lines: Mapping[str, Any]) -> dict[str, Decimal]:
    if not lines:
        raise ValidationError({"lines": _("The basket is empty.")})
    quantities = {}
    for line_id, value in lines.items():
        try:
            quantity = Decimal(str(value))
        except ArithmeticError:
            quantity = Decimal("NaN")
        if not quantity.is_finite() or quantity <= 0 or quantity > Decimal("999999999999"):
            raise ValidationError(
                {"lines": _("Line %(line)s: the quantity must be positive.") % {"line": line_id}}
            )
        quantities[str(line_id)] = quantity
    return quantities


def _fill(order: PurchaseOrder, version: CatalogueVersion, quantities: dict[str, Decimal]) -> None:
    by_id = {line.line_id: line for line in version.lines.all()}
    total = Decimal("0.00")
    rows = []
    for number, (line_id, quantity) in enumerate(quantities.items(), start=1):
        line = by_id.get(line_id)
        if line is None:
            raise ValidationError(
                {"lines": _("The catalogue has no line %(line)s.") % {"line": line_id}}
            )
        if line.price is None or not line.complies:
            raise ValidationError(
                {
                    "lines": _("Line %(line)s cannot be ordered: %(reason)s")
                    % {"line": line_id, "reason": line.reason}
                }
            )
        price = Decimal(line.price)
        amount = (quantity * price).quantize(CENT, rounding=AMOUNT_ROUNDING)
        total += amount
        rows.append(
            PurchaseOrderLine(
                order=order,
                line_id=str(number),
                catalogue_line=line,
                name=line.name,
                unit_code=line.unit_code,
                quantity=quantity,
                unit_price=price,
                amount=amount,
            )
        )
    order.lines.all().delete()
    PurchaseOrderLine.objects.bulk_create(rows)
    order.total = total
    order.save(update_fields=["total"])


def create_order(
    contract: Contract,
    *,
    principal: Principal,
    lines: Mapping[str, Any],
    cost_centre: str,
    now: datetime,
    note: str = "",
    three_way: bool = True,
) -> PurchaseOrder:
    """A basket (a draft order) of ``lines`` (catalogue line id to quantity) of the
    contract's current catalogue. Refused with the reason when the contract is not
    valid today (not signed, terminated, outside its period)."""
    require_aware(now)
    _require(principal, contract.buyer, ORDERERS)
    _refuse_order(contract, local_day(now))
    quantities = _quantities(lines)
    if not cost_centre.strip():
        raise ValidationError({"cost_centre": _("Give the cost centre the order is charged to.")})
    with transaction.atomic():
        Contract.objects.select_for_update().filter(pk=contract.pk).first()
        version = current_catalogue(contract)
        if version is None:
            raise OrderingError(_("The contract has no accepted catalogue to order from."))
        count = PurchaseOrder.objects.filter(contract=contract).count()
        order = PurchaseOrder.objects.create(
            buyer=contract.buyer,
            contract=contract,
            catalogue=version,
            number=f"{contract.number}-O{count + 1}",
            requester=principal.user,
            cost_centre=cost_centre.strip()[:60],
            note=note.strip()[:500],
            currency=contract.currency,
            total=Decimal("0.00"),
            three_way=three_way,
            status=OrderStatus.DRAFT,
            created_at=now,
        )
        _fill(order, version, quantities)
    return order


def _locked(order: PurchaseOrder) -> PurchaseOrder:
    return PurchaseOrder.objects.select_for_update().select_related("contract").get(pk=order.pk)


def set_basket(
    order: PurchaseOrder, *, principal: Principal, lines: Mapping[str, Any], now: datetime
) -> PurchaseOrder:
    """Replace the lines of a basket (a draft order) of the principal."""
    require_aware(now)
    _require(principal, order.buyer, ORDERERS)
    quantities = _quantities(lines)
    with transaction.atomic():
        row = _locked(order)
        if row.status != OrderStatus.DRAFT:
            raise OrderingError(_("Only a basket that is not submitted can be changed."))
        if row.requester_id != principal.user.pk:
            raise PermissionDenied(_("Only the requester changes the basket."))
        version = current_catalogue(row.contract)
        if version is None:
            raise OrderingError(_("The contract has no accepted catalogue to order from."))
        row.catalogue = version
        row.save(update_fields=["catalogue"])
        _fill(row, version, quantities)
    return row


def _ehf_order(order: PurchaseOrder, issue: date) -> bytes:
    """The order as a PEPPOL BIS Order (T01) from the stored catalogue lines."""
    contract = order.contract
    lines = list(order.lines.select_related("catalogue_line").order_by("id"))
    items = [
        CatalogueItem(
            id=line.catalogue_line.line_id,
            name=line.name,
            description=line.catalogue_line.description or line.name,
            unit=line.unit_code,
            price=Decimal(line.unit_price),
            standard_id=(
                tuple(reversed(line.catalogue_line.standard_id.split(":", 1)))  # type: ignore[arg-type]
                if ":" in line.catalogue_line.standard_id
                else None
            ),
        )
        for line in lines
    ]
    catalogue = Catalogue.from_items(
        id=order.catalogue.catalogue_id,
        issue_date=order.catalogue.issue_date,
        provider=_party(contract.supplier, address=True),
        receiver=_party(contract.buyer, address=True),
        items=items,
        currency=order.currency,
        validity=None,
        contract_id=contract.number,
    )
    ehf = EhfOrder.from_catalogue(
        catalogue,
        {line.catalogue_line.line_id: Decimal(line.quantity) for line in lines},
        id=order.number,
        issue_date=issue,
        note=order.note or None,
        customer_reference=order.requester.get_full_name() or order.requester.get_username(),
        accounting_cost=order.cost_centre,
    )
    return ehf.to_xml()


def _send(order: PurchaseOrder, *, actor: str, now: datetime) -> None:
    """Send the approved order (T01) to the supplier through the exchange."""
    _refuse_order(order.contract, local_day(now))
    payload = _ehf_order(order, local_day(now))
    sent = exchange.send(
        organisation=order.buyer,
        payload=payload,
        receiver=order.contract.supplier.peppol_participant,
        now=now,
        actor=actor,
        reference=f"contract:{order.contract.number}",
    )
    order.payload = payload
    order.document = sent
    order.sent_at = now
    order.status = OrderStatus.SENT
    order.save(update_fields=["payload", "document", "sent_at", "status"])


def submit_order(order: PurchaseOrder, *, principal: Principal, now: datetime) -> PurchaseOrder:
    """The requester submits the basket: by the threshold rule in force it is sent at once
    (no approval needed) or waits for one or two approvals."""
    require_aware(now)
    _require(principal, order.buyer, ORDERERS)
    with transaction.atomic():
        row = _locked(order)
        if row.status != OrderStatus.DRAFT:
            raise OrderingError(_("The order is already submitted."))
        if row.requester_id != principal.user.pk:
            raise PermissionDenied(_("Only the requester submits the basket."))
        _refuse_order(row.contract, local_day(now))
        state = rules.approval_state(local_day(now), _thresholds(row.buyer), _facts(row), [])
        row.submitted_at = now
        row.approval_rules = list(state.decided_by)
        row.status = OrderStatus.AWAITING_APPROVAL
        row.save(update_fields=["submitted_at", "approval_rules", "status"])
        if state.approved:
            _send(row, actor=principal.actor, now=now)
    return row


def approve_order(order: PurchaseOrder, *, principal: Principal, now: datetime) -> PurchaseOrder:
    """An approver gives the next approval; with enough approvals the order is sent.

    Decided under the order's row lock: of two approvers at the same time, the second
    sees the first one's approval (and gives the second level, or is refused)."""
    require_aware(now)
    _require(principal, order.buyer, APPROVERS)
    with transaction.atomic():
        row = _locked(order)
        if row.status != OrderStatus.AWAITING_APPROVAL:
            raise OrderingError(
                _("The order is not awaiting approval (%(status)s).")
                % {"status": row.get_status_display()}
            )
        day = local_day(now)
        approvals = _approvals(row)
        refusal, authority = rules.approver_refusal(
            day,
            _thresholds(row.buyer),
            _authorities(row.buyer),
            _facts(row),
            approvals,
            str(principal.user.pk),
        )
        if refusal is not None:
            raise PermissionDenied(
                _("You cannot approve this order: %(reason)s.") % {"reason": refusal}
            )
        assert authority is not None
        OrderApproval(
            order=row,
            level=len(approvals) + 1,
            approver=principal.user,
            rule=authority.name,
            approved_at=now,
        ).save()
        state = rules.approval_state(day, _thresholds(row.buyer), _facts(row), _approvals(row))
        row.approval_rules = list(state.decided_by)
        row.save(update_fields=["approval_rules"])
        if state.approved:
            _send(row, actor=principal.actor, now=now)
    return row


def decline_order(
    order: PurchaseOrder, *, principal: Principal, now: datetime, reason: str
) -> PurchaseOrder:
    """An approver declines an order awaiting approval (with a reason); it is not sent."""
    require_aware(now)
    _require(principal, order.buyer, APPROVERS)
    if not reason.strip():
        raise ValidationError({"reason": _("Declining an order needs a reason.")})
    with transaction.atomic():
        row = _locked(order)
        if row.status != OrderStatus.AWAITING_APPROVAL:
            raise OrderingError(_("The order is not awaiting approval."))
        row.status = OrderStatus.CANCELLED
        row.cancellation_reason = reason.strip()[:500]
        row.save(update_fields=["status", "cancellation_reason"])
    return row


def cancel_order(
    order: PurchaseOrder, *, principal: Principal, now: datetime, reason: str
) -> PurchaseOrder:
    """Cancel an order. Not yet sent: it is simply cancelled. Sent and nothing despatched
    or received yet: an Order Cancellation (T115) goes to the supplier. Otherwise refused."""
    require_aware(now)
    _require(principal, order.buyer, ORDERERS)
    if not reason.strip():
        raise ValidationError({"reason": _("A cancellation needs a reason.")})
    with transaction.atomic():
        row = _locked(order)
        if row.status in (OrderStatus.CANCELLED, OrderStatus.REJECTED):
            raise OrderingError(_("The order is already cancelled or rejected."))
        if row.status in SENT_STATUSES:
            if row.despatches.exists() or row.receipts.exists():
                raise OrderingError(
                    _("The order cannot be cancelled: goods are already despatched or received.")
                )
            assert row.payload is not None
            cancellation = OrderCancellation.for_order(
                EhfOrder.from_xml(bytes(row.payload)),
                id=f"{row.number}-C",
                issue_date=local_day(now),
                reason=reason.strip()[:500],
            ).to_xml()
            exchange.send(
                organisation=row.buyer,
                payload=cancellation,
                receiver=row.contract.supplier.peppol_participant,
                now=now,
                actor=principal.actor,
                reference=f"contract:{row.contract.number}",
            )
        row.status = OrderStatus.CANCELLED
        row.cancellation_reason = reason.strip()[:500]
        row.save(update_fields=["status", "cancellation_reason"])
    return row


def change_order(
    order: PurchaseOrder,
    *,
    principal: Principal,
    lines: Mapping[str, Any],
    now: datetime,
    reason: str,
) -> PurchaseOrder:
    """Reduce the quantity of lines of a sent order (0 drops a line) with an Order Change
    (T114) to the supplier. Only reductions (more is a new order, with its approval), never
    below what is already received, and only while the contract is valid."""
    require_aware(now)
    _require(principal, order.buyer, ORDERERS)
    if not reason.strip():
        raise ValidationError({"reason": _("An order change needs a reason.")})
    if not lines:
        raise ValidationError({"lines": _("Name the lines to change.")})
    wanted: dict[str, Decimal] = {}
    for line_id, value in lines.items():
        try:
            quantity = Decimal(str(value))
        except ArithmeticError:
            quantity = Decimal("NaN")
        if not quantity.is_finite() or quantity < 0:
            raise ValidationError(
                {"lines": _("Line %(line)s: the quantity must be 0 or more.") % {"line": line_id}}
            )
        wanted[str(line_id)] = quantity
    with transaction.atomic():
        row = _locked(order)
        if row.status not in SENT_STATUSES:
            raise OrderingError(
                _("Only an order sent to the supplier can be changed (%(status)s).")
                % {"status": row.get_status_display()}
            )
        _refuse_order(row.contract, local_day(now))
        status = {line.line_id: line for line in receipt_status(row)}
        for line_id, quantity in wanted.items():
            line = status.get(line_id)
            if line is None:
                raise ValidationError(
                    {"lines": _("The order has no line %(line)s.") % {"line": line_id}}
                )
            if quantity >= line.agreed:
                raise ValidationError(
                    {
                        "lines": _(
                            "Line %(line)s: a change only reduces the quantity (now %(agreed)s); "
                            "order more with a new order."
                        )
                        % {"line": line_id, "agreed": line.agreed}
                    }
                )
            if quantity < line.received:
                raise ValidationError(
                    {
                        "lines": _("Line %(line)s: %(received)s is already received.")
                        % {"line": line_id, "received": line.received}
                    }
                )
        sequence = row.changes.count() + 1
        assert row.payload is not None
        change = _ehf_change(
            EhfOrder.from_xml(bytes(row.payload)),
            {line_id: line.agreed for line_id, line in status.items()},
            wanted,
            id=f"{row.number}-E{sequence}",
            sequence=sequence,
            issue_date=local_day(now),
            reason=reason.strip()[:500],
        )
        sent = exchange.send(
            organisation=row.buyer,
            payload=change,
            receiver=row.contract.supplier.peppol_participant,
            now=now,
            actor=principal.actor,
            reference=f"contract:{row.contract.number}",
        )
        OrderChangeRecord(
            order=row,
            sequence=sequence,
            document=sent,
            reason=reason.strip()[:500],
            lines=[{"order_line_id": k, "quantity": str(v)} for k, v in wanted.items()],
            sent_at=now,
            sent_by=principal.actor[:200],
        ).save()
        for line in row.lines.filter(line_id__in=list(wanted)):
            line.agreed_quantity = wanted[line.line_id]
            if line.agreed_price is None:
                line.agreed_price = line.unit_price
            line.save(update_fields=["agreed_quantity", "agreed_price"])
    return row


def _change_code(line_id: str, wanted: Mapping[str, Decimal]) -> str:
    if line_id not in wanted:
        return "4"
    return "2" if wanted[line_id] == 0 else "3"


def _ehf_change(
    order: EhfOrder,
    current: Mapping[str, Decimal],
    wanted: Mapping[str, Decimal],
    *,
    id: str,
    sequence: int,
    issue_date: date,
    reason: str,
) -> bytes:
    """The Order Change (T114): every line of the order with its quantity now; line
    status (UNCL1229, the T114 subset) 3 changed, 2 deleted (changed to 0), 4 no action
    for the others; line amounts recomputed."""
    lines = []
    for order_line in order.order_line:
        item = order_line.line_item
        quantity = wanted.get(
            item.id, current.get(item.id, item.quantity.value if item.quantity else Decimal(0))
        )
        amount = item.line_extension_amount
        if item.price is not None and amount is not None:
            base = item.price.base_quantity.value if item.price.base_quantity else Decimal(1)
            amount = replace(
                amount,
                value=(quantity * item.price.price_amount.value / base).quantize(
                    CENT, rounding=AMOUNT_ROUNDING
                ),
            )
        lines.append(
            replace(
                order_line,
                line_item=replace(
                    item,
                    line_status_code=_change_code(item.id, wanted),
                    quantity=replace(item.quantity, value=quantity) if item.quantity else None,
                    line_extension_amount=amount,
                ),
            )
        )
    return OrderChange(
        customization_id=CHANGE_CUSTOMIZATION_ID,
        profile_id=CHANGE_PROFILE_ID,
        id=id,
        issue_date=issue_date,
        sequence_number_id=str(sequence),
        note=(reason,),
        document_currency_code=(
            order.document_currency_code.value if order.document_currency_code else None
        ),
        customer_reference=order.customer_reference,
        accounting_cost=order.accounting_cost,
        order_reference=OrderReference(id=Identifier(order.id)),
        contract=order.contract,
        buyer_customer_party=order.buyer_customer_party,
        seller_supplier_party=order.seller_supplier_party,
        order_line=tuple(lines),
    ).to_xml()


# --- Received through the exchange ---------------------------------------------------------


def _order_of(buyer: Organisation, number: str, sender: str) -> PurchaseOrder | None:
    order = (
        PurchaseOrder.objects.select_for_update()
        .select_related("contract__supplier")
        .filter(buyer=buyer, number=number)
        .exclude(status__in=(OrderStatus.DRAFT, OrderStatus.AWAITING_APPROVAL))
        .first()
    )
    if order is None or not sender.endswith(order.contract.supplier.peppol_id):
        return None
    return order


def _apply_response(document: ExchangeDocument, response: OrderResponse) -> None:
    if response.transaction not in ("T76", "T116"):
        return
    for reference in response.order_reference:
        order = _order_of(document.organisation, reference.id.value, document.sender)
        if order is None:
            continue
        answers = []
        for answer in response.order_line:
            item = answer.line_item
            line_id = (
                answer.order_line_reference[0].line_id if answer.order_line_reference else item.id
            )
            price = None
            if item.price is not None:
                base = item.price.base_quantity.value if item.price.base_quantity else Decimal(1)
                price = item.price.price_amount.value / base if base else None
            answers.append(
                {
                    "line_id": line_id,
                    "status": item.line_status_code or "",
                    "quantity": str(item.quantity.value) if item.quantity is not None else None,
                    "price": str(price) if price is not None else None,
                }
            )
        OrderResponseRecord(
            order=order,
            document=document,
            number=response.id[:200],
            code=response.order_response_code,
            note="\n".join(response.note)[:2000],
            lines=answers,
            received_at=document.created_at,
        ).save()
        if order.status == OrderStatus.CANCELLED or response.transaction != "T76":
            continue
        code = response.order_response_code
        lines = {line.line_id: line for line in order.lines.all()}
        if code == "AP":
            order.status = OrderStatus.ACCEPTED
            for line in lines.values():
                line.response_status = "5"
                line.agreed_quantity, line.agreed_price = line.quantity, line.unit_price
        elif code == "RE":
            order.status = OrderStatus.REJECTED
            for line in lines.values():
                line.response_status = "7"
                line.agreed_quantity, line.agreed_price = Decimal(0), line.unit_price
        elif code == "CA":
            order.status = OrderStatus.CHANGED
            for answer_row in answers:
                line = lines.get(answer_row["line_id"])
                if line is None:
                    continue
                status = answer_row["status"]
                line.response_status = status[:2]
                if status == "7":
                    line.agreed_quantity, line.agreed_price = Decimal(0), line.unit_price
                elif status == "3":
                    line.agreed_quantity = Decimal(answer_row["quantity"] or line.quantity)
                    line.agreed_price = Decimal(answer_row["price"] or line.unit_price)
                else:
                    line.agreed_quantity, line.agreed_price = line.quantity, line.unit_price
        else:  # AB: acknowledged, nothing changes
            order.response_code = order.response_code or code
            order.save(update_fields=["response_code"])
            continue
        order.response_code = code
        order.save(update_fields=["status", "response_code"])
        for line in lines.values():
            line.save(update_fields=["response_status", "agreed_quantity", "agreed_price"])


def _apply_despatch(document: ExchangeDocument, advice: DespatchAdvice) -> None:
    despatch = despatch_from_ehf(advice)
    order = _order_of(document.organisation, despatch.order_id, document.sender)
    if order is None:
        return
    known = set(order.lines.values_list("line_id", flat=True))
    if any(line.order_line_id not in known for line in despatch.lines):
        logger.warning("despatch advice %s names lines not in order %s", advice.id, order.number)
        return
    DespatchRecord(
        order=order,
        document=document,
        number=advice.id[:200],
        lines=[
            {"order_line_id": line.order_line_id, "quantity": str(line.quantity)}
            for line in despatch.lines
        ],
        received_at=document.created_at,
    ).save()


def on_document_received(document: ExchangeDocument) -> None:
    """The exchange's ``on_received`` handler: catalogues, order responses and despatch
    advices that arrive in a buyer's inbox are taken over (documents that name no
    contract or order of the buyer, or that cannot be read, stay in the inbox only)."""
    if document.direction != Direction.INBOUND or not document.valid:
        return
    if document.family not in ("catalogue", "order_response", "despatch_advice"):
        return
    payload = bytes(document.payload)
    try:
        with transaction.atomic():  # a savepoint: what fails here leaves the delivery be
            _take_over(document, payload)
    except (ValueError, ArithmeticError, ValidationError, DatabaseError) as exc:
        # ValueError: DocumentError, ModelError, AdapterError (documents it cannot read)
        logger.warning("ordering: document %s not taken over: %s", document.pk, exc)


def _take_over(document: ExchangeDocument, payload: bytes) -> None:
    if document.family == "catalogue":
        catalogue = Catalogue.from_xml(payload)
        contract = _contract_for_catalogue(document.organisation, catalogue)
        if contract is not None and document.sender.endswith(contract.supplier.peppol_id):
            _store_version(
                contract,
                payload,
                catalogue,
                source=CatalogueSource.SUPPLIER,
                now=document.created_at,
                document=document,
            )
    elif document.family == "order_response":
        _apply_response(document, OrderResponse.from_xml(payload))
    else:
        _apply_despatch(document, DespatchAdvice.from_xml(payload))


# --- The supplier's side -------------------------------------------------------------------


def _received_order(document: ExchangeDocument, principal: Principal) -> EhfOrder:
    if not principal.is_supplier_user(document.organisation):
        raise PermissionDenied(_("Only the supplier's users answer the orders it received."))
    if document.direction != Direction.INBOUND or document.family != "order":
        raise OrderingError(_("The document is not an order received."))
    return EhfOrder.from_xml(bytes(document.payload))


def answer_order(
    document: ExchangeDocument,
    *,
    principal: Principal,
    code: str,
    now: datetime,
    lines: Any = (),
    note: str | None = None,
) -> ExchangeDocument:
    """The supplier answers an order in its inbox with an Order Response (T76): ``AP``,
    ``RE``, ``CA`` with ``lines`` (:class:`heldigital.ehf.order_response.LineAnswer`) or
    ``AB``; sent back to the buyer through the exchange. Nothing is typed again: the
    response is made from the order as received."""
    require_aware(now)
    order = _received_order(document, principal)
    answered = ExchangeDocument.objects.filter(
        organisation=document.organisation, direction=Direction.OUTBOUND, family="order_response"
    ).count()
    try:
        response = OrderResponse.answer(
            order,
            id=f"{order.id}-R{answered + 1}"[:200],
            issue_date=local_day(now),
            code=code,
            lines=list(lines),
            note=note,
        ).to_xml()
    except ModelError as exc:
        raise ValidationError({"code": str(exc)}) from exc
    return exchange.send(
        organisation=document.organisation,
        payload=response,
        receiver=document.sender,
        now=now,
        actor=principal.actor,
        reference=document.reference,
    )


def despatch_order(
    document: ExchangeDocument,
    *,
    principal: Principal,
    quantities: Mapping[str, Decimal],
    now: datetime,
    despatched_on: date | None = None,
) -> ExchangeDocument:
    """The supplier sends a Despatch Advice (T16) for an order in its inbox: order line id
    to the quantity sent (what remains is outstanding)."""
    require_aware(now)
    order = _received_order(document, principal)
    sent = ExchangeDocument.objects.filter(
        organisation=document.organisation, direction=Direction.OUTBOUND, family="despatch_advice"
    ).count()
    try:
        advice = DespatchAdvice.from_order(
            order,
            dict(quantities),
            id=f"{order.id}-D{sent + 1}"[:200],
            issue_date=local_day(now),
            despatch_date=despatched_on or local_day(now),
        )
    except ModelError as exc:
        raise ValidationError({"quantities": str(exc)}) from exc
    # The T16 data model has only a name or an identifier for the buyer and the seller
    # (PEPPOL-T16-B06601, -B08301, -R008, -R009): the order's parties are reduced to names.
    advice = replace(
        advice,
        buyer_customer_party=CustomerParty(party=_named(order.buyer_customer_party.party)),
        seller_supplier_party=SupplierParty(party=_named(order.seller_supplier_party.party)),
    )
    return exchange.send(
        organisation=document.organisation,
        payload=advice.to_xml(),
        receiver=document.sender,
        now=now,
        actor=principal.actor,
        reference=document.reference,
    )


def _named(party: Party) -> Party:
    name = party.name or party.registration_name or ""
    return Party(party_name=(PartyName(name=name),))


# --- Goods receipt -------------------------------------------------------------------------


@dataclass(frozen=True)
class LineReceipt:
    line_id: str
    name: str
    ordered: Decimal
    agreed: Decimal
    despatched: Decimal
    received: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.agreed - self.received, Decimal(0))

    @property
    def status(self) -> str:
        if self.received >= self.agreed:
            return "full"
        return "partial" if self.received > 0 else "none"


def receipt_status(order: PurchaseOrder) -> list[LineReceipt]:
    """Per order line: ordered, agreed (after the supplier's response), despatched, received."""
    received: dict[str, Decimal] = {}
    for receipt in order.receipts.all():
        for line in receipt.lines:
            received[line["order_line_id"]] = received.get(
                line["order_line_id"], Decimal(0)
            ) + Decimal(line["quantity"])
    despatched: dict[str, Decimal] = {}
    for despatch in order.despatches.all():
        for line in despatch.lines:
            despatched[line["order_line_id"]] = despatched.get(
                line["order_line_id"], Decimal(0)
            ) + Decimal(line["quantity"])
    return [
        LineReceipt(
            line_id=line.line_id,
            name=line.name,
            ordered=Decimal(line.quantity),
            agreed=Decimal(
                line.agreed_quantity if line.agreed_quantity is not None else line.quantity
            ),
            despatched=despatched.get(line.line_id, Decimal(0)),
            received=received.get(line.line_id, Decimal(0)),
        )
        for line in order.lines.order_by("id")
    ]


def _store_receipt(
    order: PurchaseOrder,
    quantities: dict[str, Decimal],
    *,
    principal: Principal,
    now: datetime,
    received_on: date,
    despatch: DespatchRecord | None = None,
) -> GoodsReceipt:
    if order.status not in SENT_STATUSES:
        raise OrderingError(
            _("Goods are received only for an order sent to the supplier (%(status)s).")
            % {"status": order.get_status_display()}
        )
    status = {line.line_id: line for line in receipt_status(order)}
    for line_id, quantity in quantities.items():
        line = status.get(line_id)
        if line is None:
            raise ValidationError(
                {"lines": _("The order has no line %(line)s.") % {"line": line_id}}
            )
        if line.received + quantity > line.agreed:
            raise ValidationError(
                {
                    "lines": _(
                        "Line %(line)s: %(quantity)s received now and %(before)s before is more "
                        "than the %(agreed)s ordered."
                    )
                    % {
                        "line": line_id,
                        "quantity": quantity,
                        "before": line.received,
                        "agreed": line.agreed,
                    }
                }
            )
    count = order.receipts.count()
    receipt = GoodsReceipt(
        order=order,
        number=f"{order.number}-M{count + 1}",
        despatch=despatch,
        received_on=received_on,
        registered_at=now,
        registered_by=principal.user,
        lines=[{"order_line_id": k, "quantity": str(v)} for k, v in quantities.items() if v > 0],
    )
    receipt.save()
    return receipt


def register_receipt(
    order: PurchaseOrder,
    *,
    principal: Principal,
    lines: Mapping[str, Any],
    now: datetime,
    received_on: date | None = None,
) -> GoodsReceipt:
    """Register goods received by hand: order line id to quantity (full or partial).

    What is received in all may not exceed what was ordered (as the supplier's
    response agreed)."""
    require_aware(now)
    _require(principal, order.buyer, RECEIVERS)
    quantities = _quantities(lines)
    with transaction.atomic():
        row = _locked(order)
        receipt = _store_receipt(
            row,
            quantities,
            principal=principal,
            now=now,
            received_on=received_on or local_day(now),
        )
    _invoices_again(order, now)
    return receipt


def receive_despatch(
    despatch: DespatchRecord,
    *,
    principal: Principal,
    now: datetime,
    received_on: date | None = None,
) -> GoodsReceipt:
    """Confirm that what a despatch advice says was sent has been received (once)."""
    require_aware(now)
    order = despatch.order
    _require(principal, order.buyer, RECEIVERS)
    with transaction.atomic():
        row = _locked(order)
        if GoodsReceipt.objects.filter(despatch=despatch).exists():
            raise OrderingError(_("This despatch advice is already received."))
        quantities = {
            line["order_line_id"]: Decimal(line["quantity"])
            for line in despatch.lines
            if Decimal(line["quantity"]) > 0
        }
        if not quantities:
            raise OrderingError(_("The despatch advice sends nothing."))
        receipt = _store_receipt(
            row,
            quantities,
            principal=principal,
            now=now,
            received_on=received_on or local_day(now),
            despatch=despatch,
        )
    _invoices_again(order, now)
    return receipt


def _invoices_again(order: PurchaseOrder, now: datetime) -> None:
    """Goods received: the buyer's invoices naming the order are matched again (a 3-way
    match waits for the receipt; docs/payments.md)."""
    from heldigital.apps.invoicing import services as invoicing

    invoicing.rematch(order.buyer, now=now, order_ids=[order.number])


# --- For invoice matching ------------------------------------------------------------------


def matching_order(order: PurchaseOrder) -> matching.Order | None:
    """The sent order as matching sees it (T01 as sent, changed by the supplier's
    Order Responses in the order received; a cancelled order has no lines). None for an
    order that was never sent."""
    if order.payload is None:
        return None
    made = order_from_ehf(EhfOrder.from_xml(bytes(order.payload)), three_way=order.three_way)
    events: list[tuple[datetime, int, Any]] = [
        (r.received_at, 0, r) for r in order.responses.select_related("document")
    ]
    events += [(c.sent_at, 1, c) for c in order.changes.all()]
    for _at, kind, record in sorted(events, key=lambda e: (e[0], e[1], e[2].pk)):
        if kind == 1:  # the buyer's order change: the new quantities, 0 drops the line
            new = {line["order_line_id"]: Decimal(line["quantity"]) for line in record.lines}
            made = replace(
                made,
                lines=tuple(
                    replace(line, quantity=new.get(line.line_id, line.quantity))
                    for line in made.lines
                    if new.get(line.line_id, line.quantity) > 0
                ),
            )
            continue
        response = OrderResponse.from_xml(bytes(record.document.payload))
        if response.transaction == "T76":
            try:
                made = apply_order_response(made, response)
            except AdapterError as exc:  # e.g. an answer to a line the order does not have
                logger.warning("order response %s not applied: %s", record.number, exc)
    if order.status == OrderStatus.CANCELLED:
        made = replace(made, lines=())
    return made


def _matching_receipt(receipt: GoodsReceipt) -> matching.Receipt:
    return matching.Receipt(
        receipt_id=receipt.number,
        order_id=receipt.order.number,
        lines=tuple(
            matching.ReceiptLine(line["order_line_id"], Decimal(line["quantity"]))
            for line in receipt.lines
        ),
        received_on=receipt.received_on,
        despatch_id=receipt.despatch.number if receipt.despatch is not None else None,
    )


def orders_for_matching(buyer: Organisation, order_reference: str) -> matching.Order | None:
    """The buyer's sent order with number ``order_reference`` (an invoice's BT-13), as
    matching sees it; None when there is no such sent order."""
    order = (
        PurchaseOrder.objects.filter(buyer=buyer, number=order_reference)
        .exclude(payload__isnull=True)
        .first()
    )
    return matching_order(order) if order is not None else None


def receipts_for_order(buyer: Organisation, order_reference: str) -> list[matching.Receipt]:
    """The goods receipts of the buyer's order ``order_reference``, oldest first."""
    return [
        _matching_receipt(r)
        for r in GoodsReceipt.objects.filter(order__buyer=buyer, order__number=order_reference)
        .select_related("order", "despatch")
        .order_by("registered_at", "number")
    ]


def despatches_for_order(buyer: Organisation, order_reference: str) -> list[matching.Despatch]:
    """The despatch advices received for the buyer's order ``order_reference``."""
    return [
        matching.Despatch(
            despatch_id=d.number,
            order_id=d.order.number,
            lines=tuple(
                matching.DespatchLine(line["order_line_id"], Decimal(line["quantity"]))
                for line in d.lines
            ),
        )
        for d in DespatchRecord.objects.filter(order__buyer=buyer, order__number=order_reference)
        .select_related("order")
        .order_by("received_at", "id")
    ]


def matching_documents(
    buyer: Organisation,
) -> tuple[list[matching.Order], list[matching.Receipt], list[matching.Despatch]]:
    """Every sent order of the buyer, its goods receipts and despatch advices, for
    :func:`heldigital.matching.match` over all the buyer's invoices at once."""
    orders = []
    for order in PurchaseOrder.objects.filter(buyer=buyer).exclude(payload__isnull=True):
        made = matching_order(order)
        if made is not None:
            orders.append(made)
    receipts = [
        _matching_receipt(r)
        for r in GoodsReceipt.objects.filter(order__buyer=buyer)
        .select_related("order", "despatch")
        .order_by("registered_at", "number")
    ]
    despatches = [
        d
        for number in sorted({o.order_id for o in orders})
        for d in despatches_for_order(buyer, number)
    ]
    return orders, receipts, despatches


def order_source(
    buyer: Organisation, order_ids: frozenset[str]
) -> tuple[list[matching.Order], list[matching.Receipt]]:
    """The orders named and their goods receipts, for the invoicing app's matching
    (``invoicing.services.set_order_source``; plugged in by this app's ``ready()``)."""
    orders: list[matching.Order] = []
    receipts: list[matching.Receipt] = []
    for order_id in sorted(order_ids):
        order = orders_for_matching(buyer, order_id)
        if order is not None:
            orders.append(order)
            receipts.extend(receipts_for_order(buyer, order_id))
    return orders, receipts
