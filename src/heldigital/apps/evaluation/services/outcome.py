"""The outcome of the award per lot, for notices and pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from heldigital.apps.evaluation.models import (
    AwardDecision,
)
from heldigital.apps.submissions.models import Tender
from heldigital.apps.tendering.models import (
    Lot,
    Procurement,
)


@dataclass(frozen=True)
class LotOutcome:
    """What the award decided in one lot, for the contract award notice (eForms BT-142 …).

    ``tenders`` counts the tenders evaluated in the lot: ranked or found not
    compliant (BT-759); ``price`` is the winning tender's evaluated price in NOK
    excl. VAT (BT-720).
    """

    lot: Lot | None
    winner: Tender
    price: Decimal
    tenders: int
    decided_at: datetime
    contract_number: str
    contract_concluded: datetime | None  # when both parties had signed (confirmed) it


def award_outcomes(procurement: Procurement) -> list[LotOutcome]:
    """The decided award of every lot, in lot order (empty when not decided)."""
    from heldigital.apps.contracts.models import Contract

    outcomes = []
    decisions = (
        AwardDecision.objects.filter(procurement=procurement)
        .select_related("lot", "winner__supplier", "evaluation")
        .order_by("lot__number", "id")
    )
    for decision in decisions:
        content = decision.evaluation.content
        first = content["ranking"][0]
        contract = (
            Contract.objects.filter(procurement=procurement, awards=decision).order_by("id").first()
        )
        outcomes.append(
            LotOutcome(
                lot=decision.lot,
                winner=decision.winner,
                price=Decimal(first["price"]),
                tenders=len(content["ranking"]) + len(content["non_compliant"]),
                decided_at=decision.decided_at,
                contract_number=contract.number if contract is not None else "",
                contract_concluded=contract.signed_at if contract is not None else None,
            )
        )
    return outcomes
