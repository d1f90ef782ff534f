"""EHF Payment Request 3.0 (profile 07): ``business/payment-request.sch``.

The payment request is an ``Invoice`` without VAT that the EHF build validates with its own
rules only (the CEN and PEPPOL billing rules are commented out of its configuration). Both
rules compute with ``number()``, that is in ``xs:double``.
"""

from __future__ import annotations

from collections.abc import Iterator

from heldigital.rules.core import NS, Document, Element
from heldigital.rules.ehf._registry import rule
from heldigital.rules.xpath import number, string_value

__all__ = ["CUSTOMIZATION_ID", "RULE_IDS"]

#: Specification identifier of EHF Payment Request 3.0 (``buildconfig.xml``)
CUSTOMIZATION_ID = "urn:fdc:anskaffelser.no:2019:ehf:spec:payment-request:3.0"

_CBC = "{" + NS["cbc"] + "}"
_PREPAID = _CBC + "PrepaidAmount"
_TOTAL = "{" + NS["cac"] + "}LegalMonetaryTotal"


def _text_number(el: Element) -> float:
    """``number(text())`` of an element (its own first text node)."""
    text = el.text
    if text is None:
        text = next((c.tail for c in el if c.tail is not None), None)
    return number(text)


def _child_number(el: Element, tag: str) -> float:
    """``number(cbc:X)`` of the single child ``cbc:X`` (NaN when absent)."""
    child = next(el.iterchildren(tag), None)
    if child is None:
        return float("nan")
    return number(string_value(child))


@rule("EHF-PR-R001", "fatal", "Payable amount MUST be the line total minus prepaid amount.")
def ehf_pr_r001(doc: Document) -> Iterator[Element]:
    """Payable amount (``cbc:PayableAmount``) MUST equal the line total
    (``cbc:LineExtensionAmount``) minus the prepaid amount (0 when absent), in ``xs:double``."""
    for total in doc.all(_TOTAL):
        prepaid = (
            _child_number(total, _PREPAID)
            if next(total.iterchildren(_PREPAID), None) is not None
            else 0.0
        )
        line = _child_number(total, _CBC + "LineExtensionAmount")
        payable = _child_number(total, _CBC + "PayableAmount")
        if line - prepaid != payable:  # NaN on either side is unequal too
            yield total


@rule("EHF-PR-R002", "fatal", "Prepaid amount MUST be positive.")
def ehf_pr_r002(doc: Document) -> Iterator[Element]:
    """Prepaid amount MUST be positive: ``number(text()) >= 0`` (zero allowed)."""
    for el in doc.all(_PREPAID):
        if not _text_number(el) >= 0:
            yield el


#: ``business/payment-request.sch``, in official order
RULE_IDS = ("EHF-PR-R002", "EHF-PR-R001")
