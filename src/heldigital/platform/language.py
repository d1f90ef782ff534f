"""Choosing a language also remembers it for the person's e-mails.

Django's ``set_language`` view sets the language cookie; for a logged-in
user the choice is stored on :attr:`User.language
<heldigital.apps.accounts.models.User.language>` too, so the notifications
the worker sends later (heldigital.apps.notifications) are in that language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    code = request.POST.get("language", "")
    user = request.user
    if (
        user.is_authenticated
        and code in {c for c, _name in settings.LANGUAGES}
        and getattr(user, "language", code) != code
    ):
        user.language = code  # type: ignore[union-attr]
        user.save(update_fields=["language"])  # type: ignore[union-attr]
    return response
