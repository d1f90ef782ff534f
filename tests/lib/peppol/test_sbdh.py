"""SBDH: the Peppol test corpus (good accepted, bad rejected for the reason its name gives)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from heldigital.peppol import sbdh
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from heldigital.xml import parse
from tests.conftest import corpus

GOOD = sorted(corpus("peppol-sbdh", "good").iterdir())
BAD = sorted(corpus("peppol-sbdh", "bad").iterdir())


def test_corpus_is_there():
    assert len(GOOD) >= 14 and len(BAD) >= 31


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_envelope_accepted(path):
    document = sbdh.read(path.read_bytes(), source=path.name)
    header = document.header
    assert header.sender.scheme == "iso6523-actorid-upis"
    assert header.creation.tzinfo is not None
    assert header.document_type.version
    # What was read writes back to an envelope that reads the same.
    again = sbdh.read(sbdh.write(header, document.business_message))
    assert again.header == header
    c14n = {"method": "c14n", "exclusive": True, "with_tail": False}
    assert etree.tostring(again.business_message, **c14n) == etree.tostring(
        document.business_message, **c14n
    )


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_envelope_rejected_for_the_reason_in_its_name(path):
    expected = path.stem.removeprefix("bad-")
    with pytest.raises(sbdh.SBDHError) as caught:
        sbdh.read(path.read_bytes(), source=path.name)
    assert caught.value.code == expected, str(caught.value)


def test_good_envelope_values():
    document = sbdh.read(corpus("peppol-sbdh", "good", "good-bis3-full.xml").read_bytes())
    h = document.header
    assert h.sender == ParticipantIdentifier.create("0088:7315458756324")
    assert h.receiver == ParticipantIdentifier.create("0088:4562458856624")
    assert h.document_type.local_name == "Invoice"
    assert h.process == ProcessIdentifier.create("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
    assert h.country_c1 == "AT"
    assert h.mls_to == ParticipantIdentifier.create("9915:test")
    assert h.mls_type == "ALWAYS_SEND"
    assert h.creation == datetime(2019, 4, 25, 15, 46, 10, tzinfo=UTC)
    assert h.instance_identifier == "a593a0aa-6ff7-48b0-8906-5534fa5212e0"
    assert etree.QName(document.business_message).localname == "Invoice"


def test_time_zone_is_kept_as_an_instant():
    h = sbdh.read(corpus("peppol-sbdh", "good", "good-with-timezone.xml").read_bytes()).header
    assert h.creation == datetime(2013, 2, 19, 4, 10, 10, tzinfo=UTC)


def test_additional_scopes_are_kept():
    h = sbdh.read(corpus("peppol-sbdh", "good", "good-v11.xml").read_bytes()).header
    assert [s.type for s in h.additional_scopes] == ["AddAttr1", "AddAttr2", "AddAttr3"]
    assert h.additional_scopes[0].instance_identifier == "Value1"
    assert h.process.scheme == "ptype"


def _invoice() -> etree._Element:
    return parse(
        b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">'
        b'<ID xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">1'
        b"</ID></Invoice>"
    ).getroot()


def _header(**changes) -> sbdh.Header:
    header = sbdh.Header.for_message(
        _invoice(),
        sender=ParticipantIdentifier.create("0192:974760673"),
        receiver=ParticipantIdentifier.create("0192:991825827"),
        document_type=DocumentTypeIdentifier.create(
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
            "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
        ),
        process=ProcessIdentifier.create("urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"),
        country_c1="NO",
        now=datetime(2026, 12, 5, 14, 0, 0, 123000, tzinfo=UTC),
        instance_identifier="b2d3a2a6-1f43-4f57-8a1b-0c1b4f7e8d11",
    )
    return sbdh.Header(**{**header.__dict__, **changes})


def test_write_read_round_trip():
    header = _header(
        mls_to=ParticipantIdentifier.create("9915:test"),
        mls_type="FAILURE_ONLY",
        additional_scopes=(sbdh.Scope("any", "x"),),
    )
    data = sbdh.write(header, _invoice())
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert sbdh.read(data).header == header


def test_write_accepts_bytes_and_rejects_naive_time():
    payload = etree.tostring(_invoice())
    assert sbdh.read(sbdh.write(_header(), payload)).header == _header()
    with pytest.raises(ValueError, match="timezone-aware"):
        sbdh.write(_header(creation=datetime(2026, 1, 1)), payload)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"country_c1": "ZZ"}, "invalid-country-c1"),
        ({"country_c1": "no"}, "invalid-country-c1"),
        ({"mls_type": "SOMETIMES"}, "mls-type-invalid-value"),
        ({"type": "CreditNote"}, "invalid-type"),
        ({"standard": "urn:x"}, "invalid-standard"),
        ({"type_version": "2.0"}, "invalid-type-version"),
    ],
)
def test_rules_beyond_the_corpus(changes, code):
    with pytest.raises(sbdh.SBDHError) as caught:
        sbdh.read(sbdh.write(_header(**changes), _invoice()))
    assert caught.value.code == code


def test_peppol_extra_country_codes_accepted():
    for code in ("XI", "1A"):
        assert sbdh.read(sbdh.write(_header(country_c1=code), _invoice())).header.country_c1 == code


def test_two_business_messages_rejected():
    data = sbdh.write(_header(), _invoice()).replace(
        b"</StandardBusinessDocument>", b"<x/></StandardBusinessDocument>"
    )
    with pytest.raises(sbdh.SBDHError) as caught:
        sbdh.read(data)
    assert caught.value.code == "invalid-business-message"


def test_duplicate_scope_rejected():
    data = sbdh.write(_header(additional_scopes=(sbdh.Scope("COUNTRY_C1", "SE"),)), _invoice())
    with pytest.raises(sbdh.SBDHError) as caught:
        sbdh.read(data)
    assert caught.value.code == "duplicate-country-c1"


def test_doctype_and_entities_refused_by_the_hardened_parser():
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(sbdh.SBDHError) as caught:
        sbdh.read(data)
    assert caught.value.code == "no-xml"


@settings(max_examples=40, deadline=None)
@given(
    st.datetimes(
        min_value=datetime(1970, 1, 1),
        max_value=datetime(2200, 1, 1),
        timezones=st.just(UTC),
    ),
    st.text(st.sampled_from("abcdef0123456789-"), min_size=1, max_size=40),
)
def test_property_round_trip_time_and_instance(now, instance):
    header = _header(creation=now, instance_identifier=instance)
    assert sbdh.read(sbdh.write(header, _invoice())).header == header
