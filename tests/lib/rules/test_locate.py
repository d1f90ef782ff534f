"""Locations written by the validator lead back to the element they name."""

from __future__ import annotations

import pytest

from heldigital import xml
from heldigital.rules.core import Document
from heldigital.rules.locate import element_at, line_of
from tests.conftest import corpus


def _examples() -> list:
    folders = [
        corpus("peppol-bis-invoice-3", "rules", "examples"),
        corpus("poacc-upgrade-3", "rules", "examples"),
    ]
    return sorted(p for folder in folders for p in folder.rglob("*.xml"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_every_element_location_round_trips(path):
    root = xml.parse_file(path).getroot()
    doc = Document(root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        location = doc.location(element)
        assert element_at(root, location) is element, location
        assert line_of(root, location) == element.sourceline


def test_attribute_locations_name_their_element():
    root = xml.parse(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"\n'
        b' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n'
        b'<cbc:Note languageID="nb">a</cbc:Note>\n<cbc:Note>b</cbc:Note>\n</Invoice>'
    ).getroot()
    assert line_of(root, "/Invoice/cbc:Note[1]/@languageID") == 3
    assert line_of(root, "/Invoice/cbc:Note[2]") == 4


@pytest.mark.parametrize(
    "location",
    [
        "",
        "Invoice",
        "/",
        "/Order",
        "/Invoice/cbc:Note[3]",
        "/Invoice/cbc:Note[0]",
        "/Invoice/xyz:Note",
        "/Invoice//cbc:Note",
        "/Invoice/cbc:Note[a]",
        "/Invoice[2]",
    ],
)
def test_locations_that_name_nothing_give_none(location):
    root = xml.parse(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'
        b' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        b"<cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note></Invoice>"
    ).getroot()
    assert element_at(root, location) is None
    assert line_of(root, location) is None
