"""The native check agrees with the official SDK rules on the rules the matrix found missing.

``heldigital.eforms.check`` (run before any notice leaves the platform) was
extended with :data:`heldigital.eforms.check.GAP_RULES`: the official rules that
platform notices broke while the native check passed them (issue 9). Here each
is broken on purpose in a valid notice (one mutation per rule), and on every
notice - the valid ones and each mutant - the native check and the SDK
Schematron must give the same verdict for every one of those rules.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from lxml import etree

from heldigital import eforms, xml
from heldigital.eforms import Procedure, Regime
from heldigital.eforms.check import GAP_RULES, PIN_CAN_RULES
from heldigital.eforms.read import NS
from tests.lib.eforms.test_notices import ISSUED, make
from tests.official import eforms_oracle as oracle
from tests.official.doffin import DOFFIN_E3

GAP_IDS = frozenset(rule.id for rule in GAP_RULES) | {"BR-BT-00702-0102"}
_LOT = "cac:ProcurementProjectLot"
_BUYER = "//efac:Company[cac:PartyIdentification/cbc:ID='ORG-0001']"
_REVIEW = "//efac:Company[cac:PartyIdentification/cbc:ID='ORG-0002']"


def _remove(path: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        found = root.xpath(path, namespaces=NS)
        assert found, path
        for element in found:
            element.getparent().remove(element)

    return mutate


def _add(parent: str, child: str, text: str = "", grandchild: str = "") -> Callable:
    def mutate(root: etree._Element) -> None:
        for element in root.xpath(parent, namespaces=NS):
            prefix, name = child.split(":")
            added = etree.SubElement(element, f"{{{NS[prefix]}}}{name}")
            if grandchild:
                prefix, name = grandchild.split(":")
                etree.SubElement(added, f"{{{NS[prefix]}}}{name}").text = text
            else:
                added.text = text

    return mutate


def _set(path: str, text: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        for element in root.xpath(path, namespaces=NS):
            element.text = text

    return mutate


@dataclass(frozen=True)
class Mutant:
    base: str
    breaks: frozenset[str]
    mutate: Callable[[etree._Element], None]


def _bases() -> dict[str, bytes]:
    return {
        "open": eforms.contract_notice(make(), issued=ISSUED),
        "restricted": eforms.contract_notice(make(procedure=Procedure.RESTRICTED), issued=ISSUED),
        "negotiation": eforms.contract_notice(make(procedure=Procedure.NEGOTIATION), issued=ISSUED),
        "national": eforms.contract_notice(
            make(Regime.NATIONAL, Procedure.NATIONAL), issued=ISSUED
        ),
    }


_CRITERION = (
    f"{_LOT}/cac:TenderingTerms/cac:AwardingTerms/cac:AwardingCriterion"
    "/cac:SubordinateAwardingCriterion"
)
MUTANTS = {
    "criterion-without-description": Mutant(
        "open",
        frozenset({"BR-BT-00540-0074", "BR-BT-00734-0074", "BR-BT-00541-0271"}),
        _remove(f"{_CRITERION}/cbc:Description"),
    ),
    "buyer-without-telephone": Mutant(
        "open", frozenset({"BR-BT-00503-0022"}), _remove(f"{_BUYER}/cac:Contact/cbc:Telephone")
    ),
    "buyer-without-nuts": Mutant(
        "open",
        frozenset({"BR-BT-00507-0022"}),
        _remove(f"{_BUYER}/cac:PostalAddress/cbc:CountrySubentityCode"),
    ),
    "review-body-without-postal-code": Mutant(
        "open",
        frozenset({"BR-BT-00512-0022"}),
        _remove(f"{_REVIEW}/cac:PostalAddress/cbc:PostalZone"),
    ),
    "lots-without-bt-31": Mutant(
        "open", frozenset({"BR-BT-00031-0073"}), _remove("cac:TenderingTerms/cac:LotDistribution")
    ),
    "norwegian-in-the-plain-profile": Mutant(
        "open", frozenset({"BR-BT-00702-0102"}), _set("cbc:NoticeLanguageCode", "NOR")
    ),
    "restricted-without-bt-1311": Mutant(
        "restricted",
        frozenset({"BR-BT-01311-0022"}),
        _remove(f"{_LOT}/cac:TenderingProcess/cac:ParticipationRequestReceptionPeriod"),
    ),
    "restricted-without-bt-50": Mutant(
        "restricted",
        frozenset({"BR-BT-00050-0022"}),
        _remove(f"{_LOT}/cac:TenderingProcess/cac:EconomicOperatorShortList"),
    ),
    "restricted-without-bt-661": Mutant(
        "restricted",
        frozenset({"BR-BT-00661-0022"}),
        _remove(
            f"{_LOT}/cac:TenderingProcess/cac:EconomicOperatorShortList/cbc:LimitationDescription"
        ),
    ),
    "restricted-with-bt-131": Mutant(
        "restricted",
        frozenset({"BR-BT-00131-0105"}),
        _add(
            f"{_LOT}/cac:TenderingProcess",
            "cac:TenderSubmissionDeadlinePeriod",
            "2026-04-14+02:00",
            "cbc:EndDate",
        ),
    ),
    "restricted-with-bt-98": Mutant(
        "restricted",
        frozenset({"BR-BT-00098-0052", "BR-OPT-00098-0052"}),
        _add(f"{_LOT}/cac:TenderingTerms", "cac:TenderValidityPeriod", "90", "cbc:DurationMeasure"),
    ),
    "negotiation-without-bt-52": Mutant(
        "negotiation",
        frozenset({"BR-BT-00052-0022"}),
        _remove(f"{_LOT}/cac:TenderingProcess/cbc:CandidateReductionConstraintIndicator"),
    ),
    "negotiation-without-bt-120": Mutant(
        "negotiation",
        frozenset({"BR-BT-00120-0022"}),
        _remove(f"{_LOT}/cac:TenderingTerms/cac:AwardingTerms/cbc:NoFurtherNegotiationIndicator"),
    ),
    "place-with-only-a-country": Mutant(
        "open",
        frozenset({"BR-BT-00728-0170", "BR-BT-00728-0210", "BR-BT-05071-0022", "BR-BT-05071-0124"}),
        _remove("//cac:RealizedLocation/cac:Address/cbc:CountrySubentityCode"),
    ),
    "national-place-with-only-a-country": Mutant(
        "national",
        frozenset({"BR-BT-00728-0195", "BR-BT-00728-0235", "BR-BT-05071-0230", "BR-BT-05071-0235"}),
        _remove("//cac:RealizedLocation/cac:Address/cbc:CountrySubentityCode"),
    ),
    "national-without-bt-777": Mutant(
        "national",
        frozenset({"BR-BT-00777-0026"}),
        _remove(f"{_LOT}/cac:ProcurementProject/cac:ProcurementAdditionalType/cbc:ProcurementType"),
    ),
}


@pytest.fixture(scope="module")
def bases() -> dict[str, bytes]:
    return _bases()


def _verdicts(data: bytes) -> tuple[set[str], set[str]]:
    native = {p.rule for p in eforms.check(data)} & GAP_IDS
    official = {f.id for f in oracle.run(data)} & GAP_IDS
    if oracle.subtype_of(data) == "E3":  # Doffin's national profile (tests/official/doffin.py)
        official -= set(DOFFIN_E3)
    return native, official


def test_every_gap_rule_is_broken_by_some_mutant():
    assert set().union(*(m.breaks for m in MUTANTS.values())) == set(GAP_IDS)


@pytest.mark.parametrize("base", ["open", "restricted", "negotiation", "national"])
def test_valid_notices_break_none_of_the_rules(bases, base):
    assert _verdicts(bases[base]) == (set(), set())


@pytest.mark.parametrize("name", sorted(MUTANTS))
def test_native_and_official_agree_on_the_mutant(bases, name):
    mutant = MUTANTS[name]
    root = copy.deepcopy(xml.parse(bases[mutant.base]).getroot())
    mutant.mutate(root)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    native, official = _verdicts(data)
    assert official == set(mutant.breaks)
    assert native == official


# Prior information and contract award notices (PIN_CAN_RULES): the same, on the library's
# notices of subtypes 4, E2, 29 and E4, each field the platform fills removed in turn.
PIN_CAN_IDS = frozenset(rule.id for rule in PIN_CAN_RULES)
_ORG = "//efac:Company"
_SETTLED = "//efac:NoticeResult/efac:SettledContract"


def _pin_can_bases() -> dict[str, bytes]:
    from tests.lib.eforms.test_lifecycle import won

    bases = {}
    for regime in (Regime.EEA, Regime.NATIONAL):
        procurement = make(regime)
        procurement = dataclasses.replace(
            procurement, estimated_value=sum(lot.estimated_value for lot in procurement.lots)
        )
        result = eforms.AwardResult(decided=ISSUED - timedelta(days=20), lots=(won(), won()))
        bases[f"award-{regime.value}"] = eforms.contract_award_notice(
            procurement, result, issued=ISSUED
        )
        bases[f"prior-{regime.value}"] = eforms.prior_information_notice(
            procurement, issued=ISSUED, planned=ISSUED + timedelta(days=30)
        )
    return bases


def _ids(*names: str) -> frozenset[str]:
    return frozenset(names)


_PLACE_IDS = {
    "award-eea": _ids(
        "BR-BT-00728-0183", "BR-BT-00728-0223", "BR-BT-05071-0036", "BR-BT-05071-0138"
    ),
    "prior-eea": _ids(
        "BR-BT-00728-0158", "BR-BT-00728-0198", "BR-BT-05071-0007", "BR-BT-05071-0058"
    ),
    "award-national": _ids(
        "BR-BT-00728-0196", "BR-BT-00728-0236", "BR-BT-05071-0231", "BR-BT-05071-0236"
    ),
    "prior-national": _ids(
        "BR-BT-00728-0194", "BR-BT-00728-0234", "BR-BT-05071-0229", "BR-BT-05071-0233"
    ),
}
_SUFFIX = {
    "award-eea": "0036",
    "prior-eea": "0007",
    "award-national": "0040",
    "prior-national": "0010",
}
_LOT_TITLE = {
    "award-eea": "0192",
    "prior-eea": "0059",
    "award-national": "0196",
    "prior-national": "0062",
}
PIN_CAN_MUTANTS: dict[str, Mutant] = {}
for _base, _suffix in _SUFFIX.items():
    PIN_CAN_MUTANTS |= {
        f"{_base}/place-with-only-a-country": Mutant(
            _base,
            _PLACE_IDS[_base],
            _remove("//cac:RealizedLocation/cac:Address/cbc:CountrySubentityCode"),
        ),
        f"{_base}/no-title": Mutant(
            _base, _ids(f"BR-BT-00021-{_suffix}"), _remove("cac:ProcurementProject/cbc:Name")
        ),
        f"{_base}/no-description": Mutant(
            _base,
            _ids(f"BR-BT-00024-{_suffix}"),
            _remove("cac:ProcurementProject/cbc:Description"),
        ),
        f"{_base}/no-cpv": Mutant(
            _base,
            _ids(f"BR-BT-00262-{_suffix}"),
            _remove("cac:ProcurementProject/cac:MainCommodityClassification"),
        ),
        f"{_base}/no-lot-title": Mutant(
            _base,
            _ids(f"BR-BT-00021-{_LOT_TITLE[_base]}"),
            _remove(f"{_LOT}/cac:ProcurementProject/cbc:Name"),
        ),
    }
for _base in ("award-eea", "prior-eea"):
    _suffix = _SUFFIX[_base]
    PIN_CAN_MUTANTS |= {
        f"{_base}/{name}": Mutant(_base, _ids(f"BR-BT-{term}-{_suffix}"), _remove(path))
        for name, term, path in (
            ("buyer-without-telephone", "00503", f"{_BUYER}/cac:Contact/cbc:Telephone"),
            ("buyer-without-email", "00506", f"{_BUYER}/cac:Contact/cbc:ElectronicMail"),
            ("no-nuts", "00507", f"{_ORG}/cac:PostalAddress/cbc:CountrySubentityCode"),
            ("no-postal-code", "00512", f"{_ORG}/cac:PostalAddress/cbc:PostalZone"),
            ("no-organisation-number", "00501", f"{_ORG}/cac:PartyLegalEntity/cbc:CompanyID"),
        )
    }
    # Without its town an address also breaks BR-BT-00510 (its street), which the native
    # check leaves to BT-513.
    PIN_CAN_MUTANTS[f"{_base}/no-town"] = Mutant(
        _base,
        _ids(f"BR-BT-00513-{_suffix}"),
        _remove(f"{_ORG}/cac:PostalAddress/cbc:CityName"),
    )
PIN_CAN_MUTANTS |= {
    "prior-eea/no-planned-date": Mutant(
        "prior-eea", _ids("BR-BT-00127-0007"), _remove("cbc:PlannedDate")
    ),
    "prior-eea/planned-before-dispatch": Mutant(
        "prior-eea", _ids("BR-BT-00127-0100"), _set("cbc:PlannedDate", "2026-01-05+01:00")
    ),
    "prior-national/planned-before-dispatch": Mutant(
        "prior-national", _ids("BR-BT-00127-0100"), _set("cbc:PlannedDate", "2026-01-05+01:00")
    ),
    "award-eea/winner-without-size": Mutant(
        "award-eea", _ids("BR-BT-00165-0036"), _remove(f"{_ORG}/efbc:CompanySizeCode")
    ),
    "award-eea/criterion-without-description": Mutant(
        "award-eea",
        _ids("BR-BT-00540-0088", "BR-BT-00734-0088", "BR-BT-00541-0285"),
        _remove(f"{_CRITERION}/cbc:Description"),
    ),
    "award-national/criterion-without-description": Mutant(
        "award-national",
        _ids("BR-BT-00540-0092", "BR-BT-00734-0092", "BR-BT-00541-0289"),
        _remove(f"{_CRITERION}/cbc:Description"),
    ),
    "award-eea/no-contract-date": Mutant(
        "award-eea", _ids("BR-BT-00145-0036"), _remove(f"{_SETTLED}/cbc:IssueDate")
    ),
    "award-eea/contract-after-dispatch": Mutant(
        "award-eea", _ids("BR-BT-00145-0100"), _set(f"{_SETTLED}/cbc:IssueDate", "2027-01-01+01:00")
    ),
    "award-national/contract-after-dispatch": Mutant(
        "award-national",
        _ids("BR-BT-00145-0100"),
        _set(f"{_SETTLED}/cbc:IssueDate", "2027-01-01+01:00"),
    ),
    "award-eea/no-tender-value": Mutant(
        "award-eea",
        _ids("BR-BT-00720-0036"),
        _remove("//efac:NoticeResult/efac:LotTender/cac:LegalMonetaryTotal"),
    ),
}
for _base in ("award-eea", "award-national"):
    _suffix = _SUFFIX[_base]
    PIN_CAN_MUTANTS |= {
        f"{_base}/no-tender-reference": Mutant(
            _base,
            _ids(f"BR-BT-03201-{_suffix}"),
            _remove("//efac:NoticeResult/efac:LotTender/efac:TenderReference"),
        ),
        f"{_base}/no-contract-reference": Mutant(
            _base, _ids(f"BR-BT-00150-{_suffix}"), _remove(f"{_SETTLED}/efac:ContractReference")
        ),
    }


@pytest.fixture(scope="module")
def pin_can_bases() -> dict[str, bytes]:
    return _pin_can_bases()


def _pin_can_verdicts(data: bytes) -> tuple[set[str], set[str]]:
    return (
        {p.rule for p in eforms.check(data)} & PIN_CAN_IDS,
        {f.id for f in oracle.run(data)} & PIN_CAN_IDS,
    )


def test_every_prior_and_award_rule_is_broken_by_some_mutant():
    assert set().union(*(m.breaks for m in PIN_CAN_MUTANTS.values())) == set(PIN_CAN_IDS)


@pytest.mark.parametrize("base", sorted(_SUFFIX))
def test_valid_prior_and_award_notices_break_none_of_the_rules(pin_can_bases, base):
    assert _pin_can_verdicts(pin_can_bases[base]) == (set(), set())


@pytest.mark.parametrize("name", sorted(PIN_CAN_MUTANTS))
def test_native_and_official_agree_on_prior_and_award_mutants(pin_can_bases, name):
    mutant = PIN_CAN_MUTANTS[name]
    root = copy.deepcopy(xml.parse(pin_can_bases[mutant.base]).getroot())
    mutant.mutate(root)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    native, official = _pin_can_verdicts(data)
    assert official == set(mutant.breaks)
    assert native == official
