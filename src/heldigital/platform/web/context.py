"""Template context for every page: the organisation the session acts for.

The organisation switcher in the page header (``web/base.html``) needs the
acting organisation and the user's other organisations; the menu shows the
document exchange to those who may read it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heldigital.apps.accounts.access import session_principal, user_organisations
from heldigital.apps.exchange.services import can_read as can_read_documents


def acting_organisation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    principal = session_principal(request)
    return {
        "acting_organisation": principal.organisation,
        "acting_roles": sorted(principal.roles),
        "my_organisations": user_organisations(user),
        "can_exchange": can_read_documents(principal),
    }
