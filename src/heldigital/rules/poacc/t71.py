"""PEPPOL Message Level Response transaction 3.0 (T71): the rule ``PEPPOL-T71-R001``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T71.sch`` over
``ubl:ApplicationResponse``.
"""

from __future__ import annotations

from heldigital.rules.core import Document
from heldigital.rules.poacc._registry import rule
from heldigital.rules.xpath import normalize_space

#: The specification identifier (CustomizationID) every T71 message level response starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:mlr:3"


@rule("PEPPOL-T71-R001")
def peppol_t71_r001(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T71 value."""
    for node in doc.xpath("//cbc:CustomizationID"):
        if not normalize_space(node).startswith(CUSTOMIZATION_ID):
            yield node
