"""EHF 3.0 formats (anskaffelser/ehf-postaward-g3) as rule sets.

Each rule set is an official configuration of the EHF build (``src/<format>/rules/
buildconfig.xml``), detected by its CustomizationID as that configuration declares it, and made
of the Schematron files the EHF build runs:

==============================  ==========================================================
rule set                        what the EHF build runs
==============================  ==========================================================
``ehf-payment-request-07-3.0``  ``EHF-P07-3.0-PAYMENT-REQUEST-3.0.sch``: empty elements
                                (``EHF-COMMON-R001/R002``), the generated ``EHF-PR-B*``,
                                identifiers (``EHF-COMMON-R003``, ``PEPPOL-COMMON-*``),
                                ``EHF-PR-R001/R002``; no CEN or PEPPOL billing rules
``ehf-reminder-06-3.0``         ``EHF-P06-3.0-REMINDER.sch`` (empty elements, generated
                                ``EHF-REMINDER-B*``, identifiers), then EN 16931 without
                                ``BR-04`` and PEPPOL BIS Billing without
                                ``PEPPOL-EN16931-R007`` and ``-CL003``
``ehf-forward-billing-08-3.0``  EN 16931 without ``BR-07``, PEPPOL BIS Billing without
                                ``PEPPOL-EN16931-R007``
``ehf-despatch-advice-05-3.0``  EHF file (``EHF-T16-B*``) + ``PEPPOL-M-T16``
``ehf-catalogue-response-01-``  EHF file (``EHF-T58-B*``) only
``3.0``
``ehf-catalogue-01-3.0``        EHF file (``EHF-T19-B*``) + ``PEPPOL-M-T19`` without
                                ``PEPPOL-T19-R017`` + QII (:mod:`.qii`)
``ehf-punch-out-04-3.0``        EHF file (``EHF-T77-B*``) + ``PEPPOL-M-T77`` + QII
``ehf-order-agreement-03-3.0``  EHF file (``EHF-T110-B*``) + ``PEPPOL-M-T110`` + QII
==============================  ==========================================================

``ehf-order-02-3.0``            EHF file (``EHF-T01-B*``) + the EHF copy of ``PEPPOL-M-T01``
                                without R031 (:mod:`.t01`); ProfileID 02
``ehf-order-response-02-3.0``   EHF file (``EHF-T76-B*``) + ``PEPPOL-M-T76`` + QII; 02
``ehf-09-3.0-initiation``       EHF file (``EHF-P09-INIT-B*``) + EHF ``PEPPOL-M-T01``; 09
``ehf-09-3.0-response``         EHF file (``EHF-P09-RES-B*``) + ``PEPPOL-M-T76`` + QII; 09
``ehf-09-3.0-cancellation``     EHF file (``EHF-P09-CAN-B*``) + EHF ``PEPPOL-M-T01``; 09

The PEPPOL post-award parts are those of the release the native post-award rules implement
(3.0, OpenPEPPOL/poacc-upgrade-3, the EHF build's ``_source/poacc-upgrade``). Order and
Advanced Ordering share CustomizationIDs and are told apart by ProfileID
(:attr:`RuleSet.profile_ids`). Not yet here: Advanced Ordering order change (its
``PEPPOL-M-T01-CHANGE.sch`` comes from a build step not in the corpus).

The exclusions are those of the build's ``.build/project-pre-scripts/01-copy-peppol-sch.sh``
(``schutil exclude``), applied to the PEPPOL BIS Billing sources the EHF build includes. The
billing-based sets exist for each PEPPOL BIS Billing release held (3.0.19 and 2026.5), in force
from the same day. EHF Self-Billing is PEPPOL BIS Self-Billing (the EHF build's configuration
``peppolbis-en16931-sbbase-3.0-ubl`` runs ``EHF-EN16931-UBL-SB.sch``, the PEPPOL source).

The generated basic rules are written by ``scripts/gen_ehf_basic.py`` and evaluated by
:mod:`heldigital.rules.poacc.basic` (the EHF build generates them as PEPPOL post-award does).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from heldigital.rules import billing, poacc
from heldigital.rules.core import Ids, RuleSet
from heldigital.rules.ehf import common, payment_request, qii, t01  # registers the rules
from heldigital.rules.ehf._registry import REGISTRY
from heldigital.rules.ehf.basic_index import IDS as BASIC_IDS
from heldigital.rules.poacc.basic import BasicRegistry

__all__ = [
    "BASIC",
    "FORWARD_BILLING_CUSTOMIZATION_ID",
    "PAYMENT_REQUEST_CUSTOMIZATION_ID",
    "REGISTRY",
    "REMINDER_CUSTOMIZATION_ID",
    "RULE_SETS",
    "basic_ids",
]

#: The generated basic rules of every EHF format (``<prefix>-Bnnnnn``).
BASIC = BasicRegistry("ehf-3.0")

PAYMENT_REQUEST_CUSTOMIZATION_ID = payment_request.CUSTOMIZATION_ID
REMINDER_CUSTOMIZATION_ID = (
    billing.CUSTOMIZATION_ID + "#conformant#urn:fdc:anskaffelser.no:2019:ehf:reminder:3.0"
)
FORWARD_BILLING_CUSTOMIZATION_ID = (
    billing.CUSTOMIZATION_ID + "#conformant#urn:fdc:anskaffelser.no:2019:ehf:forward-billing:3.0"
)


def basic_ids(prefix: str) -> tuple[str, ...]:
    """The generated basic rule ids of the format with rule prefix ``prefix``, in order."""
    return tuple(f"{prefix}-B{number}" for number in BASIC_IDS[prefix].split())


def _ehf_part(prefix: str, own: tuple[str, ...] = ()) -> RuleSet:
    """The EHF Schematron file of a format: empty elements, basic rules, identifiers, own."""
    return RuleSet(
        name=f"ehf-{prefix.lower()}",
        title=f"EHF {prefix}",
        version="3.0",
        effective_from=date(2025, 8, 25),
        document_types=frozenset(),
        rule_ids=common.EMPTY_RULE_IDS + basic_ids(prefix) + common.IDENTIFIER_RULE_IDS + own,
        registries=(REGISTRY, BASIC),
    )


def _billing_part(base: RuleSet, excluded: frozenset[str]) -> RuleSet:
    """EN 16931 + PEPPOL BIS Billing of release ``base`` without the ``excluded`` rules."""
    return RuleSet(
        name=base.name,
        title=base.title,
        version=base.version,
        effective_from=base.effective_from,
        document_types=base.document_types,
        rule_ids=Ids(lambda: (rid for rid in base.rule_ids if rid not in excluded)),
        registries=base.registries,
        release=base.release,
        manifest=base.manifest,
    )


def _joined(
    name: str,
    title: str,
    customization_id: str,
    parts: tuple[RuleSet, ...],
    aliases: tuple[str, ...],
) -> RuleSet:
    registries = tuple(dict.fromkeys(r for part in parts for r in part.registries))
    return RuleSet(
        name=name,
        title=title,
        version=parts[-1].version,
        effective_from=max(part.effective_from for part in parts),
        document_types=frozenset({"Invoice"}),
        rule_ids=Ids(lambda: (rid for part in parts for rid in part.rule_ids)),
        registries=registries,
        customization_ids=(customization_id,),
        aliases=aliases,
        parts=parts,
        release=next((p.release for p in parts if p.release is not None), None),
    )


#: EHF Payment Request 3.0 (profile 07): its own rules only.
PAYMENT_REQUEST = RuleSet(
    name="ehf-payment-request-07-3.0",
    title="EHF Payment Request 3.0",
    version="3.0.1",
    effective_from=date(2025, 8, 25),
    document_types=frozenset({"Invoice"}),
    rule_ids=_ehf_part("EHF-PR", payment_request.RULE_IDS).rule_ids,
    registries=(REGISTRY, BASIC),
    customization_ids=(PAYMENT_REQUEST_CUSTOMIZATION_ID,),
)

_BILLING_RELEASES = (billing.PEPPOL_BIS_BILLING_UBL, billing.PEPPOL_BIS_BILLING_UBL_2026_5)

#: EHF Reminder 3.0 (profile 06), one per PEPPOL BIS Billing release.
REMINDER = tuple(
    _joined(
        "ehf-reminder-06-3.0",
        "EHF Reminder 3.0",
        REMINDER_CUSTOMIZATION_ID,
        (
            _ehf_part("EHF-REMINDER"),
            _billing_part(
                base,
                frozenset({"BR-04", "PEPPOL-EN16931-R007", "PEPPOL-EN16931-CL003"}),
            ),
        ),
        ("ehf-reminder-base-3.0",),
    )
    for base in _BILLING_RELEASES
)

#: EHF Forward Billing 3.0 (profile 08), one per PEPPOL BIS Billing release.
FORWARD_BILLING = tuple(
    _joined(
        "ehf-forward-billing-08-3.0",
        "EHF Forward Billing 3.0",
        FORWARD_BILLING_CUSTOMIZATION_ID,
        (_billing_part(base, frozenset({"BR-07", "PEPPOL-EN16931-R007"})),),
        ("ehf-forward-billing-base-3.0",),
    )
    for base in _BILLING_RELEASES
)


def _postaward(
    name: str,
    title: str,
    root: str,
    customization_id: str,
    prefix: str,
    peppol: str | None = None,
    excluded: frozenset[str] = frozenset(),
    qii_items: str | None = None,
    profile: str | None = None,
) -> RuleSet:
    """An EHF post-award format: its EHF file (empty elements, the generated basic rules,
    identifiers), then the PEPPOL post-award part ``PEPPOL-M-<peppol>.sch`` of release 3.0 as
    the EHF build copies it (without the ``excluded`` rules), then the QII rules for the items
    at ``qii_items`` (:data:`.qii.ITEM_PATHS`)."""
    ehf = _ehf_part(prefix)
    parts = [ehf]
    if peppol == "T01":
        # the EHF copy of PEPPOL-M-T01 (rules/patch), without R031
        parts.append(
            RuleSet(
                name="ehf-peppol-m-t01",
                title="PEPPOL-M-T01 (EHF copy)",
                version=poacc.VERSION,
                effective_from=poacc.EFFECTIVE_FROM,
                document_types=frozenset({root}),
                rule_ids=t01.RULE_IDS,
                registries=(t01.REGISTRY, poacc.REGISTRY),
            )
        )
    elif peppol is not None:
        parts.append(
            RuleSet(
                name=f"peppolbis-{peppol.lower()}-base-3.0",
                title=f"PEPPOL-M-{peppol}",
                version=poacc.VERSION,
                effective_from=poacc.EFFECTIVE_FROM,
                document_types=frozenset({root}),
                rule_ids=tuple(
                    rid for rid in poacc.REGISTRY.ids(f"PEPPOL-{peppol}-") if rid not in excluded
                ),
                registries=(poacc.REGISTRY,),
            )
        )
    if qii_items is not None:
        parts.append(
            RuleSet(
                name=f"ehf-qii-{qii_items}",
                title="EHF Qualified Item Information G1",
                version="3.0",
                effective_from=date(2025, 8, 25),
                document_types=frozenset({root}),
                rule_ids=qii.RULE_IDS,
                registries=(_QII[qii_items],),
            )
        )
    joined = _joined(name, title, customization_id, tuple(parts), ())
    return dataclasses.replace(
        joined,
        document_types=frozenset({root}),
        version="3.0",
        profile_ids=(profile,) if profile is not None else (),
    )


#: The QII rules by item path (one registry each: the rules differ only in the path).
_QII = {fmt: qii.QiiRegistry(fmt) for fmt in qii.ITEM_PATHS}

#: The EHF post-award CustomizationIDs: the PEPPOL transaction's, extended by EHF.
_EXTENDED = ":extended:urn:fdc:anskaffelser.no:2019:ehf:spec:3.0"

#: EHF Despatch Advice 3.0 (profile 05): EHF file + PEPPOL-M-T16.
DESPATCH_ADVICE = _postaward(
    "ehf-despatch-advice-05-3.0",
    "EHF Despatch Advice 3.0",
    "DespatchAdvice",
    "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3" + _EXTENDED,
    "EHF-T16",
    "T16",
)
#: EHF Catalogue 3.0 (profile 01): EHF file, PEPPOL-M-T19 without PEPPOL-T19-R017, QII.
CATALOGUE = _postaward(
    "ehf-catalogue-01-3.0",
    "EHF Catalogue 3.0",
    "Catalogue",
    "urn:fdc:peppol.eu:poacc:trns:catalogue:3" + _EXTENDED,
    "EHF-T19",
    "T19",
    frozenset({"PEPPOL-T19-R017"}),
    "catalogue",
)
#: EHF Punch Out 3.0 (profile 04): EHF file, PEPPOL-M-T77, QII.
PUNCH_OUT = _postaward(
    "ehf-punch-out-04-3.0",
    "EHF Punch Out 3.0",
    "Catalogue",
    "urn:fdc:peppol.eu:poacc:trns:punch_out:3" + _EXTENDED,
    "EHF-T77",
    "T77",
    qii_items="catalogue",
)
#: EHF Order Agreement 3.0 (profile 03): EHF file, PEPPOL-M-T110, QII.
ORDER_AGREEMENT = _postaward(
    "ehf-order-agreement-03-3.0",
    "EHF Order Agreement 3.0",
    "OrderResponse",
    "urn:fdc:peppol.eu:poacc:trns:order_agreement:3" + _EXTENDED,
    "EHF-T110",
    "T110",
    qii_items="order_agreement",
)
_PROFILE = "urn:fdc:anskaffelser.no:2019:ehf:postaward:g3:{}:1.0"

#: EHF Order 3.0 (profile 02): EHF file, the EHF copy of PEPPOL-M-T01 without R031.
ORDER = _postaward(
    "ehf-order-02-3.0",
    "EHF Order 3.0",
    "Order",
    "urn:fdc:peppol.eu:poacc:trns:order:3" + _EXTENDED,
    "EHF-T01",
    "T01",
    profile=_PROFILE.format("02"),
)
#: EHF Order Response 3.0 (profile 02): EHF file, PEPPOL-M-T76, QII of substituted items.
ORDER_RESPONSE = _postaward(
    "ehf-order-response-02-3.0",
    "EHF Order Response 3.0",
    "OrderResponse",
    "urn:fdc:peppol.eu:poacc:trns:order_response:3" + _EXTENDED,
    "EHF-T76",
    "T76",
    qii_items="order_response",
    profile=_PROFILE.format("02"),
)
#: EHF Advanced Ordering 3.0 (profile 09), order initiation: as the order, own basic rules.
ADVANCED_ORDER = _postaward(
    "ehf-09-3.0-initiation",
    "EHF Advanced Ordering 3.0 - Order Initiation",
    "Order",
    "urn:fdc:peppol.eu:poacc:trns:order:3" + _EXTENDED,
    "EHF-P09-INIT",
    "T01",
    profile=_PROFILE.format("09"),
)
#: EHF Advanced Ordering 3.0 (profile 09), order response.
ADVANCED_ORDER_RESPONSE = _postaward(
    "ehf-09-3.0-response",
    "EHF Advanced Ordering 3.0 - Order Response",
    "OrderResponse",
    "urn:fdc:peppol.eu:poacc:trns:order_response:3" + _EXTENDED,
    "EHF-P09-RES",
    "T76",
    qii_items="order_response",
    profile=_PROFILE.format("09"),
)
#: EHF Advanced Ordering 3.0 (profile 09), order cancellation: EHF file, EHF PEPPOL-M-T01.
ADVANCED_ORDER_CANCELLATION = _postaward(
    "ehf-09-3.0-cancellation",
    "EHF Advanced Ordering 3.0 - Order Cancellation",
    "OrderCancellation",
    "urn:fdc:anskaffelser.no:2019:ehf:spec:adv-order-cancellation:3.0",
    "EHF-P09-CAN",
    "T01",
    profile=_PROFILE.format("09"),
)
#: EHF Catalogue Response 3.0 (profile 01): the EHF file only.
CATALOGUE_RESPONSE = _postaward(
    "ehf-catalogue-response-01-3.0",
    "EHF Catalogue Response 3.0",
    "ApplicationResponse",
    "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3" + _EXTENDED,
    "EHF-T58",
)

RULE_SETS = (
    PAYMENT_REQUEST,
    *REMINDER,
    *FORWARD_BILLING,
    DESPATCH_ADVICE,
    CATALOGUE_RESPONSE,
    CATALOGUE,
    PUNCH_OUT,
    ORDER_AGREEMENT,
    ORDER,
    ORDER_RESPONSE,
    ADVANCED_ORDER,
    ADVANCED_ORDER_RESPONSE,
    ADVANCED_ORDER_CANCELLATION,
)
