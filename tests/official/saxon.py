"""Official rules with their messages: every failed assert of a stylesheet, in detail.

The differential suite's :mod:`tests.differential.oracle` runs the stylesheets (one
Saxon processor per process, each stylesheet compiled once); this module reads the
SVRL it returns into :class:`Failure` records (id, flag, location, text), for tests
that must show what the official rules said, not only which ids fired.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from heldigital import xml
from tests.differential.oracle import SVRL, official


@dataclass(frozen=True)
class Failure:
    id: str
    flag: str
    location: str
    text: str


def run(path: Path, document: bytes) -> list[Failure]:
    """Every failed assert / successful report of the stylesheet ``path`` on ``document``."""
    (report,) = official().svrl(document, [path])
    if isinstance(report, Exception):
        raise report
    root = xml.parse(report.encode("utf-8"), source="SVRL").getroot()
    return [
        Failure(
            id=element.get("id") or "",
            flag=element.get("flag") or "",
            location=element.get("location") or "",
            text=" ".join("".join(element.itertext()).split()),
        )
        for element in root.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")
    ]
