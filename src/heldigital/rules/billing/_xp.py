"""Navigation the PEPPOL BIS Billing rules share, over lxml elements.

The official rules (``PEPPOL-EN16931-UBL.sch``, ``queryBinding="xslt2"``) are XPath 2.0
expressions; their values (``number()``, ``xs:decimal`` casts, ``round()``,
``normalize-space``, ``substring``, ``tokenize`` ...) are those of
:mod:`heldigital.rules.xpath`, shared by every rule family. Here: the Clark names, child
steps and the per-document element index the billing rule functions use.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from heldigital.rules.core import BY_TAG, NS, Document
from heldigital.rules.xpath import string_value

__all__ = [
    "AMOUNTS",
    "CAC",
    "CBC",
    "CREDIT_NOTE",
    "DATES",
    "DOCUMENTS",
    "IDENTIFIER_HOLDERS",
    "INVOICE",
    "LINES",
    "TAX_CATEGORIES",
    "any_equal",
    "child",
    "children",
    "elements",
    "first_text",
    "path",
    "text_of",
]

CAC = "{" + NS["cac"] + "}"
CBC = "{" + NS["cbc"] + "}"
INVOICE = "{" + NS["ubl"] + "}Invoice"
CREDIT_NOTE = "{" + NS["cn"] + "}CreditNote"

Element = etree._Element


def first_text(el: Element | None) -> str:
    """``text()`` of an element as the rules use it: its first text node, or ''."""
    if el is None:
        return ""
    return el.text or ""


# -- navigation -------------------------------------------------------------


def children(el: Element | None, tag: str) -> list[Element]:
    """Child elements with Clark-notation ``tag``."""
    if el is None:
        return []
    return list(el.iterchildren(tag))


def child(el: Element | None, tag: str) -> Element | None:
    """The first child element with ``tag`` (None when absent)."""
    if el is None:
        return None
    return next(el.iterchildren(tag), None)


def path(el: Element | None, *tags: str) -> list[Element]:
    """All elements reached by the relative path ``tags[0]/tags[1]/...`` from ``el``."""
    current: list[Element] = [] if el is None else [el]
    for tag in tags:
        current = [c for node in current for c in node.iterchildren(tag)]
        if not current:
            break
    return current


def text_of(el: Element | None, *tags: str) -> str | None:
    """String value of the first element at the relative path (None when absent)."""
    found = path(el, *tags)
    return string_value(found[0]) if found else None


def any_equal(values: Iterable[str], targets: Iterable[str]) -> bool:
    """XPath general comparison ``$values = $targets`` on strings."""
    wanted = set(targets)
    return any(v in wanted for v in values)


# -- per-document element index ---------------------------------------------------------
#
# Most rule contexts are "every element named X, anywhere" (``cbc:EndpointID``,
# ``cac:AllowanceCharge`` ...). Walking the tree once per rule would cost one
# full walk each; instead the document's shared element index (one walk,
# every element by tag, in document order) serves every rule.


def _tags(ns: str, *names: str) -> tuple[str, ...]:
    return tuple(ns + name for name in names)


DOCUMENTS = (INVOICE, CREDIT_NOTE)
LINES = _tags(CAC, "InvoiceLine", "CreditNoteLine")
#: Every amount element of the UBL Invoice/CreditNote (``PEPPOL-EN16931-CL007`` context).
AMOUNTS = _tags(
    CBC,
    "Amount",
    "BaseAmount",
    "PriceAmount",
    "TaxAmount",
    "TaxableAmount",
    "LineExtensionAmount",
    "TaxExclusiveAmount",
    "TaxInclusiveAmount",
    "AllowanceTotalAmount",
    "ChargeTotalAmount",
    "PrepaidAmount",
    "PayableRoundingAmount",
    "PayableAmount",
)
#: The date elements of ``PEPPOL-EN16931-F001``.
DATES = _tags(
    CBC, "IssueDate", "DueDate", "TaxPointDate", "StartDate", "EndDate", "ActualDeliveryDate"
)
TAX_CATEGORIES = _tags(CAC, "TaxCategory", "ClassifiedTaxCategory")
#: Where ICD/EAS identifiers occur (``cac:PartyIdentification`` stands for its ``cbc:ID``).
IDENTIFIER_HOLDERS = (CBC + "EndpointID", CAC + "PartyIdentification", CBC + "CompanyID")


def elements(doc: Document, *tags: str) -> list[Element]:
    """Elements named ``tags`` anywhere in ``doc`` (``//a | //b``), in document order.

    Served by the document's shared element index (:meth:`Document.by_tag`, one
    walk for every rule family). A group of tags is the one member list that
    is not empty, or - when several are - one more walk over the group, so
    that document order is kept (kept per document).
    """
    index = doc.cache.get(BY_TAG)
    if index is None:
        index = doc.by_tag()
    if len(tags) == 1:
        return index.get(tags[0]) or _EMPTY
    groups: dict[tuple[str, ...], list[Element]] | None = doc.cache.get("billing.groups")
    if groups is None:
        groups = doc.cache["billing.groups"] = {}
    found = groups.get(tags)
    if found is None:
        present = [m for m in (index.get(tag) for tag in tags) if m]
        found = present[0] if len(present) == 1 else list(doc.root.iter(*tags)) if present else []
        groups[tags] = found
    return found


_EMPTY: list[Element] = []
