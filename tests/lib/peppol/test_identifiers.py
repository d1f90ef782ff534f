"""Peppol identifiers: parsing, canonical form and the case rules of the Policy."""

from __future__ import annotations

import contextlib
import doctest
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from heldigital.peppol import icd, identifiers
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
    ProcessIdentifier,
)
from tests.conftest import corpus

BIS3_INVOICE = (
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2::Invoice"
    "##urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0::2.1"
)


@pytest.mark.parametrize("module", [identifiers, icd])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


# --- participants ---------------------------------------------------------


def test_participant_parts_and_string_forms():
    p = ParticipantIdentifier.parse("iso6523-actorid-upis::0192:974760673")
    assert (p.scheme, p.value, p.icd, p.identifier) == (
        "iso6523-actorid-upis",
        "0192:974760673",
        "0192",
        "974760673",
    )
    assert str(p) == "iso6523-actorid-upis::0192:974760673"
    # The SMP URL form (Peppol SMP 1.x: the identifier percent-encoded in one path segment).
    assert p.uri == "iso6523-actorid-upis%3A%3A0192%3A974760673"
    assert ParticipantIdentifier.from_uri(p.uri) == p


def test_participant_value_is_case_insensitive_and_scheme_is_not():
    """POLICY 2: participant values compare case-insensitively, schemes case-sensitively."""
    upper = ParticipantIdentifier.parse("iso6523-actorid-upis::9930:DE257746542")
    lower = ParticipantIdentifier.parse("iso6523-actorid-upis::9930:de257746542")
    assert upper == lower
    assert str(upper) == "iso6523-actorid-upis::9930:de257746542"
    other_scheme = ParticipantIdentifier.parse("ISO6523-ACTORID-UPIS::9930:de257746542")
    assert other_scheme != lower
    assert other_scheme.scheme == "ISO6523-ACTORID-UPIS"
    assert other_scheme.icd is None


def test_participant_of_another_scheme():
    p = ParticipantIdentifier.create("AbC", "Foo-Bar-Baz")
    assert (p.scheme, p.value, p.icd, p.identifier) == ("Foo-Bar-Baz", "abc", None, "abc")
    with pytest.raises(InvalidIdentifier, match="has no ICD"):
        p.validate_icd()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0192:974760673", "not of the form 'scheme::value'"),
        ("iso6523-actorid-upis::", "value is empty"),
        ("::0192:974760673", "scheme is empty"),
        ("actorid-upis::0192:1", "'xxx-yyy-zzz'"),
        ("iso6523-actorid-upis-and-more-too-long::0192:1", "longer than 25"),
        ("iso6523-actorid-upis::192:974760673", "4-digit ICD"),
        ("iso6523-actorid-upis::0192974760673", "4-digit ICD"),
        ("iso6523-actorid-upis::0192:", "4-digit ICD"),
        ("iso6523-actorid-upis::0192:97476 0673", "only letters, digits"),
        ("iso6523-actorid-upis::0192:974760673\n", "only letters, digits"),
        ("iso6523-actorid-upis::0192:a/b", "only letters, digits"),
        ("iso6523-actorid-upis::0192:" + "1" * 131, "longer than 135"),
        ("iso6523-actorid-upis::0192:\u20ac", "ISO-8859-1"),
    ],
)
def test_participant_rejected(text, reason):
    with pytest.raises(InvalidIdentifier, match=re.escape(reason)):
        ParticipantIdentifier.parse(text)


def test_participant_longest_value_accepted():
    value = "0192:" + "1" * 130
    assert ParticipantIdentifier.create(value).value == value


def test_participant_not_text_rejected():
    with pytest.raises(InvalidIdentifier):
        ParticipantIdentifier.parse(b"iso6523-actorid-upis::0192:1")  # type: ignore[arg-type]


# Real identifiers of public bodies and companies (their registers' own numbers).
@pytest.mark.parametrize(
    ("value", "compact"),
    [
        ("0192:974760673", "974760673"),  # Brønnøysundregistrene
        ("0192:991825827", "991825827"),  # Digitaliseringsdirektoratet
        ("0088:5790000435968", "5790000435968"),  # a GS1 Denmark GLN
        ("0007:5560360793", "5560360793"),  # Saab AB
        ("9925:be0403170701", "0403170701"),  # a Belgian VAT number
        ("0208:0403170701", "0403170701"),  # the same enterprise number
        ("9930:de257746542", "257746542"),
        ("0184:13585628", "13585628"),  # a Danish CVR number
        ("9915:test", "test"),  # the Peppol test scheme has no check
    ],
)
def test_icd_check_accepts_real_numbers(value, compact):
    assert ParticipantIdentifier.create(value).validate_icd() == compact


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("0192:974760674", InvalidChecksum),
        ("0088:5790000435969", InvalidChecksum),
        ("0088:57900004359", InvalidLength),
        ("0007:5560360794", InvalidChecksum),
        ("9925:be0403170702", InvalidChecksum),
    ],
)
def test_icd_check_rejects(value, error):
    with pytest.raises(error):
        ParticipantIdentifier.create(value).validate_icd()


def test_icd_not_in_the_code_list():
    with pytest.raises(InvalidIdentifier, match="not a Peppol participant identifier scheme"):
        ParticipantIdentifier.create("0001:123").validate_icd()


def test_icd_table_is_the_official_eas_list():
    """Every EAS code of PEPPOL BIS Billing 3 is a scheme here, and no other."""
    from heldigital.xml import parse_file

    tree = parse_file(corpus("peppol-bis-invoice-3", "structure", "codelist", "eas.xml"))
    ns = {"c": "urn:fdc:difi.no:2017:vefa:structure:CodeList-1"}
    official = {node.text for node in tree.getroot().iterfind("c:Code/c:Id", ns)}
    assert set(icd.SCHEMES) == official
    assert set(icd.CHECKS) <= official


# --- document types and processes ------------------------------------------


def test_document_type_parts():
    d = DocumentTypeIdentifier.parse("busdox-docid-qns::" + BIS3_INVOICE)
    assert d.root_namespace == "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    assert d.local_name == "Invoice"
    assert d.customization_id == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert d.version == "2.1"
    rebuilt = DocumentTypeIdentifier.from_parts(
        d.root_namespace, d.local_name, d.customization_id, d.version
    )
    assert rebuilt == d
    assert DocumentTypeIdentifier.from_uri(d.uri) == d


def test_document_type_without_local_name():
    # A non-XML payload (Peppol hybrid invoice): no "::LocalName" before "##".
    d = DocumentTypeIdentifier.create(
        "urn:peppol:doctype:pdf+xml##urn:cen.eu:en16931:2017#conformant"
        "#urn:peppol:france:billing:Factur-X:1.0::D22B"
    )
    assert (d.root_namespace, d.local_name, d.version) == (
        "urn:peppol:doctype:pdf+xml",
        None,
        "D22B",
    )


def test_document_type_is_case_sensitive():
    a = DocumentTypeIdentifier.create(BIS3_INVOICE)
    b = DocumentTypeIdentifier.create(BIS3_INVOICE.replace("Invoice##", "INVOICE##"))
    assert a != b
    assert b.local_name == "INVOICE"


@pytest.mark.parametrize(
    ("value", "scheme", "reason"),
    [
        ("", "busdox-docid-qns", "empty"),
        ("urn:x::Invoice", "busdox-docid-qns", "is not '<root namespace>"),
        ("urn:x::Invoice##urn:cust", "busdox-docid-qns", "is not '<root namespace>"),
        ("urn:x::Invoice##urn:cust*::2.1", "busdox-docid-qns", "POLICY 17"),
        ("urn:x::Invoice##urn:cu st::2.1", "peppol-doctype-wildcard", "white space"),
        ("x" * 501, "other-scheme", "longer than 500"),
    ],
)
def test_document_type_rejected(value, scheme, reason):
    with pytest.raises(InvalidIdentifier, match=re.escape(reason)):
        DocumentTypeIdentifier.create(value, scheme)


def test_wildcard_scheme_allows_star_and_other_schemes_are_free():
    wildcard = DocumentTypeIdentifier.create(
        "urn:peppol:pint:billing-1@jp-1*::Invoice##x::1.0", "peppol-doctype-wildcard"
    )
    assert wildcard.customization_id == "x"
    assert DocumentTypeIdentifier.create("anything", "bdx-docid-qns").value == "anything"


def test_process():
    p = ProcessIdentifier.parse("cenbii-procid-ubl::urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")
    assert p.scheme == "cenbii-procid-ubl"
    assert ProcessIdentifier.from_uri(p.uri) == p
    assert ProcessIdentifier.create("URN:A") != ProcessIdentifier.create("urn:a")
    with pytest.raises(InvalidIdentifier, match="POLICY 25"):
        ProcessIdentifier.create("urn:a b")
    with pytest.raises(InvalidIdentifier, match="longer than 200"):
        ProcessIdentifier.create("u" * 201)
    with pytest.raises(InvalidIdentifier, match="empty"):
        ProcessIdentifier.create("")


# --- properties --------------------------------------------------------------

_id_chars = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
participant_values = st.builds(
    lambda icd_code, rest: f"{icd_code}:{rest}",
    st.from_regex(r"[0-9]{4}", fullmatch=True),
    st.text(_id_chars, min_size=1, max_size=130),
)
_token = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789.-_:#@"), min_size=1, max_size=40
)
document_types = st.builds(
    lambda ns, local, cust, version: DocumentTypeIdentifier.from_parts(
        f"urn:{ns}", local, f"urn:{cust}", version
    ),
    _token,
    st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,20}", fullmatch=True),
    _token,
    st.from_regex(r"[0-9]\.[0-9]", fullmatch=True),
)


@given(participant_values)
def test_property_participant_round_trip(value):
    p = ParticipantIdentifier.create(value)
    assert ParticipantIdentifier.parse(str(p)) == p
    assert ParticipantIdentifier.from_uri(p.uri) == p
    assert str(ParticipantIdentifier.parse(str(p))) == str(p)  # canonical is a fixed point


@given(participant_values, st.randoms(use_true_random=False))
def test_property_participant_case_rule(value, rnd):
    """Any mix of case in the value names the same participant; in the scheme it does not
    (POLICY 2)."""
    mixed = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in value)
    assert ParticipantIdentifier.create(mixed) == ParticipantIdentifier.create(value)
    assert ParticipantIdentifier.create(mixed).value == value.lower()
    scheme = "iso6523-actorid-upis"
    while scheme == "iso6523-actorid-upis":
        scheme = "".join(c.upper() if rnd.random() < 0.5 else c for c in scheme)
    assert ParticipantIdentifier.create(value, scheme) != ParticipantIdentifier.create(value)


@given(document_types)
def test_property_document_type_round_trip(d):
    assert DocumentTypeIdentifier.parse(str(d)) == d
    assert DocumentTypeIdentifier.from_uri(d.uri) == d
    assert (
        DocumentTypeIdentifier.from_parts(
            d.root_namespace, d.local_name, d.customization_id, d.version
        )
        == d
    )


@given(document_types)
def test_property_document_type_case_sensitive(d):
    swapped = d.value.swapcase()
    if swapped != d.value:
        assert DocumentTypeIdentifier.create(swapped) != d


@given(
    st.text(
        st.characters(min_codepoint=33, max_codepoint=255, exclude_characters="\x85\xa0"),
        min_size=1,
        max_size=200,
    )
)
def test_property_process_round_trip(value):
    p = ProcessIdentifier.create(value)
    assert ProcessIdentifier.parse(str(p)) == p
    assert ProcessIdentifier.from_uri(p.uri) == p


@given(st.text(max_size=60))
def test_property_parse_never_crashes(text):
    """Arbitrary input is either an identifier or an InvalidIdentifier, nothing else."""
    for kind in (ParticipantIdentifier, DocumentTypeIdentifier, ProcessIdentifier):
        with contextlib.suppress(InvalidIdentifier):
            kind.parse(text)


@given(participant_values)
def test_property_icd_check_raises_only_stdnum_errors(value):
    p = ParticipantIdentifier.create(value)
    with contextlib.suppress(ValidationError, InvalidIdentifier):
        p.validate_icd()
