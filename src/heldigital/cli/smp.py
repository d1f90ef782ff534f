"""``heldigital smp``: the address register's SML zone.

    heldigital smp zone [--zone sml.example.org] [--smp-url https://smp.example.org]
        [--ttl 60] [--nameserver ns.example.org] [--output FILE]

writes the DNS zone file (master-file syntax: SOA, NS, then for every
registered participant the legacy CNAME ``B-<md5>`` and the BDXL U-NAPTR
``<base32(sha256)>``) for a DNS server such as Knot or NSD. Defaults:
``HELDIGITAL_SML_ZONE`` and ``HELDIGITAL_SMP_URL``. See docs/smp.md.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from heldigital.cli import django as dj

app = typer.Typer(help="The address register (SMP): SML zone.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """The address register (SMP)."""


@app.command()
def zone(
    zone: Annotated[
        str | None, typer.Option("--zone", help="The SML zone (default HELDIGITAL_SML_ZONE).")
    ] = None,
    smp_url: Annotated[
        str | None,
        typer.Option("--smp-url", help="The SMP's base URL (default HELDIGITAL_SMP_URL)."),
    ] = None,
    ttl: Annotated[int, typer.Option("--ttl", min=1, help="TTL of the records, seconds.")] = 60,
    nameserver: Annotated[
        str | None, typer.Option("--nameserver", help="The zone's name server (ns.<zone>).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write the SML zone file of every registered participant."""
    dj.setup()
    from django.conf import settings

    from heldigital.apps.smp.services import zone_text

    try:
        text = zone_text(
            zone=zone or settings.HELDIGITAL_SML_ZONE,
            smp_url=smp_url or settings.HELDIGITAL_SMP_URL,
            now=datetime.now(UTC),
            ttl=ttl,
            nameserver=nameserver,
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
