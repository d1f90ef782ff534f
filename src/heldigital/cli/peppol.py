"""``heldigital peppol``: the PEPPOL network on the command line.

``heldigital peppol verify FILE [--trust PEM...] [--at TIME] [--format text|json] [--key PEM]
[--crl FILE...] [--online]``

FILE is the body of an AS4 message or signal as received over HTTP: a SOAP
envelope, or a MIME multipart whose boundary is read from its first line (a dump
that begins with the HTTP headers is read too). Exit status:

* 0 - the signature verifies, covers the ebMS header, the body and every
  attachment, and the signing certificate chains to a trust anchor (``--trust``,
  PEM files of root or intermediate certificates; every certificate in them is
  an anchor) and is valid at ``--at`` (ISO 8601, default now);
* 1 - any of that does not hold (an encrypted attachment whose digest cannot be
  checked without ``--key``, the receiver's private key, counts as not holding);
* revocation is checked only when asked: ``--crl`` (offline CRLs) and/or ``--online``
  (OCSP, then the CRL distribution points); it fails closed - a certificate whose
  status cannot be established counts as not verified (exit 1);
* 2 - the input is unusable (unreadable, not MIME/XML, not an AS4 message) or an
  option is wrong.

``--format json`` prints ``{"file", "ok", "unusable", "kind", "message_id",
"signer", "findings": [{"check", "ok", "detail"}], "error"}``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1
EXIT_UNUSABLE = 2

app = typer.Typer(help="The PEPPOL network: lookups and AS4 messages.", no_args_is_help=True)


class OutputFormat(str, Enum):  # noqa: UP042 - Typer needs a str Enum it can introspect
    text = "text"
    json = "json"


def _at(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 time", param_hint="--at") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _certificates(paths: list[Path]) -> list[object]:
    from cryptography import x509

    certificates: list[object] = []
    for path in paths:
        try:
            data = path.read_bytes()
            certificates.extend(
                x509.load_pem_x509_certificates(data)
                if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)]
            )
        except (OSError, ValueError) as exc:
            raise typer.BadParameter(f"{path}: {exc}", param_hint="--trust") from None
    return certificates


@app.command("verify")
def verify(
    file: Annotated[Path, typer.Argument(help="The AS4 message or signal, as received.")],
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust", help="PEM file of trusted CA certificates (repeatable).", metavar="PEM"
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Time at which the certificate must be valid (default now).",
            metavar="TIME",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.", case_sensitive=False)
    ] = OutputFormat.text,
    crl: Annotated[
        list[Path] | None,
        typer.Option(
            "--crl",
            help="Check revocation against this CRL (DER or PEM; repeatable).",
            metavar="FILE",
        ),
    ] = None,
    online: Annotated[
        bool,
        typer.Option(
            "--online",
            help="Check revocation online: OCSP, then the CRL distribution points (5 s timeouts).",
        ),
    ] = False,
    key: Annotated[
        Path | None,
        typer.Option(
            "--key", help="The receiver's private key (PEM) to decrypt attachments.", metavar="PEM"
        ),
    ] = None,
) -> None:
    """Verify the WS-Security signature of an AS4 message and its signing certificate."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from heldigital.peppol.as4.check import check

    when = _at(at)
    anchors = _certificates(list(trust or []))
    private_key = None
    if key is not None:
        try:
            loaded = load_pem_private_key(key.read_bytes(), password=None)
        except (OSError, ValueError, TypeError) as exc:
            raise typer.BadParameter(f"{key}: {exc}", param_hint="--key") from None
        if not isinstance(loaded, rsa.RSAPrivateKey):
            raise typer.BadParameter(f"{key}: not an RSA private key", param_hint="--key")
        private_key = loaded
    try:
        data = file.read_bytes()
    except OSError as exc:
        message = f"{file}: cannot read: {exc.strerror or exc}"
        if output is OutputFormat.json:
            typer.echo(
                json.dumps(
                    {
                        "file": str(file),
                        "ok": False,
                        "unusable": True,
                        "findings": [],
                        "error": {"code": None, "short_description": None, "detail": message},
                    }
                )
            )
        else:
            typer.echo(message, err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    revocation = None
    if crl or online:
        from heldigital.peppol.as4.revocation import CRLChecker, OCSPChecker, fetch_crl

        try:
            crls = [path.read_bytes() for path in crl or []]
            crl_checker = CRLChecker(
                crls=crls, fetch=fetch_crl if online else None, now=lambda: when
            )
        except (OSError, ValueError) as exc:
            raise typer.BadParameter(str(exc), param_hint="--crl") from None
        revocation = OCSPChecker(fallback=crl_checker, now=lambda: when) if online else crl_checker
    result = check(
        data,
        trust_anchors=anchors,  # type: ignore[arg-type]
        at=when,
        key=private_key,
        revocation=revocation,
    )
    if output is OutputFormat.json:
        typer.echo(json.dumps({"file": str(file), **result.as_dict()}, indent=2))
    else:
        status = "VERIFIED" if result.ok else ("UNUSABLE" if result.unusable else "NOT VERIFIED")
        typer.echo(f"{file}: {status}")
        if result.kind:
            typer.echo(f"  {result.kind} {result.message_id}")
        if result.signer:
            typer.echo(f"  signed by {result.signer['subject']} (issuer {result.signer['issuer']})")
        for finding in result.findings:
            mark = "ok  " if finding.ok else "FAIL"
            typer.echo(
                f"  [{mark}] {finding.check}" + (f": {finding.detail}" if finding.detail else "")
            )
    if result.unusable:
        raise typer.Exit(EXIT_UNUSABLE)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_NOT_VERIFIED)
