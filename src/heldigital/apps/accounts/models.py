"""Account models: organisations, users, memberships with roles, API tokens.

An :class:`Organisation` is a legal entity registered in the Norwegian
Central Coordinating Register for Legal Entities (Enhetsregisteret) and
identified by its nine-digit organisation number (*organisasjonsnummer*).
On the PEPPOL network the same entity is addressed with the ISO 6523 ICD
``0192`` (Enhetsregisteret, Brønnøysundregistrene) followed by the
organisation number, in the participant identifier scheme
``iso6523-actorid-upis`` (PEPPOL Policy for use of Identifiers 4.x,
POLICY 1 and POLICY 7).

A person (:class:`User`) acts for an organisation through a
:class:`Membership` carrying one role; a person may hold several roles in
several organisations. Which roles an organisation can grant depends on its
kind (see :data:`ROLES_BY_KIND`).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.no import orgnr as stdnum_orgnr

#: ISO 6523 ICD of Enhetsregisteret (Norwegian organisation number).
ORGNR_ICD = "0192"
#: PEPPOL participant identifier scheme for ISO 6523 based identifiers.
PEPPOL_PARTICIPANT_SCHEME = "iso6523-actorid-upis"


class User(AbstractUser):
    """A person who logs in. Organisation membership and roles are separate."""

    #: The language the person reads the platform and its e-mails in (a code of
    #: ``LANGUAGES``); empty: the default, bokmål. Set when they choose a language.
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


def normalise_orgnr(value: str) -> str:
    """Return the compact form of a Norwegian organisation number.

    Validation (length, digits, modulus-11 check digit) is python-stdnum's
    :mod:`stdnum.no.orgnr`. Raises :class:`django.core.exceptions.ValidationError`
    with a translated message for bad input.
    """
    try:
        return str(stdnum_orgnr.validate(value))
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("%(value)s is not a valid organisation number: the check digit is wrong."),
            code="invalid_checksum",
            params={"value": value},
        ) from exc
    except stdnum_exceptions.InvalidLength as exc:
        raise ValidationError(
            _("%(value)s is not a valid organisation number: it must have nine digits."),
            code="invalid_length",
            params={"value": value},
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(
            _("%(value)s is not a valid organisation number: only digits are allowed."),
            code="invalid_format",
            params={"value": value},
        ) from exc


def validate_orgnr(value: str) -> None:
    """Django field validator wrapping :func:`normalise_orgnr`."""
    normalise_orgnr(value)


class OrganisationKind(models.TextChoices):
    PUBLIC_BODY = "public_body", _("Public body")
    SUPPLIER = "supplier", _("Supplier")


class Role(models.TextChoices):
    BUYER_ADMIN = "buyer_admin", _("Buyer administrator")
    PROCUREMENT_OFFICER = "procurement_officer", _("Procurement officer")
    OPENER = "opener", _("Opener")
    APPROVER = "approver", _("Approver")
    EVALUATOR = "evaluator", _("Evaluator")
    SUPPLIER_USER = "supplier_user", _("Supplier user")
    AUDITOR = "auditor", _("Auditor")
    REQUESTER = "requester", _("Requester (orders)")
    RECEIVER = "receiver", _("Goods receiver")


#: Roles that act for a contracting authority (the buyer side).
BUYER_ROLES: frozenset[str] = frozenset(
    {
        Role.BUYER_ADMIN,
        Role.PROCUREMENT_OFFICER,
        Role.OPENER,
        Role.APPROVER,
        Role.EVALUATOR,
    }
)
#: Roles of contract follow-up at a contracting authority (the ``ordering`` app): they
#: order and receive goods under concluded contracts and see nothing of the tendering.
FOLLOW_UP_ROLES: frozenset[str] = frozenset({Role.REQUESTER, Role.RECEIVER})

#: Which roles an organisation of each kind may grant. Auditors may sit in any
#: organisation (internal control on either side).
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganisationKind.PUBLIC_BODY: BUYER_ROLES | FOLLOW_UP_ROLES | {Role.AUDITOR},
    OrganisationKind.SUPPLIER: frozenset({Role.SUPPLIER_USER, Role.AUDITOR}),
}


def role_allowed(kind: str, role: str) -> bool:
    """Whether an organisation of ``kind`` may grant ``role``."""
    return role in ROLES_BY_KIND.get(kind, frozenset())


class Organisation(models.Model):
    """A public body or a supplier, identified by its organisation number."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    orgnr = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        validators=[validate_orgnr],
        help_text=_("Nine digits, from Enhetsregisteret."),
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.orgnr})"

    def clean_fields(self, exclude: object = None) -> None:
        # Compact first so that "974 760 673" passes the nine-character limit;
        # the field validator then checks the number itself.
        if self.orgnr:
            self.orgnr = stdnum_orgnr.compact(self.orgnr)
        super().clean_fields(exclude=exclude)  # type: ignore[arg-type]

    def save(self, *args: object, **kwargs: object) -> None:
        # The number is stored compact ("974760673", never "974 760 673") so
        # that lookups by PEPPOL identifier and uniqueness are exact.
        self.orgnr = normalise_orgnr(self.orgnr)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def members_with_roles(self) -> list[tuple[User, list[str]]]:
        """Each member of the organisation (by name) with the roles they hold here."""
        grouped: dict[int, tuple[User, list[str]]] = {}
        for membership in self.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__username", "role"
        ):
            grouped.setdefault(membership.user_id, (membership.user, []))[1].append(membership.role)
        return list(grouped.values())

    def supplier_addresses(self) -> tuple[str, ...]:
        """Where a supplier is written to: the e-mail addresses of its active supplier
        users and the organisation's own address, sorted, each once."""
        emails = {
            email
            for email in self.memberships.filter(
                role=Role.SUPPLIER_USER, user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
        if self.email:
            emails.add(self.email)
        return tuple(sorted(emails))

    @property
    def orgnr_display(self) -> str:
        """The number grouped for reading, e.g. ``974 760 673``."""
        return str(stdnum_orgnr.format(self.orgnr))

    @property
    def peppol_id(self) -> str:
        """PEPPOL participant identifier value, e.g. ``0192:974760673``."""
        return f"{ORGNR_ICD}:{self.orgnr}"

    @property
    def peppol_scheme(self) -> str:
        """PEPPOL participant identifier scheme (``iso6523-actorid-upis``)."""
        return PEPPOL_PARTICIPANT_SCHEME

    @property
    def peppol_participant(self) -> str:
        """Scheme-qualified identifier, e.g. ``iso6523-actorid-upis::0192:974760673``."""
        return f"{PEPPOL_PARTICIPANT_SCHEME}::{self.peppol_id}"


class Membership(models.Model):
    """One role a user holds in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="accounts_membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation.name}"

    def clean(self) -> None:
        super().clean()
        if self.organisation_id is not None and not role_allowed(self.organisation.kind, self.role):
            raise ValidationError(
                {
                    "role": _(
                        "The role %(role)s cannot be given in an organisation of kind %(kind)s."
                    )
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organisation.get_kind_display(),
                    }
                },
                code="role_not_allowed",
            )

    def save(self, *args: object, **kwargs: object) -> None:
        # Enforced on every save, not only in forms: a supplier user inside a
        # public body would leak sealed tenders.
        self.clean()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def hash_token(raw: str) -> str:
    """SHA-256 hex digest of a raw API token (the only form that is stored)."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


#: Prefix of every raw token, so that leaked tokens are recognisable by
#: secret scanners and by people.
TOKEN_PREFIX = "hd_"  # noqa: S105 - a public prefix, not a secret


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self, now: datetime) -> ApiTokenQuerySet:
        """Tokens that are neither revoked nor expired at ``now``, of active users."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


def default_token_lifetime() -> timedelta:
    """How long a token is valid when no expiry is given (``HELDIGITAL_API_TOKEN_DAYS``)."""
    return timedelta(days=int(getattr(settings, "HELDIGITAL_API_TOKEN_DAYS", 90)))


class TokenState(models.TextChoices):
    ACTIVE = "active", _("active")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


#: How precisely :attr:`ApiToken.last_used_at` follows the token's use.
LAST_USE_RESOLUTION = timedelta(minutes=1)


class ApiToken(models.Model):
    """A bearer token for system-to-system use of the API.

    The token acts for one user within one organisation, with named roles:
    a subset of the roles the user held there when it was issued. At each
    use the roles are intersected with the roles the user holds *now*
    (:func:`heldigital.apps.accounts.access.token_principal`), so removing a
    membership or a role takes the same power from the token at once. It
    expires (:attr:`expires_at`, by default :func:`default_token_lifetime`
    after issue) and can be revoked. Only the SHA-256 hash of the token is
    stored; the token itself is shown once, when it is issued (:meth:`issue`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    roles = models.JSONField(
        _("roles"),
        default=list,
        help_text=_("The roles the token acts with (a subset of the user's roles here)."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for."))
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(
        _("token prefix"),
        max_length=12,
        editable=False,
        help_text=_("The first characters of the token, to recognise it."),
    )
    created_at = models.DateTimeField(_("created"), editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    def state(self, now: datetime) -> TokenState:
        """Whether the token is active, expired or revoked at ``now``."""
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if now >= self.expires_at:
            return TokenState.EXPIRED
        return TokenState.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def assign_new_secret(self, now: datetime) -> str:
        """Generate a new secret for this (unsaved) token and return it.

        The caller shows the returned value once; it cannot be recovered.
        """
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.token_hash = hash_token(raw)
        self.token_prefix = raw[:10]
        self.created_at = now
        return raw

    @staticmethod
    def check_grant(
        *,
        user: User,
        organisation: Organisation,
        roles: Iterable[str] | None,
        expires_at: datetime | None,
        now: datetime,
    ) -> tuple[list[str], datetime]:
        """The roles and expiry a new token gets; :class:`ValidationError` if not allowed.

        ``roles`` must be roles the user holds in ``organisation`` now
        (``None``: all of them); ``expires_at`` must be after ``now``
        (``None``: ``now`` plus :func:`default_token_lifetime`).
        """
        held = set(
            Membership.objects.filter(user=user, organisation=organisation).values_list(
                "role", flat=True
            )
        )
        if not held:
            raise ValidationError(
                _("%(user)s is not a member of %(organisation)s.")
                % {"user": user.get_username(), "organisation": organisation.name},
                code="not_member",
            )
        wanted = held if roles is None else set(roles)
        if not wanted:
            raise ValidationError(_("A token needs at least one role."), code="no_roles")
        missing = sorted(wanted - held)
        if missing:
            raise ValidationError(
                _("%(user)s does not hold the role(s) %(roles)s in %(organisation)s.")
                % {
                    "user": user.get_username(),
                    "roles": ", ".join(missing),
                    "organisation": organisation.name,
                },
                code="role_not_held",
            )
        if expires_at is None:
            expires_at = now + default_token_lifetime()
        if expires_at.tzinfo is None or expires_at <= now:
            raise ValidationError(
                _("The expiry must be a time zone aware moment after now."), code="expiry"
            )
        return sorted(wanted), expires_at

    @classmethod
    def issue(
        cls,
        *,
        user: User,
        organisation: Organisation,
        name: str,
        now: datetime,
        roles: Iterable[str] | None = None,
        expires_at: datetime | None = None,
    ) -> tuple[ApiToken, str]:
        """Create a token for ``user`` in ``organisation`` with ``roles`` until ``expires_at``.

        Returns the saved token and the raw secret. See :meth:`check_grant`
        for the defaults and what is refused.
        """
        granted, expiry = cls.check_grant(
            user=user, organisation=organisation, roles=roles, expires_at=expires_at, now=now
        )
        token = cls(
            user=user, organisation=organisation, name=name, roles=granted, expires_at=expiry
        )
        raw = token.assign_new_secret(now)
        token.save()
        return token, raw

    @classmethod
    def find(cls, raw: str) -> ApiToken | None:
        """The token (in whatever state) whose secret is ``raw``; ``None`` if unknown."""
        if not raw.startswith(TOKEN_PREFIX):
            return None
        return (
            cls.objects.select_related("user", "organisation")
            .filter(token_hash=hash_token(raw))
            .first()
        )

    @classmethod
    def authenticate(cls, raw: str, now: datetime) -> ApiToken | None:
        """The active token matching ``raw``, with its last use recorded; else ``None``."""
        token = cls.find(raw)
        if token is None or token.state(now) != TokenState.ACTIVE or not token.user.is_active:
            return None
        token.mark_used(now)
        return token

    def mark_used(self, now: datetime) -> None:
        """Record a use at ``now``, to the minute: a token used again within
        :data:`LAST_USE_RESOLUTION` of its recorded use is not written again
        (a supplier uploading a tender sends a request per chunk; each write
        would be a commit, a WAL flush, on every request)."""
        if self.last_used_at is not None and (
            self.last_used_at <= now < self.last_used_at + LAST_USE_RESOLUTION
        ):
            return
        type(self).objects.filter(pk=self.pk).update(last_used_at=now)
        self.last_used_at = now

    def revoke(self, now: datetime) -> None:
        """Revoke the token; it stops working at once and cannot be restored."""
        if self.revoked_at is None:
            self.revoked_at = now
            self.save(update_fields=["revoked_at"])
