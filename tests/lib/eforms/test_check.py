"""heldigital.eforms.check against the official oracles.

* eForms SDK: every example (contract, prior information, award, change …
  notices; 91 of the 92 come with an SVRL report, the 92nd is checked against
  the Schematron itself in tests/official/test_eforms_official.py) - each
  official rule id that ``check`` reports must be one the official Schematron
  reported for that file (no false alarms), and for the INVALID_* examples
  every official rule ``check`` implements that fired must be found.
* Doffin (eforms-sdk-nor national-e): VALID-* files pass, each INVALID-*
  file that breaks a rule we implement is caught by that rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from heldigital import eforms, xml
from heldigital.eforms.check import GAP_RULES, PIN_CAN_RULES, RULES

CORPUS = Path(__file__).resolve().parents[3].parent / "shared/corpus"
SDK = CORPUS / "eforms-sdk/1.16.0-SNAPSHOT/examples"
NOR = CORPUS / "eforms-sdk-nor/src/tests/national-e"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
PIN_CAN_IDS = {rule.id for rule in PIN_CAN_RULES}
IMPLEMENTED = {rule.id for rule in (*RULES, *GAP_RULES, *PIN_CAN_RULES)} | {
    "BR-BT-00501-0022",
    "BR-BT-00513-0022",
    "BR-BT-00702-0102",
}


def contract_notices() -> list[Path]:
    return [
        p
        for p in sorted((SDK / "notices").glob("*.xml"))
        if b"<ContractNotice" in p.read_bytes()[:4000]
        and (SDK / "reports" / f"{p.stem}.svrl").exists()
    ]


def fired(path: Path) -> set[str]:
    report = SDK / "reports" / f"{path.stem}.svrl"
    tree = xml.parse_file(report)
    return {a.get("id") for a in tree.iter(f"{SVRL}failed-assert")}


def examples() -> list[Path]:
    """Every SDK example notice that has its SVRL report."""
    return [
        p
        for p in sorted((SDK / "notices").glob("*.xml"))
        if (SDK / "reports" / f"{p.stem}.svrl").exists()
    ]


def test_the_corpus_is_there():
    assert len(contract_notices()) >= 25
    assert len(list((SDK / "notices").glob("*.xml"))) == 92
    assert len(examples()) == 91


def agrees(path: Path, official: set[str]) -> set[str]:
    found = {p.rule for p in eforms.check(path.read_bytes(), source=path.name)}
    assert {r for r in found if not r.startswith(("HD-", "EFORMS-NOR-"))} <= official
    if path.name.startswith("INVALID_"):
        # The contract notice rules are written for ContractNotice; the others for the
        # prior information and award notices.
        contract = b"<ContractNotice" in path.read_bytes()[:4000]
        assert official & (IMPLEMENTED if contract else PIN_CAN_IDS) <= found
    return found


@pytest.mark.parametrize("path", examples(), ids=lambda p: p.name)
def test_official_rules_agree_with_the_sdk_reports(path):
    agrees(path, fired(path))


def test_count_of_examples_checked(capsys):
    checked = examples()
    kinds: dict[str, int] = {}
    for path in checked:
        root = xml.parse(path.read_bytes()).getroot().tag.split("}")[1]
        kinds[root] = kinds.get(root, 0) + 1
    with capsys.disabled():
        print(f"\nnative eForms check agrees with the SDK's SVRL reports on {len(checked)}")
        print(f"examples: {kinds}")
    assert sum(kinds.values()) == 91


def test_invalid_examples_are_caught():
    caught = {
        p.name: eforms.check(p.read_bytes())
        for p in contract_notices()
        if p.name.startswith("INVALID_cn")
    }
    assert all(caught.values()), [name for name, problems in caught.items() if not problems]


def doffin(name: str) -> bytes:
    # The Doffin build substitutes these placeholders before validation.
    return (
        (NOR / name)
        .read_bytes()
        .replace(b"${EFORMS_MINOR}", b"1.16")
        .replace(b"${ISSUEDATE}", b"2026-01-05+01:00")
        .replace(b"${ISSUETIME}", b"10:00:00+01:00")
    )


@pytest.mark.parametrize(
    "name",
    [
        "VALID-national-e3-minimum.xml",
        "VALID-national-e3-multi-buyer-0e9f.xml",
        "VALID-national-e3-nor-env.xml",
    ],
)
def test_doffin_valid_notices_pass(name):
    assert eforms.check(doffin(name)) == []


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        (
            "INVALID-national-e3-foa-part-2-with-award-criteria-but-no-climate-considerations.xml",
            "HD-NOR-climate-criterion",
        ),
        (
            "INVALID-national-e3-with-two-award-criteria-and-no-climate-considerations.xml",
            "HD-NOR-climate-criterion",
        ),
        ("INVALID-national-e3-r001c-no-env-code.xml", "HD-NOR-climate-criterion"),
        (
            "INVALID-national-e3-foa-part-2-with-climate-considerations-but-no-strategic-procurement.xml",
            "HD-NOR-climate-strategic",
        ),
        (
            "INVALID-national-e3-with-disallowed-buyer-legal-type-code.xml",
            "HD-NOR-buyer-legal-type",
        ),
        ("INVALID-national-e3-without-buyer-legal-type.xml", "HD-NOR-buyer-legal-type"),
    ],
)
def test_doffin_invalid_notices_are_caught(name, rule):
    assert rule in {p.rule for p in eforms.check(doffin(name))}


def test_doffin_legal_basis_and_currency():
    valid = doffin("VALID-national-e3-nor-env.xml")
    wrong_basis = valid.replace(b"Anskaffelsesforskriften Del 1<", b"Kardemommeloven<")
    assert {p.rule for p in eforms.check(wrong_basis)} == {"HD-NOR-legal-basis"}
    euro = valid.replace(b'currencyID="NOK"', b'currencyID="EUR"')
    assert {p.rule for p in eforms.check(euro)} == {"HD-NOR-currency"}


def test_deadline_order_and_weights():
    from tests.lib.eforms.test_notices import ISSUED, make

    data = eforms.contract_notice(make(), issued=ISSUED)
    late = data.replace(
        b"<cbc:EndDate>2026-04-07+02:00</cbc:EndDate>",
        b"<cbc:EndDate>2026-04-20+02:00</cbc:EndDate>",
    )
    assert "HD-BT-13-before-BT-131" in {p.rule for p in eforms.check(late)}
    after = data.replace(b"<cbc:IssueDate>2026-03-02+01:00<", b"<cbc:IssueDate>2026-05-02+02:00<")
    assert "HD-BT-131-after-BT-05" in {p.rule for p in eforms.check(after)}
    weights = data.replace(
        b"<efbc:ParameterNumeric>60</efbc:ParameterNumeric>",
        b"<efbc:ParameterNumeric>50</efbc:ParameterNumeric>",
    )
    assert "HD-BT-541-sum" in {p.rule for p in eforms.check(weights)}


def test_doffin_notice_must_be_in_norwegian():
    valid = doffin("VALID-national-e3-minimum.xml")
    english = valid.replace(b"<cbc:NoticeLanguageCode>NOR<", b"<cbc:NoticeLanguageCode>ENG<")
    assert {p.rule for p in eforms.check(english)} == {"HD-NOR-language"}


def test_dispatch_and_deadline_against_now():
    from datetime import UTC, datetime

    from tests.lib.eforms.test_notices import ISSUED, make

    data = eforms.contract_notice(make(), issued=ISSUED)
    assert eforms.check(data, now=ISSUED) == []
    early = {p.rule for p in eforms.check(data, now=ISSUED.replace(hour=7))}
    assert early == {"HD-BT-05-future"}
    late = {p.rule for p in eforms.check(data, now=datetime(2026, 5, 1, tzinfo=UTC))}
    assert late == {"HD-BT-131-passed"}
