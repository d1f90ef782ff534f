"""EN 16931-1 business rules in the UBL 2.1 binding (CEN/TC 434 validation artefacts).

Rule families and their modules:

* :mod:`.model` - ``BR-*`` (core), ``BR-CO-*`` (conditions), ``BR-DEC-*``
  (decimals), VAT category rules ``BR-S/Z/E/AE/K/G/O/IC/IG/IP/AF/AG/B-*``;
* :mod:`.syntax` - ``UBL-SR-*`` (syntax restrictions), ``UBL-DT-*`` (data
  types), ``UBL-CR-*`` (elements the core invoice model does not use);
* :mod:`.codes` - ``BR-CL-*`` (code lists).

Specification: EN 16931-1:2017 + A1:2019 and CEN/TS 16931-3-2 (UBL syntax
binding); the rules follow the official validation artefacts
(ConnectingEurope/eInvoicing-EN16931), whose unit tests are the oracle.
"""

from __future__ import annotations

from datetime import date

from heldigital.rules.core import RuleSet
from heldigital.rules.en16931 import (  # noqa: F401 - registers the rules
    codes,
    model,
    release_2026_5,
    syntax,
)
from heldigital.rules.en16931._registry import REGISTRY

__all__ = ["REGISTRY", "RULE_SETS", "TC434_UBL", "TC434_UBL_2026_5"]

#: EN 16931 rules alone (official configuration ``tc434-ubl``).
TC434_UBL = RuleSet(
    name="tc434-ubl",
    title="EN 16931 (UBL)",
    version="1.3.15",
    effective_from=date(2025, 11, 15),
    document_types=frozenset({"Invoice", "CreditNote"}),
    registries=(REGISTRY,),
    customization_ids=("urn:cen.eu:en16931:2017",),
    release="2025.5",
    manifest=("CEN-EN16931-UBL",),
)

#: EN 16931 rules alone as in the PEPPOL release 2026.5 bundle (from 2026-08-24): the rules
#: that changed are in :mod:`.release_2026_5`, the others are the functions above.
TC434_UBL_2026_5 = RuleSet(
    name="tc434-ubl",
    title="EN 16931 (UBL)",
    version="2026.5",
    effective_from=date(2026, 8, 24),
    document_types=frozenset({"Invoice", "CreditNote"}),
    registries=(release_2026_5.REGISTRY, REGISTRY),
    customization_ids=("urn:cen.eu:en16931:2017",),
    release="2026.5",
    manifest=("CEN-EN16931-UBL",),
)

RULE_SETS = (TC434_UBL, TC434_UBL_2026_5)
