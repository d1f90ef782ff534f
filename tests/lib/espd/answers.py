"""Complete ESPD answers for tests: every question the answers open, filled by data type."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from decimal import Decimal

from heldigital.espd import Answer, Evidence, Period, criteria
from heldigital.espd.taxonomy import Group, Prop


def _value(prop: Prop, rng: random.Random, choice: bool) -> object:
    kind = prop.datatype
    if kind == "INDICATOR":
        return choice
    return {
        "DESCRIPTION": f"Svar på {prop.id}",
        "AMOUNT": Decimal(rng.randint(1, 10**7)),
        "DATE": date(2024, 1, 1) + (date(2025, 1, 1) - date(2024, 1, 1)) * rng.random(),
        "PERIOD": Period(date(2024, 1, 1), date(2024, 12, 31)),
        "QUANTITY": Decimal("1.5"),
        "QUANTITY_INTEGER": rng.randint(1, 500),
        "QUANTITY_YEAR": rng.randint(1, 5),
        "PERCENTAGE": Decimal("12.5"),
        "CODE_COUNTRY": "NOR",
        "CODE": "group-lead",
        "URL": "https://example.org/attest",
        "ECONOMIC_OPERATOR_IDENTIFIER": "974760673",
        "QUAL_IDENTIFIER": "NO-123",
        "EVIDENCE_IDENTIFIER": Evidence(
            uri=f"https://example.org/evidence/{rng.randint(1, 10**9)}", issuer="Skatteetaten"
        ),
    }[kind]


def complete_answer(
    criterion: criteria.Criterion,
    rng: random.Random,
    mode: str,
    fixed: dict[str, object] | None = None,
    *,
    minimal: bool = False,
) -> Answer:
    """Answer every question that the answers open, by property id.

    ``mode`` is ``yes`` or ``no`` (every yes/no question answered so) or anything
    else (each chosen by ``rng``); ``fixed`` gives the value of some questions.
    Follow-up groups (``ONTRUE``/``ONFALSE``) are entered exactly when the
    yes/no before them opens them, as BR-TCR-06/07 require. ``minimal`` fills
    only the questions those rules make mandatory (and the ``fixed`` ones).
    """
    values: list[tuple[str, object]] = []
    by_itself = (
        criterion.roles.by_itself if criterion.section is criteria.Section.SELECTION else None
    )

    def choose() -> bool:
        return {"yes": True, "no": False}.get(mode, rng.random() < 0.5)

    def visit(group: Group, required: bool) -> None:
        given: set[bool] = set()
        for item in group.items:
            if isinstance(item, Prop) and item.type == "QUESTION":
                if item.id == by_itself:
                    given.add(True)  # written by the library for every selection answer
                    continue
                if minimal and not required and item.id not in (fixed or {}):
                    continue
                value = (fixed or {}).get(item.id, _value(item, rng, choose()))
                values.append((item.id, value))
                if isinstance(value, bool):
                    given.add(value)
        for item in group.items:
            if not isinstance(item, Group):
                continue
            if item.type == "ONTRUE" and True not in given:
                continue
            if item.type == "ONFALSE" and False not in given:
                continue
            visit(item, item.type in ("ONTRUE", "ONFALSE"))

    for group in criterion.groups:
        visit(group, False)
    return Answer(criterion=criterion.code, values=tuple(values))


def completed(answer: Answer) -> Answer:
    """``answer`` with generic values for the follow-up questions it leaves open.

    The named fields stay as they are; every question BR-TCR-06/07 make
    mandatory after them and that they do not answer gets a value by its data
    type, so a partial test answer becomes one the official rules accept.
    """
    criterion = criteria.get(answer.criterion)
    r = criterion.roles
    named = {
        r.answer: answer.indicator,
        r.description: answer.description or None,
        r.continuation: answer.continuation or None,
        r.convicted: answer.convicted or None,
        r.period: answer.exclusion_period,
        r.self_cleaning: answer.self_cleaning,
        r.self_cleaning_description: answer.self_cleaning_description or None,
        r.date: answer.date,
    }
    named = {k: v for k, v in named.items() if k and v is not None}
    given = dict(answer.values)
    full = complete_answer(
        criterion, random.Random(answer.criterion), "no", {**named, **given}, minimal=True
    )
    extra = tuple((pid, v) for pid, v in full.values if pid not in named and pid not in given)
    return dataclasses.replace(answer, values=answer.values + extra)
