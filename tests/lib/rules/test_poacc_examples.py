"""Official post-award examples through the public entry point ``heldigital.rules.validate``.

Every example of OpenPEPPOL/poacc-upgrade-3 (``rules/examples``,
``rules/use-case-examples``) and every Norwegian EHF post-award example of
these document types (anskaffelser/ehf-postaward-g3, the ones with a PEPPOL
post-award CustomizationID whose format has no EHF rule set of its own yet: ordering and
advanced ordering; the others are in ``test_ehf.py``) must be detected as the right transaction and
have no fatal finding, apart from the reviewed exceptions below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heldigital.rules import validate
from tests.conftest import corpus

POACC = "poacc-upgrade-3/rules"
EHF = "ehf-postaward-g3/src"

#: Expected transaction by path (first match wins), written from the file and folder names.
EXPECTED = [
    (r"OrderCancellation", "peppolbis-t115-base-3.0"),
    (r"OrderChange", "peppolbis-t114-base-3.0"),
    (r"OrderAgreement", "peppolbis-t110-base-3.0"),
    (r"OrderResponseAdvanced|advanced.ordering.sc\d/OrderResponse", "peppolbis-t116-base-3.0"),
    (r"Order_?[rR]esponse", "peppolbis-t76-base-3.0"),
    (r"Order", "peppolbis-t01-base-3.0"),
    (r"DespatchAdvice", "peppolbis-t16-base-3.0"),
    (r"CatalogueResponse", "peppolbis-t58-base-3.0"),
    (r"PunchOut", "peppolbis-t77-base-3.0"),
    (r"[cC]atalogue", "peppolbis-t19-base-3.0"),
    (r"InvoiceResponse|T111-", "peppolbis-t111-base-3.0"),
    (r"MessageLevelResponse", "peppolbis-t71-base-3.0"),
]

#: Reviewed fatal findings: (path suffix, rule) -> reason. None at present: the EHF examples
#: that needed them (EHF ProfileIDs, PEPPOL-T01-R031 and the fixed-ProfileID basic rules) are
#: validated by their own EHF rule sets now (tests/lib/rules/test_ehf.py).
EXCEPTIONS: dict[tuple[str, str], str] = {}

#: EHF formats validated by their own EHF rule sets, not by the PEPPOL transaction
EHF_OWN = frozenset(
    {
        "advanced-ordering-3.0",
        "catalogue-3.0",
        "despatch-advice-3.0",
        "order-agreement-3.0",
        "ordering-3.0",
        "punch-out-3.0",
    }
)
_POACC_CUSTOMIZATION = re.compile(rb"<cbc:CustomizationID>\s*urn:fdc:peppol\.eu:poacc:trns:")


def _examples() -> list[Path]:
    root = corpus()
    found = sorted(corpus(POACC, "examples").rglob("*.xml"))
    found += sorted(corpus(POACC, "use-case-examples").rglob("*.xml"))
    for path in sorted(corpus(EHF).rglob("*.xml")):
        parts = path.relative_to(root).parts
        in_examples = "rules" in parts and ("example" in parts or "usecase" in parts)
        # formats with their own EHF rule set are in tests/lib/rules/test_ehf.py
        own = parts[2] in EHF_OWN
        if in_examples and not own and _POACC_CUSTOMIZATION.search(path.read_bytes()):
            found.append(path)
    return found


EXAMPLES = _examples()
ROOT = corpus()


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _expected(name: str) -> str:
    for pattern, rule_set in EXPECTED:
        if re.search(pattern, name):
            return rule_set
    raise AssertionError(f"no expected transaction for {name}")


def test_the_example_corpus_is_complete():
    names = [_name(p) for p in EXAMPLES]
    assert len([n for n in names if n.startswith(POACC)]) == 82
    assert len([n for n in names if n.startswith(EHF)]) == 0
    assert {_expected(n) for n in names} == {rs for _, rs in EXPECTED}


@pytest.mark.parametrize("path", EXAMPLES, ids=_name)
def test_example_is_detected_and_has_no_fatal_finding(path: Path):
    name = _name(path)
    report = validate(path.read_bytes(), path=name)
    assert report.rule_set == _expected(name)
    unexpected = [
        f"{f.rule} {f.location}: {f.message}"
        for f in report.fatal
        if (name, f.rule) not in EXCEPTIONS
    ]
    assert unexpected == []


def test_reviewed_rule_exceptions_still_apply():
    """Every exception must still be needed (the list only shrinks)."""
    for name, rule_id in EXCEPTIONS:
        report = validate((ROOT / name).read_bytes(), path=name)
        assert rule_id in {f.rule for f in report.fatal}, (name, rule_id)
