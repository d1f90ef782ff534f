"""The shape of the ESPD-EDM v4.1.0 criterion taxonomy.

Every criterion of the taxonomy (``xml-examples/ESPD-criterion.xml`` of
OP-TED/ESPD-EDM v4.1.0) is a tree of property groups and properties. The
tree itself is data in :mod:`heldigital.espd._taxonomy`, generated from the
official file by :mod:`heldigital.espd._generate` (a test regenerates it from
the corpus and compares).

* a :class:`Group` has the ESPD id (``C29_SC_gen-year-to/RG1/RSG1``) and its
  ``PropertyGroupTypeCode`` (``ON*`` always, ``ONTRUE``/``ONFALSE`` only when
  the indicator before it has that value);
* a :class:`Prop` has the id, ``TypeCode`` (``QUESTION`` answered by the
  economic operator, ``REQUIREMENT`` set by the buyer, ``CAPTION``), the
  ``ValueDataTypeCode`` (``INDICATOR``, ``AMOUNT``, ``MINIMUM_AMOUNT`` …) and
  the question text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["Entry", "Group", "Prop", "walk"]


class Prop(NamedTuple):
    id: str
    type: str
    datatype: str
    description: str


class Group(NamedTuple):
    id: str
    type: str
    items: tuple[Prop | Group, ...]


class Entry(NamedTuple):
    uuid: str
    code: str
    name: str
    description: str
    groups: tuple[Group, ...]


def walk(node: Entry | Group) -> Iterator[Prop]:
    """Every property under ``node`` in document order."""
    items = node.groups if isinstance(node, Entry) else node.items
    for item in items:
        if isinstance(item, Prop):
            yield item
        else:
            yield from walk(item)
