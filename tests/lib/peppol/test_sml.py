"""SML: the DNS names of both schemes (published vectors) and lookups against a real DNS server."""

from __future__ import annotations

import doctest
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heldigital.peppol import sml
from heldigital.peppol.identifiers import ParticipantIdentifier
from tests.lib.peppol.dnsserver import AuthoritativeServer

TEST = sml.ZONE_TEST


def pid(value: str) -> ParticipantIdentifier:
    return ParticipantIdentifier.create(value)


def test_doctests():
    result = doctest.testmod(sml)
    assert result.attempted > 0 and result.failed == 0


# Published vectors: the Peppol SML specification (0010:5798000000001), the
# Policy for use of Identifiers POLICY 7 (0088:123abc), the SMK example of the
# Peppol practical documentation (9915:test) and a production lookup of a
# German VAT participant (9930:de257746542).
@pytest.mark.parametrize(
    ("value", "cname", "naptr"),
    [
        (
            "0010:5798000000001",
            "B-e49b223851f6e97cbfce4f72c3402aac",
            "xukhfqabqziki3ykvr2fhr4snfa3pf5vpq6k4tonv3lmvsy5arvq",
        ),
        (
            "0088:123abc",
            "B-f5e78500450d37de5aabe6648ac3bb70",
            "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq",
        ),
        (
            "0088:123ABC",
            "B-f5e78500450d37de5aabe6648ac3bb70",
            "y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq",
        ),
        (
            "9915:test",
            "B-85008b8279e07ab0392da75fa55856a2",
            "eh5boavaktmbgzyh2a63dz4qov33fvp5nsdvqklucfraayoodw6a",
        ),
        (
            "0088:1234567890123",
            "B-382fe691db401c7c4fa3cba634b225c0",
            "sjsyvccmqyjxk3weuapffq4x3umcrf4qryherj4vovhmonh7gccq",
        ),
    ],
)
def test_published_vectors(value, cname, naptr):
    p = pid(value)
    assert sml.cname_name(p, TEST) == f"{cname}.iso6523-actorid-upis.{TEST}"
    assert sml.naptr_name(p, TEST) == f"{naptr}.iso6523-actorid-upis.{TEST}"


def test_production_vector():
    p = pid("9930:DE257746542")
    assert sml.cname_name(p, sml.ZONE_PRODUCTION) == (
        "B-3ebc60ae69525acc4f3013a443a99889.iso6523-actorid-upis.edelivery.tech.ec.europa.eu"
    )


@given(st.from_regex(r"[0-9]{4}:[A-Za-z0-9._~-]{1,60}", fullmatch=True))
def test_property_names_are_dns_names_and_case_blind(value):
    lower, upper = pid(value.lower()), pid(value.upper())
    for name_of in (sml.cname_name, sml.naptr_name):
        name = name_of(lower, TEST)
        assert name == name_of(upper, TEST)
        labels = name.split(".")
        assert all(0 < len(label) <= 63 for label in labels)
    assert len(sml.naptr_name(lower, TEST).split(".")[0]) == 52


ZONE = "sml.heldigital.test."


def _zone(*participants: tuple[ParticipantIdentifier, str]) -> str:
    lines = [
        f"$ORIGIN {ZONE}",
        "@ 60 IN SOA ns.sml.heldigital.test. hostmaster.heldigital.test. 1 60 60 600 60",
        "@ 60 IN NS ns.sml.heldigital.test.",
        "ns 60 IN A 127.0.0.1",
        "smp 60 IN A 127.0.0.1",
    ]
    for participant, url in participants:
        lines += sml.zone_records(participant, zone=ZONE, smp_url=url, smp_host=f"smp.{ZONE}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def server():
    zone = _zone(
        (pid("0192:974760673"), "https://smp.example.no/smp"),
        (pid("9915:test"), "http://127.0.0.1:8080"),
    )
    with AuthoritativeServer(zone, ZONE) as running:
        yield running


def test_lookup_naptr_against_a_real_dns_server(server):
    resolver = sml.resolver_for(server.host, server.port, timeout=2)
    found = sml.lookup(pid("0192:974760673"), ZONE, resolver=resolver)
    assert found == sml.SMPLocation(
        "https://smp.example.no/smp", "naptr", sml.naptr_name(pid("0192:974760673"), ZONE)
    )
    # Case does not matter (the name is a hash of the lower-case value).
    assert sml.lookup(pid("9915:TEST"), ZONE, resolver=resolver).url == "http://127.0.0.1:8080"
    assert (sml.naptr_name(pid("9915:test"), ZONE) + ".", "NAPTR") in server.queries


def test_lookup_cname_against_a_real_dns_server(server):
    resolver = sml.resolver_for(server.host, server.port, timeout=2)
    found = sml.lookup(pid("0192:974760673"), ZONE, method="cname", resolver=resolver)
    name = sml.cname_name(pid("0192:974760673"), ZONE)
    assert found == sml.SMPLocation(f"http://{name}", "cname", name)


def test_unregistered_participant(server):
    resolver = sml.resolver_for(server.host, server.port, timeout=2)
    for method in ("naptr", "cname"):
        with pytest.raises(sml.NotRegistered, match="does not exist"):
            sml.lookup(pid("0192:991825827"), ZONE, method=method, resolver=resolver)


def test_naptr_records_are_chosen_by_order_service_and_flags():
    p = pid("0192:974760673")
    name = sml.naptr_name(p, ZONE) + "."
    zone = _zone() + "\n".join(
        [
            f'{name} 60 IN NAPTR 10 10 "U" "Meta:SMP" "!^.*$!ftp://not-http!" .',
            f'{name} 60 IN NAPTR 20 10 "S" "Meta:SMP" "" _smp._tcp.example.',
            f'{name} 60 IN NAPTR 30 10 "U" "Meta:Other" "!^.*$!https://other.example!" .',
            f'{name} 60 IN NAPTR 50 20 "U" "Meta:SMP" "!^.*$!https://second.example!" .',
            f'{name} 60 IN NAPTR 50 10 "u" "Meta:SMP" "!^(.*)$!https://first.example/\\\\1!" .',
        ]
    )
    with AuthoritativeServer(zone + "\n", ZONE) as server:
        resolver = sml.resolver_for(server.host, server.port, timeout=2)
        found = sml.lookup(p, ZONE, resolver=resolver)
    assert found.url == f"https://first.example/{sml.naptr_name(p, ZONE)}"


def test_naptr_without_usable_record():
    p = pid("0192:974760673")
    name = sml.naptr_name(p, ZONE) + "."
    zone = _zone() + f'{name} 60 IN NAPTR 10 10 "U" "Meta:SMP" "!^.*$!ftp://x!" .\n'
    with AuthoritativeServer(zone, ZONE) as server:
        resolver = sml.resolver_for(server.host, server.port, timeout=2)
        with pytest.raises(sml.NotRegistered, match="no U-NAPTR record"):
            sml.lookup(p, ZONE, resolver=resolver)
        with pytest.raises(sml.NotRegistered, match="does not exist"):
            sml.lookup(p, ZONE, method="cname", resolver=resolver)


def test_dns_server_not_answering_is_an_error_after_the_timeout():
    # A bound UDP socket that never answers: the lookup gives up, it does not hang.
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    try:
        resolver = sml.resolver_for("127.0.0.1", silent.getsockname()[1], timeout=0.3)
        with pytest.raises(sml.SMLError, match="failed") as caught:
            sml.lookup(pid("0192:974760673"), ZONE, resolver=resolver)
        assert not isinstance(caught.value, sml.NotRegistered)
    finally:
        silent.close()


def test_zone_records_refuse_a_url_that_breaks_the_regexp():
    with pytest.raises(ValueError, match="not an http"):
        sml.zone_records(pid("9915:test"), zone=ZONE, smp_url="https://a!b", smp_host="smp.x")


@pytest.mark.parametrize(
    ("regexp", "subject", "result"),
    [
        ("!^.*$!https://smp.example!", "x.y", "https://smp.example"),
        ("/^(.*)\\.y$/https:\\/\\/\\1/", "x.y", None),  # the delimiter may not appear inside
        ("!^(x)\\.(y)$!https://\\2.\\1!i", "X.Y", "https://Y.X"),
        ("!^q$!https://a!", "x.y", None),
        ("!(!https://a!", "x.y", None),
        ("!^.*$!https://a!g", "x.y", None),
        ("!!", "x", None),
    ],
)
def test_naptr_regexp(regexp, subject, result):
    assert sml._apply_regexp(regexp, subject) == result
