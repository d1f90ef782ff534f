"""``heldigital serve``: the production HTTP server (Granian, ASGI).

The choice of server and its settings are explained in docs/operations.md
and in :mod:`heldigital.platform.asgi`: Granian receives request bodies on
its event loop, so slow or half-sent uploads hold no thread; Django's views
run in at most ``--threads`` threads per worker process.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer


def _default_workers() -> int:
    return int(os.environ.get("HELDIGITAL_WEB_WORKERS") or os.cpu_count() or 1)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(help="Worker processes (default: HELDIGITAL_WEB_WORKERS or one per core)."),
    ] = 0,
    threads: Annotated[
        int, typer.Option(help="Requests running views at once, per worker process.")
    ] = int(os.environ.get("HELDIGITAL_THREADS", 8)),
    header_timeout: Annotated[
        int, typer.Option(help="Seconds a client has to send the request headers.")
    ] = 10,
    read_timeout: Annotated[
        int, typer.Option(help="Seconds between two pieces of a request body before 408.")
    ] = int(os.environ.get("HELDIGITAL_READ_TIMEOUT", 30)),
    body_timeout: Annotated[
        int, typer.Option(help="Seconds a client has to send a whole request body before 408.")
    ] = int(os.environ.get("HELDIGITAL_BODY_TIMEOUT", 600)),
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = False,
    migrate: Annotated[bool, typer.Option(help="Apply database migrations first.")] = True,
    collectstatic: Annotated[
        bool, typer.Option(help="Collect and compress the static files first.")
    ] = True,
    ssl_certificate: Annotated[
        str,
        typer.Option(
            help="Serve HTTPS itself: the server certificate (PEM, followed by its chain)."
        ),
    ] = os.environ.get("HELDIGITAL_TLS_CERTIFICATE", ""),
    ssl_keyfile: Annotated[
        str, typer.Option(help="The server certificate's private key (PEM, PKCS#8).")
    ] = os.environ.get("HELDIGITAL_TLS_KEY", ""),
) -> None:
    """Serve the web application and the API (production server: Granian, ASGI)."""
    from django.core.management import call_command
    from django.db import connections

    from heldigital.cli import django as dj

    dj.setup()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    if collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "heldigital.platform.settings")
    env.setdefault("HELDIGITAL_DB_POOL", "1")
    env["HELDIGITAL_THREADS"] = str(threads)
    env["HELDIGITAL_READ_TIMEOUT"] = str(read_timeout)
    env["HELDIGITAL_BODY_TIMEOUT"] = str(body_timeout)
    if bool(ssl_certificate) != bool(ssl_keyfile):
        raise typer.BadParameter("--ssl-certificate and --ssl-keyfile go together")
    tls = (
        ["--ssl-certificate", ssl_certificate, "--ssl-keyfile", ssl_keyfile]
        if ssl_certificate
        else []
    )
    argv = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asginl",  # ASGI without the lifespan protocol, which Django does not speak
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers or _default_workers()),
        "--http",
        "1",
        "--no-ws",
        "--http1-header-read-timeout",
        str(header_timeout * 1000),
        "--backlog",
        "2048",
        "--respawn-failed-workers",
        "--workers-kill-timeout",
        "30",
        "--log-level",
        "warning",
        "--access-log" if access_log else "--no-access-log",
        *tls,
        "heldigital.platform.asgi:application",
    ]
    typer.echo(
        f"Heldigital on {'https' if tls else 'http'}://{host}:{port} "
        f"(Granian, {argv[argv.index('--workers') + 1]} workers)"
    )
    sys.stdout.flush()
    os.execve(sys.executable, argv, env)  # noqa: S606 - a fixed argument list, no shell
