"""The ESPD response as a form: questions from the request, answers from posted fields.

Pure (no Django): the web layer renders :func:`layout` and turns the
:class:`Problem` codes into messages in the user's language.

* :func:`layout` lists the questions of one requested criterion that are
  *open* given the answers so far: the questions of every ``ON*`` group, and
  those of an ``ONTRUE``/``ONFALSE`` group only when the yes/no question
  before it has that answer - exactly the questions ESPD-EDM BR-TCR-06/07
  allow. Follow-up questions of an open ``ONTRUE``/``ONFALSE`` group are
  required (those rules make them mandatory), and so is each exclusion
  ground's main yes/no ("Your answer"), which qualification needs.
* :func:`read` turns posted fields (strings by field name) into
  :class:`~heldigital.espd.Answer` objects answering by property id, and a
  :class:`Problem` per field that is missing or not a valid value. Values of
  questions that are not open are ignored, so a page without JavaScript,
  which shows a closed group's fields, still gives a valid response.
* :func:`prefill` gives the field values of an existing response (an import),
  for the questions of the request.

Field names: ``q:<property id>`` for one value; periods add ``:start`` and
``:end``; amounts ``:currency``; evidence (eCertis style: where the buyer
can check the answer) ``:uri``, ``:issuer`` and ``:reference``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from stdnum.no import orgnr as no_orgnr

from .criteria import Criterion, Section, Threshold, get
from .documents import CriterionResponse, EspdResponse
from .model import Answer, EspdError, Evidence, Period, Reference, YearAmount
from .taxonomy import Group, Prop

__all__ = [
    "Filled",
    "Problem",
    "Question",
    "field_names",
    "layout",
    "prefill",
    "read",
]

#: Data types the form asks for; a question of another type is left out (none in v4.1.0).
ASKED = frozenset(
    {
        "INDICATOR",
        "DESCRIPTION",
        "AMOUNT",
        "DATE",
        "PERIOD",
        "QUANTITY",
        "QUANTITY_INTEGER",
        "QUANTITY_YEAR",
        "PERCENTAGE",
        "CODE_COUNTRY",
        "CODE",
        "URL",
        "ECONOMIC_OPERATOR_IDENTIFIER",
        "QUAL_IDENTIFIER",
        "EVIDENCE_IDENTIFIER",
    }
)
_MAX_TEXT = 4000


@dataclass(frozen=True)
class Problem:
    """Why a field's value is refused: a code the web layer words, and its parameters.

    Codes: ``required``, ``choose``, ``number``, ``negative``, ``integer``,
    ``date``, ``period-order``, ``country``, ``currency``, ``url``, ``orgnr``,
    ``too-long``.
    """

    code: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Question:
    """One open question of a criterion, as the form shows it."""

    prop: Prop
    depth: int  # nesting below the criterion (for indentation)
    required: bool
    instance: int = 1  # repeated questions (financial years, references): 1, 2, ...

    @property
    def name(self) -> str:
        suffix = f"@{self.instance}" if self.instance > 1 else ""
        return f"q:{self.prop.id}{suffix}"

    @property
    def datatype(self) -> str:
        return self.prop.datatype


@dataclass
class Filled:
    """The answers read from a form, and the problems per field name."""

    answers: list[Answer] = field(default_factory=list)
    problems: dict[str, Problem] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def field_names(question: Question) -> tuple[str, ...]:
    """Every posted field name of a question."""
    name = question.name
    kind = question.datatype
    if kind == "PERIOD":
        return (f"{name}:start", f"{name}:end")
    if kind == "AMOUNT":
        return (name, f"{name}:currency")
    if kind == "EVIDENCE_IDENTIFIER":
        return (f"{name}:uri", f"{name}:issuer", f"{name}:reference")
    return (name,)


def _skipped(criterion: Criterion) -> str | None:
    # Selection: the library answers "fulfils the criterion by itself" (yes).
    return criterion.roles.by_itself if criterion.section is Section.SELECTION else None


def _indicator(data: Mapping[str, str], prop: Prop) -> bool | None:
    value = (data.get(f"q:{prop.id}") or "").strip()
    return {"true": True, "false": False}.get(value)


def repeated(criterion: Criterion) -> tuple[str, ...]:
    """The questions answered once per financial year or per reference, in order.

    Turnover per year (a yearly-turnover threshold): the financial year and the
    amount. References (a minimum number of references): the description, the
    total amount, the period and the recipient; the reference group's other
    questions are not asked (the library's :class:`Reference` has no place for
    them).
    """
    roles = criterion.roles
    if criterion.threshold is Threshold.YEARLY_TURNOVER:
        return tuple(p for p in (roles.period, roles.amount) if p)
    if criterion.threshold is Threshold.REFERENCES and roles.reference_description:
        return tuple(
            p
            for p in (
                roles.reference_description,
                roles.reference_amount,
                roles.reference_period,
                roles.reference_recipient,
            )
            if p
        )
    return ()


def layout(criterion: Criterion, data: Mapping[str, str], count: int = 1) -> list[Question]:
    """The open questions of ``criterion`` given the answers in ``data``, in document order.

    The :func:`repeated` questions are listed ``count`` times (instance 1, 2, ...),
    one financial year or reference after the other.
    """
    skipped = _skipped(criterion)
    questions: list[Question] = []
    repeat = repeated(criterion)
    reference_group = (
        criterion.roles.reference_description.rsplit("/", 1)[0]
        if criterion.threshold is Threshold.REFERENCES and criterion.roles.reference_description
        else None
    )
    by_id = {p.id: p for p in criterion.properties()}

    def visit(group: Group, depth: int, required: bool) -> None:
        given: set[bool] = set()
        if group.id == reference_group or (
            repeat
            and not reference_group
            and any(isinstance(i, Prop) and i.id == repeat[0] for i in group.items)
        ):
            for instance in range(1, max(count, 1) + 1):
                for prop_id in repeat:
                    questions.append(Question(by_id[prop_id], depth, False, instance))
            if group.id == reference_group:
                return  # the reference group's other questions are not asked
        for item in group.items:
            if not isinstance(item, Prop) or item.type != "QUESTION" or item.datatype not in ASKED:
                continue
            if item.id == skipped:
                given.add(True)
                continue
            if item.id in repeat:
                continue
            main = item.id == criterion.roles.answer and criterion.section is Section.EXCLUSION
            questions.append(Question(item, depth, required or main))
            if item.datatype == "INDICATOR":
                answer = _indicator(data, item)
                if answer is not None:
                    given.add(answer)
        for item in group.items:
            if not isinstance(item, Group):
                continue
            if item.type == "ONTRUE" and True not in given:
                continue
            if item.type == "ONFALSE" and False not in given:
                continue
            visit(item, depth + 1, item.type in ("ONTRUE", "ONFALSE"))

    for group in criterion.groups:
        visit(group, 0, False)
    return questions


def _text(data: Mapping[str, str], name: str) -> str:
    return (data.get(name) or "").strip()


def _decimal(text: str) -> Decimal | Problem:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if re.fullmatch(r"-[0-9.]+", cleaned):
        return Problem("negative")
    # digits with at most one decimal separator: no exponents, NaN or infinity
    if not re.fullmatch(r"[0-9]{1,15}(\.[0-9]{1,6})?", cleaned):
        return Problem("number")
    return Decimal(cleaned)


def _date(text: str) -> date | Problem:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            pass
    return Problem("date")


def _value(question: Question, data: Mapping[str, str]) -> tuple[object, str, Problem] | object:
    """The question's value, ``None`` when left empty, or ``(None, field, problem)``."""
    name = question.name
    kind = question.datatype
    if kind == "INDICATOR":
        text = _text(data, name)
        if not text:
            return None
        if text not in ("true", "false"):
            return (None, name, Problem("choose"))
        return text == "true"
    if kind == "PERIOD":
        start, end = _text(data, f"{name}:start"), _text(data, f"{name}:end")
        if not start and not end:
            return None
        if not start:
            return (None, f"{name}:start", Problem("required"))
        if not end:
            return (None, f"{name}:end", Problem("required"))
        first, last = _date(start), _date(end)
        if isinstance(first, Problem):
            return (None, f"{name}:start", first)
        if isinstance(last, Problem):
            return (None, f"{name}:end", last)
        if last < first:
            return (None, f"{name}:end", Problem("period-order"))
        return Period(first, last)
    if kind == "EVIDENCE_IDENTIFIER":
        uri = _text(data, f"{name}:uri")
        issuer = _text(data, f"{name}:issuer")
        reference = _text(data, f"{name}:reference")
        if not (uri or issuer or reference):
            return None
        if not uri:
            return (None, f"{name}:uri", Problem("required"))
        if not re.fullmatch(r"https?://[^\s/]+\S*", uri):
            return (None, f"{name}:uri", Problem("url"))
        return Evidence(
            uri=uri,
            issuer=issuer[:_MAX_TEXT],
            reference=reference[:200],
            id=f"EVIDENCE-{uuid.uuid5(uuid.NAMESPACE_URL, question.prop.id)}",
        )
    text = _text(data, name)
    if not text:
        return None
    if len(text) > _MAX_TEXT:
        return (None, name, Problem("too-long", (("max", str(_MAX_TEXT)),)))
    if kind == "DESCRIPTION":
        return text
    if kind in ("AMOUNT", "QUANTITY", "PERCENTAGE"):
        number = _decimal(text)
        return (None, name, number) if isinstance(number, Problem) else number
    if kind in ("QUANTITY_INTEGER", "QUANTITY_YEAR"):
        if not re.fullmatch(r"[0-9]{1,9}", text):
            return (None, name, Problem("integer"))
        return int(text)
    if kind == "DATE":
        day = _date(text)
        return (None, name, day) if isinstance(day, Problem) else day
    if kind == "CODE_COUNTRY":
        code = text.upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            return (None, name, Problem("country"))
        return code
    if kind == "URL":
        if not re.fullmatch(r"https?://[^\s/]+\S*", text):
            return (None, name, Problem("url"))
        return text
    if kind == "ECONOMIC_OPERATOR_IDENTIFIER":
        compact = re.sub(r"[\s.-]", "", text)
        if re.fullmatch(r"[0-9]{9}", compact) and not no_orgnr.is_valid(compact):
            return (None, name, Problem("orgnr"))
        return compact if re.fullmatch(r"[0-9]{9}", compact) else text
    return text  # CODE, QUAL_IDENTIFIER


def _currency(question: Question, data: Mapping[str, str]) -> str | Problem:
    code = (_text(data, f"{question.name}:currency") or "NOK").upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        return Problem("currency")
    return code


def read(
    criteria_codes: list[str],
    data: Mapping[str, str],
    lots: Mapping[str, str] | None = None,
    counts: Mapping[str, int] | None = None,
) -> Filled:
    """Answers to the criteria ``criteria_codes`` from the posted ``data``.

    Only open questions are read (:func:`layout`); a required question left
    empty is a ``required`` problem at its field. A criterion with nothing
    answered gives no :class:`Answer`. ``lots`` names the lot a selection criterion
    is answered for (default: the response's lot); ``counts`` how many financial
    years or references a criterion asks (:func:`repeated`, default 1).
    """
    filled = Filled()
    for code in criteria_codes:
        criterion = get(code)
        values: list[tuple[str, object]] = []
        instances: dict[int, dict[str, tuple[Question, object, str]]] = {}
        currency = "NOK"
        repeat = repeated(criterion)
        for question in layout(criterion, data, (counts or {}).get(code, 1)):
            value = _value(question, data)
            if isinstance(value, tuple):
                _, name, problem = value
                filled.problems[name] = problem
                continue
            if value is None:
                if question.required:
                    first = field_names(question)[0]
                    filled.problems[first] = Problem(
                        "choose" if question.datatype == "INDICATOR" else "required"
                    )
                continue
            chosen_currency = currency
            if question.datatype == "AMOUNT":
                chosen = _currency(question, data)
                if isinstance(chosen, Problem):
                    filled.problems[f"{question.name}:currency"] = chosen
                    continue
                chosen_currency = chosen
            if question.prop.id in repeat:
                instances.setdefault(question.instance, {})[question.prop.id] = (
                    question,
                    value,
                    chosen_currency,
                )
                continue
            currency = chosen_currency
            values.append((question.prop.id, value))
        yearly, references = _repeated_answers(criterion, instances, filled.problems)
        named = yearly or references
        if (
            criterion.section is Section.SELECTION
            and not (values or named)
            and not _skipped(criterion)
        ):
            # BR-RESP-40: every selection criterion needs an answer; most get "fulfils it
            # by itself" from the library, the others need one question answered.
            opening = next(iter(layout(criterion, data)), None)
            if opening is not None:
                filled.problems.setdefault(field_names(opening)[0], Problem("required"))
        elif values or named or criterion.section is Section.SELECTION:
            filled.answers.append(
                Answer(
                    criterion=code,
                    values=tuple(values),
                    yearly=yearly,
                    references=references,
                    currency=currency,
                    lot=(lots or {}).get(code, "")
                    if criterion.section is Section.SELECTION
                    else "",
                )
            )
    return filled


def _entry_value(fields: dict[str, tuple[Question, object, str]], prop_id: str | None) -> object:
    entry = fields.get(prop_id or "")
    return None if entry is None else entry[1]


def _repeated_answers(
    criterion: Criterion,
    instances: dict[int, dict[str, tuple[Question, object, str]]],
    problems: dict[str, Problem],
) -> tuple[tuple[YearAmount, ...], tuple[Reference, ...]]:
    """``Answer.yearly`` and ``Answer.references`` from the repeated questions.

    An instance with some of its questions answered needs the year and the amount
    (turnover) or the description (reference); an empty instance is left out.
    """
    roles = criterion.roles
    if not instances:
        return (), ()

    def need(fields: dict[str, tuple[Question, object, str]], prop_id: str | None) -> bool:
        if prop_id is None:
            return True
        entry = fields.get(prop_id)
        if entry is None or entry[1] is None:
            question = next(q for q, _v, _c in fields.values())
            missing = Question(criterion.prop(prop_id), question.depth, True, question.instance)
            if not any(name in problems for name in field_names(missing)):
                problems[field_names(missing)[0]] = Problem("required")
            return False
        return True

    if criterion.threshold is Threshold.YEARLY_TURNOVER:
        years: list[YearAmount] = []
        for _instance, fields in sorted(instances.items()):
            if all(v is None for _q, v, _c in fields.values()):
                continue
            if need(fields, roles.period) and need(fields, roles.amount):
                period = fields[roles.period or ""][1]
                amount_entry = fields[roles.amount or ""]
                assert isinstance(period, Period) and isinstance(amount_entry[1], Decimal)
                years.append(YearAmount(period, amount_entry[1], amount_entry[2]))
        return tuple(years), ()
    references: list[Reference] = []
    for _instance, fields in sorted(instances.items()):
        if all(v is None for _q, v, _c in fields.values()):
            continue
        if not need(fields, roles.reference_description):
            continue

        amount = _entry_value(fields, roles.reference_amount)
        period = _entry_value(fields, roles.reference_period)
        recipient = _entry_value(fields, roles.reference_recipient)
        amount_currency = fields.get(roles.reference_amount or "", (None, None, "NOK"))[2]
        try:
            references.append(
                Reference(
                    description=str(_entry_value(fields, roles.reference_description)),
                    amount=amount if isinstance(amount, Decimal) else None,
                    currency=amount_currency,
                    period=period if isinstance(period, Period) else None,
                    recipient=str(recipient or ""),
                )
            )
        except EspdError:  # pragma: no cover - every part is checked above
            continue
    return (), tuple(references)


def _field_values(question: Question, found: CriterionResponse) -> Iterator[tuple[str, str]]:
    values = [v for v in found.of(question.prop.id) if v.kind != "evidence"]
    if len(values) < question.instance:
        return
    value = values[question.instance - 1]
    name = question.name
    if value.kind == "indicator":
        yield name, "true" if value.value else "false"
    elif value.kind == "period" and isinstance(value.value, Period):
        yield f"{name}:start", value.value.start.isoformat()
        yield f"{name}:end", value.value.end.isoformat()
    elif value.kind == "amount":
        yield name, format(value.value, "f")
        yield f"{name}:currency", value.currency or "NOK"
    elif value.kind == "date" and isinstance(value.value, date):
        yield name, value.value.isoformat()
    elif value.kind == "quantity":
        yield name, format(value.value, "f")
    elif value.kind != "evidence":
        yield name, str(value.value)


def prefill(
    response: EspdResponse, criteria_codes: list[str], counts: Mapping[str, int] | None = None
) -> dict[str, str]:
    """Field values for the questions of ``criteria_codes`` answered in ``response``.

    Walks the questions as the answers open them, so follow-ups of an answer
    are found; evidence is taken from the response's ``cac:Evidence`` list.
    Repeated questions (:func:`repeated`) get as many instances as ``counts``
    asks or the response answers, whichever is more.
    """
    data: dict[str, str] = {}
    for code in criteria_codes:
        found = response.answer(code)
        if found is None:
            continue
        criterion = get(code)
        answered = max((len(found.of(p)) for p in repeated(criterion)), default=1)
        count = max((counts or {}).get(code, 1), answered, 1)
        seen: set[str] = set()
        while True:  # each pass may open further follow-up groups
            questions = [q for q in layout(criterion, data, count) if q.name not in seen]
            if not questions:
                break
            for question in questions:
                seen.add(question.name)
                data.update(_field_values(question, found))
                if question.datatype == "EVIDENCE_IDENTIFIER":
                    ids = [v.value for v in found.of(question.prop.id) if v.kind == "evidence"]
                    evidence = response.evidence.get(str(ids[0])) if ids else None
                    if evidence is not None:
                        data[f"{question.name}:uri"] = evidence.uri
                        data[f"{question.name}:issuer"] = evidence.issuer
                        data[f"{question.name}:reference"] = evidence.reference
    return data
