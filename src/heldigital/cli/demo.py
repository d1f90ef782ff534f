"""``heldigital demo``: load fictional demo organisations, users and a protocol."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def demo(
    if_empty: Annotated[
        bool,
        typer.Option("--if-empty", help="Do nothing when any organisation exists already."),
    ] = False,
) -> None:
    """Load demo data (idempotent). Run ``heldigital manage migrate`` first."""
    from django.db import DatabaseError
    from django.utils import timezone, translation

    from heldigital.cli import django as dj

    dj.setup()
    from heldigital.apps.accounts.demo import load_demo
    from heldigital.apps.accounts.models import Organisation, Role
    from heldigital.platform.demo_procurements import load_demo_procurements

    console = Console()
    try:
        if if_empty and Organisation.objects.exists():
            console.print("Organisations exist already; demo data not loaded (--if-empty).")
            return
        result = load_demo(timezone.now())
        procurements = load_demo_procurements(timezone.now())
    except DatabaseError as exc:
        console.print(
            f"[red]Could not load demo data: {exc}[/red]\n"
            "Is the database migrated? Run: heldigital manage migrate"
        )
        raise typer.Exit(1) from exc

    if result.created_anything:
        console.print(
            f"Demo data: {result.created_organisations} organisations, "
            f"{result.created_users} users, {result.created_memberships} memberships and "
            f"{result.recorded_events} protocol events created."
        )
    else:
        console.print("Demo data is already loaded; nothing was changed.")
    console.print(procurements.summary())
    table = Table(title="Demo logins (fictional data only)")
    table.add_column("Username", no_wrap=True)
    table.add_column("Name")
    table.add_column("Organisation")
    table.add_column("Role")
    with translation.override("en"):  # the command line speaks English
        for user in result.users:
            table.add_row(
                user.username,
                f"{user.first_name} {user.last_name}",
                result.organisation_names[user.organisation],
                str(Role(user.role).label),
            )
    console.print(table)
    console.print(f"Password for every demo user: [bold]{result.password}[/bold]")
    console.print(f"Demo protocol: /procurements/{result.procurement_id}/protocol/")
