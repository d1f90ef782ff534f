"""Where a procurement is in its workspace: ``workspace.current_step`` (a plain function)."""

from __future__ import annotations

import pytest

from heldigital.apps.evaluation.workspace import KEYS, STEPS, Facts, current_step


def facts(status: str, **known: bool) -> Facts:
    values = {
        "questions_open": False,
        "opened": False,
        "computed": False,
        "awarded": False,
        "notified": False,
    }
    values.update(known)
    return Facts(status=status, **values)


@pytest.mark.parametrize(
    ("state", "step"),
    [
        (facts("draft"), "preparation"),
        (facts("published", questions_open=True), "questions"),
        (facts("published"), "tenders"),
        (facts("closed"), "opening"),
        (facts("opened", opened=True), "qualification"),
        (facts("evaluation", opened=True), "evaluation"),
        (facts("evaluation", opened=True, computed=True), "award"),
        (facts("awarded", opened=True, computed=True, awarded=True), "award"),
        (facts("standstill", opened=True, computed=True, awarded=True, notified=True), "contract"),
        (facts("concluded", opened=True, awarded=True, notified=True), "protocol"),
        (facts("cancelled"), "protocol"),
    ],
)
def test_the_current_step_follows_the_lifecycle(state, step):
    assert current_step(state) == step


def test_ten_steps_in_lifecycle_order():
    assert KEYS == (
        "preparation",
        "notice",
        "questions",
        "tenders",
        "opening",
        "qualification",
        "evaluation",
        "award",
        "contract",
        "protocol",
    )
    assert len({url for _key, _label, url in STEPS}) == 10  # each its own page
