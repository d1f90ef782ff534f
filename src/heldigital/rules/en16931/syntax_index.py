"""One pass over a document that finds the context elements of the syntax and code rules.

A relative Schematron rule context (``cac:PaymentMeans``, ``cac:TaxCategory/cbc:ID``)
matches its element anywhere in the document. Instead of one tree traversal per rule, the
rule modules declare the element names they need (:func:`index_tags`, at import) and
:func:`elements` fetches all of them in one C-level pass (lxml ``iter`` with a tag
filter), grouped by name and cached on the document.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from heldigital.rules.core import Document

__all__ = ["elements", "index_tags", "iter_named"]

#: Up to this many children of the root (a few dozen invoice lines) a document is walked in
#: Python: setting up lxml's tag matcher for a hundred names costs more than the walk.
_SMALL = 40


def iter_named(
    root: etree._Element, tags: tuple[str, ...], tagset: frozenset[str]
) -> Iterator[etree._Element]:
    """The descendants (and root) named one of ``tags``, in document order."""
    if len(root) <= _SMALL:
        return (el for el in root.iter() if el.tag in tagset)
    return root.iter(*tags)


_TAGS: set[str] = set()
_frozen: tuple[tuple[str, ...], frozenset[str]] | None = None
_KEY = "en16931.elements"


def index_tags(*tags: str) -> None:
    """Declare element names (Clark notation) that :func:`elements` must serve."""
    global _frozen
    _TAGS.update(tags)
    _frozen = None


def _index(doc: Document) -> dict[str, list[etree._Element]]:
    global _frozen
    if _frozen is None:
        _frozen = (tuple(sorted(_TAGS)), frozenset(_TAGS))
    index: dict[str, list[etree._Element]] = {}
    for el in iter_named(doc.root, *_frozen):
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
