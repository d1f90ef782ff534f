"""Publishing refuses what the official eForms rules refuse (issue 9, Deliver 2).

Each finding of the official SDK rules on platform notices has a cause in the
procurement's data; publication refuses it on the form field to fix, in
Norwegian, and nothing is published. The notices that pass are checked against
the official rules by tests/official/test_notices_official.py.
"""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from heldigital import eforms
from heldigital.apps.tendering import services
from heldigital.apps.tendering.models import Notice
from tests.lib.eforms.test_notices import ISSUED, make
from tests.platform.conftest import acting
from tests.platform.tendering.conftest import EEA_NOTICE, complete_contents, draft_data


def _eea(buyer, municipality, now, **overrides):
    data = draft_data(
        now,
        estimated_value=Decimal("4000000"),
        procedure="open",
        award_method="best_price_quality",
        price_formula="linear",
        contract_duration_months=24,
        review_body_name="Oslo tingrett",
        review_body_orgnr="926725939",
        review_body_town="Oslo",
        tender_deadline=now + timedelta(days=35),
        tender_validity_until=now + timedelta(days=125),
        **EEA_NOTICE,
    )
    data.update(overrides)
    procurement = services.create_draft(principal=acting(buyer, municipality), data=data, now=now)
    common = {"principal": acting(buyer, municipality), "now": now}
    services.add_award_criterion(
        procurement, name="Price", kind="price", weight="70", description="Total price", **common
    )
    services.add_award_criterion(
        procurement, name="Service", kind="quality", weight="30", description="", **common
    )
    return complete_contents(procurement, **common)


def _refusal(procurement, buyer, municipality, now) -> dict[str, list[str]]:
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services.publish(procurement, principal=acting(buyer, municipality), now=now)
    assert not Notice.objects.filter(procurement=procurement).exists()
    procurement.refresh_from_db()
    assert procurement.status == "draft"
    return info.value.message_dict


def test_every_missing_piece_is_refused_on_its_field_in_norwegian(buyer, municipality, now):
    procurement = _eea(
        buyer,
        municipality,
        now,
        notice_language="nb",
        contact_telephone="",
        buyer_nuts="",
        review_body_postal_code="",
        review_body_nuts="",
        place_of_performance="",
    )
    errors = _refusal(procurement, buyer, municipality, now)
    assert errors == {
        "place_of_performance": [
            "Kunngjøringen oppgir hvor kontrakten skal utføres: fyll inn NUTS-regionen."
        ],
        "notice_language": [
            "Over EØS-terskelen går kunngjøringen til TED, som ikke tar norsk: skriv tittel, "
            "beskrivelse, delkontrakter og kriterier på engelsk og velg engelsk."
        ],
        "contact_telephone": ["TED krever oppdragsgivers telefonnummer."],
        "buyer_nuts": ["TED krever oppdragsgivers region (NUTS-kode)."],
        "review_body_postal_code": ["TED krever klageorganets postnummer."],
        "review_body_nuts": ["TED krever klageorganets region (NUTS-kode)."],
        "award_criteria": ["Beskriv tildelingskriteriet Service: TED krever en beskrivelse."],
    }


def test_wrong_codes_and_numbers_are_refused(buyer, municipality, now):
    procurement = _eea(
        buyer,
        municipality,
        now,
        contact_telephone="22 00 00 00 (sentralbord)",
        buyer_nuts="NO999",
        procedure="restricted",
        request_deadline=now + timedelta(days=31),
        tender_deadline=now + timedelta(days=60),
        tender_validity_until=now + timedelta(days=150),
        minimum_candidates=3,
    )
    errors = _refusal(procurement, buyer, municipality, now)
    assert errors["contact_telephone"] == [
        "Skriv telefonnummeret med bare sifre, f.eks. +47 22 00 00 00."
    ]
    assert errors["buyer_nuts"] == ["NO999 er ikke en norsk NUTS 3-region (f.eks. NO081 for Oslo)."]
    assert errors["minimum_candidates"] == ["I denne prosedyren inviteres minst 5 kandidater."]


def test_a_national_notice_is_written_in_norwegian(draft, buyer, municipality, now):
    services.update_draft(
        draft, principal=acting(buyer, municipality), data={"notice_language": "en"}, now=now
    )
    errors = _refusal(draft, buyer, municipality, now)
    assert errors == {"notice_language": ["Doffin kunngjør nasjonale konkurranser på norsk."]}


def test_a_notice_the_native_check_refuses_is_refused_on_the_form_field():
    """The backstop: a broken official rule found when building maps to the field."""
    buyer = make().buyer
    silent = eforms.Buyer(
        name=buyer.name,
        orgnr=buyer.orgnr,
        address=buyer.address,
        contact=eforms.Contact(email="post@oslo.kommune.no"),
    )
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services._build(lambda: eforms.contract_notice(make(buyer=silent), issued=ISSUED))
    assert info.value.message_dict == {
        "contact_telephone": [
            "De offisielle eForms-reglene avviser kunngjøringen: oppdragsgiverens "
            "telefonnummer mangler (regel BR-BT-00503-0022)."
        ]
    }


def test_a_procurement_published_before_the_rules_can_still_be_cancelled(buyer, municipality, now):
    """A row from before the rules (no telephone, no review body postal code): the
    cancellation stands, no invalid notice is issued and the protocol says why."""
    from heldigital.apps.protocol.models import ProtocolEvent
    from heldigital.apps.tendering.models import Procurement

    procurement = _eea(buyer, municipality, now)
    procurement.award_criteria.filter(name="Service").update(description="Response time")
    services.publish(procurement, principal=acting(buyer, municipality), now=now)
    Procurement.objects.filter(pk=procurement.pk).update(
        contact_telephone="", review_body_postal_code=""
    )
    services.cancel(
        procurement,
        principal=acting(buyer, municipality),
        reason="Behovet er falt bort.",
        now=now + timedelta(hours=1),
    )
    procurement.refresh_from_db()
    assert procurement.status == "cancelled"
    cancellation = Notice.objects.get(procurement=procurement, kind="cancellation")
    assert cancellation.xml is None and cancellation.subtype == "16"
    event = ProtocolEvent.objects.get(
        procurement_id=procurement.reference, type="procurement.cancelled"
    )
    refused = " ".join(json.loads(event.payload)["notice_refused"])
    assert "BR-BT-00503-0022" in refused and "BR-BT-00512-0022" in refused


def test_a_correction_supplies_what_an_older_procurement_lacks(buyer, municipality, now):
    from heldigital.apps.tendering.models import Procurement

    procurement = _eea(buyer, municipality, now)
    procurement.award_criteria.filter(name="Service").update(description="Response time")
    principal = acting(buyer, municipality)
    services.publish(procurement, principal=principal, now=now)
    Procurement.objects.filter(pk=procurement.pk).update(
        contact_telephone="", review_body_postal_code=""
    )
    later = now + timedelta(hours=1)
    extended = {"tender_deadline": now + timedelta(days=40)}
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services.correct(
            procurement, principal=principal, summary="Longer", changes=extended, now=later
        )
    assert set(info.value.message_dict) == {"contact_telephone", "review_body_postal_code"}
    services.correct(
        procurement,
        principal=principal,
        summary="Longer; the buyer's telephone and the review body's postal code",
        changes={
            **extended,
            "contact_telephone": "+47 22 00 00 00",
            "review_body_postal_code": "0158",
        },
        now=later,
    )
    change = Notice.objects.get(procurement=procurement, kind="change")
    assert eforms.check(bytes(change.xml)) == []
    assert b"<cbc:Telephone>+47 22 00 00 00</cbc:Telephone>" in bytes(change.xml)


def test_health_and_social_services_are_not_a_part_ii_competition(buyer, municipality, now):
    """Doffin's EFORMS-NOR-NATIONAL-TH-R008I (Annex XIV services cite part I only)."""
    procurement = services.create_draft(
        principal=acting(buyer, municipality),
        data=draft_data(now, cpv_codes=["85310000-5"], estimated_value=Decimal("1800000")),
        now=now,
    )
    complete_contents(procurement, principal=acting(buyer, municipality), now=now)
    errors = _refusal(procurement, buyer, municipality, now)
    assert errors == {
        "cpv_codes": [
            "85310000-5 er en helse- eller sosialtjeneste: under EØS-terskelen følger den bare "
            "del I av anskaffelsesforskriften, ikke den nasjonale konkurransen i del II."
        ]
    }


def test_every_finding_of_an_award_notice_is_in_norwegian_on_its_field():
    """The backstop for award notices: each broken rule of the native check (tests/official/
    test_check_agreement.py proves its agreement with the SDK) in the buyer's words."""
    import dataclasses

    from tests.lib.eforms.test_lifecycle import won

    procurement = make()
    procurement = dataclasses.replace(
        procurement, estimated_value=sum(lot.estimated_value for lot in procurement.lots)
    )
    result = eforms.AwardResult(
        decided=ISSUED - timedelta(days=20),
        lots=(won(), won("K-2", contract_concluded=ISSUED + timedelta(days=3))),
    )
    with translation.override("nb"), pytest.raises(ValidationError) as info:
        services._build(lambda: eforms.contract_award_notice(procurement, result, issued=ISSUED))
    assert info.value.message_dict == {
        "__all__": [
            "De offisielle eForms-reglene avviser kunngjøringen: datoen kontrakten ble inngått "
            "mangler eller er senere enn kunngjøringen (regel BR-BT-00145-0100)."
        ]
    }
