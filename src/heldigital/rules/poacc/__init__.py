"""PEPPOL post-award rules (PEPPOL BIS 3 "poacc upgrade": ordering, despatch, catalogue ...).

One module per transaction, each the translation of the transaction's
Schematron part in OpenPEPPOL/poacc-upgrade-3 (``rules/sch/parts/PEPPOL-M-Tnn.sch``):

========  =====================================  ===========================
module    transaction                            document element
========  =====================================  ===========================
t01       Order                                  Order
t16       Despatch Advice                        DespatchAdvice
t19       Catalogue                              Catalogue
t58       Catalogue Response                     ApplicationResponse
t71       Message Level Response                 ApplicationResponse
t76       Order Response                         OrderResponse
t77       Punch Out (shopping cart)              Catalogue
t110      Order Agreement                        OrderResponse
t111      Invoice Response                       ApplicationResponse
t114      Order Change                           OrderChange
t115      Order Cancellation                     OrderCancellation
t116      Order Response Advanced                OrderResponse
========  =====================================  ===========================

:mod:`.common` holds ``PEPPOL-COMMON-R*`` (``parts/common/*.sch``), which every
``PEPPOLBIS-Tnn.sch`` includes, so every rule set below includes them. The rule
sets carry the official configuration identifiers of ``rules/buildconfig.xml``
(``peppolbis-tnn-base-3.0``; the profile configurations are aliases) and are
detected by root element plus CustomizationID prefix: T76, T110 and T116 share
``OrderResponse``, T19 and T77 share ``Catalogue``, T58, T71 and T111 share
``ApplicationResponse``.
"""

from __future__ import annotations

from datetime import date

from heldigital.rules.core import Registry, RuleSet
from heldigital.rules.poacc import (  # importing the modules registers the rules
    common,  # noqa: F401 - registers PEPPOL-COMMON-*
    release_2026_5,
    t01,
    t16,
    t19,
    t58,
    t71,
    t76,
    t77,
    t110,
    t111,
    t114,
    t115,
    t116,
)
from heldigital.rules.poacc._registry import REGISTRY
from heldigital.rules.poacc.basic import BasicRegistry

__all__ = ["BASIC", "BASIC_2026_5", "EFFECTIVE_FROM", "REGISTRY", "RULE_SETS", "VERSION"]

#: The rule release these rule sets implement (OpenPEPPOL/poacc-upgrade-3 @ 0e7e5c7).
VERSION = "3.0"
EFFECTIVE_FROM = date(2025, 11, 17)

#: The generated basic rules (``PEPPOL-Tnn-Bnnnnn``) of this release, from the syntax files of
#: the same commit (:mod:`heldigital.rules.poacc.basic`).
BASIC = BasicRegistry(VERSION)

#: PEPPOL release 2026.5 (May 2026, in force from 2026-08-24, as the billing release of the
#: same name): the rules that changed (:mod:`.release_2026_5`) and its generated basic rules,
#: read from the published XSLTs.
VERSION_2026_5 = "2026.5"
EFFECTIVE_FROM_2026_5 = date(2026, 8, 24)
BASIC_2026_5 = BasicRegistry(VERSION_2026_5)

_TRANSACTIONS = (
    # (transaction, title, document element, CustomizationID, profile configuration aliases)
    ("T01", "PEPPOL Order 3.0 (T01)", "Order", t01.CUSTOMIZATION_ID,
     ("peppolbis-03-order", "peppolbis-28-order")),
    ("T16", "PEPPOL Despatch Advice 3.0 (T16)", "DespatchAdvice", t16.CUSTOMIZATION_ID,
     ("peppolbis-30",)),
    ("T19", "PEPPOL Catalogue 3.0 (T19)", "Catalogue", t19.CUSTOMIZATION_ID,
     ("peppolbis-1",)),
    ("T58", "PEPPOL Catalogue Response 3.0 (T58)", "ApplicationResponse", t58.CUSTOMIZATION_ID,
     ("peppolbis-1-response",)),
    ("T71", "PEPPOL MLR 3.0 (T71)", "ApplicationResponse", t71.CUSTOMIZATION_ID,
     ("peppolbis-36",)),
    ("T76", "PEPPOL Order Response 3.0 (T76)", "OrderResponse", t76.CUSTOMIZATION_ID,
     ("peppolbis-28-order-reponse",)),
    ("T77", "PEPPOL Punch Out 3.0 (T77)", "Catalogue", t77.CUSTOMIZATION_ID,
     ("peppolbis-18",)),
    ("T110", "PEPPOL Order Agreement 3.0 (T110)", "OrderResponse", t110.CUSTOMIZATION_ID,
     ("peppolbis-42",)),
    ("T111", "PEPPOL Invoice Response 3.0 (T111)", "ApplicationResponse", t111.CUSTOMIZATION_ID,
     ("peppolbis-63",)),
    ("T114", "PEPPOL Order Change 3.0 (T114)", "OrderChange", t114.CUSTOMIZATION_ID, ()),
    ("T115", "PEPPOL Order Cancellation 3.0 (T115)", "OrderCancellation",
     t115.CUSTOMIZATION_ID, ()),
    ("T116", "PEPPOL Order Response Advanced 3.0 (T116)", "OrderResponse",
     t116.CUSTOMIZATION_ID, ()),
)  # fmt: skip


#: The transaction that validates a document of its root element whose CustomizationID
#: matches no transaction (unknown, mistyped, missing): its identifier rules (R034 / B00301
#: and the like) then report the identifier together with every other finding. Where several
#: transactions share a root element, the base one: catalogue, order response and the
#: message level response.
DEFAULTS = frozenset({"T01", "T16", "T19", "T71", "T76", "T114", "T115"})


def _rule_set(
    transaction: str,
    title: str,
    root: str,
    spec: str,
    aliases: tuple[str, ...],
    release: str = VERSION,
):
    if release == VERSION:
        registries: tuple[Registry, ...] = (REGISTRY, BASIC)
        effective_from = EFFECTIVE_FROM
        in_release = "2025.5"
    else:
        registries = (release_2026_5.REGISTRY, BASIC_2026_5, REGISTRY)
        effective_from = EFFECTIVE_FROM_2026_5
        in_release = "2026.5"
    return RuleSet(
        name=f"peppolbis-{transaction.lower()}-base-3.0",
        title=title,
        version=release,
        effective_from=effective_from,
        document_types=frozenset({root}),
        # the ids of the official PEPPOLBIS-Tnn file: common rules, the generated basic
        # rules, the transaction's own rules
        registries=registries,
        release=in_release,
        manifest=(f"PEPPOLBIS-{transaction}",),
        customization_ids=(spec,),
        aliases=aliases,
        # the official configurations inherit ubl-orderchange-2.3,
        # ubl-ordercancellation-2.3 and ubl-orderresponseadvanced-2.3
        syntax="ubl-2.3" if transaction in ("T114", "T115", "T116") else "ubl-2.1",
        default_for=frozenset({root}) if transaction in DEFAULTS else frozenset(),
    )


#: One rule set per post-award transaction and release, in transaction-number order (the
#: release of the unit tests, then 2026.5).
RULE_SETS = tuple(_rule_set(*t) for t in _TRANSACTIONS) + tuple(
    _rule_set(*t, release=VERSION_2026_5) for t in _TRANSACTIONS
)
