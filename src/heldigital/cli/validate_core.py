"""The work of ``heldigital validate``, without Typer (see :mod:`heldigital.cli.validate`).

:func:`run` validates the files and prints the reports; the Typer command and the quick
path of the console script (:func:`quick`, taken when the arguments are plain) both call
it, so both print the same and exit with the same status. Only the standard library and
the validator are imported here: a cold ``heldigital validate FILE`` loads nothing else.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from heldigital.rules.api import Report
    from heldigital.rules.core import Finding

__all__ = ["EXIT_INVALID", "EXIT_UNUSABLE", "EXIT_VALID", "FORMATS", "quick", "run"]

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2
FORMATS = ("text", "json")
_OPTIONS = {"--format", "--rules", "--on", "--release"}


def _echo(message: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()


def run(
    files: Sequence[Path],
    output: str,
    rules: str | None,
    on: str | None,
    release: str | None = None,
) -> int:
    """Validate ``files``, print the reports (``output``: ``text`` or ``json``), return the
    exit status (0 all free of fatal errors, 1 some fatal error, 2 unusable input).

    ``release`` names the rule release, else ``on`` (YYYY-MM-DD) picks the newest in force
    that day, else the newest in force today; it is chosen once for all files."""
    from heldigital.rules import api, releases
    from heldigital.rules.rulesets import UnknownRuleSet, get

    day = None
    if on is not None:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            _echo(f"error: --on takes a date as YYYY-MM-DD, not {on!r}", err=True)
            return EXIT_UNUSABLE
    try:
        chosen = releases.select(release, day).name
        if rules is not None:
            get(rules, release=chosen)
    except UnknownRuleSet as exc:
        _echo(f"error: {exc.args[0]}", err=True)
        return EXIT_UNUSABLE

    reports = []
    unusable = False
    progress = None
    task = None
    if output == "text" and len(files) > 1 and sys.stdout.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("Validating", total=len(files))
    try:
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                report = api.Report(
                    document_type=None,
                    rule_set=None,
                    errors=[_finding("IO", f"cannot read file: {exc.strerror or exc}")],
                    path=str(path),
                )
            else:
                report = api.validate(data, rule_set=rules, release=chosen, path=str(path))
            if any(f.rule in ("IO", "XML") for f in report.errors):
                unusable = True
            reports.append(report)
            if progress is not None and task is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()

    if output == "json":
        _echo(json.dumps({"documents": [r.as_dict() for r in reports]}, ensure_ascii=False))
    else:
        _print_text(reports)

    if unusable:
        return EXIT_UNUSABLE
    return EXIT_VALID if all(r.valid for r in reports) else EXIT_INVALID


def _finding(rule: str, message: str) -> Finding:
    from heldigital.rules.core import Finding, Severity

    return Finding(rule, Severity.FATAL, "", message)


def _print_text(reports: list[Report]) -> None:
    for report in reports:
        verdict = "valid" if report.valid else "INVALID"
        kind = report.document_type or "?"
        rule_set = report.rule_set or "no rule set"
        if report.release is not None and report.rule_set is not None:
            rule_set += f" {report.release}"
        fatal, warnings = len(report.fatal), len(report.warnings)
        _echo(
            f"{report.path}: {verdict} ({kind}, {rule_set}; "
            f"{fatal} fatal, {warnings} warning{'s' if warnings != 1 else ''})"
        )
        for f in report.errors:
            where = f" at {f.location}" if f.location else ""
            _echo(f"  {f.severity.value:<7} {f.rule}{where}: {f.message}")


def quick(argv: Sequence[str]) -> int | None:
    """Run ``heldigital validate ARGV`` when the arguments are plain; None otherwise.

    Plain means what the Typer command accepts without a word of its own: the options
    ``--format text|json`` (any case), ``--rules NAME``, ``--release NAME`` and
    ``--on DATE`` (also written ``--option=value``), at least one file, ``--`` ending the
    options. Anything else (``--help``, an unknown option, a missing value or file) returns
    None, and the caller hands the command line to Typer, which prints its help or usage error.
    """
    values: dict[str, str] = {}
    files: list[Path] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            files.extend(Path(a) for a in args[i:])
            break
        if not arg.startswith("-") or arg == "-":
            files.append(Path(arg))
            continue
        name, eq, value = arg.partition("=")
        if name not in _OPTIONS:
            return None
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        values[name] = value
    if not files:
        return None
    output = values.get("--format", "text").lower()
    if output not in FORMATS:
        return None
    return run(files, output, values.get("--rules"), values.get("--on"), values.get("--release"))
