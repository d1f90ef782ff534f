"""Prior information and contract award notices; notices in two languages (heldigital.eforms).

The official SDK rules run on these notices as the platform makes them in
tests/official/test_notices_official.py; here: XSD validity, the identifiers
that link the results section, and what the builders refuse.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from heldigital import eforms, xml
from heldigital.eforms import (
    Address,
    AwardResult,
    Contact,
    Language,
    LotResult,
    NoticeError,
    Organisation,
    Regime,
)
from tests.lib.eforms.test_notices import ISSUED, make

SDK = Path(__file__).resolve().parents[3].parent / "shared/corpus/eforms-sdk/1.16.0-SNAPSHOT"
NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
WINNER = Organisation(
    name="Brøyt AS",
    orgnr="974760673",
    address=Address(street="Storgata 1", city="Oslo", postal_zone="0155", nuts="NO081"),
    contact=Contact(email="post@broyt.invalid"),
)


def schema(name: str):
    return xml.load_schema(SDK / f"schemas/maindoc/UBL-{name}-2.3.xsd")


def won(reference: str = "K-1", **changes) -> LotResult:
    fields = dict(
        tenders_received=3,
        tenders_sme=2,
        winner=WINNER,
        winner_size="small",
        value=Decimal("1200000.50"),
        tender_reference="T-1",
        contract_reference=reference,
        contract_concluded=ISSUED - timedelta(days=2),
    )
    fields.update(changes)
    return LotResult(**fields)


@pytest.mark.parametrize("regime", [Regime.EEA, Regime.NATIONAL])
def test_award_notice_links_one_contract_over_two_lots(regime):
    procurement = make(regime)
    assert len(procurement.lots) == 2
    result = AwardResult(decided=ISSUED - timedelta(days=20), lots=(won(), won()))
    data = eforms.contract_award_notice(procurement, result, issued=ISSUED)
    tree = xml.parse(data)
    schema("ContractAwardNotice").assertValid(tree)
    root = tree.getroot()
    results = root.find(".//efac:NoticeResult", NS)
    assert results.findtext("cbc:TotalAmount", namespaces=NS) == "2400001"
    assert [e.text for e in results.findall("efac:LotTender/cbc:ID", NS)] == [
        "TEN-0001",
        "TEN-0002",
    ]
    # One contract (the same reference) covering both lots' tenders, one winning party.
    (contract,) = results.findall("efac:SettledContract", NS)
    assert [e.text for e in contract.findall("efac:LotTender/cbc:ID", NS)] == [
        "TEN-0001",
        "TEN-0002",
    ]
    assert len(results.findall("efac:TenderingParty", NS)) == 1
    expected = "29" if regime is Regime.EEA else "E4"
    assert root.findtext(".//efac:NoticeSubType/cbc:SubTypeCode", namespaces=NS) == expected
    statistics = {
        e.findtext("efbc:StatisticsCode", namespaces=NS): e.findtext(
            "efbc:StatisticsNumeric", namespaces=NS
        )
        for e in results.find("efac:LotResult", NS).findall(
            "efac:ReceivedSubmissionsStatistics", NS
        )
    }
    assert statistics == {
        "tenders": "3",
        "t-sme": "2",
        "t-large": "1",
        "t-oth-eea": "0",
        "t-no-eea": "0",
        "t-esubm": "3",
    }


def test_a_lot_without_winner_is_closed_with_a_reason():
    procurement = make(Regime.EEA)
    result = AwardResult(decided=ISSUED, lots=(won(), LotResult(tenders_received=0)))
    root = xml.parse(eforms.contract_award_notice(procurement, result, issued=ISSUED)).getroot()
    second = root.findall(".//efac:LotResult", NS)[1]
    assert second.findtext("cbc:TenderResultCode", namespaces=NS) == "clos-nw"
    assert second.findtext(".//efbc:DecisionReasonCode", namespaces=NS) == "no-rece"


def test_award_notice_refusals():
    procurement = make(Regime.EEA)
    with pytest.raises(NoticeError, match="each of the 2 lots"):
        eforms.contract_award_notice(
            procurement, AwardResult(decided=ISSUED, lots=(won(),)), issued=ISSUED
        )
    with pytest.raises(NoticeError, match="BT-145"):
        won(contract_concluded=None)
    with pytest.raises(NoticeError, match="BT-759"):
        won(tenders_sme=4)
    with pytest.raises(NoticeError, match="BT-165"):
        won(winner_size="huge")
    unsized = AwardResult(decided=ISSUED, lots=(won(winner_size=""), won(winner_size="")))
    with pytest.raises(NoticeError, match="BT-165"):
        eforms.contract_award_notice(procurement, unsized, issued=ISSUED)
    undescribed = dataclasses.replace(
        procurement,
        award_criteria=tuple(
            dataclasses.replace(c, description="") for c in procurement.award_criteria
        ),
    )
    with pytest.raises(NoticeError, match="BT-540"):
        eforms.contract_award_notice(
            undescribed, AwardResult(decided=ISSUED, lots=(won(), won())), issued=ISSUED
        )


@pytest.mark.parametrize("regime", [Regime.EEA, Regime.NATIONAL])
def test_prior_information_notice(regime):
    procurement = dataclasses.replace(make(regime), time_limits=None)
    # Doffin: the parts' values add up to the procedure's (eforms-sdk-nor INVALID-national-e2-*).
    values = [lot.estimated_value for lot in procurement.lots]
    if regime is Regime.NATIONAL:
        deviant = dataclasses.replace(procurement, estimated_value=sum(values) + 1)
        with pytest.raises(NoticeError, match="HD-NOR-part-value-sum"):
            eforms.prior_information_notice(deviant, issued=ISSUED)
    procurement = dataclasses.replace(procurement, estimated_value=sum(values))
    data = eforms.prior_information_notice(
        procurement, issued=ISSUED, planned=ISSUED + timedelta(days=30)
    )
    tree = xml.parse(data)
    schema("PriorInformationNotice").assertValid(tree)
    root = tree.getroot()
    assert root.find("cbc:ContractFolderID", NS) is None  # BR-BT-00004-0007
    assert root.findtext("cbc:PlannedDate", namespaces=NS) == "2026-04-01+02:00"
    assert [e.text for e in root.findall("cac:ProcurementProjectLot/cbc:ID", NS)] == [
        "PAR-0001",
        "PAR-0002",
    ]
    with pytest.raises(NoticeError, match="BT-127"):
        eforms.prior_information_notice(procurement, issued=ISSUED, planned=ISSUED)
    with pytest.raises(NoticeError, match="time limits"):
        eforms.contract_notice(procurement, issued=ISSUED)


def _texts(procurement) -> dict[str, str]:
    """Every text of ``make()`` and the English of it (here: marked, to be recognised)."""
    texts = [procurement.title, procurement.description]
    for lot in procurement.lots:
        texts += [lot.title, lot.description]
    for criterion in procurement.award_criteria:
        texts += [criterion.name, criterion.description]
    for criterion in procurement.selection_criteria:
        texts += [criterion.name, criterion.description]
    return {text: f"EN {text}" for text in texts if text}


def test_a_notice_in_two_languages_writes_every_text_in_both():
    base = make(Regime.NATIONAL)
    both = dataclasses.replace(base, additional_language=Language.ENG, translations=_texts(base))
    data = eforms.contract_notice(both, issued=ISSUED)
    schema("ContractNotice").assertValid(xml.parse(data))
    root = xml.parse(data).getroot()
    assert root.findtext("cac:AdditionalNoticeLanguage/cbc:ID", namespaces=NS) == "ENG"
    by_language: dict[str, int] = {}
    for element in root.iter():
        language = element.get("languageID")
        if language:
            by_language[language] = by_language.get(language, 0) + 1
            scope = element.getparent()
            if scope.tag.endswith("}PartyName"):  # one PartyName per language
                scope = scope.getparent()
            other = "ENG" if language == "NOR" else "NOR"
            sibling = scope.find(f".//{element.tag}[@languageID='{other}']")
            assert sibling is not None, element.tag
    assert by_language["NOR"] == by_language["ENG"] > 10
    assert f"EN {base.title}".encode() in data
    # Only Doffin's own profiles take Norwegian; above the EEA threshold Norwegian as
    # an additional language means Doffin's EU profile (eforms-sdk-nor tests/eu).
    eea = dataclasses.replace(
        make(Regime.EEA),
        language=Language.ENG,
        additional_language=Language.NOR,
        translations=_texts(make(Regime.EEA)),
    )
    customization = xml.parse(eforms.contract_notice(eea, issued=ISSUED)).getroot()
    assert customization.findtext("cbc:CustomizationID", namespaces=NS).endswith(
        "#extended#urn:fdc:anskaffelser.no:2023:eforms:eu"
    )


def test_an_untranslated_text_is_refused_by_name():
    base = make(Regime.NATIONAL)
    texts = _texts(base)
    del texts[base.lots[1].title]
    both = dataclasses.replace(base, additional_language=Language.ENG, translations=texts)
    with pytest.raises(NoticeError) as refused:
        eforms.contract_notice(both, issued=ISSUED)
    assert refused.value.untranslated == base.lots[1].title
    with pytest.raises(NoticeError, match="repeats"):
        dataclasses.replace(base, additional_language=Language.NOR)
    with pytest.raises(NoticeError, match="R004"):
        dataclasses.replace(base, language=Language.ENG)
    english_first = dataclasses.replace(
        base,
        language=Language.ENG,
        additional_language=Language.NOR,
        translations={v: k for k, v in _texts(base).items()},
    )
    assert english_first.notice_languages == (Language.ENG, Language.NOR)
