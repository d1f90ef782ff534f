"""The reader on the official rule unit tests: deliberately broken documents.

Each Invoice/CreditNote inside the vefa-validator test sets of PEPPOL BIS
Billing 3.0 and CEN EN 16931 (UBL) is either read, written and read back
equal, or refused with a :class:`heldigital.xml.DocumentError` that says what
is missing or malformed - never another exception. Most test documents are
fragments that leave out schema-required elements (lines, amounts) and are
refused for that; the business-rule content of the rest (wrong codes, wrong
sums, wrong identifiers) is kept, since checking it is the validator's job.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from heldigital import xml
from heldigital.ehf import CreditNote, Invoice
from heldigital.ehf.common import CREDIT_NOTE_NS, INVOICE_NS
from tests.conftest import corpus

ROOTS = {f"{{{INVOICE_NS}}}Invoice": Invoice, f"{{{CREDIT_NOTE_NS}}}CreditNote": CreditNote}


def _test_documents() -> list[tuple[str, bytes, type]]:
    found = []
    for base in (
        corpus("peppol-bis-invoice-3", "rules"),
        corpus("eInvoicing-EN16931", "test"),
    ):
        for path in sorted(base.glob("*unit-UBL*/**/*.xml")):
            root = xml.parse_file(path).getroot()
            for el in root.iter(*ROOTS):
                found.append((path.name, etree.tostring(el), ROOTS[el.tag]))
    return found


def test_unit_test_documents_are_read_or_refused_clearly() -> None:
    outcome: Counter[str] = Counter()
    for name, data, model in _test_documents():
        try:
            document = model.from_xml(data, source=name)
        except xml.DocumentError as exc:
            assert exc.message, name
            outcome["refused"] += 1
            continue
        assert model.from_xml(document.to_xml()) == document, name
        outcome["read"] += 1
    print(f"\nofficial unit-test documents: {dict(outcome)}")
    assert outcome["read"] >= 100
    assert outcome["refused"] >= 1000
