"""EHF Qualified Item Information: native and official agree on items classified with QII codes.

No official example classifies an item with an EHF QII code, so the seeded mutants of the
main run never reach the 4,130 ``EHF-QII-G1-*`` rules. Here seeded documents are built from
the EHF catalogue, order agreement and order response examples: items get QII classification
codes (one, two, or a code that only mimics one) and additional properties of their group
with valid and invalid names, values, units and extra elements, and the native findings must
equal those of the official EHF Schematron (with the QII pattern) in Saxon.
"""

from __future__ import annotations

import random

import pytest
from lxml import etree

from heldigital import xml
from heldigital.rules.core import NS
from heldigital.rules.ehf.qii_g1 import RULES
from tests.conftest import corpus
from tests.differential import configurations as cfg
from tests.differential import harness

SEED = 20261205
DOCUMENTS = 80
CAC = "{" + NS["cac"] + "}"
CBC = "{" + NS["cbc"] + "}"
QII = "urn:fdc:anskaffelser.no:2022:ehf:qii:property"
SOURCES = (
    "ehf-postaward-g3/src/catalogue-3.0/rules/example/Catalogue_Example.xml",
    "ehf-postaward-g3/src/order-agreement-3.0/rules/example/OrderAgreement_Example.xml",
    "ehf-postaward-g3/src/ordering-3.0/rules/example/OrderResponse_Example.xml",
    "ehf-postaward-g3/src/advanced-ordering-3.0/rules/example/Advanced_OrderResponse_Example.xml",
)

#: group code -> the property rules of the group: (NameCode value, assertions)
GROUPS: dict[str, list[tuple[str, tuple]]] = {}
for _kind, _code, _steps, _assertions in RULES:
    if _kind == "eq":
        properties = GROUPS.setdefault(_code, [])
        if _steps and _steps[-1][1] is not None and _steps[-1][1][0] == "namecode":
            properties.append((_steps[-1][1][2], _assertions))


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _value_for(assertions: tuple, rng: random.Random) -> tuple[str | None, str | None, str]:
    """(Value, ValueQuantity, unitCode) for a property, valid or deliberately wrong."""
    kinds = {a[1]: a for a in assertions}
    wrong = rng.random() < 0.4
    if "child_attr_in" in kinds:
        units = kinds["child_attr_in"][4]
        unit = rng.choice(units) if not wrong or rng.random() < 0.5 else "XYZ"
        low = kinds.get("child_ge")
        high = kinds.get("child_le")
        number = rng.choice(["1", "0.5", "-3", "1e3", "abc", "100000"]) if wrong else "1"
        if not wrong and low is not None:
            number = low[3]
        if not wrong and high is not None and low is None:
            number = high[3]
        return None, number, unit
    if "child_in" in kinds:
        values = kinds["child_in"][3]
        return (rng.choice(values) if not wrong else "not-a-code"), None, ""
    if "child_maxlen" in kinds:
        size = int(kinds["child_maxlen"][3])
        return ("x" * (size + 1) if wrong else "x" * max(1, size // 2)), None, ""
    if "child_le" in kinds or "child_ge" in kinds:
        return rng.choice(["5", "-1", "1000000", "abc", "1.5"]), None, ""
    return ("" if wrong else "text"), None, ""


def _qii_document(index: int) -> tuple[str, bytes]:
    rng = random.Random(f"{SEED}/{index}")
    source = SOURCES[index % len(SOURCES)]
    root = xml.parse(corpus(source).read_bytes()).getroot()
    items = [el for el in root.iter(CAC + "Item")]
    codes = sorted(GROUPS)
    for item in rng.sample(items, k=min(len(items), rng.randint(1, 3))):
        choice = rng.random()
        chosen = [rng.choice(codes)]
        if choice < 0.15:
            chosen.append(rng.choice(codes))
        elif choice < 0.25:
            chosen = ["urn:fdc:anskaffelser.no:2022:ehf:qii:mimic"]
        anchor = next(item.iterchildren(CAC + "ClassifiedTaxCategory"), None)
        for code in chosen:
            cc = etree.Element(CAC + "CommodityClassification")
            _sub(cc, CBC + "ItemClassificationCode", code).set("listID", "ZZZ")
            if anchor is not None:
                anchor.addprevious(cc)
            else:
                item.append(cc)
        if rng.random() < 0.2:
            for name in item.iterchildren(CBC + "Name"):
                name.text = " " if rng.random() < 0.5 else "n" * 301
        properties = GROUPS.get(chosen[0], [])
        for name_code, assertions in rng.sample(properties, k=min(len(properties), 6)):
            prop = etree.SubElement(item, CAC + "AdditionalItemProperty")
            expected = next((a[3] for a in assertions if a[1] == "child_eq"), "")
            _sub(prop, CBC + "Name", expected if rng.random() < 0.85 else "Wrong name")
            _sub(prop, CBC + "NameCode", name_code).set("listID", QII)
            value, quantity, unit = _value_for(assertions, rng)
            if value is not None:
                _sub(prop, CBC + "Value", value)
            if quantity is not None:
                q = _sub(prop, CBC + "ValueQuantity", quantity)
                if unit:
                    q.set("unitCode", unit)
            if rng.random() < 0.1:
                _sub(prop, CBC + "ValueQualifier", "extra")
    data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return source, data


@pytest.mark.parametrize("index", range(DOCUMENTS))
def test_qii_native_agrees_with_official(index: int) -> None:
    source, data = _qii_document(index)
    root = xml.parse(data).getroot()
    config = cfg.route(root)
    assert config is not None and config.name in (
        "ehf-catalogue-01-3.0",
        "ehf-order-agreement-03-3.0",
        "ehf-order-response-02-3.0",
        "ehf-09-3.0-response",
    )
    document = harness.Document(f"qii/{index}", harness.Source(source, data, "QII"), ("qii",), data)
    outcome = harness.compare(document)
    assert outcome.agrees, outcome.describe()
    assert outcome.official is not None
    # the document exercises the QII rules (most documents break some)
    if index == 0:
        assert any(r.startswith("EHF-QII-") for r in outcome.official.fatal)
