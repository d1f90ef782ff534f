"""Peppol Reporting: the Transaction Statistics Report (TSR) and End User Statistics Report (EUSR).

Every Peppol service provider reports to OpenPeppol once a month (Peppol Internal
Regulations, chapter 4.3 "Service Provider Reporting about End Users" and 4.4 "Service
Provider Reporting on Transaction Statistics"):

* the **TSR 1.0** (``urn:fdc:peppol:transaction-statistics-report:1.0``, customization
  ``urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0``): how many
  transactions the access point sent (``Outgoing``, as C2) and received (``Incoming``, as
  C3), in total and in subtotals per transport protocol (``PerTP``), per other service
  provider, dataset type and process (``PerSP-DT-PR``) and, for received transactions only,
  also per sender (C1) and receiver (C4) country (``PerSP-DT-PR-CC``);
* the **EUSR 1.1** (``urn:fdc:peppol:end-user-statistics-report:1.1``, customization
  ``urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1``): how many distinct end
  users of the service provider sent, received, and sent or received, in total
  (``FullSet``) and per dataset type and process (``PerDT-PR``), per dataset type, process
  and end user country (``PerDT-PR-EUC``), per dataset type and end user country
  (``PerDT-EUC``) and per end user country (``PerEUC``).

This module is pure (no Django): :func:`build_tsr` and :func:`build_eusr` take the access
point's transaction records (:class:`Transaction`) and a month and return the report, whose
``to_xml()`` writes the document; :func:`validate` checks a report document with the
official rules. The monthly build from the platform's own access point log belongs to the
access point app, which does not exist yet: it will call these functions.

Validation is done natively, in two steps as the official validation does:

1. the structure of the official XSDs (``peppol-transaction-statistics-reporting-1.0.xsd``,
   ``peppol-end-user-statistics-reporting-1.1.xsd``): elements, order, cardinalities,
   ``xs:date`` and ``xs:nonNegativeInteger`` values and required attributes, reported as
   findings with the rule id ``XSD``; the business rules run only on a structurally valid
   document (the official validation stops at a schema error too);
2. the official Schematron rules, one function per rule id (``SCH-TSR-01`` ...
   ``SCH-TSR-43`` of ``peppol-transaction-statistics-reporting-1.0.5.sch`` and
   ``SCH-EUSR-01`` ... ``SCH-EUSR-47`` of ``peppol-end-user-statistics-reporting-1.1.x.sch``),
   registered in :data:`TSR_RULES` and :data:`EUSR_RULES` like the billing rules of
   :mod:`heldigital.rules`. Each function follows its official XPath test, including its
   corners (a duplicate check whose ``every`` is vacuous for a subset without the key, a
   ``max()`` of no subsets, string comparison of the period dates).

Every document is parsed through :mod:`heldigital.xml`.
"""

from __future__ import annotations

import enum
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from lxml import etree

from heldigital import xml as hxml
from heldigital.rules.core import Document, Finding, Registry, Severity

__all__ = [
    "EUSR_CUSTOMIZATION_ID",
    "EUSR_NS",
    "EUSR_RULES",
    "PROFILE_ID",
    "TSR_CUSTOMIZATION_ID",
    "TSR_NS",
    "TSR_RULES",
    "Direction",
    "EndUserStatistics",
    "Key",
    "Month",
    "Report",
    "Subset",
    "Subtotal",
    "Transaction",
    "TransactionStatistics",
    "build_eusr",
    "build_tsr",
    "validate",
]

TSR_NS = "urn:fdc:peppol:transaction-statistics-report:1.0"
EUSR_NS = "urn:fdc:peppol:end-user-statistics-report:1.1"
TSR_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0"
EUSR_CUSTOMIZATION_ID = "urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1"
PROFILE_ID = "urn:fdc:peppol.eu:edec:bis:reporting:1.0"

#: The code list of service provider identifier schemes (the Peppol Seat ID in the subject CN
#: of the AP certificate) and its layout.
SP_ID_SCHEME = "CertSubjectCN"
_SEAT_ID = re.compile(r"P[A-Z]{2}[0-9]{6}")
#: ISO 3166-1 alpha-2 as the reporting Schematron lists it, with Greece ``EL``, Kosovo
#: ``XK``/``1A`` and Northern Ireland ``XI``.
COUNTRIES: frozenset[str] = frozenset(
    """1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH
    KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN
    MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH
    PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR
    SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC
    VE VG VI VN VU WF WS XI XK YE YT ZA ZM ZW""".split()  # noqa: SIM905
)
#: The TSR (1.0.4 and later) also accepts ``ZZ``: a country that is not known.
UNKNOWN_COUNTRY = "ZZ"
TSR_COUNTRIES = COUNTRIES | {UNKNOWN_COUNTRY}

TSR_SUBTOTAL_TYPES = ("PerTP", "PerSP-DT-PR", "PerSP-DT-PR-CC")
EUSR_SUBSET_TYPES = ("PerDT-PR", "PerDT-PR-EUC", "PerDT-EUC", "PerEUC")

#: Transport protocol ids (Peppol code list "Transport profiles"): AS4 is the one in use.
AS4 = "peppol-transport-as4-v2_0"


# ---------------------------------------------------------------------------------------
# The input: the access point's transaction records
# ---------------------------------------------------------------------------------------


class Direction(enum.StrEnum):
    """A transaction as the access point saw it."""

    #: sent by this access point as C2 to another service provider's C3
    OUTGOING = "outgoing"
    #: received by this access point as C3 from another service provider's C2
    INCOMING = "incoming"


def _check_country(value: str | None, what: str, allowed: frozenset[str]) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} {value!r} is not an ISO 3166-1 alpha-2 country code")


@dataclass(frozen=True, slots=True)
class Transaction:
    """One transaction the access point exchanged, as its log records it.

    ``other_service_provider`` is the Peppol Seat ID (the CN of the AP certificate, e.g.
    ``PNO000123``) of the access point on the other side: the receiving C3 of an outgoing
    transaction, the sending C2 of an incoming one. ``sender``/``receiver`` are the C1/C4
    participant identifiers; ``document_type`` and ``process`` the identifier values with
    their schemes. ``sender_country`` is C1's country (the SBDH ``COUNTRY_C1``);
    ``receiver_country`` C4's (``None`` when not known: the TSR then reports ``ZZ`` for C1
    and the end user's country for C4, the platform's own end user of a received
    transaction). ``end_user`` is the platform's own end user in the transaction
    (C1 of an outgoing transaction, C4 of an incoming one), by the platform's own stable id,
    so that one end user with several participant ids is counted once, and
    ``end_user_country`` its country.
    """

    timestamp: datetime
    direction: Direction
    other_service_provider: str
    sender: str
    receiver: str
    document_type: str
    process: str
    end_user: str
    end_user_country: str
    sender_country: str | None = None
    receiver_country: str | None = None
    transport_protocol: str = AS4
    document_type_scheme: str = "busdox-docid-qns"
    process_scheme: str = "cenbii-procid-ubl"

    def __post_init__(self) -> None:
        if self.timestamp.tzinfo is None or self.timestamp.utcoffset() is None:
            raise ValueError("the transaction timestamp must be timezone-aware (UTC)")
        if not isinstance(self.direction, Direction):
            raise ValueError(f"direction must be a Direction, not {self.direction!r}")
        if not _SEAT_ID.fullmatch(self.other_service_provider):
            raise ValueError(
                f"service provider {self.other_service_provider!r} is not a Peppol Seat ID "
                "(P, two capital letters, six digits)"
            )
        for name in ("sender", "receiver", "document_type", "process", "end_user"):
            if not _norm(getattr(self, name)):
                raise ValueError(f"the transaction's {name.replace('_', ' ')} is empty")
        if not _norm(self.transport_protocol):
            raise ValueError("the transaction's transport protocol is empty")
        _check_country(self.sender_country, "sender country", TSR_COUNTRIES)
        _check_country(self.receiver_country, "receiver country", TSR_COUNTRIES)
        _check_country(self.end_user_country, "end user country", COUNTRIES)


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month, the reporting period."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1 <= self.year <= 9999:
            raise ValueError(f"no such month: {self.year:04d}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """``YYYY-MM``."""
        match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
        if match is None:
            raise ValueError(f"month {text!r} is not in the form YYYY-MM")
        return cls(int(match[1]), int(match[2]))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - timedelta(days=1)

    def contains(self, moment: datetime) -> bool:
        """Whether ``moment`` falls in this month in UTC (the reports count by UTC)."""
        utc = moment.astimezone(UTC)
        return (utc.year, utc.month) == (self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# ---------------------------------------------------------------------------------------
# The reports
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Key:
    """A ``Key`` of a subtotal or subset: meta scheme (``TP``, ``SP``, ``DT``, ``PR``,
    ``CC``), scheme and value."""

    meta_scheme: str
    scheme: str
    value: str


@dataclass(frozen=True, slots=True)
class Subtotal:
    type: str
    keys: tuple[Key, ...]
    incoming: int
    outgoing: int


@dataclass(frozen=True, slots=True)
class Subset:
    type: str
    keys: tuple[Key, ...]
    sending: int
    receiving: int
    sending_or_receiving: int


def _period(parent: etree._Element, ns: str, start: date, end: date, reporter: str) -> None:
    header = etree.SubElement(parent, f"{{{ns}}}Header")
    period = etree.SubElement(header, f"{{{ns}}}ReportPeriod")
    etree.SubElement(period, f"{{{ns}}}StartDate").text = start.isoformat()
    etree.SubElement(period, f"{{{ns}}}EndDate").text = end.isoformat()
    reporter_id = etree.SubElement(header, f"{{{ns}}}ReporterID", schemeID=SP_ID_SCHEME)
    reporter_id.text = reporter


def _keys(parent: etree._Element, ns: str, keys: Iterable[Key]) -> None:
    for key in keys:
        element = etree.SubElement(
            parent, f"{{{ns}}}Key", metaSchemeID=key.meta_scheme, schemeID=key.scheme
        )
        element.text = key.value


def _serialise(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _check_reporter(reporter: str) -> None:
    if not _SEAT_ID.fullmatch(reporter):
        raise ValueError(
            f"reporter {reporter!r} is not a Peppol Seat ID (P, two capital letters, six digits)"
        )


@dataclass(frozen=True, slots=True)
class TransactionStatistics:
    """A Transaction Statistics Report (TSR 1.0)."""

    start: date
    end: date
    reporter: str
    incoming: int
    outgoing: int
    subtotals: tuple[Subtotal, ...] = field(default=())

    def to_xml(self) -> bytes:
        ns = TSR_NS
        root = etree.Element(f"{{{ns}}}TransactionStatisticsReport", nsmap={None: ns})  # type: ignore[dict-item]
        etree.SubElement(root, f"{{{ns}}}CustomizationID").text = TSR_CUSTOMIZATION_ID
        etree.SubElement(root, f"{{{ns}}}ProfileID").text = PROFILE_ID
        _period(root, ns, self.start, self.end, self.reporter)
        total = etree.SubElement(root, f"{{{ns}}}Total")
        etree.SubElement(total, f"{{{ns}}}Incoming").text = str(self.incoming)
        etree.SubElement(total, f"{{{ns}}}Outgoing").text = str(self.outgoing)
        for subtotal in self.subtotals:
            element = etree.SubElement(root, f"{{{ns}}}Subtotal", type=subtotal.type)
            _keys(element, ns, subtotal.keys)
            etree.SubElement(element, f"{{{ns}}}Incoming").text = str(subtotal.incoming)
            etree.SubElement(element, f"{{{ns}}}Outgoing").text = str(subtotal.outgoing)
        return _serialise(root)


@dataclass(frozen=True, slots=True)
class EndUserStatistics:
    """An End User Statistics Report (EUSR 1.1)."""

    start: date
    end: date
    reporter: str
    sending: int
    receiving: int
    sending_or_receiving: int
    subsets: tuple[Subset, ...] = field(default=())

    def to_xml(self) -> bytes:
        ns = EUSR_NS
        root = etree.Element(f"{{{ns}}}EndUserStatisticsReport", nsmap={None: ns})  # type: ignore[dict-item]
        etree.SubElement(root, f"{{{ns}}}CustomizationID").text = EUSR_CUSTOMIZATION_ID
        etree.SubElement(root, f"{{{ns}}}ProfileID").text = PROFILE_ID
        _period(root, ns, self.start, self.end, self.reporter)
        full = etree.SubElement(root, f"{{{ns}}}FullSet")
        etree.SubElement(full, f"{{{ns}}}SendingEndUsers").text = str(self.sending)
        etree.SubElement(full, f"{{{ns}}}ReceivingEndUsers").text = str(self.receiving)
        etree.SubElement(full, f"{{{ns}}}SendingOrReceivingEndUsers").text = str(
            self.sending_or_receiving
        )
        for subset in self.subsets:
            element = etree.SubElement(root, f"{{{ns}}}Subset", type=subset.type)
            _keys(element, ns, subset.keys)
            etree.SubElement(element, f"{{{ns}}}SendingEndUsers").text = str(subset.sending)
            etree.SubElement(element, f"{{{ns}}}ReceivingEndUsers").text = str(subset.receiving)
            etree.SubElement(element, f"{{{ns}}}SendingOrReceivingEndUsers").text = str(
                subset.sending_or_receiving
            )
        return _serialise(root)


def _in_month(transactions: Iterable[Transaction], month: Month) -> list[Transaction]:
    return [t for t in transactions if month.contains(t.timestamp)]


def _dt(t: Transaction) -> Key:
    return Key("DT", t.document_type_scheme, t.document_type)


def _pr(t: Transaction) -> Key:
    return Key("PR", t.process_scheme, t.process)


def build_tsr(
    transactions: Iterable[Transaction], month: Month, reporter: str
) -> TransactionStatistics:
    """The TSR of ``reporter`` (this access point's Seat ID) for ``month``.

    Counts the transactions whose timestamp falls in the month (UTC). The subtotals per
    sender and receiver country cover received transactions only (the sender of a
    transaction does not know the receiver's country: SCH-TSR-43); an unknown sender
    country is reported as ``ZZ``, an unknown receiver country is the end user's.
    Subtotals are in a stable order (by type, then key).
    """
    _check_reporter(reporter)
    chosen = _in_month(transactions, month)
    counts: dict[tuple[str, tuple[Key, ...]], list[int]] = defaultdict(lambda: [0, 0])
    incoming = outgoing = 0
    for t in chosen:
        side = 0 if t.direction is Direction.INCOMING else 1
        if side == 0:
            incoming += 1
        else:
            outgoing += 1
        sp = Key("SP", SP_ID_SCHEME, t.other_service_provider)
        counts["PerTP", (Key("TP", "Peppol", t.transport_protocol),)][side] += 1
        counts["PerSP-DT-PR", (sp, _dt(t), _pr(t))][side] += 1
        if side == 0:
            # the receiver (C4) of a received transaction is the platform's own end user
            cc = (
                Key("CC", "SenderCountry", t.sender_country or UNKNOWN_COUNTRY),
                Key("CC", "ReceiverCountry", t.receiver_country or t.end_user_country),
            )
            counts["PerSP-DT-PR-CC", (sp, _dt(t), _pr(t), *cc)][0] += 1
    order = {name: i for i, name in enumerate(TSR_SUBTOTAL_TYPES)}
    subtotals = tuple(
        Subtotal(kind, keys, n[0], n[1])
        for (kind, keys), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    )
    return TransactionStatistics(
        month.first_day, month.last_day, reporter, incoming, outgoing, subtotals
    )


def build_eusr(
    transactions: Iterable[Transaction], month: Month, reporter: str
) -> EndUserStatistics:
    """The EUSR of ``reporter`` (this access point's Seat ID) for ``month``.

    An end user *sends* when it is C1 of an outgoing transaction and *receives* when it is C4
    of an incoming one; each count is of distinct end users (:attr:`Transaction.end_user`)
    with at least one such transaction in the month (UTC). A subset is written only when
    some end user is in it (SCH-EUSR-36); subsets are in a stable order.
    """
    _check_reporter(reporter)
    chosen = _in_month(transactions, month)
    # group key -> (senders, receivers)
    groups: dict[tuple[str, tuple[Key, ...]], tuple[set[str], set[str]]] = defaultdict(
        lambda: (set(), set())
    )
    senders: set[str] = set()
    receivers: set[str] = set()
    for t in chosen:
        who = senders if t.direction is Direction.OUTGOING else receivers
        who.add(t.end_user)
        cc = Key("CC", "EndUserCountry", t.end_user_country)
        side = 0 if t.direction is Direction.OUTGOING else 1
        for kind, keys in (
            ("PerDT-PR", (_dt(t), _pr(t))),
            ("PerDT-PR-EUC", (_dt(t), _pr(t), cc)),
            ("PerDT-EUC", (_dt(t), cc)),
            ("PerEUC", (cc,)),
        ):
            groups[kind, keys][side].add(t.end_user)
    order = {name: i for i, name in enumerate(EUSR_SUBSET_TYPES)}
    subsets = tuple(
        Subset(kind, keys, len(s), len(r), len(s | r))
        for (kind, keys), (s, r) in sorted(
            groups.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
        )
    )
    return EndUserStatistics(
        month.first_day,
        month.last_day,
        reporter,
        len(senders),
        len(receivers),
        len(senders | receivers),
        subsets,
    )


# ---------------------------------------------------------------------------------------
# XPath helpers with the official semantics
# ---------------------------------------------------------------------------------------

Element = etree._Element
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_DATE_NO_TZ = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _norm(text: str | None) -> str:
    """XPath ``normalize-space``."""
    return _XML_SPACE.sub(" ", text or "").strip(" ")


def _string(element: Element | None) -> str:
    """The XPath string value of an element (all its descendant text)."""
    if element is None:
        return ""
    return "".join(str(t) for t in element.itertext())


def _attr(element: Element, name: str) -> str:
    return _norm(element.get(name))


def _children(parent: Element, ns: str, name: str) -> list[Element]:
    return list(parent.iterchildren(f"{{{ns}}}{name}"))


def _child(parent: Element, ns: str, name: str) -> Element | None:
    return next(parent.iterchildren(f"{{{ns}}}{name}"), None)


def _number(element: Element | None) -> int:
    """The count in an element of a structurally valid report (``xs:nonNegativeInteger``)."""
    return int(_string(element).strip())


def _keys_where(
    parent: Element, ns: str, meta: str | None = None, scheme: str | None = None
) -> list[Element]:
    return [
        k
        for k in _children(parent, ns, "Key")
        if (meta is None or _attr(k, "metaSchemeID") == meta)
        and (scheme is None or _attr(k, "schemeID") == scheme)
    ]


def _code_in(value: str, codes: Iterable[str]) -> bool:
    """The Schematron's ``not(contains(v, ' ')) and contains(' a b c ', concat(' ', v, ' '))``."""
    return " " not in value and value in codes


# ---------------------------------------------------------------------------------------
# Structure (the official XSDs)
# ---------------------------------------------------------------------------------------

_XSD_DATE = re.compile(
    r"(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _xsd_date(text: str) -> bool:
    """An ``xs:date`` of XML Schema 1.0 (no year 0; any number of year digits; a day that
    the month has, 29 February in leap years only)."""
    match = _XSD_DATE.fullmatch(_norm(text))
    if match is None:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    feb29 = month == 2 and day == 29
    return year != 0 and day <= _DAYS[month - 1] and (leap or not feb29)


_XSD_NON_NEGATIVE = re.compile(r"\+?[0-9]+|-0+")


@dataclass(frozen=True)
class _Particle:
    name: str
    minimum: int = 1
    maximum: int | None = 1  # None: unbounded
    kind: str = "complex"  # "complex", "date", "count", "id", "key"


_SEQUENCES: dict[str, tuple[_Particle, ...]] = {
    "TransactionStatisticsReport": (
        _Particle("CustomizationID", kind="id"),
        _Particle("ProfileID", kind="id"),
        _Particle("Header"),
        _Particle("Total"),
        _Particle("Subtotal", 0, None),
    ),
    "EndUserStatisticsReport": (
        _Particle("CustomizationID", kind="id"),
        _Particle("ProfileID", kind="id"),
        _Particle("Header"),
        _Particle("FullSet"),
        _Particle("Subset", 0, None),
    ),
    "Header": (_Particle("ReportPeriod"), _Particle("ReporterID", kind="id")),
    "ReportPeriod": (_Particle("StartDate", kind="date"), _Particle("EndDate", kind="date")),
    "Total": (_Particle("Incoming", kind="count"), _Particle("Outgoing", kind="count")),
    "Subtotal": (
        _Particle("Key", 1, None, kind="key"),
        _Particle("Incoming", kind="count"),
        _Particle("Outgoing", kind="count"),
    ),
    "FullSet": (
        _Particle("SendingEndUsers", kind="count"),
        _Particle("ReceivingEndUsers", kind="count"),
        _Particle("SendingOrReceivingEndUsers", kind="count"),
    ),
    "Subset": (
        _Particle("Key", 1, None, kind="key"),
        _Particle("SendingEndUsers", kind="count"),
        _Particle("ReceivingEndUsers", kind="count"),
        _Particle("SendingOrReceivingEndUsers", kind="count"),
    ),
}
#: Attributes each complex element allows (name -> required).
_ATTRIBUTES: dict[str, dict[str, bool]] = {
    "Subtotal": {"type": True},
    "Subset": {"type": True},
}
_SIMPLE_ATTRIBUTES: dict[str, dict[str, bool]] = {
    "id": {"schemeID": False},
    "key": {"metaSchemeID": True, "schemeID": True},
    "date": {},
    "count": {},
}


#: ``xsi:type``, ``xsi:schemaLocation`` ... are allowed on every element.
_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def _structure(root: Element, ns: str) -> Iterator[tuple[Element, str]]:
    """Every place where the document breaks its XSD (element order, cardinality, types)."""

    def attributes(element: Element, allowed: dict[str, bool]) -> Iterator[tuple[Element, str]]:
        for name in map(str, element.keys()):
            if name not in allowed and not name.startswith(_XSI):
                yield (
                    element,
                    f"attribute '{name}' is not allowed on {etree.QName(element).localname}",
                )
        for name, required in allowed.items():
            if required and element.get(name) is None:
                yield (
                    element,
                    (f"attribute '{name}' is required on {etree.QName(element).localname}"),
                )

    def simple(element: Element, kind: str) -> Iterator[tuple[Element, str]]:
        name = etree.QName(element).localname
        yield from attributes(element, _SIMPLE_ATTRIBUTES[kind])
        if any(isinstance(child.tag, str) for child in element):
            yield element, f"{name} must hold text only, not elements"
            return
        # comments and processing instructions may split the text
        text = (element.text or "") + "".join(child.tail or "" for child in element)
        if kind == "date" and not _xsd_date(text):
            yield element, f"{name} ({text.strip()!r}) is not a valid xs:date"
        elif kind == "count" and not _XSD_NON_NEGATIVE.fullmatch(_norm(text)):
            yield element, f"{name} ({text.strip()!r}) is not a valid xs:nonNegativeInteger"

    def complex_(element: Element) -> Iterator[tuple[Element, str]]:
        name = etree.QName(element).localname
        yield from attributes(element, _ATTRIBUTES.get(name, {}))
        if (element.text or "").strip():
            yield element, f"{name} must not hold text"
        for node in element:
            if (node.tail or "").strip():
                yield element, f"{name} must not hold text"
        children = [c for c in element if isinstance(c.tag, str)]
        position = 0
        for particle in _SEQUENCES[name]:
            seen = 0
            while position < len(children):
                child = children[position]
                qname = etree.QName(child)
                if qname.namespace != ns or qname.localname != particle.name:
                    break
                if particle.maximum is not None and seen >= particle.maximum:
                    break
                seen += 1
                position += 1
                if particle.kind == "complex":
                    yield from complex_(child)
                else:
                    yield from simple(child, particle.kind)
            if seen < particle.minimum:
                where = children[position] if position < len(children) else element
                yield where, f"{name} must have {particle.name} here"
                return
        if position < len(children):
            yield (
                children[position],
                (f"element {etree.QName(children[position]).localname} is not expected in {name}"),
            )

    yield from complex_(root)


# ---------------------------------------------------------------------------------------
# The official rules
# ---------------------------------------------------------------------------------------

TSR_RULES = Registry("peppol-tsr")
EUSR_RULES = Registry("peppol-eusr")
tsr_rule = TSR_RULES.rule
eusr_rule = EUSR_RULES.rule
T = TSR_NS
E = EUSR_NS

_NAME_TP = "Transport Protocol ID"
_NAME_SPDTPR = "Service Provider ID, Dataset Type ID and Process ID"
_NAME_SPDTPRCC = (
    "Service Provider ID, Dataset Type ID, Process ID, Sender Country and Receiver Country"
)
_SUBTOTAL_NAMES = {
    "PerTP": "The subtotal per Transport Protocol ID",
    "PerSP-DT-PR": "The subtotal per Service Provider ID, Dataset Type ID and Process ID",
    "PerSP-DT-PR-CC": (
        "The subtotal per Service Provider ID, Dataset Type ID, Sender Country and Receiver Country"
    ),
}
_SUBSET_NAMES = {
    "PerDT-PR": "The subset per Dataset Type ID and Process ID",
    "PerDT-PR-EUC": "The subset per Dataset Type ID, Process ID and End User Country",
    "PerDT-EUC": "The subset per Dataset Type ID and End User Country",
    "PerEUC": "The subset per End User Country",
}


def _typed(doc: Document, ns: str, element_name: str, kind: str) -> list[Element]:
    return [e for e in _children(doc.root, ns, element_name) if _attr(e, "type") == kind]


def _seat_id(value: str) -> bool:
    return _SEAT_ID.fullmatch(value) is not None


# -- TSR: the report ---------------------------------------------------------------------


def _tsr_total(doc: Document) -> tuple[int, int]:
    total = _child(doc.root, T, "Total")
    return _number(_child(total, T, "Incoming")), _number(_child(total, T, "Outgoing"))  # type: ignore[arg-type]


def _tsr_empty(doc: Document) -> bool:
    return sum(_tsr_total(doc)) == 0


def _tsr_cc_empty(doc: Document) -> bool:
    return _tsr_empty(doc) or _tsr_total(doc)[0] == 0


def _tsr_sum(doc: Document, kind: str, which: str) -> int:
    return sum(_number(_child(s, T, which)) for s in _typed(doc, T, "Subtotal", kind))


@tsr_rule(
    "SCH-TSR-01",
    "fatal",
    "[SCH-TSR-01] The customization ID MUST use the value "
    "'urn:fdc:peppol.eu:edec:trns:transaction-statistics-reporting:1.0'",
)
def sch_tsr_01(doc: Document) -> Iterator[Element]:
    """The customization ID is the one of TSR 1.0."""
    if _norm(_string(_child(doc.root, T, "CustomizationID"))) != TSR_CUSTOMIZATION_ID:
        yield doc.root


@tsr_rule(
    "SCH-TSR-02",
    "fatal",
    "[SCH-TSR-02] The profile ID MUST use the value 'urn:fdc:peppol.eu:edec:bis:reporting:1.0'",
)
def sch_tsr_02(doc: Document) -> Iterator[Element]:
    """The profile ID is the one of Peppol Reporting 1.0."""
    if _norm(_string(_child(doc.root, T, "ProfileID"))) != PROFILE_ID:
        yield doc.root


def _tsr_exists(kind: str, name: str, cc: bool = False) -> Callable[[Document], Iterator[Element]]:
    def check(doc: Document) -> Iterator[Element]:
        skip = _tsr_cc_empty(doc) if cc else _tsr_empty(doc)
        if not skip and not _typed(doc, T, "Subtotal", kind):
            yield doc.root

    check.__doc__ = f"Unless the report is empty, there are subtotals {kind} ({name})."
    return check


def _tsr_sums(kind: str, which: str, cc: bool = False) -> Callable[[Document], Iterator[Element]]:
    index = 0 if which == "Incoming" else 1

    def check(doc: Document) -> Iterator[Element]:
        skip = _tsr_cc_empty(doc) if cc else _tsr_empty(doc)
        if not skip and _tsr_sum(doc, kind, which) != _tsr_total(doc)[index]:
            yield doc.root

    check.__doc__ = (
        f"Unless the report is empty, the {kind} subtotals' {which} add up to the total."
    )
    return check


def _register_tsr_totals() -> None:
    msg = "[{id}] The subtotals per {name} MUST exist"
    summ = "[{id}] The sum of all subtotals per {name} {which} MUST match the total {which} count"
    for rule_id, kind, name, cc in (
        ("SCH-TSR-03", "PerTP", _NAME_TP, False),
        ("SCH-TSR-07", "PerSP-DT-PR", _NAME_SPDTPR, False),
        ("SCH-TSR-11", "PerSP-DT-PR-CC", _NAME_SPDTPRCC, True),
    ):
        tsr_rule(rule_id, "fatal", msg.format(id=rule_id, name=name))(_tsr_exists(kind, name, cc))
    for rule_id, kind, name, which, cc in (
        ("SCH-TSR-04", "PerTP", _NAME_TP, "Incoming", False),
        ("SCH-TSR-05", "PerTP", _NAME_TP, "Outgoing", False),
        ("SCH-TSR-08", "PerSP-DT-PR", _NAME_SPDTPR, "Incoming", False),
        ("SCH-TSR-09", "PerSP-DT-PR", _NAME_SPDTPR, "Outgoing", False),
        ("SCH-TSR-12", "PerSP-DT-PR-CC", _NAME_SPDTPRCC, "Incoming", True),
    ):
        tsr_rule(rule_id, "fatal", summ.format(id=rule_id, name=name, which=which.lower()))(
            _tsr_sums(kind, which, cc)
        )


_register_tsr_totals()


@tsr_rule("SCH-TSR-39", "fatal", "[SCH-TSR-39] Only allowed subtotal types MUST be used.")
def sch_tsr_39(doc: Document) -> Iterator[Element]:
    """Every subtotal is of a type of the code list (once per report)."""
    if any(_attr(s, "type") not in TSR_SUBTOTAL_TYPES for s in _children(doc.root, T, "Subtotal")):
        yield doc.root


# -- both: the header --------------------------------------------------------------------


def _period_rules(registry: Registry, ns: str, prefix: str, ids: tuple[str, str, str]) -> None:
    # the official messages say "reporting period" in the EUSR, "report period" in the TSR
    period_word = "reporting" if prefix == "EUSR" else "report"

    def dates(doc: Document) -> tuple[Element, str, str]:
        header = _child(doc.root, ns, "Header")
        assert header is not None  # structurally valid
        period = _child(header, ns, "ReportPeriod")
        assert period is not None
        return (
            header,
            _string(_child(period, ns, "StartDate")),
            _string(_child(period, ns, "EndDate")),
        )

    def no_tz(which: int) -> Callable[[Document], Iterator[tuple[Element, str]]]:
        word = "start" if which == 1 else "end"
        rule_id = ids[which - 1]
        what = f"{period_word} period {word} date"

        def check(doc: Document) -> Iterator[tuple[Element, str]]:
            header, *values = dates(doc)
            value = _norm(values[which - 1])
            if not _DATE_NO_TZ.fullmatch(value):
                yield (
                    header,
                    f"[{rule_id}] The {what} ({value}) MUST NOT contain timezone information",
                )

        check.__doc__ = f"The period {word} date carries no timezone."
        return check

    def order(doc: Document) -> Iterator[tuple[Element, str]]:
        """The period does not end before it starts (compared as strings, as the official
        test compares two untyped values)."""
        header, start, end = dates(doc)
        if not end >= start:
            yield (
                header,
                (
                    f"[{ids[2]}] The report period start date ({_norm(start)}) MUST NOT be after "
                    f"the report period end date ({_norm(end)})"
                ),
            )

    start_msg = (
        f"[{ids[0]}] The {period_word} period start date (...) "
        "MUST NOT contain timezone information"
    )
    end_msg = (
        f"[{ids[1]}] The {period_word} period end date (...) MUST NOT contain timezone information"
    )
    registry.rule(ids[0], "fatal", start_msg)(no_tz(1))
    registry.rule(ids[1], "fatal", end_msg)(no_tz(2))
    registry.rule(
        ids[2],
        "fatal",
        f"[{ids[2]}] The report period start date (...) MUST NOT be after "
        "the report period end date (...)",
    )(order)


def _reporter_rules(
    registry: Registry, ns: str, ids: tuple[str, str, str], scheme_word: str
) -> None:
    def reporter(doc: Document) -> Element:
        header = _child(doc.root, ns, "Header")
        assert header is not None
        element = _child(header, ns, "ReporterID")
        assert element is not None
        return element

    present_msg = (
        f"[{ids[0]}] The reporter ID MUST be present"
        if ids[0].startswith("SCH-TSR")
        else f"[{ids[0]}] The Reporter ID MUST be present"
    )

    def present(doc: Document) -> Iterator[Element]:
        """The reporter ID is not empty."""
        element = reporter(doc)
        if _norm(_string(element)) == "":
            yield element

    def scheme(doc: Document) -> Iterator[tuple[Element, str]]:
        """The reporter ID's scheme is of the code list (``CertSubjectCN``)."""
        element = reporter(doc)
        value = _attr(element, "schemeID")
        if not _code_in(value, (SP_ID_SCHEME,)):
            yield (
                element,
                (
                    f"[{ids[1]}] The Reporter ID {scheme_word} ({value}) MUST be coded according "
                    "to the code list"
                ),
            )

    def seat(doc: Document) -> Iterator[tuple[Element, str]]:
        """A reporter ID in the scheme ``CertSubjectCN`` is a Peppol Seat ID."""
        element = reporter(doc)
        value = _norm(_string(element))
        if element.get("schemeID") == SP_ID_SCHEME and not _seat_id(value):
            yield (
                element,
                (
                    f"[{ids[2]}] The layout of the certificate subject CN ({value}) is not a valid "
                    "Peppol Seat ID"
                ),
            )

    registry.rule(ids[0], "fatal", present_msg)(present)
    registry.rule(
        ids[1],
        "fatal",
        f"[{ids[1]}] The Reporter ID {scheme_word} (...) MUST be coded according to the code list",
    )(scheme)
    registry.rule(
        ids[2],
        "fatal",
        f"[{ids[2]}] The layout of the certificate subject CN (...) is not a valid Peppol Seat ID",
    )(seat)


_period_rules(TSR_RULES, T, "TSR", ("SCH-TSR-40", "SCH-TSR-41", "SCH-TSR-42"))
_reporter_rules(TSR_RULES, T, ("SCH-TSR-16", "SCH-TSR-17", "SCH-TSR-18"), "scheme")
_period_rules(EUSR_RULES, E, "EUSR", ("SCH-EUSR-16", "SCH-EUSR-17", "SCH-EUSR-18"))
_reporter_rules(EUSR_RULES, E, ("SCH-EUSR-06", "SCH-EUSR-07", "SCH-EUSR-08"), "scheme ID")


# -- TSR: keys ---------------------------------------------------------------------------


def _subtotal_keys(doc: Document) -> Iterator[Element]:
    for subtotal in _children(doc.root, T, "Subtotal"):
        yield from _children(subtotal, T, "Key")


@tsr_rule(
    "SCH-TSR-19",
    "fatal",
    "[SCH-TSR-19] The layout of the certificate subject CN is not a valid Peppol Seat ID",
)
def sch_tsr_19(doc: Document) -> Iterator[Element]:
    """Every subtotal key in the scheme ``CertSubjectCN`` is a Peppol Seat ID."""
    for key in _subtotal_keys(doc):
        if _attr(key, "schemeID") == SP_ID_SCHEME and not _seat_id(_norm(_string(key))):
            yield key


@tsr_rule(
    "SCH-TSR-20",
    "fatal",
    "[SCH-TSR-20] The country code MUST be coded with ISO code ISO 3166-1 alpha-2. "
    "Nevertheless, Greece may use the code 'EL', Kosovo may use the code 'XK' or '1A'.",
)
def sch_tsr_20(doc: Document) -> Iterator[Element]:
    """Every sender/receiver country key is in the country code list (``ZZ`` allowed)."""
    for key in _subtotal_keys(doc):
        if _attr(key, "schemeID") in ("SenderCountry", "ReceiverCountry") and not _code_in(
            _norm(_string(key)), TSR_COUNTRIES
        ):
            yield key


# -- TSR: subtotals ----------------------------------------------------------------------


def _scheme_and_value(keys: Sequence[Element]) -> str:
    """The official ``f:schemeAndValue``: ``scheme::value`` of the first key, or ``''``."""
    if not keys:
        return ""
    return f"{_attr(keys[0], 'schemeID')}::{_norm(keys[0].text)}"


_TSR_KEY_PARTS: dict[str, tuple[tuple[str | None, str | None], ...]] = {
    "PerTP": (("TP", None),),
    "PerSP-DT-PR": (("SP", None), ("DT", None), ("PR", None)),
    "PerSP-DT-PR-CC": (
        ("SP", None),
        ("DT", None),
        ("PR", None),
        (None, "SenderCountry"),
        (None, "ReceiverCountry"),
    ),
}


def _tsr_unique(kind: str, rule_id: str, name: str) -> None:
    parts = _TSR_KEY_PARTS[kind]

    def check(doc: Document) -> Iterator[Element]:
        subtotals = _typed(doc, T, "Subtotal", kind)
        index = Counter(
            "::".join(_scheme_and_value(_keys_where(s, T, meta, scheme)) for meta, scheme in parts)
            for s in subtotals
        )
        for subtotal in subtotals:
            choices = [_keys_where(subtotal, T, meta, scheme) for meta, scheme in parts]
            combos: list[list[str]] = [[]]
            for keys in choices:
                combos = [[*c, _scheme_and_value([k])] for c in combos for k in keys]
            if any(index["::".join(c)] != 1 for c in combos):
                yield subtotal

    check.__doc__ = f"Each combination of {name} occurs in one {kind} subtotal only."
    tsr_rule(
        rule_id,
        "fatal",
        f"[{rule_id}] Each {'' if kind == 'PerTP' else 'combination of '}{name} "
        "MUST occur only once.",
    )(check)


_tsr_unique("PerTP", "SCH-TSR-06", _NAME_TP)
_tsr_unique("PerSP-DT-PR", "SCH-TSR-10", _NAME_SPDTPR)
_tsr_unique("PerSP-DT-PR-CC", "SCH-TSR-14", _NAME_SPDTPRCC)


def _count_rule(
    registry: Registry,
    ns: str,
    element_name: str,
    kind: str,
    rule_id: str,
    text: str,
    expected: int,
    meta: str | None = None,
    scheme: str | None = None,
) -> None:
    names = _SUBTOTAL_NAMES if element_name == "Subtotal" else _SUBSET_NAMES

    def check(doc: Document) -> Iterator[tuple[Element, str]]:
        for element in _typed(doc, ns, element_name, kind):
            if len(_keys_where(element, ns, meta, scheme)) != expected:
                yield element, f"[{rule_id}] {names[kind]} {text}"

    check.__doc__ = f"A {kind} {element_name.lower()} {text}."
    registry.rule(rule_id, "fatal", f"[{rule_id}] {names[kind]} {text}")(check)


for _rid, _kind, _text, _n, _meta, _scheme in (
    ("SCH-TSR-21", "PerTP", "MUST have one Key element", 1, None, None),
    (
        "SCH-TSR-22",
        "PerTP",
        "MUST have one Key element with the meta scheme ID 'TP'",
        1,
        "TP",
        None,
    ),
    (
        "SCH-TSR-23",
        "PerTP",
        "MUST have one Key element with the scheme ID 'Peppol'",
        1,
        None,
        "Peppol",
    ),
    ("SCH-TSR-24", "PerSP-DT-PR", "MUST have three Key elements", 3, None, None),
    (
        "SCH-TSR-25",
        "PerSP-DT-PR",
        "MUST have one Key element with the meta scheme ID 'SP'",
        1,
        "SP",
        None,
    ),
    (
        "SCH-TSR-26",
        "PerSP-DT-PR",
        "MUST have one Key element with the meta scheme ID 'DT'",
        1,
        "DT",
        None,
    ),
    (
        "SCH-TSR-27",
        "PerSP-DT-PR",
        "MUST have one Key element with the meta scheme ID 'PR'",
        1,
        "PR",
        None,
    ),
    ("SCH-TSR-29", "PerSP-DT-PR-CC", "MUST have five Key elements", 5, None, None),
    (
        "SCH-TSR-30",
        "PerSP-DT-PR-CC",
        "MUST have one Key element with the meta scheme ID 'SP'",
        1,
        "SP",
        None,
    ),
    (
        "SCH-TSR-31",
        "PerSP-DT-PR-CC",
        "MUST have one Key element with the meta scheme ID 'DT'",
        1,
        "DT",
        None,
    ),
    (
        "SCH-TSR-32",
        "PerSP-DT-PR-CC",
        "MUST have one Key element with the meta scheme ID 'PR'",
        1,
        "PR",
        None,
    ),
    (
        "SCH-TSR-33",
        "PerSP-DT-PR-CC",
        "MUST have two Key elements with the meta scheme ID 'CC'",
        2,
        "CC",
        None,
    ),
):
    _count_rule(TSR_RULES, T, "Subtotal", _kind, _rid, _text, _n, _meta, _scheme)


def _tsr_sp_scheme(kind: str, rule_id: str) -> None:
    text = "MUST have one SP Key element with the scheme ID coded according to the code list"

    def check(doc: Document) -> Iterator[tuple[Element, str]]:
        for subtotal in _typed(doc, T, "Subtotal", kind):
            if not all(
                _code_in(_attr(k, "schemeID"), (SP_ID_SCHEME,))
                for k in _keys_where(subtotal, T, "SP")
            ):
                yield subtotal, f"[{rule_id}] {_SUBTOTAL_NAMES[kind]} {text}"

    check.__doc__ = f"Every SP key of a {kind} subtotal is in the scheme ``CertSubjectCN``."
    tsr_rule(rule_id, "fatal", f"[{rule_id}] {_SUBTOTAL_NAMES[kind]} {text}")(check)


_tsr_sp_scheme("PerSP-DT-PR", "SCH-TSR-28")
_tsr_sp_scheme("PerSP-DT-PR-CC", "SCH-TSR-34")


def _tsr_cc_scheme(rule_id: str, scheme: str) -> None:
    text = f"MUST have one CC Key element with the scheme ID '{scheme}'"
    kind = "PerSP-DT-PR-CC"

    def check(doc: Document) -> Iterator[tuple[Element, str]]:
        for subtotal in _typed(doc, T, "Subtotal", kind):
            if len(_keys_where(subtotal, T, "CC", scheme)) != 1:
                yield subtotal, f"[{rule_id}] {_SUBTOTAL_NAMES[kind]} {text}"

    check.__doc__ = f"A {kind} subtotal has one CC key in the scheme {scheme}."
    tsr_rule(rule_id, "fatal", f"[{rule_id}] {_SUBTOTAL_NAMES[kind]} {text}")(check)


_tsr_cc_scheme("SCH-TSR-35", "SenderCountry")
_tsr_cc_scheme("SCH-TSR-36", "ReceiverCountry")


@tsr_rule(
    "SCH-TSR-37",
    "fatal",
    "[SCH-TSR-37] The Subtotal type (...) MUST be coded according to the code list",
)
def sch_tsr_37(doc: Document) -> Iterator[tuple[Element, str]]:
    """Every subtotal's type is of the code list (once per subtotal)."""
    for subtotal in _children(doc.root, T, "Subtotal"):
        value = _attr(subtotal, "type")
        if not _code_in(value, TSR_SUBTOTAL_TYPES):
            yield (
                subtotal,
                (
                    f"[SCH-TSR-37] The Subtotal type ({value}) MUST be coded according to the "
                    "code list"
                ),
            )


@tsr_rule(
    "SCH-TSR-43",
    "fatal",
    "[SCH-TSR-43] " + _SUBTOTAL_NAMES["PerSP-DT-PR-CC"] + " MUST have a 'Outgoing' value of '0' "
    "because that data cannot be gathered",
)
def sch_tsr_43(doc: Document) -> Iterator[Element]:
    """A subtotal per countries counts no outgoing transactions: the sender does not know
    the receiver's country."""
    for subtotal in _typed(doc, T, "Subtotal", "PerSP-DT-PR-CC"):
        if _number(_child(subtotal, T, "Outgoing")) != 0:
            yield subtotal


# -- EUSR: the report --------------------------------------------------------------------

_COUNTS = ("SendingEndUsers", "ReceivingEndUsers", "SendingOrReceivingEndUsers")


def _full(doc: Document) -> tuple[int, int, int]:
    full = _child(doc.root, E, "FullSet")
    assert full is not None
    s, r, sr = (_number(_child(full, E, name)) for name in _COUNTS)
    return s, r, sr


def _eusr_empty(doc: Document) -> bool:
    s, r, _ = _full(doc)
    return s + r == 0


def _subsets(doc: Document) -> list[Element]:
    return _children(doc.root, E, "Subset")


def _subset_counts(subset: Element) -> tuple[int, int, int]:
    s, r, sr = (_number(_child(subset, E, name)) for name in _COUNTS)
    return s, r, sr


@eusr_rule(
    "SCH-EUSR-01",
    "fatal",
    "[SCH-EUSR-01] The customization ID MUST use the value "
    "'urn:fdc:peppol.eu:edec:trns:end-user-statistics-report:1.1'",
)
def sch_eusr_01(doc: Document) -> Iterator[Element]:
    """The customization ID is the one of EUSR 1.1."""
    if _norm(_string(_child(doc.root, E, "CustomizationID"))) != EUSR_CUSTOMIZATION_ID:
        yield doc.root


@eusr_rule(
    "SCH-EUSR-02",
    "fatal",
    "[SCH-EUSR-02] The profile ID MUST use the value 'urn:fdc:peppol.eu:edec:bis:reporting:1.0'",
)
def sch_eusr_02(doc: Document) -> Iterator[Element]:
    """The profile ID is the one of Peppol Reporting 1.0."""
    if _norm(_string(_child(doc.root, E, "ProfileID"))) != PROFILE_ID:
        yield doc.root


def _eusr_max(rule_id: str, which: int) -> None:
    name = _COUNTS[which]
    text = (
        f"[{rule_id}] The maximum of all subsets of {name} ({{}}) MUST be lower or equal to "
        f"FullSet/{name} ({{}})"
    )

    def check(doc: Document) -> Iterator[tuple[Element, str]]:
        if _eusr_empty(doc):
            return
        values = [_subset_counts(s)[which] for s in _subsets(doc)]
        full = _full(doc)[which]
        # max() of no subsets is the empty sequence, and "() le n" is false: the rule fires
        if not values or max(values) > full:
            yield doc.root, text.format(max(values) if values else "", full)

    check.__doc__ = f"Unless the report is empty, no subset counts more {name} than the full set."
    eusr_rule(rule_id, "fatal", text.format("...", "..."))(check)


_eusr_max("SCH-EUSR-03", 0)
_eusr_max("SCH-EUSR-04", 1)
_eusr_max("SCH-EUSR-22", 2)


@eusr_rule(
    "SCH-EUSR-19",
    "fatal",
    "[SCH-EUSR-19] The number of SendingOrReceivingEndUsers (...) MUST be lower or equal to "
    "the sum of the SendingEndUsers and ReceivingEndUsers (...)",
)
def sch_eusr_19(doc: Document) -> Iterator[tuple[Element, str]]:
    """The full set's senders-or-receivers are at most its senders plus its receivers."""
    s, r, sr = _full(doc)
    if not sr <= s + r:
        yield (
            doc.root,
            (
                f"[SCH-EUSR-19] The number of SendingOrReceivingEndUsers ({sr}) MUST be lower or "
                f"equal to the sum of the SendingEndUsers and ReceivingEndUsers ({s + r})"
            ),
        )


@eusr_rule(
    "SCH-EUSR-20",
    "fatal",
    "[SCH-EUSR-20] The number of SendingOrReceivingEndUsers (...) MUST be greater or equal to "
    "the number of SendingEndUsers (...)",
)
def sch_eusr_20(doc: Document) -> Iterator[tuple[Element, str]]:
    """The full set's senders-or-receivers are at least its senders."""
    s, _, sr = _full(doc)
    if not sr >= s:
        yield (
            doc.root,
            (
                f"[SCH-EUSR-20] The number of SendingOrReceivingEndUsers ({sr}) MUST be greater or "
                f"equal to the number of SendingEndUsers ({s})"
            ),
        )


@eusr_rule(
    "SCH-EUSR-21",
    "fatal",
    "[SCH-EUSR-21] The number of SendingOrReceivingEndUsers (...) MUST be greater or equal to "
    "the number of ReceivingEndUsers (...)",
)
def sch_eusr_21(doc: Document) -> Iterator[tuple[Element, str]]:
    """The full set's senders-or-receivers are at least its receivers."""
    _, r, sr = _full(doc)
    if not sr >= r:
        yield (
            doc.root,
            (
                f"[SCH-EUSR-21] The number of SendingOrReceivingEndUsers ({sr}) MUST be greater or "
                f"equal to the number of ReceivingEndUsers ({r})"
            ),
        )


def _eusr_exists(rule_id: str, kind: str, text: str) -> None:
    def check(doc: Document) -> Iterator[Element]:
        if not _eusr_empty(doc) and not _typed(doc, E, "Subset", kind):
            yield doc.root

    check.__doc__ = f"Unless the report is empty, there is a {kind} subset."
    eusr_rule(rule_id, "fatal", f"[{rule_id}] {text}")(check)


_eusr_exists(
    "SCH-EUSR-15", "PerDT-PR", "At least one subset per 'Dataset Type ID and Process ID' MUST exist"
)
_eusr_exists(
    "SCH-EUSR-37",
    "PerDT-EUC",
    "At least one subset per 'Dataset Type ID and End User Country' MUST exist",
)
_eusr_exists("SCH-EUSR-39", "PerEUC", "At least one subset per 'End User Country' MUST exist")

#: The key parts of each subset type's duplicate check: (meta scheme, scheme, with the scheme
#: in the signature). The official test compares ``scheme::value`` of DT and PR keys and the
#: value alone of the country key.
_EUSR_PARTS: dict[str, tuple[tuple[str | None, str | None, bool], ...]] = {
    "PerDT-PR": (("DT", None, True), ("PR", None, True)),
    "PerDT-PR-EUC": (("DT", None, True), ("PR", None, True), (None, "EndUserCountry", False)),
    "PerDT-EUC": (("DT", None, True), (None, "EndUserCountry", False)),
    "PerEUC": ((None, "EndUserCountry", False),),
}


def _eusr_unique(rule_id: str, kind: str, text: str) -> None:
    parts = _EUSR_PARTS[kind]

    def combos(subset: Element) -> list[str]:
        found: list[list[str]] = [[]]
        for meta, scheme, with_scheme in parts:
            values = [
                (
                    f"{_attr(k, 'schemeID')}::{_norm(_string(k))}"
                    if with_scheme
                    else _norm(_string(k))
                )
                for k in _keys_where(subset, E, meta, scheme)
            ]
            found = [[*c, v] for c in found for v in values]
        return ["::".join(c) for c in found]

    def check(doc: Document) -> Iterator[Element]:
        signatures = [set(combos(s)) for s in _typed(doc, E, "Subset", kind)]
        # The official test counts, for each combination of each subset, the subsets all of
        # whose combinations equal it: those with exactly that one combination, and those
        # with none at all ("every" over nothing is true). Counted in one pass, not n * n.
        without = sum(1 for sig in signatures if not sig)
        alone = Counter(next(iter(sig)) for sig in signatures if len(sig) == 1)
        if any(alone[target] + without != 1 for sig in signatures for target in sig):
            yield doc.root

    check.__doc__ = f"Each key combination of a {kind} subset occurs once."
    eusr_rule(rule_id, "fatal", f"[{rule_id}] {text}")(check)


_eusr_unique(
    "SCH-EUSR-13",
    "PerDT-PR",
    "Each combination of 'Dataset Type ID and Process ID' MUST occur only once.",
)
_eusr_unique(
    "SCH-EUSR-29",
    "PerDT-PR-EUC",
    "Each combination of 'Dataset Type ID, Process ID and End User Country' MUST occur only once.",
)
_eusr_unique(
    "SCH-EUSR-38",
    "PerDT-EUC",
    "Each combination of 'Dataset Type ID and End User Country' MUST occur only once.",
)
_eusr_unique("SCH-EUSR-40", "PerEUC", "Each 'End User Country' MUST occur only once.")


@eusr_rule("SCH-EUSR-14", "fatal", "[SCH-EUSR-14] Only allowed subset types MUST be used.")
def sch_eusr_14(doc: Document) -> Iterator[Element]:
    """Every subset is of a type of the code list (once per report)."""
    if any(_attr(s, "type") not in EUSR_SUBSET_TYPES for s in _subsets(doc)):
        yield doc.root


def _eusr_each(rule_id: str, text: str, test: Callable[[int, int, int], bool]) -> None:
    def check(doc: Document) -> Iterator[Element]:
        if not all(test(*_subset_counts(s)) for s in _subsets(doc)):
            yield doc.root

    check.__doc__ = f"Every subset: {text}"
    eusr_rule(rule_id, "fatal", f"[{rule_id}] {text}")(check)


_eusr_each(
    "SCH-EUSR-33",
    "The number of each Subset/SendingOrReceivingEndUsers MUST be lower or equal to the sum of "
    "the Subset/SendingEndUsers plus Subset/ReceivingEndUsers",
    lambda s, r, sr: sr <= s + r,
)
_eusr_each(
    "SCH-EUSR-34",
    "The number of each Subset/SendingOrReceivingEndUsers MUST be greater or equal to the "
    "number of Subset/SendingEndUsers (...)",
    lambda s, r, sr: sr >= s,
)
_eusr_each(
    "SCH-EUSR-35",
    "The number of each Subset/SendingOrReceivingEndUsers MUST be greater or equal to the "
    "number of Subset/ReceivingEndUsers (...)",
    lambda s, r, sr: sr >= r,
)
_eusr_each(
    "SCH-EUSR-36",
    "The number of each Subset/SendingOrReceivingEndUsers MUST be greater then zero, "
    "otherwise it MUST be omitted",
    lambda s, r, sr: sr > 0,
)


@eusr_rule(
    "SCH-EUSR-30",
    "fatal",
    "[SCH-EUSR-30] The country code MUST be coded with ISO code ISO 3166-1 alpha-2. "
    "Nevertheless, Greece may use the code 'EL', Kosovo may use the code 'XK' or '1A'.",
)
def sch_eusr_30(doc: Document) -> Iterator[Element]:
    """Every end user country key is in the country code list (``ZZ`` is not)."""
    for subset in _subsets(doc):
        for key in _keys_where(subset, E, None, "EndUserCountry"):
            if not _code_in(_norm(_string(key)), COUNTRIES):
                yield key


for _rid, _kind, _text, _n, _meta, _scheme in (
    ("SCH-EUSR-09", "PerDT-PR", "MUST have two Key elements", 2, None, None),
    (
        "SCH-EUSR-10",
        "PerDT-PR",
        "MUST have one Key element with the meta scheme ID 'DT'",
        1,
        "DT",
        None,
    ),
    (
        "SCH-EUSR-11",
        "PerDT-PR",
        "MUST have one Key element with the meta scheme ID 'PR'",
        1,
        "PR",
        None,
    ),
    ("SCH-EUSR-23", "PerDT-PR-EUC", "MUST have three Key elements", 3, None, None),
    (
        "SCH-EUSR-24",
        "PerDT-PR-EUC",
        "MUST have one Key element with the meta scheme ID 'DT'",
        1,
        "DT",
        None,
    ),
    (
        "SCH-EUSR-25",
        "PerDT-PR-EUC",
        "MUST have one Key element with the meta scheme ID 'PR'",
        1,
        "PR",
        None,
    ),
    (
        "SCH-EUSR-26",
        "PerDT-PR-EUC",
        "MUST have one Key element with the meta scheme ID 'CC'",
        1,
        "CC",
        None,
    ),
    (
        "SCH-EUSR-27",
        "PerDT-PR-EUC",
        "MUST have one CC Key element with the scheme ID 'EndUserCountry'",
        1,
        "CC",
        "EndUserCountry",
    ),
    ("SCH-EUSR-41", "PerDT-EUC", "MUST have two Key elements", 2, None, None),
    (
        "SCH-EUSR-42",
        "PerDT-EUC",
        "MUST have one Key element with the meta scheme ID 'DT'",
        1,
        "DT",
        None,
    ),
    (
        "SCH-EUSR-43",
        "PerDT-EUC",
        "MUST have one Key element with the meta scheme ID 'CC'",
        1,
        "CC",
        None,
    ),
    (
        "SCH-EUSR-44",
        "PerDT-EUC",
        "MUST have one CC Key element with the scheme ID 'EndUserCountry'",
        1,
        "CC",
        "EndUserCountry",
    ),
    ("SCH-EUSR-45", "PerEUC", "MUST have one Key element", 1, None, None),
    (
        "SCH-EUSR-46",
        "PerEUC",
        "MUST have one Key element with the meta scheme ID 'CC'",
        1,
        "CC",
        None,
    ),
    (
        "SCH-EUSR-47",
        "PerEUC",
        "MUST have one CC Key element with the scheme ID 'EndUserCountry'",
        1,
        "CC",
        "EndUserCountry",
    ),
):
    _count_rule(EUSR_RULES, E, "Subset", _kind, _rid, _text, _n, _meta, _scheme)


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


def _rule_number(rule_id: str) -> int:
    return int(rule_id.rsplit("-", 1)[1])


@dataclass(frozen=True, slots=True)
class Report:
    """The result of :func:`validate`: which report it is and every finding."""

    kind: str  # "TSR" or "EUSR"
    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.FATAL for f in self.findings)

    @property
    def rule_ids(self) -> set[str]:
        return {f.rule for f in self.findings}


_KINDS = {
    f"{{{TSR_NS}}}TransactionStatisticsReport": ("TSR", TSR_NS, TSR_RULES),
    f"{{{EUSR_NS}}}EndUserStatisticsReport": ("EUSR", EUSR_NS, EUSR_RULES),
}


def validate(data: bytes | etree._Element, *, source: str | None = None) -> Report:
    """Validate a TSR 1.0 or EUSR 1.1 document: its structure (the XSD), then the official
    rules. ``data`` is the document's bytes (parsed through :mod:`heldigital.xml`) or an
    already parsed root element. Raises :class:`heldigital.xml.DocumentError` for bytes that
    are not acceptable XML and :class:`ValueError` for a document that is neither report."""
    root = hxml.parse(data, source=source).getroot() if isinstance(data, bytes) else data
    kind = _KINDS.get(str(root.tag))
    if kind is None:
        raise ValueError(
            f"not a Peppol TSR 1.0 or EUSR 1.1 report: the root element is {root.tag!r}"
        )
    name, ns, registry = kind
    doc = Document(root)
    structure = [
        Finding("XSD", Severity.FATAL, doc.location(element), message)
        for element, message in _structure(root, ns)
    ]
    if structure:
        return Report(name, tuple(structure))
    findings: list[Finding] = []
    for rule_ in sorted(registry, key=lambda r: _rule_number(r.id)):
        findings.extend(rule_.run(doc))
    return Report(name, tuple(findings))
