"""The typed input of an eForms contract notice.

Plain frozen dataclasses, validated on construction: whatever reaches the
XML builder is already a well-formed procurement. Field names follow the
business terms of the eForms SDK (``fields/fields.json``); the BT number
is given where one field maps to one business term.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from stdnum.no import orgnr as no_orgnr

from heldigital.decisions.thresholds import ContractKind, Regime
from heldigital.decisions.timelimits import Procedure

from .codes import NORWEGIAN_NUTS3

__all__ = [
    "Address",
    "AwardCriterion",
    "AwardCriterionKind",
    "Buyer",
    "Contact",
    "ContractKind",
    "Language",
    "Lot",
    "NoticeError",
    "Organisation",
    "Procedure",
    "Procurement",
    "Regime",
    "SelectionCriterion",
    "TimeLimits",
]


class NoticeError(ValueError):
    """The procurement cannot be expressed as the requested eForms notice.

    ``problems`` lists the broken rules (``heldigital.eforms.Problem``) when the
    built notice failed :func:`heldigital.eforms.check`.
    """

    def __init__(
        self, message: str, *, problems: Sequence[Any] = (), untranslated: str = ""
    ) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
        #: the text that has no translation into an additional notice language
        self.untranslated = untranslated


class Language(enum.StrEnum):
    """Notice language (BT-702), ISO 639-3 codes as eForms uses them."""

    NOR = "NOR"
    ENG = "ENG"


class AwardCriterionKind(enum.StrEnum):
    """award-criterion-type code list (BT-539).

    ``QUALITY_ENVIRONMENT`` is the Norwegian national extension
    ``quality-nor-env-criteria`` (Doffin profile, eforms-sdk-nor): a quality
    criterion that weighs climate and environment (anskaffelsesforskriften
    § 7-9). Above the EEA threshold it is published as plain ``quality``.
    """

    PRICE = "price"
    COST = "cost"
    QUALITY = "quality"
    QUALITY_ENVIRONMENT = "quality-nor-env-criteria"


#: selection-criterion code list (BT-747) of the eForms SDK.
SELECTION_CRITERION_CODES = frozenset(
    {
        "slc-abil-facil-res",
        "slc-abil-facil-tools",
        "slc-abil-mgmt-env",
        "slc-abil-mgmt-qual",
        "slc-abil-mgmt-supply",
        "slc-abil-qual-inst",
        "slc-abil-qual-smp-w-autent",
        "slc-abil-qual-smp-wo-autent",
        "slc-abil-ref-services",
        "slc-abil-ref-supply",
        "slc-abil-ref-work",
        "slc-abil-staff-qual",
        "slc-abil-staff-tech-ctrl",
        "slc-abil-staff-tech-work",
        "slc-abil-staff-yrly-avg-mp",
        "slc-abil-staff-yrly-no-mgmt",
        "slc-abil-subc",
        "slc-sche-env-cert-indep",
        "slc-sche-qu-cert-indep",
        "slc-sec-inf",
        "slc-sec-proc",
        "slc-sec-supply",
        "slc-stand-ins",
        "slc-stand-other",
        "slc-stand-ratio",
        "slc-stand-to-avg",
        "slc-stand-to-gen",
        "slc-stand-to-spec",
        "slc-stand-to-spec-avg",
        "slc-suit-auth-mbrshp",
        "slc-suit-reg-prof",
        "slc-suit-reg-trade",
    }
)

#: buyer-legal-type code list (BT-11) of the eForms SDK.
BUYER_LEGAL_TYPES = frozenset(
    {
        "body-pl",
        "body-pl-cga",
        "body-pl-la",
        "body-pl-ra",
        "cga",
        "def-cont",
        "eu-ins-bod-ag",
        "int-org",
        "la",
        "org-sub",
        "org-sub-cga",
        "org-sub-la",
        "org-sub-ra",
        "pub-undert",
        "pub-undert-cga",
        "pub-undert-la",
        "pub-undert-ra",
        "ra",
        "spec-rights-entity",
    }
)


def _require_text(value: str, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise NoticeError(f"{what} is required")


def _check_cpv(code: str) -> None:
    """A CPV code as eForms writes it (BT-262): eight digits, no check digit."""
    if not (isinstance(code, str) and len(code) == 8 and code.isascii() and code.isdigit()):
        raise NoticeError(f"CPV code must be eight digits without check digit, got {code!r}")


def _check_aware(moment: datetime | None, what: str) -> None:
    if moment is not None and (moment.tzinfo is None or moment.utcoffset() is None):
        raise NoticeError(f"{what} must be timezone-aware")


@dataclass(frozen=True, kw_only=True)
class Address:
    """Postal address (BT-510, BT-513, BT-512, BT-507, BT-514)."""

    street: str = ""
    city: str = ""
    postal_zone: str = ""
    country: str = "NOR"  # ISO 3166-1 alpha-3, as the eForms country list
    nuts: str = ""  # NUTS level 3, e.g. NO081 (Oslo)

    def __post_init__(self) -> None:
        if not (len(self.country) == 3 and self.country.isascii() and self.country.isupper()):
            raise NoticeError(f"country must be an ISO 3166-1 alpha-3 code, got {self.country!r}")
        if self.nuts and self.country == "NOR" and self.nuts not in NORWEGIAN_NUTS3:
            known = ", ".join(sorted(NORWEGIAN_NUTS3))
            raise NoticeError(f"{self.nuts!r} is not a Norwegian NUTS 3 region ({known})")


@dataclass(frozen=True, kw_only=True)
class Contact:
    """Contact point (BT-502, BT-506, BT-503)."""

    name: str = ""
    email: str = ""
    telephone: str = ""


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """An organisation of the notice's organisations section (OPT-200 ORG-nnnn)."""

    name: str
    orgnr: str = ""  # BT-501; Norwegian organisation numbers are checked (MOD11)
    address: Address = field(default_factory=Address)
    contact: Contact = field(default_factory=Contact)
    website: str = ""

    def __post_init__(self) -> None:
        _require_text(self.name, "organisation name")
        if self.orgnr and self.address.country == "NOR":
            if not no_orgnr.is_valid(self.orgnr):
                raise NoticeError(f"invalid Norwegian organisation number {self.orgnr!r}")
            object.__setattr__(self, "orgnr", no_orgnr.compact(self.orgnr))


@dataclass(frozen=True, kw_only=True)
class Buyer(Organisation):
    """The contracting authority (buyer) with its legal type (BT-11) and activity (BT-10)."""

    legal_type: str = "la"
    activity: str = "gen-pub"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.legal_type not in BUYER_LEGAL_TYPES:
            raise NoticeError(f"unknown buyer legal type {self.legal_type!r} (BT-11)")


@dataclass(frozen=True, kw_only=True)
class AwardCriterion:
    """One award criterion (BT-539 type, BT-734 name, BT-540 description, BT-541 weight %)."""

    kind: AwardCriterionKind
    name: str
    weight: Decimal
    description: str = ""

    def __post_init__(self) -> None:
        _require_text(self.name, "award criterion name")
        if not isinstance(self.weight, Decimal) or not (0 < self.weight <= 100):
            raise NoticeError(
                f"award criterion weight must be a Decimal in (0, 100], got {self.weight!r}"
            )


@dataclass(frozen=True, kw_only=True)
class SelectionCriterion:
    """One selection criterion published in the notice (BT-747 code, BT-749/750 text)."""

    code: str
    name: str
    description: str

    def __post_init__(self) -> None:
        if self.code not in SELECTION_CRITERION_CODES:
            raise NoticeError(f"unknown selection criterion code {self.code!r} (BT-747)")
        _require_text(self.name, "selection criterion name")
        _require_text(self.description, "selection criterion description (BT-750)")


@dataclass(frozen=True, kw_only=True)
class TimeLimits:
    """Time limits: tenders (BT-131), questions (BT-13), tender validity (BT-98, days),
    requests to participate (BT-1311, two-stage procedures only)."""

    tender_deadline: datetime
    questions_deadline: datetime | None = None
    tender_validity_days: int = 90
    request_deadline: datetime | None = None

    def __post_init__(self) -> None:
        _check_aware(self.tender_deadline, "tender deadline")
        _check_aware(self.questions_deadline, "questions deadline")
        _check_aware(self.request_deadline, "request-to-participate deadline")
        if self.questions_deadline is not None and self.questions_deadline > self.tender_deadline:
            raise NoticeError("the questions deadline must not be after the tender deadline")
        if not isinstance(self.tender_validity_days, int) or self.tender_validity_days <= 0:
            raise NoticeError("tender validity must be a positive number of days")


@dataclass(frozen=True, kw_only=True)
class Lot:
    """One lot (LOT-nnnn); a procurement without division into lots has exactly one."""

    title: str
    description: str
    main_cpv: str
    additional_cpv: tuple[str, ...] = ()
    estimated_value: Decimal | None = None
    duration_months: int | None = None

    def __post_init__(self) -> None:
        _require_text(self.title, "lot title")
        _require_text(self.description, "lot description")
        for code in (self.main_cpv, *self.additional_cpv):
            _check_cpv(code)
        if self.estimated_value is not None and (
            not isinstance(self.estimated_value, Decimal) or self.estimated_value < 0
        ):
            raise NoticeError("lot estimated value must be a non-negative Decimal")


@dataclass(frozen=True, kw_only=True)
class Procurement:
    """Everything a contract notice says about one procurement procedure.

    ``procedure_id`` is the procedure identifier (BT-04, ``ContractFolderID``)
    and stays the same for every notice of the procedure. ``regime`` decides
    the notice subtype: :attr:`Regime.EEA` → subtype 16 (Directive
    2014/24/EU), national regimes → Doffin's national subtype E3.
    """

    procedure_id: uuid.UUID
    reference: str
    title: str
    description: str
    buyer: Buyer
    nature: ContractKind
    procedure: Procedure
    regime: Regime
    main_cpv: str
    lots: tuple[Lot, ...]
    # Required by contract notices; a prior information notice may come before them.
    time_limits: TimeLimits | None = None
    additional_cpv: tuple[str, ...] = ()
    estimated_value: Decimal | None = None
    currency: str = "NOK"
    award_criteria: tuple[AwardCriterion, ...] = ()
    selection_criteria: tuple[SelectionCriterion, ...] = ()
    documents_url: str = ""
    submission_url: str = ""
    language: Language = Language.NOR
    # BT-702 (b) additional notice language: every text field of the notice is then
    # written in both languages (eForms "multilingual" fields, one element per
    # language, as in the SDK's cn_24_multilingual.xml). ``translations`` maps each
    # text of the procurement (in ``language``) to its text in the additional language.
    additional_language: Language | None = None
    translations: Mapping[str, str] = field(default_factory=dict)
    # The review body (OPT-301, BT-500; in Norway the district court - tingrett -
    # for the buyer); mandatory in subtype 16 (EEA regime).
    review_body: Organisation | None = None
    environmental: bool = False  # strategic procurement: reduction of environmental impact
    # Place of performance (BT-5071, NUTS 3); the buyer's own region is its address's.
    place_nuts: str = ""
    # Two-stage procedures (restricted, negotiated): the minimum number of candidates
    # invited (BT-50); negotiated: successive stages to reduce the number of tenders
    # (BT-52) and the right to award on the initial tenders (BT-120 "no further
    # negotiation").
    minimum_candidates: int | None = None
    successive_reduction: bool = False
    award_without_negotiation: bool = False
    # The most lots one tenderer may tender for (BT-31); ``None``: every lot.
    max_lots_per_tenderer: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.procedure_id, uuid.UUID):
            raise NoticeError("procedure_id must be a UUID")
        _require_text(self.reference, "procurement reference")
        _require_text(self.title, "procurement title")
        _require_text(self.description, "procurement description")
        _require_text(self.documents_url, "procurement documents URL (BT-15)")
        _require_text(self.submission_url, "tender submission URL (BT-18)")
        for code in (self.main_cpv, *self.additional_cpv):
            _check_cpv(code)
        if not self.lots:
            raise NoticeError("a procurement has at least one lot")
        if self.estimated_value is not None and (
            not isinstance(self.estimated_value, Decimal) or self.estimated_value < 0
        ):
            raise NoticeError("estimated value must be a non-negative Decimal")
        if not (len(self.currency) == 3 and self.currency.isascii() and self.currency.isupper()):
            raise NoticeError(f"currency must be an ISO 4217 code, got {self.currency!r}")
        if self.regime is Regime.EEA and self.procedure is Procedure.NATIONAL:
            raise NoticeError(
                "a national competition is not an EEA procedure (Directive 2014/24/EU)"
            )
        if self.regime is Regime.EEA:
            if self.review_body is None:
                raise NoticeError(
                    "above the EEA threshold the notice names the review body (OPT-301, BT-500; "
                    "in Norway the district court - tingrett - for the buyer)"
                )
            if any(lot.duration_months is None for lot in self.lots):
                raise NoticeError(
                    "every lot needs its duration in months (BT-36) above the EEA threshold"
                )
        else:
            if Language.NOR not in self.notice_languages:
                raise NoticeError(
                    "national notices in Doffin are written in Norwegian (NOR), alone or "
                    "beside another language (EFORMS-NOR-R004)"
                )
            if self.currency != "NOK":
                raise NoticeError("national notices in Doffin state amounts in NOK")
            kinds = {c.kind for c in self.award_criteria}
            if kinds and AwardCriterionKind.QUALITY_ENVIRONMENT not in kinds:
                raise NoticeError(
                    "national award criteria must include a climate and environment criterion "
                    "(anskaffelsesforskriften § 7-9; Doffin code quality-nor-env-criteria)"
                )
        if self.additional_language is self.language:
            raise NoticeError("the additional notice language (BT-702) repeats the main one")
        if self.place_nuts and self.place_nuts not in NORWEGIAN_NUTS3:
            raise NoticeError(f"{self.place_nuts!r} is not a Norwegian NUTS 3 region (BT-5071)")
        if self.two_stage and self.time_limits is not None:
            if self.time_limits.request_deadline is None:
                raise NoticeError(
                    "a two-stage procedure states the deadline for requests to participate "
                    "(BT-1311)"
                )
            if self.regime is Regime.EEA and self.minimum_candidates is None:
                raise NoticeError(
                    "a two-stage procedure states the minimum number of candidates (BT-50)"
                )
        if self.max_lots_per_tenderer is not None and not (
            1 <= self.max_lots_per_tenderer <= len(self.lots)
        ):
            raise NoticeError("the most lots per tenderer (BT-31) is 1 to the number of lots")
        if self.award_criteria:
            total = sum((c.weight for c in self.award_criteria), Decimal(0))
            if total != Decimal(100):
                raise NoticeError(f"award criterion weights must add up to 100, got {total}")

    @property
    def notice_languages(self) -> tuple[Language, ...]:
        """BT-702: the notice language, then the additional one (if any)."""
        if self.additional_language is None:
            return (self.language,)
        return (self.language, self.additional_language)

    def text_in(self, text: str, language: Language) -> str:
        """``text`` (written in :attr:`language`) in ``language``; refused when untranslated."""
        if language is self.language:
            return text
        translated = self.translations.get(text, "")
        if not translated.strip():
            raise NoticeError(
                f"the notice is also in {language.value}: give the {language.value} text of "
                f"{text!r}",
                untranslated=text,
            )
        return translated

    @property
    def strategic_environmental(self) -> bool:
        """Strategic procurement "reduction of environmental impact" (BT-06 env-imp)."""
        return self.environmental or any(
            c.kind is AwardCriterionKind.QUALITY_ENVIRONMENT for c in self.award_criteria
        )

    @property
    def two_stage(self) -> bool:
        """Restricted or negotiated: requests to participate first, tenders by invitation."""
        return self.procedure in (Procedure.RESTRICTED, Procedure.NEGOTIATION)

    @property
    def lot_ids(self) -> tuple[str, ...]:
        """The lot identifiers used in the notice: LOT-0001, LOT-0002, …"""
        return tuple(f"LOT-{i:04d}" for i in range(1, len(self.lots) + 1))
