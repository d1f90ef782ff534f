"""Rule releases: a name, the day it is in force from, and its manifest.

PEPPOL publishes a rule release twice a year; a document is judged by one release. A release
here is

* a **name** (``2025.5``, ``2026.5``) and the day it is **in force from**;
* a **manifest** (``heldigital/rules/data/manifests/<name>/<source>.json``, generated from
  the official Schematron and XSLT sources by ``scripts/gen_manifests.py`` and committed as
  data): per official Schematron file (the *source*), every assertion in official order with
  its id, flag, rule context and message;
* the **functions** its logic needs: the rule sets of the release
  (:attr:`heldigital.rules.core.RuleSet.release`) name the manifest sources they run and the
  registries whose functions implement them. A rule id may exist in several releases with
  different text or flag (the manifest says which) or different logic (a registry of the
  newer release consulted first, e.g. :mod:`heldigital.rules.poacc.release_2026_5`).

:meth:`RuleSet.missing() <heldigital.rules.core.RuleSet.missing>` lists the manifest ids of a
set that no function implements; it is empty for every shipped release (tested).

Selection (:func:`select`): by name, or the newest release in force on a day; by default the
newest release in force today. A manifest source is read on the first use of a rule set
that runs it, never at import (an invoice reads the two billing files of one release, an
order its one transaction file), so choosing a release costs nothing per document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "RELEASES",
    "Entry",
    "Release",
    "UnknownRelease",
    "UnknownRuleSet",
    "get",
    "manifest",
    "names",
    "newest_in_force",
    "select",
    "source",
    "texts",
]

MANIFESTS = Path(__file__).resolve().parent / "data" / "manifests"


class UnknownRuleSet(LookupError):
    """No rule set has that name (or none is in force on the day asked)."""


class UnknownRelease(UnknownRuleSet):
    """No release has that name, or none is in force on the day asked (so no rule set is)."""


class Entry(NamedTuple):
    """One assertion of an official Schematron file, as the manifest lists it."""

    id: str
    flag: str
    context: str
    message: str


@dataclass(frozen=True)
class Release:
    name: str
    title: str
    effective_from: date

    def manifest(self) -> dict[str, tuple[Entry, ...]]:
        """The manifest: official Schematron file name -> its assertions in official order."""
        return manifest(self.name)

    def ids(self, *sources: str) -> tuple[str, ...]:
        """The rule ids of the given manifest sources, in official order."""
        return tuple(entry.id for name in sources for entry in source(self.name, name))

    def entries(self, *sources: str) -> dict[str, Entry]:
        """Rule id -> manifest entry, over the given sources (a later source wins)."""
        return {entry.id: entry for name in sources for entry in source(self.name, name)}


#: The shipped releases, oldest first. ``2025.5`` is the release of the official unit tests
#: (PEPPOL BIS Billing 3.0.19 of May 2025, EN 16931 1.3.15, post-award poacc-upgrade-3 @
#: 0e7e5c7 of November 2025); ``2026.5`` the OpenPEPPOL release of May 2026, the one the
#: differential suite judges by.
RELEASES: tuple[Release, ...] = (
    Release(
        "2025.5",
        "PEPPOL BIS Billing 3.0.19 (May 2025), EN 16931 1.3.15, post-award of November 2025 "
        "(the official unit tests)",
        date(2025, 8, 25),
    ),
    Release("2026.5", "OpenPEPPOL release 2026.5 (May 2026)", date(2026, 8, 24)),
)
_BY_NAME = {r.name: r for r in RELEASES}


def names() -> list[str]:
    return [r.name for r in RELEASES]


def _known() -> str:
    return ", ".join(f"{r.name} (from {r.effective_from.isoformat()})" for r in RELEASES)


def get(name: str) -> Release:
    """The release called ``name``; :class:`UnknownRelease` names the known ones."""
    found = _BY_NAME.get(name)
    if found is None:
        raise UnknownRelease(f"unknown release {name!r} (known: {_known()})")
    return found


def newest_in_force(on: date) -> Release:
    """The newest release in force on day ``on``."""
    in_force = [r for r in RELEASES if r.effective_from <= on]
    if not in_force:
        raise UnknownRelease(f"no rule release is in force on {on.isoformat()} (known: {_known()})")
    return max(in_force, key=lambda r: r.effective_from)


def today() -> date:
    return datetime.now(UTC).date()


def select(name: str | None = None, on: date | None = None) -> Release:
    """The release asked for: by ``name``; else the newest in force on ``on``; else the
    newest in force today. Both given: the named release, which must be in force on ``on``."""
    if name is not None:
        release = get(name)
        if on is not None and release.effective_from > on:
            raise UnknownRelease(
                f"release {name} is in force from {release.effective_from.isoformat()}, "
                f"not on {on.isoformat()}"
            )
        return release
    return newest_in_force(today() if on is None else on)


def manifest(name: str) -> dict[str, tuple[Entry, ...]]:
    """The whole manifest of release ``name``: source -> its assertions in official order."""
    folder = MANIFESTS / name
    if not folder.is_dir():
        raise UnknownRelease(f"no manifest for release {name!r}")
    return {path.stem: source(name, path.stem) for path in sorted(folder.glob("*.json"))}


@cache
def source(name: str, source_name: str) -> tuple[Entry, ...]:
    """The assertions of one official Schematron file in release ``name`` (read once per
    process, on first use)."""
    path = MANIFESTS / name / f"{source_name}.json"
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if (data["release"], data["source"]) != (name, source_name):
        raise ValueError(f"{path} is {data['source']} of {data['release']}")
    return tuple(Entry(*row) for row in data["rules"])


@cache
def texts(name: str, sources: tuple[str, ...] = ()) -> dict[str, Entry]:
    """Rule id -> manifest entry of release ``name``: from the first of ``sources`` that has
    the id (no sources: the first source in name order that has it)."""
    names_ = sources or tuple(sorted(p.stem for p in (MANIFESTS / name).glob("*.json")))
    found: dict[str, Entry] = {}
    for source_name in names_:
        for entry in source(name, source_name):
            found.setdefault(entry.id, entry)
    return found
