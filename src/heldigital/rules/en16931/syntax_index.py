"""One pass over a document that finds the context elements of the syntax and code rules.

A relative Schematron rule context (``cac:PaymentMeans``, ``cac:TaxCategory/cbc:ID``)
matches its element anywhere in the document. Instead of one tree traversal per rule, the
rule modules declare the element names they need (:func:`index_tags`, at import) and
:func:`elements` serves them from the document's element index, built in one walk and
shared by every rule family (:meth:`heldigital.rules.core.Document.by_tag`).
"""

from __future__ import annotations

from lxml import etree

from heldigital.rules.core import BY_TAG, Document

__all__ = ["elements", "index_tags"]

_TAGS: set[str] = set()


def index_tags(*tags: str) -> None:
    """Declare element names (Clark notation) that :func:`elements` must serve."""
    _TAGS.update(tags)


def elements(doc: Document, *tags: str) -> list[etree._Element]:
    """The elements named ``tags`` anywhere in ``doc`` (document order within each name).

    Served by the document's shared element index (:meth:`Document.by_tag`); the names
    must have been declared with :func:`index_tags` (a guard against typos).
    """
    index = doc.cache.get(BY_TAG)
    if index is None:
        index = doc.by_tag()
    if len(tags) == 1:
        tag = tags[0]
        if tag not in _TAGS:
            raise KeyError(f"{tag} was not declared with index_tags()")
        return index.get(tag) or _EMPTY
    found: list[etree._Element] = []
    for tag in tags:
        if tag not in _TAGS:
            raise KeyError(f"{tag} was not declared with index_tags()")
        some = index.get(tag)
        if some:
            found += some
    return found


_EMPTY: list[etree._Element] = []
