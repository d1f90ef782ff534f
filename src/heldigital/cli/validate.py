"""``heldigital validate``: the native validator on the command line.

The contract (other tools call it, keep it stable)::

    heldigital validate [--format text|json] [--rules RULESET] [--on DATE] FILE...

* each file's document type and rule set are detected (``--rules`` forces one);
* ``--on YYYY-MM-DD`` judges by the rule release in force on that day (default: the
  newest, e.g. PEPPOL 2026.5 from 2026-08-24; 3.0.19 of May 2025 before);
* exit status 0 when every file is free of fatal errors, 1 when any file has
  one, 2 when any input is unusable (unreadable, not XML);
* ``--format json`` prints ``{"documents": [{"path", "document_type",
  "rule_set", "valid", "errors": [{"rule", "severity", "location",
  "message"}]}]}``;
* several files on a terminal show a progress bar (never in JSON mode).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from heldigital import xml

__all__ = ["validate"]

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


class OutputFormat(str, Enum):  # noqa: UP042 - Typer needs a str Enum it can introspect
    text = "text"
    json = "json"


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Documents to validate.", show_default=False),
    ],
    output: Annotated[
        OutputFormat,
        typer.Option("--format", help="Output format.", case_sensitive=False),
    ] = OutputFormat.text,
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules", help="Rule set to use instead of detecting one.", metavar="RULESET"
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Use the rule release in force on this day (YYYY-MM-DD; default: the newest).",
            metavar="DATE",
        ),
    ] = None,
) -> None:
    """Validate EHF / PEPPOL BIS documents with the native validator."""
    from heldigital.rules import api
    from heldigital.rules.rulesets import UnknownRuleSet, get

    day = None
    if on is not None:
        try:
            day = date.fromisoformat(on)
        except ValueError:
            typer.echo(f"error: --on takes a date as YYYY-MM-DD, not {on!r}", err=True)
            raise typer.Exit(EXIT_UNUSABLE) from None
    if rules is not None:
        try:
            get(rules, day)
        except UnknownRuleSet as exc:
            typer.echo(f"error: {exc.args[0]}", err=True)
            raise typer.Exit(EXIT_UNUSABLE) from None

    reports = []
    unusable = False
    progress = None
    task = None
    if output is OutputFormat.text and len(files) > 1 and sys.stdout.isatty():
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
                report = api.validate(data, rule_set=rules, on=day, path=str(path))
            if any(f.rule in ("IO", "XML") for f in report.errors):
                unusable = True
            reports.append(report)
            if progress is not None and task is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()

    if output is OutputFormat.json:
        typer.echo(json.dumps({"documents": [r.as_dict() for r in reports]}, ensure_ascii=False))
    else:
        _print_text(reports)

    if unusable:
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_VALID if all(r.valid for r in reports) else EXIT_INVALID)


def _finding(rule: str, message: str):  # type: ignore[no-untyped-def]
    from heldigital.rules.core import Finding, Severity

    return Finding(rule, Severity.FATAL, "", message)


def _print_text(reports) -> None:  # type: ignore[no-untyped-def]
    for report in reports:
        verdict = "valid" if report.valid else "INVALID"
        kind = report.document_type or "?"
        rule_set = report.rule_set or "no rule set"
        fatal, warnings = len(report.fatal), len(report.warnings)
        typer.echo(
            f"{report.path}: {verdict} ({kind}, {rule_set}; "
            f"{fatal} fatal, {warnings} warning{'s' if warnings != 1 else ''})"
        )
        for f in report.errors:
            where = f" at {f.location}" if f.location else ""
            typer.echo(f"  {f.severity.value:<7} {f.rule}{where}: {f.message}")


# The hardened parser's limit is the validator's input limit too.
MAX_BYTES = xml.DEFAULT_MAX_BYTES
