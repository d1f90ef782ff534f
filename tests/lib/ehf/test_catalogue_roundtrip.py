"""Round trip of every official Catalogue example.

PEPPOL BIS Catalogue (T19), Punch Out (T77) and their EHF 3.0 extensions;
see :mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.catalogue import Catalogue, CatalogueItem
from heldigital.ehf.common import (
    Amount,
    Identifier,
    Party,
    PartyIdentification,
    PartyLegalEntity,
    Period,
    Quantity,
)
from heldigital.ehf.mapping import (
    ModelError,
)
from tests.conftest import corpus
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("Catalogue")


@pytest.fixture(scope="session")
def catalogue_schema() -> etree.XMLSchema:
    return load_ubl_schema("Catalogue")


def test_corpus_has_catalogue_examples() -> None:
    kinds = Counter(
        "punch_out"
        if "punch_out" in (Catalogue.from_xml(p.read_bytes()).customization_id or "")
        else "catalogue"
        for p in EXAMPLES
    )
    print(f"\nround-tripping {len(EXAMPLES)} Catalogue examples: {dict(kinds)}")
    assert len(EXAMPLES) >= 13
    assert kinds["punch_out"] >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, catalogue_schema: etree.XMLSchema) -> None:
    catalogue = round_trip(path, Catalogue, catalogue_schema)
    assert isinstance(catalogue, Catalogue)
    assert catalogue.catalogue_line
    assert catalogue.validate() == []
    # Every official line can be seen as a plain item record.
    assert [item.id for item in catalogue.items()] == [line.id for line in catalogue.catalogue_line]


# --- Building a request / tender catalogue from a plain list of items ----------------------


def _party(name: str, orgnr: str) -> Party:
    return Party(
        endpoint_id=Identifier(orgnr, scheme_id="0192"),
        party_identification=[PartyIdentification(id=Identifier(orgnr, scheme_id="0192"))],
        party_legal_entity=[PartyLegalEntity(registration_name=name)],
    )


ITEMS = [
    CatalogueItem(
        id="1",
        description="Copy paper A4, 80 g/m2, 500 sheets",
        unit="XPK",
        quantity=Decimal("1200"),
        properties={"Weight": "80 g/m2", "Colour": "White"},
        price=Decimal("42.50"),
        classification=("30197630", "STI"),
        standard_id=("7300010000001", "0160"),
    ),
    CatalogueItem(id="2", description="Consulting hour", unit="HUR", quantity=Decimal("40")),
]


def test_tender_catalogue_from_items(catalogue_schema: etree.XMLSchema) -> None:
    catalogue = Catalogue.from_items(
        id="TENDER-2026-17",
        issue_date=date(2026, 11, 25),
        provider=_party("Leverandør AS", "910667831"),
        receiver=_party("Oslo kommune", "974760673"),
        items=ITEMS,
        currency="NOK",
        name="Office supplies framework",
        validity=Period(start_date=date(2027, 1, 1), end_date=date(2028, 12, 31)),
        contract_id="2026/1234",
    )
    written = catalogue.to_xml()
    assert catalogue_schema.validate(xml.parse(written)), catalogue_schema.error_log
    again = Catalogue.from_xml(written)
    assert again == catalogue
    assert again.validate() == []
    assert again.items() == ITEMS
    line = again.catalogue_line[0]
    assert line.orderable_unit == "XPK"
    location = line.required_item_location_quantity[0]
    assert location.price is not None
    assert location.price.price_amount == Amount(Decimal("42.50"), "NOK")
    assert location.minimum_quantity == Quantity(Decimal("1200"), unit_code="XPK")
    # A request catalogue line has no price.
    assert again.catalogue_line[1].required_item_location_quantity[0].price is None
    assert b'<cbc:PriceAmount currencyID="NOK">42.50</cbc:PriceAmount>' in written


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": "PIECES"}, "not a UN/ECE Rec 20 unit"),
        ({"id": " "}, "id is empty"),
        ({"price": 42.5}, "price must be a Decimal"),
    ],
)
def test_catalogue_item_is_checked(changes: dict[str, object], message: str) -> None:
    fields = {"id": "1", "description": "Paper", "unit": "XPK", **changes}
    with pytest.raises(ModelError, match=message):
        CatalogueItem(**fields)  # type: ignore[arg-type]


def test_catalogue_from_items_refuses_bad_lists() -> None:
    common = {
        "id": "C-1",
        "issue_date": date(2026, 11, 25),
        "provider": _party("A", "910667831"),
        "receiver": _party("B", "974760673"),
        "currency": "NOK",
    }
    with pytest.raises(ModelError, match="at least one item"):
        Catalogue.from_items(items=[], **common)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="unique"):
        Catalogue.from_items(items=[ITEMS[0], ITEMS[0]], **common)  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="not an ISO 4217 currency"):
        Catalogue.from_items(items=ITEMS, **{**common, "currency": "KRONER"})  # type: ignore[arg-type]


def test_items_of_lines_without_unit_keep_it_unknown() -> None:
    path = corpus("poacc-upgrade-3", "rules", "examples", "Catalogue_Example.xml")
    catalogue = Catalogue.from_xml(path.read_bytes())
    line = next(line for line in catalogue.catalogue_line if line.orderable_unit is None)
    item = CatalogueItem.from_line(line)
    assert item.unit is None  # nothing is invented
    assert item.to_line("EUR").orderable_unit is None
