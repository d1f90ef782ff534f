"""The AS4 endpoint: the raw body to :func:`services.receive`, its answer back."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from heldigital.apps.accesspoint import services


@csrf_exempt
@require_POST
def as4_endpoint(request: HttpRequest) -> HttpResponse:
    """Receive one AS4 user message: stored and delivered before the receipt is answered.

    A platform that runs no access point (``HELDIGITAL_AP_KEY`` and
    ``HELDIGITAL_AP_CERTIFICATE`` unset) has no AS4 endpoint: 404. One whose key
    is set but cannot be used answers 503 (:func:`services.receive`), so that
    senders retry once the operator has fixed it.
    """
    if not settings.HELDIGITAL_AP_KEY and not settings.HELDIGITAL_AP_CERTIFICATE:
        return HttpResponse(
            "this platform runs no access point",
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    limit = settings.HELDIGITAL_AP_MAX_REQUEST_BYTES
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > limit:
        return _answer(services.too_large(limit, now=timezone.now()))
    body = request.read(limit + 1)
    if len(body) > limit:
        return _answer(services.too_large(limit, now=timezone.now()))
    content_type = request.META.get("CONTENT_TYPE") or None
    return _answer(services.receive(body, content_type, now=timezone.now()))


def _answer(answer: services.Answer) -> HttpResponse:
    return HttpResponse(answer.body, status=answer.status, content_type=answer.content_type)
