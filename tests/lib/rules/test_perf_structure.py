"""The structure check's one-pass acceptance (``_valid_document``) against its exact walk.

``structure.check`` runs the exact walk only when the one-pass test does not accept the
document, so the test may never accept a document the exact walk has a problem with. Here
both run on every UBL example of the corpus and on the single-point mutations of
``test_structure`` (which that module also compares with the real XSD).
"""

from __future__ import annotations

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import structure
from tests.lib.rules.test_structure import EXAMPLES, MUTATED, mutations


def _both(root) -> tuple[bool, bool]:
    model = structure._model("ubl-2.1")
    root_type = model.documents.get(root.tag)
    assert root_type is not None
    accepted = structure._valid_document(model, root, root_type)
    clean = not list(structure._walk(model, root, root_type))
    return accepted, clean


def test_every_valid_example_is_accepted_in_one_pass():
    compared = 0
    for path in EXAMPLES:
        root = xml.parse_file(path).getroot()
        if root.tag not in structure._model("ubl-2.1").documents:
            continue
        accepted, clean = _both(root)
        assert accepted <= clean, path.name  # never accepts what the exact walk rejects
        if clean and not any(not isinstance(el.tag, str) for el in root.iter()):
            assert accepted, path.name  # and is used for valid documents without comments
        compared += 1
    assert compared > 100


@pytest.mark.parametrize("path", MUTATED[:15], ids=lambda p: p.name)
def test_mutations_are_never_accepted_wrongly(path):
    root = xml.parse_file(path).getroot()
    rejected = 0
    for label, mutated in mutations(root):
        accepted, clean = _both(xml.parse(etree.tostring(mutated)).getroot())
        assert accepted <= clean, label
        rejected += not clean
    assert rejected >= 3


def test_the_one_pass_builds_the_same_element_index():
    """On a valid document the pass leaves the shared element index in the document's
    cache; it must equal the one Document.by_tag builds by itself."""
    from heldigital.rules.core import BY_TAG, Document

    built = 0
    for path in EXAMPLES[:40]:
        root = xml.parse_file(path).getroot()
        doc = Document(root)
        assert structure.check(doc) == [] or BY_TAG not in doc.cache
        if BY_TAG in doc.cache:
            assert doc.cache[BY_TAG] == Document(root).by_tag(), path.name
            built += 1
    assert built > 20
