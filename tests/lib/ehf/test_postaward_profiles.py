"""Every element and attribute the post-award syntax bindings define has a place in the models.

The round-trip tests prove the models on the official examples; the examples
do not use every optional element. This test walks the official syntax
bindings themselves (the vefa "structure" files of PEPPOL BIS post-award 3
and EHF post-award 3.0, ``<Element><Term>cac:Party</Term> ...``) and checks
that each element path maps to a model field and each attribute to a field
of the value type, so that no data a profile defines can be lost on reading.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from heldigital import xml
from heldigital.ehf.application_response import ApplicationResponse
from heldigital.ehf.catalogue import Catalogue
from heldigital.ehf.despatch_advice import DespatchAdvice
from heldigital.ehf.mapping import Aggregate, Document
from heldigital.ehf.order import Order
from heldigital.ehf.order_cancellation import OrderCancellation
from heldigital.ehf.order_change import OrderChange
from heldigital.ehf.order_response import OrderResponse
from tests.conftest import corpus

MODELS: dict[str, type[Document]] = {
    m.ROOT: m
    for m in (
        Order,
        OrderChange,
        OrderCancellation,
        OrderResponse,
        DespatchAdvice,
        Catalogue,
        ApplicationResponse,
    )
}

#: Elements a syntax binding names that are not where UBL 2.1 allows them: the EHF
#: Despatch Advice 3.0 binding lists cbc:ValueQuantity and cbc:ValueQualifier
#: directly under cac:Item (UBL has them in cac:AdditionalItemProperty, where the
#: models hold them); no document can carry them there and still be UBL.
NOT_UBL = {
    ("ehf-despatch-advice-3.0.xml", "/DespatchAdvice/DespatchLine/Item/ValueQuantity"),
    ("ehf-despatch-advice-3.0.xml", "/DespatchAdvice/DespatchLine/Item/ValueQualifier"),
}


def _bindings() -> list[Path]:
    found = sorted(corpus("poacc-upgrade-3", "structure", "syntax").glob("*.xml"))
    found += sorted(corpus("ehf-postaward-g3", "src").glob("*/syntax/*.xml"))
    result = []
    for path in found:
        root = xml.parse_file(path).getroot()
        doc = root.find(f"{{{etree.QName(root).namespace}}}Document")
        term = doc.findtext(f"{{{etree.QName(root).namespace}}}Term") if doc is not None else None
        if term and term.split(":")[-1] in MODELS:
            result.append(path)
    return result


BINDINGS = _bindings()


def _field_for(cls: type[Aggregate], term: str) -> dataclasses.Field[object] | None:
    for f in dataclasses.fields(cls):
        if f.metadata.get("ubl") == term:
            return f
    return None


def _check(node: etree._Element, cls: type[Aggregate], ns: str, path: str, file: str) -> list[str]:
    missing = []
    for element in node.findall(f"{{{ns}}}Element"):
        term = element.findtext(f"{{{ns}}}Term") or ""
        here = f"{path}/{term.split(':')[-1]}"
        f = _field_for(cls, term)
        if f is None:
            if (file, here) not in NOT_UBL:
                missing.append(here)
            continue
        kind = _kind(cls, f.name)
        attributes = [a.findtext(f"{{{ns}}}Term") for a in element.findall(f"{{{ns}}}Attribute")]
        if attributes:
            known = {attr for _, attr in getattr(kind, "_attrs", ())}
            missing += [f"{here}/@{a}" for a in attributes if a not in known]
        if isinstance(kind, type) and issubclass(kind, Aggregate):
            missing += _check(element, kind, ns, here, file)
    return missing


def _kind(cls: type[Aggregate], name: str) -> type:
    from heldigital.ehf.mapping import model_fields

    return next(f.kind for f in model_fields(cls) if f.name == name)


def test_bindings_found() -> None:
    names = sorted(p.name for p in BINDINGS)
    print(f"\nchecking {len(BINDINGS)} post-award syntax bindings: {names}")
    # 12 PEPPOL bindings (T01, T16, T19, T58, T71, T76, T110, T111, T114, T115, T116,
    # T77) and 11 EHF 3.0 bindings of these document types.
    assert len(BINDINGS) >= 23


@pytest.mark.parametrize("path", BINDINGS, ids=[p.name for p in BINDINGS])
def test_every_defined_element_has_a_field(path: Path) -> None:
    root = xml.parse_file(path).getroot()
    ns = etree.QName(root).namespace or ""
    doc = root.find(f"{{{ns}}}Document")
    assert doc is not None
    name = (doc.findtext(f"{{{ns}}}Term") or "").split(":")[-1]
    missing = _check(doc, MODELS[name], ns, f"/{name}", path.name)
    assert not missing, f"{path.name}: no model field for {missing}"
