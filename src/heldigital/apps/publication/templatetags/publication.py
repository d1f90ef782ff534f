"""``{% notice_sending procurement as lines %}``: the sending status of each notice."""

from __future__ import annotations

from typing import Any

from django import template

from heldigital.apps.publication import services

register = template.Library()


@register.simple_tag
def notice_sending(procurement: Any) -> list[services.Line]:
    return services.lines(procurement)
