"""``heldigital ledger``: verify and seal the procurement protocol.

``heldigital ledger verify [--procurement ID]`` re-checks the hash chains and
the sealed daily roots in the database (:mod:`heldigital.apps.protocol`).
Exit status 0 when intact; 1 when anything was changed, removed or
inserted, with one line per problem naming the procurement, the event's
sequence number and type, and the reason.

``heldigital ledger seal [--day YYYY-MM-DD]`` seals a finished UTC day
(yesterday by default) and prints its root, the value to publish.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from heldigital.cli import django as dj

app = typer.Typer(
    help="The procurement protocol: an append-only, hash-chained ledger.",
    no_args_is_help=True,
)


@app.command()
def verify(
    procurement: Annotated[
        str | None,
        typer.Option("--procurement", help="Verify only this procurement's chain."),
    ] = None,
) -> None:
    """Verify the hash chains and daily roots; exit 1 if anything was tampered with."""
    dj.setup()
    from heldigital.apps.protocol import services

    result = services.verify_procurement(procurement) if procurement else services.verify_all()
    console = Console(highlight=False)
    summary = Table(title="Procurement protocol", show_header=False)
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Scope", f"procurement {escape(procurement)}" if procurement else "all")
    summary.add_row("Events", str(result.events))
    summary.add_row("Chains", str(result.chains))
    summary.add_row("Sealed days", str(result.roots))
    summary.add_row(
        "Result",
        "[green]intact[/green]"
        if result.ok
        else f"[red]TAMPERED: {len(result.problems)} problem(s)[/red]",
    )
    console.print(summary)
    if result.ok:
        return
    for problem in result.problems:
        parts = []
        if problem.day is not None:
            parts.append(f"root of {problem.day.isoformat()}")
        if problem.procurement_id is not None:
            parts.append(f"procurement {problem.procurement_id}")
        if problem.sequence is not None:
            parts.append(f"sequence {problem.sequence}")
        if problem.event_type:
            parts.append(f"type {problem.event_type}")
        where = ", ".join(parts)
        console.print(
            f"[red]BROKEN[/red] {escape(where)}: {escape(problem.reason)}", soft_wrap=True
        )
    raise typer.Exit(code=1)


@app.command()
def seal(
    day: Annotated[
        str | None,
        typer.Option("--day", help="The UTC day to seal, YYYY-MM-DD (default: yesterday)."),
    ] = None,
) -> None:
    """Seal a finished UTC day and print its root (the value to publish)."""
    now = datetime.now(UTC)
    try:
        target = date.fromisoformat(day) if day else now.date() - timedelta(days=1)
    except ValueError:
        raise typer.BadParameter(f"{day!r} is not a date of the form YYYY-MM-DD") from None
    dj.setup()
    from heldigital import ledger
    from heldigital.apps.protocol import services

    try:
        row = services.seal_day(target, now)
    except ledger.LedgerError as exc:
        Console(stderr=True, highlight=False).print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(code=1) from None
    Console(highlight=False).print(
        f"{row.day.isoformat()} root {row.root} ({row.chains} chains, "
        f"previous {row.previous_root})",
        soft_wrap=True,
    )
