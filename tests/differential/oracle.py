"""The official validation: Schematron XSLTs in Saxon-HE and the UBL XSD in libxml2.

:class:`Official` compiles each stylesheet once per process and reuses the executable
for every document. A stylesheet is either a published XSLT or a Schematron source
(``.sch``) compiled to XSLT first (:mod:`tests.differential.schematron`, cached on disk
by source hash outside the tracked files).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from heldigital import xml

SVRL = "http://purl.oclc.org/dsdl/svrl"
_FAILED = f"{{{SVRL}}}failed-assert"
_REPORT = f"{{{SVRL}}}successful-report"


@dataclass(frozen=True)
class Verdict:
    """What one side said about one document: rule ids by flag, and the XSD verdict."""

    fatal: frozenset[str]
    warning: frozenset[str]
    xsd_valid: bool
    #: the native side: the rule set its report names (None for the official side)
    rule_set: str | None = None
    #: the official side: stylesheets that stopped with a dynamic error (XPath type error
    #: on a malformed document, as Saxon raises it); their rule ids are not comparable
    errors: tuple[str, ...] = ()
    #: the rule ids of those stylesheets
    unknown: frozenset[str] = frozenset()


class Official:
    """Runs official stylesheets on documents; one Saxon processor per process."""

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self._proc = PySaxonProcessor(license=False)
        self._xslt = self._proc.new_xslt30_processor()
        self._executables: dict[Path, object] = {}

    @property
    def version(self) -> str:
        return str(self._proc.version)

    def executable(self, stylesheet: Path) -> object:
        """The compiled stylesheet (``.xsl``/``.xslt``, or ``.sch`` compiled to XSLT)."""
        found = self._executables.get(stylesheet)
        if found is None:
            source = stylesheet
            if stylesheet.suffix == ".sch":
                from tests.differential.schematron import compiled

                source = compiled(stylesheet, self)
            found = self._xslt.compile_stylesheet(stylesheet_file=str(source))
            if found is None:  # saxonche reports compile errors on the processor
                raise RuntimeError(f"cannot compile {stylesheet}: {self._xslt.error_message}")
            self._executables[stylesheet] = found
        return found

    def transform(self, stylesheet: Path, source: Path, **params: str) -> str:
        """Apply a stylesheet to a file (used to compile Schematron)."""
        executable = self._xslt.compile_stylesheet(stylesheet_file=str(stylesheet))
        if executable is None:
            raise RuntimeError(f"cannot compile {stylesheet}: {self._xslt.error_message}")
        for name, value in params.items():
            executable.set_parameter(name, self._proc.make_string_value(value))
        node = self._proc.parse_xml(xml_file_name=str(source))
        return str(executable.transform_to_string(xdm_node=node))

    def svrl(self, data: bytes, stylesheets: Sequence[Path]) -> list[str | Exception]:
        """The SVRL report of each stylesheet on the document (or the dynamic error)."""
        from saxonche import PySaxonApiError

        # Saxon takes text: lxml decodes any declared encoding (ISO-8859-1 examples exist)
        text = etree.tostring(xml.parse(data), encoding="unicode")
        node = self._proc.parse_xml(xml_text=text)
        reports: list[str | Exception] = []
        for path in stylesheets:
            executable = self.executable(path)
            try:
                reports.append(str(executable.transform_to_string(xdm_node=node)))  # type: ignore[attr-defined]
            except PySaxonApiError as exc:
                reports.append(exc)
        return reports

    def verdict(self, data: bytes, stylesheets: Sequence[Path], xsd: Path | None) -> Verdict:
        fatal: set[str] = set()
        warning: set[str] = set()
        errors: list[str] = []
        unknown: set[str] = set()
        for path, report in zip(stylesheets, self.svrl(data, stylesheets), strict=True):
            if isinstance(report, Exception):
                errors.append(f"{path.name}: {str(report).strip()}")
                unknown |= rule_ids(path)
                continue
            root = xml.parse(report.encode("utf-8"), source="SVRL").getroot()
            for el in root.iter(_FAILED, _REPORT):
                flag = el.get("flag") or "fatal"
                (warning if flag in ("warning", "information") else fatal).add(el.get("id") or "")
        return Verdict(
            frozenset(fatal),
            frozenset(warning),
            xsd_verdict(data, xsd),
            errors=tuple(errors),
            unknown=frozenset(unknown),
        )


@cache
def rule_ids(stylesheet: Path) -> frozenset[str]:
    """Every rule id a stylesheet can report (from its SVRL-writing instructions)."""
    if stylesheet.suffix == ".sch":
        from tests.differential.schematron import compiled

        stylesheet = compiled(stylesheet, official())
    root = xml.parse(stylesheet.read_bytes(), source=str(stylesheet)).getroot()
    xsl = "http://www.w3.org/1999/XSL/Transform"
    found = set()
    for el in root.iter(_FAILED, _REPORT):
        for attribute in el.iterchildren(f"{{{xsl}}}attribute"):
            if attribute.get("name") == "id" and attribute.text:
                found.add(attribute.text.strip())
        if el.get("id"):
            found.add(el.get("id") or "")
    return frozenset(found)


@cache
def schema(path: Path) -> etree.XMLSchema:
    return xml.load_schema(path)


def xsd_verdict(data: bytes, xsd: Path | None) -> bool:
    """The XSD step: libxml2 validation against ``xsd`` (True when there is no schema)."""
    if xsd is None:
        return True
    return bool(schema(xsd).validate(xml.parse(data)))


def split(findings: Iterable[tuple[str, str]]) -> tuple[frozenset[str], frozenset[str]]:
    fatal = frozenset(rule for rule, flag in findings if flag not in ("warning", "information"))
    warning = frozenset(rule for rule, flag in findings if flag in ("warning", "information"))
    return fatal, warning


@cache
def official() -> Official:
    """The process's one :class:`Official` (compiled stylesheets are reused)."""
    return Official()
