"""Import an ESPD response made elsewhere (ESPD-EDM 4.1.0 or 2.1.1), with a report.

An imported response is never attached as it is: its answers are carried
into the form for the procurement's own ESPD request (:mod:`.form`), and the
supplier attaches the response the platform builds from them - the writer
whose output the official ESPD-EDM 4.1.0 rules accept. The import says what
it found wrong in the original and what could not be carried over:

* :func:`check_response` - native checks of ESPD-EDM 4.1.0 response rules,
  each named by its official id (BR-LOT-10, BR-RESP-10-02 to -07,
  BR-TCR-01-02, -04, -06-01/02, -07-01/02, -08-*, -09, BR-OTH-01-10/20/30).
  ``tests/official/test_espd_form_official.py`` shows that they fire exactly
  where the official XSLTs do, on valid documents and on mutations.
* :func:`import_response` - reads a 4.x response, or a 2.1.1 one (UBL 2.2,
  criteria identified by the same UUIDs as in 4.1.0; each answered question
  is matched to the 4.1.0 question of the same criterion with the same text
  and data type, in order), and adds findings against the request: another
  procedure, criteria the request does not ask, requested criteria left
  unanswered, questions with no 4.1.0 counterpart.

Every XML document is read by :mod:`heldigital.xml`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

from heldigital import xml

from .criteria import CATALOGUE, Criterion, Section, by_id
from .documents import (
    CAC,
    CBC,
    NS,
    REQ,
    RESP,
    CriterionResponse,
    EspdResponse,
    Value,
    _date,
    _party_of,
    _text,
    _values,
    parse_request,
    parse_response,
)
from .model import EspdError, Evidence
from .taxonomy import walk

__all__ = ["RULES", "Finding", "ImportRefused", "Imported", "check_response", "import_response"]

V2_RESP = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"


class ImportRefused(EspdError):
    """The file is no ESPD response that can be imported: ``code`` says why (``request``:
    an ESPD request; ``not-espd``: another document, ``detail`` its root element;
    ``version``: an ESPD-EDM version other than 2.1.1 and 4.x, ``detail`` the version)."""

    def __init__(self, code: str, detail: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Finding:
    """One thing the import found: the rule (official id or ``HD-ESPD-*``), how bad, where."""

    rule: str
    severity: str  # "fatal" (the official flag), "error", "warning", "info"
    message: str  # English; the web layer words ``rule`` in the user's language
    where: str = ""  # a property id, criterion code or element name

    @property
    def official(self) -> bool:
        return self.rule.startswith("BR-")


@dataclass(frozen=True)
class Imported:
    """An imported response: its version, the answers in 4.1.0 terms, and the findings."""

    version: str
    response: EspdResponse | None
    findings: tuple[Finding, ...]
    criteria: tuple[str, ...] = ()  # codes of the request's criteria it answers

    @property
    def usable(self) -> bool:
        return self.response is not None


# --- native checks of ESPD-EDM 4.1.0 response rules ------------------------------------------

#: BR-TCR-08: the element each data type's answer must have (rule suffix, test).
_BR_TCR_08 = {
    "AMOUNT": ("01", "cac:ResponseValue/cbc:ResponseAmount"),
    "CODE": ("02", "cac:ResponseValue/cbc:ResponseCode"),
    "CODE_COUNTRY": ("03", "cac:ResponseValue/cbc:ResponseCode"),
    "DATE": ("04", "cac:ResponseValue/cbc:ResponseDate"),
    "DESCRIPTION": ("05", "cac:ResponseValue/cbc:Description"),
    "EVIDENCE_IDENTIFIER": ("06", "cac:EvidenceSupplied/cbc:ID"),
    "INDICATOR": ("07", "cac:ResponseValue/cbc:ResponseIndicator"),
    "PERIOD": ("09", "cac:ApplicablePeriod"),
    "QUANTITY_INTEGER": ("10", "cac:ResponseValue/cbc:ResponseQuantity"),
    "QUANTITY": ("12", "cac:ResponseValue/cbc:ResponseQuantity"),
    "QUAL_IDENTIFIER": ("25", "cac:ResponseValue/cbc:ResponseID"),
    "URL": ("14", "cac:ResponseValue/cbc:ResponseURI"),
    "ECONOMIC_OPERATOR_IDENTIFIER": ("22", "cac:ResponseValue/cbc:ResponseID"),
}
#: Every official rule id :func:`check_response` checks.
RULES = frozenset(
    {
        "BR-LOT-10",
        *(f"BR-RESP-10-0{n}" for n in range(2, 8)),
        "BR-RESP-40",
        "BR-TCR-01-02",
        "BR-TCR-04",
        "BR-TCR-06-01",
        "BR-TCR-06-02",
        "BR-TCR-07-01",
        "BR-TCR-07-02",
        *(f"BR-TCR-08-{n}" for n in ("01", "02", "03", "04", "05", "06", "07", "08", "09")),
        *(f"BR-TCR-08-{n}" for n in ("10", "11", "12", "14", "22", "25")),
        "BR-TCR-09",
        "BR-OTH-01-10",
        "BR-OTH-01-20",
        "BR-OTH-01-30",
    }
)
#: BR-OTH-01: code elements that must carry listID, listAgencyID and listVersionID.
_CODED = (
    "ExpectedCode",
    "IdentificationCode",
    "DocumentTypeCode",
    "ValueCurrencyCode",
    "ProcedureCode",
    "ProcurementTypeCode",
    "ProcurementSubTypeCode",
)


def _rules_on(root: etree._Element) -> list[Finding]:
    findings: list[Finding] = []
    lots = root.findall("cac:ProcurementProjectLot/cbc:ID", NS)
    if len(lots) != 1:
        findings.append(
            Finding("BR-LOT-10", "fatal", "The lot the EO tenders for MUST be provided.")
        )
    for operator in root.findall("cac:EconomicOperatorParty", NS):
        if operator.find("cac:EconomicOperatorRole", NS) is None:
            findings.append(
                Finding(
                    "BR-RESP-10-02", "error", "The function of the economic operator is mandatory."
                )
            )
        if operator.find("cac:EconomicOperatorRole/cbc:RoleCode", NS) is None:
            findings.append(
                Finding("BR-RESP-10-03", "error", "The role of the economic operator is mandatory.")
            )
        for party in operator.findall("cac:Party", NS):
            for rule, path, what in (
                ("BR-RESP-10-04", "cac:PartyIdentification/cbc:ID", "An identifier"),
                ("BR-RESP-10-05", "cac:PartyName/cbc:Name", "The name"),
                ("BR-RESP-10-06", "cbc:IndustryClassificationCode", "The size of the company"),
                (
                    "BR-RESP-10-07",
                    "cac:PostalAddress/cac:Country/cbc:IdentificationCode",
                    "The country",
                ),
            ):
                if party.find(path, NS) is None:
                    findings.append(
                        Finding(rule, "error", f"{what} of the economic operator is mandatory.")
                    )
    for name in _CODED:
        for element in root.iter(f"{{{CBC}}}{name}"):
            for suffix, attribute in (
                ("10", "listID"),
                ("20", "listAgencyID"),
                ("30", "listVersionID"),
            ):
                if element.get(attribute) is None:
                    findings.append(
                        Finding(
                            f"BR-OTH-01-{suffix}",
                            "fatal",
                            f"The attribute {attribute} is mandatory for the element: "
                            f"'cbc:{name}'.",
                            f"cbc:{name}",
                        )
                    )
    # the criterion tree the response repeats
    datatype: dict[str, str] = {}
    for prop in root.iter(f"{{{CAC}}}TenderingCriterionProperty"):
        datatype.setdefault(_text(prop, "cbc:ID"), _text(prop, "cbc:ValueDataTypeCode"))
    prop_ids: dict[str, int] = defaultdict(int)
    for prop in root.iter(f"{{{CAC}}}TenderingCriterionProperty"):
        prop_ids[_text(prop, "cbc:ID")] += 1
    evidence_ids = {_text(e, "cbc:ID") for e in root.findall("cac:Evidence", NS)}
    answered: dict[str, list[etree._Element]] = defaultdict(list)
    for response in root.findall("cac:TenderingCriterionResponse", NS):
        prop_id = _text(response, "cbc:ValidatedCriterionPropertyID")
        answered[prop_id].append(response)
        if len(response.findall("cac:ResponseValue", NS)) > 1:
            findings.append(
                Finding("BR-TCR-04", "fatal", "Only one response value is admitted.", prop_id)
            )
        if response.find("cbc:ValidatedCriterionPropertyID", NS) is not None and (
            prop_ids.get(prop_id, 0) != 1
        ):
            findings.append(
                Finding(
                    "BR-TCR-01-02",
                    "fatal",
                    f"The criterion response {prop_id!r} does not refer to a criterion property.",
                    prop_id,
                )
            )
        for supplied in response.findall("cac:EvidenceSupplied/cbc:ID", NS):
            if (supplied.text or "").strip() not in evidence_ids:
                findings.append(
                    Finding(
                        "BR-TCR-09",
                        "fatal",
                        "The evidence response does not refer to an evidence (cac:Evidence).",
                        prop_id,
                    )
                )
        kind = datatype.get(prop_id)
        expected = _BR_TCR_08.get(kind or "")
        if expected is not None and response.find(expected[1], NS) is None:
            findings.append(
                Finding(
                    f"BR-TCR-08-{expected[0]}",
                    "fatal",
                    f"The type of answer expected is {kind!r} ({expected[1]}).",
                    prop_id,
                )
            )
        elif kind == "QUANTITY_YEAR" and not any(
            q.get("unitCode") == "YEAR"
            for q in response.findall("cac:ResponseValue/cbc:ResponseQuantity", NS)
        ):
            findings.append(
                Finding(
                    "BR-TCR-08-11",
                    "fatal",
                    "The type of answer expected is 'QUANTITY_YEAR'.",
                    prop_id,
                )
            )
        elif kind == "PERCENTAGE" and not any(
            q.get("format") == "PERCENTAGE"
            for q in response.findall("cac:ResponseValue/cbc:ResponseNumeric", NS)
        ):
            findings.append(
                Finding(
                    "BR-TCR-08-08", "fatal", "The type of answer expected is 'PERCENTAGE'.", prop_id
                )
            )

    for criterion_element in root.findall("cac:TenderingCriterion", NS):
        criterion = CATALOGUE.get(_text(criterion_element, "cbc:CriterionTypeCode"))
        if criterion is None or criterion.section is not Section.SELECTION:
            continue
        questions = {
            _text(p, "cbc:ID")
            for p in criterion_element.iter(f"{{{CAC}}}TenderingCriterionProperty")
            if _text(p, "cbc:TypeCode") == "QUESTION"
        }
        if not questions & set(answered):
            findings.append(
                Finding(
                    "BR-RESP-40",
                    "warning",
                    "Information about compliance of selection criteria MUST be provided: "
                    f"{criterion.code}",
                    criterion.code,
                )
            )

    def indicators(prop_id: str) -> set[bool]:
        found = set()
        for response in answered.get(prop_id, ()):
            for value in response.findall("cac:ResponseValue/cbc:ResponseIndicator", NS):
                text = (value.text or "").strip()
                if text in ("true", "1"):
                    found.add(True)
                elif text in ("false", "0"):
                    found.add(False)
        return found

    for group in root.iter(f"{{{CAC}}}SubsidiaryTenderingCriterionPropertyGroup"):
        code = _text(group, "cbc:PropertyGroupTypeCode")
        if code not in ("ONTRUE", "ONFALSE"):
            continue
        parent = group.getparent()
        parents = (
            [_text(p, "cbc:ID") for p in parent.findall("cac:TenderingCriterionProperty", NS)]
            if parent is not None
            else []
        )
        given: set[bool] = set().union(*(indicators(p) for p in parents))
        opens = code == "ONTRUE"
        rule = "BR-TCR-06" if opens else "BR-TCR-07"
        for prop in group.findall("cac:TenderingCriterionProperty", NS):
            prop_id = _text(prop, "cbc:ID")
            count = len(answered.get(prop_id, ()))
            if opens in given and (count == 0 if opens else count != 1):
                findings.append(
                    Finding(
                        f"{rule}-01",
                        "fatal",
                        f"With that answer, {prop_id!r} must be answered as well.",
                        prop_id,
                    )
                )
            if (not opens) in given and count != 0:
                findings.append(
                    Finding(
                        f"{rule}-02",
                        "fatal",
                        f"With that answer, {prop_id!r} must not be answered.",
                        prop_id,
                    )
                )
    return findings


def check_response(data: bytes, *, source: str | None = None) -> list[Finding]:
    """The ESPD-EDM 4.1.0 response rules this module checks natively, on ``data``.

    Raises :class:`~heldigital.xml.DocumentError` for input that is not XML and
    :class:`EspdError` for XML that is not an ESPD response.
    """
    root = xml.parse(data, source=source).getroot()
    if root.tag != f"{{{RESP}}}QualificationApplicationResponse":
        raise EspdError(f"not an ESPD response: {etree.QName(root).localname}")
    return _rules_on(root)


# --- import --------------------------------------------------------------------------------


def _version(root: etree._Element) -> str:
    """``4.x`` as written, ``2.1.1`` for any UBL 2.2 response (ESPD-EDM 2.x is UBL 2.2;
    the official EXTENDED 2.1.1 example says ``VersionID`` 1.0), else what it says."""
    version = _text(root, "cbc:VersionID") or ""
    if _text(root, "cbc:ProfileExecutionID").startswith("ESPD-EDMv4") and not version:
        return "4.1.0"
    if not version.startswith("4.") and _text(root, "cbc:UBLVersionID") == "2.2":
        return "2.1.1"
    return version


def _normal(text: str) -> str:
    """Question text compared case-, quote- and punctuation-insensitively."""
    return " ".join(text.lower().replace('"', "").strip().rstrip("?:").split())


#: 2.1.1 question texts (normalised) -> the 4.1.0 texts of the same question, tried in
#: order within the same criterion and data type. Read off the official 2.1.1 examples
#: against the 4.1.0 taxonomy.
_V2_ALIASES: dict[str, tuple[str, ...]] = {
    "start date and end date": ("start date; end date", "period (start and end dates)"),
    "description": ("reference description", "please describe them", "[description]"),
    "amount": ("total amount",),
    "recipients": ("recipient name",),
    "average turnover": ("average for the required period",),
    "if yes, please describe them": ("please describe them", "registration number"),
    "indicate whether the economic operator has it": ("your answer",),
    "has the economic operator fulfilled its obligations by paying or entering into a "
    "binding arrangement with a view to paying the taxes or social security contributions "
    "due, including, where applicable, any interest accrued or fines": (
        "has the economic operator fulfilled its obligations by paying or entering into a "
        "binding arrangement with a view to paying the taxes contributions due, including, "
        "where applicable, any interest accrued or fines",
        "has the economic operator fulfilled its obligations by paying or entering into a "
        "binding arrangement with a view to paying the social security contributions due, "
        "including, where applicable, any interest accrued or fines",
    ),
}


def _v2_criteria(root: etree._Element) -> tuple[dict[str, CriterionResponse], list[Finding]]:
    """Answers of a 2.1.1 response in 4.1.0 property ids (see the module docstring)."""
    findings: list[Finding] = []
    owner: dict[str, tuple[Criterion, str]] = {}  # v2 property UUID -> (criterion, v4 prop id)
    unknown: dict[str, str] = {}  # v2 property UUID -> criterion name (not in 4.1.0)
    for element in root.findall("cac:TenderingCriterion", NS):
        criterion = by_id(_text(element, "cbc:ID"))
        if criterion is None:
            name = _text(element, "cbc:Name") or _text(element, "cbc:ID")
            for prop in element.iter(f"{{{CAC}}}TenderingCriterionProperty"):
                unknown[_text(prop, "cbc:ID")] = name
            continue
        targets: dict[tuple[str, str], list[str]] = defaultdict(list)
        for question in walk(criterion.entry):
            if question.type == "QUESTION":
                targets[(_normal(question.description), question.datatype)].append(question.id)
        used: dict[tuple[str, str], int] = defaultdict(int)
        for prop in element.iter(f"{{{CAC}}}TenderingCriterionProperty"):
            if _text(prop, "cbc:TypeCode") != "QUESTION":
                continue
            datatype = _text(prop, "cbc:ValueDataTypeCode")
            text = _normal(_text(prop, "cbc:Description"))
            key = next(
                (
                    (alias, datatype)
                    for alias in (text, *_V2_ALIASES.get(text, ()))
                    if used[(alias, datatype)] < len(targets.get((alias, datatype), ()))
                ),
                (text, datatype),
            )
            index = used[key]
            used[key] += 1
            if index < len(targets.get(key, ())):
                owner[_text(prop, "cbc:ID")] = (criterion, targets[key][index])
            else:
                unknown[_text(prop, "cbc:ID")] = criterion.code
    grouped: dict[str, list[Value]] = defaultdict(list)
    lost: dict[str, int] = defaultdict(int)
    for response in root.findall("cac:TenderingCriterionResponse", NS):
        prop_id = _text(response, "cbc:ValidatedCriterionPropertyID")
        if prop_id in owner:
            criterion, target = owner[prop_id]
            for value in _values(response):
                grouped[criterion.code].append(
                    Value(target, value.kind, value.value, value.currency, value.lot)
                )
        else:
            lost[unknown.get(prop_id, "?")] += 1
    for where, count in sorted(lost.items()):
        findings.append(
            Finding(
                "HD-ESPD-V2-UNMAPPED",
                "warning",
                f"{count} answer(s) of criterion {where!r} have no question in ESPD-EDM 4.1.0 "
                "and are not carried over",
                where,
            )
        )
    criteria = {
        code: CriterionResponse(
            criterion_id=CATALOGUE[code].id,
            code=code,
            name=CATALOGUE[code].name,
            criterion=CATALOGUE[code],
            values=tuple(values),
        )
        for code, values in grouped.items()
    }
    return criteria, findings


def _evidence(root: etree._Element) -> dict[str, Evidence]:
    found = {}
    for element in root.findall("cac:Evidence", NS):
        ident = _text(element, "cbc:ID")
        uri = _text(element, "cac:DocumentReference/cac:Attachment/cac:ExternalReference/cbc:URI")
        if ident and uri:
            found[ident] = Evidence(
                id=ident,
                uri=uri,
                issuer=_text(
                    element, "cac:DocumentReference/cac:IssuerParty/cac:PartyName/cbc:Name"
                ),
                reference=_text(element, "cac:DocumentReference/cbc:ID"),
            )
    return found


def import_response(data: bytes, *, request_xml: bytes, source: str | None = None) -> Imported:
    """Read the response ``data`` for the ESPD request ``request_xml`` and report on it.

    Raises :class:`~heldigital.xml.DocumentError` (not XML) and :class:`EspdError`
    (not an ESPD response, or a version other than 2.1.1 and 4.x) with the
    reason; everything else is a :class:`Finding`.
    """
    root = xml.parse(data, source=source).getroot()
    if root.tag not in (
        f"{{{RESP}}}QualificationApplicationResponse",
        f"{{{V2_RESP}}}QualificationApplicationResponse",
    ):
        if root.tag == f"{{{REQ}}}QualificationApplicationRequest":
            raise ImportRefused("request", "", "this is an ESPD request, not a response")
        name = etree.QName(root).localname
        raise ImportRefused("not-espd", name, f"not an ESPD response: {name}")
    version = _version(root)
    findings: list[Finding] = []
    if version.startswith("4."):
        findings.extend(_rules_on(root))
        response = parse_response(data, source=source)
    elif version == "2.1.1":
        criteria, lost = _v2_criteria(root)
        findings.append(
            Finding(
                "HD-ESPD-V2",
                "info",
                "ESPD-EDM 2.1.1: the answers are carried over to ESPD-EDM 4.1.0 by criterion "
                "and question text",
            )
        )
        findings.extend(lost)
        response = EspdResponse(
            document_id=_text(root, "cbc:ID"),
            uuid=_text(root, "cbc:UUID"),
            procedure_id=_text(root, "cbc:ContractFolderID"),
            issued=_date(_text(root, "cbc:IssueDate"), "IssueDate"),
            operator=_party_of(root.find("cac:EconomicOperatorParty/cac:Party", NS)),
            buyer=_party_of(root.find("cac:ContractingParty/cac:Party", NS)),
            criteria=criteria,
            requested=tuple(criteria),
            evidence=_evidence(root),
        )
    else:
        raise ImportRefused(
            "version",
            version or "-",
            f"ESPD-EDM version {version or '(none)'} cannot be imported (2.1.1 or 4.x)",
        )
    request = parse_request(request_xml)
    if response.procedure_id != request.procedure_id:
        findings.append(
            Finding(
                "HD-ESPD-PROCEDURE",
                "warning",
                f"The response is for procedure {response.procedure_id!r}, not "
                f"{request.procedure_id!r}: check every answer",
                response.procedure_id,
            )
        )
    requested = [r.criterion for r in request.requirements]
    for code in response.criteria:
        if code not in requested:
            findings.append(
                Finding(
                    "HD-ESPD-NOT-REQUESTED",
                    "info",
                    f"Criterion {code!r} is not asked in this procurement; its answers are left "
                    "out",
                    code,
                )
            )
    for code in requested:
        criterion = CATALOGUE[code]
        answer = response.answer(code)
        main = criterion.roles.answer if criterion.section is Section.EXCLUSION else None
        if answer is None or (main is not None and not answer.of(main)):
            findings.append(
                Finding(
                    "HD-ESPD-UNANSWERED",
                    "warning",
                    f"Criterion {code!r} is asked in this procurement but not answered",
                    code,
                )
            )
    answered = tuple(code for code in requested if code in response.criteria)
    return Imported(version, response, tuple(findings), answered)
