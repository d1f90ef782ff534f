"""Find the element a finding's location names, to show it in the source.

A finding's location is the XPath written by
:meth:`heldigital.rules.core.Document.location`: absolute, one step per
element, ``prefix:Name`` for UBL common components (``cac``, ``cbc``,
``ext``), an unprefixed name for the root and other elements in the
document's own namespace, ``[n]`` where an element has same-named
siblings, and an optional final ``/@attribute``. For example
``/Invoice/cac:InvoiceLine[2]/cbc:ID`` or ``/Order/cac:OrderLine/cbc:Note/@languageID``.

:func:`element_at` walks such a path on a parsed tree; :func:`line_of`
gives the source line of what it finds (the element's own line for an
attribute). Anything that is not of that form, or names nothing in the
tree, gives ``None``: a location we cannot place is shown without a line,
never an error.
"""

from __future__ import annotations

import re

from lxml import etree

from heldigital.rules.core import NS

__all__ = ["element_at", "line_of"]

_STEP = re.compile(
    r"(?:(?P<prefix>[A-Za-z_][\w.-]*):)?(?P<name>[A-Za-z_][\w.-]*)(?:\[(?P<n>\d+)\])?"
)


def element_at(root: etree._Element, location: str) -> etree._Element | None:
    """The element ``location`` names in the tree of ``root``, or ``None``.

    For a location ending in ``/@attribute`` the element carrying the
    attribute is returned.
    """
    if not location.startswith("/"):
        return None
    steps = location[1:].split("/")
    if steps and steps[-1].startswith("@"):
        steps = steps[:-1]
    if not steps or not all(steps):
        return None
    own = etree.QName(root).namespace
    node: etree._Element | None = None
    for index, step in enumerate(steps):
        match = _STEP.fullmatch(step)
        if match is None:
            return None
        prefix, name, n = match.group("prefix"), match.group("name"), match.group("n")
        namespace = NS.get(prefix) if prefix else own
        if prefix and namespace is None:
            return None
        tag = f"{{{namespace}}}{name}" if namespace else name
        position = int(n) if n else 1
        if position < 1:
            return None
        if index == 0:
            if root.tag != tag or position != 1:
                return None
            node = root
            continue
        assert node is not None
        found = None
        for count, child in enumerate(node.iterchildren(tag), 1):
            if count == position:
                found = child
                break
        if found is None:
            return None
        node = found
    return node


def line_of(root: etree._Element, location: str) -> int | None:
    """The 1-based source line of what ``location`` names, or ``None``."""
    element = element_at(root, location)
    if element is None:
        return None
    line = element.sourceline
    return line if isinstance(line, int) and line > 0 else None
