"""Template filters of the web UI."""

from __future__ import annotations

from django import template

from heldigital.apps.accounts.models import Role

register = template.Library()


@register.filter
def role_label(role: str) -> str:
    """The translated label of a membership role code (``opener`` → "Åpner")."""
    try:
        return str(Role(role).label)
    except ValueError:
        return role


@register.filter
def hash_prefix(value: str, length: int = 12) -> str:
    """The first characters of a hex digest, enough to compare by eye."""
    return value[:length]
