"""``heldigital postings``: the posting export of a buyer's approved invoices.

::

    heldigital postings --organisation 974760673 [--format csv|json] \
        [--from 2026-11-01] [--to 2026-11-30] [--output postings.csv]

Writes the posting lines (docs/payments.md, "Posting export") of the organisation's
approved invoices and credit notes, approved on the days given (Norwegian time, both
included), to standard output or ``--output``. Exit status 2 for an unknown organisation
or a bad date.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from heldigital.cli import django as dj


class Format(StrEnum):
    CSV = "csv"
    JSON = "json"


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(f"error: {option} must be a date (YYYY-MM-DD), not {text!r}", err=True)
        raise typer.Exit(2) from None


def postings(
    organisation: Annotated[
        str, typer.Option("--organisation", help="Organisation number of the buyer.")
    ],
    format: Annotated[Format, typer.Option("--format", help="csv or json.")] = Format.CSV,
    approved_from: Annotated[
        str | None, typer.Option("--from", help="First day of approval (YYYY-MM-DD).")
    ] = None,
    approved_to: Annotated[
        str | None, typer.Option("--to", help="Last day of approval (YYYY-MM-DD).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write here instead of standard output.")
    ] = None,
) -> None:
    """Export the posting lines of a buyer's approved invoices (CSV or JSON)."""
    first, last = _day(approved_from, "--from"), _day(approved_to, "--to")
    dj.setup()
    from django.core.exceptions import ValidationError

    from heldigital.apps.accounts.models import Organisation, normalise_orgnr
    from heldigital.apps.invoicing import posting

    try:
        buyer = Organisation.objects.get(orgnr=normalise_orgnr(organisation))
    except (ValidationError, Organisation.DoesNotExist):
        typer.echo(f"error: no organisation {organisation} on this platform", err=True)
        raise typer.Exit(2) from None
    lines = posting.postings(buyer, principal=None, approved_from=first, approved_to=last)
    if format is Format.JSON:
        text = json.dumps(posting.as_json(lines), ensure_ascii=False, indent=2) + "\n"
    else:
        text = posting.as_csv(lines)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
