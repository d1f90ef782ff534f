"""Shared round-trip machinery for the post-award document tests.

Oracle: every example of the post-award document types in the official
corpus (``poacc-upgrade-3/rules/examples`` and ``use-case-examples``, and the
EHF post-award examples in ``ehf-postaward-g3``), found by root element (and,
for ``ApplicationResponse``, by customization id). For each example:

* reading skips nothing (:func:`~heldigital.ehf.common.unmodelled` is empty);
* parse -> model -> write -> parse gives an equal model;
* the written XML is valid against the OASIS UBL 2.1 schema of its root;
* no data is lost or invented: the multiset of (element path, text,
  attributes) of the original equals that of the written document;
* the root declares only the document, ``cac`` and ``cbc`` namespaces;
* writing is canonical: writing what was read from written XML gives the
  same bytes.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from lxml import etree

from heldigital import xml
from heldigital.ehf.common import CAC, CBC, unmodelled
from heldigital.ehf.mapping import Document
from tests.conftest import corpus

XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Where the post-award examples live (relative to the corpus).
SOURCES = (
    ("poacc-upgrade-3", "rules", "examples"),
    ("poacc-upgrade-3", "rules", "use-case-examples"),
    ("ehf-postaward-g3", "src"),
)

Fact = tuple[str, str | None, tuple[tuple[str, str], ...]]


@cache
def _all_examples() -> tuple[tuple[Path, str, str], ...]:
    """(path, root local name, customization id) of every UBL document in the sources."""
    found = []
    for parts in SOURCES:
        for path in sorted(corpus(*parts).rglob("*.xml")):
            try:
                root = xml.parse_file(path).getroot()
            except xml.DocumentError:
                continue  # the folders also hold other files
            customization = (root.findtext(f"{{{CBC}}}CustomizationID") or "").strip()
            found.append((path, etree.QName(root).localname, customization))
    return tuple(found)


def examples(root: str, customizations: tuple[str, ...] | None = None) -> list[Path]:
    """Example paths with root element ``root`` (and a customization id starting so)."""
    return [
        path
        for path, name, customization in _all_examples()
        if name == root
        and (customizations is None or any(customization.startswith(c) for c in customizations))
    ]


def ids(paths: list[Path]) -> list[str]:
    """Readable test ids: the path below the corpus."""
    base = corpus()
    return [str(p.relative_to(base)) for p in paths]


def load_ubl_schema(root: str) -> etree.XMLSchema:
    """The UBL 2.1 schema of a root element (tests load it once per session in a fixture)."""
    return xml.load_schema(corpus("ubl-2.1", "xsd", "maindoc", f"UBL-{root}-2.1.xsd"))


def facts(root: etree._Element) -> Counter[Fact]:
    """The multiset of (element path, text, attributes) of every element.

    Text counts for elements without element children (the UBL leaves);
    indentation between elements is not data. Indicators are compared by
    value (``1`` and ``true`` are the same xsd:boolean), base64 content
    without its line breaks, and the ``xsi:schemaLocation`` hint on a root
    (a pointer to a file on the author's disk) is not data.
    """
    result: Counter[Fact] = Counter()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        names = [etree.QName(a).localname for a in reversed(list(el.iterancestors()))]
        path = "/".join([*names, etree.QName(el).localname])
        leaf = not any(isinstance(c.tag, str) for c in el)
        attributes = tuple(
            sorted(
                (str(k), str(v)) for k, v in el.attrib.items() if k != f"{{{XSI}}}schemaLocation"
            )
        )
        text = el.text if leaf else None
        if text is not None and path.endswith("Indicator"):
            text = {"1": "true", "0": "false"}.get(text.strip(), text.strip())
        elif text is not None and path.endswith("BinaryObject"):
            text = "".join(text.split())
        result[(path, text, attributes)] += 1
    return result


def round_trip(
    path: Path,
    model: type[Document],
    xsd: etree.XMLSchema,
    *,
    not_in_ubl21: tuple[str, ...] = (),
) -> Document:
    """Run every round-trip check on one example; returns the model read.

    ``not_in_ubl21`` names root children (``cac:Name``) that the profile
    takes from a later UBL version: they are removed from a copy of the
    written document before the UBL 2.1 schema check (all else must still
    be valid, in order).
    """
    original = path.read_bytes()
    document = model.from_xml(original, source=str(path))
    skipped = unmodelled(model, xml.parse(original).getroot())
    assert not skipped, f"{path.name}: reading skips {skipped}"
    written = document.to_xml()

    assert model.from_xml(written) == document, f"{path.name}: model changed in the round trip"

    tree = xml.parse(written)
    root = tree.getroot()
    assert dict(root.nsmap) == {None: etree.QName(root).namespace, "cac": CAC, "cbc": CBC}
    for el in root.iter():
        assert el.nsmap == root.nsmap, "namespaces are declared on the root only"

    checked = xml.parse(written).getroot()
    for name in not_in_ubl21:
        prefix, _, local = name.partition(":")
        namespace = {"cac": CAC, "cbc": CBC}[prefix]
        for el in checked.findall(f"{{{namespace}}}{local}"):
            checked.remove(el)
    assert xsd.validate(checked), f"{path.name}: {xsd.error_log}"

    before = facts(xml.parse(original).getroot())
    after = facts(root)
    lost = before - after
    invented = after - before
    assert not lost, f"{path.name}: data lost in the round trip: {sorted(lost)[:10]}"
    assert not invented, f"{path.name}: data invented in the round trip: {sorted(invented)[:10]}"

    assert model.from_xml(written).to_xml() == written, f"{path.name}: writing is not canonical"
    return document
