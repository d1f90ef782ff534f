"""How a person acting for an organisation is named in the procurement protocol.

A protocol event's ``actor`` is free text to the ledger
(:mod:`heldigital.ledger.chain`). Events recorded on behalf of a user acting
for an organisation use the form ::

    user:<username>@0192:<orgnr>

i.e. the username and the organisation's PEPPOL participant identifier
value (ISO 6523 ICD 0192 + Norwegian organisation number). The organisation
is thereby part of the hashed record: who acted *for whom* cannot be changed
afterwards without breaking the chain. Other actors (``system``, ...) are
allowed and simply name no organisation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stdnum.no import orgnr as stdnum_orgnr

from heldigital.apps.accounts.models import ORGNR_ICD, Organisation, User

_USER_PREFIX = "user:"


@dataclass(frozen=True)
class Actor:
    username: str
    orgnr: str


def actor_id(user: User, organisation: Organisation) -> str:
    """The protocol actor for ``user`` acting for ``organisation``."""
    return f"{_USER_PREFIX}{user.get_username()}@{organisation.peppol_id}"


def parse_actor(actor: str) -> Actor | None:
    """The user and organisation named by ``actor``; ``None`` for other actors.

    >>> parse_actor("user:kari@0192:974760673")
    Actor(username='kari', orgnr='974760673')
    >>> parse_actor("system") is None
    True
    """
    if not actor.startswith(_USER_PREFIX):
        return None
    username, at, participant = actor[len(_USER_PREFIX) :].rpartition("@")
    icd, colon, orgnr = participant.partition(":")
    if not (username and at and colon and icd == ORGNR_ICD):
        return None
    if orgnr != stdnum_orgnr.compact(orgnr) or not stdnum_orgnr.is_valid(orgnr):
        return None
    return Actor(username=username, orgnr=orgnr)


def describe_actors(actors: Iterable[str]) -> dict[str, str]:
    """A readable name for each actor: "Full Name (Organisation)" where known.

    Unknown users or organisations fall back to the stored actor text, which
    stays the authoritative record.
    """
    parsed = {actor: parse_actor(actor) for actor in set(actors)}
    known = [p for p in parsed.values() if p is not None]
    users = {
        user.get_username(): user
        for user in User.objects.filter(username__in={p.username for p in known})
    }
    organisations = {
        organisation.orgnr: organisation
        for organisation in Organisation.objects.filter(orgnr__in={p.orgnr for p in known})
    }
    names: dict[str, str] = {}
    for actor, who in parsed.items():
        if who is None or who.username not in users or who.orgnr not in organisations:
            names[actor] = actor
            continue
        user = users[who.username]
        person = user.get_full_name() or user.get_username()
        names[actor] = f"{person} ({organisations[who.orgnr].name})"
    return names
