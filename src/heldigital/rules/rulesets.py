"""The official validation configurations as rule sets, and document-type detection.

Each rule family package (:mod:`heldigital.rules.en16931`,
:mod:`heldigital.rules.billing`, :mod:`heldigital.rules.poacc`) exposes a
``RULE_SETS`` tuple. A rule set name may exist in several versions with
different ``effective_from`` dates; :func:`get` picks the one in force on a
given day.

Detection follows what the official validators do: the root element (local
name and namespace) says the syntax, the ``cbc:CustomizationID`` says the
specification and so the rule set.
"""

from __future__ import annotations

import importlib
from datetime import date
from functools import cache

from heldigital.rules.core import Document, RuleSet

__all__ = ["UnknownRuleSet", "all_rule_sets", "detect", "get", "names"]

#: Modules that define rule sets; imported on first use so that
#: ``import heldigital.rules`` stays cheap.
_FAMILIES = (
    "heldigital.rules.en16931",
    "heldigital.rules.billing",
    "heldigital.rules.poacc",
    "heldigital.rules.ehf",
)


class UnknownRuleSet(LookupError):
    """No rule set has that name (or none is in force on the day asked)."""


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


def get(name: str, on: date | None = None) -> RuleSet:
    """The version of rule set ``name`` in force on day ``on`` (default: the newest)."""
    versions = [rs for rs in all_rule_sets() if name == rs.name or name in rs.aliases]
    if on is not None:
        versions = [rs for rs in versions if rs.effective_from <= on]
    if not versions:
        known = ", ".join(names()) or "none"
        raise UnknownRuleSet(f"unknown rule set {name!r} (known: {known})")
    return max(versions, key=lambda rs: rs.effective_from)


def detect(doc: Document, on: date | None = None) -> RuleSet | None:
    """The rule set for ``doc`` by root element and CustomizationID, or None.

    A rule set whose ``customization_ids`` prefix-matches the document's
    CustomizationID wins (longest prefix first, then a set that also requires the document's
    ProfileID (:attr:`RuleSet.profile_ids`), then the newest in force);
    otherwise (unknown, mistyped or missing CustomizationID) the default set of
    the root element (:attr:`RuleSet.default_for`), whose identifier rules then
    report the wrong identifier; otherwise a set for the root element without
    customization ids.
    """
    local = doc.local_name
    customization = doc.customization_id or ""
    candidates = [rs for rs in all_rule_sets() if local in rs.document_types]
    if on is not None:
        candidates = [rs for rs in candidates if rs.effective_from <= on]
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
