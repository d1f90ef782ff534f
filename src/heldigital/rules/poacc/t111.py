"""PEPPOL Invoice Response transaction 3.0 (T111): the rules ``PEPPOL-T111-*``.

Source: OpenPEPPOL/poacc-upgrade-3 ``rules/sch/parts/PEPPOL-M-T111.sch`` (one
pattern: R001-R005) and ``PEPPOL-M-T111-2.sch`` (a second pattern: the
clarification code lists R006, R007) over ``ubl:ApplicationResponse``.
"""

from __future__ import annotations

from collections.abc import Iterator

from heldigital.rules.core import Document, Element
from heldigital.rules.poacc import codes
from heldigital.rules.poacc._registry import rule
from heldigital.rules.poacc._xp import Pattern, first, has
from heldigital.rules.xpath import normalize_space

APPLICATION_RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
#: The specification identifier (CustomizationID) every T111 invoice response starts with.
CUSTOMIZATION_ID = "urn:fdc:peppol.eu:poacc:trns:invoice_response:3"

PATTERN = Pattern(
    "T111",
    APPLICATION_RESPONSE_NS,
    [
        (
            "response",
            "//cac:Response"
            "[contains(' CA UQ RE ', concat(' ', normalize-space(cbc:ResponseCode), ' '))]",
        ),
        ("other", "//cac:Status[cbc:StatusReasonCode='OTH']"),
        ("customization", "//cbc:CustomizationID"),
        ("partial", "//cac:Status[cbc:StatusReasonCode='PPD']"),
    ],
)
CODE_LISTS = Pattern(
    "T111-2",
    APPLICATION_RESPONSE_NS,
    [
        ("action", "//cac:Status[cbc:StatusReasonCode/@listID='OPStatusAction']"),
        ("reason", "//cac:Status[cbc:StatusReasonCode/@listID='OPStatusReason']"),
    ],
)


def _each(pattern: Pattern, doc: Document, key: str, test) -> Iterator[Element]:
    for node in pattern.nodes(doc, key):
        if not test(node):
            yield node


@rule("PEPPOL-T111-R001")
def peppol_t111_r001(doc: Document):
    """A response with status CA, UQ or RE SHALL have a clarification (status reason) code."""
    return _each(PATTERN, doc, "response", lambda n: has(n, "cac:Status/cbc:StatusReasonCode"))


@rule("PEPPOL-T111-R002")
def peppol_t111_r002(doc: Document):
    """A clarification code OTH SHOULD come with a clarification reason text."""
    return _each(PATTERN, doc, "other", lambda n: has(n, "cbc:StatusReason"))


@rule("PEPPOL-T111-R003")
def peppol_t111_r003(doc: Document):
    """Specification identifier (cbc:CustomizationID) SHALL start with the T111 value."""
    return _each(
        PATTERN, doc, "customization", lambda n: normalize_space(n).startswith(CUSTOMIZATION_ID)
    )


@rule("PEPPOL-T111-R004")
def peppol_t111_r004(doc: Document):
    """A clarification code PPD (partial payment) SHALL come with a clarification reason text."""
    return _each(PATTERN, doc, "partial", lambda n: has(n, "cbc:StatusReason"))


@rule("PEPPOL-T111-R005")
def peppol_t111_r005(doc: Document):
    """Clarification reason PPD SHALL only be used with status PD.

    The official test is ``exists(/cbc:ResponseCode='PD')``: the existence of
    a boolean, true whatever the document says, so the official rule never
    fires; it is translated as written (each context is evaluated, none fails).
    """
    return _each(PATTERN, doc, "partial", lambda n: True)


def _in_list(codes_text: str):
    def test(status: Element) -> bool:
        code = normalize_space(first(status, "cbc:StatusReasonCode"))
        return " " not in code and f" {code} " in codes_text

    return test


@rule("PEPPOL-T111-R006")
def peppol_t111_r006(doc: Document):
    """A status reason code with listID OPStatusAction SHALL be in that list."""
    return _each(CODE_LISTS, doc, "action", _in_list(codes.OP_STATUS_ACTION))


@rule("PEPPOL-T111-R007")
def peppol_t111_r007(doc: Document):
    """A status reason code with listID OPStatusReason SHALL be in that list."""
    return _each(CODE_LISTS, doc, "reason", _in_list(codes.OP_STATUS_REASON))
