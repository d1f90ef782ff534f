"""Typed input and output of ESPD requests and responses (ESPD-EDM v4.1.0)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from stdnum.no import orgnr as no_orgnr

from .criteria import Section, Threshold, get
from .taxonomy import walk

__all__ = [
    "VALUE_TYPES",
    "Answer",
    "EspdError",
    "Evidence",
    "Party",
    "Period",
    "Procurement",
    "Reference",
    "Requirement",
    "YearAmount",
]


class EspdError(ValueError):
    """An ESPD document cannot be built or read as asked."""


def _currency(code: str) -> None:
    if not (isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper()):
        raise EspdError(f"currency must be an ISO 4217 code, got {code!r}")


def _non_negative(value: Decimal | None, what: str) -> None:
    if value is not None and (not isinstance(value, Decimal) or value < 0):
        raise EspdError(f"{what} must be a non-negative Decimal, got {value!r}")


@dataclass(frozen=True, kw_only=True)
class Party:
    """The buyer or the economic operator."""

    name: str
    orgnr: str = ""  # Norwegian organisation number when country is NOR (checked, MOD11)
    country: str = "NOR"  # ISO 3166-1 alpha-3
    street: str = ""
    city: str = ""
    postal_zone: str = ""
    email: str = ""
    telephone: str = ""
    website: str = ""
    sme: bool | None = None  # economic operator size: SME or large

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise EspdError("party name is required")
        if not (len(self.country) == 3 and self.country.isascii() and self.country.isupper()):
            raise EspdError(f"country must be ISO 3166-1 alpha-3, got {self.country!r}")
        if self.orgnr and self.country == "NOR":
            if not no_orgnr.is_valid(self.orgnr):
                raise EspdError(f"invalid Norwegian organisation number {self.orgnr!r}")
            object.__setattr__(self, "orgnr", no_orgnr.compact(self.orgnr))


@dataclass(frozen=True, kw_only=True)
class Procurement:
    """What the ESPD request says about the procurement (from the notice, BT-04 etc.)."""

    procedure_id: str  # BT-04 procedure identifier, the ContractFolderID shared with eForms
    title: str
    description: str
    buyer: Party
    procedure: str = "open"  # eForms procurement-procedure-type code
    lots: tuple[str, ...] = ("LOT-0000",)  # ESPD uses LOT-0000 for "no division into lots"
    notice_id: str = ""  # the eForms notice (BT-701) the request belongs to, if published
    national_notice: bool = False  # notice in Doffin only (NOJCN) rather than TED (TED_CN)
    ted_publication_id: str = ""  # "YYYY/S NNN-NNNNNN" once TED has published the notice

    def __post_init__(self) -> None:
        for value, what in ((self.procedure_id, "procedure id"), (self.title, "title")):
            if not value.strip():
                raise EspdError(f"procurement {what} is required")
        if not self.lots:
            raise EspdError("at least one lot (LOT-0000 when not divided into lots)")
        if self.ted_publication_id and not re.fullmatch(
            r"[0-9]{4}/S [0-9]{3}-[0-9]{6}", self.ted_publication_id
        ):
            raise EspdError(
                f"TED publication number {self.ted_publication_id!r} is not of the form "
                "YYYY/S NNN-NNNNNN"
            )


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """One criterion the buyer asks for, with its threshold where it has one.

    ``minimum_amount``/``currency`` and ``years`` for turnover (``per_year``:
    each of the last ``years`` financial years must reach the minimum; false:
    their average must), ``minimum_amount`` for insurance cover,
    ``minimum_ratio`` (and ``ratio_type``, FinancialRatioType code such as
    ``R11``) for a financial ratio, ``minimum_count`` for references.
    ``description`` is the buyer's own wording of the requirement; the ESPD
    request carries it where the criterion has a requirement description
    property (:attr:`has_description`) - for the others (e.g. general yearly
    turnover, most exclusion grounds) the wording belongs in the notice
    (eForms BT-750) and the procurement documents.
    """

    criterion: str  # ESPD code, e.g. "gen-year-to"
    minimum_amount: Decimal | None = None
    currency: str = "NOK"
    years: int | None = None
    per_year: bool = True
    minimum_ratio: Decimal | None = None
    ratio_type: str = ""
    minimum_count: int | None = None
    description: str = ""
    lot: str = "LOT-0000"

    def __post_init__(self) -> None:
        try:
            criterion = get(self.criterion)
        except KeyError as exc:
            raise EspdError(str(exc.args[0])) from None
        _currency(self.currency)
        _non_negative(self.minimum_amount, "minimum amount")
        _non_negative(self.minimum_ratio, "minimum ratio")
        if self.years is not None and (
            not isinstance(self.years, int) or not 1 <= self.years <= 10
        ):
            raise EspdError("the number of financial years must be 1 to 10")
        if self.minimum_count is not None and (
            not isinstance(self.minimum_count, int) or self.minimum_count < 1
        ):
            raise EspdError("the minimum number of references must be at least 1")
        kind = criterion.threshold
        given = {
            Threshold.YEARLY_TURNOVER: self.minimum_amount is not None or self.years is not None,
            Threshold.AVERAGE_TURNOVER: self.minimum_amount is not None or self.years is not None,
            Threshold.AMOUNT: self.minimum_amount is not None,
            Threshold.RATIO: self.minimum_ratio is not None,
            Threshold.REFERENCES: self.minimum_count is not None,
        }
        thresholds = (self.minimum_amount, self.years, self.minimum_ratio, self.minimum_count)
        if any(t is not None for t in thresholds) and not given.get(kind, False):
            raise EspdError(f"criterion {self.criterion!r} takes no such threshold")
        turnover = kind in (Threshold.YEARLY_TURNOVER, Threshold.AVERAGE_TURNOVER)
        if turnover and given[kind] and (self.minimum_amount is None or self.years is None):
            raise EspdError(
                "a turnover threshold needs both the minimum amount and the number of years"
            )
        if not self.per_year and not criterion.roles.per_year:
            raise EspdError(
                f"criterion {self.criterion!r} has no choice between per year and on average"
            )
        if criterion.section is Section.OTHER:
            raise EspdError(
                f"{self.criterion!r} is information about the operator, not a requirement"
            )

    @property
    def has_description(self) -> bool:
        """Whether the ESPD request can carry :attr:`description` for this criterion."""
        return get(self.criterion).roles.requirement_description is not None

    @property
    def threshold(self) -> Threshold | None:
        """The kind of threshold this requirement sets, if any."""
        if any(
            t is not None for t in (self.minimum_amount, self.minimum_ratio, self.minimum_count)
        ):
            return get(self.criterion).threshold
        return None


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise EspdError(f"period ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class YearAmount:
    """Turnover of one financial year."""

    period: Period
    amount: Decimal
    currency: str = "NOK"

    def __post_init__(self) -> None:
        _non_negative(self.amount, "turnover")
        _currency(self.currency)


@dataclass(frozen=True, kw_only=True)
class Reference:
    """One reference (delivery, service or work) for the *-perform criteria."""

    description: str
    amount: Decimal | None = None
    currency: str = "NOK"
    period: Period | None = None
    recipient: str = ""

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise EspdError("a reference needs a description")
        _non_negative(self.amount, "reference amount")
        _currency(self.currency)


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """Where the buyer can check the answer (e.g. a certificate URL)."""

    uri: str
    issuer: str = ""
    reference: str = ""  # the document's own number
    id: str = field(default_factory=lambda: f"EVIDENCE-{uuid.uuid4()}")

    def __post_init__(self) -> None:
        if not self.uri.strip():
            raise EspdError("evidence needs a URI")


@dataclass(frozen=True, kw_only=True)
class Answer:
    """The economic operator's answer to one criterion.

    ``indicator`` is the main yes/no ("Your answer"): for an exclusion ground
    *yes* means the ground applies; for certificates and registers *yes* means
    the operator meets it. The other fields fill the criterion's follow-up
    questions where it has them; what a criterion does not ask is refused.
    """

    criterion: str
    indicator: bool | None = None
    description: str = ""
    continuation: str = ""  # insolvency: why the operator can still perform the contract
    convicted: str = ""  # convictions: who has been convicted
    exclusion_period: Period | None = None  # convictions: length of the period of exclusion
    self_cleaning: bool | None = None
    self_cleaning_description: str = ""
    date: date | None = None
    yearly: tuple[YearAmount, ...] = ()
    amount: Decimal | None = None
    currency: str = "NOK"
    ratio: Decimal | None = None
    commitment: bool | None = None  # insurance: will obtain the cover if awarded
    references: tuple[Reference, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    lot: str = ""  # selection criteria: the lot answered for; default: the response's lot
    #: Answers to further questions of the criterion by property id, for the questions the
    #: named fields above do not cover (e.g. the country of an unpaid tax, the name of an
    #: entity relied upon): ``(("C7_EG_tax-pay/QG1/QSG1/Q2", "NOR"), ...)``. The value's
    #: type follows the question's data type: see :data:`VALUE_TYPES`.
    values: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        try:
            criterion = get(self.criterion)
        except KeyError as exc:
            raise EspdError(str(exc.args[0])) from None
        _currency(self.currency)
        _non_negative(self.amount, "amount")
        roles = criterion.roles
        asked = {
            "indicator": (self.indicator is not None, roles.answer),
            "description": (bool(self.description), roles.description),
            "continuation": (bool(self.continuation), roles.continuation),
            "convicted": (bool(self.convicted), roles.convicted),
            "exclusion_period": (
                self.exclusion_period is not None,
                roles.period if criterion.section is Section.EXCLUSION else None,
            ),
            "self_cleaning": (self.self_cleaning is not None, roles.self_cleaning),
            "self_cleaning_description": (
                bool(self.self_cleaning_description),
                roles.self_cleaning_description,
            ),
            "date": (self.date is not None, roles.date),
            "yearly": (bool(self.yearly), criterion.threshold is Threshold.YEARLY_TURNOVER),
            "amount": (self.amount is not None, roles.amount),
            "ratio": (self.ratio is not None, roles.ratio),
            "commitment": (self.commitment is not None, roles.commitment),
            "references": (bool(self.references), roles.reference_description),
            "evidence": (bool(self.evidence), roles.evidence),
        }
        for name, (present, role) in asked.items():
            if present and not role:
                raise EspdError(
                    f"criterion {self.criterion!r} does not ask for {name.replace('_', ' ')}"
                )
        questions = {p.id: p for g in criterion.groups for p in walk(g) if p.type == "QUESTION"}
        seen: set[str] = set()
        for prop_id, value in self.values:
            prop = questions.get(prop_id)
            if prop is None:
                raise EspdError(f"criterion {self.criterion!r} has no question {prop_id!r}")
            if prop_id in seen:
                raise EspdError(f"question {prop_id!r} answered twice")
            seen.add(prop_id)
            expected = VALUE_TYPES.get(prop.datatype)
            if (
                expected is None
                or not isinstance(value, expected)
                or isinstance(value, bool) != (expected is bool)
            ):
                raise EspdError(
                    f"question {prop_id!r} ({prop.description}) takes a {prop.datatype.lower()}"
                )
            if isinstance(value, Decimal):
                _non_negative(value, prop.description)
            if prop.datatype == "CODE_COUNTRY" and not re.fullmatch(r"[A-Z]{3}", str(value)):
                raise EspdError(f"{value!r} is not an ISO 3166-1 alpha-3 country code")


#: The Python type of an answer to a question of each ESPD data type (``Answer.values``).
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    "INDICATOR": bool,
    "DESCRIPTION": str,
    "AMOUNT": Decimal,
    "DATE": date,
    "PERIOD": Period,
    "QUANTITY": Decimal,
    "QUANTITY_INTEGER": int,
    "QUANTITY_YEAR": int,
    "PERCENTAGE": Decimal,
    "CODE_COUNTRY": str,
    "CODE": str,
    "URL": str,
    "ECONOMIC_OPERATOR_IDENTIFIER": str,
    "QUAL_IDENTIFIER": str,
    "EVIDENCE_IDENTIFIER": Evidence,
}
