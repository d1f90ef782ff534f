"""One pass over a document that finds the context elements of the syntax and code rules.

A relative Schematron rule context (``cac:PaymentMeans``, ``cac:TaxCategory/cbc:ID``)
matches its element anywhere in the document. Instead of one tree traversal per rule, the
rule modules declare the element names they need (:func:`index_tags`, at import) and
:func:`elements` fetches all of them in one C-level pass (lxml ``iter`` with a tag
filter), grouped by name and cached on the document.
"""

from __future__ import annotations

from lxml import etree

from heldigital.rules.core import Document

__all__ = ["elements", "index_tags"]

_TAGS: set[str] = set()
_frozen: tuple[str, ...] | None = None
_KEY = "en16931.elements"


def index_tags(*tags: str) -> None:
    """Declare element names (Clark notation) that :func:`elements` must serve."""
    global _frozen
    _TAGS.update(tags)
    _frozen = None


def _index(doc: Document) -> dict[str, list[etree._Element]]:
    global _frozen
    if _frozen is None:
        _frozen = tuple(sorted(_TAGS))
    index: dict[str, list[etree._Element]] = {}
    for el in doc.root.iter(*_frozen):
        found = index.get(el.tag)
        if found is None:
            index[el.tag] = [el]
        else:
            found.append(el)
    doc.cache[_KEY] = index
    return index


def elements(doc: Document, *tags: str) -> list[etree._Element]:
    """The elements named ``tags`` anywhere in ``doc`` (document order within each name)."""
    index = doc.cache.get(_KEY)
    if index is None:
        index = _index(doc)
    if len(tags) == 1:
        tag = tags[0]
        if tag not in _TAGS:
            raise KeyError(f"{tag} was not declared with index_tags()")
        return index.get(tag, [])
    found: list[etree._Element] = []
    for tag in tags:
        if tag not in _TAGS:
            raise KeyError(f"{tag} was not declared with index_tags()")
        some = index.get(tag)
        if some:
            found += some
    return found
