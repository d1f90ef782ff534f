"""``heldigital peppol send`` and ``heldigital peppol report``: the access point by hand.

    heldigital peppol send FILE --to PARTICIPANT [--from PARTICIPANT] [--document-type ID]
        [--process ID] [--country CC] [--wait] [--format text|json]

FILE is a Peppol SBDH, sent as it is (``--to`` must be its receiver), or a UBL document,
wrapped in an SBDH first (document type from its root element and
``cbc:CustomizationID``, process from ``cbc:ProfileID``, sender from the seller's
``cbc:EndpointID``, unless the options say otherwise). The message is put in the
access point's outbox (the worker sends it); with ``--wait`` it is sent now, once, and
the outcome printed. Exit status: 0 queued (or, with ``--wait``, receipted); 1 the
attempt failed (``failed``, or ``queued`` again for a retry: the worker goes on
trying); 2 bad input.

    heldigital peppol report tsr|eusr --month YYYY-MM [--output FILE]

The Peppol Transaction Statistics Report or End User Statistics Report of the month,
built from the access point's transmission log and checked with the official rules
(:func:`heldigital.peppol.reporting.validate`); exit 1 when it does not validate.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


class OutputFormat(str, Enum):  # noqa: UP042 - Typer needs a str Enum it can introspect
    text = "text"
    json = "json"


class ReportKind(str, Enum):  # noqa: UP042
    tsr = "tsr"
    eusr = "eusr"


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def send(
    file: Annotated[Path, typer.Argument(help="A Peppol SBDH, or a UBL document to wrap.")],
    to: Annotated[
        str, typer.Option("--to", help="The receiver (0192:974760673 or scheme::value).")
    ],
    sender: Annotated[
        str | None, typer.Option("--from", help="The sender, when FILE is not an SBDH.")
    ] = None,
    document_type: Annotated[
        str | None, typer.Option("--document-type", help="The document type identifier.")
    ] = None,
    process: Annotated[
        str | None, typer.Option("--process", help="The process identifier.")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="COUNTRY_C1 (default HELDIGITAL_AP_COUNTRY).")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Send now and print the outcome.")] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.", case_sensitive=False)
    ] = OutputFormat.text,
) -> None:
    """Put a document in the access point's outbox (and with --wait, send it now)."""
    from heldigital.cli import django as dj

    dj.setup()
    from django.db import transaction
    from django.utils import timezone

    from heldigital.apps.accesspoint import services
    from heldigital.peppol import sbdh as sbdh_module
    from heldigital.peppol.identifiers import InvalidIdentifier, ParticipantIdentifier

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise _fail(f"{file}: {exc.strerror or exc}") from None
    now = timezone.now()
    try:
        receiver = (
            ParticipantIdentifier.parse(to) if "::" in to else ParticipantIdentifier.create(to)
        )
    except InvalidIdentifier as exc:
        raise _fail(f"--to: {exc}") from None
    from heldigital import xml as hxml

    try:
        root = hxml.parse(data, source=str(file)).getroot()
    except hxml.DocumentError as exc:
        raise _fail(f"{file}: not XML: {exc}") from None
    if root.tag == f"{{{sbdh_module.NS}}}StandardBusinessDocument":
        try:
            header = sbdh_module.read(data, source=str(file)).header
        except sbdh_module.SBDHError as exc:
            raise _fail(f"{file}: not a valid Peppol SBDH: {exc}") from None
        if header.receiver != receiver:
            raise _fail(f"--to {receiver} is not the SBDH's receiver {header.receiver}")
    else:
        try:
            data = services.envelope(
                data,
                receiver=str(receiver),
                now=now,
                sender=sender,
                document_type=document_type,
                process=process,
                country=country,
            )
        except ValueError as exc:
            raise _fail(f"{file}: {exc}") from None
    with transaction.atomic():
        message_id = services.enqueue(sbdh=data, now=now)
    state = services.attempt(message_id, now=timezone.now()) if wait else "queued"
    status = services.outbound_status(message_id)
    result: dict[str, Any] = {
        "message_id": message_id,
        "state": state,
        "attempts": status["attempts"],
        "reason": status["reason"] or None,
        "last_error": status["last_error"] or None,
        "receipted_at": status["receipted_at"].isoformat() if status["receipted_at"] else None,
    }
    if output is OutputFormat.json:
        typer.echo(json.dumps(result))
    else:
        typer.echo(f"{message_id}: {state}")
        if result["reason"] or (state != "receipted" and result["last_error"]):
            typer.echo(f"  {result['reason'] or result['last_error']}")
    ok = state == "receipted" or (not wait and state == "queued")
    raise typer.Exit(EXIT_OK if ok else EXIT_FAILED)


def report(
    kind: Annotated[ReportKind, typer.Argument(help="tsr or eusr.", case_sensitive=False)],
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")],
    output_file: Annotated[
        Path | None, typer.Option("--output", help="Write the report here (default stdout).")
    ] = None,
) -> None:
    """The monthly Peppol TSR or EUSR, from the access point's transmission log."""
    from heldigital.cli import django as dj

    dj.setup()
    from heldigital.apps.accesspoint import services
    from heldigital.peppol import reporting

    try:
        period = reporting.Month.parse(month)
    except ValueError as exc:
        raise _fail(f"--month: {exc}") from None
    try:
        built = (
            services.transaction_statistics(period)
            if kind is ReportKind.tsr
            else services.end_user_statistics(period)
        )
    except services.NotConfigured as exc:
        raise _fail(f"the access point is not configured: {exc}") from None
    except ValueError as exc:
        raise _fail(f"the transmission log cannot be reported: {exc}") from None
    document = built.to_xml()
    checked = reporting.validate(document, source=f"{kind.value} {period}")
    if output_file is None:
        typer.echo(document.decode())
    else:
        output_file.write_bytes(document)
    if not checked.valid:
        for finding in checked.findings:
            typer.echo(f"{finding.severity.value} {finding.rule}: {finding.message}", err=True)
        raise typer.Exit(EXIT_FAILED)
