"""Every e-mail the platform sends is composed here, in the recipient's language.

A notification is a :class:`Content` (subject, paragraphs, facts, sections
with tables, and the one link to the page where the recipient acts), built by
a function that is called once per language inside
:func:`django.utils.translation.override`, so every ``gettext`` in it is in
the recipient's language. :func:`compose` renders it through a named
template pair, ``notifications/<name>.txt`` and ``notifications/<name>.html``,
into an :class:`~django.core.mail.EmailMultiAlternatives`: the plain-text
body and an accessible HTML alternative (``lang`` attribute, real headings,
tables with ``th``/``scope``, dark text on white, a readable width, no
images). Neither part has underlined headings or pipe tables.

A person's language is :attr:`User.language <heldigital.apps.accounts.models.User.language>`
(set when they choose a language in the web UI); an organisation's own
address and people who never chose get the platform default
(``LANGUAGE_CODE``, bokmål). :func:`for_organisation` makes one message per
language, each to the addresses of that language only.

Links are absolute: ``HELDIGITAL_BASE_URL`` + the path from ``reverse()``
(:func:`absolute`). Messages are sent by the worker after commit
(:func:`heldigital.apps.common.send_on_commit`); the queue keeps the HTML
alternative (:mod:`heldigital.apps.jobs.mail`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from heldigital.apps.accounts.models import Organisation, Role, User

__all__ = [
    "Addressee",
    "Content",
    "Section",
    "Table",
    "absolute",
    "addressees",
    "compose",
    "for_organisation",
    "language_of",
    "languages",
    "plain",
]


@dataclass(frozen=True)
class Table:
    """A table: ``header`` names the columns (``th scope="col"``)."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""

    def labelled(self) -> list[list[tuple[str, str]]]:
        """Each row as (column name, cell) pairs: the table in the text part."""
        return [list(zip(self.header, row, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Section:
    """A part of the message under its own heading (``h2``)."""

    heading: str
    paragraphs: Sequence[str] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Content:
    """What one notification says, in one language."""

    subject: str
    paragraphs: Sequence[str] = ()
    #: Label and value pairs (``th scope="row"``), e.g. the procurement and the deadline.
    facts: Sequence[tuple[str, str]] = ()
    sections: Sequence[Section] = ()
    #: The page where the recipient acts: (link text, absolute URL).
    action: tuple[str, str] | None = None
    #: Quoted texts under a label, e.g. a question and its answer.
    quotes: Sequence[tuple[str, str]] = field(default_factory=tuple)
    #: The language of the sections when it is not the reader's (a letter as written).
    sections_language: str = ""


Build = Callable[[], Content]


def languages() -> list[str]:
    """The languages the platform speaks (``LANGUAGES``), the default first."""
    codes = [code for code, _name in settings.LANGUAGES]
    default = settings.LANGUAGE_CODE
    return [default, *[c for c in codes if c != default]]


def _known(language: str | None) -> str:
    return language if language in languages() else settings.LANGUAGE_CODE


def language_of(user: User | None) -> str:
    """The user's chosen language, else the platform default."""
    return _known(getattr(user, "language", "") if user is not None else None)


def base_url() -> str:
    """The platform's public address (setting ``HELDIGITAL_BASE_URL``)."""
    return str(getattr(settings, "HELDIGITAL_BASE_URL", "http://localhost:8000")).rstrip("/")


def absolute(path: str) -> str:
    """``path`` (from ``reverse()``) as an absolute link for an e-mail."""
    return base_url() + path


@dataclass(frozen=True)
class Addressee:
    email: str
    language: str


def addressees(organisation: Organisation, roles: Iterable[str]) -> list[Addressee]:
    """The active members of ``organisation`` with one of ``roles`` that have an
    address, each in their language, and the organisation's own address (default
    language); each address once, sorted."""
    found: dict[str, str] = {}
    memberships = (
        organisation.memberships.filter(role__in=list(roles), user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    for membership in memberships:
        if membership.user.email:
            found.setdefault(membership.user.email, language_of(membership.user))
    if organisation.email:
        found.setdefault(organisation.email, settings.LANGUAGE_CODE)
    return [Addressee(email, found[email]) for email in sorted(found)]


def _tidy(text: str) -> str:
    """Template whitespace out of the text part: no trailing spaces, one blank line."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _render(build: Build, language: str, template: str) -> tuple[Content, str, str]:
    with translation.override(language):
        content = build()
        context = {"content": content, "language": language, "site": base_url()}
        text = _tidy(render_to_string(f"notifications/{template}.txt", context))
        html = render_to_string(f"notifications/{template}.html", context)
    return content, text, html


def compose(
    build: Build,
    *,
    to: Sequence[str],
    language: str,
    template: str = "message",
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> EmailMultiAlternatives:
    """The e-mail of ``build()`` in ``language``: text body, HTML alternative."""
    content, text, html = _render(build, _known(language), template)
    message = EmailMultiAlternatives(
        subject=content.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    return message


def for_organisation(
    organisation: Organisation,
    build: Build,
    *,
    roles: Iterable[str] = (Role.SUPPLIER_USER,),
    template: str = "message",
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> list[EmailMultiAlternatives]:
    """One message per language to ``organisation`` (see :func:`addressees`).

    Organisations never see each other's addresses: each message goes to one
    organisation only.
    """
    by_language: dict[str, list[str]] = {}
    for addressee in addressees(organisation, roles):
        by_language.setdefault(addressee.language, []).append(addressee.email)
    return [
        compose(build, to=emails, language=language, template=template, attachments=attachments)
        for language, emails in sorted(by_language.items())
    ]


def plain(build: Build, template: str = "message") -> tuple[str, str]:
    """Subject and text in the active language (the notification shown in the platform)."""
    language = _known(translation.get_language())
    content, text, _html = _render(build, language, template)
    return content.subject, text
