"""Documents the platform produces from a procurement: notices, ESPD request,
request catalogue and the tender package.

* The eForms notices (contract, change, cancellation) are built by
  :mod:`heldigital.eforms`; the ESPD request by :mod:`heldigital.espd`.
  This module maps the procurement records to those libraries' input.
* The request catalogue (forespørselskatalog) is a UBL 2.1 ``Catalogue``
  (PEPPOL BIS Catalogue 3, T19) built with
  :meth:`heldigital.ehf.catalogue.Catalogue.from_items`; the buyer is both
  provider and receiver, because the package goes to any interested
  supplier and the supplier's tender catalogue is the priced answer.
* The tender package is one zip (:func:`tender_package`): the latest
  version of every document, the request catalogue, the ESPD request, the
  contract notice and a ``manifest.json`` with the SHA-256 of every entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from heldigital import eforms, espd, ledger
from heldigital.apps.tendering import cpv
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import (
    Identifier,
    Party,
    PartyIdentification,
    PartyLegalEntity,
    PartyName,
)

if TYPE_CHECKING:
    from heldigital.apps.tendering.models import Procurement

#: Name of the request catalogue inside the tender package.
CATALOGUE_NAME = "request-catalogue.xml"
ESPD_NAME = "espd-request.xml"
NOTICE_NAME = "contract-notice.xml"
MANIFEST_NAME = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class BuiltNotice:
    """A notice as built: its eForms subtype and XML."""

    subtype: str
    xml: bytes


def base_url() -> str:
    """The platform's public address (setting ``HELDIGITAL_BASE_URL``)."""
    from django.conf import settings

    return str(getattr(settings, "HELDIGITAL_BASE_URL", "http://localhost:8000")).rstrip("/")


def notice_url(procurement: Procurement) -> str:
    return f"{base_url()}/notices/{procurement.reference}/"


#: ESPD criterion code -> eForms selection-criterion code (BT-747).
SELECTION_CODES: dict[str, str] = {
    "prof-regist": "slc-suit-reg-prof",
    "trade-regist": "slc-suit-reg-trade",
    "authorisation": "slc-suit-auth-mbrshp",
    "membership": "slc-suit-auth-mbrshp",
    "gen-year-to": "slc-stand-to-gen",
    "aver-year-to": "slc-stand-to-avg",
    "spec-year-to": "slc-stand-to-spec",
    "spec-aver-to": "slc-stand-to-spec-avg",
    "finan-rat": "slc-stand-ratio",
    "indem-insu": "slc-stand-ins",
    "finan-requ": "slc-stand-other",
    "work-perform": "slc-abil-ref-work",
    "supply-perform": "slc-abil-ref-supply",
    "service-perform": "slc-abil-ref-services",
    "qual-cont-tech": "slc-abil-staff-tech-ctrl",
    "work-tech": "slc-abil-staff-tech-work",
    "qual-facil": "slc-abil-mgmt-qual",
    "research-fac": "slc-abil-facil-res",
    "chain-manage": "slc-abil-mgmt-supply",
    "envir-measure": "slc-abil-mgmt-env",
    "tech-equip": "slc-abil-facil-tools",
    "qualification": "slc-abil-staff-qual",
    "manage-staff": "slc-abil-staff-yrly-no-mgmt",
    "year-manpower": "slc-abil-staff-yrly-avg-mp",
    "suncont-port": "slc-abil-subc",
    "wo-autent": "slc-abil-qual-smp-wo-autent",
    "w-autent": "slc-abil-qual-smp-w-autent",
    "qa-certif-inst": "slc-abil-qual-inst",
    "qu-certif-indep": "slc-sche-qu-cert-indep",
    "envir-certif-indep": "slc-sche-env-cert-indep",
}

#: ``AuthorityKind`` -> eForms buyer legal type (BT-11): central government
#: authority, or local authority for everyone else.
_LEGAL_TYPES = {"state": "cga", "other": "la"}


def _lot_ids(procurement: Procurement) -> list[str]:
    lots = list(procurement.lots.order_by("number"))
    return [lot.eforms_id for lot in lots] or ["LOT-0001"]


def eforms_procurement(procurement: Procurement) -> eforms.Procurement:
    """The procurement as the eForms library's typed input (BT numbers in its model).

    With notices in both languages the procurement's texts are Norwegian and
    ``procurement.translations`` gives their English (:func:`_bilingual`).
    """
    data = _eforms_procurement(procurement)
    if procurement.notice_language == "both":
        return _bilingual(procurement, data)
    return data


def _translations(procurement: Procurement) -> dict[str, str]:
    """The buyer's translations and those of the texts the platform writes itself."""
    table = {str(k): str(v) for k, v in dict(procurement.translations or {}).items()}
    for cost in (False, True):
        for norwegian, english in zip(_LOWEST[(cost, False)], _LOWEST[(cost, True)], strict=True):
            table.setdefault(norwegian, english)
    for requirement in procurement.requirements.all():
        if requirement.criterion_code not in SELECTION_CODES:
            continue
        name = espd.criteria.get(requirement.criterion_code).name  # the ESPD's English name
        table.setdefault(name, name)
        english = table.get(requirement.description)
        if english:
            table.setdefault(
                _requirement_text(requirement), _requirement_text(requirement, english)
            )
    return table


def english_texts(procurement: Procurement) -> list[str]:
    """The Norwegian texts of the procurement whose English the buyer gives for notices in
    both languages (``Procurement.translations``), in the order of the form: title,
    description, lots, award criteria, the descriptions of selection requirements. The
    texts the platform writes itself (lowest price or cost, ESPD criterion names) have
    their English already."""
    texts = [procurement.title, procurement.description]
    for lot in procurement.lots.order_by("number"):
        texts += [lot.title, lot.description]
    for criterion in procurement.award_criteria.order_by("position", "pk"):
        texts += [criterion.name, criterion.description]
    texts += [
        requirement.description
        for requirement in procurement.requirements.order_by("position", "pk")
        if requirement.criterion_code in SELECTION_CODES
    ]
    platform = {text for pair in _LOWEST.values() for text in pair}
    unique = dict.fromkeys(t for t in texts if t.strip() and t not in platform)
    return list(unique)


def _bilingual(procurement: Procurement, data: eforms.Procurement) -> eforms.Procurement:
    """Notices in Norwegian and English (BT-702 with an additional language).

    National: Norwegian first, English added. EEA: English first (TED takes no
    Norwegian as the notice language) and Norwegian added, which declares Doffin's
    EU profile; a text without its English is refused by the eForms builder.
    """
    table = _translations(procurement)
    if data.regime is not eforms.Regime.EEA:
        return dataclasses.replace(
            data, additional_language=eforms.Language.ENG, translations=table
        )

    def en(text: str) -> str:
        return table.get(text, text)

    return dataclasses.replace(
        data,
        language=eforms.Language.ENG,
        additional_language=eforms.Language.NOR,
        translations={english: norwegian for norwegian, english in table.items()},
        title=en(data.title),
        description=en(data.description),
        lots=tuple(
            dataclasses.replace(lot, title=en(lot.title), description=en(lot.description))
            for lot in data.lots
        ),
        award_criteria=tuple(
            dataclasses.replace(c, name=en(c.name), description=en(c.description))
            for c in data.award_criteria
        ),
        selection_criteria=tuple(
            dataclasses.replace(c, name=en(c.name), description=en(c.description))
            for c in data.selection_criteria
        ),
    )


def notice_text(
    procurement: Procurement, data: eforms.Procurement, text: str, *, same: bool = False
) -> tuple[eforms.Procurement, str]:
    """A text written for one notice (a change, a reason) in the notice's main language,
    with ``data``'s translations extended by it. ``same``: the text reads alike in both
    (field names and values)."""
    if data.additional_language is None:
        return data, text
    table = _translations(procurement)
    english = text if same else table.get(text, "")
    if data.language is eforms.Language.NOR:
        extra = {text: english} if english else {}
        main = text
    else:
        main = english or text
        extra = {main: text} if english else {}
    return dataclasses.replace(data, translations={**data.translations, **extra}), main


def _eforms_procurement(procurement: Procurement) -> eforms.Procurement:
    buyer = procurement.buyer
    lines = [line.strip() for line in buyer.address.splitlines() if line.strip()]
    postal, _, city = (lines[-1] if len(lines) > 1 else "").partition(" ")
    address = eforms.Address(
        street=lines[0] if lines else "",
        postal_zone=postal if postal.isdigit() else "",
        city=city if postal.isdigit() else "",
        nuts=procurement.buyer_nuts,
    )
    english = procurement.notice_language == "en"
    codes = [cpv.eight_digits(code) for code in procurement.cpv_codes]
    lots = list(procurement.lots.order_by("number"))
    description = procurement.description or procurement.title
    if lots:
        lot_inputs = tuple(
            eforms.Lot(
                title=lot.title,
                description=lot.description or description,
                main_cpv=codes[0],
                additional_cpv=tuple(codes[1:]),
                estimated_value=lot.estimated_value,
                duration_months=procurement.contract_duration_months,
            )
            for lot in lots
        )
    else:
        lot_inputs = (
            eforms.Lot(
                title=procurement.title,
                description=description,
                main_cpv=codes[0],
                additional_cpv=tuple(codes[1:]),
                estimated_value=procurement.estimated_value,
                duration_months=procurement.contract_duration_months,
            ),
        )
    national = procurement.regime != "eea"
    kinds = {
        "price": eforms.AwardCriterionKind.PRICE,
        "cost": eforms.AwardCriterionKind.COST,
        "quality": eforms.AwardCriterionKind.QUALITY,
        "environment": (
            eforms.AwardCriterionKind.QUALITY_ENVIRONMENT
            if national
            else eforms.AwardCriterionKind.QUALITY
        ),
    }
    criteria: tuple[eforms.AwardCriterion, ...] = ()
    if procurement.award_method == "best_price_quality":
        criteria = tuple(
            eforms.AwardCriterion(
                kind=kinds[c.kind], name=c.name, weight=c.weight, description=c.description
            )
            for c in procurement.award_criteria.all()
        )
    elif not national:
        # Lowest price or lowest cost: one criterion of 100 %. Nationally no
        # criteria are published (Doffin asks for a climate criterion whenever
        # criteria are listed; lowest price has none to weigh).
        cost = procurement.award_method == "lowest_cost"
        name, text = _LOWEST[(cost, english)]
        criteria = (
            eforms.AwardCriterion(
                kind=eforms.AwardCriterionKind.COST if cost else eforms.AwardCriterionKind.PRICE,
                name=name,
                weight=Decimal(100),
                description=text,
            ),
        )
    selection = []
    seen = set()
    for requirement in procurement.requirements.all():
        code = SELECTION_CODES.get(requirement.criterion_code)
        if code is None or code in seen:
            continue
        seen.add(code)
        selection.append(
            eforms.SelectionCriterion(
                code=code,
                name=espd.criteria.get(requirement.criterion_code).name,
                description=_requirement_text(requirement),
            )
        )
    time_limits = None
    if procurement.tender_deadline is not None:  # a prior information notice may come first
        validity_days = 90
        if procurement.tender_validity_until is not None:
            span = procurement.tender_validity_until - procurement.tender_deadline
            validity_days = max(1, math.ceil(span / timedelta(days=1)))
        time_limits = eforms.TimeLimits(
            tender_deadline=procurement.tender_deadline,
            questions_deadline=procurement.questions_deadline,
            tender_validity_days=validity_days,
            request_deadline=procurement.request_deadline,
        )
    url = notice_url(procurement)
    return eforms.Procurement(
        procedure_id=procurement.id,
        reference=procurement.reference,
        title=procurement.title,
        description=description,
        buyer=eforms.Buyer(
            name=buyer.name,
            orgnr=buyer.orgnr,
            address=address,
            contact=eforms.Contact(email=buyer.email, telephone=procurement.contact_telephone),
            legal_type=_LEGAL_TYPES.get(procurement.authority_kind, "la"),
        ),
        nature=eforms.ContractKind(procurement.contract_kind),
        procedure=eforms.Procedure(procurement.procedure),
        regime=eforms.Regime(procurement.regime),
        main_cpv=codes[0],
        additional_cpv=tuple(codes[1:]),
        time_limits=time_limits,
        lots=lot_inputs,
        estimated_value=procurement.estimated_value,
        currency=procurement.currency,
        award_criteria=criteria,
        selection_criteria=tuple(selection),
        documents_url=url,
        submission_url=url,
        review_body=(
            eforms.Organisation(
                name=procurement.review_body_name,
                orgnr=procurement.review_body_orgnr,
                address=eforms.Address(
                    city=procurement.review_body_town,
                    postal_zone=procurement.review_body_postal_code,
                    nuts=procurement.review_body_nuts,
                ),
            )
            if procurement.review_body_name.strip()
            else None
        ),
        language=eforms.Language.ENG if english else eforms.Language.NOR,
        place_nuts=procurement.place_of_performance,
        minimum_candidates=procurement.minimum_candidates,
        successive_reduction=procurement.successive_reduction,
        award_without_negotiation=procurement.award_without_negotiation,
    )


#: (lowest cost?, English?) -> the one award criterion of a lowest price or cost award
#: (BT-734 name, BT-540 description), from the award method (anskaffelsesforskriften
#: § 18-1 (2), Directive 2014/24/EU Art. 67(2)).
_LOWEST = {
    (False, False): ("Laveste pris", "Kontrakten tildeles tilbudet med lavest pris."),
    (True, False): ("Laveste kostnad", "Kontrakten tildeles tilbudet med lavest kostnad."),
    (False, True): ("Lowest price", "The contract is awarded to the tender with the lowest price."),
    (True, True): ("Lowest cost", "The contract is awarded to the tender with the lowest cost."),
}


def _requirement_text(requirement: Any, description: str | None = None) -> str:
    text = requirement.description if description is None else description
    if requirement.threshold is not None:
        minimum = f"{requirement.threshold} {requirement.threshold_unit}".strip()
        if requirement.years:
            minimum += f" ({requirement.years} years)"
        text = f"{text} Minimum: {minimum}".strip()
    return text


def contract_notice(
    procurement: Procurement, *, notice_id: uuid.UUID, now: datetime
) -> BuiltNotice:
    """The eForms ContractNotice of ``procurement`` (subtype 16 or E3)."""
    data = eforms_procurement(procurement)
    return BuiltNotice(
        subtype=eforms.subtype_for(data),
        xml=eforms.contract_notice(data, issued=now, notice_id=notice_id),
    )


def change_notice(
    procurement: Procurement,
    *,
    notice_id: uuid.UUID,
    previous: tuple[uuid.UUID, int],
    changes: dict[str, Any],
    reason: str,
    now: datetime,
) -> BuiltNotice:
    """The change notice: the notice as it now reads plus what changed (BT-758 -> previous)."""
    data = eforms_procurement(procurement)
    section = data.lot_ids[0]
    listed = []
    for name, change in changes.items():
        if name == "documents":
            for doc in change["new"]:
                text = f"{doc['title']}: version {doc['version']} ({doc['filename']})"
                data, text = notice_text(procurement, data, text, same=True)
                listed.append(
                    eforms.Change(
                        description=text,
                        section=section,
                        documents_changed=True,
                    )
                )
        else:
            text = f"{name}: {change['old']} -> {change['new']}"
            data, text = notice_text(procurement, data, text, same=True)
            listed.append(eforms.Change(description=text, section=section))
    data, main_reason = notice_text(procurement, data, reason)
    return BuiltNotice(
        subtype=eforms.subtype_for(data),
        xml=eforms.change_notice(
            data,
            previous=eforms.NoticeRef(previous[0], previous[1]),
            changes=listed,
            reason=main_reason,
            issued=now,
            notice_id=notice_id,
        ),
    )


def cancellation_notice(
    procurement: Procurement,
    *,
    notice_id: uuid.UUID,
    previous: tuple[uuid.UUID, int],
    reason: str,
    now: datetime,
) -> BuiltNotice:
    data, main_reason = notice_text(procurement, eforms_procurement(procurement), reason)
    return BuiltNotice(
        subtype=eforms.subtype_for(data),
        xml=eforms.cancellation_notice(
            data,
            previous=eforms.NoticeRef(previous[0], previous[1]),
            reason=main_reason,
            issued=now,
            notice_id=notice_id,
        ),
    )


def prior_information_notice(
    procurement: Procurement, *, notice_id: uuid.UUID, now: datetime, planned: datetime | None
) -> BuiltNotice:
    """The prior information notice of ``procurement`` (subtype 4 or E2)."""
    data = eforms_procurement(procurement)
    return BuiltNotice(
        subtype=eforms.prior_subtype_for(data),
        xml=eforms.prior_information_notice(data, issued=now, planned=planned, notice_id=notice_id),
    )


@dataclass(frozen=True)
class LotAward:
    """One lot's result as the award notice states it (see :func:`award_notice`)."""

    tenders: int
    tenders_sme: int
    winner: Any  # accounts.Organisation
    winner_size: str
    value: Decimal
    tender_reference: str
    contract_reference: str
    contract_concluded: datetime
    winner_region: str = ""


def _organisation(org: Any, nuts: str = "") -> eforms.Organisation:
    lines = [line.strip() for line in org.address.splitlines() if line.strip()]
    postal, _, city = (lines[-1] if len(lines) > 1 else "").partition(" ")
    return eforms.Organisation(
        name=org.name,
        orgnr=org.orgnr,
        address=eforms.Address(
            street=lines[0] if lines else "",
            postal_zone=postal if postal.isdigit() else "",
            city=city if postal.isdigit() else "",
            nuts=nuts,
        ),
        contact=eforms.Contact(email=org.email),
    )


def award_notice(
    procurement: Procurement,
    *,
    notice_id: uuid.UUID,
    now: datetime,
    decided: datetime,
    lots: list[LotAward],
) -> BuiltNotice:
    """The contract award notice of ``procurement`` (subtype 29 or E4).

    Every supplier on the platform is registered with a Norwegian organisation
    number, so no tender came from another EEA country or from outside the EEA
    (BT-759 ``t-oth-eea``, ``t-no-eea``).
    """
    data = eforms_procurement(procurement)
    result = eforms.AwardResult(
        decided=decided,
        lots=tuple(
            eforms.LotResult(
                tenders_received=lot.tenders,
                tenders_sme=lot.tenders_sme,
                winner=_organisation(lot.winner, lot.winner_region),
                winner_size=lot.winner_size,
                value=lot.value,
                tender_reference=lot.tender_reference,
                contract_reference=lot.contract_reference,
                contract_concluded=lot.contract_concluded,
            )
            for lot in lots
        ),
    )
    return BuiltNotice(
        subtype=eforms.award_subtype_for(data),
        xml=eforms.contract_award_notice(data, result, issued=now, notice_id=notice_id),
    )


# ------------------------------------------------------------------- ESPD


def espd_requirement(requirement: Any, lot: str) -> espd.Requirement:
    """A qualification requirement as the ESPD library's input (thresholds mapped).

    Turnover: ``threshold`` is the minimum amount in ``threshold_unit`` over
    ``years`` (default 3, Directive 2014/24/EU Annex XII part I (c)); ratio:
    the minimum ratio; insurance: the minimum cover; references: the
    minimum number.
    """
    criterion = espd.criteria.get(requirement.criterion_code)
    kind = criterion.threshold
    amount = ratio = count = years = None
    value = requirement.threshold
    if value is not None:
        if kind in (espd.Threshold.YEARLY_TURNOVER, espd.Threshold.AVERAGE_TURNOVER):
            amount, years = value, requirement.years or 3
        elif kind is espd.Threshold.AMOUNT:
            amount = value
        elif kind is espd.Threshold.RATIO:
            ratio = value
        elif kind is espd.Threshold.REFERENCES:
            count = int(value)
        else:
            raise espd.EspdError(f"criterion {criterion.code!r} takes no minimum")
    unit = requirement.threshold_unit
    currency = unit if len(unit) == 3 and unit.isascii() and unit.isupper() else "NOK"
    return espd.Requirement(
        criterion=criterion.code,
        minimum_amount=amount,
        currency=currency,
        years=years,
        minimum_ratio=ratio,
        minimum_count=count,
        description=requirement.description,
        lot=lot,
    )


def espd_lots(procurement: Procurement) -> tuple[str, ...]:
    """ESPD lot ids: LOT-0000 when the procurement is not divided into lots."""
    lots = [lot.eforms_id for lot in procurement.lots.order_by("number")]
    return tuple(lots) or ("LOT-0000",)


def espd_request(procurement: Procurement, *, now: datetime) -> bytes | None:
    """The ESPD request (ESPD-EDM v4.1.0 QualificationApplicationRequest).

    Mandatory exclusion grounds are always included by the library. A
    requirement that names no lot applies to the first lot (ESPD-EDM ties a
    selection criterion to one lot; LOT-0000 when there are no lots).
    """
    lots = espd_lots(procurement)
    notice = procurement.notices.filter(kind="contract").order_by("published_at").first()
    buyer = procurement.buyer
    requirements = [
        espd_requirement(r, r.lot.eforms_id if r.lot is not None else lots[0])
        for r in procurement.requirements.select_related("lot")
    ]
    return espd.request(
        espd.Procurement(
            procedure_id=str(procurement.id),
            title=procurement.title,
            description=procurement.description or procurement.title,
            buyer=espd.Party(name=buyer.name, orgnr=buyer.orgnr, email=buyer.email),
            procedure=_ESPD_PROCEDURES[procurement.procedure],
            lots=lots,
            notice_id=(
                f"{notice.notice_id}-{int(notice.notice_version):02d}" if notice is not None else ""
            ),
            national_notice=procurement.regime != "eea",
        ),
        requirements,
        issued=now,
    )


#: Procedure -> eForms procurement-procedure-type code (as in the contract notice).
_ESPD_PROCEDURES = {
    "open": "open",
    "restricted": "restricted",
    "negotiation": "neg-w-call",
    "national": "oth-single",
}


def latest_espd_request(procurement: Procurement) -> bytes | None:
    """The ESPD request of the procurement's current version, as issued."""
    latest = procurement.espd_requests.order_by("-procurement_version").first()
    return bytes(latest.xml) if latest is not None else None


def espd_criterion(code: str) -> espd.Criterion:
    """The ESPD criterion with vocabulary ``code``; ``KeyError`` when there is none."""
    return espd.criteria.get(code)


# ------------------------------------------------------- request catalogue


def _party(procurement: Procurement) -> Party:
    buyer = procurement.buyer
    return Party(
        endpoint_id=Identifier(buyer.orgnr, scheme_id="0192"),
        party_identification=(PartyIdentification(id=Identifier(buyer.orgnr, scheme_id="0192")),),
        party_name=(PartyName(name=buyer.name),),
        party_legal_entity=(PartyLegalEntity(registration_name=buyer.name),),
    )


#: Item property that carries a request line's estimated quantity (in the orderable unit).
ESTIMATED_QUANTITY = "Estimated quantity"


def catalogue_items(procurement: Procurement) -> list[CatalogueItem]:
    """The request catalogue lines as plain catalogue items (no prices).

    The estimated quantity travels as the item property
    :data:`ESTIMATED_QUANTITY` in the line's orderable unit, not as a
    ``cac:RequiredItemLocationQuantity``: in PEPPOL BIS Catalogue 3 that
    element is a price break, and one without a price breaks rule
    PEPPOL-T19-R006 (``number(cac:Price/cbc:PriceAmount) >= 0`` is false
    for a missing price). The lot number, if any, is the property ``Lot``.
    """
    items = []
    for item in procurement.request_items.select_related("lot").order_by("position", "line_id"):
        quantity = item.estimated_quantity
        if quantity == quantity.to_integral():
            quantity = quantity.quantize(Decimal(1))
        else:
            quantity = quantity.normalize()
        properties = {ESTIMATED_QUANTITY: str(quantity)}
        if item.lot is not None:
            properties["Lot"] = str(item.lot.number)
        properties.update({prop["name"]: prop.get("value", "") for prop in item.properties})
        items.append(
            CatalogueItem(
                id=item.line_id,
                name=item.name,
                description=item.description or item.name,
                unit=item.unit_code,
                properties=properties,
                classification=(item.cpv_code[:8], "STI") if item.cpv_code else None,
            )
        )
    return items


def request_catalogue(procurement: Procurement) -> bytes | None:
    """The request catalogue as UBL Catalogue XML, or ``None`` without request lines."""
    items = catalogue_items(procurement)
    if not items:
        return None
    issued = procurement.published_at or procurement.updated_at
    party = _party(procurement)
    catalogue = Catalogue.from_items(
        id=f"{procurement.reference}-RC-{procurement.version}",
        issue_date=issued.date(),
        provider=party,
        receiver=party,
        items=items,
        currency=procurement.currency,
        name=procurement.title[:200],
        contract_id=procurement.reference,
    )
    return catalogue.to_xml()


# ----------------------------------------------------------------- package


def tender_package(procurement: Procurement) -> bytes:
    """The complete tender package as one zip (see the module docstring).

    Entry names are fixed or built from the sanitised stored file names,
    numbered so that two documents with the same file name cannot collide.
    """
    from heldigital.apps.tendering.services import latest_versions

    entries: list[tuple[str, bytes, dict[str, Any]]] = []
    for index, version in enumerate(latest_versions(procurement), start=1):
        with version.file.open("rb") as handle:
            content = handle.read()
        if sha256(content) != version.sha256:
            raise ValueError(f"stored file of {version} does not match its SHA-256")
        entries.append(
            (
                f"documents/{index:02d}-{version.filename}",
                content,
                {
                    "title": version.document.title,
                    "version": version.number,
                    "content_type": version.content_type,
                },
            )
        )
    catalogue = request_catalogue(procurement)
    if catalogue is not None:
        entries.append((CATALOGUE_NAME, catalogue, {"title": "Request catalogue (UBL Catalogue)"}))
    espd_xml = latest_espd_request(procurement)
    if espd_xml is not None:
        entries.append((ESPD_NAME, espd_xml, {"title": "ESPD request"}))
    notice = (
        procurement.notices.exclude(xml=None)
        .filter(kind__in=["contract", "change"])
        .order_by("-published_at", "-id")
        .first()
    )
    if notice is not None and notice.xml is not None:
        entries.append((NOTICE_NAME, bytes(notice.xml), {"title": "eForms notice"}))
    manifest = {
        "procurement": procurement.reference,
        "title": procurement.title,
        "buyer": {"name": procurement.buyer.name, "orgnr": procurement.buyer.orgnr},
        "version": procurement.version,
        "tender_deadline": (
            ledger.format_time(procurement.tender_deadline) if procurement.tender_deadline else None
        ),
        "files": [
            {"name": name, "size": len(content), "sha256": sha256(content), **meta}
            for name, content, meta in entries
        ],
    }
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content, _meta in entries:
            archive.writestr(name, content)
        archive.writestr(
            MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        )
    return buffer.getvalue()
