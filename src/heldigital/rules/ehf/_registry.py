"""The registry of the EHF rules (``EHF-*`` and the EHF copies of ``PEPPOL-COMMON-*``).

The EHF formats carry their own copy of some PEPPOL common rules (``identifiers.sch``) with
other flags and tests than PEPPOL BIS Billing and post-award (``PEPPOL-COMMON-R049`` and
``R050`` are warnings here), so they are a family of their own.
"""

from __future__ import annotations

from heldigital.rules.core import Registry

__all__ = ["REGISTRY", "rule"]

REGISTRY = Registry("ehf-3.0")
rule = REGISTRY.rule
