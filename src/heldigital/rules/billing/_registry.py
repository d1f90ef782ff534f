"""The registry of the PEPPOL BIS Billing 3.0 family (``PEPPOL-*`` and national rules)."""

from heldigital.rules.core import Registry

REGISTRY = Registry("peppol-billing")
rule = REGISTRY.rule
