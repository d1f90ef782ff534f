"""The official validation configurations as rule sets, and document-type detection.

Each rule family package (:mod:`heldigital.rules.en16931`,
:mod:`heldigital.rules.billing`, :mod:`heldigital.rules.poacc`) exposes a
``RULE_SETS`` tuple. A rule set name may exist once per rule release
(:mod:`heldigital.rules.releases`); :func:`get` and :func:`detect` look only at the sets of
one release: the one named, or the newest in force on the day asked, by default today.

Detection follows what the official validators do: the root element (local
name and namespace) says the syntax, the ``cbc:CustomizationID`` says the
specification and so the rule set.
"""

from __future__ import annotations

import importlib
from datetime import date
from functools import cache

from heldigital.rules import releases
from heldigital.rules.core import Document, RuleSet
from heldigital.rules.releases import UnknownRelease, UnknownRuleSet

__all__ = [
    "UnknownRelease",
    "UnknownRuleSet",
    "all_rule_sets",
    "detect",
    "get",
    "names",
    "of_release",
]

#: Modules that define rule sets; imported on first use so that
#: ``import heldigital.rules`` stays cheap.
_FAMILIES = (
    "heldigital.rules.en16931",
    "heldigital.rules.billing",
    "heldigital.rules.poacc",
    "heldigital.rules.ehf",
)


@cache
def all_rule_sets() -> tuple[RuleSet, ...]:
    """Every rule set of every family, every version."""
    found: list[RuleSet] = []
    for module_name in _FAMILIES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        found.extend(getattr(module, "RULE_SETS", ()))
    return tuple(found)


def names() -> list[str]:
    """Distinct rule-set names, sorted."""
    return sorted({rs.name for rs in all_rule_sets()})


@cache
def of_release(release: str) -> tuple[RuleSet, ...]:
    """The rule sets of release ``release`` (those of every release included)."""
    return tuple(rs for rs in all_rule_sets() if rs.release in (None, release))


@cache
def _by_root(release: str) -> dict[str, tuple[RuleSet, ...]]:
    """The rule sets of a release by the root element local names they validate."""
    found: dict[str, list[RuleSet]] = {}
    for rs in of_release(release):
        for local in rs.document_types:
            found.setdefault(local, []).append(rs)
    return {local: tuple(sets) for local, sets in found.items()}


def get(name: str, on: date | None = None, *, release: str | None = None) -> RuleSet:
    """Rule set ``name`` of the release named ``release``, or else of the newest release in
    force on day ``on`` (default: today). :class:`UnknownRuleSet` (a ``LookupError``, as
    :class:`UnknownRelease`) when no set of that release has the name."""
    chosen = releases.select(release, on)
    versions = [rs for rs in of_release(chosen.name) if name == rs.name or name in rs.aliases]
    if not versions:
        if any(name == rs.name or name in rs.aliases for rs in all_rule_sets()):
            raise UnknownRuleSet(f"rule set {name!r} is not in release {chosen.name}")
        known = ", ".join(names()) or "none"
        raise UnknownRuleSet(f"unknown rule set {name!r} (known: {known})")
    return max(versions, key=lambda rs: rs.effective_from)


def detect(doc: Document, on: date | None = None, *, release: str | None = None) -> RuleSet | None:
    """The rule set for ``doc`` by root element and CustomizationID, or None.

    A rule set whose ``customization_ids`` prefix-matches the document's
    CustomizationID wins (longest prefix first, then a set that also requires the document's
    ProfileID (:attr:`RuleSet.profile_ids`), then the newest in force);
    otherwise (unknown, mistyped or missing CustomizationID) the default set of
    the root element (:attr:`RuleSet.default_for`), whose identifier rules then
    report the wrong identifier; otherwise a set for the root element without
    customization ids. Only the sets of one release are candidates: ``release``, or else the
    newest in force on ``on`` (default: today).
    """
    local = doc.local_name
    customization = doc.customization_id or ""
    candidates = _by_root(releases.select(release, on).name).get(local, ())
    profile: str | None = None
    best: tuple[int, int, date, RuleSet] | None = None
    for rs in candidates:
        if rs.profile_ids:
            if profile is None:
                profile = doc.profile_id or ""
            if profile not in rs.profile_ids:
                continue
        for prefix in rs.customization_ids:
            if customization.startswith(prefix):
                key = (len(prefix), len(rs.profile_ids) > 0, rs.effective_from, rs)
                if best is None or key[:3] > best[:3]:
                    best = key
    if best is not None:
        return best[3]
    defaults = [rs for rs in candidates if local in rs.default_for]
    if defaults:
        return max(defaults, key=lambda rs: rs.effective_from)
    fallback = [rs for rs in candidates if not rs.customization_ids]
    return max(fallback, key=lambda rs: rs.effective_from) if fallback else None
