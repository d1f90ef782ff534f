"""``heldigital ledger``: verify and seal the procurement protocol.

``heldigital ledger verify [--procurement ID]`` re-checks the hash chains and
the sealed daily roots in the database (:mod:`heldigital.apps.protocol`).
Exit status 0 when intact; 1 when anything was changed, removed or
inserted, with one line per problem naming the procurement, the event's
sequence number and type, and the reason.

``heldigital ledger verify --receipts DIR`` also checks every receipt XML
file in DIR (as downloaded from the API): its platform signature, and that
the ``tender.submitted`` event it names is in the protocol with the same
hash. The chain alone cannot see its *last* events removed before a daily
root covers them; a receipt can. A receipt that disagrees is a problem
(exit 1) naming the file and the event.

``heldigital ledger seal [--day YYYY-MM-DD]`` seals a finished UTC day
(yesterday by default) and prints its root, the value to publish;
``--due`` seals every ended day not sealed yet (what the worker runs).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
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
    receipts: Annotated[
        Path | None,
        typer.Option(
            "--receipts",
            help="A directory of receipt XML files: each must be signed by the platform and "
            "its protocol event present and unchanged.",
            exists=True,
            file_okay=False,
            dir_okay=True,
        ),
    ] = None,
) -> None:
    """Verify the hash chains and daily roots; exit 1 if anything was tampered with."""
    dj.setup()
    from heldigital import ledger
    from heldigital.apps.protocol import services

    result = services.verify_procurement(procurement) if procurement else services.verify_all()
    findings = _check_receipts(receipts) if receipts is not None else []
    receipt_problems = [
        ledger.Problem(
            f"receipt {finding.name}: {finding.problem}",
            procurement_id=finding.head.ledger_id if finding.head else None,
            sequence=finding.head.sequence if finding.head else None,
            event_type=finding.event_type,
        )
        for finding in findings
        if finding.problem is not None
    ]
    if receipt_problems:
        result = ledger.Verification(
            (*result.problems, *receipt_problems), result.events, result.chains, result.roots
        )
    console = Console(highlight=False)
    summary = Table(title="Procurement protocol", show_header=False)
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Scope", f"procurement {escape(procurement)}" if procurement else "all")
    summary.add_row("Events", str(result.events))
    summary.add_row("Chains", str(result.chains))
    summary.add_row("Sealed days", str(result.roots))
    if receipts is not None:
        summary.add_row("Receipts", f"{len(findings)} receipt(s) in {escape(str(receipts))}")
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
        where = f"{', '.join(parts)}: " if parts else ""
        console.print(f"[red]BROKEN[/red] {escape(where)}{escape(problem.reason)}", soft_wrap=True)
    raise typer.Exit(code=1)


def _check_receipts(folder: Path) -> list:  # list[ReceiptFinding]
    from heldigital.apps.submissions import conf
    from heldigital.apps.submissions.services import check_receipt

    public_key = conf.signer().public_key
    return [
        check_receipt(path.name, path.read_bytes(), public_key)
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() == ".xml"
    ]


@app.command()
def seal(
    day: Annotated[
        str | None,
        typer.Option("--day", help="The UTC day to seal, YYYY-MM-DD (default: yesterday)."),
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Seal every ended day that is not sealed yet.")
    ] = False,
) -> None:
    """Seal a finished UTC day and print its root (the value to publish)."""
    now = datetime.now(UTC)
    if due:
        dj.setup()
        from heldigital import ledger
        from heldigital.apps.protocol import services

        try:
            rows = services.seal_due(now)
        except ledger.LedgerError as exc:
            Console(stderr=True, highlight=False).print(f"[red]{escape(str(exc))}[/red]")
            raise typer.Exit(code=1) from None
        for row in rows:
            Console(highlight=False).print(
                f"{row.day.isoformat()} root {row.root} ({row.chains} chains)", soft_wrap=True
            )
        return
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
