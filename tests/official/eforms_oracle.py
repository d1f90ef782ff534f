"""The eForms SDK Schematron as the oracle for notices, one compiled phase per subtype.

The SDK publishes its rules as Schematron only (``schematrons/static``): one
``complete-validation.sch`` that includes every stage file and declares one
phase per notice subtype (``eforms-16``, ``eforms-E3`` …, each naming the
stage patterns that apply). Compiling all of it for every subtype would take
minutes, so :func:`phase_source` writes, for one subtype, a Schematron with
the same header (namespaces, the ``noticeSubType`` and ``isChangeNotice``
variables, the phase) that includes only that phase's stage files; it is
compiled with the ISO pipeline of :mod:`tests.differential.schematron` and
cached by hash like every other compiled source. The SDK's own SVRL reports of
its example notices are the control (``test_eforms_official.py``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from heldigital import xml
from tests.differential.oracle import SVRL, official
from tests.differential.schematron import CACHE, compiled
from tests.official.saxon import Failure

SDK = Path(__file__).resolve().parents[2].parent / "shared/corpus/eforms-sdk/1.16.0-SNAPSHOT"
STATIC = SDK / "schematrons" / "static"
EFEXT = "http://data.europa.eu/p27/eforms-ubl-extensions/1"
EFAC = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def subtype_of(notice: bytes) -> str:
    """The notice subtype code (``16``, ``E3`` …) a notice declares."""
    root = xml.parse(notice).getroot()
    found = root.find(f".//{{{EFAC}}}NoticeSubType/{{{CBC}}}SubTypeCode")
    if found is None or not (found.text or "").strip():
        raise ValueError("the notice declares no subtype (efac:NoticeSubType)")
    return found.text.strip()


@cache
def phase_source(subtype: str) -> Path:
    """A Schematron for one subtype: the SDK header and phase, that phase's stages only."""
    text = (STATIC / "complete-validation.sch").read_text(encoding="utf-8")
    header = text[: text.index("<phase ")]
    match = re.search(rf'<phase id="eforms-{re.escape(subtype)}">.*?</phase>', text, re.S)
    if match is None:
        raise ValueError(f"the SDK has no phase for subtype {subtype!r}")
    phase = match.group(0)
    patterns = re.findall(r'<active pattern="EFORMS-(validation-stage-[^"]+)"', phase)
    includes = "\n".join(
        f'\t<include href="{(STATIC / (name + ".sch")).as_uri()}"/>' for name in patterns
    )
    diagnostics = re.search(r"<diagnostics>.*?</diagnostics>", text, re.S)
    source = (
        header.replace("<schema ", f'<schema defaultPhase="eforms-{subtype}" ', 1)
        + phase
        + "\n"
        + includes
        + "\n"
        + (diagnostics.group(0) if diagnostics else "")
        + "\n</schema>\n"
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"eforms-sdk-1.16-phase-{subtype}.sch"
    if not path.exists() or path.read_text(encoding="utf-8") != source:
        path.write_text(source, encoding="utf-8")
    return path


DYNAMIC = SDK / "schematrons" / "dynamic"
#: The patterns the SDK's dynamic Schematron has beside the static one (checked in
#: test_notices_official.py): stage 6a (no asserts) and 6b (D-0001, the dispatch date
#: within a day of the day of validation).
DYNAMIC_ONLY = ("validation-stage-6a", "validation-stage-6b")


@cache
def dynamic_only_source() -> Path:
    """A Schematron of the SDK's dynamic header and the patterns only the dynamic stage has."""
    text = (DYNAMIC / "complete-validation.sch").read_text(encoding="utf-8")
    header = text[: text.index("<phase ")].replace(
        'href="config.sch"', f'href="{(DYNAMIC / "config.sch").as_uri()}"'
    )
    phase = '<phase id="dynamic-only">' + "".join(
        f'<active pattern="EFORMS-{name}"/>' for name in DYNAMIC_ONLY
    )
    includes = "\n".join(
        f'\t<include href="{(DYNAMIC / (name + ".sch")).as_uri()}"/>' for name in DYNAMIC_ONLY
    )
    source = (
        header.replace("<schema ", '<schema defaultPhase="dynamic-only" ', 1)
        + phase
        + "</phase>\n"
        + includes
        + "\n</schema>\n"
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "eforms-sdk-1.16-dynamic-only.sch"
    if not path.exists() or path.read_text(encoding="utf-8") != source:
        path.write_text(source, encoding="utf-8")
    return path


_SVRL_OUT = (f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")


@cache
def stylesheet(subtype: str) -> Path:
    """The compiled phase, with the skeleton's ``@test`` copies made literal.

    The XSLT 1 skeleton copies each assert's test expression into the SVRL
    element it writes (``<svrl:failed-assert test="...">``), where XSLT reads
    it as an attribute value template: the SDK's regular expressions with
    ``{2,3}`` quantifiers then fail to compile. Braces in those copies are
    doubled, which makes them literal text again (XSLT 2.0 section 5.6.1).
    """
    return _literal_tests(compiled(phase_source(subtype), official(), generated={}))


@cache
def dynamic_stylesheet() -> Path:
    return _literal_tests(compiled(dynamic_only_source(), official(), generated={}))


def _literal_tests(path: Path) -> Path:
    fixed = path.with_name(path.stem + "-avt.xslt")
    if not fixed.exists():
        tree = xml.parse(path.read_bytes(), source=str(path))
        for element in tree.getroot().iter(*_SVRL_OUT):
            test = element.get("test")
            if test is not None:
                element.set("test", test.replace("{", "{{").replace("}", "}}"))
        partial = fixed.with_suffix(".partial")
        tree.write(str(partial), xml_declaration=True, encoding="UTF-8")
        partial.replace(fixed)
    return fixed


def run(notice: bytes, *, dynamic_only: bool = False) -> list[Failure]:
    """Every failed assert / successful report of the SDK rules for the notice's subtype.

    ``dynamic_only``: the rules the dynamic stage adds to the static one instead
    (:data:`DYNAMIC_ONLY`); the static and the dynamic stage share every other file.
    """
    path = dynamic_stylesheet() if dynamic_only else stylesheet(subtype_of(notice))
    (report,) = official().svrl(notice, [path])
    if isinstance(report, Exception):
        raise report
    root = xml.parse(report.encode("utf-8"), source="SVRL").getroot()
    return [
        Failure(
            id=element.get("id") or "",
            flag=element.get("role") or element.get("flag") or "",
            location=element.get("location") or "",
            text=" ".join("".join(element.itertext()).split()),
        )
        for element in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
    ]


def expected(report: Path) -> list[tuple[str, str]]:
    """(id, role) of every failed assert in one of the SDK's own SVRL reports."""
    root = xml.parse(report.read_bytes(), source=str(report)).getroot()
    return sorted(
        (el.get("id") or "", el.get("role") or el.get("flag") or "")
        for el in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
    )
