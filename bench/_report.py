"""docs/benchmarks.md is written by several benchmarks: each owns a section
between ``<!-- begin:NAME -->`` and ``<!-- end:NAME -->`` and replaces only
that; ``bench/validate.py`` rewrites the head and keeps the sections."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPORT = REPO / "docs" / "benchmarks.md"
_SECTION = re.compile(r"<!-- begin:(?P<name>[\w-]+) -->.*?<!-- end:(?P=name) -->\n?", re.S)


def kept_sections(path: Path) -> str:
    """The owned sections of an existing report, to append after a rewrite."""
    if not path.exists():
        return ""
    found = [m.group(0) for m in _SECTION.finditer(path.read_text())]
    return ("\n\n" + "\n".join(found)) if found else ""


def write_section(name: str, body: str, path: Path = REPORT) -> None:
    block = f"<!-- begin:{name} -->\n{body.rstrip()}\n<!-- end:{name} -->\n"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- begin:{name} -->.*?<!-- end:{name} -->\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Linux {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def stamp() -> str:
    load = os.getloadavg()[0]
    return (
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n- Machine: {machine()}\n"
        f"- Load average (1 min) before the run: {load:.1f} (the machine is shared)"
    )


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
