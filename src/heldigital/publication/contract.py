"""The two notice-publication services and the API contract they share.

Sources (see docs/publication.md for what is assumed beyond them):

* TED Publication API, https://docs.ted.europa.eu/api/latest/publish.html
  and its endpoint reference
  https://docs.ted.europa.eu/api/endpoints/enotices2-ted-europa-eu-esenders.html:
  Bearer authentication with the TED API key; submit answers 201 with
  ``{"success": bool, "validationReportUrl": str}``; the notice list gives
  ``id``, ``versionId``, ``status``, ``publicationId``, ``publicationDate``;
  the validation report is SVRL.
* Doffin Notices API (DFØ, github.com/anskaffelser/eforms-sdk-nor, README
  and its issues #8, #32, #38): the same paths under ``/api/v2/notice``, the
  key in ``Ocp-Apim-Subscription-Key``, ``400 {"success": false}`` for a
  refused notice, and ``search-esentool?id=...&versionId=...`` for the status.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

__all__ = ["DOFFIN", "FINAL_STATUSES", "SERVICES", "TED", "Service", "business_id"]


@dataclass(frozen=True)
class Service:
    """Where and how one publication service is called."""

    name: str
    label: str
    production_url: str
    submit_path: str
    #: GET with ``id`` and ``versionId``: the caller's own notices matching them.
    search_path: str
    #: ``{business_id}`` is replaced by :func:`business_id`.
    report_path: str
    auth_header: str
    auth_scheme: str = ""

    def authorization(self, api_key: str) -> tuple[str, str]:
        value = f"{self.auth_scheme} {api_key}" if self.auth_scheme else api_key
        return self.auth_header, value


TED = Service(
    name="ted",
    label="TED",
    production_url="https://api.ted.europa.eu",
    submit_path="/v3/notices/submit",
    search_path="/v3/notices",
    report_path="/v3/notices/{business_id}/validation-report",
    auth_header="Authorization",
    auth_scheme="Bearer",
)

DOFFIN = Service(
    name="doffin",
    label="Doffin",
    production_url="https://api.doffin.no",
    submit_path="/api/v2/notice/notices/submit",
    search_path="/api/v2/notice/notices/search-esentool",
    report_path="/api/v2/notice/notices/{business_id}/validation-report",
    auth_header="Ocp-Apim-Subscription-Key",
)

SERVICES = {service.name: service for service in (TED, DOFFIN)}

#: Notice statuses after which nothing more happens at the service (TED's
#: ``NoticeStatus``; Doffin uses the same names).
FINAL_STATUSES = frozenset(
    {"PUBLISHED", "NOT_PUBLISHED", "STOPPED", "DELETED", "ARCHIVED", "VALIDATION_FAILED"}
)

_VERSION = re.compile(r"\d{2}")


def business_id(notice_id: uuid.UUID | str, version: str) -> str:
    """The notice's business id, ``{notice id}-{version}`` (BT-701 and BT-757).

    >>> business_id("0b9d8d5c-8a0e-4c7b-9f6a-2b1f0c3d4e5f", "01")
    '0b9d8d5c-8a0e-4c7b-9f6a-2b1f0c3d4e5f-01'
    """
    identifier = uuid.UUID(str(notice_id))
    if not _VERSION.fullmatch(version):
        raise ValueError(f"a notice version is two digits, not {version!r}")
    return f"{identifier}-{version}"
