"""PEPPOL BIS Billing 3.0 rules (UBL): ``PEPPOL-EN16931-*``, ``PEPPOL-COMMON-*`` and national rules.

Rule modules, one per part of the official ``PEPPOL-EN16931-UBL.sch``:

* :mod:`.transaction` - ``PEPPOL-EN16931-R*`` (transaction rules);
* :mod:`.codes` - ``PEPPOL-EN16931-CL*``, ``-F001``, ``-P*`` (code lists, formats, profile);
* :mod:`.common` - ``PEPPOL-COMMON-R04x/R05x`` (identifier schemes);
* national rules, each gated exactly as in the official Schematron:
  :mod:`.norway` (``NO-R``), :mod:`.denmark` (``DK-R``), :mod:`.italy` (``IT-R``),
  :mod:`.sweden` (``SE-R``), :mod:`.greece` (``GR-R``/``GR-S``),
  :mod:`.iceland` (``IS-R``), :mod:`.netherlands` (``NL-R``), :mod:`.germany` (``DE-R``).

The rule set :data:`PEPPOL_BIS_BILLING_UBL` is the official validation
configuration ``peppolbis-en16931-base-3.0-ubl``: all EN 16931 rules
(:mod:`heldigital.rules.en16931`) followed by these. EHF Billing 3.0 uses
the same specification identifier and so the same rule set.

Release: PEPPOL BIS Billing 3.0.19 (May 2025 release, mandatory from
2025-08-25), OpenPEPPOL/peppol-bis-invoice-3; its unit tests are the oracle.
"""

from __future__ import annotations

from datetime import date

from heldigital.rules import en16931
from heldigital.rules.billing import (  # noqa: F401 - registers the rules
    codes,
    common,
    denmark,
    germany,
    greece,
    iceland,
    italy,
    netherlands,
    norway,
    release_2026_5,
    selfbilling,
    sweden,
    transaction,
)
from heldigital.rules.billing._registry import REGISTRY
from heldigital.rules.core import RuleSet

__all__ = [
    "CUSTOMIZATION_ID",
    "PEPPOL_BIS_BILLING_UBL",
    "PEPPOL_BIS_BILLING_UBL_2026_5",
    "PEPPOL_BIS_SELF_BILLING_UBL",
    "REGISTRY",
    "RULE_SETS",
    "SELF_BILLING_CUSTOMIZATION_ID",
]

#: Specification identifier (BT-24) prefix of PEPPOL BIS Billing 3.0 (and EHF Billing 3.0).
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"

#: PEPPOL BIS Billing 3.0 (UBL): EN 16931 rules, then PEPPOL and national rules.
PEPPOL_BIS_BILLING_UBL = RuleSet(
    name="peppolbis-en16931-base-3.0-ubl",
    title="PEPPOL BIS Billing 3.0 (UBL)",
    version="3.0.19",
    effective_from=date(2025, 8, 25),
    document_types=frozenset({"Invoice", "CreditNote"}),
    rule_ids=tuple(en16931.REGISTRY.ids()) + tuple(REGISTRY.ids()),
    registries=(REGISTRY, en16931.REGISTRY),
    customization_ids=(CUSTOMIZATION_ID,),
    aliases=("peppolbis-en16931-01-3.0-ubl-invoice",),
    default_for=frozenset({"Invoice", "CreditNote"}),
)

#: The PEPPOL rule ids of release 2026.5, in the order of the official Schematron.
_ORDER_2026_5 = """
PEPPOL-EN16931-R008 PEPPOL-EN16931-R080 PEPPOL-EN16931-R001 PEPPOL-EN16931-R007
PEPPOL-EN16931-R002 PEPPOL-EN16931-R003 PEPPOL-EN16931-R004 PEPPOL-EN16931-R053
PEPPOL-EN16931-R054 PEPPOL-EN16931-R055 PEPPOL-EN16931-R005 PEPPOL-EN16931-R010
PEPPOL-EN16931-R020 PEPPOL-EN16931-R041 PEPPOL-EN16931-R042 PEPPOL-EN16931-R040
PEPPOL-EN16931-R043 PEPPOL-EN16931-R061 PEPPOL-EN16931-R051 PEPPOL-EN16931-R110
PEPPOL-EN16931-R111 PEPPOL-EN16931-R120 PEPPOL-EN16931-R121 PEPPOL-EN16931-R100
PEPPOL-EN16931-R101 PEPPOL-EN16931-R044 PEPPOL-EN16931-R046 PEPPOL-EN16931-R130
PEPPOL-COMMON-R040 PEPPOL-COMMON-R041 PEPPOL-COMMON-R042 PEPPOL-COMMON-R052
PEPPOL-COMMON-R053 PEPPOL-COMMON-R043 PEPPOL-COMMON-R044 PEPPOL-COMMON-R045
PEPPOL-COMMON-R046 PEPPOL-COMMON-R047 PEPPOL-COMMON-R049 PEPPOL-COMMON-R050
PEPPOL-COMMON-R054 PEPPOL-COMMON-R055 PEPPOL-COMMON-R056-1 PEPPOL-COMMON-R056-2
PEPPOL-COMMON-R057 NO-R-002 NO-R-001 DK-R-002 DK-R-014 DK-R-016 DK-R-013 DK-R-005
DK-R-006 DK-R-007 DK-R-008 DK-R-009 DK-R-010 DK-R-011 DK-R-017 DK-R-003 DK-R-004
IT-R-001 IT-R-002 IT-R-003 IT-R-004 SE-R-001 SE-R-002 SE-R-003 SE-R-004 SE-R-013
SE-R-005 SE-R-006 SE-R-007 SE-R-010 SE-R-008 SE-R-009 SE-R-011 SE-R-012 GR-R-001-1
GR-R-001-2 GR-R-001-3 GR-R-001-4 GR-R-001-5 GR-R-001-6 GR-R-001-7 GR-R-002 GR-S-011
GR-R-003 GR-R-004-1 GR-S-008-1 GR-R-008-2 GR-R-004-2 GR-R-008-3 GR-R-005 GR-R-009
GR-R-006 GR-R-010 IS-R-001 IS-R-002 IS-R-003 IS-R-006 IS-R-007 IS-R-008 IS-R-009
IS-R-010 IS-R-004 IS-R-005 NL-R-001 NL-R-002 NL-R-003 NL-R-004 NL-R-005 NL-R-006
NL-R-007 NL-R-008 NL-R-009 DE-R-001 DE-R-015 DE-R-016 DE-R-017 DE-R-018 DE-R-022
DE-R-026 DE-R-030 DE-R-031 DE-R-T02 DE-R-002 DE-R-003 DE-R-004 DE-R-005 DE-R-006
DE-R-007 DE-R-027 DE-R-028 DE-R-008 DE-R-009 DE-R-010 DE-R-011 DE-R-019 DE-R-023-1
DE-R-023-2 DE-R-024-1 DE-R-024-2 DE-R-020 DE-R-025-1 DE-R-025-2 DE-R-014
PEPPOL-EN16931-CL001 PEPPOL-EN16931-CL002 PEPPOL-EN16931-CL003 PEPPOL-EN16931-CL006
PEPPOL-EN16931-CL007 PEPPOL-EN16931-P0100 PEPPOL-EN16931-P0112 PEPPOL-EN16931-P0101
PEPPOL-EN16931-F001 PEPPOL-EN16931-CL008 PEPPOL-EN16931-P0104 PEPPOL-EN16931-P0105
PEPPOL-EN16931-P0106 PEPPOL-EN16931-P0107 PEPPOL-EN16931-P0108 PEPPOL-EN16931-P0109
PEPPOL-EN16931-P0110 PEPPOL-EN16931-P0111
"""
_IDS_2026_5 = tuple(_ORDER_2026_5.split())

#: PEPPOL BIS Billing 3.0 (UBL), release 2026.5 (mandatory from 2026-08-24): the rules that
#: changed are in :mod:`.release_2026_5`, the others are the 3.0.19 functions.
PEPPOL_BIS_BILLING_UBL_2026_5 = RuleSet(
    name="peppolbis-en16931-base-3.0-ubl",
    title="PEPPOL BIS Billing 3.0 (UBL)",
    version="2026.5",
    effective_from=date(2026, 8, 24),
    document_types=frozenset({"Invoice", "CreditNote"}),
    rule_ids=tuple(en16931.REGISTRY.ids()) + _IDS_2026_5,
    registries=(
        release_2026_5.REGISTRY,
        REGISTRY,
        en16931.release_2026_5.REGISTRY,
        en16931.REGISTRY,
    ),
    customization_ids=(CUSTOMIZATION_ID,),
    aliases=("peppolbis-en16931-01-3.0-ubl-invoice",),
    default_for=frozenset({"Invoice", "CreditNote"}),
)

#: Specification identifier (BT-24) prefix of PEPPOL BIS Self-Billing 3.0.
SELF_BILLING_CUSTOMIZATION_ID = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0"
)

#: The self-billing rule ids (``PEPPOL-EN16931-UBL-SB``), in official order.
_IDS_SELF_BILLING = tuple(
    rid for rid in _IDS_2026_5 if rid.startswith("PEPPOL-") and rid != "PEPPOL-EN16931-P0112"
)

#: PEPPOL BIS Self-Billing 3.0 (UBL), release 2026.5: EN 16931 + ``PEPPOL-EN16931-UBL-SB``.
PEPPOL_BIS_SELF_BILLING_UBL = RuleSet(
    name="peppolbis-en16931-sbbase-3.0-ubl",
    title="PEPPOL BIS Self-Billing 3.0 (UBL)",
    version="2026.5",
    effective_from=date(2026, 8, 24),
    document_types=frozenset({"Invoice", "CreditNote"}),
    rule_ids=tuple(en16931.REGISTRY.ids()) + _IDS_SELF_BILLING,
    registries=(
        selfbilling.REGISTRY,
        release_2026_5.REGISTRY,
        REGISTRY,
        en16931.release_2026_5.REGISTRY,
        en16931.REGISTRY,
    ),
    customization_ids=(SELF_BILLING_CUSTOMIZATION_ID,),
    aliases=(
        "peppolbis-en16931-01-3.0-ubl-sbinvoice",
        "peppolbis-en16931-01-3.0-ubl-sbcreditnote",
    ),
)

RULE_SETS = (PEPPOL_BIS_BILLING_UBL, PEPPOL_BIS_BILLING_UBL_2026_5, PEPPOL_BIS_SELF_BILLING_UBL)
