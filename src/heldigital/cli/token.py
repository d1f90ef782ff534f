"""``heldigital token``: issue, list and revoke API tokens.

An API token acts for one user in one organisation with named roles (a
subset of the roles the user holds there) until it expires::

    heldigital token issue --user kari --organisation 974760673 \
        --role procurement_officer --days 30 --name "ERP integration"
    heldigital token list [--user kari]
    heldigital token revoke hd_AbCdEfG

``issue`` prints the token once (only its SHA-256 is stored). Without
``--role`` the token gets every role the user holds in the organisation;
without ``--expires``/``--days`` it expires after ``HELDIGITAL_API_TOKEN_DAYS``
(90 by default). Exit status 2 when the grant is refused.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from heldigital.cli import django as dj

app = typer.Typer(help="API tokens: one user, one organisation, named roles.", no_args_is_help=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


@app.command()
def issue(
    user: Annotated[str, typer.Option("--user", help="Username of the token's user.")],
    organisation: Annotated[
        str, typer.Option("--organisation", help="Organisation number the token acts for.")
    ],
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "API",
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help="A role the token acts with (repeat); default: all held."),
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option("--expires", help="Expiry as ISO 8601 with a time zone offset."),
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", min=1, help="Expire this many days from now.")
    ] = None,
) -> None:
    """Issue a token and print it once."""
    dj.setup()
    from django.core.exceptions import ValidationError

    from heldigital.apps.accounts.models import ApiToken, Organisation, User, normalise_orgnr

    now = datetime.now(UTC)
    if expires is not None and days is not None:
        raise _fail("give --expires or --days, not both")
    expires_at = None
    if expires is not None:
        try:
            expires_at = datetime.fromisoformat(expires)
        except ValueError:
            raise _fail(f"--expires {expires!r} is not an ISO 8601 date and time") from None
        if expires_at.tzinfo is None:
            raise _fail("--expires needs a time zone offset, e.g. 2027-03-01T00:00:00+01:00")
    elif days is not None:
        expires_at = now + timedelta(days=days)
    found = User.objects.filter(username=user).first()
    if found is None:
        raise _fail(f"no user {user!r}")
    try:
        orgnr = normalise_orgnr(organisation)
    except ValidationError as exc:
        raise _fail(" ".join(exc.messages)) from None
    org = Organisation.objects.filter(orgnr=orgnr).first()
    if org is None:
        raise _fail(f"no organisation with organisation number {orgnr}")
    try:
        token, raw = ApiToken.issue(
            user=found, organisation=org, name=name, now=now, roles=role, expires_at=expires_at
        )
    except ValidationError as exc:
        raise _fail(" ".join(exc.messages)) from None
    typer.echo(
        f"Token {token.token_prefix}… for {found.get_username()} at {org.name} ({org.orgnr}), "
        f"roles {', '.join(token.roles)}, expires {token.expires_at.isoformat()}",
        err=True,
    )
    typer.echo(raw)


@app.command("list")
def list_tokens(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
) -> None:
    """List tokens (prefix, user, organisation, roles, expiry, state); never the secret."""
    dj.setup()
    from heldigital.apps.accounts.models import ApiToken

    now = datetime.now(UTC)
    tokens = ApiToken.objects.select_related("user", "organisation").order_by("created_at")
    if user is not None:
        tokens = tokens.filter(user__username=user)
    for token in tokens:
        typer.echo(
            "\t".join(
                [
                    token.token_prefix,
                    token.user.get_username(),
                    token.organisation.orgnr,
                    ",".join(token.roles),
                    token.expires_at.isoformat(),
                    str(token.state(now).value),
                    token.name,
                ]
            )
        )


@app.command()
def revoke(
    prefix: Annotated[str, typer.Argument(help="The token's prefix (as listed), e.g. hd_AbCdEfG.")],
) -> None:
    """Revoke the token with this prefix; it stops working at once."""
    dj.setup()
    from heldigital.apps.accounts.models import ApiToken

    matches = list(ApiToken.objects.filter(token_prefix=prefix, revoked_at__isnull=True))
    if len(matches) != 1:
        raise _fail(f"{len(matches)} unrevoked tokens have the prefix {prefix!r}; need exactly 1")
    matches[0].revoke(datetime.now(UTC))
    typer.echo(f"revoked {prefix}")
