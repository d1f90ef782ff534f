"""The official EN 16931 example invoices and credit notes pass the model rules.

Every example in ConnectingEurope/eInvoicing-EN16931 ``ubl/examples`` and
``test/testfiles`` is a valid invoice or credit note: the model rules
(``BR-*``, ``BR-CO-*``, ``BR-DEC-*``, VAT categories; not the code-list rules
``BR-CL-*`` nor the UBL syntax rules) must report no fatal finding on them.
No example is exempted. A tampered copy of one example shows that the
rules do run on whole documents.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import xml
from heldigital.rules.core import NS, Document, Severity
from heldigital.rules.en16931 import REGISTRY
from tests.conftest import corpus

MODEL = re.compile(r"BR-(\d+|CO-\d+|DEC-\d+|(S|Z|E|AE|IC|G|O|AF|AG|B)-\d+)")
MODEL_RULES = [r for r in REGISTRY if MODEL.fullmatch(r.id)]

#: Examples with a reviewed reason to fail a model rule (none).
EXCEPTIONS: dict[str, str] = {}


def _examples() -> list[Path]:
    base = corpus("eInvoicing-EN16931")
    files = sorted((base / "ubl" / "examples").glob("*"))
    files += sorted((base / "test" / "testfiles").glob("*"))
    return [f for f in files if f.suffix.lower() == ".xml"]


EXAMPLES = _examples()


def _fatal(doc: Document) -> list[str]:
    return [
        f"{f.rule} at {f.location}"
        for r in MODEL_RULES
        for f in r.run(doc)
        if f.severity is Severity.FATAL
    ]


def test_the_examples_are_there():
    assert len(EXAMPLES) == 48
    assert len(MODEL_RULES) == 200


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_has_no_fatal_model_finding(path):
    if path.name in EXCEPTIONS:
        pytest.skip(EXCEPTIONS[path.name])
    doc = Document(xml.parse_file(path).getroot())
    assert doc.local_name in ("Invoice", "CreditNote")
    assert _fatal(doc) == []


def test_a_tampered_example_fails_the_totals_rules():
    path = corpus("eInvoicing-EN16931", "ubl", "examples", "ubl-tc434-example1.xml")
    root = copy.deepcopy(xml.parse_file(path).getroot())
    payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
    assert payable is not None
    payable.text = str(Decimal(payable.text) + 10)
    line_id = root.find("cac:InvoiceLine/cbc:ID", NS)
    assert line_id is not None
    line_id.text = "  "
    fired = {finding.split(" at ")[0] for finding in _fatal(Document(root))}
    assert fired == {"BR-CO-16", "BR-21"}
