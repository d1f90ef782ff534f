"""The official rules as the oracle: published XSLTs run in saxonche, SVRL read back.

Test-only (saxonche is a dev extra). A compiled stylesheet is kept per process;
a document is passed as text and every failed assert and successful report
of the SVRL output comes back as :class:`Failure` (id, flag, location, text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from heldigital import xml

SVRL = "http://purl.oclc.org/dsdl/svrl"


@dataclass(frozen=True)
class Failure:
    id: str
    flag: str
    location: str
    text: str


@cache
def _processor():  # type: ignore[no-untyped-def]
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@cache
def stylesheet(path: Path):  # type: ignore[no-untyped-def]
    """The compiled XSLT executable of ``path`` (compiled once per process)."""
    compiler = _processor().new_xslt30_processor()
    return compiler.compile_stylesheet(stylesheet_file=str(path))


def run(path: Path, document: bytes) -> list[Failure]:
    """Every failed assert / successful report of the XSLT ``path`` on ``document``."""
    proc = _processor()
    node = proc.parse_xml(xml_text=document.decode("utf-8"))
    out = stylesheet(path).transform_to_string(xdm_node=node)
    report = xml.parse(out.encode("utf-8")).getroot()
    failures = []
    for element in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        text = " ".join("".join(element.itertext()).split())
        failures.append(
            Failure(
                id=element.get("id") or "",
                flag=element.get("flag") or "",
                location=element.get("location") or "",
                text=text,
            )
        )
    return failures
