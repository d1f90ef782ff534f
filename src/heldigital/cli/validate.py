"""``heldigital validate``: the native validator on the command line.

The contract (other tools call it, keep it stable)::

    heldigital validate [--format text|json] [--rules RULESET] [--release NAME | --on DATE] FILE...

* each file's document type and rule set are detected (``--rules`` forces one);
* ``--release NAME`` judges by that rule release (``2025.5``: the release of the official
  unit tests; ``2026.5``); ``--on YYYY-MM-DD`` by the newest release in force on that day;
  the default is the newest release in force today (2026.5 from 2026-08-24, 2025.5
  before); an unknown release exits 2 naming the known ones;
* exit status 0 when every file is free of fatal errors, 1 when any file has
  one, 2 when any input is unusable (unreadable, not XML);
* ``--format json`` prints ``{"documents": [{"path", "document_type",
  "rule_set", "release", "valid", "errors": [{"rule", "severity", "location",
  "message"}]}]}``;
* several files on a terminal show a progress bar (never in JSON mode).

The work is :func:`heldigital.cli.validate_core.run`; this module is the Typer command.
The console script skips Typer for plain arguments (:func:`~heldigital.cli.validate_core.quick`).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from heldigital import xml
from heldigital.cli.validate_core import EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID, run

__all__ = ["EXIT_INVALID", "EXIT_UNUSABLE", "EXIT_VALID", "validate"]


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
            help="Use the newest rule release in force on this day (YYYY-MM-DD; default: today).",
            metavar="DATE",
        ),
    ] = None,
    release: Annotated[
        str | None,
        typer.Option(
            "--release",
            help="Use this rule release (e.g. 2025.5, 2026.5; default: the newest in force).",
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Validate EHF / PEPPOL BIS documents with the native validator."""
    code = run([Path(f) for f in files], output.value, rules, on, release)
    raise typer.Exit(code)


# The hardened parser's limit is the validator's input limit too.
MAX_BYTES = xml.DEFAULT_MAX_BYTES
