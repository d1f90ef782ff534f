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
    registries=(REGISTRY, en16931.REGISTRY),
    customization_ids=(CUSTOMIZATION_ID,),
    aliases=("peppolbis-en16931-01-3.0-ubl-invoice",),
    default_for=frozenset({"Invoice", "CreditNote"}),
    release="2025.5",
    manifest=("CEN-EN16931-UBL", "PEPPOL-EN16931-UBL"),
)

#: PEPPOL BIS Billing 3.0 (UBL), release 2026.5 (mandatory from 2026-08-24): the rules that
#: changed are in :mod:`.release_2026_5`, the others are the 3.0.19 functions.
PEPPOL_BIS_BILLING_UBL_2026_5 = RuleSet(
    name="peppolbis-en16931-base-3.0-ubl",
    title="PEPPOL BIS Billing 3.0 (UBL)",
    version="2026.5",
    effective_from=date(2026, 8, 24),
    document_types=frozenset({"Invoice", "CreditNote"}),
    registries=(
        release_2026_5.REGISTRY,
        REGISTRY,
        en16931.release_2026_5.REGISTRY,
        en16931.REGISTRY,
    ),
    customization_ids=(CUSTOMIZATION_ID,),
    aliases=("peppolbis-en16931-01-3.0-ubl-invoice",),
    default_for=frozenset({"Invoice", "CreditNote"}),
    release="2026.5",
    manifest=("CEN-EN16931-UBL", "PEPPOL-EN16931-UBL"),
)

#: Specification identifier (BT-24) prefix of PEPPOL BIS Self-Billing 3.0.
SELF_BILLING_CUSTOMIZATION_ID = (
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0"
)

#: PEPPOL BIS Self-Billing 3.0 (UBL), release 2026.5: EN 16931 + ``PEPPOL-EN16931-UBL-SB``.
PEPPOL_BIS_SELF_BILLING_UBL = RuleSet(
    name="peppolbis-en16931-sbbase-3.0-ubl",
    title="PEPPOL BIS Self-Billing 3.0 (UBL)",
    version="2026.5",
    effective_from=date(2026, 8, 24),
    document_types=frozenset({"Invoice", "CreditNote"}),
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
    release="2026.5",
    manifest=("CEN-EN16931-UBL", "PEPPOL-EN16931-UBL-SB"),
)

RULE_SETS = (PEPPOL_BIS_BILLING_UBL, PEPPOL_BIS_BILLING_UBL_2026_5, PEPPOL_BIS_SELF_BILLING_UBL)
