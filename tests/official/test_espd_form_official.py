"""The ESPD form and the native ESPD checks agree with the official ESPD-EDM 4.1.0 rules.

* Responses built from the form (:func:`heldigital.espd.form.read`, the posted
  fields a browser sends) for requests asking every criterion, over one lot and
  two, with the yes/no questions answered yes, no and mixed: the official
  response XSLTs (saxonche) find nothing - no fatal, error or warning - and the
  native checks (:func:`heldigital.espd.imports.check_response`) find nothing.
* Mutations of such a response and of the official example, each breaking one
  rule: on every document, the rules the native checks report are exactly the
  official failures among the rules they implement (``imports.RULES``).
"""

from __future__ import annotations

import copy
import random
from datetime import UTC, date, datetime

import pytest
from lxml import etree

from heldigital import espd, xml
from heldigital.espd import criteria, form, imports
from heldigital.espd.documents import CAC, CBC, NS
from tests.official.test_espd_official import EDM, OPERATOR, PROCUREMENTS, _failures, _request

ISSUED = datetime(2026, 3, 20, 9, tzinfo=UTC)
COUNTS = {"form": 0, "mutations": 0}


def _text_for(question: form.Question, rng: random.Random) -> dict[str, str]:
    name = question.name
    kind = question.datatype
    if kind == "PERIOD":
        return {f"{name}:start": "2025-01-01", f"{name}:end": "31.12.2025"}
    if kind == "EVIDENCE_IDENTIFIER":
        return {
            f"{name}:uri": f"https://www.skatteetaten.no/attest/{rng.randint(1, 10**6)}",
            f"{name}:issuer": "Skatteetaten",
            f"{name}:reference": "SA-2026-1",
        }
    if kind == "AMOUNT":
        return {name: f"{rng.randint(1, 10**7)} 000,50", f"{name}:currency": "NOK"}
    return {
        name: {
            "DESCRIPTION": "Svar",
            "DATE": date(2024, 5, 17).isoformat(),
            "QUANTITY": "1,5",
            "QUANTITY_INTEGER": "12",
            "QUANTITY_YEAR": "3",
            "PERCENTAGE": "12,5",
            "CODE_COUNTRY": "nor",
            "CODE": "group-lead",
            "URL": "https://example.org/register",
            "ECONOMIC_OPERATOR_IDENTIFIER": "974 760 673",
            "QUAL_IDENTIFIER": "NO-123",
        }[kind]
    }


def fill(
    codes: list[str], mode: str, seed: str, counts: dict[str, int] | None = None
) -> dict[str, str]:
    """Posted fields for ``codes``: every open question answered, as a browser sends them
    (``counts``: financial years and references per criterion)."""
    rng = random.Random(seed)
    data: dict[str, str] = {}
    for _ in range(12):  # each round opens the follow-ups of the last answers
        changed = False
        for code in codes:
            for question in form.layout(criteria.get(code), data, (counts or {}).get(code, 1)):
                if any(n in data for n in form.field_names(question)):
                    continue
                changed = True
                if question.datatype == "INDICATOR":
                    choice = {"yes": True, "no": False}.get(mode, rng.random() < 0.5)
                    data[question.name] = "true" if choice else "false"
                else:
                    data.update(_text_for(question, rng))
        if not changed:
            return data
    raise AssertionError("the form never settles")


def form_response(procurement, mode: str) -> bytes:
    request_xml = _request(procurement)
    lot = procurement.lots[-1]
    requirements = espd.parse_request(request_xml).requirements
    codes = [r.criterion for r in requirements]
    lots = {r.criterion: r.lot for r in requirements}
    # three financial years and three references where the request asks for them
    counts = {r.criterion: r.years or r.minimum_count or 1 for r in requirements}
    data = fill(codes, mode, f"{procurement.title}-{mode}", counts)
    filled = form.read(codes, data, lots, counts)
    assert any(a.yearly for a in filled.answers) and any(a.references for a in filled.answers)
    assert filled.problems == {}
    return espd.response(request_xml, filled.answers, operator=OPERATOR, issued=ISSUED, lot=lot)


@pytest.mark.parametrize(
    ("procurement", "mode"),
    [(PROCUREMENTS[0], "yes"), (PROCUREMENTS[0], "no"), (PROCUREMENTS[1], "mixed")],
    ids=["one-lot-yes", "one-lot-no", "two-lots-mixed"],
)
def test_form_responses_pass_the_official_rules_and_the_native_checks(procurement, mode):
    data = form_response(procurement, mode)
    COUNTS["form"] += 1
    assert _failures("ESPDResponse", data) == []
    assert imports.check_response(data) == []


def _official_ids(document: bytes) -> set[str]:
    return {
        line.split(": ", 1)[1].split(" ", 1)[0] for line in _failures("ESPDResponse", document)
    } & imports.RULES


def _native_ids(document: bytes) -> set[str]:
    return {f.rule for f in imports.check_response(document)}


def _mutate(document: bytes, change) -> bytes:
    root = xml.parse(document).getroot()
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _drop(path: str):
    def change(root):
        element = root.find(path, NS)
        element.getparent().remove(element)

    return change


def _second_lot(root):
    lot = root.find("cac:ProcurementProjectLot", NS)
    lot.addnext(copy.deepcopy(lot))


def _no_list_version(root):
    del root.find("cbc:ProcedureCode", NS).attrib["listVersionID"]


def _response_for(root, prop_suffix: str):
    for response in root.findall("cac:TenderingCriterionResponse", NS):
        if response.findtext("cbc:ValidatedCriterionPropertyID", namespaces=NS).endswith(
            prop_suffix
        ):
            return response
    raise AssertionError(prop_suffix)


def _drop_follow_up(root):
    # crime-org answered yes: "Who has been convicted" left unanswered (BR-TCR-06-01)
    response = _response_for(root, "C1_EG_crime-org/QG1/QSG1/Q3")
    root.remove(response)


def _closed_follow_up(root):
    # crime-org answered no, but its follow-up answered (BR-TCR-06-02)
    _response_for(root, "C1_EG_crime-org/QG1/Q1").find(
        "cac:ResponseValue/cbc:ResponseIndicator", NS
    ).text = "false"


def _wrong_type(root):
    # the date of conviction written as a description (BR-TCR-08-04)
    value = _response_for(root, "C1_EG_crime-org/QG1/QSG1/Q1").find(
        "cac:ResponseValue/cbc:ResponseDate", NS
    )
    value.tag = f"{{{CBC}}}Description"


def _dangling_evidence(root):
    for evidence in root.findall("cac:Evidence", NS):
        root.remove(evidence)


def _unknown_property(root):
    _response_for(root, "C1_EG_crime-org/QG1/QSG1/Q2").find(
        "cbc:ValidatedCriterionPropertyID", NS
    ).text = "C1_EG_crime-org/QG9/Q9"


def _two_values(root):
    response = _response_for(root, "C1_EG_crime-org/QG1/QSG1/Q2")
    value = response.find("cac:ResponseValue", NS)
    value.addnext(copy.deepcopy(value))


def _unanswered_selection(root):
    for response in root.findall("cac:TenderingCriterionResponse", NS):
        prop = response.findtext("cbc:ValidatedCriterionPropertyID", namespaces=NS)
        if "_SC_gen-year-to/" in prop:
            root.remove(response)


MUTATIONS = {
    "valid": (lambda root: None, set()),
    "no-lot": (_drop("cac:ProcurementProjectLot"), {"BR-LOT-10"}),
    "two-lots": (_second_lot, {"BR-LOT-10"}),
    "no-role": (
        _drop("cac:EconomicOperatorParty/cac:EconomicOperatorRole"),
        {"BR-RESP-10-02", "BR-RESP-10-03"},
    ),
    "no-size": (
        _drop("cac:EconomicOperatorParty/cac:Party/cbc:IndustryClassificationCode"),
        {"BR-RESP-10-06"},
    ),
    "no-list-version": (_no_list_version, {"BR-OTH-01-30"}),
    "missing-follow-up": (_drop_follow_up, {"BR-TCR-06-01"}),
    "closed-follow-up": (_closed_follow_up, {"BR-TCR-06-02"}),
    "wrong-type": (_wrong_type, {"BR-TCR-08-04"}),
    "dangling-evidence": (_dangling_evidence, {"BR-TCR-09"}),
    "unknown-property": (_unknown_property, {"BR-TCR-01-02", "BR-TCR-06-01"}),
    "two-values": (_two_values, {"BR-TCR-04"}),
    "unanswered-selection": (_unanswered_selection, {"BR-RESP-40"}),
}


@pytest.fixture(scope="module")
def small_response() -> bytes:
    """A small form response: the mandatory grounds, crime-org answered yes with its
    follow-ups and evidence, and the general yearly turnover."""
    base = PROCUREMENTS[0]
    request_xml = espd.request(
        base,
        [
            espd.Requirement(
                criterion="gen-year-to", minimum_amount=__import__("decimal").Decimal(5), years=3
            )
        ],
        issued=ISSUED,
    )
    codes = [r.criterion for r in espd.parse_request(request_xml).requirements]
    data = fill(codes, "no", "small")
    crime = criteria.get("crime-org").roles
    data[f"q:{crime.answer}"] = "true"
    data = {**fill(codes, "no", "small-2"), **data}
    for _ in range(3):
        for code in codes:
            for question in form.layout(criteria.get(code), data):
                if not any(n in data for n in form.field_names(question)):
                    data.update(
                        {question.name: "false"}
                        if question.datatype == "INDICATOR"
                        else _text_for(question, random.Random(1))
                    )
    data[f"q:{crime.evidence_available}"] = "true"
    data.update(_text_for(form.Question(crime_evidence(), 0, False), random.Random(2)))
    filled = form.read(codes, data)
    assert filled.problems == {}
    return espd.response(request_xml, filled.answers, operator=OPERATOR, issued=ISSUED)


def crime_evidence():
    c = criteria.get("crime-org")
    return c.prop(c.roles.evidence)


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_native_checks_fire_exactly_where_the_official_rules_do(small_response, name):
    change, expected = MUTATIONS[name]
    document = _mutate(small_response, change)
    COUNTS["mutations"] += 1
    official = _official_ids(document)
    assert official == expected, "the mutation breaks another rule than intended"
    assert _native_ids(document) == official


def test_the_official_example_agrees():
    document = (EDM / "xml-examples" / "ESPD-Response.xml").read_bytes()
    assert _official_ids(document) == _native_ids(document) == set()
    broken = _mutate(document, _drop("cac:EconomicOperatorParty/cac:EconomicOperatorRole"))
    assert _official_ids(broken) == _native_ids(broken) == {"BR-RESP-10-02", "BR-RESP-10-03"}


def test_zz_print_counts(capsys):
    with capsys.disabled():  # shown in every run, not only with -s
        print(
            f"\nESPD form: {COUNTS['form']} responses built from posted fields pass the official "
            f"ESPD-EDM 4.1.0 rules; native checks agree with them on {COUNTS['mutations']} "
            f"documents ({len(imports.RULES)} rule ids)"
        )
    assert CAC
