"""The prior information notice used only for information (eForms ``PriorInformationNotice``).

Subtype 4, "Prior information notice used only for information - general
directive" (Directive 2014/24/EU Art. 48(1)), follows the SDK 1.16 examples
``pin-only_24.xml`` and ``pin-only_24_lots.xml``; the national E2, "Voluntary
prior information notice", Doffin's profile (eforms-sdk-nor,
``src/tests/national-e/VALID-national-e2-minimum.xml``).

The platform uses it to announce a planned procurement and invite the market
to a dialogue before the competition (anskaffelsesforskriften § 12-1 (2),
Directive 2014/24/EU Art. 40): the notice describes the procedure and its
planned parts (``PAR-nnnn``, one per planned lot) and, when known, the date
the contract notice is expected (BT-127).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from lxml import etree

from .model import NoticeError, Procurement, Regime
from .notice import (
    EFAC,
    NSMAP,
    OSLO,
    PIN,
    NoticeRef,
    _el,
    _extension,
    _org_ref,
    _serialise,
    cac,
    cbc,
    header,
    legislation,
    organisations,
    project,
)

__all__ = ["prior_information_notice", "prior_subtype_for"]


def prior_subtype_for(procurement: Procurement) -> str:
    """``4`` above the EEA threshold (Directive 2014/24/EU), ``E2`` for Doffin's national."""
    return "4" if procurement.regime is Regime.EEA else "E2"


def prior_information_notice(
    procurement: Procurement,
    *,
    issued: datetime,
    planned: datetime | None = None,
    notice_id: uuid.UUID | None = None,
    version: int = 1,
) -> bytes:
    """The prior information notice (subtype 4, or E2 below the EEA threshold) as UTF-8 XML.

    ``planned`` (timezone-aware, after ``issued``) is the expected publication
    date of the contract notice (BT-127).
    """
    if planned is not None:
        if planned.tzinfo is None or planned.utcoffset() is None:
            raise NoticeError("the planned date of the contract notice must be timezone-aware")
        if planned.astimezone(OSLO).date() <= issued.astimezone(OSLO).date():
            # BR-BT-00127-0100: a later day than the dispatch date (BT-05).
            raise NoticeError(
                "the planned date of the contract notice (BT-127) is a day after dispatch or later"
            )
    subtype = prior_subtype_for(procurement)
    national = subtype.startswith("E")
    ref = NoticeRef(notice_id or uuid.uuid4(), version)

    root = etree.Element(f"{{{PIN}}}PriorInformationNotice", nsmap={**NSMAP, None: PIN})
    extension = _extension(root)
    cbc(_el(extension, EFAC, "NoticeSubType"), "SubTypeCode", subtype, listName="notice-subtype")
    organisations(extension, procurement, review_body=not national)
    header(
        root,
        procurement,
        notice=ref,
        issued=issued,
        national=national,
        notice_type=("planning", "pin-only"),
        planned=planned,
        folder=False,  # BT-04 is not part of a prior information notice (BR-BT-00004-0007)
    )
    if national:
        legislation(cac(root, "TenderingTerms"), procurement)
    project(
        cac(root, "ProcurementProject"),
        procurement,
        internal_id=procurement.reference,
        title=procurement.title,
        description=procurement.description,
        value=procurement.estimated_value,
        main_cpv=procurement.main_cpv,
        additional_cpv=procurement.additional_cpv,
        duration_months=None,
        strategic=False,
    )
    for number, lot in enumerate(procurement.lots, start=1):
        element = cac(root, "ProcurementProjectLot")
        cbc(element, "ID", f"PAR-{number:04d}", schemeName="Part")
        if not national:
            terms = cac(element, "TenderingTerms")
            _org_ref(terms, "AdditionalInformationParty", "ORG-0001")
            if procurement.review_body is not None:
                appeal = cac(terms, "AppealTerms")
                _org_ref(appeal, "AppealInformationParty", "ORG-0001")
                _org_ref(appeal, "AppealReceiverParty", "ORG-0002")
        project(
            cac(element, "ProcurementProject"),
            procurement,
            internal_id="",
            title=lot.title,
            description=lot.description,
            value=lot.estimated_value,
            main_cpv=lot.main_cpv,
            additional_cpv=lot.additional_cpv,
            duration_months=lot.duration_months,
            strategic=False,
        )
    return _serialise(root)
