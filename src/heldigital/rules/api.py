"""The validator's public entry point: :func:`validate` bytes, get a :class:`Report`."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lxml import etree

from heldigital import xml
from heldigital.rules import releases, rulesets
from heldigital.rules.core import Document, Finding, RuleSet, Severity

__all__ = ["Report", "validate", "validate_tree"]


@dataclass
class Report:
    """The result of validating one document.

    ``errors`` lists every finding, fatal and warning, in rule order;
    ``valid`` is true when none is fatal; ``release`` is the rule release
    (:mod:`heldigital.rules.releases`) the document was judged by.
    """

    document_type: str | None
    rule_set: str | None
    errors: list[Finding] = field(default_factory=list)
    path: str | None = None
    release: str | None = None

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.FATAL for f in self.errors)

    @property
    def fatal(self) -> list[Finding]:
        return [f for f in self.errors if f.severity is Severity.FATAL]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.errors if f.severity is Severity.WARNING]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "document_type": self.document_type,
            "rule_set": self.rule_set,
            "release": self.release,
            "valid": self.valid,
            "errors": [f.as_dict() for f in self.errors],
        }


def _structure_check() -> Any:
    try:
        module = importlib.import_module("heldigital.rules.structure")
    except ModuleNotFoundError as exc:
        if exc.name != "heldigital.rules.structure":
            raise
        return None
    return getattr(module, "check", None)


def validate(
    data: bytes,
    *,
    rule_set: str | None = None,
    on: date | None = None,
    release: str | None = None,
    max_bytes: int = xml.DEFAULT_MAX_BYTES,
    path: str | None = None,
) -> Report:
    """Validate one document given as bytes.

    The document type and rule set are detected unless ``rule_set`` names
    one; ``release`` names the rule release (:mod:`heldigital.rules.releases`), else ``on``
    picks the newest release in force on that day (default: today). Input that is not usable
    XML gives a report with exactly one fatal finding (rule ``XML``) instead of an exception.
    An unknown release name or rule set raises :class:`~heldigital.rules.rulesets.UnknownRuleSet`.
    """
    try:
        tree = xml.parse(data, max_bytes=max_bytes, source=path)
    except xml.DocumentError as exc:
        where = exc.location
        return Report(
            document_type=None,
            rule_set=None,
            errors=[Finding("XML", Severity.FATAL, where, exc.message)],
            path=path,
        )
    return validate_tree(tree.getroot(), rule_set=rule_set, on=on, release=release, path=path)


def validate_tree(
    root: etree._Element,
    *,
    rule_set: str | None = None,
    on: date | None = None,
    release: str | None = None,
    path: str | None = None,
) -> Report:
    """Validate an already parsed document (see :func:`validate`)."""
    doc = Document(root)
    selected: RuleSet | None
    if rule_set is not None:
        release = releases.select(release, on).name
        selected = rulesets.get(rule_set, release=release)
    else:
        try:
            chosen = releases.select(release, on)
        except releases.UnknownRelease as exc:
            if release is not None:
                raise
            # no release in force on that day: no rule set judges the document
            return Report(
                document_type=doc.local_name,
                rule_set=None,
                errors=[Finding("DOCUMENT-TYPE", Severity.FATAL, f"/{doc.local_name}", str(exc))],
                path=path,
            )
        release = chosen.name
        selected = rulesets.detect(doc, release=release)
    if selected is None:
        ns = doc.namespace or "no namespace"
        return Report(
            document_type=doc.local_name,
            rule_set=None,
            errors=[
                Finding(
                    "DOCUMENT-TYPE",
                    Severity.FATAL,
                    f"/{doc.local_name}",
                    f"unsupported document: root element {doc.local_name!r} in {ns} "
                    f"with CustomizationID {doc.customization_id!r} matches no rule set",
                )
            ],
            path=path,
            release=release,
        )
    findings: list[Finding] = []
    structure = _structure_check()
    with _collector_paused():
        # The structure check's pass over a valid document also builds the shared element
        # index (Document.by_tag) the rules use; otherwise the rules build it.
        if structure is not None:
            findings.extend(structure(doc, selected.syntax))
        findings.extend(selected.run(doc))
        # Free the per-document indexes while the collector is paused: re-enabled with
        # them alive, its first pass would scan every one of their objects once more.
        doc.cache.clear()
    return Report(
        document_type=doc.local_name,
        rule_set=selected.name,
        errors=findings,
        path=path,
        release=release,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the rules run.

    Validation allocates many small objects that live until the end of the document (the
    element index, per-line facts) and creates no reference cycles of its own; the
    collector's generation scans over them cost about a third of the time on a large
    invoice. Reference counting still frees everything as usual; the collector is
    re-enabled afterwards (if it was enabled), so any cycle is collected later.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
