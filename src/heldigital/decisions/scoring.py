"""Evaluation of tenders: price from the tender catalogue, points, weighted totals, ranking.

Pure functions (no Django). Legal anchors: Directive 2014/24/EU Art. 67
(award criteria: lowest price, lowest cost, best price-quality ratio with
weighted criteria, the weighting stated in the procurement documents) and
Art. 69 (abnormally low tenders: the authority must ask for an explanation
before it may reject); anskaffelsesforskriften § 18-1 (award criteria) and
§ 24-9 (abnormally low tenders).

**Price** (:func:`price_tender`). The tender's evaluated price is, for every
line of the request catalogue, the estimated quantity × the unit price the
tender catalogue offers for that line id, summed per lot. Every line amount
is rounded to øre (0.01) with :data:`ROUNDING` (``ROUND_HALF_UP``) and the lot
totals are sums of the rounded line amounts, so every figure shown adds up.
A tender that prices no line of a lot, or only some of its lines, is not
compliant for that lot (all lines must be priced, the issue's "a price for
every request-catalogue line"); a negative price is not compliant either.

**Price points** (:func:`price_points`), ``lowest`` the lowest compliant
price in the comparison, ``price`` the tender's price, ``max`` the price
criterion's maximum points (the two formulas the buyer may declare, the
values of :class:`heldigital.apps.tendering.models.PriceFormula`):

* :attr:`PriceFormula.PROPORTIONAL` ("lowest price / tender price × max
  points"): ``points = max × lowest / price``. The lowest price gets
  ``max``; twice the lowest gets half; points never reach 0.
* :attr:`PriceFormula.LINEAR` (proportional deviation from the lowest):
  ``points = max(0, max × (1 − (price − lowest) / lowest))``. The lowest
  gets ``max``; every krone above it costs the same; twice the lowest and
  more get 0.

With ``lowest == 0`` (a free offer) the formulas are undefined; the free
tenders get ``max`` and every other tender 0 (stated, not hidden).

**Weighted totals** (:func:`evaluate`, best price-quality ratio). Each
criterion has a weight in per cent and a maximum of points; a tender's
weighted score on a criterion is ``weight × points / max_points`` so the
total lies in [0, sum of weights] = [0, 100] whatever scale each criterion
uses. Quality points are the mean of the evaluators' scores. All arithmetic
is exact (``Decimal`` with 28 significant digits); the figures reported and
ranked are rounded to two decimals with ``ROUND_HALF_UP`` once, at the end.

**Ranking and tie rule** (:data:`TIE_RULE`). Best price-quality ratio: higher
total; on equal totals the higher quality total (sum of weighted quality
scores) wins, then the lower price, then the earlier time of receipt, then
the tender identifier (so the order is total and deterministic). Lowest
price or lowest cost: lower price, then earlier receipt, then identifier.
Ranks are 1, 2, 3 ... without gaps or shared places: a tie that survives
every rule up to the receipt time is practically impossible, and the last
key only makes the function deterministic.

**Abnormally low tenders** (:func:`abnormally_low`, Art. 69). A tender is
flagged - not rejected; the authority must ask the tenderer to explain -
when its price is more than ``below_average`` (default 20 %) below the
average price of the *other* compliant tenders, or below ``of_estimate``
(default 50 %) of the estimated value of the lot. The numbers are
parameters of :class:`AbnormallyLowRule` with an effective date so that a
policy change is a new row.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

__all__ = [
    "ABNORMALLY_LOW_RULES",
    "CENT",
    "POINTS",
    "ROUNDING",
    "TIE_RULE",
    "AbnormallyLowRule",
    "AwardMethod",
    "Candidate",
    "Criterion",
    "CriterionKind",
    "EvaluationError",
    "LotPrice",
    "PriceFormula",
    "RequestLine",
    "Scored",
    "TenderPrice",
    "abnormally_low",
    "abnormally_low_rule_on",
    "evaluate",
    "price_points",
    "price_tender",
]

#: The rounding mode of every money amount and every point figure.
ROUNDING = ROUND_HALF_UP
#: Money is rounded to øre.
CENT = Decimal("0.01")
#: Points are reported with two decimals.
POINTS = Decimal("0.01")

_EXACT = Context(prec=28, rounding=ROUNDING)


class EvaluationError(ValueError):
    """The input cannot be evaluated (e.g. weights that do not add up to 100)."""


class PriceFormula(enum.StrEnum):
    """Declared price formula (values as in the tendering app)."""

    PROPORTIONAL = "proportional"
    LINEAR = "linear"


class AwardMethod(enum.StrEnum):
    """Directive 2014/24/EU Art. 67(2)."""

    LOWEST_PRICE = "lowest_price"
    LOWEST_COST = "lowest_cost"
    BEST_PRICE_QUALITY = "best_price_quality"


class CriterionKind(enum.StrEnum):
    PRICE = "price"
    COST = "cost"
    QUALITY = "quality"


#: The declared tie rule, in order (see the module docstring).
TIE_RULE: tuple[str, ...] = (
    "higher total points",
    "higher quality points",
    "lower price",
    "earlier time of receipt",
    "tender identifier",
)


# ------------------------------------------------------------------ price


@dataclass(frozen=True)
class RequestLine:
    """A line of the request catalogue: id, lot number (None without lots), quantity."""

    line_id: str
    quantity: Decimal
    lot: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite():
            raise EvaluationError(f"line {self.line_id}: the quantity must be a finite Decimal")
        if self.quantity <= 0:
            raise EvaluationError(f"line {self.line_id}: the quantity must be positive")


@dataclass(frozen=True)
class PricedLine:
    line_id: str
    lot: int | None
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class LotPrice:
    """One lot of one tender: total of the priced lines, and whether it is compliant."""

    lot: int | None
    total: Decimal
    lines: tuple[PricedLine, ...]
    missing: tuple[str, ...]
    problems: tuple[str, ...]

    @property
    def compliant(self) -> bool:
        return not self.missing and not self.problems


@dataclass(frozen=True)
class TenderPrice:
    lots: Mapping[int | None, LotPrice]
    unknown_lines: tuple[str, ...] = ()

    @property
    def compliant(self) -> bool:
        return all(lot.compliant for lot in self.lots.values())


def price_tender(
    request_lines: Sequence[RequestLine], offered: Mapping[str, Decimal | None]
) -> TenderPrice:
    """Price a tender: quantity × unit price per request line, totals per lot.

    ``offered`` maps request line ids to the unit price in the tender
    catalogue (``None`` or absent: not priced). Lines of the tender
    catalogue that are not in the request are listed in ``unknown_lines``
    and do not count.
    """
    ids = [line.line_id for line in request_lines]
    if len(set(ids)) != len(ids):
        raise EvaluationError("a request line id appears twice")
    by_lot: dict[int | None, list[RequestLine]] = {}
    for line in request_lines:
        by_lot.setdefault(line.lot, []).append(line)
    lots: dict[int | None, LotPrice] = {}
    with localcontext(_EXACT):
        for lot, lines in by_lot.items():
            priced: list[PricedLine] = []
            missing: list[str] = []
            problems: list[str] = []
            for line in lines:
                unit = offered.get(line.line_id)
                if unit is None:
                    missing.append(line.line_id)
                    continue
                if not isinstance(unit, Decimal) or not unit.is_finite():
                    problems.append(f"line {line.line_id}: the price is not a number")
                    continue
                if unit < 0:
                    problems.append(f"line {line.line_id}: the price is negative")
                    continue
                amount = (line.quantity * unit).quantize(CENT, rounding=ROUNDING)
                priced.append(PricedLine(line.line_id, lot, line.quantity, unit, amount))
            total = sum((p.amount for p in priced), Decimal("0.00"))
            lots[lot] = LotPrice(lot, total, tuple(priced), tuple(missing), tuple(problems))
    unknown = tuple(sorted(set(offered) - set(ids)))
    return TenderPrice(lots, unknown)


# ----------------------------------------------------------------- points


def _exact_price_points(
    price: Decimal, lowest: Decimal, max_points: Decimal, formula: PriceFormula
) -> Decimal:
    if max_points <= 0:
        raise EvaluationError("the maximum points must be positive")
    if price < 0 or lowest < 0:
        raise EvaluationError("prices must not be negative")
    if price < lowest:
        raise EvaluationError(f"the price {price} is below the lowest price {lowest}")
    with localcontext(_EXACT):
        if lowest == 0:
            return max_points if price == 0 else Decimal(0)
        if formula is PriceFormula.PROPORTIONAL:
            return max_points * lowest / price
        if formula is PriceFormula.LINEAR:
            return max(Decimal(0), max_points * (1 - (price - lowest) / lowest))
    raise EvaluationError(f"unknown price formula {formula!r}")


def price_points(
    price: Decimal, lowest: Decimal, max_points: Decimal, formula: PriceFormula | str
) -> Decimal:
    """Points for ``price`` by the declared formula, rounded to two decimals (ROUND_HALF_UP).

    >>> price_points(Decimal("200"), Decimal("100"), Decimal("10"), "proportional")
    Decimal('5.00')
    >>> price_points(Decimal("150"), Decimal("100"), Decimal("10"), "linear")
    Decimal('5.00')
    """
    exact = _exact_price_points(price, lowest, max_points, PriceFormula(formula))
    return exact.quantize(POINTS, rounding=ROUNDING)


# ----------------------------------------------------------- abnormally low


@dataclass(frozen=True)
class AbnormallyLowRule:
    """When a price is flagged as possibly abnormally low (Art. 69 Directive 2014/24/EU).

    ``below_average``: flagged when the price is more than this fraction
    below the average of the other compliant tenders (0.20 = 20 %);
    ``of_estimate``: flagged when the price is below this fraction of the
    estimated value (0.50 = half the estimate).
    """

    effective_from: date
    below_average: Decimal = Decimal("0.20")
    of_estimate: Decimal = Decimal("0.50")


#: The platform's policy; a change is a new row with a later effective date.
ABNORMALLY_LOW_RULES: tuple[AbnormallyLowRule, ...] = (AbnormallyLowRule(date(2017, 1, 1)),)


def abnormally_low_rule_on(
    day: date, rules: Sequence[AbnormallyLowRule] = ABNORMALLY_LOW_RULES
) -> AbnormallyLowRule:
    in_force = [r for r in rules if r.effective_from <= day]
    if not in_force:
        raise LookupError(f"no abnormally-low rule in force on {day.isoformat()}")
    return max(in_force, key=lambda r: r.effective_from)


def abnormally_low(
    price: Decimal,
    others: Sequence[Decimal],
    estimate: Decimal | None,
    rule: AbnormallyLowRule,
) -> tuple[str, ...]:
    """The reasons ``price`` may be abnormally low (empty: not flagged)."""
    reasons: list[str] = []
    with localcontext(_EXACT):
        if others:
            average = sum(others, Decimal(0)) / len(others)
            limit = average * (1 - rule.below_average)
            if price < limit:
                reasons.append(
                    f"price {price} is more than {rule.below_average * 100:.0f} % below the "
                    f"average {average.quantize(CENT, rounding=ROUNDING)} of the other tenders"
                )
        if estimate is not None and estimate > 0 and price < estimate * rule.of_estimate:
            reasons.append(
                f"price {price} is below {rule.of_estimate * 100:.0f} % of the estimated "
                f"value {estimate}"
            )
    return tuple(reasons)


# -------------------------------------------------------------- evaluate


@dataclass(frozen=True)
class Criterion:
    """An award criterion: ``key`` identifies it in :attr:`Candidate.quality`."""

    key: str
    kind: CriterionKind
    weight: Decimal
    max_points: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", CriterionKind(self.kind))
        if self.max_points <= 0:
            raise EvaluationError(f"criterion {self.key}: the maximum points must be positive")
        if self.weight < 0:
            raise EvaluationError(f"criterion {self.key}: the weight must not be negative")


@dataclass(frozen=True)
class Candidate:
    """A compliant tender for one lot: its price, time of receipt and quality points."""

    tender_id: str
    price: Decimal
    received_at: datetime
    quality: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Scored:
    tender_id: str
    price: Decimal
    received_at: datetime
    points: Mapping[str, Decimal]
    weighted: Mapping[str, Decimal]
    price_points: Decimal
    quality_total: Decimal
    total: Decimal
    rank: int
    abnormally_low: tuple[str, ...]


def _check_criteria(method: AwardMethod, criteria: Sequence[Criterion]) -> None:
    keys = [c.key for c in criteria]
    if len(set(keys)) != len(keys):
        raise EvaluationError("a criterion key appears twice")
    if method is AwardMethod.BEST_PRICE_QUALITY:
        price = [c for c in criteria if c.kind is not CriterionKind.QUALITY]
        if len(price) != 1:
            raise EvaluationError(
                "best price-quality ratio needs exactly one price or cost criterion"
            )
        total = sum((c.weight for c in criteria), Decimal(0))
        if total != 100:
            raise EvaluationError(f"the weights add up to {total}, not 100")


def evaluate(
    candidates: Iterable[Candidate],
    *,
    method: AwardMethod | str,
    criteria: Sequence[Criterion] = (),
    formula: PriceFormula | str = PriceFormula.PROPORTIONAL,
    estimate: Decimal | None = None,
    rule: AbnormallyLowRule = ABNORMALLY_LOW_RULES[-1],
) -> list[Scored]:
    """Score and rank the compliant tenders of one lot; best first.

    For lowest price / lowest cost the only criterion is the price (100 %,
    100 points, by ``formula``; for lowest cost the evaluated cost is the
    catalogue price given - life-cycle costing, Art. 68, is the caller's to
    add to it); for best price-quality ratio ``criteria``
    must hold exactly one price (or cost) criterion and the weights must
    add up to 100; a missing quality score counts as 0 points and a score
    outside [0, max_points] is an error.
    """
    method = AwardMethod(method)
    formula = PriceFormula(formula)
    pool = list(candidates)
    ids = [c.tender_id for c in pool]
    if len(set(ids)) != len(ids):
        raise EvaluationError("a tender appears twice")
    if not pool:
        return []
    if method is not AwardMethod.BEST_PRICE_QUALITY:
        criteria = (Criterion("price", CriterionKind.PRICE, Decimal(100), Decimal(100)),)
    _check_criteria(method, criteria)
    lowest = min(c.price for c in pool)
    rows = []
    with localcontext(_EXACT):
        for cand in pool:
            points: dict[str, Decimal] = {}
            weighted: dict[str, Decimal] = {}
            quality = Decimal(0)
            for crit in criteria:
                if crit.kind is CriterionKind.QUALITY:
                    score = cand.quality.get(crit.key, Decimal(0))
                    if not 0 <= score <= crit.max_points:
                        raise EvaluationError(
                            f"tender {cand.tender_id}: {score} points on {crit.key} is outside "
                            f"[0, {crit.max_points}]"
                        )
                    exact = Decimal(score)
                else:
                    exact = _exact_price_points(cand.price, lowest, crit.max_points, formula)
                part = crit.weight * exact / crit.max_points
                points[crit.key] = exact
                weighted[crit.key] = part
                if crit.kind is CriterionKind.QUALITY:
                    quality += part
            total = sum(weighted.values(), Decimal(0))
            price_key = next(c.key for c in criteria if c.kind is not CriterionKind.QUALITY)
            others = [o.price for o in pool if o.tender_id != cand.tender_id]
            rows.append(
                (
                    cand,
                    {k: v.quantize(POINTS, rounding=ROUNDING) for k, v in points.items()},
                    {k: v.quantize(POINTS, rounding=ROUNDING) for k, v in weighted.items()},
                    points[price_key].quantize(POINTS, rounding=ROUNDING),
                    quality.quantize(POINTS, rounding=ROUNDING),
                    total.quantize(POINTS, rounding=ROUNDING),
                    abnormally_low(cand.price, others, estimate, rule),
                )
            )
    if method is AwardMethod.BEST_PRICE_QUALITY:
        rows.sort(key=lambda r: (-r[5], -r[4], r[0].price, r[0].received_at, r[0].tender_id))
    else:
        rows.sort(key=lambda r: (r[0].price, r[0].received_at, r[0].tender_id))
    return [
        Scored(
            tender_id=cand.tender_id,
            price=cand.price,
            received_at=cand.received_at,
            points=pts,
            weighted=wtd,
            price_points=pp,
            quality_total=qt,
            total=tot,
            rank=index,
            abnormally_low=flags,
        )
        for index, (cand, pts, wtd, pp, qt, tot, flags) in enumerate(rows, start=1)
    ]
