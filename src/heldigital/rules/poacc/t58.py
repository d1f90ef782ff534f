"""PEPPOL Catalogue Response transaction 3.0 (T58): the rule ``PEPPOL-T58-R001``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T58.sch`` over
``ubl:ApplicationResponse``.
"""

from __future__ import annotations

from heldigital.rules.core import Document
from heldigital.rules.poacc._registry import rule
from heldigital.rules.xpath import normalize_space

#: The specification identifier (CustomizationID) every T58 catalogue response starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:catalogue_response:3"


@rule("PEPPOL-T58-R001")
def peppol_t58_r001(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T58 value."""
    for node in doc.xpath("//cbc:CustomizationID"):
        if not normalize_space(node).startswith(CUSTOMIZATION_ID):
            yield node
