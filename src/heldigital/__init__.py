"""Heldigital: fully digital public procurement on EHF and PEPPOL.

The package holds pure standards libraries (:mod:`heldigital.xml`,
:mod:`heldigital.ledger`, :mod:`heldigital.ehf`, :mod:`heldigital.rules`,
:mod:`heldigital.peppol`) that import nothing from Django, and the Django
platform in :mod:`heldigital.platform` with its apps in :mod:`heldigital.apps`.
See ``docs/architecture.md``.
"""

__version__ = "0.1.0"
