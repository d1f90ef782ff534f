"""Generated notices against the field metadata of the eForms SDK (fields/fields.json).

For the notice subtype of each generated notice, every field the SDK makes
mandatory without a condition is present in each instance of its parent node,
and no field the SDK forbids without a condition appears.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from heldigital import eforms, xml
from heldigital.eforms import Change, NoticeRef, Procedure, Regime

from .test_notices import ISSUED, SDK, make

FIELDS = json.loads((SDK / "fields/fields.json").read_text(encoding="utf-8"))
NODES = {node["id"]: node for node in FIELDS["xmlStructure"]}
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}


def unconditional(kind: str, subtype: str) -> list[dict]:
    return [
        field
        for field in FIELDS["fields"]
        for constraint in (field.get(kind) or {}).get("constraints", [])
        if subtype in constraint.get("noticeTypes", []) and not constraint.get("condition")
    ]


def notices() -> list[tuple[str, bytes]]:
    eea = make()
    national = make(Regime.NATIONAL, Procedure.NATIONAL)
    ref = NoticeRef(uuid.uuid4())
    later = datetime(2026, 3, 10, tzinfo=UTC)
    return [
        ("16-open", eforms.contract_notice(eea, issued=ISSUED)),
        (
            "16-restricted",
            eforms.contract_notice(make(procedure=Procedure.RESTRICTED), issued=ISSUED),
        ),
        (
            "16-negotiation",
            eforms.contract_notice(make(procedure=Procedure.NEGOTIATION), issued=ISSUED),
        ),
        ("E3-national", eforms.contract_notice(national, issued=ISSUED)),
        ("E3-below", eforms.contract_notice(make(Regime.BELOW_NATIONAL), issued=ISSUED)),
        (
            "16-change",
            eforms.change_notice(
                eea, previous=ref, changes=[Change("x", "LOT-0001")], reason="r", issued=later
            ),
        ),
        ("E3-cancel", eforms.cancellation_notice(national, previous=ref, reason="r", issued=later)),
    ]


NOTICES = notices()


def test_the_sdk_lists_constraints_for_our_subtypes():
    assert len(unconditional("mandatory", "16")) >= 40
    assert len(unconditional("mandatory", "E3")) >= 20
    assert len(unconditional("forbidden", "16")) >= 400


LOT = "/*/cac:ProcurementProjectLot[cbc:ID/@schemeName='Lot']"


@pytest.mark.parametrize(("name", "data"), NOTICES, ids=[n for n, _ in NOTICES])
def test_mandatory_fields_are_present(name, data):
    root = xml.parse(data).getroot()
    subtype = eforms.read_notice(data).subtype
    missing = []
    for field in unconditional("mandatory", subtype):
        parent = NODES[field["parentNodeId"]]
        contexts = (
            [root]
            if parent["xpathAbsolute"] == "/*"
            else root.xpath(parent["xpathAbsolute"], namespaces=NS)
        )
        for context in contexts:
            if not context.xpath(field["xpathRelative"], namespaces=NS):
                missing.append(f"{field['id']} in {root.getroottree().getpath(context)}")
        # a missing parent node hides a missing field: lot fields are needed in
        # every lot, the others in the document
        path = field["xpathAbsolute"]
        if path.startswith(LOT + "/"):
            for lot in root.xpath(LOT, namespaces=NS):
                if not lot.xpath("." + path[len(LOT) :], namespaces=NS):
                    missing.append(f"{field['id']} in {root.getroottree().getpath(lot)}")
        elif not root.xpath(path, namespaces=NS):
            missing.append(field["id"])
    assert missing == []


@pytest.mark.parametrize(("name", "data"), NOTICES, ids=[n for n, _ in NOTICES])
def test_forbidden_fields_are_absent(name, data):
    root = xml.parse(data).getroot()
    subtype = eforms.read_notice(data).subtype
    present = [
        f["id"]
        for f in unconditional("forbidden", subtype)
        if root.xpath(f["xpathAbsolute"], namespaces=NS)
    ]
    assert present == []
