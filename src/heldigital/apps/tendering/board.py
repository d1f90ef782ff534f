"""The public notice board: search over published procurements.

Filters: free text (title, description, reference, buyer name), CPV code
(prefix of any of the procurement's codes: ``906`` finds ``90620000-9``),
buyer (organisation number or part of the name) and deadline (``open``:
published and the tender deadline not passed; ``closed``: the rest).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from heldigital.apps.tendering.access import public_procurements
from heldigital.apps.tendering.models import Procurement, ProcurementStatus


@dataclass(frozen=True)
class Search:
    text: str = ""
    cpv: str = ""
    buyer: str = ""
    deadline: str = ""  # "", "open" or "closed"


def search(criteria: Search, *, now: datetime) -> list[Procurement]:
    queryset = public_procurements().order_by("-published_at", "reference")
    text = criteria.text.strip()
    if text:
        queryset = queryset.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(reference__iexact=text)
            | Q(buyer__name__icontains=text)
        )
    buyer = criteria.buyer.strip()
    if buyer:
        compact = buyer.replace(" ", "")
        if compact.isdigit():
            queryset = queryset.filter(buyer__orgnr=compact)
        else:
            queryset = queryset.filter(buyer__name__icontains=buyer)
    is_open = Q(status=ProcurementStatus.PUBLISHED, tender_deadline__gt=now)
    if criteria.deadline == "open":
        queryset = queryset.filter(is_open)
    elif criteria.deadline == "closed":
        queryset = queryset.exclude(is_open)
    results = list(queryset)
    prefix = "".join(ch for ch in criteria.cpv if ch.isdigit())
    if prefix:
        # JSON list containment differs between SQLite and PostgreSQL; prefix
        # matching is done here on the (short) code lists.
        results = [p for p in results if any(code.startswith(prefix) for code in p.cpv_codes)]
    return results
