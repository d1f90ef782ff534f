"""Round trip of every official Despatch Advice example.

PEPPOL BIS Despatch Advice (T16), EHF Despatch Advice 3.0 and the PEPPOL
logistics Advanced Despatch Advice 1 (EHF logistics example); see
:mod:`tests.lib.ehf.postaward_support` for the checks.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from heldigital.ehf.despatch_advice import DespatchAdvice
from tests.lib.ehf.postaward_support import examples, ids, load_ubl_schema, round_trip

EXAMPLES = examples("DespatchAdvice")


@pytest.fixture(scope="session")
def despatch_advice_schema() -> etree.XMLSchema:
    return load_ubl_schema("DespatchAdvice")


def test_corpus_has_despatch_advice_examples() -> None:
    kinds = Counter(
        "logistics"
        if "logistics" in (DespatchAdvice.from_xml(p.read_bytes()).customization_id or "")
        else "poacc"
        for p in EXAMPLES
    )
    print(f"\nround-tripping {len(EXAMPLES)} DespatchAdvice examples: {dict(kinds)}")
    assert len(EXAMPLES) >= 8
    assert kinds["logistics"] >= 1


@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_round_trip(path: Path, despatch_advice_schema: etree.XMLSchema) -> None:
    advice = round_trip(path, DespatchAdvice, despatch_advice_schema)
    assert isinstance(advice, DespatchAdvice)
    assert advice.despatch_line


def test_code_list_problems_are_reported_not_refused() -> None:
    """The logistics example writes the United Kingdom as ``UK`` (ISO 3166-1 says ``GB``).

    Reading keeps the value (the document must stay answerable);
    :meth:`validate` reports it; ``strict=True`` refuses it.
    """
    from heldigital.xml import DocumentError

    path = next(p for p in EXAMPLES if "advanced-despatch-advice" in p.name)
    advice = DespatchAdvice.from_xml(path.read_bytes())
    problems = advice.validate()
    assert problems
    assert all("'UK' is not a code of ISO3166" in p.message for p in problems)
    assert any("registration_address.country.identification_code" in p.where for p in problems)
    with pytest.raises(DocumentError, match="'UK' is not a code of ISO3166"):
        DespatchAdvice.from_xml(path.read_bytes(), strict=True)
