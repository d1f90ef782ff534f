"""The literal code lists of heldigital.eforms.codes equal the eForms SDK's genericode files."""

from __future__ import annotations

from heldigital import xml
from heldigital.eforms.codes import NORWEGIAN_NUTS3

from .test_notices import SDK


def rows(name: str) -> dict[str, str]:
    root = xml.parse_file(SDK / "codelists" / name).getroot()
    found = {}
    for row in root.iter("Row"):
        values = {v.get("ColumnRef"): v.findtext("SimpleValue") for v in row.findall("Value")}
        found[values["code"]] = values.get("eng_label") or values.get("Name") or ""
    return found


def test_norwegian_nuts3_regions():
    assert rows("nuts_nuts-nor-lvl3.gc") == NORWEGIAN_NUTS3
