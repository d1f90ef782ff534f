"""``{{ code|espd_name }}``: an ESPD criterion's name in the active language.

English is the official taxonomy's name, Norwegian the project's translation
(:mod:`heldigital.espd.names`); an unknown code is shown as it is.
"""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from heldigital.espd import names

register = template.Library()


@register.filter
def espd_name(code: str) -> str:
    try:
        return names.name(str(code), get_language() or "nb")
    except KeyError:
        return str(code)
