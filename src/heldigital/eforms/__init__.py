"""eForms notices for Heldigital: prior information, contract, change, cancellation, award.

Pure library (no Django). Writes UBL 2.3 ``ContractNotice`` documents with the
eForms extension as the eForms SDK 1.16 defines them
(Commission Implementing Regulation (EU) 2019/1780, OP-TED/eForms-SDK), and
Doffin's Norwegian national profile (anskaffelser/eforms-sdk-nor) below the
EEA threshold.

Top-level calls::

    from heldigital import eforms

    procurement = eforms.Procurement(...)            # typed input, validated
    xml = eforms.contract_notice(procurement, issued=now)          # bytes
    summary = eforms.read_notice(xml)                # notice_id, version, lots …
    ref = eforms.NoticeRef(summary.notice_id, summary.version)
    change = eforms.change_notice(procurement_v2, previous=ref,
                                  changes=[eforms.Change("Tender deadline", "LOT-0001")],
                                  reason="Extended deadline", issued=now)
    cancel = eforms.cancellation_notice(procurement, previous=ref,
                                        reason="No longer needed", issued=now)
    problems = eforms.check(xml)                     # native subset of the business rules
    pin = eforms.prior_information_notice(procurement, issued=now)   # subtype 4 / E2
    result = eforms.AwardResult(decided=now, lots=(eforms.LotResult(...),))
    can = eforms.contract_award_notice(procurement, result, issued=now)  # 29 / E4

Subtypes: above the EEA threshold (Directive 2014/24/EU) ``4`` (prior
information), ``16`` (contract notice) and ``29`` (award); for national
competitions Doffin's national-e ``E2``, ``E3`` and ``E4``; see
:func:`subtype_for`. A notice may be in two languages (BT-702 with an
additional language): every text field is then written in both.
A change or cancellation notice is a *new* notice (new BT-701 notice id,
version 01) that names the changed notice in BT-758 as ``<id>-<version>``,
keeping the procedure identifier (BT-04 ``ContractFolderID``) - this is how
every change notice in the SDK's examples is built. See docs/eforms.md.
"""

from .award import COMPANY_SIZES, AwardResult, LotResult, award_subtype_for, contract_award_notice
from .check import Problem, check, is_telephone
from .codes import NORWEGIAN_NUTS3, is_health_social_service
from .model import (
    Address,
    AwardCriterion,
    AwardCriterionKind,
    Buyer,
    Contact,
    ContractKind,
    Language,
    Lot,
    NoticeError,
    Organisation,
    Procedure,
    Procurement,
    Regime,
    SelectionCriterion,
    TimeLimits,
)
from .notice import (
    Change,
    NoticeRef,
    cancellation_notice,
    change_notice,
    contract_notice,
    subtype_for,
)
from .prior import prior_information_notice, prior_subtype_for
from .read import LotSummary, NoticeSummary, read_notice

__all__ = [
    "COMPANY_SIZES",
    "NORWEGIAN_NUTS3",
    "Address",
    "AwardCriterion",
    "AwardCriterionKind",
    "AwardResult",
    "Buyer",
    "Change",
    "Contact",
    "ContractKind",
    "Language",
    "Lot",
    "LotResult",
    "LotSummary",
    "NoticeError",
    "NoticeRef",
    "NoticeSummary",
    "Organisation",
    "Problem",
    "Procedure",
    "Procurement",
    "Regime",
    "SelectionCriterion",
    "TimeLimits",
    "award_subtype_for",
    "cancellation_notice",
    "change_notice",
    "check",
    "contract_award_notice",
    "contract_notice",
    "is_health_social_service",
    "is_telephone",
    "prior_information_notice",
    "prior_subtype_for",
    "read_notice",
    "subtype_for",
]
