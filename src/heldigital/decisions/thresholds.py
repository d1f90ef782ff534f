"""Procurement thresholds in Norway, with the dates they apply from.

Amounts are in NOK excluding VAT (anskaffelsesforskriften § 5-1, § 5-3).
The national threshold (nasjonal terskelverdi) decides whether Part II
(national competition) applies; the EEA thresholds (EØS-terskelverdier,
revised every second year by the European Commission and set in Norway by
the Ministry of Trade, Industry and Fisheries) decide whether Part III
(EEA procedures, notice in TED) applies.

Sources: regjeringen.no, "Nye terskelverdier for kunngjøring av
anskaffelser i EØS-området er vedtatt" (2024-2026 values); KS Advokatene,
"Nye EØS-terskelverdier for 2022-2024" and "for 2024-2026". A new period's
values are added as a new :class:`Thresholds` row with its effective date;
old rows stay, because a procurement is judged by the rules in force when
it started.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

__all__ = [
    "THRESHOLDS",
    "AuthorityKind",
    "ContractKind",
    "Regime",
    "Thresholds",
    "regime_for",
    "thresholds_on",
]


class AuthorityKind(enum.StrEnum):
    """Who buys: state authorities have lower EEA thresholds for goods and services."""

    STATE = "state"  # statlige myndigheter
    OTHER = "other"  # kommuner, fylkeskommuner, offentligrettslige organer


class ContractKind(enum.StrEnum):
    GOODS = "goods"
    SERVICES = "services"
    WORKS = "works"


class Regime(enum.StrEnum):
    """Which part of anskaffelsesforskriften governs the procurement."""

    BELOW_NATIONAL = "below-national"  # Part I only: no notice duty
    NATIONAL = "national"  # Part II: notice in Doffin, national competition
    EEA = "eea"  # Part III: EEA procedures, notice in TED


@dataclass(frozen=True)
class Thresholds:
    """One period's thresholds (NOK excl. VAT)."""

    effective_from: date
    national: Decimal
    eea_state_goods_services: Decimal
    eea_other_goods_services: Decimal
    eea_works: Decimal


THRESHOLDS: tuple[Thresholds, ...] = (
    Thresholds(
        effective_from=date(2022, 1, 1),
        national=Decimal("1300000"),
        eea_state_goods_services=Decimal("1300000"),
        eea_other_goods_services=Decimal("2200000"),
        eea_works=Decimal("56000000"),
    ),
    Thresholds(
        effective_from=date(2024, 1, 1),
        national=Decimal("1300000"),
        eea_state_goods_services=Decimal("1490000"),
        eea_other_goods_services=Decimal("2300000"),
        eea_works=Decimal("57800000"),
    ),
)


def thresholds_on(day: date, table: Sequence[Thresholds] = THRESHOLDS) -> Thresholds:
    """The thresholds in force on ``day``."""
    in_force = [t for t in table if t.effective_from <= day]
    if not in_force:
        raise LookupError(f"no thresholds in force on {day.isoformat()}")
    return max(in_force, key=lambda t: t.effective_from)


def regime_for(
    estimated_value: Decimal,
    authority: AuthorityKind,
    contract: ContractKind,
    day: date,
    table: Sequence[Thresholds] = THRESHOLDS,
) -> Regime:
    """The regime for a procurement of ``estimated_value`` (NOK excl. VAT) started on ``day``.

    The value is compared with "equal to or above" as in § 5-1 and § 5-3.
    """
    if estimated_value < 0:
        raise ValueError("estimated value must not be negative")
    t = thresholds_on(day, table)
    if contract is ContractKind.WORKS:
        eea = t.eea_works
    elif authority is AuthorityKind.STATE:
        eea = t.eea_state_goods_services
    else:
        eea = t.eea_other_goods_services
    if estimated_value >= eea:
        return Regime.EEA
    if estimated_value >= t.national:
        return Regime.NATIONAL
    return Regime.BELOW_NATIONAL
