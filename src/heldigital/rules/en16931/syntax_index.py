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
#: The declared names as (sorted tuple, set); rebuilt after a declaration.
_declared: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())
_KEY = "en16931.elements"


def index_tags(*tags: str) -> None:
    """Declare element names (Clark notation) that :func:`elements` must serve."""
    global _declared
    _TAGS.update(tags)
    _declared = (tuple(sorted(_TAGS)), frozenset(_TAGS))


def _index(doc: Document) -> dict[str, list[etree._Element]]:
    """The per-document index; built again if names were declared since it was built."""
    cached: tuple[object, dict[str, list[etree._Element]]] | None = doc.cache.get(_KEY)
    if cached is not None and cached[0] is _declared:
        return cached[1]
    declared = _declared
    index: dict[str, list[etree._Element]] = {}
    for el in iter_named(doc.root, *declared):
        found = index.get(el.tag)
        if found is None:
            index[el.tag] = [el]
        else:
            found.append(el)
    doc.cache[_KEY] = (declared, index)
    return index


def elements(doc: Document, *tags: str) -> list[etree._Element]:
    """The elements named ``tags`` anywhere in ``doc`` (document order within each name)."""
    index = _index(doc)
    found: list[etree._Element] = []
    for tag in tags:
        if tag not in _TAGS:
            raise KeyError(f"{tag} was not declared with index_tags()")
        some = index.get(tag)
        if some:
            if len(tags) == 1:
                return some
            found += some
    return found
