"""The registry of the PEPPOL post-award family (OpenPEPPOL/poacc-upgrade-3)."""

from heldigital.rules.core import Registry

REGISTRY = Registry("peppol-poacc", release="2025.5")
rule = REGISTRY.rule
