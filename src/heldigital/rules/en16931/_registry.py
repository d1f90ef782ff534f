"""The registry of the EN 16931 family (CEN/TC 434 validation artefacts, UBL binding)."""

from heldigital.rules.core import Registry

REGISTRY = Registry("en16931", release="2025.5", sources=("CEN-EN16931-UBL",))
rule = REGISTRY.rule
