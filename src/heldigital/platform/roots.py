"""The sealed daily roots of the protocol, published for anyone to archive.

``GET /ledger/roots.json`` and ``GET /ledger/roots.atom`` (Atom, RFC 4287),
no login. Each entry is one sealed UTC day (:mod:`heldigital.ledger.roots`):
the day, its root, the Merkle root of the chain heads, the previous day's
root, the number of chains and when it was sealed. A root fixes every
event recorded before the end of its day; whoever keeps a copy - a
supplier, a journalist, the Internet Archive, a complaints board - can
later prove that the protocol was changed after that day
(``docs/sealing.md``). The series is chained (each root commits to the
previous one), so one archived root vouches for all days before it.

Entry ids are stable: ``{HELDIGITAL_BASE_URL}/ledger/roots.json#{day}``;
a day's entry never changes once published (sealed days are append-only).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree

from heldigital.apps.protocol.models import DailyRoot
from heldigital.ledger import format_time

ATOM = "http://www.w3.org/2005/Atom"
#: Atom entries: the latest days (the JSON document has every day).
FEED_ENTRIES = 100
#: Caches may keep the lists for a few minutes; a new root appears once a day.
CACHE_CONTROL = "public, max-age=300"


def _item(row: DailyRoot) -> dict[str, Any]:
    return {
        "day": row.day.isoformat(),
        "root": row.root,
        "merkle_root": row.merkle_root,
        "previous_root": row.previous_root,
        "chains": row.chains,
        "sealed_at": format_time(row.sealed_at),
    }


def _base() -> str:
    return str(settings.HELDIGITAL_BASE_URL).rstrip("/")


@require_GET
def roots_json(request: HttpRequest) -> JsonResponse:
    """Every sealed day, oldest first."""
    rows = DailyRoot.objects.order_by("day")
    response = JsonResponse(
        {
            "description": "Sealed daily roots of the Heldigital procurement protocol "
            "(SHA-256 hash chains per procurement, RFC 6962 Merkle tree of the chain heads "
            "at the end of each UTC day, each root chained to the previous one).",
            "atom": f"{_base()}/ledger/roots.atom",
            "roots": [_item(row) for row in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _text(parent: etree._Element, name: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
    element.text = text
    return element


@require_GET
def roots_atom(request: HttpRequest) -> HttpResponse:
    """The latest sealed days as an Atom feed, newest first."""
    rows = list(DailyRoot.objects.order_by("-day")[:FEED_ENTRIES])
    base = _base()
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _text(feed, "id", f"{base}/ledger/roots.atom")
    _text(feed, "title", "Heldigital protocol: sealed daily roots")
    _text(feed, "updated", format_time(rows[0].sealed_at) if rows else "1970-01-01T00:00:00Z")
    author = etree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Heldigital")
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/ledger/roots.atom")
    etree.SubElement(
        feed,
        f"{{{ATOM}}}link",
        rel="alternate",
        type="application/json",
        href=f"{base}/ledger/roots.json",
    )
    for row in rows:
        item = _item(row)
        entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{base}/ledger/roots.json#{item['day']}")
        _text(entry, "title", f"Protocol root {item['day']}")
        _text(entry, "updated", item["sealed_at"])
        etree.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/ledger/roots.json"
        )
        _text(
            entry,
            "content",
            "\n".join(f"{key}: {value}" for key, value in item.items()),
            type="text",
        )
    body = etree.tostring(feed, xml_declaration=True, encoding="UTF-8")
    response = HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
    response["Cache-Control"] = CACHE_CONTROL
    return response
