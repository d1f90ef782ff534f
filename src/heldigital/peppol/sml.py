"""Finding a participant's SMP through the SML (Service Metadata Locator) in DNS.

The SML publishes, for every registered participant, a DNS name under the
SML zone that leads to the participant's SMP. Two schemes exist:

* **Legacy CNAME** (BusDox/Peppol SML 1.x, "DNS naming of participants";
  Peppol stopped publishing it at the end of October 2025):
  ``B-<hex(md5(lowercase(value)))>.<scheme>.<zone>`` is a CNAME (or A
  record) of the SMP host, and the SMP base URL is ``http://`` + that name.
  Example of the SML specification: ``0010:5798000000001`` ->
  ``B-e49b223851f6e97cbfce4f72c3402aac.iso6523-actorid-upis.<zone>``.
* **BDXL U-NAPTR** (OASIS BDXL 1.0, RFC 4848 U-NAPTR; Peppol SML 2.0 and
  Policy for use of Identifiers 4.x, POLICY 7):
  ``<base32(sha256(lowercase(value)))>.<scheme>.<zone>`` - RFC 4648
  base32 without the ``=`` padding, in lower case - carries a NAPTR record
  with flags ``U``, service ``Meta:SMP`` and a regexp such as
  ``!^.*$!https://smp.example.org!`` whose result is the SMP base URL.
  POLICY 7 example: ``0088:123abc`` (and ``0088:123ABC``) ->
  ``y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.<zone>``.

    >>> from heldigital.peppol.identifiers import ParticipantIdentifier
    >>> p = ParticipantIdentifier.create("0010:5798000000001")
    >>> cname_name(p, ZONE_TEST)
    'B-e49b223851f6e97cbfce4f72c3402aac.iso6523-actorid-upis.acc.edelivery.tech.ec.europa.eu'
    >>> naptr_name(ParticipantIdentifier.create("0088:123ABC"), ZONE_PRODUCTION)
    'y7dzfxaf3d4cjz4kcgrxtec6twvcga4ky7zwa5boif6mswd4tdrq.iso6523-actorid-upis.edelivery.tech.ec.europa.eu'

:func:`lookup` asks DNS (dnspython, with a timeout) and returns the SMP
base URL; :func:`zone_records` writes the records an SML zone holds for a
participant, in master-file syntax, for both schemes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import Literal

import dns.exception
import dns.name
import dns.rdatatype
import dns.resolver
from dns.rdtypes.IN.NAPTR import NAPTR

from heldigital.peppol.identifiers import ParticipantIdentifier

__all__ = [
    "NAPTR_SERVICE",
    "ZONE_PRODUCTION",
    "ZONE_TEST",
    "NotRegistered",
    "SMLError",
    "SMPLocation",
    "cname_name",
    "lookup",
    "naptr_name",
    "resolver_for",
    "zone_records",
]

#: The DNS zone of the production SML (operated for OpenPeppol by the European Commission).
ZONE_PRODUCTION = "edelivery.tech.ec.europa.eu"
#: The DNS zone of the test SML (SMK).
ZONE_TEST = "acc.edelivery.tech.ec.europa.eu"
#: The U-NAPTR service of an SMP (Peppol SML 2.0; OASIS BDXL 1.0 section 3.2).
NAPTR_SERVICE = "Meta:SMP"

Method = Literal["naptr", "cname"]


class SMLError(Exception):
    """The SML could not be asked, or its answer is unusable."""


class NotRegistered(SMLError):
    """The participant has no SML entry (NXDOMAIN, or no usable record)."""


@dataclass(frozen=True)
class SMPLocation:
    """Where a participant's SMP is: its base URL, and how it was found."""

    url: str
    method: Method
    dns_name: str


def _value(participant: ParticipantIdentifier) -> bytes:
    # Both schemes hash the value in lower case (for iso6523-actorid-upis the
    # canonical value already is); the scheme is a label of its own.
    return participant.value.lower().encode("utf-8")


def cname_name(participant: ParticipantIdentifier, zone: str) -> str:
    """The legacy SML name ``B-<md5>.<scheme>.<zone>``."""
    digest = hashlib.md5(_value(participant), usedforsecurity=False).hexdigest()
    return f"B-{digest}.{participant.scheme}.{zone.rstrip('.')}"


def naptr_name(participant: ParticipantIdentifier, zone: str) -> str:
    """The BDXL name ``<base32(sha256)>.<scheme>.<zone>`` (POLICY 7)."""
    digest = hashlib.sha256(_value(participant)).digest()
    label = base64.b32encode(digest).decode("ascii").rstrip("=").lower()
    return f"{label}.{participant.scheme}.{zone.rstrip('.')}"


def resolver_for(nameserver: str, port: int = 53, *, timeout: float = 5.0) -> dns.resolver.Resolver:
    """A resolver that asks one name server (an IP address) and gives up after ``timeout`` s."""
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [nameserver]
    resolver.port = port
    resolver.lifetime = timeout
    resolver.timeout = timeout
    return resolver


def _system_resolver(timeout: float) -> dns.resolver.Resolver:
    resolver = dns.resolver.Resolver()
    resolver.lifetime = timeout
    resolver.timeout = timeout
    return resolver


def _apply_regexp(regexp: str, subject: str) -> str | None:
    """Apply a NAPTR substitution expression ``<d>ere<d>repl<d>flags`` (RFC 3402, 3.2)."""
    if len(regexp) < 3:
        return None
    delimiter = regexp[0]
    parts = regexp[1:].split(delimiter)
    if len(parts) != 3 or parts[2] not in ("", "i"):
        return None
    pattern, replacement, flags = parts
    try:
        compiled = re.compile(pattern, re.IGNORECASE if flags == "i" else 0)
    except re.error:
        return None
    match = compiled.search(subject)
    if match is None:
        return None
    # Back-references are \1 .. \9 in the replacement (RFC 3402, "backref").
    result = re.sub(
        r"\\([0-9])",
        lambda m: match.group(int(m.group(1))) or "",
        replacement,
    )
    return result


def _naptr(name: str, resolver: dns.resolver.Resolver) -> str:
    try:
        answer = resolver.resolve(name, dns.rdatatype.NAPTR)
    except dns.resolver.NXDOMAIN:
        raise NotRegistered(f"{name} does not exist in the SML zone") from None
    except dns.resolver.NoAnswer:
        raise NotRegistered(f"{name} has no NAPTR record") from None
    except dns.exception.DNSException as exc:
        raise SMLError(f"DNS lookup of {name} failed: {exc}") from None
    records = [r for r in answer if isinstance(r, NAPTR)]
    records.sort(key=lambda r: (r.order, r.preference))
    for record in records:
        flags = record.flags.decode("ascii", "replace").upper()
        service = record.service.decode("ascii", "replace")
        if flags != "U" or service != NAPTR_SERVICE:
            continue
        url = _apply_regexp(record.regexp.decode("utf-8", "replace"), name)
        if url and re.match(r"https?://[^/\s]+", url):
            return url
    raise NotRegistered(f"{name} has no U-NAPTR record for {NAPTR_SERVICE} with an http(s) URL")


def _cname(name: str, resolver: dns.resolver.Resolver) -> str:
    try:
        # The name must resolve (through its CNAME) to an address of the SMP.
        resolver.resolve(name, dns.rdatatype.A)
    except dns.resolver.NXDOMAIN:
        raise NotRegistered(f"{name} does not exist in the SML zone") from None
    except dns.resolver.NoAnswer:
        raise NotRegistered(f"{name} does not resolve to an address") from None
    except dns.exception.DNSException as exc:
        raise SMLError(f"DNS lookup of {name} failed: {exc}") from None
    # The SMP is addressed by the participant's own name (Peppol SMP 1.x, 3.1).
    return f"http://{name}"


def lookup(
    participant: ParticipantIdentifier,
    zone: str = ZONE_PRODUCTION,
    *,
    method: Method = "naptr",
    resolver: dns.resolver.Resolver | None = None,
    timeout: float = 5.0,
) -> SMPLocation:
    """The SMP of ``participant``, as the SML in ``zone`` says.

    ``method`` chooses the BDXL U-NAPTR scheme (the current one) or the
    legacy CNAME scheme. Raises :class:`NotRegistered` when the SML has no
    entry and :class:`SMLError` when DNS cannot be asked (after ``timeout``
    seconds when no resolver is given).
    """
    resolver = resolver or _system_resolver(timeout)
    if method == "naptr":
        name = naptr_name(participant, zone)
        return SMPLocation(_naptr(name, resolver), "naptr", name)
    if method == "cname":
        name = cname_name(participant, zone)
        return SMPLocation(_cname(name, resolver), "cname", name)
    raise ValueError(f"unknown SML lookup method {method!r}")


def zone_records(
    participant: ParticipantIdentifier,
    *,
    zone: str,
    smp_url: str,
    smp_host: str,
    ttl: int = 60,
) -> list[str]:
    """The SML zone's records for ``participant``, in DNS master-file syntax.

    Two records: the legacy CNAME to ``smp_host`` and the U-NAPTR whose
    regexp yields ``smp_url``. Names are absolute (ending in ``.``).
    """
    if not re.fullmatch(r"https?://[^\s!\"\\]+", smp_url):
        raise ValueError(f"SMP URL {smp_url!r} is not an http(s) URL fit for a NAPTR regexp")
    host = dns.name.from_text(smp_host).to_text()
    cname = dns.name.from_text(cname_name(participant, zone)).to_text()
    naptr = dns.name.from_text(naptr_name(participant, zone)).to_text()
    return [
        f"{cname} {ttl} IN CNAME {host}",
        f'{naptr} {ttl} IN NAPTR 100 10 "U" "{NAPTR_SERVICE}" "!^.*$!{smp_url}!" .',
    ]
