"""The Peppol SMP 1.x REST interface, the Peppol Directory business card, the statistics page.

``GET /{participant}`` is the service group and
``GET /{participant}/services/{document type}`` the signed service metadata
(Peppol SMP 1.x, 3.2), with both identifiers in their percent-encoded
``scheme::value`` form - at the root of the site, so that the legacy SML
name ``http://B-<md5>.<scheme>.<zone>/<participant>`` reaches them too.
``GET /businesscard/{participant}`` is the Peppol Directory business card.
Participant values are matched case-insensitively (their canonical form is
lower case), schemes and document types exactly (Policy for use of
Identifiers 4.x, POLICY 2). Unknown or malformed identifiers are 404.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from heldigital.apps.smp import services
from heldigital.peppol.identifiers import (
    DocumentTypeIdentifier,
    InvalidIdentifier,
    ParticipantIdentifier,
)

logger = logging.getLogger(__name__)

#: The media type of SMP responses.
XML = "text/xml; charset=UTF-8"


def _text(status: int, message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=UTF-8")


def _participant(text: str) -> services.Participant | None:
    try:
        return services.find(ParticipantIdentifier.parse(text))
    except InvalidIdentifier:
        return None


@require_safe
def service_group(request: HttpRequest, participant: str) -> HttpResponse:
    found = _participant(participant)
    if found is None:
        return _text(404, "Unknown participant.")
    base = request.build_absolute_uri("/")
    return HttpResponse(services.service_group_xml(found, base_url=base), content_type=XML)


@require_safe
def service_metadata(request: HttpRequest, participant: str, document_type: str) -> HttpResponse:
    found = _participant(participant)
    if found is None:
        return _text(404, "Unknown participant.")
    try:
        identifier = DocumentTypeIdentifier.parse(document_type)
    except InvalidIdentifier:
        return _text(404, "Unknown document type.")
    try:
        signing = services.signer()
    except services.NotConfigured as exc:
        logger.error("SMP service metadata cannot be signed: %s", exc)
        return _text(503, "The SMP signing key is not configured.")
    data = services.service_metadata_xml(found, identifier, signing=signing)
    if data is None:
        return _text(404, "The participant does not receive this document type.")
    return HttpResponse(data, content_type=XML)


@require_safe
def business_card(request: HttpRequest, participant: str) -> HttpResponse:
    found = _participant(participant)
    data = services.business_card_xml(found) if found is not None else None
    if data is None:
        return _text(404, "No business card for this participant.")
    return HttpResponse(data, content_type=XML)


@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    """Who can receive what: participants per document type family (public page)."""
    figures = services.statistics(now=timezone.now())
    return render(request, "smp/statistics.html", {"statistics": figures})


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """Search the register: who is it, and what can it receive now (public, as ELMA's search)."""
    query = request.GET.get("q", "")
    entries = services.search(query, now=timezone.now()) if query.strip() else None
    return render(
        request,
        "smp/register.html",
        {"query": query[:200], "entries": entries, "limit": services.SEARCH_LIMIT},
    )
