"""The structure check's one-pass acceptance (``_valid_document``) against its exact walk.

``structure.check`` runs the exact walk only when the one-pass test does not accept the
document, so the test may never accept a document the exact walk has a problem with. Here
both run on every UBL example of the corpus and on the single-point mutations of
``test_structure`` (which that module also compares with the real XSD).
"""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules import structure
from tests.lib.rules.test_structure import CAC, EXAMPLES, MUTATED, mutations, schema_for


def _both(root) -> tuple[bool, bool]:
    model = structure._model("ubl-2.1")
    root_type = model.documents.get(root.tag)
    assert root_type is not None
    accepted = structure._valid_document(model, root, root_type)
    clean = not list(structure._walk(model, root, root_type))
    return accepted, clean


def test_every_valid_example_is_accepted_in_one_pass():
    compared = with_comments = 0
    for path in EXAMPLES:
        root = xml.parse_file(path).getroot()
        if root.tag not in structure._model("ubl-2.1").documents:
            continue
        accepted, clean = _both(root)
        assert accepted <= clean, path.name  # never accepts what the exact walk rejects
        if clean:
            assert accepted, path.name  # and is used for every valid document
        with_comments += clean and any(not isinstance(el.tag, str) for el in root.iter())
        compared += 1
    assert compared > 100
    assert with_comments > 10  # comments and processing instructions do not stop it


def _comment_mutations(root):
    """Comments and processing instructions at several places, with and without text
    after them: a schema validator skips the node, the text after it is content."""
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    aggregate = next(el for el in elements[1:] if len(el) and el.tag.startswith("{" + CAC))
    leaf = next(el for el in elements[1:] if not len(el) and (el.text or "").strip())
    for label, where, node, tail in (
        ("comment-in-root", root, etree.Comment("c"), "\n  "),
        ("pi-in-root", root, etree.ProcessingInstruction("p", "x"), None),
        ("comment-in-aggregate", aggregate, etree.Comment("c"), " "),
        ("comment-then-text-in-root", root, etree.Comment("c"), "stray"),
        ("comment-then-text-in-aggregate", aggregate, etree.Comment("c"), "stray"),
        ("comment-in-leaf", leaf, etree.Comment("c"), "more"),
    ):
        m = copy.deepcopy(root)
        target = [el for el in m.iter() if isinstance(el.tag, str)][elements.index(where)]
        node.tail = tail
        target.insert(len(target) // 2, node)
        yield label, m


@pytest.mark.parametrize("path", MUTATED[:15], ids=lambda p: p.name)
def test_comments_are_skipped_as_a_schema_validator_skips_them(path):
    root = xml.parse_file(path).getroot()
    schema = schema_for(root)
    verdicts = {}
    for label, mutated in _comment_mutations(root):
        reparsed = xml.parse(etree.tostring(mutated)).getroot()
        accepted, clean = _both(reparsed)
        assert accepted <= clean, label
        assert clean == bool(schema.validate(reparsed)), label  # the exact walk is the XSD's
        verdicts[label] = accepted
    assert verdicts["comment-in-root"] and verdicts["pi-in-root"]
    assert verdicts["comment-in-aggregate"]
    assert not verdicts["comment-then-text-in-root"]
    assert not verdicts["comment-then-text-in-aggregate"]


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
