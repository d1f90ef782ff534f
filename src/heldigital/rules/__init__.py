"""Native validator for EHF / PEPPOL BIS documents.

Every official rule (EN 16931 ``BR-*``/``UBL-*``, PEPPOL BIS Billing
``PEPPOL-EN16931-*``, PEPPOL post-award ``PEPPOL-Tnn-*``, Norwegian
``NO-R-*`` ...) is a Python function registered under its official id in a
rule family (:mod:`heldigital.rules.en16931`, :mod:`heldigital.rules.billing`,
:mod:`heldigital.rules.poacc`); rule sets mirror the official validation
configurations. Pure Python on lxml: no Schematron, no XSLT, no Django.

    >>> from heldigital.rules import validate
    >>> report = validate(b"<not-xml")
    >>> report.valid, report.errors[0].rule
    (False, 'XML')
"""

from heldigital.rules.api import Report, validate, validate_tree
from heldigital.rules.core import Document, Finding, Registry, Rule, RuleSet, Severity

__all__ = [
    "Document",
    "Finding",
    "Registry",
    "Report",
    "Rule",
    "RuleSet",
    "Severity",
    "validate",
    "validate_tree",
]
