"""ESPD (European Single Procurement Document) for Heldigital - ESPD-EDM v4.1.0.

Pure library (no Django). Version choice and its reasons: docs/espd.md.

Top-level calls::

    from heldigital import espd

    espd.criteria.get("gen-year-to")                 # the catalogue: UUID, code, legal basis
    xml = espd.request(
        espd.Procurement(procedure_id=..., title=..., description=..., buyer=espd.Party(...)),
        [espd.Requirement(criterion="gen-year-to", minimum_amount=Decimal("5000000"), years=3)],
        issued=now,
    )                                                 # mandatory exclusion grounds are added
    req = espd.parse_request(xml)                     # requirements with thresholds back
    answer = espd.response(
        xml,
        [espd.Answer(criterion="crime-org", indicator=False),
         espd.Answer(criterion="gen-year-to", yearly=(espd.YearAmount(...), ...))],
        operator=espd.Party(name=..., orgnr=...),
        issued=now,
    )
    parsed = espd.parse_response(answer)              # parsed.answer("gen-year-to").yearly

:func:`heldigital.decisions.qualification.qualify` takes ``req.requirements``
and ``parsed`` and decides per requirement.
"""

from . import criteria, names
from .criteria import Category, Criterion, Section, Threshold
from .documents import (
    CriterionResponse,
    EspdRequest,
    EspdResponse,
    Value,
    parse_request,
    parse_response,
    request,
    response,
)
from .model import (
    VALUE_TYPES,
    Answer,
    EspdError,
    Evidence,
    Party,
    Period,
    Procurement,
    Reference,
    Requirement,
    YearAmount,
)

__all__ = [
    "VALUE_TYPES",
    "Answer",
    "Category",
    "Criterion",
    "CriterionResponse",
    "EspdError",
    "EspdRequest",
    "EspdResponse",
    "Evidence",
    "Party",
    "Period",
    "Procurement",
    "Reference",
    "Requirement",
    "Section",
    "Threshold",
    "Value",
    "YearAmount",
    "criteria",
    "names",
    "parse_request",
    "parse_response",
    "request",
    "response",
]
