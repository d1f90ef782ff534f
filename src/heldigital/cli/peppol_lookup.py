"""``heldigital peppol lookup``: where a participant receives, found as a sender finds it.

    heldigital peppol lookup PARTICIPANT [--document-type ID] [--trust PEM]...
        [--zone ZONE] [--nameserver HOST[:PORT]] [--method naptr|cname]
        [--smp URL] [--at TIME] [--format text|json]

The SML (``--zone``, default ``HELDIGITAL_SML_ZONE`` or the Peppol test SML;
``--method naptr``, the BDXL U-NAPTR scheme, or the legacy ``cname``) gives
the participant's SMP, unless ``--smp`` names it. Without
``--document-type`` the SMP's service group is listed; with it, the signed
service metadata is read and its signature verified against ``--trust``
(PEM files of the SMP trust anchors, required then) at ``--at`` (ISO 8601,
default now), and its processes and endpoints are listed.

Exit status: 0 found; 1 the SML or the SMP does not know the participant or
document type (not registered, HTTP 404); 2 anything else (bad input, DNS or
HTTP failure, an answer that does not verify).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

EXIT_FOUND = 0
EXIT_NOT_FOUND = 1
EXIT_ERROR = 2


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _zone_default() -> str:
    from heldigital.peppol import sml

    return os.environ.get("HELDIGITAL_SML_ZONE") or sml.ZONE_TEST


def lookup(
    participant: Annotated[
        str, typer.Argument(help="scheme::value, or ICD:identifier (iso6523-actorid-upis).")
    ],
    document_type: Annotated[
        str | None,
        typer.Option("--document-type", help="busdox-docid-qns::... (or the bare value)."),
    ] = None,
    trust: Annotated[
        list[Path] | None,
        typer.Option("--trust", help="PEM file of SMP trust anchors (repeat)."),
    ] = None,
    zone: Annotated[
        str | None, typer.Option("--zone", help="SML zone (HELDIGITAL_SML_ZONE).")
    ] = None,
    nameserver: Annotated[
        str | None,
        typer.Option("--nameserver", help="Ask this DNS server (HOST or HOST:PORT)."),
    ] = None,
    method: Annotated[str, typer.Option("--method", help="naptr or cname.")] = "naptr",
    smp_url: Annotated[
        str | None, typer.Option("--smp", help="The SMP's base URL (skip the SML).")
    ] = None,
    at: Annotated[str | None, typer.Option("--at", help="ISO 8601 time (default now).")] = None,
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per query.")] = 10,
) -> None:
    """Find a participant's SMP in the SML and read what it receives."""
    from cryptography import x509

    from heldigital.peppol import sml, smp
    from heldigital.peppol.identifiers import (
        DOCUMENT_TYPE_SCHEMES,
        DocumentTypeIdentifier,
        InvalidIdentifier,
        ParticipantIdentifier,
    )

    if output not in ("text", "json") or method not in ("naptr", "cname"):
        raise _fail("--format is text or json, --method naptr or cname")
    try:
        target = (
            ParticipantIdentifier.parse(participant)
            if "::" in participant
            else ParticipantIdentifier.create(participant)
        )
        wanted = None
        if document_type is not None:
            wanted = (
                DocumentTypeIdentifier.parse(document_type)
                if document_type.startswith(tuple(s + "::" for s in DOCUMENT_TYPE_SCHEMES))
                else DocumentTypeIdentifier.create(document_type)
            )
    except InvalidIdentifier as exc:
        raise _fail(str(exc)) from None
    when = datetime.now(UTC)
    if at is not None:
        try:
            when = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise _fail(f"--at {at!r} is not an ISO 8601 time") from None
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when
    anchors: list[x509.Certificate] = []
    for path in trust or []:
        try:
            anchors += x509.load_pem_x509_certificates(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise _fail(f"{path}: {exc}") from None
    if wanted is not None and not anchors:
        raise _fail("--trust is needed to verify the service metadata")

    result: dict[str, Any] = {"participant": str(target)}
    try:
        if smp_url is None:
            resolver = None
            if nameserver is not None:
                host, _, port = (
                    nameserver.rpartition(":") if ":" in nameserver else (nameserver, "", "53")
                )
                resolver = sml.resolver_for(host or nameserver, int(port), timeout=timeout)
            location = sml.lookup(
                target,
                zone or _zone_default(),
                method="cname" if method == "cname" else "naptr",
                resolver=resolver,
                timeout=timeout,
            )
            smp_url = location.url
            result["sml"] = {"method": location.method, "dns_name": location.dns_name}
        result["smp"] = smp_url
        client = smp.SMPClient(smp_url, trust_anchors=anchors, timeout=timeout)
        if wanted is None:
            group = client.service_group(target)
            result["document_types"] = [str(d) for d in group.document_types]
        else:
            metadata = client.service_metadata(target, wanted, at=when)
            result["document_type"] = str(wanted)
            result["signer"] = metadata.signer.subject.rfc4514_string() if metadata.signer else None
            result["processes"] = [
                {
                    "processes": [str(p) for p in process.identifiers],
                    "endpoints": [
                        {
                            "transport_profile": e.transport_profile,
                            "address": e.address,
                            "certificate": e.certificate.subject.rfc4514_string()
                            if e.certificate
                            else None,
                            "activation": e.activation.isoformat() if e.activation else None,
                            "expiration": e.expiration.isoformat() if e.expiration else None,
                            "active": e.active_at(when),
                        }
                        for e in process.endpoints
                    ],
                }
                for process in metadata.processes
            ]
    except (sml.NotRegistered, smp.NotFound) as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from None
    except (sml.SMLError, smp.SMPError, ValueError) as exc:
        raise _fail(str(exc)) from None

    if output == "json":
        typer.echo(json.dumps(result, indent=2))
        return
    typer.echo(f"participant  {result['participant']}")
    if "sml" in result:
        typer.echo(f"SML          {result['sml']['method']}: {result['sml']['dns_name']}")
    typer.echo(f"SMP          {result['smp']}")
    for item in result.get("document_types", []):
        typer.echo(f"document     {item}")
    if "processes" in result:
        typer.echo(f"signed by    {result['signer']}")
        for process in result["processes"]:
            typer.echo(f"process      {', '.join(process['processes'])}")
            for endpoint in process["endpoints"]:
                state = "active" if endpoint["active"] else "not active"
                typer.echo(
                    f"  endpoint   {endpoint['transport_profile']} {endpoint['address']} ({state})"
                )
