"""The ESPD criterion catalogue (ESPD-EDM v4.1.0).

Every criterion of the official taxonomy with its UUID, its code from the EU
criterion vocabulary (``http://publications.europa.eu/resource/authority/criterion``
- the same codes eForms uses), its section and legal basis, and the
*roles* of its properties: which property holds the economic operator's main
answer, the self-cleaning answer, the declared amounts, and which
requirement properties carry the buyer's thresholds.

Sections follow Directive 2014/24/EU and anskaffelsesforskriften (FOA):

* exclusion grounds - Art. 57 (FOA § 24-2, § 9-5): criminal convictions
  (57(1)), taxes and social security (57(2)), and the discretionary grounds of
  57(4): breach of environmental/social/labour law, insolvency and similar,
  grave professional misconduct, distortion of competition, conflict of
  interest, involvement in preparation, earlier sanctions, misrepresentation;
  plus purely national grounds;
* selection criteria - Art. 58 (FOA § 16-2 to § 16-6): suitability (58(2)),
  economic and financial standing (58(3), Annex XII part I), technical and
  professional ability (58(4), Annex XII part II), quality assurance and
  environmental management standards (Art. 62);
* other information about the economic operator (SME, groups, reliance,
  subcontracting …).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from ._taxonomy import ENTRIES
from .taxonomy import Entry, Group, Prop, walk

__all__ = [
    "CATALOGUE",
    "Category",
    "Criterion",
    "Section",
    "Threshold",
    "by_id",
    "exclusion_grounds",
    "get",
    "selection_criteria",
]


class Section(enum.StrEnum):
    EXCLUSION = "exclusion"
    SELECTION = "selection"
    OTHER = "other"


class Category(enum.StrEnum):
    CONVICTIONS = "convictions"  # Art. 57(1)
    CONTRIBUTIONS = "contributions"  # Art. 57(2): taxes, social security
    SOCIAL_LAW = "social-law"  # Art. 57(4)(a), Art. 18(2)
    INSOLVENCY = "insolvency"  # Art. 57(4)(b)
    MISCONDUCT = "misconduct"  # Art. 57(4)(c), (d), (g), (h), (i)
    CONFLICT = "conflict-of-interest"  # Art. 57(4)(e), (f)
    NATIONAL = "national"
    SUITABILITY = "suitability"  # Art. 58(2)
    ECONOMIC = "economic-financial"  # Art. 58(3)
    TECHNICAL = "technical-professional"  # Art. 58(4)
    QUALITY = "quality-environment"  # Art. 62
    OTHER = "other"


class Threshold(enum.StrEnum):
    """What kind of minimum a buyer can set on a criterion."""

    YEARLY_TURNOVER = "yearly-turnover"  # minimum per year (or on average) over N years
    AVERAGE_TURNOVER = "average-turnover"  # one declared average over N years
    RATIO = "ratio"  # a financial ratio of at least x
    AMOUNT = "amount"  # a single amount, e.g. insurance cover
    REFERENCES = "references"  # at least n references


_CATEGORY = {
    **dict.fromkeys(
        ("crime-org", "corruption", "fraud", "terr-offence", "finan-laund", "human-traffic"),
        (Category.CONVICTIONS, "Directive 2014/24/EU Art. 57(1); FOA § 24-2 (1)"),
    ),
    **dict.fromkeys(
        ("tax-pay", "socsec-pay"),
        (Category.CONTRIBUTIONS, "Directive 2014/24/EU Art. 57(2); FOA § 24-2 (1)"),
    ),
    **dict.fromkeys(
        ("envir-law", "socsec-law", "labour-law"),
        (Category.SOCIAL_LAW, "Directive 2014/24/EU Art. 57(4)(a); FOA § 24-2 (3) a"),
    ),
    **dict.fromkeys(
        ("bankruptcy", "insolvency", "cred-arran", "bankr-nat", "liq-admin", "susp-act"),
        (Category.INSOLVENCY, "Directive 2014/24/EU Art. 57(4)(b); FOA § 24-2 (3) b"),
    ),
    "prof-misconduct": (
        Category.MISCONDUCT,
        "Directive 2014/24/EU Art. 57(4)(c); FOA § 24-2 (3) c",
    ),
    "distorsion": (Category.MISCONDUCT, "Directive 2014/24/EU Art. 57(4)(d); FOA § 24-2 (3) d"),
    "partic-confl": (Category.CONFLICT, "Directive 2014/24/EU Art. 57(4)(e); FOA § 24-2 (3) e"),
    "prep-confl": (Category.CONFLICT, "Directive 2014/24/EU Art. 57(4)(f); FOA § 24-2 (3) f"),
    "sanction": (Category.MISCONDUCT, "Directive 2014/24/EU Art. 57(4)(g); FOA § 24-2 (3) g"),
    "misrepresent": (
        Category.MISCONDUCT,
        "Directive 2014/24/EU Art. 57(4)(h), (i); FOA § 24-2 (3) h, i",
    ),
    "nati-ground": (Category.NATIONAL, "national law"),
    **dict.fromkeys(
        ("prof-regist", "trade-regist", "authorisation", "membership"),
        (Category.SUITABILITY, "Directive 2014/24/EU Art. 58(2); FOA § 16-3"),
    ),
    **dict.fromkeys(
        (
            "gen-year-to",
            "aver-year-to",
            "spec-aver-to",
            "spec-year-to",
            "finan-rat",
            "indem-insu",
            "finan-requ",
        ),
        (Category.ECONOMIC, "Directive 2014/24/EU Art. 58(3), Annex XII part I; FOA § 16-5"),
    ),
    **dict.fromkeys(
        ("qa-certif-inst", "qu-certif-indep", "envir-certif-indep"),
        (Category.QUALITY, "Directive 2014/24/EU Art. 62; FOA § 16-7"),
    ),
}
_TECHNICAL = (Category.TECHNICAL, "Directive 2014/24/EU Art. 58(4), Annex XII part II; FOA § 16-6")
_OTHER = (Category.OTHER, "Directive 2014/24/EU Art. 59, Implementing Regulation (EU) 2016/7")

_THRESHOLD = {
    "gen-year-to": Threshold.YEARLY_TURNOVER,
    "spec-year-to": Threshold.YEARLY_TURNOVER,
    "spec-aver-to": Threshold.YEARLY_TURNOVER,
    "aver-year-to": Threshold.AVERAGE_TURNOVER,
    "finan-rat": Threshold.RATIO,
    "indem-insu": Threshold.AMOUNT,
    "work-perform": Threshold.REFERENCES,
    "supply-perform": Threshold.REFERENCES,
    "service-perform": Threshold.REFERENCES,
}

#: The average of the yearly amounts counts for these, not each year (specific average turnover).
AVERAGED = frozenset({"spec-aver-to"})


def _section(entry: Entry) -> Section:
    marker = entry.groups[0].id.split("/")[0] if entry.groups else ""
    if "_EG_" in marker:
        return Section.EXCLUSION
    if "_SC_" in marker:
        return Section.SELECTION
    return Section.OTHER


def _first(
    props: list[Prop], *, type: str, datatypes: tuple[str, ...], starts: tuple[str, ...] = ()
) -> str | None:
    for prop in props:
        if prop.type != type or prop.datatype not in datatypes:
            continue
        if starts and not prop.description.lower().startswith(starts):
            continue
        return prop.id
    return None


_SELF_CLEANING = ("have you taken measures", "has the economic operator fulfilled its obligations")


@dataclass(frozen=True)
class Roles:
    """Property ids by meaning, derived from the taxonomy tree of one criterion."""

    answer: str | None = None  # QUESTION INDICATOR "Your answer"
    by_itself: str | None = None  # selection: "Does the EO fulfil the criteria by itself?"
    self_cleaning: str | None = None  # QUESTION INDICATOR on measures taken
    self_cleaning_description: str | None = None
    description: str | None = None  # reasons, registration number, "please describe"
    continuation: str | None = None  # insolvency: reasons for still being able to perform
    convicted: str | None = None  # convictions: "Who has been convicted"
    date: str | None = None  # date of conviction / set-up date
    period: str | None = None  # first QUESTION PERIOD (financial year, exclusion period)
    amount: str | None = None  # first QUESTION AMOUNT
    ratio: str | None = None  # QUESTION QUANTITY
    commitment: str | None = None  # insurance: "I will commit to obtain"
    evidence_available: str | None = None
    evidence: str | None = None  # QUESTION EVIDENCE_IDENTIFIER
    reference_description: str | None = None
    reference_amount: str | None = None
    reference_period: str | None = None
    reference_recipient: str | None = None
    # requirements set by the buyer
    lot: str | None = None
    minimum_amount: str | None = None
    years: str | None = None
    per_year: str | None = None
    minimum_ratio: str | None = None
    ratio_type: str | None = None
    minimum_count: str | None = None
    requirement_description: str | None = None


def _roles(entry: Entry) -> Roles:
    props = list(walk(entry))
    q = "QUESTION"
    r = "REQUIREMENT"
    self_cleaning = _first(props, type=q, datatypes=("INDICATOR",), starts=_SELF_CLEANING)
    after = props[[p.id for p in props].index(self_cleaning) + 1 :] if self_cleaning else []
    before = props[: [p.id for p in props].index(self_cleaning)] if self_cleaning else props
    skip = ("name of the entity", "id of the entity", "reference description")
    description = next(
        (
            p.id
            for p in before
            if p.type == q
            and p.datatype == "DESCRIPTION"
            and not p.description.lower().startswith(skip)
        ),
        None,
    )
    evidence = _first(props, type=q, datatypes=("EVIDENCE_IDENTIFIER",))
    available = None
    if evidence:
        index = [p.id for p in props].index(evidence)
        available = next(
            (p.id for p in reversed(props[:index]) if p.type == q and p.datatype == "INDICATOR"),
            None,
        )
    reference = _first(props, type=q, datatypes=("DESCRIPTION",), starts=("reference description",))
    ref_amount = ref_period = ref_recipient = None
    if reference:
        siblings = [p for p in props if p.id.rsplit("/", 1)[0] == reference.rsplit("/", 1)[0]]
        ref_amount = next((p.id for p in siblings if p.description == "Total amount"), None)
        ref_period = next((p.id for p in siblings if p.datatype == "PERIOD"), None)
        ref_recipient = _first(
            props, type=q, datatypes=("DESCRIPTION",), starts=("recipient name",)
        )
    return Roles(
        answer=_first(props, type=q, datatypes=("INDICATOR",), starts=("your answer",)),
        by_itself=_first(props, type=q, datatypes=("INDICATOR",), starts=("does the eo fulfil",)),
        self_cleaning=self_cleaning,
        self_cleaning_description=_first(after, type=q, datatypes=("DESCRIPTION",)),
        description=description,
        continuation=_first(
            props,
            type=q,
            datatypes=("DESCRIPTION",),
            starts=("indicate reasons for being nevertheless",),
        ),
        convicted=_first(
            props, type=q, datatypes=("DESCRIPTION",), starts=("who has been convicted",)
        ),
        date=_first(props, type=q, datatypes=("DATE",)),
        period=None if reference else _first(props, type=q, datatypes=("PERIOD",)),
        amount=None if reference else _first(props, type=q, datatypes=("AMOUNT",)),
        ratio=_first(props, type=q, datatypes=("QUANTITY",)),
        commitment=_first(
            props, type=q, datatypes=("INDICATOR",), starts=("as an eo i will commit",)
        ),
        evidence_available=available,
        evidence=evidence,
        reference_description=reference,
        reference_amount=ref_amount,
        reference_period=ref_period,
        reference_recipient=ref_recipient,
        lot=_first(props, type=r, datatypes=("LOT_IDENTIFIER",)),
        minimum_amount=_first(props, type=r, datatypes=("MINIMUM_AMOUNT",)),
        years=_first(props, type=r, datatypes=("QUANTITY_YEAR",)),
        per_year=_first(props, type=r, datatypes=("CODE_BOOLEAN",)),
        minimum_ratio=_first(props, type=r, datatypes=("MINIMUM_QUANTITY",)),
        ratio_type=_first(props, type=r, datatypes=("CODE",)),
        minimum_count=_first(props, type=r, datatypes=("MINIMUM_QUANTITY_INTEGER",)),
        requirement_description=_first(props, type=r, datatypes=("DESCRIPTION",)),
    )


@dataclass(frozen=True)
class Criterion:
    """One ESPD criterion: identity, legal basis, thresholds and property roles."""

    id: str  # the taxonomy's criterion id: a UUID (C57+ "other" criteria use a code)
    code: str  # EU criterion vocabulary code, e.g. "crime-org", "gen-year-to"
    name: str
    description: str
    section: Section
    category: Category
    legal_basis: str
    threshold: Threshold | None
    entry: Entry = field(repr=False)
    roles: Roles = field(repr=False)

    @property
    def mandatory_exclusion(self) -> bool:
        """Art. 57(1) and (2): the buyer *shall* exclude (FOA § 24-2 (1))."""
        return self.category in (Category.CONVICTIONS, Category.CONTRIBUTIONS)

    def properties(self) -> Iterator[Prop]:
        return walk(self.entry)

    def prop(self, prop_id: str) -> Prop:
        for prop in walk(self.entry):
            if prop.id == prop_id:
                return prop
        raise KeyError(prop_id)

    @property
    def groups(self) -> tuple[Group, ...]:
        return self.entry.groups


def _build() -> dict[str, Criterion]:
    catalogue = {}
    for entry in ENTRIES:
        section = _section(entry)
        default = _TECHNICAL if section is Section.SELECTION else _OTHER
        category, basis = _CATEGORY.get(entry.code, default)
        catalogue[entry.code] = Criterion(
            id=entry.uuid,
            code=entry.code,
            name=entry.name,
            description=entry.description,
            section=section,
            category=category,
            legal_basis=basis,
            threshold=_THRESHOLD.get(entry.code),
            entry=entry,
            roles=_roles(entry),
        )
    return catalogue


#: Every criterion of the taxonomy by code, in taxonomy order.
CATALOGUE: dict[str, Criterion] = _build()
_BY_ID = {c.id: c for c in CATALOGUE.values()}


def get(code: str) -> Criterion:
    """The criterion with the EU vocabulary ``code``; ``KeyError`` names unknown codes."""
    try:
        return CATALOGUE[code]
    except KeyError:
        raise KeyError(f"unknown ESPD criterion code {code!r}") from None


def by_id(criterion_id: str) -> Criterion | None:
    """The criterion with the taxonomy id (UUID), or ``None``."""
    return _BY_ID.get(criterion_id)


def exclusion_grounds() -> list[Criterion]:
    return [c for c in CATALOGUE.values() if c.section is Section.EXCLUSION]


def selection_criteria() -> list[Criterion]:
    return [c for c in CATALOGUE.values() if c.section is Section.SELECTION]
