"""The Typer application of the ``heldigital`` command (entry point: :mod:`heldigital.cli.main`)."""

from __future__ import annotations

from typing import Annotated

import typer

from heldigital import __version__
from heldigital.cli import (
    demo,
    ledger,
    peppol,
    peppol_lookup,
    peppol_send,
    postings,
    server,
    smp,
    token,
    validate,
    worker,
)

app = typer.Typer(
    name="heldigital",
    help="Heldigital: fully digital public procurement on EHF and PEPPOL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"heldigital {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Heldigital command line."""


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (``heldigital manage migrate`` ...)."""
    from django.core.management import execute_from_command_line

    from heldigital.cli import django as dj

    dj.setup()
    execute_from_command_line(["heldigital manage", *ctx.args])


app.command("serve")(server.serve)
app.command("worker")(worker.worker)
app.command("validate")(validate.validate)
app.add_typer(ledger.app, name="ledger")
app.add_typer(token.app, name="token")
peppol.app.command("lookup")(peppol_lookup.lookup)
peppol.app.command("send")(peppol_send.send)
peppol.app.command("report")(peppol_send.report)
app.add_typer(peppol.app, name="peppol")
app.add_typer(smp.app, name="smp")
app.command("demo")(demo.demo)
app.command("postings")(postings.postings)
