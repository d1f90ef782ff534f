"""A supplier's tender in one procurement, as a state machine.

What a supplier has in a procurement is at most one *submitted* tender and at
most one *draft*; together they make the state below. The states and the
allowed transitions are written here once, with the protocol event each
transition records; the services (:mod:`heldigital.apps.submissions.services`)
carry them out for the web pages and the API alike. Pure: no database, no
clock.

::

    NONE --start--> DRAFT --submit--> SUBMITTED --change--> CHANGING
     ^               |                 |   ^                  |  |
     +---discard-----+                 |   +--discard---------+  |
     |                                 |   +--submit (replaces)--+
     +-----------withdraw--------------+----------withdraw-------+

* A submitted tender is changed only by an explicit *change*: a new draft
  that starts with the submitted tender's files (the sealed files are reused,
  never decrypted). The submitted tender stays valid until the changed one
  is submitted, which replaces it; discarding the change leaves it as it was.
* *Withdraw* withdraws the submitted tender - the one the supplier sees -
  also while a change is being prepared; the change is discarded with it.
* Files are added and removed only in DRAFT and CHANGING (:data:`EDITABLE`).
* After the deadline no transition is allowed (the services refuse and
  record the attempt; anskaffelsesforskriften § 20-9).

Behind the states are tender rows, each with its own status (``draft``,
``submitted``, ``replaced``, ``withdrawn``, ``discarded``). The rows change
only as :data:`ROW_CHANGES` allows, through :func:`set_row_status`: a draft
is submitted or discarded; a submitted tender is replaced (by its submitted
change) or withdrawn. The services lock the rows and save them; the
procurement's own lifecycle is :mod:`heldigital.apps.tendering.lifecycle`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class State(StrEnum):
    NONE = "none"  #: nothing that counts: no tender yet, or withdrawn, or drafts discarded
    DRAFT = "draft"  #: a first draft; nothing submitted
    SUBMITTED = "submitted"  #: a submitted tender, no change under way
    CHANGING = "changing"  #: the submitted tender (still valid) and a draft of its change


class Action(StrEnum):
    START = "start"
    SUBMIT = "submit"
    CHANGE = "change"
    DISCARD = "discard"  #: discard the draft (a first draft or a change)
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class Transition:
    source: State
    action: Action
    target: State
    #: The protocol event the transition records (in the sealed part).
    event: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(State.NONE, Action.START, State.DRAFT, "tender.started"),
    Transition(State.DRAFT, Action.SUBMIT, State.SUBMITTED, "tender.submitted"),
    Transition(State.DRAFT, Action.DISCARD, State.NONE, "tender.draft.discarded"),
    Transition(State.SUBMITTED, Action.CHANGE, State.CHANGING, "tender.change.started"),
    Transition(State.SUBMITTED, Action.WITHDRAW, State.NONE, "tender.withdrawn"),
    Transition(State.CHANGING, Action.SUBMIT, State.SUBMITTED, "tender.submitted"),
    Transition(State.CHANGING, Action.DISCARD, State.SUBMITTED, "tender.draft.discarded"),
    Transition(State.CHANGING, Action.WITHDRAW, State.NONE, "tender.withdrawn"),
)

_TABLE: dict[tuple[State, Action], Transition] = {(t.source, t.action): t for t in TRANSITIONS}

#: States in which files are added to and removed from the draft.
EDITABLE: frozenset[State] = frozenset({State.DRAFT, State.CHANGING})


class NotAllowed(Exception):
    """The action is not allowed in the state."""

    def __init__(self, state: State, action: Action) -> None:
        super().__init__(f"{action.value} is not allowed when the tender is {state.value}")
        self.state = state
        self.action = action


def state_of(*, draft: bool, submitted: bool) -> State:
    """The state from what the supplier has: a draft, a submitted tender.

    >>> state_of(draft=True, submitted=True)
    <State.CHANGING: 'changing'>
    >>> state_of(draft=False, submitted=False)
    <State.NONE: 'none'>
    """
    if submitted:
        return State.CHANGING if draft else State.SUBMITTED
    return State.DRAFT if draft else State.NONE


def transition(state: State, action: Action) -> Transition:
    """The transition for ``action`` in ``state``; :class:`NotAllowed` if there is none.

    >>> transition(State.SUBMITTED, Action.CHANGE).target
    <State.CHANGING: 'changing'>
    >>> transition(State.SUBMITTED, Action.START)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    NotAllowed: start is not allowed when the tender is submitted
    """
    found = _TABLE.get((state, action))
    if found is None:
        raise NotAllowed(state, action)
    return found


def allowed(state: State) -> list[Action]:
    """The actions allowed in ``state`` (before the deadline), in a stable order."""
    return [t.action for t in TRANSITIONS if t.source == state]


#: The changes of a tender row's status (values of ``submissions.models.TenderStatus``).
ROW_CHANGES: frozenset[tuple[str, str]] = frozenset(
    {
        ("draft", "submitted"),
        ("draft", "discarded"),
        ("submitted", "replaced"),
        ("submitted", "withdrawn"),
    }
)


class _Row(Protocol):
    status: str


class RowChangeRefused(Exception):
    """A tender row's status cannot change so (a programming error: the states prevent it)."""


def set_row_status(row: _Row, to: str) -> None:
    """Set a tender row's status to ``to`` if :data:`ROW_CHANGES` allows it (the caller saves).

    >>> class Row:
    ...     status = "submitted"
    >>> row = Row(); set_row_status(row, "withdrawn"); row.status
    'withdrawn'
    >>> set_row_status(row, "submitted")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    RowChangeRefused: a withdrawn tender cannot become submitted
    """
    source = str(row.status)
    if (source, str(to)) not in ROW_CHANGES:
        raise RowChangeRefused(f"a {source} tender cannot become {to}")
    row.status = to
