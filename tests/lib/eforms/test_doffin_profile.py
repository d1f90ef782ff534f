"""Every test of Doffin's eForms profile (eforms-sdk-nor src/tests, all folders).

* ``national-e``: each VALID-* notice passes :func:`heldigital.eforms.check`; each
  INVALID-* notice fails for the rule its name gives (the table below maps the name
  to the native rule; the official EFORMS-NOR ids of national-e are not published).
* ``eu/test``, ``national/test``: notices of Doffin's EU and national profiles that
  the profile accepts: no problem.
* ``eu/unit``, ``national/unit``: vefa-validator test sets; each test's fragment,
  declared with its configuration's CustomizationID, must report the rule in scope
  exactly as the set says (``success``: not at all; ``error``: N times).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from heldigital import eforms, xml

TESTS = Path(__file__).resolve().parents[3].parent / "shared/corpus/eforms-sdk-nor/src/tests"
VEFA = "{http://difi.no/xsd/vefa/validator/1.0}"

#: INVALID-national-e file (without "INVALID-national-" and ".xml") -> the native rule.
INVALID = {
    "e2-nor-not-a-selected-language": "HD-NOR-language",
    "e2-two-parts-different-start-and-end-dates": "HD-NOR-part-period",
    "e2-with-deviant-sum-of-parts-value": "HD-NOR-part-value-sum",
    "e2-with-estimated-part-value-and-not-estimated-notice-value": "HD-NOR-part-value",
    "e2-with-wrong-part-currency": "HD-NOR-currency",
    "e2-with-wrong-procedure-currency": "HD-NOR-currency",
    "e2-wrong-legal-basis-id-description": "HD-NOR-legal-basis",
    "e2-wrong-legal-basis-noid-description": "HD-NOR-legal-basis",
    "e3-foa-part-2-with-award-criteria-but-no-climate-considerations": "HD-NOR-climate-criterion",
    "e3-foa-part-2-with-climate-considerations-but-no-strategic-procurement": (
        "HD-NOR-climate-strategic"
    ),
    "e3-health-social-services-foa-parts-1-and-2-disallowed": "EFORMS-NOR-NATIONAL-TH-R008I",
    "e3-r001c-no-env-code": "HD-NOR-climate-criterion",
    "e3-with-disallowed-buyer-legal-type-code": "HD-NOR-buyer-legal-type",
    "e3-with-two-award-criteria-and-no-climate-considerations": "HD-NOR-climate-criterion",
    "e3-without-buyer-legal-type": "HD-NOR-buyer-legal-type",
}
#: Unit test sets for rules that are not Doffin's own: BR-BT-00024-0210 (a warning on
#: "sale" in the description) is not a rule of the eForms SDK 1.16 Schematron either.
UNIT_NOT_IMPLEMENTED = {"BR-BT-00024-0210"}

CUSTOMIZATION = {
    "eu": b"eforms-sdk-1.16#extended#urn:fdc:anskaffelser.no:2023:eforms:eu",
    "national": b"eforms-sdk-1.16#extended#urn:fdc:anskaffelser.no:2023:eforms:national",
}


def notice(path: Path, issued: bytes = b"2026-01-05+01:00") -> bytes:
    # The Doffin build substitutes these placeholders before validation.
    return (
        path.read_bytes()
        .replace(b"${EFORMS_MINOR}", b"1.16")
        .replace(b"${ISSUEDATE}", issued)
        .replace(b"${ISSUETIME}", b"10:00:00+01:00")
    )


def files(pattern: str) -> list[Path]:
    return sorted(TESTS.glob(pattern))


def test_every_folder_is_covered():
    folders = {p.parent.relative_to(TESTS).as_posix() for p in TESTS.rglob("*.xml")}
    assert folders == {"eu/test", "eu/unit", "national/test", "national/unit", "national-e"}
    invalid = {p.stem.removeprefix("INVALID-national-") for p in files("national-e/INVALID-*")}
    assert invalid == set(INVALID)


@pytest.mark.parametrize(
    "path",
    files("national-e/VALID-*.xml") + files("eu/test/*.xml") + files("national/test/*.xml"),
    ids=lambda p: p.relative_to(TESTS).as_posix(),
)
def test_valid_notices_pass(path):
    # Dispatched before every date in the files (eu/test/pin-only_24.xml plans its contract
    # notice for 2025-05-05: BT-127 must follow the dispatch, BR-BT-00127-0100).
    assert eforms.check(notice(path, issued=b"2025-01-06+01:00")) == []


@pytest.mark.parametrize(("name", "rule"), sorted(INVALID.items()))
def test_invalid_notices_fail_for_their_rule(name, rule):
    found = {
        p.rule for p in eforms.check(notice(TESTS / f"national-e/INVALID-national-{name}.xml"))
    }
    assert rule in found
    # Nothing else but the legal basis, which an all-English notice also writes in English.
    assert found - {rule} <= {"HD-NOR-legal-basis"}


def unit_tests() -> list[tuple[str, int, str, bytes, str, int]]:
    cases = []
    for path in files("*/unit/*.xml"):
        root = xml.parse(notice(path)).getroot()
        folder = path.parent.parent.name
        (scope,) = [e.text for e in root.findall(f"{VEFA}assert/{VEFA}scope")]
        for index, test in enumerate(root.findall(f"{VEFA}test")):
            expect = test.find(f"{VEFA}assert")
            document = next(e for e in test if e.tag != f"{VEFA}assert")
            data = etree.tostring(document)
            outcome = next(e for e in expect if e.tag != f"{VEFA}description")
            kind = outcome.tag.removeprefix(VEFA)
            count = 0 if kind == "success" else int(outcome.get("number", "1"))
            cases.append((f"{path.name}#{index}", index, scope, data, folder, count))
    return cases


@pytest.mark.parametrize(
    ("name", "index", "scope", "fragment", "folder", "count"),
    unit_tests(),
    ids=lambda v: v if isinstance(v, str) and "#" in v else "",
)
def test_unit_sets_report_their_rule(name, index, scope, fragment, folder, count):
    if scope in UNIT_NOT_IMPLEMENTED:
        assert scope not in {p.rule for p in eforms.check(fragment)}
        return
    customization = b"<cbc:CustomizationID>" + CUSTOMIZATION[folder] + b"</cbc:CustomizationID>"
    declared = fragment.replace(
        b"<cbc:NoticeLanguageCode", customization + b"<cbc:NoticeLanguageCode", 1
    )
    fired = [p.rule for p in eforms.check(declared)]
    assert fired.count(scope) == count, (name, fired)


HEALTH = "national-e/INVALID-national-e3-health-social-services-foa-parts-1-and-2-disallowed.xml"
R008I = "EFORMS-NOR-NATIONAL-TH-R008I"
PARTS_1_2_NOR = b"NOR \xe2\x80\x94 Anskaffelsesforskriften Del 1 og 2"
PARTS_1_2_ENG = b"NOR \xe2\x80\x94 Public Procurement Regulations Parts 1 and 2"


@pytest.mark.parametrize(
    ("old", "new", "fires"),
    [
        (b"", b"", True),
        # Part I is what health and social services follow below the EEA threshold.
        (PARTS_1_2_NOR, b"NOR \xe2\x80\x94 Anskaffelsesforskriften Del 1", False),
        # Only services of Annex XIV: another CPV, or another contract nature.
        (b">98133100<", b">72000000<", False),
        (
            b">services</cbc:ProcurementTypeCode>\n\t\t<cac:Req",
            b">supplies</cbc:ProcurementTypeCode>\n\t\t<cac:Req",
            False,
        ),
        # Every prefix family of the rule: 85 (health), 7512 (administrative), 8000 (education).
        (b">98133100<", b">85310000<", True),
        (b">98133100<", b">75121000<", True),
        (b">98133100<", b">80000000<", True),
        (b">98133100<", b">85400000<", False),
        # The English description alone names parts I and II as well.
        (
            b'<cbc:DocumentDescription languageID="NOR">' + PARTS_1_2_NOR,
            b'<cbc:DocumentDescription languageID="ENG">' + PARTS_1_2_ENG,
            True,
        ),
        # The local legal basis counts only when described in both languages.
        (
            b'<cbc:ID schemeName="ELI">https://lovdata.no/eli/forskrift/2016/8/12/974</cbc:ID>\n'
            b'\t\t<cbc:DocumentDescription languageID="NOR">'
            + PARTS_1_2_NOR
            + b"</cbc:DocumentDescription>",
            b"<cbc:ID>LocalLegalBasis</cbc:ID>"
            b'<cbc:DocumentDescription languageID="NOR">'
            + PARTS_1_2_NOR
            + b"</cbc:DocumentDescription>"
            b'<cbc:DocumentDescription languageID="ENG">'
            + PARTS_1_2_ENG
            + b"</cbc:DocumentDescription>",
            True,
        ),
        (
            b'<cbc:ID schemeName="ELI">https://lovdata.no/eli/forskrift/2016/8/12/974</cbc:ID>\n'
            b'\t\t<cbc:DocumentDescription languageID="NOR">'
            + PARTS_1_2_NOR
            + b"</cbc:DocumentDescription>",
            b"<cbc:ID>LocalLegalBasis</cbc:ID>"
            b'<cbc:DocumentDescription languageID="NOR">'
            + PARTS_1_2_NOR
            + b"</cbc:DocumentDescription>",
            False,
        ),
    ],
)
def test_health_and_social_services_rule(old, new, fires):
    """EFORMS-NOR-NATIONAL-TH-R008I as Doffin defines it (src/fields/national-e.yaml)."""
    data = notice(TESTS / HEALTH)
    assert old in data
    changed = data.replace(old, new, 1)
    assert (R008I in {p.rule for p in eforms.check(changed)}) is fires
